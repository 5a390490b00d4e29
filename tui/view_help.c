/* view_help.c: the help overlay, written from the key map in force (so a
 * rebound key shows as rebound) and the status marks. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "app.h"
#include "draw.h"
#include "view.h"
#include "xalloc.h"

struct help {
	size_t top;
};

/* Lines of the help: the actions, then the status marks. */
static size_t help_lines(void)
{
	return (size_t)(ACT_COUNT - 1) + 2 + STATUS_COUNT;
}

static void help_line(size_t i, char *keys, size_t kn, char *text, size_t tn,
		      enum theme_role *role)
{
	size_t nact = (size_t)(ACT_COUNT - 1);

	*role = ROLE_HELP;
	keys[0] = text[0] = '\0';
	if (i < nact) {
		enum action a = (enum action)(i + 1);

		keymap_keys(a, keys, kn);
		snprintf(text, tn, "%s", keymap_action_help(a));
	} else if (i == nact + 1) {
		snprintf(text, tn, "Status marks (never colour alone):");
	} else if (i > nact + 1) {
		enum status s = (enum status)(i - nact - 2);

		snprintf(keys, kn, "%c", status_mark(s));
		snprintf(text, tn, "%s", status_label(s));
		*role = draw_status_role(s);
	}
}

static void help_draw(struct view *v)
{
	struct help *h = v->data;
	struct app *a = v->app;
	int w = a->cols - 4 > 64 ? 64 : a->cols - 4;
	int rows = a->rows - 4, x = (a->cols - w) / 2, y = 2, i;
	char keys[64], text[128];

	if ((int)help_lines() + 2 < rows)
		rows = (int)help_lines() + 2;
	draw_box(y - 1, x, rows + 1, w, ROLE_HELP, " Keys (? or Esc closes) ",
		 ROLE_HELP_KEY, "", ROLE_HELP);
	for (i = 0; i < rows - 1; i++) {
		size_t line = h->top + (size_t)i;
		enum theme_role role;

		draw_field(y + i, x + 1, "", w - 2, ROLE_HELP);
		if (line >= help_lines())
			continue;
		help_line(line, keys, sizeof(keys), text, sizeof(text), &role);
		draw_field(y + i, x + 2, keys, 16, ROLE_HELP_KEY);
		draw_field(y + i, x + 19, text, w - 21, role);
	}
}

static int help_key(struct view *v, enum action act, int ch)
{
	struct help *h = v->data;
	size_t vis = (size_t)(v->app->rows - 5 > 1 ? v->app->rows - 5 : 1);
	size_t max = help_lines() > vis ? help_lines() - vis : 0;

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

	v->ops = &help_ops;
	v->app = app;
	v->data = xcalloc(1, sizeof(struct help));
	return v;
}
