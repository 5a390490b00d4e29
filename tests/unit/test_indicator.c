/* test_indicator.c: the indicator engine, one small hand-built database per
 * rule kind, with expectations computed by hand in the comments; the edge
 * cases: missing months, a single point, equal values, lower-is-better
 * metrics, segments without data, the cause check. */
#include "testutil.h"

#include <math.h>

#include "config.h"
#include "event.h"
#include "explain.h"
#include "indicator.h"
#include "json.h"
#include "observation.h"
#include "partner.h"
#include "qa.h"
#include "store.h"

#define TODAY "2026-11-23"

struct fx {
	char *dir;
	struct store *st;
	struct config cfg;
	struct evaluation ev;
	int64_t ids[12];
};

static int setup(void **state)
{
	struct fx *f = calloc(1, sizeof(*f));
	struct bpw_error err;

	f->dir = tu_tempdir();
	if (store_open(tu_path(f->dir, "t.db"), STORE_CREATE, &f->st, &err) != 0)
		return -1;
	*state = f;
	return 0;
}

static int teardown(void **state)
{
	struct fx *f = *state;

	indicator_free(&f->ev);
	config_free(&f->cfg);
	store_close(f->st);
	tu_rmdir(f->dir);
	free(f);
	return 0;
}

/* Partners A, B, C, ... (n of them). */
static void partners(struct fx *f, int n)
{
	struct bpw_error err;
	char code[2] = "A", name[16];
	int i;

	for (i = 0; i < n; i++) {
		struct partner p = { .code = code, .name = name };

		code[0] = (char)('A' + i);
		snprintf(name, sizeof(name), "Partner %c", code[0]);
		assert_int_equal(partner_add(f->st, &p, &f->ids[i], &err), 0);
	}
}

/* Values of one series from month `from` (YYYY-MM) on; "-" skips a month. */
static void series(struct fx *f, int partner, const char *metric,
		   const char *segment, enum obs_source src, const char *from,
		   const char *vals)
{
	char start[DATE_LEN], period[DATE_LEN], buf[256], *tok, *save;
	struct bpw_error err;
	int k = 0;

	snprintf(start, sizeof(start), "%s-01", from);
	snprintf(buf, sizeof(buf), "%s", vals);
	for (tok = strtok_r(buf, " ", &save); tok; tok = strtok_r(NULL, " ", &save), k++) {
		struct observation o = { f->ids[partner], metric, period, segment, src, 0 };

		if (strcmp(tok, "-") == 0)
			continue;
		period_add(start, k, period);
		o.value = atof(tok);
		assert_int_equal(observation_upsert(f->st, &o, NULL, &err), 0);
	}
}

static void event(struct fx *f, int partner, const char *date, enum event_kind k)
{
	struct event e = { .partner_id = f->ids[partner], .kind = k, .title = "t",
			   .detail = "" };
	struct bpw_error err;

	memcpy(e.date, date, DATE_LEN);
	assert_int_equal(event_add(f->st, &e, NULL, &err), 0);
}

static void sql(struct fx *f, const char *s)
{
	char *msg = NULL;

	if (sqlite3_exec(store_db(f->st), s, NULL, NULL, &msg) != SQLITE_OK)
		fail_msg("%s: %s", s, msg);
}

/* Compiles the indicators in text (one file) into f->cfg. */
static void rules(struct fx *f, const char *text)
{
	const char *path = tu_path(f->dir, "rules.conf");
	struct diag_report rep = { 0 };
	struct bpw_error err;
	size_t i;

	tu_write(path, text);
	config_defaults(&f->cfg);
	assert_int_equal(config_merge_file(&f->cfg, path, true, &rep, &err), 0);
	if (config_finish(&f->cfg, &rep, &err) != 0) {
		for (i = 0; i < rep.count; i++)
			print_error("%s:%d: %s\n", rep.diags[i].file,
				    rep.diags[i].line, rep.diags[i].msg);
		fail_msg("rules do not compile");
	}
	diag_free(&rep);
}

static void eval_at(struct fx *f, const char *month, const char *today)
{
	char period[DATE_LEN];
	struct bpw_error err;

	indicator_free(&f->ev);
	snprintf(period, sizeof(period), "%s-01", month);
	assert_int_equal(indicator_evaluate(f->st, f->cfg.rules, period, today,
					    &f->ev, &err), 0);
}

/* The result of rule r of indicator i for partner p. */
static const struct rule_result *res(struct fx *f, int p, int i, int r)
{
	assert_true((size_t)p < f->ev.count);
	return &f->ev.partners[p].inds[i].rules[r];
}

static double fig(const struct rule_result *r, const char *name)
{
	double v;
	int f;

	for (f = 0; f < FIGURE_COUNT; f++)
		if (strcmp(indicator_figure_name((enum figure)f), name) == 0 &&
		    indicator_result_figure(r, (enum figure)f, &v))
			return v;
	fail_msg("no figure %s in '%s'", name, r->reason);
	return NAN;
}

#define assert_reason(r, text) do { \
	if (strstr((r)->reason, text) == NULL) \
		fail_msg("reason '%s' lacks '%s'", (r)->reason, text); \
} while (0)

/* ------------------------------------------------------------------ */

static void test_level_higher_is_better(void **state)
{
	struct fx *f = *state;

	partners(f, 6);
	rules(f, "indicators = { cs = { rules = { lv = { kind = \"level\"; "
		 "metric = \"csat\"; source = \"client\"; warn = 78.0; alert = 74.0; }; }; }; };");
	series(f, 0, "csat", "", OBS_CLIENT, "2026-06", "74.0");	/* = alert: WATCH */
	series(f, 1, "csat", "", OBS_CLIENT, "2026-06", "73.9");	/* ALERT */
	series(f, 2, "csat", "", OBS_CLIENT, "2026-06", "78.0");	/* = warn: OK */
	series(f, 3, "csat", "", OBS_CLIENT, "2026-05", "70");		/* June late */
	series(f, 4, "csat", "", OBS_CLIENT, "2026-03", "90");		/* stale */
	series(f, 5, "csat", "", OBS_PARTNER, "2026-06", "99");	/* not client */
	eval_at(f, "2026-06", TODAY);
	assert_int_equal(res(f, 0, 0, 0)->status, STATUS_WATCH);
	assert_reason(res(f, 0, 0, 0), "CSAT 74.0% (client), below the watch threshold 78.0%");
	assert_int_equal(res(f, 1, 0, 0)->status, STATUS_ALERT);
	assert_reason(res(f, 1, 0, 0), "below the alert threshold 74.0%");
	assert_int_equal(res(f, 2, 0, 0)->status, STATUS_OK);
	/* A value a month old is used and dated (max_age 2). */
	assert_int_equal(res(f, 3, 0, 0)->status, STATUS_ALERT);
	assert_reason(res(f, 3, 0, 0), "(client, 2026-05)");
	assert_string_equal(res(f, 3, 0, 0)->period, "2026-05-01");
	/* Three months old: no data since then, never a silent OK. */
	assert_int_equal(res(f, 4, 0, 0)->status, STATUS_NODATA);
	assert_reason(res(f, 4, 0, 0), "no CSAT data since 2026-03");
	assert_int_equal(f->ev.partners[4].status, STATUS_NODATA);
	/* No client series at all: the rule does not apply, and an indicator
	 * with nothing to judge is NO DATA. */
	assert_int_equal(res(f, 5, 0, 0)->status, STATUS_NA);
	assert_int_equal(f->ev.partners[5].inds[0].status, STATUS_NODATA);
	assert_int_equal(f->ev.counts[STATUS_NODATA], 2);
}

static void test_level_lower_is_better_and_segments(void **state)
{
	struct fx *f = *state;

	partners(f, 4);
	rules(f, "indicators = { ws = { rules = {"
		 " lv = { kind = \"level\"; metric = \"attrition\"; warn = 4.0; alert = 5.0; };"
		 " ch = { kind = \"level\"; metric = \"churn_after_contact\"; segment = \"channel=*\";"
		 "        warn = 3.0; alert = 4.0; }; }; }; };");
	series(f, 0, "attrition", "", OBS_PARTNER, "2026-06", "4.0");	/* OK */
	series(f, 1, "attrition", "", OBS_PARTNER, "2026-06", "4.5");	/* WATCH */
	series(f, 2, "attrition", "", OBS_PARTNER, "2026-06", "5.0");	/* WATCH */
	series(f, 3, "attrition", "", OBS_PARTNER, "2026-06", "5.1");	/* ALERT */
	/* Segments: the worst one counts and is named. */
	series(f, 0, "churn_after_contact", "channel=phone", OBS_PARTNER, "2026-06", "4.2");
	series(f, 0, "churn_after_contact", "channel=email", OBS_PARTNER, "2026-06", "3.1");
	series(f, 0, "churn_after_contact", "team=B", OBS_PARTNER, "2026-06", "9.9");
	series(f, 1, "churn_after_contact", "", OBS_PARTNER, "2026-06", "9.9");
	eval_at(f, "2026-06", TODAY);
	assert_int_equal(res(f, 0, 0, 0)->status, STATUS_OK);
	assert_int_equal(res(f, 1, 0, 0)->status, STATUS_WATCH);
	assert_reason(res(f, 1, 0, 0), "attrition 4.5% (partner), above the watch threshold 4.0%");
	assert_int_equal(res(f, 2, 0, 0)->status, STATUS_WATCH);
	assert_int_equal(res(f, 3, 0, 0)->status, STATUS_ALERT);
	assert_int_equal(res(f, 0, 0, 1)->status, STATUS_ALERT);
	assert_string_equal(res(f, 0, 0, 1)->segment, "channel=phone");
	assert_reason(res(f, 0, 0, 1), "churn after contact on phone 4.2%");
	/* Only a total, no channel segments: the rule does not apply. */
	assert_int_equal(res(f, 1, 0, 1)->status, STATUS_NA);
	assert_int_equal(f->ev.partners[1].inds[0].status, STATUS_WATCH);
}

static void test_trend(void **state)
{
	struct fx *f = *state;

	partners(f, 7);
	rules(f, "indicators = { cs = { rules = {"
		 " tr = { kind = \"trend\"; metric = \"csat\"; periods = 3; warn = 3.0; alert = 6.0; };"
		 " at = { kind = \"trend\"; metric = \"attrition\"; relative = true; warn = 25.0; alert = 50.0; };"
		 " }; }; };");
	series(f, 0, "csat", "", OBS_CLIENT, "2026-03", "80 79 77 74");	/* -6: ALERT */
	series(f, 1, "csat", "", OBS_CLIENT, "2026-03", "80 - - 77.5");	/* -2.5: OK */
	series(f, 2, "csat", "", OBS_CLIENT, "2026-03", "80 - - 77");	/* -3: WATCH */
	series(f, 3, "csat", "", OBS_CLIENT, "2026-06", "70");		/* one point */
	series(f, 4, "csat", "", OBS_CLIENT, "2026-02", "80 - 79 78 75");	/* no March */
	series(f, 5, "csat", "", OBS_CLIENT, "2026-03", "80 80 80 80");	/* flat */
	series(f, 6, "attrition", "", OBS_PARTNER, "2026-03", "2.0 2.2 2.5 3.0");	/* +50% */
	series(f, 6, "csat", "", OBS_CLIENT, "2026-03", "70 - - 80");	/* +10: better */
	eval_at(f, "2026-06", TODAY);
	assert_int_equal(res(f, 0, 0, 0)->status, STATUS_ALERT);
	assert_reason(res(f, 0, 0, 0), "CSAT 74.0% (client), down 6.0 pts over 3 months (from 80.0%)");
	assert_true(fabs(fig(res(f, 0, 0, 0), "change") + 6.0) < 1e-9);
	assert_int_equal(res(f, 1, 0, 0)->status, STATUS_OK);
	assert_int_equal(res(f, 2, 0, 0)->status, STATUS_WATCH);
	assert_int_equal(res(f, 3, 0, 0)->status, STATUS_NODATA);
	assert_reason(res(f, 3, 0, 0), "one month of data");
	/* March missing: compared with February, over 4 months: -5. */
	assert_int_equal(res(f, 4, 0, 0)->status, STATUS_WATCH);
	assert_true(fig(res(f, 4, 0, 0), "months") == 4);
	assert_reason(res(f, 4, 0, 0), "down 5.0 pts over 4 months");
	assert_int_equal(res(f, 5, 0, 0)->status, STATUS_OK);
	assert_reason(res(f, 5, 0, 0), "unchanged over 3 months");
	/* Lower is better: attrition up 50% reaches alert. */
	assert_int_equal(res(f, 6, 0, 1)->status, STATUS_ALERT);
	assert_reason(res(f, 6, 0, 1), "up 50% (relative) over 3 months");
	assert_int_equal(res(f, 6, 0, 0)->status, STATUS_OK);
	/* Partners without attrition figures: not applicable. */
	assert_int_equal(res(f, 0, 0, 1)->status, STATUS_NA);
}

static void test_trend_average(void **state)
{
	struct fx *f = *state;

	partners(f, 1);
	rules(f, "indicators = { cs = { rules = { es = { kind = \"trend\"; metric = "
		 "\"escalations\"; relative = true; periods = 3; average = 3; warn = 40.0; "
		 "alert = 75.0; }; }; }; };");
	/* Jan-Mar mean 10, Apr-Jun mean 16: +60% -> WATCH. */
	series(f, 0, "escalations", "", OBS_PARTNER, "2026-01", "9 10 11 14 16 18");
	eval_at(f, "2026-06", TODAY);
	assert_int_equal(res(f, 0, 0, 0)->status, STATUS_WATCH);
	assert_true(fabs(fig(res(f, 0, 0, 0), "change") - 60.0) < 1e-9);
	assert_reason(res(f, 0, 0, 0), "escalations 16 a month (partner), up 60% (relative) on the 3 months before (10)");
}

static void test_streak(void **state)
{
	struct fx *f = *state;

	partners(f, 4);
	rules(f, "indicators = { cs = { rules = {"
		 " st = { kind = \"streak\"; metric = \"csat\"; warn = 3; alert = 5; };"
		 " ms = { kind = \"streak\"; metric = \"csat\"; min_step = 0.5; warn = 3; alert = 5; };"
		 " at = { kind = \"streak\"; metric = \"attrition\"; warn = 3; alert = 5; };"
		 " }; }; };");
	series(f, 0, "csat", "", OBS_CLIENT, "2026-01", "85 84 83 82 81 80");	/* 5 */
	series(f, 1, "csat", "", OBS_CLIENT, "2026-01", "85 84 84 83 82 81");	/* equal: 3 */
	series(f, 2, "csat", "", OBS_CLIENT, "2026-01", "85 84 - 83 82 81");	/* gap: 2 */
	series(f, 3, "csat", "", OBS_CLIENT, "2026-01", "85 84 83.8 83.6 83.4 83.2");
	series(f, 3, "attrition", "", OBS_PARTNER, "2026-03", "2.0 2.1 2.2 2.3");
	eval_at(f, "2026-06", TODAY);
	assert_int_equal(res(f, 0, 0, 0)->status, STATUS_ALERT);
	assert_reason(res(f, 0, 0, 0), "CSAT worse 5 months in a row (client), from 85.0% to 80.0%");
	assert_int_equal(res(f, 1, 0, 0)->status, STATUS_WATCH);
	assert_true(fig(res(f, 1, 0, 0), "months") == 3);
	assert_int_equal(res(f, 2, 0, 0)->status, STATUS_OK);
	assert_true(fig(res(f, 2, 0, 0), "months") == 2);
	/* Five small declines: a streak without min_step, none with 0.5. */
	assert_int_equal(res(f, 3, 0, 0)->status, STATUS_ALERT);
	assert_int_equal(res(f, 3, 0, 1)->status, STATUS_OK);
	/* Lower is better: three rises in attrition. */
	assert_int_equal(res(f, 3, 0, 2)->status, STATUS_WATCH);
}

static void test_vs_portfolio(void **state)
{
	struct fx *f = *state;

	partners(f, 5);
	rules(f, "indicators = { ws = { rules = {"
		 " vp = { kind = \"vs_portfolio\"; metric = \"attrition\"; warn = 1.5; alert = 3.0; };"
		 " ab = { kind = \"vs_portfolio\"; metric = \"absenteeism\"; warn = 1.0; alert = 2.0; };"
		 " }; }; };");
	/* June: 2, 3, 4, 6.5, 5 -> median 4. D is 2.5 worse: WATCH. */
	series(f, 0, "attrition", "", OBS_PARTNER, "2026-06", "2");
	series(f, 1, "attrition", "", OBS_PARTNER, "2026-06", "3");
	series(f, 2, "attrition", "", OBS_PARTNER, "2026-06", "4");
	series(f, 3, "attrition", "", OBS_PARTNER, "2026-06", "6.5");
	series(f, 4, "attrition", "", OBS_PARTNER, "2026-06", "5");
	/* Only two partners report absenteeism: no median. */
	series(f, 0, "absenteeism", "", OBS_PARTNER, "2026-06", "5");
	series(f, 1, "absenteeism", "", OBS_PARTNER, "2026-06", "9");
	eval_at(f, "2026-06", TODAY);
	assert_int_equal(res(f, 3, 0, 0)->status, STATUS_WATCH);
	assert_true(fig(res(f, 3, 0, 0), "median") == 4.0);
	assert_reason(res(f, 3, 0, 0), "2.5 pts worse than the portfolio median 4.0% (5 partners)");
	assert_int_equal(res(f, 0, 0, 0)->status, STATUS_OK);
	assert_reason(res(f, 0, 0, 0), "better than the portfolio median");
	assert_int_equal(res(f, 4, 0, 0)->status, STATUS_OK);
	assert_int_equal(res(f, 1, 0, 1)->status, STATUS_NODATA);
	assert_reason(res(f, 1, 0, 1), "only 2 partners");
}

static void test_divergence(void **state)
{
	struct fx *f = *state;

	partners(f, 4);
	rules(f, "indicators = { cs = { rules = { dv = { kind = \"divergence\"; "
		 "metric = \"csat\"; warn = 5.0; alert = 10.0; }; }; }; };");
	series(f, 0, "csat", "", OBS_PARTNER, "2026-06", "88");
	series(f, 0, "csat", "", OBS_CLIENT, "2026-06", "73");
	series(f, 1, "csat", "", OBS_PARTNER, "2026-06", "80");
	series(f, 1, "csat", "", OBS_CLIENT, "2026-06", "76");
	series(f, 2, "csat", "", OBS_CLIENT, "2026-06", "76");
	/* D: both sides, but never in the same month lately. */
	series(f, 3, "csat", "", OBS_PARTNER, "2026-01", "80");
	series(f, 3, "csat", "", OBS_CLIENT, "2026-06", "76");
	eval_at(f, "2026-06", TODAY);
	assert_int_equal(res(f, 3, 0, 0)->status, STATUS_NODATA);
	assert_reason(res(f, 3, 0, 0), "no month with both partner and client figures in the last 3 months");
	assert_int_equal(res(f, 0, 0, 0)->status, STATUS_ALERT);
	assert_reason(res(f, 0, 0, 0), "CSAT partner-reported 88.0% vs client-measured 73.0% in 2026-06: 15.0 pts apart");
	assert_int_equal(res(f, 1, 0, 0)->status, STATUS_OK);
	assert_int_equal(res(f, 2, 0, 0)->status, STATUS_NA);
}

static void test_events(void **state)
{
	struct fx *f = *state;

	partners(f, 6);
	rules(f, "indicators = { pr = { rules = {"
		 " mt = { kind = \"events\"; kinds = [\"meeting\"]; window = 6; warn = 2; alert = 1; };"
		 " lr = { kind = \"events\"; kinds = [\"report_late\"]; better = \"fewer\";"
		 "        window = 3; warn = 0; alert = 2; }; }; }; };");
	/* Window of 6 months as of June: 2026-01-01 .. 2026-06-30. */
	event(f, 0, "2026-01-01", EVENT_MEETING);
	event(f, 0, "2026-06-30", EVENT_MEETING);
	event(f, 1, "2025-12-31", EVENT_MEETING);
	event(f, 1, "2026-03-01", EVENT_MEETING);
	event(f, 3, "2026-07-01", EVENT_MEETING);	/* after the as-of month */
	event(f, 4, "2026-04-02", EVENT_REPORT_LATE);
	event(f, 4, "2026-05-02", EVENT_REPORT_LATE);
	event(f, 4, "2026-06-02", EVENT_REPORT_LATE);
	event(f, 5, "2026-06-02", EVENT_REPORT_LATE);
	event(f, 5, "2026-03-31", EVENT_REPORT_LATE);	/* before the window */
	eval_at(f, "2026-06", TODAY);
	assert_int_equal(res(f, 0, 0, 0)->status, STATUS_OK);
	assert_true(fig(res(f, 0, 0, 0), "count") == 2);
	assert_int_equal(res(f, 1, 0, 0)->status, STATUS_WATCH);
	assert_reason(res(f, 1, 0, 0), "meetings: only 1 in 6 months, fewer than 2; last on 2026-03-01");
	/* Nothing ever logged: silence cannot be told from no records. */
	assert_int_equal(res(f, 2, 0, 0)->status, STATUS_NODATA);
	assert_reason(res(f, 2, 0, 0), "no meetings on record");
	/* Logged, but only after the as-of month: none in the window. */
	assert_int_equal(res(f, 3, 0, 0)->status, STATUS_NODATA);
	event(f, 3, "2025-06-01", EVENT_MEETING);
	eval_at(f, "2026-06", TODAY);
	assert_int_equal(res(f, 3, 0, 0)->status, STATUS_ALERT);
	assert_reason(res(f, 3, 0, 0), "no meetings in 6 months (last on 2025-06-01)");
	assert_int_equal(res(f, 4, 0, 1)->status, STATUS_ALERT);
	assert_reason(res(f, 4, 0, 1), "late reports: 3 in 3 months, more than 2");
	assert_int_equal(res(f, 5, 0, 1)->status, STATUS_WATCH);
	assert_int_equal(res(f, 0, 0, 1)->status, STATUS_OK);
}

/* One template: section s1 (critical pass/fail, weight 2; scale, weight 3),
 * section s2 (two pass/fail items, weight 1 each). */
static void qa_template(struct fx *f)
{
	sql(f, "INSERT INTO qa_template(id, name, version, passing_score, created)"
	       " VALUES (1, 'T', 1, 80, '2025-01-01');"
	       "INSERT INTO qa_section(id, template_id, position, key, title) VALUES"
	       " (1, 1, 1, 's1', 'One'), (2, 1, 2, 's2', 'Two');"
	       "INSERT INTO qa_item(id, section_id, position, text, weight, critical, answer_kind)"
	       " VALUES (1, 1, 1, 'Data stays in the agreed systems', 2, 1, 'passfail'),"
	       " (2, 1, 2, 'Polite', 3, 0, 'scale'), (3, 2, 1, 'Knows us', 1, 0, 'passfail'),"
	       " (4, 2, 2, 'Tone', 1, 0, 'passfail');");
}

static void review(struct fx *f, int id, int partner, const char *date,
		   const char *status, const char *a1, const char *a2,
		   const char *a3, const char *a4)
{
	char s[600];

	snprintf(s, sizeof(s),
		 "INSERT INTO qa_review(id, partner_id, template_id, date, status)"
		 " VALUES (%d, %lld, 1, '%s', '%s');"
		 "INSERT INTO qa_answer(review_id, item_id, answer) VALUES"
		 " (%d, 1, '%s'), (%d, 2, '%s'), (%d, 3, '%s'), (%d, 4, '%s');",
		 id, (long long)f->ids[partner], date, status, id, a1, id, a2, id, a3,
		 id, a4);
	sql(f, s);
}

static void test_qa(void **state)
{
	struct fx *f = *state;

	partners(f, 5);
	qa_template(f);
	rules(f, "indicators = { qa = { rules = {"
		 " la = { kind = \"qa\"; warn = 85.0; alert = 80.0; critical = true;"
		 "        warn_days = 365; alert_days = 548; };"
		 " fit = { kind = \"qa\"; sections = [\"s2\"]; critical = false; warn = 70.0; alert = 55.0; };"
		 " }; }; };");
	/* A: 2 + 3*4/5 + 0 of 2 + 3 + 1 (N/A left out) = 4.4 / 6 = 73.3%. */
	review(f, 1, 0, "2026-05-10", "final", "pass", "4", "fail", "na");
	/* B: all good, but 536 days old on 2026-06-30. */
	review(f, 2, 1, "2025-01-10", "final", "pass", "5", "pass", "pass");
	/* C: the critical item failed: (0 + 3 + 1 + 1) / 7 = 71.4%. */
	review(f, 3, 2, "2026-04-01", "final", "fail", "5", "pass", "pass");
	/* D: only a draft. */
	review(f, 4, 3, "2026-06-01", "draft", "pass", "5", "pass", "pass");
	/* E: the final after the as-of month does not count yet. */
	review(f, 5, 4, "2026-02-01", "final", "pass", "5", "pass", "pass");
	review(f, 6, 4, "2026-07-02", "final", "fail", "0", "fail", "fail");
	eval_at(f, "2026-06", TODAY);
	assert_int_equal(res(f, 0, 0, 0)->status, STATUS_ALERT);
	assert_true(fabs(fig(res(f, 0, 0, 0), "score") - 4.4 / 6 * 100) < 1e-9);
	assert_reason(res(f, 0, 0, 0), "final audit of 2026-05-10: audit score (checklist) 73.3%, below the alert threshold 80.0%");
	/* Section s2 alone: fail and N/A -> 0 of 1 = 0%. */
	assert_int_equal(res(f, 0, 0, 1)->status, STATUS_ALERT);
	assert_true(fig(res(f, 0, 0, 1), "score") == 0);
	assert_int_equal(res(f, 1, 0, 0)->status, STATUS_WATCH);
	assert_true(fig(res(f, 1, 0, 0), "age_days") == 536);
	assert_reason(res(f, 1, 0, 0), "536 days old, a new audit was due after 365");
	assert_int_equal(res(f, 2, 0, 0)->status, STATUS_ALERT);
	assert_reason(res(f, 2, 0, 0), "failed critical item 'Data stays in the agreed systems'");
	assert_int_equal(res(f, 3, 0, 0)->status, STATUS_NODATA);
	assert_reason(res(f, 3, 0, 0), "no final audit on record");
	assert_int_equal(res(f, 3, 0, 1)->status, STATUS_NODATA);
	assert_int_equal(res(f, 4, 0, 0)->status, STATUS_OK);
	assert_string_equal(res(f, 4, 0, 0)->period, "2026-02-01");
}

/* The next audit's due date from the audit interval: the partner's own
 * interval wins over audit_interval_days. */
static void test_qa_due(void **state)
{
	struct fx *f = *state;
	char s[200];

	partners(f, 4);
	qa_template(f);
	rules(f, "audit_interval_days = 180;"
		 "indicators = { qa = { rules = {"
		 " due = { kind = \"qa\"; critical = false; overdue_days = 60; };"
		 " }; }; };");
	/* As of 2026-06 (30 June): A audited 2026-01-10, 171 days ago: not due. */
	review(f, 1, 0, "2026-01-10", "final", "pass", "5", "pass", "pass");
	/* B: 2025-12-01 + 180 = 2026-05-30, 31 days overdue: WATCH. */
	review(f, 2, 1, "2025-12-01", "final", "pass", "5", "pass", "pass");
	/* C: 2025-10-01 + 180 = 2026-03-30, 92 days overdue > 60: ALERT. */
	review(f, 3, 2, "2025-10-01", "final", "pass", "5", "pass", "pass");
	/* D: like C, but its own interval is 365 days: due 2026-10-01. */
	review(f, 4, 3, "2025-10-01", "final", "pass", "5", "pass", "pass");
	snprintf(s, sizeof(s), "INSERT INTO qa_interval(partner_id, days) VALUES (%lld, 365);",
		 (long long)f->ids[3]);
	sql(f, s);
	eval_at(f, "2026-06", TODAY);
	assert_int_equal(res(f, 0, 0, 0)->status, STATUS_OK);
	assert_true(fig(res(f, 0, 0, 0), "days_overdue") == 0);
	assert_int_equal(res(f, 1, 0, 0)->status, STATUS_WATCH);
	assert_true(fig(res(f, 1, 0, 0), "days_overdue") == 31);
	assert_reason(res(f, 1, 0, 0), "next audit was due 2026-05-30 (every 180 days), 31 days overdue");
	assert_int_equal(res(f, 2, 0, 0)->status, STATUS_ALERT);
	assert_reason(res(f, 2, 0, 0), "next audit was due 2026-03-30 (every 180 days), 92 days overdue");
	assert_int_equal(res(f, 3, 0, 0)->status, STATUS_OK);
	assert_true(fig(res(f, 3, 0, 0), "interval_days") == 365);
}

static void test_balance(void **state)
{
	struct fx *f = *state;

	partners(f, 4);
	rules(f, "indicators = { vb = { rules = { b = { kind = \"balance\"; periods = 3;"
		 " efficiency = [\"cost_per_contact\", \"sla_adherence\"]; quality = [\"csat\"];"
		 " improve = 3.0; warn = 2.5; alert = 4.0; }; }; }; };");
	/* A: cost -10% (a gain), CSAT -5%: ALERT. */
	series(f, 0, "cost_per_contact", "", OBS_PARTNER, "2026-03", "4.00 - - 3.60");
	series(f, 0, "csat", "", OBS_CLIENT, "2026-03", "80 - - 76");
	/* B: cost -1.25% is no gain worth the name: OK. */
	series(f, 1, "cost_per_contact", "", OBS_PARTNER, "2026-03", "4.00 - - 3.95");
	series(f, 1, "csat", "", OBS_CLIENT, "2026-03", "80 - - 76");
	/* C: SLA +5.3%, CSAT -1.25%: quality held. */
	series(f, 2, "sla_adherence", "", OBS_PARTNER, "2026-03", "90 - - 94.8");
	series(f, 2, "csat", "", OBS_CLIENT, "2026-03", "80 - - 79");
	eval_at(f, "2026-06", TODAY);
	assert_int_equal(res(f, 0, 0, 0)->status, STATUS_ALERT);
	assert_reason(res(f, 0, 0, 0), "efficiency at the expense of quality: cost per contact "
		      "down 10.0% (relative) while CSAT down 5.0% (relative) over 3 months");
	assert_int_equal(res(f, 1, 0, 0)->status, STATUS_OK);
	assert_int_equal(res(f, 2, 0, 0)->status, STATUS_OK);
	assert_reason(res(f, 2, 0, 0), "quality held");
	assert_int_equal(res(f, 3, 0, 0)->status, STATUS_NA);
}

static void test_freshness(void **state)
{
	struct fx *f = *state;

	partners(f, 3);
	rules(f, "indicators = { cm = { rules = {"
		 " fr = { kind = \"freshness\"; due_day = 10; };"
		 " lv = { kind = \"level\"; metric = \"sla_adherence\"; warn = 90.0; alert = 80.0; };"
		 " }; }; };");
	series(f, 0, "sla_adherence", "", OBS_PARTNER, "2026-04", "95 95 95");
	series(f, 1, "sla_adherence", "", OBS_PARTNER, "2026-04", "95 95");
	series(f, 2, "sla_adherence", "", OBS_PARTNER, "2026-04", "95");
	/* 5 July: June's figures are not due before 10 July. */
	eval_at(f, "2026-06", "2026-07-05");
	assert_int_equal(res(f, 0, 0, 0)->status, STATUS_OK);
	assert_reason(res(f, 0, 0, 0), "figures for 2026-06 received");
	assert_int_equal(res(f, 1, 0, 0)->status, STATUS_OK);
	assert_reason(res(f, 1, 0, 0), "figures for 2026-06 due by 2026-07-10");
	assert_int_equal(res(f, 2, 0, 0)->status, STATUS_WATCH);
	/* 11 July: overdue. */
	eval_at(f, "2026-06", "2026-07-11");
	assert_int_equal(res(f, 1, 0, 0)->status, STATUS_WATCH);
	assert_reason(res(f, 1, 0, 0), "figures for 2026-06 missing (due 2026-07-10)");
	assert_int_equal(res(f, 2, 0, 0)->status, STATUS_ALERT);
	assert_reason(res(f, 2, 0, 0), "no figures since 2026-04: 2 months overdue");
	/* The level rule still judges the latest figure it has. */
	assert_int_equal(res(f, 2, 0, 1)->status, STATUS_OK);
	assert_reason(res(f, 2, 0, 1), "(partner, 2026-04)");
}

static void test_cause_check(void **state)
{
	struct fx *f = *state;

	partners(f, 5);
	rules(f, "indicators = { cs = { rules = { tr = { kind = \"trend\"; metric = \"csat\";"
		 " periods = 3; warn = 3.0; alert = 6.0; cause_check = true; }; }; }; };");
	/* Four of five drop in the same months: our product, not them. */
	series(f, 0, "csat", "", OBS_CLIENT, "2026-03", "80 - - 73");	/* -7 */
	series(f, 1, "csat", "", OBS_CLIENT, "2026-03", "80 - - 75");
	series(f, 2, "csat", "", OBS_CLIENT, "2026-03", "80 - - 76");
	series(f, 3, "csat", "", OBS_CLIENT, "2026-03", "80 - - 76.5");
	series(f, 4, "csat", "", OBS_CLIENT, "2026-03", "80 - - 80");
	eval_at(f, "2026-06", TODAY);
	assert_int_equal(res(f, 0, 0, 0)->status, STATUS_WATCH);	/* capped */
	assert_true(res(f, 0, 0, 0)->portfolio_wide);
	assert_reason(res(f, 0, 0, 0), "portfolio-wide (3 of 4 other partners too), likely product-driven");
	assert_int_equal(res(f, 4, 0, 0)->status, STATUS_OK);
	assert_false(res(f, 4, 0, 0)->portfolio_wide);
	/* Only one partner drops: its own problem, not capped. */
	series(f, 1, "csat", "", OBS_CLIENT, "2026-06", "80");
	series(f, 2, "csat", "", OBS_CLIENT, "2026-06", "80");
	series(f, 3, "csat", "", OBS_CLIENT, "2026-06", "80");
	eval_at(f, "2026-06", TODAY);
	assert_int_equal(res(f, 0, 0, 0)->status, STATUS_ALERT);
	assert_false(res(f, 0, 0, 0)->portfolio_wide);
}

static void test_overall_status_and_health(void **state)
{
	struct fx *f = *state;

	partners(f, 3);
	rules(f, "indicators = {"
		 " one = { weight = 3.0; rules = { lv = { kind = \"level\"; metric = \"csat\";"
		 "   warn = 78.0; alert = 74.0; }; }; };"
		 " two = { weight = 1.0; rules = { lv = { kind = \"level\"; metric = \"fcr\";"
		 "   warn = 70.0; alert = 65.0; }; }; }; };");
	series(f, 0, "csat", "", OBS_CLIENT, "2026-06", "70");	/* ALERT */
	series(f, 0, "fcr", "", OBS_PARTNER, "2026-06", "80");	/* OK */
	series(f, 1, "csat", "", OBS_CLIENT, "2026-06", "90");	/* OK */
	series(f, 2, "csat", "", OBS_CLIENT, "2026-06", "90");
	series(f, 2, "fcr", "", OBS_PARTNER, "2026-06", "68");	/* WATCH */
	eval_at(f, "2026-06", TODAY);
	/* (3 * 0 + 1 * 100) / 4 = 25 */
	assert_int_equal(f->ev.partners[0].status, STATUS_ALERT);
	assert_true(f->ev.partners[0].health == 25);
	/* B has no FCR: that indicator is NO DATA, worse than OK:
	 * (3 * 100 + 1 * 50) / 4 = 87.5, shown whole, halves up: 88 */
	assert_int_equal(f->ev.partners[1].status, STATUS_NODATA);
	assert_true(f->ev.partners[1].health == 88);
	assert_true(indicator_health(350, 4) == 88);
	assert_true(indicator_health(289, 4) == 72);	/* 72.25 */
	assert_true(isnan(indicator_health(0, 0)));
	assert_int_equal(f->ev.partners[2].status, STATUS_WATCH);
	assert_int_equal(f->ev.counts[STATUS_ALERT], 1);
	assert_int_equal(f->ev.counts[STATUS_WATCH], 1);
	assert_int_equal(f->ev.counts[STATUS_NODATA], 1);
	assert_int_equal(indicator_find(&f->ev, "c"), 2);
	assert_int_equal(indicator_find(&f->ev, "Z"), -1);
}

static void test_default_as_of_and_json(void **state)
{
	struct fx *f = *state;
	struct partner p = { .code = "X", .name = "Evil \x1b[2J\xe2\x80\xae \"name\"\x01" };
	struct bpw_error err;
	struct strbuf b = { 0 };
	int64_t id;

	partners(f, 1);
	assert_int_equal(partner_add(f->st, &p, &id, &err), 0);
	rules(f, "indicators = { cs = { title = \"Customer\"; rules = { lv = { kind = \"level\"; "
		 "metric = \"csat\"; warn = 78.0; alert = 74.0; }; }; }; };");
	series(f, 0, "csat", "", OBS_CLIENT, "2026-01", "80 81");
	series(f, 0, "csat", "channel=phone", OBS_CLIENT, "2026-01", "80 81 82");
	indicator_free(&f->ev);
	/* Default as-of: the month judged on the day given (2026-03-15:
	 * February's figures were due on 03-10), not the clock's. */
	assert_int_equal(indicator_evaluate(f->st, f->cfg.rules, NULL, "2026-03-15", &f->ev,
					    &err), 0);
	assert_string_equal(f->ev.as_of, "2026-02-01");
	assert_string_equal(f->ev.until, "2026-03-15");
	indicator_json(&f->ev, -1, &b);
	assert_non_null(strstr(strbuf_str(&b), "\"as_of\":\"2026-02\""));
	assert_non_null(strstr(strbuf_str(&b), "\"summary\":{\"ok\":1,\"no_data\":1,\"watch\":0,\"alert\":0}"));
	assert_non_null(strstr(strbuf_str(&b), "\"figures\":{\"value\":81,\"warn\":78,\"alert\":74}"));
	/* Hostile text leaves as escapes, never raw. */
	assert_non_null(strstr(strbuf_str(&b), "Evil \\u001b[2J\\u202e \\\"name\\\"\\u0001"));
	assert_null(strchr(strbuf_str(&b), '\x1b'));
	strbuf_free(&b);
}

/* A JSON string: plain runs as they are, each escape in its place between
 * them, invalid UTF-8 replaced, a valid character beyond ASCII kept. */
static void test_json_string(void **state)
{
	static const struct { const char *in, *out; } cases[] = {
		{ "", "\"\"" },
		{ "plain text, 100%", "\"plain text, 100%\"" },
		{ "a\"b\\c", "\"a\\\"b\\\\c\"" },
		{ "tab\there\nnext", "\"tab\\there\\nnext\"" },
		{ "del\x7f end", "\"del\\u007f end\"" },
		{ "bad \xff byte", "\"bad \\ufffd byte\"" },
		{ "C1 \xc2\x85 and \xc3\xa9", "\"C1 \\u0085 and \xc3\xa9\"" },
		{ "line\xe2\x80\xa8sep", "\"line\\u2028sep\"" },
		{ "\x01", "\"\\u0001\"" },
	};
	size_t i;

	(void)state;
	for (i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		struct strbuf b = { 0 };

		json_string(&b, cases[i].in);
		assert_string_equal(strbuf_str(&b), cases[i].out);
		strbuf_free(&b);
	}
}

/* ---- explanations: every rule kind, numbers worked out by hand ---- */

static void eval_traced(struct fx *f, const char *month, const char *today,
			const char *code)
{
	char period[DATE_LEN];
	struct bpw_error err;

	indicator_free(&f->ev);
	snprintf(period, sizeof(period), "%s-01", month);
	assert_int_equal(indicator_evaluate_traced(f->st, f->cfg.rules, period, today,
						   code, &f->ev, &err), 0);
	assert_true(f->ev.traced);
}

/* The explanation of rule r of indicator i of partner p holds every line
 * in want (NULL-terminated). */
static void explains(struct fx *f, int p, int i, int r, const char *const *want)
{
	struct strbuf b = { 0 };

	explain_rule_text(&f->ev, res(f, p, i, r), &b);
	for (; *want; want++)
		if (strstr(strbuf_str(&b), *want) == NULL)
			fail_msg("explanation lacks '%s':\n%s", *want, strbuf_str(&b));
	strbuf_free(&b);
}

static void test_explain_metric_kinds(void **state)
{
	struct fx *f = *state;
	const char *const level[] = {
		"rule lv: kind level on csat (Customer satisfaction, %, higher is better), "
		"defined at ", "rules.conf:2\n",
		"thresholds: watch 78 (", "rules.conf:3), alert 74 (",
		"    judged                 2026-06  total  client  73.9\n",
		"  the value 73.9 against watch 78 and alert 74 (higher is better",
		"  73.9 is below the alert threshold: ALERT", NULL };
	/* 74 - 80 = -6 over 3 months, CSAT higher is better: worse by 6. */
	const char *const trend[] = {
		"    now                    2026-06  total  client  74\n",
		"    before                 2026-03  total  client  80\n",
		"  change = now 74 - before 80 = -6 over 3 months",
		"  higher is better, so 6 pts worse",
		"  worse by 6 reaches the alert threshold 6: ALERT", NULL };
	/* attrition 2.0 -> 3.0: (3 - 2) / 2 x 100 = 50%, lower is better. */
	const char *const rel[] = {
		"  change = (now 3 - before 2) / |before| x 100 = 50% over 3 months",
		"  lower is better, so 50% (relative) worse",
		"  worse by 50 reaches the alert threshold 50: ALERT", NULL };
	/* 85 84 83 82 81 80: five declines, each at least 0. */
	const char *const streak[] = {
		"    in the streak          2026-01  total  client  85\n",
		"    in the streak          2026-06  total  client  80\n",
		"  months in a row each worse than the one before (by at least 0): 5",
		"  a streak of 5 reaches the alert threshold 5: ALERT", NULL };
	/* 6.5 - median(2, 5, 3, 4, 6.5) 4 = 2.5; lower is better. */
	const char *const vsp[] = {
		"    judged                 2026-06  total  partner  6.5\n",
		"    portfolio median       2026-06  total  4  of 5 partners\n",
		"  deviation = value 6.5 - portfolio median 4 (of 5 partners) = 2.5",
		"  worse by 2.5 reaches the watch threshold 1.5 (alert 3): WATCH", NULL };
	/* |88 - 73| = 15 */
	const char *const div[] = {
		"    partner-reported       2026-06  total  partner  88\n",
		"    client-measured        2026-06  total  client  73\n",
		"  gap = |partner-reported 88 - client-measured 73| = 15",
		"  the gap 15 reaches the alert threshold 10: ALERT", NULL };

	partners(f, 5);
	rules(f, "indicators = { cs = { weight = 2.0; rules = {\n"
		 " lv = { kind = \"level\"; metric = \"csat\"; source = \"client\";\n"
		 "        warn = 78.0; alert = 74.0; };\n"
		 " tr = { kind = \"trend\"; metric = \"csat\"; periods = 3; warn = 3.0; alert = 6.0; };\n"
		 " at = { kind = \"trend\"; metric = \"attrition\"; relative = true; warn = 25.0; alert = 50.0; };\n"
		 " st = { kind = \"streak\"; metric = \"csat\"; warn = 3; alert = 5; };\n"
		 " vp = { kind = \"vs_portfolio\"; metric = \"attrition\"; warn = 1.5; alert = 3.0; };\n"
		 " dv = { kind = \"divergence\"; metric = \"csat\"; warn = 5.0; alert = 10.0; };\n"
		 " }; }; };");
	series(f, 0, "csat", "", OBS_CLIENT, "2026-06", "73.9");
	series(f, 1, "csat", "", OBS_CLIENT, "2026-03", "80 79 77 74");
	series(f, 2, "attrition", "", OBS_PARTNER, "2026-03", "2.0 2.2 2.5 3.0");
	series(f, 3, "csat", "", OBS_CLIENT, "2026-01", "85 84 83 82 81 80");
	series(f, 0, "attrition", "", OBS_PARTNER, "2026-06", "2");
	series(f, 1, "attrition", "", OBS_PARTNER, "2026-06", "5");
	series(f, 3, "attrition", "", OBS_PARTNER, "2026-06", "4");
	series(f, 4, "attrition", "", OBS_PARTNER, "2026-06", "6.5");
	series(f, 4, "csat", "", OBS_PARTNER, "2026-06", "88");
	series(f, 4, "csat", "", OBS_CLIENT, "2026-06", "73");
	eval_traced(f, "2026-06", TODAY, NULL);
	explains(f, 0, 0, 0, level);
	explains(f, 1, 0, 1, trend);
	explains(f, 2, 0, 2, rel);
	explains(f, 3, 0, 3, streak);
	explains(f, 4, 0, 4, vsp);
	explains(f, 4, 0, 5, div);
	/* Traced for one partner only: the others keep no inputs. */
	eval_traced(f, "2026-06", TODAY, "b");
	assert_int_equal(res(f, 1, 0, 1)->ninputs, 2);
	assert_int_equal(res(f, 0, 0, 0)->ninputs, 0);
	/* The plain evaluation keeps none at all. */
	eval_at(f, "2026-06", TODAY);
	assert_null(res(f, 1, 0, 1)->inputs);
}

static void test_explain_other_kinds(void **state)
{
	struct fx *f = *state;
	const char *const events[] = {
		"rule mt: kind events (more is better)",
		"    event counted          2026-06-30  meeting\n",
		"  1 events counted in the last 6 months (more is better)",
		"  1 is below the watch threshold 2, alert below 1: WATCH", NULL };
	/* 2 + 3 x 4/5 + 0 = 4.4 of 2 + 3 + 1 = 6 (the N/A item left out). */
	const char *const qa[] = {
		"    audit                  2026-05-10  73.3333  4.4 of 6 weighted points; answered 4 "
		"of 4, 1 n/a",
		"    n/a, left out          2026-05-10  1  Tone\n",
		"  score = earned / possible weighted points = 73.3333% (N/A items are left out "
		"of both; passing 80%)",
		"  watch below 85%, alert below 80%", "  so: ALERT", NULL };
	const char *const crit[] = {
		"    critical item failed   2026-04-01  2  Data stays in the agreed systems\n",
		"  failed critical items: 1 (any makes it ALERT, whatever the score)", NULL };
	/* cost 4.00 -> 3.60: -10% (a gain); CSAT 80 -> 76: -5% (a loss). */
	const char *const bal[] = {
		"    now                    2026-06  total  partner  3.6  cost_per_contact\n",
		"    before                 2026-03  total  client  80  csat\n",
		"  best efficiency gain 10% (it counts from 3%), worst quality loss 5% over 3 months",
		"  a quality loss of 5 reaches the alert threshold 4: ALERT", NULL };
	const char *const fresh[] = {
		"    latest month with the partner's figures 2026-04",
		"    next figures due       2026-07-10",
		"figures are due on day 10 of the next month; months overdue: 2 (1: WATCH, 2 or "
		"more: ALERT): ALERT", NULL };
	struct strbuf b = { 0 };

	partners(f, 3);
	qa_template(f);
	rules(f, "indicators = {\n"
		 " pr = { weight = 3.0; rules = { mt = { kind = \"events\"; kinds = [\"meeting\"];"
		 " window = 6; warn = 2; alert = 1; }; }; };\n"
		 " qa = { weight = 1.0; rules = { la = { kind = \"qa\"; warn = 85.0; alert = 80.0;"
		 " critical = true; }; }; };\n"
		 " vb = { weight = 0.0; rules = { b = { kind = \"balance\"; periods = 3;"
		 " efficiency = [\"cost_per_contact\"]; quality = [\"csat\"]; improve = 3.0;"
		 " warn = 2.5; alert = 4.0; }; }; };\n"
		 " cm = { weight = 0.0; rules = { fr = { kind = \"freshness\"; due_day = 10; }; }; };\n"
		 "};");
	event(f, 0, "2026-06-30", EVENT_MEETING);
	review(f, 1, 0, "2026-05-10", "final", "pass", "4", "fail", "na");
	review(f, 2, 1, "2026-04-01", "final", "fail", "5", "pass", "pass");
	series(f, 2, "cost_per_contact", "", OBS_PARTNER, "2026-03", "4.00 - - 3.60");
	series(f, 2, "csat", "", OBS_CLIENT, "2026-03", "80 - - 76");
	series(f, 0, "cost_per_contact", "", OBS_PARTNER, "2026-04", "5");
	eval_traced(f, "2026-06", "2026-07-11", NULL);
	explains(f, 0, 0, 0, events);
	explains(f, 0, 1, 0, qa);
	explains(f, 1, 1, 0, crit);
	explains(f, 2, 2, 0, bal);
	explains(f, 0, 3, 0, fresh);
	/* A balance over `periods` neither votes nor takes a common
	 * movement out, whatever its cause_check: no cause check is told. */
	explain_rule_text(&f->ev, &f->ev.partners[2].inds[2].rules[0], &b);
	if (strstr(strbuf_str(&b), "cause check") != NULL)
		fail_msg("a balance without a baseline explains a cause check:\n%s",
			 strbuf_str(&b));
	strbuf_free(&b);
	/* The health score of A: events WATCH 50 x 3, QA ALERT 0 x 1, the
	 * two weightless ones count nothing: 150 / 4 = 37.5. */
	explain_health_text(&f->ev, &f->ev.partners[0], &b);
	if (strstr(strbuf_str(&b), "health = 150 / 4 = 37.5") == NULL ||
	    strstr(strbuf_str(&b), "~ WATCH    weight 3    x  50  (") == NULL ||
	    strstr(strbuf_str(&b), "rules.conf:2)") == NULL)
		fail_msg("health explanation:\n%s", strbuf_str(&b));
	strbuf_free(&b);
	/* For a pack: no terminal marks, the config by its file name only,
	 * computed figures to one decimal. */
	explain_health_text_as(&f->ev, &f->ev.partners[0], EXPLAIN_PACK, &b);
	if (strstr(strbuf_str(&b), "health = 150 / 4 = 37.5") == NULL ||
	    strstr(strbuf_str(&b), ": WATCH, weight 3 x 50 points (rules.conf:") == NULL ||
	    strstr(strbuf_str(&b), "/rules.conf") != NULL ||
	    strstr(strbuf_str(&b), "status ~") != NULL)
		fail_msg("health explanation for a pack:\n%s", strbuf_str(&b));
	strbuf_free(&b);
	explain_rule_text_as(&f->ev, &f->ev.partners[0].inds[1].rules[0], EXPLAIN_PACK, &b);
	if (strncmp(strbuf_str(&b), "ALERT  ", 7) != 0 ||
	    strstr(strbuf_str(&b), "points = 73.3% (N/A") == NULL ||
	    strstr(strbuf_str(&b), "2026-05-10  73.3  4.4 of 6") == NULL ||
	    strstr(strbuf_str(&b), "73.3333") != NULL ||
	    strstr(strbuf_str(&b), "/rules.conf") != NULL)
		fail_msg("rule explanation for a pack:\n%s", strbuf_str(&b));
	strbuf_free(&b);
}

static void test_explain_cause_check_and_json(void **state)
{
	struct fx *f = *state;
	const char *const capped[] = {
		"  cause check: on (portfolio-wide, and at most WATCH, when 60% or more of the "
		"other partners with figures fire too and at least 3 partners have figures)",
		"  cause check: 3 of 4 other partners fire too: portfolio-wide, likely "
		"product-driven, capped at WATCH", NULL };
	struct strbuf b = { 0 };

	partners(f, 5);
	rules(f, "indicators = { cs = { rules = { tr = { kind = \"trend\"; metric = \"csat\";"
		 " periods = 3; warn = 3.0; alert = 6.0; cause_check = true; }; }; }; };");
	series(f, 0, "csat", "", OBS_CLIENT, "2026-03", "80 - - 73");
	series(f, 1, "csat", "", OBS_CLIENT, "2026-03", "80 - - 75");
	series(f, 2, "csat", "", OBS_CLIENT, "2026-03", "80 - - 76");
	series(f, 3, "csat", "", OBS_CLIENT, "2026-03", "80 - - 76.5");
	series(f, 4, "csat", "", OBS_CLIENT, "2026-03", "80 - - 80");
	eval_traced(f, "2026-06", TODAY, NULL);
	explains(f, 0, 0, 0, capped);
	/* The JSON of check carries it: inputs, thresholds with file and line. */
	indicator_json(&f->ev, 0, &b);
	if (strstr(strbuf_str(&b), "\"inputs\":[{\"what\":\"now\",\"period\":\"2026-06\","
		   "\"segment\":\"\",\"source\":\"client\",\"value\":73,\"text\":null}") == NULL ||
	    strstr(strbuf_str(&b), "\"warn\":{\"value\":3,\"at\":{\"file\":\"") == NULL ||
	    strstr(strbuf_str(&b), "\"portfolio_wide\":true}") == NULL ||
	    strstr(strbuf_str(&b), "\"health_explain\":{\"formula\":") == NULL)
		fail_msg("check JSON:\n%s", strbuf_str(&b));
	strbuf_free(&b);
}

/* A change for the better never reads "worse by -0.1"; a flag the cause
 * check leaves with the partner says how many others fire, and how many
 * it would take. */
static void test_explain_better_and_own_vote(void **state)
{
	struct fx *f = *state;
	/* 80 -> 80.1: CSAT higher is better, 0.1 points better. */
	const char *const better[] = {
		"  higher is better, so 0.1 pts better, not worse\n",
		"  not worse at all (0.1 better): short of the watch threshold 3: OK\n", NULL };
	/* a drops 7, the 4 others hold: 0 of 4 fire, 60% of 4 is 3 (2.4 up). */
	const char *const own[] = {
		"  cause check: 0 of 4 other partners fire too, fewer than the 3 (60%) "
		"it takes to call it portfolio-wide: the partner's own\n", NULL };
	struct strbuf b = { 0 };

	partners(f, 5);
	rules(f, "indicators = { cs = { rules = { tr = { kind = \"trend\"; metric = \"csat\";"
		 " periods = 3; warn = 3.0; alert = 6.0; cause_check = true; }; }; }; };");
	series(f, 0, "csat", "", OBS_CLIENT, "2026-03", "80 - - 73");
	series(f, 1, "csat", "", OBS_CLIENT, "2026-03", "80 - - 80.1");
	series(f, 2, "csat", "", OBS_CLIENT, "2026-03", "80 - - 80");
	series(f, 3, "csat", "", OBS_CLIENT, "2026-03", "80 - - 80");
	series(f, 4, "csat", "", OBS_CLIENT, "2026-03", "80 - - 80");
	eval_traced(f, "2026-06", TODAY, NULL);
	explains(f, 1, 0, 0, better);
	explains(f, 0, 0, 0, own);
	explain_rule_text(&f->ev, res(f, 1, 0, 0), &b);
	if (strstr(strbuf_str(&b), "worse by -") != NULL)
		fail_msg("a sign contradiction:\n%s", strbuf_str(&b));
	strbuf_free(&b);
	/* The status JSON is unchanged by it: no figure added. */
	indicator_json(&f->ev, 0, &b);
	if (strstr(strbuf_str(&b), "\"others\"") != NULL)
		fail_msg("check JSON gained the vote:\n%s", strbuf_str(&b));
	strbuf_free(&b);
}

static void test_absurd_values_read_plainly(void **state)
{
	struct fx *f = *state;

	partners(f, 1);
	/* Cost per contact has no plausible maximum (attrition's range
	 * would refuse such a figure). */
	rules(f, "indicators = { vb = { rules = { lv = { kind = \"level\"; "
		 "metric = \"cost_per_contact\"; warn = 4.0; alert = 5.0; }; }; }; };");
	series(f, 0, "cost_per_contact", "", OBS_PARTNER, "2026-06", "1e300");
	eval_at(f, "2026-06", TODAY);
	assert_int_equal(res(f, 0, 0, 0)->status, STATUS_ALERT);
	assert_string_equal(res(f, 0, 0, 0)->reason, "cost per contact 1e+300 EUR (partner), "
			    "above the alert threshold 5.0 EUR");
}

static void test_qa_score_items(void **state)
{
	struct qa_scored_item it[] = {
		{ 2, true, false, "pass" }, { 3, false, true, "4" },
		{ 1, false, false, "fail" }, { 1, false, false, "na" },
		{ 1, true, true, "0" }, { 5, false, false, NULL },
	};
	struct qa_score s;

	(void)state;
	qa_score_items(it, 6, &s);
	/* (2 + 2.4 + 0 + 0) / (2 + 3 + 1 + 1) */
	assert_true(fabs(s.score - 4.4 / 7 * 100) < 1e-9);
	assert_int_equal(s.na, 1);
	assert_int_equal(s.unanswered, 1);
	assert_int_equal(s.critical_fails, 1);
	assert_int_equal(s.first_critical_fail, 4);
	qa_score_items(it + 3, 1, &s);
	assert_true(isnan(s.score));
}


/* ------------------------------------------- against the partner's normal */

#define SHIFT_RULE "indicators = { cs = { rules = { sh = { kind = \"shift\"; " \
	"metric = \"csat\"; source = \"client\"; warn = 2.0; alert = 4.0; memory = 0; }; }; }; };"

/* A: 80, 81 alternating for a year (normal 80.5, spread 1.4826 x 0.5 =
 * 0.7413); B, C, D flat at 85, 70, 90. From 2026-08 (months 12-14) A is
 * at a_recent and the others drop by others_drop. */
static void four_partners(struct fx *f, const char *a_recent, int others_drop)
{
	char b[160], c[160], d[160];

	partners(f, 4);
	snprintf(b, sizeof(b), "85 85 85 85 85 85 85 85 85 85 85 85 %d %d %d",
		 85 - others_drop, 85 - others_drop, 85 - others_drop);
	snprintf(c, sizeof(c), "70 70 70 70 70 70 70 70 70 70 70 70 %d %d %d",
		 70 - others_drop, 70 - others_drop, 70 - others_drop);
	snprintf(d, sizeof(d), "90 90 90 90 90 90 90 90 90 90 90 90 %d %d %d",
		 90 - others_drop, 90 - others_drop, 90 - others_drop);
	{
		char a[160];

		snprintf(a, sizeof(a), "80 81 80 81 80 81 80 81 80 81 80 81 %s", a_recent);
		series(f, 0, "csat", "", OBS_CLIENT, "2025-08", a);
	}
	series(f, 1, "csat", "", OBS_CLIENT, "2025-08", b);
	series(f, 2, "csat", "", OBS_CLIENT, "2025-08", c);
	series(f, 3, "csat", "", OBS_CLIENT, "2025-08", d);
}

static void test_shift_own_drop(void **state)
{
	struct fx *f = *state;
	const struct rule_result *r;

	rules(f, SHIFT_RULE);
	four_partners(f, "75.5 75.5 75.5", 0);
	eval_at(f, "2026-10", TODAY);
	/* Only A moved: 5 points below its normal 80.5; standard error
	 * 0.7413 x sqrt(1/3 + 1.5708/12) = 0.5051, z 9.9: ALERT. */
	r = res(f, 0, 0, 0);
	assert_int_equal(r->status, STATUS_ALERT);
	assert_false(r->portfolio_wide);
	assert_float_equal(fig(r, "base"), 80.5, 1e-9);
	assert_float_equal(fig(r, "effect"), 5.0, 1e-9);
	assert_float_equal(fig(r, "portfolio"), 0, 1e-9);
	assert_float_equal(fig(r, "z"), 5.0 / 0.505083, 1e-3);
	assert_float_equal(fig(r, "base_from"), 202508, 0);
	assert_float_equal(fig(r, "base_to"), 202607, 0);
	assert_float_equal(fig(r, "onset"), 202608, 0);
	assert_reason(r, "CSAT 75.5% (client), 3-month mean 75.5%: 5.0 pts below its normal 80.5% since 2026-08");
	/* The others are at their normal. */
	assert_int_equal(res(f, 1, 0, 0)->status, STATUS_OK);
	assert_reason(res(f, 1, 0, 0), "CSAT 85.0% (client), normal 85.0%");
}

static void test_shift_all_move_together(void **state)
{
	struct fx *f = *state;
	const struct rule_result *r;

	rules(f, SHIFT_RULE);
	/* Everyone 5 points down (a release): the others' median change is
	 * -5 each month, A adjusted is at its normal. */
	four_partners(f, "75.5 75.5 75.5", 5);
	eval_at(f, "2026-10", TODAY);
	r = res(f, 0, 0, 0);
	assert_int_equal(r->status, STATUS_OK);
	assert_true(r->portfolio_wide);
	assert_float_equal(fig(r, "effect"), 0, 1e-9);
	assert_float_equal(fig(r, "portfolio"), 5.0, 1e-9);
	assert_reason(r, "5.0 pts below its normal 80.5%, 5.0 pts of it portfolio-wide (likely product-driven)");
	/* B's others (A -4.5 from its median 80, C and D -5) moved -5. */
	assert_int_equal(res(f, 1, 0, 0)->status, STATUS_OK);
	assert_int_equal(f->ev.counts[STATUS_OK], 4);
}

static void test_shift_single_partner(void **state)
{
	struct fx *f = *state;

	rules(f, SHIFT_RULE);
	partners(f, 1);
	series(f, 0, "csat", "", OBS_CLIENT, "2025-08",
	       "80 81 80 81 80 81 80 81 80 81 80 81 75.5 75.5 75.5");
	eval_at(f, "2026-10", TODAY);
	/* No other partner, nothing taken out: its own drop. */
	assert_int_equal(res(f, 0, 0, 0)->status, STATUS_ALERT);
	assert_float_equal(fig(res(f, 0, 0, 0), "portfolio"), 0, 1e-9);
}

static void test_shift_relative_lower_is_better(void **state)
{
	struct fx *f = *state;
	const struct rule_result *r;

	rules(f, "indicators = { ws = { rules = { at = { kind = \"shift\"; "
		 "metric = \"attrition\"; relative = true; warn = 25.0; alert = 45.0; }; }; }; };");
	partners(f, 2);
	series(f, 0, "attrition", "", OBS_PARTNER, "2025-08",
	       "2 2 2 2 2 2 2 2 2 2 2 2 3 3 3");
	/* B: offshore, 7 % a month is its normal, and it stays there. */
	series(f, 1, "attrition", "", OBS_PARTNER, "2025-08",
	       "7 7 7 7 7 7 7 7 7 7 7 7 7 7 7");
	eval_at(f, "2026-10", TODAY);
	/* On the log scale the rise is 100 ln(3/2) = 40.5, 50 % up; the
	 * spread floor is a quarter of 100 ln(1.25) = 5.58, so z = 40.5 /
	 * (5.58 x 0.6813) = 10.7: ALERT. */
	r = res(f, 0, 0, 0);
	assert_int_equal(r->status, STATUS_ALERT);
	assert_float_equal(fig(r, "effect"), 50.0, 1e-6);
	assert_reason(r, "attrition 3.0% (partner), 3-month mean 3.0%: 50% (relative) above its normal 2.0% since 2026-08");
	/* 7 % is high for anyone else, normal for B: OK. */
	assert_int_equal(res(f, 1, 0, 0)->status, STATUS_OK);
	assert_reason(res(f, 1, 0, 0), "attrition 7.0% (partner), normal 7.0%");
}

static void test_shift_short_history(void **state)
{
	struct fx *f = *state;

	rules(f, SHIFT_RULE);
	partners(f, 1);
	series(f, 0, "csat", "", OBS_CLIENT, "2026-09", "80 79");
	eval_at(f, "2026-10", TODAY);
	assert_int_equal(res(f, 0, 0, 0)->status, STATUS_NODATA);
	assert_reason(res(f, 0, 0, 0), "CSAT 79.0% (client): 2 months of figures, too few to know its normal");
}

static void test_rate_events(void **state)
{
	struct fx *f = *state;
	char day[DATE_LEN], month[DATE_LEN];
	const struct rule_result *r;
	int i;

	rules(f, "indicators = { pr = { rules = { cr = { kind = \"rate\"; "
		 "kinds = [\"best_practice\", \"improvement_idea\"]; recent = 6; "
		 "warn = 60.0; alert = 90.0; z_warn = 2.0; }; }; }; };");
	partners(f, 3);
	/* A: one best practice a month for a year (2025-05 .. 2026-04), then
	 * none for six months. P(K <= 0 | 12, 6/18) = (2/3)^12 = 0.0077:
	 * z 2.42, WATCH with z_warn 2 (ALERT needs 3). */
	for (i = 0; i < 12; i++) {
		period_add("2025-05-01", i, month);
		snprintf(day, sizeof(day), "%.8s15", month);
		event(f, 0, day, EVENT_BEST_PRACTICE);
	}
	/* B: never any: silence and no record-keeping look alike. */
	/* C: one, long ago; none since is as usual. */
	event(f, 2, "2024-01-10", EVENT_IMPROVEMENT_IDEA);
	series(f, 2, "csat", "", OBS_CLIENT, "2024-01", "80");
	eval_at(f, "2026-10", TODAY);
	r = res(f, 0, 0, 0);
	assert_int_equal(r->status, STATUS_WATCH);
	assert_float_equal(fig(r, "count"), 0, 0);
	assert_float_equal(fig(r, "z"), 2.422487, 1e-5);
	assert_reason(r, "best practices or improvement ideas: none in 6 months where 6.25 were usual");
	assert_int_equal(res(f, 1, 0, 0)->status, STATUS_NODATA);
	assert_reason(res(f, 1, 0, 0), "no best practices or improvement ideas on record");
	assert_int_equal(res(f, 2, 0, 0)->status, STATUS_OK);
	assert_reason(res(f, 2, 0, 0), "usually none; last on 2024-01-10");
}

static void test_balance_own_normal(void **state)
{
	struct fx *f = *state;
	const struct rule_result *r;

	rules(f, "indicators = { vb = { rules = { b = { kind = \"balance\"; baseline = 12;"
		 " efficiency = [\"cost_per_contact\"]; quality = [\"csat\"];"
		 " improve = 5.0; warn = 2.0; alert = 4.0; memory = 0; }; }; }; };");
	partners(f, 1);
	/* Cost from 4.00 to 3.50 (12.5 % cheaper) while CSAT falls 3 points
	 * below its normal 80.5: efficiency at the expense of quality. */
	series(f, 0, "cost_per_contact", "", OBS_PARTNER, "2025-08",
	       "4 4 4 4 4 4 4 4 4 4 4 4 3.5 3.5 3.5");
	series(f, 0, "csat", "", OBS_CLIENT, "2025-08",
	       "80 81 80 81 80 81 80 81 80 81 80 81 77.5 77.5 77.5");
	eval_at(f, "2026-10", TODAY);
	r = res(f, 0, 0, 0);
	assert_int_equal(r->status, STATUS_WATCH);
	assert_float_equal(fig(r, "efficiency_gain_pct"), 12.5, 1e-6);
	assert_float_equal(fig(r, "quality_loss"), 3.0, 1e-9);
	assert_reason(r, "efficiency at the expense of quality: cost per contact 3.5 EUR, "
		      "13% (relative) below its normal 4.0 EUR, while CSAT 77.5%, 3.0 pts below its "
		      "normal 80.5% (3-month means)");
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_setup_teardown(test_level_higher_is_better, setup, teardown),
		cmocka_unit_test_setup_teardown(test_level_lower_is_better_and_segments, setup, teardown),
		cmocka_unit_test_setup_teardown(test_trend, setup, teardown),
		cmocka_unit_test_setup_teardown(test_trend_average, setup, teardown),
		cmocka_unit_test_setup_teardown(test_streak, setup, teardown),
		cmocka_unit_test_setup_teardown(test_vs_portfolio, setup, teardown),
		cmocka_unit_test_setup_teardown(test_divergence, setup, teardown),
		cmocka_unit_test_setup_teardown(test_events, setup, teardown),
		cmocka_unit_test_setup_teardown(test_qa_due, setup, teardown),
		cmocka_unit_test_setup_teardown(test_qa, setup, teardown),
		cmocka_unit_test_setup_teardown(test_balance, setup, teardown),
		cmocka_unit_test_setup_teardown(test_freshness, setup, teardown),
		cmocka_unit_test_setup_teardown(test_cause_check, setup, teardown),
		cmocka_unit_test_setup_teardown(test_overall_status_and_health, setup, teardown),
		cmocka_unit_test_setup_teardown(test_default_as_of_and_json, setup, teardown),
		cmocka_unit_test_setup_teardown(test_absurd_values_read_plainly, setup, teardown),
		cmocka_unit_test(test_qa_score_items),
		cmocka_unit_test_setup_teardown(test_explain_metric_kinds, setup, teardown),
		cmocka_unit_test_setup_teardown(test_explain_other_kinds, setup, teardown),
		cmocka_unit_test_setup_teardown(test_explain_cause_check_and_json, setup, teardown),
		cmocka_unit_test_setup_teardown(test_explain_better_and_own_vote, setup, teardown),
		cmocka_unit_test_setup_teardown(test_shift_own_drop, setup, teardown),
		cmocka_unit_test_setup_teardown(test_shift_all_move_together, setup, teardown),
		cmocka_unit_test_setup_teardown(test_shift_single_partner, setup, teardown),
		cmocka_unit_test_setup_teardown(test_shift_relative_lower_is_better, setup, teardown),
		cmocka_unit_test_setup_teardown(test_shift_short_history, setup, teardown),
		cmocka_unit_test_setup_teardown(test_rate_events, setup, teardown),
		cmocka_unit_test_setup_teardown(test_balance_own_normal, setup, teardown),
		cmocka_unit_test(test_json_string),
	};

	return cmocka_run_group_tests_name("indicator", tests, NULL, NULL);
}
