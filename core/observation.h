/* observation.h: monthly metric values per partner, segment and source. */
#ifndef BPW_OBSERVATION_H
#define BPW_OBSERVATION_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "date.h"
#include "error.h"
#include "metric.h"
#include "store.h"

enum obs_source { OBS_PARTNER, OBS_CLIENT };

struct observation {
	int64_t partner_id;
	const char *metric;	/* metric key */
	const char *period;	/* YYYY-MM-01 */
	const char *segment;	/* "" for the total, else e.g. "channel=email" */
	enum obs_source source;	/* partner-reported or client-measured */
	double value;
};

enum upsert_result { UPSERT_INSERTED, UPSERT_UPDATED, UPSERT_UNCHANGED };

/* Stores o, replacing the value already stored under the same partner,
 * metric, period, segment and source; *res (may be NULL) says which. A
 * value outside the metric's plausible range is refused (BPW_EINVAL, as
 * metric_range_check says it), as is a segment that is not name=value. */
int observation_upsert(struct store *st, const struct observation *o,
		       enum upsert_result *res, struct bpw_error *err);

/* observation_upsert with a guess for speed, same result either way:
 * likely_new tries an insert first (one statement for a new key), else the
 * stored value is read first (one statement for an unchanged row). A bulk
 * caller passes whether its previous row was inserted. */
int observation_upsert_as(struct store *st, const struct observation *o,
			  bool likely_new, enum upsert_result *res,
			  struct bpw_error *err);

/* Metric and segment ids already looked up, for a bulk writer inside one
 * transaction: a segment added in it is gone again after a rollback, so
 * the cache must not outlive the transaction. Zeroed is empty. */
struct obs_name_id {
	char *name;
	int64_t id;
	struct metric_range range;	/* metrics: the plausible values */
};

struct obs_idlist {
	struct obs_name_id *items;	/* sorted by name */
	size_t n, last;			/* last: the previous hit */
};

struct obs_idcache {
	struct obs_idlist metrics, segments;
};

/* observation_upsert_as, taking and keeping ids in the cache ids; *old
 * (may be NULL) gets the value replaced when *res is UPSERT_UPDATED. */
int observation_upsert_ids(struct store *st, const struct observation *o,
			   bool likely_new, struct obs_idcache *ids,
			   enum upsert_result *res, double *old, struct bpw_error *err);
void obs_idcache_free(struct obs_idcache *c);

struct series_point {
	char period[DATE_LEN];
	double value;
};

/* One partner's values of one metric, segment and source, by period. */
struct series {
	struct series_point *points;
	size_t count;
};

/* Loads the series between from and to (inclusive; either may be NULL for
 * open-ended) in period order. series_free releases it. */
int observation_series(struct store *st, int64_t partner_id, const char *metric,
		       const char *segment, enum obs_source source,
		       const char *from, const char *to, struct series *out,
		       struct bpw_error *err);

/* The latest month with a total (segment "") figure of any metric, by one
 * index probe per metric; *found is false for an empty database. */
int observation_latest_period(struct store *st, char out[DATE_LEN], bool *found,
			      struct bpw_error *err);

/* Called with each observation and its partner's code; the strings live
 * until it returns. */
typedef void (*observation_fn)(const char *partner_code,
			       const struct observation *o, void *ctx);

/* Calls fn for every observation (of one partner; partner_id 0: all)
 * between the periods from and to (inclusive, either may be NULL), in the
 * order partner code, metric, period, segment, source: one query, rows
 * streamed, nothing held. */
int observation_each(struct store *st, int64_t partner_id, const char *from,
		     const char *to, observation_fn fn, void *ctx,
		     struct bpw_error *err);

/* True for a segment as stored: "" (the total) or name=value, both parts
 * non-empty, no control characters, at most 64 bytes. */
bool observation_segment_valid(const char *s);

/* "partner" or "client", and back; parse returns 0 or BPW_EINVAL. */
const char *obs_source_name(enum obs_source s);
int obs_source_parse(const char *s, enum obs_source *out);

/* Deletes the figure of partner_id, metric, period (YYYY-MM-01), segment
 * ("" the total) and source, in one transaction with an audit row (the old
 * value -> none). BPW_ENOENT when there is no such figure. */
int observation_delete(struct store *st, int64_t partner_id, const char *metric,
		       const char *period, const char *segment,
		       enum obs_source source, struct bpw_error *err);

/* Frees the points of s; NULL is allowed. */
void series_free(struct series *s);

#endif
