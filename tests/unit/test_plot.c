/* test_plot.c: sparkline scaling and drawing, chart axis and layout. */
#include "testutil.h"

#include <math.h>

#include "chart.h"
#include "sparkline.h"
#include "text.h"

#define N(a) (sizeof(a) / sizeof((a)[0]))

static void levels_are(const double *v, size_t n, const int *want)
{
	int got[64];
	size_t i;

	spark_scale(v, n, NAN, NAN, got);
	for (i = 0; i < n; i++)
		assert_int_equal(got[i], want[i]);
}

static void test_spark_scale(void **state)
{
	const double two[] = { 0, 7 }, ramp[] = { 1, 2, 3, 4, 5, 6, 7, 8 };
	const double flat[] = { 5, 5, 5 }, one[] = { 42 };
	const double neg[] = { -5, 0, 5 }, gaps[] = { 10, NAN, 20, INFINITY };
	const double none[] = { NAN, NAN };
	const int want_two[] = { 0, 7 }, want_ramp[] = { 0, 1, 2, 3, 4, 5, 6, 7 };
	const int want_flat[] = { 3, 3, 3 }, want_one[] = { 3 };
	/* -5..5: 0 is halfway, 3.5 rounds to level 4. */
	const int want_neg[] = { 0, 4, 7 }, want_gaps[] = { 0, -1, 7, -1 };
	const int want_none[] = { -1, -1 };
	const double v[] = { 0, 50, 100, 150 };
	int got[4];

	levels_are(two, N(two), want_two);
	levels_are(ramp, N(ramp), want_ramp);
	levels_are(flat, N(flat), want_flat);
	levels_are(one, N(one), want_one);
	levels_are(neg, N(neg), want_neg);
	levels_are(gaps, N(gaps), want_gaps);
	levels_are(none, N(none), want_none);
	/* A given scale clamps values outside it. */
	spark_scale(v, 4, 50, 100, got);
	assert_int_equal(got[0], 0);
	assert_int_equal(got[1], 0);
	assert_int_equal(got[2], 7);
	assert_int_equal(got[3], 7);
}

static void test_spark_render(void **state)
{
	const double ramp[] = { 1, 2, 3, 4, 5, 6, 7, 8 }, gap[] = { 1, NAN, 3 };
	const double flat[] = { 70, 70 };
	char buf[64];

	assert_int_equal(spark_render(ramp, 8, 8, false, buf, sizeof(buf)), 8);
	assert_string_equal(buf, "▁▂▃▄▅▆▇█");
	assert_int_equal(spark_render(ramp, 8, 8, true, buf, sizeof(buf)), 8);
	assert_string_equal(buf, "_.,:-=+#");
	/* Narrower than the series: the last months, scaled among themselves. */
	assert_int_equal(spark_render(ramp, 8, 2, false, buf, sizeof(buf)), 2);
	assert_string_equal(buf, "▁█");
	/* A missing month is a gap; a flat series sits in the middle. */
	spark_render(gap, 3, 10, false, buf, sizeof(buf));
	assert_string_equal(buf, "▁ █");
	spark_render(gap, 3, 10, true, buf, sizeof(buf));
	assert_string_equal(buf, "_ #");
	spark_render(flat, 2, 10, true, buf, sizeof(buf));
	assert_string_equal(buf, "::");
	/* A small buffer gets whole characters only. */
	assert_int_equal(spark_render(ramp, 8, 8, false, buf, 7), 2);
	assert_string_equal(buf, "▁▂");
	assert_int_equal(spark_render(ramp, 8, 0, false, buf, sizeof(buf)), 0);
	assert_string_equal(buf, "");
	assert_int_equal(spark_render(ramp, 8, 8, false, buf, 1), 0);
	assert_string_equal(buf, "");
}

static void test_spark_render_more(void **state)
{
	const double three[] = { 1, 2, 3 }, neg[] = { -5, 0, 5 };
	const double ramp[] = { 1, 2, 3, 4, 5, 6, 7, 8 };
	char buf[64], *big;
	double *many;
	size_t size, i;

	/* Fewer values than columns: left-aligned, no padding. 2 is
	 * halfway: 3.5 rounds to level 4. */
	assert_int_equal(spark_render(three, 3, 10, false, buf, sizeof(buf)), 3);
	assert_string_equal(buf, "▁▅█");
	assert_int_equal(spark_render(neg, 3, 10, false, buf, sizeof(buf)), 3);
	assert_string_equal(buf, "▁▅█");
	assert_int_equal(spark_render(neg, 3, 10, true, buf, sizeof(buf)), 3);
	assert_string_equal(buf, "_-#");
	/* Every bufsize: never a byte past it, only whole characters. */
	for (size = 0; size <= 30; size++) {
		int want = size ? (int)((size - 1) / 3) : 0;

		memset(buf, 'X', sizeof(buf));
		assert_int_equal(spark_render(ramp, 8, 8, false, buf, size),
				 want > 8 ? 8 : want);
		for (i = size; i < sizeof(buf); i++)
			assert_int_equal(buf[i], 'X');
		if (size > 0)
			assert_int_equal(strlen(buf),
					 3 * (size_t)(want > 8 ? 8 : want));
		memset(buf, 'X', sizeof(buf));
		want = size ? (int)size - 1 : 0;
		assert_int_equal(spark_render(ramp, 8, 8, true, buf, size),
				 want > 8 ? 8 : want);
		for (i = size; i < sizeof(buf); i++)
			assert_int_equal(buf[i], 'X');
	}
	/* No width limit of its own: 600 columns. */
	many = calloc(600, sizeof(*many));
	big = malloc(600 * 3 + 1);
	for (i = 0; i < 600; i++)
		many[i] = (double)(i % 8);
	assert_int_equal(spark_render(many, 600, 600, false, big, 1801), 600);
	assert_int_equal(strlen(big), 1800);
	assert_memory_equal(big + 1791, "▆▇█", 9);
	free(many);
	free(big);
}

static void test_chart_axis(void **state)
{
	double lo, hi, step;

	chart_axis(72.3, 88.1, 4, &lo, &hi, &step);
	assert_float_equal(step, 5, 1e-9);
	assert_float_equal(lo, 70, 1e-9);
	assert_float_equal(hi, 90, 1e-9);
	/* A constant gets a range around it. */
	chart_axis(5, 5, 4, &lo, &hi, &step);
	assert_true(lo < 5 && hi > 5);
	chart_axis(-3.2, 1.1, 4, &lo, &hi, &step);
	assert_true(lo <= -3.2 && hi >= 1.1);
	assert_float_equal(step, 2, 1e-9);
	assert_float_equal(lo, -4, 1e-9);
	assert_float_equal(hi, 2, 1e-9);
	chart_axis(NAN, 3, 4, &lo, &hi, &step);
	assert_float_equal(lo, 0, 1e-9);
	assert_float_equal(hi, 1, 1e-9);
}

/* The text of row r of c. */
static const char *row_text(const struct chart *c, int r)
{
	static char buf[1024];
	int col;

	buf[0] = '\0';
	for (col = 0; col < c->cols; col++)
		strcat(buf, c->cells[r * c->cols + col].glyph);
	return buf;
}

static int role_at(const struct chart *c, int r, int col)
{
	return c->cells[r * c->cols + col].role;
}

static void test_chart_layout(void **state)
{
	/* Six months of CSAT, one missing, warn 78, alert 72. */
	const double v[] = { 80, 84, NAN, 76, 70, 73 };
	const char *const labels[] = { "2026-05", "2026-06", "2026-07", "2026-08",
				       "2026-09", "2026-10" };
	struct chart_spec s = { .v = v, .n = 6, .labels = labels, .warn = 78,
				.alert = 72, .rows = 10, .cols = 40 };
	struct chart c;
	int r, col, x0, cw, warn_row = -1, alert_row = -1, top_of[6];
	size_t i;

	assert_int_equal(chart_render(&s, &c), 0);
	assert_int_equal(c.rows, 10);
	assert_int_equal(c.cols, 40);
	/* Range 70..84 with the thresholds: axis 70..85 by 5s. */
	assert_float_equal(c.lo, 70, 1e-9);
	assert_float_equal(c.hi, 85, 1e-9);
	/* Y labels: top and bottom of the plot, right-aligned before the axis. */
	assert_non_null(strstr(row_text(&c, 0), "85│"));
	assert_non_null(strstr(row_text(&c, 7), "70│"));
	assert_non_null(strstr(row_text(&c, 8), "└──"));
	/* The plot starts right of the axis (labels up to "77.5" wide). */
	for (x0 = 0; x0 < c.cols && role_at(&c, 1, x0) != CHART_AXIS; x0++)
		;
	x0++;
	assert_int_equal(x0, 5);
	/* Threshold lines and their labels, told apart by letter too. */
	for (r = 0; r < 8; r++) {
		if (strstr(row_text(&c, r), "W 78"))
			warn_row = r;
		if (strstr(row_text(&c, r), "A 72"))
			alert_row = r;
	}
	assert_true(warn_row >= 0 && alert_row > warn_row);
	assert_int_equal(role_at(&c, alert_row, c.cols - 1 - 0) == CHART_ALERT ||
			 strstr(row_text(&c, alert_row), "━") != NULL, 1);
	assert_non_null(strstr(row_text(&c, warn_row), "╌"));
	/* Months spread over the plot: each gets cw columns. */
	cw = (40 - x0 - 5) / 6;
	assert_int_equal(cw, 5);
	/* Bars: the highest value reaches the top row, the lowest is the
	 * shortest, the missing month is empty. */
	for (i = 0; i < 6; i++) {
		col = x0 + (int)i * cw;
		top_of[i] = -1;
		for (r = 0; r < 8; r++)
			if (role_at(&c, r, col) == CHART_VALUE) {
				top_of[i] = r;
				break;
			}
	}
	assert_int_equal(top_of[1], 0);
	assert_int_equal(top_of[2], -1);
	for (i = 0; i < 6; i++)
		if (i != 2)
			assert_true(top_of[i] <= top_of[4]);
	assert_true(top_of[0] < top_of[4] && top_of[3] < top_of[4]);
	/* The lines run across the bars: full rows of their glyph. */
	for (col = x0; col < x0 + 6 * cw; col++) {
		assert_int_equal(role_at(&c, warn_row, col), CHART_WARN);
		assert_int_equal(role_at(&c, alert_row, col), CHART_ALERT);
	}
	/* Month labels: first and last. */
	assert_non_null(strstr(row_text(&c, 9), "2026-05"));
	assert_non_null(strstr(row_text(&c, 9), "2026-10"));
	/* Every cell is one column wide. */
	for (r = 0; r < c.rows; r++)
		for (col = 0; col < c.cols; col++)
			assert_int_equal(text_width(c.cells[r * c.cols + col].glyph), 1);
	chart_free(&c);
}

static void test_chart_ascii_and_edges(void **state)
{
	const double v[] = { -5, 0, 5, 10 }, none[] = { NAN, NAN, NAN };
	const char *const labels[] = { "a", "b", "c", "d" };
	struct chart_spec s = { .v = v, .n = 4, .labels = labels, .warn = NAN,
				.alert = NAN, .rows = 8, .cols = 30, .ascii = true };
	struct chart c;
	int r, col;
	long many = 200;
	double *big;

	assert_int_equal(chart_render(&s, &c), 0);
	for (r = 0; r < c.rows; r++)
		for (col = 0; col < c.cols; col++) {
			const unsigned char *g =
				(const unsigned char *)c.cells[r * c.cols + col].glyph;

			assert_true(g[0] < 0x80 && (g[0] == '\0' || g[1] == '\0'));
		}
	/* Negative values: the axis shows them. */
	assert_true(c.lo <= -5);
	assert_non_null(strstr(row_text(&c, 5), "-"));
	assert_non_null(strstr(row_text(&c, 6), "+---"));
	chart_free(&c);

	/* Too small: refused, nothing allocated. */
	s.rows = 1;
	s.cols = 1;
	assert_int_equal(chart_render(&s, &c), -1);
	assert_null(c.cells);
	s.rows = 3;
	s.cols = 9;
	assert_int_equal(chart_render(&s, &c), -1);
	/* No values at all: axes only. */
	s.v = none;
	s.n = 3;
	s.labels = NULL;
	s.rows = 6;
	s.cols = 20;
	assert_int_equal(chart_render(&s, &c), 0);
	for (r = 0; r < c.rows; r++)
		for (col = 0; col < c.cols; col++)
			assert_int_not_equal(c.cells[r * c.cols + col].role, CHART_VALUE);
	chart_free(&c);
	/* More months than columns: the last ones are shown. */
	big = calloc((size_t)many, sizeof(double));
	for (r = 0; r < many; r++)
		big[r] = r;
	s.v = big;
	s.n = (size_t)many;
	s.cols = 40;
	assert_int_equal(chart_render(&s, &c), 0);
	assert_true(c.first > 150);
	free(big);
	chart_free(&c);
	/* Months before the first value are left out. */
	{
		const double late[] = { NAN, NAN, NAN, 5, 6 };

		s.v = late;
		s.n = 5;
		assert_int_equal(chart_render(&s, &c), 0);
		assert_int_equal(c.first, 3);
		chart_free(&c);
	}
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_spark_scale),
		cmocka_unit_test(test_spark_render),
		cmocka_unit_test(test_spark_render_more),
		cmocka_unit_test(test_chart_axis),
		cmocka_unit_test(test_chart_layout),
		cmocka_unit_test(test_chart_ascii_and_edges),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
