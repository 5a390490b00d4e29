/* cmd_qa.c: `bpowatch qa`: list, show and export QA reviews, share
 * templates as files, and set a partner's audit interval. Text from the
 * database is neutralised before it is printed. */
#include <getopt.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "commands.h"
#include "json.h"
#include "partner.h"
#include "qa_review.h"
#include "qa_template.h"
#include "store.h"
#include "strbuf.h"
#include "text.h"
#include "xalloc.h"

enum { OPT_DB = 256, OPT_CONFIG, OPT_PARTNER, OPT_FORMAT };

/* Prints untrusted text cut to cols (-1: whole), padded to pad columns. */
static void put(const char *s, int cols, int pad)
{
	char *c = text_clean(s, text_locale_is_utf8() ? 0 : TEXT_ASCII, cols);
	int w = text_width(c);

	fputs(c, stdout);
	for (; w < pad; w++)
		putchar(' ');
	free(c);
}

static int open_store(struct setup *s, bool write, struct store **st)
{
	struct bpw_error err;

	bpw_error_clear(&err);
	if (setup_db_path(s, &err) != 0 ||
	    store_open(s->db_path, write ? 0 : STORE_READONLY, st, &err) != 0) {
		cli_report(&err);
		return 1;
	}
	return 0;
}

static int partner_id(struct store *st, const char *code, int64_t *id)
{
	struct partner p;
	struct bpw_error err;

	if (partner_find(st, code, &p, &err) != 0) {
		cli_report(&err);
		return 1;
	}
	*id = p.id;
	partner_clear(&p);
	return 0;
}

static void fmt_score(double v, char *buf, size_t n)
{
	if (isnan(v))
		snprintf(buf, n, "-");
	else
		snprintf(buf, n, "%.1f%%", v);
}

static int qa_list(struct setup *s, const char *code)
{
	struct qa_review_list l;
	struct bpw_error err;
	struct store *st;
	int64_t pid = 0;
	size_t i;

	if (open_store(s, false, &st) != 0)
		return 1;
	if (code && partner_id(st, code, &pid) != 0) {
		store_close(st);
		return 1;
	}
	if (qa_review_list(st, pid, s->cfg.critical_fail_cap, &l, &err) != 0) {
		cli_report(&err);
		store_close(st);
		return 1;
	}
	printf("%-5s %-10s %-6s %-24s %-18s %-6s %7s  %s\n", "ID", "Date", "Code",
	       "Template", "Reviewer", "Status", "Score", "Answered");
	for (i = 0; i < l.count; i++) {
		const struct qa_review_row *r = &l.items[i];
		char score[24], tpl[64];

		fmt_score(r->score, score, sizeof(score));
		printf("%-5lld %-10s ", (long long)r->id, r->date);
		put(r->partner_code, 6, 7);
		snprintf(tpl, sizeof(tpl), " v%d", r->version);
		printf("%*s", 0, "");
		{
			char *c = text_clean(r->template_name, text_locale_is_utf8() ? 0 :
					     TEXT_ASCII, 24 - (int)strlen(tpl));
			int w = text_width(c) + (int)strlen(tpl);

			printf("%s%s%*s", c, tpl, 25 - w, "");
			free(c);
		}
		put(r->reviewer, 18, 19);
		printf("%-6s %7s%s %zu/%zu\n", r->final ? "final" : "draft", score,
		       r->failed ? "!" : " ", r->answered, r->items);
	}
	if (l.count == 0)
		printf("(no reviews)\n");
	qa_review_list_free(&l);
	store_close(st);
	return 0;
}

static const char *answer_word(const char *a, bool scale)
{
	if (a[0] == '\0')
		return "-";
	if (strcmp(a, "na") == 0)
		return "N/A";
	if (strcmp(a, "pass") == 0)
		return "pass";
	if (strcmp(a, "fail") == 0)
		return "FAIL";
	return scale ? a : "?";
}

static int qa_show(struct setup *s, const char *arg)
{
	struct qa_review r;
	struct bpw_error err;
	struct store *st;
	char *end, score[24];
	long long id = strtoll(arg, &end, 10);
	size_t sec, i, k = 0;

	if (*arg == '\0' || *end != '\0' || id <= 0) {
		cli_error("qa show: '%s' is not a review id (see `bpowatch qa list`)", arg);
		return EXIT_USAGE;
	}
	if (open_store(s, false, &st) != 0)
		return 1;
	if (qa_review_load(st, id, s->cfg.critical_fail_cap, &r, &err) != 0) {
		cli_report(&err);
		store_close(st);
		return 1;
	}
	fmt_score(r.shown, score, sizeof(score));
	printf("Review %lld of ", id);
	put(r.partner_name, 60, 0);
	printf(" (");
	put(r.partner_code, 16, 0);
	printf(")\n%s, ", r.date);
	put(r.reviewer[0] ? r.reviewer : "no reviewer", 60, 0);
	printf(", template ");
	put(r.tpl.name, 60, 0);
	printf(" v%d, %s\nScore %s (passing %.0f%%)%s; %zu answered, %zu N/A, %zu open\n",
	       r.tpl.version, r.final ? "final" : "draft", score, r.tpl.passing,
	       r.failed ? ", FAILED: a critical item failed" : "",
	       r.score.answered, r.score.na, r.score.unanswered);
	for (sec = 0; sec < r.tpl.nsections; sec++) {
		const struct qa_tpl_section *sc = &r.tpl.sections[sec];

		printf("\n");
		put(sc->title, -1, 0);
		printf("\n");
		for (i = 0; i < sc->nitems; i++, k++) {
			const struct qa_tpl_item *it = &sc->items[i];

			printf("  %-4s %c ", answer_word(r.answer[k], it->scale),
			       it->critical ? '!' : ' ');
			put(it->text, -1, 0);
			printf("  (w %g%s)\n", it->weight, it->scale ? ", 0-5" : "");
			if (r.note[k][0]) {
				printf("         note: ");
				put(r.note[k], -1, 0);
				printf("\n");
			}
		}
	}
	if (r.notes[0]) {
		printf("\nNotes: ");
		put(r.notes, -1, 0);
		printf("\n");
	}
	qa_review_clear(&r);
	store_close(st);
	return 0;
}

/* ---- qa export: reviews with every item as CSV, JSON or Markdown ---- */

/* Untrusted text for an export: control characters, escape sequences,
 * bidi overrides and invalid UTF-8 become visible escapes; '\n' stays only
 * in multi-line text (notes). Always UTF-8, whatever the locale. Caller
 * frees. */
static char *export_clean(const char *s, bool multiline)
{
	return text_clean(s, multiline ? TEXT_NEWLINES : 0, -1);
}

/* The item's answer kind as exported. */
static const char *kind_name(const struct qa_tpl_item *it)
{
	return it->scale ? "scale" : "pass_fail";
}

/* Appends ",field" (RFC 4180): quoted when it holds a comma, a quote, a line
 * break or a space at either end; quotes inside are doubled. */
static void csv_put(struct strbuf *b, const char *s)
{
	size_t n = strlen(s);

	strbuf_add(b, ",");
	if (!strpbrk(s, ",\"\n\r") && (n == 0 || (s[0] != ' ' && s[n - 1] != ' '))) {
		strbuf_add(b, s);
		return;
	}
	strbuf_add(b, "\"");
	for (; *s; s++) {
		if (*s == '"')
			strbuf_add(b, "\"");	/* doubled */
		strbuf_addn(b, s, 1);
	}
	strbuf_add(b, "\"");
}

/* Appends an untrusted text field: cleaned, and with a leading ' when a
 * spreadsheet would take it for a formula (= + - @). */
static void csv_text(struct strbuf *b, const char *s, bool multiline)
{
	char *c = export_clean(s, multiline);

	if (c[0] && strchr("=+-@", c[0])) {
		char *q = xmalloc(strlen(c) + 2);

		q[0] = '\'';
		strcpy(q + 1, c);
		free(c);
		c = q;
	}
	csv_put(b, c);
	free(c);
}

static void csv_head(struct strbuf *b)
{
	strbuf_add(b, "review,partner,date,reviewer,status,template,version,section,"
		   "item,weight,critical,kind,answer,item_note,score,failed,"
		   "review_notes\n");
}

/* One row of review r: item it (NULL: a review without items) of section
 * sc, answered a with note. */
static void csv_row(struct strbuf *b, const struct qa_review *r,
		    const struct qa_tpl_section *sc, const struct qa_tpl_item *it,
		    const char *a, const char *note)
{
	char num[32];

	strbuf_addf(b, "%lld", (long long)r->id);
	csv_text(b, r->partner_code, false);
	csv_put(b, r->date);
	csv_text(b, r->reviewer, false);
	csv_put(b, r->final ? "final" : "draft");
	csv_text(b, r->tpl.name, false);
	snprintf(num, sizeof(num), "%d", r->tpl.version);
	csv_put(b, num);
	csv_text(b, sc ? sc->title : "", false);
	csv_text(b, it ? it->text : "", false);
	snprintf(num, sizeof(num), "%g", it ? it->weight : 0.0);
	csv_put(b, it ? num : "");
	csv_put(b, it ? (it->critical ? "yes" : "no") : "");
	csv_put(b, it ? kind_name(it) : "");
	csv_put(b, a);
	csv_text(b, note, true);
	if (isnan(r->shown))
		num[0] = '\0';
	else
		snprintf(num, sizeof(num), "%.1f", r->shown);
	csv_put(b, num);
	csv_put(b, r->failed ? "yes" : "no");
	csv_text(b, r->notes, true);
	strbuf_add(b, "\n");
}

static void csv_review(struct strbuf *b, const struct qa_review *r, bool first)
{
	size_t sec, i, k = 0;

	(void)first;
	if (r->nitems == 0)
		csv_row(b, r, NULL, NULL, "", "");
	for (sec = 0; sec < r->tpl.nsections; sec++) {
		const struct qa_tpl_section *sc = &r->tpl.sections[sec];

		for (i = 0; i < sc->nitems; i++, k++)
			csv_row(b, r, sc, &sc->items[i], r->answer[k], r->note[k]);
	}
}

static void csv_tail(struct strbuf *b)
{
	(void)b;
}

/* Appends "key":"cleaned text". */
static void json_text(struct strbuf *b, bool first, const char *key,
		      const char *s, bool multiline)
{
	char *c = export_clean(s, multiline);

	json_key(b, first, key);
	json_string(b, c);
	free(c);
}

static void json_head(struct strbuf *b)
{
	strbuf_add(b, "{\"reviews\":[");
}

static void json_review(struct strbuf *b, const struct qa_review *r, bool first)
{
	size_t sec, i, k = 0;

	strbuf_add(b, first ? "\n{" : ",\n{");
	json_key(b, true, "id");
	strbuf_addf(b, "%lld", (long long)r->id);
	json_text(b, false, "partner", r->partner_code, false);
	json_text(b, false, "partner_name", r->partner_name, false);
	json_key(b, false, "date");
	json_string(b, r->date);
	json_text(b, false, "reviewer", r->reviewer, false);
	json_key(b, false, "status");
	json_string(b, r->final ? "final" : "draft");
	json_text(b, false, "template", r->tpl.name, false);
	json_key(b, false, "version");
	strbuf_addf(b, "%d", r->tpl.version);
	json_key(b, false, "score");
	json_number(b, r->shown);
	json_key(b, false, "failed");
	strbuf_add(b, r->failed ? "true" : "false");
	json_key(b, false, "passing");
	json_number(b, r->tpl.passing);
	json_text(b, false, "notes", r->notes, true);
	json_key(b, false, "items");
	strbuf_add(b, "[");
	for (sec = 0; sec < r->tpl.nsections; sec++) {
		const struct qa_tpl_section *sc = &r->tpl.sections[sec];

		for (i = 0; i < sc->nitems; i++, k++) {
			const struct qa_tpl_item *it = &sc->items[i];

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
			json_text(b, false, "note", r->note[k], true);
			strbuf_add(b, "}");
		}
	}
	strbuf_add(b, "]}");
}

static void json_tail(struct strbuf *b)
{
	strbuf_add(b, "\n]}\n");
}

/* Appends untrusted text for Markdown: cleaned, every character that could
 * end a table cell or start markup (| \ ` * _ ~ [ ] < > #) backslash-escaped,
 * line breaks as <br> so that a note stays in its cell. */
static void md_text(struct strbuf *b, const char *s)
{
	char *c = export_clean(s, true), *p;

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

static void md_head(struct strbuf *b)
{
	(void)b;
}

static void md_review(struct strbuf *b, const struct qa_review *r, bool first)
{
	size_t sec, i, k = 0;
	char score[24];

	fmt_score(r->shown, score, sizeof(score));
	strbuf_addf(b, "%s## Audit #%lld \xe2\x80\x94 ", first ? "" : "\n",
		    (long long)r->id);
	md_text(b, r->partner_code);
	strbuf_add(b, " ");
	md_text(b, r->partner_name);
	strbuf_addf(b, ", %s\n\nTemplate: ", r->date);
	md_text(b, r->tpl.name);
	strbuf_addf(b, " v%d; reviewer: ", r->tpl.version);
	md_text(b, r->reviewer[0] ? r->reviewer : "none");
	strbuf_addf(b, "; status: %s; score: %s (passing %g%%)%s\n\n",
		    r->final ? "final" : "draft", score, r->tpl.passing,
		    r->failed ? ", a critical item failed" : "");
	strbuf_add(b, "| Section | Item | Weight | Critical | Answer | Note |\n"
		   "|---|---|---:|---|---|---|\n");
	for (sec = 0; sec < r->tpl.nsections; sec++) {
		const struct qa_tpl_section *sc = &r->tpl.sections[sec];

		for (i = 0; i < sc->nitems; i++, k++) {
			const struct qa_tpl_item *it = &sc->items[i];

			strbuf_add(b, "| ");
			md_text(b, sc->title);
			strbuf_add(b, " | ");
			md_text(b, it->text);
			strbuf_addf(b, " | %g | %s | %s | ", it->weight,
				    it->critical ? "yes" : "no",
				    answer_word(r->answer[k], it->scale));
			md_text(b, r->note[k]);
			strbuf_add(b, " |\n");
		}
	}
	if (r->notes[0]) {
		strbuf_add(b, "\nNotes: ");
		md_text(b, r->notes);
		strbuf_add(b, "\n");
	}
}

static void md_tail(struct strbuf *b)
{
	(void)b;
}

/* The export formats: the document's start, one review, its end. */
static const struct exporter {
	const char *name;
	void (*head)(struct strbuf *b);
	void (*review)(struct strbuf *b, const struct qa_review *r, bool first);
	void (*tail)(struct strbuf *b);
} exporters[] = {
	{ .name = "csv", .head = csv_head, .review = csv_review, .tail = csv_tail },
	{ .name = "json", .head = json_head, .review = json_review, .tail = json_tail },
	{ .name = "md", .head = md_head, .review = md_review, .tail = md_tail },
};

/* True when review id is listed in l. */
static bool list_has(const struct qa_review_list *l, int64_t id)
{
	size_t i;

	for (i = 0; i < l->count; i++)
		if (l->items[i].id == id)
			return true;
	return false;
}

/* Every ID must name a review of the list (of the partner, when one is
 * given); says which one does not. */
static int check_ids(struct setup *s, struct store *st,
		     const struct qa_review_list *l, const int64_t *ids,
		     int nids, const char *code)
{
	struct qa_review r;
	struct bpw_error err;
	int i;

	for (i = 0; i < nids; i++) {
		if (list_has(l, ids[i]))
			continue;
		bpw_error_clear(&err);
		if (qa_review_load(st, ids[i], s->cfg.critical_fail_cap, &r, &err) != 0) {
			cli_report(&err);
			return 1;
		}
		cli_error("qa export: review %lld is of partner %s, not %s",
			  (long long)ids[i], r.partner_code, code ? code : "listed");
		qa_review_clear(&r);
		return 1;
	}
	return 0;
}

/* Writes the reviews of l (only those in ids, when any) in format ex. */
static int export_write(struct setup *s, struct store *st,
			const struct qa_review_list *l, const int64_t *ids,
			int nids, const struct exporter *ex)
{
	struct strbuf b = { 0 };
	struct bpw_error err;
	struct qa_review r;
	bool first = true;
	size_t i;
	int j;

	ex->head(&b);
	for (i = 0; i < l->count; i++) {
		for (j = 0; j < nids && ids[j] != l->items[i].id; j++)
			;
		if (nids > 0 && j == nids)
			continue;
		bpw_error_clear(&err);
		if (qa_review_load(st, l->items[i].id, s->cfg.critical_fail_cap,
				   &r, &err) != 0) {
			cli_report(&err);
			strbuf_free(&b);
			return 1;
		}
		ex->review(&b, &r, first);
		first = false;
		qa_review_clear(&r);
	}
	ex->tail(&b);
	fputs(strbuf_str(&b), stdout);
	strbuf_free(&b);
	if (fflush(stdout) != 0 || ferror(stdout)) {
		cli_error("qa export: cannot write the output");
		return 1;
	}
	return 0;
}

static int qa_export(struct setup *s, const char *code, const char *format,
		     char **args, int nids)
{
	const struct exporter *ex = NULL;
	struct qa_review_list l;
	struct bpw_error err;
	struct store *st;
	int64_t *ids, pid = 0;
	size_t f;
	int i, rc;

	for (f = 0; f < sizeof(exporters) / sizeof(exporters[0]); f++)
		if (strcmp(format ? format : "csv", exporters[f].name) == 0)
			ex = &exporters[f];
	if (ex == NULL) {
		cli_error("qa export: unknown format '%s' (csv, json or md)", format);
		return cli_usage("qa");
	}
	ids = xcalloc((size_t)nids + 1, sizeof(*ids));
	for (i = 0; i < nids; i++) {
		char *end;
		long long id = strtoll(args[i], &end, 10);

		if (*args[i] == '\0' || *end != '\0' || id <= 0) {
			cli_error("qa export: '%s' is not a review id (see `bpowatch "
				  "qa list`)", args[i]);
			free(ids);
			return EXIT_USAGE;
		}
		ids[i] = id;
	}
	if (open_store(s, false, &st) != 0) {
		free(ids);
		return 1;
	}
	rc = code ? partner_id(st, code, &pid) : 0;
	if (rc == 0) {
		bpw_error_clear(&err);
		rc = qa_review_list(st, pid, s->cfg.critical_fail_cap, &l, &err);
		if (rc != 0) {
			cli_report(&err);
			rc = 1;
		} else {
			rc = check_ids(s, st, &l, ids, nids, code);
			if (rc == 0)
				rc = export_write(s, st, &l, ids, nids, ex);
			qa_review_list_free(&l);
		}
	}
	free(ids);
	store_close(st);
	return rc;
}

static int tpl_list(struct setup *s)
{
	struct qa_template_list l;
	struct bpw_error err;
	struct store *st;
	size_t i;

	if (open_store(s, false, &st) != 0)
		return 1;
	if (qa_template_list(st, &l, &err) != 0) {
		cli_report(&err);
		store_close(st);
		return 1;
	}
	printf("%-5s %-32s %-8s %-10s %-8s %s\n", "ID", "Name", "Version", "Created",
	       "Reviews", "");
	for (i = 0; i < l.count; i++) {
		const struct qa_template *t = &l.items[i];

		printf("%-5lld ", (long long)t->id);
		put(t->name, 32, 33);
		printf("v%-7d %-10s %-8zu %s%s\n", t->version, t->created, t->reviews,
		       t->version == t->latest ? "latest" : "",
		       t->frozen ? (t->version == t->latest ? ", frozen" : "frozen") : "");
	}
	qa_template_list_free(&l);
	store_close(st);
	return 0;
}

static int tpl_import(struct setup *s, const char *path)
{
	struct qa_template t;
	struct bpw_error err;
	struct store *st;
	int64_t id;

	if (open_store(s, true, &st) != 0)
		return 1;
	bpw_error_clear(&err);
	if (qa_template_import(st, path, &id, &err) != 0 ||
	    qa_template_load(st, id, &t, &err) != 0) {
		cli_report(&err);
		store_close(st);
		return 1;
	}
	printf("imported ");
	put(t.name, -1, 0);
	printf(" as version %d (id %lld)\n", t.version, (long long)id);
	qa_template_clear(&t);
	store_close(st);
	return 0;
}

static int tpl_export(struct setup *s, const char *which)
{
	struct qa_template t;
	struct bpw_error err;
	struct strbuf b = { 0 };
	struct store *st;
	char *end;
	long long n = strtoll(which, &end, 10);
	int64_t id;
	int rc;

	if (open_store(s, false, &st) != 0)
		return 1;
	bpw_error_clear(&err);
	if (*which && *end == '\0' && n > 0) {
		id = n;
		rc = 0;
	} else {
		rc = qa_template_latest(st, which, &id, &err);
	}
	if (rc == 0)
		rc = qa_template_load(st, id, &t, &err);
	if (rc != 0) {
		cli_report(&err);
		store_close(st);
		return 1;
	}
	qa_template_export(&t, &b);
	fputs(strbuf_str(&b), stdout);
	strbuf_free(&b);
	qa_template_clear(&t);
	store_close(st);
	return 0;
}

static int qa_interval(struct setup *s, const char *code, const char *days_arg)
{
	struct bpw_error err;
	struct store *st;
	int64_t pid;
	int days = 0, rc = 0;

	if (days_arg) {
		char *end;
		long v = strtol(days_arg, &end, 10);

		if (*days_arg == '\0' || *end != '\0' || v < 0 || v > 3650) {
			cli_error("qa interval: '%s' is not a number of days from 1 to "
				  "3650 (0 removes the partner's own interval)", days_arg);
			return EXIT_USAGE;
		}
		days = (int)v;
	}
	if (open_store(s, days_arg != NULL, &st) != 0)
		return 1;
	if (partner_id(st, code, &pid) != 0) {
		store_close(st);
		return 1;
	}
	bpw_error_clear(&err);
	if (days_arg)
		rc = qa_interval_set(st, pid, days, &err);
	else
		rc = qa_interval_get(st, pid, &days, &err);
	if (rc != 0) {
		cli_report(&err);
		store_close(st);
		return 1;
	}
	put(code, 16, 0);
	if (days)
		printf(": an audit every %d days\n", days);
	else
		printf(": the global interval (%d days, audit_interval_days)\n",
		       s->cfg.audit_interval_days);
	store_close(st);
	return 0;
}

int cmd_qa(struct setup *s, int argc, char **argv)
{
	static const struct option opts[] = {
		{ "db", required_argument, NULL, OPT_DB },
		{ "config", required_argument, NULL, OPT_CONFIG },
		{ "partner", required_argument, NULL, OPT_PARTNER },
		{ "format", required_argument, NULL, OPT_FORMAT },
		{ "help", no_argument, NULL, 'h' },
		{ NULL, 0, NULL, 0 },
	};
	const char *partner = NULL, *format = NULL, *what, *arg;
	int opt, rc, n;

	optind = 0;
	while ((opt = getopt_long(argc, argv, "h", opts, NULL)) != -1) {
		if (opt == OPT_PARTNER) {
			partner = optarg;
			continue;
		}
		if (opt == OPT_FORMAT) {
			format = optarg;
			continue;
		}
		rc = cli_common_option(s, opt, optarg, "qa");
		if (rc < 0)
			return 0;
		if (rc == 0) {
			cli_error("qa: unknown option %s", argv[optind - 1]);
			return cli_usage("qa");
		}
	}
	n = argc - optind;	/* "list", "show ID", ... */
	what = n > 0 ? argv[optind] : NULL;
	arg = n > 1 ? argv[optind + 1] : NULL;
	if (what == NULL) {
		cli_error("qa: say what: list, show ID, export, template or interval");
		return cli_usage("qa");
	}
	if (strcmp(what, "export") == 0)
		return qa_export(s, partner, format, argv + optind + 1, n - 1);
	if (format) {
		cli_error("qa: --format goes with qa export");
		return cli_usage("qa");
	}
	if (strcmp(what, "list") == 0 && n == 1)
		return qa_list(s, partner);
	if (strcmp(what, "show") == 0 && n == 2)
		return qa_show(s, arg);
	if (strcmp(what, "interval") == 0 && (n == 2 || n == 3))
		return qa_interval(s, arg, n == 3 ? argv[optind + 2] : NULL);
	if (strcmp(what, "template") == 0 && arg) {
		if (strcmp(arg, "list") == 0 && n == 2)
			return tpl_list(s);
		if (strcmp(arg, "import") == 0 && n == 3)
			return tpl_import(s, argv[optind + 2]);
		if (strcmp(arg, "export") == 0 && n == 3)
			return tpl_export(s, argv[optind + 2]);
	}
	cli_error("qa: '%s' with %d argument%s is not a qa command", what, n - 1,
		  n - 1 == 1 ? "" : "s");
	return cli_usage("qa");
}
