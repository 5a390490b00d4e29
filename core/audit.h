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

/* The OS user this process writes as (login name, else "uid N"). */
const char *audit_user(void);

typedef void (*audit_fn)(const struct audit_entry *e, void *ctx);

/* Calls fn for each row, oldest first: of one partner (code, NULL: all)
 * and from the day since (YYYY-MM-DD, NULL: all). The entry lives until
 * fn returns. */
int audit_each(struct store *st, const char *partner, const char *since,
	       audit_fn fn, void *ctx, struct bpw_error *err);

#endif
