/* view_help.c: the help overlay, written from the key map in force (so a
 * rebound key shows as rebound) and the status marks. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "app.h"
#include "badge.h"
#include "draw.h"
#include "view.h"
#include "xalloc.h"

#define HELP_BADGES 16	/* indicators the badge legend names */
#define HELP_MAX_LINES (ACT_COUNT + 8 + STATUS_COUNT + 6 + HELP_BADGES)

/* A line of the help: an action, a heading, a status mark, or blank. */
struct help_line {
	enum action act;	/* ACT_NONE: not an action */
	const char *heading;
	int status;		/* -1: not a status; -2: heading is text */
	int badge;		/* 1 + the indicator of a badge line, 0: none */
};

struct help {
	size_t top;
	struct help_line lines[HELP_MAX_LINES];
	size_t n;
	const struct ruleset *rs;	/* the indicators the badges stand for */
	struct badge codes[HELP_BADGES];
};

static void add_line(struct help *h, enum action a, const char *heading,
		     int status)
{
	if (h->n < HELP_MAX_LINES)
		h->lines[h->n++] = (struct help_line){ a, heading, status, 0 };
}

/* The keys of the screen below (ctx), then those of every screen, then
 * the status marks. */
static void help_build(struct help *h, enum key_context ctx)
{
	int a, s;

	if (ctx != KC_ALL) {
		add_line(h, ACT_NONE, keymap_context_help(ctx), -1);
		for (a = 1; a < ACT_COUNT; a++)
			if (keymap_action_context((enum action)a) == ctx)
				add_line(h, (enum action)a, NULL, -1);
		add_line(h, ACT_NONE, NULL, -1);
	}
	add_line(h, ACT_NONE, keymap_context_help(KC_ALL), -1);
	for (a = 1; a < ACT_COUNT; a++)
		if (keymap_action_context((enum action)a) == KC_ALL)
			add_line(h, (enum action)a, NULL, -1);
	add_line(h, ACT_NONE, NULL, -1);
	add_line(h, ACT_NONE, "Status marks (never colour alone)", -1);
	for (s = 0; s < STATUS_COUNT; s++)
		add_line(h, ACT_NONE, NULL, s);
	add_line(h, ACT_NONE, NULL, -1);
	add_line(h, ACT_NONE, "Sparklines", -1);
	add_line(h, ACT_NONE, "  one scale per metric: a step is as many points in", -2);
	add_line(h, ACT_NONE, "  every pane, the full height at least the smallest", -2);
	add_line(h, ACT_NONE, "  shift the rules flag, so noise stays low", -2);
}

/* The badges of the overview: each indicator's two-letter code on the
 * panes and its letter in the list's column, with its title. */
static void help_badges(struct help *h, const struct ruleset *rs)
{
	size_t i, n = badge_codes(rs, h->codes, HELP_BADGES);

	if (n == 0)
		return;
	h->rs = rs;
	add_line(h, ACT_NONE, NULL, -1);
	add_line(h, ACT_NONE, "Badges on the panes, and the list's letters", -1);
	for (i = 0; i < n && h->n < HELP_MAX_LINES; i++)
		h->lines[h->n++] = (struct help_line){ ACT_NONE, NULL, -1, (int)i + 1 };
}

static size_t help_lines(const struct help *h)
{
	return h->n;
}

static void help_line(const struct help *h, size_t i, char *keys, size_t kn,
		      char *text, size_t tn, enum theme_role *role)
{
	const struct help_line *l = &h->lines[i];

	*role = ROLE_HELP;
	keys[0] = text[0] = '\0';
	if (l->act != ACT_NONE) {
		keymap_keys(l->act, keys, kn);
		snprintf(text, tn, "%s", keymap_action_help(l->act));
	} else if (l->heading && l->status == -2) {
		snprintf(keys, kn, "%s", l->heading);
	} else if (l->heading) {
		snprintf(keys, kn, "%s:", l->heading);
		*role = ROLE_HELP_KEY;
	} else if (l->status >= 0) {
		enum status s = (enum status)l->status;

		snprintf(keys, kn, "%c", status_mark(s));
		snprintf(text, tn, "%s", status_label(s));
		*role = draw_status_role(s);
	} else if (l->badge > 0) {
		const struct badge *b = &h->codes[l->badge - 1];

		snprintf(keys, kn, "%s  %c", b->code, b->letter);
		snprintf(text, tn, "%s", h->rs->items[l->badge - 1].title);
	}
}

static void help_draw(struct view *v)
{
	struct help *h = v->data;
	struct app *a = v->app;
	int w = a->cols - 4 > 64 ? 64 : a->cols - 4;
	int rows = a->rows - 4, x = (a->cols - w) / 2, y = 2, i;
	char keys[64], text[128];

	if ((int)help_lines(h) + 2 < rows)
		rows = (int)help_lines(h) + 2;
	draw_box(y - 1, x, rows + 1, w, ROLE_HELP, " Keys (? or Esc closes) ",
		 ROLE_HELP_KEY, "", ROLE_HELP);
	for (i = 0; i < rows - 1; i++) {
		size_t line = h->top + (size_t)i;
		enum theme_role role;

		draw_field(y + i, x + 1, "", w - 2, ROLE_HELP);
		if (line >= help_lines(h))
			continue;
		help_line(h, line, keys, sizeof(keys), text, sizeof(text), &role);
		if (h->lines[line].heading) {
			draw_field(y + i, x + 2, keys, w - 4, role);
			continue;
		}
		draw_field(y + i, x + 2, keys, 16, ROLE_HELP_KEY);
		draw_field(y + i, x + 19, text, w - 21, role);
	}
}

static int help_key(struct view *v, enum action act, int ch)
{
	struct help *h = v->data;
	size_t vis = (size_t)(v->app->rows - 5 > 1 ? v->app->rows - 5 : 1);
	size_t max = help_lines(h) > vis ? help_lines(h) - vis : 0;

	(void)ch;
	switch (act) {
	case ACT_DOWN: case ACT_PAGE_DOWN: case ACT_END:
		h->top = act == ACT_END ? max : h->top + (act == ACT_DOWN ? 1 : vis);
		if (h->top > max)
			h->top = max;
		return VIEW_HANDLED | VIEW_REDRAW;
	case ACT_UP: case ACT_PAGE_UP: case ACT_HOME:
		if (act == ACT_HOME)
			h->top = 0;
		else
			h->top = h->top > (act == ACT_UP ? 1 : vis) ?
				h->top - (act == ACT_UP ? 1 : vis) : 0;
		return VIEW_HANDLED | VIEW_REDRAW;
	case ACT_HELP: case ACT_BACK:
		return VIEW_BACK;
	case ACT_QUIT:
		return VIEW_IGNORED;
	default:
		return VIEW_HANDLED;	/* other keys do nothing under the help */
	}
}

static const char *help_hints(struct view *v)
{
	(void)v;
	return "j/k:scroll ?:close Esc:close";
}

static void help_destroy(struct view *v)
{
	free(v->data);
	free(v);
}

static const struct view_ops help_ops = {
	.name = "help",
	.keys = KC_ALL,
	.draw = help_draw,
	.key = help_key,
	.reload = NULL,
	.hints = help_hints,
	.destroy = help_destroy,
	.overlay = 1,
};

struct view *view_help_new(struct app *app)
{
	struct view *v = xcalloc(1, sizeof(*v));
	struct help *h;

	v->ops = &help_ops;
	v->app = app;
	h = xcalloc(1, sizeof(*h));
	help_build(h, app->nviews ? app->views[app->nviews - 1]->ops->keys : KC_DASH);
	help_badges(h, app->cfg->rules);
	v->data = h;
	return v;
}
