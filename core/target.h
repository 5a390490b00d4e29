/* target.h: contract targets: what a partner signed for a metric (one
 * segment or all, one source or any), in the metric's direction, valid
 * from a month until a month, with an optional ALERT level and service
 * credit per missed month; and how months are judged against them. */
#ifndef BPW_TARGET_H
#define BPW_TARGET_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "error.h"
#include "metric.h"
#include "observation.h"
#include "store.h"

#define TARGET_MONTH_LEN 8	/* "YYYY-MM" and its NUL */
#define TARGET_MAX_MONTHS 24	/* months one attainment covers */

/* The texts are the caller's when it fills a target to store; a loaded
 * target's point into strings, which target_clear frees. */
struct target {
	int64_t id, partner_id;
	const char *metric;	/* metric key */
	const char *segment;	/* "" all (the total) or name=value */
	const char *source;	/* "" any (client where there is one), partner, client */
	double value;		/* the target, in the metric's direction */
	bool has_alert, has_credit;
	double alert;		/* ALERT beyond this level (has_alert) */
	double credit_pct;	/* % of the monthly fee per missed month */
	char from[TARGET_MONTH_LEN];	/* YYYY-MM */
	char until[TARGET_MONTH_LEN];	/* YYYY-MM inclusive, "" open-ended */
	const char *note;
	char *strings;		/* a loaded target's texts; NULL when filled */
};

struct target_list {
	struct target *items;	/* by metric, segment, source, valid_from */
	size_t count;
};

enum target_verdict { TARGET_NONE, TARGET_NOFIG, TARGET_MET, TARGET_MISSED };

/* One month judged: the target valid then (NULL: none), its figure (NaN:
 * none) and the verdict. */
struct target_month {
	char month[TARGET_MONTH_LEN];
	const struct target *t;
	double value;
	enum target_verdict verdict;
	bool beyond_alert;	/* missed beyond the target's ALERT level */
};

/* Months judged against targets: how many had a target, a figure, were
 * met or missed, and the credits owed (sum of credit_pct of missed
 * months). */
struct target_attain {
	struct target_month m[TARGET_MAX_MONTHS];
	int n;			/* months covered */
	int with_target, judged, met, missed, beyond_alert;
	double credit;		/* % of a monthly fee, summed */
	bool has_credit;	/* some missed month's target has a credit */
};

/* Adds t (its id is ignored) in the caller's transaction or its own, with
 * an audit row; *id (may be NULL) gets the new id. BPW_EINVAL with the
 * reason for a bad field, BPW_EEXIST when its validity overlaps another
 * target of the same partner, metric, segment and source. */
int target_add(struct store *st, const struct target *t, int64_t *id,
	       struct bpw_error *err);

/* Rewrites the target with t->id to t (partner, metric, segment and
 * source included); checked as target_add. BPW_ENOENT when none. */
int target_change(struct store *st, const struct target *t, struct bpw_error *err);

/* A renegotiated contract: ends target id the month before next->from
 * and adds next (its key taken from target id) from that month, in one
 * transaction; history is not rewritten. next->from must lie after the
 * old target's first month and not after its last. */
int target_renew(struct store *st, int64_t id, const struct target *next,
		 int64_t *new_id, struct bpw_error *err);

/* Sets the last month (YYYY-MM; "" or NULL: open-ended again) of target id. */
int target_end(struct store *st, int64_t id, const char *until,
	       struct bpw_error *err);

/* Deletes target id (with an audit row); BPW_ENOENT when none. */
int target_delete(struct store *st, int64_t id, struct bpw_error *err);

/* Stores t unless the target with its key and valid_from exists: then its
 * other fields are updated when they differ. *res says which. */
int target_upsert(struct store *st, const struct target *t,
		  enum upsert_result *res, struct bpw_error *err);

/* Loads the targets of one partner (0: all partners) in list order. */
int target_list(struct store *st, int64_t partner_id, struct target_list *out,
		struct bpw_error *err);

/* Loads target id into *out (target_clear frees it); BPW_ENOENT. */
int target_get(struct store *st, int64_t id, struct target *out,
	       struct bpw_error *err);

/* Checks t's fields against the metric m (range, direction of the ALERT
 * level) without touching the database: 0 or BPW_EINVAL with the reason. */
int target_check(const struct target *t, const struct metric *m,
		 struct bpw_error *err);

/* Writes the month of s (YYYY-MM, YYYY-MM-DD, MM.YYYY, MM/YYYY) as YYYY-MM;
 * false when s is none. */
bool target_month_parse(const char *s, char out[TARGET_MONTH_LEN]);

/* True when month (YYYY-MM...) lies in t's validity. */
bool target_valid_in(const struct target *t, const char *month);

/* The target of l valid in month for metric, segment and source (exactly
 * these keys), or NULL. */
const struct target *target_find(const struct target_list *l, int64_t partner_id,
				 const char *metric, const char *segment,
				 const char *source, const char *month);

/* Month v against t: TARGET_NOFIG for NaN, else met or missed (met when
 * v is at or beyond the target in the metric's better direction). */
enum target_verdict target_judge(const struct target *t, enum metric_better b,
				 double v);

/* True when v is worse than t's ALERT level (false when it has none). */
bool target_beyond_alert(const struct target *t, enum metric_better b, double v);

/* Judges n months (first: YYYY-MM..., values[i] the figure of month i,
 * NaN none) of partner_id's metric, segment and source against the target
 * of l valid in each month into out. When only is not NULL, months outside
 * its validity count as without a target. */
void target_attain(const struct target_list *l, int64_t partner_id,
		   const char *metric, const char *segment, const char *source,
		   enum metric_better b, const char *first, int n,
		   const double *values, const struct target *only,
		   struct target_attain *out);

/* The short label of a metric for target texts ("SLA", "CSAT"): a
 * built-in's short form, else name (else key). Static or name itself. */
const char *target_label(const char *key, const char *name);

/* "SLA >= 90 %" (ascii) or "SLA ≥ 90 %": label, the direction's sign,
 * the value and the unit ("%" and units other than "count" and "" after a
 * space); the segment in brackets when there is one. Returns buf. */
const char *target_text(const struct target *t, const char *label,
			const char *unit, enum metric_better b, bool ascii,
			char *buf, size_t n);

/* "met 2 of 3 months" (", 1 without a figure" when some lacked one;
 * "no month judged" when none). Returns buf. */
const char *target_attain_text(const struct target_attain *a, char *buf, size_t n);

/* "2026-07" .. "2026-12", or "since 2026-07" when open-ended: t's validity. */
const char *target_validity(const struct target *t, char *buf, size_t n);

/* The figures of partner_id's metric, segment and source for n months from
 * first (YYYY-MM...) into values (NaN where none); source "" reads the
 * client-measured figure where there is one, else the partner's. */
int target_load_values(struct store *st, int64_t partner_id, const char *metric,
		       const char *segment, const char *source, const char *first,
		       int n, double *values, struct bpw_error *err);

/* Frees the texts of a loaded t; NULL is allowed. */
void target_clear(struct target *t);

/* Frees the targets of list and empties it; NULL is allowed. */
void target_list_free(struct target_list *list);

#endif
