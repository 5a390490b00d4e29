/* cmd_config.c: `bpowatch config check`, reporting every problem in the
 * configuration files and the theme as FILE:LINE: message. */
#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "commands.h"
#include "theme.h"

enum { OPT_DB = 256, OPT_CONFIG };

int cmd_config(struct setup *s, int argc, char **argv)
{
	static const struct option opts[] = {
		{ "db", required_argument, NULL, OPT_DB },
		{ "config", required_argument, NULL, OPT_CONFIG },
		{ "help", no_argument, NULL, 'h' },
		{ NULL, 0, NULL, 0 },
	};
	struct theme t;
	int opt, rc;
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
	/* The theme the dashboard would use, checked whatever else is wrong;
	 * then every problem of every file read, in file and line order. */
	theme_use(s->cfg.theme, s->cfg.theme_file, s->cfg.theme_line, &t,
		  &s->report);
	diag_sort(&s->report);
	setup_print_report(s, false);
	for (i = 0; i < s->report.nfiles; i++)
		printf("read %s\n", s->report.files[i]);
	if (s->report.errors) {
		printf("configuration has %zu error%s and %zu warning%s\n",
		       s->report.errors, s->report.errors == 1 ? "" : "s",
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
