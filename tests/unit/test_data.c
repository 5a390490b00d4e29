/* test_data.c: the typed data API: partners, metrics, events, actions,
 * dates, and the portfolio summary (with hand-computed expectations). */
#include "testutil.h"

#include <math.h>
#include <sqlite3.h>

#include "action.h"
#include "audit.h"
#include "csv.h"
#include "date.h"
#include "drill.h"
#include "event.h"
#include "idmap.h"
#include "metric.h"
#include "observation.h"
#include "partner.h"
#include "portfolio.h"
#include "store.h"

struct fixture {
	char *dir;
	struct store *st;
};

static int setup(void **state)
{
	struct fixture *f = calloc(1, sizeof(*f));
	struct bpw_error err;

	f->dir = tu_tempdir();
	if (store_open(tu_path(f->dir, "t.db"), STORE_CREATE, &f->st, &err) != 0)
		return -1;
	*state = f;
	return 0;
}

static int teardown(void **state)
{
	struct fixture *f = *state;

	store_close(f->st);
	tu_rmdir(f->dir);
	free(f);
	return 0;
}

static void test_dates(void **state)
{
	char out[DATE_LEN];

	assert_true(date_valid("2024-02-29"));
	assert_false(date_valid("2026-02-29"));
	assert_false(date_valid("2026-13-01"));
	assert_false(date_valid("2026-1-01"));
	assert_false(date_valid("01.10.2026"));
	assert_true(period_valid("2026-10-01"));
	assert_false(period_valid("2026-10-02"));
	period_add("2026-10-01", -35, out);
	assert_string_equal(out, "2023-11-01");
	period_add("2026-11-01", 2, out);
	assert_string_equal(out, "2027-01-01");
}

static void test_partners(void **state)
{
	struct fixture *f = *state;
	struct partner a = { .code = "NLK", .name = "Nordlicht Kundenservice",
			     .site = "Hamburg", .country = "DE",
			     .contract_start = "2021-01-01", .annual_value = 2.4e6,
			     .has_value = true, .currency = "EUR" };
	struct partner b = { .code = "ATL", .name = "Atlas Contact" }, got;
	struct partner_list pl;
	struct bpw_error err;
	int64_t id;

	assert_int_equal(partner_add(f->st, &a, &id, &err), 0);
	assert_int_equal(partner_add(f->st, &b, NULL, &err), 0);
	/* Codes are unique regardless of case. */
	b.code = "nlk";
	assert_int_equal(partner_add(f->st, &b, NULL, &err), BPW_EEXIST);
	assert_string_equal(err.msg, "a partner with code nlk already exists");
	b.code = "N L";
	assert_int_equal(partner_add(f->st, &b, NULL, &err), BPW_EINVAL);
	b.code = "NEW";
	b.contract_end = "2026-02-30";
	assert_int_equal(partner_add(f->st, &b, NULL, &err), BPW_EINVAL);
	assert_non_null(strstr(err.msg, "contract end"));

	assert_int_equal(partner_find(f->st, "nlk", &got, &err), 0);
	assert_int_equal(got.id, id);
	assert_string_equal(got.site, "Hamburg");
	assert_string_equal(got.contract_start, "2021-01-01");
	assert_null(got.contract_end);
	assert_true(got.has_value);
	assert_float_equal(got.annual_value, 2.4e6, 1e-6);
	got.notes = "renewal talks in Q1";
	got.archived = true;
	assert_int_equal(partner_update(f->st, &got, &err), 0);
	partner_clear(&got);

	assert_int_equal(partner_list(f->st, false, &pl, &err), 0);
	assert_int_equal(pl.count, 1);
	assert_string_equal(pl.items[0].code, "ATL");
	partner_list_free(&pl);
	assert_int_equal(partner_list(f->st, true, &pl, &err), 0);
	assert_int_equal(pl.count, 2);
	assert_string_equal(pl.items[1].notes, "renewal talks in Q1");
	partner_list_free(&pl);
	assert_int_equal(partner_find(f->st, "XYZ", &got, &err), BPW_ENOENT);
}

static void test_metrics(void **state)
{
	struct fixture *f = *state;
	struct metric m, aht = { .key = "aht", .name = "Average handle time",
				 .unit = "s", .better = METRIC_LOWER,
				 .agg = METRIC_AVG };
	struct metric_list ml;
	struct bpw_error err;

	assert_int_equal(metric_list(f->st, &ml, &err), 0);
	assert_int_equal(ml.count, 12);	/* with qa_calibration_gap */
	metric_list_free(&ml);
	assert_int_equal(metric_find(f->st, "csat", &m, &err), 0);
	assert_int_equal(m.better, METRIC_HIGHER);
	assert_true(m.builtin);
	assert_true(strlen(m.question) > 0);
	metric_clear(&m);
	assert_int_equal(metric_find(f->st, "response_hours", &m, &err), 0);
	assert_int_equal(m.better, METRIC_LOWER);
	metric_clear(&m);
	assert_int_equal(metric_find(f->st, "escalations", &m, &err), 0);
	assert_int_equal(m.agg, METRIC_SUM);
	metric_clear(&m);

	assert_int_equal(metric_add(f->st, &aht, &err), 0);
	assert_int_equal(metric_add(f->st, &aht, &err), BPW_EEXIST);
	aht.key = "Bad Key";
	assert_int_equal(metric_add(f->st, &aht, &err), BPW_EINVAL);
	assert_int_equal(metric_find(f->st, "aht", &m, &err), 0);
	assert_false(m.builtin);
	assert_int_equal(m.better, METRIC_LOWER);
	metric_clear(&m);
}

/* The plausible range: the built-ins' from migration 11, a user metric's
 * own, checked by metric_range_check and by every observation write. */
static void test_metric_ranges(void **state)
{
	struct fixture *f = *state;
	struct metric m, nps = { .key = "nps", .name = "Net promoter score",
				 .better = METRIC_HIGHER,
				 .range = { true, true, -100, 100 } };
	struct partner p = { .code = "ATL", .name = "Atlas" };
	struct observation o = { .metric = "csat", .period = "2026-09-01",
				 .segment = "" };
	struct metric_range open = { 0 };
	struct bpw_error err;
	int64_t pid;

	assert_int_equal(metric_find(f->st, "csat", &m, &err), 0);
	assert_true(m.range.has_min && m.range.min == 0);
	assert_true(m.range.has_max && m.range.max == 100);
	assert_int_equal(metric_range_check(&m.range, "csat", 100, &err), 0);
	assert_int_equal(metric_range_check(&m.range, "csat", 150, &err), BPW_EINVAL);
	assert_string_equal(err.msg, "csat 150 is above its plausible maximum 100");
	assert_int_equal(metric_range_check(&m.range, "csat", -0.5, &err), BPW_EINVAL);
	assert_string_equal(err.msg, "csat -0.5 is below its plausible minimum 0");
	metric_clear(&m);
	assert_int_equal(metric_find(f->st, "escalations", &m, &err), 0);
	assert_true(m.range.has_min && !m.range.has_max);
	metric_clear(&m);
	assert_int_equal(metric_range_check(&open, "x", -1e300, &err), 0);

	assert_int_equal(metric_add(f->st, &nps, &err), 0);
	assert_int_equal(metric_find(f->st, "nps", &m, &err), 0);
	assert_true(m.range.has_min && m.range.min == -100 && m.range.max == 100);
	metric_clear(&m);
	nps.key = "nps2";
	nps.range.min = 200;
	assert_int_equal(metric_add(f->st, &nps, &err), BPW_EINVAL);

	assert_int_equal(partner_add(f->st, &p, &pid, &err), 0);
	o.partner_id = pid;
	o.value = 150;
	assert_int_equal(observation_upsert(f->st, &o, NULL, &err), BPW_EINVAL);
	assert_string_equal(err.msg, "csat 150 is above its plausible maximum 100");
	o.metric = "nps";
	o.value = -40;
	assert_int_equal(observation_upsert(f->st, &o, NULL, &err), 0);
	o.segment = "chat";
	assert_int_equal(observation_upsert(f->st, &o, NULL, &err), BPW_EINVAL);
	assert_true(observation_segment_valid("channel=chat"));
	assert_true(observation_segment_valid(""));
	assert_false(observation_segment_valid("=chat"));
	assert_false(observation_segment_valid("channel="));
}

static void test_events(void **state)
{
	struct fixture *f = *state;
	struct partner p = { .code = "ATL", .name = "Atlas" };
	struct event e = { .kind = EVENT_ESCALATION, .title = "Billing complaints" };
	struct event_list el;
	enum event_kind k;
	struct bpw_error err;
	int64_t pid;

	assert_int_equal(partner_add(f->st, &p, &pid, &err), 0);
	e.partner_id = pid;
	strcpy(e.date, "2026-10-03");
	assert_int_equal(event_add(f->st, &e, NULL, &err), 0);
	e.kind = EVENT_MEETING;
	e.title = "Monthly review";
	strcpy(e.date, "2026-09-12");
	assert_int_equal(event_add(f->st, &e, NULL, &err), 0);
	strcpy(e.date, "2026-09-31");
	assert_int_equal(event_add(f->st, &e, NULL, &err), BPW_EINVAL);
	e.partner_id = 999;
	strcpy(e.date, "2026-09-30");
	assert_int_equal(event_add(f->st, &e, NULL, &err), BPW_ECONSTRAINT);

	assert_int_equal(event_list(f->st, pid, NULL, NULL, &el, &err), 0);
	assert_int_equal(el.count, 2);
	assert_string_equal(el.items[0].date, "2026-09-12");	/* date order */
	assert_int_equal(el.items[0].kind, EVENT_MEETING);
	assert_string_equal(el.items[1].title, "Billing complaints");
	event_list_free(&el);
	assert_int_equal(event_list(f->st, pid, "2026-10-01", "2026-10-31", &el, &err), 0);
	assert_int_equal(el.count, 1);
	event_list_free(&el);

	assert_int_equal(event_kind_parse("best_practice", &k), 0);
	assert_int_equal(k, EVENT_BEST_PRACTICE);
	assert_string_equal(event_kind_name(EVENT_REPORT_LATE), "report_late");
	assert_int_equal(event_kind_parse("party", &k), BPW_EINVAL);
	/* The list in help texts and messages names every kind, in order. */
	assert_string_equal(event_kind_names(), "meeting, best_practice, "
			    "improvement_idea, escalation, report_late, incident, note");
}

/* Audit rows as "action|object|old|new" lines, for the upkeep tests. */
static void audit_line(const struct audit_entry *e, void *ctx)
{
	char *b = ctx;
	size_t n = strlen(b);

	snprintf(b + n, 4096 - n, "%s|%s|%s|%s\n", e->action, e->object,
		 e->old ? e->old : "-", e->new ? e->new : "-");
}

/* Editing and deleting an event: one audit row per field changed, the
 * deletion's row names what went; a vanished event is ENOENT. */
static void test_event_upkeep(void **state)
{
	struct fixture *f = *state;
	struct partner p = { .code = "ATL", .name = "Atlas" };
	struct event e = { .kind = EVENT_NOTE, .title = "Shared a tip" }, got;
	struct bpw_error err;
	struct event_list el;
	char trail[4096] = "";
	int64_t pid, id;

	assert_int_equal(partner_add(f->st, &p, &pid, &err), 0);
	e.partner_id = pid;
	strcpy(e.date, "2026-11-20");
	assert_int_equal(event_add(f->st, &e, &id, &err), 0);
	assert_int_equal(event_get(f->st, id, &got, &err), 0);
	assert_string_equal(got.title, "Shared a tip");
	assert_string_equal(got.detail, "");
	event_clear(&got);

	e.id = id;
	e.kind = EVENT_BEST_PRACTICE;
	e.detail = "call-back script";
	assert_int_equal(event_update(f->st, &e, &err), 0);
	strcpy(e.date, "2026-11-31");
	assert_int_equal(event_update(f->st, &e, &err), BPW_EINVAL);
	strcpy(e.date, "2026-11-20");
	e.title = "";
	assert_int_equal(event_update(f->st, &e, &err), BPW_EINVAL);
	assert_string_equal(err.msg, "event has no title");
	assert_int_equal(event_get(f->st, id, &got, &err), 0);
	assert_int_equal(got.kind, EVENT_BEST_PRACTICE);
	assert_string_equal(got.detail, "call-back script");
	event_clear(&got);

	assert_int_equal(event_delete(f->st, id, &err), 0);
	assert_int_equal(event_delete(f->st, id, &err), BPW_ENOENT);
	e.title = "x";
	assert_int_equal(event_update(f->st, &e, &err), BPW_ENOENT);
	assert_int_equal(event_list(f->st, pid, NULL, NULL, &el, &err), 0);
	assert_int_equal(el.count, 0);
	event_list_free(&el);

	assert_int_equal(audit_each(f->st, NULL, NULL, audit_line, trail, &err), 0);
	assert_string_equal(trail,
		"partner|new|-|Atlas\n"
		"event|2026-11-20 note|-|Shared a tip\n"
		"event|2026-11-20 note Shared a tip: kind|note|best_practice\n"
		"event|2026-11-20 note Shared a tip: detail||call-back script\n"
		"event|2026-11-20 best_practice: deleted|Shared a tip|-\n");
}

/* Clearing a figure: the row goes, the audit says old -> none, a figure
 * that is not there is ENOENT; typed numbers take a comma or a point. */
static void test_observation_upkeep(void **state)
{
	struct fixture *f = *state;
	struct partner p = { .code = "ATL", .name = "Atlas" };
	struct observation o = { .metric = "csat", .period = "2026-10-01",
				 .segment = "", .value = 81.5 };
	struct bpw_error err;
	struct series s;
	char trail[4096] = "";
	double v;
	int64_t pid;

	assert_int_equal(partner_add(f->st, &p, &pid, &err), 0);
	o.partner_id = pid;
	assert_int_equal(observation_upsert(f->st, &o, NULL, &err), 0);
	o.source = OBS_CLIENT;
	o.value = 80;
	assert_int_equal(observation_upsert(f->st, &o, NULL, &err), 0);
	/* The plausible range, with the import's words. */
	o.value = 140;
	assert_int_equal(observation_upsert(f->st, &o, NULL, &err), BPW_EINVAL);
	assert_non_null(strstr(err.msg, "csat"));

	assert_int_equal(observation_delete(f->st, pid, "csat", "2026-10-01", "",
					    OBS_PARTNER, &err), 0);
	assert_int_equal(observation_delete(f->st, pid, "csat", "2026-10-01", "",
					    OBS_PARTNER, &err), BPW_ENOENT);
	assert_string_equal(err.msg, "no csat figure for 2026-10 (total, partner)");
	assert_int_equal(observation_delete(f->st, pid, "csat", "2026-10-01",
					    "channel=chat", OBS_CLIENT, &err), BPW_ENOENT);
	assert_int_equal(observation_series(f->st, pid, "csat", "", OBS_CLIENT, NULL,
					    NULL, &s, &err), 0);
	assert_int_equal(s.count, 1);	/* the client's figure stays */
	series_free(&s);
	assert_int_equal(observation_series(f->st, pid, "csat", "", OBS_PARTNER, NULL,
					    NULL, &s, &err), 0);
	assert_int_equal(s.count, 0);
	series_free(&s);
	assert_int_equal(audit_each(f->st, "ATL", NULL, audit_line, trail, &err), 0);
	assert_non_null(strstr(trail, "observation|csat 2026-10 total (partner)|81.5|-\n"));

	assert_int_equal(csv_number_typed("81,5", &v), CSV_NUM_OK);
	assert_float_equal(v, 81.5, 1e-9);
	assert_int_equal(csv_number_typed(" 81.5 ", &v), CSV_NUM_OK);
	assert_float_equal(v, 81.5, 1e-9);
	assert_int_equal(csv_number_typed("1.234,5", &v), CSV_NUM_GROUPED);
	assert_int_equal(csv_number_typed("1.200.000", &v), CSV_NUM_GROUPED);
	assert_int_equal(csv_number_typed("1,200,000", &v), CSV_NUM_GROUPED);
	assert_int_equal(csv_number_typed("1.234", &v), CSV_NUM_OK);
	assert_float_equal(v, 1.234, 1e-9);
	/* The dashboard's prompts (a checklist item's weight) read the same
	 * way: a decimal comma, never a grouped number. */
	assert_int_equal(csv_number_typed("2,5", &v), CSV_NUM_OK);
	assert_float_equal(v, 2.5, 1e-9);
	assert_int_equal(csv_number_typed("1,234.5", &v), CSV_NUM_GROUPED);
	assert_int_equal(csv_number_typed("2,5,0", &v), CSV_NUM_BAD);
	assert_int_equal(csv_number_typed("8x", &v), CSV_NUM_BAD);
	assert_int_equal(csv_number_typed("", &v), CSV_NUM_EMPTY);
}

/* Archiving and back: one audit row each, the list leaves it out. */
static void test_partner_archive(void **state)
{
	struct fixture *f = *state;
	struct partner p = { .code = "ATL", .name = "Atlas" }, got;
	struct partner_list pl;
	struct bpw_error err;
	char trail[4096] = "";
	int64_t pid;

	assert_int_equal(partner_add(f->st, &p, &pid, &err), 0);
	assert_int_equal(partner_set_archived(f->st, pid, true, &err), 0);
	assert_int_equal(partner_set_archived(f->st, pid, true, &err), 0);
	assert_int_equal(partner_list(f->st, false, &pl, &err), 0);
	assert_int_equal(pl.count, 0);
	partner_list_free(&pl);
	assert_int_equal(partner_set_archived(f->st, pid, false, &err), 0);
	assert_int_equal(partner_get(f->st, pid, &got, &err), 0);
	assert_false(got.archived);
	partner_clear(&got);
	assert_int_equal(partner_set_archived(f->st, pid + 7, true, &err), BPW_ENOENT);
	assert_int_equal(audit_each(f->st, NULL, NULL, audit_line, trail, &err), 0);
	assert_string_equal(trail, "partner|new|-|Atlas\n"
			    "partner|archived|no|yes\n"
			    "partner|archived|yes|no\n");
}

static void test_actions(void **state)
{
	struct fixture *f = *state;
	struct partner p = { .code = "CCX", .name = "Nile Connect" };
	struct follow_up a = { .text = "Deliver the September report", .owner = "Anna" };
	struct action_list al;
	struct bpw_error err;
	int64_t pid, id1;

	assert_int_equal(partner_add(f->st, &p, &pid, &err), 0);
	a.partner_id = pid;
	strcpy(a.due, "2026-11-15");
	strcpy(a.created, "2026-10-20");
	assert_int_equal(action_add(f->st, &a, &id1, &err), 0);
	a.text = "Agree a response-time target";
	strcpy(a.due, "2026-10-31");
	assert_int_equal(action_add(f->st, &a, NULL, &err), 0);
	a.text = "Open-ended";
	a.due[0] = '\0';
	assert_int_equal(action_add(f->st, &a, NULL, &err), 0);
	a.text = "";
	assert_int_equal(action_add(f->st, &a, NULL, &err), BPW_EINVAL);

	assert_int_equal(action_list(f->st, pid, false, &al, &err), 0);
	assert_int_equal(al.count, 3);
	assert_string_equal(al.items[0].due, "2026-10-31");	/* due order */
	assert_string_equal(al.items[2].due, "");		/* none last */
	assert_string_equal(al.items[0].created, "2026-10-20");
	action_list_free(&al);
	assert_int_equal(action_set_status(f->st, id1, ACTION_DONE, &err), 0);
	assert_int_equal(action_set_status(f->st, 4242, ACTION_DONE, &err), BPW_ENOENT);
	assert_int_equal(action_list(f->st, pid, true, &al, &err), 0);
	assert_int_equal(al.count, 2);
	action_list_free(&al);
}

static void add_obs(struct store *st, int64_t pid, const char *metric,
		    const char *period, enum obs_source src, double v)
{
	struct observation o = { .partner_id = pid, .metric = metric,
				 .period = period, .segment = "", .source = src,
				 .value = v };
	struct bpw_error err;

	assert_int_equal(observation_upsert(st, &o, NULL, &err), 0);
}

static void test_portfolio(void **state)
{
	struct fixture *f = *state;
	struct partner a = { .code = "B1", .name = "Beta" };
	struct partner b = { .code = "A1", .name = "alpha" };
	struct follow_up act = { .text = "x" };
	struct portfolio pf;
	struct bpw_error err;
	char qa_sql[1200];
	int64_t ia, ib;

	assert_int_equal(partner_add(f->st, &a, &ia, &err), 0);
	assert_int_equal(partner_add(f->st, &b, &ib, &err), 0);
	/* Beta: client CSAT preferred over partner-reported in the same month;
	 * the latest month counts even if only the partner reported it. */
	add_obs(f->st, ia, "csat", "2026-08-01", OBS_CLIENT, 70.0);
	add_obs(f->st, ia, "csat", "2026-09-01", OBS_CLIENT, 72.5);
	add_obs(f->st, ia, "csat", "2026-09-01", OBS_PARTNER, 88.0);
	add_obs(f->st, ia, "attrition", "2026-10-01", OBS_PARTNER, 3.1);
	act.partner_id = ia;
	strcpy(act.due, "2026-10-01");
	assert_int_equal(action_add(f->st, &act, NULL, &err), 0);
	strcpy(act.due, "2026-12-01");
	assert_int_equal(action_add(f->st, &act, NULL, &err), 0);

	/* An audit: pass (2) + scale 3 of 5 on weight 3 (1.8) + N/A = 3.8 of 5;
	 * a later draft and a later-than-as-of final do not count. */
	snprintf(qa_sql, sizeof(qa_sql),
		"INSERT INTO qa_template(id, name, version, created)"
		" VALUES (1, 'T', 1, '2025-01-01');"
		"INSERT INTO qa_section(id, template_id, position, title)"
		" VALUES (1, 1, 1, 'S');"
		"INSERT INTO qa_item(id, section_id, position, text, weight, answer_kind)"
		" VALUES (1, 1, 1, 'a', 2, 'passfail'), (2, 1, 2, 'b', 3, 'scale'),"
		" (3, 1, 3, 'c', 1, 'passfail');"
		"INSERT INTO qa_review(id, partner_id, template_id, date, status) VALUES"
		" (1, %lld, 1, '2026-03-15', 'final'), (2, %lld, 1, '2026-09-01', 'draft'),"
		" (3, %lld, 1, '2026-11-02', 'final');"
		"INSERT INTO qa_answer(review_id, item_id, answer) VALUES"
		" (1, 1, 'pass'), (1, 2, '3'), (1, 3, 'na'), (3, 1, 'fail');",
		(long long)ia, (long long)ia, (long long)ia);
	assert_int_equal(sqlite3_exec(store_db(f->st), qa_sql, NULL, NULL, NULL),
			 SQLITE_OK);

	assert_int_equal(portfolio_load(f->st, "2026-10-01", 3, 180, "2026-11-22",
					NULL, &pf, &err), 0);
	assert_int_equal(pf.count, 2);
	assert_int_equal(pf.months, 3);
	assert_string_equal(pf.rows[0].partner.code, "A1");	/* by name, any case */
	assert_false(pf.rows[0].series[PF_CSAT].has_latest);
	assert_true(isnan(pf.rows[0].series[PF_CSAT].v[2]));
	assert_false(pf.rows[0].has_qa);
	assert_int_equal(pf.rows[0].open_actions, 0);
	/* Beta's CSAT over Aug..Oct: 70, 72.5 (client beats partner's 88), gap. */
	assert_float_equal(pf.rows[1].series[PF_CSAT].v[0], 70.0, 1e-9);
	assert_float_equal(pf.rows[1].series[PF_CSAT].v[1], 72.5, 1e-9);
	assert_true(isnan(pf.rows[1].series[PF_CSAT].v[2]));
	assert_true(pf.rows[1].series[PF_CSAT].has_latest);
	assert_float_equal(pf.rows[1].series[PF_CSAT].latest, 72.5, 1e-9);
	assert_string_equal(pf.rows[1].series[PF_CSAT].latest_period, "2026-09-01");
	assert_float_equal(pf.rows[1].series[PF_CSAT].change, 2.5, 1e-9);
	assert_float_equal(pf.rows[1].series[PF_ATTRITION].latest, 3.1, 1e-9);
	assert_true(isnan(pf.rows[1].series[PF_ATTRITION].change));
	assert_true(pf.rows[1].has_qa);
	assert_string_equal(pf.rows[1].qa_date, "2026-03-15");
	assert_float_equal(pf.rows[1].qa_score, 76.0, 1e-9);
	assert_int_equal(pf.rows[1].qa_critical_fails, 0);
	assert_string_equal(pf.rows[1].qa_due, "2026-09-11");	/* + 180 days */
	assert_int_equal(pf.rows[1].open_actions, 2);
	assert_int_equal(pf.rows[1].overdue_actions, 1);
	portfolio_free(&pf);

	/* Given an evaluation of the same month, the audits are the ones it
	 * scored (here made up, so taking them shows); of another month, they
	 * are read again. */
	{
		struct partner_result pr[2];
		struct evaluation ev;

		memset(pr, 0, sizeof(pr));
		memset(&ev, 0, sizeof(ev));
		memcpy(ev.as_of, "2026-10-01", DATE_LEN);
		ev.partners = pr;
		ev.count = 2;
		pr[0].id = ib;
		pr[0].audit.score = NAN;
		pr[1].id = ia;
		pr[1].audit = (struct qa_last_audit){ .present = true,
			.date = "2026-04-01", .score = 55.0, .critical_fails = 1 };
		assert_int_equal(portfolio_load(f->st, "2026-10-01", 3, 180, "2026-11-22",
						&ev, &pf, &err), 0);
		assert_false(pf.rows[0].has_qa);
		assert_true(pf.rows[1].has_qa);
		assert_string_equal(pf.rows[1].qa_date, "2026-04-01");
		assert_float_equal(pf.rows[1].qa_score, 55.0, 1e-9);
		assert_int_equal(pf.rows[1].qa_critical_fails, 1);
		assert_string_equal(pf.rows[1].qa_due, "2026-09-28");	/* + 180 days */
		portfolio_free(&pf);
		memcpy(ev.as_of, "2026-09-01", DATE_LEN);
		assert_int_equal(portfolio_load(f->st, "2026-10-01", 3, 180, "2026-11-22",
						&ev, &pf, &err), 0);
		assert_string_equal(pf.rows[1].qa_date, "2026-03-15");
		assert_float_equal(pf.rows[1].qa_score, 76.0, 1e-9);
		portfolio_free(&pf);
	}

	/* A bad window is refused, not read past. */
	assert_int_equal(portfolio_load(f->st, "2026-10-15", 3, 0, "2026-11-22",
					NULL, &pf, &err), BPW_EINVAL);
	assert_int_equal(portfolio_load(f->st, "2026-10-01", 0, 0, "2026-11-22",
					NULL, &pf, &err), BPW_EINVAL);
	assert_int_equal(pf.count, 0);
	portfolio_free(&pf);
}

static void add_seg(struct store *st, int64_t pid, const char *period,
		    const char *seg, enum obs_source src, double v)
{
	struct observation o = { .partner_id = pid, .metric = "csat",
				 .period = period, .segment = seg, .source = src,
				 .value = v };
	struct bpw_error err;

	assert_int_equal(observation_upsert(st, &o, NULL, &err), 0);
}

static void test_drill(void **state)
{
	struct fixture *f = *state;
	struct partner p[4] = { { .code = "P0", .name = "Zero" },
				{ .code = "P1", .name = "One" },
				{ .code = "P2", .name = "Two" },
				{ .code = "P3", .name = "Three", .archived = true } };
	int64_t id[4];
	struct drill d;
	struct bpw_error err;
	int i;

	for (i = 0; i < 4; i++)
		assert_int_equal(partner_add(f->st, &p[i], &id[i], &err), 0);
	/* P0 in Sep: partner says 90, client measured 80; Oct partner only. */
	add_obs(f->st, id[0], "csat", "2026-09-01", OBS_PARTNER, 90.0);
	add_obs(f->st, id[0], "csat", "2026-09-01", OBS_CLIENT, 80.0);
	add_obs(f->st, id[0], "csat", "2026-10-01", OBS_PARTNER, 85.0);
	add_obs(f->st, id[0], "csat", "2026-06-01", OBS_CLIENT, 10.0); /* before */
	add_seg(f->st, id[0], "2026-10-01", "channel=phone", OBS_PARTNER, 70.0);
	add_seg(f->st, id[0], "2026-09-01", "channel=email", OBS_PARTNER, 95.0);
	add_seg(f->st, id[0], "2026-09-01", "channel=email", OBS_CLIENT, 91.0);
	/* The others make the median: Sep {80, 70, 60} -> 70; Oct {85, 75}
	 * -> 80 (even count); the archived partner's 0 is left out. */
	add_obs(f->st, id[1], "csat", "2026-09-01", OBS_PARTNER, 70.0);
	add_obs(f->st, id[1], "csat", "2026-10-01", OBS_CLIENT, 75.0);
	/* ... and P1's own 10 in Oct, below its client value, does not count. */
	add_obs(f->st, id[1], "csat", "2026-10-01", OBS_PARTNER, 10.0);
	add_obs(f->st, id[2], "csat", "2026-09-01", OBS_CLIENT, 60.0);
	add_obs(f->st, id[3], "csat", "2026-09-01", OBS_CLIENT, 0.0);
	add_obs(f->st, id[3], "csat", "2026-10-01", OBS_CLIENT, 0.0);

	assert_int_equal(drill_load(f->st, id[0], "csat", "2026-10-01", 3, &d, &err), 0);
	assert_string_equal(d.first, "2026-08-01");
	assert_true(isnan(d.any[0]));
	assert_float_equal(d.any[1], 80.0, 1e-9);	/* client wins */
	assert_float_equal(d.partner[1], 90.0, 1e-9);
	assert_float_equal(d.client[1], 80.0, 1e-9);
	assert_float_equal(d.any[2], 85.0, 1e-9);
	assert_true(isnan(d.client[2]));
	assert_true(isnan(d.median[0]));
	assert_int_equal(d.median_n[0], 0);
	assert_float_equal(d.median[1], 70.0, 1e-9);
	assert_int_equal(d.median_n[1], 3);
	assert_float_equal(d.median[2], 80.0, 1e-9);
	assert_int_equal(d.median_n[2], 2);
	assert_int_equal(d.nsegs, 2);
	assert_string_equal(d.segs[0].name, "channel=email");
	assert_float_equal(d.segs[0].v[1], 91.0, 1e-9);
	assert_true(isnan(d.segs[0].v[2]));
	assert_string_equal(d.segs[1].name, "channel=phone");
	assert_float_equal(d.segs[1].v[2], 70.0, 1e-9);
	drill_free(&d);
	assert_int_equal(drill_load(f->st, id[0], "csat", "2026-10", 3, &d, &err),
			 BPW_EINVAL);
	drill_free(&d);
}

/* Ids to positions, dense (array) and sparse (binary search) alike. */
static void test_idmap(void **state)
{
	const int64_t dense[] = { 3, 1, 2, 7 };
	const int64_t sparse[] = { 9000000000LL, 5, -4 };
	struct idmap m;

	(void)state;
	idmap_build(&m, dense, 4);
	assert_non_null(m.by_id);
	assert_int_equal(idmap_find(&m, 3), 0);
	assert_int_equal(idmap_find(&m, 1), 1);
	assert_int_equal(idmap_find(&m, 7), 3);
	assert_int_equal(idmap_find(&m, 4), -1);
	assert_int_equal(idmap_find(&m, 0), -1);
	assert_int_equal(idmap_find(&m, 8), -1);
	assert_int_equal(idmap_find(&m, -1), -1);
	idmap_free(&m);
	idmap_build(&m, sparse, 3);
	assert_null(m.by_id);
	assert_int_equal(idmap_find(&m, 9000000000LL), 0);
	assert_int_equal(idmap_find(&m, 5), 1);
	assert_int_equal(idmap_find(&m, -4), 2);
	assert_int_equal(idmap_find(&m, 6), -1);
	idmap_free(&m);
	idmap_build(&m, NULL, 0);
	assert_int_equal(idmap_find(&m, 1), -1);
	idmap_free(&m);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_dates),
		cmocka_unit_test(test_idmap),
		cmocka_unit_test_setup_teardown(test_partners, setup, teardown),
		cmocka_unit_test_setup_teardown(test_metrics, setup, teardown),
		cmocka_unit_test_setup_teardown(test_metric_ranges, setup, teardown),
		cmocka_unit_test_setup_teardown(test_events, setup, teardown),
		cmocka_unit_test_setup_teardown(test_event_upkeep, setup, teardown),
		cmocka_unit_test_setup_teardown(test_observation_upkeep, setup, teardown),
		cmocka_unit_test_setup_teardown(test_partner_archive, setup, teardown),
		cmocka_unit_test_setup_teardown(test_actions, setup, teardown),
		cmocka_unit_test_setup_teardown(test_portfolio, setup, teardown),
		cmocka_unit_test_setup_teardown(test_drill, setup, teardown),
	};

	return cmocka_run_group_tests_name("data", tests, NULL, NULL);
}
