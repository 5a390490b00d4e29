/* report_html.c: the QBR pack as one self-contained HTML file: styles
 * inline, sparklines as inline SVG, no scripts, no external assets, one
 * page per partner when printed. Well-formed XML too (no named entities
 * but the five, every element closed), so it can be checked and
 * converted. Every text from the database is neutralised and escaped. */
#include "report.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "portfolio.h"
#include "text.h"

#define SPARK_STEP 5		/* SVG units per month */
#define SPARK_H 20

static const char style[] =
	"body{font:14px/1.4 system-ui,-apple-system,'Segoe UI',sans-serif;"
	"margin:2em;color:#111;max-width:80em}\n"
	"h1{font-size:1.6em;margin-bottom:.2em}\n"
	"h2{font-size:1.3em;border-bottom:2px solid #333;margin-top:2em}\n"
	"h3{font-size:1.05em;margin:1.2em 0 .3em}\n"
	"table{border-collapse:collapse;margin:.3em 0 .8em}\n"
	"th,td{border:1px solid #bbb;padding:.15em .45em;text-align:left;"
	"vertical-align:top}\n"
	"th{background:#f0f0f0}\n"
	"td.n{text-align:right;font-variant-numeric:tabular-nums;"
	"white-space:nowrap}\n"
	".st{font-weight:bold;padding:0 .3em;border-radius:3px;white-space:nowrap}\n"
	".alert{background:#f6cccc;color:#7a0000}\n"
	".watch{background:#f8e8b0;color:#5c4100}\n"
	".ok{background:#d3eed3;color:#0b4d1f}\n"
	".no_data{background:#e2e2e2;color:#333}\n"
	".na{color:#666}\n"
	".better{color:#0b4d1f}.worse{color:#7a0000}\n"
	".meta,.note{color:#444}\n"
	".detail{white-space:pre-line}\n"
	"svg.spark{vertical-align:middle}\n"
	"tr{break-inside:avoid}\n"
	"section.partner{break-before:page}\n"
	"@media print{body{margin:0;font-size:9.5pt;max-width:none}"
	"th{background:none}}\n";

/* Appends s escaped for HTML text or an attribute value; newlines become
 * spaces unless keep_lines (the cell shows them with pre-line). */
static void esc(struct strbuf *b, const char *s, bool keep_lines)
{
	char *c = text_clean(s, TEXT_NEWLINES, -1);
	const char *p;

	for (p = c; *p; p++) {
		switch (*p) {
		case '&': strbuf_add(b, "&amp;"); break;
		case '<': strbuf_add(b, "&lt;"); break;
		case '>': strbuf_add(b, "&gt;"); break;
		case '"': strbuf_add(b, "&quot;"); break;
		case '\'': strbuf_add(b, "&#39;"); break;
		case '\n': strbuf_add(b, keep_lines ? "\n" : " "); break;
		default: strbuf_addn(b, p, 1); break;
		}
	}
	free(c);
}

/* The CSS class of a status: its JSON name, "na" for n/a. */
static const char *status_class(enum status s)
{
	return s == STATUS_NA ? "na" : status_name(s);
}

static void badge(struct strbuf *b, const struct partner_result *pr)
{
	if (pr == NULL)
		strbuf_add(b, "<span class=\"st na\">not judged</span>");
	else
		strbuf_addf(b, "<span class=\"st %s\">%s</span>",
			    status_class(pr->status), status_label(pr->status));
}

/* The months of rm as a line; gaps where a month has no figures, the
 * quarter shaded, its last value dotted. Scaled over the values shown. */
static void spark_svg(struct strbuf *b, const struct report_metric *rm)
{
	const int w = REPORT_SPARK_MONTHS * SPARK_STEP;
	double lo = INFINITY, hi = -INFINITY;
	bool open = false;
	int i, last = -1;

	for (i = 0; i < REPORT_SPARK_MONTHS; i++)
		if (!isnan(rm->spark[i])) {
			lo = fmin(lo, rm->spark[i]);
			hi = fmax(hi, rm->spark[i]);
			last = i;
		}
	strbuf_addf(b, "<svg xmlns=\"http://www.w3.org/2000/svg\" class=\"spark\" "
		    "width=\"%d\" height=\"%d\" viewBox=\"0 0 %d %d\" role=\"img\" "
		    "aria-label=\"", w, SPARK_H, w, SPARK_H);
	esc(b, rm->m->name, false);
	strbuf_addf(b, ", last %d months\"><rect x=\"%d\" y=\"0\" width=\"%d\" "
		    "height=\"%d\" fill=\"#e8e8e8\"/>", REPORT_SPARK_MONTHS,
		    w - 3 * SPARK_STEP, 3 * SPARK_STEP, SPARK_H);
	for (i = 0; i <= REPORT_SPARK_MONTHS; i++) {
		bool have = i < REPORT_SPARK_MONTHS && !isnan(rm->spark[i]);
		double y = 0;

		if (have)
			y = hi > lo ? SPARK_H - 3 - (rm->spark[i] - lo) / (hi - lo)
				* (SPARK_H - 6) : SPARK_H / 2.0;
		if (have && !open)
			strbuf_add(b, "<polyline fill=\"none\" stroke=\"#1a4f8a\" "
				   "stroke-width=\"1.5\" points=\"");
		if (have)
			strbuf_addf(b, "%s%.1f,%.1f", open ? " " : "",
				    i * SPARK_STEP + SPARK_STEP / 2.0, y);
		if (!have && open)
			strbuf_add(b, "\"/>");
		open = have;
		if (i == last) {	/* the line ends here: close it, dot it */
			strbuf_addf(b, "\"/><circle cx=\"%.1f\" cy=\"%.1f\" r=\"2\" "
				    "fill=\"#1a4f8a\"/>",
				    i * SPARK_STEP + SPARK_STEP / 2.0, y);
			open = false;
		}
	}
	strbuf_add(b, "</svg>");
}

static void summary_figure(struct strbuf *b, const struct report_partner *rp,
			   const char *key)
{
	const struct report_metric *rm = report_metric_find(rp, key);
	char v[48], d[48];
	int verdict;

	strbuf_add(b, "<td class=\"n\">");
	if (rm && !isnan(rm->now)) {
		esc(b, report_value(rm, WHEN_NOW, v, sizeof(v)), false);
		strbuf_add(b, report_partial(rm, WHEN_NOW) ? "*" : "");
		report_change(rm, WHEN_PREV, &verdict, d, sizeof(d));
		if (*d)
			strbuf_addf(b, " <span class=\"%s\">(%s)</span>",
				    verdict > 0 ? "better" : verdict < 0 ? "worse"
				    : "same", d);
	}
	strbuf_add(b, "</td>");
}

static void head(const struct report *r, struct strbuf *b)
{
	char q[16], months[48];
	int s;

	quarter_label(&r->q, q, sizeof(q));
	strbuf_addf(b, "<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n"
		    "<meta charset=\"utf-8\"/>\n<meta name=\"viewport\" "
		    "content=\"width=device-width, initial-scale=1\"/>\n"
		    "<title>Quarterly business review %s</title>\n"
		    "<style>\n%s</style>\n</head>\n<body>\n"
		    "<h1>Quarterly business review %s</h1>\n", q, style, q);
	strbuf_addf(b, "<p class=\"meta\">%s. Statuses at %s; actions as of %s. "
		    "%zu partner%s.</p>\n",
		    quarter_months(&r->q, months, sizeof(months)), r->judged,
		    r->date, r->count, r->count == 1 ? "" : "s");
	strbuf_add(b, "<h2>Portfolio summary</h2>\n<p>");
	for (s = STATUS_ALERT; s >= STATUS_OK; s--) {
		size_t now, prev;

		report_count(r, (enum status)s, &now, &prev);
		strbuf_addf(b, "%s<span class=\"st %s\">%s</span> %zu "
			    "(previous quarter %zu)", s == STATUS_ALERT ? "" : " &#183; ",
			    status_class((enum status)s),
			    status_label((enum status)s), now, prev);
	}
	strbuf_add(b, "</p>\n<table>\n<thead><tr><th>Partner</th><th>Code</th>"
		   "<th>Status</th><th>Health</th><th>Previous quarter</th>"
		   "<th>Not OK</th>");
	for (s = 0; s < PF_NSERIES; s++) {
		const char *key = portfolio_series_metric((enum pf_series)s);
		size_t m;

		for (m = 0; m < r->metrics.count; m++)
			if (strcmp(r->metrics.items[m].key, key) == 0)
				break;
		strbuf_add(b, "<th>");
		esc(b, m < r->metrics.count ? r->metrics.items[m].name : key, false);
		strbuf_add(b, "</th>");
	}
	strbuf_add(b, "<th>Audits</th><th>Open actions</th></tr></thead>\n<tbody>\n");
}

static void summary_row(const struct report_partner *rp, struct strbuf *b)
{
	size_t i, bad = 0;
	int s;

	strbuf_add(b, "<tr><td>");
	esc(b, rp->partner.name, false);
	strbuf_add(b, "</td><td>");
	esc(b, rp->partner.code, false);
	strbuf_add(b, "</td><td>");
	badge(b, rp->now);
	strbuf_add(b, "</td><td class=\"n\">");
	if (rp->now)
		strbuf_addf(b, "%.0f", rp->now->health);
	strbuf_add(b, "</td><td>");
	badge(b, rp->prev);
	if (rp->prev)
		strbuf_addf(b, " %.0f", rp->prev->health);
	strbuf_add(b, "</td><td>");
	for (i = 0; rp->now && i < rp->now->ninds; i++) {
		const struct indicator_result *ir = &rp->now->inds[i];

		if (ir->status <= STATUS_OK)
			continue;
		strbuf_add(b, bad++ ? ", " : "");
		esc(b, ir->ind->title, false);
		strbuf_addf(b, " <span class=\"st %s\">%s</span>",
			    status_class(ir->status), status_label(ir->status));
	}
	strbuf_add(b, "</td>");
	for (s = 0; s < PF_NSERIES; s++)
		summary_figure(b, rp, portfolio_series_metric((enum pf_series)s));
	strbuf_addf(b, "<td class=\"n\">%zu</td><td class=\"n\">%zu", rp->naudits,
		    rp->actions.count);
	if (rp->overdue)
		strbuf_addf(b, " <span class=\"worse\">(%zu overdue)</span>",
			    rp->overdue);
	strbuf_add(b, "</td></tr>\n");
}

/* "Label: value" parts of the partner's line, joined by ". ". */
static void fact(struct strbuf *b, const char *label, const char *v,
		 bool *first)
{
	if (v == NULL || *v == '\0')
		return;
	strbuf_addf(b, "%s%s ", *first ? "" : ". ", label);
	esc(b, v, false);
	*first = false;
}

static void partner_head(const struct report_partner *rp, struct strbuf *b)
{
	const struct partner *p = &rp->partner;
	struct strbuf site = { 0 };
	bool first = true;

	strbuf_add(b, "<section class=\"partner\">\n<h2>");
	esc(b, p->name, false);
	strbuf_add(b, " (");
	esc(b, p->code, false);
	strbuf_add(b, ")</h2>\n<p class=\"meta\">");
	strbuf_add(&site, p->site);
	strbuf_add(&site, *p->site && *p->country ? ", " : "");
	strbuf_add(&site, p->country);
	fact(b, "Site:", strbuf_str(&site), &first);
	strbuf_free(&site);
	fact(b, "Services:", p->services, &first);
	fact(b, "Owner:", p->owner, &first);
	fact(b, "Contract until", p->contract_end, &first);
	strbuf_add(b, first ? "</p>\n<p>" : ".</p>\n<p>");
	strbuf_add(b, "<strong>Overall:</strong> ");
	badge(b, rp->now);
	if (rp->now)
		strbuf_addf(b, ", health %.0f", rp->now->health);
	strbuf_add(b, " (previous quarter: ");
	badge(b, rp->prev);
	if (rp->prev)
		strbuf_addf(b, ", health %.0f", rp->prev->health);
	strbuf_add(b, ").</p>\n");
}

static void indicators(const struct report *r, const struct report_partner *rp,
		       struct strbuf *b)
{
	size_t i;

	if (rp->now == NULL)
		return;
	strbuf_addf(b, "<h3>Indicators at %s</h3>\n<table>\n<thead><tr>"
		    "<th>Indicator</th><th>Status</th><th>Previous quarter</th>"
		    "<th>Reason</th></tr></thead>\n<tbody>\n", r->judged);
	for (i = 0; i < rp->now->ninds; i++) {
		const struct indicator_result *ir = &rp->now->inds[i];
		const struct indicator_result *was =
			rp->prev && i < rp->prev->ninds ? &rp->prev->inds[i] : NULL;

		strbuf_add(b, "<tr><td>");
		esc(b, ir->ind->title, false);
		strbuf_addf(b, "</td><td><span class=\"st %s\">%s</span></td><td>",
			    status_class(ir->status), status_label(ir->status));
		if (was)
			strbuf_addf(b, "<span class=\"st %s\">%s</span>",
				    status_class(was->status),
				    status_label(was->status));
		strbuf_add(b, "</td><td>");
		esc(b, ir->reason ? ir->reason : "", false);
		strbuf_add(b, "</td></tr>\n");
	}
	strbuf_add(b, "</tbody>\n</table>\n");
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
	strbuf_addf(b, "<h3>Key metrics</h3>\n<table>\n<thead><tr><th>Metric</th>"
		    "<th>%s</th><th>%s</th><th>Change</th><th>%s</th>"
		    "<th>Change</th><th>Last %d months</th></tr></thead>\n<tbody>\n",
		    q[0], q[1], q[2], REPORT_SPARK_MONTHS);
	for (i = 0; i < rp->nmetrics; i++) {
		const struct report_metric *rm = &rp->metrics[i];
		enum report_when w;

		strbuf_add(b, "<tr><td>");
		esc(b, rm->m->name, false);
		strbuf_add(b, "</td>");
		for (w = WHEN_NOW; w <= WHEN_YEAR_AGO; w++) {
			int verdict;

			strbuf_add(b, "<td class=\"n\">");
			esc(b, report_value(rm, w, v, sizeof(v)), false);
			if (report_partial(rm, w)) {
				strbuf_add(b, "*");
				partial = true;
			}
			strbuf_add(b, "</td>");
			if (w == WHEN_NOW)
				continue;
			report_change(rm, w, &verdict, d, sizeof(d));
			strbuf_addf(b, "<td class=\"%s\">", verdict > 0 ? "better"
				    : verdict < 0 ? "worse" : "same");
			esc(b, d, false);
			if (verdict)
				strbuf_addf(b, " %s", report_verdict_word(verdict));
			strbuf_add(b, "</td>");
		}
		strbuf_add(b, "<td>");
		spark_svg(b, rm);
		strbuf_add(b, "</td></tr>\n");
	}
	strbuf_add(b, "</tbody>\n</table>\n");
	if (partial)
		strbuf_add(b, "<p class=\"note\">* fewer than three months with "
			   "figures.</p>\n");
}

static void failed_item(const struct report_failed *f, void *ctx)
{
	struct strbuf *b = ctx;

	strbuf_add(b, "<li>");
	esc(b, f->section->title, false);
	strbuf_add(b, ": ");
	esc(b, f->item->text, false);
	strbuf_addf(b, " (%s%s", f->answer, f->item->critical ? ", critical" : "");
	if (*f->note) {
		strbuf_add(b, ": ");
		esc(b, f->note, false);
	}
	strbuf_add(b, ")</li>\n");
}

static void audits(const struct report *r, const struct report_partner *rp,
		   struct strbuf *b)
{
	char q[16];
	size_t i;

	strbuf_addf(b, "<h3>QA audits in %s</h3>\n",
		    quarter_label(&r->q, q, sizeof(q)));
	if (rp->naudits == 0) {
		strbuf_add(b, "<p>No final audit in the quarter.</p>\n");
		return;
	}
	strbuf_add(b, "<table>\n<thead><tr><th>Date</th><th>Checklist</th>"
		   "<th>Reviewer</th><th>Score</th><th>Result</th></tr></thead>\n"
		   "<tbody>\n");
	for (i = 0; i < rp->naudits; i++) {
		const struct qa_review *a = &rp->audits[i];
		bool pass = report_audit_passed(a);

		strbuf_addf(b, "<tr><td>%s</td><td>", a->date);
		esc(b, a->tpl.name, false);
		strbuf_addf(b, " v%d</td><td>", a->tpl.version);
		esc(b, a->reviewer, false);
		if (isnan(a->shown))
			strbuf_add(b, "</td><td class=\"n\"></td><td>not scored");
		else
			strbuf_addf(b, "</td><td class=\"n\">%.1f%%</td><td>"
				    "<span class=\"st %s\">%s</span>%s", a->shown,
				    pass ? "ok" : "alert", pass ? "pass" : "FAIL",
				    a->failed ? ", critical item failed" : "");
		strbuf_add(b, "</td></tr>\n");
	}
	strbuf_add(b, "</tbody>\n</table>\n");
	for (i = 0; i < rp->naudits; i++) {
		if (report_failed_items(&rp->audits[i], NULL, NULL) == 0)
			continue;
		strbuf_addf(b, "<p>Failed items of the audit of %s:</p>\n<ul>\n",
			    rp->audits[i].date);
		report_failed_items(&rp->audits[i], failed_item, b);
		strbuf_add(b, "</ul>\n");
	}
}

static void events(const struct report *r, const struct report_partner *rp,
		   struct strbuf *b)
{
	char q[16];
	size_t i;

	strbuf_addf(b, "<h3>Events in %s</h3>\n", quarter_label(&r->q, q, sizeof(q)));
	if (rp->events.count == 0) {
		strbuf_add(b, "<p>No events recorded in the quarter.</p>\n");
		return;
	}
	strbuf_add(b, "<table>\n<thead><tr><th>Date</th><th>Kind</th><th>Title</th>"
		   "<th>Detail</th></tr></thead>\n<tbody>\n");
	for (i = 0; i < rp->events.count; i++) {
		const struct event *e = &rp->events.items[i];

		strbuf_addf(b, "<tr><td>%s</td><td>%s</td><td>", e->date,
			    event_kind_label(e->kind));
		esc(b, e->title, false);
		strbuf_add(b, "</td><td class=\"detail\">");
		esc(b, e->detail, true);
		strbuf_add(b, "</td></tr>\n");
	}
	strbuf_add(b, "</tbody>\n</table>\n");
}

static void actions(const struct report *r, const struct report_partner *rp,
		    struct strbuf *b)
{
	size_t i;

	strbuf_add(b, "<h3>Open actions</h3>\n");
	if (rp->actions.count == 0) {
		strbuf_add(b, "<p>No open actions.</p>\n");
		return;
	}
	strbuf_add(b, "<table>\n<thead><tr><th>Due</th><th>Action</th><th>Owner</th>"
		   "<th>Since</th><th></th></tr></thead>\n<tbody>\n");
	for (i = 0; i < rp->actions.count; i++) {
		const struct action *a = &rp->actions.items[i];
		bool late = a->due[0] && strcmp(a->due, r->date) < 0;

		strbuf_add(b, "<tr><td>");
		esc(b, a->due[0] ? a->due : "none", false);
		strbuf_add(b, "</td><td>");
		esc(b, a->text, false);
		strbuf_add(b, "</td><td>");
		esc(b, a->owner, false);
		strbuf_add(b, "</td><td>");
		esc(b, a->created, false);
		strbuf_addf(b, "</td><td>%s</td></tr>\n",
			    late ? "<span class=\"st alert\">OVERDUE</span>" : "");
	}
	strbuf_add(b, "</tbody>\n</table>\n");
}

void report_write_html(const struct report *r, struct strbuf *b)
{
	size_t i;

	head(r, b);
	for (i = 0; i < r->count; i++)
		summary_row(&r->partners[i], b);
	strbuf_add(b, "</tbody>\n</table>\n");
	for (i = 0; i < r->count; i++) {
		const struct report_partner *rp = &r->partners[i];

		partner_head(rp, b);
		indicators(r, rp, b);
		metrics(r, rp, b);
		audits(r, rp, b);
		events(r, rp, b);
		actions(r, rp, b);
		strbuf_add(b, "</section>\n");
	}
	strbuf_add(b, "</body>\n</html>\n");
}
