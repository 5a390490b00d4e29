/* keymap.h: the dashboard's actions with their default keys and help, one
 * table (the help overlay, the config loader and the views all read it),
 * and the key map in use after the config's `keys` group. */
#ifndef BPW_KEYMAP_H
#define BPW_KEYMAP_H

#include <stdbool.h>
#include <stddef.h>

#include "config.h"

/* Where an action's keys count: on every screen, or on one kind of
 * screen. Two actions may share a key only when no screen has both. */
#define KEY_CONTEXT_LIST(X) \
	X(ALL, "every screen") \
	X(DASH, "portfolio, partner and figures") \
	X(AUDITS, "the audit list") \
	X(TEMPLATES, "the template list") \
	X(REVIEW, "an audit") \
	X(TEMPLATE, "the template editor") \
	X(MEETING, "review meetings")

enum key_context {
#define X(e, h) KC_##e,
	KEY_CONTEXT_LIST(X)
#undef X
	KC_COUNT
};

/* enum name, context, whether it writes (EDITS: refused, with the reason,
 * on a read-only database) or only looks (VIEWS), config name, default
 * keys, help. */
#define ACTION_LIST(X) \
	X(UP, ALL, VIEWS, "up", "k Up", "move up") \
	X(DOWN, ALL, VIEWS, "down", "j Down", "move down") \
	X(LEFT, ALL, VIEWS, "left", "h Left", "move left (grid)") \
	X(RIGHT, ALL, VIEWS, "right", "l Right", "move right (grid)") \
	X(PAGE_UP, ALL, VIEWS, "page_up", "PgUp C-b", "page up") \
	X(PAGE_DOWN, ALL, VIEWS, "page_down", "PgDn C-f Space", "page down") \
	X(HOME, ALL, VIEWS, "home", "Home g", "first") \
	X(END, ALL, VIEWS, "end", "End G", "last") \
	X(OPEN, ALL, VIEWS, "open", "Enter", "open what is selected") \
	X(BACK, ALL, VIEWS, "back", "Esc q", "back (q quits at the portfolio, Esc not)") \
	X(QUIT, ALL, VIEWS, "quit", "Q", "quit from any screen") \
	X(NEXT_PANEL, ALL, VIEWS, "next_panel", "Tab", "next panel") \
	X(PREV_PANEL, ALL, VIEWS, "prev_panel", "S-Tab", "previous panel") \
	X(PREV_MONTH, ALL, VIEWS, "prev_month", "[", "as of one month earlier") \
	X(NEXT_MONTH, ALL, VIEWS, "next_month", "]", "as of one month later") \
	X(RELOAD, ALL, VIEWS, "reload", "r", "reload from the database") \
	X(REDRAW, ALL, VIEWS, "redraw", "C-l", "repaint the screen") \
	X(HELP, ALL, VIEWS, "help", "? F1", "this help") \
	X(FILTER, DASH, VIEWS, "filter", "/", "filter partners, e.g. krakow or !alert") \
	X(SORT, DASH, VIEWS, "sort", "s", "sort: health, name, CSAT change, attrition") \
	X(LAYOUT, DASH, VIEWS, "layout", "v", "panes or one line per partner") \
	X(AUDITS, DASH, VIEWS, "audits", "a", "QA audits of the partner") \
	X(EXPLAIN, DASH, VIEWS, "explain", "x", "explain: the arithmetic behind it") \
	X(FREEZE, DASH, EDITS, "freeze", "F", "freeze a quarter's QBR pack as a snapshot") \
	X(MEETING, DASH, VIEWS, "meeting", "m", "review meetings and actions (only looks)") \
	X(LOG_EVENT, DASH, EDITS, "log_event", "E", "log an event: kind, date, title, detail") \
	X(EDIT, DASH, EDITS, "edit", "e", "edit the partner, or the figure or event selected in the figures") \
	X(DELETE, DASH, EDITS, "delete", "d Delete", "clear the selected figure or delete the selected event (asks)") \
	X(NEW_PARTNER, DASH, EDITS, "new_partner", "n", "add a partner") \
	X(ARCHIVE, DASH, EDITS, "archive", "A", "archive a partner or bring one back (asks)") \
	X(TARGET, DASH, EDITS, "target", "t", "set, change or end a contract target of the partner") \
	X(NEW_REVIEW, AUDITS, EDITS, "new_review", "n", "start an audit from a template") \
	X(DELETE_REVIEW, AUDITS, EDITS, "delete_review", "d Delete", "delete a draft audit") \
	X(TEMPLATES, AUDITS, VIEWS, "templates", "t", "the checklist templates") \
	X(NEW_TEMPLATE, TEMPLATES, EDITS, "new_template", "n", "a new, empty template (asks its name)") \
	X(COPY_TEMPLATE, TEMPLATES, EDITS, "copy_template", "c", "copy the selected template under a new name") \
	X(ANSWER_PASS, REVIEW, EDITS, "answer_pass", "p", "answer: pass") \
	X(ANSWER_FAIL, REVIEW, EDITS, "answer_fail", "f", "answer: fail") \
	X(ANSWER_NA, REVIEW, EDITS, "answer_na", "n", "answer: not applicable") \
	X(ANSWER_0, REVIEW, EDITS, "answer_0", "0", "scale answer 0") \
	X(ANSWER_1, REVIEW, EDITS, "answer_1", "1", "scale answer 1") \
	X(ANSWER_2, REVIEW, EDITS, "answer_2", "2", "scale answer 2") \
	X(ANSWER_3, REVIEW, EDITS, "answer_3", "3", "scale answer 3") \
	X(ANSWER_4, REVIEW, EDITS, "answer_4", "4", "scale answer 4") \
	X(ANSWER_5, REVIEW, EDITS, "answer_5", "5", "scale answer 5") \
	X(ANSWER_CLEAR, REVIEW, EDITS, "answer_clear", "x", "take the answer back") \
	X(NOTE, REVIEW, EDITS, "note", "e", "note on the item (Enter too)") \
	X(REVIEW_NOTES, REVIEW, EDITS, "review_notes", "N", "notes on the whole audit") \
	X(FINALISE, REVIEW, EDITS, "finalise", "F", "finalise the audit (asks first)") \
	X(EDIT_TEMPLATE, REVIEW, VIEWS, "edit_template", "t", "edit the audit's template") \
	X(PARTNER_SIDE, REVIEW, VIEWS, "partner_side", "o", "answer for the partner's own score, or ours again") \
	X(ADD_ITEM, TEMPLATE, EDITS, "add_item", "a", "add an item below") \
	X(ADD_SECTION, TEMPLATE, EDITS, "add_section", "A", "add a section below") \
	X(EDIT_TEXT, TEMPLATE, EDITS, "edit_text", "e", "edit the text (Enter too)") \
	X(WEIGHT, TEMPLATE, EDITS, "weight", "w", "set the item's weight") \
	X(CRITICAL, TEMPLATE, EDITS, "critical", "c", "item critical or not") \
	X(ANSWER_KIND, TEMPLATE, EDITS, "answer_kind", "s", "pass/fail/N-A or 0-5 scale") \
	X(DELETE_ENTRY, TEMPLATE, EDITS, "delete_entry", "d Delete", "delete the item or section (asks)") \
	X(MOVE_UP, TEMPLATE, EDITS, "move_up", "K", "move up (items go on to the section above)") \
	X(MOVE_DOWN, TEMPLATE, EDITS, "move_down", "J", "move down (items go on to the next section)") \
	X(PASSING, TEMPLATE, EDITS, "passing", "P", "set the passing score") \
	X(RENAME, TEMPLATE, EDITS, "rename", "R", "rename the template") \
	X(START_MEETING, MEETING, EDITS, "start_meeting", "S", "start a new meeting (only this writes one)") \
	X(PREV_MEETING, MEETING, VIEWS, "prev_meeting", "<", "an earlier past meeting and its minutes") \
	X(NEXT_MEETING, MEETING, VIEWS, "next_meeting", ">", "a later past meeting and its minutes") \
	X(SHOW_CLOSED, MEETING, VIEWS, "show_closed", "c", "list done and dropped actions too, or not") \
	X(NEW_ACTION, MEETING, EDITS, "new_action", "n", "raise an action while a meeting runs") \
	X(EDIT_ACTION, MEETING, EDITS, "edit_action", "e", "edit the selected action: text, owner, due") \
	X(ACTION_DONE, MEETING, EDITS, "action_done", "d", "the selected action is done (asks)") \
	X(ACTION_DROP, MEETING, EDITS, "action_drop", "D", "drop the selected action (asks)") \
	X(REOPEN_ACTION, MEETING, EDITS, "reopen_action", "o", "reopen the selected done or dropped action") \
	X(UNDO_STATUS, MEETING, EDITS, "undo_status", "u", "undo the last done, drop or reopen") \
	X(MEETING_NOTES, MEETING, EDITS, "meeting_notes", "N", "the meeting's notes (saved as typed)") \
	X(CLOSE_MEETING, MEETING, EDITS, "close_meeting", "C", "close the meeting (minutes become an event)")

enum action {
	ACT_NONE = 0,
#define X(e, c, w, n, k, h) ACT_##e,
	ACTION_LIST(X)
#undef X
	ACT_COUNT
};

/* Applies the config's key bindings over the defaults: an action given
 * there gets exactly the keys listed (its defaults go), and a key taken by
 * it leaves the action it belonged to. Unknown actions or key names and a
 * key given to two actions go to rep as errors with file and line; the
 * defaults stay in force then. 0 or BPW_ECONFIG. */
int keymap_load(const struct config *cfg, struct diag_report *rep);

/* The action bound to curses key ch on a screen of context ctx, or
 * ACT_NONE. */
enum action keymap_action(enum key_context ctx, int ch);

/* The context of an action, and a context's description. */
enum key_context keymap_action_context(enum action a);
const char *keymap_context_help(enum key_context c);

/* True for an action that writes to the database. */
bool keymap_action_edits(enum action a);

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
