/* view_overview.c: the portfolio overview: one line per partner with its
 * overall health status, latest data month, CSAT and open actions, and a
 * status bar with the counts by status. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "app.h"
#include "date.h"
#include "indicator.h"
#include "portfolio.h"
#include "term.h"
#include "view.h"
#include "xalloc.h"

struct overview {
	struct portfolio pf;
	struct evaluation ev;
	long *result;		/* pf.rows[i] -> ev.partners[result[i]], or -1 */
	size_t selected, top;
	int overdue;		/* open actions past due, whole portfolio */
};

static int overview_load(struct view *v)
{
	struct overview *o = v->data;
	struct bpw_error err;
	char today[DATE_LEN];
	size_t i;

	bpw_error_clear(&err);
	date_today(today);
	portfolio_free(&o->pf);
	if (portfolio_load(v->app->store, today, &o->pf, &err) != 0) {
		snprintf(v->app->message, sizeof(v->app->message), "%.250s", err.msg);
		return -1;
	}
	o->overdue = 0;
	for (i = 0; i < o->pf.count; i++)
		o->overdue += o->pf.rows[i].overdue_actions;
	evaluation_free(&o->ev);
	free(o->result);
	o->result = xcalloc(o->pf.count + 1, sizeof(long));
	if (v->app->cfg->rules &&
	    indicator_evaluate(v->app->store, v->app->cfg->rules, NULL, today,
			       &o->ev, &err) != 0) {
		snprintf(v->app->message, sizeof(v->app->message), "%.250s", err.msg);
		evaluation_free(&o->ev);
	}
	for (i = 0; i < o->pf.count; i++) {
		size_t k;

		o->result[i] = -1;
		for (k = 0; k < o->ev.count; k++)
			if (o->ev.partners[k].id == o->pf.rows[i].partner.id)
				o->result[i] = (long)k;
	}
	if (o->selected >= o->pf.count)
		o->selected = o->pf.count ? o->pf.count - 1 : 0;
	return 0;
}

/* Rows available for the partner list. */
static int list_rows(const struct app *a)
{
	return a->rows - 3;
}

static void bar(int y, int cols, const char *left, const char *right)
{
	int rw = (int)strlen(right);

	attron(A_REVERSE);
	mvhline(y, 0, ' ', cols);
	term_put(stdscr, y, 1, left, rw ? cols - rw - 3 : cols - 2);
	if (rw && rw < cols - 2)
		mvaddstr(y, cols - rw - 1, right);
	attroff(A_REVERSE);
}

static void draw_row(const struct overview *o, size_t i, int y, int cols)
{
	const struct portfolio_row *r = &o->pf.rows[i];
	int site_w = cols >= 100 ? 22 : 12, name_w, x = 1;
	char buf[64], where[256];

	name_w = cols - 2 - 6 - 8 - site_w - 9 - 7 - 9 - 4;
	if (i == o->selected)
		attron(A_REVERSE);
	mvhline(y, 0, ' ', cols);
	term_put(stdscr, y, x, r->partner.code, 5);
	x += 6;
	/* The status in words, never by colour alone. */
	mvaddstr(y, x, o->result[i] >= 0 ?
		 status_label(o->ev.partners[o->result[i]].status) : "-");
	x += 8;
	term_put(stdscr, y, x, r->partner.name, name_w);
	x += name_w + 1;
	snprintf(where, sizeof(where), "%s%s%s", r->partner.site,
		 r->partner.country[0] ? ", " : "", r->partner.country);
	term_put(stdscr, y, x, where, site_w);
	x += site_w + 1;
	snprintf(buf, sizeof(buf), "%.7s", r->last_period[0] ? r->last_period : "none");
	mvaddstr(y, x, buf);
	x += 9;
	if (r->has_csat)
		snprintf(buf, sizeof(buf), "%6.1f", r->csat);
	else
		snprintf(buf, sizeof(buf), "%6s", "-");
	mvaddstr(y, x, buf);
	x += 7;
	if (r->overdue_actions)
		snprintf(buf, sizeof(buf), "%d (%d!)", r->open_actions, r->overdue_actions);
	else
		snprintf(buf, sizeof(buf), "%d", r->open_actions);
	mvaddnstr(y, x + 1, buf, cols - x - 2);
	if (i == o->selected)
		attroff(A_REVERSE);
}

static void overview_draw(struct view *v)
{
	struct overview *o = v->data;
	struct app *a = v->app;
	int rows = list_rows(a), y, site_w = a->cols >= 100 ? 22 : 12, name_w;
	char left[512], right[128];
	size_t i;
	int s, n;

	name_w = a->cols - 2 - 6 - 8 - site_w - 9 - 7 - 9 - 4;
	if (o->selected < o->top)
		o->top = o->selected;
	if (rows > 0 && o->selected >= o->top + (size_t)rows)
		o->top = o->selected - (size_t)rows + 1;

	/* Counts by status, worst first, the empty ones left out. */
	for (s = STATUS_ALERT, n = 0; s >= STATUS_OK; s--)
		if (o->ev.counts[s])
			n += snprintf(right + n, sizeof(right) - (size_t)n, "%zu %s  ",
				      o->ev.counts[s], status_label((enum status)s));
	snprintf(right + n, sizeof(right) - (size_t)n, "data to %.7s",
		 o->pf.latest_period[0] ? o->pf.latest_period : "-");
	bar(0, a->cols, "bpowatch - portfolio", right);
	attron(A_BOLD);
	mvprintw(1, 1, "%-5s %-7s %-*s %-*s %-8s %6s  %s", "Code", "Status",
		 name_w, "Partner", site_w, "Site", "Data to", "CSAT", "Actions");
	attroff(A_BOLD);
	for (y = 0, i = o->top; y < rows && i < o->pf.count; y++, i++)
		draw_row(o, i, 2 + y, a->cols);
	if (o->pf.count == 0)
		mvaddstr(3, 2, "No partners yet: import some, or try `bpowatch --demo`.");

	/* A message takes the whole bar; the key hints come back after it. */
	if (a->message[0]) {
		bar(a->rows - 1, a->cols, a->message, "");
	} else {
		snprintf(left, sizeof(left), "%zu partners  %d overdue actions  %s",
			 o->pf.count, o->overdue, a->db_label);
		bar(a->rows - 1, a->cols, left, "r reload  q quit");
	}
}

static int overview_key(struct view *v, int ch)
{
	struct overview *o = v->data;
	size_t page = (size_t)(list_rows(v->app) > 1 ? list_rows(v->app) - 1 : 1);

	v->app->message[0] = '\0';
	switch (ch) {
	case 'j': case KEY_DOWN:
		if (o->selected + 1 < o->pf.count)
			o->selected++;
		return VIEW_HANDLED | VIEW_REDRAW;
	case 'k': case KEY_UP:
		if (o->selected > 0)
			o->selected--;
		return VIEW_HANDLED | VIEW_REDRAW;
	case KEY_NPAGE: case ' ':
		o->selected = o->selected + page < o->pf.count ? o->selected + page
				: (o->pf.count ? o->pf.count - 1 : 0);
		return VIEW_HANDLED | VIEW_REDRAW;
	case KEY_PPAGE:
		o->selected = o->selected > page ? o->selected - page : 0;
		return VIEW_HANDLED | VIEW_REDRAW;
	case KEY_HOME: case KEY_FIND: case 'g':	/* PuTTY's Home is KEY_FIND */
		o->selected = 0;
		return VIEW_HANDLED | VIEW_REDRAW;
	case KEY_END: case KEY_SELECT: case 'G':	/* and its End KEY_SELECT */
		o->selected = o->pf.count ? o->pf.count - 1 : 0;
		return VIEW_HANDLED | VIEW_REDRAW;
	default:
		return VIEW_IGNORED;
	}
}

static int overview_reload(struct view *v)
{
	if (overview_load(v) == 0)
		snprintf(v->app->message, sizeof(v->app->message), "reloaded");
	return VIEW_HANDLED;
}

static void overview_destroy(struct view *v)
{
	struct overview *o = v->data;

	portfolio_free(&o->pf);
	evaluation_free(&o->ev);
	free(o->result);
	free(o);
	free(v);
}

static const struct view_ops overview_ops = {
	.name = "overview",
	.draw = overview_draw,
	.key = overview_key,
	.resize = NULL,
	.reload = overview_reload,
	.destroy = overview_destroy,
};

struct view *view_overview_new(struct app *app)
{
	struct view *v = xcalloc(1, sizeof(*v));

	v->ops = &overview_ops;
	v->app = app;
	v->data = xcalloc(1, sizeof(struct overview));
	if (overview_load(v) != 0) {
		overview_destroy(v);
		return NULL;
	}
	return v;
}
