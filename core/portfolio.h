/* portfolio.h: the whole portfolio at a glance, loaded in one batch for the
 * overview screen (the indicator statuses join it in a later step). */
#ifndef BPW_PORTFOLIO_H
#define BPW_PORTFOLIO_H

#include <stdbool.h>
#include <stddef.h>

#include "date.h"
#include "error.h"
#include "partner.h"
#include "store.h"

struct portfolio_row {
	struct partner partner;
	char last_period[DATE_LEN];	/* latest month with data, "" if none */
	bool has_csat;
	double csat;			/* latest total CSAT, client-measured preferred */
	char csat_period[DATE_LEN];
	int open_actions, overdue_actions;
};

struct portfolio {
	struct portfolio_row *rows;
	size_t count;
	char latest_period[DATE_LEN];	/* latest month in the database */
};

/* Loads every active partner with its summary figures; actions due before
 * today count as overdue. portfolio_free releases it. */
int portfolio_load(struct store *st, const char *today, struct portfolio *out,
		   struct bpw_error *err);

/* Frees what p holds and empties it; NULL is allowed. */
void portfolio_free(struct portfolio *p);

#endif
