/* event.c: storing and listing partnership events. */
#include "event.h"

#include <stdlib.h>
#include <string.h>

#include "audit.h"
#include "xalloc.h"

static const char sql_insert[] =
	"INSERT INTO event(partner_id, date, kind, title, detail)"
	" VALUES (?1, ?2, ?3, ?4, ?5)";
static const char sql_same[] =
	"SELECT id, detail FROM event WHERE partner_id = ?1 AND date = ?2"
	" AND kind = ?3 AND title = ?4 ORDER BY id LIMIT 1";
static const char sql_detail[] = "UPDATE event SET detail = ?2 WHERE id = ?1";
static const char sql_get[] =
	"SELECT id, partner_id, date, kind, title, detail FROM event WHERE id = ?1";
static const char sql_update[] =
	"UPDATE event SET date = ?2, kind = ?3, title = ?4, detail = ?5 WHERE id = ?1";
static const char sql_delete[] = "DELETE FROM event WHERE id = ?1";
static const char sql_list[] =
	"SELECT id, partner_id, date, kind, title, detail FROM event"
	" WHERE partner_id = ?1 AND date >= coalesce(?2, '0000')"
	" AND date <= coalesce(?3, '9999') ORDER BY date, id";

static const char *const kind_names[] = {
#define X(e, s, l) s,
	EVENT_KINDS(X)
#undef X
};
static const char *const kind_labels[] = {
#define X(e, s, l) l,
	EVENT_KINDS(X)
#undef X
};

const char *event_kind_name(enum event_kind k) { return kind_names[k]; }
const char *event_kind_label(enum event_kind k) { return kind_labels[k]; }

const char *event_kind_names(void)
{
	/* Built at compile time: ", " before each name, the first one skipped. */
	static const char list[] = ""
#define X(e, n, l) ", " n
		EVENT_KINDS(X)
#undef X
		;

	return list + 2;
}

int event_kind_parse(const char *s, enum event_kind *out)
{
	int i;

	for (i = 0; s && i < EVENT_KIND_COUNT; i++)
		if (strcmp(s, kind_names[i]) == 0) {
			*out = (enum event_kind)i;
			return 0;
		}
	return BPW_EINVAL;
}

/* The checks event_add and event_update share. */
static int event_check(const struct event *e, struct bpw_error *err)
{
	if (!date_valid(e->date))
		return bpw_error_set(err, BPW_EINVAL,
				     "event date %s is not a date (YYYY-MM-DD)",
				     e->date);
	if ((unsigned)e->kind >= EVENT_KIND_COUNT)
		return bpw_error_set(err, BPW_EINVAL, "unknown event kind");
	if (e->title == NULL || *e->title == '\0')
		return bpw_error_set(err, BPW_EINVAL, "event has no title");
	return 0;
}

int event_add(struct store *st, const struct event *e, int64_t *id,
	      struct bpw_error *err)
{
	sqlite3_stmt *q;
	bool own;
	int rc;

	rc = event_check(e, err);
	if (rc != 0)
		return rc;
	rc = store_tx_enter(st, &own, err);
	if (rc != 0)
		return rc;
	rc = store_cached(st, sql_insert, &q, err);
	if (rc == 0) {
		sqlite3_bind_int64(q, 1, e->partner_id);
		store_bind_text(q, 2, e->date, false);
		store_bind_text(q, 3, kind_names[e->kind], false);
		store_bind_text(q, 4, e->title, false);
		store_bind_text(q, 5, e->detail ? e->detail : "", false);
		rc = sqlite3_step(q);
		if (rc == SQLITE_DONE) {
			if (id)	/* before the audit row takes the last rowid */
				*id = sqlite3_last_insert_rowid(store_db(st));
			rc = audit_appendf(st, "event", e->partner_id, NULL, e->title, err,
					   "%s %s", e->date, kind_names[e->kind]);
		} else if (rc == SQLITE_CONSTRAINT_FOREIGNKEY) {
			rc = bpw_error_set(err, BPW_ECONSTRAINT,
					   "no partner with id %lld",
					   (long long)e->partner_id);
		} else {
			rc = store_fail(st, rc, err, "cannot save event");
		}
		sqlite3_reset(q);
	}
	return store_tx_leave(st, own, rc, err);
}

int event_upsert(struct store *st, const struct event *e,
		 enum upsert_result *res, struct bpw_error *err)
{
	const char *detail = e->detail ? e->detail : "";
	sqlite3_stmt *q;
	int64_t id = 0;
	char *was = NULL;
	bool own, same = false;
	int rc;

	if ((unsigned)e->kind >= EVENT_KIND_COUNT)
		return bpw_error_set(err, BPW_EINVAL, "unknown event kind");
	rc = store_tx_enter(st, &own, err);
	if (rc != 0)
		return rc;
	rc = store_cached(st, sql_same, &q, err);
	if (rc == 0) {
		sqlite3_bind_int64(q, 1, e->partner_id);
		store_bind_text(q, 2, e->date, false);
		store_bind_text(q, 3, kind_names[e->kind], false);
		store_bind_text(q, 4, e->title ? e->title : "", false);
		rc = sqlite3_step(q);
		if (rc == SQLITE_ROW) {
			const char *old = (const char *)sqlite3_column_text(q, 1);

			id = sqlite3_column_int64(q, 0);
			same = strcmp(old ? old : "", detail) == 0;
			was = xstrdup(old ? old : "");
			rc = 0;
		} else {
			rc = rc == SQLITE_DONE ? 0 : store_fail(st, rc, err,
								"cannot read events");
		}
		sqlite3_reset(q);
	}
	if (rc == 0 && id == 0) {
		rc = event_add(st, e, NULL, err);
		*res = UPSERT_INSERTED;
	} else if (rc == 0 && same) {
		*res = UPSERT_UNCHANGED;
	} else if (rc == 0 && (rc = store_cached(st, sql_detail, &q, err)) == 0) {
		sqlite3_bind_int64(q, 1, id);
		store_bind_text(q, 2, detail, false);
		rc = sqlite3_step(q);
		sqlite3_reset(q);
		rc = rc == SQLITE_DONE ? 0 : store_fail(st, rc, err, "cannot save event");
		if (rc == 0)
			rc = audit_appendf(st, "event", e->partner_id, was, detail, err,
					   "%s %s %s: detail", e->date,
					   kind_names[e->kind], e->title);
		*res = UPSERT_UPDATED;
	}
	free(was);
	return store_tx_leave(st, own, rc, err);
}

static void read_row(sqlite3_stmt *q, void *elem)
{
	struct event *e = elem;
	const struct store_text_col texts[] = {
		{ 4, &e->title, false }, { 5, &e->detail, false },
	};

	e->id = sqlite3_column_int64(q, 0);
	e->partner_id = sqlite3_column_int64(q, 1);
	strncpy(e->date, (const char *)sqlite3_column_text(q, 2), DATE_LEN - 1);
	if (event_kind_parse((const char *)sqlite3_column_text(q, 3), &e->kind) != 0)
		e->kind = EVENT_NOTE;
	e->strings = store_column_texts(q, texts, sizeof(texts) / sizeof(texts[0]));
}

int event_get(struct store *st, int64_t id, struct event *out,
	      struct bpw_error *err)
{
	sqlite3_stmt *q;
	int rc;

	memset(out, 0, sizeof(*out));
	rc = store_cached(st, sql_get, &q, err);
	if (rc != 0)
		return rc;
	sqlite3_bind_int64(q, 1, id);
	rc = sqlite3_step(q);
	if (rc == SQLITE_ROW) {
		read_row(q, out);
		rc = 0;
	} else if (rc == SQLITE_DONE) {
		rc = bpw_error_set(err, BPW_ENOENT, "no event with id %lld (deleted?)",
				   (long long)id);
	} else {
		rc = store_fail(st, rc, err, "cannot read event");
	}
	sqlite3_reset(q);
	return rc;
}

/* Runs sql_update or sql_delete for the event with id (e: the new fields). */
static int event_write(struct store *st, const char *sql, int64_t id,
		       const struct event *e, struct bpw_error *err)
{
	sqlite3_stmt *q;
	int rc = store_cached(st, sql, &q, err);

	if (rc != 0)
		return rc;
	sqlite3_bind_int64(q, 1, id);
	if (e) {
		store_bind_text(q, 2, e->date, false);
		store_bind_text(q, 3, kind_names[e->kind], false);
		store_bind_text(q, 4, e->title, false);
		store_bind_text(q, 5, e->detail ? e->detail : "", false);
	}
	rc = sqlite3_step(q);
	sqlite3_reset(q);
	return rc == SQLITE_DONE ? 0 : store_fail(st, rc, err, "cannot save event");
}

int event_update(struct store *st, const struct event *e, struct bpw_error *err)
{
	struct event was;
	bool own;
	int rc;

	rc = event_check(e, err);
	if (rc != 0)
		return rc;
	rc = store_tx_enter(st, &own, err);
	if (rc != 0)
		return rc;
	rc = event_get(st, e->id, &was, err);
	if (rc == 0)
		rc = event_write(st, sql_update, e->id, e, err);
	if (rc == 0) {
		const char *fields[][3] = {
			{ "date", was.date, e->date },
			{ "kind", kind_names[was.kind], kind_names[e->kind] },
			{ "title", was.title, e->title },
			{ "detail", was.detail, e->detail ? e->detail : "" },
		};
		size_t i;

		for (i = 0; rc == 0 && i < sizeof(fields) / sizeof(fields[0]); i++)
			if (strcmp(fields[i][1], fields[i][2]) != 0)
				rc = audit_appendf(st, "event", was.partner_id, fields[i][1],
						   fields[i][2], err, "%s %s %s: %s",
						   was.date, kind_names[was.kind],
						   was.title, fields[i][0]);
	}
	event_clear(&was);
	return store_tx_leave(st, own, rc, err);
}

int event_delete(struct store *st, int64_t id, struct bpw_error *err)
{
	struct event was;
	bool own;
	int rc;

	rc = store_tx_enter(st, &own, err);
	if (rc != 0)
		return rc;
	rc = event_get(st, id, &was, err);
	if (rc == 0)
		rc = event_write(st, sql_delete, id, NULL, err);
	if (rc == 0)
		rc = audit_appendf(st, "event", was.partner_id, was.title, NULL, err,
				   "%s %s: deleted", was.date, kind_names[was.kind]);
	event_clear(&was);
	return store_tx_leave(st, own, rc, err);
}

void event_clear(struct event *e)
{
	if (e == NULL)
		return;
	free(e->strings);
	e->title = e->detail = e->strings = NULL;
}

int event_list(struct store *st, int64_t partner_id, const char *from,
	       const char *to, struct event_list *out, struct bpw_error *err)
{
	sqlite3_stmt *q;
	int rc;

	memset(out, 0, sizeof(*out));
	rc = store_cached(st, sql_list, &q, err);
	if (rc != 0)
		return rc;
	sqlite3_bind_int64(q, 1, partner_id);
	store_bind_text(q, 2, from, true);
	store_bind_text(q, 3, to, true);
	rc = store_fetch_rows(st, q, sizeof(*out->items), read_row,
			      (void **)&out->items, &out->count, err,
			      "cannot list events");
	if (rc != 0)
		event_list_free(out);
	return rc;
}

void event_list_free(struct event_list *list)
{
	XLIST_FREE(list, event_clear);
}
