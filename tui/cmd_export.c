/* cmd_export.c: `bpowatch export`: partners, observations, events,
 * actions or QA audits as CSV (plain or for German Excel) or JSON, to
 * standard output or, all or nothing, to a file. core/export.c writes. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "commands.h"
#include "date.h"
#include "export.h"
#include "outfile.h"
#include "store.h"
#include "text.h"

enum { O_TYPE, O_FORMAT, O_PARTNER, O_FROM, O_TO, O_EXCEL, O_OUTPUT };

static int bad_month(const char *opt, const char *arg)
{
	cli_error("export: --%s '%s' is not a month (YYYY-MM)", opt, arg);
	return cli_usage("export");
}

/* Writes the export to standard output or, all or nothing, to path (a
 * temporary file beside it, renamed over it once complete: an export
 * that fails writes nothing, and none is held in memory, 700 MB at
 * 10,000 partners). */
static int write_out(struct store *st, const struct export_opts *o,
		     const char *path)
{
	struct bpw_error err;
	struct outfile of;
	size_t rows = 0;
	int rc;

	bpw_error_clear(&err);
	if (path == NULL) {
		rc = export_write(st, o, stdout, &rows, &err);
	} else {
		rc = outfile_open(path, &of, &err);
		if (rc == 0) {
			rc = export_write(st, o, of.f, &rows, &err);
			/* A write that failed (a full disk) is named by the
			 * file: outfile_close finds it, says so and removes
			 * what it staged, as for any other failure. */
			if (rc != 0 && ferror(of.f))
				bpw_error_clear(&err);
			if (outfile_close(&of, rc == 0 || ferror(of.f), &err) != 0)
				rc = BPW_EIO;
		}
	}
	if (rc != 0) {
		cli_report(&err);
		return 1;
	}
	if (path) {
		char *p = text_clean(path, text_locale_is_utf8() ? 0 : TEXT_ASCII, -1);

		printf("exported %zu row%s (%s) to %s\n", rows, rows == 1 ? "" : "s",
		       import_type_name(o->type), p);
		free(p);
	}
	return 0;
}

static int export_run(struct setup *s, const struct cmd_args *a)
{
	struct export_opts o = { .type = IMPORT_OBSERVATIONS, .format = SHEET_CSV };
	const char *format = "csv", *path = NULL;
	char from[DATE_LEN], to[DATE_LEN];
	bool excel = false;
	struct bpw_error err;
	struct store *st;
	size_t k;
	int rc, t;

	for (k = 0; k < a->ngiven; k++) {
		const char *v = a->given[k].value;

		switch (a->given[k].opt) {
		case O_TYPE:
			t = import_type_parse(v);
			if (t <= IMPORT_AUTO) {
				cli_error("export: --type '%s' is not partners, "
					  "observations, events, actions, qa or targets", v);
				return cli_usage("export");
			}
			o.type = (enum import_type)t;
			break;
		case O_FORMAT:
			format = v;
			break;
		case O_PARTNER:
			o.partner = v;
			break;
		case O_FROM:
			if (!cli_month(v, from))
				return bad_month("from", v);
			o.from = from;
			break;
		case O_TO:
			if (!cli_month(v, to))
				return bad_month("to", v);
			o.to = to;
			break;
		case O_EXCEL:
			excel = true;
			break;
		case O_OUTPUT:	/* -: standard output, as report's */
			path = strcmp(v, "-") == 0 ? NULL : v;
			break;
		default:
			break;
		}
	}
	if (strcmp(format, "json") == 0) {
		o.format = SHEET_JSON;
	} else if (strcmp(format, "csv") != 0) {
		cli_error("export: --format '%s' is not csv or json", format);
		return cli_usage("export");
	}
	if (excel && o.format == SHEET_JSON) {
		cli_error("export: --excel writes CSV; it does not go with --format json");
		return cli_usage("export");
	}
	if (excel)
		o.format = SHEET_EXCEL;
	if (o.from && o.to && strcmp(o.from, o.to) > 0) {
		cli_error("export: --from %.7s is after --to %.7s", o.from, o.to);
		return cli_usage("export");
	}
	o.cap = s->cfg.critical_fail_cap;
	bpw_error_clear(&err);
	if (setup_db_path(s, &err) != 0 ||
	    store_open(s->db_path, STORE_READONLY, &st, &err) != 0) {
		cli_report(&err);
		return 1;
	}
	rc = write_out(st, &o, path);
	store_close(st);
	return rc;
}

static const char export_brief[] =
	"  export [--type TYPE] [--format csv|json] [--partner CODE]\n"
	"         [--from YYYY-MM] [--to YYYY-MM] [--excel] [-o FILE]\n"
	"                   data as CSV or JSON that import reads back\n";

static const char export_usage[] =
	"usage: bpowatch [--db PATH] export [--type TYPE] [--format csv|json]\n"
	"                [--partner CODE] [--from YYYY-MM] [--to YYYY-MM]\n"
	"                [--excel] [-o FILE]\n"
	"\n"
	"Writes data as CSV (one header line, the column names `import` reads)\n"
	"or JSON (an array of objects with the same keys), so that an exported\n"
	"CSV file imports unchanged into another database. Text is neutralised\n"
	"(control characters and bidi overrides shown as \\x1b, \\u202e); in CSV\n"
	"a cell that starts with = + - or @ gets a leading ' (import takes it\n"
	"off again). Numbers are written so that they read back exactly.\n"
	"  --type TYPE      partners, observations (default; long form), events,\n"
	"                   actions or qa (the CSV of `qa export`, by partner\n"
	"                   and date, the review column numbering the audits\n"
	"                   in the file) or targets (contract targets)\n"
	"  --format FORMAT  csv (default) or json\n"
	"  --partner CODE   only this partner\n"
	"  --from YYYY-MM   from this month: observations by period, events,\n"
	"  --to YYYY-MM     actions (created) and QA audits by date, targets\n"
	"                   valid some time between; up to and including the\n"
	"                   --to month\n"
	"  --excel          CSV for German Excel: ; separated, decimal comma,\n"
	"                   UTF-8 byte order mark, CRLF line ends\n"
	"  -o, --output FILE  write FILE (all or nothing: a temporary file is\n"
	"                   renamed into place when complete); default: stdout\n";

static const struct cmd_option export_options[] = {
	[O_TYPE] = { "type", 0, true },
	[O_FORMAT] = { "format", 0, true },
	[O_PARTNER] = { "partner", 0, true },
	[O_FROM] = { "from", 0, true },
	[O_TO] = { "to", 0, true },
	[O_EXCEL] = { "excel", 0, false },
	[O_OUTPUT] = { "output", 'o', true },
	{ NULL, 0, false },
};

const struct cmd_entry cmd_export = {
	.name = "export",
	.brief = export_brief,
	.usage = export_usage,
	.options = export_options,
	.max_args = 0,
	.usage_exit = 0,
	.reconfig = false,
	.run = export_run,
};
