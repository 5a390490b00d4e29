/* action.h: follow-up actions agreed in quarterly business reviews. */
#ifndef BPW_ACTION_H
#define BPW_ACTION_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "date.h"
#include "error.h"
#include "observation.h"
#include "store.h"

enum action_status { ACTION_OPEN, ACTION_DONE, ACTION_DROPPED };

/* The texts are the caller's when it fills an action to store; a loaded
 * action's point into strings, which action_clear frees. */
struct follow_up {
	int64_t id, partner_id;
	const char *text, *owner;
	char due[DATE_LEN];	/* YYYY-MM-DD, or "" for no due date */
	enum action_status status;
	char created[DATE_LEN];	/* YYYY-MM-DD; "" on add means today */
	const char *indicator;	/* the indicator key it is about, or NULL/"" */
	int64_t meeting_id;	/* the review meeting that raised it, or 0 */
	char closed[DATE_LEN];	/* the day it was done or dropped, or "" */
	char *strings;		/* a loaded action's texts; NULL when filled */
};

struct action_list {
	struct follow_up *items;
	size_t count;
};

/* Adds a (its id is ignored); the new id goes to *id (may be NULL). */
int action_add(struct store *st, const struct follow_up *a, int64_t *id,
	       struct bpw_error *err);

/* What action_upsert leaves as it is on an action that exists. */
enum action_keep {
	ACTION_KEEP_OWNER = 1 << 0,
	ACTION_KEEP_DUE = 1 << 1,
	ACTION_KEEP_STATUS = 1 << 2,
};

/* Stores a unless an action of the same partner, text and created date
 * (today when "") exists: then its owner, due date and status (those not
 * in keep) are updated when they differ. *res says which. */
int action_upsert(struct store *st, const struct follow_up *a, unsigned keep,
		  enum upsert_result *res, struct bpw_error *err);

/* Sets the status of the action with this id; BPW_ENOENT when none. */
int action_set_status(struct store *st, int64_t id, enum action_status status,
		      struct bpw_error *err);

/* Sets the status back as it was: status with closed as the day it was
 * done or dropped (ignored for open); for undoing a status change. */
int action_restore_status(struct store *st, int64_t id, enum action_status status,
			  const char *closed, struct bpw_error *err);

/* Replaces the text, owner and due date (YYYY-MM-DD or ""/NULL: none) of
 * action id, audited (old -> new). BPW_ENOENT when it is gone. */
int action_edit(struct store *st, int64_t id, const char *text, const char *owner,
		const char *due, struct bpw_error *err);

/* Loads actions of one partner (partner_id 0: all partners), only open ones
 * when open_only, ordered by due date (none last). */
int action_list(struct store *st, int64_t partner_id, bool open_only,
		struct action_list *out, struct bpw_error *err);

/* "open", "done", "dropped", and back; parse returns 0 or BPW_EINVAL. */
const char *action_status_name(enum action_status s);
int action_status_parse(const char *s, enum action_status *out);

/* Frees the texts of one loaded action (from action_list); NULL is allowed. */
void action_clear(struct follow_up *a);

/* Frees the actions of list and empties it; NULL is allowed. */
void action_list_free(struct action_list *list);

#endif
