/* test_report.c: the QBR pack's arithmetic: quarters, quarter figures from
 * months (average, sum, last; partial quarters), and changes that add up
 * with the figures as printed. Hand-computed expectations. */
#include "testutil.h"

#include <math.h>

#include "report.h"

static void test_quarter_parse(void **state)
{
	static const char *const good[] = { "2026Q3", "2026q3", "2026-Q3",
					    "2026 Q3", "Q3/2026", "q3 2026",
					    "Q3-2026" };
	static const char *const bad[] = { "", "2026", "2026Q0", "2026Q5",
					   "26Q3", "2026Q3x", "Q3", "Q32026x",
					   "20260Q3", NULL };
	struct quarter q;
	size_t i;

	(void)state;
	for (i = 0; i < sizeof(good) / sizeof(good[0]); i++) {
		assert_int_equal(quarter_parse(good[i], &q), 0);
		assert_int_equal(q.year, 2026);
		assert_int_equal(q.q, 3);
		assert_string_equal(q.first, "2026-07-01");
		assert_string_equal(q.last, "2026-09-01");
		assert_string_equal(q.end, "2026-09-30");
	}
	for (i = 0; i < sizeof(bad) / sizeof(bad[0]); i++)
		assert_int_equal(quarter_parse(bad[i], &q), BPW_EINVAL);

	assert_int_equal(quarter_parse("2024Q1", &q), 0);
	assert_string_equal(q.end, "2024-03-31");	/* leap year */
	{
		struct quarter p, y;

		quarter_add(&q, -1, &p);
		assert_int_equal(p.year, 2023);
		assert_int_equal(p.q, 4);
		assert_string_equal(p.first, "2023-10-01");
		assert_string_equal(p.end, "2023-12-31");
		quarter_add(&q, -4, &y);
		assert_string_equal(y.first, "2023-01-01");
		assert_string_equal(y.end, "2023-03-31");
		quarter_add(&p, 1, &y);
		assert_string_equal(y.first, "2024-01-01");
	}
}

static struct metric pct = { .key = "csat", .name = "CSAT", .unit = "%",
			     .better = METRIC_HIGHER, .agg = METRIC_AVG };
static struct metric eur = { .key = "cost", .name = "Cost", .unit = "EUR",
			     .better = METRIC_LOWER, .agg = METRIC_AVG };
static struct metric cnt = { .key = "esc", .name = "Escalations",
			     .unit = "count", .better = METRIC_LOWER,
			     .agg = METRIC_SUM };

static void test_values_and_changes(void **state)
{
	struct report_metric rm = { .m = &pct, .now = 83.1333, .prev = 82.4667,
				    .year_ago = NAN, .months = { 3, 3, 0 } };
	char buf[64];
	int v;

	(void)state;
	assert_string_equal(report_value(&rm, WHEN_NOW, buf, sizeof(buf)), "83.1%");
	assert_string_equal(report_value(&rm, WHEN_PREV, buf, sizeof(buf)), "82.5%");
	assert_string_equal(report_value(&rm, WHEN_YEAR_AGO, buf, sizeof(buf)), "");
	/* 83.1 - 82.5 as printed is 0.6, though the raw change is 0.67 */
	assert_string_equal(report_change(&rm, WHEN_PREV, &v, buf, sizeof(buf)),
			    "+0.6 pts");
	assert_int_equal(v, 1);
	assert_string_equal(report_change(&rm, WHEN_YEAR_AGO, &v, buf, sizeof(buf)), "");
	assert_int_equal(v, 0);
	assert_true(fabs(report_shown(&rm, WHEN_NOW) - 83.1) < 1e-9);

	/* A change below what the figures show is none. */
	rm.prev = 83.14;
	assert_string_equal(report_change(&rm, WHEN_PREV, &v, buf, sizeof(buf)), "0");
	assert_int_equal(v, 0);

	/* Lower is better: a fall is better; money has two decimals. */
	rm = (struct report_metric){ .m = &eur, .now = 3.356, .prev = 3.7467 };
	assert_string_equal(report_value(&rm, WHEN_NOW, buf, sizeof(buf)), "3.36 EUR");
	assert_string_equal(report_change(&rm, WHEN_PREV, &v, buf, sizeof(buf)),
			    "-0.39 EUR");
	assert_int_equal(v, 1);
	assert_string_equal(report_verdict_word(v), "better");

	/* Counts: whole when whole; up is worse for escalations. */
	rm = (struct report_metric){ .m = &cnt, .now = 67, .prev = 44,
				     .months = { 3, 2, 0 } };
	assert_string_equal(report_value(&rm, WHEN_NOW, buf, sizeof(buf)), "67");
	assert_string_equal(report_change(&rm, WHEN_PREV, &v, buf, sizeof(buf)), "+23");
	assert_int_equal(v, -1);
	assert_false(report_partial(&rm, WHEN_NOW));
	assert_true(report_partial(&rm, WHEN_PREV));
	assert_false(report_partial(&rm, WHEN_YEAR_AGO));	/* none is not partial */
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_quarter_parse),
		cmocka_unit_test(test_values_and_changes),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
