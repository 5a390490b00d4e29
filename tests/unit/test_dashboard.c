/* test_dashboard.c: the dashboard's model (core/dashboard.h) on a small
 * hand-built database: the month judged and followed, the rows joined to
 * their judgement, the filter, and the orders the `s` key cycles through
 * (name, largest CSAT drop, highest attrition; ties by name). */
#include "testutil.h"

#include <math.h>

#include "dashboard.h"
#include "observation.h"
#include "partner.h"
#include "status.h"
#include "store.h"

struct fx {
	char *dir;
	struct store *st;
	struct dashboard d;
	int64_t ids[4];
};

/* code, name, site: B is named first alphabetically by name only. */
static const char *const who[4][3] = {
	{ "ATL", "Atlas Contact", "Lisbon" },
	{ "BSS", "Baltic Shared Services", "Riga" },
	{ "CCX", "Cebu CX", "Cebu" },
	{ "DPS", "Danube Payroll", "Sofia" },
};

static void figure(struct fx *f, int p, const char *metric, const char *period,
		   double v)
{
	struct observation o = { f->ids[p], metric, period, "", OBS_PARTNER, v };
	struct bpw_error err;

	assert_int_equal(observation_upsert(f->st, &o, NULL, &err), 0);
}

static int setup(void **state)
{
	struct fx *f = calloc(1, sizeof(*f));
	struct bpw_error err;
	int i;

	f->dir = tu_tempdir();
	assert_int_equal(date_set_today("2026-12-04"), 0);
	if (store_open(tu_path(f->dir, "t.db"), STORE_CREATE, &f->st, &err) != 0)
		return -1;
	for (i = 0; i < 4; i++) {
		char code[8], name[40], site[20];
		struct partner p = { .code = code, .name = name, .site = site };

		snprintf(code, sizeof(code), "%s", who[i][0]);
		snprintf(name, sizeof(name), "%s", who[i][1]);
		snprintf(site, sizeof(site), "%s", who[i][2]);
		assert_int_equal(partner_add(f->st, &p, &f->ids[i], &err), 0);
	}
	/* CSAT change Sep -> Oct: ATL -3, BSS +1, CCX -1, DPS none.
	 * Attrition in October: ATL 2, BSS 5, CCX 5, DPS 7. */
	figure(f, 0, "csat", "2026-09-01", 80); figure(f, 0, "csat", "2026-10-01", 77);
	figure(f, 1, "csat", "2026-09-01", 80); figure(f, 1, "csat", "2026-10-01", 81);
	figure(f, 2, "csat", "2026-09-01", 80); figure(f, 2, "csat", "2026-10-01", 79);
	figure(f, 0, "attrition", "2026-10-01", 2);
	figure(f, 1, "attrition", "2026-10-01", 5);
	figure(f, 2, "attrition", "2026-10-01", 5);
	figure(f, 3, "attrition", "2026-10-01", 7);
	*state = f;
	return 0;
}

static int teardown(void **state)
{
	struct fx *f = *state;

	dashboard_free(&f->d);
	store_close(f->st);
	tu_rmdir(f->dir);
	free(f);
	return 0;
}

static void load(struct fx *f)
{
	struct dashboard_opts o = { .rules = NULL, .figures_due_day = 10,
				    .sparkline_length = 12, .audit_interval_days = 365 };
	struct bpw_error err;

	assert_int_equal(dashboard_load(&f->d, f->st, &o, &err), 0);
}

/* The codes of the rows in order, "ATL BSS ...". */
static const char *codes(struct fx *f, const char *filter, enum dash_sort by)
{
	static char buf[64];
	size_t order[8], n, i;

	n = dashboard_order(&f->d, filter, by, order);
	buf[0] = '\0';
	for (i = 0; i < n; i++)
		snprintf(buf + strlen(buf), sizeof(buf) - strlen(buf), "%s%s",
			 i ? " " : "", f->d.pf.rows[order[i]].partner.code);
	return buf;
}

static void test_months(void **state)
{
	struct fx *f = *state;

	load(f);
	/* On 2026-12-04 November's figures are not due before the 10th. */
	assert_string_equal(f->d.judged, "2026-10-01");
	assert_string_equal(f->d.as_of, "2026-10-01");
	assert_true(f->d.follow);
	assert_string_equal(f->d.latest, "2026-10-01");
	assert_string_equal(f->d.today, "2026-12-04");
	/* A month chosen by hand is kept across a reload. */
	snprintf(f->d.as_of, sizeof(f->d.as_of), "2026-09-01");
	f->d.follow = false;
	load(f);
	assert_string_equal(f->d.as_of, "2026-09-01");
	assert_false(f->d.follow);
	assert_int_equal(f->d.pf.count, 4);
	/* Without rules nothing is judged: no row has a result. */
	assert_null(dashboard_result(&f->d, 0));
	assert_null(dashboard_result(&f->d, 99));
}

static void test_orders(void **state)
{
	struct fx *f = *state;

	load(f);
	assert_string_equal(codes(f, "", DASH_SORT_NAME), "ATL BSS CCX DPS");
	/* Largest drop first; no change (DPS) last. */
	assert_string_equal(codes(f, "", DASH_SORT_CSAT_CHANGE), "ATL CCX BSS DPS");
	/* Highest first; the tie (BSS, CCX at 5) by name. */
	assert_string_equal(codes(f, "", DASH_SORT_ATTRITION), "DPS BSS CCX ATL");
	/* Without judgements the health order falls back to the names. */
	assert_string_equal(codes(f, "", DASH_SORT_HEALTH), "ATL BSS CCX DPS");
	assert_string_equal(dashboard_sort_name(DASH_SORT_CSAT_CHANGE), "CSAT change");
}

static void test_filter(void **state)
{
	struct fx *f = *state;

	load(f);
	assert_string_equal(codes(f, "riga", DASH_SORT_NAME), "BSS");	/* site */
	assert_string_equal(codes(f, "c", DASH_SORT_NAME), "ATL BSS CCX");	/* name, code */
	assert_string_equal(codes(f, "nobody", DASH_SORT_NAME), "");
	assert_true(dashboard_row_matches(&f->d.pf.rows[0], NULL, NULL));
	/* Case and accents do not count; words each match somewhere. */
	assert_string_equal(codes(f, "SOFIA", DASH_SORT_NAME), "DPS");
	assert_string_equal(codes(f, "d\xc3\xa1nube  sof\xc3\xad", DASH_SORT_NAME), "DPS");
	assert_string_equal(codes(f, "danube riga", DASH_SORT_NAME), "");
}

/* A status term: "!alert", its beginning "!al", "!nodata" or "!no_data";
 * several are any of them; with words, both must hold. */
static void test_filter_status(void **state)
{
	struct fx *f = *state;
	struct partner_result alert = { .status = STATUS_ALERT };
	struct partner_result ok = { .status = STATUS_OK };
	struct partner_result nodata = { .status = STATUS_NODATA };
	const struct portfolio_row *atl;

	load(f);
	atl = &f->d.pf.rows[0];
	assert_string_equal(atl->partner.code, "ATL");
	assert_true(dashboard_row_matches(atl, &alert, "!alert"));
	assert_true(dashboard_row_matches(atl, &alert, "!ALERT"));
	assert_true(dashboard_row_matches(atl, &alert, "!al"));
	assert_false(dashboard_row_matches(atl, &ok, "!alert"));
	assert_true(dashboard_row_matches(atl, &ok, "!ok"));
	assert_true(dashboard_row_matches(atl, &ok, "!alert !ok"));
	assert_false(dashboard_row_matches(atl, &ok, "!watch"));
	assert_true(dashboard_row_matches(atl, &nodata, "!nodata"));
	assert_true(dashboard_row_matches(atl, &nodata, "!no_data"));
	assert_true(dashboard_row_matches(atl, &alert, "!alert lisbon"));
	assert_false(dashboard_row_matches(atl, &alert, "!alert riga"));
	assert_false(dashboard_row_matches(atl, &alert, "!bogus"));
	/* Without a judgement a status term keeps nothing; a lone '!' all. */
	assert_false(dashboard_row_matches(atl, NULL, "!ok"));
	assert_true(dashboard_row_matches(atl, NULL, "!"));
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_setup_teardown(test_months, setup, teardown),
		cmocka_unit_test_setup_teardown(test_orders, setup, teardown),
		cmocka_unit_test_setup_teardown(test_filter, setup, teardown),
		cmocka_unit_test_setup_teardown(test_filter_status, setup, teardown),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
