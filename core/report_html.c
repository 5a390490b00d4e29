/* report_html.c: the QBR pack as one self-contained HTML file: styles
 * inline, metric charts as inline SVG, no scripts, no external assets, one
 * page per partner when printed. Well-formed XML too (no named entities
 * but the five, every element closed), so it can be checked and
 * converted. Every text from the database is neutralised and escaped. */
#include "report_doc.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "report_chart.h"
#include "text.h"

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
	"th.n{text-align:right}\n"
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
	"pre.explain{font-size:.85em;white-space:pre-wrap;background:#f6f6f6;"
	"padding:.5em;border-left:3px solid #bbb}\n"
	"svg.chart{vertical-align:middle;display:block}\n"
	"tr{break-inside:avoid}\n"
	"section.partner{break-before:page}\n"
	"@media print{body{margin:0;font-size:9.5pt;max-width:none}"
	"th{background:none}}\n";

/* Appends s escaped for HTML text or an attribute value. Line breaks
 * stay: they show only where the cell says pre-line. */
static void esc(struct strbuf *b, const char *s)
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

/* A key metric's chart (report_chart.c), escaped as the rest. */
static void html_chart(struct strbuf *b, const struct report_metric *rm)
{
	report_chart_svg(b, rm, esc);
}

static void html_document(struct strbuf *b, const char *title, bool open)
{
	if (open)
		strbuf_addf(b, "<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n"
			    "<meta charset=\"utf-8\"/>\n<meta name=\"viewport\" "
			    "content=\"width=device-width, initial-scale=1\"/>\n"
			    "<title>%s</title>\n<style>\n%s</style>\n</head>\n"
			    "<body>\n<h1>%s</h1>\n", title, style, title);
	else
		strbuf_add(b, "</body>\n</html>\n");
}

static void html_section(struct strbuf *b, bool open)
{
	strbuf_add(b, open ? "<section class=\"partner\">\n" : "</section>\n");
}

static void html_heading(struct strbuf *b, int level, bool open)
{
	strbuf_addf(b, open ? "<h%d>" : "</h%d>\n", level);
}

static void html_para(struct strbuf *b, bool note, bool open)
{
	strbuf_add(b, !open ? "</p>\n" : note ? "<p class=\"note\">" : "<p>");
}

static void html_list(struct strbuf *b, bool open)
{
	strbuf_add(b, open ? "<ul>\n" : "</ul>\n");
}

static void html_item(struct strbuf *b, bool open)
{
	strbuf_add(b, open ? "<li>" : "</li>\n");
}

static void html_table(struct strbuf *b, size_t n, const char *const *heads,
		       const char *align, bool open)
{
	size_t i;

	if (!open) {
		strbuf_add(b, "</tbody>\n</table>\n");
		return;
	}
	strbuf_add(b, "<table>\n<thead><tr>");
	for (i = 0; i < n; i++) {
		strbuf_add(b, align[i] == 'r' ? "<th class=\"n\">" : "<th>");
		esc(b, heads[i]);
		strbuf_add(b, "</th>");
	}
	strbuf_add(b, "</tr></thead>\n<tbody>\n");
}

static void html_row(struct strbuf *b, bool open)
{
	strbuf_add(b, open ? "<tr>" : "</tr>\n");
}

static void html_cell(struct strbuf *b, const char *cls, bool open)
{
	if (!open)
		strbuf_add(b, "</td>");
	else if (cls)
		strbuf_addf(b, "<td class=\"%s\">", cls);
	else
		strbuf_add(b, "<td>");
}

static void html_strong(struct strbuf *b, bool open)
{
	strbuf_add(b, open ? "<strong>" : "</strong>");
}

static void html_badge(struct strbuf *b, enum status s, const char *label)
{
	strbuf_addf(b, "<span class=\"st %s\">", status_class(s));
	esc(b, label ? label : status_label(s));
	strbuf_add(b, "</span>");
}

static void html_pre(struct strbuf *b, const char *s)
{
	strbuf_add(b, "<pre class=\"explain\">");
	esc(b, s);
	strbuf_add(b, "</pre>\n");
}

static const struct report_doc_ops html_ops = {
	.document = html_document,
	.section = html_section,
	.heading = html_heading,
	.para = html_para,
	.list = html_list,
	.item = html_item,
	.table = html_table,
	.row = html_row,
	.cell = html_cell,
	.strong = html_strong,
	.text = esc,
	.badge = html_badge,
	.spark = html_chart,
	.pre = html_pre,
	.partial = "*",
};

void report_write_html(const struct report *r, struct strbuf *b)
{
	report_doc_write(r, &html_ops, b);
}
