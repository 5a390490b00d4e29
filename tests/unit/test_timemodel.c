/* test_timemodel.c: the one time model (core/timemodel.c): due dates, the
 * month judged on a day (and when it moves early), up to which day a
 * judgement counts, and how an older month is named; and the metrics a
 * configuration declares reaching the catalogue (metric_declare). */
#include "testutil.h"

#include <math.h>
#include <sqlite3.h>

#include "date.h"
#include "metric.h"
#include "observation.h"
#include "partner.h"
#include "store.h"
#include "timemodel.h"

struct fixture {
	char *dir;
	struct store *st;
	int64_t ids[3];
};

static int setup(void **state)
{
	struct fixture *f = calloc(1, sizeof(*f));
	struct bpw_error err;
	const char *codes[] = { "AAA", "BBB", "CCC" };
	int i;

	f->dir = tu_tempdir();
	if (store_open(tu_path(f->dir, "t.db"), STORE_CREATE, &f->st, &err) != 0)
		return -1;
	for (i = 0; i < 3; i++) {
		struct partner p = { .code = codes[i], .name = codes[i] };

		if (partner_add(f->st, &p, &f->ids[i], &err) != 0)
			return -1;
	}
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

static void test_due_dates(void **state)
{
	char out[DATE_LEN];

	(void)state;
	timemodel_due_date("2026-10-01", 10, out);
	assert_string_equal(out, "2026-11-10");
	timemodel_due_date("2026-12-01", 5, out);
	assert_string_equal(out, "2027-01-05");
	timemodel_due_date("2026-12-01", 0, out);	/* out of range: the default */
	assert_string_equal(out, "2027-01-10");
}

static void test_due_month(void **state)
{
	char out[DATE_LEN];

	(void)state;
	/* The morning: November is due on 12-10, so October. */
	timemodel_due_month("2026-12-04", 10, out);
	assert_string_equal(out, "2026-10-01");
	timemodel_due_month("2026-12-09", 10, out);
	assert_string_equal(out, "2026-10-01");
	timemodel_due_month("2026-12-10", 10, out);	/* due today: due */
	assert_string_equal(out, "2026-11-01");
	timemodel_due_month("2026-12-31", 10, out);
	assert_string_equal(out, "2026-11-01");
	timemodel_due_month("2027-01-05", 10, out);	/* across the year */
	assert_string_equal(out, "2026-11-01");
	timemodel_due_month("2027-01-01", 1, out);
	assert_string_equal(out, "2026-12-01");
}

static void test_until(void **state)
{
	char out[DATE_LEN];

	(void)state;
	/* The judged month and later: up to today. */
	timemodel_until("2026-10-01", "2026-12-04", 10, out);
	assert_string_equal(out, "2026-12-04");
	timemodel_until("2026-11-01", "2026-12-04", 10, out);
	assert_string_equal(out, "2026-12-04");
	/* An earlier month: as it stood on its last day. */
	timemodel_until("2026-09-01", "2026-12-04", 10, out);
	assert_string_equal(out, "2026-09-30");
	timemodel_until("2024-02-01", "2026-12-04", 10, out);
	assert_string_equal(out, "2024-02-29");
	/* A month not over yet never counts beyond today. */
	timemodel_until("2026-12-01", "2026-12-04", 10, out);
	assert_string_equal(out, "2026-12-04");
}

static void test_month_label(void **state)
{
	char out[16];

	(void)state;
	assert_false(timemodel_is_older("2026-10-01", "2026-10-01"));
	assert_true(timemodel_is_older("2026-09-01", "2026-10-01"));
	assert_false(timemodel_is_older("", "2026-10-01"));
	timemodel_month_label("2026-09-01", "2026-10-01", out, sizeof(out));
	assert_string_equal(out, "Sep");
	timemodel_month_label("2025-11-01", "2026-10-01", out, sizeof(out));
	assert_string_equal(out, "Nov");	/* 11 months back: still plain */
	timemodel_month_label("2025-10-01", "2026-10-01", out, sizeof(out));
	assert_string_equal(out, "Oct 2025");	/* a year back names its year */
}

static void add(struct fixture *f, int p, const char *period, const char *metric,
		enum obs_source src)
{
	struct observation o = { f->ids[p], metric, period, "", src, 80 };
	struct bpw_error err;

	assert_int_equal(observation_upsert(f->st, &o, NULL, &err), 0);
}

static void judged(struct fixture *f, const char *today, const char *want)
{
	char out[DATE_LEN];
	struct bpw_error err;

	assert_int_equal(timemodel_judged(f->st, today, 10, out, &err), 0);
	assert_string_equal(out, want);
}

static void test_judged(void **state)
{
	struct fixture *f = *state;
	int p;

	judged(f, "2026-12-04", "2026-10-01");	/* empty: the due month */
	for (p = 0; p < 3; p++)
		add(f, p, "2026-10-01", "csat", OBS_PARTNER);
	judged(f, "2026-12-04", "2026-10-01");
	/* One early row, even far ahead, moves nothing. */
	add(f, 0, "2026-12-01", "csat", OBS_PARTNER);
	add(f, 0, "2026-11-01", "csat", OBS_PARTNER);
	judged(f, "2026-12-04", "2026-10-01");
	/* A client-measured figure is not the partner's report. */
	add(f, 1, "2026-11-01", "csat", OBS_CLIENT);
	add(f, 2, "2026-11-01", "fcr", OBS_PARTNER);
	judged(f, "2026-12-04", "2026-10-01");
	/* Every partner that reported October has reported November. */
	add(f, 1, "2026-11-01", "sla_adherence", OBS_PARTNER);
	judged(f, "2026-12-04", "2026-11-01");
	/* Never today's own month, however complete. */
	judged(f, "2026-11-20", "2026-10-01");
	/* On the due day the due month is judged whatever was sent. */
	judged(f, "2026-12-10", "2026-11-01");
	judged(f, "2027-01-10", "2026-12-01");
}

static void test_judged_archived(void **state)
{
	struct fixture *f = *state;
	int p;

	for (p = 0; p < 3; p++)
		add(f, p, "2026-10-01", "csat", OBS_PARTNER);
	add(f, 0, "2026-11-01", "csat", OBS_PARTNER);
	add(f, 1, "2026-11-01", "csat", OBS_PARTNER);
	judged(f, "2026-12-04", "2026-10-01");
	/* An archived partner sends nothing and holds nobody back. */
	assert_int_equal(sqlite3_exec(store_db(f->st), "UPDATE partner SET archived = 1 "
				      "WHERE code = 'CCC'", NULL, NULL, NULL), SQLITE_OK);
	judged(f, "2026-12-04", "2026-11-01");
}

static void test_metric_declare(void **state)
{
	struct fixture *f = *state;
	struct metric m = { .key = "ces", .name = "Customer effort score", .unit = "",
			    .better = METRIC_LOWER, .agg = METRIC_AVG,
			    .range = { true, true, 1, 7 } };
	struct metric csat = { .key = "csat", .name = "CSAT", .unit = "%",
			       .range = { true, true, -5, 500 } };
	struct metric got;
	struct observation o = { f->ids[0], "ces", "2026-10-01", "", OBS_PARTNER, 9 };
	struct bpw_error err;
	size_t added;

	assert_int_equal(metric_declare(f->st, &m, 1, &added, &err), 0);
	assert_int_equal(added, 1);
	assert_int_equal(metric_find(f->st, "ces", &got, &err), 0);
	assert_int_equal(got.better, METRIC_LOWER);
	assert_true(got.range.has_max && got.range.max == 7);
	metric_clear(&got);
	/* Its range holds for every write. */
	assert_int_equal(observation_upsert(f->st, &o, NULL, &err), BPW_EINVAL);
	assert_non_null(strstr(err.msg, "ces 9 is above its plausible maximum 7"));
	/* Declared again, unchanged: nothing added; a new range is taken. */
	assert_int_equal(metric_declare(f->st, &m, 1, &added, &err), 0);
	assert_int_equal(added, 0);
	m.range.max = 10;
	assert_int_equal(metric_declare(f->st, &m, 1, &added, &err), 0);
	assert_int_equal(observation_upsert(f->st, &o, NULL, &err), 0);
	/* A built-in keeps its own range, whatever a declaration says. */
	assert_int_equal(metric_declare(f->st, &csat, 1, &added, &err), 0);
	assert_int_equal(metric_find(f->st, "csat", &got, &err), 0);
	assert_true(got.range.has_max && got.range.max == 100);
	metric_clear(&got);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_due_dates),
		cmocka_unit_test(test_due_month),
		cmocka_unit_test(test_until),
		cmocka_unit_test(test_month_label),
		cmocka_unit_test_setup_teardown(test_judged, setup, teardown),
		cmocka_unit_test_setup_teardown(test_judged_archived, setup, teardown),
		cmocka_unit_test_setup_teardown(test_metric_declare, setup, teardown),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
