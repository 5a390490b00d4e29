/* report_csv.c: the QBR pack as one tidy CSV table for spreadsheets and
 * pivot tables: one row per fact (a partner's overall status, an
 * indicator, a metric, an audit, a failed item, an event, an action),
 * the same columns for all and every cell one line, written by the sheet
 * writer that export uses (RFC 4180 or, with style.excel, German Excel's
 * dialect; text neutralised and guarded against formulas). The
 * explanations are a table of their own (report_explain_csv.c). */
#include "report.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "sheet.h"

#define COLUMNS(X) \
	X(QUARTER, "quarter") X(PARTNER, "partner") X(NAME, "partner_name") \
	X(SECTION, "section") X(ITEM, "item") X(STATUS, "status") \
	X(PREVIOUS_STATUS, "previous_status") X(VALUE, "value") \
	X(PREVIOUS_QUARTER, "previous_quarter") \
	X(YEAR_AGO, "same_quarter_last_year") X(UNIT, "unit") X(DATE, "date") \
	X(WHO, "who") X(DETAIL, "detail")

enum column {
#define X(e, n) COL_##e,
	COLUMNS(X)
#undef X
	NCOLS
};

/* A row being filled: text cells, and number cells (NaN: empty). */
struct row {
	char quarter[16];
	const char *text[NCOLS];
	double num[NCOLS];
	bool is_num[NCOLS];
};

static void row_init(struct row *r, const struct report *rep,
		     const struct report_partner *rp, const char *section)
{
	int i;

	memset(r, 0, sizeof(*r));
	for (i = 0; i < NCOLS; i++)
		r->num[i] = NAN;
	r->text[COL_QUARTER] = quarter_label(&rep->q, r->quarter, sizeof(r->quarter));
	r->text[COL_PARTNER] = rp->partner.code;
	r->text[COL_NAME] = rp->partner.name;
	r->text[COL_SECTION] = section;
}

static void set_num(struct row *r, enum column c, double v)
{
	r->is_num[c] = true;
	r->num[c] = v;
}

static void row_put(struct sheet *sh, const struct row *r)
{
	int i;

	for (i = 0; i < NCOLS; i++) {
		if (r->is_num[i])
			sheet_number(sh, r->num[i]);
		else	/* one line: a line break in a note shows as \n */
			sheet_text(sh, r->text[i]);
	}
}

static const char *status_or_empty(const struct partner_result *pr)
{
	return pr ? status_name(pr->status) : NULL;
}

static void overall(struct sheet *b, const struct report *rep,
		    const struct report_partner *rp)
{
	struct row r;

	row_init(&r, rep, rp, "overall");
	r.text[COL_ITEM] = "health";
	r.text[COL_STATUS] = status_or_empty(rp->now);
	r.text[COL_PREVIOUS_STATUS] = status_or_empty(rp->prev);
	r.text[COL_DATE] = rep->judged;
	if (rp->now)
		set_num(&r, COL_VALUE, rp->now->health);
	if (rp->prev)
		set_num(&r, COL_PREVIOUS_QUARTER, rp->prev->health);
	row_put(b, &r);
}

static void indicators(struct sheet *b, const struct report *rep,
		       const struct report_partner *rp)
{
	size_t i;

	for (i = 0; rp->now && i < rp->now->ninds; i++) {
		const struct indicator_result *ir = &rp->now->inds[i];
		struct row r;

		row_init(&r, rep, rp, "indicator");
		r.text[COL_ITEM] = ir->ind->title;
		r.text[COL_STATUS] = status_name(ir->status);
		if (rp->prev && i < rp->prev->ninds)
			r.text[COL_PREVIOUS_STATUS] =
				status_name(rp->prev->inds[i].status);
		r.text[COL_DATE] = rep->judged;
		r.text[COL_DETAIL] = ir->reason;
		row_put(b, &r);
	}
}

static void metrics(struct sheet *b, const struct report *rep,
		    const struct report_partner *rp)
{
	size_t i;

	for (i = 0; i < rp->nmetrics; i++) {
		const struct report_metric *rm = &rp->metrics[i];
		char note[96] = "";
		struct row r;

		row_init(&r, rep, rp, "metric");
		r.text[COL_ITEM] = rm->m->name;
		set_num(&r, COL_VALUE, report_shown(rm, WHEN_NOW));
		set_num(&r, COL_PREVIOUS_QUARTER, report_shown(rm, WHEN_PREV));
		set_num(&r, COL_YEAR_AGO, report_shown(rm, WHEN_YEAR_AGO));
		r.text[COL_UNIT] = rm->m->unit;
		if (report_partial(rm, WHEN_NOW) || report_partial(rm, WHEN_PREV) ||
		    report_partial(rm, WHEN_YEAR_AGO))
			snprintf(note, sizeof(note), "months with figures: %d, %d, %d",
				 rm->months[0], rm->months[1], rm->months[2]);
		r.text[COL_DETAIL] = note;
		row_put(b, &r);
	}
}

/* A row per month of each contract target valid in the quarter (met,
 * missed, no figure), and one with its attainment and the credits owed. */
static void targets(struct sheet *b, const struct report *rep,
		    const struct report_partner *rp)
{
	const struct target_row *tr;
	size_t n, i;
	char text[120], att[80], valid[40];
	int k;

	tr = target_book_partner(&rep->targets, rp->partner.id, &n);
	for (i = 0; i < n; i++) {
		const struct target_row *t = &tr[i];
		struct row r;

		if (!t->in_span)
			continue;
		target_text(t->t, t->label, t->unit, t->better, false, text, sizeof(text));
		target_validity(t->t, valid, sizeof(valid));
		for (k = 0; k < t->a.n; k++) {
			if (t->a.m[k].t == NULL)
				continue;
			row_init(&r, rep, rp, "target");
			r.text[COL_ITEM] = text;
			r.text[COL_STATUS] = target_verdict_name(t->a.m[k].verdict);
			set_num(&r, COL_VALUE, t->a.m[k].value);
			r.text[COL_UNIT] = t->unit;
			r.text[COL_DATE] = t->a.m[k].month;
			r.text[COL_DETAIL] = valid;
			row_put(b, &r);
		}
		row_init(&r, rep, rp, "target_attainment");
		r.text[COL_ITEM] = text;
		r.text[COL_STATUS] = target_attain_text(&t->a, att, sizeof(att));
		if (t->t->has_credit) {
			set_num(&r, COL_VALUE, t->a.credit);
			r.text[COL_UNIT] = "% of a monthly fee (credit owed)";
		}
		r.text[COL_DETAIL] = valid;
		row_put(b, &r);
	}
}

struct failed_ctx {
	struct sheet *b;
	const struct report *rep;
	const struct report_partner *rp;
	const struct qa_review *audit;
};

static void failed_item(const struct report_failed *f, void *ctx)
{
	const struct failed_ctx *c = ctx;
	struct strbuf item = { 0 };
	struct row r;

	strbuf_add(&item, f->section->title);
	strbuf_add(&item, ": ");
	strbuf_add(&item, f->item->text);
	row_init(&r, c->rep, c->rp, "failed_item");
	r.text[COL_ITEM] = strbuf_str(&item);
	r.text[COL_STATUS] = f->answer;
	r.text[COL_PREVIOUS_STATUS] = NULL;
	r.text[COL_UNIT] = f->item->critical ? "critical" : "";
	r.text[COL_DATE] = c->audit->date;
	r.text[COL_WHO] = c->audit->reviewer;
	r.text[COL_DETAIL] = f->note;
	row_put(c->b, &r);
	strbuf_free(&item);
}

static void audits(struct sheet *b, const struct report *rep,
		   const struct report_partner *rp)
{
	size_t i;

	for (i = 0; i < rp->naudits; i++) {
		const struct qa_review *a = &rp->audits[i];
		struct failed_ctx c = { b, rep, rp, a };
		char item[160];
		struct row r;

		row_init(&r, rep, rp, "audit");
		snprintf(item, sizeof(item), "%s v%d", a->tpl.name, a->tpl.version);
		r.text[COL_ITEM] = item;
		r.text[COL_STATUS] = isnan(a->shown) ? "not scored"
			: report_audit_passed(a) ? "pass" : "fail";
		set_num(&r, COL_VALUE, round(a->shown * 10) / 10);	/* as shown */
		r.text[COL_UNIT] = "%";
		r.text[COL_DATE] = a->date;
		r.text[COL_WHO] = a->reviewer;
		r.text[COL_DETAIL] = a->failed ? "critical item failed" : "";
		row_put(b, &r);
		report_failed_items(a, failed_item, &c);
	}
}

static void events(struct sheet *b, const struct report *rep,
		   const struct report_partner *rp)
{
	size_t i;

	for (i = 0; i < rp->events.count; i++) {
		const struct event *e = &rp->events.items[i];
		struct row r;

		row_init(&r, rep, rp, "event");
		r.text[COL_ITEM] = e->title;
		r.text[COL_STATUS] = event_kind_name(e->kind);
		r.text[COL_DATE] = e->date;
		r.text[COL_DETAIL] = e->detail;
		row_put(b, &r);
	}
}

static void actions(struct sheet *b, const struct report *rep,
		    const struct report_partner *rp)
{
	size_t i;

	for (i = 0; i < rp->actions.count; i++) {
		const struct follow_up *a = &rp->actions.items[i];
		char since[40];
		struct row r;

		row_init(&r, rep, rp, "action");
		r.text[COL_ITEM] = a->text;
		r.text[COL_STATUS] = a->due[0] && strcmp(a->due, rep->date) < 0
			? "overdue" : "open";
		r.text[COL_DATE] = a->due;
		r.text[COL_WHO] = a->owner;
		snprintf(since, sizeof(since), "since %s", a->created);
		r.text[COL_DETAIL] = since;
		row_put(b, &r);
	}
}

/* The quarter's meetings and action history, a row each. */
static void meetings(struct sheet *b, const struct report *rep,
		     const struct report_partner *rp)
{
	struct row r;
	size_t i;

	for (i = 0; i < rp->meetings.count; i++) {
		const struct meeting *m = &rp->meetings.items[i];

		row_init(&r, rep, rp, "meeting");
		r.text[COL_ITEM] = "review meeting";
		r.text[COL_STATUS] = m->closed[0] ? "closed" : "running";
		r.text[COL_DATE] = m->started;
		r.text[COL_DETAIL] = m->notes;
		row_put(b, &r);
	}
	for (i = 0; i < rp->history.count; i++) {
		const struct follow_up *a = &rp->history.items[i];

		row_init(&r, rep, rp, "action_history");
		r.text[COL_ITEM] = a->text;
		r.text[COL_STATUS] = action_status_name(a->status);
		r.text[COL_DATE] = a->created;
		r.text[COL_WHO] = a->owner;
		r.text[COL_DETAIL] = a->closed[0] ? a->closed : NULL;
		row_put(b, &r);
	}
}

void report_write_csv(const struct report *rep, struct strbuf *out, FILE *to)
{
	static const char *const names[] = {
#define X(e, n) n,
		COLUMNS(X)
#undef X
	};
	struct sheet *b;
	char *mem = NULL;
	size_t len = 0, i;
	FILE *f = to ? to : open_memstream(&mem, &len);

	if (f == NULL)
		return;
	b = sheet_open(f, rep->style.excel ? SHEET_EXCEL : SHEET_CSV, names, NCOLS);
	for (i = 0; i < rep->count; i++) {
		const struct report_partner *rp = &rep->partners[i];

		overall(b, rep, rp);
		indicators(b, rep, rp);
		targets(b, rep, rp);
		metrics(b, rep, rp);
		audits(b, rep, rp);
		events(b, rep, rp);
		actions(b, rep, rp);
		meetings(b, rep, rp);
	}
	sheet_close(b, NULL);
	if (to)
		return;
	fclose(f);
	strbuf_addn(out, mem ? mem : "", len);
	free(mem);
}
