/* report_doc.c: what the QBR pack says and in which order, once for every
 * document format: the portfolio summary that ranks the partners (left
 * out of a one-partner pack), then per partner its facts,
 * indicators, metrics, audits, events, open actions, the quarter's review
 * meetings and action history; an appendix
 * explains every status that is not OK. */
#include "report_doc.h"

#include <math.h>
#include <stdio.h>
#include <string.h>

#include "explain.h"

/* The monthly QA metric, named apart from an audit's checklist score. */
#define QA_METRIC "qa_score"

struct doc {
	const struct report *r;
	const struct report_doc_ops *o;
	struct strbuf *b;
	FILE *f;		/* where b goes as it is made (NULL: held) */
};

/* What b holds so far to d->f, but its last byte: a writer looks at
 * whether anything came before (Markdown's blank line between blocks),
 * never further back. */
static void doc_flush(struct doc *d)
{
	strbuf_flush(d->b, d->f, 1);
}

static void add(struct doc *d, const char *s)
{
	strbuf_add(d->b, s);
}

static void text(struct doc *d, const char *s)
{
	d->o->text(d->b, s ? s : "");
}

/* A paragraph or heading of plain wording. */
static void heading(struct doc *d, int level, const char *s)
{
	d->o->heading(d->b, level, true);
	add(d, s);
	d->o->heading(d->b, level, false);
}

static void para(struct doc *d, bool note, const char *s)
{
	d->o->para(d->b, note, true);
	add(d, s);
	d->o->para(d->b, note, false);
}

static void cell_open(struct doc *d, const char *cls)
{
	d->o->cell(d->b, cls, true);
}

static void cell_close(struct doc *d)
{
	d->o->cell(d->b, NULL, false);
}

/* A cell holding one datum. */
static void cell_text(struct doc *d, const char *cls, const char *s)
{
	cell_open(d, cls);
	text(d, s);
	cell_close(d);
}

static void badge_of(struct doc *d, const struct partner_result *pr)
{
	if (pr)
		d->o->badge(d->b, pr->status, NULL);
	else
		d->o->badge(d->b, STATUS_NA, "not judged");
}

static const char *verdict_class(int verdict)
{
	return verdict > 0 ? "better" : verdict < 0 ? "worse" : "same";
}

/* ---- the portfolio summary ---- */

/* The pack's quarter, the day of its statuses and of its actions. */
static void intro(struct doc *d)
{
	const struct report *r = d->r;
	char line[200], months[48];

	snprintf(line, sizeof(line), "%s. Statuses at %s; actions as of %s. "
		 "%zu partner%s.", quarter_months(&r->q, months, sizeof(months)),
		 r->judged, r->date, r->count, r->count == 1 ? "" : "s");
	para(d, true, line);
}

static void summary_head(struct doc *d)
{
	static const char *const heads[] = { "Rank", "Partner", "Status", "Health",
					     "Change", "Previous quarter", "Not OK",
					     "Headline" };
	int s;

	heading(d, 2, "Portfolio summary");
	d->o->list(d->b, true);
	for (s = STATUS_ALERT; s >= STATUS_OK; s--) {
		size_t now, prev;

		report_count(d->r, (enum status)s, &now, &prev);
		d->o->item(d->b, true);
		d->o->badge(d->b, (enum status)s, NULL);
		strbuf_addf(d->b, ": %zu (previous quarter %zu)", now, prev);
		d->o->item(d->b, false);
	}
	d->o->list(d->b, false);
	d->o->table(d->b, 8, heads, "rllrrlll", true);
}

/* The indicator that says most about the partner: the worst status, of
 * those the heaviest, of those the first; NULL when all are OK. */
static const struct indicator_result *headline_of(const struct partner_result *pr)
{
	const struct indicator_result *best = NULL;
	size_t i;

	for (i = 0; pr && i < pr->ninds; i++) {
		const struct indicator_result *ir = &pr->inds[i];

		if (ir->status <= STATUS_OK)
			continue;
		if (best == NULL || ir->status > best->status ||
		    (ir->status == best->status && ir->ind->weight > best->ind->weight))
			best = ir;
	}
	return best;
}

/* The headline of ir: the first clause (up to "; ") of the reason of the
 * rule that decided its status, else of the indicator's reason. */
static void headline_text(struct doc *d, const struct indicator_result *ir)
{
	const char *why = ir->reason, *end;
	struct strbuf clause = { 0 };
	size_t j;

	for (j = 0; j < ir->nrules; j++)
		if (ir->rules[j].status == ir->status && ir->rules[j].reason) {
			why = ir->rules[j].reason;
			break;
		}
	why = why ? why : "";
	end = strstr(why, "; ");
	strbuf_addn(&clause, why, end ? (size_t)(end - why) : strlen(why));
	text(d, strbuf_str(&clause));
	strbuf_free(&clause);
}

static void summary_row(struct doc *d, const struct report_partner *rp, size_t rank)
{
	const struct indicator_result *top = headline_of(rp->now);
	size_t i, bad = 0;

	d->o->row(d->b, true);
	cell_open(d, "n");
	strbuf_addf(d->b, "%zu", rank);
	cell_close(d);
	cell_open(d, NULL);
	text(d, rp->partner.name);
	add(d, " (");
	text(d, rp->partner.code);
	add(d, ")");
	cell_close(d);
	cell_open(d, NULL);
	badge_of(d, rp->now);
	cell_close(d);
	cell_open(d, "n");
	if (rp->now)
		strbuf_addf(d->b, "%.0f", rp->now->health);
	cell_close(d);
	cell_open(d, "n");
	if (rp->now && rp->prev && !isnan(rp->now->health) && !isnan(rp->prev->health)) {
		double up = rp->now->health - rp->prev->health;

		strbuf_addf(d->b, up == 0 ? "%.0f" : "%+.0f", up);
	}
	cell_close(d);
	cell_open(d, NULL);
	badge_of(d, rp->prev);
	if (rp->prev)
		strbuf_addf(d->b, " (%.0f)", rp->prev->health);
	cell_close(d);
	cell_open(d, NULL);
	for (i = 0; rp->now && i < rp->now->ninds; i++) {
		const struct indicator_result *ir = &rp->now->inds[i];

		if (ir->status <= STATUS_OK)
			continue;
		add(d, bad++ ? ", " : "");
		d->o->tag(d->b, true);
		text(d, ir->ind->title);
		add(d, " (");
		d->o->badge(d->b, ir->status, NULL);
		add(d, ")");
		d->o->tag(d->b, false);
	}
	cell_close(d);
	cell_open(d, NULL);
	if (top) {
		text(d, top->ind->title);
		add(d, ": ");
		headline_text(d, top);
	} else if (rp->now) {
		add(d, "All indicators OK.");
	}
	cell_close(d);
	d->o->row(d->b, false);
}

/* ---- a partner ---- */

/* "Label value" parts of the partner's line, joined by ". ". */
static void fact(struct doc *d, const char *label, const char *v, bool *first)
{
	if (v == NULL || *v == '\0')
		return;
	add(d, *first ? "" : ". ");
	add(d, label);
	text(d, v);
	*first = false;
}

static void partner_head(struct doc *d, const struct report_partner *rp)
{
	const struct partner *p = &rp->partner;
	struct strbuf site = { 0 };
	bool first = true;

	d->o->heading(d->b, 2, true);
	text(d, p->name);
	add(d, " (");
	text(d, p->code);
	add(d, ")");
	d->o->heading(d->b, 2, false);
	d->o->para(d->b, true, true);
	strbuf_add(&site, p->site);
	strbuf_add(&site, *p->site && *p->country ? ", " : "");
	strbuf_add(&site, p->country);
	fact(d, "Site: ", strbuf_str(&site), &first);
	strbuf_free(&site);
	fact(d, "Services: ", p->services, &first);
	fact(d, "Owner: ", p->owner, &first);
	fact(d, "Contract until ", p->contract_end, &first);
	add(d, first ? "" : ".");
	d->o->para(d->b, true, false);

	d->o->para(d->b, false, true);
	d->o->strong(d->b, true);
	add(d, "Overall:");
	d->o->strong(d->b, false);
	add(d, " ");
	badge_of(d, rp->now);
	if (rp->now)
		strbuf_addf(d->b, ", health %.0f", rp->now->health);
	add(d, " (previous quarter: ");
	badge_of(d, rp->prev);
	if (rp->prev)
		strbuf_addf(d->b, ", health %.0f", rp->prev->health);
	add(d, ").");
	d->o->para(d->b, false, false);
}

static void indicators(struct doc *d, const struct report_partner *rp)
{
	static const char *const heads[] = { "Indicator", "Status",
					     "Previous quarter", "Reason" };
	char title[64];
	size_t i;

	if (rp->now == NULL)
		return;
	snprintf(title, sizeof(title), "Indicators at %s", d->r->judged);
	heading(d, 3, title);
	d->o->table(d->b, 4, heads, "llll", true);
	for (i = 0; i < rp->now->ninds; i++) {
		const struct indicator_result *ir = &rp->now->inds[i];
		const struct indicator_result *was =
			rp->prev && i < rp->prev->ninds ? &rp->prev->inds[i] : NULL;

		d->o->row(d->b, true);
		cell_text(d, NULL, ir->ind->title);
		cell_open(d, NULL);
		d->o->badge(d->b, ir->status, NULL);
		cell_close(d);
		cell_open(d, NULL);
		if (was)
			d->o->badge(d->b, was->status, NULL);
		cell_close(d);
		cell_text(d, NULL, ir->reason);
		d->o->row(d->b, false);
	}
	d->o->table(d->b, 4, heads, "llll", false);
}

/* The figure of quarter w, marked when partial; true when it was. */
static bool figure(struct doc *d, const struct report_metric *rm,
		   enum report_when w)
{
	char v[48];

	cell_open(d, "n");
	text(d, report_value(rm, w, v, sizeof(v)));
	if (report_partial(rm, w))
		add(d, d->o->partial);
	cell_close(d);
	return report_partial(rm, w);
}

/* A key metric's name as the pack says it (the QA metric named apart
 * from an audit's checklist score). */
static void metric_name(struct doc *d, const struct report_metric *rm)
{
	text(d, rm->m->name);
	if (strcmp(rm->m->key, QA_METRIC) == 0)
		add(d, " (monthly metric)");
}

/* The key metrics' charts as a grid below the table (formats with
 * ops->charts). */
static void metric_charts(struct doc *d, const struct report_partner *rp)
{
	size_t i;

	d->o->charts(d->b, true);
	for (i = 0; i < rp->nmetrics; i++) {
		d->o->figure(d->b, &rp->metrics[i], true);
		metric_name(d, &rp->metrics[i]);
		d->o->figure(d->b, &rp->metrics[i], false);
	}
	d->o->charts(d->b, false);
}

static void metrics(struct doc *d, const struct report_partner *rp)
{
	char q[3][16], last[32], c[48];
	const char *heads[] = { "Metric", q[0], q[1], "Change", q[2], "Change",
				last };
	bool partial = false, apart = d->o->charts != NULL;
	size_t i, ncols = apart ? 6 : 7;

	if (rp->nmetrics == 0)
		return;
	quarter_label(&d->r->q, q[0], sizeof(q[0]));
	quarter_label(&d->r->prev, q[1], sizeof(q[1]));
	quarter_label(&d->r->year_ago, q[2], sizeof(q[2]));
	snprintf(last, sizeof(last), "Last %d months", REPORT_SPARK_MONTHS);
	heading(d, 3, "Key metrics");
	d->o->table(d->b, ncols, heads, "lrrlrll", true);
	for (i = 0; i < rp->nmetrics; i++) {
		const struct report_metric *rm = &rp->metrics[i];
		enum report_when w;

		d->o->row(d->b, true);
		cell_open(d, NULL);
		metric_name(d, rm);
		cell_close(d);
		partial |= figure(d, rm, WHEN_NOW);
		for (w = WHEN_PREV; w <= WHEN_YEAR_AGO; w++) {
			int verdict;

			partial |= figure(d, rm, w);
			report_change(rm, w, &verdict, c, sizeof(c));
			cell_open(d, verdict_class(verdict));
			text(d, c);
			if (verdict) {
				add(d, " ");
				add(d, report_verdict_word(verdict));
			}
			cell_close(d);
		}
		if (!apart) {
			cell_open(d, NULL);
			d->o->spark(d->b, rm);
			cell_close(d);
		}
		d->o->row(d->b, false);
	}
	d->o->table(d->b, ncols, heads, "lrrlrll", false);
	if (partial) {
		d->o->para(d->b, true, true);
		add(d, d->o->partial);
		add(d, " fewer than three months with figures.");
		d->o->para(d->b, true, false);
	}
	if (apart)
		metric_charts(d, rp);
}

static void failed_item(const struct report_failed *f, void *ctx)
{
	struct doc *d = ctx;

	d->o->item(d->b, true);
	text(d, f->section->title);
	add(d, ": ");
	text(d, f->item->text);
	add(d, " (");
	text(d, f->answer);
	add(d, f->item->critical ? ", critical" : "");
	if (*f->note) {
		add(d, ": ");
		text(d, f->note);
	}
	add(d, ")");
	d->o->item(d->b, false);
}

static void audits(struct doc *d, const struct report_partner *rp)
{
	static const char *const heads[] = { "Date", "Checklist", "Reviewer",
					     "Audit score (checklist)", "Result" };
	char title[48], q[16];
	size_t i;

	snprintf(title, sizeof(title), "QA audits in %s",
		 quarter_label(&d->r->q, q, sizeof(q)));
	heading(d, 3, title);
	if (rp->naudits == 0) {
		para(d, false, "No final audit in the quarter.");
		return;
	}
	d->o->table(d->b, 5, heads, "lllrl", true);
	for (i = 0; i < rp->naudits; i++) {
		const struct qa_review *a = &rp->audits[i];
		bool pass = report_audit_passed(a);

		d->o->row(d->b, true);
		cell_text(d, "date", a->date);
		cell_open(d, NULL);
		text(d, a->tpl.name);
		strbuf_addf(d->b, " v%d", a->tpl.version);
		cell_close(d);
		cell_text(d, NULL, a->reviewer);
		cell_open(d, "n");
		if (!isnan(a->shown))
			strbuf_addf(d->b, "%.1f%%", a->shown);
		cell_close(d);
		cell_open(d, NULL);
		if (isnan(a->shown))
			add(d, "not scored");
		else
			d->o->badge(d->b, pass ? STATUS_OK : STATUS_ALERT,
				    pass ? "pass" : "FAIL");
		add(d, a->failed ? ", critical item failed" : "");
		cell_close(d);
		d->o->row(d->b, false);
	}
	d->o->table(d->b, 5, heads, "lllrl", false);
	if (report_metric_find(rp, QA_METRIC))
		para(d, true, "The audit score (checklist) is the share of weighted points "
		     "our auditor gave on the checklist; the QA score (monthly metric) "
		     "is the figure reported for every month.");
	for (i = 0; i < rp->naudits; i++) {
		char line[64];

		if (report_failed_items(&rp->audits[i], NULL, NULL) == 0)
			continue;
		snprintf(line, sizeof(line), "Failed items of the audit of %s:",
			 rp->audits[i].date);
		para(d, false, line);
		d->o->list(d->b, true);
		report_failed_items(&rp->audits[i], failed_item, d);
		d->o->list(d->b, false);
	}
}

static void events(struct doc *d, const struct report_partner *rp)
{
	static const char *const heads[] = { "Date", "Kind", "Title", "Detail" };
	char title[48], q[16];
	size_t i;

	snprintf(title, sizeof(title), "Events in %s",
		 quarter_label(&d->r->q, q, sizeof(q)));
	heading(d, 3, title);
	if (rp->events.count == 0) {
		para(d, false, "No events recorded in the quarter.");
		return;
	}
	d->o->table(d->b, 4, heads, "llll", true);
	for (i = 0; i < rp->events.count; i++) {
		const struct event *e = &rp->events.items[i];

		d->o->row(d->b, true);
		cell_text(d, "date", e->date);
		cell_text(d, NULL, event_kind_label(e->kind));
		cell_text(d, NULL, e->title);
		cell_text(d, "detail", e->detail);
		d->o->row(d->b, false);
	}
	d->o->table(d->b, 4, heads, "llll", false);
}

static void actions(struct doc *d, const struct report_partner *rp)
{
	static const char *const heads[] = { "Due", "Action", "Owner", "Since",
					     "Overdue" };
	size_t i;

	heading(d, 3, "Open actions");
	if (rp->actions.count == 0) {
		para(d, false, "No open actions.");
		return;
	}
	d->o->table(d->b, 5, heads, "lllll", true);
	for (i = 0; i < rp->actions.count; i++) {
		const struct follow_up *a = &rp->actions.items[i];

		d->o->row(d->b, true);
		cell_text(d, "date", a->due[0] ? a->due : "none");
		cell_text(d, NULL, a->text);
		cell_text(d, NULL, a->owner);
		cell_text(d, "date", a->created);
		cell_open(d, NULL);
		if (a->due[0] && strcmp(a->due, d->r->date) < 0) {
			d->o->strong(d->b, true);
			d->o->badge(d->b, STATUS_ALERT, "OVERDUE");
			d->o->strong(d->b, false);
		}
		cell_close(d);
		d->o->row(d->b, false);
	}
	d->o->table(d->b, 5, heads, "lllll", false);
}

/* A review meeting recorded only as an event (logged or imported), not
 * as the minutes of a meeting held in the dashboard. */
static bool meeting_event_only(const struct report_partner *rp, const struct event *e)
{
	size_t i;

	if (e->kind != EVENT_MEETING)
		return false;
	for (i = 0; i < rp->meetings.count; i++)
		if (rp->meetings.items[i].event_id == e->id)
			return false;
	return true;
}

static void meeting_held_item(struct doc *d, const struct meeting *m)
{
	d->o->item(d->b, true);
	text(d, m->started);
	if (m->closed[0] && strcmp(m->closed, m->started) != 0) {
		add(d, " to ");
		text(d, m->closed);
	}
	add(d, m->closed[0] ? ": held in the dashboard: " :
	    ": held in the dashboard (still running): ");
	text(d, m->notes && *m->notes ? m->notes : "no notes");
	d->o->item(d->b, false);
}

static void meeting_event_item(struct doc *d, const struct event *e)
{
	d->o->item(d->b, true);
	add(d, e->date);
	add(d, ": ");
	text(d, e->title);
	add(d, " (recorded as an event, not held in the dashboard)");
	d->o->item(d->b, false);
}

/* The quarter's review meetings however they were recorded: held in the
 * dashboard (m, its minutes then an event) or logged or imported as a
 * review-meeting event; each counted once, in date order. */
static void meetings(struct doc *d, const struct report_partner *rp)
{
	char h[64], q[16], line[160];
	size_t i, j = 0, held = rp->meetings.count, logged = 0;

	for (i = 0; i < rp->events.count; i++)
		logged += meeting_event_only(rp, &rp->events.items[i]);
	snprintf(h, sizeof(h), "Review meetings in %s", quarter_label(&d->r->q, q, sizeof(q)));
	heading(d, 3, h);
	if (held + logged == 0) {
		para(d, false, "No review meeting in the quarter: none held in the "
		     "dashboard, none recorded as an event.");
		return;
	}
	snprintf(line, sizeof(line), "%zu review meeting%s in the quarter: %zu held in "
		 "the dashboard, %zu recorded as an event.", held + logged,
		 held + logged == 1 ? "" : "s", held, logged);
	para(d, false, line);
	d->o->list(d->b, true);
	for (i = 0; i < rp->events.count; i++) {
		const struct event *e = &rp->events.items[i];

		if (!meeting_event_only(rp, e))
			continue;
		for (; j < held && strcmp(rp->meetings.items[j].started, e->date) <= 0; j++)
			meeting_held_item(d, &rp->meetings.items[j]);
		meeting_event_item(d, e);
	}
	for (; j < held; j++)
		meeting_held_item(d, &rp->meetings.items[j]);
	d->o->list(d->b, false);
}

/* Whether action a is in the open actions listed above. */
static bool listed_open(const struct report_partner *rp, const struct follow_up *a)
{
	size_t i;

	for (i = 0; i < rp->actions.count; i++)
		if (rp->actions.items[i].id == a->id)
			return true;
	return false;
}

/* Actions raised or closed in the quarter, whatever became of them; the
 * ones still open are in the open actions already and are counted, not
 * listed twice. */
static void history(struct doc *d, const struct report_partner *rp)
{
	static const char *const heads[] = { "Raised", "Action", "Owner", "Due", "Status",
					     "Closed" };
	char h[64], q[16], n[96];
	size_t i, open = 0;

	snprintf(h, sizeof(h), "Action history in %s", quarter_label(&d->r->q, q, sizeof(q)));
	heading(d, 3, h);
	if (rp->history.count == 0) {
		para(d, false, "No action was raised or closed this quarter.");
		return;
	}
	for (i = 0; i < rp->history.count; i++)
		open += listed_open(rp, &rp->history.items[i]);
	if (open == rp->history.count)
		snprintf(n, sizeof(n), "The %zu action%s raised this quarter %s still open "
			 "(see Open actions).", open, open == 1 ? "" : "s",
			 open == 1 ? "is" : "are");
	else if (open > 0)
		snprintf(n, sizeof(n), "%zu action%s raised this quarter %s still open (see "
			 "Open actions); the others:", open, open == 1 ? "" : "s",
			 open == 1 ? "is" : "are");
	if (open > 0)
		para(d, false, n);
	if (open == rp->history.count)
		return;
	d->o->table(d->b, 6, heads, "llllll", true);
	for (i = 0; i < rp->history.count; i++) {
		const struct follow_up *a = &rp->history.items[i];

		if (listed_open(rp, a))
			continue;
		d->o->row(d->b, true);
		cell_text(d, "date", a->created);
		cell_text(d, NULL, a->text);
		cell_text(d, NULL, a->owner);
		cell_text(d, "date", a->due[0] ? a->due : "none");
		cell_text(d, NULL, action_status_name(a->status));
		cell_text(d, "date", a->closed[0] ? a->closed : "");
		d->o->row(d->b, false);
	}
	d->o->table(d->b, 6, heads, "llllll", false);
}

/* Appends p[0..n) to b with each run of spaces (a terminal's alignment)
 * as one space and none at either end. */
static void squeeze(struct strbuf *b, const char *p, size_t n)
{
	size_t i, start = b->len;

	for (i = 0; i < n; i++) {
		if (p[i] == ' ' && (b->len == start || i + 1 == n || p[i + 1] == ' '))
			continue;
		strbuf_addn(b, p + i, 1);
	}
}

/* The explain text of the appendix laid out as the rest of the pack:
 * a line at the margin is a paragraph (the first of a rule's block, its
 * verdict, in bold), an indented line an item of a list, and the figures
 * a rule read (indented twice) a table; runs of spaces that aligned the
 * text for a terminal are one space. */
static void explained(struct doc *d, const char *s)
{
	static const char *const heads[] = { "Figure read",
					     "Month, segment, source, value" };
	enum { NONE, LIST, TABLE } open = NONE;
	bool block_start = true;

	while (*s) {
		const char *end = strchr(s, '\n'), *body, *gap;
		size_t len = end ? (size_t)(end - s) : strlen(s), indent = 0, k, i;
		struct strbuf a = { 0 }, rest = { 0 };

		while (indent < len && s[indent] == ' ')
			indent++;
		body = s + indent;
		k = len - indent;
		for (gap = NULL, i = 1; indent >= 4 && gap == NULL && i < k; i++)
			if (body[i - 1] == ' ' && body[i] == ' ')
				gap = body + i - 1;
		squeeze(&a, body, gap ? (size_t)(gap - body) : k);
		if (gap)
			squeeze(&rest, gap, k - (size_t)(gap - body));
		if (open == TABLE && (indent < 4 || k == 0)) {
			d->o->table(d->b, 2, heads, "ll", false);
			open = NONE;
		}
		if (open == LIST && (indent < 2 || indent >= 4 || k == 0)) {
			d->o->list(d->b, false);
			open = NONE;
		}
		if (k == 0) {
			block_start = true;
		} else if (indent == 0) {
			d->o->para(d->b, false, true);
			if (block_start)
				d->o->strong(d->b, true);
			text(d, strbuf_str(&a));
			if (block_start)
				d->o->strong(d->b, false);
			d->o->para(d->b, false, false);
			block_start = false;
		} else if (indent < 4) {
			if (open != LIST)
				d->o->list(d->b, true);
			open = LIST;
			d->o->item(d->b, true);
			text(d, strbuf_str(&a));
			d->o->item(d->b, false);
		} else {
			if (open != TABLE)
				d->o->table(d->b, 2, heads, "ll", true);
			open = TABLE;
			d->o->row(d->b, true);
			cell_text(d, NULL, strbuf_str(&a));
			cell_text(d, NULL, strbuf_str(&rest));
			d->o->row(d->b, false);
		}
		strbuf_free(&a);
		strbuf_free(&rest);
		s += len + (end != NULL);
	}
	if (open == TABLE)
		d->o->table(d->b, 2, heads, "ll", false);
	if (open == LIST)
		d->o->list(d->b, false);
}

/* The appendix: for each partner, how its health score came about and
 * the whole arithmetic of every rule that did not say OK. */
static void appendix(struct doc *d)
{
	const struct report *r = d->r;
	size_t i, k, j;

	heading(d, 2, "Appendix: how each status was reached");
	para(d, true, "Each partner's health score with the indicator weights, then "
	     "every rule that is not OK: the figures it read, its thresholds with "
	     "the configuration file and line they come from, and the arithmetic. "
	     "The command bpowatch explain CODE shows the same for any rule.");
	for (i = 0; i < r->count; i++) {
		const struct partner_result *pr = r->partners[i].now;
		struct strbuf how = { 0 }, ok = { 0 };

		if (pr == NULL)
			continue;
		d->o->heading(d->b, 3, true);
		text(d, pr->code);
		add(d, " ");
		text(d, pr->name);
		d->o->heading(d->b, 3, false);
		explain_health_text_as(&r->eval, pr, EXPLAIN_PACK, &how);
		for (k = 0; k < pr->ninds; k++)
			for (j = 0; j < pr->inds[k].nrules; j++) {
				const struct rule_result *rr = &pr->inds[k].rules[j];

				if (rr->status == STATUS_OK || rr->status == STATUS_NA) {
					strbuf_addf(&ok, "%s%s", ok.len ? ", " : "",
						    rr->rule->key);
					continue;
				}
				strbuf_add(&how, "\n");
				explain_rule_text_as(&r->eval, rr, EXPLAIN_PACK, &how);
			}
		explained(d, strbuf_str(&how));
		if (ok.len) {
			d->o->para(d->b, true, true);
			add(d, "Rules at OK or not applying: ");
			text(d, strbuf_str(&ok));
			d->o->para(d->b, true, false);
		}
		strbuf_free(&how);
		strbuf_free(&ok);
		doc_flush(d);
	}
}

/* The partner's contract targets valid in the quarter: met or missed
 * each month, and the credits owed where the contract has them. Nothing
 * for a partner without targets. */
static void targets(struct doc *d, const struct report_partner *rp)
{
	const struct target_row *tr;
	char m[3][TARGET_MONTH_LEN], text[120], att[80], c[32], valid[40];
	const char *heads[] = { "Target", "Valid", m[0], m[1], m[2], "Attainment",
				"Credit owed" };
	size_t n, i, shown = 0;
	int k;

	tr = target_book_partner(&d->r->targets, rp->partner.id, &n);
	for (i = 0; i < n; i++)
		shown += tr[i].in_span;
	if (shown == 0)
		return;
	for (k = 0; k < 3; k++)
		snprintf(m[k], sizeof(m[k]), "%s", tr[0].a.m[k].month);
	heading(d, 3, "Contract targets");
	d->o->table(d->b, 7, heads, "llllllr", true);
	for (i = 0; i < n; i++) {
		const struct target_row *r = &tr[i];

		if (!r->in_span)
			continue;
		d->o->row(d->b, true);
		cell_text(d, NULL, target_text(r->t, r->label, r->unit, r->better, false,
					       text, sizeof(text)));
		cell_text(d, NULL, target_validity(r->t, valid, sizeof(valid)));
		for (k = 0; k < 3; k++)
			cell_text(d, r->a.m[k].verdict == TARGET_MISSED ? "worse" :
				  r->a.m[k].verdict == TARGET_MET ? "better" : NULL,
				  r->a.m[k].t ? target_verdict_name(r->a.m[k].verdict) :
				  "-");
		cell_text(d, NULL, target_attain_text(&r->a, att, sizeof(att)));
		if (r->t->has_credit)
			snprintf(c, sizeof(c), "%g%% of a monthly fee", r->a.credit);
		else
			snprintf(c, sizeof(c), "-");
		cell_text(d, r->t->has_credit ? "n" : NULL, c);
		d->o->row(d->b, false);
	}
	d->o->table(d->b, 7, heads, "llllllr", false);
}

void report_doc_write(const struct report *r, const struct report_doc_ops *ops,
		      struct strbuf *b)
{
	report_doc_write_to(r, ops, b, NULL);
}

void report_doc_write_to(const struct report *r, const struct report_doc_ops *ops,
			 struct strbuf *b, FILE *f)
{
	struct doc d = { r, ops, b, f };
	char title[64], q[16];
	size_t i;

	snprintf(title, sizeof(title), "Quarterly business review %s",
		 quarter_label(&r->q, q, sizeof(q)));
	ops->document(b, r, title, true);
	intro(&d);
	if (r->count > 1) {	/* one partner's pack starts with the partner */
		summary_head(&d);
		for (i = 0; i < r->count; i++)
			summary_row(&d, &r->partners[i], i + 1);
		ops->table(b, 0, NULL, NULL, false);
	}
	for (i = 0; i < r->count; i++) {
		const struct report_partner *rp = &r->partners[i];

		ops->section(b, r, i, true);
		partner_head(&d, rp);
		indicators(&d, rp);
		targets(&d, rp);
		metrics(&d, rp);
		if (ops->rest)
			ops->rest(b, true);
		audits(&d, rp);
		events(&d, rp);
		actions(&d, rp);
		meetings(&d, rp);
		history(&d, rp);
		if (ops->rest)
			ops->rest(b, false);
		ops->section(b, r, i, false);
		doc_flush(&d);
	}
	if (r->style.appendix && r->eval.traced)
		appendix(&d);
	else
		para(&d, true, "How to trace any status: bpowatch explain CODE "
		     "(or this report with --appendix).");
	ops->document(b, r, title, false);
	strbuf_flush(b, f, 0);
}
