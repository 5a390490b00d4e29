/* meeting.c: review meetings: begin or resume, notes, previous meeting,
 * minutes, close (the minutes as an event). */
#include "meeting.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "audit.h"
#include "event.h"
#include "xalloc.h"

#define MEETING_COLUMNS "id, partner_id, started, coalesce(closed, ''), notes, statuses," \
	" coalesce(event_id, 0)"

static const char sql_running[] =
	"SELECT " MEETING_COLUMNS " FROM meeting WHERE partner_id = ?1 AND closed IS NULL"
	" ORDER BY id DESC LIMIT 1";
static const char sql_begin[] =
	"INSERT INTO meeting(partner_id, started, statuses) VALUES (?1, ?2, ?3)";
static const char sql_by_id[] =
	"SELECT " MEETING_COLUMNS " FROM meeting WHERE id = ?1";
static const char sql_previous[] =
	"SELECT " MEETING_COLUMNS " FROM meeting WHERE partner_id = ?1"
	" AND closed IS NOT NULL AND (?2 = 0 OR id < ?2) ORDER BY id DESC LIMIT 1";
static const char sql_notes[] = "UPDATE meeting SET notes = ?2 WHERE id = ?1";
static const char sql_close[] =
	"UPDATE meeting SET closed = ?2, event_id = ?3 WHERE id = ?1 AND closed IS NULL";
static const char sql_list[] =
	"SELECT " MEETING_COLUMNS " FROM meeting WHERE (?1 = 0 OR partner_id = ?1)"
	" AND started >= coalesce(?2, '0000') AND started <= coalesce(?3, '9999')"
	" ORDER BY started, id";

static void read_row(sqlite3_stmt *q, void *elem)
{
	struct meeting *m = elem;

	m->id = sqlite3_column_int64(q, 0);
	m->partner_id = sqlite3_column_int64(q, 1);
	snprintf(m->started, sizeof(m->started), "%s", sqlite3_column_text(q, 2));
	snprintf(m->closed, sizeof(m->closed), "%s", sqlite3_column_text(q, 3));
	m->notes = store_column_text(q, 4, true);
	m->statuses = store_column_text(q, 5, true);
	m->event_id = sqlite3_column_int64(q, 6);
}

/* One meeting by sql with an id bound as ?1 (and ?2 when two is set). */
static int fetch_one(struct store *st, const char *sql, int64_t one, int64_t two,
		     bool use_two, struct meeting *out, bool *found, struct bpw_error *err)
{
	sqlite3_stmt *q;
	int rc = store_cached(st, sql, &q, err);

	*found = false;
	if (rc != 0)
		return rc;
	sqlite3_bind_int64(q, 1, one);
	if (use_two)
		sqlite3_bind_int64(q, 2, two);
	rc = sqlite3_step(q);
	if (rc == SQLITE_ROW) {
		read_row(q, out);
		*found = true;
	}
	sqlite3_reset(q);
	return rc == SQLITE_ROW || rc == SQLITE_DONE ? 0
		: store_fail(st, rc, err, "cannot read meetings");
}

int meeting_open(struct store *st, int64_t partner_id, const char *today,
		 const char *statuses, struct meeting *out, bool *created,
		 struct bpw_error *err)
{
	sqlite3_stmt *q;
	bool found, own;
	int64_t id = 0;
	int rc;

	memset(out, 0, sizeof(*out));
	if (created)
		*created = false;
	rc = fetch_one(st, sql_running, partner_id, 0, false, out, &found, err);
	if (rc != 0 || found)
		return rc;
	rc = store_tx_enter(st, &own, err);
	if (rc == 0)
		rc = store_cached(st, sql_begin, &q, err);
	if (rc == 0) {
		sqlite3_bind_int64(q, 1, partner_id);
		store_bind_text(q, 2, today, false);
		store_bind_text(q, 3, statuses ? statuses : "", false);
		rc = sqlite3_step(q);
		sqlite3_reset(q);
		rc = rc == SQLITE_DONE ? 0 : store_fail(st, rc, err, "cannot begin the meeting");
	}
	if (rc == 0) {
		id = sqlite3_last_insert_rowid(store_db(st));
		rc = audit_appendf(st, "meeting", partner_id, NULL, "begun", err,
				   "meeting #%lld of %s", (long long)id, today);
	}
	rc = store_tx_leave(st, own, rc, err);
	if (rc == 0)
		rc = fetch_one(st, sql_by_id, id, 0, false, out, &found, err);
	if (rc == 0 && created)
		*created = true;
	return rc;
}

int meeting_running(struct store *st, int64_t partner_id, struct meeting *out,
		    bool *found, struct bpw_error *err)
{
	memset(out, 0, sizeof(*out));
	return fetch_one(st, sql_running, partner_id, 0, false, out, found, err);
}

int meeting_held(struct store *st, int64_t partner_id, const char *from, const char *to,
		 struct event_list *out, struct bpw_error *err)
{
	size_t i, n = 0;
	int rc = event_list(st, partner_id, from, to, out, err);

	if (rc != 0)
		return rc;
	for (i = 0; i < out->count; i++) {
		if (out->items[i].kind == EVENT_MEETING)
			out->items[n++] = out->items[i];
		else
			event_clear(&out->items[i]);
	}
	out->count = n;
	return 0;
}

int meeting_previous(struct store *st, int64_t partner_id, int64_t id,
		     struct meeting *out, bool *found, struct bpw_error *err)
{
	memset(out, 0, sizeof(*out));
	return fetch_one(st, sql_previous, partner_id, id, true, out, found, err);
}

int meeting_set_notes(struct store *st, int64_t id, const char *notes,
		      struct bpw_error *err)
{
	struct meeting m;
	sqlite3_stmt *q;
	bool own, found;
	int rc = store_tx_enter(st, &own, err);

	if (rc != 0)
		return rc;
	rc = fetch_one(st, sql_by_id, id, 0, false, &m, &found, err);
	if (rc == 0 && !found)
		rc = bpw_error_set(err, BPW_ENOENT, "no meeting #%lld", (long long)id);
	else if (rc == 0 && m.closed[0])
		rc = bpw_error_set(err, BPW_EREADONLY, "the meeting of %s is closed", m.started);
	if (rc == 0)
		rc = store_cached(st, sql_notes, &q, err);
	if (rc == 0) {
		sqlite3_bind_int64(q, 1, id);
		store_bind_text(q, 2, notes ? notes : "", false);
		rc = sqlite3_step(q);
		sqlite3_reset(q);
		rc = rc == SQLITE_DONE ? 0 : store_fail(st, rc, err, "cannot save the notes");
	}
	if (rc == 0 && strcmp(m.notes, notes ? notes : "") != 0)
		rc = audit_appendf(st, "meeting", m.partner_id, m.notes, notes ? notes : "",
				   err, "meeting #%lld of %s: notes", (long long)id, m.started);
	if (found)
		meeting_clear(&m);
	return store_tx_leave(st, own, rc, err);
}

int meeting_close(struct store *st, int64_t id, const char *today,
		  const char *minutes, int64_t *event_id, struct bpw_error *err)
{
	struct meeting m;
	struct event e = { .kind = EVENT_MEETING, .title = "Review meeting" };
	sqlite3_stmt *q;
	int64_t ev = 0;
	bool found;
	int rc;

	if (!date_valid(today))
		return bpw_error_set(err, BPW_EINVAL, "%s is not a date", today);
	rc = store_begin(st, err);
	if (rc != 0)
		return rc;
	rc = fetch_one(st, sql_by_id, id, 0, false, &m, &found, err);
	if (rc == 0 && !found)
		rc = bpw_error_set(err, BPW_ENOENT, "no meeting #%lld", (long long)id);
	else if (rc == 0 && m.closed[0])
		rc = bpw_error_set(err, BPW_EINVAL, "the meeting of %s is closed already",
				   m.started);
	if (rc == 0) {
		e.partner_id = m.partner_id;
		memcpy(e.date, today, DATE_LEN);
		e.detail = minutes ? minutes : "";
		rc = event_add(st, &e, &ev, err);
	}
	if (rc == 0)
		rc = store_cached(st, sql_close, &q, err);
	if (rc == 0) {
		sqlite3_bind_int64(q, 1, id);
		store_bind_text(q, 2, today, false);
		sqlite3_bind_int64(q, 3, ev);
		rc = sqlite3_step(q);
		sqlite3_reset(q);
		rc = rc == SQLITE_DONE ? 0 : store_fail(st, rc, err, "cannot close the meeting");
	}
	if (rc == 0)
		rc = audit_appendf(st, "meeting", m.partner_id, "running", "closed", err,
				   "meeting #%lld of %s", (long long)id, m.started);
	if (found)
		meeting_clear(&m);
	if (rc != 0) {
		store_rollback(st);
		return rc;
	}
	rc = store_commit(st, err);
	if (rc == 0 && event_id)
		*event_id = ev;
	return rc;
}

int meeting_list(struct store *st, int64_t partner_id, const char *from,
		 const char *to, struct meeting_list *out, struct bpw_error *err)
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
	rc = store_fetch_rows(st, q, sizeof(*out->items), read_row, (void **)&out->items,
			      &out->count, err, "cannot list meetings");
	if (rc != 0)
		meeting_list_free(out);
	return rc;
}

const char *meeting_status_of(const char *lines, const char *key, size_t *len)
{
	size_t k = strlen(key);
	const char *p = lines ? lines : "";

	while (*p) {
		size_t n = strcspn(p, "\n");

		if (n > k && strncmp(p, key, k) == 0 && p[k] == '=') {
			*len = n - k - 1;
			return p + k + 1;
		}
		p += n + (p[n] == '\n');
	}
	return NULL;
}

/* One action as a line of the minutes, with its age when show_age. */
static void action_line(struct strbuf *b, const struct follow_up *a, const char *today,
			bool show_age)
{
	strbuf_addf(b, "- %s", a->text);
	if (a->owner && *a->owner)
		strbuf_addf(b, "; owner %s", a->owner);
	if (a->due[0])
		strbuf_addf(b, "; due %s%s", a->due,
			    a->status == ACTION_OPEN && strcmp(a->due, today) < 0 ? " (overdue)" : "");
	if (a->indicator && *a->indicator)
		strbuf_addf(b, "; about %s", a->indicator);
	if (show_age)
		strbuf_addf(b, "; %ld days old", date_days(today) - date_days(a->created));
	strbuf_add(b, "\n");
}

void meeting_minutes(const struct meeting *m, const struct action_list *actions,
		     const char *today, const char *changes, struct strbuf *out)
{
	size_t i;
	int n;

	strbuf_addf(out, "Review meeting of %s.\n", m->started);
	if (changes && *changes)
		strbuf_addf(out, "\nChanged since the last meeting:\n%s", changes);
	if (m->notes && *m->notes)
		strbuf_addf(out, "\nNotes:\n%s\n", m->notes);
	for (n = 0, i = 0; i < actions->count; i++)
		if (actions->items[i].meeting_id == m->id) {
			if (n++ == 0)
				strbuf_add(out, "\nActions raised:\n");
			action_line(out, &actions->items[i], today, false);
		}
	for (n = 0, i = 0; i < actions->count; i++) {
		const struct follow_up *a = &actions->items[i];

		if (a->status != ACTION_OPEN || a->meeting_id == m->id)
			continue;
		if (n++ == 0)
			strbuf_add(out, "\nStill open from before:\n");
		action_line(out, a, today, true);
	}
	for (n = 0, i = 0; i < actions->count; i++) {
		const struct follow_up *a = &actions->items[i];

		if (a->status == ACTION_OPEN || !a->closed[0] ||
		    strcmp(a->closed, m->started) < 0)
			continue;
		if (n++ == 0)
			strbuf_add(out, "\nClosed:\n");
		strbuf_addf(out, "- %s (%s %s)\n", a->text, action_status_name(a->status),
			    a->closed);
	}
}

void meeting_clear(struct meeting *m)
{
	if (m == NULL)
		return;
	free(m->notes);
	free(m->statuses);
	memset(m, 0, sizeof(*m));
}

void meeting_list_free(struct meeting_list *l)
{
	XLIST_FREE(l, meeting_clear);
}
