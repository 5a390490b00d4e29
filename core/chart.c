/* chart.c: laying out a bar chart of a monthly series as a cell grid. */
#include "chart.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "xalloc.h"

#define MIN_ROWS 4
#define MIN_COLS 12

static const char *const eighths[8] = {
	"\xe2\x96\x81", "\xe2\x96\x82", "\xe2\x96\x83", "\xe2\x96\x84",
	"\xe2\x96\x85", "\xe2\x96\x86", "\xe2\x96\x87", "\xe2\x96\x88",
};

void chart_axis(double lo, double hi, int ticks, double *alo, double *ahi,
		double *step)
{
	static const double nice[] = { 1, 2, 2.5, 5, 10 };
	double raw, mag;
	size_t i;

	if (!isfinite(lo) || !isfinite(hi)) {
		*alo = 0;
		*ahi = 1;
		*step = 0.25;
		return;
	}
	if (lo > hi) {
		double t = lo;

		lo = hi;
		hi = t;
	}
	if (hi - lo < 1e-9 * (fabs(lo) + 1)) {
		double pad = fabs(lo) * 0.05;

		if (pad < 1)
			pad = 1;
		lo -= pad;
		hi += pad;
	}
	if (ticks < 1)
		ticks = 1;
	raw = (hi - lo) / ticks;
	mag = pow(10, floor(log10(raw)));
	for (i = 0; i < sizeof(nice) / sizeof(*nice) - 1 && nice[i] * mag < raw; i++)
		;
	*step = nice[i] * mag;
	*alo = floor(lo / *step) * *step;
	*ahi = ceil(hi / *step) * *step;
	if (*ahi <= *alo)
		*ahi = *alo + *step;
}

void chart_format(double v, char *buf, size_t n)
{
	if (fabs(v) < 1e-9)
		v = 0;	/* no "-0" */
	snprintf(buf, n, "%.4g", v);
}

static struct chart_cell *cell(struct chart *c, int r, int col)
{
	return &c->cells[r * c->cols + col];
}

static void put(struct chart *c, int r, int col, const char *g, int role)
{
	struct chart_cell *x;

	if (r < 0 || r >= c->rows || col < 0 || col >= c->cols)
		return;
	x = cell(c, r, col);
	snprintf(x->glyph, sizeof(x->glyph), "%s", g);
	x->role = (unsigned char)role;
}

/* Writes ASCII text s from column col on row r. */
static void put_text(struct chart *c, int r, int col, const char *s, int role)
{
	char one[2] = { 0, 0 };

	for (; *s; s++, col++) {
		one[0] = *s;
		put(c, r, col, one, role);
	}
}

/* The plot row (0 at the top) whose band holds value t. */
static int row_of(double t, double lo, double hi, int prow)
{
	int r = (int)floor((t - lo) / (hi - lo) * prow);

	if (r >= prow)
		r = prow - 1;
	if (r < 0)
		r = 0;
	return prow - 1 - r;
}

/* The range the axis must hold: the values and both thresholds. */
static void data_range(const struct chart_spec *s, size_t first, double *lo,
		       double *hi)
{
	size_t i;

	*lo = INFINITY;
	*hi = -INFINITY;
	for (i = first; i < s->n; i++)
		if (isfinite(s->v[i])) {
			*lo = fmin(*lo, s->v[i]);
			*hi = fmax(*hi, s->v[i]);
		}
	if (isfinite(s->warn)) {
		*lo = fmin(*lo, s->warn);
		*hi = fmax(*hi, s->warn);
	}
	if (isfinite(s->alert)) {
		*lo = fmin(*lo, s->alert);
		*hi = fmax(*hi, s->alert);
	}
}

static void draw_bar(struct chart *c, const struct chart_spec *s, int col,
		     int width, double v, int prow)
{
	long h8 = lround((v - c->lo) / (c->hi - c->lo) * prow * 8);
	int b;

	if (h8 < 1)
		h8 = 1;	/* a value at the bottom still shows */
	if (h8 > prow * 8)
		h8 = prow * 8;
	for (b = 0; b < prow; b++) {
		long fill = h8 - b * 8L;
		int r = prow - 1 - b;

		int k;

		if (fill <= 0)
			break;
		for (k = 0; k < width; k++) {
			if (s->ascii)
				put(c, r, col + k, fill >= 4 ? "#" : b == 0 ? "_" : " ",
				    fill >= 4 || b == 0 ? CHART_VALUE : CHART_BLANK);
			else
				put(c, r, col + k, eighths[fill >= 8 ? 7 : fill - 1],
				    CHART_VALUE);
		}
	}
}

/* The warn or alert line across its row, and its label in the right
 * margin (the row next to it when that is taken). */
static void draw_line(struct chart *c, const struct chart_spec *s, double t,
		      bool alert, int x0, int pw, int prow, int *label_row)
{
	char label[32], num[24];
	int r, col;

	if (!isfinite(t))
		return;
	r = row_of(t, c->lo, c->hi, prow);
	/* Across the bars too: a threshold hidden behind them is no use. */
	for (col = x0; col < x0 + pw; col++)
		put(c, r, col, alert ? (s->ascii ? "=" : "\xe2\x94\x81")
			    : (s->ascii ? "-" : "\xe2\x95\x8c"),
			    alert ? CHART_ALERT : CHART_WARN);
	chart_format(t, num, sizeof(num));
	snprintf(label, sizeof(label), "%c %s", alert ? 'A' : 'W', num);
	if (*label_row == r)
		r = r > 0 ? r - 1 : r + 1;
	put_text(c, r, x0 + pw + 1, label, alert ? CHART_ALERT : CHART_WARN);
	*label_row = r;
}

/* Month labels under the axis: the first month, every few months after
 * it with room to spare, and the last month right-aligned under its bar. */
static void draw_month_labels(struct chart *c, const struct chart_spec *s,
			      int x0, size_t count, int cw)
{
	const char *first, *last;
	int r = c->rows - 1, len, last_len, last_at, next_free = x0;
	size_t i, step;

	if (s->labels == NULL || count == 0)
		return;
	first = s->labels[c->first];
	last = s->labels[c->first + count - 1];
	len = first ? (int)strlen(first) : 0;
	last_len = last ? (int)strlen(last) : 0;
	last_at = x0 + (int)count * cw - last_len;
	step = ((size_t)len + 4 + (size_t)cw - 1) / (size_t)cw;
	for (i = 0; len > 0 && i < count; i += step) {
		const char *l = s->labels[c->first + i];
		int at = x0 + (int)i * cw;

		if (l == NULL || (int)strlen(l) != len)
			continue;
		if ((i > 0 && count > 1 && at + len + 2 > last_at) ||
		    at + len > c->cols)
			break;
		put_text(c, r, at, l, CHART_LABEL);
		next_free = at + len + 2;
	}
	if (count > 1 && last_len > 0 && last_at >= next_free &&
	    last_at + last_len <= c->cols)
		put_text(c, r, last_at, last, CHART_LABEL);
}

int chart_render(const struct chart_spec *s, struct chart *out)
{
	char top[24], bottom[24], mid[24], wl[32], al[32];
	int lw, rw = 0, pw, prow, x0, r, col, cw;
	double lo, hi, step;
	size_t count, avail, i;
	int label_row = -1;

	memset(out, 0, sizeof(*out));
	if (s->rows < MIN_ROWS || s->cols < MIN_COLS)
		return -1;
	prow = s->rows - 2;	/* the x axis and the month labels below */

	/* The right margin holds the threshold labels. */
	if (isfinite(s->warn)) {
		chart_format(s->warn, wl, sizeof(wl));
		rw = (int)strlen(wl) + 2;
	}
	if (isfinite(s->alert)) {
		chart_format(s->alert, al, sizeof(al));
		if ((int)strlen(al) + 2 > rw)
			rw = (int)strlen(al) + 2;
	}

	/* The y labels need the range, the range needs the months shown,
	 * which need the label width: settle it with a first guess of 5. */
	lw = 5;
	pw = s->cols - lw - 1 - (rw ? rw + 1 : 0);
	if (pw < 1)
		return -1;
	/* Months before the first value are left out: the series starts
	 * where the data does. */
	for (i = 0; i < s->n && !isfinite(s->v[i]); i++)
		;
	avail = i < s->n ? s->n - i : s->n;
	count = avail < (size_t)pw ? avail : (size_t)pw;
	out->first = s->n - count;
	data_range(s, out->first, &lo, &hi);
	if (!isfinite(lo))
		lo = hi = NAN;
	chart_axis(lo, hi, prow > 4 ? 4 : prow, &out->lo, &out->hi, &step);
	chart_format(out->hi, top, sizeof(top));
	chart_format(out->lo, bottom, sizeof(bottom));
	chart_format((out->lo + out->hi) / 2, mid, sizeof(mid));
	lw = (int)strlen(top);
	if ((int)strlen(bottom) > lw)
		lw = (int)strlen(bottom);
	if (prow >= 5 && (int)strlen(mid) > lw)
		lw = (int)strlen(mid);
	pw = s->cols - lw - 1 - (rw ? rw + 1 : 0);
	if (pw < 1)
		return -1;
	if (count > (size_t)pw) {
		count = (size_t)pw;
		out->first = s->n - count;
	}
	x0 = lw + 1;

	out->rows = s->rows;
	out->cols = s->cols;
	out->cells = xcalloc((size_t)out->rows * (size_t)out->cols,
			     sizeof(*out->cells));
	for (r = 0; r < out->rows; r++)
		for (col = 0; col < out->cols; col++)
			put(out, r, col, " ", CHART_BLANK);

	/* Y axis with its labels, x axis. */
	for (r = 0; r < prow; r++)
		put(out, r, lw, s->ascii ? "|" : "\xe2\x94\x82", CHART_AXIS);
	put_text(out, 0, lw - (int)strlen(top), top, CHART_LABEL);
	put_text(out, prow - 1, lw - (int)strlen(bottom), bottom, CHART_LABEL);
	if (prow >= 5)
		put_text(out, prow / 2, lw - (int)strlen(mid), mid, CHART_LABEL);
	put(out, prow, lw, s->ascii ? "+" : "\xe2\x94\x94", CHART_AXIS);

	/* Few months on a wide chart: each gets several columns (a bar and,
	 * from three columns on, a gap). */
	cw = count ? pw / (int)count : 1;
	cw = cw < 1 ? 1 : cw > 6 ? 6 : cw;
	for (i = 0; i < count; i++)
		if (isfinite(s->v[out->first + i]))
			draw_bar(out, s, x0 + (int)i * cw, cw >= 3 ? cw - 1 : cw,
				 s->v[out->first + i], prow);
	pw = (int)count * cw > 0 ? (int)count * cw : pw;
	for (col = x0; col < x0 + pw; col++)
		put(out, prow, col, s->ascii ? "-" : "\xe2\x94\x80", CHART_AXIS);
	draw_line(out, s, s->alert, true, x0, pw, prow, &label_row);
	draw_line(out, s, s->warn, false, x0, pw, prow, &label_row);
	draw_month_labels(out, s, x0, count, cw);
	return 0;
}

void chart_free(struct chart *c)
{
	if (c == NULL)
		return;
	free(c->cells);
	memset(c, 0, sizeof(*c));
}
