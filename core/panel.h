/* panel.h: one series across the whole portfolio (a metric as a rule reads
 * it, a partner-client gap, a count of events), and the portfolio's common
 * movement in each month: what the *other* partners did that month, away
 * from their own typical level. Taking it out before a partner is judged
 * is the cause check with numbers: a season or a product release moves
 * everyone, a partner's own trouble moves only that partner. */
#ifndef BPW_PANEL_H
#define BPW_PANEL_H

#include <stdbool.h>
#include <stddef.h>

#include "stats.h"

/* The scale a series is judged on. LINEAR: as reported (points, hours);
 * LOG: 100 x ln(value), so differences read as percent changes (cost,
 * response time); LOG1P: 100 x ln(1 + value), for counts that may be 0. */
enum panel_scale { PANEL_LINEAR, PANEL_LOG, PANEL_LOG1P };

struct panel {
	size_t np;			/* partners */
	int nm;				/* months of the window */
	enum panel_scale scale;
	int min_others;			/* others needed for a common movement */
	double *x;			/* np x nm values on the scale, NaN missing */
	double *ref;			/* per partner: the median of its x */
	struct stats_middle *mid;	/* per month: the middle of the
					 * deviations x - ref, cnt[t] of them */
	int *cnt;
	double *common;			/* np x nm: each partner's common
					 * movement, worked out once */
};

/* Builds pn from series[p] (nm values each, NaN missing; NULL: the partner
 * has none). A value the scale cannot take (<= 0 on LOG, < 0 on LOG1P) is
 * left out. panel_free releases it. */
void panel_build(struct panel *pn, const double *const *series, size_t np, int nm,
		 enum panel_scale scale, int min_others);

/* Frees what pn holds; NULL is allowed. */
void panel_free(struct panel *pn);

/* The value v on scale sc, NaN when the scale cannot take it; and back. */
double panel_to_scale(enum panel_scale sc, double v);
double panel_from_scale(enum panel_scale sc, double x);

/* The common movement in month t for partner p: the median deviation of
 * the other partners with a value that month, on the panel's scale.
 * *others says how many there were; 0 (none taken out) when fewer than
 * min_others. */
double panel_common(const struct panel *pn, size_t p, int t, int *others);

/* Partner p's series on the scale (nm values), and with the common
 * movement taken out into adj (nm values; the movement itself into common,
 * which may be NULL). */
const double *panel_series(const struct panel *pn, size_t p);
void panel_adjusted(const struct panel *pn, size_t p, double *adj, double *common);

#endif
