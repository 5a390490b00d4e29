/* report_md.c: the QBR pack as Markdown (CommonMark with GitHub tables),
 * for a wiki page or a slide tool. Every text from the database is
 * neutralised, kept on one line and backslash-escaped, so no name can
 * open a link, emphasis, HTML or a table cell of its own. */
#include "report.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "portfolio.h"
#include "sparkline.h"
#include "text.h"

/* Appends s for the inside of a Markdown line or table cell. At the start
 * of a line a leading list or heading marker is escaped too. */
static void esc(struct strbuf *b, const char *s, bool line_start)
{
	char *c = text_clean(s, TEXT_NEWLINES, -1);
	const char *p;

	for (p = c; *p; p++) {
		if (*p == '\n') {
			strbuf_add(b, " ");
			continue;
		}
		if (strchr("\\`*_[]<>|#~&!$", *p) ||
		    (line_start && p == c && strchr("-+=", *p)))
			strbuf_add(b, "\\");
		else if (line_start && (*p == '.' || *p == ')') && p > c &&
			 strspn(c, "0123456789") == (size_t)(p - c))
			strbuf_add(b, "\\");	/* "1. " would start a list */
		strbuf_addn(b, p, 1);
	}
	free(c);
}

static const char *status_or_none(const struct partner_result *pr)
{
	return pr ? status_label(pr->status) : "not judged";
}

/* "75.7% (-4.4 pts)" for a summary cell; "" without figures. */
static void summary_figure(struct strbuf *b, const struct report_partner *rp,
			   const char *key)
{
	const struct report_metric *rm = report_metric_find(rp, key);
	char v[48], d[48];
	int verdict;

	if (rm == NULL || isnan(rm->now))
		return;
	strbuf_add(b, report_value(rm, WHEN_NOW, v, sizeof(v)));
	if (report_partial(rm, WHEN_NOW))
		strbuf_add(b, "\\*");
	report_change(rm, WHEN_PREV, &verdict, d, sizeof(d));
	if (*d)
		strbuf_addf(b, " (%s)", d);
}

static void head(const struct report *r, struct strbuf *b)
{
	char q[16], months[48];
	int s;

	strbuf_addf(b, "# Quarterly business review %s\n\n",
		    quarter_label(&r->q, q, sizeof(q)));
	strbuf_addf(b, "%s. Statuses at %s; actions as of %s. %zu partner%s.\n\n",
		    quarter_months(&r->q, months, sizeof(months)),
		    r->judged, r->date,
		    r->count, r->count == 1 ? "" : "s");
	strbuf_add(b, "## Portfolio summary\n\n");
	for (s = STATUS_ALERT; s >= STATUS_OK; s--) {
		size_t now, prev;

		report_count(r, (enum status)s, &now, &prev);
		strbuf_addf(b, "- %s: %zu (previous quarter %zu)\n",
			    status_label((enum status)s), now, prev);
	}
	strbuf_add(b, "\n| Partner | Code | Status | Health | Previous quarter | "
		   "Not OK |");
	for (s = 0; s < PF_NSERIES; s++) {
		const char *key = portfolio_series_metric((enum pf_series)s);
		size_t m;

		for (m = 0; m < r->metrics.count; m++)
			if (strcmp(r->metrics.items[m].key, key) == 0)
				break;
		strbuf_add(b, " ");
		esc(b, m < r->metrics.count ? r->metrics.items[m].name : key, false);
		strbuf_add(b, " |");
	}
	strbuf_add(b, " Audits | Open actions |\n|---|---|---|---:|---|---|");
	for (s = 0; s < PF_NSERIES; s++)
		strbuf_add(b, "---:|");
	strbuf_add(b, "---:|---:|\n");
}

static void summary_row(const struct report_partner *rp, struct strbuf *b)
{
	size_t i, bad = 0;
	int s;

	strbuf_add(b, "| ");
	esc(b, rp->partner.name, false);
	strbuf_add(b, " | ");
	esc(b, rp->partner.code, false);
	strbuf_addf(b, " | %s | ", status_or_none(rp->now));
	if (rp->now)
		strbuf_addf(b, "%.0f", rp->now->health);
	strbuf_addf(b, " | %s", status_or_none(rp->prev));
	if (rp->prev)
		strbuf_addf(b, " (%.0f)", rp->prev->health);
	strbuf_add(b, " | ");
	for (i = 0; rp->now && i < rp->now->ninds; i++) {
		const struct indicator_result *ir = &rp->now->inds[i];

		if (ir->status <= STATUS_OK)
			continue;
		strbuf_add(b, bad++ ? ", " : "");
		esc(b, ir->ind->title, false);
		strbuf_addf(b, " (%s)", status_label(ir->status));
	}
	strbuf_add(b, " |");
	for (s = 0; s < PF_NSERIES; s++) {
		strbuf_add(b, " ");
		summary_figure(b, rp, portfolio_series_metric((enum pf_series)s));
		strbuf_add(b, " |");
	}
	strbuf_addf(b, " %zu | %zu", rp->naudits, rp->actions.count);
	if (rp->overdue)
		strbuf_addf(b, " (%zu overdue)", rp->overdue);
	strbuf_add(b, " |\n");
}

static void partner_head(const struct report *r, const struct report_partner *rp,
			 struct strbuf *b)
{
	const struct partner *p = &rp->partner;
	const char *sep = "";

	strbuf_add(b, "\n## ");
	esc(b, p->name, false);
	strbuf_add(b, " (");
	esc(b, p->code, false);
	strbuf_add(b, ")\n\n");
	if (*p->site || *p->country) {
		strbuf_add(b, "Site: ");
		esc(b, p->site, false);
		strbuf_add(b, *p->site && *p->country ? ", " : "");
		esc(b, p->country, false);
		sep = ". ";
	}
	if (*p->services) {
		strbuf_addf(b, "%sServices: ", sep);
		esc(b, p->services, false);
		sep = ". ";
	}
	if (*p->owner) {
		strbuf_addf(b, "%sOwner: ", sep);
		esc(b, p->owner, false);
		sep = ". ";
	}
	if (p->contract_end && *p->contract_end) {
		strbuf_addf(b, "%sContract until ", sep);
		esc(b, p->contract_end, false);
		sep = ". ";
	}
	strbuf_add(b, *sep ? ".\n\n" : "");
	strbuf_addf(b, "**Overall: %s**", status_or_none(rp->now));
	if (rp->now)
		strbuf_addf(b, ", health %.0f", rp->now->health);
	strbuf_addf(b, " (previous quarter: %s", status_or_none(rp->prev));
	if (rp->prev)
		strbuf_addf(b, ", health %.0f", rp->prev->health);
	strbuf_add(b, ").\n");
	(void)r;
}

static void indicators(const struct report *r, const struct report_partner *rp,
		       struct strbuf *b)
{
	size_t i;

	if (rp->now == NULL)
		return;
	strbuf_addf(b, "\n### Indicators at %s\n\n| Indicator | Status | "
		    "Previous quarter | Reason |\n|---|---|---|---|\n",
		    r->judged);
	for (i = 0; i < rp->now->ninds; i++) {
		const struct indicator_result *ir = &rp->now->inds[i];
		const struct indicator_result *was =
			rp->prev && i < rp->prev->ninds ? &rp->prev->inds[i] : NULL;

		strbuf_add(b, "| ");
		esc(b, ir->ind->title, false);
		strbuf_addf(b, " | %s | %s | ", status_label(ir->status),
			    was ? status_label(was->status) : "");
		esc(b, ir->reason ? ir->reason : "", false);
		strbuf_add(b, " |\n");
	}
}

static void metrics(const struct report *r, const struct report_partner *rp,
		    struct strbuf *b)
{
	char q[3][16], v[48], d[48];
	bool partial = false;
	size_t i;

	if (rp->nmetrics == 0)
		return;
	quarter_label(&r->q, q[0], sizeof(q[0]));
	quarter_label(&r->prev, q[1], sizeof(q[1]));
	quarter_label(&r->year_ago, q[2], sizeof(q[2]));
	strbuf_addf(b, "\n### Key metrics\n\n| Metric | %s | %s | Change | %s | "
		    "Change | Last %d months |\n|---|---:|---:|---|---:|---|---|\n",
		    q[0], q[1], q[2], REPORT_SPARK_MONTHS);
	for (i = 0; i < rp->nmetrics; i++) {
		const struct report_metric *rm = &rp->metrics[i];
		enum report_when w;
		char spark[REPORT_SPARK_MONTHS * 4 + 1];

		strbuf_add(b, "| ");
		esc(b, rm->m->name, false);
		for (w = WHEN_NOW; w <= WHEN_YEAR_AGO; w++) {
			int verdict;

			strbuf_add(b, " | ");
			esc(b, report_value(rm, w, v, sizeof(v)), false);
			if (report_partial(rm, w)) {
				strbuf_add(b, "\\*");
				partial = true;
			}
			if (w == WHEN_NOW)
				continue;
			report_change(rm, w, &verdict, d, sizeof(d));
			strbuf_add(b, " | ");
			esc(b, d, false);
			if (verdict)
				strbuf_addf(b, " %s", report_verdict_word(verdict));
		}
		spark_render(rm->spark, REPORT_SPARK_MONTHS, REPORT_SPARK_MONTHS,
			     false, spark, sizeof(spark));
		strbuf_addf(b, " | `%s` |\n", spark);
	}
	if (partial)
		strbuf_add(b, "\n\\* fewer than three months with figures.\n");
}

static void failed_item(const struct report_failed *f, void *ctx)
{
	struct strbuf *b = ctx;

	strbuf_add(b, "- ");
	esc(b, f->section->title, true);
	strbuf_add(b, ": ");
	esc(b, f->item->text, false);
	strbuf_addf(b, " (%s%s%s", f->answer, f->item->critical ? ", critical" : "",
		    *f->note ? ": " : "");
	esc(b, f->note, false);
	strbuf_add(b, ")\n");
}

static void audits(const struct report *r, const struct report_partner *rp,
		   struct strbuf *b)
{
	char q[16];
	size_t i;

	strbuf_addf(b, "\n### QA audits in %s\n\n",
		    quarter_label(&r->q, q, sizeof(q)));
	if (rp->naudits == 0) {
		strbuf_add(b, "No final audit in the quarter.\n");
		return;
	}
	strbuf_add(b, "| Date | Checklist | Reviewer | Score | Result |\n"
		   "|---|---|---|---:|---|\n");
	for (i = 0; i < rp->naudits; i++) {
		const struct qa_review *a = &rp->audits[i];

		strbuf_addf(b, "| %s | ", a->date);
		esc(b, a->tpl.name, false);
		strbuf_addf(b, " v%d | ", a->tpl.version);
		esc(b, a->reviewer, false);
		if (isnan(a->shown))
			strbuf_add(b, " | | not scored |\n");
		else
			strbuf_addf(b, " | %.1f%% | %s%s |\n", a->shown,
				    report_audit_passed(a) ? "pass" : "FAIL",
				    a->failed ? ", critical item failed" : "");
	}
	for (i = 0; i < rp->naudits; i++) {
		if (report_failed_items(&rp->audits[i], NULL, NULL) == 0)
			continue;
		strbuf_addf(b, "\nFailed items of the audit of %s:\n\n",
			    rp->audits[i].date);
		report_failed_items(&rp->audits[i], failed_item, b);
	}
}

static void events(const struct report *r, const struct report_partner *rp,
		   struct strbuf *b)
{
	char q[16];
	size_t i;

	strbuf_addf(b, "\n### Events in %s\n\n", quarter_label(&r->q, q, sizeof(q)));
	if (rp->events.count == 0) {
		strbuf_add(b, "No events recorded in the quarter.\n");
		return;
	}
	strbuf_add(b, "| Date | Kind | Title | Detail |\n|---|---|---|---|\n");
	for (i = 0; i < rp->events.count; i++) {
		const struct event *e = &rp->events.items[i];

		strbuf_addf(b, "| %s | %s | ", e->date, event_kind_label(e->kind));
		esc(b, e->title, false);
		strbuf_add(b, " | ");
		esc(b, e->detail, false);
		strbuf_add(b, " |\n");
	}
}

static void actions(const struct report *r, const struct report_partner *rp,
		    struct strbuf *b)
{
	size_t i;

	strbuf_add(b, "\n### Open actions\n\n");
	if (rp->actions.count == 0) {
		strbuf_add(b, "No open actions.\n");
		return;
	}
	strbuf_add(b, "| Due | Action | Owner | Since | |\n|---|---|---|---|---|\n");
	for (i = 0; i < rp->actions.count; i++) {
		const struct action *a = &rp->actions.items[i];
		bool late = a->due[0] && strcmp(a->due, r->date) < 0;

		strbuf_add(b, "| ");
		esc(b, a->due[0] ? a->due : "none", false);
		strbuf_add(b, " | ");
		esc(b, a->text, false);
		strbuf_add(b, " | ");
		esc(b, a->owner, false);
		strbuf_add(b, " | ");
		esc(b, a->created, false);
		strbuf_addf(b, " | %s |\n", late ? "**OVERDUE**" : "");
	}
}

void report_write_md(const struct report *r, struct strbuf *b)
{
	size_t i;

	head(r, b);
	for (i = 0; i < r->count; i++)
		summary_row(&r->partners[i], b);
	for (i = 0; i < r->count; i++) {
		const struct report_partner *rp = &r->partners[i];

		partner_head(r, rp, b);
		indicators(r, rp, b);
		metrics(r, rp, b);
		audits(r, rp, b);
		events(r, rp, b);
		actions(r, rp, b);
	}
}
