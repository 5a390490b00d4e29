/* cmd_check.c: `bpowatch check`, the indicator engine for scripts and cron:
 * a compact table or JSON, and an exit status that says the worst. */
#include <ctype.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "commands.h"
#include "date.h"
#include "indicator.h"
#include "judgement.h"
#include "outfile.h"
#include "json.h"
#include "store.h"
#include "strbuf.h"
#include "target_book.h"
#include "text.h"

enum { O_AS_OF, O_PARTNER, O_FORMAT, O_FRESH };

/* Exit status of `check`: the worst status, or EXIT_CHECK_ERROR. */
static int exit_for(enum status worst)
{
	return worst == STATUS_ALERT ? 2 : worst >= STATUS_NODATA ? 1 : 0;
}

/* The contract targets of `check --format json`: the judged month's
 * quarter up to that month. */
struct check_targets {
	struct target_book book;
	char quarter[16];	/* "2026Q4" */
};

static void targets_json(struct strbuf *b, const struct partner_result *pr, void *ctx)
{
	const struct check_targets *t = ctx;

	json_key(b, false, "targets");
	target_book_json(&t->book, pr->id, t->quarter, b);
}

/* Loads the targets and their attainment in the quarter of ev's month. */
static int load_targets(struct store *st, const struct evaluation *ev,
			struct check_targets *t, struct bpw_error *err)
{
	char first[8];
	int n = target_quarter_start(ev->as_of, first);

	snprintf(t->quarter, sizeof(t->quarter), "%.4s""Q%d", ev->as_of,
		 (atoi(ev->as_of + 5) - 1) / 3 + 1);
	return target_book_load(st, 0, first, n, &t->book, err);
}

/* The JSON is written partner by partner, each one's detail (with the
 * figures its rules read) read from the stored judgement just before and
 * let go just after: 10,000 partners need one partner's worth of memory,
 * not the whole portfolio's explanations (800 MB as one document). */
struct check_pass {
	struct store *st;
	struct evaluation *ev;
	struct bpw_error *err;
	enum status worst;	/* of the partners printed, as printed */
};

/* A partner's detail, just before it is printed; its status then is the
 * one printed (a lazily read judgement whose detail another process
 * pruned meanwhile is judged afresh here), so the exit status is taken
 * from it. */
static int pass_need(size_t p, void *ctx)
{
	struct check_pass *c = ctx;
	int rc = judgement_detail(c->st, c->ev, &c->ev->partners[p], c->err);

	if (rc == 0 && c->ev->partners[p].status > c->worst)
		c->worst = c->ev->partners[p].status;
	return rc;
}

static int pass_done(size_t p, void *ctx)
{
	struct check_pass *c = ctx;

	judgement_release(c->ev, &c->ev->partners[p]);
	return 0;
}

/* Text for the terminal or a cron mail; database text neutralised. Each
 * partner's reasons are read (c) just before its lines and let go after
 * them, as the JSON's. */
static int print_text(struct evaluation *ev, long only, struct check_pass *c)
{
	unsigned flags = text_locale_is_utf8() ? 0 : TEXT_ASCII;
	const struct partner_result **order;
	size_t p, i, n = 0, titlew = 0;
	int s;

	order = calloc(ev->count + 1, sizeof(*order));
	if (order == NULL)
		return bpw_error_set(c->err, BPW_ENOMEM, "out of memory");
	for (p = 0; p < ev->count; p++)
		if (only < 0 || (long)p == only)
			order[n++] = &ev->partners[p];
	indicator_partner_sort(order, n);
	for (i = 0; i < ev->rs->count; i++)
		if (strlen(ev->rs->items[i].title) > titlew)
			titlew = strlen(ev->rs->items[i].title);
	if (titlew > 30)
		titlew = 30;
	printf("as of %.7s: %zu partner%s", ev->as_of, n, n == 1 ? "" : "s");
	for (s = STATUS_ALERT; s >= STATUS_OK; s--) {
		size_t k, many = 0;

		for (k = 0; k < n; k++)
			many += (int)order[k]->status == s;
		printf("%s %zu %s", s == STATUS_ALERT ? ":" : ",", many,
		       status_label((enum status)s));
	}
	printf("\n");
	for (p = 0; p < n; p++) {
		const struct partner_result *pr = order[p];
		size_t at = (size_t)(pr - ev->partners);
		char *code, *name;
		int rc = pass_need(at, c);

		if (rc != 0) {
			free(order);
			return rc;
		}
		code = text_clean(pr->code, flags, 16);
		name = text_clean(pr->name, flags, 40);

		printf("\n%-7s %-6s %s  (health %.0f)\n", status_label(pr->status),
		       code, name, pr->health);
		free(code);
		free(name);
		for (i = 0; i < pr->ninds; i++) {
			const struct indicator_result *ir = &pr->inds[i];
			char *title, *reason;

			if (only < 0 && ir->status == STATUS_OK)
				continue;
			title = text_clean(ir->ind->title, flags, (int)titlew);
			reason = text_clean(ir->reason, flags, -1);
			printf("  %-*s  %-7s %s\n", (int)titlew, title,
			       status_label(ir->status), reason);
			free(title);
			free(reason);
		}
		pass_done(at, c);
	}
	free(order);
	return 0;
}

static int check_run(struct setup *s, const struct cmd_args *a)
{
	const char *partner, *v;
	char as_of[DATE_LEN], today[DATE_LEN];
	bool have_as_of = false, json = false;
	struct bpw_error err;
	struct evaluation ev;
	struct check_targets targets = { 0 };
	struct store *st;
	struct check_pass c = { NULL, &ev, &err, STATUS_OK };
	long only = -1;
	int rc;

	bpw_error_clear(&err);
	if ((v = cmd_arg(a, O_AS_OF)) != NULL) {
		if (!cli_month(v, as_of)) {
			cli_error("check: --as-of '%s' is not a month "
				  "(YYYY-MM, e.g. 2026-10)", v);
			return EXIT_CHECK_ERROR;
		}
		have_as_of = true;
	}
	partner = cmd_arg(a, O_PARTNER);
	if ((v = cmd_arg(a, O_FORMAT)) != NULL) {
		if (strcmp(v, "json") != 0 && strcmp(v, "text") != 0) {
			cli_error("check: --format must be text or json, not '%s'", v);
			return EXIT_CHECK_ERROR;
		}
		json = strcmp(v, "json") == 0;
	}
	if (setup_db_path(s, &err) != 0 ||
	    store_open(s->db_path, setup_write_flags(s), &st, &err) != 0) {
		cli_report(&err);
		return EXIT_CHECK_ERROR;
	}
	c.st = st;
	date_today(today);
	/* The JSON carries the explanation of every figure: a traced pass
	 * (of the one partner asked for, judged afresh, or of all). */
	if (json && partner)
		rc = indicator_evaluate_traced(st, s->cfg.rules, have_as_of ? as_of : NULL,
					       today, partner, &ev, &err);
	else
		rc = judgement_evaluate(st, s->cfg.rules, have_as_of ? as_of : NULL, today,
					(json ? JUDGE_TRACED : 0) | JUDGE_LAZY |
					(cmd_arg(a, O_FRESH) ? JUDGE_FRESH | JUDGE_NO_STORE : 0),
					&ev, NULL, &err);
	if (rc == 0 && json)
		rc = load_targets(st, &ev, &targets, &err);
	if (rc != 0) {
		cli_report(&err);
		store_close(st);
		indicator_free(&ev);
		target_book_free(&targets.book);
		return EXIT_CHECK_ERROR;
	}
	if (partner) {
		only = indicator_find(&ev, partner);
		if (only < 0) {
			cli_error("check: no active partner with code '%s' in %s",
				  partner, s->db_path);
			store_close(st);
			indicator_free(&ev);
			target_book_free(&targets.book);
			return EXIT_CHECK_ERROR;
		}
	}
	if (json)
		rc = indicator_json_write(&ev, only, targets_json, &targets, pass_need,
					  pass_done, &c, stdout);
	else
		rc = print_text(&ev, only, &c);
	store_close(st);
	indicator_free(&ev);
	target_book_free(&targets.book);
	if (rc != 0) {
		fflush(stdout);
		cli_report(&err);
		return EXIT_CHECK_ERROR;
	}
	if (outfile_flush(stdout, &err) != 0) {
		cli_report(&err);
		return EXIT_CHECK_ERROR;
	}
	return exit_for(c.worst);
}

static const char check_brief[] =
	"  check [--as-of YYYY-MM] [--partner CODE] [--format text|json] [--fresh]\n"
	"                   judge every partner on the health indicators\n";

static const char check_usage[] =
	"usage: bpowatch [--db PATH] [--config PATH] check [--as-of YYYY-MM]\n"
	"                [--partner CODE] [--format text|json] [--fresh]\n"
	"\n"
	"Judges every active partner on the health indicators of the\n"
	"configuration, as of a month (default: the month judged today).\n"
	"  --as-of YYYY-MM   the month to judge\n"
	"  --partner CODE    only this partner (text then lists every indicator)\n"
	"  --format FORMAT   text (default): a compact table for a terminal or a\n"
	"                    cron mail; json: statuses, reasons and figures\n"
	"  --fresh           judge afresh, without reading or storing a stored\n"
	"                    judgement (one is kept until the data, the rules,\n"
	"                    the month or the day change)\n"
	"Exit status: 0 all OK, 1 something WATCH or NO DATA, 2 something ALERT,\n"
	"3 error (bad option, configuration or database).\n";

static const struct cmd_option check_options[] = {
	[O_AS_OF] = { "as-of", 0, true },
	[O_PARTNER] = { "partner", 0, true },
	[O_FORMAT] = { "format", 0, true },
	[O_FRESH] = { "fresh", 0, false },
	{ NULL, 0, false },
};

const struct cmd_entry cmd_check = {
	.name = "check",
	.brief = check_brief,
	.usage = check_usage,
	.options = check_options,
	.max_args = 0,
	.usage_exit = EXIT_CHECK_ERROR,
	.reconfig = true,
	.run = check_run,
};
