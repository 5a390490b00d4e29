/* cmd_import.c: `bpowatch import`: CSV files into the database, all or
 * nothing, with every error as FILE:LINE:COLUMN and a summary of what was
 * inserted, updated and unchanged. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "commands.h"
#include "dashboard.h"
#include "import.h"
#include "sheet.h"
#include "store.h"
#include "text.h"
#include "transcode.h"
#include "xalloc.h"

enum { O_DRY_RUN, O_TYPE, O_CREATE_PARTNERS, O_ENCODING, O_IGNORE_COLUMN };

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

/* The import of a's files, with room for the --ignore-column names. */
/* The import changed the data: the stored judgement of the dashboard is
 * stale. The import judges the portfolio again (with the importer's
 * configuration) and stores it, with the overview's panes, after it has
 * said what it imported: the next start opens at once instead of judging
 * (bpowatch(1), STORED JUDGEMENTS). A failure here is no failure of the
 * import, which is committed. */
static void judge_again(const struct setup *s, struct store *st)
{
	struct dashboard_opts o = {
		.rules = s->cfg.rules,
		.figures_due_day = s->cfg.figures_due_day,
		.sparkline_length = s->cfg.sparkline_length,
		.audit_interval_days = s->cfg.audit_interval_days,
	};
	struct dashboard d;
	struct bpw_error err;

	if (o.rules == NULL || store_is_readonly(st))
		return;
	fflush(stdout);
	memset(&d, 0, sizeof(d));
	bpw_error_clear(&err);
	if (dashboard_load(&d, st, &o, &err) == 0)
		dashboard_keep(&d);
	dashboard_free(&d);
}

static int import_with(struct setup *s, const struct cmd_args *a, const char **ignore)
{
	struct import_opts o = { .type = IMPORT_AUTO, .ignore = ignore };
	struct metric_list declared = { 0 };
	struct import_report rep;
	struct bpw_error err;
	struct store *st;
	size_t k;
	int rc, t;

	bpw_error_clear(&err);
	for (k = 0; k < a->ngiven; k++) {
		const char *v = a->given[k].value;

		switch (a->given[k].opt) {
		case O_DRY_RUN:
			o.dry_run = true;
			break;
		case O_CREATE_PARTNERS:
			o.create_partners = true;
			break;
		case O_IGNORE_COLUMN:
			ignore[o.nignore++] = v;
			break;
		case O_ENCODING:
			if (!transcode_known(v)) {
				cli_error("import: --encoding '%s' is not a character "
					  "set iconv knows (e.g. windows-1252, latin1, "
					  "utf-8; `iconv -l` lists them)", v);
				return cli_usage("import");
			}
			o.encoding = v;
			break;
		case O_TYPE:
			t = import_type_parse(v);
			if (t < 0) {
				cli_error("import: --type '%s' is not partners, "
					  "observations, events, actions, qa, targets or auto",
					  v);
				return cli_usage("import");
			}
			o.type = (enum import_type)t;
			break;
		default:
			break;
		}
	}
	if (a->argc < 1) {
		cli_error("import: no file given");
		return cli_usage("import");
	}
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
	rc = import_files(st, (const char *const *)a->argv,
			  (size_t)a->argc, &o, &rep, &err);
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
		       rep.rows, rep.rows == 1 ? "" : "s", a->argc,
		       a->argc == 1 ? "" : "s", rep.inserted, rep.updated,
		       rep.unchanged);
		if (rep.partners_created)
			printf(", %zu partner%s created", rep.partners_created,
			       rep.partners_created == 1 ? "" : "s");
		if (rep.metrics_added)
			printf(", %zu metric%s of the configuration added",
			       rep.metrics_added, rep.metrics_added == 1 ? "" : "s");
		printf("%s\n", o.dry_run ? " (dry run: nothing changed)" : "");
		if (!o.dry_run && rep.inserted + rep.updated + rep.partners_created > 0)
			judge_again(s, st);
	}
	import_report_free(&rep);
	store_close(st);
	metric_list_free(&declared);
	return rc;
}

static int import_run(struct setup *s, const struct cmd_args *a)
{
	const char **ignore = xcalloc(a->ngiven + 1, sizeof(*ignore));
	int rc = import_with(s, a, ignore);

	free(ignore);
	return rc;
}

static const char import_brief[] =
	"  import [--dry-run] [--type TYPE] [--create-partners]\n"
	"         [--encoding NAME] [--ignore-column NAME]... FILE...\n"
	"                   CSV files into the database, all or nothing\n";

static const char import_usage[] =
	"usage: bpowatch [--db PATH] import [--dry-run] [--type TYPE]\n"
	"                [--create-partners] [--encoding NAME]\n"
	"                [--ignore-column NAME]... FILE...\n"
	"\n"
	"Reads CSV files (\"-\": standard input) into the database, all or\n"
	"nothing: one bad row and nothing changes; every error is printed as\n"
	"FILE:LINE:COLUMN: message. Rows are inserted or updated by their key;\n"
	"the summary counts inserted, updated and unchanged rows.\n"
	"The dialect is found from the file: separator , ; or tab, decimal point\n"
	"or comma, a UTF-8 byte order mark, quoted fields with line breaks.\n"
	"Dates as YYYY-MM-DD or DD.MM.YYYY; months as YYYY-MM, MM/YYYY, MM.YYYY\n"
	"or a date. Numbers without thousands separators (1234,5 not 1.234,5).\n"
	"Columns are found by header name (any case, any order, English or\n"
	"German, a unit in brackets ignored: \"CSAT (%)\"):\n"
	"  observations  partner, metric, period, value [, segment, source]\n"
	"                or wide: partner, period [, segment, source], then one\n"
	"                column per metric: its key (csat), display name\n"
	"                (Customer satisfaction) or German name\n"
	"                (Kundenzufriedenheit)\n"
	"  partners      code, name [, site, country, services, contract_start,\n"
	"                contract_end, annual_value, currency, owner, notes,\n"
	"                archived]\n"
	"  events        partner, date, kind, title [, detail]\n"
	"  actions       partner, text [, owner, due, status, created]\n"
	"  qa            the CSV of `bpowatch qa export`: a row per checklist\n"
	"                item, an audit's rows together under its review key\n"
	"  targets       partner, metric, target, valid_from [, segment, source,\n"
	"                alert, valid_until, credit_pct, note]: contract targets\n"
	"                (German: Partner, Kennzahl, Ziel, g\xc3\xbcltig ab, Segment,\n"
	"                Quelle, Alarm, g\xc3\xbcltig bis, Gutschrift %, Notiz); a\n"
	"                validity that overlaps another target of the same\n"
	"                partner, metric, segment and source is refused\n"
	"Refused, each at its FILE:LINE:COLUMN: a column of an observations\n"
	"file that is no metric, a key given twice in one run, a value outside\n"
	"its metric's plausible range (csat 0-100), an empty value (an empty\n"
	"cell of a wide file is no figure), a segment that is not name=value.\n"
	"A file with only a header line is a warning.\n"
	"  --type TYPE        partners, observations, events, actions, qa or\n"
	"                     targets\n"
	"                     (default: from the header)\n"
	"  --dry-run          check everything and show what would change:\n"
	"                     each updated value, old -> new, and the counts\n"
	"  --create-partners  unknown partner codes become new partners\n"
	"  --ignore-column NAME  skip the column NAME on purpose (repeatable)\n"
	"  --encoding NAME    the files' character set, converted to UTF-8 as\n"
	"                     they are read (windows-1252, latin1, ...; `iconv\n"
	"                     -l` lists them); without it, files must be UTF-8.\n"
	"                     Columns in messages count characters.\n";

static const struct cmd_option import_options[] = {
	[O_DRY_RUN] = { "dry-run", 0, false },
	[O_TYPE] = { "type", 0, true },
	[O_CREATE_PARTNERS] = { "create-partners", 0, false },
	[O_ENCODING] = { "encoding", 0, true },
	[O_IGNORE_COLUMN] = { "ignore-column", 0, true },
	{ NULL, 0, false },
};

const struct cmd_entry cmd_import = {
	.name = "import",
	.brief = import_brief,
	.usage = import_usage,
	.options = import_options,
	.max_args = -1,
	.reconfig = true,
	.run = import_run,
};
