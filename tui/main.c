/* main.c: the bpowatch command line: global options, the subcommand table,
 * and the dashboard (plain or --demo) when no subcommand is given. */
#include <curses.h>
#include <errno.h>
#include <getopt.h>
#include <libconfig.h>
#include <locale.h>
#include <sqlite3.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "app.h"
#include "commands.h"
#include "date.h"
#include "paths.h"
#include "store.h"
#include "term.h"
#include "text.h"

static const char usage_text[] =
	"usage: bpowatch [OPTION]... [COMMAND [ARG]...]\n"
	"\n"
	"A terminal dashboard for vendor managers who oversee outsourcing (BPO)\n"
	"partners. Without a command it opens the dashboard on the database.\n"
	"\n"
	"Options:\n"
	"  --db PATH        database file (default: $BPOWATCH_DB, the config's\n"
	"                   `database`, or $XDG_DATA_HOME/bpowatch/bpowatch.db)\n"
	"  --config PATH    configuration file to read instead of\n"
	"                   $XDG_CONFIG_HOME/bpowatch/bpowatch.conf\n"
	"  --theme NAME     colour theme (overrides the config's `theme`)\n"
	"  --ascii          draw with ASCII characters only\n"
	"  --no-color       no colours (also when NO_COLOR is set)\n"
	"  --demo           open a temporary copy of the bundled sample data,\n"
	"                   judged as on 2026-12-04 (its story's day; --today\n"
	"                   says otherwise); the copy is removed on exit\n"
	"  --read-only      open the database read-only: nothing is written,\n"
	"                   every editing key says so (also the config's\n"
	"                   `read_only` setting)\n"
	"  --today YYYY-MM-DD  the day to take as today (default: $BPOWATCH_TODAY,\n"
	"                   else the clock's): the month judged, what is due,\n"
	"                   overdue and how old, as on that day\n"
	"  -h, --help       show this help and exit\n"
	"  -V, --version    show the version and the library versions, and exit\n"
	"\n"
	"Commands:\n"
	"  init [--sample]  create the database (--sample: with the sample data)\n"
	"  config check     validate the configuration, errors as FILE:LINE: message\n"
	"  check [--as-of YYYY-MM] [--partner CODE] [--format text|json]\n"
	"                   judge every partner on the health indicators\n"
	"  qa list [--partner CODE] | qa show ID\n"
	"  qa export [--partner CODE] [--format csv|json|md] [ID]...\n"
	"  qa template list | import FILE | export NAME|ID\n"
	"  qa interval CODE [DAYS]\n"
	"                   QA audits, checklist templates, audit intervals\n"
	"  import [--dry-run] [--type TYPE] [--create-partners]\n"
	"         [--encoding NAME] [--ignore-column NAME]... FILE...\n"
	"                   CSV files into the database, all or nothing\n"
	"  report --quarter YYYYQn [--partner CODE] [--format md|html|csv]\n"
	"         [--date YYYY-MM-DD] [-o FILE] [--freeze|--frozen|--diff]\n"
	"                   the quarterly business review pack; its frozen snapshot\n"
	"  export [--type TYPE] [--format csv|json] [--partner CODE]\n"
	"         [--from YYYY-MM] [--to YYYY-MM] [--excel] [-o FILE]\n"
	"                   data as CSV or JSON that import reads back\n"
	"  explain CODE [INDICATOR [RULE]] [--as-of YYYY-MM] [--format text|json]\n"
	"                   the arithmetic behind a score, a status or a rule\n"
	"  audit [--partner CODE] [--since YYYY-MM-DD] [--format text|csv|json]\n"
	"                   the audit trail: every write, who made it, old and new\n"
	"\n"
	"Exit status: 0 success, 1 error, 2 bad command line; `check`: 0 all OK,\n"
	"1 something WATCH or NO DATA, 2 something ALERT, 3 error.\n"
	"Environment: BPOWATCH_DB (the database), BPOWATCH_TODAY (the day taken\n"
	"as today), NO_COLOR, TERM,\n"
	"BPOWATCH_TRACE_SQL=FILE to append every SQL statement run to FILE, and\n"
	"BPOWATCH_DATADIR to read the shipped data (--version names it) from there.\n"
	"Keys in the dashboard (? shows them all; rebind them in the config's\n"
	"`keys` group): arrows or h/j/k/l move, Enter opens, Esc or q goes back\n"
	"(and quits at the portfolio), Tab switches panels, PgUp/PgDn, Home/End,\n"
	"/ filter, s sort, v panes or list, [ ] month earlier/later, r reload,\n"
	"x explain the selection, m review meeting, F freeze a quarter's pack,\n"
	"a QA audits, Q quit. In an audit: p/f/n pass/fail/N-A, 0-5 scale,\n"
	"e note, N audit notes, F finalise; every answer and note is saved at\n"
	"once.\n"
	"The manual: man bpowatch, and man bpowatch.conf for the settings.\n";

static const char usage_init[] =
	"usage: bpowatch [--db PATH] init [--sample]\n"
	"\n"
	"Creates the database file (mode 0600) with the current schema. An\n"
	"existing bpowatch database is left as it is (and upgraded if older).\n"
	"  --sample   create it as a copy of the bundled sample data (the file\n"
	"             must not exist yet)\n";

static const char usage_config[] =
	"usage: bpowatch [--config PATH] config check\n"
	"\n"
	"Reads the installed default configuration, the user's file (or PATH),\n"
	"the key bindings and the theme, and reports every problem of every\n"
	"file in one run, in file order, as FILE:LINE: message. Unknown settings\n"
	"and a theme that is not found (the built-in dark theme is used) are\n"
	"warnings (exit status 0); wrong types and values, broken rules, key\n"
	"bindings or theme files are errors (exit status 1).\n";

static const char usage_check[] =
	"usage: bpowatch [--db PATH] [--config PATH] check [--as-of YYYY-MM]\n"
	"                [--partner CODE] [--format text|json]\n"
	"\n"
	"Judges every active partner on the health indicators of the\n"
	"configuration, as of a month (default: the month judged today).\n"
	"  --as-of YYYY-MM   the month to judge\n"
	"  --partner CODE    only this partner (text then lists every indicator)\n"
	"  --format FORMAT   text (default): a compact table for a terminal or a\n"
	"                    cron mail; json: statuses, reasons and figures\n"
	"Exit status: 0 all OK, 1 something WATCH or NO DATA, 2 something ALERT,\n"
	"3 error (bad option, configuration or database).\n";

static const char usage_import[] =
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

static const char usage_export[] =
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

static const char usage_report[] =
	"usage: bpowatch [--db PATH] report --quarter YYYYQn [--partner CODE]\n"
	"                [--format md|html|csv] [--date YYYY-MM-DD] [-o FILE]\n"
	"       bpowatch [--db PATH] report --quarter YYYYQn --freeze|--frozen|--diff\n"
	"\n"
	"Writes the quarterly business review (QBR) pack: a portfolio summary,\n"
	"then per partner the eight indicators at the quarter's end with their\n"
	"reasons and the previous quarter's status, the key metrics of the\n"
	"quarter against the previous quarter and the same quarter a year\n"
	"before with a sparkline of the last 24 months, the quarter's final QA\n"
	"audits with their failed items, the quarter's events, and the open\n"
	"actions (overdue ones marked).\n"
	"  --quarter Q      the quarter: 2026Q3, 2026-Q3 or Q3/2026\n"
	"  --partner CODE   only this partner\n"
	"  --format FORMAT  md (default): Markdown for a wiki or slides;\n"
	"                   html: one self-contained page (inline styles and\n"
	"                   SVG, no scripts), one page per partner in print;\n"
	"                   csv: one row per fact, for a spreadsheet\n"
	"  --date DAY       the day the pack is for (default today): actions due\n"
	"                   before it are overdue; statuses are those at the\n"
	"                   quarter's end, or at DAY if that is earlier\n"
	"  -o, --output FILE  write to FILE (replaced only when the pack is\n"
	"                   complete) instead of standard output\n"
	"An appendix explains every status that is not OK (see explain).\n"
	"  --freeze         keep the pack (all partners, as of --date) as the\n"
	"                   quarter's snapshot: its statuses, reasons and figures\n"
	"                   never change after, whatever is imported or configured\n"
	"  --frozen         print the snapshot's pack as it was frozen\n"
	"  --diff           what the pack shows now against the snapshot, each\n"
	"                   change with its reason: new data, corrected data,\n"
	"                   changed thresholds (those go to the audit trail)\n";

static const char usage_explain[] =
	"usage: bpowatch [--db PATH] explain CODE [INDICATOR [RULE]]\n"
	"                [--as-of YYYY-MM] [--format text|json]\n"
	"\n"
	"Shows the whole arithmetic behind a partner's health score and status,\n"
	"one indicator (by key, e.g. customer_satisfaction, or number 1-8) or one\n"
	"rule of it: the figures each rule read (month, segment, source, value),\n"
	"the rule and its thresholds with the config file and line each came\n"
	"from, the metric's direction, the portfolio median, the cause check,\n"
	"N/A items and critical fails in QA scores, the indicator weights behind\n"
	"the health score, and the month judged.\n"
	"  --as-of YYYY-MM  judge that month (default: the month judged today)\n"
	"  --format FORMAT  text (default) or json\n";

static const char usage_audit[] =
	"usage: bpowatch [--db PATH] audit [--partner CODE] [--since YYYY-MM-DD]\n"
	"                [--format text|csv|json]\n"
	"\n"
	"Prints the audit trail, oldest first: every write made through bpowatch\n"
	"(an import, a QA answer or note, an audit started, finalised or deleted,\n"
	"a checklist edit, an audit interval, an event, an action, a partner, a\n"
	"metric), when (UTC), by which OS user, what, the old and the new value.\n"
	"An import has one row for what it added and one for every value it\n"
	"changed. bpowatch never changes or deletes a row of the trail.\n"
	"  --partner CODE   only the writes about this partner\n"
	"  --since DAY      only the writes from this day (UTC) on\n"
	"  --format FORMAT  text (default), csv or json\n";

static const char usage_qa[] =
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

enum { OPT_DB = 256, OPT_CONFIG, OPT_THEME, OPT_ASCII, OPT_NO_COLOR, OPT_DEMO,
       OPT_READ_ONLY, OPT_TODAY };

static const struct option global_options[] = {
	{ "db", required_argument, NULL, OPT_DB },
	{ "config", required_argument, NULL, OPT_CONFIG },
	{ "theme", required_argument, NULL, OPT_THEME },
	{ "ascii", no_argument, NULL, OPT_ASCII },
	{ "no-color", no_argument, NULL, OPT_NO_COLOR },
	{ "demo", no_argument, NULL, OPT_DEMO },
	{ "read-only", no_argument, NULL, OPT_READ_ONLY },
	{ "today", required_argument, NULL, OPT_TODAY },
	{ "help", no_argument, NULL, 'h' },
	{ "version", no_argument, NULL, 'V' },
	{ NULL, 0, NULL, 0 },
};

static void cli_vprint(const char *fmt, va_list ap)
	__attribute__((format(printf, 1, 0)));

static void cli_vprint(const char *fmt, va_list ap)
{
	char msg[2048], *clean;

	vsnprintf(msg, sizeof(msg), fmt, ap);
	clean = text_clean(msg, text_locale_is_utf8() ? 0 : TEXT_ASCII, -1);
	fprintf(stderr, "bpowatch: %s\n", clean);
	free(clean);
}

void cli_error(const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	cli_vprint(fmt, ap);
	va_end(ap);
}

void cli_report(const struct bpw_error *err)
{
	char buf[1200];

	cli_error("%s", bpw_error_format(err, buf, sizeof(buf)));
}

/* The subcommands: name, function, usage text. */
#define COMMANDS(X) \
	X("init", cmd_init, usage_init) \
	X("config", cmd_config, usage_config) \
	X("check", cmd_check, usage_check) \
	X("qa", cmd_qa, usage_qa) \
	X("import", cmd_import, usage_import) \
	X("export", cmd_export, usage_export) \
	X("report", cmd_report, usage_report) \
	X("audit", cmd_audit, usage_audit) \
	X("explain", cmd_explain, usage_explain)

struct command {
	const char *name;
	int (*run)(struct setup *s, int argc, char **argv);
	const char *usage;
};

static const struct command commands[] = {
#define X(n, fn, u) { n, fn, u },
	COMMANDS(X)
#undef X
};

/* The command called name, or NULL. */
static const struct command *command_find(const char *name)
{
	size_t i;

	for (i = 0; name && i < sizeof(commands) / sizeof(commands[0]); i++)
		if (strcmp(commands[i].name, name) == 0)
			return &commands[i];
	return NULL;
}

bool cli_month(const char *s, char out[DATE_LEN])
{
	char d[DATE_LEN + 8];

	if (strlen(s) != 7 || s[4] != '-')
		return false;
	snprintf(d, sizeof(d), "%s-01", s);
	if (!period_valid(d))
		return false;
	memcpy(out, d, DATE_LEN);
	return true;
}

int cli_usage(const char *cmd)
{
	const struct command *c = command_find(cmd);
	const char *text = c ? c->usage : usage_text;

	/* The first line only: the full text is for --help. */
	fprintf(stderr, "%.*s\nTry 'bpowatch %s%s--help' for more.\n",
		(int)strcspn(text, "\n"), text, cmd ? cmd : "", cmd ? " " : "");
	return EXIT_USAGE;
}

int cli_config_again(struct setup *s, const char *before)
{
	struct bpw_error err;

	if (s->config_opt == before)
		return 0;
	bpw_error_clear(&err);
	setup_free(s);
	if (setup_config(s, &err) != 0) {
		setup_print_report(s, false);
		cli_error("the configuration has errors; see `bpowatch config check`");
		return -1;
	}
	return 0;
}

int cli_common_option(struct setup *s, int opt, const char *arg, const char *cmd)
{
	switch (opt) {
	case OPT_DB:
		s->db_opt = arg;
		return 1;
	case OPT_CONFIG:
		s->config_opt = arg;
		return 1;
	case 'h':
		fputs(command_find(cmd) ? command_find(cmd)->usage : usage_text,
		      stdout);
		return -1;
	default:
		return 0;
	}
}

/* The version, the libraries in use (SQLite and ncurses as loaded;
 * libconfig has no run-time query, so the one built against), and the
 * shipped data this program reads (the shell completion reads `themes`). */
static void print_version(void)
{
	static const struct { const char *label, *name; } data[] = {
		{ "default configuration", "bpowatch.conf" },
		{ "default QA checklist", "qa-default.conf" },
		{ "themes", "themes" },
		{ "sample data", "sample.db" },
	};
	char path[PATH_MAX], *clean;
	struct bpw_error err;
	size_t i;

	printf("bpowatch %s\n", BPW_VERSION);
	printf("  SQLite %s, %s, libconfig %d.%d.%d (built with)\n",
	       sqlite3_libversion(), curses_version(), LIBCONFIG_VER_MAJOR,
	       LIBCONFIG_VER_MINOR, LIBCONFIG_VER_REVISION);
	for (i = 0; i < sizeof(data) / sizeof(data[0]); i++) {
		bpw_error_clear(&err);
		if (paths_data_file(data[i].name, path, sizeof(path), &err) != 0)
			continue;
		clean = text_clean(path, text_locale_is_utf8() ? 0 : TEXT_ASCII, -1);
		printf("  %s: %s\n", data[i].label, clean);
		free(clean);
	}
}

/* Makes a private temporary copy of the sample database for --demo. */
static int demo_prepare(char *path, size_t n, char *dir, size_t dn)
{
	const char *tmp = getenv("TMPDIR");
	struct bpw_error err;
	struct store *src;

	bpw_error_clear(&err);
	if (setup_open_sample(&src, &err) != 0) {
		cli_report(&err);
		return -1;
	}
	snprintf(dir, dn, "%s/bpowatch-demo-XXXXXX", tmp && *tmp ? tmp : "/tmp");
	if (mkdtemp(dir) == NULL) {
		cli_error("cannot create a temporary directory in %s: %s",
			  tmp && *tmp ? tmp : "/tmp", strerror(errno));
		store_close(src);
		return -1;
	}
	if (snprintf(path, n, "%s/demo.db", dir) >= (int)n) {
		cli_error("temporary directory name too long: %s", dir);
		rmdir(dir);
		store_close(src);
		return -1;
	}
	term_remove_on_exit(path, dir);
	if (store_copy_to(src, path, &err) != 0) {
		store_close(src);
		cli_report(&err);
		return -1;
	}
	store_close(src);
	return 0;
}

/* The day the sample data's story is told on (sample-db/gensample.py: its
 * figures end in 2026-10, November's are not due yet). --demo judges as on
 * this day unless --today or $BPOWATCH_TODAY says otherwise, so the demo
 * shows the same portfolio whenever it is opened. */
#define SAMPLE_DAY "2026-12-04"

/* Opens the dashboard on the configured database, or on a demo copy. */
static int run_dashboard(struct setup *s, bool demo, bool ascii, bool no_color)
{
	char demo_path[PATH_MAX], demo_dir[PATH_MAX], msg[512];
	const char *path, *nc = getenv("NO_COLOR");
	struct bpw_error err;
	struct store *st;
	int rc;

	bpw_error_clear(&err);
	if (!isatty(STDOUT_FILENO) || !isatty(STDIN_FILENO)) {
		cli_error("the dashboard needs a terminal, but %s is not one (for "
			  "scripts, see `bpowatch --help`)",
			  isatty(STDOUT_FILENO) ? "standard input" : "standard output");
		return 1;
	}
	if (demo) {
		if (!s->today_given)
			date_set_today(SAMPLE_DAY);
		if (demo_prepare(demo_path, sizeof(demo_path), demo_dir,
				 sizeof(demo_dir)) != 0) {
			term_remove_now();
			return 1;
		}
		path = demo_path;
	} else {
		if (setup_db_path(s, &err) != 0) {
			cli_report(&err);
			return 1;
		}
		path = s->db_path;
	}
	if (store_open(path, demo && !s->read_only_opt ? 0 : setup_write_flags(s), &st,
		       &err) != 0) {
		cli_report(&err);
		term_remove_now();
		return 1;
	}
	if (store_warning(st))
		cli_error("warning: %s", store_warning(st));
	rc = term_signal_pending() ? 128 + term_signal_pending() :
		app_run(st, &s->cfg, demo ? "demo, not saved" : path,
			ascii || s->cfg.ascii, no_color || (nc && *nc), msg,
			sizeof(msg));
	store_close(st);
	term_remove_now();
	if (rc == 1)
		cli_error("%s", msg);
	return rc;
}

int main(int argc, char **argv)
{
	struct setup s;
	struct bpw_error err;
	bool demo = false, ascii = false, no_color = false, bad_option = false;
	const char *cmd;
	int opt, rc;

	store_library_init();
	setlocale(LC_ALL, "");
	term_signals_install();
	memset(&s, 0, sizeof(s));
	bpw_error_clear(&err);

	/* One place a test sets "today" for every command it runs. */
	if (getenv("BPOWATCH_TODAY") && getenv("BPOWATCH_TODAY")[0]) {
		s.today_given = true;
		if (date_set_today(getenv("BPOWATCH_TODAY")) != 0) {
			cli_error("BPOWATCH_TODAY: '%.40s' is not a day (YYYY-MM-DD)",
				  getenv("BPOWATCH_TODAY"));
			bad_option = true;
		}
	}
	opterr = 0;
	while ((opt = getopt_long(argc, argv, "+hV", global_options, NULL)) != -1) {
		switch (opt) {
		case OPT_DB: s.db_opt = optarg; break;
		case OPT_CONFIG: s.config_opt = optarg; break;
		case OPT_THEME:
			if (!config_theme_name_valid(optarg)) {
				cli_error("--theme: '%s' is not a theme name "
					  "(letters, digits, '-' and '_')", optarg);
				return cli_usage(NULL);
			}
			s.theme_opt = optarg;
			break;
		case OPT_ASCII: ascii = true; break;
		case OPT_NO_COLOR: no_color = true; break;
		case OPT_DEMO: demo = true; break;
		case OPT_READ_ONLY: s.read_only_opt = true; break;
		case OPT_TODAY:
			s.today_given = true;
			if (date_set_today(optarg) != 0) {
				cli_error("--today: '%s' is not a day (YYYY-MM-DD)", optarg);
				bad_option = true;
			}
			break;
		case 'h': fputs(usage_text, stdout); return 0;
		case 'V': print_version(); return 0;
		default:
			if (optopt)
				cli_error("unknown option -%c, or it needs a value", optopt);
			else
				cli_error("unknown option %s, or it needs a value",
					  argv[optind - 1]);
			bad_option = true;
			break;
		}
	}
	cmd = optind < argc ? argv[optind] : NULL;
	if (bad_option) {
		/* A cron job's `check` must not mistake this for ALERT (2). */
		rc = cli_usage(NULL);
		return cmd && strcmp(cmd, "check") == 0 ? EXIT_CHECK_ERROR : rc;
	}
	if (cmd && command_find(cmd) == NULL) {
		cli_error("unknown command '%s'", cmd);
		return cli_usage(NULL);
	}
	if (cmd && demo) {
		cli_error("--demo opens the dashboard; it does not go with '%s'", cmd);
		return cli_usage(NULL);
	}

	rc = setup_config(&s, &err);
	if (cmd && strcmp(cmd, "config") == 0) {
		rc = cmd_config(&s, argc - optind, argv + optind);
	} else if (rc != 0) {
		setup_print_report(&s, false);
		cli_error("the configuration has errors; see `bpowatch config check`");
		rc = cmd && strcmp(cmd, "check") == 0 ? EXIT_CHECK_ERROR : 1;
	} else {
		setup_print_report(&s, false);	/* warnings */
		if (cmd)
			rc = command_find(cmd)->run(&s, argc - optind, argv + optind);
		else
			rc = run_dashboard(&s, demo, ascii, no_color);
	}
	setup_free(&s);
	return rc;
}
