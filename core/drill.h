/* drill.h: one partner's metric in depth, for the drill-down screen and the
 * reports: the values by source, the breakdown by segment and the portfolio
 * median, month by month over a window. */
#ifndef BPW_DRILL_H
#define BPW_DRILL_H

#include <stddef.h>
#include <stdint.h>

#include "date.h"
#include "error.h"
#include "store.h"

/* A segment's values (client-measured where there are any, else
 * partner-reported), NaN where missing. */
struct drill_segment {
	char *name;			/* "channel=email" */
	double *v;
};

struct drill {
	char as_of[DATE_LEN];		/* last month of the window (YYYY-MM-01) */
	char first[DATE_LEN];		/* first month */
	int months;
	/* Totals (segment ""): months values each, NaN where missing. */
	double *any;			/* client where present, else partner */
	double *client, *partner;
	double *median;			/* portfolio median of `any`, active partners */
	int *median_n;			/* partners behind each median */
	struct drill_segment *segs;	/* by name */
	size_t nsegs;
};

/* Loads metric for partner_id over months (1-240) ending at as_of: one
 * query for the partner, one for the portfolio. drill_free releases out
 * (also after a failure). */
int drill_load(struct store *st, int64_t partner_id, const char *metric,
	       const char *as_of, int months, struct drill *out,
	       struct bpw_error *err);

/* Frees what d holds and empties it; NULL is allowed. */
void drill_free(struct drill *d);

struct metric_info;
struct rule;

/* Where a shift rule's smallest effect (its warn or alert) would take the
 * partner's normal, in the metric's direction: the line a chart draws. */
double drill_shift_line(const struct metric_info *m, const struct rule *r,
			double normal, double effect);

struct ruleset;

/* The smallest change of metric (an index into rs->metrics) the rules flag:
 * the smallest warn of its shift rules on the whole series, a relative
 * one taken of level (the portfolio's typical value). 0 when none does, or
 * rs is NULL. The span a sparkline of the metric is drawn over at least. */
double drill_min_effect(const struct ruleset *rs, int metric, double level);

#endif
