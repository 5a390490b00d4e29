/* cmd_export.c: `bpowatch export`: partners, observations, events,
 * actions or QA audits as CSV (plain or for German Excel) or JSON, to
 * standard output or, all or nothing, to a file. core/export.c writes. */
#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "commands.h"
#include "date.h"
#include "export.h"
#include "outfile.h"
#include "store.h"
#include "text.h"

enum { OPT_DB = 256, OPT_CONFIG, OPT_TYPE, OPT_FORMAT, OPT_PARTNER, OPT_FROM,
       OPT_TO, OPT_EXCEL };

static int bad_month(const char *opt, const char *arg)
{
	cli_error("export: --%s '%s' is not a month (YYYY-MM)", opt, arg);
	return cli_usage("export");
}

/* Writes the export to standard output or, all or nothing, to path (the
 * file's text is collected first: an export that fails writes nothing). */
static int write_out(struct store *st, const struct export_opts *o,
		     const char *path)
{
	struct bpw_error err;
	size_t rows = 0, len = 0;
	char *buf = NULL;
	FILE *f;
	int rc;

	bpw_error_clear(&err);
	if (path == NULL) {
		rc = export_write(st, o, stdout, &rows, &err);
	} else if ((f = open_memstream(&buf, &len)) == NULL) {
		rc = bpw_error_set(&err, BPW_ENOMEM, "out of memory");
	} else {
		rc = export_write(st, o, f, &rows, &err);
		fclose(f);
		if (rc == 0)
			rc = outfile_write(path, buf, len, &err);
		free(buf);
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

int cmd_export(struct setup *s, int argc, char **argv)
{
	static const struct option opts[] = {
		{ "type", required_argument, NULL, OPT_TYPE },
		{ "format", required_argument, NULL, OPT_FORMAT },
		{ "partner", required_argument, NULL, OPT_PARTNER },
		{ "from", required_argument, NULL, OPT_FROM },
		{ "to", required_argument, NULL, OPT_TO },
		{ "excel", no_argument, NULL, OPT_EXCEL },
		{ "output", required_argument, NULL, 'o' },
		{ "db", required_argument, NULL, OPT_DB },
		{ "config", required_argument, NULL, OPT_CONFIG },
		{ "help", no_argument, NULL, 'h' },
		{ NULL, 0, NULL, 0 },
	};
	struct export_opts o = { .type = IMPORT_OBSERVATIONS, .format = SHEET_CSV };
	const char *format = "csv", *path = NULL;
	char from[DATE_LEN], to[DATE_LEN];
	bool excel = false;
	struct bpw_error err;
	struct store *st;
	int opt, rc, t;

	optind = 0;
	while ((opt = getopt_long(argc, argv, "ho:", opts, NULL)) != -1) {
		switch (opt) {
		case OPT_TYPE:
			t = import_type_parse(optarg);
			if (t <= IMPORT_AUTO) {
				cli_error("export: --type '%s' is not partners, "
					  "observations, events, actions, qa or targets", optarg);
				return cli_usage("export");
			}
			o.type = (enum import_type)t;
			continue;
		case OPT_FORMAT:
			format = optarg;
			continue;
		case OPT_PARTNER:
			o.partner = optarg;
			continue;
		case OPT_FROM:
			if (!cli_month(optarg, from))
				return bad_month("from", optarg);
			o.from = from;
			continue;
		case OPT_TO:
			if (!cli_month(optarg, to))
				return bad_month("to", optarg);
			o.to = to;
			continue;
		case OPT_EXCEL:
			excel = true;
			continue;
		case 'o':
			path = optarg;
			continue;
		default:
			break;
		}
		rc = cli_common_option(s, opt, optarg, "export");
		if (rc < 0)
			return 0;
		if (rc == 0) {
			cli_error("export: unknown option %s", argv[optind - 1]);
			return cli_usage("export");
		}
	}
	if (optind < argc) {
		cli_error("export: unexpected argument '%s'", argv[optind]);
		return cli_usage("export");
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
