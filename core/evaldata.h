/* evaldata.h: everything the indicator engine reads for one as-of month,
 * loaded for the whole portfolio in a handful of batched queries (one per
 * metric and segment, one for events, one for the QA audits), never one
 * per partner. */
#ifndef BPW_EVALDATA_H
#define BPW_EVALDATA_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "date.h"
#include "error.h"
#include "observation.h"
#include "qa.h"
#include "rules.h"
#include "store.h"
#include "strpool.h"
#include "target.h"

struct ed_partner {
	int64_t id;
	char *code, *name;
	int qa_interval;		/* own audit interval in days, 0: global */
};

/* One partner's values of a metric for one segment and source, a value
 * (NaN when missing) per month of the window. */
struct ed_series {
	size_t partner;
	int seg;			/* index into ed_metric.segs */
	enum obs_source source;
	size_t off;			/* into evaldata.vals */
};

struct ed_metric {
	int metric;			/* index into the ruleset's metrics */
	char **segs;			/* segs[0] is "" (the total) */
	size_t nsegs;
	struct ed_series *ser;		/* sorted by partner, segment, source */
	size_t nser;
	size_t *pfirst;			/* partner p: ser[pfirst[p] .. pfirst[p+1]) */
};

struct ed_event {
	char date[DATE_LEN];
	long day;			/* date_days(date) */
	int kind;			/* enum event_kind */
};

struct ed_events {
	struct ed_event *items;		/* in date order, in evaldata.event_pool */
	size_t count;
};

struct ed_qa_item {
	const char *section;		/* section key (in evaldata.texts) */
	const char *text;		/* (in evaldata.texts) */
	char answer[8];
	struct qa_scored_item it;	/* it.answer points into answer */
};

/* A partner's last final audit on or before evaldata.until. */
struct ed_review {
	bool present;
	int64_t id;
	char date[DATE_LEN];
	double passing;
	struct ed_qa_item *items;	/* in template order, in evaldata.item_pool */
	size_t nitems;
};

struct evaldata {
	char as_of[DATE_LEN];		/* YYYY-MM-01 */
	int as_of_month;		/* date_month_index(as_of) */
	int nmonths;			/* window: as_of - nmonths + 1 .. as_of */
	char until[DATE_LEN];		/* events and audits count up to this day */
	struct ed_partner *partners;	/* active partners, by code */
	size_t npartners;
	struct ed_metric *metrics;	/* the metrics some rule reads */
	size_t nmetrics;
	int *slot;			/* ruleset metric index -> metrics[], or -1 */
	double *vals;
	struct ed_events *events;	/* per partner, up to the as-of month's end */
	struct ed_review *reviews;	/* per partner */
	/* What events and reviews point into: one array each for the whole
	 * portfolio, and one copy of each audit text. */
	struct ed_event *event_pool;
	struct ed_qa_item *item_pool;
	struct strpool texts;
	/* Contract targets of every partner (by partner id, metric, segment,
	 * source, first month), loaded when a target rule reads them. */
	struct target_list targets;
};

/* Loads what the rules of rs need to judge every active partner as of
 * period (YYYY-MM-01): figures up to its month, events and the last final
 * audit up to the day until (timemodel_until). evaldata_free releases it
 * (also after a failure). */
int evaldata_load(struct store *st, const struct ruleset *rs,
		  const char *period, const char *until, struct evaldata *out,
		  struct bpw_error *err);

/* Frees what d holds and empties it; NULL is allowed. */
void evaldata_free(struct evaldata *d);

/* Hands over the segment names of every metric: an array of *n strings
 * the caller frees, each and the array. The strings stay where they are
 * (a rule result's segment points to one); d keeps no segments after it,
 * only evaldata_free is left to call. */
char **evaldata_take_segments(struct evaldata *d, size_t *n);

/* The loaded metric slot of ruleset metric m, or NULL when no rule reads it. */
const struct ed_metric *evaldata_metric(const struct evaldata *d, int m);

/* The values of partner p for segment seg and source src (nmonths doubles,
 * NaN where missing), or NULL when the partner has no such series. */
const double *evaldata_series(const struct evaldata *d, const struct ed_metric *em,
			      size_t p, int seg, enum obs_source src);

/* The segment index of name in em, or -1. */
int evaldata_segment(const struct ed_metric *em, const char *name);

#endif
