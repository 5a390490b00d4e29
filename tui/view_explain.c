/* view_explain.c: the arithmetic behind what was selected (x): a partner's
 * health score and every indicator, one indicator, or one rule. The view
 * runs a traced evaluation of that partner when it opens (or the month
 * changes) and pages through core/explain.c's text. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "app.h"
#include "draw.h"
#include "explain.h"
#include "view.h"
#include "xalloc.h"

struct explain_view {
	int64_t id;
	char code[64];
	long ind, rule;		/* -1: all indicators / the whole indicator */
	char title[200];
	char **lines;		/* the explanation, one line each */
	size_t n, top;
};

static void lines_free(struct explain_view *e)
{
	size_t i;

	for (i = 0; i < e->n; i++)
		free(e->lines[i]);
	free(e->lines);
	e->lines = NULL;
	e->n = 0;
}

/* Evaluates the partner again, keeping what each rule read, and writes
 * the explanation into e->lines. -1 when the partner is gone. */
static int explain_load(struct view *v)
{
	struct explain_view *e = v->data;
	struct app *a = v->app;
	struct evaluation ev;
	struct bpw_error err;
	struct strbuf b = { 0 };
	const struct partner_result *pr;
	const char *p;
	long k;

	lines_free(e);
	if (indicator_evaluate_traced(a->store, a->cfg->rules, a->dash.as_of[0] ? a->dash.as_of : NULL,
				      a->dash.today, e->code, &ev, &err) != 0) {
		app_message(a, "cannot explain: %s", err.msg);
		indicator_free(&ev);
		return -1;
	}
	k = indicator_find(&ev, e->code);
	if (k < 0 || (e->ind >= 0 && (size_t)e->ind >= ev.partners[k].ninds)) {
		indicator_free(&ev);
		return -1;
	}
	pr = &ev.partners[k];
	if (e->ind < 0) {
		explain_partner_text(&ev, pr, &b);
		snprintf(e->title, sizeof(e->title), "health and status");
	} else if (e->rule < 0 || (size_t)e->rule >= pr->inds[e->ind].nrules) {
		explain_indicator_text(&ev, &pr->inds[e->ind], &b);
		snprintf(e->title, sizeof(e->title), "%s", pr->inds[e->ind].ind->title);
	} else {
		explain_rule_text(&ev, &pr->inds[e->ind].rules[e->rule], &b);
		snprintf(e->title, sizeof(e->title), "%s > %s", pr->inds[e->ind].ind->title,
			 pr->inds[e->ind].rules[e->rule].rule->key);
	}
	for (p = strbuf_str(&b); *p; ) {
		size_t len = strcspn(p, "\n");

		e->lines = xrealloc(e->lines, (e->n + 1) * sizeof(*e->lines));
		e->lines[e->n] = xmalloc(len + 1);
		memcpy(e->lines[e->n], p, len);
		e->lines[e->n++][len] = '\0';
		p += len + (p[len] == '\n');
	}
	strbuf_free(&b);
	indicator_free(&ev);
	if (e->top >= e->n)
		e->top = e->n ? e->n - 1 : 0;
	return 0;
}

/* Rows line i takes on the screen (wrapped; a blank line takes one). */
static int line_rows(const struct view *v, size_t i)
{
	const struct explain_view *e = v->data;
	int w = v->app->cols - 2;

	if (e->lines[i][0] == '\0' || w <= 0)
		return 1;
	return draw_wrap_count(w, v->app->rows, e->lines[i]);
}

/* The last first line that still fills the screen: scrolling stops with
 * the end of the text on the last row, not above an empty screen. */
static size_t last_top(const struct view *v)
{
	const struct explain_view *e = v->data;
	int rows = v->app->rows - 2, used = 0;
	size_t i = e->n;

	while (i > 0) {
		int r = line_rows(v, i - 1);

		if (used + r > rows)
			break;
		used += r;
		i--;
	}
	return i;
}

static void explain_draw(struct view *v)
{
	struct explain_view *e = v->data;
	struct app *a = v->app;
	char where[300];
	int y = 1, rows = a->rows - 2;
	size_t i;

	snprintf(where, sizeof(where), " (%s) > Explain: %s", e->code, e->title);
	draw_title_named(a, "bpowatch > ", app_result(a, e->id) ?
			 app_result(a, e->id)->name : e->code, where);
	if (e->top > last_top(v))	/* a resize, or a shorter text */
		e->top = last_top(v);
	for (i = e->top; i < e->n && y < rows + 1; i++) {
		if (e->lines[i][0] == '\0') {	/* a blank line between parts */
			draw_field(y++, 0, "", a->cols, ROLE_TEXT);
			continue;
		}
		y += draw_wrap(y, 1, a->cols - 2, rows + 1 - y, e->lines[i],
			       e->lines[i][0] == ' ' ? ROLE_TEXT : ROLE_HELP_KEY);
	}
	for (; y < rows + 1; y++)
		draw_field(y, 0, "", a->cols, ROLE_TEXT);
	/* The lines above and below, at the end of the last line. */
	draw_list_marks(rows, 0, a->cols, e->top, i - e->top, e->n);
}

static int explain_key(struct view *v, enum action act, int ch)
{
	struct explain_view *e = v->data;
	size_t page = (size_t)(v->app->rows > 4 ? v->app->rows - 4 : 1);

	(void)ch;
	switch (act) {
	case ACT_DOWN:
		if (e->top < last_top(v))
			e->top++;
		return VIEW_HANDLED | VIEW_REDRAW;
	case ACT_UP:
		if (e->top > 0)
			e->top--;
		return VIEW_HANDLED | VIEW_REDRAW;
	case ACT_PAGE_DOWN:
		e->top = e->top + page < last_top(v) ? e->top + page : last_top(v);
		return VIEW_HANDLED | VIEW_REDRAW;
	case ACT_PAGE_UP:
		e->top = e->top > page ? e->top - page : 0;
		return VIEW_HANDLED | VIEW_REDRAW;
	case ACT_HOME:
		e->top = 0;
		return VIEW_HANDLED | VIEW_REDRAW;
	case ACT_END:
		e->top = last_top(v);
		return VIEW_HANDLED | VIEW_REDRAW;
	case ACT_EXPLAIN:
		return VIEW_BACK;
	case ACT_MEETING:
		app_push(v->app, view_meeting_new(v->app, e->id));
		return VIEW_HANDLED | VIEW_REDRAW;
	default:
		return VIEW_IGNORED;
	}
}

static int explain_reload(struct view *v)
{
	return explain_load(v);
}

static const char *explain_hints(struct view *v)
{
	(void)v;
	return "j/k PgDn/PgUp:scroll [ ]:month x/Esc:back ?:help";
}

static void explain_destroy(struct view *v)
{
	struct explain_view *e = v->data;

	lines_free(e);
	free(e);
	free(v);
}

static const struct view_ops explain_ops = {
	.name = "explain",
	.keys = KC_DASH,
	.draw = explain_draw,
	.key = explain_key,
	.reload = explain_reload,
	.hints = explain_hints,
	.destroy = explain_destroy,
};

struct view *view_explain_new(struct app *app, int64_t partner_id, long ind, long rule)
{
	const struct partner_result *pr = app_result(app, partner_id);
	struct view *v;
	struct explain_view *e;

	if (pr == NULL) {
		app_message(app, "no figures for this partner as of %.7s", app->dash.as_of);
		return NULL;
	}
	v = xcalloc(1, sizeof(*v));
	e = xcalloc(1, sizeof(*e));
	v->ops = &explain_ops;
	v->app = app;
	v->data = e;
	e->id = partner_id;
	e->ind = ind;
	e->rule = rule;
	snprintf(e->code, sizeof(e->code), "%s", pr->code);
	if (explain_load(v) != 0) {
		explain_destroy(v);
		return NULL;
	}
	return v;
}
