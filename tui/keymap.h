/* keymap.h: the dashboard's actions with their default keys and help, one
 * table (the help overlay, the config loader and the views all read it),
 * and the key map in use after the config's `keys` group. */
#ifndef BPW_KEYMAP_H
#define BPW_KEYMAP_H

#include <stddef.h>

#include "config.h"

/* enum name, config name, default keys, help. */
#define ACTION_LIST(X) \
	X(UP, "up", "k Up", "move up") \
	X(DOWN, "down", "j Down", "move down") \
	X(LEFT, "left", "h Left", "move left (grid)") \
	X(RIGHT, "right", "l Right", "move right (grid)") \
	X(PAGE_UP, "page_up", "PgUp C-b", "page up") \
	X(PAGE_DOWN, "page_down", "PgDn C-f Space", "page down") \
	X(HOME, "home", "Home g", "first") \
	X(END, "end", "End G", "last") \
	X(OPEN, "open", "Enter", "open the partner or indicator") \
	X(BACK, "back", "Esc q", "back; quit at the portfolio") \
	X(QUIT, "quit", "Q", "quit from any screen") \
	X(NEXT_PANEL, "next_panel", "Tab", "next panel") \
	X(PREV_PANEL, "prev_panel", "S-Tab", "previous panel") \
	X(FILTER, "filter", "/", "filter partners (Enter keeps, Esc clears)") \
	X(SORT, "sort", "s", "sort: health, name, CSAT change, attrition") \
	X(LAYOUT, "layout", "v", "panes or one line per partner") \
	X(PREV_MONTH, "prev_month", "[", "as of one month earlier") \
	X(NEXT_MONTH, "next_month", "]", "as of one month later") \
	X(RELOAD, "reload", "r", "reload from the database") \
	X(REDRAW, "redraw", "C-l", "repaint the screen") \
	X(HELP, "help", "? F1", "this help")

enum action {
	ACT_NONE = 0,
#define X(e, n, k, h) ACT_##e,
	ACTION_LIST(X)
#undef X
	ACT_COUNT
};

/* Applies the config's key bindings over the defaults: an action given
 * there gets exactly the keys listed (its defaults go), and a key taken by
 * it leaves the action it belonged to. Unknown actions or key names and a
 * key given to two actions go to rep as errors with file and line; the
 * defaults stay in force then. 0 or BPW_ECONFIG. */
int keymap_load(const struct config *cfg, struct config_report *rep);

/* The action bound to curses key ch, or ACT_NONE. */
enum action keymap_action(int ch);

/* The config name and help of an action. */
const char *keymap_action_name(enum action a);
const char *keymap_action_help(enum action a);

/* Writes the keys bound to a ("j Down") into buf; returns buf. */
const char *keymap_keys(enum action a, char *buf, size_t n);

/* Writes "KEY:label" for the first key bound to a into buf (for hints),
 * or "" when a has no key; returns buf. */
const char *keymap_hint(enum action a, const char *label, char *buf, size_t n);

/* Parses one key name ("j", "Down", "C-l", "F5", "S-Tab"); the curses
 * codes it stands for go to codes (up to 4), their count is returned (0:
 * not a key name). */
int keymap_parse_key(const char *name, int codes[4]);

#endif
