/* app.h: the dashboard's main loop and shared model: the screen stack,
 * keys, resize, signals, the as-of month, and the evaluation and portfolio
 * every screen reads. */
#ifndef BPW_APP_H
#define BPW_APP_H

#include <stdbool.h>

#include "config.h"
#include "dashboard.h"
#include "date.h"
#include "lineedit.h"
#include "indicator.h"
#include "portfolio.h"
#include "store.h"
#include "view.h"

#define APP_MAX_VIEWS 8
#define APP_MIN_COLS 40
#define APP_MIN_ROWS 12

struct app {
	struct store *store;
	const struct config *cfg;
	const char *db_label;	/* how the status bar names the database */
	struct view *views[APP_MAX_VIEWS];
	int nviews;
	char message[256];	/* one-line message for the status bar */
	int rows, cols;

	/* The model (core/dashboard.h), reloaded by app_reload. */
	struct dashboard dash;
	int data_version;	/* PRAGMA data_version at the last load */
	int64_t data_clock;	/* store_data_clock at the last load */
	bool reload_after_back;	/* the closing view wrote: reload the model */
	bool changed;		/* another process wrote since */

	/* The question on the bottom line, when a view asked one. */
	struct {
		bool active, confirm, live, dirty;
		int tag;
		char label[400];	/* a confirmation fills the line */
		struct lineedit le;
		struct view *owner;
	} prompt;
};

/* Runs the dashboard on an open store until the user quits or a signal
 * arrives, in cfg's theme (theme_use: a missing one is noted in the status
 * line). The terminal is started and stopped here. Returns the exit code:
 * 0, 1 on error (message in msg), or 128+signal when ended by a signal. */
struct term_opts;
int app_run(struct store *store, const struct config *cfg, const char *db_label,
	    const struct term_opts *o, char *msg, size_t mn);

/* Opens a view on top of the stack (v NULL: nothing, the message says
 * why). */
void app_push(struct app *a, struct view *v);

/* The evaluation of partner id in the model, or NULL. */
const struct partner_result *app_result(const struct app *a, int64_t id);

/* The portfolio row of partner id in the model, or NULL. */
const struct portfolio_row *app_row(const struct app *a, int64_t id);

/* Reloads the model and lets every view find its place again (after a
 * write that changes what the dashboard shows). */
void app_reload(struct app *a);

/* Asks for a line of text on the bottom line, starting from text (at most
 * max bytes); the top view's prompt op gets the answer with tag. live:
 * the op also hears every change as it is typed (to save it at once). */
void app_prompt(struct app *a, int tag, const char *label, const char *text,
		size_t max, bool live);

/* Asks a yes/no question; y answers PROMPT_ENTER with "y", any other key
 * PROMPT_CANCEL. */
void app_confirm(struct app *a, int tag, const char *question);

/* On a read-only database: says so on the message line, with the reason,
 * and returns true (the caller then does not act). Editing actions are
 * refused this way before any view sees them; a view calls it for a key
 * that edits only in its context (Enter on an audit item). */
bool app_refuse_edit(struct app *a);

/* Applies an editing key (arrows, Home/End, Backspace, Delete, C-a C-e
 * C-b C-f C-d C-u C-w, or a byte of text) to le: false when ch is no
 * editing key; *changed says whether the text changed. */
bool app_line_key(struct lineedit *le, int ch, bool *changed);

/* Sets the message line (printf-style). */
void app_message(struct app *a, const char *fmt, ...)
	__attribute__((format(printf, 2, 3)));

#endif
