/* commands.h: the subcommands main.c dispatches to, and the helpers they
 * share for reporting. Each returns the process exit code. */
#ifndef BPW_COMMANDS_H
#define BPW_COMMANDS_H

#include <stdbool.h>

#include "date.h"
#include "error.h"
#include "setup.h"

#define EXIT_USAGE 2
#define EXIT_CHECK_ERROR 3	/* `check`: 0-2 say OK, WATCH, ALERT */

/* `bpowatch init [--sample]`: create a database (empty, or the sample). */
int cmd_init(struct setup *s, int argc, char **argv);

/* `bpowatch config check`: validate the configuration files. */
int cmd_config(struct setup *s, int argc, char **argv);

/* `bpowatch audit`: the audit trail as text, CSV or JSON. */
int cmd_audit(struct setup *s, int argc, char **argv);

/* `bpowatch explain`: the arithmetic behind a score, status or rule. */
int cmd_explain(struct setup *s, int argc, char **argv);

/* `bpowatch check`: judge every partner; exit 0 OK, 1 WATCH or NO DATA,
 * 2 ALERT, 3 error. */
int cmd_check(struct setup *s, int argc, char **argv);

/* `bpowatch export`: data as CSV or JSON, to stdout or a file. */
int cmd_export(struct setup *s, int argc, char **argv);

/* `bpowatch import`: CSV files into the database, all or nothing. */
int cmd_import(struct setup *s, int argc, char **argv);

/* `bpowatch qa`: reviews, templates and audit intervals. */
int cmd_qa(struct setup *s, int argc, char **argv);

/* `bpowatch report`: the quarterly business review pack. */
int cmd_report(struct setup *s, int argc, char **argv);

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

/* Parses the options every command accepts (--db, --config, -h) inside a
 * subcommand's option loop; returns 1 if opt was one of them, -1 after
 * printing help for cmd (exit 0), 0 otherwise. */
int cli_common_option(struct setup *s, int opt, const char *arg, const char *cmd);

#endif
