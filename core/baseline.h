/* baseline.h: judging one partner's series against its own normal. The
 * normal is the robust centre and spread of the months before the recent
 * ones; a month that was part of a shift the walk already flagged is kept
 * out of later normals, so a step that holds stays visible (the normal
 * stays anchored before the change) instead of becoming the new normal
 * after a few months. Two tests: MEAN for measured values (the recent
 * months' mean against the normal, in standard errors of the partner's
 * own noise) and RATE for counts (the recent count against the partner's
 * own rate, an exact test that allows for its over-dispersion). */
#ifndef BPW_BASELINE_H
#define BPW_BASELINE_H

#include <stdbool.h>

#define BASELINE_MAX 36		/* the most months one normal is made of */

enum baseline_test { BASELINE_MEAN, BASELINE_RATE };

/* What the judge is told. Values and thresholds are on the series' own
 * scale (see panel.h): for MEAN, warn and alert are the smallest effects
 * that matter in the scale's units; for RATE, in percent of the usual
 * rate. */
struct baseline_params {
	enum baseline_test test;
	bool up_is_worse;		/* a rise is the problem */
	int window;			/* months of the normal (<= BASELINE_MAX) */
	int min_months;			/* fewer: the fallback spread helps */
	int recent;			/* months judged together */
	int memory;			/* months a shift may hold the normal back */
	double warn, alert;		/* smallest effects for WATCH and ALERT */
	double z_warn, z_alert;		/* and how sure, in standard errors */
	double spread_floor;		/* MEAN: the spread is never below this */
	double fallback_spread;		/* MEAN: the portfolio's typical spread,
					 * for a short history (NaN: none) */
	double min_count;		/* RATE: counts above the usual needed */
};

enum baseline_level { BASELINE_SHORT = -1, BASELINE_OK, BASELINE_WATCH,
		      BASELINE_ALERT };

/* The verdict on the series at one month, with the figures behind it. */
struct baseline_verdict {
	enum baseline_level level;
	int t;				/* the month judged (index) */
	int recent_from;		/* first month of the recent window */
	int nrecent, nbase;		/* months with values in each */
	int base[BASELINE_MAX];		/* the months of the normal, newest first */
	double recent_mean;		/* MEAN: the recent months' mean */
	double centre, spread, se;	/* MEAN: the normal and its noise */
	double recent_count, base_count, expected, dispersion; /* RATE */
	double effect;			/* how much worse (positive: worse): scale
					 * units for MEAN, percent for RATE */
	double z;			/* how sure, in standard errors */
	int onset;			/* first month of the shift still held, -1 */
	bool fallback;			/* the spread came from the portfolio */
};

/* Judges series v (nm values, NaN missing; for RATE the counts) at month t
 * (0 <= t < nm), walking the months before it so that shifts already seen
 * stay out of the normal. common (nm values, may be NULL) is the
 * portfolio's common movement on the same scale: MEAN expects v with it
 * already taken out, RATE uses it (LOG1P scale) to scale the usual rate. */
void baseline_judge(const double *v, const double *common, int nm, int t,
		    const struct baseline_params *bp, struct baseline_verdict *out);

#endif
