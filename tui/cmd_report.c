/* cmd_report.c: `bpowatch report`, the quarterly business review pack as
 * Markdown, HTML or CSV on standard output or into a file; --freeze keeps
 * it as a snapshot, --frozen prints that, --diff what changed since. */
#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "commands.h"
#include "outfile.h"
#include "report.h"
#include "snapshot.h"
#include "store.h"
#include "strbuf.h"
#include "text.h"

enum { OPT_DB = 256, OPT_CONFIG, OPT_QUARTER, OPT_PARTNER, OPT_FORMAT,
       OPT_DATE, OPT_FREEZE, OPT_FROZEN, OPT_DIFF };

/* Writes the finished pack: to stdout, or whole into path. */
static int put(const char *path, const struct strbuf *b)
{
	struct bpw_error err;

	bpw_error_clear(&err);
	if (path && strcmp(path, "-") != 0) {
		if (outfile_write(path, b->s ? b->s : "", b->len, &err) != 0) {
			cli_report(&err);
			return 1;
		}
		return 0;
	}
	fwrite(b->s ? b->s : "", 1, b->len, stdout);
	if (fflush(stdout) != 0 || ferror(stdout)) {
		cli_error("report: cannot write the output");
		return 1;
	}
	return 0;
}

/* --freeze, --frozen or --diff: the snapshot of o's quarter. */
static int snapshot_cmd(struct setup *s, int what, const struct report_opts *o,
			const char *out)
{
	struct snapshot_info info;
	struct strbuf b = { 0 };
	struct bpw_error err;
	struct store *st;
	int rc, changes = 0;

	bpw_error_clear(&err);
	if (setup_db_path(s, &err) != 0 ||
	    store_open(s->db_path, what == OPT_FROZEN ? STORE_READONLY : setup_write_flags(s),
		       &st, &err) != 0) {
		cli_report(&err);
		return 1;
	}
	if (what == OPT_FREEZE) {
		rc = snapshot_freeze(st, s->cfg.rules, o->quarter, o->date,
				     s->cfg.critical_fail_cap, &info, &err);
		if (rc == 0)
			strbuf_addf(&b, "froze %s: statuses as of %s, kept as they are now "
				    "(report --quarter %s --frozen prints the pack)\n",
				    info.quarter, info.judged, info.quarter);
	} else if (what == OPT_FROZEN) {
		rc = snapshot_get(st, o->quarter, &info, &b, &err);
	} else {
		rc = snapshot_diff(st, s->cfg.rules, o->quarter, s->cfg.critical_fail_cap,
				   &b, &changes, &err);
	}
	store_close(st);
	if (rc != 0) {
		cli_error("report: %s", err.msg);
		strbuf_free(&b);
		return rc == BPW_EINVAL ? EXIT_USAGE : 1;
	}
	if (what == OPT_DIFF) {	/* data text: neutralised for the terminal */
		char *c = text_clean(strbuf_str(&b), TEXT_NEWLINES |
				     (text_locale_is_utf8() ? 0 : TEXT_ASCII), -1);

		strbuf_free(&b);
		strbuf_add(&b, c);
		free(c);
	}
	rc = what == OPT_FREEZE ? (fputs(strbuf_str(&b), stdout), 0) : put(out, &b);
	strbuf_free(&b);
	return rc;
}

int cmd_report(struct setup *s, int argc, char **argv)
{
	static const struct option opts[] = {
		{ "quarter", required_argument, NULL, OPT_QUARTER },
		{ "partner", required_argument, NULL, OPT_PARTNER },
		{ "format", required_argument, NULL, OPT_FORMAT },
		{ "date", required_argument, NULL, OPT_DATE },
		{ "output", required_argument, NULL, 'o' },
		{ "freeze", no_argument, NULL, OPT_FREEZE },
		{ "frozen", no_argument, NULL, OPT_FROZEN },
		{ "diff", no_argument, NULL, OPT_DIFF },
		{ "db", required_argument, NULL, OPT_DB },
		{ "config", required_argument, NULL, OPT_CONFIG },
		{ "help", no_argument, NULL, 'h' },
		{ NULL, 0, NULL, 0 },
	};
	const char *config_before = s->config_opt, *out = NULL;
	struct report_opts o = { 0 };
	struct strbuf b = { 0 };
	struct bpw_error err;
	struct report r;
	struct store *st;
	int opt, rc, format = REPORT_MD, snap = 0;

	bpw_error_clear(&err);
	optind = 0;	/* 0: a full reset of GNU getopt after main's pass */
	while ((opt = getopt_long(argc, argv, "ho:", opts, NULL)) != -1) {
		switch (opt) {
		case OPT_QUARTER: o.quarter = optarg; continue;
		case OPT_PARTNER: o.partner = optarg; continue;
		case OPT_DATE: o.date = optarg; continue;
		case 'o': out = optarg; continue;
		case OPT_FREEZE: case OPT_FROZEN: case OPT_DIFF:
			if (snap && snap != opt) {
				cli_error("report: --freeze, --frozen and --diff go one at a time");
				return EXIT_USAGE;
			}
			snap = opt;
			continue;
		case OPT_FORMAT:
			format = report_format_parse(optarg);
			if (format < 0) {
				cli_error("report: --format must be md, html or csv, "
					  "not '%s'", optarg);
				return EXIT_USAGE;
			}
			continue;
		default:
			break;
		}
		rc = cli_common_option(s, opt, optarg, "report");
		if (rc < 0)
			return 0;
		if (rc == 0) {
			cli_error("report: unknown option %s, or it needs a value",
				  argv[optind - 1]);
			return cli_usage("report");
		}
	}
	if (optind < argc) {
		cli_error("report: unexpected argument '%s'", argv[optind]);
		return cli_usage("report");
	}
	if (o.quarter == NULL) {
		cli_error("report: which quarter? (--quarter 2026Q3)");
		return cli_usage("report");
	}
	if (cli_config_again(s, config_before) != 0)
		return 1;
	if (snap && (o.partner || format != REPORT_MD)) {
		cli_error("report: a snapshot holds the whole pack; --partner and --format do "
			  "not go with --freeze, --frozen or --diff");
		return EXIT_USAGE;
	}
	if (snap)
		return snapshot_cmd(s, snap, &o, out);
	if (setup_db_path(s, &err) != 0 ||
	    store_open(s->db_path, STORE_READONLY, &st, &err) != 0) {
		cli_report(&err);
		return 1;
	}
	o.qa_cap = s->cfg.critical_fail_cap;
	rc = report_load(st, s->cfg.rules, &o, &r, &err);
	if (rc == 0)
		report_write(&r, (enum report_format)format, &b);
	report_free(&r);
	store_close(st);
	if (rc != 0) {
		cli_error("report: %s", err.msg);
		return rc == BPW_EINVAL ? EXIT_USAGE : 1;
	}
	rc = put(out, &b);
	strbuf_free(&b);
	return rc;
}
