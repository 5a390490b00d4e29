/* view_overview.c: the portfolio overview (home screen): a grid of partner
 * panes that adapts to the terminal, or one line per partner; sort,
 * incremental filter, and a selection that moves without a repaint. */
#include <ctype.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "app.h"
#include "color.h"
#include "draw.h"
#include "listnav.h"
#include "snapshot.h"
#include "term.h"
#include "upkeep.h"
#include "view.h"
#include "xalloc.h"

#define PANE_H 7
#define PANE_MIN_W 38
#define FILTER_MAX 64

struct overview {
	size_t *order;		/* pf rows shown, filtered and sorted */
	size_t n;
	size_t sel;		/* index into order */
	size_t top;		/* first visible grid row or list line */
	bool list;		/* one line per partner */
	enum dash_sort sort;
	char filter[FILTER_MAX];
	bool editing;		/* the filter line has the keys */
	int64_t sel_id;		/* the selected partner, kept across reloads */
	char hints[160];
};

/* ---- the model as this screen sees it (core/dashboard.h) ---- */

static const struct partner_result *result_of(const struct app *a, size_t row)
{
	return dashboard_result(&a->dash, row);
}

/* Rebuilds order from the model, keeping the selected partner. */
static void overview_refilter(struct view *v)
{
	struct overview *o = v->data;
	struct app *a = v->app;
	size_t i;

	free(o->order);
	o->order = xcalloc(a->dash.pf.count + 1, sizeof(size_t));
	o->n = dashboard_order(&a->dash, o->filter, o->sort, o->order);
	o->sel = 0;
	for (i = 0; i < o->n; i++)
		if (a->dash.pf.rows[o->order[i]].partner.id == o->sel_id)
			o->sel = i;
	if (o->n)
		o->sel_id = a->dash.pf.rows[o->order[o->sel]].partner.id;
}

/* ---- geometry ---- */

static int grid_cols(const struct app *a)
{
	int n = a->cols / 40;

	if (n < 1)
		n = 1;
	while (n > 1 && a->cols / n < PANE_MIN_W)
		n--;
	return n;
}

/* Visible grid rows of panes, or list lines. */
static size_t visible(const struct view *v)
{
	const struct overview *o = v->data;
	int rows = v->app->rows - 2;

	if (o->list)
		return rows > 1 ? (size_t)(rows - 1) : 1;
	return rows >= PANE_H ? (size_t)(rows / PANE_H) : 1;
}

/* The line (list) or pane row (grid) of order index i. */
static size_t line_of(const struct view *v, size_t i)
{
	const struct overview *o = v->data;

	return o->list ? i : i / (size_t)grid_cols(v->app);
}

/* Scrolls so the selection is visible; true when top moved. The grid
 * turns whole pages (a pane row scrolled in repaints every pane on the
 * screen, a few kB over SSH, while a move within the page costs a hundred
 * bytes); the list scrolls line by line, which curses does by scrolling
 * the terminal. */
static bool overview_scroll(struct view *v)
{
	struct overview *o = v->data;
	size_t line = line_of(v, o->sel), vis = visible(v), old = o->top;

	if (!o->list) {
		o->top = line / vis * vis;
		return o->top != old;
	}
	o->top = listnav_top(o->top, line, vis, o->n);
	return o->top != old;
}

/* ---- drawing ---- */

/* Two letters for an indicator: the initials of its key's words, or its
 * first two letters ("customer_satisfaction" CS, "proactivity" PR). */
static void abbrev(const char *key, char out[3])
{
	const char *u = strchr(key, '_');

	out[0] = (char)toupper((unsigned char)key[0]);
	out[1] = (char)toupper((unsigned char)(u && u[1] ? u[1] : key[0] ? key[1] : ' '));
	out[2] = '\0';
}

static void draw_series_line(const struct app *a, int y, int x, int w,
			     const char *label, const struct pf_series_data *s)
{
	char val[24], side[24], buf[64];
	int sw, bw;

	draw_field(y, x, label, 5, ROLE_DIM);
	draw_fmt_latest(s, a->dash.as_of, val, sizeof(val), side, sizeof(side));
	snprintf(buf, sizeof(buf), "%6s %6s ", val, side);
	bw = (int)strlen(buf);
	sw = w - 5 - bw;
	if (sw > a->dash.pf.months)
		sw = a->dash.pf.months;
	if (sw > 0)
		draw_spark(y, x + 5, s->v, (size_t)a->dash.pf.months, sw, ROLE_SPARK);
	draw_field(y, x + w - bw, buf, bw, ROLE_TEXT);
}

static void draw_qa_line(const struct app *a, int y, int x, int w,
			 const struct portfolio_row *r)
{
	char buf[128], score[16];
	bool overdue = r->qa_due[0] && strcmp(r->qa_due, a->dash.today) < 0;

	if (!r->has_qa) {
		draw_field(y, x, "QA no final audit yet", w, ROLE_WATCH);
		return;
	}
	draw_fmt(r->qa_score, score, sizeof(score));
	if (r->qa_critical_fails)
		snprintf(buf, sizeof(buf), "QA %s%% %s CRITICAL FAIL", score, r->qa_date);
	else if (overdue)
		snprintf(buf, sizeof(buf), "QA %s%% overdue since %s", score, r->qa_due);
	else if (r->qa_due[0])
		snprintf(buf, sizeof(buf), "QA %s%% %s  due %s", score, r->qa_date,
			 r->qa_due);
	else
		snprintf(buf, sizeof(buf), "QA %s%% %s", score, r->qa_date);
	draw_field(y, x, buf, w, r->qa_critical_fails ? ROLE_ALERT :
		   overdue ? ROLE_WATCH : ROLE_TEXT);
}

static void draw_badges(const struct app *a, int y, int x, int w,
			const struct partner_result *pr)
{
	size_t k;
	int used = 0;

	for (k = 0; pr && k < pr->ninds && used + 3 <= w; k++) {
		char b[8], ab[3];

		abbrev(pr->inds[k].ind->key, ab);
		snprintf(b, sizeof(b), "%s%c", ab, status_mark(pr->inds[k].status));
		draw_text(y, x + used, b, 3, draw_status_role(pr->inds[k].status));
		used += 4;
	}
	(void)a;
}

static void draw_pane(struct view *v, size_t i, int y, int x, int w, bool sel)
{
	struct overview *o = v->data;
	struct app *a = v->app;
	const struct portfolio_row *r = &a->dash.pf.rows[o->order[i]];
	const struct partner_result *pr = result_of(a, o->order[i]);
	enum status st = pr ? pr->status : STATUS_NODATA;
	char title[200], label[24], where[200];

	snprintf(title, sizeof(title), "%s%s %s ", sel ? ">" : " ",
		 r->partner.code, r->partner.name);
	snprintf(label, sizeof(label), "%c %s", status_mark(st), status_label(st));
	draw_box(y, x, PANE_H, w, ROLE_FRAME, title,
		 sel ? ROLE_SELECTED : ROLE_PANE_TITLE, label, draw_status_role(st));
	snprintf(where, sizeof(where), "%s%s%s%s%s", r->partner.site,
		 r->partner.country[0] ? ", " : "", r->partner.country,
		 r->partner.owner[0] ? "  owner " : "", r->partner.owner);
	if (pr) {
		char h[24];

		snprintf(h, sizeof(h), " health %3.0f", pr->health);
		draw_field(y + 1, x + 2, where, w - 4 - 11, ROLE_DIM);
		draw_field(y + 1, x + w - 2 - 11, h, 11, ROLE_TEXT);
	} else {
		draw_field(y + 1, x + 2, where, w - 4, ROLE_DIM);
	}
	draw_badges(a, y + 2, x + 2, w - 4, pr);
	draw_series_line(a, y + 3, x + 2, w - 4, "CSAT", &r->series[PF_CSAT]);
	draw_series_line(a, y + 4, x + 2, w - 4, "Attr", &r->series[PF_ATTRITION]);
	draw_qa_line(a, y + 5, x + 2, w - 4, r);
}

/* Position of order index i in the grid; false when not visible. */
static bool pane_at(struct view *v, size_t i, int *y, int *x, int *w)
{
	struct overview *o = v->data;
	int nc = grid_cols(v->app);
	size_t row = i / (size_t)nc, col = i % (size_t)nc;

	if (row < o->top || row >= o->top + visible(v))
		return false;
	*w = v->app->cols / nc;
	*x = (int)col * *w;
	if ((int)col == nc - 1)
		*w = v->app->cols - *x;
	*y = 1 + (int)(row - o->top) * PANE_H;
	return true;
}

/* The list's columns after the name, in the order they are given room as
 * the terminal widens (the name keeps at least NAME_MIN columns). */
enum list_col { LC_CSAT, LC_BADGES, LC_HEALTH, LC_ATTR, LC_TREND, LC_QA,
		LC_SITE, LC_COUNT };
#define NAME_MIN 14
#define NAME_MAX 32
static const struct {
	int width;
	const char *header;
} list_cols[LC_COUNT] = {
	[LC_BADGES] = { 9, "" },	/* filled with the indicator initials */
	[LC_HEALTH] = { 5, " Hlth" },
	[LC_TREND] = { 13, " CSAT trend" },
	[LC_CSAT] = { 12, "  CSAT   chg" },
	[LC_ATTR] = { 12, "  Attr   chg" },
	[LC_QA] = { 7, "    QA" },
	[LC_SITE] = { 18, " Site" },
};
#define LIST_FIXED (1 + 10 + 6)	/* selection mark, status, code */

/* Which columns fit, and the name's width. */
static int list_layout(const struct app *a, bool on[LC_COUNT])
{
	int left = a->cols - LIST_FIXED - NAME_MIN - 1, c, name;

	for (c = 0; c < LC_COUNT; c++) {
		on[c] = list_cols[c].width <= left;
		if (on[c])
			left -= list_cols[c].width;
	}
	name = NAME_MIN + left;
	return name > NAME_MAX ? NAME_MAX : name;
}

/* The columns in screen order. */
static const enum list_col screen_order[LC_COUNT] = {
	LC_BADGES, LC_HEALTH, LC_TREND, LC_CSAT, LC_ATTR, LC_QA, LC_SITE,
};

static void list_header(struct view *v)
{
	const struct app *a = v->app;
	bool on[LC_COUNT];
	int nw = list_layout(a, on), x = LIST_FIXED, k;

	draw_field(1, 0, " Status    Code", a->cols, ROLE_DIM);
	draw_text(1, x, "Partner", nw, ROLE_DIM);
	x += nw + 1;
	for (k = 0; k < LC_COUNT; k++) {
		enum list_col c = screen_order[k];
		char ini[16] = "";
		size_t i;

		if (!on[c])
			continue;
		if (c == LC_BADGES)
			for (i = 0; a->cfg->rules && i < a->cfg->rules->count && i < 8; i++)
				ini[i] = (char)toupper((unsigned char)
						       a->cfg->rules->items[i].key[0]);
		draw_text(1, x, c == LC_BADGES ? ini : list_cols[c].header,
			  list_cols[c].width, ROLE_DIM);
		x += list_cols[c].width;
	}
}

static void draw_line(struct view *v, size_t i, int y, bool sel)
{
	struct overview *o = v->data;
	struct app *a = v->app;
	const struct portfolio_row *r = &a->dash.pf.rows[o->order[i]];
	const struct partner_result *pr = result_of(a, o->order[i]);
	enum theme_role base = sel ? ROLE_SELECTED : ROLE_TEXT;
	char buf[160], n1[24], n2[24];
	bool on[LC_COUNT];
	int nw = list_layout(a, on), x = LIST_FIXED, k;
	size_t b;

	draw_field(y, 0, sel ? ">" : " ", a->cols, base);
	draw_status(y, 1, pr ? pr->status : STATUS_NODATA, 10);
	draw_field(y, 11, r->partner.code, 5, base);
	draw_field(y, x, r->partner.name, nw, base);
	x += nw + 1;
	for (k = 0; k < LC_COUNT; k++) {
		enum list_col c = screen_order[k];
		int w = list_cols[c].width;
		const struct pf_series_data *sd = &r->series[c == LC_ATTR ? PF_ATTRITION
							       : PF_CSAT];

		if (!on[c])
			continue;
		switch (c) {
		case LC_BADGES:
			for (b = 0; pr && b < pr->ninds && b < 8; b++) {
				char m[2] = { status_mark(pr->inds[b].status), '\0' };

				draw_text(y, x + (int)b, m, 1,
					  draw_status_role(pr->inds[b].status));
			}
			break;
		case LC_HEALTH:
			snprintf(buf, sizeof(buf), "%5.0f", pr ? pr->health : NAN);
			draw_field(y, x, pr ? buf : "    -", w, base);
			break;
		case LC_TREND:
			draw_spark(y, x + 1, sd->v, (size_t)a->dash.pf.months, w - 1, ROLE_SPARK);
			break;
		case LC_CSAT: case LC_ATTR:
			draw_fmt_latest(sd, a->dash.as_of, n1, sizeof(n1), n2, sizeof(n2));
			snprintf(buf, sizeof(buf), "%6s %5s", n1, n2);
			draw_field(y, x, buf, w, base);
			break;
		case LC_QA:
			draw_fmt(r->qa_score, n1, sizeof(n1));
			snprintf(buf, sizeof(buf), "%6s%s", r->has_qa ? n1 : "-",
				 r->qa_critical_fails ? "!" : "");
			draw_field(y, x, buf, w, r->qa_critical_fails ? ROLE_ALERT : base);
			break;
		case LC_SITE:
			snprintf(buf, sizeof(buf), " %s", r->partner.site);
			draw_field(y, x, buf, w, ROLE_DIM);
			break;
		default:
			break;
		}
		x += w;
	}
}

static void overview_draw(struct view *v)
{
	struct overview *o = v->data;
	struct app *a = v->app;
	char where[160];
	size_t i, vis;

	overview_scroll(v);
	snprintf(where, sizeof(where), "bpowatch > Portfolio  %zu partner%s  sort: %s%s%s%s",
		 o->n, o->n == 1 ? "" : "s", dashboard_sort_name(o->sort),
		 o->filter[0] && !o->editing ? "  filter: " : "",
		 o->editing ? "" : o->filter, o->list ? "" : "");
	draw_title(a, where);
	vis = visible(v);
	if (o->n == 0) {
		draw_text(3, 2, a->dash.pf.count ? "No partner matches the filter "
			  "(Esc clears it)." : "No partners yet: import some, or "
			  "try `bpowatch --demo`.", a->cols - 4, ROLE_DIM);
	} else if (o->list) {
		list_header(v);
		for (i = o->top; i < o->n && i < o->top + vis; i++)
			draw_line(v, i, 2 + (int)(i - o->top), i == o->sel);
	} else {
		for (i = 0; i < o->n; i++) {
			int y, x, w;

			if (pane_at(v, i, &y, &x, &w))
				draw_pane(v, i, y, x, w, i == o->sel);
		}
	}
	if (o->editing) {
		char line[FILTER_MAX + 80];

		snprintf(line, sizeof(line), "filter: %s_   (Enter keeps, Esc clears)",
			 o->filter);
		draw_bar(a->rows - 2, ROLE_INPUT, line, "");
	}
}

/* Draws one partner where it is (pane or line); false when not visible. */
static bool draw_one(struct view *v, size_t i, bool sel)
{
	struct overview *o = v->data;
	int y, x, w;

	if (o->list) {
		if (i < o->top || i >= o->top + visible(v))
			return false;
		draw_line(v, i, 2 + (int)(i - o->top), sel);
		return true;
	}
	if (!pane_at(v, i, &y, &x, &w))
		return false;
	draw_pane(v, i, y, x, w, sel);
	return true;
}

/* ---- keys ---- */

/* Moves the selection to next; redraws only the two partners concerned
 * unless the view has to scroll. */
static int select_index(struct view *v, size_t next)
{
	struct overview *o = v->data;
	size_t old = o->sel;

	if (o->n == 0 || next == old)
		return VIEW_HANDLED;
	o->sel = next;
	o->sel_id = v->app->dash.pf.rows[o->order[next]].partner.id;
	if (overview_scroll(v))
		return VIEW_HANDLED | VIEW_REDRAW;
	draw_one(v, old, false);
	draw_one(v, next, true);
	return VIEW_HANDLED;
}

static int filter_key(struct view *v, int ch)
{
	struct overview *o = v->data;
	size_t len = strlen(o->filter);

	if (ch == 27) {
		o->filter[0] = '\0';
		o->editing = false;
	} else if (ch == '\r' || ch == '\n' || ch == KEY_ENTER) {
		o->editing = false;
	} else if (ch == KEY_BACKSPACE || ch == 127 || ch == 8) {
		/* Remove one whole UTF-8 character. */
		while (len > 0 && ((unsigned char)o->filter[len - 1] & 0xC0) == 0x80)
			len--;
		if (len > 0)
			len--;
		o->filter[len] = '\0';
	} else if (ch == 21) {	/* C-u */
		o->filter[0] = '\0';
	} else if (ch >= 32 && ch < 256 && ch != 127 && len + 1 < FILTER_MAX) {
		o->filter[len] = (char)ch;
		o->filter[len + 1] = '\0';
	} else {
		return VIEW_HANDLED;
	}
	overview_refilter(v);
	o->top = 0;
	return VIEW_HANDLED | VIEW_REDRAW;
}

/* F: the quarter to freeze, asked with the last whole quarter before the
 * month judged (or the one that month ends) filled in. */
static void ask_freeze(struct view *v)
{
	struct app *a = v->app;
	char quarter[16];
	int y, m;

	if (a->dash.as_of[0] == '\0' || sscanf(a->dash.as_of, "%4d-%2d", &y, &m) != 2) {
		app_message(a, "no figures to freeze");
		return;
	}
	if (m % 3 != 0) {	/* not a quarter's last month: the quarter before */
		m -= m % 3;
		if (m == 0) {
			m = 12;
			y--;
		}
	}
	snprintf(quarter, sizeof(quarter), "%dQ%d", y, (m - 1) / 3 + 1);
	app_prompt(a, 0, "Freeze the QBR pack of quarter: ", quarter, 12, false);
}

/* The answer: freeze that quarter as of today. */
static int overview_prompt(struct view *v, int tag, const char *text,
			   enum prompt_event ev)
{
	struct app *a = v->app;
	struct snapshot_info info;
	struct bpw_error err;

	(void)tag;
	if (ev == PROMPT_CANCEL) {
		app_message(a, "nothing frozen");
		return VIEW_REDRAW;
	}
	if (ev != PROMPT_ENTER)
		return 0;
	if (snapshot_freeze(a->store, a->cfg->rules, text, a->dash.today, a->cfg->critical_fail_cap,
			    &info, &err) != 0)
		app_message(a, "%.250s", err.msg);
	else
		app_message(a, "froze %s: statuses as of %s, kept as they are now", info.quarter,
			    info.judged);
	return VIEW_REDRAW;
}

static int overview_key(struct view *v, enum action act, int ch)
{
	struct overview *o = v->data;
	size_t nc = o->list ? 1 : (size_t)grid_cols(v->app);
	size_t page = visible(v) * nc, last = o->n ? o->n - 1 : 0;

	if (o->editing)
		return filter_key(v, ch);
	switch (act) {
	case ACT_DOWN:
		return select_index(v, o->sel + nc <= last ? o->sel + nc : o->sel);
	case ACT_UP:
		return select_index(v, o->sel >= nc ? o->sel - nc : o->sel);
	case ACT_RIGHT: case ACT_LEFT:
		return select_index(v, listnav_step(o->sel, o->n, act == ACT_RIGHT ? 1 : -1,
						    false));
	case ACT_PAGE_DOWN: case ACT_PAGE_UP:
		return select_index(v, listnav_step(o->sel, o->n, act == ACT_PAGE_DOWN ?
						    (long)page : -(long)page, false));
	case ACT_HOME: case ACT_END:
		return select_index(v, listnav_step(o->sel, o->n, act == ACT_END ? 1 : -1,
						    true));
	case ACT_OPEN:
		if (o->n)
			app_push(v->app, view_partner_new(v->app, o->sel_id));
		return VIEW_HANDLED | VIEW_REDRAW;
	case ACT_AUDITS:
		if (o->n)
			app_push(v->app, view_reviews_new(v->app, o->sel_id));
		return VIEW_HANDLED | VIEW_REDRAW;
	case ACT_EXPLAIN:
		if (o->n)
			app_push(v->app, view_explain_new(v->app, o->sel_id, -1, -1));
		return VIEW_HANDLED | VIEW_REDRAW;
	case ACT_MEETING:
		if (o->n)
			app_push(v->app, view_meeting_new(v->app, o->sel_id));
		return VIEW_HANDLED | VIEW_REDRAW;
	case ACT_FREEZE:
		ask_freeze(v);
		return VIEW_HANDLED | VIEW_REDRAW;
	case ACT_LOG_EVENT:
		if (o->n)
			upkeep_log_event(v->app, o->sel_id);
		return VIEW_HANDLED | VIEW_REDRAW;
	case ACT_EDIT:
		if (o->n)
			upkeep_edit_partner(v->app, o->sel_id);
		return VIEW_HANDLED | VIEW_REDRAW;
	case ACT_NEW_PARTNER:
		upkeep_edit_partner(v->app, 0);
		return VIEW_HANDLED | VIEW_REDRAW;
	case ACT_ARCHIVE:
		upkeep_archive(v->app, o->n ? o->sel_id : 0);
		return VIEW_HANDLED | VIEW_REDRAW;
	case ACT_TARGET:
		if (o->n)
			upkeep_target(v->app, o->sel_id);
		return VIEW_HANDLED | VIEW_REDRAW;
	case ACT_FILTER:
		o->editing = true;
		return VIEW_HANDLED | VIEW_REDRAW;
	case ACT_SORT:
		o->sort = (enum dash_sort)((o->sort + 1) % DASH_SORT_COUNT);
		overview_refilter(v);
		app_message(v->app, "sorted by %s%s", dashboard_sort_name(o->sort),
			    o->sort == DASH_SORT_HEALTH ? " (worst first)" :
			    o->sort == DASH_SORT_CSAT_CHANGE ? " (largest drop first)" :
			    o->sort == DASH_SORT_ATTRITION ? " (highest first)" : "");
		return VIEW_HANDLED | VIEW_REDRAW;
	case ACT_LAYOUT:
		o->list = !o->list;
		o->top = 0;
		return VIEW_HANDLED | VIEW_REDRAW;
	case ACT_BACK:
		if (o->filter[0]) {	/* Esc first clears the filter */
			o->filter[0] = '\0';
			overview_refilter(v);
			return VIEW_HANDLED | VIEW_REDRAW;
		}
		return VIEW_IGNORED;
	default:
		return VIEW_IGNORED;
	}
}

static int overview_reload(struct view *v)
{
	overview_refilter(v);
	return 0;
}

static const char *overview_hints(struct view *v)
{
	struct overview *o = v->data;
	char h[5][40];

	snprintf(o->hints, sizeof(o->hints), "%s %s %s %s %s",
		 keymap_hint(ACT_OPEN, "open", h[0], sizeof(h[0])),
		 keymap_hint(ACT_FILTER, "filter", h[1], sizeof(h[1])),
		 keymap_hint(ACT_SORT, "sort", h[2], sizeof(h[2])),
		 keymap_hint(ACT_LAYOUT, o->list ? "panes" : "list", h[3], sizeof(h[3])),
		 keymap_hint(ACT_HELP, "help", h[4], sizeof(h[4])));
	return o->hints;
}

static void overview_destroy(struct view *v)
{
	struct overview *o = v->data;

	free(o->order);
	free(o);
	free(v);
}

static const struct view_ops overview_ops = {
	.name = "overview",
	.keys = KC_DASH,
	.draw = overview_draw,
	.key = overview_key,
	.reload = overview_reload,
	.hints = overview_hints,
	.destroy = overview_destroy,
	.prompt = overview_prompt,
};

struct view *view_overview_new(struct app *app)
{
	struct view *v = xcalloc(1, sizeof(*v));

	v->ops = &overview_ops;
	v->app = app;
	v->data = xcalloc(1, sizeof(struct overview));
	overview_refilter(v);
	return v;
}
