/* view.h: a screen of the dashboard behind one small operations table. The
 * app loop owns the stack of views; each view owns its data and windows. */
#ifndef BPW_VIEW_H
#define BPW_VIEW_H

#include <curses.h>

struct app;

/* What a key did, as flags. */
enum view_result {
	VIEW_IGNORED = 0,	/* not this view's key */
	VIEW_HANDLED = 1 << 0,	/* consumed */
	VIEW_REDRAW = 1 << 1,	/* the view must be drawn again */
	VIEW_BACK = 1 << 2,	/* close this view (quit when it is the last) */
	VIEW_QUIT = 1 << 3,	/* leave the program */
};

struct view;

struct view_ops {
	const char *name;
	/* Draws the whole view into the standard screen (no queries here). */
	void (*draw)(struct view *v);
	/* Handles one key; returns enum view_result flags. */
	int (*key)(struct view *v, int ch);
	/* The terminal changed size. */
	void (*resize)(struct view *v, int rows, int cols);
	/* Reloads the view's model from the database (the `r` key). */
	int (*reload)(struct view *v);
	/* Frees the view and everything it owns. */
	void (*destroy)(struct view *v);
};

struct view {
	const struct view_ops *ops;
	struct app *app;
	void *data;
};

/* The portfolio overview (for now one line per partner). NULL on failure,
 * with the reason in the app's message line. */
struct view *view_overview_new(struct app *app);

#endif
