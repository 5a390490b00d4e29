/* test_data.c: the typed data API: partners, metrics, events, actions,
 * dates, and the portfolio summary (with hand-computed expectations). */
#include "testutil.h"

#include "action.h"
#include "date.h"
#include "event.h"
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
	free(got.notes);
	got.notes = strdup("renewal talks in Q1");
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
	assert_int_equal(ml.count, 11);
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
}

static void test_actions(void **state)
{
	struct fixture *f = *state;
	struct partner p = { .code = "CCX", .name = "Nile Connect" };
	struct action a = { .text = "Deliver the September report", .owner = "Anna" };
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
	struct action act = { .text = "x" };
	struct portfolio pf;
	struct bpw_error err;
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

	assert_int_equal(portfolio_load(f->st, "2026-11-22", &pf, &err), 0);
	assert_int_equal(pf.count, 2);
	assert_string_equal(pf.rows[0].partner.code, "A1");	/* by name, any case */
	assert_false(pf.rows[0].has_csat);
	assert_string_equal(pf.rows[0].last_period, "");
	assert_int_equal(pf.rows[0].open_actions, 0);
	assert_true(pf.rows[1].has_csat);
	assert_float_equal(pf.rows[1].csat, 72.5, 1e-9);
	assert_string_equal(pf.rows[1].csat_period, "2026-09-01");
	assert_string_equal(pf.rows[1].last_period, "2026-10-01");
	assert_int_equal(pf.rows[1].open_actions, 2);
	assert_int_equal(pf.rows[1].overdue_actions, 1);
	assert_string_equal(pf.latest_period, "2026-10-01");
	portfolio_free(&pf);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_dates),
		cmocka_unit_test_setup_teardown(test_partners, setup, teardown),
		cmocka_unit_test_setup_teardown(test_metrics, setup, teardown),
		cmocka_unit_test_setup_teardown(test_events, setup, teardown),
		cmocka_unit_test_setup_teardown(test_actions, setup, teardown),
		cmocka_unit_test_setup_teardown(test_portfolio, setup, teardown),
	};

	return cmocka_run_group_tests_name("data", tests, NULL, NULL);
}
