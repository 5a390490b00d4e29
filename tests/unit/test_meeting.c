/* test_meeting.c: review meetings on a real database: begun once and
 * resumed, notes saved and audited, closed with its minutes as a
 * "meeting" event of the closing day in the same transaction (a failed
 * close leaves no event), the previous meeting, the list by dates, the
 * minutes' text by hand, and the statuses a meeting began with. */
#include "testutil.h"

#include "action.h"
#include "audit.h"
#include "event.h"
#include "meeting.h"
#include "partner.h"
#include "store.h"

struct fx {
	char *dir;
	struct store *st;
	int64_t atl, bor;
};

static int setup(void **state)
{
	struct fx *f = calloc(1, sizeof(*f));
	struct partner a = { .code = "ATL", .name = "Atlas" };
	struct partner b = { .code = "BOR", .name = "Boreal" };
	struct bpw_error err;

	f->dir = tu_tempdir();
	assert_int_equal(store_open(tu_path(f->dir, "m.db"), STORE_CREATE, &f->st, &err), 0);
	assert_int_equal(partner_add(f->st, &a, &f->atl, &err), 0);
	assert_int_equal(partner_add(f->st, &b, &f->bor, &err), 0);
	*state = f;
	return 0;
}

static int teardown(void **state)
{
	struct fx *f = *state;

	store_close(f->st);
	tu_rmdir(f->dir);
	free(f);
	return 0;
}

/* The audit rows of action "meeting", as "object: old -> new" lines. */
static void audit_line(const struct audit_entry *e, void *ctx)
{
	struct strbuf *b = ctx;

	if (strcmp(e->action, "meeting") == 0)
		strbuf_addf(b, "%s: %s -> %s\n", e->object, e->old ? e->old : "-",
			    e->new ? e->new : "-");
}

static char *meeting_audit(struct fx *f)
{
	struct strbuf b = { 0 };
	struct bpw_error err;

	assert_int_equal(audit_each(f->st, NULL, NULL, audit_line, &b, &err), 0);
	return strbuf_take(&b);
}

static size_t count_events(struct fx *f, int64_t partner)
{
	struct event_list l;
	struct bpw_error err;
	size_t n;

	assert_int_equal(event_list(f->st, partner, NULL, NULL, &l, &err), 0);
	n = l.count;
	event_list_free(&l);
	return n;
}

/* Opening twice gives the same running meeting; another partner has his
 * own; the statuses are those it began with. */
static void test_open_and_resume(void **state)
{
	struct fx *f = *state;
	struct meeting m, again, other;
	struct bpw_error err;
	bool created;
	char *audit;

	assert_int_equal(meeting_open(f->st, f->atl, "2026-03-10", "csat=ok\nsla=alert\n",
				      &m, &created, &err), 0);
	assert_true(created);
	assert_true(m.id > 0);
	assert_int_equal(m.partner_id, f->atl);
	assert_string_equal(m.started, "2026-03-10");
	assert_string_equal(m.closed, "");
	assert_string_equal(m.notes, "");
	assert_string_equal(m.statuses, "csat=ok\nsla=alert\n");
	/* A day later, other statuses: still the meeting of the 10th. */
	assert_int_equal(meeting_open(f->st, f->atl, "2026-03-11", "csat=alert\n",
				      &again, &created, &err), 0);
	assert_false(created);
	assert_int_equal(again.id, m.id);
	assert_string_equal(again.started, "2026-03-10");
	assert_string_equal(again.statuses, "csat=ok\nsla=alert\n");
	assert_int_equal(meeting_open(f->st, f->bor, "2026-03-11", NULL, &other, NULL,
				      &err), 0);
	assert_true(other.id != m.id);
	assert_string_equal(other.statuses, "");
	audit = meeting_audit(f);
	assert_string_equal(audit, "meeting #1 of 2026-03-10: - -> begun\n"
			    "meeting #2 of 2026-03-11: - -> begun\n");
	free(audit);
	meeting_clear(&m);
	meeting_clear(&again);
	meeting_clear(&other);
	meeting_clear(NULL);
}

/* Notes are saved with an audit row of old and new; saving the same text
 * again writes no row. */
static void test_notes(void **state)
{
	struct fx *f = *state;
	struct meeting m, back;
	struct bpw_error err;
	char *audit;

	assert_int_equal(meeting_open(f->st, f->atl, "2026-03-10", "", &m, NULL, &err), 0);
	assert_int_equal(meeting_set_notes(f->st, m.id, "Staffing plan for Q2.", &err), 0);
	assert_int_equal(meeting_set_notes(f->st, m.id, "Staffing plan for Q2.", &err), 0);
	assert_int_equal(meeting_set_notes(f->st, m.id, "Staffing plan for Q2.\nÜberstunden "
					   "abbauen.", &err), 0);
	assert_int_equal(meeting_open(f->st, f->atl, "2026-03-10", "", &back, NULL, &err), 0);
	assert_string_equal(back.notes, "Staffing plan for Q2.\nÜberstunden abbauen.");
	audit = meeting_audit(f);
	assert_string_equal(audit, "meeting #1 of 2026-03-10: - -> begun\n"
			    "meeting #1 of 2026-03-10: notes:  -> Staffing plan for Q2.\n"
			    "meeting #1 of 2026-03-10: notes: Staffing plan for Q2. -> "
			    "Staffing plan for Q2.\nÜberstunden abbauen.\n");
	free(audit);
	assert_int_equal(meeting_set_notes(f->st, 999, "x", &err), BPW_ENOENT);
	meeting_clear(&m);
	meeting_clear(&back);
}

/* Closing stores the minutes as a "meeting" event of the closing day,
 * titled "Review meeting"; a closed meeting cannot be closed again or
 * have its notes changed; the next open begins a new one, and the closed
 * one is the previous. */
static void test_close(void **state)
{
	struct fx *f = *state;
	const char *minutes = "Review meeting of 2026-03-10.\n\nNotes:\nAgreed.\n";
	struct meeting m, next, prev;
	struct meeting_list l;
	struct event e;
	struct bpw_error err;
	int64_t ev = 0, ev2 = -1;
	bool found;

	assert_int_equal(meeting_previous(f->st, f->atl, 0, &prev, &found, &err), 0);
	assert_false(found);
	assert_int_equal(meeting_open(f->st, f->atl, "2026-03-10", "", &m, NULL, &err), 0);
	assert_int_equal(meeting_close(f->st, m.id, "2026-03-12", minutes, &ev, &err), 0);
	assert_true(ev > 0);
	assert_int_equal(event_get(f->st, ev, &e, &err), 0);
	assert_int_equal(e.partner_id, f->atl);
	assert_int_equal(e.kind, EVENT_MEETING);
	assert_string_equal(e.date, "2026-03-12");
	assert_string_equal(e.title, "Review meeting");
	assert_string_equal(e.detail, minutes);
	event_clear(&e);
	assert_int_equal(count_events(f, f->atl), 1);
	assert_int_equal(count_events(f, f->bor), 0);

	assert_int_equal(meeting_list(f->st, f->atl, NULL, NULL, &l, &err), 0);
	assert_int_equal(l.count, 1);
	assert_string_equal(l.items[0].closed, "2026-03-12");
	meeting_list_free(&l);

	assert_int_equal(meeting_close(f->st, m.id, "2026-03-13", "again", &ev2, &err),
			 BPW_EINVAL);
	assert_string_equal(err.msg, "the meeting of 2026-03-10 is closed already");
	assert_int_equal(ev2, -1);
	assert_int_equal(count_events(f, f->atl), 1);
	assert_int_equal(meeting_set_notes(f->st, m.id, "late", &err), BPW_EREADONLY);
	assert_int_equal(meeting_close(f->st, 999, "2026-03-13", "", NULL, &err), BPW_ENOENT);

	assert_int_equal(meeting_open(f->st, f->atl, "2026-06-02", "", &next, &found, &err), 0);
	assert_true(found);	/* created */
	assert_true(next.id != m.id);
	assert_int_equal(meeting_previous(f->st, f->atl, next.id, &prev, &found, &err), 0);
	assert_true(found);
	assert_int_equal(prev.id, m.id);
	assert_string_equal(prev.closed, "2026-03-12");
	meeting_clear(&prev);
	assert_int_equal(meeting_previous(f->st, f->atl, m.id, &prev, &found, &err), 0);
	assert_false(found);
	assert_int_equal(meeting_previous(f->st, f->bor, 0, &prev, &found, &err), 0);
	assert_false(found);
	meeting_clear(&m);
	meeting_clear(&next);
}

/* The event, the closing and its audit row are one transaction: when the
 * closing cannot be stored, no event is left behind and the meeting
 * still runs; a day that is no date changes nothing either. */
static void test_close_is_atomic(void **state)
{
	struct fx *f = *state;
	struct meeting m, still;
	struct bpw_error err;
	char *msg = NULL, *audit;
	bool created;

	assert_int_equal(meeting_open(f->st, f->atl, "2026-03-10", "", &m, NULL, &err), 0);
	assert_int_equal(meeting_close(f->st, m.id, "2026-02-30", "x", NULL, &err), BPW_EINVAL);
	if (sqlite3_exec(store_db(f->st), "CREATE TEMP TRIGGER no_close BEFORE UPDATE OF closed"
			 " ON meeting BEGIN SELECT RAISE(ABORT, 'refused'); END;",
			 NULL, NULL, &msg) != SQLITE_OK)
		fail_msg("%s", msg);
	assert_true(meeting_close(f->st, m.id, "2026-03-12", "minutes", NULL, &err) < 0);
	assert_int_equal(count_events(f, f->atl), 0);
	assert_int_equal(sqlite3_exec(store_db(f->st), "DROP TRIGGER no_close", NULL, NULL,
				      NULL), SQLITE_OK);
	assert_int_equal(meeting_open(f->st, f->atl, "2026-03-12", "", &still, &created,
				      &err), 0);
	assert_false(created);
	assert_int_equal(still.id, m.id);
	assert_string_equal(still.closed, "");
	audit = meeting_audit(f);
	assert_string_equal(audit, "meeting #1 of 2026-03-10: - -> begun\n");
	free(audit);
	/* Once the way is clear it closes, with one event. */
	assert_int_equal(meeting_close(f->st, m.id, "2026-03-12", "minutes", NULL, &err), 0);
	assert_int_equal(count_events(f, f->atl), 1);
	meeting_clear(&m);
	meeting_clear(&still);
}

/* Meetings begun between two days (inclusive), oldest first; partner 0:
 * everybody's. */
static void test_list(void **state)
{
	struct fx *f = *state;
	static const struct { int who; const char *day; } mt[] = {
		{ 0, "2026-01-15" }, { 1, "2026-02-01" }, { 0, "2026-03-31" },
		{ 0, "2026-04-01" },
	};
	struct meeting m;
	struct meeting_list l;
	struct bpw_error err;
	size_t i;

	for (i = 0; i < sizeof(mt) / sizeof(mt[0]); i++) {
		int64_t who = mt[i].who ? f->bor : f->atl;

		assert_int_equal(meeting_open(f->st, who, mt[i].day, "", &m, NULL, &err), 0);
		assert_int_equal(meeting_close(f->st, m.id, mt[i].day, "", NULL, &err), 0);
		meeting_clear(&m);
	}
	assert_int_equal(meeting_list(f->st, f->atl, "2026-01-15", "2026-03-31", &l, &err), 0);
	assert_int_equal(l.count, 2);
	assert_string_equal(l.items[0].started, "2026-01-15");
	assert_string_equal(l.items[1].started, "2026-03-31");
	meeting_list_free(&l);
	assert_int_equal(meeting_list(f->st, 0, "2026-02-01", NULL, &l, &err), 0);
	assert_int_equal(l.count, 3);
	assert_int_equal(l.items[0].partner_id, f->bor);
	assert_string_equal(l.items[2].started, "2026-04-01");
	meeting_list_free(&l);
	assert_int_equal(meeting_list(f->st, f->bor, "2026-03-01", NULL, &l, &err), 0);
	assert_int_equal(l.count, 0);
	meeting_list_free(&l);
	meeting_list_free(NULL);
}

/* The minutes by hand: notes, what changed, the actions raised in the
 * meeting (an overdue one marked), those still open from before with
 * their age, and those closed since the meeting began (not before). */
static void test_minutes(void **state)
{
	char notes[] = "Staffing agreed.", none[] = "";
	struct meeting m = { .id = 7, .started = "2026-03-10", .notes = notes };
	struct follow_up a[] = {
		{ .text = "Hire 4 agents", .owner = "Kim", .due = "2026-03-01",
		  .status = ACTION_OPEN, .created = "2026-03-10", .indicator = "staff",
		  .meeting_id = 7 },
		{ .text = "Send the rota", .due = "2026-04-30", .status = ACTION_OPEN,
		  .created = "2026-03-10", .meeting_id = 7 },
		{ .text = "Fix the IVR", .owner = "Lee", .status = ACTION_OPEN,
		  .created = "2026-01-09", .meeting_id = 3 },
		{ .text = "Retrain team B", .status = ACTION_DONE, .created = "2026-01-09",
		  .closed = "2026-03-11" },
		{ .text = "Old idea", .status = ACTION_DROPPED, .created = "2025-11-01",
		  .closed = "2026-03-09" },
	};
	struct action_list l = { a, sizeof(a) / sizeof(a[0]) };
	struct strbuf b = { 0 };

	(void)state;
	meeting_minutes(&m, &l, "2026-03-12", "- CSAT ok -> ALERT\n", &b);
	assert_string_equal(strbuf_str(&b),
		"Review meeting of 2026-03-10.\n"
		"\nChanged since the last meeting:\n- CSAT ok -> ALERT\n"
		"\nNotes:\nStaffing agreed.\n"
		"\nActions raised:\n"
		"- Hire 4 agents; owner Kim; due 2026-03-01 (overdue); about staff\n"
		"- Send the rota; due 2026-04-30\n"
		"\nStill open from before:\n"
		"- Fix the IVR; owner Lee; 62 days old\n"
		"\nClosed:\n"
		"- Retrain team B (done 2026-03-11)\n");
	strbuf_free(&b);
	/* Nothing to say: the heading alone. */
	m.notes = none;
	l.count = 0;
	meeting_minutes(&m, &l, "2026-03-12", NULL, &b);
	assert_string_equal(strbuf_str(&b), "Review meeting of 2026-03-10.\n");
	strbuf_free(&b);
}

/* Actions raised in a stored meeting show in the minutes the caller
 * writes from action_list, and the minutes reach the event unchanged. */
static void test_minutes_from_the_store(void **state)
{
	struct fx *f = *state;
	struct follow_up a = { .partner_id = f->atl, .text = "Call the site lead",
			       .owner = "Kim", .status = ACTION_OPEN, .created = "2026-03-10" };
	struct meeting m;
	struct action_list l;
	struct strbuf b = { 0 };
	struct event e;
	struct bpw_error err;
	int64_t ev;

	assert_int_equal(meeting_open(f->st, f->atl, "2026-03-10", "", &m, NULL, &err), 0);
	a.meeting_id = m.id;
	assert_int_equal(action_add(f->st, &a, NULL, &err), 0);
	assert_int_equal(action_list(f->st, f->atl, false, &l, &err), 0);
	meeting_minutes(&m, &l, "2026-03-10", "", &b);
	assert_int_equal(meeting_close(f->st, m.id, "2026-03-10", strbuf_str(&b), &ev, &err), 0);
	assert_int_equal(event_get(f->st, ev, &e, &err), 0);
	assert_string_equal(e.date, "2026-03-10");
	assert_string_equal(e.detail, "Review meeting of 2026-03-10.\n\nActions raised:\n"
			    "- Call the site lead; owner Kim\n");
	event_clear(&e);
	action_list_free(&l);
	strbuf_free(&b);
	meeting_clear(&m);
}

static void test_status_of(void **state)
{
	const char *lines = "csat=ok\ncs=watch\nsla=alert";
	const char *s;
	size_t n = 0;

	(void)state;
	s = meeting_status_of(lines, "cs", &n);
	assert_non_null(s);
	assert_int_equal(n, 5);
	assert_memory_equal(s, "watch", 5);
	s = meeting_status_of(lines, "sla", &n);	/* the last line, no newline */
	assert_int_equal(n, 5);
	assert_memory_equal(s, "alert", 5);
	assert_null(meeting_status_of(lines, "c", &n));
	assert_null(meeting_status_of(lines, "aht", &n));
	assert_null(meeting_status_of(NULL, "cs", &n));
	assert_null(meeting_status_of("", "cs", &n));
}

/* Looking for the running meeting writes nothing; a meeting held is every
 * meeting event, logged by hand or written by a closed meeting, and no
 * other kind, between the days asked. */
static void test_running_and_held(void **state)
{
	struct fx *f = *state;
	struct event logged = { .partner_id = 0, .date = "2026-09-10",
				.kind = EVENT_MEETING, .title = "QBR Q2", .detail = "CSAT gap" };
	struct event note = { .partner_id = 0, .date = "2026-10-01", .kind = EVENT_NOTE,
			      .title = "a note", .detail = "" };
	struct event_list held;
	struct meeting m;
	struct bpw_error err;
	bool found = true;
	char *audit;

	assert_int_equal(meeting_running(f->st, f->atl, &m, &found, &err), 0);
	assert_false(found);
	audit = meeting_audit(f);
	assert_string_equal(audit, "");
	free(audit);
	logged.partner_id = note.partner_id = f->atl;
	assert_int_equal(event_add(f->st, &logged, NULL, &err), 0);
	assert_int_equal(event_add(f->st, &note, NULL, &err), 0);
	assert_int_equal(meeting_held(f->st, f->atl, NULL, "2026-12-04", &held, &err), 0);
	assert_int_equal(held.count, 1);
	assert_string_equal(held.items[0].date, "2026-09-10");
	assert_string_equal(held.items[0].title, "QBR Q2");
	event_list_free(&held);
	assert_int_equal(meeting_open(f->st, f->atl, "2026-12-04", "", &m, NULL, &err), 0);
	assert_int_equal(meeting_held(f->st, f->atl, NULL, "2026-12-04", &held, &err), 0);
	assert_int_equal(held.count, 1);	/* a running meeting is not held yet */
	event_list_free(&held);
	meeting_clear(&m);
	assert_int_equal(meeting_running(f->st, f->atl, &m, &found, &err), 0);
	assert_true(found);
	assert_int_equal(meeting_close(f->st, m.id, "2026-12-04", "minutes", NULL, &err), 0);
	meeting_clear(&m);
	assert_int_equal(meeting_held(f->st, f->atl, "2026-10-01", "2026-12-31", &held, &err),
			 0);
	assert_int_equal(held.count, 1);
	assert_string_equal(held.items[0].date, "2026-12-04");
	assert_string_equal(held.items[0].detail, "minutes");
	event_list_free(&held);
	assert_int_equal(meeting_held(f->st, f->bor, NULL, NULL, &held, &err), 0);
	assert_int_equal(held.count, 0);
	event_list_free(&held);
}

/* An action is edited (text, owner, due; audited), done and reopened, and
 * a status change undone gives back the status and the day it closed. */
static void test_action_edit_and_undo(void **state)
{
	struct fx *f = *state;
	struct follow_up a = { .partner_id = 0, .text = "Retrain team B", .owner = "Anna",
			       .due = "2026-12-15", .created = "2026-11-01" };
	struct action_list l;
	struct bpw_error err;
	int64_t id;

	a.partner_id = f->atl;
	assert_int_equal(action_add(f->st, &a, &id, &err), 0);
	assert_int_equal(action_edit(f->st, id, "Retrain team B on tariffs", "Anna Becker",
				     "", &err), 0);
	assert_int_equal(action_edit(f->st, id, "", "x", "", &err), BPW_EINVAL);
	assert_int_equal(action_edit(f->st, id, "x", "x", "15.12.2026", &err), BPW_EINVAL);
	assert_int_equal(action_edit(f->st, 999, "x", "", "", &err), BPW_ENOENT);
	assert_int_equal(action_list(f->st, f->atl, false, &l, &err), 0);
	assert_int_equal(l.count, 1);
	assert_string_equal(l.items[0].text, "Retrain team B on tariffs");
	assert_string_equal(l.items[0].owner, "Anna Becker");
	assert_string_equal(l.items[0].due, "");
	action_list_free(&l);
	assert_int_equal(action_restore_status(f->st, id, ACTION_DONE, "2026-11-20", &err), 0);
	assert_int_equal(action_set_status(f->st, id, ACTION_OPEN, &err), 0);	/* reopen */
	assert_int_equal(action_list(f->st, f->atl, true, &l, &err), 0);
	assert_int_equal(l.count, 1);
	assert_string_equal(l.items[0].closed, "");
	action_list_free(&l);
	/* Undo the reopening: done again, on the day it was done. */
	assert_int_equal(action_restore_status(f->st, id, ACTION_DONE, "2026-11-20", &err), 0);
	assert_int_equal(action_list(f->st, f->atl, false, &l, &err), 0);
	assert_int_equal(l.items[0].status, ACTION_DONE);
	assert_string_equal(l.items[0].closed, "2026-11-20");
	action_list_free(&l);
	assert_int_equal(action_restore_status(f->st, id, ACTION_OPEN, "", &err), 0);
	assert_int_equal(action_list(f->st, f->atl, true, &l, &err), 0);
	assert_int_equal(l.count, 1);
	action_list_free(&l);
	assert_int_equal(action_restore_status(f->st, id, ACTION_DONE, "20.11.2026", &err),
			 BPW_EINVAL);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_setup_teardown(test_open_and_resume, setup, teardown),
		cmocka_unit_test_setup_teardown(test_notes, setup, teardown),
		cmocka_unit_test_setup_teardown(test_running_and_held, setup, teardown),
		cmocka_unit_test_setup_teardown(test_action_edit_and_undo, setup, teardown),
		cmocka_unit_test_setup_teardown(test_close, setup, teardown),
		cmocka_unit_test_setup_teardown(test_close_is_atomic, setup, teardown),
		cmocka_unit_test_setup_teardown(test_list, setup, teardown),
		cmocka_unit_test(test_minutes),
		cmocka_unit_test_setup_teardown(test_minutes_from_the_store, setup, teardown),
		cmocka_unit_test(test_status_of),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
