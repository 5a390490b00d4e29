/* view_meeting.c: the review meetings with a partner (m on the portfolio,
 * the partner view or the figures). Opening it only looks: the running
 * meeting if there is one, else the last meeting held, the actions, and
 * the past meetings with their minutes (< and > browse them; read-only
 * databases too). S starts a meeting explicitly; while one runs, n raises
 * actions, N writes notes, and closing it stores its minutes as an event.
 * Actions can be edited, done or dropped (asked first), reopened, and the
 * last status change undone. Every change is saved at once. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "app.h"
#include "csv.h"
#include "draw.h"
#include "meeting.h"
#include "text.h"
#include "view.h"
#include "xalloc.h"

#define TEXT_MAX 400

enum {
	TAG_TEXT = 1, TAG_OWNER, TAG_DUE, TAG_INDICATOR, TAG_NOTES, TAG_CLOSE,
	TAG_STATUS,
};

struct meeting_view {
	int64_t partner;
	char code[64];
	bool running;
	struct meeting m;		/* the running meeting when running */
	bool has_prev;
	struct meeting prev;		/* the last closed meeting (its statuses) */
	struct event_list held;		/* meetings held until today, oldest first */
	size_t shown;			/* the past meeting shown, in held */
	bool show_closed;		/* done and dropped actions listed too */
	struct action_list acts;	/* the partner's actions listed */
	struct strbuf changes;		/* "title  OLD -> NEW" lines */
	size_t sel, top;
	int64_t edit_id;		/* the action being edited, 0: a new one */
	struct follow_up draft;		/* the action being asked for */
	char *draft_text, *draft_owner;
	enum action_status asked;	/* the status d or D asks about */
	struct {			/* the last status change, for u */
		int64_t id;
		enum action_status was;
		char closed[DATE_LEN];
	} undo;
	char hints[300];
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

/* Reads what the screen shows: the running meeting, the last closed one,
 * the meetings held and the actions. Writes nothing. */
static int meeting_view_load(struct view *v)
{
	struct meeting_view *mv = v->data;
	struct app *a = v->app;
	struct bpw_error err;
	struct action_list l;
	struct event_list held;
	bool grew;

	meeting_clear(&mv->m);
	meeting_clear(&mv->prev);
	if (meeting_running(a->store, mv->partner, &mv->m, &mv->running, &err) != 0 ||
	    meeting_previous(a->store, mv->partner, mv->running ? mv->m.id : 0, &mv->prev,
			     &mv->has_prev, &err) != 0 ||
	    meeting_held(a->store, mv->partner, NULL, a->dash.today, &held, &err) != 0) {
		app_message(a, "%.250s", err.msg);
		return -1;
	}
	grew = held.count != mv->held.count;
	event_list_free(&mv->held);
	mv->held = held;
	if (grew || mv->shown >= held.count)
		mv->shown = held.count ? held.count - 1 : 0;
	if (action_list(a->store, mv->partner, !mv->show_closed, &l, &err) != 0) {
		app_message(a, "%.250s", err.msg);
		return -1;
	}
	action_list_free(&mv->acts);
	mv->acts = l;
	if (mv->sel >= l.count)
		mv->sel = l.count ? l.count - 1 : 0;
	find_changes(v);
	return 0;
}

static long days_between(const char *from, const char *to)
{
	return date_days(to) - date_days(from);
}

/* The first key bound to act ("S"), as the texts name it; "?" when none
 * (the config may rebind every key). */
static const char *key_of(enum action act, char *buf, size_t n)
{
	keymap_keys(act, buf, n);
	buf[strcspn(buf, " ")] = '\0';
	if (*buf == '\0')
		snprintf(buf, n, "?");
	return buf;
}

static size_t count_open(const struct action_list *l)
{
	size_t i, n = 0;

	for (i = 0; i < l->count; i++)
		n += l->items[i].status == ACTION_OPEN;
	return n;
}

/* Lines of multi-line untrusted text s, each word-wrapped, from row y;
 * at most max rows; returns the rows used. */
static int draw_lines(int y, int x, int w, int max, const char *s, enum theme_role r)
{
	int used = 0;

	while (s && *s && used < max) {
		size_t n = strcspn(s, "\n");
		char *line = xmalloc(n + 1);

		memcpy(line, s, n);
		line[n] = '\0';
		used += n ? draw_wrap(y + used, x, w, max - used, line, r)
			  : (draw_field(y + used, x, "", w, r), 1);
		free(line);
		s += n + (s[n] == '\n');
	}
	return used;
}

/* The widest owner of the listed actions, in columns, at most cap. */
static int owner_width(const struct action_list *l, int cap)
{
	size_t i;
	int w = 0;

	for (i = 0; i < l->count; i++) {
		char *c = text_clean(l->items[i].owner, 0, cap);
		int n = text_width(c);

		free(c);
		if (n > w)
			w = n;
	}
	return w;
}

/* One action row: selection, new, age, due (OVERDUE), owner, text, and
 * the indicator or the status of a closed one. */
static void draw_action(struct view *v, int y, size_t k, int ow)
{
	struct meeting_view *mv = v->data;
	struct app *a = v->app;
	const struct follow_up *f = &mv->acts.items[k];
	bool open = f->status == ACTION_OPEN;
	bool late = open && f->due[0] && strcmp(f->due, a->dash.today) < 0;
	char head[80], *owner, buf[700];
	int x;

	snprintf(head, sizeof(head), "%c %-3s %4ldd %-10s %-7s ", k == mv->sel ? '>' : ' ',
		 mv->running && f->meeting_id == mv->m.id ? "new" : "",
		 days_between(f->created, a->dash.today), f->due[0] ? f->due : "no due",
		 late ? "OVERDUE" : open ? "" : action_status_name(f->status));
	x = draw_text(y, 0, head, a->cols, late ? ROLE_ALERT : open ? ROLE_TEXT : ROLE_DIM);
	if (ow > 0) {
		owner = text_clean(f->owner, 0, ow);
		snprintf(buf, sizeof(buf), "%-*s ", ow + (int)(strlen(owner) -
							 (size_t)text_width(owner)), owner);
		free(owner);
		x += draw_text(y, x, buf, a->cols - x, ROLE_TEXT);
	}
	snprintf(buf, sizeof(buf), "%s%s%s%s", f->text, f->indicator && *f->indicator ?
		 "  [" : "", f->indicator ? f->indicator : "",
		 f->indicator && *f->indicator ? "]" : "");
	if (x < a->cols)
		draw_field(y, x, buf, a->cols - x, open ? ROLE_TEXT : ROLE_DIM);
}

static void meeting_view_draw(struct view *v)
{
	struct meeting_view *mv = v->data;
	struct app *a = v->app;
	const struct partner_result *pr = app_result(a, mv->partner);
	bool ro = store_is_readonly(a->store);
	const struct event *last = mv->held.count ? &mv->held.items[mv->held.count - 1] : NULL;
	const struct event *past = mv->held.count ? &mv->held.items[mv->shown] : NULL;
	char buf[700], tail[120], k1[32], k2[64];
	int y = 1, rows, i, w = a->cols - 2, bottom = a->rows - 1, notes = 0, room;
	size_t nopen = count_open(&mv->acts), j;
	const char *p;

	if (mv->running)
		snprintf(tail, sizeof(tail), " (%s) > Review meeting %s", mv->code, mv->m.started);
	else
		snprintf(tail, sizeof(tail), " (%s) > Review meetings", mv->code);
	draw_title_named(a, "bpowatch > ", pr ? pr->name : mv->code, tail);
	if (mv->running)
		snprintf(buf, sizeof(buf), "Meeting of %s running: everything is saved as you "
			 "go; %s closes it.", mv->m.started, key_of(ACT_CLOSE_MEETING, k1,
								    sizeof(k1)));
	else if (ro)
		snprintf(buf, sizeof(buf), "Read-only: past meetings and actions can be read, "
			 "nothing started or changed.");
	else
		snprintf(buf, sizeof(buf), "No meeting running: %s starts one (looking writes "
			 "nothing).", key_of(ACT_START_MEETING, k1, sizeof(k1)));
	draw_field(y++, 1, buf, w, mv->running ? ROLE_HELP_KEY : ROLE_DIM);
	if (last)
		snprintf(buf, sizeof(buf), "Last meeting %s (%ld days ago): %s",
			 last->date, days_between(last->date, a->dash.today), last->title);
	else
		snprintf(buf, sizeof(buf), mv->running ? "The first review meeting on record."
			 : "No review meeting on record.");
	draw_field(y++, 1, buf, w, ROLE_DIM);
	if (mv->running) {
		if (mv->has_prev)
			snprintf(buf, sizeof(buf), "Changed since the meeting of %s:",
				 mv->prev.started);
		else
			snprintf(buf, sizeof(buf), "Changed since the last meeting:");
		draw_field(y++, 1, buf, w, ROLE_HELP_KEY);
		if (mv->changes.len == 0)
			draw_field(y++, 3, mv->has_prev ? "no indicator changed its status" : last
				   ? "not known: statuses are kept by meetings held here" : "-",
				   w - 2, ROLE_TEXT);
		for (p = strbuf_str(&mv->changes); *p && y < bottom - 8; ) {
			size_t n = strcspn(p, "\n");

			snprintf(buf, sizeof(buf), "%.*s", (int)n, p);
			draw_field(y++, 3, buf, w - 2, ROLE_TEXT);
			p += n + (p[n] == '\n');
		}
		notes = bottom - y > 14 ? 3 : 1;
	}
	/* The rest: actions, the notes, and the past meeting below (2+ rows). */
	room = bottom - y - 1 - notes - 2 - (past ? 3 : 1) - (mv->acts.count ? 1 : 0);
	rows = (int)(mv->acts.count ? mv->acts.count : 1);
	if (rows > room)
		rows = room;
	if (rows < 1)
		rows = 1;
	if (mv->sel < mv->top)
		mv->top = mv->sel;
	if (mv->sel >= mv->top + (size_t)rows)
		mv->top = mv->sel - (size_t)rows + 1;
	if ((size_t)rows < mv->acts.count)	/* not all fit: say which show */
		snprintf(k2, sizeof(k2), "; %zu-%zu of %zu shown", mv->top + 1,
			 mv->top + (size_t)rows, mv->acts.count);
	else
		k2[0] = '\0';
	if (mv->show_closed)
		snprintf(buf, sizeof(buf), "Actions (%zu open, %zu closed%s; %s hides closed):",
			 nopen, mv->acts.count - nopen, k2, key_of(ACT_SHOW_CLOSED, k1, sizeof(k1)));
	else
		snprintf(buf, sizeof(buf), "Open actions (%zu%s; %s shows closed ones too):", nopen,
			 k2, key_of(ACT_SHOW_CLOSED, k1, sizeof(k1)));
	draw_field(y++, 1, buf, w, ROLE_HELP_KEY);
	if (mv->acts.count && y < bottom) {	/* the columns of draw_action */
		int ow = owner_width(&mv->acts, a->cols - 51 > 16 ? a->cols - 51 : 16);

		snprintf(buf, sizeof(buf), "  %-3s %5s %-10s %-7s %-*s%saction", "", "age",
			 "due", "", ow, ow > 0 ? "owner" : "", ow > 0 ? " " : "");
		draw_field(y++, 0, buf, a->cols, ROLE_DIM);
	}
	for (i = 0; i < rows && y < bottom; i++, y++) {
		size_t k = mv->top + (size_t)i;

		if (k >= mv->acts.count)
			draw_field(y, 0, i == 0 ? "   none" : "", a->cols, ROLE_TEXT);
		else
			draw_action(v, y, k, owner_width(&mv->acts, a->cols - 51 > 16 ? a->cols - 51 : 16));
	}
	if (mv->sel < mv->acts.count && y < bottom) {
		const struct follow_up *f = &mv->acts.items[mv->sel];

		snprintf(buf, sizeof(buf), "> %s%s%s; raised %s%s%s%s%s", f->text,
			 *f->owner ? "; owner " : "", f->owner, f->created,
			 f->indicator && *f->indicator ? "; about " : "",
			 f->indicator ? f->indicator : "", f->closed[0] ? "; closed " : "",
			 f->closed);
		y += draw_wrap(y, 1, w, 2, buf, ROLE_DIM);
	}
	if (mv->running && y < bottom) {
		snprintf(k2, sizeof(k2), "(none; %s writes them)", key_of(ACT_MEETING_NOTES, k1,
										 sizeof(k1)));
		snprintf(buf, sizeof(buf), "Notes: %s", mv->m.notes && *mv->m.notes ?
			 mv->m.notes : k2);
		y += draw_wrap(y, 1, w, notes, buf, ROLE_TEXT);
	}
	if (past && y < bottom) {
		snprintf(buf, sizeof(buf), "Past meeting %zu of %zu (%s %s): %s  %s", mv->shown + 1,
			 mv->held.count, key_of(ACT_PREV_MEETING, k1, sizeof(k1)),
			 key_of(ACT_NEXT_MEETING, k2, sizeof(k2)), past->date, past->title);
		draw_field(y++, 1, buf, w, ROLE_HELP_KEY);
		if (y < bottom)
			y += draw_lines(y, 3, w - 2, bottom - y, *past->detail ? past->detail
					: "(no minutes)", ROLE_TEXT);
		/* Room left (a tall terminal): the meetings before it too. */
		for (j = mv->shown; j-- > 0 && y + 1 < bottom; ) {
			past = &mv->held.items[j];
			snprintf(buf, sizeof(buf), "Before: %s  %s", past->date, past->title);
			draw_field(y++, 1, buf, w, ROLE_DIM);
			if (*past->detail)
				y += draw_lines(y, 3, w - 2, bottom - y, past->detail, ROLE_TEXT);
		}
	}
	for (; y < bottom; y++)
		draw_field(y, 0, "", a->cols, ROLE_TEXT);
}

/* The selected action, or NULL (with a message) when there is none. */
static const struct follow_up *selected(struct view *v)
{
	struct meeting_view *mv = v->data;

	if (mv->sel < mv->acts.count)
		return &mv->acts.items[mv->sel];
	app_message(v->app, "no action selected");
	return NULL;
}

/* True when a meeting runs; else says how to start one. */
static bool need_running(struct view *v)
{
	struct meeting_view *mv = v->data;
	char k[32];

	if (!mv->running)
		app_message(v->app, "no meeting is running: %s starts one",
			    key_of(ACT_START_MEETING, k, sizeof(k)));
	return mv->running;
}

/* The next question of a new or edited action, after the answer to tag. */
static int ask_next(struct view *v, int tag)
{
	struct meeting_view *mv = v->data;
	const struct follow_up *f = mv->edit_id && mv->sel < mv->acts.count
		? &mv->acts.items[mv->sel] : NULL;
	char label[48];

	switch (tag) {
	case TAG_TEXT:
		app_prompt(v->app, TAG_OWNER, "Owner (empty: none): ", f ? f->owner : "", 80,
			   false);
		break;
	case TAG_OWNER:
		app_prompt(v->app, TAG_DUE, "Due (dd.mm.yyyy, empty: none): ", f ? f->due : "",
			   10, false);
		break;
	case TAG_DUE:
		snprintf(label, sizeof(label), "Indicator (1-%zu, key, empty: none): ",
			 v->app->cfg->rules->count);
		app_prompt(v->app, TAG_INDICATOR, label, "", 40, false);
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

/* Selects the action with this id when it is listed. */
static void select_id(struct meeting_view *mv, int64_t id)
{
	size_t i;

	for (i = 0; i < mv->acts.count; i++)
		if (mv->acts.items[i].id == id)
			mv->sel = i;
}

static int add_action(struct view *v, const char *indicator)
{
	struct meeting_view *mv = v->data;
	struct bpw_error err;
	int64_t id = 0;

	mv->draft.partner_id = mv->partner;
	mv->draft.text = mv->draft_text;
	mv->draft.owner = mv->draft_owner;
	mv->draft.indicator = indicator ? indicator : "";
	mv->draft.meeting_id = mv->m.id;
	mv->draft.status = ACTION_OPEN;
	if (action_add(v->app->store, &mv->draft, &id, &err) != 0)
		app_message(v->app, "%.250s", err.msg);
	else
		app_message(v->app, "action saved");
	draft_free(mv);
	meeting_view_load(v);
	select_id(mv, id);
	return VIEW_REDRAW;
}

static int save_edit(struct view *v)
{
	struct meeting_view *mv = v->data;
	struct bpw_error err;
	int64_t id = mv->edit_id;

	if (action_edit(v->app->store, id, mv->draft_text, mv->draft_owner, mv->draft.due,
			&err) != 0)
		app_message(v->app, "%.250s", err.msg);
	else
		app_message(v->app, "action changed");
	draft_free(mv);
	mv->edit_id = 0;
	meeting_view_load(v);
	select_id(mv, id);
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

/* Sets the selected action's status, remembering the old one for u. */
static int set_status(struct view *v, int64_t id, enum action_status s)
{
	struct meeting_view *mv = v->data;
	struct bpw_error err;
	char k[32];
	size_t i;

	for (i = 0; i < mv->acts.count && mv->acts.items[i].id != id; i++)
		;
	if (i == mv->acts.count)
		return VIEW_REDRAW;
	mv->undo.id = id;
	mv->undo.was = mv->acts.items[i].status;
	snprintf(mv->undo.closed, sizeof(mv->undo.closed), "%s", mv->acts.items[i].closed);
	if (action_set_status(v->app->store, id, s, &err) != 0) {
		mv->undo.id = 0;
		app_message(v->app, "%.250s", err.msg);
	} else {
		app_message(v->app, "action %s (%s undoes it)", s == ACTION_OPEN ? "reopened"
			    : action_status_name(s), key_of(ACT_UNDO_STATUS, k, sizeof(k)));
	}
	meeting_view_load(v);
	return VIEW_REDRAW;
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
			    ? "notes kept as typed" : tag == TAG_STATUS ? "the action is kept as "
			    "it was" : mv->edit_id ? "the action is unchanged" : "no action saved");
		mv->edit_id = 0;
		return VIEW_REDRAW;
	}
	if (ev != PROMPT_ENTER)
		return 0;
	switch (tag) {
	case TAG_TEXT:
		if (*text == '\0') {
			app_message(a, "an action needs a text; %s", mv->edit_id ?
				    "the action is unchanged" : "none saved");
			mv->edit_id = 0;
			return VIEW_REDRAW;
		}
		mv->draft_text = xstrdup(text);
		return ask_next(v, tag);
	case TAG_OWNER:
		mv->draft_owner = xstrdup(text);
		return ask_next(v, tag);
	case TAG_DUE:
		if (*text && !csv_date(text, mv->draft.due)) {
			app_prompt(a, TAG_DUE, "Not a date; dd.mm.yyyy or empty: ", text, 10, false);
			return VIEW_REDRAW;
		}
		if (*text == '\0')
			mv->draft.due[0] = '\0';
		return mv->edit_id ? save_edit(v) : ask_next(v, tag);
	case TAG_INDICATOR:
		key = *text ? indicator_key(v, text) : NULL;
		if (*text && key == NULL) {
			char label[48];

			snprintf(label, sizeof(label), "No such indicator; 1-%zu, key, empty: ",
				 a->cfg->rules->count);
			app_prompt(a, TAG_INDICATOR, label, text, 40, false);
			return VIEW_REDRAW;
		}
		return add_action(v, key);
	case TAG_NOTES:
		app_message(a, "notes saved");
		return VIEW_REDRAW;
	case TAG_CLOSE:
		return close_meeting(v);
	case TAG_STATUS: {
		int64_t id = mv->edit_id;

		mv->edit_id = 0;
		return set_status(v, id, mv->asked);
	}
	default:
		return 0;
	}
}

/* d or D: asks before the selected open action is done or dropped. */
static int ask_status(struct view *v, enum action_status s)
{
	struct meeting_view *mv = v->data;
	const struct follow_up *f = selected(v);
	char label[200], *text, k[32];
	int room = v->app->cols - 22;

	if (f == NULL)
		return VIEW_HANDLED | VIEW_REDRAW;
	if (f->status != ACTION_OPEN) {
		app_message(v->app, "the action is %s already; %s reopens it",
			    action_status_name(f->status), key_of(ACT_REOPEN_ACTION, k, sizeof(k)));
		return VIEW_HANDLED | VIEW_REDRAW;
	}
	text = text_clean(f->text, 0, room > 10 ? room : 10);
	snprintf(label, sizeof(label), "%s '%s'? (y/N) ", s == ACTION_DONE ? "Done:" : "Drop",
		 text);
	free(text);
	mv->edit_id = f->id;	/* the action asked about */
	mv->asked = s;
	app_confirm(v->app, TAG_STATUS, label);
	return VIEW_HANDLED | VIEW_REDRAW;
}

static int undo_status(struct view *v)
{
	struct meeting_view *mv = v->data;
	struct bpw_error err;
	int64_t id = mv->undo.id;

	if (id == 0) {
		app_message(v->app, "no status change to undo");
		return VIEW_HANDLED | VIEW_REDRAW;
	}
	mv->undo.id = 0;
	if (action_restore_status(v->app->store, id, mv->undo.was, mv->undo.closed, &err) != 0)
		app_message(v->app, "%.250s", err.msg);
	else
		app_message(v->app, "undone: the action is %s again",
			    action_status_name(mv->undo.was));
	meeting_view_load(v);
	select_id(mv, id);
	return VIEW_HANDLED | VIEW_REDRAW;
}

static int start_meeting(struct view *v)
{
	struct meeting_view *mv = v->data;
	struct app *a = v->app;
	struct strbuf statuses = { 0 };
	struct meeting m;
	struct bpw_error err;
	bool created;

	if (mv->running) {
		app_message(a, "the meeting of %s is running already", mv->m.started);
		return VIEW_HANDLED | VIEW_REDRAW;
	}
	statuses_now(app_result(a, mv->partner), &statuses);
	if (meeting_open(a->store, mv->partner, a->dash.today, strbuf_str(&statuses), &m,
			 &created, &err) != 0) {
		app_message(a, "%.250s", err.msg);
	} else {
		meeting_clear(&m);
		app_message(a, created ? "meeting begun: everything is saved as you go"
			    : "the meeting of %s goes on", m.started);
	}
	strbuf_free(&statuses);
	meeting_view_load(v);
	return VIEW_HANDLED | VIEW_REDRAW;
}

static int meeting_view_key(struct view *v, enum action act, int ch)
{
	struct meeting_view *mv = v->data;
	struct app *a = v->app;
	const struct follow_up *f;

	(void)ch;
	switch (act) {
	case ACT_DOWN:
		if (mv->sel + 1 < mv->acts.count)
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
		mv->sel = mv->acts.count ? mv->acts.count - 1 : 0;
		return VIEW_HANDLED | VIEW_REDRAW;
	case ACT_PREV_MEETING: case ACT_NEXT_MEETING:
		if (mv->held.count == 0)
			app_message(a, "no review meeting on record");
		else if (act == ACT_PREV_MEETING && mv->shown > 0)
			mv->shown--;
		else if (act == ACT_NEXT_MEETING && mv->shown + 1 < mv->held.count)
			mv->shown++;
		else
			app_message(a, "no %s meeting on record", act == ACT_PREV_MEETING
				    ? "earlier" : "later");
		return VIEW_HANDLED | VIEW_REDRAW;
	case ACT_SHOW_CLOSED:
		mv->show_closed = !mv->show_closed;
		meeting_view_load(v);
		return VIEW_HANDLED | VIEW_REDRAW;
	case ACT_START_MEETING:
		return start_meeting(v);
	case ACT_NEW_ACTION:
		if (!need_running(v))
			return VIEW_HANDLED | VIEW_REDRAW;
		draft_free(mv);
		mv->edit_id = 0;
		app_prompt(a, TAG_TEXT, "New action: ", "", TEXT_MAX, false);
		return VIEW_HANDLED | VIEW_REDRAW;
	case ACT_EDIT_ACTION:
		if ((f = selected(v)) == NULL)
			return VIEW_HANDLED | VIEW_REDRAW;
		draft_free(mv);
		mv->edit_id = f->id;
		snprintf(mv->draft.due, sizeof(mv->draft.due), "%s", f->due);
		app_prompt(a, TAG_TEXT, "Action: ", f->text, TEXT_MAX, false);
		return VIEW_HANDLED | VIEW_REDRAW;
	case ACT_ACTION_DONE:
		return ask_status(v, ACTION_DONE);
	case ACT_ACTION_DROP:
		return ask_status(v, ACTION_DROPPED);
	case ACT_REOPEN_ACTION:
		if ((f = selected(v)) == NULL)
			return VIEW_HANDLED | VIEW_REDRAW;
		if (f->status == ACTION_OPEN) {
			app_message(a, "the action is open");
			return VIEW_HANDLED | VIEW_REDRAW;
		}
		set_status(v, f->id, ACTION_OPEN);
		return VIEW_HANDLED | VIEW_REDRAW;
	case ACT_UNDO_STATUS:
		return undo_status(v);
	case ACT_MEETING_NOTES:
		if (need_running(v))
			app_prompt(a, TAG_NOTES, "Meeting notes: ", mv->m.notes ? mv->m.notes
				   : "", 2000, true);
		return VIEW_HANDLED | VIEW_REDRAW;
	case ACT_CLOSE_MEETING:
		if (need_running(v))
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
	char h[8][32];

	if (!mv->running) {
		snprintf(mv->hints, sizeof(mv->hints), "%s %s %s %s %s %s",
			 keymap_hint(ACT_START_MEETING, "start", h[0], sizeof(h[0])),
			 keymap_hint(ACT_PREV_MEETING, "older", h[1], sizeof(h[1])),
			 keymap_hint(ACT_NEXT_MEETING, "newer", h[2], sizeof(h[2])),
			 keymap_hint(ACT_EDIT_ACTION, "edit", h[3], sizeof(h[3])),
			 keymap_hint(ACT_ACTION_DONE, "done", h[4], sizeof(h[4])),
			 keymap_hint(ACT_SHOW_CLOSED, "closed", h[5], sizeof(h[5])));
		return mv->hints;
	}
	snprintf(mv->hints, sizeof(mv->hints), "%s %s %s %s %s %s %s",
		 keymap_hint(ACT_NEW_ACTION, "new", h[0], sizeof(h[0])),
		 keymap_hint(ACT_EDIT_ACTION, "edit", h[1], sizeof(h[1])),
		 keymap_hint(ACT_ACTION_DONE, "done", h[2], sizeof(h[2])),
		 keymap_hint(ACT_ACTION_DROP, "drop", h[3], sizeof(h[3])),
		 keymap_hint(ACT_UNDO_STATUS, "undo", h[4], sizeof(h[4])),
		 keymap_hint(ACT_MEETING_NOTES, "notes", h[5], sizeof(h[5])),
		 keymap_hint(ACT_CLOSE_MEETING, "close", h[6], sizeof(h[6])));
	return mv->hints;
}

static void meeting_view_destroy(struct view *v)
{
	struct meeting_view *mv = v->data;

	meeting_clear(&mv->m);
	meeting_clear(&mv->prev);
	event_list_free(&mv->held);
	action_list_free(&mv->acts);
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
	struct meeting_view *mv;
	struct view *v;

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
	if (meeting_view_load(v) != 0) {
		meeting_view_destroy(v);
		return NULL;
	}
	if (mv->running)
		app_message(app, "the meeting of %s goes on", mv->m.started);
	return v;
}
