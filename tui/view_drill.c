/* view_drill.c: the drill-down of one indicator of one partner: its rules,
 * a chart of the selected rule's metric with the warn and alert lines, and
 * below it the period table (partner, client, portfolio median), the
 * breakdown by segment, or the event timeline. */
#include <ctype.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "app.h"
#include "chart.h"
#include "draw.h"
#include "drill.h"
#include "event.h"
#include "listnav.h"
#include "target_book.h"
#include "term.h"
#include "timemodel.h"
#include "upkeep.h"
#include "view.h"
#include "words.h"
#include "xalloc.h"

#define DRILL_MONTHS 60
#define MIN_RULE_LINES 3	/* the rules list: a quarter of the height, */
#define MAX_CHART_ROWS 30	/* the chart: half of what the rules leave */

enum panel { P_RULES, P_PERIODS, P_SEGMENTS, P_EVENTS, P_COUNT };

static const char *const panel_names[P_COUNT] = {
	"Rules", "Periods", "Segments", "Events",
};

struct drill_view {
	int64_t id;
	char code[64];
	size_t ind, rule;
	enum panel focus, bottom;	/* focused panel; panel shown below */
	size_t scroll[P_COUNT];
	size_t rules_top;		/* first rule shown */
	struct drill d;			/* of the selected rule's metric */
	bool has_drill;
	int metric;			/* ruleset metric of d, -1 none */
	struct event_list events;	/* the window's events, oldest first */
	/* What a confirmation (d) is about. */
	int64_t ask_event;
	char ask_period[DATE_LEN];
	char ask_segment[80];
	enum obs_source ask_source;
	char hints[200];
	/* The contract target of the metric in each month, and its verdict. */
	bool has_target;
	double target[DRILL_MONTHS];
	enum target_verdict verdict[DRILL_MONTHS];
};

enum { TAG_CLEAR_FIGURE = 1, TAG_DELETE_EVENT };

static const struct indicator_result *dv_ind(struct view *v)
{
	struct drill_view *d = v->data;
	const struct partner_result *pr = app_result(v->app, d->id);

	return pr && d->ind < pr->ninds ? &pr->inds[d->ind] : NULL;
}

static const struct rule_result *dv_rule(struct view *v)
{
	struct drill_view *d = v->data;
	const struct indicator_result *ir = dv_ind(v);

	return ir && d->rule < ir->nrules ? &ir->rules[d->rule] : NULL;
}

/* Loads the figures of the selected rule's metric and the events. */
static int drill_view_load(struct view *v)
{
	struct drill_view *d = v->data;
	struct app *a = v->app;
	const struct rule_result *rr = dv_rule(v);
	struct bpw_error err;
	char from[DATE_LEN], to[DATE_LEN];
	int m = rr ? rr->rule->metric : -1;

	bpw_error_clear(&err);
	drill_free(&d->d);
	d->has_drill = false;
	d->metric = m;
	if (m < 0 && d->bottom == P_PERIODS)
		d->bottom = P_EVENTS;	/* events and audits: the timeline */
	if (m >= 0) {
		if (drill_load(a->store, d->id, a->cfg->rules->metrics[m].key,
			       a->dash.as_of, DRILL_MONTHS, &d->d, &err) != 0) {
			app_message(a, "%.250s", err.msg);
			return -1;
		}
		d->has_drill = true;
		if (target_months_load(a->store, d->id, a->cfg->rules->metrics[m].key,
				       d->d.first, d->d.months, d->d.any, d->target,
				       d->verdict, &d->has_target, &err) != 0) {
			app_message(a, "%.250s", err.msg);
			return -1;
		}
	}
	event_list_free(&d->events);
	period_add(a->dash.as_of, -(DRILL_MONTHS - 1), from);
	/* The events the judgement counted: up to its day (today, when the
	 * judged month is shown). */
	if (a->dash.ev.until[0])
		memcpy(to, a->dash.ev.until, DATE_LEN);
	else
		period_last_day(a->dash.as_of, to);
	if (event_list(a->store, d->id, from, to, &d->events, &err) != 0) {
		app_message(a, "%.250s", err.msg);
		return -1;
	}
	return 0;
}

/* ---- layout ---- */

/* Lines of the rules list: all rules when they fit in a quarter of the
 * screen (at least MIN_RULE_LINES), else that many. */
static int rule_lines(const struct app *a, const struct indicator_result *ir)
{
	int room = (a->rows - 2) / 4;

	if (room < MIN_RULE_LINES)
		room = MIN_RULE_LINES;
	return ir->nrules < (size_t)room ? (int)ir->nrules : room;
}

/* Rows of the chart block (its caption line included): half of what the
 * rules leave, so the period table below gets the other half. */
static int chart_rows(const struct app *a, const struct indicator_result *ir)
{
	int free_rows = a->rows - 2 - rule_lines(a, ir) - 1;
	int h = free_rows / 2 + 1;

	return h < 5 ? 5 : h > MAX_CHART_ROWS ? MAX_CHART_ROWS : h;
}

/* The rules, scrolled to the selected one; the first and last lines say
 * how many are above and below when they do not all fit. */
static void draw_rules(struct view *v, const struct indicator_result *ir)
{
	struct drill_view *d = v->data;
	struct app *a = v->app;
	int n = rule_lines(a, ir), i;
	size_t above, below;

	d->rules_top = listnav_top(d->rules_top, d->rule, (size_t)n, ir->nrules);
	listnav_hidden(d->rules_top, (size_t)n, ir->nrules, &above, &below);
	for (i = 0; i < n; i++) {
		size_t k = d->rules_top + (size_t)i;
		const struct rule_result *rr = &ir->rules[k];
		bool sel = k == d->rule;
		enum theme_role base = sel ? (d->focus == P_RULES ? ROLE_SELECTED
					      : ROLE_PANE_TITLE) : ROLE_TEXT;
		size_t up = i == 0 ? above : 0, down = i == n - 1 ? below : 0;
		int mw = draw_more(-1, 29, a->cols - 30, up, down);

		draw_field(1 + i, 0, sel ? ">" : " ", 1, base);
		draw_status(1 + i, 1, rr->status, 10);
		draw_field(1 + i, 11, rr->rule->key, 18, base);
		draw_field(1 + i, 29, rr->reason ? rr->reason : "", a->cols - 30 - mw, base);
		draw_more(1 + i, 29, a->cols - 30, up, down);
	}
}

static void month_label(const char *first, int i, char out[8])
{
	char p[DATE_LEN];

	period_add(first, i, p);
	snprintf(out, 8, "%.7s", p);
}

/* Whether month i of the drill carries anything: a figure of the
 * partner, a portfolio median or a target's verdict. */
static bool month_has_data(const struct drill_view *d, int i)
{
	return !isnan(d->d.any[i]) || !isnan(d->d.client[i]) ||
		!isnan(d->d.partner[i]) || d->d.median_n[i] > 0 ||
		(d->has_target && d->verdict[i] != TARGET_NONE);
}

/* The month (index in d->d) on row `row` of the period table, newest
 * first, or -1: the months with something to show, and the month shown
 * always (the one e edits when there is nothing yet). */
static int period_month(const struct drill_view *d, size_t row)
{
	int i;

	for (i = d->d.months - 1; i >= 0; i--)
		if (i == d->d.months - 1 || month_has_data(d, i)) {
			if (row == 0)
				return i;
			row--;
		}
	return -1;
}

static size_t period_rows(const struct drill_view *d)
{
	size_t n = 0;
	int i;

	for (i = 0; i < d->d.months; i++)
		n += i == d->d.months - 1 || month_has_data(d, i);
	return n;
}

/* Whether the partner has any figure of the metric in the window. */
static bool drill_any_figure(const struct drill_view *d)
{
	int i;

	for (i = 0; i < d->d.months; i++)
		if (!isnan(d->d.any[i]))
			return true;
	return false;
}

/* The figures behind a rule without a metric chart (events, QA). */
static void draw_figures(int y, int x, int w, int h, const struct rule_result *rr)
{
	char line[160], num[32];
	size_t k;
	int row = 0;

	draw_field(y + row++, x, "Figures behind this rule:", w, ROLE_DIM);
	for (k = 0; k < rr->nfigs && row < h; k++) {
		if (indicator_figure_is_count(rr->fig_name[k]) && !isnan(rr->fig[k]))
			snprintf(num, sizeof(num), "%.0f", rr->fig[k]);
		else
			draw_fmt(rr->fig[k], num, sizeof(num));
		snprintf(line, sizeof(line), "  %-22s %s", indicator_figure_name(rr->fig_name[k]), num);
		draw_field(y + row++, x, line, w, ROLE_TEXT);
	}
	for (; row < h; row++)
		draw_field(y + row, x, "", w, ROLE_TEXT);
}

static void draw_chart_block(struct view *v, const struct indicator_result *ir)
{
	struct drill_view *d = v->data;
	struct app *a = v->app;
	const struct rule_result *rr = dv_rule(v);
	int y = 1 + rule_lines(a, ir), h = chart_rows(a, ir), i;
	char caption[600], legend[300], labels[DRILL_MONTHS][8];
	const char *lp[DRILL_MONTHS];
	double second[DRILL_MONTHS];
	int n_client = 0, n_partner = 0;
	const struct metric_info *mi;
	struct chart_spec spec;
	struct chart c;
	bool level, shift;
	double normal = NAN;

	for (i = 0; i < h; i++)
		draw_field(y + i, 0, "", a->cols, ROLE_TEXT);
	if (rr == NULL)
		return;
	if (!d->has_drill) {
		draw_figures(y, 1, a->cols - 2, h, rr);
		return;
	}
	level = rr->rule->kind == RULE_LEVEL;
	shift = rr->rule->kind == RULE_SHIFT && indicator_result_figure(rr, FIG_BASE, &normal);
	/* The partner-reported value beside a client-measured bar. */
	for (i = 0; i < d->d.months && i < DRILL_MONTHS; i++) {
		second[i] = isfinite(d->d.client[i]) ? d->d.partner[i] : NAN;
		n_client += isfinite(d->d.client[i]);
		n_partner += !isfinite(d->d.client[i]) && isfinite(d->d.partner[i]);
	}
	for (i = 0; i < DRILL_MONTHS; i++) {
		month_label(d->d.first, i, labels[i]);
		lp[i] = labels[i];
	}
	memset(&spec, 0, sizeof(spec));
	spec.v = d->d.any;
	spec.n = (size_t)d->d.months;
	spec.labels = lp;
	spec.second = second;
	spec.median = d->d.median;
	spec.name = n_client && n_partner ? "client-measured, else partner-reported" :
		    n_client ? "client-measured" : "partner-reported";
	spec.second_name = "partner-reported";
	spec.better = a->cfg->rules->metrics[d->metric].better == METRIC_LOWER ? -1 : 1;
	spec.warn = level ? rr->rule->warn : NAN;
	spec.alert = level ? rr->rule->alert : NAN;
	if (shift) {
		spec.warn = drill_shift_line(&a->cfg->rules->metrics[rr->rule->metric],
					     rr->rule, normal, rr->rule->warn);
		spec.alert = drill_shift_line(&a->cfg->rules->metrics[rr->rule->metric],
					      rr->rule, normal, rr->rule->alert);
	}
	spec.target = d->has_target ? d->target : NULL;
	spec.rows = h - 1;
	spec.cols = a->cols - 2;
	spec.ascii = !term_utf8();
	/* The caption: the metric, then what each glyph is. */
	mi = &a->cfg->rules->metrics[d->metric];
	chart_legend(&spec, legend, sizeof(legend));
	snprintf(caption, sizeof(caption), "%s (%s): %s%s",
		 mi->label && *mi->label ? mi->label : mi->name, mi->unit, legend,
		 level ? "" : shift ? "; W and A: the partner's normal moved by the "
		 "rule's smallest effects" : rr->rule->kind == RULE_TARGET ? "" :
		 "; this rule's thresholds are changes, not levels");
	caption[0] = (char)toupper((unsigned char)caption[0]);
	draw_field(y, 1, caption, a->cols - 2, ROLE_DIM);
	if (!drill_any_figure(d)) {	/* an empty chart says nothing */
		snprintf(caption, sizeof(caption), "Nothing to chart: no figures for %s "
			 "since %.7s.", d->code, d->d.first);
		draw_field(y + 2, 3, caption, a->cols - 4, ROLE_DIM);
		return;
	}
	if (chart_render(&spec, &c) == 0) {
		draw_chart(y + 1, 1, &c);
		chart_free(&c);
	}
}

/* First row and height of the bottom panel (its tab line included). */
static void bottom_area(struct view *v, const struct indicator_result *ir,
			int *y, int *h)
{
	struct app *a = v->app;

	*y = 1 + rule_lines(a, ir) + chart_rows(a, ir);
	*h = a->rows - 1 - *y;
}

static void draw_tabs(struct view *v, int y)
{
	struct drill_view *d = v->data;
	int x = 1, p;

	draw_field(y, 0, "", v->app->cols, ROLE_DIM);
	for (p = P_PERIODS; p < P_COUNT; p++) {
		char buf[32];
		bool shown = (int)d->bottom == p;

		snprintf(buf, sizeof(buf), shown ? "[%s]" : " %s ", panel_names[p]);
		x += draw_text(y, x, buf, 14, shown ? (d->focus == (enum panel)p ?
			       ROLE_SELECTED : ROLE_PANE_TITLE) : ROLE_DIM) + 1;
	}
	draw_text(y, x + 1, "(Tab switches)", 16, ROLE_DIM);
}

static void draw_periods(struct view *v, int y, int h)
{
	struct drill_view *d = v->data;
	struct app *a = v->app;
	char line[200], s[6][24], lab[8];
	int row, i;

	if (!d->has_drill) {
		draw_field(y, 1, "This rule reads no monthly metric.", a->cols - 2,
			   ROLE_DIM);
		return;
	}
	draw_field(y, 1, d->has_target ? "Month       Value   Client  Partner   "
		   "Median (n)  vs median  Target" : "Month       Value   Client  "
		   "Partner   Median (n)  vs median", a->cols - 2, ROLE_DIM);
	if (!drill_any_figure(d) && period_rows(d) == 1) {
		char msg[300];

		snprintf(msg, sizeof(msg), "No %s figures for %s since %.7s (e adds one "
			 "for %.7s).", a->cfg->rules->metrics[d->metric].name, d->code,
			 d->d.first, d->d.as_of);
		draw_field(y, 1, msg, a->cols - 2, ROLE_DIM);
		return;
	}
	/* Newest first, the months that carry something. */
	for (row = 1; row < h; row++) {
		i = period_month(d, d->scroll[P_PERIODS] + (size_t)(row - 1));
		if (i < 0) {
			draw_field(y + row, 1, "", a->cols - 2, ROLE_TEXT);
			continue;
		}
		month_label(d->d.first, i, lab);
		draw_fmt(d->d.any[i], s[0], sizeof(s[0]));
		draw_fmt(d->d.client[i], s[1], sizeof(s[1]));
		draw_fmt(d->d.partner[i], s[2], sizeof(s[2]));
		draw_fmt(d->d.median[i], s[3], sizeof(s[3]));
		draw_fmt_change(d->d.any[i] - d->d.median[i], s[4], sizeof(s[4]));
		snprintf(line, sizeof(line), "%-8s %8s %8s %8s %8s (%d)  %8s", lab,
			 s[0], s[1], s[2], s[3], d->d.median_n[i], s[4]);
		if (d->has_target && d->verdict[i] != TARGET_NONE)
			snprintf(line + strlen(line), sizeof(line) - strlen(line),
				 "  %s", d->verdict[i] == TARGET_NOFIG ? "-" :
				 target_verdict_name(d->verdict[i]));
		/* The top row is the one e edits and d clears. */
		draw_field(y + row, 0, row == 1 ? ">" : " ", 1, ROLE_PANE_TITLE);
		draw_field(y + row, 1, line, a->cols - 2, ROLE_TEXT);
	}
}

static void draw_segments(struct view *v, int y, int h)
{
	struct drill_view *d = v->data;
	struct app *a = v->app;
	int row, sw = a->cols - 2 - 24 - 16;
	char val[24], chg[24], buf[64];

	if (sw > DRILL_MONTHS)
		sw = DRILL_MONTHS;
	if (!d->has_drill || d->d.nsegs == 0) {
		draw_field(y, 1, d->has_drill ? "No breakdown by segment for this "
			   "partner and metric." : "This rule reads no monthly metric.",
			   a->cols - 2, ROLE_DIM);
		return;
	}
	for (row = 0; row < h; row++) {
		size_t k = d->scroll[P_SEGMENTS] + (size_t)row;
		const struct drill_segment *sg;
		int m, prev;

		draw_field(y + row, 1, "", a->cols - 2, ROLE_TEXT);
		if (k >= d->d.nsegs)
			continue;
		sg = &d->d.segs[k];
		draw_field(y + row, 1, sg->name, 23, ROLE_TEXT);
		if (sw > 0)
			draw_spark(y + row, 25, sg->v, (size_t)d->d.months, sw, ROLE_SPARK);
		for (m = d->d.months - 1; m >= 0 && isnan(sg->v[m]); m--)
			;
		for (prev = m - 1; prev >= 0 && isnan(sg->v[prev]); prev--)
			;
		draw_fmt(m >= 0 ? sg->v[m] : NAN, val, sizeof(val));
		if (m >= 0 && m < d->d.months - 1) {
			/* An older value says which month it is from. */
			char p[DATE_LEN], mon[16];

			period_add(d->d.first, m, p);
			timemodel_month_label(p, a->dash.as_of, mon, sizeof(mon));
			snprintf(chg, sizeof(chg), "(%s)", mon);
		} else {
			draw_fmt_change(m >= 0 && prev >= 0 ? sg->v[m] - sg->v[prev] : NAN,
					chg, sizeof(chg));
		}
		snprintf(buf, sizeof(buf), "%7s %7s", val, chg);
		draw_field(y + row, a->cols - 17, buf, 16, ROLE_TEXT);
	}
}

/* The header of the timeline: what a star means for the rule shown. */
static void events_header(struct view *v, char *buf, size_t n)
{
	const struct rule_result *rr = dv_rule(v);
	double months = NAN;
	char kinds[120] = "";

	if (rr)
		words_kinds(kinds, sizeof(kinds), rr->rule->event_kinds);
	if (rr && rr->rule->event_kinds &&
	    (indicator_result_figure(rr, FIG_WINDOW_MONTHS, &months) ||
	     indicator_result_figure(rr, FIG_RECENT_MONTHS, &months)))
		snprintf(buf, n, "* counted by %s: the %.0f months to %.7s, %s",
			 rr->rule->key, months, v->app->dash.as_of, kinds);
	else if (rr && rr->rule->event_kinds)
		snprintf(buf, n, "* none counted: %s was not judged", rr->rule->key);
	else
		snprintf(buf, n, "%s counts no events: none starred",
			 rr ? rr->rule->key : "this rule");
}

static void draw_events(struct view *v, int y, int h)
{
	struct drill_view *d = v->data;
	struct app *a = v->app;
	const struct rule_result *rr = dv_rule(v);
	char head[160];
	int row;

	if (d->events.count == 0) {
		draw_field(y, 1, "No events recorded in these months.", a->cols - 2,
			   ROLE_DIM);
		return;
	}
	events_header(v, head, sizeof(head));
	draw_field(y, 1, head, a->cols - 2, ROLE_DIM);
	for (row = 1; row < h; row++) {
		size_t k = d->scroll[P_EVENTS] + (size_t)row - 1;
		const struct event *e;
		bool counts;

		draw_field(y + row, 1, "", a->cols - 2, ROLE_TEXT);
		if (k >= d->events.count)
			continue;
		e = &d->events.items[d->events.count - 1 - k];	/* newest first */
		counts = indicator_result_counts_event(rr, a->dash.as_of, (int)e->kind,
						       e->date);
		draw_field(y + row, 0, row == 1 ? ">" : " ", 1, ROLE_PANE_TITLE);
		draw_field(y + row, 1, counts ? "*" : " ", 1, ROLE_PANE_TITLE);
		draw_field(y + row, 3, e->date, 11, ROLE_TEXT);
		draw_field(y + row, 15, event_kind_label(e->kind), 21,
			   counts ? ROLE_PANE_TITLE : ROLE_DIM);
		draw_field(y + row, 37, e->title, a->cols - 38, ROLE_TEXT);
	}
}

static size_t panel_length(struct drill_view *d, enum panel p)
{
	switch (p) {
	case P_PERIODS: return d->has_drill ? period_rows(d) : 0;
	case P_SEGMENTS: return d->d.nsegs;
	case P_EVENTS: return d->events.count;
	default: return 0;
	}
}

static void draw_bottom(struct view *v, const struct indicator_result *ir)
{
	struct drill_view *d = v->data;
	int y, h, i, rows;

	bottom_area(v, ir, &y, &h);
	if (h < 2)
		return;
	draw_tabs(v, y);
	for (i = 1; i < h; i++)
		draw_field(y + i, 0, "", v->app->cols, ROLE_TEXT);
	if (d->bottom == P_PERIODS)
		draw_periods(v, y + 1, h - 1);
	else if (d->bottom == P_SEGMENTS)
		draw_segments(v, y + 1, h - 1);
	else
		draw_events(v, y + 1, h - 1);
	/* What the panel has above and below, on its tab line. */
	rows = h - (d->bottom == P_PERIODS ? 2 : 1);
	draw_list_marks(y, 0, v->app->cols, d->scroll[d->bottom],
			rows > 0 ? (size_t)rows : 0, panel_length(d, d->bottom));
}

static void drill_draw(struct view *v)
{
	struct drill_view *d = v->data;
	const struct indicator_result *ir = dv_ind(v);
	char where[300];

	if (ir == NULL)
		return;
	snprintf(where, sizeof(where), "bpowatch > %s > %s  %c %s", d->code,
		 ir->ind->title, status_mark(ir->status), status_label(ir->status));
	draw_title(v->app, where);
	draw_rules(v, ir);
	draw_chart_block(v, ir);
	draw_bottom(v, ir);
}

/* ---- keys ---- */

static int scroll_panel(struct view *v, long delta, bool to_end)
{
	struct drill_view *d = v->data;
	const struct indicator_result *ir = dv_ind(v);
	size_t len = panel_length(d, d->focus), *s = &d->scroll[d->focus];
	int y, h;

	bottom_area(v, ir, &y, &h);
	h -= d->focus == P_PERIODS || d->focus == P_EVENTS ? 2 : 1;	/* tab line, header */
	len = len > (size_t)(h > 0 ? h : 0) ? len - (size_t)h : 0;
	*s = listnav_step(*s, len + 1, delta, to_end);	/* the first row shown */
	draw_bottom(v, ir);
	return VIEW_HANDLED;
}

static int select_rule(struct view *v, long delta, bool to_end)
{
	struct drill_view *d = v->data;
	const struct indicator_result *ir = dv_ind(v);
	size_t next;

	if (ir->nrules == 0)
		return VIEW_HANDLED;
	next = listnav_step(d->rule, ir->nrules, delta, to_end);
	if (next == d->rule)
		return VIEW_HANDLED;
	d->rule = next;
	if (ir->rules[next].rule->metric != d->metric) {
		memset(d->scroll, 0, sizeof(d->scroll));
		drill_view_load(v);
		return VIEW_HANDLED | VIEW_REDRAW;
	}
	draw_rules(v, ir);
	draw_chart_block(v, ir);
	draw_bottom(v, ir);	/* the timeline's stars are the rule's */
	return VIEW_HANDLED;
}

/* The month at the top of the period table (its index in d->d), or -1. */
static int top_month(struct drill_view *d)
{
	int i;

	if (d->bottom != P_PERIODS || !d->has_drill)
		return -1;
	i = period_month(d, d->scroll[P_PERIODS]);
	return i >= 0 ? i : -1;
}

/* The event at the top of the timeline, or NULL. */
static const struct event *top_event(struct drill_view *d)
{
	size_t k = d->scroll[P_EVENTS];

	if (d->bottom != P_EVENTS || k >= d->events.count)
		return NULL;
	return &d->events.items[d->events.count - 1 - k];
}

/* e: the figure or the event at the top of the panel below. */
/* The segment at the top of the Segments panel (-1: that panel is not
 * shown, or empty) and the month of the value it shows into p. */
static int top_segment(struct drill_view *d, char p[DATE_LEN])
{
	size_t k = d->scroll[P_SEGMENTS];
	int m;

	if (d->bottom != P_SEGMENTS || !d->has_drill || k >= d->d.nsegs)
		return -1;
	for (m = d->d.months - 1; m > 0 && isnan(d->d.segs[k].v[m]); m--)
		;
	period_add(d->d.first, m, p);
	return (int)k;
}

/* e: the figure of the month at the top of the period table (the total)
 * or of the segment at the top of the Segments panel, or the event at the
 * top of the timeline. */
static int drill_edit(struct view *v)
{
	struct drill_view *d = v->data;
	struct app *a = v->app;
	const struct event *e = top_event(d);
	const char *metric = d->metric >= 0 ? a->cfg->rules->metrics[d->metric].key : NULL;
	char p[DATE_LEN];
	int i = top_month(d), k = top_segment(d, p);

	if (metric && (i >= 0 || k >= 0)) {
		const char **names = xcalloc(d->d.nsegs + 1, sizeof(*names));
		size_t n;

		for (n = 0; n < d->d.nsegs; n++)
			names[n] = d->d.segs[n].name;
		if (i >= 0)
			period_add(d->d.first, i, p);
		upkeep_edit_figure(a, d->id, metric, p, k >= 0 ? d->d.segs[k].name : "",
				   names, d->d.nsegs);
		free(names);
	} else if (e) {
		upkeep_edit_event(a, e);
	} else {
		app_message(a, "nothing to edit here: Tab to the Periods, the Segments "
			    "or the Events");
	}
	return VIEW_HANDLED | VIEW_REDRAW;
}

/* d: asks whether to clear the figure (of the top month, or of the top
 * segment) or to delete the event at the top. */
static int drill_delete(struct view *v)
{
	struct drill_view *d = v->data;
	struct app *a = v->app;
	const struct event *e = top_event(d);
	const char *metric = d->metric >= 0 ? a->cfg->rules->metrics[d->metric].key : NULL;
	char q[400], num[32];
	int i = top_month(d), k = top_segment(d, d->ask_period);
	double val;

	if (metric && (i >= 0 || k >= 0)) {
		if (i >= 0)
			period_add(d->d.first, i, d->ask_period);
		snprintf(d->ask_segment, sizeof(d->ask_segment), "%s",
			 k >= 0 ? d->d.segs[k].name : "");
		if (!upkeep_stored_figure(a, d->id, metric, d->ask_period, d->ask_segment,
					  &d->ask_source, &val)) {
			app_message(a, "no figure to clear in that month");
			return VIEW_HANDLED;
		}
		draw_fmt(val, num, sizeof(num));
		snprintf(q, sizeof(q), "Clear %s %.7s%s%s (%s, %s)? y clears, any other "
			 "key keeps it", metric, d->ask_period, *d->ask_segment ? " " : "",
			 d->ask_segment, obs_source_name(d->ask_source), num);
		app_confirm(a, TAG_CLEAR_FIGURE, q);
	} else if (e) {
		d->ask_event = e->id;
		snprintf(q, sizeof(q), "Delete the event %s %s \"%.120s\"? y deletes, any "
			 "other key keeps it", e->date, event_kind_label(e->kind), e->title);
		app_confirm(a, TAG_DELETE_EVENT, q);
	} else {
		app_message(a, "nothing to delete here: Tab to the Periods, the Segments "
			    "or the Events");
	}
	return VIEW_HANDLED | VIEW_REDRAW;
}

static int drill_prompt(struct view *v, int tag, const char *text,
			enum prompt_event ev)
{
	struct drill_view *d = v->data;
	struct app *a = v->app;

	(void)text;
	if (ev != PROMPT_ENTER) {
		app_message(a, "nothing changed");
		return VIEW_REDRAW;
	}
	/* The view may be closed by the reload: d is not used after it. */
	if (tag == TAG_CLEAR_FIGURE)
		upkeep_clear_figure(a, d->id, a->cfg->rules->metrics[d->metric].key,
				    d->ask_period, d->ask_segment, d->ask_source);
	else if (tag == TAG_DELETE_EVENT)
		upkeep_delete_event(a, d->ask_event);
	return VIEW_REDRAW;
}

/* Enter or a on a QA rule (the audit's score, partnership fit): the audit
 * it judged, at its first failed item; a elsewhere: the partner's audits. */
static int drill_open_audit(struct view *v, enum action act)
{
	struct drill_view *d = v->data;
	const struct partner_result *pr = app_result(v->app, d->id);
	const struct rule_result *rr = dv_rule(v);

	if (rr == NULL || rr->rule->kind != RULE_QA) {
		if (act == ACT_AUDITS)
			app_push(v->app, view_reviews_new(v->app, d->id));
		return VIEW_HANDLED | (act == ACT_AUDITS ? VIEW_REDRAW : 0);
	}
	if (pr == NULL || !pr->audit.present) {
		app_message(v->app, "no final audit to open for %s", d->code);
		return VIEW_HANDLED | VIEW_REDRAW;
	}
	app_push(v->app, view_review_at_failed(v->app, pr->audit.id,
					       (const char *const *)rr->rule->sections,
					       rr->rule->n_sections));
	return VIEW_HANDLED | VIEW_REDRAW;
}

static int drill_key(struct view *v, enum action act, int ch)
{
	struct drill_view *d = v->data;
	const struct indicator_result *ir = dv_ind(v);
	bool rules = d->focus == P_RULES;
	long page;
	int y, h;

	(void)ch;
	if (ir == NULL)
		return VIEW_IGNORED;
	bottom_area(v, ir, &y, &h);
	page = h > 3 ? h - 3 : 1;
	switch (act) {
	case ACT_DOWN: case ACT_RIGHT:
		return rules ? select_rule(v, 1, false) : scroll_panel(v, 1, false);
	case ACT_UP: case ACT_LEFT:
		return rules ? select_rule(v, -1, false) : scroll_panel(v, -1, false);
	case ACT_PAGE_DOWN:
		return rules ? select_rule(v, rule_lines(v->app, ir), false) :
			scroll_panel(v, page, false);
	case ACT_PAGE_UP:
		return rules ? select_rule(v, -rule_lines(v->app, ir), false) :
			scroll_panel(v, -page, false);
	case ACT_HOME:
		return rules ? select_rule(v, -1, true) : scroll_panel(v, -1, true);
	case ACT_END:
		return rules ? select_rule(v, 1, true) : scroll_panel(v, 1, true);
	case ACT_NEXT_PANEL:
		d->focus = (enum panel)((d->focus + 1) % P_COUNT);
		if (d->focus != P_RULES)
			d->bottom = d->focus;
		draw_rules(v, ir);
		draw_bottom(v, ir);
		return VIEW_HANDLED;
	case ACT_PREV_PANEL:
		d->focus = (enum panel)((d->focus + P_COUNT - 1) % P_COUNT);
		if (d->focus != P_RULES)
			d->bottom = d->focus;
		draw_rules(v, ir);
		draw_bottom(v, ir);
		return VIEW_HANDLED;
	case ACT_OPEN: case ACT_AUDITS:
		return drill_open_audit(v, act);
	case ACT_EXPLAIN:
		app_push(v->app, view_explain_new(v->app, d->id, (long)d->ind, (long)d->rule));
		return VIEW_HANDLED | VIEW_REDRAW;
	case ACT_LOG_EVENT:
		upkeep_log_event(v->app, d->id);
		return VIEW_HANDLED | VIEW_REDRAW;
	case ACT_MEETING:
		app_push(v->app, view_meeting_new(v->app, d->id));
		return VIEW_HANDLED | VIEW_REDRAW;
	case ACT_EDIT:
		return drill_edit(v);
	case ACT_DELETE:
		return drill_delete(v);
	default:
		return VIEW_IGNORED;
	}
}

static int drill_reload(struct view *v)
{
	struct drill_view *d = v->data;

	if (dv_rule(v) == NULL) {
		app_message(v->app, "this indicator is no longer there for %s", d->code);
		return -1;
	}
	memset(d->scroll, 0, sizeof(d->scroll));
	return drill_view_load(v);
}

static const char *drill_hints(struct view *v)
{
	struct drill_view *d = v->data;
	char h[4][40];

	const struct rule_result *rr = dv_rule(v);
	char open[40];

	/* A QA rule opens its audit (Enter or a). */
	if (rr && rr->rule->kind == RULE_QA)
		keymap_hint(ACT_OPEN, "audit", open, sizeof(open));
	else
		open[0] = '\0';
	snprintf(d->hints, sizeof(d->hints), "%s%s%s %s %s %s", open, open[0] ? " " : "",
		 keymap_hint(ACT_NEXT_PANEL, "panel", h[0], sizeof(h[0])),
		 keymap_hint(ACT_PREV_MONTH, "month", h[1], sizeof(h[1])),
		 keymap_hint(ACT_BACK, "back", h[2], sizeof(h[2])),
		 keymap_hint(ACT_HELP, "help", h[3], sizeof(h[3])));
	return d->hints;
}

static void drill_destroy(struct view *v)
{
	struct drill_view *d = v->data;

	drill_free(&d->d);
	event_list_free(&d->events);
	free(d);
	free(v);
}

static const struct view_ops drill_ops = {
	.name = "drill",
	.keys = KC_DASH,
	.draw = drill_draw,
	.key = drill_key,
	.reload = drill_reload,
	.hints = drill_hints,
	.destroy = drill_destroy,
	.prompt = drill_prompt,
};

struct view *view_drill_new(struct app *app, int64_t partner_id, size_t ind,
			    size_t rule)
{
	const struct partner_result *pr = app_result(app, partner_id);
	struct drill_view *d;
	struct view *v;

	if (pr == NULL || ind >= pr->ninds || rule >= pr->inds[ind].nrules) {
		app_message(app, "this indicator has no rules to show");
		return NULL;
	}
	v = xcalloc(1, sizeof(*v));
	d = xcalloc(1, sizeof(*d));
	d->id = partner_id;
	d->ind = ind;
	d->rule = rule;
	d->bottom = P_PERIODS;
	d->metric = -1;
	snprintf(d->code, sizeof(d->code), "%s", pr->code);
	v->ops = &drill_ops;
	v->app = app;
	v->data = d;
	if (drill_view_load(v) != 0) {
		drill_destroy(v);
		return NULL;
	}
	return v;
}
