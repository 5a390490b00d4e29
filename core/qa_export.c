/* qa_export.c: QA audits with every item as CSV rows, a JSON document or
 * Markdown tables. Text from the database is neutralised on the way out
 * and always written as UTF-8, whatever the locale. */
#include "qa_export.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "json.h"
#include "outfile.h"
#include "strbuf.h"
#include "text.h"

const char *const qa_export_columns[QA_EXPORT_NCOLS] = {
	"review", "partner", "date", "reviewer", "status", "template", "version",
	"section", "item", "weight", "critical", "kind", "answer", "partner_answer",
	"item_note",
	"score", "failed", "review_notes",
};

static const char *const format_names[] = {
	[QA_EXPORT_CSV] = "csv", [QA_EXPORT_JSON] = "json", [QA_EXPORT_MD] = "md",
};

int qa_export_format_parse(const char *name)
{
	int i;

	for (i = 0; i < (int)(sizeof(format_names) / sizeof(format_names[0])); i++)
		if (strcmp(name, format_names[i]) == 0)
			return i;
	return -1;
}

/* The item's answer kind as exported. */
static const char *kind_name(const struct qa_tpl_item *it)
{
	return it->scale ? "scale" : "pass_fail";
}

/* Calls fn for each review of ids (the i-th), loaded one at a time. */
static int each_review(struct store *st, const int64_t *ids, size_t n, double cap,
		       void (*fn)(const struct qa_review *r, size_t i, void *ctx),
		       void *ctx, struct bpw_error *err)
{
	struct qa_review r;
	size_t i;
	int rc;

	for (i = 0; i < n; i++) {
		rc = qa_review_load(st, ids[i], cap, &r, err);
		if (rc != 0)
			return rc;
		fn(&r, i, ctx);
		qa_review_clear(&r);
	}
	return 0;
}

/* Calls fn for each item of r in template order: its section, the item
 * and its index k in r->answer and r->note. */
static void each_item(const struct qa_review *r,
		      void (*fn)(const struct qa_review *r,
				 const struct qa_tpl_section *sc,
				 const struct qa_tpl_item *it, size_t k, void *ctx),
		      void *ctx)
{
	size_t sec, i, k = 0;

	for (sec = 0; sec < r->tpl.nsections; sec++)
		for (i = 0; i < r->tpl.sections[sec].nitems; i++, k++)
			fn(r, &r->tpl.sections[sec], &r->tpl.sections[sec].items[i],
			   k, ctx);
}

/* ---- CSV: one row per item ---- */

struct rows_ctx {
	struct sheet *sh;
	bool renumber;
	long long key;		/* the review column of the current review */
};

/* One row of review r: item it (NULL: a review without items) of section
 * sc, answered a (and by the partner theirs) with note. */
static void item_row(const struct rows_ctx *c, const struct qa_review *r,
		     const struct qa_tpl_section *sc, const struct qa_tpl_item *it,
		     const char *a, const char *theirs, const char *note)
{
	struct sheet *sh = c->sh;

	sheet_int(sh, c->key);
	sheet_text(sh, r->partner_code);
	sheet_word(sh, r->date);
	sheet_text(sh, r->reviewer);
	sheet_word(sh, r->final ? "final" : "draft");
	sheet_text(sh, r->tpl.name);
	sheet_int(sh, r->tpl.version);
	sheet_text(sh, sc ? sc->title : "");
	sheet_text(sh, it ? it->text : "");
	if (it) {
		sheet_number(sh, it->weight);
		sheet_flag(sh, it->critical);
		sheet_word(sh, kind_name(it));
	} else {
		sheet_word(sh, NULL);
		sheet_word(sh, NULL);
		sheet_word(sh, NULL);
	}
	sheet_word(sh, a);
	sheet_word(sh, theirs);
	sheet_note(sh, note);
	sheet_fixed(sh, r->shown, 1);
	sheet_flag(sh, r->failed);
	sheet_note(sh, r->notes);
}

static void item_csv(const struct qa_review *r, const struct qa_tpl_section *sc,
		     const struct qa_tpl_item *it, size_t k, void *ctx)
{
	item_row(ctx, r, sc, it, r->answer[k], r->theirs[k], r->note[k]);
}

static void review_rows(const struct qa_review *r, size_t at, void *ctx)
{
	struct rows_ctx *c = ctx;

	c->key = c->renumber ? (long long)at + 1 : (long long)r->id;
	if (r->nitems == 0)
		item_row(c, r, NULL, NULL, "", "", "");
	each_item(r, item_csv, c);
}

int qa_export_rows(struct store *st, const int64_t *ids, size_t n, double cap,
		   bool renumber, struct sheet *sh, struct bpw_error *err)
{
	struct rows_ctx c = { .sh = sh, .renumber = renumber };

	return each_review(st, ids, n, cap, review_rows, &c, err);
}

/* ---- JSON: one document, a review with its items per element ---- */

/* Appends "key":"neutralised text". */
static void json_text(struct strbuf *b, bool first, const char *key,
		      const char *s, bool multiline)
{
	char *c = text_clean(s, multiline ? TEXT_NEWLINES : 0, -1);

	json_key(b, first, key);
	json_string(b, c);
	free(c);
}

static void item_json(const struct qa_review *r, const struct qa_tpl_section *sc,
		      const struct qa_tpl_item *it, size_t k, void *ctx)
{
	struct strbuf *b = ctx;

	strbuf_add(b, k ? ",{" : "{");
	json_text(b, true, "section", sc->title, false);
	json_text(b, false, "text", it->text, false);
	json_key(b, false, "weight");
	json_number(b, it->weight);
	json_key(b, false, "critical");
	strbuf_add(b, it->critical ? "true" : "false");
	json_key(b, false, "kind");
	json_string(b, kind_name(it));
	json_key(b, false, "answer");
	json_string(b, r->answer[k][0] ? r->answer[k] : NULL);
	json_key(b, false, "partner_answer");
	json_string(b, r->theirs[k][0] ? r->theirs[k] : NULL);
	json_text(b, false, "note", r->note[k], true);
	strbuf_add(b, "}");
}

static void json_review(const struct qa_review *r, size_t at, void *ctx)
{
	struct strbuf b = { 0 };

	strbuf_add(&b, at == 0 ? "\n{" : ",\n{");
	json_key(&b, true, "id");
	strbuf_addf(&b, "%lld", (long long)r->id);
	json_text(&b, false, "partner", r->partner_code, false);
	json_text(&b, false, "partner_name", r->partner_name, false);
	json_key(&b, false, "date");
	json_string(&b, r->date);
	json_text(&b, false, "reviewer", r->reviewer, false);
	json_key(&b, false, "status");
	json_string(&b, r->final ? "final" : "draft");
	json_text(&b, false, "template", r->tpl.name, false);
	json_key(&b, false, "version");
	strbuf_addf(&b, "%d", r->tpl.version);
	json_key(&b, false, "score");
	json_number(&b, r->shown);
	json_key(&b, false, "failed");
	strbuf_add(&b, r->failed ? "true" : "false");
	json_key(&b, false, "passing");
	json_number(&b, r->tpl.passing);
	json_text(&b, false, "notes", r->notes, true);
	json_key(&b, false, "items");
	strbuf_add(&b, "[");
	each_item(r, item_json, &b);
	strbuf_add(&b, "]}");
	fputs(strbuf_str(&b), ctx);
	strbuf_free(&b);
}

/* ---- Markdown: a heading and a table per review ---- */

/* Appends untrusted text for Markdown: neutralised, every character that
 * could end a table cell or start markup (| \ ` * _ ~ [ ] < > #)
 * backslash-escaped, line breaks as <br> so that a note stays in its cell. */
static void md_text(struct strbuf *b, const char *s)
{
	char *c = text_clean(s, TEXT_NEWLINES, -1), *p;

	for (p = c; *p; p++) {
		if (*p == '\n') {
			strbuf_add(b, "<br>");
			continue;
		}
		if (strchr("|\\`*_~[]<>#", *p))
			strbuf_add(b, "\\");
		strbuf_addn(b, p, 1);
	}
	free(c);
}

static void item_md(const struct qa_review *r, const struct qa_tpl_section *sc,
		    const struct qa_tpl_item *it, size_t k, void *ctx)
{
	struct strbuf *b = ctx;

	strbuf_add(b, "| ");
	md_text(b, sc->title);
	strbuf_add(b, " | ");
	md_text(b, it->text);
	strbuf_addf(b, " | %g | %s | %s | ", it->weight, it->critical ? "yes" : "no",
		    qa_answer_label(r->answer[k], it->scale));
	md_text(b, r->note[k]);
	strbuf_add(b, " |\n");
}

static void md_review(const struct qa_review *r, size_t at, void *ctx)
{
	struct strbuf b = { 0 };
	char score[24];

	qa_score_text(r->shown, score, sizeof(score));
	strbuf_addf(&b, "%s## Audit #%lld \xe2\x80\x94 ", at == 0 ? "" : "\n",
		    (long long)r->id);
	md_text(&b, r->partner_code);
	strbuf_add(&b, " ");
	md_text(&b, r->partner_name);
	strbuf_addf(&b, ", %s\n\nTemplate: ", r->date);
	md_text(&b, r->tpl.name);
	strbuf_addf(&b, " v%d; reviewer: ", r->tpl.version);
	md_text(&b, r->reviewer[0] ? r->reviewer : "none");
	strbuf_addf(&b, "; status: %s; score: %s (passing %g%%)%s\n\n",
		    r->final ? "final" : "draft", score, r->tpl.passing,
		    r->failed ? ", a critical item failed" : "");
	strbuf_add(&b, "| Section | Item | Weight | Critical | Answer | Note |\n"
		   "|---|---|---:|---|---|---|\n");
	each_item(r, item_md, &b);
	if (r->notes[0]) {
		strbuf_add(&b, "\nNotes: ");
		md_text(&b, r->notes);
		strbuf_add(&b, "\n");
	}
	fputs(strbuf_str(&b), ctx);
	strbuf_free(&b);
}

int qa_export_write(struct store *st, const int64_t *ids, size_t n, double cap,
		    enum qa_export_format fmt, FILE *f, struct bpw_error *err)
{
	struct sheet *sh;
	int rc;

	switch (fmt) {
	case QA_EXPORT_CSV:
		sh = sheet_open(f, SHEET_CSV, qa_export_columns, QA_EXPORT_NCOLS);
		rc = qa_export_rows(st, ids, n, cap, false, sh, err);
		if (rc != 0) {
			sheet_close(sh, NULL);
			return rc;
		}
		return sheet_close(sh, err);
	case QA_EXPORT_JSON:
		fputs("{\"reviews\":[", f);
		rc = each_review(st, ids, n, cap, json_review, f, err);
		if (rc == 0)
			fputs("\n]}\n", f);
		break;
	default:
		rc = each_review(st, ids, n, cap, md_review, f, err);
		break;
	}
	if (rc == 0)
		rc = outfile_flush(f, err);
	return rc;
}
