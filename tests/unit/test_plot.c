/* test_plot.c: sparkline scaling and drawing, chart axis and layout. */
#include "testutil.h"

#include <float.h>
#include <math.h>

#include "chart.h"
#include "drill.h"
#include "rules.h"
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

/* One scale per metric: the same span in every pane, at least the
 * smallest effect, so noise stays low (DPS's attrition 1.9-2.3 % beside a
 * partner whose attrition moved from 5 to 9). */
static void test_spark_common(void **state)
{
	const double dps[] = { 2.1, 1.9, 2.3, 2.0, 2.2, 1.9, 2.3, 2.1 },
		     vsc[] = { 5.0, 5.5, 6.0, 7.0, 8.0, 9.0, 8.5, 9.0 };
	const double *all[] = { dps, vsc, NULL };
	char buf[128];
	double span, lo, hi, lo2, hi2;
	int lv[8], k, min = 9, max = -1;

	(void)state;
	/* Alone, DPS spans the whole range: the exaggeration. */
	spark_render(dps, 8, 8, false, buf, sizeof(buf));
	assert_non_null(strstr(buf, "▁"));
	assert_non_null(strstr(buf, "█"));
	span = spark_common_span(all, 3, 8, 0.7);
	assert_float_equal(span, 4.0, 1e-9);
	spark_place(dps, 8, span, &lo, &hi);
	spark_place(vsc, 8, span, &lo2, &hi2);
	assert_float_equal(hi - lo, hi2 - lo2, 1e-9);	/* the same scale */
	assert_true(lo <= 1.9 && hi >= 2.3);
	spark_render_on(dps, 8, 8, false, lo, hi, buf, sizeof(buf));
	assert_false(strstr(buf, "▁") && strstr(buf, "█"));
	spark_scale(dps, 8, lo, hi, lv);
	for (k = 0; k < 8; k++) {
		min = lv[k] < min ? lv[k] : min;
		max = lv[k] > max ? lv[k] : max;
	}
	assert_true(max - min <= 1);
	/* The real move still spans the range. */
	spark_render_on(vsc, 8, 8, false, lo2, hi2, buf, sizeof(buf));
	assert_non_null(strstr(buf, "▁"));
	assert_non_null(strstr(buf, "█"));
	/* Alone but with a minimum span of 2 points: at most two levels. */
	span = spark_common_span(all, 1, 8, 2);
	assert_float_equal(span, 2, 1e-9);
	spark_place(dps, 8, span, &lo, &hi);
	spark_scale(dps, 8, lo, hi, lv);
	for (min = 9, max = -1, k = 0; k < 8; k++) {
		min = lv[k] < min ? lv[k] : min;
		max = lv[k] > max ? lv[k] : max;
	}
	assert_true(max - min <= 2);
	/* No value, no scale. */
	{
		const double none[] = { NAN, NAN };

		spark_place(none, 2, 1, &lo, &hi);
		assert_true(isnan(lo) && isnan(hi));
	}
}

/* The minimum span comes from the rules: the smallest warn of the
 * metric's shift rules on its total, a relative one of the level. */
static void test_spark_min_effect(void **state)
{
	char none[] = "", chan[] = "channel=*";
	struct rule r[3] = {
		{ .kind = RULE_SHIFT, .metric = 0, .segment = none, .has_score = true,
		  .warn = 2.5, .alert = 4.5 },
		{ .kind = RULE_SHIFT, .metric = 1, .segment = none, .has_score = true,
		  .relative = true, .warn = 35, .alert = 55 },
		{ .kind = RULE_SHIFT, .metric = 0, .segment = chan,
		  .has_score = true, .warn = 1, .alert = 2 },
	};
	struct indicator ind = { .rules = r, .nrules = 3 };
	struct ruleset rs = { .items = &ind, .count = 1 };

	(void)state;
	assert_float_equal(drill_min_effect(&rs, 0, 80), 2.5, 1e-9);
	assert_float_equal(drill_min_effect(&rs, 1, 2.0), 0.7, 1e-9);
	assert_float_equal(drill_min_effect(&rs, 2, 1), 0, 1e-9);
	assert_float_equal(drill_min_effect(NULL, 0, 1), 0, 1e-9);
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
	/* Huge magnitudes: clamped, but the range stays finite and ordered. */
	chart_axis(-DBL_MAX, DBL_MAX, 4, &lo, &hi, &step);
	assert_true(isfinite(lo) && isfinite(hi) && isfinite(step));
	assert_true(lo <= -DBL_MAX / 4 && hi >= DBL_MAX / 4);
	chart_axis(-DBL_MAX, -DBL_MAX, 4, &lo, &hi, &step);
	assert_true(isfinite(lo) && isfinite(hi) && lo < hi);
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

/* The column of month i's bar: month slots of cw columns from x0. */
static int bar_col(int x0, int cw, int i)
{
	return x0 + i * cw;
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
	int r, col, x0, cw = 5, warn_row = -1, alert_row = -1;
	size_t i;

	(void)state;
	assert_int_equal(chart_render(&s, &c), 0);
	assert_int_equal(c.rows, 10);
	assert_int_equal(c.cols, 40);
	/* 2 a row, both lines on row boundaries (72 and 78), a spare row
	 * below: 68..84. */
	assert_float_equal(c.lo, 68, 1e-9);
	assert_float_equal(c.hi, 84, 1e-9);
	assert_non_null(strstr(row_text(&c, 0), "84│"));
	assert_non_null(strstr(row_text(&c, 7), "68│"));
	assert_non_null(strstr(row_text(&c, 8), "└──"));
	for (x0 = 0; x0 < c.cols && role_at(&c, 1, x0) != CHART_AXIS; x0++)
		;
	x0++;
	assert_int_equal(x0, 3);
	for (r = 0; r < 8; r++) {
		if (strstr(row_text(&c, r), "W 78"))
			warn_row = r;
		if (strstr(row_text(&c, r), "A 72"))
			alert_row = r;
	}
	/* The rows just above 78 and 72. */
	assert_int_equal(warn_row, 2);
	assert_int_equal(alert_row, 5);
	/* A bar above a line shows in its row, one below does not: the line
	 * is drawn only where there is no bar. */
	for (i = 0; i < 6; i++) {
		col = bar_col(x0, cw, (int)i);
		if (isnan(v[i])) {
			assert_string_equal(c.cells[warn_row * c.cols + col].glyph, "╌");
			assert_string_equal(c.cells[alert_row * c.cols + col].glyph, "━");
			continue;
		}
		assert_int_equal(role_at(&c, warn_row, col),
				 v[i] > 78 ? CHART_VALUE : CHART_WARN);
		assert_int_equal(role_at(&c, alert_row, col),
				 v[i] > 72 ? CHART_VALUE : CHART_ALERT);
	}
	/* 84 fills the top row; the gap column carries the lines. */
	assert_string_equal(c.cells[0 * c.cols + bar_col(x0, cw, 1)].glyph, "█");
	assert_string_equal(c.cells[warn_row * c.cols + x0 + 4].glyph, "╌");
	assert_non_null(strstr(row_text(&c, 9), "2026-05"));
	assert_non_null(strstr(row_text(&c, 9), "2026-10"));
	assert_int_equal(role_at(&c, warn_row, c.cols - 4), CHART_WARN);
	assert_int_equal(role_at(&c, alert_row, c.cols - 4), CHART_ALERT);
	for (r = 0; r < c.rows; r++)
		for (col = 0; col < c.cols; col++)
			assert_int_equal(text_width(c.cells[r * c.cols + col].glyph), 1);
	chart_free(&c);

	/* ASCII: '-' and '=' lines, '#' bars, '|' and '+'. */
	s.ascii = true;
	assert_int_equal(chart_render(&s, &c), 0);
	assert_non_null(strstr(row_text(&c, 0), "84|"));
	assert_non_null(strstr(row_text(&c, 8), "+---"));
	assert_non_null(strstr(row_text(&c, warn_row), "- W 78"));
	assert_non_null(strstr(row_text(&c, alert_row), "= A 72"));
	assert_string_equal(c.cells[alert_row * c.cols + bar_col(x0, cw, 4)].glyph, "=");
	assert_string_equal(c.cells[alert_row * c.cols + bar_col(x0, cw, 5)].glyph, "#");
	chart_free(&c);
}

/* A value just above a line and one just below differ in the text at
 * every size, in UTF-8 and ASCII, and a chart of two plot rows still
 * draws bars (SUN's CSAT: 74.4 and 73.7 around A 74; CCX's reports on
 * time: 89 and 80 around 85). */
static void test_chart_above_below(void **state)
{
	static const double cases[][4] = {	/* above, below, warn, alert */
		{ 74.4, 73.7, 78, 74 }, { 89, 80, NAN, 85 }, { 85.2, 84.9, 85, 75 },
		{ 2.3, 2.1, NAN, 2.2 },
	};
	size_t k;
	int rows, cols, ascii;

	(void)state;
	for (k = 0; k < N(cases); k++)
		for (ascii = 0; ascii < 2; ascii++)
			for (rows = 4; rows <= 20; rows++)
				for (cols = 12; cols <= 60; cols += 6) {
					double v[3] = { cases[k][0], NAN, cases[k][1] };
					double line = isfinite(cases[k][2]) &&
						cases[k][2] < cases[k][0] &&
						cases[k][2] > cases[k][1] ? cases[k][2] : cases[k][3];
					struct chart_spec s = { .v = v, .n = 3, .warn = cases[k][2],
								.alert = cases[k][3], .rows = rows,
								.cols = cols, .ascii = ascii };
					struct chart c;
					int first = -1, last = -1, col, r, bars = 0, lr;

					if (chart_render(&s, &c) != 0)
						continue;
					for (col = 0; col < c.cols; col++)
						if (role_at(&c, rows - 3, col) == CHART_VALUE) {
							last = col;
							if (first < 0)
								first = col;
						}
					for (r = 0; r < rows - 2; r++)
						for (col = 0; col < c.cols; col++)
							bars += role_at(&c, r, col) == CHART_VALUE;
					assert_true(bars > 0);
					assert_true(first >= 0 && last > first);
					/* The row of the line between them: the one just
					 * above the lower bar's top. */
					for (lr = rows - 3; lr > 0 && role_at(&c, lr, last) ==
					     CHART_VALUE; lr--)
						;
					/* The alert line sits on a row boundary: the
					 * higher bar reaches into its row, the lower
					 * one does not. */
					if (line == cases[k][3]) {
						assert_int_equal(role_at(&c, lr, first), CHART_VALUE);
						assert_int_not_equal(role_at(&c, lr, last),
								     CHART_VALUE);
					}
					/* And the two columns differ in the text. */
					{
						char a[256] = "", b[256] = "";

						for (r = 0; r < rows - 2; r++) {
							strcat(a, c.cells[r * c.cols + first].glyph);
							strcat(b, c.cells[r * c.cols + last].glyph);
						}
						assert_string_not_equal(a, b);
					}
					chart_free(&c);
				}
}

/* The portfolio median and a second series as markers beside the bars,
 * never over them, and a legend naming each glyph. */
static void test_chart_series(void **state)
{
	const double v[] = { 74.5, 75, 73.7 }, p[] = { 88.7, 89, 88.2 },
		     m[] = { 81, 82, 80 };
	struct chart_spec s = { .v = v, .n = 3, .warn = 78, .alert = 74,
				.rows = 10, .cols = 40, .name = "client-measured",
				.second_name = "partner-reported" };
	struct chart c;
	char legend[300];
	int r, col, bars = 0, bars2 = 0, second = 0, median = 0;

	(void)state;
	assert_int_equal(chart_render(&s, &c), 0);
	for (r = 0; r < c.rows; r++)
		for (col = 0; col < c.cols; col++)
			bars += role_at(&c, r, col) == CHART_VALUE;
	chart_free(&c);
	s.second = p;
	s.median = m;
	assert_int_equal(chart_render(&s, &c), 0);
	for (r = 0; r < c.rows; r++)
		for (col = 0; col < c.cols; col++) {
			const char *g = c.cells[r * c.cols + col].glyph;

			bars2 += role_at(&c, r, col) == CHART_VALUE;
			if (role_at(&c, r, col) == CHART_SECOND) {
				assert_string_equal(g, "◆");
				second++;
			}
			if (role_at(&c, r, col) == CHART_MEDIAN) {
				assert_string_equal(g, "·");
				median++;
			}
		}
	assert_int_equal(second, 3);
	assert_int_equal(median, 3);
	/* The markers sit above the bars: the partner's 88 at the top. */
	assert_non_null(strstr(row_text(&c, 0), "◆"));
	assert_true(bars2 > 0 && bars2 <= bars);
	chart_free(&c);
	chart_legend(&s, legend, sizeof(legend));
	assert_string_equal(legend, "█ client-measured  ◆ partner-reported  · median  "
			    "╌ W 78  ━ A 74");
	s.ascii = true;
	chart_legend(&s, legend, sizeof(legend));
	assert_string_equal(legend, "# client-measured  p partner-reported  m median  "
			    "- W 78  = A 74");
	assert_int_equal(chart_render(&s, &c), 0);
	assert_non_null(strstr(row_text(&c, 0), "p"));
	chart_free(&c);
}

static void test_chart_target(void **state)
{
	const double v[] = { 80, 84, 83, 86, 82, 81 };
	const double t[] = { NAN, 85, 85, 90, 90, 90 };
	struct chart_spec s = { .v = v, .n = 6, .warn = NAN, .alert = NAN,
				.target = t, .rows = 10, .cols = 40, .ascii = true };
	struct chart c;
	int r, col, row85 = -1, row90 = -1, marks;

	(void)state;
	assert_int_equal(chart_render(&s, &c), 0);
	assert_true(c.hi >= 90);
	for (r = 0; r < 8; r++) {
		if (strstr(row_text(&c, r), "T 90"))
			row90 = r;
		for (marks = 0, col = 0; col < c.cols; col++)
			marks += role_at(&c, r, col) == CHART_TARGET &&
				strcmp(c.cells[r * c.cols + col].glyph, ".") == 0;
		if (marks > 0 && row85 < 0 && !strstr(row_text(&c, r), "T 90"))
			row85 = r;
	}
	assert_true(row90 >= 0);
	assert_non_null(strstr(row_text(&c, row90), ". T 90"));
	/* the 85 months sit lower than the 90 ones */
	assert_true(row85 > row90);
	/* the first month has no target: nothing drawn over its column */
	for (r = 0; r < 8; r++)
		for (col = 0; col < c.cols; col++)
			if (role_at(&c, r, col) == CHART_AXIS && r == 1) {
				assert_int_not_equal(role_at(&c, row85, col + 1), CHART_TARGET);
				col = c.cols;
			}
	chart_free(&c);
}

static void test_chart_shared_row(void **state)
{
	const double v[] = { 80, 84, NAN, 76, 70, 73 };
	struct chart_spec s = { .v = v, .n = 6, .warn = 78, .alert = 77.8,
				.rows = 6, .cols = 40 };
	struct chart c;
	int r, ra = -1, rw = -1;

	(void)state;
	assert_int_equal(chart_render(&s, &c), 0);
	for (r = 0; r < 4; r++) {
		if (strstr(row_text(&c, r), "A 77.8"))
			ra = r;
		if (strstr(row_text(&c, r), "W 78"))
			rw = r;
	}
	/* The alert keeps its row and label; a warn label, if any, sits
	 * above it (towards 78), never below. */
	assert_true(ra >= 0);
	assert_non_null(strstr(row_text(&c, ra), "━ A 77.8"));
	assert_true(rw < ra);
	chart_free(&c);
}

/* A bar of exactly the line's value ends on the line's boundary: it does
 * not reach into the line's row, a higher one does. */
static void test_chart_threshold_row(void **state)
{
	const double v[] = { 70, 85, 77.5 };
	const char *const labels[] = { "2026-01", "2026-02", "2026-03" };
	struct chart_spec s = { .v = v, .n = 3, .labels = labels, .warn = 77.5,
				.alert = NAN, .rows = 10, .cols = 30 };
	struct chart c;
	int r, rw = -1, col;

	(void)state;
	assert_int_equal(chart_render(&s, &c), 0);
	for (r = 0; r < 8; r++)
		if (strstr(row_text(&c, r), "W 77.5"))
			rw = r;
	assert_true(rw > 0);
	for (col = 0; col < c.cols && role_at(&c, 7, col) != CHART_VALUE; col++)
		;
	/* 70 (first), 85, 77.5: 6 columns a month. */
	assert_int_equal(role_at(&c, rw, col + 6), CHART_VALUE);
	assert_string_equal(c.cells[rw * c.cols + col + 12].glyph, "╌");
	assert_string_equal(c.cells[(rw + 1) * c.cols + col + 12].glyph, "█");
	assert_non_null(strstr(row_text(&c, 9), "2026-01"));
	assert_non_null(strstr(row_text(&c, 9), "2026-03"));
	chart_free(&c);
}

/* Narrow charts: short y labels leave the plot every column; a threshold
 * label too wide for the margin is left out, its line stays. */
static void test_chart_narrow(void **state)
{
	const double six[] = { 80, 84, NAN, 76, 70, 73 };
	double v[40];
	struct chart_spec s = { .v = v, .n = 40, .warn = NAN, .alert = NAN,
				.rows = 6, .cols = 20 };
	struct chart c;
	int r, col;

	for (col = 0; col < 40; col++)
		v[col] = col % 7;
	/* Axis 0..6 by 2s: labels "6" and "0", plot columns 2..19. */
	assert_int_equal(chart_render(&s, &c), 0);
	assert_int_equal(c.first, 40 - 18);
	assert_non_null(strstr(row_text(&c, 0), "6│"));
	for (col = 2; col < 20; col++)
		assert_int_equal(role_at(&c, 4, col), CHART_AXIS);
	chart_free(&c);

	/* Axis 0..150000: labels "1.5e+05", plot columns 8..13 (6 months),
	 * no room for "W 1.235e+05". */
	s.v = six;
	s.n = 6;
	s.warn = 123456.7;
	s.cols = 14;
	assert_int_equal(chart_render(&s, &c), 0);
	assert_non_null(strstr(row_text(&c, 0), "1.5e+05│╌╌╌╌╌╌"));
	for (r = 0; r < c.rows; r++)
		assert_null(strstr(row_text(&c, r), "W"));
	chart_free(&c);
}

/* Labels are not trusted: control bytes and UTF-8 come out as plain
 * ASCII, one byte per cell; a label wider than the chart is cut. */
static void test_chart_labels(void **state)
{
	const double v[] = { 1, 2, 1, 2 };
	const char *const bad[] = { "\x1b[31m", "2026-02", "2026-03",
				    "M\xc3\xa4rz\x01" };
	const char *const longl[] = { "a-very-long-label-x",
				      "b-very-long-label-x" };
	struct chart_spec s = { .v = v, .n = 4, .labels = bad, .warn = NAN,
				.alert = NAN, .rows = 8, .cols = 40 };
	struct chart c;
	int i;

	assert_int_equal(chart_render(&s, &c), 0);
	assert_non_null(strstr(row_text(&c, 7), "\\x1b[31m"));
	assert_non_null(strstr(row_text(&c, 7), "Marz\\x01"));
	for (i = 0; i < c.rows * c.cols; i++) {
		const unsigned char *g = (const unsigned char *)c.cells[i].glyph;

		assert_true(g[0] >= 0x20 && g[0] != 0x7f);
		assert_int_equal(text_width(c.cells[i].glyph), 1);
	}
	chart_free(&c);

	/* Axis 1..2 by 0.5 (3 plot rows): labels "2" and "1", plot from 2. */
	s.n = 2;
	s.labels = longl;
	s.rows = 5;
	s.cols = 12;
	assert_int_equal(chart_render(&s, &c), 0);
	assert_string_equal(row_text(&c, 4), "  a-very-lo~");
	chart_free(&c);
}

/* The middle y label of a tall chart of CSAT between 70 and 90 is a
 * number a reader takes in ("80.8"), never "80.77". */
static void test_chart_mid_label(void **state)
{
	const double v[] = { 78, 82, 80, 75, 73.5, 74.6, 88, 71 };
	struct chart_spec s = { .v = v, .n = 8, .warn = NAN, .alert = NAN,
				.cols = 60 };
	struct chart c;
	int r, rows;

	(void)state;
	for (rows = 6; rows <= 30; rows++) {	/* every height the screens use */
		int labels = 0;

		s.rows = rows;
		assert_int_equal(chart_render(&s, &c), 0);
		for (r = 0; r < c.rows; r++) {
			const char *t = row_text(&c, r), *dot = strchr(t, '.');
			const char *bar = strstr(t, "\xe2\x94\x82");	/* the axis */

			if (bar == NULL || bar == t || bar[-1] == ' ')
				continue;	/* no label on this row */
			labels++;
			/* at most one decimal before the axis */
			if (dot != NULL && dot < bar && bar - dot > 2)
				fail_msg("%d rows: label \"%.*s\"", rows,
					 (int)(bar - t), t);
		}
		assert_true(labels >= 2);
		chart_free(&c);
	}
}

/* Values at the ends of double: a finite axis, no "nan" or "inf". */
static void test_chart_huge(void **state)
{
	const double v[] = { -DBL_MAX, DBL_MAX, 1 };
	struct chart_spec s = { .v = v, .n = 3, .warn = NAN, .alert = NAN,
				.rows = 8, .cols = 30 };
	struct chart c;
	int r;

	assert_int_equal(chart_render(&s, &c), 0);
	assert_true(isfinite(c.lo) && isfinite(c.hi) && c.lo < c.hi);
	for (r = 0; r < c.rows; r++) {
		assert_null(strstr(row_text(&c, r), "nan"));
		assert_null(strstr(row_text(&c, r), "inf"));
	}
	chart_free(&c);
}

/* Every cell of c holds one NUL-terminated glyph of one column (ASCII in
 * ASCII mode) and a known role. */
static void check_grid(const struct chart *c, bool ascii)
{
	int k;

	for (k = 0; k < c->rows * c->cols; k++) {
		const struct chart_cell *x = &c->cells[k];

		assert_non_null(memchr(x->glyph, '\0', sizeof(x->glyph)));
		assert_int_equal(text_width(x->glyph), 1);
		assert_true(x->role <= CHART_ALERT);
		if (ascii)
			assert_true((unsigned char)x->glyph[0] < 0x80);
	}
}

/* Every size from 1x1 up, both modes: -1 exactly below 4 rows or 12
 * columns (nothing allocated), else a full grid of the asked size. */
static void test_chart_sizes(void **state)
{
	const double v[] = { 80, 84, NAN, 76, 70, 73 };
	const char *const labels[] = { "2026-05", "2026-06", "2026-07",
				       "2026-08", "2026-09", "2026-10" };
	struct chart_spec s = { .v = v, .n = 6, .labels = labels, .warn = 78,
				.alert = 72 };
	struct chart c;
	int i, rc;

	for (s.rows = 1; s.rows <= 14; s.rows++)
		for (s.cols = 1; s.cols <= 50; s.cols++)
			for (i = 0; i < 2; i++) {
				s.ascii = i;
				rc = chart_render(&s, &c);
				assert_int_equal(rc, s.rows < 4 || s.cols < 12 ? -1 : 0);
				if (rc < 0) {
					assert_null(c.cells);
					continue;
				}
				assert_int_equal(c.rows, s.rows);
				assert_int_equal(c.cols, s.cols);
				check_grid(&c, s.ascii);
				chart_free(&c);
			}
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
	/* Axis 0..1: labels "1" and "0", the axes still drawn. */
	assert_string_equal(row_text(&c, 0), "1|                  ");
	assert_string_equal(row_text(&c, 3), "0|                  ");
	assert_string_equal(row_text(&c, 4), " +------------------");
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
		cmocka_unit_test(test_spark_common),
		cmocka_unit_test(test_spark_min_effect),
		cmocka_unit_test(test_chart_axis),
		cmocka_unit_test(test_chart_layout),
		cmocka_unit_test(test_chart_above_below),
		cmocka_unit_test(test_chart_series),
		cmocka_unit_test(test_chart_shared_row),
		cmocka_unit_test(test_chart_target),
		cmocka_unit_test(test_chart_threshold_row),
		cmocka_unit_test(test_chart_narrow),
		cmocka_unit_test(test_chart_labels),
		cmocka_unit_test(test_chart_mid_label),
		cmocka_unit_test(test_chart_huge),
		cmocka_unit_test(test_chart_sizes),
		cmocka_unit_test(test_chart_ascii_and_edges),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
