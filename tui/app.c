/* app.c: the dashboard loop. It owns the view stack, turns keys into view
 * calls, and handles resize, signals and a vanished terminal. */
#include "app.h"

#include <errno.h>
#include <poll.h>
#include <stdio.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "term.h"

#define APP_MIN_COLS 40
#define APP_MIN_ROWS 12

static struct view *app_top(struct app *a)
{
	return a->nviews ? a->views[a->nviews - 1] : NULL;
}

static void app_pop(struct app *a)
{
	struct view *v = a->views[--a->nviews];

	v->ops->destroy(v);
}

/* Draws the top view, or the "too small" notice. */
static void app_draw(struct app *a)
{
	getmaxyx(stdscr, a->rows, a->cols);
	erase();
	if (a->cols < APP_MIN_COLS || a->rows < APP_MIN_ROWS) {
		char line[96];

		/* Two short lines, so that most of it fits even at 20x5. */
		mvaddnstr(a->rows / 2 - 1, 0, "terminal too small", a->cols);
		snprintf(line, sizeof(line), "(need %dx%d, have %dx%d)",
			 APP_MIN_COLS, APP_MIN_ROWS, a->cols, a->rows);
		mvaddnstr(a->rows / 2, 0, line, a->cols);
	} else {
		app_top(a)->ops->draw(app_top(a));
	}
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

static int app_loop(struct app *a)
{
	int fast_errors = 0;

	app_draw(a);
	while (a->nviews > 0) {
		long t0;
		int ch, r;

		if (term_signal_pending())
			return 128 + term_signal_pending();
		t0 = now_ms();
		ch = term_getkey(500);
		if (ch == ERR) {
			if (input_gone(&fast_errors, now_ms() - t0))
				return 129;	/* as if SIGHUP */
			continue;
		}
		fast_errors = 0;
		if (ch == KEY_RESIZE) {
			getmaxyx(stdscr, a->rows, a->cols);
			for (r = 0; r < a->nviews; r++)
				if (a->views[r]->ops->resize)
					a->views[r]->ops->resize(a->views[r], a->rows, a->cols);
			app_draw(a);
			continue;
		}
		if (a->cols < APP_MIN_COLS || a->rows < APP_MIN_ROWS) {
			if (ch == 'q')
				return 0;
			continue;
		}
		r = app_top(a)->ops->key(app_top(a), ch);
		if (r == VIEW_IGNORED) {
			if (ch == 'q' || ch == 27)
				r = VIEW_BACK;
			else if (ch == 'r' && app_top(a)->ops->reload)
				r = app_top(a)->ops->reload(app_top(a)) | VIEW_REDRAW;
		}
		if (r & VIEW_QUIT)
			return 0;
		if (r & VIEW_BACK) {
			app_pop(a);
			r |= VIEW_REDRAW;
		}
		if ((r & VIEW_REDRAW) && a->nviews > 0)
			app_draw(a);
	}
	return 0;
}

int app_run(struct store *store, const struct config *cfg, const char *db_label,
	    bool ascii, bool no_color, char *msg, size_t mn)
{
	struct term_opts o = { .ascii = ascii, .no_color = no_color };
	struct app a;
	char warn[256];
	struct view *home;
	int rc;

	memset(&a, 0, sizeof(a));
	a.store = store;
	a.cfg = cfg;
	a.db_label = db_label;
	if (term_start(&o, warn, sizeof(warn), msg, mn) != 0)
		return 1;
	if (warn[0])
		snprintf(a.message, sizeof(a.message), "%.250s", warn);
	getmaxyx(stdscr, a.rows, a.cols);
	home = view_overview_new(&a);
	if (home == NULL) {
		term_stop();
		snprintf(msg, mn, "%s", a.message);
		return 1;
	}
	a.views[a.nviews++] = home;
	rc = app_loop(&a);
	while (a.nviews > 0)
		app_pop(&a);
	term_stop();
	return rc;
}
