/* audit.h: the audit trail: one row for every write made through bpowatch
 * (when, which OS user, what, the old and the new value), appended in the
 * write's own transaction, never changed. */
#ifndef BPW_AUDIT_H
#define BPW_AUDIT_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "error.h"
#include "store.h"

struct audit_entry {
	int64_t id;
	char at[24];		/* UTC, YYYY-MM-DDTHH:MM:SSZ */
	char *user;		/* the OS user who wrote */
	char *action;		/* import, observation, qa_answer, ... */
	char *partner;		/* partner code, "" for none */
	char *object;		/* what was written, in words */
	char *old, *new;	/* values as text; NULL: there was none / is none */
};

/* Appends one row inside the caller's transaction: action, the partner
 * (by id, 0 for none), object and the values (NULL for none). While the
 * store is in bulk mode (an import) a row with no old value is left out:
 * the import's own summary row stands for what it added. */
int audit_append(struct store *st, const char *action, int64_t partner_id,
		 const char *object, const char *old, const char *new,
		 struct bpw_error *err);

/* audit_append with printf-style object text. */
int audit_appendf(struct store *st, const char *action, int64_t partner_id,
		  const char *old, const char *new, struct bpw_error *err,
		  const char *fmt, ...) __attribute__((format(printf, 7, 8)));

/* A figure a bulk writer (an import) changed, for audit_stage_figure. */
struct audit_figure {
	int64_t partner_id;
	const char *metric;
	const char *period;	/* YYYY-MM, or longer: the first 7 are kept */
	const char *segment;	/* "" or NULL: the total */
	const char *source;	/* "partner" or "client" */
	const char *old, *new;	/* as text */
};

/* Bulk mode: instead of a row of the trail each, the figures an import
 * changes are kept (audit_stage_figure, in the import's transaction) and
 * put under its own row when that is written (audit_append_import), in the
 * table audit_value: a few dozen bytes each instead of a row with its
 * time, user and index entries. audit_each gives them back as the rows
 * they stand for. audit_stage_begin empties what an earlier import of
 * this connection may have left. */
int audit_stage_begin(struct store *st, struct bpw_error *err);
int audit_stage_figure(struct store *st, const struct audit_figure *f,
		       struct bpw_error *err);

/* In SQL, the object text of the audit_value row v (a table name or
 * alias), as observation.c writes it for a row of its own: "csat 2026-09
 * total (client)". */
#define AUDIT_VALUE_OBJECT(v) \
	"(" v ".metric || ' ' || " v ".period || ' ' || CASE " v ".segment" \
	" WHEN '' THEN 'total' ELSE " v ".segment END || ' (' || " v ".source || ')')"

/* The import's row (action "import", no partner, object: its files, new:
 * what it did), then the figures staged since audit_stage_begin under it. */
int audit_append_import(struct store *st, const char *object, const char *new,
			struct bpw_error *err);

/* The OS user this process writes as (login name, else "uid N"). */
const char *audit_user(void);

typedef void (*audit_fn)(const struct audit_entry *e, void *ctx);

/* Calls fn for each row, oldest first: of one partner (code, NULL: all)
 * and from the day since (YYYY-MM-DD, NULL: all). The figures an import
 * changed come just before its row, by partner, each as a row of its own
 * (action "observation") with the import's id, time and user. The entry
 * lives until fn returns. */
int audit_each(struct store *st, const char *partner, const char *since,
	       audit_fn fn, void *ctx, struct bpw_error *err);

#endif
