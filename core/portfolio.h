/* portfolio.h: the whole portfolio at a glance for the overview screen:
 * every active partner with its CSAT and attrition over the sparkline
 * window, the last final QA audit and its successor's due date, and open
 * actions, loaded in a handful of batched queries (never one per partner).
 * The indicator statuses come from indicator_evaluate. */
#ifndef BPW_PORTFOLIO_H
#define BPW_PORTFOLIO_H

#include <stdbool.h>
#include <stddef.h>

#include "date.h"
#include "error.h"
#include "indicator.h"
#include "partner.h"
#include "store.h"

/* The series every pane shows: enum name, metric key. */
#define PORTFOLIO_SERIES(X) \
	X(CSAT, "csat") \
	X(ATTRITION, "attrition")

enum pf_series {
#define X(e, k) PF_##e,
	PORTFOLIO_SERIES(X)
#undef X
	PF_NSERIES
};

/* One monthly series of a partner: client-measured values where there are
 * any, else partner-reported ones. */
struct pf_series_data {
	double *v;			/* portfolio.months values, NaN missing */
	bool has_latest;
	double latest;			/* last value in the window */
	char latest_period[DATE_LEN];
	double change;			/* latest minus the value before it; NaN */
	double lo, hi;			/* its sparkline's scale (portfolio_scale) */
};

struct portfolio_row {
	struct partner partner;
	struct pf_series_data series[PF_NSERIES];
	bool has_qa;			/* a final audit on or before as-of */
	double qa_score;		/* its weighted score, NaN if nothing scored */
	size_t qa_critical_fails;
	char qa_date[DATE_LEN];
	char qa_due[DATE_LEN];		/* next audit due, "" when no interval */
	int qa_interval;		/* the partner's own interval, 0: global */
	int open_actions, overdue_actions;
};

struct portfolio {
	struct portfolio_row *rows;	/* by name, then code */
	size_t count;
	char as_of[DATE_LEN];		/* last month of the series window */
	int months;			/* length of every series */
};

/* Loads every active partner with months (1-240) of CSAT and attrition up
 * to as_of (YYYY-MM-01). The last audit on or before as_of's month end
 * counts (taken from ev, an evaluation as of the same month, when given;
 * read here when ev is NULL); the next is due the partner's own interval
 * after it, else qa_interval_days (0: not computed).
 * Actions due before today (YYYY-MM-DD) are overdue. portfolio_free
 * releases out (also after a failure). */
int portfolio_load(struct store *st, const char *as_of, int months,
		   int qa_interval_days, const char *today,
		   const struct evaluation *ev, struct portfolio *out,
		   struct bpw_error *err);

struct ruleset;

/* Puts each series' sparklines on one scale per metric (sparkline.h):
 * every pane spans the same number of points, the largest range any
 * partner has in the window and at least the smallest shift the rules of
 * rs flag on the metric (drill_min_effect, of the portfolio median level),
 * centred on the pane's own values. Sets lo and hi of every row's series
 * (NaN: no values); rs NULL: no minimum. */
void portfolio_scale(struct portfolio *p, const struct ruleset *rs);

/* The metric key of a portfolio series. */
const char *portfolio_series_metric(enum pf_series s);

/* Frees what p holds and empties it; NULL is allowed. */
void portfolio_free(struct portfolio *p);

#endif
