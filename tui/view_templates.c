/* view_templates.c: the QA checklist templates, every version with its
 * size, the audits that use it and whether it is frozen; Enter opens the
 * template editor, n makes a new template and c copies one (each asks the
 * name). */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "app.h"
#include "draw.h"
#include "listnav.h"
#include "qa_template.h"
#include "view.h"
#include "xalloc.h"

#define LIST_TOP 3
#define NAME_MAX_LEN 200

enum { TAG_NEW = 1, TAG_COPY };

struct templates_view {
	struct qa_template_list list;
	size_t sel, top;
	int64_t copy_from;	/* the version c copies, while its name is asked */
	char hints[160];
};

static int templates_view_load(struct view *v, const char *name)
{
	struct templates_view *t = v->data;
	struct qa_template_list l;
	struct bpw_error err;
	int64_t keep = t->sel < t->list.count ? t->list.items[t->sel].id : 0;
	size_t i;

	bpw_error_clear(&err);
	if (qa_template_list(v->app->store, &l, &err) != 0) {
		app_message(v->app, "%.250s", err.msg);
		return -1;
	}
	qa_template_list_free(&t->list);
	t->list = l;
	t->sel = 0;
	for (i = 0; i < l.count; i++)
		if (l.items[i].id == keep ||
		    (name && keep == 0 && strcmp(l.items[i].name, name) == 0 &&
		     l.items[i].version == l.items[i].latest))
			t->sel = i;
	return 0;
}

static int list_rows(const struct app *a)
{
	int n = a->rows - 1 - LIST_TOP - 1;

	return n > 1 ? n : 1;
}

static void draw_row(struct view *v, size_t i)
{
	struct templates_view *t = v->data;
	struct app *a = v->app;
	const struct qa_template *q = &t->list.items[i];
	int y = LIST_TOP + 1 + (int)(i - t->top), nw = a->cols - 48;
	enum theme_role base = i == t->sel ? ROLE_SELECTED : ROLE_TEXT;
	char buf[160];

	if (i < t->top || y >= a->rows - 1)
		return;
	draw_field(y, 0, i == t->sel ? ">" : " ", 1, base);
	draw_field(y, 1, q->name, nw - 1, base);
	snprintf(buf, sizeof(buf), " v%-4d %5zu %7zu  %s", q->version,
		 q->items, q->reviews,
		 q->frozen ? "frozen (a final audit uses it)" :
		 q->version == q->latest ? "editable" : "editable, old");
	draw_field(y, nw, buf, a->cols - nw, base);
}

static void templates_view_draw(struct view *v)
{
	struct templates_view *t = v->data;
	struct app *a = v->app;
	size_t n = (size_t)list_rows(a), i;
	char head[200];

	t->top = listnav_top(t->top, t->sel, n, t->list.count);
	draw_title(a, "bpowatch > QA templates");
	draw_field(1, 1, "Editing a frozen version creates the next one; "
		   "audits keep the version they were answered on.", a->cols - 2,
		   ROLE_DIM);
	snprintf(head, sizeof(head), "%-*s Ver   Items  Audits  State",
		 a->cols - 49, "Template");
	draw_field(LIST_TOP, 1, head, a->cols - 2, ROLE_DIM);
	if (t->list.count == 0) {
		char h[40];

		snprintf(head, sizeof(head), "No templates: %s makes one, or import one "
			 "with `bpowatch qa template import FILE`.",
			 keymap_hint(ACT_NEW_TEMPLATE, "new", h, sizeof(h)));
		draw_field(LIST_TOP + 1, 1, head, a->cols - 2, ROLE_TEXT);
	}
	for (i = t->top; i < t->list.count; i++)
		draw_row(v, i);
	draw_list_marks(LIST_TOP, 1, a->cols - 2, t->top, n, t->list.count);
}

static int templates_view_key(struct view *v, enum action act, int ch)
{
	struct templates_view *t = v->data;
	size_t n = t->list.count, page = (size_t)list_rows(v->app);

	(void)ch;
	if (act == ACT_NEW_TEMPLATE) {
		app_prompt(v->app, TAG_NEW, "New template's name: ", "", NAME_MAX_LEN, false);
		return VIEW_HANDLED | VIEW_REDRAW;
	}
	if (n == 0 && act != ACT_OPEN)
		return VIEW_IGNORED;
	switch (act) {
	case ACT_UP: case ACT_DOWN:
		t->sel = listnav_step(t->sel, n, act == ACT_DOWN ? 1 : -1, false);
		break;
	case ACT_PAGE_UP: case ACT_PAGE_DOWN:
		t->sel = listnav_step(t->sel, n, act == ACT_PAGE_DOWN ? (long)page :
				      -(long)page, false);
		break;
	case ACT_HOME: case ACT_END:
		t->sel = listnav_step(t->sel, n, act == ACT_END ? 1 : -1, true);
		break;
	case ACT_OPEN:
		if (n)
			app_push(v->app, view_template_new(v->app, t->list.items[t->sel].id));
		break;
	case ACT_COPY_TEMPLATE: {
		const struct qa_template *q = &t->list.items[t->sel];
		char label[80];

		t->copy_from = q->id;
		snprintf(label, sizeof(label), "Copy v%d as the template: ", q->version);
		app_prompt(v->app, TAG_COPY, label, "", NAME_MAX_LEN, false);
		break;
	}
	default:
		return VIEW_IGNORED;
	}
	return VIEW_HANDLED | VIEW_REDRAW;
}

/* The name asked by n or c: the new template (version 1), selected. */
static int templates_view_prompt(struct view *v, int tag, const char *text,
				 enum prompt_event ev)
{
	struct templates_view *t = v->data;
	struct bpw_error err;
	int64_t id;

	if (ev == PROMPT_CANCEL) {
		app_message(v->app, "no template made");
		return VIEW_REDRAW;
	}
	if (ev != PROMPT_ENTER)
		return 0;
	bpw_error_clear(&err);
	if (qa_template_create(v->app->store, tag == TAG_COPY ? t->copy_from : 0, text,
			       &id, &err) != 0) {
		app_message(v->app, "%.250s", err.msg);
		return VIEW_REDRAW;
	}
	t->sel = t->list.count;	/* select the new one by its name */
	if (templates_view_load(v, NULL) == 0) {
		size_t i;

		for (i = 0; i < t->list.count; i++)
			if (t->list.items[i].id == id)
				t->sel = i;
		app_message(v->app, "%s v1 made%s: Enter edits it", t->list.items[t->sel].name,
			    tag == TAG_COPY ? " as a copy" : "");
	}
	return VIEW_REDRAW;
}

static void templates_view_resume(struct view *v)
{
	templates_view_load(v, NULL);
}

static int templates_view_reload(struct view *v)
{
	return templates_view_load(v, NULL);
}

static const char *templates_view_hints(struct view *v)
{
	struct templates_view *t = v->data;
	char h[5][40];

	snprintf(t->hints, sizeof(t->hints), "%s %s %s %s %s",
		 keymap_hint(ACT_OPEN, "edit", h[0], sizeof(h[0])),
		 keymap_hint(ACT_NEW_TEMPLATE, "new", h[1], sizeof(h[1])),
		 keymap_hint(ACT_COPY_TEMPLATE, "copy", h[2], sizeof(h[2])),
		 keymap_hint(ACT_BACK, "back", h[3], sizeof(h[3])),
		 keymap_hint(ACT_HELP, "help", h[4], sizeof(h[4])));
	return t->hints;
}

static void templates_view_destroy(struct view *v)
{
	struct templates_view *t = v->data;

	qa_template_list_free(&t->list);
	free(t);
	free(v);
}

static const struct view_ops templates_ops = {
	.name = "templates",
	.keys = KC_TEMPLATES,
	.draw = templates_view_draw,
	.key = templates_view_key,
	.reload = templates_view_reload,
	.resume = templates_view_resume,
	.hints = templates_view_hints,
	.destroy = templates_view_destroy,
	.prompt = templates_view_prompt,
};

struct view *view_templates_new(struct app *app, const char *name)
{
	struct view *v = xcalloc(1, sizeof(*v));

	v->ops = &templates_ops;
	v->app = app;
	v->data = xcalloc(1, sizeof(struct templates_view));
	if (templates_view_load(v, name) != 0) {
		templates_view_destroy(v);
		return NULL;
	}
	return v;
}
