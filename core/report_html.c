/* report_html.c: the QBR pack as one self-contained HTML file: styles
 * inline, metric charts as inline SVG, no scripts, no external assets;
 * laid out for print on A4 or Letter, each partner from a new page.
 * Well-formed XML too (no named entities
 * but the five, every element closed), so it can be checked and
 * converted. Every text from the database is neutralised and escaped. */
#include "report_doc.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "report_chart.h"
#include "text.h"

/* On screen: a page that reads like the dashboard's. In print
 * (@media print and the @page rules report_html_pages adds): compact
 * type, tables that keep their rows and headings that keep with what
 * follows, every status by word, mark and border (it prints in black and
 * white), each partner from a new page. */
static const char style[] =
	"body{font:14px/1.4 'DejaVu Sans',system-ui,-apple-system,'Segoe UI',"
	"sans-serif;margin:2em;color:#111;max-width:80em}\n"
	"h1{font-size:1.6em;margin-bottom:.2em}\n"
	"h2{font-size:1.3em;border-bottom:2px solid #333;margin-top:2em}\n"
	"h3{font-size:1.05em;margin:1.2em 0 .3em}\n"
	"h1,h2,h3{break-after:avoid}\n"
	"table{border-collapse:collapse;margin:.3em 0 .8em}\n"
	"th,td{border:1px solid #bbb;padding:.15em .45em;text-align:left;"
	"vertical-align:top}\n"
	"th{background:#f0f0f0}\n"
	"th.n{text-align:right}\n"
	"td.n{text-align:right;font-variant-numeric:tabular-nums;"
	"white-space:nowrap}\n"
	".st{font-weight:bold;padding:0 .3em;border:1px solid;border-radius:3px;"
	"white-space:nowrap}\n"
	".alert{background:#f6cccc;color:#7a0000;border:2px solid}\n"
	".watch{background:#f8e8b0;color:#5c4100;border-style:dashed}\n"
	".ok{background:#d3eed3;color:#0b4d1f;border-color:#9bbf9b}\n"
	".no_data{background:#e2e2e2;color:#333;border-style:dotted}\n"
	".na{color:#666;border:0}\n"
	".tag{white-space:nowrap}\n"
	".better{color:#0b4d1f}.worse{color:#7a0000}\n"
	".meta,.note{color:#444}\n"
	".detail{white-space:pre-line}\n"
	"td.date{white-space:nowrap}\n"
	"svg.chart{vertical-align:middle;display:block;width:100%;height:auto}\n"
	".charts{display:grid;grid-template-columns:repeat(auto-fill,minmax(16em,1fr));"
	"gap:.4em 1em;margin:.2em 0 .8em}\n"
	"figure.chart{margin:0;break-inside:avoid}\n"
	"figure.chart figcaption{font-size:.85em;font-weight:600}\n"
	"tr,li{break-inside:avoid}\n"
	"p:has(+ul){break-after:avoid}\n"
	"section.partner{break-before:page}\n"
	".rest{break-inside:avoid}\n"
	".one section.partner{break-before:auto}\n"
	"@media print{body{margin:0;max-width:none;font-size:8.5pt;line-height:1.25}"
	"h1{font-size:14pt;margin:0 0 1pt}"
	"h2{font-size:11.5pt;margin:0 0 3pt;border-bottom-width:1.5pt}"
	"h3{font-size:9pt;margin:6pt 0 1.5pt}"
	"p,ul{margin:1.5pt 0 3pt}ul{padding-left:14pt}"
	"table{width:100%;margin:1.5pt 0 3pt}"
	"th,td{font-size:7.5pt;line-height:1.2;padding:.3pt 2.5pt;border-color:#888}"
	"th{background:none;border-bottom:1.2pt solid #000}"
	".st{padding:0 2pt;border-radius:2pt}"
	".charts{grid-template-columns:repeat(3,1fr);gap:0 10pt;margin:1pt 0 2pt}"
	"figure.chart figcaption{font-size:7pt;line-height:1.1}"
	"body>table td:last-child{width:30%}"
	"section~h2~table{width:auto;min-width:60%}"
	"section~h2~table td:last-child{width:auto}}\n";

/* The mark before each status word, so a status reads without colour. */
static const char *status_sign(enum status s)
{
	switch (s) {
	case STATUS_ALERT: return "\u25b2 ";	/* ▲ */
	case STATUS_WATCH: return "\u25c6 ";	/* ◆ */
	case STATUS_OK: return "\u2713 ";	/* ✓ */
	case STATUS_NODATA: return "\u2013 ";	/* – */
	default: return "";
	}
}

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

/* Appends s as a CSS string: data in a style element, so every
 * character that could end the string, the rule or the element (or be
 * markup in XML) is a hex escape. */
static void css_str(struct strbuf *b, const char *s)
{
	char *c = text_clean(s, 0, -1);
	const unsigned char *p;

	strbuf_add(b, "\"");
	for (p = (const unsigned char *)c; *p; p++) {
		if (*p >= 0x80 || *p == ' ' || (*p > ' ' && strchr("\"'\\<>&", *p) == NULL))
			strbuf_addn(b, (const char *)p, 1);
		else
			strbuf_addf(b, "\\%x ", *p);
	}
	strbuf_add(b, "\"");
	free(c);
}

#define BOX_FONT "font:7.5pt 'DejaVu Sans',sans-serif;color:#444"

/* The printed pages: the paper, a header with the quarter (and on a
 * partner's pages the partner), a footer with the day of the statuses
 * and "Page n of N". Each partner section is a named page p1, p2...; a
 * one-partner pack is that page from its title on, and whatever follows
 * the last section (the closing note) stays on its page. */
static void html_pages(struct strbuf *b, const struct report *r, const char *title)
{
	size_t i;

	strbuf_addf(b, "@page{size:%s portrait;margin:13mm 12mm 12mm;"
		    "@top-left{content:\"%s\";" BOX_FONT "}"
		    "@bottom-left{content:\"Statuses at %s; actions as of %s\";"
		    BOX_FONT "}"
		    "@bottom-right{content:\"Page \" counter(page) \" of \" "
		    "counter(pages);" BOX_FONT "}}\n",
		    r->style.paper == REPORT_LETTER ? "letter" : "A4", title,
		    r->judged, r->date);
	for (i = 1; i <= r->count; i++) {
		const struct partner *p = &r->partners[i - 1].partner;
		struct strbuf who = { 0 };

		strbuf_add(&who, p->name);
		strbuf_add(&who, " (");
		strbuf_add(&who, p->code);
		strbuf_add(&who, ")");
		strbuf_addf(b, "@page p%zu{@top-right{content:", i);
		css_str(b, strbuf_str(&who));
		strbuf_addf(b, ";" BOX_FONT "}}\n.p%zu{page:p%zu}\n", i, i);
		strbuf_free(&who);
	}
	if (r->count)
		strbuf_addf(b, "section.p%zu+p.note{page:p%zu}\n", r->count, r->count);
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

/* The charts of a partner's key metrics: a grid of captioned figures. */
static void html_charts(struct strbuf *b, bool open)
{
	strbuf_add(b, open ? "<div class=\"charts\">\n" : "</div>\n");
}

static void html_figure(struct strbuf *b, const struct report_metric *rm, bool open)
{
	if (open) {
		strbuf_add(b, "<figure class=\"chart\"><figcaption>");
		return;
	}
	strbuf_add(b, "</figcaption>");
	html_chart(b, rm);
	strbuf_add(b, "</figure>\n");
}

static void html_rest(struct strbuf *b, bool open)
{
	strbuf_add(b, open ? "<div class=\"rest\">\n" : "</div>\n");
}

static void html_document(struct strbuf *b, const struct report *r,
			  const char *title, bool open)
{
	if (!open) {
		strbuf_add(b, "</body>\n</html>\n");
		return;
	}
	strbuf_addf(b, "<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n"
		    "<meta charset=\"utf-8\"/>\n<meta name=\"viewport\" "
		    "content=\"width=device-width, initial-scale=1\"/>\n"
		    "<title>%s</title>\n<style>\n%s", title, style);
	html_pages(b, r, title);
	/* one partner: no summary, the title on the partner's first page */
	strbuf_addf(b, "</style>\n</head>\n<body%s>\n<h1>%s</h1>\n",
		    r->count == 1 ? " class=\"one p1\"" : "", title);
}

static void html_section(struct strbuf *b, const struct report *r, size_t i,
			 bool open)
{
	(void)r;
	if (open)
		strbuf_addf(b, "<section class=\"partner p%zu\">\n", i + 1);
	else
		strbuf_add(b, "</section>\n");
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

static void html_tag(struct strbuf *b, bool open)
{
	strbuf_add(b, open ? "<span class=\"tag\">" : "</span>");
}

static void html_badge(struct strbuf *b, enum status s, const char *label)
{
	strbuf_addf(b, "<span class=\"st %s\">%s", status_class(s), status_sign(s));
	esc(b, label ? label : status_label(s));
	strbuf_add(b, "</span>");
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
	.tag = html_tag,
	.text = esc,
	.badge = html_badge,
	.spark = html_chart,
	.charts = html_charts,
	.figure = html_figure,
	.rest = html_rest,
	.partial = "*",
};

void report_write_html(const struct report *r, struct strbuf *b, FILE *f)
{
	report_doc_write_to(r, &html_ops, b, f);
}
