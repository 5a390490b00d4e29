/* view_reviews.c: one partner's QA audits, newest first, with template
 * version, reviewer, score and status; starts a new audit from a template
 * (asking the date and the reviewer) and deletes drafts. */
#include <math.h>
#include <pwd.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "app.h"
#include "draw.h"
#include "listnav.h"
#include "qa_review.h"
#include "qa_template.h"
#include "view.h"
#include "xalloc.h"

#define LIST_TOP 3

enum { TAG_DATE = 1, TAG_REVIEWER, TAG_DELETE };

struct reviews_view {
	int64_t partner;
	char code[64], name[160];
	struct qa_review_list list;
	size_t sel, top;
	int interval;			/* the partner's own, 0: global */

	/* Starting an audit: the template chosen and the date typed. */
	bool picking;
	struct qa_template_list tpls;	/* latest version of each name */
	size_t pick;
	int64_t tpl_id;
	char date[DATE_LEN];
	char hints[200];
};

static double cap(const struct app *a)
{
	return a->cfg->critical_fail_cap;
}

static int reviews_view_load(struct view *v)
{
	struct reviews_view *r = v->data;
	struct qa_review_list l;
	struct bpw_error err;
	int64_t keep = r->sel < r->list.count ? r->list.items[r->sel].id : 0;
	size_t i;

	bpw_error_clear(&err);
	if (qa_review_list(v->app->store, r->partner, cap(v->app), &l, &err) != 0 ||
	    qa_interval_get(v->app->store, r->partner, &r->interval, &err) != 0) {
		app_message(v->app, "%.250s", err.msg);
		return -1;
	}
	qa_review_list_free(&r->list);
	r->list = l;
	r->sel = 0;
	for (i = 0; i < l.count; i++)
		if (l.items[i].id == keep)
			r->sel = i;
	return 0;
}

static int list_rows(const struct app *a)
{
	int n = a->rows - 1 - (LIST_TOP + 1);

	return n > 1 ? n : 1;
}

static void reviews_view_scroll(struct view *v)
{
	struct reviews_view *r = v->data;
	r->top = listnav_top(r->top, r->sel, (size_t)list_rows(v->app), r->list.count);
}

/* "66.7%" with "!" after a critical fail, "-" when nothing scored. */
static void fmt_score(double s, bool failed, char *buf, size_t n)
{
	if (isnan(s))
		snprintf(buf, n, "-");
	else
		snprintf(buf, n, "%.1f%%%s", s, failed ? "!" : "");
}

/* Widths of the list's columns for the terminal's width; a column that
 * does not fit is 0 (left out), the least needed first: template,
 * reviewer, progress. */
struct cols {
	int id, date, tpl, who, score, done, status;
};

static struct cols reviews_view_cols(int width)
{
	struct cols c = { 6, 11, 0, 0, 8, 7, 12 };
	int rest;

	if (width >= 96)
		c.status = 19;	/* room for the calibration gap after it */
	rest = width - 1 - c.id - c.date - c.score - c.status;

	if (rest < c.done)
		c.done = 0;
	rest -= c.done;
	if (rest >= 8) {
		c.who = rest * 2 / 5 > 24 ? 24 : rest * 2 / 5;
		if (c.who < 8)
			c.who = 8;
		c.tpl = rest - c.who;
		if (c.tpl < 12) {
			c.who += c.tpl;
			c.tpl = 0;
		}
		if (c.who > 24)
			c.who = 24;
	}
	return c;
}

static void draw_row(struct view *v, size_t i)
{
	struct reviews_view *r = v->data;
	struct app *a = v->app;
	const struct qa_review_row *row = &r->list.items[i];
	struct cols c = reviews_view_cols(a->cols);
	enum theme_role base = i == r->sel ? ROLE_SELECTED : ROLE_TEXT;
	int y = LIST_TOP + 1 + (int)(i - r->top), x = 1, used;
	char buf[64];

	if (i < r->top || y >= a->rows - 1)
		return;
	draw_field(y, 0, i == r->sel ? ">" : " ", 1, base);
	snprintf(buf, sizeof(buf), "#%lld", (long long)row->id);
	draw_field(y, x, buf, c.id, base);
	x += c.id;
	draw_field(y, x, row->date, c.date, base);
	x += c.date;
	if (c.tpl) {
		/* The version stays whole; the name gives way. */
		snprintf(buf, sizeof(buf), " v%d", row->version);
		used = draw_text(y, x, row->template_name,
				 c.tpl - 1 - (int)strlen(buf), base);
		draw_field(y, x + used, buf, c.tpl - used, base);
		x += c.tpl;
	}
	if (c.who) {
		draw_field(y, x, row->reviewer, c.who - 1, base);
		draw_field(y, x + c.who - 1, " ", 1, base);
		x += c.who;
	}
	fmt_score(row->score, row->failed, buf, sizeof(buf));
	draw_field(y, x, buf, c.score, row->failed ? ROLE_ALERT : base);
	x += c.score;
	if (c.done) {
		snprintf(buf, sizeof(buf), "%zu/%zu", row->answered, row->items);
		draw_field(y, x, buf, c.done, base);
		x += c.done;
	}
	/* After the status, the partner's own score minus ours (the
	 * calibration gap): read down the list, its trend. */
	if (isnan(row->gap))
		snprintf(buf, sizeof(buf), "%s", row->final ? (row->failed ? "! final FAIL"
			 : "final") : "draft");
	else
		snprintf(buf, sizeof(buf), "%-6s gap %+.1f", row->final ? (row->failed
			 ? "! final FAIL" : "final") : "draft", row->gap);
	draw_field(y, x, buf, a->cols - x,
		   row->failed ? ROLE_ALERT : row->final ? base : ROLE_WATCH);
}

/* Audit interval, last final audit and the next one due. */
static void draw_header(struct view *v)
{
	struct reviews_view *r = v->data;
	struct app *a = v->app;
	int days = r->interval ? r->interval : a->cfg->audit_interval_days;
	const char *last = NULL;
	char buf[320], due[DATE_LEN] = "";
	size_t i;

	snprintf(buf, sizeof(buf), " (%s) > QA audits", r->code);
	draw_title_named(a, "bpowatch > ", r->name, buf);
	for (i = 0; i < r->list.count && last == NULL; i++)
		if (r->list.items[i].final)
			last = r->list.items[i].date;
	if (last && days > 0)
		qa_next_due(last, days, due);
	snprintf(buf, sizeof(buf), "Audit every %d days (%s)   last final %s   "
		 "next due %s%s", days, r->interval ? "this partner" : "global",
		 last ? last : "none", due[0] ? due : last ? "-" : "now",
		 due[0] && strcmp(due, a->dash.today) < 0 ? "  OVERDUE" : "");
	draw_field(1, 1, buf, a->cols - 2,
		   (due[0] && strcmp(due, a->dash.today) < 0) || !last ? ROLE_WATCH
		   : ROLE_DIM);
}

static void draw_picker(struct view *v)
{
	struct reviews_view *r = v->data;
	struct app *a = v->app;
	int w = a->cols - 8 > 60 ? 60 : a->cols - 8, x = (a->cols - w) / 2;
	int h = (int)r->tpls.count + 2, y = LIST_TOP, i;
	char buf[200];

	if (h > a->rows - 1 - y)
		h = a->rows - 1 - y;
	draw_box(y, x, h, w, ROLE_HELP, " Start an audit from which template? ",
		 ROLE_HELP_KEY, "", ROLE_HELP);
	for (i = 0; i < h - 2; i++) {
		const struct qa_template *t = &r->tpls.items[i];
		bool sel = (size_t)i == r->pick;

		snprintf(buf, sizeof(buf), "%s v%d", t->name, t->version);
		draw_field(y + 1 + i, x + 1, sel ? ">" : " ", 1,
			   sel ? ROLE_SELECTED : ROLE_HELP);
		draw_field(y + 1 + i, x + 2, buf, w - 3, sel ? ROLE_SELECTED : ROLE_HELP);
	}
}

static void reviews_view_draw(struct view *v)
{
	struct reviews_view *r = v->data;
	struct app *a = v->app;
	struct cols c = reviews_view_cols(a->cols);
	char hint[48], head[200];
	size_t i;

	reviews_view_scroll(v);
	draw_header(v);
	if (r->list.count == 0) {
		snprintf(head, sizeof(head), "No audits of %s yet. %s", r->code,
			 keymap_hint(ACT_NEW_REVIEW, "starts one", hint, sizeof(hint)));
		draw_field(LIST_TOP, 1, head, a->cols - 2, ROLE_TEXT);
	} else {
		snprintf(head, sizeof(head), "%-*s%-*s%-*.*s%-*.*s%-*s%-*.*s%s",
			 c.id, "Audit", c.date, "Date", c.tpl, c.tpl, "Template",
			 c.who, c.who, "Reviewer", c.score, "Score", c.done,
			 c.done, "Done", "Status");
		draw_field(LIST_TOP, 1, head, a->cols - 2, ROLE_DIM);
	}
	for (i = r->top; i < r->list.count; i++)
		draw_row(v, i);
	draw_list_marks(LIST_TOP, 1, a->cols - 2, r->top, (size_t)list_rows(a),
			r->list.count);
	if (r->picking)
		draw_picker(v);
}

/* The newest version of every template name, for the picker. */
static int load_latest_templates(struct view *v)
{
	struct reviews_view *r = v->data;
	struct qa_template_list all;
	struct bpw_error err;
	size_t i, k = 0;

	if (qa_template_list(v->app->store, &all, &err) != 0) {
		app_message(v->app, "%.250s", err.msg);
		return -1;
	}
	for (i = 0; i < all.count; i++)
		if (all.items[i].version == all.items[i].latest)
			all.items[k++] = all.items[i];
		else
			qa_template_clear(&all.items[i]);
	all.count = k;
	qa_template_list_free(&r->tpls);
	r->tpls = all;
	return 0;
}

/* The person at the keyboard, as the OS knows them. */
static void login_name(char *buf, size_t n)
{
	struct passwd *pw = getpwuid(getuid());
	const char *u = getenv("USER");

	snprintf(buf, n, "%s", pw && pw->pw_name ? pw->pw_name : u ? u : "");
}

static void ask_date(struct view *v, const char *text, bool again)
{
	app_prompt(v->app, TAG_DATE, again ? "Audit date, not a date; YYYY-MM-DD: "
		   : "Audit date (YYYY-MM-DD): ", text, 10, false);
}

static int start_new(struct view *v)
{
	struct reviews_view *r = v->data;

	if (load_latest_templates(v) != 0)
		return VIEW_HANDLED;
	if (r->tpls.count == 0) {
		app_message(v->app, "no checklist template yet: import one with "
			    "`bpowatch qa template import FILE`");
		return VIEW_HANDLED;
	}
	if (r->tpls.count > 1) {
		r->picking = true;
		r->pick = 0;
		return VIEW_HANDLED | VIEW_REDRAW;
	}
	r->tpl_id = r->tpls.items[0].id;
	ask_date(v, v->app->dash.today, false);
	return VIEW_HANDLED | VIEW_REDRAW;
}

static int picker_key(struct view *v, enum action act)
{
	struct reviews_view *r = v->data;

	switch (act) {
	case ACT_UP:
		if (r->pick > 0)
			r->pick--;
		break;
	case ACT_DOWN:
		if (r->pick + 1 < r->tpls.count)
			r->pick++;
		break;
	case ACT_OPEN:
		r->picking = false;
		r->tpl_id = r->tpls.items[r->pick].id;
		ask_date(v, v->app->dash.today, false);
		break;
	case ACT_BACK:
		r->picking = false;
		break;
	case ACT_QUIT:
		return VIEW_IGNORED;
	default:
		break;
	}
	return VIEW_HANDLED | VIEW_REDRAW;
}

static int move(struct view *v, long delta, bool to_end)
{
	struct reviews_view *r = v->data;
	size_t old = r->sel, top = r->top, n = r->list.count;

	if (n == 0)
		return VIEW_HANDLED;
	r->sel = listnav_step(old, n, delta, to_end);
	reviews_view_scroll(v);
	if (r->top != top)
		return VIEW_HANDLED | VIEW_REDRAW;
	draw_row(v, old);
	draw_row(v, r->sel);
	return VIEW_HANDLED;
}

static int reviews_view_key(struct view *v, enum action act, int ch)
{
	struct reviews_view *r = v->data;
	size_t page = (size_t)list_rows(v->app);
	const struct qa_review_row *row =
		r->sel < r->list.count ? &r->list.items[r->sel] : NULL;
	char q[160];

	(void)ch;
	if (r->picking)
		return picker_key(v, act);
	switch (act) {
	case ACT_UP:
		return move(v, -1, false);
	case ACT_DOWN:
		return move(v, 1, false);
	case ACT_PAGE_UP:
		return move(v, -(long)page, false);
	case ACT_PAGE_DOWN:
		return move(v, (long)page, false);
	case ACT_HOME:
		return move(v, -1, true);
	case ACT_END:
		return move(v, 1, true);
	case ACT_OPEN:
		if (row)
			app_push(v->app, view_review_new(v->app, row->id));
		return VIEW_HANDLED | VIEW_REDRAW;
	case ACT_NEW_REVIEW:
		return start_new(v);
	case ACT_DELETE_REVIEW:
		if (row == NULL)
			return VIEW_HANDLED;
		if (row->final) {
			app_message(v->app, "audit #%lld is final: it stays on record",
				    (long long)row->id);
			return VIEW_HANDLED;
		}
		snprintf(q, sizeof(q), "Delete draft audit #%lld of %s (%zu answers)? "
			 "y/N ", (long long)row->id, row->date, row->answered);
		app_confirm(v->app, TAG_DELETE, q);
		return VIEW_HANDLED;
	case ACT_TEMPLATES:
		app_push(v->app, view_templates_new(v->app, row ? row->template_name
						    : NULL));
		return VIEW_HANDLED | VIEW_REDRAW;
	default:
		return VIEW_IGNORED;
	}
}

static int reviews_view_prompt(struct view *v, int tag, const char *text,
		     enum prompt_event ev)
{
	struct reviews_view *r = v->data;
	struct bpw_error err;
	char who[128];
	int64_t id;

	if (ev == PROMPT_CANCEL) {
		app_message(v->app, tag == TAG_DELETE ? "nothing deleted"
			    : "no audit started");
		return VIEW_REDRAW;
	}
	if (ev != PROMPT_ENTER)
		return 0;
	bpw_error_clear(&err);
	switch (tag) {
	case TAG_DATE:
		if (!date_valid(text)) {
			ask_date(v, text, true);
			return VIEW_REDRAW;
		}
		snprintf(r->date, sizeof(r->date), "%s", text);
		login_name(who, sizeof(who));
		app_prompt(v->app, TAG_REVIEWER, "Reviewer: ", who, 80, false);
		return VIEW_REDRAW;
	case TAG_REVIEWER:
		if (qa_review_start(v->app->store, r->partner, r->tpl_id, r->date,
				    text, &id, &err) != 0) {
			app_message(v->app, "%.250s", err.msg);
			return VIEW_REDRAW;
		}
		reviews_view_load(v);
		app_push(v->app, view_review_new(v->app, id));
		return VIEW_REDRAW;
	case TAG_DELETE:
		if (r->sel < r->list.count &&
		    qa_review_delete(v->app->store, r->list.items[r->sel].id,
				     &err) != 0)
			app_message(v->app, "%.250s", err.msg);
		else
			app_message(v->app, "draft deleted");
		reviews_view_load(v);
		return VIEW_REDRAW;
	default:
		return 0;
	}
}

static void reviews_view_resume(struct view *v)
{
	reviews_view_load(v);
}

static int reviews_view_reload(struct view *v)
{
	return reviews_view_load(v);
}

static const char *reviews_view_hints(struct view *v)
{
	struct reviews_view *r = v->data;
	char h[5][40];

	if (r->picking)
		return "Enter:start Esc:cancel";
	snprintf(r->hints, sizeof(r->hints), "%s %s %s %s %s",
		 keymap_hint(ACT_OPEN, "open", h[0], sizeof(h[0])),
		 keymap_hint(ACT_NEW_REVIEW, "new", h[1], sizeof(h[1])),
		 keymap_hint(ACT_DELETE_REVIEW, "delete", h[2], sizeof(h[2])),
		 keymap_hint(ACT_TEMPLATES, "templates", h[3], sizeof(h[3])),
		 keymap_hint(ACT_BACK, "back", h[4], sizeof(h[4])));
	return r->hints;
}

static void reviews_view_destroy(struct view *v)
{
	struct reviews_view *r = v->data;

	qa_review_list_free(&r->list);
	qa_template_list_free(&r->tpls);
	free(r);
	free(v);
}

static const struct view_ops reviews_ops = {
	.name = "reviews",
	.keys = KC_AUDITS,
	.draw = reviews_view_draw,
	.key = reviews_view_key,
	.reload = reviews_view_reload,
	.resume = reviews_view_resume,
	.hints = reviews_view_hints,
	.destroy = reviews_view_destroy,
	.prompt = reviews_view_prompt,
};

struct view *view_reviews_new(struct app *app, int64_t partner_id)
{
	const struct portfolio_row *row = app_row(app, partner_id);
	struct reviews_view *r;
	struct view *v;

	if (row == NULL) {
		app_message(app, "that partner is no longer in the portfolio");
		return NULL;
	}
	v = xcalloc(1, sizeof(*v));
	r = xcalloc(1, sizeof(*r));
	r->partner = partner_id;
	snprintf(r->code, sizeof(r->code), "%s", row->partner.code);
	snprintf(r->name, sizeof(r->name), "%s", row->partner.name);
	v->ops = &reviews_ops;
	v->app = app;
	v->data = r;
	if (reviews_view_load(v) != 0) {
		reviews_view_destroy(v);
		return NULL;
	}
	return v;
}
