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
#include "badge.h"
#include "color.h"
#include "draw.h"
#include "listnav.h"
#include "snapshot.h"
#include "text.h"
#include "term.h"
#include "text.h"
#include "upkeep.h"
#include "view.h"
#include "xalloc.h"

#define PANE_H 7		/* the smallest pane: six lines of figures */
#define PANE_MAX_H 15		/* and with a line for each of eight indicators */
#define PANE_MIN_W 38
#define PANE_FULL_W 56		/* a full name, site and owner */
#define PANE_WIDE_W 52		/* most names and owners in full */
#define FILTER_MAX 64
#define BADGE_SHOWN 16		/* a pane shows at most this many badges */

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
	int64_t chosen_id;	/* the partner last moved to or acted on: the
				 * selection again when a filter lets it show */
	char hints[160];
};

/* ---- the model as this screen sees it (core/dashboard.h) ---- */

/* A pane's judgement, whole: only the panes drawn read their reasons. */
static const struct partner_result *result_of(const struct app *a, size_t row)
{
	return dashboard_result_whole(&a->dash, row);
}

/* Rebuilds order from the model. The selection is the partner chosen last
 * when it is shown (a filter typed, changed or cleared does not move it),
 * else the first one shown, without forgetting the one chosen. */
static void overview_refilter(struct view *v)
{
	struct overview *o = v->data;
	struct app *a = v->app;
	size_t i;
	bool found = false;

	free(o->order);
	o->order = xcalloc(a->dash.pf.count + 1, sizeof(size_t));
	o->n = dashboard_order(&a->dash, o->filter, o->sort, o->order);
	o->sel = 0;
	for (i = 0; i < o->n; i++)
		if (a->dash.pf.rows[o->order[i]].partner.id == o->chosen_id) {
			o->sel = i;
			found = true;
		}
	if (o->n)
		o->sel_id = a->dash.pf.rows[o->order[o->sel]].partner.id;
	if (!found && o->filter[0] == '\0')	/* gone (archived): its successor */
		o->chosen_id = o->sel_id;
}

/* ---- geometry ---- */

/* The grid: columns of panes, pane rows on the screen, a pane's height.
 * As many columns of at least PANE_MIN_W as fit (of PANE_WIDE_W where two
 * of those fit), then fewer and wider ones
 * while panes are too narrow for full names and owners and the partners
 * still fit the height, or while they would all fit it at their tallest;
 * panes grow taller (a line per indicator) into the height the rows of
 * partners leave. */
struct grid {
	int cols, rows, h;
};

static struct grid grid_of(const struct view *v)
{
	const struct overview *o = v->data;
	const struct app *a = v->app;
	int avail = a->rows - 2, need;
	struct grid g;

	/* Two or more panes of PANE_WIDE_W across: no narrower ones, so a
	 * portfolio that pages anyway still shows its names in full. */
	g.cols = a->cols / PANE_WIDE_W >= 2 ? a->cols / PANE_WIDE_W : a->cols / PANE_MIN_W;
	if (g.cols < 1)
		g.cols = 1;
	while (g.cols > 1) {
		int fewer = g.cols - 1;
		int rows = (int)((o->n + (size_t)fewer - 1) / (size_t)fewer);

		if (rows * (a->cols / g.cols < PANE_FULL_W ? PANE_H : PANE_MAX_H) > avail)
			break;
		g.cols = fewer;
	}
	g.rows = avail >= PANE_H ? avail / PANE_H : 1;
	need = (int)((o->n + (size_t)g.cols - 1) / (size_t)g.cols);
	if (need >= 1 && g.rows > need)
		g.rows = need;
	g.h = avail / g.rows;
	g.h = g.h < PANE_H ? PANE_H : g.h > PANE_MAX_H ? PANE_MAX_H : g.h;
	return g;
}

static int grid_cols(const struct view *v)
{
	return grid_of(v).cols;
}

/* Visible grid rows of panes, or list lines. */
static size_t visible(const struct view *v)
{
	const struct overview *o = v->data;
	int rows = v->app->rows - 2;

	if (o->list)
		return rows > 1 ? (size_t)(rows - 1) : 1;
	return (size_t)grid_of(v).rows;
}

/* The partners shown: the first (an index into order) and how many. */
static void shown_range(const struct view *v, size_t *first, size_t *count)
{
	const struct overview *o = v->data;
	size_t per = o->list ? 1 : (size_t)grid_cols(v);

	*first = o->top * per;
	*count = visible(v) * per;
}

/* The line (list) or pane row (grid) of order index i. */
static size_t line_of(const struct view *v, size_t i)
{
	const struct overview *o = v->data;

	return o->list ? i : i / (size_t)grid_cols(v);
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
		draw_spark_on(y, x + 5, s->v, (size_t)a->dash.pf.months, sw, s->lo,
			      s->hi, ROLE_SPARK);
	draw_field(y, x + w - bw, buf, bw, ROLE_TEXT);
}

static void draw_qa_line(const struct app *a, int y, int x, int w,
			 const struct portfolio_row *r)
{
	char buf[128];
	bool overdue = r->qa_due[0] && strcmp(r->qa_due, a->dash.today) < 0;

	if (!r->has_qa) {
		draw_field(y, x, "QA no final audit yet", w, ROLE_WATCH);
		return;
	}
	qa_audit_line(r->qa_score, r->qa_date, r->qa_critical_fails, r->qa_due,
		      a->dash.today, w, buf, sizeof(buf));
	draw_field(y, x, buf, w, r->qa_critical_fails ? ROLE_ALERT :
		   overdue ? ROLE_WATCH : ROLE_TEXT);
}

static void draw_badges(const struct app *a, int y, int x, int w,
			const struct partner_result *pr)
{
	struct badge codes[BADGE_SHOWN];
	size_t k, nc = badge_codes(a->cfg->rules, codes, BADGE_SHOWN);
	int used = 0;

	for (k = 0; pr && k < pr->ninds && used + 3 <= w; k++) {
		char b[8];

		snprintf(b, sizeof(b), "%s%c", k < nc ? codes[k].code
			 : "??", status_mark(pr->inds[k].status));
		draw_text(y, x + used, b, 3, draw_status_role(pr->inds[k].status));
		used += 4;
	}
}

/* The indicators worst first, one a line with its reason, on the lines a
 * taller pane has below its figures. */
static void draw_reasons(int y, int x, int w, int lines,
			 const struct partner_result *pr)
{
	int st, row = 0, tw = w >= 50 ? 22 : 14;
	size_t k;

	for (st = STATUS_COUNT - 1; pr && st >= 0 && row < lines; st--)
		for (k = 0; k < pr->ninds && row < lines; k++) {
			const struct indicator_result *ir = &pr->inds[k];
			char m[2] = { status_mark(ir->status), '\0' };

			if ((int)ir->status != st)
				continue;
			draw_text(y + row, x, m, 1, draw_status_role(ir->status));
			draw_field(y + row, x + 2, ir->ind->title, tw, ROLE_TEXT);
			draw_field(y + row, x + 3 + tw, ir->reason ? ir->reason : "",
				   w - 3 - tw, ROLE_DIM);
			row++;
		}
}

static void draw_pane(struct view *v, size_t i, int y, int x, int w, bool sel)
{
	struct overview *o = v->data;
	struct app *a = v->app;
	const struct portfolio_row *r = &a->dash.pf.rows[o->order[i]];
	const struct partner_result *pr = result_of(a, o->order[i]);
	enum status st = pr ? pr->status : STATUS_NODATA;
	char title[200], label[24], where[200];
	int ph = grid_of(v).h;

	snprintf(title, sizeof(title), "%s%s %s ", sel ? ">" : " ",
		 r->partner.code, r->partner.name);
	snprintf(label, sizeof(label), "%c %s", status_mark(st), status_label(st));
	draw_box(y, x, ph, w, ROLE_FRAME, title,
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
	draw_reasons(y + 6, x + 2, w - 4, ph - PANE_H, pr);
}

/* Position of order index i in the grid; false when not visible. */
static bool pane_at(struct view *v, size_t i, int *y, int *x, int *w)
{
	struct overview *o = v->data;
	struct grid g = grid_of(v);
	int nc = g.cols;
	size_t row = i / (size_t)nc, col = i % (size_t)nc;

	if (row < o->top || row >= o->top + (size_t)g.rows)
		return false;
	*w = v->app->cols / nc;
	*x = (int)col * *w;
	if ((int)col == nc - 1)
		*w = v->app->cols - *x;
	*y = 1 + (int)(row - o->top) * g.h;
	return true;
}

/* The list's columns after the name, in the order they are given room as
 * the terminal widens (the name keeps at least NAME_MIN columns). */
enum list_col { LC_CSAT, LC_BADGES, LC_HEALTH, LC_ATTR, LC_TREND, LC_QA,
		LC_SITE, LC_OWNER, LC_COUNT };
#define NAME_MIN 14
#define NAME_MAX 36
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
	[LC_OWNER] = { 18, " Owner" },
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
	LC_BADGES, LC_HEALTH, LC_TREND, LC_CSAT, LC_ATTR, LC_QA, LC_SITE, LC_OWNER,
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
		if (c == LC_BADGES) {	/* one letter each, told apart */
			struct badge codes[8];
			size_t nc = badge_codes(a->cfg->rules, codes, 8);

			for (i = 0; i < nc; i++)
				ini[i] = codes[i].letter;
		}
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
			draw_spark_on(y, x + 1, sd->v, (size_t)a->dash.pf.months, w - 1,
				      sd->lo, sd->hi, ROLE_SPARK);
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
		case LC_SITE: case LC_OWNER:
			snprintf(buf, sizeof(buf), " %s", c == LC_SITE ? r->partner.site :
				 r->partner.owner);
			draw_field(y, x, buf, w, ROLE_DIM);
			break;
		default:
			break;
		}
		x += w;
	}
}

/* The legend of the badges (panes) or the list's letters, on the rows
 * from y to the one above the filter line when they are free: whole items
 * over as many lines as that takes, else one line with shortened titles. */
static void draw_legend(struct view *v, int y)
{
	struct overview *o = v->data;
	struct app *a = v->app;
	const struct ruleset *rs = a->cfg->rules;
	struct badge codes[BADGE_SHOWN];
	int last = a->rows - 3, w = a->cols - 2, lines = 1, used, row;
	const char *lead = "Indicators: ";
	char item[160], line[1024];
	size_t i, nc;

	if (rs == NULL || rs->count == 0 || y > last || w < 20)
		return;
	nc = badge_codes(rs, codes, BADGE_SHOWN);
	used = (int)strlen(lead);
	for (i = 0; i < nc; i++) {	/* lines the whole items take */
		int iw;

		badge_legend_item(rs, codes, i, o->list, item, sizeof(item));
		iw = text_width(item);
		if (used + 2 + iw > w) {
			lines++;
			used = iw;
		} else {
			used += 2 + iw;
		}
	}
	if (lines > last - y + 1) {
		snprintf(line, sizeof(line), "%s", lead);
		badge_legend(rs, o->list, w - (int)strlen(lead), line + strlen(lead),
			     sizeof(line) - strlen(lead));
		draw_field(y, 1, line, w, ROLE_DIM);
		return;
	}
	snprintf(line, sizeof(line), "%s", lead);
	for (i = 0, row = y; i < nc; i++) {
		badge_legend_item(rs, codes, i, o->list, item, sizeof(item));
		if (text_width(line) + 2 + text_width(item) > w) {
			draw_field(row++, 1, line, w, ROLE_DIM);
			snprintf(line, sizeof(line), "%*s", (int)strlen(lead), "");
		} else if (i) {
			snprintf(line + strlen(line), sizeof(line) - strlen(line), "  ");
		}
		snprintf(line + strlen(line), sizeof(line) - strlen(line), "%s", item);
	}
	draw_field(row, 1, line, w, ROLE_DIM);
}

static void overview_draw(struct view *v)
{
	struct overview *o = v->data;
	struct app *a = v->app;
	char where[240], range[40], marks[64];
	size_t i, vis, first, count, above, below;
	/* The title's room beside "as of 2026-10" (and " ([ ] months)"). */
	int terse, room = a->cols - 4 - 13 -
		(strcmp(a->dash.as_of, a->dash.judged) != 0 ? 12 : 0);

	overview_scroll(v);
	shown_range(v, &first, &count);
	listnav_hidden(first, count, o->n, &above, &below);
	listnav_range(first, count, o->n, !term_utf8(), range, sizeof(range));
	if (above + below == 0)
		snprintf(range, sizeof(range), "%zu", o->n);
	/* "8 partners" when all show, else which: "1-6 of 8 partners v 2 more",
	 * "v 2" when the sort would not fit beside "v 2 more". */
	for (terse = 0; terse < 2; terse++) {
		listnav_marks(above, below, !term_utf8(), terse, marks, sizeof(marks));
		snprintf(where, sizeof(where), "bpowatch > Portfolio  %s partner%s%s%s  "
			 "sort: %s%s%s", range, o->n == 1 ? "" : "s", marks[0] ? " " : "",
			 marks, dashboard_sort_name(o->sort),
			 o->filter[0] && !o->editing ? "  filter: " : "",
			 o->editing ? "" : o->filter);
		if (text_width(where) <= room)
			break;
	}
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
		draw_legend(v, 2 + (int)(i - o->top) + 1);
	} else {
		int bottom = 1;

		for (i = 0; i < o->n; i++) {
			int y, x, w;

			if (pane_at(v, i, &y, &x, &w)) {
				draw_pane(v, i, y, x, w, i == o->sel);
				bottom = y + grid_of(v).h;
			}
		}
		draw_legend(v, bottom + 1);
	}
	if (o->editing) {
		char line[FILTER_MAX + 80];

		snprintf(line, sizeof(line), "filter: %s_   (Enter keeps, Esc clears, !alert: by status)",
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
	o->chosen_id = o->sel_id;
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
	size_t nc = o->list ? 1 : (size_t)grid_cols(v);
	size_t page = visible(v) * nc, last = o->n ? o->n - 1 : 0;

	if (o->editing)
		return filter_key(v, ch);
	if (o->n && (act == ACT_OPEN || act == ACT_AUDITS || act == ACT_EXPLAIN ||
		     act == ACT_LOG_EVENT || act == ACT_EDIT || act == ACT_ARCHIVE ||
		     act == ACT_TARGET || act == ACT_MEETING))
		o->chosen_id = o->sel_id;	/* acted on: the one chosen now */
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
			o->top = 0;
			return VIEW_HANDLED | VIEW_REDRAW;
		}
		if (ch == 27) {		/* Esc is "back": at the top it does not quit */
			char h[40];

			if (keymap_action(KC_DASH, 'q') == ACT_BACK)
				app_message(v->app, "nothing to go back to: q quits");
			else
				app_message(v->app, "nothing to go back to: %s",
					    keymap_hint(ACT_QUIT, "quit", h, sizeof(h)));
			return VIEW_HANDLED;
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
	((struct overview *)v->data)->chosen_id = ((struct overview *)v->data)->sel_id;
	return v;
}
