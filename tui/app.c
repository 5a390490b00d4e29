/* app.c: the dashboard loop. It owns the view stack and the shared model,
 * turns keys into actions for the views, moves the as-of month, notices
 * writes by other processes, and handles resize, signals and a vanished
 * terminal. */
#include "app.h"

#include <errno.h>
#include <poll.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "color.h"
#include "draw.h"
#include "observation.h"
#include "setup.h"
#include "script.h"
#include "term.h"
#include "theme.h"
#include "timemodel.h"
#include "xalloc.h"

#define POLL_MS 2000		/* how often to look for other writers */
#define MAX_BACK_MONTHS 120	/* how far back [ goes from the latest month */

bool app_refuse_edit(struct app *a)
{
	if (!store_is_readonly(a->store))
		return false;
	app_message(a, "read-only: %s", store_readonly_why(a->store));
	return true;
}

void app_message(struct app *a, const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	vsnprintf(a->message, sizeof(a->message), fmt, ap);
	va_end(ap);
}

static struct view *app_top(struct app *a)
{
	return a->nviews ? a->views[a->nviews - 1] : NULL;
}

static void app_pop(struct app *a)
{
	struct view *v = a->views[--a->nviews];

	v->ops->destroy(v);
}

void app_push(struct app *a, struct view *v)
{
	if (v == NULL)
		return;
	if (a->nviews == APP_MAX_VIEWS) {
		v->ops->destroy(v);
		app_message(a, "too many screens open");
		return;
	}
	a->views[a->nviews++] = v;
}

const struct partner_result *app_result(const struct app *a, int64_t id)
{
	return dashboard_partner(&a->dash, id);
}

const struct portfolio_row *app_row(const struct app *a, int64_t id)
{
	size_t i;

	for (i = 0; i < a->dash.pf.count; i++)
		if (a->dash.pf.rows[i].partner.id == id)
			return &a->dash.pf.rows[i];
	return NULL;
}

/* Loads the model as of the month shown (core/dashboard.h); on failure
 * the old model stays and the message says why. */
static int app_load(struct app *a)
{
	struct dashboard_opts o = {
		.rules = a->cfg->rules,
		.figures_due_day = a->cfg->figures_due_day,
		.sparkline_length = a->cfg->sparkline_length,
		.audit_interval_days = a->cfg->audit_interval_days,
	};
	struct bpw_error err;

	bpw_error_clear(&err);
	if (dashboard_load(&a->dash, a->store, &o, &err) != 0) {
		app_message(a, "%.250s", err.msg);
		return -1;
	}
	store_data_version(a->store, &a->data_version, &err);
	store_data_clock(a->store, &a->data_clock, &err);
	a->changed = false;
	return 0;
}

/* Reloads the model and lets every view find its place again; a view
 * whose subject is gone is closed. */
void app_reload(struct app *a)
{
	int i;

	if (app_load(a) != 0)
		return;
	for (i = 0; i < a->nviews; i++) {
		struct view *v = a->views[i];

		if (v->ops->reload && v->ops->reload(v) != 0) {
			while (a->nviews > i && a->nviews > 1)
				app_pop(a);
			break;
		}
	}
}

/* The prompt on the bottom line, with the terminal's cursor in it. */
static void app_draw_prompt(struct app *a)
{
	int y = a->rows - 1, x, col, room;
	size_t from, to;
	char *part;

	draw_field(y, 0, "", a->cols, ROLE_MESSAGE);
	if (a->prompt.confirm) {
		x = draw_text(y, 0, a->prompt.label, a->cols - 1, ROLE_MESSAGE);
		curs_set(1);
		move(y, x < a->cols ? x : a->cols - 1);
		return;
	}
	x = draw_text(y, 0, a->prompt.label, a->cols / 2, ROLE_MESSAGE);
	room = a->cols - x - 1;
	lineedit_window(&a->prompt.le, room, &from, &to, &col);
	part = xmalloc(to - from + 1);
	memcpy(part, lineedit_text(&a->prompt.le) + from, to - from);
	part[to - from] = '\0';
	draw_text(y, x, part, room, ROLE_INPUT);
	free(part);
	curs_set(1);
	move(y, x + col);
}

/* The terminal's cursor where the top view types (a form), else hidden. */
static void app_place_cursor(struct app *a)
{
	struct view *top = app_top(a);
	int y, x;

	if (top && top->ops->cursor && top->ops->cursor(top, &y, &x)) {
		curs_set(1);
		move(y, x);
	}
}

static void app_draw_status(struct app *a)
{
	char left[256], right[300];
	const char *hints = NULL;
	struct view *top = app_top(a);
	int s, n = 0;

	if (a->prompt.active) {
		app_draw_prompt(a);
		return;
	}
	curs_set(0);
	if (top && top->ops->hints)
		hints = top->ops->hints(top);
	if (a->message[0]) {
		/* A message never hides that the data changed under it. */
		draw_bar(a->rows - 1, ROLE_MESSAGE, a->message,
			 a->changed ? "DATA CHANGED: r reloads" : "");
		app_place_cursor(a);
		return;
	}
	left[0] = '\0';
	for (s = STATUS_ALERT; s >= STATUS_OK; s--)
		if (a->dash.ev.counts[s])
			n += snprintf(left + n, sizeof(left) - (size_t)n, "%c %zu %s  ",
				      status_mark((enum status)s), a->dash.ev.counts[s],
				      status_label((enum status)s));
	if (a->changed)
		snprintf(left + n, sizeof(left) - (size_t)n,
			 "DATA CHANGED: r reloads");
	else
		snprintf(left + n, sizeof(left) - (size_t)n, "%s",
			 hints ? hints : "? help");
	snprintf(right, sizeof(right), "%s%s", store_is_readonly(a->store) ? "READ-ONLY " : "",
		 a->db_label);
	draw_bar(a->rows - 1, ROLE_STATUS_BAR, left, right);
	app_place_cursor(a);
}

/* Draws every view from the bottom-most one under an overlay. */
static void app_draw(struct app *a)
{
	int first = a->nviews - 1;

	getmaxyx(stdscr, a->rows, a->cols);
	erase();
	if (a->cols < APP_MIN_COLS || a->rows < APP_MIN_ROWS) {
		char line[96];

		/* Two short lines, so that most of it fits even at 20x5. */
		mvaddnstr(a->rows / 2 - 1 < 0 ? 0 : a->rows / 2 - 1, 0,
			  "terminal too small", a->cols);
		snprintf(line, sizeof(line), "(need %dx%d, have %dx%d)",
			 APP_MIN_COLS, APP_MIN_ROWS, a->cols, a->rows);
		if (a->rows > 1)
			mvaddnstr(a->rows / 2, 0, line, a->cols);
		refresh();
		return;
	}
	while (first > 0 && a->views[first]->ops->overlay)
		first--;
	for (; first < a->nviews; first++)
		a->views[first]->ops->draw(a->views[first]);
	app_draw_status(a);
	refresh();
}

static long now_ms(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return ts.tv_sec * 1000L + ts.tv_nsec / 1000000L;
}

/* True when the terminal has gone away (SSH drop without SIGHUP, closed
 * pty): poll reports a hang-up, or reads keep failing at once. */
static bool input_gone(int *fast_errors, long waited_ms)
{
	struct pollfd p = { .fd = STDIN_FILENO, .events = POLLIN };

	if (poll(&p, 1, 0) > 0 && (p.revents & (POLLHUP | POLLERR | POLLNVAL)))
		return true;
	if (waited_ms < 5)
		return ++*fast_errors > 50;
	*fast_errors = 0;
	return false;
}

/* [ and ]: judge another month: back through the data, forward to the
 * judged month or the latest month with figures, whichever is later. */
static int app_move_month(struct app *a, int delta)
{
	char next[DATE_LEN], oldest[DATE_LEN], last[DATE_LEN], due[DATE_LEN];

	memcpy(last, a->dash.judged, DATE_LEN);
	if (a->dash.latest[0] && strcmp(a->dash.latest, last) > 0)
		memcpy(last, a->dash.latest, DATE_LEN);
	period_add(a->dash.as_of, delta, next);
	period_add(last, -MAX_BACK_MONTHS, oldest);
	if (strcmp(next, last) > 0) {
		app_message(a, "%.7s is the latest month with figures", last);
		return VIEW_HANDLED;
	}
	if (strcmp(next, oldest) < 0) {
		app_message(a, "the dashboard goes back %d months at most",
			     MAX_BACK_MONTHS);
		return VIEW_HANDLED;
	}
	memcpy(a->dash.as_of, next, DATE_LEN);
	a->dash.follow = false;
	app_reload(a);
	timemodel_due_date(a->dash.as_of, a->cfg->figures_due_day, due);
	if (a->message[0] == '\0')
		app_message(a, "as of %.7s%s%s%s", a->dash.as_of,
			    a->dash.follow ? " (the month judged today)" : "",
			    strcmp(a->dash.as_of, a->dash.judged) > 0 ? ", figures due " : "",
			    strcmp(a->dash.as_of, a->dash.judged) > 0 ? due : "");
	return VIEW_REDRAW;
}

/* Keys no view took. */
static int app_global_key(struct app *a, enum action act)
{
	switch (act) {
	case ACT_QUIT:
		return VIEW_QUIT;
	case ACT_BACK:
		return VIEW_BACK;
	case ACT_HELP:
		app_push(a, view_help_new(a));
		return VIEW_REDRAW;
	case ACT_RELOAD:
		app_reload(a);
		if (a->message[0] == '\0')
			app_message(a, "reloaded");
		return VIEW_REDRAW;
	case ACT_REDRAW:
		clearok(curscr, TRUE);
		return VIEW_REDRAW;
	case ACT_PREV_MONTH:
		return app_move_month(a, -1);
	case ACT_NEXT_MONTH:
		return app_move_month(a, 1);
	default:
		return VIEW_IGNORED;
	}
}

/* Another process wrote to the database: say so (r reloads). */
static void app_poll_data(struct app *a, long *last_poll)
{
	struct bpw_error err;
	int64_t clock;
	int v;

	if (now_ms() - *last_poll < POLL_MS)
		return;
	*last_poll = now_ms();
	if (a->changed || store_data_version(a->store, &v, &err) != 0 ||
	    v == a->data_version)
		return;
	/* Another process committed; a stored judgement is no news, data
	 * are (they move the data clock). */
	a->data_version = v;
	if (store_data_clock(a->store, &clock, &err) != 0 || clock == a->data_clock)
		return;
	a->changed = true;
	if (a->cols >= APP_MIN_COLS && a->rows >= APP_MIN_ROWS) {
		app_draw_status(a);
		refresh();
	}
}

void app_prompt(struct app *a, int tag, const char *label, const char *text,
		size_t max, bool live)
{
	if (a->prompt.active)
		lineedit_free(&a->prompt.le);
	memset(&a->prompt, 0, sizeof(a->prompt));
	a->prompt.active = true;
	a->prompt.live = live;
	a->prompt.tag = tag;
	a->prompt.owner = app_top(a);
	snprintf(a->prompt.label, sizeof(a->prompt.label), "%s", label);
	lineedit_init(&a->prompt.le, text, max);
}

void app_confirm(struct app *a, int tag, const char *question)
{
	app_prompt(a, tag, question, "", 0, false);
	a->prompt.confirm = true;
}

/* Ends the prompt, telling its view how. */
static int app_prompt_end(struct app *a, enum prompt_event ev)
{
	struct view *v = a->prompt.owner;
	char *text = xstrdup(a->prompt.confirm ? "y" : lineedit_text(&a->prompt.le));
	int tag = a->prompt.tag, r = VIEW_REDRAW;

	lineedit_free(&a->prompt.le);
	a->prompt.active = false;
	curs_set(0);
	if (v && v->ops->prompt)
		r |= v->ops->prompt(v, tag, text, ev);
	free(text);
	return r;
}

/* Live prompts: what was typed goes to the view once no more keys are
 * waiting (a paste is saved once, not per byte). */
static int app_prompt_flush(struct app *a, bool force)
{
	struct view *v = a->prompt.owner;
	int ch;

	if (!a->prompt.active || !a->prompt.dirty)
		return 0;
	if (!force) {
		timeout(0);
		ch = getch();
		if (ch != ERR) {
			ungetch(ch);
			return 0;
		}
	}
	a->prompt.dirty = false;
	return v && v->ops->prompt ?
		v->ops->prompt(v, a->prompt.tag, lineedit_text(&a->prompt.le),
			       PROMPT_CHANGED) : 0;
}

bool app_line_key(struct lineedit *le, int ch, bool *changed)
{
	switch (ch) {
	case KEY_LEFT: case 2:			/* C-b */
		*changed = lineedit_left(le);
		break;
	case KEY_RIGHT: case 6:			/* C-f */
		*changed = lineedit_right(le);
		break;
	case KEY_HOME: case KEY_FIND: case 1:	/* C-a */
		*changed = lineedit_home(le);
		break;
	case KEY_END: case KEY_SELECT: case 5:	/* C-e */
		*changed = lineedit_end(le);
		break;
	case KEY_BACKSPACE: case 127: case 8:
		*changed = lineedit_backspace(le);
		break;
	case KEY_DC: case 4:			/* C-d */
		*changed = lineedit_delete(le);
		break;
	case 21:				/* C-u */
		*changed = lineedit_kill_start(le);
		break;
	case 23:				/* C-w */
		*changed = lineedit_kill_word(le);
		break;
	default:
		if (ch < 0 || ch > 255)
			return false;	/* another curses key */
		*changed = lineedit_byte(le, ch);
		break;
	}
	return true;
}

/* A key while the prompt is open: editing keys, Enter, Esc. */
static int app_prompt_key(struct app *a, int ch)
{
	bool changed = false;

	if (a->prompt.confirm)
		return app_prompt_end(a, ch == 'y' || ch == 'Y' ? PROMPT_ENTER
				      : PROMPT_CANCEL);
	switch (ch) {
	case '\r': case '\n': case KEY_ENTER:
		app_prompt_flush(a, true);
		return app_prompt_end(a, PROMPT_ENTER);
	case 27:
		a->prompt.dirty = false;
		return app_prompt_end(a, PROMPT_CANCEL);
	default:
		app_line_key(&a->prompt.le, ch, &changed);
		break;
	}
	if (changed && a->prompt.live)
		a->prompt.dirty = true;
	return VIEW_HANDLED;
}

static int app_loop(struct app *a)
{
	int fast_errors = 0;
	long last_poll = now_ms();

	app_draw(a);
	while (a->nviews > 0) {
		long t0;
		int ch, r;
		enum action act;

		if (term_signal_pending())
			return 128 + term_signal_pending();
		/* What was judged afresh is stored once it is on the screen. */
		dashboard_keep(&a->dash);
		t0 = now_ms();
		ch = term_getkey(500);
		if (ch == ERR && script_over())
			return script_failed() ? 1 : 0;
		if (ch == ERR) {
			if (input_gone(&fast_errors, now_ms() - t0))
				return 129;	/* as if SIGHUP */
			app_poll_data(a, &last_poll);
			continue;
		}
		fast_errors = 0;
		if (ch == KEY_RESIZE) {
			app_draw(a);
			continue;
		}
		act = keymap_action(app_top(a)->ops->keys, ch);
		if (a->cols < APP_MIN_COLS || a->rows < APP_MIN_ROWS) {
			if ((act == ACT_QUIT || act == ACT_BACK) && !a->prompt.active)
				return 0;
			continue;
		}
		a->message[0] = '\0';
		if (a->prompt.active) {
			r = app_prompt_key(a, ch);
			r |= app_prompt_flush(a, false);
		} else if (keymap_action_edits(act) && app_refuse_edit(a)) {
			r = VIEW_HANDLED;
		} else {
			r = app_top(a)->ops->key(app_top(a), act, ch);
			if (r == VIEW_IGNORED)
				r = app_global_key(a, act);
		}
		if (r & VIEW_QUIT)
			return 0;
		if (r & VIEW_BACK) {
			app_pop(a);
			if (a->reload_after_back) {
				/* A form saved: every screen shows the change. */
				a->reload_after_back = false;
				app_reload(a);
			} else if (a->nviews && app_top(a)->ops->resume) {
				app_top(a)->ops->resume(app_top(a));
			}
			r |= VIEW_REDRAW;
		}
		if (a->nviews == 0)
			break;
		if (r & VIEW_REDRAW) {
			app_draw(a);
		} else {
			/* The view drew what changed; the status line may
			 * have news. Only the difference goes out. */
			app_draw_status(a);
			refresh();
		}
	}
	return 0;
}

/* The theme: the configured (or --theme) file over the built-in one;
 * monochrome without colours. Its problems go to stderr before the screen
 * opens, as the configuration's do. A theme that is not found leaves the
 * built-in one and a note for the status line; a broken file refuses to
 * start (msg). */
static int app_theme(const struct config *cfg, bool no_color, struct theme *t,
		     char *note, size_t nn, char *msg, size_t mn)
{
	struct diag_report rep = { 0 };
	int rc;

	note[0] = '\0';
	if (no_color) {
		theme_monochrome(t);
		return 0;
	}
	rc = theme_use(cfg->theme, cfg->theme_file, cfg->theme_line, t, &rep);
	setup_print_problems(&rep, false);
	if (rc != 0)
		snprintf(msg, mn, "the theme '%s' has errors; see `bpowatch config "
			 "check`", cfg->theme);
	else if (rep.warnings)
		snprintf(note, nn, "theme '%s' not found: using the built-in dark "
			 "theme", cfg->theme);
	diag_free(&rep);
	return rc != 0 ? -1 : 0;
}

int app_run(struct store *store, const struct config *cfg, const char *db_label,
	    const struct term_opts *o, char *msg, size_t mn)
{
	struct theme t;
	struct app a;
	char warn[256], note[128];
	int rc;

	memset(&a, 0, sizeof(a));
	a.store = store;
	a.cfg = cfg;
	a.db_label = db_label;
	if (app_theme(cfg, o->no_color, &t, note, sizeof(note), msg, mn) != 0)
		return 1;
	if (app_load(&a) != 0) {
		snprintf(msg, mn, "%s", a.message);
		return 1;
	}
	if (term_start(o, warn, sizeof(warn), msg, mn) != 0) {
		rc = 1;
		goto out;
	}
	color_setup(&t, !o->no_color);
	if (warn[0])
		app_message(&a, "%.250s", warn);
	else if (note[0])
		app_message(&a, "%s", note);
	getmaxyx(stdscr, a.rows, a.cols);
	app_push(&a, view_overview_new(&a));
	rc = a.nviews ? app_loop(&a) : 1;
	/* A signal or a lost terminal mid-prompt: keep what was typed. */
	app_prompt_flush(&a, true);
	if (a.prompt.active)
		lineedit_free(&a.prompt.le);
	if (rc == 1)
		snprintf(msg, mn, "%s", a.message);
	while (a.nviews > 0)
		app_pop(&a);
	term_stop();
out:
	dashboard_free(&a.dash);
	return rc;
}
