/* upkeep.h: data upkeep from the keyboard: the forms that log and edit an
 * event, enter or correct a month's figure, add and edit a partner, and
 * the confirmed one-key writes (delete an event, clear a figure, archive).
 * Each write is one core call: one transaction, one audit entry per value
 * changed. The callers are the portfolio, partner and drill-down views. */
#ifndef BPW_UPKEEP_H
#define BPW_UPKEEP_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "event.h"
#include "observation.h"

struct app;

/* The form that logs an event for the partner (today by default). */
void upkeep_log_event(struct app *a, int64_t partner_id);

/* The form that edits event e (its fields are copied). */
void upkeep_edit_event(struct app *a, const struct event *e);

/* Deletes event id (the caller asked first); says so, reloads. */
void upkeep_delete_event(struct app *a, int64_t id);

/* The form that enters or corrects the figure of a metric (its key) for
 * a month (period, YYYY-MM-01; the form lets it be changed), a segment
 * (segment: "" the total, or one of segments, which the form offers) and
 * a source; it opens on the stored value, the partner-reported one where
 * there is one. */
void upkeep_edit_figure(struct app *a, int64_t partner_id, const char *metric,
			const char *period, const char *segment,
			const char *const *segments, size_t nsegs);

/* The stored figure of partner_id's metric in period (YYYY-MM-01) for
 * segment ("" the total): the partner-reported one where there is one,
 * else the client-measured; false when neither is stored. */
bool upkeep_stored_figure(struct app *a, int64_t partner_id, const char *metric,
			  const char *period, const char *segment,
			  enum obs_source *source, double *value);

/* Clears the figure (the caller asked first); says so, reloads. */
void upkeep_clear_figure(struct app *a, int64_t partner_id, const char *metric,
			 const char *period, const char *segment,
			 enum obs_source source);

/* The form that adds a partner (id 0) or edits partner id. */
void upkeep_edit_partner(struct app *a, int64_t partner_id);

/* The form that archives partner id or brings it back: the partner is
 * chosen from all of them (archived ones marked), preset to partner_id. */
void upkeep_archive(struct app *a, int64_t partner_id);

/* The form that sets, changes (corrects in place, or renegotiates from a
 * month) or ends a contract target of the partner. */
void upkeep_target(struct app *a, int64_t partner_id);

#endif
