/* theme.h: colour themes: the UI roles (one table that the loader, the
 * dashboard and `config check` share) and a libconfig theme file mapping
 * each role to a 256-colour and an 8-colour value and attributes. No
 * curses here: the dashboard turns styles into colour pairs. */
#ifndef BPW_THEME_H
#define BPW_THEME_H

#include <stdbool.h>
#include <stddef.h>

#include "error.h"

struct diag_report;

/* enum name, name in theme files, what it colours. */
#define THEME_ROLES(X) \
	X(FRAME, "frame", "pane borders") \
	X(TITLE, "title", "the top bar") \
	X(STATUS_BAR, "status_bar", "the bottom bar") \
	X(PANE_TITLE, "pane_title", "partner names, headings, the chosen tab") \
	X(SELECTED, "selected", "the selection") \
	X(TEXT, "text", "ordinary text") \
	X(DIM, "dim", "secondary text and column headers") \
	X(OK, "ok", "status OK") \
	X(WATCH, "watch", "status WATCH") \
	X(ALERT, "alert", "status ALERT") \
	X(NO_DATA, "no_data", "status NO DATA") \
	X(SPARK, "spark", "sparklines") \
	X(AXIS, "axis", "chart axes and labels") \
	X(VALUE, "value", "chart bars") \
	X(WARN_LINE, "warn_line", "the warn threshold line") \
	X(ALERT_LINE, "alert_line", "the alert threshold line") \
	X(HELP, "help", "the help overlay") \
	X(HELP_KEY, "help_key", "key names in the help") \
	X(INPUT, "input", "the filter line") \
	X(MESSAGE, "message", "messages in the bottom bar")

enum theme_role {
#define X(e, n, h) ROLE_##e,
	THEME_ROLES(X)
#undef X
	ROLE_COUNT
};

enum theme_attr {
	THEME_BOLD = 1 << 0,
	THEME_DIM = 1 << 1,
	THEME_UNDERLINE = 1 << 2,
	THEME_REVERSE = 1 << 3,
};

/* -1 is the terminal's own colour (a theme never paints a background of
 * its own unless it means to: bars and the selection). */
struct theme_style {
	short fg256, bg256;	/* -1, or 0..255 */
	short fg8, bg8;		/* -1, or 0..7 (black red green yellow blue
				 * magenta cyan white) */
	unsigned attrs;		/* enum theme_attr bits */
};

struct theme {
	char name[64];
	struct theme_style roles[ROLE_COUNT];
};

/* The built-in dark theme, used when no file is read. */
void theme_defaults(struct theme *t);

/* No colours at all: every role by attributes only (NO_COLOR, --no-color,
 * terminals without colour). */
void theme_monochrome(struct theme *t);

/* Reads the theme file path over *t (roles left out keep their style).
 * Every problem goes to rep with the file and line: syntax, unknown role or
 * setting (with a "did you mean"), unknown colour name or attribute, a
 * number out of range; *t is unchanged then. 0 or BPW_ECONFIG /
 * BPW_ENOENT / BPW_EIO. */
int theme_read(const char *path, struct theme *t, struct diag_report *rep);

/* theme_read with the first problem in err instead of a report. */
int theme_load(const char *path, struct theme *t, struct bpw_error *err);

/* The theme called name into *t: the built-in dark theme, then the file
 * theme_find gives read over it (the file is added to rep's files, its
 * problems to rep). A theme that cannot be found is a warning at from:line
 * (where the name was set) and the built-in theme is used. 0, or
 * BPW_ECONFIG when the file has errors (*t is the built-in theme then). */
int theme_use(const char *name, const char *from, int line, struct theme *t,
	      struct diag_report *rep);

/* The file of the theme called name: the user's
 * $XDG_CONFIG_HOME/bpowatch/themes/NAME.conf (~/.config when unset) when
 * it exists, else the shipped themes directory. BPW_ENOENT names both
 * places when neither has it. */
int theme_find(const char *name, char *buf, size_t n, struct bpw_error *err);

/* The name and help of a role. */
const char *theme_role_name(enum theme_role r);
const char *theme_role_help(enum theme_role r);

/* True when name can be a theme name (letters, digits, '-', '_'). */
bool theme_name_valid(const char *name);

#endif
