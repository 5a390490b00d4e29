/* setup.h: what every command needs first: the merged configuration and
 * the database path, from options, environment and XDG locations. */
#ifndef BPW_SETUP_H
#define BPW_SETUP_H

#include <limits.h>
#include <stdbool.h>

#include "config.h"
#include "error.h"
#include "store.h"

struct setup {
	const char *db_opt;		/* --db PATH, or NULL */
	const char *config_opt;		/* --config PATH, or NULL */
	const char *theme_opt;		/* --theme NAME, or NULL */
	bool read_only_opt;		/* --read-only */
	bool today_given;		/* --today or $BPOWATCH_TODAY fixed the day */
	struct config cfg;
	struct diag_report report;
	char db_path[PATH_MAX];
	bool db_is_default;		/* the XDG default: parents may be made */
};

/* Loads defaults, the installed file, then the user's (or --config) file,
 * and checks the rules and key bindings, collecting every problem in
 * s->report (in file and line order). --theme replaces the theme's name.
 * BPW_ECONFIG when any is an error. */
int setup_config(struct setup *s, struct bpw_error *err);

/* Resolves the database: --db, $BPOWATCH_DB, the config's `database`,
 * then $XDG_DATA_HOME/bpowatch/bpowatch.db. */
int setup_db_path(struct setup *s, struct bpw_error *err);

/* The store_open flags for a command that may write: STORE_READONLY when
 * --read-only was given or the `read_only` setting names the database
 * (call after setup_db_path). */
unsigned setup_write_flags(const struct setup *s);

/* Prints the report's problems to stderr, neutralised; errors only when
 * errors_only. */
void setup_print_report(const struct setup *s, bool errors_only);

/* The same for any report. */
void setup_print_problems(const struct diag_report *rep, bool errors_only);

/* Opens the bundled sample database read-only (for init --sample and
 * --demo), explaining a missing one. *out is closed with store_close. */
int setup_open_sample(struct store **out, struct bpw_error *err);

/* Frees what s holds. */
void setup_free(struct setup *s);

#endif
