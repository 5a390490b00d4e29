/* metric.h: the metric catalogue (built-in metrics and users' own). */
#ifndef BPW_METRIC_H
#define BPW_METRIC_H

#include <stdbool.h>
#include <stddef.h>

#include "error.h"
#include "store.h"

enum metric_better { METRIC_HIGHER, METRIC_LOWER };

/* The values a metric can plausibly take (zeroed: any). A figure outside
 * is refused by every write path, as a typo rather than a bad month. */
struct metric_range {
	bool has_min, has_max;
	double min, max;
};
enum metric_agg { METRIC_AVG, METRIC_SUM, METRIC_LAST };

/* The texts are the caller's when it fills a metric to add or declare; a
 * loaded metric's point into strings, which metric_clear frees. */
struct metric {
	const char *key;	/* a-z, 0-9, _; starts with a letter */
	const char *name, *unit;
	enum metric_better better;
	enum metric_agg agg;	/* how months combine into a quarter */
	const char *description;
	const char *question;	/* the survey question behind it, if any */
	struct metric_range range;
	bool builtin;
	char *strings;		/* a loaded metric's texts; NULL when filled */
};

struct metric_list {
	struct metric *items;
	size_t count;
};

/* A built-in metric as the program knows it without a database: the same
 * keys, units and directions that schema migration 1 inserts (a unit test
 * holds the two lists equal). */
struct metric_builtin {
	const char *key, *name;
	const char *label;	/* short form for reasons, e.g. "CSAT" */
	const char *unit;
	enum metric_better better;
	enum metric_agg agg;
};

/* The built-in metrics, and how many there are. */
extern const struct metric_builtin metric_builtins[];
extern const size_t metric_builtin_count;

/* 0 when v lies in r; else BPW_EINVAL with, e.g., "csat 150 is above its
 * plausible maximum 100" (key names the metric). */
int metric_range_check(const struct metric_range *r, const char *key, double v,
		       struct bpw_error *err);

/* Adds a user metric; BPW_EEXIST when the key is taken, BPW_EINVAL when
 * its range is empty (min above max). */
int metric_add(struct store *st, const struct metric *m, struct bpw_error *err);

/* Makes the n metrics a configuration declares known to the database (in
 * the caller's transaction, or its own): a missing one is added, one already
 * there and not built in takes the declared plausible range when it differs.
 * *added counts the metrics added. */
int metric_declare(struct store *st, const struct metric *m, size_t n,
		   size_t *added, struct bpw_error *err);

/* Loads the metric with this key into *out (metric_clear frees it);
 * BPW_ENOENT when there is none. */
int metric_find(struct store *st, const char *key, struct metric *out,
		struct bpw_error *err);

/* Loads the whole catalogue, ordered by key. */
int metric_list(struct store *st, struct metric_list *out, struct bpw_error *err);

/* Parses "higher"/"lower" and "avg"/"sum"/"last"; 0 or BPW_EINVAL. */
int metric_better_parse(const char *s, enum metric_better *out);
int metric_agg_parse(const char *s, enum metric_agg *out);

/* The database spelling of better and agg. */
const char *metric_better_name(enum metric_better b);
const char *metric_agg_name(enum metric_agg a);

/* True when key is a well-formed metric key. */
bool metric_key_valid(const char *key);

/* Frees the strings of m; NULL is allowed. */
void metric_clear(struct metric *m);

/* Frees the metrics of list and empties it; NULL is allowed. */
void metric_list_free(struct metric_list *list);

#endif
