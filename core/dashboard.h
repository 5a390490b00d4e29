/* dashboard.h: the dashboard's model, without curses: the month judged
 * today and the month shown, the evaluation of that month joined to the
 * portfolio's rows, and the rows a filter keeps in the order chosen. The
 * health order is indicator_partner_cmp's, the one `check` and the QBR
 * pack use. */
#ifndef BPW_DASHBOARD_H
#define BPW_DASHBOARD_H

#include <stdbool.h>
#include <stddef.h>

#include "date.h"
#include "error.h"
#include "indicator.h"
#include "judgement.h"
#include "portfolio.h"
#include "rules.h"
#include "store.h"

/* The orders of the portfolio: worst health first (the default), name,
 * largest CSAT drop first, highest attrition first. Ties go by name, then
 * code. */
enum dash_sort { DASH_SORT_HEALTH, DASH_SORT_NAME, DASH_SORT_CSAT_CHANGE,
		 DASH_SORT_ATTRITION, DASH_SORT_COUNT };

struct dashboard {
	char today[DATE_LEN];
	char as_of[DATE_LEN];	/* the month shown (YYYY-MM-01), "" none yet */
	char judged[DATE_LEN];	/* the month the time model judges today */
	char latest[DATE_LEN];	/* latest month with figures, "" none */
	bool follow;		/* on the judged month: stay on it as it moves */
	struct evaluation ev;		/* partners may be pending: see
					 * dashboard_result_whole */
	struct store *st;		/* where pending partners are read */
	struct evaluation *lazy;	/* &ev, through which a const view of
					 * the dashboard fills pending partners */
	struct judgement_use use;	/* how ev was had, and if it is owed
					 * to the store (dashboard_keep) */
	struct portfolio pf;		/* from the judgement's stored panes,
					 * or loaded (and owed to them) */
	bool panes_owed;
	char panes_key[48];		/* the settings pf was loaded with */
	long *pf_result;	/* pf.rows[i] -> ev.partners[], or -1 */
};

/* What a load needs from the configuration. rules NULL: no evaluation
 * (the portfolio alone). */
struct dashboard_opts {
	const struct ruleset *rules;
	int figures_due_day;
	int sparkline_length;
	int audit_interval_days;
};

/* Loads d as of d->as_of: the month the time model judges today when d
 * follows it (or nothing is shown yet), else the month d is on. On failure
 * d keeps what it had and err says why. */
int dashboard_load(struct dashboard *d, struct store *st,
		   const struct dashboard_opts *o, struct bpw_error *err);

/* The judgement of portfolio row i, or NULL (a partner without one). Read
 * from a stored judgement, it may hold statuses only (pending: what the
 * sort, the filter and the counts need). */
const struct partner_result *dashboard_result(const struct dashboard *d, size_t row);

/* The same, whole: its reasons and rules read now when still pending. */
const struct partner_result *dashboard_result_whole(const struct dashboard *d,
						    size_t row);

/* The judgement of the partner with this id, whole; NULL when none. */
const struct partner_result *dashboard_partner(const struct dashboard *d, int64_t id);

/* True when the row (res: its judgement, or NULL) passes filter ("" or
 * NULL keeps all): its words separated by spaces must each be part of the
 * partner's name, code, site, country or owner, ignoring case and accents
 * ("krakow" finds Kraków: text_fold); a word starting with '!' is a status
 * instead ("!alert", "!watch", "!ok", "!nodata", or their beginnings:
 * "!al"), and the row must have one of the statuses named. */
bool dashboard_row_matches(const struct portfolio_row *r,
			   const struct partner_result *res, const char *filter);

/* The rows filter keeps, in the order by, into out (room for pf.count);
 * returns how many. */
size_t dashboard_order(const struct dashboard *d, const char *filter,
		       enum dash_sort by, size_t *out);

/* "health", "name", "CSAT change", "attrition". */
const char *dashboard_sort_name(enum dash_sort by);

/* Stores the judgement d judged afresh, if it is owed (after the first
 * frame: the start does not wait for it). */
void dashboard_keep(struct dashboard *d);

/* Frees the evaluation and the rows of d (its months stay); NULL is
 * allowed. */
void dashboard_free(struct dashboard *d);

#endif
