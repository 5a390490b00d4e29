/* view.h: a screen of the dashboard behind one small operations table. The
 * app loop owns the stack of views and the shared model (evaluation and
 * portfolio); each view owns its own state and extra data. */
#ifndef BPW_VIEW_H
#define BPW_VIEW_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "keymap.h"

struct app;

/* What a key did, as flags. */
enum view_result {
	VIEW_IGNORED = 0,	/* not this view's key */
	VIEW_HANDLED = 1 << 0,	/* consumed; whatever changed is drawn */
	VIEW_REDRAW = 1 << 1,	/* the whole view must be drawn again */
	VIEW_BACK = 1 << 2,	/* close this view (quit when it is the last) */
	VIEW_QUIT = 1 << 3,	/* leave the program */
};

struct view;

enum prompt_event { PROMPT_CHANGED, PROMPT_ENTER, PROMPT_CANCEL };

struct view_ops {
	const char *name;
	/* Draws the whole view into the standard screen; no queries here. */
	void (*draw)(struct view *v);
	/* Handles a key: its action in the key map (ACT_NONE if unbound) and
	 * the raw key for text entry. May draw what it changed itself and
	 * return VIEW_HANDLED; returns enum view_result flags. */
	int (*key)(struct view *v, enum action a, int ch);
	/* The app's model was reloaded (data or as-of month changed): reload
	 * the view's own data and find its place again. 0, or -1 when the
	 * thing shown is gone (the view is then closed). */
	int (*reload)(struct view *v);
	/* The view is on top again after the one above it closed: reload
	 * what that one may have changed (may be NULL). */
	void (*resume)(struct view *v);
	/* Key hints for the status bar ("Enter open  / filter"), or NULL. */
	const char *(*hints)(struct view *v);
	/* Frees the view and everything it owns. */
	void (*destroy)(struct view *v);
	/* The answer to a prompt this view asked for (app_prompt, app_confirm):
	 * the text as typed so far (PROMPT_CHANGED, for live saving), kept
	 * (PROMPT_ENTER; "y" for a confirmation) or given up (PROMPT_CANCEL).
	 * Returns enum view_result flags; NULL when the view asks nothing. */
	int (*prompt)(struct view *v, int tag, const char *text,
		      enum prompt_event ev);
	/* Where the terminal's cursor goes (a form's text field): true and
	 * the position, else false (hidden). May be NULL. */
	bool (*cursor)(struct view *v, int *y, int *x);
	/* The keys this view reads beyond those of every screen. */
	enum key_context keys;
	/* True for an overlay: the view below is drawn first. */
	int overlay;
};

struct view {
	const struct view_ops *ops;
	struct app *app;
	void *data;
};

/* The screens. Each returns NULL with the reason in the app's message. */
struct view *view_overview_new(struct app *app);
struct view *view_partner_new(struct app *app, int64_t partner_id);
struct view *view_drill_new(struct app *app, int64_t partner_id, size_t ind,
			    size_t rule);
struct view *view_help_new(struct app *app);
struct view *view_meeting_new(struct app *app, int64_t partner_id);
/* ind -1: the health score and every indicator; rule -1: the indicator. */
struct view *view_explain_new(struct app *app, int64_t partner_id, long ind,
			      long rule);
struct view *view_reviews_new(struct app *app, int64_t partner_id);
struct view *view_review_new(struct app *app, int64_t review_id);
/* The audit with its first failed item selected (of the given sections;
 * nsections 0: of any), the count of them in the status line. */
struct view *view_review_at_failed(struct app *app, int64_t review_id,
				   const char *const *sections, size_t nsections);
struct view *view_templates_new(struct app *app, const char *name);
struct view *view_template_new(struct app *app, int64_t template_id);

#endif
