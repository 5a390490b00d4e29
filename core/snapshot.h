/* snapshot.h: frozen QBR snapshots: what a quarter's pack showed (every
 * status, reason and figure, the monthly figures of its key metrics, and
 * the pack itself in every format and style), stored once and never
 * changed, so that later imports or configuration changes cannot rewrite
 * what was shown at the review; and the difference between a snapshot and
 * what the pack would show now, with the reason for each change. */
#ifndef BPW_SNAPSHOT_H
#define BPW_SNAPSHOT_H

#include <stdbool.h>
#include <stdint.h>

#include "date.h"
#include "error.h"
#include "store.h"
#include "strbuf.h"

struct ruleset;

struct snapshot_info {
	int64_t id;
	char quarter[16];	/* "2026Q3" */
	char judged[DATE_LEN];	/* the day its statuses are of */
	char taken[24];		/* UTC, when it was frozen */
	char user[64];		/* who froze it */
};

/* Freezes the pack of quarter (all partners) judged on the rules of rs, as
 * of date (NULL: today): its statuses, reasons and figures and the
 * Markdown pack, in one transaction with its audit row. BPW_EEXIST when
 * the quarter is frozen already (a snapshot is never replaced); *info
 * (may be NULL) describes the snapshot stored. */
int snapshot_freeze(struct store *st, const struct ruleset *rs, const char *quarter,
		    const char *date, double qa_cap, struct snapshot_info *info,
		    struct bpw_error *err);

/* The snapshot of quarter into *info and its Markdown pack into pack (may
 * be NULL); BPW_ENOENT when the quarter was never frozen. */
int snapshot_get(struct store *st, const char *quarter, struct snapshot_info *info,
		 struct strbuf *pack, struct bpw_error *err);

/* Appends to out what the pack of quarter would show now, judged on rs and
 * on the snapshot's day, against what the snapshot shows: for each status,
 * reason or figure that changed, old and new and why (new data, corrected
 * data, changed thresholds or rule settings, another partner's data). The
 * count of changes goes to *changes. When a change comes from the
 * configuration and the store is writable, it is appended to the audit
 * trail once. */
int snapshot_diff(struct store *st, const struct ruleset *rs, const char *quarter,
		  double qa_cap, struct strbuf *out, int *changes,
		  struct bpw_error *err);

#endif
