/* report_md.c: the QBR pack as Markdown (CommonMark with GitHub tables),
 * for a wiki page or a slide tool. Every text from the database is
 * neutralised, kept on one line and backslash-escaped, so no name can
 * open a link, emphasis, HTML, a list or a table cell of its own. */
#include "report_doc.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "sparkline.h"
#include "text.h"

/* Blocks are separated by one blank line. */
static void block(struct strbuf *b)
{
	if (b->len)
		strbuf_add(b, "\n");
}

/* True when p in c is the end of a list marker at the start of the text
 * ("- ", "+ ", "12. ", "3) "): in a list item it would nest a list. */
static bool lead_marker(const char *c, const char *p)
{
	bool last = p[1] == ' ' || p[1] == '\0';

	if (p == c)
		return (*p == '-' || *p == '+') && last;
	return (*p == '.' || *p == ')') && last &&
	       strspn(c, "0123456789") == (size_t)(p - c);
}

static void md_text(struct strbuf *b, const char *s)
{
	char *c = text_clean(s, TEXT_NEWLINES, -1);
	const char *p;

	for (p = c; *p; p++) {
		if (*p == '\n') {
			strbuf_add(b, " ");
			continue;
		}
		if (strchr("\\`*_[]<>|#~&!$", *p))
			strbuf_add(b, "\\");
		else if (lead_marker(c, p))
			strbuf_add(b, "\\");	/* "- x", "1. x" would start a list */
		strbuf_addn(b, p, 1);
	}
	free(c);
}

static void md_document(struct strbuf *b, const struct report *r,
			const char *title, bool open)
{
	(void)r;
	if (open)
		strbuf_addf(b, "# %s\n", title);
}

static void md_section(struct strbuf *b, const struct report *r, size_t i,
		       bool open)
{
	(void)b;
	(void)r;
	(void)i;
	(void)open;
}

static void md_heading(struct strbuf *b, int level, bool open)
{
	if (open) {
		block(b);
		strbuf_addf(b, "%.*s ", level, "######");
	} else {
		strbuf_add(b, "\n");
	}
}

static void md_para(struct strbuf *b, bool note, bool open)
{
	(void)note;
	if (open)
		block(b);
	else
		strbuf_add(b, "\n");
}

static void md_list(struct strbuf *b, bool open)
{
	if (open)
		block(b);
}

static void md_item(struct strbuf *b, bool open)
{
	strbuf_add(b, open ? "- " : "\n");
}

static void md_table(struct strbuf *b, size_t n, const char *const *heads,
		     const char *align, bool open)
{
	size_t i;

	if (!open)
		return;
	block(b);
	strbuf_add(b, "|");
	for (i = 0; i < n; i++) {
		strbuf_add(b, " ");
		md_text(b, heads[i]);
		strbuf_add(b, " |");
	}
	strbuf_add(b, "\n|");
	for (i = 0; i < n; i++)
		strbuf_add(b, align[i] == 'r' ? "---:|" : "---|");
	strbuf_add(b, "\n");
}

static void md_row(struct strbuf *b, bool open)
{
	strbuf_add(b, open ? "|" : "\n");
}

static void md_cell(struct strbuf *b, const char *cls, bool open)
{
	(void)cls;
	strbuf_add(b, open ? " " : " |");
}

static void md_strong(struct strbuf *b, bool open)
{
	(void)open;
	strbuf_add(b, "**");
}

static void md_tag(struct strbuf *b, bool open)
{
	(void)b;
	(void)open;
}

static void md_badge(struct strbuf *b, enum status s, const char *label)
{
	strbuf_add(b, label ? label : status_label(s));
}

static void md_spark(struct strbuf *b, const struct report_metric *rm)
{
	char spark[REPORT_SPARK_MONTHS * 4 + 1];

	spark_render_on(rm->spark, REPORT_SPARK_MONTHS, REPORT_SPARK_MONTHS, false,
			rm->spark_lo, rm->spark_hi, spark, sizeof(spark));
	strbuf_addf(b, "`%s`", spark);
	/* Its scale, so a small move is not read as a large one; the unit
	 * is data: neutralised and kept out of the table's markup. */
	if (!isnan(rm->spark_lo) && !isnan(rm->spark_hi)) {
		strbuf_addf(b, " %.*f\xe2\x80\x93%.*f", rm->decimals, rm->spark_lo,
			    rm->decimals, rm->spark_hi);
		if (*rm->m->unit && strcmp(rm->m->unit, "count") != 0) {
			strbuf_add(b, strcmp(rm->m->unit, "%") ? " " : "");
			md_text(b, rm->m->unit);
		}
	}
}

static const struct report_doc_ops md_ops = {
	.document = md_document,
	.section = md_section,
	.heading = md_heading,
	.para = md_para,
	.list = md_list,
	.item = md_item,
	.table = md_table,
	.row = md_row,
	.cell = md_cell,
	.strong = md_strong,
	.tag = md_tag,
	.text = md_text,
	.badge = md_badge,
	.spark = md_spark,
	.partial = "\\*",
};

void report_write_md(const struct report *r, struct strbuf *b, FILE *f)
{
	report_doc_write_to(r, &md_ops, b, f);
}
