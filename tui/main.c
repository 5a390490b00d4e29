/* main.c: the bpowatch command line: the global options, the dispatch to
 * a subcommand (the table is tui/cli.c's), and the dashboard (plain or
 * --demo) when no subcommand is given. */
#include <curses.h>
#include <dirent.h>
#include <errno.h>
#include <getopt.h>
#include <libconfig.h>
#include <locale.h>
#include <signal.h>
#include <sqlite3.h>
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
#include "theme.h"











enum { OPT_DB = 256, OPT_CONFIG, OPT_THEME, OPT_ASCII, OPT_NO_COLOR, OPT_DEMO,
       OPT_READ_ONLY, OPT_TODAY, OPT_SCREEN_SCRIPT, OPT_SCREEN_SIZE,
       OPT_COMPLETE_OPTIONS };

static const struct option global_options[] = {
	{ "db", required_argument, NULL, OPT_DB },
	{ "config", required_argument, NULL, OPT_CONFIG },
	{ "theme", required_argument, NULL, OPT_THEME },
	{ "ascii", no_argument, NULL, OPT_ASCII },
	{ "no-color", no_argument, NULL, OPT_NO_COLOR },
	{ "demo", no_argument, NULL, OPT_DEMO },
	{ "read-only", no_argument, NULL, OPT_READ_ONLY },
	{ "today", required_argument, NULL, OPT_TODAY },
	/* For the screen tests (doc/HACKING.md) and the shell completion,
	 * not in --help. */
	{ "screen-script", required_argument, NULL, OPT_SCREEN_SCRIPT },
	{ "screen-size", required_argument, NULL, OPT_SCREEN_SIZE },
	{ "complete-options", no_argument, NULL, OPT_COMPLETE_OPTIONS },
	{ "help", no_argument, NULL, 'h' },
	{ "version", no_argument, NULL, 'V' },
	{ NULL, 0, NULL, 0 },
};

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

#define DEMO_PREFIX "bpowatch-demo-"

/* Removes the demo copies in tmp that a --demo killed with SIGKILL (or a
 * crash of the machine) left behind: directories named for a process of
 * ours that is gone. One whose process still runs, another user's, or one
 * that holds anything but the copy is left alone. */
static void demo_sweep(const char *tmp)
{
	static const char *const files[] = { "demo.db", "demo.db-wal", "demo.db-shm",
					     "demo.db-journal" };
	DIR *d = opendir(tmp);
	struct dirent *e;

	if (d == NULL)
		return;
	while ((e = readdir(d)) != NULL) {
		char dir[PATH_MAX], f[PATH_MAX + 32];
		struct stat sb;
		char *end;
		long pid;
		size_t i;

		if (strncmp(e->d_name, DEMO_PREFIX, strlen(DEMO_PREFIX)) != 0)
			continue;
		pid = strtol(e->d_name + strlen(DEMO_PREFIX), &end, 10);
		if (pid <= 0 || *end != '-' || (kill((pid_t)pid, 0) == 0 || errno != ESRCH))
			continue;
		if (snprintf(dir, sizeof(dir), "%s/%s", tmp, e->d_name) >= (int)sizeof(dir) ||
		    lstat(dir, &sb) != 0 || !S_ISDIR(sb.st_mode) || sb.st_uid != geteuid())
			continue;
		for (i = 0; i < sizeof(files) / sizeof(*files); i++) {
			snprintf(f, sizeof(f), "%s/%s", dir, files[i]);
			unlink(f);
		}
		rmdir(dir);	/* fails, and keeps it, if anything else is in it */
	}
	closedir(d);
}

/* Makes a private temporary copy of the sample database for --demo, in a
 * directory named for this process (so a later one can tell it is left
 * over when this one is killed). */
static int demo_prepare(char *path, size_t n, char *dir, size_t dn)
{
	const char *tmp = getenv("TMPDIR");
	struct bpw_error err;
	struct store *src;

	bpw_error_clear(&err);
	demo_sweep(tmp && *tmp ? tmp : "/tmp");
	if (setup_open_sample(&src, &err) != 0) {
		cli_report(&err);
		return -1;
	}
	snprintf(dir, dn, "%s/" DEMO_PREFIX "%ld-XXXXXX", tmp && *tmp ? tmp : "/tmp",
		 (long)getpid());
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
static int run_dashboard(struct setup *s, bool demo, struct term_opts *o)
{
	char demo_path[PATH_MAX], demo_dir[PATH_MAX], msg[512];
	const char *path, *nc = getenv("NO_COLOR");
	struct bpw_error err;
	struct store *st;
	int rc;

	bpw_error_clear(&err);
	if (o->script == NULL && (!isatty(STDOUT_FILENO) || !isatty(STDIN_FILENO))) {
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
	o->ascii = o->ascii || s->cfg.ascii;
	o->no_color = o->no_color || (nc && *nc);
	rc = term_signal_pending() ? 128 + term_signal_pending() :
		app_run(st, &s->cfg, demo ? "demo, not saved" : path, o, msg, sizeof(msg));
	store_close(st);
	term_remove_now();
	if (rc == 1)
		cli_error("%s", msg);
	return rc;
}

/* For the shell completion: every option of the program ("-") and of each
 * command, from the option tables themselves, as "COMMAND OPTION" lines
 * with " =" after an option that takes a value. */
static void print_options(void)
{
	const struct cmd_entry *c;
	size_t i, k;

	for (i = 0; global_options[i].name; i++)
		if (strncmp(global_options[i].name, "screen-", 7) != 0 &&
		    strcmp(global_options[i].name, "complete-options") != 0)
			printf("- --%s%s\n", global_options[i].name,
			       global_options[i].has_arg ? " =" : "");
	for (i = 0; (c = cli_command_at(i)) != NULL; i++) {
		for (k = 0; c->options && c->options[k].name; k++) {
			printf("%s --%s%s\n", c->name, c->options[k].name,
			       c->options[k].value ? " =" : "");
			if (c->options[k].letter)
				printf("%s -%c%s\n", c->name, c->options[k].letter,
				       c->options[k].value ? " =" : "");
		}
		printf("%s --db =\n%s --config =\n%s --help\n", c->name, c->name, c->name);
	}
}

int main(int argc, char **argv)
{
	struct setup s;
	struct bpw_error err;
	struct term_opts topts = { .cols = 80, .rows = 24 };
	bool demo = false, bad_option = false;
	const char *cmd;
	int opt, rc;

	store_library_init();
	setlocale(LC_ALL, "");
	/* Text and wide characters as the user's locale says; numbers always
	 * with a decimal point: every file and pack written, every config read
	 * (strtod) and every SVG coordinate is the same on a German jump host.
	 * A decimal comma is written only where asked for (--excel). */
	setlocale(LC_NUMERIC, "C");
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
			if (!theme_name_valid(optarg)) {
				cli_error("--theme: '%s' is not a theme name "
					  "(letters, digits, '-' and '_')", optarg);
				return cli_usage(NULL);
			}
			s.theme_opt = optarg;
			break;
		case OPT_ASCII: topts.ascii = true; break;
		case OPT_NO_COLOR: topts.no_color = true; break;
		case OPT_SCREEN_SCRIPT: topts.script = optarg; break;
		case OPT_SCREEN_SIZE:
			if (sscanf(optarg, "%dx%d", &topts.cols, &topts.rows) != 2 ||
			    topts.cols < 10 || topts.rows < 5 || topts.cols > 1000 ||
			    topts.rows > 1000) {
				cli_error("--screen-size: '%s' is not COLSxROWS", optarg);
				bad_option = true;
			}
			break;
		case OPT_DEMO: demo = true; break;
		case OPT_READ_ONLY: s.read_only_opt = true; break;
		case OPT_TODAY:
			s.today_given = true;
			if (date_set_today(optarg) != 0) {
				cli_error("--today: '%s' is not a day (YYYY-MM-DD)", optarg);
				bad_option = true;
			}
			break;
		case 'h': cli_print_usage(stdout); return 0;
		case 'V': print_version(); return 0;
		case OPT_COMPLETE_OPTIONS: print_options(); return 0;
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
	if (cmd && cli_command(cmd) == NULL) {
		cli_error("unknown command '%s'", cmd);
		return cli_usage(NULL);
	}
	if (cmd && demo) {
		cli_error("--demo opens the dashboard; it does not go with '%s'", cmd);
		return cli_usage(NULL);
	}

	if (cmd)	/* a signal stops a command, even while it reads its config */
		term_cli_mode(cmd);
	rc = setup_config(&s, &err);
	if (cmd && strcmp(cmd, "config") == 0) {
		rc = cli_run(&cmd_config, &s, argc - optind, argv + optind);
	} else if (rc != 0) {
		setup_print_report(&s, false);
		cli_error("the configuration has errors; see `bpowatch config check`");
		rc = cmd && strcmp(cmd, "check") == 0 ? EXIT_CHECK_ERROR : 1;
	} else {
		setup_print_report(&s, false);	/* warnings */
		if (cmd)
			rc = cli_run(cli_command(cmd), &s, argc - optind, argv + optind);
		else
			rc = run_dashboard(&s, demo, &topts);
	}
	setup_free(&s);
	return rc;
}
