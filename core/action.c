/* action.c: storing and listing QBR follow-up actions. */
#include "action.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "audit.h"
#include "xalloc.h"

static const char sql_insert[] =
	"INSERT INTO action(partner_id, text, owner, due, status, created, indicator,"
	" meeting_id, closed) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8,"
	" CASE WHEN ?5 = 'open' THEN NULL ELSE ?6 END)";
static const char sql_same[] =
	"SELECT id, owner, coalesce(due, ''), status FROM action WHERE partner_id = ?1"
	" AND text = ?2 AND created = ?3 ORDER BY id LIMIT 1";
static const char sql_update[] =
	"UPDATE action SET owner = CASE WHEN ?5 & 1 THEN owner ELSE ?2 END,"
	" due = CASE WHEN ?5 & 2 THEN due ELSE ?3 END,"
	" status = CASE WHEN ?5 & 4 THEN status ELSE ?4 END WHERE id = ?1";
static const char sql_status[] =
	"UPDATE action SET status = ?2,"
	" closed = CASE WHEN ?2 = 'open' THEN NULL ELSE coalesce(?4, closed, ?3) END"
	" WHERE id = ?1";
static const char sql_edit[] =
	"UPDATE action SET text = ?2, owner = ?3, due = ?4 WHERE id = ?1";
static const char sql_get[] =
	"SELECT partner_id, text, owner, coalesce(due, ''), status FROM action WHERE id = ?1";
static const char sql_list[] =
	"SELECT id, partner_id, text, owner, due, status, created, indicator,"
	" meeting_id, closed FROM action"
	" WHERE (?1 = 0 OR partner_id = ?1) AND (?2 = 0 OR status = 'open')"
	" ORDER BY due IS NULL, due, id";

static const char *const status_names[] = { "open", "done", "dropped" };

const char *action_status_name(enum action_status s) { return status_names[s]; }

/* An action's state as audit text: "open, owner X, due D". */
static void describe(char *buf, size_t n, const char *status, const char *owner,
		     const char *due)
{
	snprintf(buf, n, "%s%s%.80s%s%s", status, owner && *owner ? ", owner " : "",
		 owner ? owner : "", due && *due ? ", due " : "", due ? due : "");
}

int action_status_parse(const char *s, enum action_status *out)
{
	int i;

	for (i = 0; s && i < 3; i++)
		if (strcmp(s, status_names[i]) == 0) {
			*out = (enum action_status)i;
			return 0;
		}
	return BPW_EINVAL;
}

int action_add(struct store *st, const struct follow_up *a, int64_t *id,
	       struct bpw_error *err)
{
	char today[DATE_LEN];
	sqlite3_stmt *q;
	bool own;
	int rc;

	if (a->text == NULL || *a->text == '\0')
		return bpw_error_set(err, BPW_EINVAL, "action has no text");
	if (a->due[0] && !date_valid(a->due))
		return bpw_error_set(err, BPW_EINVAL,
				     "due date %s is not a date (YYYY-MM-DD)", a->due);
	if (a->created[0] && !date_valid(a->created))
		return bpw_error_set(err, BPW_EINVAL,
				     "created date %s is not a date (YYYY-MM-DD)",
				     a->created);
	if ((unsigned)a->status > ACTION_DROPPED)
		return bpw_error_set(err, BPW_EINVAL, "unknown action status");
	date_today(today);
	rc = store_tx_enter(st, &own, err);
	if (rc != 0)
		return rc;
	rc = store_cached(st, sql_insert, &q, err);
	if (rc == 0) {
		sqlite3_bind_int64(q, 1, a->partner_id);
		store_bind_text(q, 2, a->text, false);
		store_bind_text(q, 3, a->owner ? a->owner : "", false);
		store_bind_text(q, 4, a->due, true);
		store_bind_text(q, 5, status_names[a->status], false);
		store_bind_text(q, 6, a->created[0] ? a->created : today, false);
		store_bind_text(q, 7, a->indicator ? a->indicator : "", false);
		if (a->meeting_id)
			sqlite3_bind_int64(q, 8, a->meeting_id);
		else
			sqlite3_bind_null(q, 8);
		rc = sqlite3_step(q);
		sqlite3_reset(q);
		if (rc == SQLITE_DONE) {
			int64_t new_id = sqlite3_last_insert_rowid(store_db(st));
			char state[200];

			describe(state, sizeof(state), status_names[a->status], a->owner,
				 a->due);
			rc = audit_appendf(st, "action", a->partner_id, NULL, state, err,
					   "action #%lld: %s", (long long)new_id, a->text);
			if (id)
				*id = new_id;
		} else if (rc == SQLITE_CONSTRAINT_FOREIGNKEY) {
			rc = bpw_error_set(err, BPW_ECONSTRAINT,
					   "no partner with id %lld",
					   (long long)a->partner_id);
		} else {
			rc = store_fail(st, rc, err, "cannot save action");
		}
	}
	return store_tx_leave(st, own, rc, err);
}

/* The action with a's identity: its id (0: none) and whether its owner,
 * due date and status (those not in keep) are a's. */
static int find_same(struct store *st, const struct follow_up *a,
		     const char *created, unsigned keep, int64_t *id,
		     bool *same, char *state, size_t n, struct bpw_error *err)
{
	sqlite3_stmt *q;
	int rc = store_cached(st, sql_same, &q, err);

	*id = 0;
	if (rc != 0)
		return rc;
	sqlite3_bind_int64(q, 1, a->partner_id);
	store_bind_text(q, 2, a->text, false);
	store_bind_text(q, 3, created, false);
	rc = sqlite3_step(q);
	if (rc == SQLITE_ROW) {
		*id = sqlite3_column_int64(q, 0);
		describe(state, n, (const char *)sqlite3_column_text(q, 3),
			 (const char *)sqlite3_column_text(q, 1),
			 (const char *)sqlite3_column_text(q, 2));
		*same = ((keep & ACTION_KEEP_OWNER) ||
			 strcmp((const char *)sqlite3_column_text(q, 1),
				a->owner ? a->owner : "") == 0) &&
			((keep & ACTION_KEEP_DUE) ||
			 strcmp((const char *)sqlite3_column_text(q, 2), a->due) == 0) &&
			((keep & ACTION_KEEP_STATUS) ||
			 strcmp((const char *)sqlite3_column_text(q, 3),
				status_names[a->status]) == 0);
		rc = 0;
	} else if (rc == SQLITE_DONE) {
		rc = 0;
	} else {
		rc = store_fail(st, rc, err, "cannot read actions");
	}
	sqlite3_reset(q);
	return rc;
}

/* Action id as audit text (see describe); its partner and text go to *a
 * when a is not NULL (the caller clears a). */
static int action_state(struct store *st, int64_t id, struct follow_up *a,
			char *buf, size_t n, struct bpw_error *err)
{
	sqlite3_stmt *q;
	int rc = store_cached(st, sql_get, &q, err);

	if (rc != 0)
		return rc;
	sqlite3_bind_int64(q, 1, id);
	rc = sqlite3_step(q);
	if (rc == SQLITE_ROW) {
		describe(buf, n, (const char *)sqlite3_column_text(q, 4),
			 (const char *)sqlite3_column_text(q, 2),
			 (const char *)sqlite3_column_text(q, 3));
		if (a) {
			const struct store_text_col text = { 1, &a->text, false };

			a->partner_id = sqlite3_column_int64(q, 0);
			a->strings = store_column_texts(q, &text, 1);
		}
		rc = 0;
	} else {
		rc = rc == SQLITE_DONE ? bpw_error_set(err, BPW_ENOENT, "no action with "
						       "id %lld", (long long)id)
				       : store_fail(st, rc, err, "cannot read actions");
	}
	sqlite3_reset(q);
	return rc;
}

int action_upsert(struct store *st, const struct follow_up *a, unsigned keep,
		  enum upsert_result *res, struct bpw_error *err)
{
	char created[DATE_LEN], was[200] = "", now[200];
	sqlite3_stmt *q;
	int64_t id;
	bool own, same = false;
	int rc;

	if ((unsigned)a->status > ACTION_DROPPED)
		return bpw_error_set(err, BPW_EINVAL, "unknown action status");
	if (a->created[0])
		snprintf(created, sizeof(created), "%s", a->created);
	else
		date_today(created);
	rc = store_tx_enter(st, &own, err);
	if (rc == 0)
		rc = find_same(st, a, created, keep, &id, &same, was, sizeof(was), err);
	if (rc == 0 && id == 0) {
		rc = action_add(st, a, NULL, err);
		*res = UPSERT_INSERTED;
	} else if (rc == 0 && same) {
		*res = UPSERT_UNCHANGED;
	} else if (rc == 0 && (rc = store_cached(st, sql_update, &q, err)) == 0) {
		sqlite3_bind_int64(q, 1, id);
		store_bind_text(q, 2, a->owner ? a->owner : "", false);
		store_bind_text(q, 3, a->due, true);
		store_bind_text(q, 4, status_names[a->status], false);
		sqlite3_bind_int(q, 5, (int)keep);
		rc = sqlite3_step(q);
		sqlite3_reset(q);
		rc = rc == SQLITE_DONE ? 0 : store_fail(st, rc, err, "cannot save action");
		if (rc == 0 && (rc = action_state(st, id, NULL, now, sizeof(now), err)) == 0)
			rc = audit_appendf(st, "action", a->partner_id, was, now, err,
					   "action #%lld: %s", (long long)id, a->text);
		*res = UPSERT_UPDATED;
	}
	return store_tx_leave(st, own, rc, err);
}

/* Sets the status of action id; a closed one gets closed as its day when
 * given, else keeps its day or gets today. */
static int set_status(struct store *st, int64_t id, enum action_status status,
		      const char *closed, struct bpw_error *err)
{
	struct follow_up a = { 0 };
	char was[200], now[200];
	sqlite3_stmt *q;
	bool own;
	int rc;

	if ((unsigned)status > ACTION_DROPPED)
		return bpw_error_set(err, BPW_EINVAL, "unknown action status");
	if (closed && *closed && !date_valid(closed))
		return bpw_error_set(err, BPW_EINVAL, "%s is not a date (YYYY-MM-DD)", closed);
	rc = store_tx_enter(st, &own, err);
	if (rc != 0)
		return rc;
	rc = action_state(st, id, &a, was, sizeof(was), err);
	if (rc == 0)
		rc = store_cached(st, sql_status, &q, err);
	if (rc == 0) {
		char today[DATE_LEN];

		date_today(today);
		sqlite3_bind_int64(q, 1, id);
		store_bind_text(q, 2, status_names[status], false);
		store_bind_text(q, 3, today, false);
		store_bind_text(q, 4, closed && *closed ? closed : NULL, true);
		rc = sqlite3_step(q);
		sqlite3_reset(q);
		rc = rc == SQLITE_DONE ? 0 : store_fail(st, rc, err, "cannot update action");
	}
	if (rc == 0)
		rc = action_state(st, id, NULL, now, sizeof(now), err);
	if (rc == 0 && strcmp(was, now) != 0)
		rc = audit_appendf(st, "action", a.partner_id, was, now, err,
				   "action #%lld: %s", (long long)id, a.text);
	action_clear(&a);
	return store_tx_leave(st, own, rc, err);
}

int action_set_status(struct store *st, int64_t id, enum action_status status,
		      struct bpw_error *err)
{
	return set_status(st, id, status, NULL, err);
}

int action_restore_status(struct store *st, int64_t id, enum action_status status,
			  const char *closed, struct bpw_error *err)
{
	return set_status(st, id, status, closed, err);
}

int action_edit(struct store *st, int64_t id, const char *text, const char *owner,
		const char *due, struct bpw_error *err)
{
	struct follow_up a = { 0 };
	char was[200], now[200];
	sqlite3_stmt *q;
	bool own;
	int rc;

	if (text == NULL || *text == '\0')
		return bpw_error_set(err, BPW_EINVAL, "action has no text");
	if (due && *due && !date_valid(due))
		return bpw_error_set(err, BPW_EINVAL, "due date %s is not a date (YYYY-MM-DD)",
				     due);
	rc = store_tx_enter(st, &own, err);
	if (rc != 0)
		return rc;
	rc = action_state(st, id, &a, was, sizeof(was), err);
	if (rc == 0)
		rc = store_cached(st, sql_edit, &q, err);
	if (rc == 0) {
		sqlite3_bind_int64(q, 1, id);
		store_bind_text(q, 2, text, false);
		store_bind_text(q, 3, owner ? owner : "", false);
		store_bind_text(q, 4, due && *due ? due : NULL, true);
		rc = sqlite3_step(q);
		sqlite3_reset(q);
		rc = rc == SQLITE_DONE ? 0 : store_fail(st, rc, err, "cannot update action");
	}
	if (rc == 0 && strcmp(a.text, text) != 0)
		rc = audit_appendf(st, "action", a.partner_id, a.text, text, err,
				   "action #%lld: text", (long long)id);
	if (rc == 0)
		rc = action_state(st, id, NULL, now, sizeof(now), err);
	if (rc == 0 && strcmp(was, now) != 0)
		rc = audit_appendf(st, "action", a.partner_id, was, now, err,
				   "action #%lld: %s", (long long)id, text);
	action_clear(&a);
	return store_tx_leave(st, own, rc, err);
}

static void read_row(sqlite3_stmt *q, void *elem)
{
	struct follow_up *a = elem;
	const unsigned char *due = sqlite3_column_text(q, 4);
	const struct store_text_col texts[] = {
		{ 2, &a->text, false }, { 3, &a->owner, false },
		{ 7, &a->indicator, false },
	};

	a->id = sqlite3_column_int64(q, 0);
	a->partner_id = sqlite3_column_int64(q, 1);
	a->strings = store_column_texts(q, texts, sizeof(texts) / sizeof(texts[0]));
	if (due)
		strncpy(a->due, (const char *)due, DATE_LEN - 1);
	if (action_status_parse((const char *)sqlite3_column_text(q, 5),
				&a->status) != 0)
		a->status = ACTION_OPEN;
	strncpy(a->created, (const char *)sqlite3_column_text(q, 6), DATE_LEN - 1);
	a->meeting_id = sqlite3_column_int64(q, 8);
	if (sqlite3_column_type(q, 9) != SQLITE_NULL)
		strncpy(a->closed, (const char *)sqlite3_column_text(q, 9), DATE_LEN - 1);
}

int action_list(struct store *st, int64_t partner_id, bool open_only,
		struct action_list *out, struct bpw_error *err)
{
	sqlite3_stmt *q;
	int rc;

	memset(out, 0, sizeof(*out));
	rc = store_cached(st, sql_list, &q, err);
	if (rc != 0)
		return rc;
	sqlite3_bind_int64(q, 1, partner_id);
	sqlite3_bind_int(q, 2, open_only);
	rc = store_fetch_rows(st, q, sizeof(*out->items), read_row,
			      (void **)&out->items, &out->count, err,
			      "cannot list actions");
	if (rc != 0)
		action_list_free(out);
	return rc;
}

void action_clear(struct follow_up *a)
{
	if (a == NULL)
		return;
	free(a->strings);
	a->text = a->owner = a->indicator = a->strings = NULL;
}

void action_list_free(struct action_list *list)
{
	XLIST_FREE(list, action_clear);
}
