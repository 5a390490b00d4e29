/* cmd_qa.c: `bpowatch qa`: list, show and export QA reviews, share
 * templates as files, and set a partner's audit interval. Text from the
 * database is neutralised before it is printed; core/qa_export.c writes
 * the exports. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "commands.h"
#include "partner.h"
#include "qa_export.h"
#include "qa_review.h"
#include "qa_template.h"
#include "store.h"
#include "strbuf.h"
#include "text.h"
#include "xalloc.h"

enum { O_PARTNER, O_FORMAT };

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
	    store_open(s->db_path, write ? setup_write_flags(s) : STORE_READONLY, st,
		       &err) != 0) {
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

		qa_score_text(r->score, score, sizeof(score));
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

static int qa_show(struct setup *s, const char *arg)
{
	struct qa_review r;
	struct bpw_error err;
	struct store *st;
	char *end, score[24], done[80];
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
	qa_score_text(r.shown, score, sizeof(score));
	qa_answered_text(&r.score, done, sizeof(done));
	printf("Review %lld of ", id);
	put(r.partner_name, 60, 0);
	printf(" (");
	put(r.partner_code, 16, 0);
	printf(")\n%s, ", r.date);
	put(r.reviewer[0] ? r.reviewer : "no reviewer", 60, 0);
	printf(", template ");
	put(r.tpl.name, 60, 0);
	printf(" v%d, %s\nScore %s (passing %.0f%%)%s; %s\n", r.tpl.version,
	       r.final ? "final" : "draft", score, r.tpl.passing,
	       r.failed ? ", FAILED: a critical item failed" : "", done);
	if (r.gap_items > 0)
		printf("The partner's own score %.1f%%; calibration gap %+.1f pts on %zu "
		       "items (theirs minus ours)\n", r.their_score.score, r.gap, r.gap_items);
	for (sec = 0; sec < r.tpl.nsections; sec++) {
		const struct qa_tpl_section *sc = &r.tpl.sections[sec];

		printf("\n");
		put(sc->title, -1, 0);
		printf("\n");
		for (i = 0; i < sc->nitems; i++, k++) {
			const struct qa_tpl_item *it = &sc->items[i];

			printf("  %-4s %c ", qa_answer_label(r.answer[k], it->scale),
			       it->critical ? '!' : ' ');
			put(it->text, -1, 0);
			printf("  (w %g%s)\n", it->weight, it->scale ? ", 0-5" : "");
			if (r.theirs[k][0])
				printf("         the partner's own answer: %s\n",
				       qa_answer_label(r.theirs[k], it->scale));
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

/* Writes the reviews of l (only those in ids, when any) in format fmt. */
static int export_write(struct setup *s, struct store *st,
			const struct qa_review_list *l, const int64_t *ids,
			int nids, enum qa_export_format fmt)
{
	int64_t *pick = xcalloc(l->count + 1, sizeof(*pick));
	struct bpw_error err;
	size_t i, n = 0;
	int j, rc;

	for (i = 0; i < l->count; i++) {
		for (j = 0; j < nids && ids[j] != l->items[i].id; j++)
			;
		if (nids == 0 || j < nids)
			pick[n++] = l->items[i].id;
	}
	bpw_error_clear(&err);
	rc = qa_export_write(st, pick, n, s->cfg.critical_fail_cap, fmt, stdout, &err);
	free(pick);
	if (rc != 0) {
		cli_report(&err);
		return 1;
	}
	return 0;
}

static int qa_export(struct setup *s, const char *code, const char *format,
		     char **args, int nids)
{
	int fmt = qa_export_format_parse(format ? format : "csv");
	struct qa_review_list l;
	struct bpw_error err;
	struct store *st;
	int64_t *ids, pid = 0;
	int i, rc;

	if (fmt < 0) {
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
				rc = export_write(s, st, &l, ids, nids,
						  (enum qa_export_format)fmt);
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

static int qa_run(struct setup *s, const struct cmd_args *a)
{
	const char *partner, *format, *what, *arg;
	int n;

	partner = cmd_arg(a, O_PARTNER);
	format = cmd_arg(a, O_FORMAT);
	n = a->argc;	/* "list", "show ID", ... */
	what = n > 0 ? a->argv[0] : NULL;
	arg = n > 1 ? a->argv[1] : NULL;
	if (what == NULL) {
		cli_error("qa: say what: list, show ID, export, template or interval");
		return cli_usage("qa");
	}
	if (strcmp(what, "export") == 0)
		return qa_export(s, partner, format, a->argv + 1, n - 1);
	if (format) {
		cli_error("qa: --format goes with qa export");
		return cli_usage("qa");
	}
	if (strcmp(what, "list") == 0 && n == 1)
		return qa_list(s, partner);
	if (strcmp(what, "show") == 0 && n == 2)
		return qa_show(s, arg);
	if (strcmp(what, "interval") == 0 && (n == 2 || n == 3))
		return qa_interval(s, arg, n == 3 ? a->argv[2] : NULL);
	if (strcmp(what, "template") == 0 && arg) {
		if (strcmp(arg, "list") == 0 && n == 2)
			return tpl_list(s);
		if (strcmp(arg, "import") == 0 && n == 3)
			return tpl_import(s, a->argv[2]);
		if (strcmp(arg, "export") == 0 && n == 3)
			return tpl_export(s, a->argv[2]);
	}
	cli_error("qa: '%s' with %d argument%s is not a qa command", what, n - 1,
		  n - 1 == 1 ? "" : "s");
	return cli_usage("qa");
}

static const char qa_brief[] =
	"  qa list [--partner CODE] | qa show ID\n"
	"  qa export [--partner CODE] [--format csv|json|md] [ID]...\n"
	"  qa template list | import FILE | export NAME|ID\n"
	"  qa interval CODE [DAYS]\n"
	"                   QA audits, checklist templates, audit intervals\n";

static const char qa_usage[] =
	"usage: bpowatch [--db PATH] qa COMMAND\n"
	"\n"
	"  qa list [--partner CODE]   the QA reviews, newest first, with score\n"
	"                             (! after it: a critical item failed)\n"
	"  qa show ID                 one review: every item, answer and note\n"
	"  qa export [--partner CODE] [--format csv|json|md] [ID]...\n"
	"                             reviews with every item to standard output,\n"
	"                             newest first: all, the partner's, or the\n"
	"                             IDs given (csv: one row per item; json: one\n"
	"                             document; md: a table per review)\n"
	"  qa template list           the checklist templates and their versions\n"
	"  qa template import FILE    store a template file (version 1 of a new\n"
	"                             name, else the next version)\n"
	"  qa template export NAME|ID print a template as a file to share\n"
	"  qa interval CODE [DAYS]    show or set a partner's audit interval\n"
	"                             (0 returns to audit_interval_days)\n";

static const struct cmd_option qa_options[] = {
	[O_PARTNER] = { "partner", 0, true },
	[O_FORMAT] = { "format", 0, true },
	{ NULL, 0, false },
};

const struct cmd_entry cmd_qa = {
	.name = "qa",
	.brief = qa_brief,
	.usage = qa_usage,
	.options = qa_options,
	.max_args = -1,
	.usage_exit = 0,
	.reconfig = false,
	.run = qa_run,
};
