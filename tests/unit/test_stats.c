/* test_stats.c: the statistics behind judging a partner against its own
 * normal: robust centre and spread, leave-one-out medians, binomial
 * tails, the normal quantile, the portfolio panel's common movement and
 * the baseline judge (a shift, a step that holds, a short history, counts
 * up and down). Expectations computed by hand (and checked with Python's
 * statistics.NormalDist where a quantile is involved). */
#include "testutil.h"

#include <math.h>

#include "baseline.h"
#include "panel.h"
#include "stats.h"

#define NA NAN

static void test_median_and_mad(void **state)
{
	double odd[] = { 3, 1, 2 }, even[] = { 4, 1, 3, 2 };
	double spread[] = { 1, 2, 3, 4, 100 };

	(void)state;
	assert_float_equal(stats_median(odd, 3), 2, 1e-12);
	assert_float_equal(stats_median(even, 4), 2.5, 1e-12);
	assert_true(isnan(stats_median(odd, 0)));
	/* |x - 3| = 2 1 0 1 97: median 1; the outlier does not move it. */
	assert_float_equal(stats_mad(spread, 5, 3), STATS_MAD_SCALE, 1e-12);
}

/* The median of the n values of v once one equal to x is out, as the
 * panel works it out: from the middle of the sample, found by selection. */
static double without(const double *v, size_t n, double x)
{
	double c[16];
	struct stats_middle mid;

	memcpy(c, v, n * sizeof(double));
	stats_middle_of(c, n, &mid);
	return stats_middle_without(&mid, x);
}

static void test_median_without(void **state)
{
	const double s[] = { 3, 1, 4, 2 }, one[] = { 7 };

	(void)state;
	assert_float_equal(without(s, 4, 2), 3, 1e-12);	/* 1 3 4 */
	assert_float_equal(without(s, 4, 4), 2, 1e-12);	/* 1 2 3 */
	assert_float_equal(without(s, 4, 1), 3, 1e-12);	/* 2 3 4 */
	assert_float_equal(without(s, 4, NA), 2.5, 1e-12);
	/* Ties: whichever equal value goes, the rest is the same. */
	{
		const double t[] = { 2, 5, 1, 2, 2 };

		assert_float_equal(without(t, 5, 2), 2, 1e-12);	/* 1 2 2 5 */
		assert_float_equal(without(t, 5, 5), 2, 1e-12);	/* 1 2 2 2 */
		assert_float_equal(without(t, 5, 1), 2, 1e-12);	/* 2 2 2 5 */
	}
	{
		const double t[] = { 8, 3, 1, 3 };

		assert_float_equal(without(t, 4, 3), 3, 1e-12);	/* 1 3 8 */
		assert_float_equal(without(t, 4, 8), 3, 1e-12);	/* 1 3 3 */
	}
	assert_true(isnan(without(one, 1, 7)));			/* nobody else */
	/* Two and three values: the middle is all of them. */
	{
		const double two[] = { 9, 4 }, three[] = { 6, 2, 9 };

		assert_float_equal(without(two, 2, 9), 4, 1e-12);
		assert_float_equal(without(three, 3, 2), 7.5, 1e-12);	/* 6 9 */
		assert_float_equal(without(three, 3, NA), 6, 1e-12);
	}
}

static void test_sort(void **state)
{
	double v[1000];
	unsigned x = 12345;
	size_t i;

	(void)state;
	/* A month of a large portfolio: many values, many ties. */
	for (i = 0; i < 1000; i++) {
		x = x * 1103515245u + 12345u;
		v[i] = (double)((x >> 16) % 97) / 4.0;
	}
	stats_sort(v, 1000);
	for (i = 1; i < 1000; i++)
		assert_true(v[i - 1] <= v[i]);
	for (i = 0; i < 1000; i++)
		v[i] = 1000.0 - (double)i;	/* descending */
	stats_sort(v, 1000);
	assert_float_equal(v[0], 1, 0);
	assert_float_equal(v[999], 1000, 0);
}

static void test_binomial_and_quantile(void **state)
{
	(void)state;
	/* P(K >= 2), K ~ Bin(4, 0.2) = 1 - 0.8^4 - 4 x 0.2 x 0.8^3 */
	assert_float_equal(stats_binom_tail(2, 4, 0.2, true), 0.1808, 1e-12);
	/* P(K <= 0), K ~ Bin(12, 1/3) = (2/3)^12 */
	assert_float_equal(stats_binom_tail(0, 12, 1.0 / 3, false), 0.0077073466, 1e-9);
	assert_float_equal(stats_binom_tail(0, 5, 0.5, true), 1, 1e-12);
	/* Large counts, far tails and tails that hold the mode (checked
	 * against exact sums with Python's math.comb). */
	assert_float_equal(stats_binom_tail(30, 300, 0.2, false), 2.231677921365436e-06, 1e-15);
	assert_float_equal(stats_binom_tail(80, 300, 0.2, true), 0.003179406071700031, 1e-12);
	assert_float_equal(stats_binom_tail(30, 300, 0.2, true), 0.9999990380985043, 1e-12);
	assert_float_equal(stats_binom_tail(3, 40, 0.3, false), 0.000597928446682593, 1e-12);
	assert_float_equal(stats_binom_tail(60, 300, 0.2, true) +
			   stats_binom_tail(59, 300, 0.2, false), 1, 1e-12);
	assert_float_equal(stats_z_of_p(0.5), 0, 1e-9);
	assert_float_equal(stats_z_of_p(0.05), 1.6448536, 1e-6);
	assert_float_equal(stats_z_of_p(0.00135), 2.9999770, 1e-6);
	assert_float_equal(stats_z_of_p(0.95), -1.6448536, 1e-6);
	assert_float_equal(stats_z_of_p(0), 8.5, 0);
}

static void test_panel_common_movement(void **state)
{
	const double p0[] = { 10, 10, 10 }, p1[] = { 20, 22, 20 };
	const double p2[] = { 30, 32, 30 }, p3[] = { 40, 41, NA };
	const double *series[] = { p0, p1, p2, p3, NULL };
	double adj[3], common[3];
	struct panel pn;
	int others;

	(void)state;
	panel_build(&pn, series, 5, 3, PANEL_LINEAR, 2);
	/* Deviations from each partner's median: p0 0 0 0, p1 0 2 0,
	 * p2 0 2 0, p3 -0.5 0.5 -. In month 1 the others of p0 moved
	 * 2, 2 and 0.5: median 2. */
	assert_float_equal(panel_common(&pn, 0, 1, &others), 2, 1e-12);
	assert_int_equal(others, 3);
	/* p1's others moved 0, 2, 0.5: median 0.5. */
	assert_float_equal(panel_common(&pn, 1, 1, &others), 0.5, 1e-12);
	/* p3 has no value in month 2; its others (0 0 0) count whole. */
	assert_float_equal(panel_common(&pn, 3, 2, &others), 0, 1e-12);
	assert_int_equal(others, 3);
	panel_adjusted(&pn, 0, adj, common);
	assert_float_equal(adj[1], 8, 1e-12);
	assert_float_equal(common[1], 2, 1e-12);
	/* A partner with no series has no value, and no say. */
	assert_true(isnan(panel_series(&pn, 4)[0]));
	panel_free(&pn);

	/* Too few others: nothing is taken out. */
	panel_build(&pn, series, 4, 3, PANEL_LINEAR, 4);
	assert_float_equal(panel_common(&pn, 0, 1, &others), 0, 0);
	panel_free(&pn);

	/* LOG: 100 ln(v); a value of 0 cannot be on it. */
	assert_float_equal(panel_to_scale(PANEL_LOG, M_E), 100, 1e-9);
	assert_true(isnan(panel_to_scale(PANEL_LOG, 0)));
	assert_float_equal(panel_from_scale(PANEL_LOG1P, panel_to_scale(PANEL_LOG1P, 3)),
			   3, 1e-9);
}

static void mean_params(struct baseline_params *bp, int memory)
{
	memset(bp, 0, sizeof(*bp));
	bp->test = BASELINE_MEAN;
	bp->up_is_worse = false;	/* CSAT: a fall is the problem */
	bp->window = 12;
	bp->min_months = 6;
	bp->recent = 3;
	bp->memory = memory;
	bp->warn = 2;
	bp->alert = 4;
	bp->z_warn = 3;
	bp->z_alert = 4;
	bp->spread_floor = 0.5;
	bp->fallback_spread = NAN;
}

static void test_baseline_shift(void **state)
{
	double v[15];
	struct baseline_params bp;
	struct baseline_verdict vd;
	int i;

	(void)state;
	for (i = 0; i < 12; i++)
		v[i] = i % 2 ? 81 : 80;
	v[12] = v[13] = v[14] = 76;
	mean_params(&bp, 0);
	baseline_judge(v, NULL, 15, 14, &bp, &vd);
	/* Normal: median 80.5 of months 0..11; every month 0.5 from it, so
	 * the spread is 1.4826 x 0.5 = 0.7413. Recent mean 76: 4.5 worse.
	 * Standard error 0.7413 x sqrt(1/3 + 1.5708/12) = 0.50508: z 8.909. */
	assert_int_equal(vd.nbase, 12);
	assert_int_equal(vd.nrecent, 3);
	assert_int_equal(vd.base[0], 11);
	assert_int_equal(vd.base[11], 0);
	assert_float_equal(vd.centre, 80.5, 1e-12);
	assert_float_equal(vd.spread, 0.741301, 1e-6);
	assert_float_equal(vd.se, 0.505083, 1e-6);
	assert_float_equal(vd.effect, 4.5, 1e-12);
	assert_float_equal(vd.z, 8.909428, 1e-5);
	assert_int_equal(vd.level, BASELINE_ALERT);
	assert_int_equal(vd.onset, 12);

	/* 2.5 worse is an effect that matters and is sure: WATCH, not ALERT. */
	v[12] = v[13] = v[14] = 78;
	baseline_judge(v, NULL, 15, 14, &bp, &vd);
	assert_float_equal(vd.effect, 2.5, 1e-12);
	assert_int_equal(vd.level, BASELINE_WATCH);

	/* 1.5 worse is sure (z 3) but smaller than what matters: OK. */
	v[12] = v[13] = v[14] = 79;
	baseline_judge(v, NULL, 15, 14, &bp, &vd);
	assert_int_equal(vd.level, BASELINE_OK);
	assert_int_equal(vd.onset, -1);

	/* Better than normal is never a problem. */
	v[12] = v[13] = v[14] = 90;
	baseline_judge(v, NULL, 15, 14, &bp, &vd);
	assert_true(vd.effect < 0);
	assert_int_equal(vd.level, BASELINE_OK);
}

static void test_baseline_step_that_holds(void **state)
{
	double v[27];
	struct baseline_params bp;
	struct baseline_verdict vd;
	int i;

	(void)state;
	for (i = 0; i < 12; i++)
		v[i] = i % 2 ? 81 : 80;
	for (i = 12; i < 27; i++)
		v[i] = 76;	/* a step down in month 12 that holds */
	/* Without memory, 15 months later the normal is the new level. */
	mean_params(&bp, 0);
	baseline_judge(v, NULL, 27, 26, &bp, &vd);
	assert_int_equal(vd.base[vd.nbase - 1], 12);
	assert_int_equal(vd.level, BASELINE_OK);
	/* With a year of memory, the walk kept every month of the step out
	 * of the normal: it stays the 12 months before the step. */
	mean_params(&bp, 12);
	baseline_judge(v, NULL, 27, 26, &bp, &vd);
	assert_int_equal(vd.nbase, 12);
	assert_int_equal(vd.base[0], 11);
	assert_float_equal(vd.centre, 80.5, 1e-12);
	assert_int_equal(vd.level, BASELINE_ALERT);
	assert_int_equal(vd.onset, 12);
}

static void test_baseline_short_history(void **state)
{
	double v[] = { NA, NA, NA, NA, NA, NA, NA, NA, 80, 80, 80, 80, 76, 76, 76 };
	double two[] = { NA, NA, NA, NA, NA, NA, NA, NA, NA, NA, NA, 80, 76, 76, 76 };
	struct baseline_params bp;
	struct baseline_verdict vd;

	(void)state;
	mean_params(&bp, 0);
	bp.spread_floor = 0;
	/* Four months of history: a spread of 0 is no knowledge of the
	 * partner's noise; the portfolio's typical spread (3) stands in. */
	bp.fallback_spread = 3;
	baseline_judge(v, NULL, 15, 14, &bp, &vd);
	assert_int_equal(vd.nbase, 4);
	assert_true(vd.fallback);
	assert_float_equal(vd.spread, 3, 0);
	/* se = 3 x sqrt(1/3 + 1.5708/4) = 2.5562: 4 worse is 1.56 sure: OK. */
	assert_float_equal(vd.se, 2.556226, 1e-6);
	assert_int_equal(vd.level, BASELINE_OK);
	/* One month of history is too little to know a normal. */
	baseline_judge(two, NULL, 15, 14, &bp, &vd);
	assert_int_equal(vd.level, BASELINE_SHORT);
	/* A missing month in the normal is left out, not counted as 0. */
	v[9] = NA;
	bp.fallback_spread = NAN;
	bp.spread_floor = 0.5;
	baseline_judge(v, NULL, 15, 14, &bp, &vd);
	assert_int_equal(vd.nbase, 3);
	assert_float_equal(vd.centre, 80, 0);
}

static void rate_params(struct baseline_params *bp, bool up, int recent)
{
	memset(bp, 0, sizeof(*bp));
	bp->test = BASELINE_RATE;
	bp->up_is_worse = up;
	bp->window = 12;
	bp->min_months = 6;
	bp->recent = recent;
	bp->warn = 40;
	bp->alert = 75;
	bp->z_warn = 2;
	bp->z_alert = 2.6;
	bp->min_count = 1;
}

static void test_baseline_rate(void **state)
{
	double up[15], down[18], zero[18];
	struct baseline_params bp;
	struct baseline_verdict vd;
	int i;

	(void)state;
	/* Escalations: 2 a month for a year, then 6 a month. Expected in 3
	 * months (24 + 0.5) / 12 x 3 = 6.125; 18 counted: 193.9 % more. Of
	 * all 42, 18 fell in 3 of 15 months: P(K >= 18 | 42, 0.2) =
	 * 0.000629, z 3.225. */
	for (i = 0; i < 12; i++)
		up[i] = 2;
	up[12] = up[13] = up[14] = 6;
	rate_params(&bp, true, 3);
	baseline_judge(up, NULL, 15, 14, &bp, &vd);
	assert_float_equal(vd.expected, 6.125, 1e-12);
	assert_float_equal(vd.recent_count, 18, 0);
	assert_float_equal(vd.effect, 100.0 * (18 - 6.125) / 6.125, 1e-9);
	assert_float_equal(vd.dispersion, 1, 0);
	assert_float_equal(vd.z, 3.225190, 1e-5);
	assert_int_equal(vd.level, BASELINE_ALERT);

	/* Best practices: one a month for a year, then none for 6 months:
	 * P(K <= 0 | 12, 1/3) = 0.0077, z 2.42: WATCH (ALERT needs 2.6). */
	for (i = 0; i < 12; i++)
		down[i] = 1;
	for (i = 12; i < 18; i++)
		down[i] = 0;
	rate_params(&bp, false, 6);
	bp.warn = 60;
	bp.alert = 90;
	baseline_judge(down, NULL, 18, 17, &bp, &vd);
	assert_float_equal(vd.expected, 12.5 / 12 * 6, 1e-12);
	assert_float_equal(vd.effect, 100, 1e-9);
	assert_float_equal(vd.z, 2.422487, 1e-5);
	assert_int_equal(vd.level, BASELINE_WATCH);

	/* Never any: none now is as usual, not a fall. */
	for (i = 0; i < 18; i++)
		zero[i] = 0;
	baseline_judge(zero, NULL, 18, 17, &bp, &vd);
	assert_int_equal(vd.level, BASELINE_OK);

	/* One late report where there were none: sure enough? Not with
	 * min_count 1 and a single event (P(K >= 1 | 1, 0.2) = 0.2). */
	for (i = 0; i < 15; i++)
		up[i] = 0;
	up[14] = 1;
	rate_params(&bp, true, 3);
	baseline_judge(up, NULL, 15, 14, &bp, &vd);
	assert_int_equal(vd.level, BASELINE_OK);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_median_and_mad),
		cmocka_unit_test(test_median_without),
		cmocka_unit_test(test_sort),
		cmocka_unit_test(test_binomial_and_quantile),
		cmocka_unit_test(test_panel_common_movement),
		cmocka_unit_test(test_baseline_shift),
		cmocka_unit_test(test_baseline_step_that_holds),
		cmocka_unit_test(test_baseline_short_history),
		cmocka_unit_test(test_baseline_rate),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
