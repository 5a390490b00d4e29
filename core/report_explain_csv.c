/* report_explain_csv.c: the explanations behind the QBR pack as a CSV
 * table of their own (report --explanations FILE): per partner its health
 * score and every rule that is not OK, one row per line of the
 * explanation, so that each cell is one line and the table opens cleanly
 * in a spreadsheet. Written by the sheet writer (plain or German Excel's
 * dialect, as style.excel says). */
#include "report.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "explain.h"
#include "sheet.h"

static const char *const columns[] = {
	"quarter", "partner", "partner_name", "indicator", "rule", "status",
	"line", "text",
};

/* What the rows of one explanation share. */
struct about {
	const char *quarter, *code, *name, *indicator, *rule, *status;
};

/* A row per non-empty line of text, numbered from 1. */
static void put_lines(struct sheet *sh, const struct about *a, const char *text)
{
	struct strbuf l = { 0 };
	long line = 0;

	while (*text) {
		size_t n = strcspn(text, "\n");

		if (strspn(text, " \t\r") < n) {
			strbuf_free(&l);
			strbuf_addn(&l, text, n);
			sheet_text(sh, a->quarter);
			sheet_text(sh, a->code);
			sheet_text(sh, a->name);
			sheet_text(sh, a->indicator);
			sheet_text(sh, a->rule);
			sheet_word(sh, a->status);
			sheet_int(sh, ++line);
			sheet_text(sh, strbuf_str(&l));
		}
		text += n + (text[n] == '\n');
	}
	strbuf_free(&l);
}

static void partner_rows(struct sheet *sh, const struct report *rep,
			 const struct partner_result *pr, const char *quarter)
{
	struct strbuf text = { 0 };
	struct about a = { quarter, pr->code, pr->name, "overall", "health",
			   status_name(pr->status) };
	size_t i, j;

	explain_health_text_as(&rep->eval, pr, EXPLAIN_PACK, &text);
	put_lines(sh, &a, strbuf_str(&text));
	for (i = 0; i < pr->ninds; i++)
		for (j = 0; j < pr->inds[i].nrules; j++) {
			const struct rule_result *rr = &pr->inds[i].rules[j];

			if (rr->status == STATUS_OK || rr->status == STATUS_NA)
				continue;
			strbuf_free(&text);
			explain_rule_text_as(&rep->eval, rr, EXPLAIN_PACK, &text);
			a.indicator = pr->inds[i].ind->title;
			a.rule = rr->rule->key;
			a.status = status_name(rr->status);
			put_lines(sh, &a, strbuf_str(&text));
		}
	strbuf_free(&text);
}

void report_write_explanations(const struct report *rep, struct strbuf *out)
{
	struct sheet *sh;
	char quarter[16], *mem = NULL;
	size_t len = 0, i;
	FILE *f = open_memstream(&mem, &len);

	if (f == NULL)
		return;
	quarter_label(&rep->q, quarter, sizeof(quarter));
	sh = sheet_open(f, rep->style.excel ? SHEET_EXCEL : SHEET_CSV, columns,
			sizeof(columns) / sizeof(columns[0]));
	for (i = 0; i < rep->count && rep->eval.traced; i++)
		if (rep->partners[i].now)
			partner_rows(sh, rep, rep->partners[i].now, quarter);
	sheet_close(sh, NULL);
	fclose(f);
	strbuf_addn(out, mem ? mem : "", len);
	free(mem);
}
