/* target_book.h: the contract targets of a portfolio (or one partner) with
 * each target's attainment over a span of months, typically a quarter up
 * to the judged month: what `check --format json`, the QBR pack and the
 * partner view show. Loaded once; reading it runs no query. */
#ifndef BPW_TARGET_BOOK_H
#define BPW_TARGET_BOOK_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "error.h"
#include "metric.h"
#include "store.h"
#include "strbuf.h"
#include "target.h"

/* One target with what the span says of it. */
struct target_row {
	const struct target *t;		/* into target_book.list */
	const char *label, *unit;	/* the metric's short label and unit */
	enum metric_better better;
	bool in_span;			/* valid some month of the span */
	struct target_attain a;		/* the span's months, this target only */
};

struct target_book {
	struct target_list list;	/* by partner, metric, segment, source, from */
	struct metric_list metrics;
	char first[TARGET_MONTH_LEN];	/* the span: first .. first + n - 1 */
	int n;
	struct target_row *rows;	/* one per target of list, same order */
};

/* Loads the targets of partner_id (0: all) and judges each over the n
 * months from first (YYYY-MM...; n at most TARGET_MAX_MONTHS) against the
 * figures of its metric, segment and source. target_book_free frees it. */
int target_book_load(struct store *st, int64_t partner_id, const char *first,
		     int n, struct target_book *out, struct bpw_error *err);

/* The rows of partner_id: *count of them from the returned one (NULL and
 * 0 when it has none). */
const struct target_row *target_book_partner(const struct target_book *b,
					     int64_t partner_id, size_t *count);

/* The first month (YYYY-MM) of the quarter of month m (YYYY-MM...), and
 * the months from it to m inclusive (1-3). */
int target_quarter_start(const char *m, char out[TARGET_MONTH_LEN]);

/* "SLA ≥ 90 %: met 2 of 3 months" (ascii: ">=") of row r. Returns buf. */
const char *target_row_summary(const struct target_row *r, bool ascii, char *buf,
			       size_t n);

/* "met", "missed", "no figure" or "" (no target that month). */
const char *target_verdict_name(enum target_verdict v);

/* Appends the "targets" array of partner_id as `check --format json`
 * writes it (quarter names the span, e.g. "2026Q4"). */
void target_book_json(const struct target_book *b, int64_t partner_id,
		      const char *quarter, struct strbuf *out);

/* For a chart and period table of partner_id's metric (n months from
 * first, values[i] its figure, client where there is one): the value of
 * the target for the total and any source valid in each month into tv
 * (NaN: none) and the verdict into verdict (TARGET_NONE: no target).
 * *found says whether any month has one. */
int target_months_load(struct store *st, int64_t partner_id, const char *metric,
		       const char *first, int n, const double *values, double *tv,
		       enum target_verdict *verdict, bool *found,
		       struct bpw_error *err);

/* Frees what b holds and empties it; NULL is allowed. */
void target_book_free(struct target_book *b);

#endif
