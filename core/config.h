/* config.h: bpowatch's settings: built-in defaults, then the installed
 * default file, then the user's file, each read with libconfig and checked,
 * every problem reported with its file and line. */
#ifndef BPW_CONFIG_H
#define BPW_CONFIG_H

#include <stdbool.h>
#include <stddef.h>

#include "diag.h"
#include "error.h"
#include "rules.h"

/* A key binding as written in a `keys` group: the action's name and its
 * keys ("j Down"); the dashboard checks both (core knows no key names). */
struct config_keybind {
	char *action, *keys;
	char file[256];
	int line;
};

struct config {
	char *database;		/* database path; "" means the default */
	char *theme;		/* theme name, a file themes/NAME.conf */
	char theme_file[256];	/* where `theme` was set ("" built in), so a */
	int theme_line;		/* missing theme is reported at that line */
	int sparkline_length;	/* months shown in a sparkline */
	bool ascii;		/* draw with ASCII only */
	int audit_interval_days;	/* next QA audit due after this many days */
	int figures_due_day;	/* a month's figures are due by this day of the next */
	int critical_fail_cap;	/* score cap of an audit with a critical fail */
	char *read_only;	/* databases opened read-only: lines of paths, "*" all */
	struct rules_spec *spec;	/* indicators and metrics as merged so far */
	struct ruleset *rules;	/* compiled by config_finish */
	struct config_keybind *keybinds;	/* in file order, later files last */
	size_t nkeybinds;
};

/* Sets every setting to its built-in default. Free with config_free. */
void config_defaults(struct config *cfg);

/* Reads path over cfg (settings it names replace earlier ones). A missing
 * file is an error only when required. Problems go to rep; returns
 * BPW_ECONFIG (and fills err with the first error) when any was an error.
 * The file's good values are merged even then (its wrong ones are not), so
 * that its rules, key bindings and theme can still be checked: a cfg that
 * has had an error is for reporting only, never for use. */
int config_merge_file(struct config *cfg, const char *path, bool required,
		      struct diag_report *rep, struct bpw_error *err);

/* Checks and compiles the indicator rules merged from all files into
 * cfg->rules; problems go to rep. BPW_ECONFIG (err filled with the first
 * error) when any is an error. */
int config_finish(struct config *cfg, struct diag_report *rep,
		  struct bpw_error *err);

/* Whether the `read_only` setting covers the database at db_path. */
bool config_read_only_for(const struct config *cfg, const char *db_path);

/* Frees the strings of cfg (not cfg itself). */
void config_free(struct config *cfg);

/* Number of settings the loader knows, and the name and help of the i-th
 * (for --help, the man page check and `config check`). */
size_t config_key_count(void);
const char *config_key_name(size_t i);
const char *config_key_help(size_t i);

#endif
