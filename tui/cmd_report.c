/* cmd_report.c: `bpowatch report`, the quarterly business review pack as
 * Markdown, HTML or CSV (with its explanations into a CSV file of their
 * own) on standard output or into a file; --freeze keeps it as a
 * snapshot, --frozen prints that, --diff what changed since. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "commands.h"
#include "outfile.h"
#include "report.h"
#include "snapshot.h"
#include "snapshot_rendering.h"
#include "store.h"
#include "strbuf.h"
#include "text.h"

/* The options, by index; the snapshot ones are never 0 (snap 0: none). */
enum { O_QUARTER, O_PARTNER, O_FORMAT, O_DATE, O_OUTPUT, O_FREEZE, O_FROZEN, O_DIFF,
       O_APPENDIX, O_PAPER, O_EXCEL, O_EXPLANATIONS };

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
	if (outfile_flush(stdout, &err) != 0) {
		cli_report(&err);
		return 1;
	}
	return 0;
}

/* The pack b to out and, when expl is set, the explanations eb to the file
 * expl: the explanations are written beside their file first and put in
 * place only once the pack is out, so a failure of either leaves both
 * files as they were (the pack's own file is replaced only when whole). */
static int put_both(const char *out, const struct strbuf *b, const char *expl,
		    const struct strbuf *eb)
{
	struct bpw_error err;
	char *tmp = NULL;

	bpw_error_clear(&err);
	if (expl && outfile_is_stream(expl)) {	/* a fifo or a device: after the pack */
		if (put(out, b) != 0)
			return 1;
		return put(expl, eb);
	}
	if (expl && outfile_stage(expl, eb->s ? eb->s : "", eb->len, &tmp, &err) != 0) {
		cli_report(&err);
		return 1;
	}
	if (put(out, b) != 0) {
		outfile_discard(tmp);
		return 1;
	}
	if (tmp && outfile_commit(tmp, expl, &err) != 0) {
		cli_report(&err);
		return 1;
	}
	return 0;
}

/* The pack of r, in format, to out (standard output: NULL or "-") as it
 * is written, and the explanations eb to expl as put_both does: the pack
 * is written into the file beside out and the explanations beside expl,
 * and both are put in place only once both are whole. */
static int stream_both(const char *out, const struct report *r, int format,
		       const char *expl, const struct strbuf *eb)
{
	bool to_stdout = out == NULL || strcmp(out, "-") == 0;
	struct bpw_error err;
	struct outfile of = { 0 };
	char *tmp = NULL;

	bpw_error_clear(&err);
	if (!to_stdout && outfile_open(out, &of, &err) != 0) {
		cli_report(&err);
		return 1;
	}
	report_write_to(r, (enum report_format)format, to_stdout ? stdout : of.f);
	if (to_stdout) {
		if (outfile_flush(stdout, &err) != 0) {
			cli_report(&err);
			return 1;
		}
		return expl ? put(expl, eb) : 0;
	}
	if (expl && !outfile_is_stream(expl) &&
	    outfile_stage(expl, eb->s ? eb->s : "", eb->len, &tmp, &err) != 0) {
		outfile_close(&of, false, &err);
		cli_report(&err);
		return 1;
	}
	if (outfile_close(&of, true, &err) != 0) {
		outfile_discard(tmp);
		cli_report(&err);
		return 1;
	}
	if (tmp && outfile_commit(tmp, expl, &err) != 0) {
		cli_report(&err);
		return 1;
	}
	if (expl && tmp == NULL)	/* a fifo or a device: after the pack */
		return put(expl, eb);
	return 0;
}

/* --freeze, --frozen or --diff: the snapshot of o's quarter (--frozen:
 * its rendering in format and style, and its explanations into expl). */
static int snapshot_cmd(struct setup *s, int what, const struct report_opts *o,
			int format, const struct report_style *style, const char *out,
			const char *expl)
{
	struct snapshot_info info;
	struct strbuf b = { 0 }, eb = { 0 };
	struct bpw_error err;
	struct store *st;
	int rc, changes = 0;

	bpw_error_clear(&err);
	if (setup_db_path(s, &err) != 0 ||
	    store_open(s->db_path, what == O_FROZEN ? STORE_READONLY : setup_write_flags(s),
		       &st, &err) != 0) {
		cli_report(&err);
		return 1;
	}
	if (what == O_FREEZE) {
		rc = snapshot_freeze(st, s->cfg.rules, o->quarter, o->date,
				     s->cfg.critical_fail_cap, &info, &err);
		if (rc == 0)
			strbuf_addf(&b, "froze %s: statuses as of %s, kept as they are now "
				    "(report --quarter %s --frozen prints the pack)\n",
				    info.quarter, info.judged, info.quarter);
	} else if (what == O_FROZEN) {
		rc = snapshot_get_rendering(st, o->quarter, format, style, &info, &b, &err);
		if (rc == 0 && expl)
			rc = snapshot_get_rendering(st, o->quarter, SNAPSHOT_EXPLANATIONS, style,
						    &info, &eb, &err);
	} else {
		rc = snapshot_diff(st, s->cfg.rules, o->quarter, s->cfg.critical_fail_cap,
				   &b, &changes, &err);
	}
	store_close(st);
	if (rc != 0) {
		cli_error("report: %s", err.msg);
		strbuf_free(&b);
		strbuf_free(&eb);
		return rc == BPW_EINVAL ? EXIT_USAGE : 1;
	}
	if (what == O_DIFF) {	/* data text: neutralised for the terminal */
		char *c = text_clean(strbuf_str(&b), TEXT_NEWLINES |
				     (text_locale_is_utf8() ? 0 : TEXT_ASCII), -1);

		strbuf_free(&b);
		strbuf_add(&b, c);
		free(c);
	}
	rc = what == O_FREEZE ? (fputs(strbuf_str(&b), stdout), 0) :
	     put_both(out, &b, expl, &eb);
	strbuf_free(&b);
	strbuf_free(&eb);
	return rc;
}

static int report_run(struct setup *s, const struct cmd_args *a)
{
	const char *out = NULL, *expl = NULL;
	struct report_opts o = { 0 };
	struct strbuf eb = { 0 };
	struct bpw_error err;
	struct report_style style = { 0 };
	struct report r;
	struct store *st;
	int rc, format = REPORT_MD, snap = 0;
	bool styled = false;
	size_t k;

	bpw_error_clear(&err);
	for (k = 0; k < a->ngiven; k++) {
		const char *v = a->given[k].value;
		int opt = a->given[k].opt;

		switch (opt) {
		case O_QUARTER: o.quarter = v; break;
		case O_PARTNER: o.partner = v; break;
		case O_DATE: o.date = v; break;
		case O_OUTPUT: out = v; break;
		case O_APPENDIX: style.appendix = true; styled = true; break;
		case O_EXCEL: style.excel = true; styled = true; break;
		case O_EXPLANATIONS: expl = v; styled = true; break;
		case O_PAPER:
			styled = true;
			if (strcmp(v, "a4") == 0 || strcmp(v, "A4") == 0) {
				style.paper = REPORT_A4;
			} else if (strcmp(v, "letter") == 0) {
				style.paper = REPORT_LETTER;
			} else {
				cli_error("report: --paper must be a4 or letter, not '%s'", v);
				return EXIT_USAGE;
			}
			break;
		case O_FREEZE: case O_FROZEN: case O_DIFF:
			if (snap && snap != opt) {
				cli_error("report: --freeze, --frozen and --diff go one at a time");
				return EXIT_USAGE;
			}
			snap = opt;
			break;
		case O_FORMAT:
			styled = true;
			format = report_format_parse(v);
			if (format < 0) {
				cli_error("report: --format must be md, html or csv, "
					  "not '%s'", v);
				return EXIT_USAGE;
			}
			break;
		default:
			break;
		}
	}
	if (o.quarter == NULL) {
		cli_error("report: which quarter? (--quarter 2026Q3)");
		return cli_usage("report");
	}
	if (style.excel && format != REPORT_CSV) {
		cli_error("report: --excel writes CSV; it does not go with --format %s",
			  report_format_name((enum report_format)format));
		return EXIT_USAGE;
	}
	if (style.appendix && format == REPORT_CSV) {
		cli_error("report: --appendix is for md and html; with --format csv, "
			  "--explanations FILE writes the explanations as a CSV of their own");
		return EXIT_USAGE;
	}
	if (expl && format != REPORT_CSV) {
		cli_error("report: --explanations FILE goes with --format csv "
			  "(md and html explain in the pack with --appendix)");
		return EXIT_USAGE;
	}
	if (expl && (strcmp(expl, "-") == 0 || (out && strcmp(expl, out) == 0))) {
		cli_error("report: --explanations needs a file of its own, not '%s'", expl);
		return EXIT_USAGE;
	}
	if (snap && o.partner) {
		cli_error("report: a snapshot holds the whole pack; --partner does not go "
			  "with --freeze, --frozen or --diff");
		return EXIT_USAGE;
	}
	if (snap && snap != O_FROZEN && styled) {
		cli_error("report: --freeze keeps the pack in every format and style; "
			  "--format, --appendix, --paper, --excel and --explanations go "
			  "with --frozen");
		return EXIT_USAGE;
	}
	if (snap)
		return snapshot_cmd(s, snap, &o, format, &style, out, expl);
	if (setup_db_path(s, &err) != 0 ||
	    store_open(s->db_path, STORE_READONLY, &st, &err) != 0) {
		cli_report(&err);
		return 1;
	}
	o.qa_cap = s->cfg.critical_fail_cap;
	o.untraced = !style.appendix && expl == NULL;
	rc = report_load(st, s->cfg.rules, &o, &r, &err);
	r.style = style;
	if (rc != 0) {
		report_free(&r);
		store_close(st);
		cli_error("report: %s", err.msg);
		return rc == BPW_EINVAL ? EXIT_USAGE : 1;
	}
	if (expl)
		report_write_explanations(&r, &eb);
	rc = stream_both(out, &r, format, expl, &eb);
	report_free(&r);
	store_close(st);
	strbuf_free(&eb);
	return rc;
}

static const char report_brief[] =
	"  report --quarter YYYYQn [--partner CODE] [--format md|html|csv]\n"
	"         [--date YYYY-MM-DD] [--appendix] [--paper a4|letter] [-o FILE]\n"
	"         [--excel] [--explanations FILE]\n"
	"         [--freeze|--frozen|--diff]\n"
	"                   the quarterly business review pack; its frozen snapshot\n";

static const char report_usage[] =
	"usage: bpowatch [--db PATH] report --quarter YYYYQn [--partner CODE]\n"
	"                [--format md|html|csv] [--date YYYY-MM-DD] [--appendix]\n"
	"                [--paper a4|letter] [-o FILE]\n"
	"       bpowatch [--db PATH] report --quarter YYYYQn --format csv [--excel]\n"
	"                [--explanations FILE] [-o FILE]\n"
	"       bpowatch [--db PATH] report --quarter YYYYQn --freeze|--diff\n"
	"       bpowatch [--db PATH] report --quarter YYYYQn --frozen\n"
	"                [--format md|html|csv] [--appendix] [--paper a4|letter]\n"
	"                [--excel] [--explanations FILE] [-o FILE]\n"
	"\n"
	"Writes the quarterly business review (QBR) pack: a portfolio summary,\n"
	"then per partner the eight indicators at the quarter's end with their\n"
	"reasons and the previous quarter's status, the key metrics of the\n"
	"quarter against the previous quarter and the same quarter a year\n"
	"before with a chart of the last 24 months, the quarter's final QA\n"
	"audits with their failed items, the quarter's events, and the open\n"
	"actions (overdue ones marked).\n"
	"  --quarter Q      the quarter: 2026Q3, 2026-Q3 or Q3/2026\n"
	"  --partner CODE   only this partner\n"
	"  --format FORMAT  md (default): Markdown for a wiki or slides;\n"
	"                   html: one self-contained page (inline styles and\n"
	"                   SVG, no scripts), one page per partner in print;\n"
	"                   csv: one row per fact, each cell one line, for a\n"
	"                   spreadsheet\n"
	"  --date DAY       the day the pack is for (default today): actions due\n"
	"                   before it are overdue; statuses are those at the\n"
	"                   quarter's end, or at DAY if that is earlier. A\n"
	"                   quarter that has not ended is refused without it\n"
	"                   (with it, the pack is a partial one as of DAY)\n"
	"  -o, --output FILE  write to FILE (replaced only when the pack is\n"
	"                   complete) instead of standard output\n"
	"  --appendix       add an appendix that explains every status that is\n"
	"                   not OK (without it, one line says how: explain CODE);\n"
	"                   md and html only\n"
	"  --excel          CSV for German Excel: ; separated, decimal comma,\n"
	"                   UTF-8 with a byte order mark, CRLF (as export --excel)\n"
	"  --explanations FILE  with --format csv: write the explanation of every\n"
	"                   status that is not OK (and of each health score) to\n"
	"                   FILE as a CSV of its own, a row per line: partner,\n"
	"                   indicator, rule, status, line number, text\n"
	"  --paper SIZE     a4 (default) or letter: the page the HTML is printed on\n"
	"  --freeze         keep the pack (all partners, as of --date) as the\n"
	"                   quarter's snapshot: its statuses, reasons and figures,\n"
	"                   and the pack written in every format and style, never\n"
	"                   change after, whatever is imported or configured\n"
	"  --frozen         print the snapshot's pack as it was frozen, byte for\n"
	"                   byte, in the --format, --appendix, --paper and --excel\n"
	"                   asked for, its explanations into --explanations FILE\n"
	"                   (a snapshot frozen by an older bpowatch keeps its\n"
	"                   Markdown pack only)\n"
	"  --diff           what the pack shows now against the snapshot, each\n"
	"                   change with its reason: new data, corrected data (a\n"
	"                   key metric's month, old -> new), changed thresholds\n"
	"                   (those go to the audit trail)\n";

static const struct cmd_option report_options[] = {
	[O_QUARTER] = { "quarter", 0, true },
	[O_PARTNER] = { "partner", 0, true },
	[O_FORMAT] = { "format", 0, true },
	[O_DATE] = { "date", 0, true },
	[O_OUTPUT] = { "output", 'o', true },
	[O_FREEZE] = { "freeze", 0, false },
	[O_FROZEN] = { "frozen", 0, false },
	[O_DIFF] = { "diff", 0, false },
	[O_APPENDIX] = { "appendix", 0, false },
	[O_PAPER] = { "paper", 0, true },
	[O_EXCEL] = { "excel", 0, false },
	[O_EXPLANATIONS] = { "explanations", 0, true },
	{ NULL, 0, false },
};

const struct cmd_entry cmd_report = {
	.name = "report",
	.brief = report_brief,
	.usage = report_usage,
	.options = report_options,
	.max_args = 0,
	.usage_exit = 0,
	.reconfig = true,
	.run = report_run,
};
