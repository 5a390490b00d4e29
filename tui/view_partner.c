/* view_partner.c: one partner: its eight indicators with status and
 * reason, and the rules of the selected indicator in full. Enter drills
 * down into an indicator (or the selected rule). */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "app.h"
#include "draw.h"
#include "listnav.h"
#include "target_book.h"
#include "term.h"
#include "upkeep.h"
#include "view.h"
#include "xalloc.h"

enum panel { PANEL_INDICATORS, PANEL_RULES, PANEL_COUNT };

struct partner_view {
	int64_t id;
	char code[64];
	size_t ind;		/* selected indicator */
	size_t rule;		/* selected rule of it: the one Enter opens */
	size_t first;		/* first indicator shown (short terminals) */
	size_t rule_first;	/* first rule shown */
	enum panel focus;
	char hints[160];
	struct target_book targets;	/* this quarter up to the judged month */
};

static const struct partner_result *pv_result(struct view *v)
{
	struct partner_view *p = v->data;

	return app_result(v->app, p->id);
}

/* Rows the indicator list starts at, and the rules panel. */
#define IND_TOP 4

/* Lines an indicator takes: two (its reason wrapped) when all of them fit
 * so and leave the rules panel RULES_ROOM lines, else one. */
#define RULES_ROOM 12
static int ind_height(const struct app *a, const struct partner_result *pr)
{
	return a->rows - 1 - IND_TOP >= (int)pr->ninds * 2 + RULES_ROOM ? 2 : 1;
}

/* Indicators shown at once: all of them when the rules panel keeps its
 * heading and two lines below, else what leaves it those. */
static size_t ind_rows(const struct app *a, const struct partner_result *pr)
{
	int room = a->rows - 1 - IND_TOP;

	if ((int)pr->ninds + 3 <= room)
		return pr->ninds;
	return room > 3 ? (size_t)(room - 3) : 1;
}

static int rules_top(const struct app *a, const struct partner_result *pr)
{
	return IND_TOP + (int)ind_rows(a, pr) * ind_height(a, pr) + 1;
}

/* Scrolls the indicator list to the selection; true when it moved. */
static bool ind_scroll(struct view *v, const struct partner_result *pr)
{
	struct partner_view *p = v->data;
	size_t old = p->first;

	p->first = listnav_top(p->first, p->ind, ind_rows(v->app, pr), pr->ninds);
	return p->first != old;
}

static void draw_header(struct view *v, const struct partner_result *pr,
			const struct portfolio_row *row)
{
	struct app *a = v->app;
	char buf[512], val[24], chg[24];
	int x = 1, sw;

	snprintf(buf, sizeof(buf), " (%s)", pr->code);
	draw_title_named(a, "bpowatch > Portfolio > ", row ? row->partner.name : pr->name,
			 buf);
	if (row) {
		snprintf(buf, sizeof(buf), "%s%s%s%s%s%s%s", row->partner.site,
			 row->partner.country[0] ? ", " : "", row->partner.country,
			 row->partner.owner[0] ? "   owner " : "", row->partner.owner,
			 row->partner.services[0] ? "   services " : "",
			 row->partner.services);
		draw_field(1, 1, buf, a->cols - 2, ROLE_DIM);
	}
	draw_status(2, x, pr->status, 10);
	x += 11;
	snprintf(buf, sizeof(buf), "health %3.0f/100", pr->health);
	x += draw_text(2, x, buf, 16, ROLE_TEXT) + 3;
	if (row == NULL)
		return;
	/* The two pane series, as far as the width allows. */
	sw = (a->cols - x - 2) / 2 - 18;
	if (sw > 12)
		sw = 12;
	if (sw >= 4) {
		int s;

		for (s = 0; s < PF_NSERIES; s++) {
			const struct pf_series_data *d = &row->series[s];

			x += draw_text(2, x, s == PF_CSAT ? "CSAT " : "Attr ", 5, ROLE_DIM);
			x += draw_spark_on(2, x, d->v, (size_t)a->dash.pf.months, sw, d->lo,
					   d->hi, ROLE_SPARK) + 1;
			draw_fmt_latest(d, a->dash.as_of, val, sizeof(val), chg, sizeof(chg));
			snprintf(buf, sizeof(buf), "%s %s", val, chg);
			x += draw_text(2, x, buf, 12, ROLE_TEXT) + 2;
		}
	}
}

static void draw_indicator(struct view *v, const struct partner_result *pr,
			   size_t k)
{
	struct partner_view *p = v->data;
	struct app *a = v->app;
	const struct indicator_result *ir = &pr->inds[k];
	bool sel = k == p->ind;
	enum theme_role base = sel ? (p->focus == PANEL_INDICATORS ? ROLE_SELECTED
				      : ROLE_PANE_TITLE) : ROLE_TEXT;
	int h = ind_height(a, pr), y = IND_TOP + (int)(k - p->first) * h;
	int tw = a->cols >= 100 ? 26 : 22;

	if (k < p->first || k >= p->first + ind_rows(a, pr))
		return;

	if (h > 1)
		draw_field(y + 1, 0, "", a->cols, ROLE_TEXT);
	draw_field(y, 0, sel ? ">" : " ", 1, base);
	draw_status(y, 1, ir->status, 10);
	draw_field(y, 11, ir->ind->title, tw, base);
	draw_field(y, 11 + tw, "", a->cols - 12 - tw, base);
	draw_wrap(y, 11 + tw, a->cols - 12 - tw, h, ir->reason ? ir->reason : "", base);
}

/* Lines the contract targets take at the bottom (heading included): those
 * valid this quarter, as many as leave the rules panel three lines. */
static int target_lines(struct view *v, const struct partner_result *pr)
{
	struct partner_view *p = v->data;
	const struct target_row *tr;
	size_t n, i;
	int k = 0, room = v->app->rows - 2 - rules_top(v->app, pr) - 3;

	tr = target_book_partner(&p->targets, p->id, &n);
	for (i = 0; i < n; i++)
		k += tr[i].in_span;
	return k == 0 || room < 2 ? 0 : k + 1 > room ? room : k + 1;
}

/* The partner's contract targets with this quarter's attainment ("SLA ≥
 * 90 %: met 2 of 3 months") on the lines from y. */
static void draw_targets(struct view *v, int y, int lines)
{
	struct partner_view *p = v->data;
	struct app *a = v->app;
	const struct target_row *tr;
	char buf[200];
	size_t n, i;

	if (lines == 0)
		return;
	draw_field(y++, 1, "Contract targets this quarter", a->cols - 2,
		   ROLE_PANE_TITLE);
	tr = target_book_partner(&p->targets, p->id, &n);
	for (i = 0; i < n && lines > 1; i++) {
		if (!tr[i].in_span)
			continue;
		target_row_summary(&tr[i], !term_utf8(), buf, sizeof(buf));
		draw_field(y++, 3, buf, a->cols - 4, tr[i].a.missed ? ROLE_WATCH : ROLE_TEXT);
		lines--;
	}
}

/* The first rule to show so that the selected one shows whole (as far as
 * room allows) and the end of the list leaves no lines empty that earlier
 * rules could fill; heights are the lines each rule takes. */
static size_t rules_first(size_t first, size_t sel, const int *heights, size_t n,
			  int room)
{
	int used;
	size_t k;

	if (first > sel)
		first = sel;
	for (;;) {	/* down until first..sel fits */
		for (used = 0, k = first; k <= sel; k++)
			used += heights[k];
		if (used <= room || first == sel)
			break;
		first++;
	}
	while (first > 0) {	/* up while first-1..n-1 fits */
		for (used = 0, k = first - 1; k < n; k++)
			used += heights[k];
		if (used > room)
			break;
		first--;
	}
	return first;
}

static void draw_rules(struct view *v, const struct partner_result *pr)
{
	struct partner_view *p = v->data;
	struct app *a = v->app;
	const struct indicator_result *ir = &pr->inds[p->ind];
	int tl = target_lines(v, pr);
	int y = rules_top(a, pr), bottom = a->rows - 2 - tl, kw = 18;
	int rw = a->cols - 12 - kw, room = bottom - y + 1, used = 0, mw;
	int *heights = xcalloc(ir->nrules + 1, sizeof(int));
	char buf[200];
	size_t k, shown = 0;

	for (k = (size_t)y; k < (size_t)bottom + 1; k++)
		draw_field((int)k, 0, "", a->cols, ROLE_TEXT);
	for (k = 0; k < ir->nrules; k++) {
		const char *reason = ir->rules[k].reason ? ir->rules[k].reason : "";
		int h = room > 0 ? draw_wrap_count(rw, room, reason) : 1;

		heights[k] = h > 0 ? h : 1;
		used += heights[k];
	}
	p->rule_first = ir->nrules == 0 || used <= room ? 0 :
		rules_first(p->rule_first, p->rule < ir->nrules ? p->rule : 0, heights,
			    ir->nrules, room);
	for (k = p->rule_first; k < ir->nrules && y <= bottom; k++) {
		const struct rule_result *rr = &ir->rules[k];
		bool sel = k == p->rule;
		enum theme_role base = !sel ? ROLE_TEXT : p->focus == PANEL_RULES ?
			ROLE_SELECTED : ROLE_PANE_TITLE;
		int lines;

		draw_field(y, 0, sel ? ">" : " ", 1, base);
		draw_status(y, 1, rr->status, 10);
		draw_field(y, 11, rr->rule->key, kw, base);
		lines = draw_wrap(y, 11 + kw, rw, bottom - y + 1,
				  rr->reason ? rr->reason : "", base);
		y += lines > 0 ? lines : 1;
		shown++;
	}
	free(heights);
	snprintf(buf, sizeof(buf), "%s: %zu rule%s (Tab to choose one, Enter "
		 "for the figures)", ir->ind->title, ir->nrules,
		 ir->nrules == 1 ? "" : "s");
	mw = draw_more(-1, 1, a->cols - 2, p->rule_first,
		       ir->nrules - p->rule_first - shown);
	draw_field(rules_top(a, pr) - 1, 1, buf, a->cols - 2 - mw, ROLE_PANE_TITLE);
	draw_more(rules_top(a, pr) - 1, 1, a->cols - 2, p->rule_first,
		  ir->nrules - p->rule_first - shown);
	draw_targets(v, bottom + 1, tl);
}

static void partner_draw(struct view *v)
{
	struct partner_view *p = v->data;
	const struct partner_result *pr = pv_result(v);
	size_t k;

	if (pr == NULL)
		return;
	ind_scroll(v, pr);
	draw_header(v, pr, app_row(v->app, p->id));
	draw_text(IND_TOP - 1, 1, "Status     Indicator", 30, ROLE_DIM);
	draw_text(IND_TOP - 1, 11 + (v->app->cols >= 100 ? 26 : 22), "Reason", 10,
		  ROLE_DIM);
	for (k = 0; k < pr->ninds; k++)
		draw_indicator(v, pr, k);
	draw_list_marks(IND_TOP - 1, 0, v->app->cols - 1, p->first, ind_rows(v->app, pr),
			pr->ninds);
	draw_rules(v, pr);
}

/* The rule to drill into from an indicator: the worst one that reads a
 * metric, else the first. */
static size_t drill_rule(const struct indicator_result *ir)
{
	size_t k, best = 0;
	int worst = -1;

	for (k = 0; k < ir->nrules; k++)
		if (ir->rules[k].rule->metric >= 0 && (int)ir->rules[k].status > worst) {
			worst = (int)ir->rules[k].status;
			best = k;
		}
	return best;
}

static int move_sel(struct view *v, int delta, bool to_end)
{
	struct partner_view *p = v->data;
	const struct partner_result *pr = pv_result(v);
	size_t n, *cur, old, next;

	if (pr == NULL || pr->ninds == 0)
		return VIEW_HANDLED;
	cur = p->focus == PANEL_INDICATORS ? &p->ind : &p->rule;
	n = p->focus == PANEL_INDICATORS ? pr->ninds : pr->inds[p->ind].nrules;
	if (n == 0)
		return VIEW_HANDLED;
	old = *cur;
	next = listnav_step(old, n, delta, to_end);
	if (next == old)
		return VIEW_HANDLED;
	*cur = next;
	if (p->focus == PANEL_INDICATORS) {
		p->rule = drill_rule(&pr->inds[next]);
		p->rule_first = 0;
		if (ind_scroll(v, pr))
			return VIEW_HANDLED | VIEW_REDRAW;
		draw_indicator(v, pr, old);
		draw_indicator(v, pr, next);
	}
	draw_rules(v, pr);
	return VIEW_HANDLED;
}

static int partner_key(struct view *v, enum action act, int ch)
{
	struct partner_view *p = v->data;
	const struct partner_result *pr = pv_result(v);

	(void)ch;
	if (pr == NULL)
		return VIEW_IGNORED;
	switch (act) {
	case ACT_DOWN: case ACT_RIGHT:
		return move_sel(v, 1, false);
	case ACT_UP: case ACT_LEFT:
		return move_sel(v, -1, false);
	case ACT_PAGE_DOWN:
		return move_sel(v, 8, false);
	case ACT_PAGE_UP:
		return move_sel(v, -8, false);
	case ACT_HOME:
		return move_sel(v, -1, true);
	case ACT_END:
		return move_sel(v, 1, true);
	case ACT_NEXT_PANEL: case ACT_PREV_PANEL:
		p->focus = p->focus == PANEL_INDICATORS ? PANEL_RULES : PANEL_INDICATORS;
		draw_indicator(v, pr, p->ind);
		draw_rules(v, pr);
		return VIEW_HANDLED;
	case ACT_AUDITS:
		app_push(v->app, view_reviews_new(v->app, p->id));
		return VIEW_HANDLED | VIEW_REDRAW;
	case ACT_MEETING:
		app_push(v->app, view_meeting_new(v->app, p->id));
		return VIEW_HANDLED | VIEW_REDRAW;
	case ACT_LOG_EVENT:
		upkeep_log_event(v->app, p->id);
		return VIEW_HANDLED | VIEW_REDRAW;
	case ACT_EDIT:
		upkeep_edit_partner(v->app, p->id);
		return VIEW_HANDLED | VIEW_REDRAW;
	case ACT_ARCHIVE:
		upkeep_archive(v->app, p->id);
		return VIEW_HANDLED | VIEW_REDRAW;
	case ACT_TARGET:
		upkeep_target(v->app, p->id);
		return VIEW_HANDLED | VIEW_REDRAW;
	case ACT_EXPLAIN:
		app_push(v->app, view_explain_new(v->app, p->id, (long)p->ind,
						  p->focus == PANEL_RULES ? (long)p->rule : -1));
		return VIEW_HANDLED | VIEW_REDRAW;
	case ACT_OPEN:
		if (pr->ninds == 0)
			return VIEW_HANDLED;
		app_push(v->app, view_drill_new(v->app, p->id, p->ind, p->rule));
		return VIEW_HANDLED | VIEW_REDRAW;
	default:
		return VIEW_IGNORED;
	}
}

/* Loads the partner's targets judged over this quarter up to the month
 * shown. */
static void load_targets(struct view *v)
{
	struct partner_view *p = v->data;
	struct bpw_error err;
	char first[TARGET_MONTH_LEN];
	int n = target_quarter_start(v->app->dash.as_of, first);

	target_book_free(&p->targets);
	if (target_book_load(v->app->store, p->id, first, n, &p->targets, &err) != 0)
		app_message(v->app, "%.250s", err.msg);
}

static int partner_reload(struct view *v)
{
	struct partner_view *p = v->data;
	const struct partner_result *pr = pv_result(v);

	load_targets(v);
	if (pr == NULL) {
		app_message(v->app, "partner %s is no longer in the portfolio", p->code);
		return -1;
	}
	if (p->ind >= pr->ninds)
		p->ind = 0;
	if (pr->ninds && p->rule >= pr->inds[p->ind].nrules)
		p->rule = drill_rule(&pr->inds[p->ind]);
	return 0;
}

static const char *partner_hints(struct view *v)
{
	struct partner_view *p = v->data;
	char h[6][40];

	snprintf(p->hints, sizeof(p->hints), "%s %s %s %s %s %s",
		 keymap_hint(ACT_OPEN, "figures", h[0], sizeof(h[0])),
		 keymap_hint(ACT_NEXT_PANEL, "rules", h[1], sizeof(h[1])),
		 keymap_hint(ACT_AUDITS, "audits", h[5], sizeof(h[5])),
		 keymap_hint(ACT_PREV_MONTH, "month", h[2], sizeof(h[2])),
		 keymap_hint(ACT_BACK, "back", h[3], sizeof(h[3])),
		 keymap_hint(ACT_HELP, "help", h[4], sizeof(h[4])));
	return p->hints;
}

static void partner_destroy(struct view *v)
{
	struct partner_view *p = v->data;

	target_book_free(&p->targets);
	free(v->data);
	free(v);
}

static const struct view_ops partner_ops = {
	.name = "partner",
	.keys = KC_DASH,
	.draw = partner_draw,
	.key = partner_key,
	.reload = partner_reload,
	.hints = partner_hints,
	.destroy = partner_destroy,
};

struct view *view_partner_new(struct app *app, int64_t partner_id)
{
	const struct partner_result *pr = app_result(app, partner_id);
	struct partner_view *p;
	struct view *v;

	if (pr == NULL) {
		app_message(app, "no indicators for this partner (check the rules "
			    "with `bpowatch config check`)");
		return NULL;
	}
	v = xcalloc(1, sizeof(*v));
	p = xcalloc(1, sizeof(*p));
	p->id = partner_id;
	p->rule = pr->ninds ? drill_rule(&pr->inds[0]) : 0;
	snprintf(p->code, sizeof(p->code), "%s", pr->code);
	v->ops = &partner_ops;
	v->app = app;
	v->data = p;
	load_targets(v);
	return v;
}
