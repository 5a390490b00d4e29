/* test_report.c: the QBR pack's arithmetic: quarters, quarter figures from
 * months (average, sum, last; partial quarters), changes that add up
 * with the figures as printed, and the scale and marks of the metric
 * charts. Hand-computed expectations. */
#include "testutil.h"

#include <math.h>
#include <string.h>

#include "report.h"
#include "report_chart.h"

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

/* The labels' precision, and the span a metric's charts share: at least
 * the smallest flagged shift and the widest partner's range plus a step,
 * on pairs of steps. */
static void test_chart_span(void **state)
{
	const double a[] = { 2.3, 2.4 }, b[] = { 2.6, NAN };
	const double *ab[] = { a, NULL, b };

	(void)state;
	assert_int_equal(report_chart_decimals(0.47), 1);
	assert_float_equal(report_chart_span(0, 0.47), 0.6, 1e-9);
	assert_int_equal(report_chart_decimals(16), 0);
	assert_float_equal(report_chart_span(0, 16), 16, 1e-9);
	assert_float_equal(report_chart_span(0, 15.1), 16, 1e-9);
	assert_float_equal(report_chart_span(15.1, 0), 18, 1e-9);	/* + 1 */
	assert_float_equal(report_chart_span(15.1, 17.5), 18, 1e-9);
	assert_int_equal(report_chart_decimals(0.05), 2);
	assert_float_equal(report_chart_span(0, 0.05), 0.06, 1e-9);
	assert_float_equal(report_chart_span(NAN, NAN), 0, 1e-9);
	/* Both sources of a partner together: 2.3 to 2.6. */
	assert_float_equal(report_chart_widest(ab, 3, 2), 0.3, 1e-9);
	assert_float_equal(report_chart_span(report_chart_widest(ab, 3, 2), 0.47),
			   0.6, 1e-9);
}

#define N 6

/* report_chart_fit with one series and refs; lo/hi out. */
static void fit(const double *v, const double *refs, size_t nrefs, double span,
		double min, double max, double *lo, double *hi)
{
	const double *s[2] = { v, NULL };

	report_chart_fit(s, 2, N, refs, nrefs, span, min, max, lo, hi);
}

/* Churn moving between 2.3 and 2.4 % on a span of 0.6: drawn as the small
 * move it is, not full height; the lines move the window where they fit,
 * never off the figures. */
static void test_chart_fit(void **state)
{
	const double churn[N] = { 2.3, 2.35, NAN, 2.4, 2.32, 2.38 };
	const double near[] = { 2.7, NAN }, far[] = { 5.0 };
	const double low[N] = { 0.1, 0.2, NAN, NAN, NAN, NAN };
	const double top[N] = { 99, 100, 100, 99.5, NAN, NAN };
	const double wide[N] = { 10, 40, 25, NAN, NAN, NAN };
	const double none[N] = { NAN, NAN, NAN, NAN, NAN, NAN };
	double lo, hi;

	(void)state;
	fit(churn, NULL, 0, 0.6, 0, 100, &lo, &hi);
	assert_float_equal(lo, 2.0, 1e-9);	/* centred, on the 0.1 step */
	assert_float_equal(hi, 2.6, 1e-9);
	fit(churn, near, 2, 0.6, 0, 100, &lo, &hi);
	assert_float_equal(lo, 2.2, 1e-9);	/* the warn level shows */
	assert_float_equal(hi, 2.8, 1e-9);
	fit(churn, far, 1, 0.6, 0, 100, &lo, &hi);
	assert_float_equal(lo, 2.3, 1e-9);	/* towards it, figures kept */
	assert_float_equal(hi, 2.9, 1e-9);
	fit(low, NULL, 0, 2, 0, 100, &lo, &hi);
	assert_float_equal(lo, 0, 1e-9);	/* not below the metric's 0 */
	assert_float_equal(hi, 2, 1e-9);
	fit(top, NULL, 0, 16, 0, 100, &lo, &hi);
	assert_float_equal(lo, 84, 1e-9);	/* nor above its 100 */
	assert_float_equal(hi, 100, 1e-9);
	fit(wide, NULL, 0, 16, NAN, NAN, &lo, &hi);
	assert_float_equal(lo, 10, 1e-9);	/* wider figures widen it */
	assert_float_equal(hi, 40, 1e-9);
	fit(none, NULL, 0, 16, NAN, NAN, &lo, &hi);
	assert_true(isnan(lo) && isnan(hi));
}

static void esc_test(struct strbuf *b, const char *s)
{
	for (; *s; s++) {
		if (*s == '<')
			strbuf_add(b, "&lt;");
		else if (*s == '&')
			strbuf_add(b, "&amp;");
		else
			strbuf_addn(b, s, 1);
	}
}

/* The chart draws both sources apart, the band, a target off the scale
 * as a mark at the edge, the quarter, its labels and legend, and escapes
 * the metric's name. */
static void test_chart_svg(void **state)
{
	struct metric m = { .key = "csat", .name = "CSAT <b>&", .unit = "%" };
	struct quarter q;
	struct report_metric rm;
	double partner[REPORT_SPARK_MONTHS], client[REPORT_SPARK_MONTHS];
	double median[REPORT_SPARK_MONTHS];
	struct strbuf b = { 0 };
	const char *svg;
	int i;

	(void)state;
	memset(&rm, 0, sizeof(rm));
	assert_int_equal(quarter_parse("2026Q3", &q), 0);
	rm.m = &m;
	rm.q = &q;
	for (i = 0; i < REPORT_SPARK_MONTHS; i++) {
		partner[i] = 88;
		client[i] = 76 + i % 3;
		median[i] = 82;
		rm.target[i] = 95;
	}
	rm.partner = partner;
	rm.client = rm.spark = client;
	rm.median = median;
	rm.warn = 77;
	rm.alert = 75;
	rm.spark_lo = 74;
	rm.spark_hi = 90;
	rm.decimals = 0;
	report_chart_svg(&b, &rm, esc_test);
	svg = strbuf_str(&b);
	assert_non_null(strstr(svg, "<polyline class=\"partner\""));
	assert_non_null(strstr(svg, "<polyline class=\"client\""));
	assert_non_null(strstr(svg, "stroke-dasharray=\"3,1.6\""));
	assert_non_null(strstr(svg, "<rect class=\"band\""));
	assert_non_null(strstr(svg, "<rect class=\"quarter\""));
	assert_non_null(strstr(svg, ">74</text>"));
	assert_non_null(strstr(svg, ">82</text>"));
	assert_non_null(strstr(svg, ">90</text>"));
	assert_non_null(strstr(svg, ">T\xe2\x96\xb2</text>"));	/* 95: above */
	assert_null(strstr(svg, "<line class=\"target\""));
	assert_non_null(strstr(svg, "Q3 &#39;26</text>"));
	assert_non_null(strstr(svg, ">W/A band</text>"));
	assert_non_null(strstr(svg, "CSAT &lt;b>&amp;"));
	assert_null(strstr(svg, "<b>"));
	strbuf_free(&b);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_quarter_parse),
		cmocka_unit_test(test_values_and_changes),
		cmocka_unit_test(test_chart_span),
		cmocka_unit_test(test_chart_fit),
		cmocka_unit_test(test_chart_svg),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
