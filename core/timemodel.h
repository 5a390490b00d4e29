/* timemodel.h: the one answer to "as of when?" that the dashboard, check,
 * explain and the reports share: which month is judged, up to which day
 * events, audits and meetings count, and when a month's figures are due. */
#ifndef BPW_TIMEMODEL_H
#define BPW_TIMEMODEL_H

#include <stdbool.h>

#include "date.h"
#include "error.h"
#include "store.h"

#define TIMEMODEL_DUE_DAY 10	/* figures_due_day when the config is silent */

/* The date (YYYY-MM-DD) by which the figures of month p (YYYY-MM...) are
 * due: day due_day (1-28) of the month after it. */
void timemodel_due_date(const char *p, int due_day, char out[DATE_LEN]);

/* The latest month (YYYY-MM-01) whose figures are due by today. */
void timemodel_due_month(const char *today, int due_day, char out[DATE_LEN]);

/* The month judged on today: the latest month whose figures are due by
 * today, or the month after it (never today's own month) once every active
 * partner that reported figures for the due month has reported that month
 * too. One early row from one partner moves nothing. */
int timemodel_judged(struct store *st, const char *today, int due_day,
		     char out[DATE_LEN], struct bpw_error *err);

/* The last day (YYYY-MM-DD) that counts when month as_of is judged on
 * today: today when as_of is the due month or later (events, audits and
 * meetings after its end count, up to today); an earlier month is judged as
 * it stood at its last day. */
void timemodel_until(const char *as_of, const char *today, int due_day,
		     char out[DATE_LEN]);

/* True when a value of month period, shown beside a judgement of as_of,
 * must say which month it is from (it is not as_of's). */
bool timemodel_is_older(const char *period, const char *as_of);

/* The month of period as a reader sees it beside the judged month: "Sep"
 * within the same or the previous year, "Sep 2024" before that. */
void timemodel_month_label(const char *period, const char *as_of, char *out,
			   size_t n);

#endif
