/* test_audit.c: every write path leaves exactly one row in the audit trail
 * with the right old and new values; an import leaves one summary row, the
 * values it changed compactly under it and read back as rows of their own;
 * the trail refuses to be changed. */
#include "testutil.h"

#include <sqlite3.h>

#include "action.h"
#include "audit.h"
#include "event.h"
#include "import.h"
#include "metric.h"
#include "observation.h"
#include "partner.h"
#include "qa_review.h"
#include "qa_template.h"
#include "store.h"

struct fx {
	char *dir;
	struct store *st;
	int64_t partner;
	size_t seen;		/* rows already checked */
};

/* The rows the last step added, collected by audit_each. */
struct rows {
	struct audit_entry e[8];
	size_t n, skip;
};

static char *sdup(const char *s) { return s ? strdup(s) : NULL; }

static void collect(const struct audit_entry *e, void *ctx)
{
	struct rows *r = ctx;

	if (r->skip) {
		r->skip--;
		return;
	}
	if (r->n < 8) {
		r->e[r->n] = *e;
		r->e[r->n].user = sdup(e->user);
		r->e[r->n].action = sdup(e->action);
		r->e[r->n].partner = sdup(e->partner);
		r->e[r->n].object = sdup(e->object);
		r->e[r->n].old = sdup(e->old);
		r->e[r->n].new = sdup(e->new);
	}
	r->n++;
}

static void rows_free(struct rows *r)
{
	size_t i;

	for (i = 0; i < r->n && i < 8; i++) {
		free(r->e[i].user);
		free(r->e[i].action);
		free(r->e[i].partner);
		free(r->e[i].object);
		free(r->e[i].old);
		free(r->e[i].new);
	}
	memset(r, 0, sizeof(*r));
}

/* The rows written since the last call, into *r (want: how many). */
static void new_rows(struct fx *f, struct rows *r, size_t want)
{
	struct bpw_error err;

	memset(r, 0, sizeof(*r));
	r->skip = f->seen;
	assert_int_equal(audit_each(f->st, NULL, NULL, collect, r, &err), 0);
	f->seen += r->n;
	if (r->n != want)
		fail_msg("%zu new audit rows, want %zu (first: %s %s)", r->n, want,
			 r->n ? r->e[0].action : "-", r->n ? r->e[0].object : "-");
}

/* One new row: action, partner code, object, old and new (NULL: none). */
static void expect_one(struct fx *f, const char *action, const char *partner,
		       const char *object, const char *old, const char *new)
{
	struct rows r;

	new_rows(f, &r, 1);
	assert_string_equal(r.e[0].action, action);
	assert_string_equal(r.e[0].partner, partner);
	assert_string_equal(r.e[0].object, object);
	if (old)
		assert_string_equal(r.e[0].old, old);
	else
		assert_null(r.e[0].old);
	if (new)
		assert_string_equal(r.e[0].new, new);
	else
		assert_null(r.e[0].new);
	assert_string_equal(r.e[0].user, audit_user());
	assert_int_equal(strlen(r.e[0].at), 20);	/* 2026-12-04T10:00:00Z */
	assert_int_equal(r.e[0].at[19], 'Z');
	rows_free(&r);
}

static int setup(void **state)
{
	struct fx *f = calloc(1, sizeof(*f));
	struct partner p = { .code = "ATL", .name = "Atlas" };
	struct bpw_error err;

	f->dir = tu_tempdir();
	assert_int_equal(store_open(tu_path(f->dir, "a.db"), STORE_CREATE, &f->st, &err), 0);
	assert_int_equal(partner_add(f->st, &p, &f->partner, &err), 0);
	expect_one(f, "partner", "ATL", "new", NULL, "Atlas");
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

static void test_partner_and_metric(void **state)
{
	struct fx *f = *state;
	struct partner p = { .id = f->partner, .code = "ATL", .name = "Atlas Lisboa",
			     .site = "Lisbon" };
	struct metric m = { .key = "nps", .name = "Net promoter score",
			    .better = METRIC_HIGHER, .agg = METRIC_AVG };
	struct bpw_error err;
	struct rows r;

	assert_int_equal(partner_update(f->st, &p, &err), 0);
	/* Two fields changed: a row for each. */
	new_rows(f, &r, 2);
	assert_string_equal(r.e[0].object, "name");
	assert_string_equal(r.e[0].old, "Atlas");
	assert_string_equal(r.e[0].new, "Atlas Lisboa");
	assert_string_equal(r.e[1].object, "site");
	assert_string_equal(r.e[1].old, "");
	assert_string_equal(r.e[1].new, "Lisbon");
	rows_free(&r);
	assert_int_equal(partner_update(f->st, &p, &err), 0);
	new_rows(f, &r, 0);	/* nothing changed, nothing written */
	assert_int_equal(metric_add(f->st, &m, &err), 0);
	expect_one(f, "metric", "", "nps", NULL, "Net promoter score");
}

static void test_observations(void **state)
{
	struct fx *f = *state;
	struct observation o = { .partner_id = f->partner, .metric = "csat",
				 .period = "2026-09-01", .segment = "channel=phone",
				 .source = OBS_CLIENT, .value = 81.5 };
	enum upsert_result res;
	struct bpw_error err;

	assert_int_equal(observation_upsert(f->st, &o, &res, &err), 0);
	expect_one(f, "observation", "ATL", "csat 2026-09 channel=phone (client)",
		   NULL, "81.5");
	o.value = 79.25;
	assert_int_equal(observation_upsert(f->st, &o, &res, &err), 0);
	assert_int_equal(res, UPSERT_UPDATED);
	expect_one(f, "observation", "ATL", "csat 2026-09 channel=phone (client)",
		   "81.5", "79.25");
	/* The guess "new" was wrong: still the old value in the trail. */
	o.value = 80;
	assert_int_equal(observation_upsert_as(f->st, &o, true, &res, &err), 0);
	assert_int_equal(res, UPSERT_UPDATED);
	expect_one(f, "observation", "ATL", "csat 2026-09 channel=phone (client)",
		   "79.25", "80");
	assert_int_equal(observation_upsert(f->st, &o, &res, &err), 0);
	assert_int_equal(res, UPSERT_UNCHANGED);
	{
		struct rows r;

		new_rows(f, &r, 0);
	}
}

static void test_import(void **state)
{
	struct fx *f = *state;
	const char *path = tu_path(f->dir, "in.csv");
	const char *paths[] = { path };
	struct import_opts o = { .type = IMPORT_AUTO };
	struct import_report rep;
	struct bpw_error err;
	struct rows r;

	tu_write(path, "partner,metric,period,segment,source,value\n"
		 "ATL,csat,2026-08,,partner,80\n"
		 "ATL,csat,2026-09,,partner,81\n"
		 "ATL,csat,2026-10,,partner,82\n");
	assert_int_equal(import_files(f->st, paths, 1, &o, &rep, &err), 0);
	import_report_free(&rep);
	/* Three new values: the summary alone. */
	new_rows(f, &r, 1);
	assert_string_equal(r.e[0].action, "import");
	assert_string_equal(r.e[0].object, path);
	assert_null(r.e[0].old);
	assert_string_equal(r.e[0].new, "3 rows: 3 inserted, 0 updated, 0 unchanged");
	rows_free(&r);
	/* A correction: its own row with the old value, then the summary. */
	tu_write(path, "partner,metric,period,segment,source,value\n"
		 "ATL,csat,2026-08,,partner,80\n"
		 "ATL,csat,2026-09,,partner,78.5\n");
	assert_int_equal(import_files(f->st, paths, 1, &o, &rep, &err), 0);
	import_report_free(&rep);
	new_rows(f, &r, 2);
	assert_string_equal(r.e[0].action, "observation");
	assert_string_equal(r.e[0].object, "csat 2026-09 total (partner)");
	assert_string_equal(r.e[0].old, "81");
	assert_string_equal(r.e[0].new, "78.5");
	assert_string_equal(r.e[1].new, "2 rows: 0 inserted, 1 updated, 1 unchanged");
	rows_free(&r);
	/* The same file again changes nothing, and writes nothing. */
	assert_int_equal(import_files(f->st, paths, 1, &o, &rep, &err), 0);
	assert_int_equal(rep.unchanged, 2);
	import_report_free(&rep);
	new_rows(f, &r, 0);
	/* A failed import leaves no row. */
	tu_write(path, "partner,metric,period,value\nATL,csat,2026-11,80\nATL,csat,bad,1\n");
	assert_int_not_equal(import_files(f->st, paths, 1, &o, &rep, &err), 0);
	import_report_free(&rep);
	new_rows(f, &r, 0);
	/* A dry run leaves no row either. */
	tu_write(path, "partner,metric,period,value\nATL,csat,2026-09,70\n");
	o.dry_run = true;
	assert_int_equal(import_files(f->st, paths, 1, &o, &rep, &err), BPW_OK);
	import_report_free(&rep);
	new_rows(f, &r, 0);
}

static void test_events_and_actions(void **state)
{
	struct fx *f = *state;
	struct event e = { .partner_id = f->partner, .date = "2026-10-15",
			   .kind = EVENT_ESCALATION, .title = "Complaint", .detail = "first" };
	struct follow_up a = { .partner_id = f->partner, .text = "Retrain team B",
			    .owner = "Anna", .due = "2026-12-01", .created = "2026-10-20" };
	enum upsert_result res;
	struct bpw_error err;
	int64_t id;

	assert_int_equal(event_add(f->st, &e, &id, &err), 0);
	expect_one(f, "event", "ATL", "2026-10-15 escalation", NULL, "Complaint");
	{	/* the id given back is the event's, not the audit row's */
		struct event_list l;

		assert_int_equal(event_list(f->st, f->partner, NULL, NULL, &l, &err), 0);
		assert_int_equal(l.count, 1);
		assert_int_equal(l.items[0].id, id);
		assert_string_equal(l.items[0].title, "Complaint");
		event_list_free(&l);
	}
	e.detail = "second";
	assert_int_equal(event_upsert(f->st, &e, &res, &err), 0);
	assert_int_equal(res, UPSERT_UPDATED);
	expect_one(f, "event", "ATL", "2026-10-15 escalation Complaint: detail", "first",
		   "second");
	assert_int_equal(action_add(f->st, &a, &id, &err), 0);
	{
		char obj[64];

		snprintf(obj, sizeof(obj), "action #%lld: Retrain team B", (long long)id);
		expect_one(f, "action", "ATL", obj, NULL, "open, owner Anna, due 2026-12-01");
		assert_int_equal(action_set_status(f->st, id, ACTION_DONE, &err), 0);
		expect_one(f, "action", "ATL", obj, "open, owner Anna, due 2026-12-01",
			   "done, owner Anna, due 2026-12-01");
		a.owner = "Mara";
		a.status = ACTION_DONE;
		assert_int_equal(action_upsert(f->st, &a, 0, &res, &err), 0);
		assert_int_equal(res, UPSERT_UPDATED);
		expect_one(f, "action", "ATL", obj, "done, owner Anna, due 2026-12-01",
			   "done, owner Mara, due 2026-12-01");
	}
}

/* Item edits of v2, a copy of v1 (whose items are item and gdpr): each
 * row names the item by its stable id, the v1 item's id, and its text. */
static void test_qa_item_edits(struct fx *f, int64_t v2, int64_t item, int64_t gdpr)
{
	struct qa_template t;
	struct qa_edit e = { .kind = QA_EDIT_UPDATE_ITEM, .sec = 0, .item = 0,
			     .text = "Reports on time", .weight = 2, .critical = true };
	struct bpw_error err;
	int64_t same, added;
	char obj[160];

	assert_int_equal(qa_template_load(f->st, v2, &t, &err), 0);
	assert_true(t.sections[0].items[0].id != item);
	assert_int_equal(t.sections[0].items[0].stable_id, item);
	assert_int_equal(t.sections[0].items[1].stable_id, gdpr);
	qa_template_clear(&t);
	snprintf(obj, sizeof(obj), "Mini v2: item #%lld \"Reports on time\"", (long long)item);
	assert_int_equal(qa_template_edit(f->st, v2, &e, &same, &err), 0);
	assert_int_equal(same, v2);
	expect_one(f, "qa_template", "", obj, "Reports on time (weight 2, pass/fail)",
		   "Reports on time (weight 2, critical, pass/fail)");
	e = (struct qa_edit){ .kind = QA_EDIT_MOVE_ITEM, .sec = 0, .item = 0, .delta = 1 };
	assert_int_equal(qa_template_edit(f->st, v2, &e, &same, &err), 0);
	expect_one(f, "qa_template", "", obj, "position 1.1", "position 1.2");
	/* Moved: item 1.1 is GDPR now, and is still named by its own id. */
	e = (struct qa_edit){ .kind = QA_EDIT_DELETE_ITEM, .sec = 0, .item = 0 };
	assert_int_equal(qa_template_edit(f->st, v2, &e, &same, &err), 0);
	snprintf(obj, sizeof(obj), "Mini v2: item #%lld \"GDPR\"", (long long)gdpr);
	expect_one(f, "qa_template", "", obj, "GDPR (weight 1, critical, pass/fail)", NULL);
	e = (struct qa_edit){ .kind = QA_EDIT_ADD_ITEM, .sec = 0, .item = 0,
			      .text = "Escalations logged", .weight = 1 };
	assert_int_equal(qa_template_edit(f->st, v2, &e, &same, &err), 0);
	assert_int_equal(qa_template_load(f->st, v2, &t, &err), 0);
	added = t.sections[0].items[1].id;
	assert_int_equal(t.sections[0].items[1].stable_id, added);
	qa_template_clear(&t);
	snprintf(obj, sizeof(obj), "Mini v2: item #%lld \"Escalations logged\"",
		 (long long)added);
	expect_one(f, "qa_template", "", obj, NULL,
		   "Escalations logged (weight 1, pass/fail) at 1.2");
}

static void test_qa(void **state)
{
	struct fx *f = *state;
	struct qa_template t;
	struct qa_edit e = { .kind = QA_EDIT_PASSING, .weight = 75 };
	struct bpw_error err;
	int64_t tpl, rev, item, gdpr, v;
	char obj[160];

	assert_int_equal(qa_template_latest(f->st, NULL, &tpl, &err), BPW_ENOENT);
	tu_write(tu_path(f->dir, "t.conf"),
		 "name = \"Mini\";\npassing_score = 80.0;\nsections = ( { key = \"ops\";"
		 " title = \"Ops\"; items = ( { text = \"Reports on time\"; weight = 2.0; },"
		 " { text = \"GDPR\"; weight = 1.0; critical = true; } ); } );\n");
	assert_int_equal(qa_template_import(f->st, tu_path(f->dir, "t.conf"), &tpl, &err), 0);
	snprintf(obj, sizeof(obj), "Mini (template %lld)", (long long)tpl);
	expect_one(f, "qa_template", "", obj, NULL, "new version");
	assert_int_equal(qa_template_edit(f->st, tpl, &e, &v, &err), 0);
	expect_one(f, "qa_template", "", "Mini v1: passing score", "80", "75");
	assert_int_equal(qa_template_load(f->st, tpl, &t, &err), 0);
	item = t.sections[0].items[0].id;
	gdpr = t.sections[0].items[1].id;
	assert_int_equal(t.sections[0].items[0].stable_id, item);
	qa_template_clear(&t);

	assert_int_equal(qa_review_start(f->st, f->partner, tpl, "2026-11-20", "Anna",
					 &rev, &err), 0);
	snprintf(obj, sizeof(obj), "audit #%lld of 2026-11-20 by Anna (template %lld)",
		 (long long)rev, (long long)tpl);
	expect_one(f, "qa_review", "ATL", obj, NULL, "draft");
	/* An answer names the item by its place, its stable id and text. */
	snprintf(obj, sizeof(obj), "audit #%lld item 1.1 #%lld \"Reports on time\"",
		 (long long)rev, (long long)item);
	assert_int_equal(qa_review_set_answer(f->st, rev, item, "pass", &err), 0);
	expect_one(f, "qa_answer", "ATL", obj, NULL, "pass");
	assert_int_equal(qa_review_set_answer(f->st, rev, item, "fail", &err), 0);
	expect_one(f, "qa_answer", "ATL", obj, "pass", "fail");
	assert_int_equal(qa_review_set_answer(f->st, rev, item, NULL, &err), 0);
	expect_one(f, "qa_answer", "ATL", obj, "fail", NULL);
	assert_int_equal(qa_review_set_note(f->st, rev, item, "late twice", &err), 0);
	expect_one(f, "qa_note", "ATL", obj, "", "late twice");
	assert_int_equal(qa_review_set_note(f->st, rev, 0, "on site", &err), 0);
	snprintf(obj, sizeof(obj), "audit #%lld: notes", (long long)rev);
	expect_one(f, "qa_note", "ATL", obj, "", "on site");
	snprintf(obj, sizeof(obj), "audit #%lld", (long long)rev);
	assert_int_equal(qa_review_finalise(f->st, rev, &err), 0);
	expect_one(f, "qa_review", "ATL", obj, "draft", "final");
	/* A final audit refuses changes, and nothing is written. */
	assert_int_equal(qa_review_set_answer(f->st, rev, item, "pass", &err), BPW_EREADONLY);
	{
		struct rows r;

		new_rows(f, &r, 0);
	}
	/* An edit of the now frozen v1 goes to v2: still one row. */
	e.weight = 70;
	assert_int_equal(qa_template_edit(f->st, tpl, &e, &v, &err), 0);
	assert_true(v != tpl);
	expect_one(f, "qa_template", "", "Mini v2: passing score", "75", "70");
	test_qa_item_edits(f, v, item, gdpr);
	assert_int_equal(qa_interval_set(f->st, f->partner, 180, &err), 0);
	expect_one(f, "qa_interval", "ATL", "audit interval (days)", NULL, "180");
	assert_int_equal(qa_interval_set(f->st, f->partner, 0, &err), 0);
	expect_one(f, "qa_interval", "ATL", "audit interval (days)", "180", NULL);
	assert_int_equal(qa_review_start(f->st, f->partner, v, "2026-11-21", "Mara",
					 &rev, &err), 0);
	f->seen++;
	assert_int_equal(qa_review_delete(f->st, rev, &err), 0);
	snprintf(obj, sizeof(obj), "audit #%lld", (long long)rev);
	expect_one(f, "qa_review", "ATL", obj, "draft", NULL);
}

/* Counts what sql selects (one integer). */
static long long count(struct fx *f, const char *sql)
{
	sqlite3_stmt *q;
	long long n;

	assert_int_equal(sqlite3_prepare_v2(store_db(f->st), sql, -1, &q, NULL), SQLITE_OK);
	assert_int_equal(sqlite3_step(q), SQLITE_ROW);
	n = sqlite3_column_int64(q, 0);
	sqlite3_finalize(q);
	return n;
}

/* A bulk correction: one row in the trail for the import, its changed
 * figures compactly under it (audit_value), read back as the rows they
 * stand for, by partner and by day; what failed or was a dry run leaves
 * none, nor does it reach the next import; nobody may change them or
 * slip one under a past import. */
static void test_import_values(void **state)
{
	struct fx *f = *state;
	const char *path = tu_path(f->dir, "in.csv");
	const char *paths[] = { path };
	struct partner p = { .code = "BER", .name = "Berlin" };
	struct import_opts o = { .type = IMPORT_AUTO };
	struct import_report rep;
	struct bpw_error err;
	sqlite3 *db = store_db(f->st);
	int64_t ber;
	struct rows r;

	assert_int_equal(partner_add(f->st, &p, &ber, &err), 0);
	expect_one(f, "partner", "BER", "new", NULL, "Berlin");
	tu_write(path, "partner,metric,period,segment,source,value\n"
		 "BER,csat,2026-09,,client,70\n"
		 "ATL,csat,2026-09,,partner,81\n"
		 "ATL,csat,2026-10,channel=chat,partner,82\n");
	assert_int_equal(import_files(f->st, paths, 1, &o, &rep, &err), 0);
	import_report_free(&rep);
	new_rows(f, &r, 1);
	rows_free(&r);
	tu_write(path, "partner,metric,period,segment,source,value\n"
		 "BER,csat,2026-09,,client,71.25\n"
		 "ATL,csat,2026-09,,partner,79\n"
		 "ATL,csat,2026-10,channel=chat,partner,83\n");
	assert_int_equal(import_files(f->st, paths, 1, &o, &rep, &err), 0);
	import_report_free(&rep);
	/* Three rows of the trail as before: the figures (by partner), then
	 * the import; one row stored. */
	new_rows(f, &r, 4);
	assert_string_equal(r.e[0].action, "observation");
	assert_string_equal(r.e[0].partner, "ATL");
	assert_string_equal(r.e[0].object, "csat 2026-09 total (partner)");
	assert_string_equal(r.e[0].old, "81");
	assert_string_equal(r.e[0].new, "79");
	assert_string_equal(r.e[1].object, "csat 2026-10 channel=chat (partner)");
	assert_string_equal(r.e[2].partner, "BER");
	assert_string_equal(r.e[2].object, "csat 2026-09 total (client)");
	assert_string_equal(r.e[2].old, "70");
	assert_string_equal(r.e[2].new, "71.25");
	assert_string_equal(r.e[3].action, "import");
	assert_string_equal(r.e[3].new, "3 rows: 0 inserted, 3 updated, 0 unchanged");
	assert_int_equal(r.e[0].id, r.e[3].id);	/* the import's, as is its time */
	assert_string_equal(r.e[0].at, r.e[3].at);
	assert_string_equal(r.e[0].user, audit_user());
	rows_free(&r);
	assert_int_equal(count(f, "SELECT count(*) FROM audit WHERE action = 'observation'"), 0);
	assert_int_equal(count(f, "SELECT count(*) FROM audit_value"), 3);
	/* By partner (any case): its figures, not the import's own row. */
	memset(&r, 0, sizeof(r));
	assert_int_equal(audit_each(f->st, "ber", NULL, collect, &r, &err), 0);
	assert_int_equal(r.n, 2);	/* created, then its corrected figure */
	assert_string_equal(r.e[1].object, "csat 2026-09 total (client)");
	rows_free(&r);
	memset(&r, 0, sizeof(r));
	assert_int_equal(audit_each(f->st, NULL, "2999-01-01", collect, &r, &err), 0);
	assert_int_equal(r.n, 0);
	assert_int_equal(audit_each(f->st, "ATL", "2000-01-01", collect, &r, &err), 0);
	assert_int_equal(r.n, 3);	/* created, two figures */
	rows_free(&r);
	/* A dry run, then a failed import: nothing kept, nor carried on. */
	tu_write(path, "partner,metric,period,segment,source,value\n"
		 "ATL,csat,2026-09,,partner,60\n");
	o.dry_run = true;
	assert_int_equal(import_files(f->st, paths, 1, &o, &rep, &err), 0);
	import_report_free(&rep);
	o.dry_run = false;
	tu_write(path, "partner,metric,period,segment,source,value\n"
		 "ATL,csat,2026-09,,partner,61\nATL,csat,bad,,partner,1\n");
	assert_int_not_equal(import_files(f->st, paths, 1, &o, &rep, &err), 0);
	import_report_free(&rep);
	new_rows(f, &r, 0);
	tu_write(path, "partner,metric,period,segment,source,value\n"
		 "ATL,csat,2026-10,channel=chat,partner,84\n");
	assert_int_equal(import_files(f->st, paths, 1, &o, &rep, &err), 0);
	import_report_free(&rep);
	new_rows(f, &r, 2);
	assert_string_equal(r.e[0].old, "83");
	assert_string_equal(r.e[0].new, "84");
	rows_free(&r);
	assert_int_equal(count(f, "SELECT count(*) FROM audit_value"), 4);
	/* Never changed, deleted, replaced, or added under a past import. */
	assert_int_not_equal(sqlite3_exec(db, "UPDATE audit_value SET new = 'x'", NULL, NULL,
					  NULL), SQLITE_OK);
	assert_non_null(strstr(sqlite3_errmsg(db), "the audit trail cannot be changed"));
	assert_int_not_equal(sqlite3_exec(db, "DELETE FROM audit_value", NULL, NULL, NULL),
			     SQLITE_OK);
	assert_non_null(strstr(sqlite3_errmsg(db), "the audit trail cannot be changed"));
	assert_int_not_equal(sqlite3_exec(db, "INSERT OR REPLACE INTO audit_value"
					  " SELECT audit_id, partner, seq, metric, period, segment,"
					  " source, old, 'x' FROM audit_value", NULL, NULL, NULL),
			     SQLITE_OK);
	assert_non_null(strstr(sqlite3_errmsg(db), "the audit trail cannot be changed"));
	assert_int_not_equal(sqlite3_exec(db, "INSERT INTO audit_value SELECT min(audit_id),"
					  " 'ATL', 99, 'csat', '2026-01', '', 'partner', '1', '2'"
					  " FROM audit_value", NULL, NULL, NULL), SQLITE_OK);
	assert_non_null(strstr(sqlite3_errmsg(db), "the audit trail cannot be changed"));
	assert_int_equal(count(f, "SELECT count(*) FROM audit_value"), 4);
}

static void test_trail_is_kept(void **state)
{
	struct fx *f = *state;
	sqlite3 *db = store_db(f->st);
	struct rows r;
	struct bpw_error err;

	assert_int_not_equal(sqlite3_exec(db, "UPDATE audit SET new = 'x'", NULL, NULL, NULL),
			     SQLITE_OK);
	assert_non_null(strstr(sqlite3_errmsg(db), "the audit trail cannot be changed"));
	assert_int_not_equal(sqlite3_exec(db, "DELETE FROM audit", NULL, NULL, NULL), SQLITE_OK);
	/* REPLACE deletes without the delete trigger: refused all the same. */
	assert_int_not_equal(sqlite3_exec(db, "INSERT OR REPLACE INTO audit(id, at, user, action,"
					  " partner, object) SELECT id, at, user, 'x', partner, 'x'"
					  " FROM audit", NULL, NULL, NULL), SQLITE_OK);
	assert_non_null(strstr(sqlite3_errmsg(db), "the audit trail cannot be changed"));
	memset(&r, 0, sizeof(r));
	assert_int_equal(audit_each(f->st, "ATL", NULL, collect, &r, &err), 0);
	assert_int_equal(r.n, 1);	/* the partner's creation is still there */
	rows_free(&r);
	memset(&r, 0, sizeof(r));
	assert_int_equal(audit_each(f->st, "NOPE", NULL, collect, &r, &err), 0);
	assert_int_equal(r.n, 0);
	assert_int_equal(audit_each(f->st, NULL, "2999-01-01", collect, &r, &err), 0);
	assert_int_equal(r.n, 0);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_setup_teardown(test_partner_and_metric, setup, teardown),
		cmocka_unit_test_setup_teardown(test_observations, setup, teardown),
		cmocka_unit_test_setup_teardown(test_import, setup, teardown),
		cmocka_unit_test_setup_teardown(test_import_values, setup, teardown),
		cmocka_unit_test_setup_teardown(test_events_and_actions, setup, teardown),
		cmocka_unit_test_setup_teardown(test_qa, setup, teardown),
		cmocka_unit_test_setup_teardown(test_trail_is_kept, setup, teardown),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
