/* cmd_config.c: `bpowatch config check`, reporting every problem in the
 * configuration files as FILE:LINE: message. */
#include <getopt.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "commands.h"
#include "paths.h"
#include "text.h"
#include "theme.h"

enum { OPT_DB = 256, OPT_CONFIG };

/* The configured theme must have a file that loads. */
static int check_theme(const struct setup *s)
{
	char file[PATH_MAX], msg[1200], *clean;
	struct bpw_error err;
	struct theme t;

	bpw_error_clear(&err);
	theme_defaults(&t);
	if (theme_find(s->cfg.theme, file, sizeof(file), &err) == 0 &&
	    theme_load(file, &t, &err) == 0)
		return 0;
	/* The same FILE:LINE: error: form as the settings' problems. */
	if (err.file[0] && err.line > 0)
		snprintf(msg, sizeof(msg), "%s:%d: error: %s", err.file, err.line,
			 err.msg);
	else if (err.file[0])
		snprintf(msg, sizeof(msg), "%s: error: %s", err.file, err.msg);
	else
		snprintf(msg, sizeof(msg), "error: %s", err.msg);
	clean = text_clean(msg, text_locale_is_utf8() ? 0 : TEXT_ASCII, -1);
	fprintf(stderr, "%s\n", clean);
	free(clean);
	return 1;
}

int cmd_config(struct setup *s, int argc, char **argv)
{
	static const struct option opts[] = {
		{ "db", required_argument, NULL, OPT_DB },
		{ "config", required_argument, NULL, OPT_CONFIG },
		{ "help", no_argument, NULL, 'h' },
		{ NULL, 0, NULL, 0 },
	};
	int opt, rc, bad_theme = 0;
	size_t i;

	optind = 0;	/* 0: a full reset of GNU getopt after main's pass */
	while ((opt = getopt_long(argc, argv, "h", opts, NULL)) != -1) {
		rc = cli_common_option(s, opt, optarg, "config");
		if (rc < 0)
			return 0;
		if (rc == 0) {
			cli_error("config: unknown option %s", argv[optind - 1]);
			return cli_usage("config");
		}
	}
	if (optind >= argc || strcmp(argv[optind], "check") != 0 ||
	    optind + 1 < argc) {
		if (optind < argc)
			cli_error("config: unknown action '%s'", argv[optind]);
		else
			cli_error("config: which action? (check)");
		return cli_usage("config");
	}
	/* main.c loaded the files before dispatching; --config given after
	 * the command changes which file that is, so load again. */
	if (s->config_opt) {
		struct bpw_error err;

		setup_free(s);
		setup_config(s, &err);
	}
	setup_print_report(s, false);
	if (s->report.errors == 0)
		bad_theme = check_theme(s);
	for (i = 0; i < s->report.nfiles; i++)
		printf("read %s\n", s->report.files[i]);
	if (s->report.errors || bad_theme) {
		printf("configuration has %zu error%s and %zu warning%s\n",
		       s->report.errors + (size_t)bad_theme,
		       s->report.errors + (size_t)bad_theme == 1 ? "" : "s",
		       s->report.warnings, s->report.warnings == 1 ? "" : "s");
		return 1;
	}
	if (s->cfg.rules) {
		size_t k, n = 0;

		for (k = 0; k < s->cfg.rules->count; k++)
			n += s->cfg.rules->items[k].nrules;
		printf("%zu indicator%s with %zu rule%s, %zu metric%s\n",
		       s->cfg.rules->count, s->cfg.rules->count == 1 ? "" : "s",
		       n, n == 1 ? "" : "s", s->cfg.rules->nmetrics,
		       s->cfg.rules->nmetrics == 1 ? "" : "s");
	}
	printf("configuration OK (%zu warning%s)\n", s->report.warnings,
	       s->report.warnings == 1 ? "" : "s");
	return 0;
}
