/* baseline.c: a partner's series judged against its own normal (see
 * baseline.h). The walk judges the `memory` months before the month asked
 * for, in order, and keeps the months of every shift it flags out of the
 * normals that follow. */
#include "baseline.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "stats.h"
#include "xalloc.h"

/* The variance of a median of n normal values is about pi/2 times that of
 * their mean. */
#define MEDIAN_VAR_FACTOR 1.5707963267948966
#define MAX_DISPERSION 10.0
/* The most months a held shift is judged on together. */
#define MAX_RUN 12
/* The mean absolute deviation x this estimates the standard deviation of
 * normal noise (sqrt(pi / 2)). */
#define MEAN_AD_SCALE 1.2533141373155003

static double mean_at(const double *v, const int *idx, int n)
{
	double s = 0;
	int i;

	for (i = 0; i < n; i++)
		s += v[idx[i]];
	return n ? s / n : NAN;
}

/* The partner's noise: the MAD-based spread, but never below the scaled
 * mean absolute deviation, which does not collapse to 0 for figures that
 * are mostly one value (reports on time: 100, 100, 100, 80, 100 ...). */
static double spread_of(double *vals, size_t n, double centre)
{
	double mean_ad = 0, mad;
	size_t i;

	for (i = 0; i < n; i++)
		mean_ad += fabs(vals[i] - centre);
	mean_ad = n ? mean_ad / (double)n * MEAN_AD_SCALE : NAN;
	mad = stats_mad(vals, n, centre);
	return mad > mean_ad ? mad : mean_ad;
}

static enum baseline_level grade(const struct baseline_params *bp, double effect,
				 double z)
{
	if (effect >= bp->alert && z >= bp->z_alert)
		return BASELINE_ALERT;
	if (effect >= bp->warn && z >= bp->z_warn)
		return BASELINE_WATCH;
	return BASELINE_OK;
}

static void judge_mean(const double *v, const struct baseline_params *bp,
		       const int *rec, bool sure, struct baseline_verdict *out)
{
	double vals[BASELINE_MAX];
	int i;

	for (i = 0; i < out->nbase; i++)
		vals[i] = v[out->base[i]];
	out->centre = stats_median(vals, (size_t)out->nbase);
	out->recent_mean = mean_at(v, rec, out->nrecent);
	out->effect = bp->up_is_worse ? out->recent_mean - out->centre
				      : out->centre - out->recent_mean;
	/* Inside the walk, a change smaller than what matters cannot flag:
	 * the partner's noise need not be worked out. */
	if (!sure && out->effect < bp->warn) {
		out->z = 0;
		out->level = BASELINE_OK;
		return;
	}
	out->spread = spread_of(vals, (size_t)out->nbase, out->centre);
	if (out->nbase < bp->min_months && !isnan(bp->fallback_spread) &&
	    bp->fallback_spread > out->spread) {
		out->spread = bp->fallback_spread;
		out->fallback = true;
	}
	if (out->spread < bp->spread_floor)
		out->spread = bp->spread_floor;
	out->se = out->spread * sqrt(1.0 / out->nrecent + MEDIAN_VAR_FACTOR / out->nbase);
	out->z = out->se > 0 ? out->effect / out->se : 0;
	out->level = grade(bp, out->effect, out->z);
}

static void judge_rate(const double *v, const double *common,
		       const struct baseline_params *bp, const int *rec, bool sure,
		       struct baseline_verdict *out)
{
	double kb = 0, k = 0, var = 0, mb, f = 1, pi0, p, excess;
	long n, kk;
	int i;

	for (i = 0; i < out->nbase; i++)
		kb += v[out->base[i]];
	for (i = 0; i < out->nrecent; i++)
		k += v[rec[i]];
	mb = kb / out->nbase;
	for (i = 0; i < out->nbase; i++)
		var += (v[out->base[i]] - mb) * (v[out->base[i]] - mb);
	var = out->nbase > 1 ? var / (out->nbase - 1) : 0;
	out->dispersion = mb > 0 && out->nbase >= 3 ? var / mb : 1;
	if (out->dispersion < 1)
		out->dispersion = 1;
	if (out->dispersion > MAX_DISPERSION)
		out->dispersion = MAX_DISPERSION;
	if (common) {
		double cr = mean_at(common, rec, out->nrecent);
		double cb = mean_at(common, out->base, out->nbase);

		f = exp((cr - cb) / 100.0);
	}
	out->recent_count = k;
	out->base_count = kb;
	/* Half an event of prior keeps a partner that never had one from an
	 * expected count of zero. */
	out->expected = (kb + 0.5) / out->nbase * out->nrecent * f;
	excess = k - out->expected;
	out->effect = 100.0 * (bp->up_is_worse ? excess : -excess) / out->expected;
	/* Inside the walk, a change smaller than what matters cannot flag:
	 * its sureness is not worked out. */
	if (!sure && out->effect < bp->warn) {
		out->z = 0;
		out->level = BASELINE_OK;
		return;
	}
	/* Given all the counts, the recent share is binomial under "no
	 * change"; over-dispersed counts carry less information. */
	n = lround((k + kb) / out->dispersion);
	kk = lround(k / out->dispersion);
	pi0 = out->nrecent * f / (out->nrecent * f + out->nbase);
	p = n == 0 ? 1 : stats_binom_tail((int)kk, (int)n, pi0, bp->up_is_worse);
	out->z = stats_z_of_p(p);
	out->level = grade(bp, out->effect, out->z);
	if (bp->up_is_worse && excess < bp->min_count)
		out->level = BASELINE_OK;
}

/* Is month i worse than the normal by half the smallest effect that
 * matters (a month that belongs to the shift)? */
static bool month_worse(const double *v, int i, const struct baseline_params *bp,
			const struct baseline_verdict *vd)
{
	double d;

	if (bp->test == BASELINE_MEAN) {
		d = bp->up_is_worse ? v[i] - vd->centre : vd->centre - v[i];
		return d >= 0.5 * bp->warn;
	}
	{
		double per = vd->expected / vd->nrecent;

		d = bp->up_is_worse ? v[i] - per : per - v[i];
		return per > 0 && d >= 0.5 * bp->warn / 100.0 * per;
	}
}

/* The first month of the run of a shift still held before month t (the
 * run's months, or missing ones, back from t), or t + 1 when there is
 * none. */
static int run_start(const double *v, const bool *run, int t, int lowest)
{
	int i, first = t + 1;

	for (i = t; i >= lowest && i >= 0 && (run[i] || isnan(v[i])); i--)
		if (run[i])
			first = i;
	return first;
}

/* The verdict at month t, with the months ok[] allows in the normal.
 * The recent window is the latest `recent` months, or, when a shift is
 * still held, every month since it began (up to MAX_RUN): a shift that
 * lasts is judged on all its months, which makes a noisy partner's real
 * change sure sooner. */
static void verdict_at(const double *v, const double *common, int t,
		       const struct baseline_params *bp, const bool *ok,
		       const bool *run, bool final, struct baseline_verdict *out)
{
	int rec[BASELINE_MAX], i, lb, from;
	int recent = bp->recent < MAX_RUN ? bp->recent : MAX_RUN;

	memset(out, 0, sizeof(*out));
	out->t = t;
	out->onset = -1;
	from = t - recent + 1;
	i = run_start(v, run, t - 1, t - MAX_RUN + 1);
	if (i < from)
		from = i;
	/* A silence (fewer is worse, none at all) that began before the
	 * window is judged whole: for events at a steady rate, how long
	 * none came is the statistic that tells a stop from chance. */
	if (bp->test == BASELINE_RATE && !bp->up_is_worse) {
		bool silent = true;

		for (i = t; i >= from && silent; i--)
			silent = isnan(v[i]) || v[i] == 0;
		while (silent && from > 0 && t - from + 1 < MAX_RUN && v[from - 1] == 0)
			from--;
	}
	out->recent_from = from;
	for (i = t; i >= from && i >= 0; i--)
		if (!isnan(v[i]))
			rec[out->nrecent++] = i;
	lb = from - 1 - bp->window - bp->memory + 1;
	for (i = from - 1; i >= 0 && i >= lb && out->nbase < bp->window &&
	     out->nbase < BASELINE_MAX; i--)
		if (!isnan(v[i]) && ok[i])
			out->base[out->nbase++] = i;
	out->level = BASELINE_SHORT;
	out->centre = out->spread = out->se = out->recent_mean = NAN;
	out->effect = out->z = NAN;
	if (out->nrecent == 0 || out->nbase < 3)
		return;
	if (bp->test == BASELINE_MEAN)
		judge_mean(v, bp, rec, final, out);
	else
		judge_rate(v, common, bp, rec, final, out);
}

/* Keeps the months of the recent window that belong to a flagged shift
 * out of later normals, marking them as the current run's. */
static void exclude_shift(const double *v, const struct baseline_params *bp,
			  const struct baseline_verdict *vd, bool *ok, bool *run)
{
	int i;

	for (i = vd->t; i >= vd->recent_from && i >= 0; i--)
		if (!isnan(v[i]) && month_worse(v, i, bp, vd)) {
			ok[i] = false;
			run[i] = true;
		}
}

/* A run of flags that ended, the series back within half the smallest
 * effect of its normal, was not a shift that holds: its months go back
 * into the normal (else one unlucky quarter of a noisy partner would bias
 * its normal for good). A month merely short of sure keeps the run. */
static void end_run(int nm, bool *ok, bool *run)
{
	int i;

	for (i = 0; i < nm; i++)
		if (run[i]) {
			ok[i] = true;
			run[i] = false;
		}
}

/* The months of a normal as the walk slides it: their indexes oldest
 * first, and their values kept sorted. */
struct window {
	double val[BASELINE_MAX + 1];
	int idx[BASELINE_MAX + 1];
	int n, head;			/* idx[head .. head + n) */
};

static void window_drop_oldest(struct window *w, const double *v)
{
	double old = v[w->idx[w->head++]];
	int k;

	for (k = 0; k < w->n && w->val[k] != old; k++)
		;
	memmove(&w->val[k], &w->val[k + 1], (size_t)(w->n - k - 1) * sizeof(double));
	w->n--;
}

/* Adds month i (with a value) as the newest, the oldest giving way once
 * the window holds `size` months. */
static void window_add(struct window *w, const double *v, int i, int size)
{
	int k;

	if (w->n == size || w->n == BASELINE_MAX)
		window_drop_oldest(w, v);
	for (k = w->n; k > 0 && w->val[k - 1] > v[i]; k--)
		w->val[k] = w->val[k - 1];
	w->val[k] = v[i];
	w->n++;
	w->idx[w->head + w->n - 1] = i;
	if (w->head + w->n >= BASELINE_MAX) {	/* keep idx in range */
		memmove(w->idx, w->idx + w->head, (size_t)w->n * sizeof(int));
		w->head = 0;
	}
}

static double window_median(const struct window *w)
{
	return w->n % 2 ? w->val[w->n / 2] : (w->val[w->n / 2 - 1] + w->val[w->n / 2]) / 2;
}

/* Could any month of the walk before t flag? Until a first flag the walk
 * keeps every month in the normal, so its verdicts are the plain ones:
 * the normal of each month is the last `window` values before its recent
 * months, and it flags only if the recent mean is `warn` worse than that
 * normal's median. Those medians come from one window slid along the
 * months, kept sorted, instead of a sort per month. MEAN test only. */
static bool walk_could_flag(const double *v, int t, const struct baseline_params *bp)
{
	struct window w = { .n = 0 };
	double sum = 0;
	int recent = bp->recent < MAX_RUN ? bp->recent : MAX_RUN;
	int first = t - bp->memory, nrec = 0, from, i;

	if (first < 0)
		first = 0;
	/* The recent months of the first month judged; the normal before. */
	for (i = first - recent + 1; i <= first; i++)
		if (i >= 0 && !isnan(v[i])) {
			sum += v[i];
			nrec++;
		}
	for (from = first - recent + 1, i = from - bp->window - bp->memory; i < from; i++)
		if (i >= 0 && !isnan(v[i]))
			window_add(&w, v, i, bp->window);
	for (i = first; i < t; i++) {
		from = i - recent + 1;
		if (w.n >= 3 && nrec > 0) {
			double centre = window_median(&w), mean = sum / nrec;
			double effect = bp->up_is_worse ? mean - centre : centre - mean;

			if (effect >= bp->warn)
				return true;
		}
		/* Next month: month from leaves the recent ones and joins the
		 * normal, month i + 1 joins the recent ones; the normal reaches
		 * back window + memory months at most. */
		while (w.n > 0 && w.idx[w.head] < from + 1 - bp->window - bp->memory)
			window_drop_oldest(&w, v);
		if (from >= 0 && !isnan(v[from])) {
			sum -= v[from];
			nrec--;
			window_add(&w, v, from, bp->window);
		}
		if (!isnan(v[i + 1])) {
			sum += v[i + 1];
			nrec++;
		}
	}
	return false;
}

/* The same for RATE where more is worse (no silence to extend): a month
 * flags only if its recent count is `warn` percent above the usual rate
 * of the `window` months before, scaled by the common movement; sums slid
 * along the months give every such effect. */
static bool rate_could_flag(const double *v, const double *common, int t,
			    const struct baseline_params *bp)
{
	int recent = bp->recent < MAX_RUN ? bp->recent : MAX_RUN;
	int first = t - bp->memory, i, j;

	if (first < 0)
		first = 0;
	for (i = first; i < t; i++) {
		double k = 0, kb = 0, cr = 0, cb = 0, expected, f = 1;
		int nr = 0, nb = 0, lb = i - recent - bp->window - bp->memory + 1;

		for (j = i; j > i - recent && j >= 0; j--)
			if (!isnan(v[j])) {
				k += v[j];
				cr += common ? common[j] : 0;
				nr++;
			}
		for (j = i - recent; j >= 0 && j >= lb && nb < bp->window &&
		     nb < BASELINE_MAX; j--)
			if (!isnan(v[j])) {
				kb += v[j];
				cb += common ? common[j] : 0;
				nb++;
			}
		if (nr == 0 || nb < 3)
			continue;
		if (common)
			f = exp((cr / nr - cb / nb) / 100.0);
		expected = (kb + 0.5) / nb * nr * f;
		if (100.0 * (k - expected) / expected >= bp->warn)
			return true;
	}
	return false;
}

void baseline_judge(const double *v, const double *common, int nm, int t,
		    const struct baseline_params *bp, struct baseline_verdict *out)
{
	bool *ok = xmalloc(((size_t)nm + 1) * 2 * sizeof(bool)), *run = ok + nm + 1;
	struct baseline_verdict w;
	int i, from = t - bp->memory;

	for (i = 0; i < nm; i++)
		ok[i] = true, run[i] = false;
	if ((bp->test == BASELINE_MEAN && !walk_could_flag(v, t, bp)) ||
	    (bp->test == BASELINE_RATE && bp->up_is_worse &&
	     !rate_could_flag(v, common, t, bp)))
		from = t;	/* nothing to keep out: the plain verdict */
	for (i = from < 0 ? 0 : from; i < t; i++) {
		verdict_at(v, common, i, bp, ok, run, false, &w);
		if (w.level >= BASELINE_WATCH)
			exclude_shift(v, bp, &w, ok, run);
		else if (w.level == BASELINE_OK && w.effect < 0.5 * bp->warn)
			end_run(nm, ok, run);
	}
	verdict_at(v, common, t, bp, ok, run, true, out);
	if (out->level >= BASELINE_WATCH)
		exclude_shift(v, bp, out, ok, run);
	/* The shift's first month: the oldest month kept out in the run of
	 * kept-out (or missing) months that reaches the month judged. */
	for (i = t; i >= 0 && (!ok[i] || isnan(v[i])); i--)
		if (!ok[i])
			out->onset = i;
	if (out->level < BASELINE_WATCH)
		out->onset = -1;
	free(ok);
}
