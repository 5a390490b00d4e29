/* event.h: dated events in a partnership: meetings, best practices shared,
 * improvement ideas, escalations, late reports, incidents, notes. */
#ifndef BPW_EVENT_H
#define BPW_EVENT_H

#include <stddef.h>
#include <stdint.h>

#include "date.h"
#include "error.h"
#include "observation.h"
#include "store.h"

/* The event kinds: enum name, database spelling, label. */
#define EVENT_KINDS(X) \
	X(MEETING, "meeting", "Review meeting") \
	X(BEST_PRACTICE, "best_practice", "Best practice shared") \
	X(IMPROVEMENT_IDEA, "improvement_idea", "Improvement idea") \
	X(ESCALATION, "escalation", "Escalation") \
	X(REPORT_LATE, "report_late", "Report late") \
	X(INCIDENT, "incident", "Incident") \
	X(NOTE, "note", "Note")

enum event_kind {
#define X(e, s, l) EVENT_##e,
	EVENT_KINDS(X)
#undef X
	EVENT_KIND_COUNT
};

/* The texts are the caller's when it fills an event to store; a loaded
 * event's point into strings, which event_clear frees. */
struct event {
	int64_t id, partner_id;
	char date[DATE_LEN];	/* YYYY-MM-DD */
	enum event_kind kind;
	const char *title, *detail;
	char *strings;		/* a loaded event's texts; NULL when filled */
};

struct event_list {
	struct event *items;
	size_t count;
};

/* Stores e unless an event of the same partner, date, kind and title
 * exists: then its detail is updated when it differs. */
int event_upsert(struct store *st, const struct event *e,
		 enum upsert_result *res, struct bpw_error *err);

/* Adds e (its id is ignored); the new id goes to *id (may be NULL). */
int event_add(struct store *st, const struct event *e, int64_t *id,
	      struct bpw_error *err);

/* Loads the event with this id into *out (its strings owned by the caller:
 * event_clear). BPW_ENOENT when there is none. */
int event_get(struct store *st, int64_t id, struct event *out,
	      struct bpw_error *err);

/* Replaces date, kind, title and detail of the event e->id, checked as
 * event_add checks them, in one transaction with one audit row per field
 * changed (old -> new). BPW_ENOENT when the event is gone. */
int event_update(struct store *st, const struct event *e, struct bpw_error *err);

/* Deletes the event with this id, with an audit row naming what it was.
 * BPW_ENOENT when it is gone. */
int event_delete(struct store *st, int64_t id, struct bpw_error *err);

/* Frees the texts of a loaded e (not e itself); NULL is allowed. */
void event_clear(struct event *e);

/* Loads a partner's events between from and to (inclusive, either may be
 * NULL), in date order. event_list_free releases them. */
int event_list(struct store *st, int64_t partner_id, const char *from,
	       const char *to, struct event_list *out, struct bpw_error *err);

/* The database spelling and the label of a kind. */
const char *event_kind_name(enum event_kind k);
const char *event_kind_label(enum event_kind k);

/* Parses the database spelling of a kind; 0 or BPW_EINVAL. */
int event_kind_parse(const char *s, enum event_kind *out);

/* "meeting, best_practice, ..., note": every kind's name, from EVENT_KINDS,
 * for help texts and messages. */
const char *event_kind_names(void);

/* Frees the events of list and empties it; NULL is allowed. */
void event_list_free(struct event_list *list);

#endif
