/* cli.c: the command table's machinery: finding a command, the one option
 * loop every command is parsed by, the usage texts, and the helpers the
 * commands share for reporting to stderr. */
#include "commands.h"

#include <getopt.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "text.h"
#include "xalloc.h"

static const struct cmd_entry *const table[] = {
	&cmd_init, &cmd_config, &cmd_check, &cmd_qa, &cmd_import, &cmd_report,
	&cmd_export, &cmd_explain, &cmd_audit,
};
#define NCOMMANDS (sizeof(table) / sizeof(table[0]))

/* The program's --help around the commands' brief lines. */
static const char usage_head[] =
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
	"Commands:\n";

static const char usage_tail[] =
	"\n"
	"Exit status: 0 success, 1 error, 2 bad command line; `check`: 0 all OK,\n"
	"1 something WATCH or NO DATA, 2 something ALERT, 3 error.\n"
	"Environment: BPOWATCH_DB (the database), BPOWATCH_TODAY (the day taken\n"
	"as today), NO_COLOR, TERM,\n"
	"BPOWATCH_TRACE_SQL=FILE to append every SQL statement run to FILE, and\n"
	"BPOWATCH_DATADIR to read the shipped data (--version names it) from there.\n"
	"Keys in the dashboard (? shows them all; rebind them in the config's\n"
	"`keys` group): arrows or h/j/k/l move, Enter opens, Esc or q goes back\n"
	"(q quits at the portfolio), Tab switches panels, PgUp/PgDn, Home/End,\n"
	"/ filter (!alert: by status), s sort, v panes or list, [ ] month earlier/later, r reload,\n"
	"x explain the selection, m review meetings, F freeze a quarter's pack,\n"
	"a QA audits, Q quit. In an audit: p/f/n pass/fail/N-A, 0-5 scale,\n"
	"e note, N audit notes, F finalise; every answer and note is saved at\n"
	"once.\n"
	"The manual: man bpowatch, and man bpowatch.conf for the settings.\n";

const struct cmd_entry *cli_command(const char *name)
{
	size_t i;

	for (i = 0; name && i < NCOMMANDS; i++)
		if (strcmp(table[i]->name, name) == 0)
			return table[i];
	return NULL;
}

const struct cmd_entry *cli_command_at(size_t i)
{
	return i < NCOMMANDS ? table[i] : NULL;
}

void cli_print_usage(FILE *f)
{
	size_t i;

	fputs(usage_head, f);
	for (i = 0; i < NCOMMANDS; i++)
		fputs(table[i]->brief, f);
	fputs(usage_tail, f);
}

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

/* The first line of text and where to read more, for a usage error. */
static void usage_line(const char *text, const char *cmd)
{
	fprintf(stderr, "%.*s\nTry 'bpowatch %s%s--help' for more.\n",
		(int)strcspn(text, "\n"), text, cmd ? cmd : "", cmd ? " " : "");
}

int cli_usage(const char *cmd)
{
	const struct cmd_entry *c = cli_command(cmd);

	if (c)
		return cli_usage_of(c);
	usage_line(usage_head, NULL);
	return EXIT_USAGE;
}

int cli_usage_of(const struct cmd_entry *c)
{
	usage_line(c->usage, c->name);
	return c->usage_exit ? c->usage_exit : EXIT_USAGE;
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

const char *cmd_arg(const struct cmd_args *a, int opt)
{
	size_t i;

	for (i = a->ngiven; i > 0; i--)
		if (a->given[i - 1].opt == opt)
			return a->given[i - 1].value;
	return NULL;
}

/* The options every command takes, after its own in the getopt table. */
enum { COMMON_DB = 1000, COMMON_CONFIG, COMMON_HELP };

/* c's options and the common ones as a getopt_long table and the short
 * option string (":h" and each letter, ':' after those with a value; the
 * leading ':' makes a missing value ':', told apart from an unknown
 * option). */
static struct option *getopt_table(const struct cmd_entry *c, char *shortopts,
				   size_t n)
{
	size_t k, count = 0, len = 0;
	struct option *t;

	while (c->options && c->options[count].name)
		count++;
	t = xcalloc(count + 4, sizeof(*t));
	shortopts[len++] = ':';
	shortopts[len++] = 'h';
	for (k = 0; k < count; k++) {
		const struct cmd_option *o = &c->options[k];

		t[k] = (struct option){ o->name, o->value ? required_argument : no_argument,
					NULL, (int)k };
		if (o->letter && len + 3 < n) {
			shortopts[len++] = o->letter;
			if (o->value)
				shortopts[len++] = ':';
		}
	}
	shortopts[len] = '\0';
	t[count++] = (struct option){ "db", required_argument, NULL, COMMON_DB };
	t[count++] = (struct option){ "config", required_argument, NULL, COMMON_CONFIG };
	t[count++] = (struct option){ "help", no_argument, NULL, COMMON_HELP };
	return t;
}

/* The index of c's option with this short letter, or -1. */
static int letter_option(const struct cmd_entry *c, int ch)
{
	int k;

	for (k = 0; c->options && c->options[k].name; k++)
		if (c->options[k].letter == ch)
			return k;
	return -1;
}

int cli_run(const struct cmd_entry *c, struct setup *s, int argc, char **argv)
{
	const char *config_before = s->config_opt;
	struct cmd_args a = { 0 };
	char shortopts[64];
	struct option *t = getopt_table(c, shortopts, sizeof(shortopts));
	int opt, rc;

	a.given = xcalloc((size_t)argc + 1, sizeof(*a.given));
	opterr = 0;
	optind = 0;	/* 0: a full reset of GNU getopt after main's pass */
	while ((opt = getopt_long(argc, argv, shortopts, t, NULL)) != -1) {
		if (opt == COMMON_DB) {
			s->db_opt = optarg;
		} else if (opt == COMMON_CONFIG) {
			s->config_opt = optarg;
		} else if (opt == COMMON_HELP || opt == 'h') {
			fputs(c->usage, stdout);
			rc = 0;
			goto out;
		} else if (opt == ':') {
			goto no_value;
		} else if (opt == '?') {
			goto bad;
		} else {
			/* A long option returns its index, a short one its letter. */
			int k = opt >= 'A' ? letter_option(c, opt) : opt;

			if (k < 0)
				goto bad;
			a.given[a.ngiven++] = (struct cmd_given){ k, optarg ? optarg : "" };
		}
	}
	a.argc = argc - optind;
	a.argv = argv + optind;
	if (c->max_args >= 0 && a.argc > c->max_args) {
		cli_error("%s: unexpected argument '%s'", c->name, a.argv[c->max_args]);
		rc = cli_usage_of(c);
		goto out;
	}
	if (c->reconfig && cli_config_again(s, config_before) != 0) {
		rc = c->usage_exit ? c->usage_exit : 1;
		goto out;
	}
	rc = c->run(s, &a);
	goto out;
no_value:
	if (optopt >= 'A' && optopt < 127)
		cli_error("%s: -%c needs a value", c->name, optopt);
	else
		cli_error("%s: %s needs a value", c->name, argv[optind - 1]);
	rc = cli_usage_of(c);
	goto out;
bad:
	if (optopt >= 'A' && optopt < 127)
		cli_error("%s: unknown option -%c", c->name, optopt);
	else
		cli_error("%s: unknown option %s", c->name, argv[optind - 1]);
	rc = cli_usage_of(c);
out:
	free(a.given);
	free(t);
	return rc;
}
