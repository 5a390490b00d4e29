/* cmd_import.c: `bpowatch import`: CSV files into the database, all or
 * nothing, with every error as FILE:LINE:COLUMN and a summary of what was
 * inserted, updated and unchanged. */
#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "commands.h"
#include "import.h"
#include "sheet.h"
#include "store.h"
#include "text.h"
#include "transcode.h"
#include "xalloc.h"

enum { OPT_DB = 256, OPT_CONFIG, OPT_DRY_RUN, OPT_TYPE, OPT_CREATE_PARTNERS,
       OPT_ENCODING, OPT_IGNORE_COLUMN };

#define PROGRESS_MIN (8LL << 20)	/* files smaller than this get none */

static void progress(const char *file, long long done, long long total,
		     void *ctx)
{
	(void)ctx;
	if (total < PROGRESS_MIN)
		return;
	fprintf(stderr, "\rbpowatch: importing %.60s: %3lld%%", file,
		done * 100 / total);
	fflush(stderr);
}

/* The warnings: "FILE: message" (with :LINE when there is one). */
static void print_warnings(const struct import_report *rep)
{
	bool utf8 = text_locale_is_utf8();
	size_t i;

	for (i = 0; i < rep->nwarnings; i++) {
		const struct import_error *w = &rep->warnings[i];
		char *file = text_clean(w->file, utf8 ? 0 : TEXT_ASCII, -1);
		char *msg = text_clean(w->msg, utf8 ? 0 : TEXT_ASCII, -1);

		if (w->line > 0)
			fprintf(stderr, "%s:%d: warning: %s\n", file, w->line, msg);
		else
			fprintf(stderr, "%s: warning: %s\n", file, msg);
		free(file);
		free(msg);
	}
}

/* A dry run's detail: each value it would replace, old -> new, then the
 * figures per partner and metric that would change. */
static void print_changes(const struct import_report *rep)
{
	unsigned flags = text_locale_is_utf8() ? 0 : TEXT_ASCII;
	char was[32], now[32];
	size_t i;

	for (i = 0; i < rep->nchanges; i++) {
		const struct import_change *c = &rep->changes[i];
		char *code = text_clean(c->partner, flags, -1);
		char *seg = text_clean(*c->segment ? c->segment : "total", flags, -1);

		sheet_format_number(c->old, '.', was, sizeof(was));
		sheet_format_number(c->value, '.', now, sizeof(now));
		printf("would update %s %s %s (%s, %s): %s -> %s\n", code, c->metric,
		       c->period, seg, c->source, was, now);
		free(code);
		free(seg);
	}
	if (rep->changes_total > rep->nchanges)
		printf("... and %zu more updates\n", rep->changes_total - rep->nchanges);
	for (i = 0; i < rep->ntallies; i++) {
		const struct import_tally *t = &rep->tallies[i];
		char *code;

		if (t->inserted + t->updated == 0)
			continue;
		code = text_clean(t->partner, flags, -1);
		printf("%-8s %-20s %zu inserted, %zu updated, %zu unchanged\n", code,
		       t->metric, t->inserted, t->updated, t->unchanged);
		free(code);
	}
}

static void print_errors(const struct import_report *rep)
{
	bool utf8 = text_locale_is_utf8();
	size_t i;

	for (i = 0; i < rep->nerrors; i++) {
		const struct import_error *e = &rep->errors[i];
		char *file = text_clean(e->file, utf8 ? 0 : TEXT_ASCII, -1);
		char *msg = text_clean(e->msg, utf8 ? 0 : TEXT_ASCII, -1);

		fprintf(stderr, "%s:%d:%d: %s\n", file, e->line, e->column, msg);
		free(file);
		free(msg);
	}
	if (rep->total_errors > rep->nerrors)
		fprintf(stderr, "... and %zu more error%s\n",
			rep->total_errors - rep->nerrors,
			rep->total_errors - rep->nerrors == 1 ? "" : "s");
}

/* cmd_import with room for the --ignore-column names (argc of them). */
static int import_with(struct setup *s, int argc, char **argv, const char **ignore)
{
	static const struct option opts[] = {
		{ "dry-run", no_argument, NULL, OPT_DRY_RUN },
		{ "type", required_argument, NULL, OPT_TYPE },
		{ "create-partners", no_argument, NULL, OPT_CREATE_PARTNERS },
		{ "encoding", required_argument, NULL, OPT_ENCODING },
		{ "ignore-column", required_argument, NULL, OPT_IGNORE_COLUMN },
		{ "db", required_argument, NULL, OPT_DB },
		{ "config", required_argument, NULL, OPT_CONFIG },
		{ "help", no_argument, NULL, 'h' },
		{ NULL, 0, NULL, 0 },
	};
	struct import_opts o = { .type = IMPORT_AUTO, .ignore = ignore };
	struct metric_list declared = { 0 };
	const char *config_before = s->config_opt;
	struct import_report rep;
	struct bpw_error err;
	struct store *st;
	int opt, rc, t;

	bpw_error_clear(&err);
	optind = 0;
	while ((opt = getopt_long(argc, argv, "h", opts, NULL)) != -1) {
		switch (opt) {
		case OPT_DRY_RUN:
			o.dry_run = true;
			continue;
		case OPT_CREATE_PARTNERS:
			o.create_partners = true;
			continue;
		case OPT_IGNORE_COLUMN:
			ignore[o.nignore++] = optarg;
			continue;
		case OPT_ENCODING:
			if (!transcode_known(optarg)) {
				cli_error("import: --encoding '%s' is not a character "
					  "set iconv knows (e.g. windows-1252, latin1, "
					  "utf-8; `iconv -l` lists them)", optarg);
				return cli_usage("import");
			}
			o.encoding = optarg;
			continue;
		case OPT_TYPE:
			t = import_type_parse(optarg);
			if (t < 0) {
				cli_error("import: --type '%s' is not partners, "
					  "observations, events, actions, qa, targets or auto",
					  optarg);
				return cli_usage("import");
			}
			o.type = (enum import_type)t;
			continue;
		default:
			break;
		}
		rc = cli_common_option(s, opt, optarg, "import");
		if (rc < 0)
			return 0;
		if (rc == 0)
			return cli_usage("import");
	}
	if (optind >= argc) {
		cli_error("import: no file given");
		return cli_usage("import");
	}
	if (cli_config_again(s, config_before) != 0)
		return 1;
	/* The metrics the configuration declares can hold figures. */
	if (s->cfg.rules)
		ruleset_declared_metrics(s->cfg.rules, &declared);
	o.declared = declared.items;
	o.ndeclared = declared.count;
	if (setup_db_path(s, &err) != 0 ||
	    store_open(s->db_path, setup_write_flags(s), &st, &err) != 0) {
		cli_report(&err);
		metric_list_free(&declared);
		return 1;
	}
	if (isatty(STDERR_FILENO))
		o.progress = progress;
	rc = import_files(st, (const char *const *)argv + optind,
			  (size_t)(argc - optind), &o, &rep, &err);
	if (o.progress)
		fputs("\r\033[K", stderr);
	print_warnings(&rep);
	if (rc == BPW_EINVAL && rep.total_errors) {
		print_errors(&rep);
		cli_error("nothing imported: %zu error%s (the database is unchanged)",
			  rep.total_errors, rep.total_errors == 1 ? "" : "s");
		rc = 1;
	} else if (rc != 0) {
		cli_report(&err);
		rc = 1;
	} else {
		if (o.dry_run)
			print_changes(&rep);
		printf("%s %zu row%s from %d file%s: %zu inserted, %zu updated, "
		       "%zu unchanged", o.dry_run ? "would import" : "imported",
		       rep.rows, rep.rows == 1 ? "" : "s", argc - optind,
		       argc - optind == 1 ? "" : "s", rep.inserted, rep.updated,
		       rep.unchanged);
		if (rep.partners_created)
			printf(", %zu partner%s created", rep.partners_created,
			       rep.partners_created == 1 ? "" : "s");
		if (rep.metrics_added)
			printf(", %zu metric%s of the configuration added",
			       rep.metrics_added, rep.metrics_added == 1 ? "" : "s");
		printf("%s\n", o.dry_run ? " (dry run: nothing changed)" : "");
	}
	import_report_free(&rep);
	store_close(st);
	metric_list_free(&declared);
	return rc;
}

int cmd_import(struct setup *s, int argc, char **argv)
{
	const char **ignore = xcalloc((size_t)argc + 1, sizeof(*ignore));
	int rc = import_with(s, argc, argv, ignore);

	free(ignore);
	return rc;
}
