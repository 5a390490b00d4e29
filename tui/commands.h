/* commands.h: the command table: each subcommand (tui/cmd_*.c) is one
 * entry (name, usage, options, run), parsed by one loop (tui/cli.c); and
 * the helpers the commands share for reporting. */
#ifndef BPW_COMMANDS_H
#define BPW_COMMANDS_H

#include <stdbool.h>
#include <stdio.h>

#include "date.h"
#include "error.h"
#include "setup.h"

#define EXIT_USAGE 2
#define EXIT_CHECK_ERROR 3	/* `check`: 0-2 say OK, WATCH, ALERT */

/* One option of a command: its long name, its short letter (0: none) and
 * whether it takes a value. The common loop (cli_run) adds --db, --config
 * and -h/--help to every command's list. */
struct cmd_option {
	const char *name;
	char letter;
	bool value;
};

/* A command line as the common loop parsed it: the options given, in the
 * order given, each by its index in the command's option table (a flag's
 * value is ""), and the other arguments in order. */
struct cmd_given {
	int opt;
	const char *value;
};
struct cmd_args {
	struct cmd_given *given;
	size_t ngiven;
	int argc;
	char **argv;
};

/* A subcommand: its name; its line(s) in `bpowatch --help`; its own
 * --help (the first line is the synopsis a usage error repeats); its
 * options (ended by a NULL name); the most arguments other than options
 * it takes (-1: any); the exit status of a usage error (0: EXIT_USAGE);
 * whether a --config given after it means reading the configuration
 * again before it runs; and what it does once the line is parsed. */
struct cmd_entry {
	const char *name;
	const char *brief;
	const char *usage;
	const struct cmd_option *options;
	int max_args;
	int usage_exit;
	bool reconfig;
	int (*run)(struct setup *s, const struct cmd_args *a);
};

/* The subcommands, in the order --help lists them (tui/cmd_*.c). */
extern const struct cmd_entry cmd_init, cmd_config, cmd_check, cmd_qa, cmd_import,
	cmd_report, cmd_export, cmd_explain, cmd_audit;

/* The command called name, or NULL; the i-th of the table (NULL past the
 * end). */
const struct cmd_entry *cli_command(const char *name);
const struct cmd_entry *cli_command_at(size_t i);

/* Parses argv (argv[0] the command's name) against c's options and runs
 * it; returns the process exit code. The one option loop of all commands:
 * unknown options, missing values and extra arguments are usage errors
 * naming what was wrong; --help prints c's usage; --db and --config go to
 * s. */
int cli_run(const struct cmd_entry *c, struct setup *s, int argc, char **argv);

/* The value of option opt as last given (a flag: ""), or NULL. */
const char *cmd_arg(const struct cmd_args *a, int opt);

/* The program's usage (--help) to f: the text around the commands, and
 * each command's brief lines. */
void cli_print_usage(FILE *f);

/* A usage error of command c: the first line of its usage and a pointer
 * to --help on stderr; returns c's usage exit status. */
int cli_usage_of(const struct cmd_entry *c);

/* Reads the configuration again when a --config after the command changed
 * it (before: s->config_opt before the command's options); 0, or -1 after
 * printing the problems. */
int cli_config_again(struct setup *s, const char *before);

/* Prints "bpowatch: " and the formatted message (neutralised) to stderr. */
void cli_error(const char *fmt, ...) __attribute__((format(printf, 1, 2)));

/* Prints err as "bpowatch: file:line: message" to stderr. */
void cli_report(const struct bpw_error *err);

/* A month option, YYYY-MM, into YYYY-MM-01; false when it is not one. */
bool cli_month(const char *s, char out[DATE_LEN]);

/* Prints the usage of cmd (NULL: the program) to stderr; returns EXIT_USAGE. */
int cli_usage(const char *cmd);

#endif
