/* view_template.c: the checklist template editor: sections and items with
 * weight, critical flag and answer kind; add, edit, delete, reorder. It
 * says which version an edit changes or creates: a version a final audit
 * uses is frozen, and the first edit makes the next version (the editor
 * then follows it). */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "app.h"
#include "csv.h"
#include "draw.h"
#include "listnav.h"
#include "qa_template.h"
#include "text.h"
#include "view.h"
#include "xalloc.h"

#define LIST_TOP 4
#define TEXT_MAX 1000

enum { TAG_ADD_ITEM = 1, TAG_ADD_SECTION, TAG_TEXT, TAG_WEIGHT, TAG_PASSING,
       TAG_RENAME, TAG_DELETE, TAG_KIND };

struct line {
	int sec;
	int item;		/* -1: the section's heading */
};

struct template_view {
	int64_t id;
	struct qa_template t;
	struct line *lines;
	size_t nlines;
	size_t sel, top;
	char hints[200];
};

static void build_lines(struct template_view *e)
{
	size_t s, i, n = 0;

	free(e->lines);
	for (s = 0; s < e->t.nsections; s++)
		n += 1 + e->t.sections[s].nitems;
	e->lines = xcalloc(n + 1, sizeof(*e->lines));
	e->nlines = 0;
	for (s = 0; s < e->t.nsections; s++) {
		e->lines[e->nlines++] = (struct line){ (int)s, -1 };
		for (i = 0; i < e->t.sections[s].nitems; i++)
			e->lines[e->nlines++] = (struct line){ (int)s, (int)i };
	}
}

static int template_view_load(struct view *v)
{
	struct template_view *e = v->data;
	struct qa_template t;
	struct bpw_error err;

	bpw_error_clear(&err);
	if (qa_template_load(v->app->store, e->id, &t, &err) != 0) {
		app_message(v->app, "%.250s", err.msg);
		return -1;
	}
	qa_template_clear(&e->t);
	e->t = t;
	build_lines(e);
	if (e->sel >= e->nlines)
		e->sel = e->nlines ? e->nlines - 1 : 0;
	return 0;
}

/* Selects the line of section sec, item item (-1: its heading). */
static void select_line(struct template_view *e, int sec, int item)
{
	size_t i;

	for (i = 0; i < e->nlines; i++)
		if (e->lines[i].sec == sec && e->lines[i].item == item)
			e->sel = i;
}

static int list_rows(const struct app *a)
{
	int n = a->rows - 1 - LIST_TOP - 1;

	return n > 1 ? n : 1;
}

static const struct qa_tpl_item *sel_item(const struct template_view *e)
{
	const struct line *l = e->nlines ? &e->lines[e->sel] : NULL;

	return l && l->item >= 0 ? &e->t.sections[l->sec].items[l->item] : NULL;
}

static void draw_line(struct view *v, size_t i)
{
	struct template_view *e = v->data;
	struct app *a = v->app;
	const struct line *l = &e->lines[i];
	int y = LIST_TOP + (int)(i - e->top);
	bool sel = i == e->sel;
	enum theme_role base = sel ? ROLE_SELECTED : ROLE_TEXT;
	const struct qa_tpl_item *it;
	char buf[32];

	if (i < e->top || y >= LIST_TOP + list_rows(a))
		return;
	draw_field(y, 0, sel ? ">" : " ", 1, base);
	if (l->item < 0) {
		snprintf(buf, sizeof(buf), "%d. ", l->sec + 1);
		draw_field(y, 1, buf, 4, sel ? base : ROLE_PANE_TITLE);
		draw_field(y, 5, e->t.sections[l->sec].title, a->cols - 5,
			   sel ? base : ROLE_PANE_TITLE);
		return;
	}
	it = &e->t.sections[l->sec].items[l->item];
	snprintf(buf, sizeof(buf), "   %5g ", it->weight);
	draw_field(y, 1, buf, 9, base);
	draw_field(y, 10, it->critical ? "crit" : "", 5, it->critical ? ROLE_ALERT : base);
	draw_field(y, 15, it->scale ? "0-5" : "p/f", 4, base);
	draw_field(y, 19, it->text, a->cols - 19, base);
}

static void draw_header(struct view *v)
{
	struct template_view *e = v->data;
	struct app *a = v->app;
	const struct qa_template *t = &e->t;
	size_t s, items = 0;
	char buf[400];

	for (s = 0; s < t->nsections; s++)
		items += t->sections[s].nitems;
	snprintf(buf, sizeof(buf), " v%d", t->version);
	draw_title_named(a, "bpowatch > QA templates > ", t->name, buf);
	snprintf(buf, sizeof(buf), "%s v%d   passing %g%%   %zu sections, %zu items"
		 "   used by %zu audit%s", t->name, t->version, t->passing,
		 t->nsections, items, t->reviews, t->reviews == 1 ? "" : "s");
	draw_field(1, 1, buf, a->cols - 2, ROLE_TEXT);
	if (t->frozen)
		snprintf(buf, sizeof(buf), "v%d is frozen (a final audit uses it): "
			 "an edit creates v%d", t->version, t->latest + 1);
	else
		snprintf(buf, sizeof(buf), "v%d is not used by a final audit: edits "
			 "change v%d in place%s", t->version, t->version,
			 t->reviews ? " (its draft audits follow)" : "");
	draw_field(2, 1, buf, a->cols - 2, t->frozen ? ROLE_WATCH : ROLE_DIM);
	draw_field(3, 1, "    Weight Crit Kind Item", a->cols - 2, ROLE_DIM);
}

static void template_view_draw(struct view *v)
{
	struct template_view *e = v->data;
	struct app *a = v->app;
	size_t n = (size_t)list_rows(a), i;

	e->top = listnav_top(e->top, e->sel, n, e->nlines);
	draw_header(v);
	if (e->nlines == 0)
		draw_field(LIST_TOP, 1, "(no sections: A adds one)", a->cols - 2,
			   ROLE_TEXT);
	for (i = e->top; i < e->nlines; i++)
		draw_line(v, i);
	draw_list_marks(LIST_TOP - 1, 1, a->cols - 2, e->top, n, e->nlines);
}

/* Applies an edit; follows a new version when one was made. */
static int apply(struct view *v, struct qa_edit *ed)
{
	struct template_view *e = v->data;
	struct bpw_error err;
	int64_t result;
	int old = e->t.version;

	bpw_error_clear(&err);
	if (qa_template_edit(v->app->store, e->id, ed, &result, &err) != 0) {
		app_message(v->app, "%.250s", err.msg);
		return -1;
	}
	e->id = result;
	if (template_view_load(v) != 0)
		return -1;
	if (e->t.version != old)
		app_message(v->app, "saved as v%d; audits answered on v%d keep it",
			    e->t.version, old);
	else
		app_message(v->app, "saved in v%d", e->t.version);
	return 0;
}

/* "HEAD Removes 3 answers in 2 drafts: ATL 2026-11-02, SUN …  y/N ": as
 * many drafts as fit on the bottom line (cols - 1 columns), then "…". */
static void loss_question(const char *head, const struct qa_draft_loss *x,
			  int cols, char *buf, size_t n)
{
	static const char tail[] = "  y/N ";
	size_t k, len;
	int room;

	snprintf(buf, n, "%s Removes %zu answer%s in %zu draft%s: ", head, x->answers,
		 x->answers == 1 ? "" : "s", x->ndrafts, x->ndrafts == 1 ? "" : "s");
	room = cols - 1 - text_width(buf) - (int)strlen(tail);
	for (k = 0; k < x->ndrafts; k++) {
		char *code = text_clean(x->drafts[k].partner_code, 0, 12);
		int w = text_width(code) + 1 + (int)strlen(x->drafts[k].date) + (k ? 2 : 0);
		int keep = k + 1 < x->ndrafts ? 5 : 0;	/* ", ..." in ASCII */

		len = strlen(buf);
		if (w + keep > room)
			snprintf(buf + len, n - len, "%s…", k ? ", " : "");
		else
			snprintf(buf + len, n - len, "%s%s %s", k ? ", " : "", code,
				 x->drafts[k].date);
		free(code);
		if (w + keep > room)
			break;
		room -= w;
	}
	len = strlen(buf);
	snprintf(buf + len, n - len, "%s", tail);
}

/* Asks before deleting the selected item or section; says what it takes
 * from draft audits when they answered it. */
static void ask_delete(struct view *v)
{
	struct template_view *e = v->data;
	const struct line *l = &e->lines[e->sel];
	const struct qa_tpl_section *sec = &e->t.sections[l->sec];
	const struct qa_tpl_item *it = sel_item(e);
	struct qa_draft_loss x;
	struct bpw_error err;
	char head[120], q[400];

	bpw_error_clear(&err);
	if (qa_template_draft_loss(v->app->store, sec->id, it ? it->id : 0, &x,
				   &err) != 0) {
		app_message(v->app, "%.250s", err.msg);
		return;
	}
	if (x.answers > 0) {
		if (it)
			snprintf(head, sizeof(head), "Delete item %d.%d?", l->sec + 1,
				 l->item + 1);
		else
			snprintf(head, sizeof(head), "Delete section %d and its %zu items?",
				 l->sec + 1, sec->nitems);
		loss_question(head, &x, v->app->cols, q, sizeof(q));
	} else if (it) {
		snprintf(q, sizeof(q), "Delete the item \"%.60s\"? y/N ", it->text);
	} else {
		snprintf(q, sizeof(q), "Delete the section \"%.50s\" and its %zu items? "
			 "y/N ", sec->title, sec->nitems);
	}
	qa_draft_loss_clear(&x);
	app_confirm(v->app, TAG_DELETE, q);
}

/* An edit of the selected item keeping what is not changed. */
static struct qa_edit item_edit(const struct template_view *e)
{
	const struct line *l = &e->lines[e->sel];
	const struct qa_tpl_item *it = sel_item(e);
	struct qa_edit ed = { .kind = QA_EDIT_UPDATE_ITEM, .sec = l->sec,
			      .item = l->item, .text = it->text,
			      .weight = it->weight, .critical = it->critical,
			      .scale = it->scale };

	return ed;
}

/* Switches the selected item between pass/fail and 0-5: at once, or after
 * asking when draft audits answered it (their answers do not fit the other
 * kind and go, notes with them). */
static void switch_kind(struct view *v)
{
	struct template_view *e = v->data;
	const struct line *l = &e->lines[e->sel];
	const struct qa_tpl_item *it = sel_item(e);
	struct qa_draft_loss x;
	struct bpw_error err;
	struct qa_edit ed;
	char head[120], q[400];

	bpw_error_clear(&err);
	if (qa_template_draft_loss(v->app->store, e->t.sections[l->sec].id, it->id, &x,
				   &err) != 0) {
		app_message(v->app, "%.250s", err.msg);
		return;
	}
	if (x.answers == 0) {
		ed = item_edit(e);
		ed.scale = !ed.scale;
		apply(v, &ed);
	} else {
		snprintf(head, sizeof(head), "Make item %d.%d %s?", l->sec + 1,
			 l->item + 1, it->scale ? "pass/fail" : "0-5");
		loss_question(head, &x, v->app->cols, q, sizeof(q));
		app_confirm(v->app, TAG_KIND, q);
	}
	qa_draft_loss_clear(&x);
}

static int need_item(struct view *v)
{
	struct template_view *e = v->data;

	if (sel_item(e))
		return 1;
	app_message(v->app, "select an item (this is a section heading)");
	return 0;
}

static int template_view_key(struct view *v, enum action act, int ch)
{
	struct template_view *e = v->data;
	const struct line *l = e->nlines ? &e->lines[e->sel] : NULL;
	const struct qa_tpl_item *it = sel_item(e);
	size_t page = (size_t)list_rows(v->app), n = e->nlines;
	struct qa_edit ed;
	char buf[240];

	(void)ch;
	switch (act) {
	case ACT_UP: case ACT_DOWN:
		e->sel = listnav_step(e->sel, n, act == ACT_DOWN ? 1 : -1, false);
		return VIEW_HANDLED | VIEW_REDRAW;
	case ACT_PAGE_UP: case ACT_PAGE_DOWN:
		e->sel = listnav_step(e->sel, n, act == ACT_PAGE_DOWN ? (long)page :
				      -(long)page, false);
		return VIEW_HANDLED | VIEW_REDRAW;
	case ACT_HOME: case ACT_END:
		e->sel = listnav_step(e->sel, n, act == ACT_END ? 1 : -1, true);
		return VIEW_HANDLED | VIEW_REDRAW;
	case ACT_ADD_ITEM:
		if (l == NULL) {
			app_message(v->app, "add a section first (A)");
			return VIEW_HANDLED;
		}
		app_prompt(v->app, TAG_ADD_ITEM, "New item: ", "", TEXT_MAX, false);
		return VIEW_HANDLED;
	case ACT_ADD_SECTION:
		app_prompt(v->app, TAG_ADD_SECTION, "New section title: ", "",
			   TEXT_MAX, false);
		return VIEW_HANDLED;
	case ACT_EDIT_TEXT: case ACT_OPEN:
		if (l == NULL || (act == ACT_OPEN && app_refuse_edit(v->app)))
			return VIEW_HANDLED;	/* Enter edits the text here */
		app_prompt(v->app, TAG_TEXT, it ? "Item: " : "Section title: ",
			   it ? it->text : e->t.sections[l->sec].title, TEXT_MAX, false);
		return VIEW_HANDLED;
	case ACT_WEIGHT:
		if (!need_item(v))
			return VIEW_HANDLED;
		snprintf(buf, sizeof(buf), "%g", it->weight);
		app_prompt(v->app, TAG_WEIGHT, "Weight (0-1000): ", buf, 12, false);
		return VIEW_HANDLED;
	case ACT_CRITICAL:
		if (!need_item(v))
			return VIEW_HANDLED;
		ed = item_edit(e);
		ed.critical = !ed.critical;
		apply(v, &ed);
		return VIEW_HANDLED | VIEW_REDRAW;
	case ACT_ANSWER_KIND:
		if (need_item(v))
			switch_kind(v);
		return VIEW_HANDLED | VIEW_REDRAW;
	case ACT_DELETE_ENTRY:
		if (l != NULL)
			ask_delete(v);
		return VIEW_HANDLED;
	case ACT_MOVE_UP: case ACT_MOVE_DOWN: {
		int d = act == ACT_MOVE_UP ? -1 : 1;
		int sec, item, to_sec, to_item = -1, ver;

		if (l == NULL)
			return VIEW_HANDLED;
		sec = l->sec;
		item = l->item;
		ed = (struct qa_edit){ .kind = it ? QA_EDIT_MOVE_ITEM : QA_EDIT_MOVE_SECTION,
				       .sec = sec, .item = item, .delta = d };
		/* An item past its section's first or last goes on into the
		 * section above (at its end) or below (at its start). */
		to_sec = sec + d;
		if (it && item + d >= 0 && item + d < (int)e->t.sections[sec].nitems) {
			to_sec = sec;
			to_item = item + d;
		} else if (it) {
			to_item = d < 0 && to_sec >= 0 ? (int)e->t.sections[to_sec].nitems : 0;
		}
		if (to_sec < 0 || to_sec >= (int)e->t.nsections) {
			app_message(v->app, "already at the %s", d < 0 ? "top" : "bottom");
			return VIEW_HANDLED;
		}
		ver = e->t.version;
		if (apply(v, &ed) == 0) {
			select_line(e, to_sec, it ? to_item : -1);
			if (it && to_sec != sec && e->t.version == ver)
				app_message(v->app, "moved into section %d (saved in v%d)",
					    to_sec + 1, ver);
		}
		return VIEW_HANDLED | VIEW_REDRAW;
	}
	case ACT_PASSING:
		snprintf(buf, sizeof(buf), "%g", e->t.passing);
		app_prompt(v->app, TAG_PASSING, "Passing score (0-100): ", buf, 12, false);
		return VIEW_HANDLED;
	case ACT_RENAME:
		app_prompt(v->app, TAG_RENAME, "Template name: ", e->t.name, 200, false);
		return VIEW_HANDLED;
	default:
		return VIEW_IGNORED;
	}
}

/* A number typed at a prompt, with a decimal point or comma ("2,5");
 * false (and a message) when it is not one. */
static bool parse_number(struct view *v, const char *text, double *out)
{
	switch (csv_number_typed(text, out)) {
	case CSV_NUM_OK:
		return true;
	case CSV_NUM_GROUPED:
		app_message(v->app, "'%.40s' has a thousands separator; type the number "
			    "without one (2.5 or 2,5)", text);
		return false;
	default:
		app_message(v->app, "'%.40s' is not a number (2.5 or 2,5)", text);
		return false;
	}
}

static int template_view_prompt(struct view *v, int tag, const char *text,
		     enum prompt_event ev)
{
	struct template_view *e = v->data;
	const struct line *l = e->nlines ? &e->lines[e->sel] : NULL;
	struct qa_edit ed = { 0 };
	int sec = l ? l->sec : -1, item = l ? l->item : -1;

	if (ev == PROMPT_CANCEL) {
		app_message(v->app, "unchanged");
		return VIEW_REDRAW;
	}
	if (ev != PROMPT_ENTER)
		return 0;
	switch (tag) {
	case TAG_ADD_ITEM:
		ed = (struct qa_edit){ .kind = QA_EDIT_ADD_ITEM, .sec = sec,
				       .item = item, .text = text, .weight = 1 };
		if (apply(v, &ed) == 0)
			select_line(e, sec, item + 1);
		break;
	case TAG_ADD_SECTION:
		ed = (struct qa_edit){ .kind = QA_EDIT_ADD_SECTION, .sec = sec,
				       .text = text };
		if (apply(v, &ed) == 0)
			select_line(e, sec + 1, -1);
		break;
	case TAG_TEXT:
		if (l == NULL)
			break;
		if (l->item >= 0) {
			ed = item_edit(e);
			ed.text = text;
		} else {
			ed = (struct qa_edit){ .kind = QA_EDIT_RENAME_SECTION,
					       .sec = sec, .text = text };
		}
		apply(v, &ed);
		break;
	case TAG_WEIGHT:
		if (sel_item(e) == NULL)
			break;
		ed = item_edit(e);
		if (parse_number(v, text, &ed.weight))
			apply(v, &ed);
		break;
	case TAG_PASSING:
		ed.kind = QA_EDIT_PASSING;
		if (parse_number(v, text, &ed.weight))
			apply(v, &ed);
		break;
	case TAG_RENAME:
		ed = (struct qa_edit){ .kind = QA_EDIT_RENAME, .text = text };
		apply(v, &ed);
		break;
	case TAG_KIND:
		if (l == NULL || sel_item(e) == NULL)
			break;
		ed = item_edit(e);
		ed.scale = !ed.scale;
		apply(v, &ed);
		break;
	case TAG_DELETE:
		if (l == NULL)
			break;
		ed = (struct qa_edit){ .kind = item >= 0 ? QA_EDIT_DELETE_ITEM
				       : QA_EDIT_DELETE_SECTION, .sec = sec,
				       .item = item };
		apply(v, &ed);
		break;
	default:
		break;
	}
	return VIEW_REDRAW;
}

static int template_view_reload(struct view *v)
{
	return template_view_load(v);
}

static const char *template_view_hints(struct view *v)
{
	struct template_view *e = v->data;
	char h[7][32];

	snprintf(e->hints, sizeof(e->hints), "%s %s %s %s %s %s %s",
		 keymap_hint(ACT_ADD_ITEM, "add", h[0], sizeof(h[0])),
		 keymap_hint(ACT_EDIT_TEXT, "edit", h[1], sizeof(h[1])),
		 keymap_hint(ACT_WEIGHT, "weight", h[2], sizeof(h[2])),
		 keymap_hint(ACT_CRITICAL, "crit", h[3], sizeof(h[3])),
		 keymap_hint(ACT_ANSWER_KIND, "kind", h[4], sizeof(h[4])),
		 keymap_hint(ACT_DELETE_ENTRY, "del", h[5], sizeof(h[5])),
		 keymap_hint(ACT_HELP, "more", h[6], sizeof(h[6])));
	return e->hints;
}

static void template_view_destroy(struct view *v)
{
	struct template_view *e = v->data;

	qa_template_clear(&e->t);
	free(e->lines);
	free(e);
	free(v);
}

static const struct view_ops template_ops = {
	.name = "template",
	.keys = KC_TEMPLATE,
	.draw = template_view_draw,
	.key = template_view_key,
	.reload = template_view_reload,
	.hints = template_view_hints,
	.destroy = template_view_destroy,
	.prompt = template_view_prompt,
};

struct view *view_template_new(struct app *app, int64_t template_id)
{
	struct template_view *e;
	struct view *v = xcalloc(1, sizeof(*v));

	e = xcalloc(1, sizeof(*e));
	e->id = template_id;
	v->ops = &template_ops;
	v->app = app;
	v->data = e;
	if (template_view_load(v) != 0) {
		template_view_destroy(v);
		return NULL;
	}
	return v;
}
