/* cmd_config.c: `bpowatch config check`, reporting every problem in the
 * configuration files and the theme as FILE:LINE: message. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "commands.h"
#include "theme.h"

static int config_run(struct setup *s, const struct cmd_args *a)
{
	struct theme t;
	size_t i;

	if (a->argc != 1 || strcmp(a->argv[0], "check") != 0) {
		if (a->argc)
			cli_error("config: unknown action '%s'", a->argv[0]);
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

static const char config_brief[] =
	"  config check     validate the configuration, errors as FILE:LINE: message\n";

static const char config_usage[] =
	"usage: bpowatch [--config PATH] config check\n"
	"\n"
	"Reads the installed default configuration, the user's file (or PATH),\n"
	"the key bindings and the theme, and reports every problem of every\n"
	"file in one run, in file order, as FILE:LINE: message. Unknown settings\n"
	"and a theme that is not found (the built-in dark theme is used) are\n"
	"warnings (exit status 0); wrong types and values, broken rules, key\n"
	"bindings or theme files are errors (exit status 1).\n";

static const struct cmd_option config_options[] = {
	{ NULL, 0, false },
};

const struct cmd_entry cmd_config = {
	.name = "config",
	.brief = config_brief,
	.usage = config_usage,
	.options = config_options,
	.max_args = 1,
	.usage_exit = 0,
	.reconfig = false,
	.run = config_run,
};
