/* partner.h: the outsourcing partners (one row per partner site). */
#ifndef BPW_PARTNER_H
#define BPW_PARTNER_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "error.h"
#include "store.h"

/* The texts are the caller's when it fills a partner to add or update;
 * a loaded partner's point into strings, which partner_clear frees. */
struct partner {
	int64_t id;
	const char *code;	/* unique, 1-16 of A-Z a-z 0-9 _ - */
	const char *name;
	const char *site, *country, *services;
	const char *contract_start, *contract_end;	/* YYYY-MM-DD or NULL */
	double annual_value;
	bool has_value;		/* annual_value is known */
	const char *currency, *owner, *notes;
	bool archived;
	char *strings;		/* a loaded partner's texts; NULL when filled */
};

struct partner_list {
	struct partner *items;
	size_t count;
};

/* Adds p (its id is ignored) and stores the new id in *id (may be NULL).
 * Fails with BPW_EEXIST for a taken code, BPW_EINVAL for a bad field. */
int partner_add(struct store *st, const struct partner *p, int64_t *id,
		struct bpw_error *err);

/* Replaces every field of the partner with id p->id. */
int partner_update(struct store *st, const struct partner *p,
		   struct bpw_error *err);

/* Loads the partner with this id into *out (partner_clear frees it).
 * BPW_ENOENT when there is none. */
int partner_get(struct store *st, int64_t id, struct partner *out,
		struct bpw_error *err);

/* Archives (or with archived false brings back) the partner with this id:
 * one transaction, one audit row. An archived partner leaves the
 * portfolio and the evaluation; its data stays. */
int partner_set_archived(struct store *st, int64_t id, bool archived,
			 struct bpw_error *err);

/* Loads the partner with this code (case-insensitive) into *out, which the
 * caller clears with partner_clear. BPW_ENOENT when there is none. */
int partner_find(struct store *st, const char *code, struct partner *out,
		 struct bpw_error *err);

/* Loads all partners ordered by name (archived ones only when asked). */
int partner_list(struct store *st, bool with_archived, struct partner_list *out,
		 struct bpw_error *err);

/* Checks the fields of p as partner_add would; 0 or BPW_EINVAL. */
int partner_validate(const struct partner *p, struct bpw_error *err);

/* Frees the texts of a loaded p (not p itself) and empties it; NULL is
 * allowed. */
void partner_clear(struct partner *p);

/* Frees the partners of list and empties it; NULL is allowed. */
void partner_list_free(struct partner_list *list);

#endif
