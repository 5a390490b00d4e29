/* draw.c: bars, boxes, badges, sparklines and charts on the standard
 * screen. Every string from data goes through term_put. */
#include "draw.h"

#include <curses.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "app.h"
#include "color.h"
#include "listnav.h"
#include "sparkline.h"
#include "strbuf.h"
#include "term.h"
#include "text.h"
#include "timemodel.h"

enum theme_role draw_status_role(enum status s)
{
	switch (s) {
	case STATUS_OK: return ROLE_OK;
	case STATUS_WATCH: return ROLE_WATCH;
	case STATUS_ALERT: return ROLE_ALERT;
	case STATUS_NODATA: return ROLE_NO_DATA;
	default: return ROLE_DIM;
	}
}

int draw_text(int y, int x, const char *s, int cols, enum theme_role r)
{
	attr_t at = color_attr(r);
	int used;

	attron(at);
	used = term_put(stdscr, y, x, s, cols);
	attroff(at);
	return used;
}

void draw_field(int y, int x, const char *s, int cols, enum theme_role r)
{
	attr_t at = color_attr(r);
	int used;

	if (cols <= 0)
		return;
	attron(at);
	used = term_put(stdscr, y, x, s, cols);
	if (used < cols)
		mvhline(y, x + used, ' ', cols - used);
	attroff(at);
}

void draw_bar(int y, enum theme_role r, const char *left, const char *right)
{
	int cols = getmaxx(stdscr), rw = 0, room;
	unsigned flags = term_utf8() ? 0 : TEXT_ASCII;
	attr_t at = color_attr(r);
	char *clean;

	attron(at);
	mvhline(y, 0, ' ', cols);
	if (right && *right) {
		/* The right text gets what the left leaves, a fifth at least. */
		clean = text_clean(left, flags, -1);
		room = cols - 4 - text_width(clean);
		free(clean);
		if (room < cols / 5)
			room = cols / 5;
		clean = text_clean(right, flags, room);
		rw = text_width(clean);
		mvaddstr(y, cols - rw - 1, clean);
		free(clean);
	}
	term_put(stdscr, y, 1, left, cols - rw - (rw ? 3 : 2));
	attroff(at);
}

static void title_right(const struct app *a, char *buf, size_t n)
{
	snprintf(buf, n, "as of %.7s%s", a->dash.as_of,
		 strcmp(a->dash.as_of, a->dash.judged) != 0 ? " ([ ] months)" : "");
}

void draw_title(const struct app *a, const char *where)
{
	char right[64];

	title_right(a, right, sizeof(right));
	draw_bar(0, ROLE_TITLE, where, right);
}

/* Display width of s as the screen shows it. */
static int shown_width(const char *s, unsigned flags)
{
	char *clean = text_clean(s, flags, -1);
	int w = text_width(clean);

	free(clean);
	return w;
}

void draw_title_named(const struct app *a, const char *before, const char *name,
		      const char *after)
{
	unsigned flags = term_utf8() ? 0 : TEXT_ASCII;
	char right[64], *cut;
	struct strbuf where = { 0 };
	int room;

	title_right(a, right, sizeof(right));
	room = getmaxx(stdscr) - 4 - shown_width(right, flags) -
	       shown_width(before, flags) - shown_width(after, flags);
	cut = text_clean(name, flags, room < 8 ? 8 : room);
	strbuf_add(&where, before);
	strbuf_add(&where, cut);
	strbuf_add(&where, after);
	draw_bar(0, ROLE_TITLE, strbuf_str(&where), right);
	strbuf_free(&where);
	free(cut);
}

/* Line drawing in UTF-8 is written as the box characters themselves: the
 * ACS alternate character set shows as "qqqq" through some terminals and
 * captures. ASCII mode uses + - |. */
static void line_h(int y, int x, int n, const char *g)
{
	int i;

	move(y, x);
	for (i = 0; i < n; i++)
		addstr(g);
}

static void line_v(int y, int x, int n, const char *g)
{
	int i;

	for (i = 0; i < n; i++)
		mvaddstr(y + i, x, g);
}

void draw_box(int y, int x, int h, int w, enum theme_role r, const char *title,
	      enum theme_role title_role, const char *label,
	      enum theme_role label_role)
{
	bool u = term_utf8();
	const char *hz = u ? "\xe2\x94\x80" : "-", *vt = u ? "\xe2\x94\x82" : "|";
	attr_t at = color_attr(r);
	int lw = 0, i;

	if (h < 2 || w < 4)
		return;
	attron(at);
	line_h(y, x + 1, w - 2, hz);
	line_h(y + h - 1, x + 1, w - 2, hz);
	line_v(y + 1, x, h - 2, vt);
	line_v(y + 1, x + w - 1, h - 2, vt);
	mvaddstr(y, x, u ? "\xe2\x94\x8c" : "+");
	mvaddstr(y, x + w - 1, u ? "\xe2\x94\x90" : "+");
	mvaddstr(y + h - 1, x, u ? "\xe2\x94\x94" : "+");
	mvaddstr(y + h - 1, x + w - 1, u ? "\xe2\x94\x98" : "+");
	attroff(at);
	for (i = 1; i < h - 1; i++)
		mvhline(y + i, x + 1, ' ', w - 2);
	if (label && *label) {
		lw = (int)strlen(label);
		if (lw > w - 6)
			lw = 0;
		else
			draw_text(y, x + w - lw - 3, label, lw + 2, label_role);
	}
	/* The title keeps a column of line before the label. */
	if (title && *title)
		draw_text(y, x + 1, title, w - 2 - (lw ? lw + 4 : 0), title_role);
}

void draw_status(int y, int x, enum status s, int cols)
{
	char buf[24];

	snprintf(buf, sizeof(buf), "%c %s", status_mark(s), status_label(s));
	draw_field(y, x, buf, cols, draw_status_role(s));
}

int draw_spark(int y, int x, const double *v, size_t n, int width,
	       enum theme_role r)
{
	return draw_spark_on(y, x, v, n, width, NAN, NAN, r);
}

int draw_spark_on(int y, int x, const double *v, size_t n, int width,
		  double lo, double hi, enum theme_role r)
{
	char buf[4 * 256 + 1];
	attr_t at = color_attr(r);
	int used;

	if (width <= 0)
		return 0;
	if (width > 256)
		width = 256;
	used = spark_render_on(v, n, width, !term_utf8(), lo, hi, buf, sizeof(buf));
	attron(at);
	mvaddstr(y, x, buf);
	attroff(at);
	return used;
}

static enum theme_role chart_role(unsigned char r)
{
	switch (r) {
	case CHART_AXIS: return ROLE_AXIS;
	case CHART_LABEL: return ROLE_AXIS;
	case CHART_VALUE: return ROLE_VALUE;
	case CHART_WARN: return ROLE_WARN_LINE;
	case CHART_ALERT: return ROLE_ALERT_LINE;
	case CHART_TARGET: return ROLE_PANE_TITLE;
	case CHART_SECOND: return ROLE_PANE_TITLE;
	case CHART_MEDIAN: return ROLE_DIM;
	default: return ROLE_TEXT;
	}
}

void draw_chart(int y, int x, const struct chart *c)
{
	int row, col;

	for (row = 0; row < c->rows; row++) {
		move(y + row, x);
		for (col = 0; col < c->cols; col++) {
			const struct chart_cell *cell = &c->cells[row * c->cols + col];
			attr_t at = color_attr(chart_role(cell->role));

			attron(at);
			addstr(cell->glyph[0] ? cell->glyph : " ");
			attroff(at);
		}
	}
}

void draw_fmt(double v, char *buf, size_t n)
{
	if (isnan(v))
		snprintf(buf, n, "-");
	else if (fabs(v) >= 1e6)
		snprintf(buf, n, "%.3g", v);
	else if (fabs(v) >= 1000)
		snprintf(buf, n, "%.0f", v);
	else
		snprintf(buf, n, "%.1f", v);
}

void draw_fmt_change(double v, char *buf, size_t n)
{
	if (isnan(v))
		buf[0] = '\0';
	else if (fabs(v) >= 1000)
		snprintf(buf, n, "%+.0f", v);
	else
		snprintf(buf, n, "%+.1f", v);
}

void draw_fmt_latest(const struct pf_series_data *s, const char *as_of,
		     char *val, size_t vn, char *side, size_t sn)
{
	char mon[16];

	draw_fmt(s->has_latest ? s->latest : NAN, val, vn);
	if (s->has_latest && timemodel_is_older(s->latest_period, as_of)) {
		timemodel_month_label(s->latest_period, as_of, mon, sizeof(mon));
		snprintf(side, sn, "(%s)", mon);
	} else {
		draw_fmt_change(s->change, side, sn);
	}
}

int draw_wrap(int y, int x, int w, int maxlines, const char *s,
	      enum theme_role r)
{
	char *clean = text_clean(s, term_utf8() ? 0 : TEXT_ASCII, -1);
	char *wrapped = text_wrap(clean, w), *p = wrapped, *q;
	int lines = 0;

	while (*p && lines < maxlines && w > 0) {
		bool more;

		if (lines == maxlines - 1) {	/* the rest on the last line, cut */
			char *o = p;

			for (q = p; *q; q++) {
				if (*q == '\n') {
					*o++ = ' ';
					while (q[1] == ' ')
						q++;
				} else {
					*o++ = *q;
				}
			}
			*o = '\0';
		}
		q = p + strcspn(p, "\n");
		more = *q != '\0';
		*q = '\0';
		if (y >= 0)	/* y < 0: draw_wrap_count */
			draw_field(y + lines, x, p, w, r);
		lines++;
		p = more ? q + 1 : q;
	}
	free(wrapped);
	free(clean);
	return lines;
}

int draw_wrap_count(int w, int maxlines, const char *s)
{
	return draw_wrap(-1, 0, w, maxlines, s, ROLE_TEXT);
}

int draw_more(int y, int x, int w, size_t above, size_t below)
{
	char buf[64];
	int mw;

	listnav_marks(above, below, !term_utf8(), false, buf, sizeof(buf));
	if (buf[0] == '\0')
		return 0;
	mw = shown_width(buf, 0) + 1;
	if (mw > w)
		mw = w;
	if (mw <= 1)
		return 0;
	if (y < 0)	/* only measured */
		return mw;
	draw_field(y, x + w - mw, "", 1, ROLE_DIM);
	draw_text(y, x + w - mw + 1, buf, mw - 1, ROLE_DIM);
	return mw;
}

int draw_list_marks(int y, int x, int w, size_t top, size_t shown, size_t count)
{
	size_t above, below;

	listnav_hidden(top, shown, count, &above, &below);
	return draw_more(y, x, w, above, below);
}
