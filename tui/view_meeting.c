/* view_meeting.c: the review meeting with a partner (m on the partner
 * view): what changed since the last meeting, the actions still open
 * (carried over, with their age, and those raised now), the notes; new
 * actions are captured from the keyboard, and closing the meeting stores
 * its minutes as an event. Every change is saved at once. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "app.h"
#include "draw.h"
#include "meeting.h"
#include "view.h"
#include "xalloc.h"

#define TEXT_MAX 400

enum { TAG_TEXT = 1, TAG_OWNER, TAG_DUE, TAG_INDICATOR, TAG_NOTES, TAG_CLOSE };

struct meeting_view {
	int64_t partner;
	char code[64];
	struct meeting m;
	bool has_prev;
	struct meeting prev;		/* the last closed meeting */
	struct action_list open;	/* the partner's open actions */
	struct strbuf changes;		/* "title  OLD -> NEW" lines */
	size_t sel, top;
	struct follow_up draft;		/* the action being asked for */
	char *draft_text, *draft_owner;
	char hints[200];
};

/* The partner's indicator statuses now, as "key=status" lines. */
static void statuses_now(const struct partner_result *pr, struct strbuf *b)
{
	size_t i;

	for (i = 0; pr && i < pr->ninds; i++)
		strbuf_addf(b, "%s=%s\n", pr->inds[i].ind->key, status_name(pr->inds[i].status));
}

/* A stored status name as its label ("alert" -> "ALERT"). */
static const char *label_of(const char *name, size_t n)
{
	int s = status_parse(name, n);

	return s >= 0 ? status_label((enum status)s) : "?";
}

/* What changed between the last meeting's statuses and now. */
static void find_changes(struct view *v)
{
	struct meeting_view *mv = v->data;
	const struct partner_result *pr = app_result(v->app, mv->partner);
	size_t i, n;

	strbuf_free(&mv->changes);
	if (!mv->has_prev || pr == NULL)
		return;
	for (i = 0; i < pr->ninds; i++) {
		const char *then = meeting_status_of(mv->prev.statuses, pr->inds[i].ind->key, &n);
		const char *now = status_name(pr->inds[i].status);

		if (then && (strlen(now) != n || strncmp(then, now, n) != 0))
			strbuf_addf(&mv->changes, "%-26s %s -> %s\n", pr->inds[i].ind->title,
				    label_of(then, n), status_label(pr->inds[i].status));
	}
}

static int meeting_view_load(struct view *v)
{
	struct meeting_view *mv = v->data;
	struct bpw_error err;
	struct action_list l;

	if (action_list(v->app->store, mv->partner, true, &l, &err) != 0) {
		app_message(v->app, "%.250s", err.msg);
		return -1;
	}
	action_list_free(&mv->open);
	mv->open = l;
	if (mv->sel >= l.count)
		mv->sel = l.count ? l.count - 1 : 0;
	find_changes(v);
	return 0;
}

static long days_between(const char *from, const char *to)
{
	return date_days(to) - date_days(from);
}

static void meeting_view_draw(struct view *v)
{
	struct meeting_view *mv = v->data;
	struct app *a = v->app;
	const struct partner_result *pr = app_result(a, mv->partner);
	char buf[600], tail[120];
	int y = 1, rows, i, w = a->cols - 2;
	const char *p;

	snprintf(tail, sizeof(tail), " (%s) > Review meeting %s", mv->code, mv->m.started);
	draw_title_named(a, "bpowatch > ", pr ? pr->name : mv->code, tail);
	if (mv->has_prev)
		snprintf(buf, sizeof(buf), "Last meeting %s (%ld days ago); its minutes are "
			 "an event of that day.", mv->prev.started,
			 days_between(mv->prev.started, a->dash.today));
	else
		snprintf(buf, sizeof(buf), "The first review meeting on record.");
	draw_field(y++, 1, buf, w, ROLE_DIM);
	draw_field(y++, 1, "Changed since the last meeting:", w, ROLE_HELP_KEY);
	if (mv->changes.len == 0)
		draw_field(y++, 3, mv->has_prev ? "no indicator changed its status" : "-",
			   w - 2, ROLE_TEXT);
	for (p = strbuf_str(&mv->changes); *p && y < a->rows - 6; ) {
		size_t n = strcspn(p, "\n");

		snprintf(buf, sizeof(buf), "%.*s", (int)n, p);
		draw_field(y++, 3, buf, w - 2, ROLE_TEXT);
		p += n + (p[n] == '\n');
	}
	snprintf(buf, sizeof(buf), "Open actions (%zu):", mv->open.count);
	draw_field(y++, 1, buf, w, ROLE_HELP_KEY);
	rows = a->rows - 1 - y - 3;
	if (rows < 1)
		rows = 1;
	if (mv->sel < mv->top)
		mv->top = mv->sel;
	if (mv->sel >= mv->top + (size_t)rows)
		mv->top = mv->sel - (size_t)rows + 1;
	for (i = 0; i < rows; i++, y++) {
		size_t k = mv->top + (size_t)i;
		const struct follow_up *f;
		bool late;

		if (k >= mv->open.count) {
			draw_field(y, 0, i == 0 ? "   none" : "", a->cols, ROLE_TEXT);
			continue;
		}
		f = &mv->open.items[k];
		late = f->due[0] && strcmp(f->due, a->dash.today) < 0;
		snprintf(buf, sizeof(buf), "%c %-4s %3ld days  %-10s %-7s %s%s%s%s%s%s",
			 k == mv->sel ? '>' : ' ', f->meeting_id == mv->m.id ? "new" : "",
			 days_between(f->created, a->dash.today), f->due[0] ? f->due : "no due",
			 late ? "OVERDUE" : "", f->text, f->owner && *f->owner ? "  owner " : "",
			 f->owner ? f->owner : "", f->indicator && *f->indicator ? "  [" : "",
			 f->indicator ? f->indicator : "", f->indicator && *f->indicator ? "]" : "");
		draw_field(y, 0, buf, a->cols, late ? ROLE_ALERT : ROLE_TEXT);
	}
	snprintf(buf, sizeof(buf), "Notes: %s", mv->m.notes && *mv->m.notes ? mv->m.notes
		 : "(none; N writes them)");
	y += draw_wrap(y, 1, w, a->rows - 1 - y, buf, ROLE_TEXT);
	for (; y < a->rows - 1; y++)
		draw_field(y, 0, "", a->cols, ROLE_TEXT);
}

/* The next question of a new action, after the answer to tag. */
static int ask_next(struct view *v, int tag)
{
	struct app *a = v->app;

	switch (tag) {
	case TAG_TEXT:
		app_prompt(a, TAG_OWNER, "Owner: ", "", 80, false);
		break;
	case TAG_OWNER:
		app_prompt(a, TAG_DUE, "Due (YYYY-MM-DD, empty: none): ", "", 10, false);
		break;
	case TAG_DUE:
		app_prompt(a, TAG_INDICATOR, "About which indicator (1-8 or its key, empty: "
			   "none): ", "", 40, false);
		break;
	default:
		break;
	}
	return VIEW_REDRAW;
}

/* The indicator key typed as a number 1..n or a key; NULL when unknown. */
static const char *indicator_key(struct view *v, const char *text)
{
	const struct ruleset *rs = v->app->cfg->rules;
	char *end;
	long n = strtol(text, &end, 10);
	size_t i;

	if (*text && *end == '\0' && n >= 1 && (size_t)n <= rs->count)
		return rs->items[n - 1].key;
	for (i = 0; i < rs->count; i++)
		if (strcmp(rs->items[i].key, text) == 0)
			return rs->items[i].key;
	return NULL;
}

static void draft_free(struct meeting_view *mv)
{
	free(mv->draft_text);
	free(mv->draft_owner);
	mv->draft_text = mv->draft_owner = NULL;
	memset(&mv->draft, 0, sizeof(mv->draft));
}

static int add_action(struct view *v, const char *indicator)
{
	struct meeting_view *mv = v->data;
	struct bpw_error err;

	mv->draft.partner_id = mv->partner;
	mv->draft.text = mv->draft_text;
	mv->draft.owner = mv->draft_owner;
	mv->draft.indicator = indicator ? indicator : "";
	mv->draft.meeting_id = mv->m.id;
	mv->draft.status = ACTION_OPEN;
	if (action_add(v->app->store, &mv->draft, NULL, &err) != 0)
		app_message(v->app, "%.250s", err.msg);
	else
		app_message(v->app, "action saved");
	draft_free(mv);
	meeting_view_load(v);
	mv->sel = mv->open.count ? mv->open.count - 1 : 0;
	return VIEW_REDRAW;
}

static int close_meeting(struct view *v)
{
	struct meeting_view *mv = v->data;
	struct app *a = v->app;
	struct action_list all;
	struct strbuf minutes = { 0 };
	struct bpw_error err;

	if (action_list(a->store, mv->partner, false, &all, &err) != 0) {
		app_message(a, "%.250s", err.msg);
		return VIEW_REDRAW;
	}
	meeting_minutes(&mv->m, &all, a->dash.today, strbuf_str(&mv->changes), &minutes);
	action_list_free(&all);
	if (meeting_close(a->store, mv->m.id, a->dash.today, strbuf_str(&minutes), NULL,
			  &err) != 0) {
		app_message(a, "%.250s", err.msg);
		strbuf_free(&minutes);
		return VIEW_REDRAW;
	}
	strbuf_free(&minutes);
	app_message(a, "meeting closed: its minutes are an event of %s", a->dash.today);
	app_reload(a);
	return VIEW_BACK;
}

static int meeting_view_prompt(struct view *v, int tag, const char *text,
			       enum prompt_event ev)
{
	struct meeting_view *mv = v->data;
	struct app *a = v->app;
	struct bpw_error err;
	const char *key;

	if (ev == PROMPT_CHANGED && tag == TAG_NOTES) {	/* saved as typed */
		if (meeting_set_notes(a->store, mv->m.id, text, &err) != 0)
			app_message(a, "%.250s", err.msg);
		free(mv->m.notes);
		mv->m.notes = xstrdup(text);
		return 0;
	}
	if (ev == PROMPT_CANCEL) {
		draft_free(mv);
		app_message(a, tag == TAG_CLOSE ? "the meeting goes on" : tag == TAG_NOTES
			    ? "notes kept as typed" : "no action saved");
		return VIEW_REDRAW;
	}
	if (ev != PROMPT_ENTER)
		return 0;
	switch (tag) {
	case TAG_TEXT:
		if (*text == '\0') {
			app_message(a, "an action needs a text; none saved");
			return VIEW_REDRAW;
		}
		mv->draft_text = xstrdup(text);
		return ask_next(v, tag);
	case TAG_OWNER:
		mv->draft_owner = xstrdup(text);
		return ask_next(v, tag);
	case TAG_DUE:
		if (*text && !date_valid(text)) {
			app_prompt(a, TAG_DUE, "Due, not a date; YYYY-MM-DD or empty: ", text,
				   10, false);
			return VIEW_REDRAW;
		}
		snprintf(mv->draft.due, sizeof(mv->draft.due), "%s", text);
		return ask_next(v, tag);
	case TAG_INDICATOR:
		key = *text ? indicator_key(v, text) : NULL;
		if (*text && key == NULL) {
			app_prompt(a, TAG_INDICATOR, "No such indicator; 1-8, a key or empty: ",
				   text, 40, false);
			return VIEW_REDRAW;
		}
		return add_action(v, key);
	case TAG_NOTES:
		app_message(a, "notes saved");
		return VIEW_REDRAW;
	case TAG_CLOSE:
		return close_meeting(v);
	default:
		return 0;
	}
}

static int set_status(struct view *v, enum action_status s)
{
	struct meeting_view *mv = v->data;
	struct bpw_error err;

	if (mv->sel >= mv->open.count)
		return VIEW_HANDLED;
	if (action_set_status(v->app->store, mv->open.items[mv->sel].id, s, &err) != 0)
		app_message(v->app, "%.250s", err.msg);
	else
		app_message(v->app, "action %s", action_status_name(s));
	meeting_view_load(v);
	return VIEW_HANDLED | VIEW_REDRAW;
}

static int meeting_view_key(struct view *v, enum action act, int ch)
{
	struct meeting_view *mv = v->data;
	struct app *a = v->app;

	(void)ch;
	switch (act) {
	case ACT_DOWN:
		if (mv->sel + 1 < mv->open.count)
			mv->sel++;
		return VIEW_HANDLED | VIEW_REDRAW;
	case ACT_UP:
		if (mv->sel > 0)
			mv->sel--;
		return VIEW_HANDLED | VIEW_REDRAW;
	case ACT_HOME: case ACT_PAGE_UP:
		mv->sel = 0;
		return VIEW_HANDLED | VIEW_REDRAW;
	case ACT_END: case ACT_PAGE_DOWN:
		mv->sel = mv->open.count ? mv->open.count - 1 : 0;
		return VIEW_HANDLED | VIEW_REDRAW;
	case ACT_NEW_ACTION:
		draft_free(mv);
		app_prompt(a, TAG_TEXT, "New action: ", "", TEXT_MAX, false);
		return VIEW_HANDLED | VIEW_REDRAW;
	case ACT_ACTION_DONE:
		return set_status(v, ACTION_DONE);
	case ACT_ACTION_DROP:
		return set_status(v, ACTION_DROPPED);
	case ACT_MEETING_NOTES:
		app_prompt(a, TAG_NOTES, "Meeting notes: ", mv->m.notes ? mv->m.notes : "",
			   2000, true);
		return VIEW_HANDLED | VIEW_REDRAW;
	case ACT_CLOSE_MEETING:
		app_confirm(a, TAG_CLOSE, "Close the meeting and store its minutes? (y/N) ");
		return VIEW_HANDLED | VIEW_REDRAW;
	default:
		return VIEW_IGNORED;
	}
}

static int meeting_view_reload(struct view *v)
{
	return meeting_view_load(v);
}

static const char *meeting_view_hints(struct view *v)
{
	struct meeting_view *mv = v->data;
	char h[5][32];

	snprintf(mv->hints, sizeof(mv->hints), "%s %s %s %s %s Esc:back",
		 keymap_hint(ACT_NEW_ACTION, "new action", h[0], sizeof(h[0])),
		 keymap_hint(ACT_ACTION_DONE, "done", h[1], sizeof(h[1])),
		 keymap_hint(ACT_ACTION_DROP, "drop", h[2], sizeof(h[2])),
		 keymap_hint(ACT_MEETING_NOTES, "notes", h[3], sizeof(h[3])),
		 keymap_hint(ACT_CLOSE_MEETING, "close", h[4], sizeof(h[4])));
	return mv->hints;
}

static void meeting_view_destroy(struct view *v)
{
	struct meeting_view *mv = v->data;

	meeting_clear(&mv->m);
	meeting_clear(&mv->prev);
	action_list_free(&mv->open);
	strbuf_free(&mv->changes);
	draft_free(mv);
	free(mv);
	free(v);
}

static const struct view_ops meeting_ops = {
	.name = "meeting",
	.keys = KC_MEETING,
	.draw = meeting_view_draw,
	.key = meeting_view_key,
	.reload = meeting_view_reload,
	.hints = meeting_view_hints,
	.destroy = meeting_view_destroy,
	.prompt = meeting_view_prompt,
};

struct view *view_meeting_new(struct app *app, int64_t partner_id)
{
	const struct partner_result *pr = app_result(app, partner_id);
	struct strbuf statuses = { 0 };
	struct meeting_view *mv;
	struct bpw_error err;
	struct view *v;
	bool created;

	if (pr == NULL) {
		app_message(app, "no figures for this partner as of %.7s", app->dash.as_of);
		return NULL;
	}
	v = xcalloc(1, sizeof(*v));
	mv = xcalloc(1, sizeof(*mv));
	v->ops = &meeting_ops;
	v->app = app;
	v->data = mv;
	mv->partner = partner_id;
	snprintf(mv->code, sizeof(mv->code), "%s", pr->code);
	statuses_now(pr, &statuses);
	if (meeting_open(app->store, partner_id, app->dash.today, strbuf_str(&statuses), &mv->m,
			 &created, &err) != 0 ||
	    meeting_previous(app->store, partner_id, mv->m.id, &mv->prev, &mv->has_prev,
			     &err) != 0 || meeting_view_load(v) != 0) {
		app_message(app, "%.250s", err.msg);
		strbuf_free(&statuses);
		meeting_view_destroy(v);
		return NULL;
	}
	strbuf_free(&statuses);
	app_message(app, created ? "meeting begun: everything is saved as you go"
		    : "the meeting of %s goes on", mv->m.started);
	return v;
}
