/* export.c: partners, observations, events, actions, QA audits and targets written
 * as rows (sheet.c), in an order that depends on the data alone, so that
 * exporting again after a round trip gives the same file. */
#include "export.h"

#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "action.h"
#include "date.h"
#include "event.h"
#include "observation.h"
#include "partner.h"
#include "qa_export.h"
#include "qa_review.h"
#include "target.h"
#include "xalloc.h"

/* The columns of each type: the import's documented names. */
static const char *const partner_cols[] = {
	"code", "name", "site", "country", "services", "contract_start",
	"contract_end", "annual_value", "currency", "owner", "notes", "archived",
};
static const char *const observation_cols[] = {
	"partner", "metric", "period", "segment", "source", "value",
};
static const char *const event_cols[] = {
	"partner", "date", "kind", "title", "detail",
};
static const char *const action_cols[] = {
	"partner", "text", "owner", "due", "status", "created",
};

static const char *const target_cols[] = {
	"partner", "metric", "segment", "source", "target", "alert",
	"valid_from", "valid_until", "credit_pct", "note",
};

struct export_run {
	struct store *st;
	const struct export_opts *o;
	struct sheet *sh;
	struct partner_list partners;	/* by code; only o->partner if given */
	char from[DATE_LEN], to[DATE_LEN];	/* the dates selected ("": open) */
};

static int cmp_partner_code(const void *a, const void *b)
{
	const struct partner *x = a, *y = b;

	return strcasecmp(x->code, y->code);
}

/* The partners to export, by code: all, or the one o->partner names. */
static int load_partners(struct export_run *x, struct bpw_error *err)
{
	struct partner_list *l = &x->partners;
	struct partner one;
	int rc;

	if (x->o->partner) {
		rc = partner_find(x->st, x->o->partner, &one, err);
		if (rc != 0)
			return rc;
		l->items = xmalloc(sizeof(*l->items));
		l->items[0] = one;
		l->count = 1;
		return 0;
	}
	rc = partner_list(x->st, true, l, err);
	if (rc == 0)
		xqsort(l->items, l->count, sizeof(*l->items), cmp_partner_code);
	return rc;
}

/* The partner filter for queries that take an id (0: all). */
static int64_t partner_filter(const struct export_run *x)
{
	return x->o->partner ? x->partners.items[0].id : 0;
}

static bool in_dates(const struct export_run *x, const char *date)
{
	return (!x->from[0] || strcmp(date, x->from) >= 0) &&
	       (!x->to[0] || strcmp(date, x->to) <= 0);
}

static int write_partners(struct export_run *x, struct bpw_error *err)
{
	size_t i;

	(void)err;
	for (i = 0; i < x->partners.count; i++) {
		const struct partner *p = &x->partners.items[i];

		sheet_text(x->sh, p->code);
		sheet_text(x->sh, p->name);
		sheet_text(x->sh, p->site);
		sheet_text(x->sh, p->country);
		sheet_text(x->sh, p->services);
		sheet_word(x->sh, p->contract_start);
		sheet_word(x->sh, p->contract_end);
		if (p->has_value)
			sheet_number(x->sh, p->annual_value);
		else
			sheet_word(x->sh, NULL);
		sheet_text(x->sh, p->currency);
		sheet_text(x->sh, p->owner);
		sheet_note(x->sh, p->notes);
		sheet_flag(x->sh, p->archived);
	}
	return 0;
}

static void observation_row(const char *code, const struct observation *o,
			    void *ctx)
{
	struct export_run *x = ctx;
	char month[8];

	snprintf(month, sizeof(month), "%.7s", o->period);
	sheet_text(x->sh, code);
	sheet_word(x->sh, o->metric);
	sheet_word(x->sh, month);
	sheet_text(x->sh, o->segment);
	sheet_word(x->sh, obs_source_name(o->source));
	sheet_number(x->sh, o->value);
}

static int write_observations(struct export_run *x, struct bpw_error *err)
{
	return observation_each(x->st, partner_filter(x), x->o->from, x->o->to,
				observation_row, x, err);
}

/* Calls fn for each partner to export, in code order. */
static int each_partner(struct export_run *x,
			int (*fn)(struct export_run *x, const struct partner *p,
				  struct bpw_error *err),
			struct bpw_error *err)
{
	size_t i;
	int rc = 0;

	for (i = 0; rc == 0 && i < x->partners.count; i++)
		rc = fn(x, &x->partners.items[i], err);
	return rc;
}

static int events_of(struct export_run *x, const struct partner *p,
		     struct bpw_error *err)
{
	struct event_list l;
	size_t i;
	int rc;

	rc = event_list(x->st, p->id, x->from[0] ? x->from : NULL,
			x->to[0] ? x->to : NULL, &l, err);
	for (i = 0; rc == 0 && i < l.count; i++) {
		sheet_text(x->sh, p->code);
		sheet_word(x->sh, l.items[i].date);
		sheet_word(x->sh, event_kind_name(l.items[i].kind));
		sheet_text(x->sh, l.items[i].title);
		sheet_note(x->sh, l.items[i].detail);
	}
	event_list_free(&l);
	return rc;
}

static int write_events(struct export_run *x, struct bpw_error *err)
{
	return each_partner(x, events_of, err);
}

static int cmp_action(const void *a, const void *b)
{
	const struct follow_up *x = a, *y = b;
	int c = strcmp(x->created, y->created);

	return c ? c : (x->id > y->id) - (x->id < y->id);
}

/* A partner's actions by created date (then id), as import reads them. */
static int actions_of(struct export_run *x, const struct partner *p,
		      struct bpw_error *err)
{
	struct action_list l;
	size_t i;
	int rc;

	rc = action_list(x->st, p->id, false, &l, err);
	if (rc == 0)
		xqsort(l.items, l.count, sizeof(*l.items), cmp_action);
	for (i = 0; rc == 0 && i < l.count; i++) {
		const struct follow_up *a = &l.items[i];

		if (!in_dates(x, a->created))
			continue;
		sheet_text(x->sh, p->code);
		sheet_note(x->sh, a->text);
		sheet_text(x->sh, a->owner);
		sheet_word(x->sh, a->due);
		sheet_word(x->sh, action_status_name(a->status));
		sheet_word(x->sh, a->created);
	}
	action_list_free(&l);
	return rc;
}

static int write_actions(struct export_run *x, struct bpw_error *err)
{
	return each_partner(x, actions_of, err);
}

static int cmp_review(const void *a, const void *b)
{
	const struct qa_review_row *x = a, *y = b;
	int c = strcasecmp(x->partner_code, y->partner_code);

	if (c == 0)
		c = strcmp(x->date, y->date);
	return c ? c : (x->id > y->id) - (x->id < y->id);
}

/* The audits by partner, date and id (not newest first as `qa export`:
 * re-imported audits get ids in file order, so this order survives),
 * numbered in the file instead of by their ids, which differ between
 * databases. */
static int write_qa(struct export_run *x, struct bpw_error *err)
{
	struct qa_review_list l;
	int64_t *ids;
	size_t i, n = 0;
	int rc;

	rc = qa_review_list(x->st, partner_filter(x), x->o->cap, &l, err);
	if (rc != 0)
		return rc;
	xqsort(l.items, l.count, sizeof(*l.items), cmp_review);
	ids = xcalloc(l.count + 1, sizeof(*ids));
	for (i = 0; i < l.count; i++)
		if (in_dates(x, l.items[i].date))
			ids[n++] = l.items[i].id;
	rc = qa_export_rows(x->st, ids, n, x->o->cap, true, x->sh, err);
	free(ids);
	qa_review_list_free(&l);
	return rc;
}

/* A partner's targets by metric, segment, source and first month; with
 * dates, those valid some time between them. */
static int targets_of(struct export_run *x, const struct partner *p,
		      struct bpw_error *err)
{
	struct target_list l;
	size_t i;
	int rc;

	rc = target_list(x->st, p->id, &l, err);
	for (i = 0; rc == 0 && i < l.count; i++) {
		const struct target *t = &l.items[i];

		if ((x->to[0] && strncmp(t->from, x->to, 7) > 0) ||
		    (x->from[0] && t->until[0] && strncmp(t->until, x->from, 7) < 0))
			continue;
		sheet_text(x->sh, p->code);
		sheet_word(x->sh, t->metric);
		sheet_text(x->sh, t->segment);
		sheet_word(x->sh, t->source);
		sheet_number(x->sh, t->value);
		if (t->has_alert)
			sheet_number(x->sh, t->alert);
		else
			sheet_word(x->sh, NULL);
		sheet_word(x->sh, t->from);
		sheet_word(x->sh, t->until);
		if (t->has_credit)
			sheet_number(x->sh, t->credit_pct);
		else
			sheet_word(x->sh, NULL);
		sheet_note(x->sh, t->note);
	}
	target_list_free(&l);
	return rc;
}

static int write_targets(struct export_run *x, struct bpw_error *err)
{
	return each_partner(x, targets_of, err);
}

/* Each type's columns and writer. */
static const struct {
	const char *const *cols;
	size_t ncols;
	int (*write)(struct export_run *x, struct bpw_error *err);
} types[IMPORT_TYPE_COUNT] = {
#define COLS(a) a, sizeof(a) / sizeof(a[0])
	[IMPORT_PARTNERS] = { COLS(partner_cols), write_partners },
	[IMPORT_OBSERVATIONS] = { COLS(observation_cols), write_observations },
	[IMPORT_EVENTS] = { COLS(event_cols), write_events },
	[IMPORT_ACTIONS] = { COLS(action_cols), write_actions },
	[IMPORT_QA] = { qa_export_columns, QA_EXPORT_NCOLS, write_qa },
	[IMPORT_TARGETS] = { COLS(target_cols), write_targets },
#undef COLS
};

int export_write(struct store *st, const struct export_opts *o, FILE *f,
		 size_t *rows, struct bpw_error *err)
{
	struct export_run x = { .st = st, .o = o };
	int rc;

	if ((unsigned)o->type >= IMPORT_TYPE_COUNT || types[o->type].write == NULL)
		return bpw_error_set(err, BPW_EINVAL, "nothing to export of that type");
	if (o->from)
		snprintf(x.from, sizeof(x.from), "%s", o->from);
	if (o->to)
		period_last_day(o->to, x.to);
	rc = load_partners(&x, err);
	if (rc == 0) {
		x.sh = sheet_open(f, o->format, types[o->type].cols,
				  types[o->type].ncols);
		rc = types[o->type].write(&x, err);
		*rows = sheet_rows(x.sh);
		if (rc == 0)
			rc = sheet_close(x.sh, err);
		else
			sheet_close(x.sh, NULL);
	}
	partner_list_free(&x.partners);
	return rc;
}
