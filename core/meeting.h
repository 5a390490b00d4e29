/* meeting.h: review meetings with a partner: each keeps its notes and the
 * partner's indicator statuses when it began, raises follow-up actions,
 * and when closed stores its minutes as a "meeting" event. The next one
 * starts from the actions still open and what changed since. */
#ifndef BPW_MEETING_H
#define BPW_MEETING_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "action.h"
#include "date.h"
#include "error.h"
#include "event.h"
#include "store.h"
#include "strbuf.h"

struct meeting {
	int64_t id, partner_id;
	char started[DATE_LEN];		/* YYYY-MM-DD */
	char closed[DATE_LEN];		/* "" while it runs */
	int64_t event_id;		/* the event of its minutes once closed,
					 * else 0 */
	char *notes;
	char *statuses;			/* "key=status" lines when it began */
};

struct meeting_list {
	struct meeting *items;		/* by start, oldest first */
	size_t count;
};

/* The partner's running meeting, or a new one begun today with statuses
 * (the indicator statuses as "key=status" lines) when none runs. *created
 * (may be NULL) says which. meeting_clear frees out. */
int meeting_open(struct store *st, int64_t partner_id, const char *today,
		 const char *statuses, struct meeting *out, bool *created,
		 struct bpw_error *err);

/* The partner's running meeting into out (*found false when none runs);
 * it writes nothing. meeting_clear frees out. */
int meeting_running(struct store *st, int64_t partner_id, struct meeting *out,
		    bool *found, struct bpw_error *err);

/* The review meetings held with a partner between from and to (inclusive;
 * NULL: open-ended), oldest first: every event of the meeting kind, those
 * a meeting closed here wrote (its minutes) and those logged or imported
 * alike. What counts as a meeting held, for the meeting screen and the
 * reports. event_list_free frees out. */
int meeting_held(struct store *st, int64_t partner_id, const char *from, const char *to,
		 struct event_list *out, struct bpw_error *err);

/* The last closed meeting before meeting id (id 0: the last of all) into
 * out; *found false when there was none. */
int meeting_previous(struct store *st, int64_t partner_id, int64_t id,
		     struct meeting *out, bool *found, struct bpw_error *err);

/* Saves the running meeting's notes (one audited write). */
int meeting_set_notes(struct store *st, int64_t id, const char *notes,
		      struct bpw_error *err);

/* Closes meeting id on day today: its minutes become a "meeting" event
 * (title "Review meeting", detail minutes) in the same transaction;
 * *event_id (may be NULL) gets the event. BPW_EINVAL when it is closed. */
int meeting_close(struct store *st, int64_t id, const char *today,
		  const char *minutes, int64_t *event_id, struct bpw_error *err);

/* The partner's meetings begun between from and to (inclusive; NULL:
 * open-ended), oldest first; partner_id 0: all partners. */
int meeting_list(struct store *st, int64_t partner_id, const char *from,
		 const char *to, struct meeting_list *out, struct bpw_error *err);

/* The status of indicator key in "key=status" lines, or NULL (points into
 * lines; len gets its length). */
const char *meeting_status_of(const char *lines, const char *key, size_t *len);

/* Writes the minutes of m: notes, the actions raised in it, those carried
 * over still open (with their age on today), those closed since it began,
 * and changes (lines given by the caller: what changed since the last
 * meeting). */
void meeting_minutes(const struct meeting *m, const struct action_list *actions,
		     const char *today, const char *changes, struct strbuf *out);

/* Frees what m holds; NULL is allowed. */
void meeting_clear(struct meeting *m);
void meeting_list_free(struct meeting_list *l);

#endif
