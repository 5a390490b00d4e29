/* chart.c: laying out a bar chart of a monthly series as a cell grid. */
#include "chart.h"

#include <float.h>
#include <limits.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "text.h"
#include "xalloc.h"

#define MIN_ROWS 4
#define MIN_COLS 12
#define MIN_PLOT 6	/* plot columns the threshold labels must leave */

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
	/* Beyond this hi - lo and the rounding below overflow to inf/NaN. */
	lo = fmin(fmax(lo, -DBL_MAX / 4), DBL_MAX / 4);
	hi = fmin(fmax(hi, -DBL_MAX / 4), DBL_MAX / 4);
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

/* The middle y label: the value at its row to the precision the axis can
 * show (a tenth of a step of a tenth of the range), not "80.77". */
static void mid_label(double v, double range, char *buf, size_t n)
{
	int dec = range >= 10 ? 1 : range >= 1 ? 2 : 3;
	char *e;

	if (fabs(v) < 1e-9)
		v = 0;
	snprintf(buf, n, "%.*f", dec, v);
	if (strchr(buf, '.') != NULL) {	/* 80.0 -> 80, 2.50 -> 2.5 */
		for (e = buf + strlen(buf) - 1; *e == '0'; e--)
			*e = '\0';
		if (*e == '.')
			*e = '\0';
	}
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

/* Where the parts of the chart go. */
struct layout {
	int lw;		/* y label width; the y axis is column lw */
	int rw;		/* right margin for "W 78", 0 when left out */
	int pw;		/* plot columns available */
	int prow;	/* plot rows; then the x axis and month labels */
	size_t count;		/* months shown */
	bool marks;		/* a marker column beside each bar */
	bool ascii;
	int better;		/* chart_spec.better */
	char top[24], mid[24], bottom[24];	/* y labels */
	/* The lines a bar must show itself above or below: the target, warn
	 * and alert values and their heights in eighths of a row. */
	double tv[3];
	long t8[3];
	int nt;
};

/* Height of a bar of value v in eighths of a row, 1..prow*8: a value at
 * the bottom still shows. */
static long height8(double v, double lo, double hi, int prow)
{
	double pos = (v - lo) / (hi - lo);
	long h8;

	if (!(pos > 0))
		pos = 0;
	if (pos > 1)
		pos = 1;
	h8 = lround(pos * prow * 8);
	return h8 < 1 ? 1 : h8;
}

/* The range the axis must hold: the values shown and both thresholds. */
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
	for (i = first; s->target && i < s->n; i++)
		if (isfinite(s->target[i])) {
			*lo = fmin(*lo, s->target[i]);
			*hi = fmax(*hi, s->target[i]);
		}
	for (i = first; s->second && i < s->n; i++)
		if (isfinite(s->second[i])) {
			*lo = fmin(*lo, s->second[i]);
			*hi = fmax(*hi, s->second[i]);
		}
	for (i = first; s->median && i < s->n; i++)
		if (isfinite(s->median[i])) {
			*lo = fmin(*lo, s->median[i]);
			*hi = fmax(*hi, s->median[i]);
		}
	if (!isfinite(*lo))
		*lo = *hi = NAN;
}

/* Width of a threshold label "W 78", 0 when t is none. */
static int threshold_width(double t)
{
	char num[24];

	if (!isfinite(t))
		return 0;
	chart_format(t, num, sizeof(num));
	return (int)strlen(num) + 2;
}

static int max_int(int a, int b)
{
	return a > b ? a : b;
}

/* The latest contract target of the series, NaN when none. */
static double latest_target(const struct chart_spec *s)
{
	size_t i;

	for (i = s->n; s->target && i > 0; i--)
		if (isfinite(s->target[i - 1]))
			return s->target[i - 1];
	return NAN;
}

static bool any_finite(const double *v, size_t n)
{
	size_t i;

	for (i = 0; v && i < n; i++)
		if (isfinite(v[i]))
			return true;
	return false;
}

/* The smallest step of 1, 2, 2.5 or 5 times a power of ten that is at
 * least x. */
static double nice_at_least(double x)
{
	static const double nice[] = { 1, 2, 2.5, 5 };
	double mag;
	size_t i;

	if (!(x > 0) || !isfinite(x))
		return 1;
	mag = pow(10, floor(log10(x)));
	for (i = 0; i < sizeof(nice) / sizeof(*nice); i++)
		if (nice[i] * mag >= x * (1 - 1e-12))
			return nice[i] * mag;
	return 10 * mag;
}

/* Rows a scale of d per row needs to hold a..b with p on a row boundary,
 * at least one row on each side of it; the rows below p in *down. */
static int rows_around(double a, double b, double p, double d, int *down)
{
	double up = ceil((b - p) / d - 1e-9), dn = ceil((p - a) / d - 1e-9);

	up = up < 1 ? 1 : up;
	dn = dn < 1 ? 1 : dn;
	if (up + dn > 1e6)
		return INT_MAX;
	*down = (int)dn;
	return (int)(up + dn);
}

/* The value range of the plot: with a line to tell above from below, one
 * that puts it (the alert, else the warn, else the target) on a row
 * boundary, and the warn line too when that costs at most 2.5 times the
 * resolution; spare rows go below (not under 0 when the values are not).
 * Without a line, or with one so far from the values that the aligned
 * scale would run below a zero the values do not, a readable axis as
 * chart_axis makes it (bar_h8 still keeps each bar on its side). */
static void plot_range(const struct chart_spec *s, size_t first, int prow,
		       double *lo, double *hi)
{
	double a, b, p, q = NAN, d, step;
	int dn, spare, guard;

	data_range(s, first, &a, &b);
	p = isfinite(s->alert) ? s->alert : isfinite(s->warn) ? s->warn :
	    latest_target(s);
	if (isfinite(s->alert) && isfinite(s->warn))
		q = s->warn;
	if (!isfinite(a) || !isfinite(p) || fabs(a) > DBL_MAX / 8 ||
	    fabs(b) > DBL_MAX / 8) {
		chart_axis(a, b, prow > 4 ? 4 : prow, lo, hi, &step);
		return;
	}
	if (b - a < 1e-9 * (fabs(a) + 1)) {
		double pad = fmax(fabs(a) * 0.05, 1);

		a -= pad;
		b += pad;
	}
	d = nice_at_least((b - a) / prow);
	for (guard = 0; guard < 64 && rows_around(a, b, p, d, &dn) > prow; guard++)
		d = nice_at_least(d * 1.0001);
	if (isfinite(q) && fabs(q - p) > 1e-9 * (fabs(p) + 1)) {
		double gap = fabs(q - p);
		int k;

		for (k = (int)fmin(floor(gap / d + 1e-9), 1000); k >= 1; k--) {
			double d2 = gap / k;

			if (d2 > 2.5 * d)
				break;
			if (rows_around(a, b, p, d2, &dn) <= prow) {
				d = d2;
				break;
			}
		}
	}
	spare = prow - rows_around(a, b, p, d, &dn);
	if (a >= 0 && p - dn * d < -1e-9 * d) {
		/* A line far from the values: an aligned scale would run
		 * below zero; the bars still show which side they are on. */
		chart_axis(a, b, prow > 4 ? 4 : prow, lo, hi, &step);
		return;
	}
	*lo = p - dn * d;
	for (; spare > 0 && !(a >= 0 && *lo - d < -1e-9); spare--)
		*lo -= d;
	*hi = *lo + prow * d;
}

/* Settles label width, margin, months shown and axis range, which depend
 * on each other: the y labels need the range, the range needs the months
 * shown, which need the label width. The width only grows, so this ends.
 * 0, or -1 when no plot column is left. */
static int layout_plan(const struct chart_spec *s, struct chart *out,
		       struct layout *l)
{
	int margin = max_int(max_int(threshold_width(s->warn),
				     threshold_width(s->alert)),
			     threshold_width(latest_target(s)));
	size_t start, avail;
	int want, per;

	l->prow = s->rows - 2;
	l->marks = any_finite(s->second, s->n) || any_finite(s->median, s->n);
	l->ascii = s->ascii;
	l->better = s->better;
	per = l->marks ? 2 : 1;
	/* Months before the first value are left out: the series starts
	 * where the data does. With no value at all, keep them for the
	 * month labels. */
	for (start = 0; start < s->n && !isfinite(s->v[start]); start++)
		;
	avail = start < s->n ? s->n - start : s->n;
	l->lw = 1;
	for (;;) {
		int room = s->cols - l->lw - 1;

		/* The threshold labels only where they leave a usable plot;
		 * the lines still differ by glyph without them. */
		l->rw = margin && room - margin - 1 >= MIN_PLOT ? margin : 0;
		l->pw = room - (l->rw ? l->rw + 1 : 0);
		if (l->pw < 1)
			return -1;
		l->count = avail < (size_t)(l->pw / per) ? avail : (size_t)(l->pw / per);
		if (l->count == 0)
			return -1;
		out->first = s->n - l->count;
		plot_range(s, out->first, l->prow, &out->lo, &out->hi);
		chart_format(out->hi, l->top, sizeof(l->top));
		chart_format(out->lo, l->bottom, sizeof(l->bottom));
		/* The value at the top of the middle row, where its label is. */
		mid_label(out->hi - (l->prow / 2) * (out->hi / l->prow - out->lo / l->prow),
			  out->hi - out->lo, l->mid, sizeof(l->mid));
		want = max_int((int)strlen(l->top), (int)strlen(l->bottom));
		if (l->prow >= 5)
			want = max_int(want, (int)strlen(l->mid));
		if (want <= l->lw)
			return 0;
		l->lw = want;
	}
}

/* The eighths a bar of value v gets: its height, moved so that a value
 * above one of the lines ends above the line's height and a value below
 * ends below it (the alert, drawn last, wins a conflict). */
static long bar_h8(const struct chart *c, const struct layout *l, double v)
{
	long h8 = height8(v, c->lo, c->hi, l->prow), top = (long)l->prow * 8;
	int i;

	for (i = 0; i < l->nt; i++) {
		/* A value on the line is on its good side: above it when
		 * higher is better, below it when lower is. */
		bool above = v > l->tv[i] || (v == l->tv[i] && l->better > 0);
		bool below = v < l->tv[i] || (v == l->tv[i] && l->better < 0);

		if (above && h8 <= l->t8[i])
			h8 = l->t8[i] + 1;
		else if (below && h8 >= l->t8[i])
			h8 = l->t8[i] - 1;
	}
	return h8 < 1 ? 1 : h8 > top ? top : h8;
}

/* The row a line of height t8 (eighths) is drawn in: where a bar just
 * above it has its top. */
static int line_row(const struct layout *l, long t8)
{
	int r = l->prow - 1 - (int)(t8 / 8);

	return r < 0 ? 0 : r >= l->prow ? l->prow - 1 : r;
}

/* The height of a line in eighths (a row boundary when the scale put it
 * on one); in ASCII, where a cell is blank, '_' or '#', to the nearest
 * half cell, so that bars on either side differ by glyph. */
static long line_h8(const struct chart *c, const struct layout *l, double t)
{
	double pos = (t - c->lo) / (c->hi - c->lo);

	pos = pos < 0 ? 0 : pos > 1 ? 1 : pos;
	if (l->ascii)
		return 4 * lround(pos * l->prow * 2);
	return lround(pos * l->prow * 8);
}

static void draw_bar(struct chart *c, const struct chart_spec *s,
		     const struct layout *l, int col, int width, double v)
{
	long h8 = bar_h8(c, l, v);
	int b, k;

	for (b = 0; b < l->prow; b++) {
		long fill = h8 - b * 8L;
		int r = l->prow - 1 - b;

		if (fill <= 0)
			break;
		for (k = 0; k < width; k++) {
			if (s->ascii)
				put(c, r, col + k, fill >= 4 ? "#" : "_", CHART_VALUE);
			else
				put(c, r, col + k, eighths[fill >= 8 ? 7 : fill - 1],
				    CHART_VALUE);
		}
	}
}

/* A marker of value v in column col: the row its height ends in. */
static void draw_marker(struct chart *c, const struct layout *l, int col,
			double v, const char *glyph, int role)
{
	long h8;

	if (!isfinite(v))
		return;
	h8 = height8(v, c->lo, c->hi, l->prow);
	put(c, l->prow - 1 - (int)((h8 - 1) / 8), col, glyph, role);
}

/* Draws glyph in the cells of row r from x0 to x0 + w that hold nothing
 * (or only a line under: the alert is drawn over the warn line and the
 * target); a bar or a marker is never covered. */
static void draw_rule(struct chart *c, int r, int x0, int w, const char *glyph,
		      int role)
{
	int col;

	for (col = x0; col < x0 + w; col++) {
		int was = cell(c, r, col)->role;

		if (was == CHART_BLANK || (role == CHART_ALERT &&
		    (was == CHART_WARN || was == CHART_TARGET)) ||
		    (role == CHART_WARN && was == CHART_TARGET))
			put(c, r, col, glyph, role);
	}
}

/* The warn or alert line across the empty cells of its row. */
static void draw_line(struct chart *c, const struct chart_spec *s,
		      const struct layout *l, bool alert, int x0, int pw)
{
	double t = alert ? s->alert : s->warn;

	if (!isfinite(t))
		return;
	draw_rule(c, line_row(l, line_h8(c, l, t)), x0, pw,
		  alert ? (s->ascii ? "=" : "\xe2\x94\x81")
			: (s->ascii ? "-" : "\xe2\x95\x8c"),
		  alert ? CHART_ALERT : CHART_WARN);
}

/* "W 78" / "A 72" in the right margin, on the line's row: the letter tells
 * the status without colour. The alert label goes first; a warn label on
 * the same row moves one row towards the warn value. */
static void draw_line_labels(struct chart *c, const struct chart_spec *s,
			     const struct layout *l, int x)
{
	char label[32], num[24];
	int ra = -1, rw;

	if (l->rw == 0)
		return;
	if (isfinite(s->alert)) {
		ra = line_row(l, line_h8(c, l, s->alert));
		chart_format(s->alert, num, sizeof(num));
		snprintf(label, sizeof(label), "A %s", num);
		put_text(c, ra, x, label, CHART_ALERT);
	}
	if (!isfinite(s->warn))
		return;
	rw = line_row(l, line_h8(c, l, s->warn));
	/* Sharing the alert's row: one row towards the warn value, or no
	 * label (the legend still names it) rather than one on the wrong
	 * side. */
	if (rw == ra)
		rw = s->warn > s->alert ? rw - 1 : rw + 1;
	if (rw < 0 || rw >= l->prow)
		return;
	chart_format(s->warn, num, sizeof(num));
	snprintf(label, sizeof(label), "W %s", num);
	put_text(c, rw, x, label, CHART_WARN);
}

/* The contract target in the empty cells of the months it is valid in (cw
 * columns each): what the partner signed. "T 90" at the right, on its row
 * or the nearest one the W and A labels left free. */
static void draw_target(struct chart *c, const struct chart_spec *s,
			const struct layout *l, int x0, int cw)
{
	double t = latest_target(s);
	size_t i;

	if (!isfinite(t))
		return;
	for (i = 0; i < l->count; i++) {
		double v = s->target[c->first + i];

		if (isfinite(v))
			draw_rule(c, line_row(l, line_h8(c, l, v)), x0 + (int)i * cw, cw,
				  s->ascii ? "." : "\xe2\x94\x84", CHART_TARGET);
	}
}

static void draw_target_label(struct chart *c, const struct chart_spec *s,
			      const struct layout *l, int xl)
{
	double t = latest_target(s);
	char label[32], num[24];
	int r, d;

	if (!isfinite(t) || l->rw == 0)
		return;
	r = line_row(l, line_h8(c, l, t));
	for (d = 0; d < l->prow; d++) {
		int up = r - d, down = r + d;

		if (up >= 0 && cell(c, up, xl)->role == CHART_BLANK) {
			r = up;
			break;
		}
		if (down < l->prow && cell(c, down, xl)->role == CHART_BLANK) {
			r = down;
			break;
		}
	}
	chart_format(t, num, sizeof(num));
	snprintf(label, sizeof(label), "T %s", num);
	put_text(c, r, xl, label, CHART_TARGET);
}

/* Month label i as plain ASCII (labels reach text reports as well as the
 * screen: no control bytes, one byte per cell); NULL when there is none.
 * Caller frees. */
static char *month_label(const struct chart_spec *s, size_t i)
{
	if (s->labels == NULL || s->labels[i] == NULL)
		return NULL;
	return text_clean(s->labels[i], TEXT_ASCII, -1);
}

/* Month labels under the axis: the first month (cut if it must be), every
 * few months after it with room to spare, and the last month right-aligned
 * under its bar. */
static void draw_month_labels(struct chart *c, const struct chart_spec *s,
			      int x0, size_t count, int cw)
{
	int r = c->rows - 1, len, last_len, last_at, next_free = x0;
	char *first, *last;
	size_t i, step;

	if (s->labels == NULL || count == 0)
		return;
	first = month_label(s, c->first);
	last = count > 1 ? month_label(s, c->first + count - 1) : NULL;
	len = first ? (int)strlen(first) : 0;
	last_len = last ? (int)strlen(last) : 0;
	last_at = x0 + (int)count * cw - last_len;
	if (len > c->cols - x0) {
		char *cut = text_clean(first, TEXT_ASCII, c->cols - x0);

		put_text(c, r, x0, cut, CHART_LABEL);
		free(cut);
		len = 0;	/* no room for more */
		next_free = c->cols;
	}
	step = ((size_t)len + 4 + (size_t)cw - 1) / (size_t)cw;
	for (i = 0; len > 0 && i < count; i += step) {
		char *l = i == 0 ? first : month_label(s, c->first + i);
		int at = x0 + (int)i * cw;
		bool stop = false;

		if (l != NULL && (int)strlen(l) == len) {
			stop = (i > 0 && count > 1 && at + len + 2 > last_at) ||
			       at + len > c->cols;
			if (!stop) {
				put_text(c, r, at, l, CHART_LABEL);
				next_free = at + len + 2;
			}
		}
		if (l != first)
			free(l);
		if (stop)
			break;
	}
	if (count > 1 && last_len > 0 && last_at >= next_free &&
	    last_at + last_len <= c->cols)
		put_text(c, r, last_at, last, CHART_LABEL);
	free(first);
	free(last);
}

int chart_render(const struct chart_spec *s, struct chart *out)
{
	struct layout l;
	int x0, r, col, cw, bw, pw;
	size_t i;

	memset(out, 0, sizeof(*out));
	memset(&l, 0, sizeof(l));
	if (s->rows < MIN_ROWS || s->cols < MIN_COLS)
		return -1;
	if (layout_plan(s, out, &l) < 0) {
		memset(out, 0, sizeof(*out));
		return -1;
	}
	x0 = l.lw + 1;

	out->rows = s->rows;
	out->cols = s->cols;
	out->cells = xcalloc((size_t)out->rows * (size_t)out->cols,
			     sizeof(*out->cells));
	for (r = 0; r < out->rows; r++)
		for (col = 0; col < out->cols; col++)
			put(out, r, col, " ", CHART_BLANK);

	/* Y axis with its labels, x axis. */
	for (r = 0; r < l.prow; r++)
		put(out, r, l.lw, s->ascii ? "|" : "\xe2\x94\x82", CHART_AXIS);
	put_text(out, 0, l.lw - (int)strlen(l.top), l.top, CHART_LABEL);
	put_text(out, l.prow - 1, l.lw - (int)strlen(l.bottom), l.bottom,
		 CHART_LABEL);
	if (l.prow >= 5)
		put_text(out, l.prow / 2, l.lw - (int)strlen(l.mid), l.mid,
			 CHART_LABEL);
	put(out, l.prow, l.lw, s->ascii ? "+" : "\xe2\x94\x94", CHART_AXIS);

	/* Few months on a wide chart: each gets several columns (a bar, the
	 * marker column when there is one and, from three columns on, a
	 * gap). */
	cw = l.count ? l.pw / (int)l.count : 1;
	cw = cw < 1 ? 1 : cw > 6 ? 6 : cw;
	bw = cw - (l.marks ? 1 : 0) - (cw >= 3 ? 1 : 0);
	bw = bw < 1 ? 1 : bw;
	/* The lines each bar shows itself above or below. */
	l.nt = 0;
	if (isfinite(latest_target(s))) {
		l.tv[l.nt] = latest_target(s);
		l.t8[l.nt] = line_h8(out, &l, l.tv[l.nt]);
		l.nt++;
	}
	if (isfinite(s->warn)) {
		l.tv[l.nt] = s->warn;
		l.t8[l.nt] = line_h8(out, &l, s->warn);
		l.nt++;
	}
	if (isfinite(s->alert)) {
		l.tv[l.nt] = s->alert;
		l.t8[l.nt] = line_h8(out, &l, s->alert);
		l.nt++;
	}
	for (i = 0; i < l.count; i++) {
		size_t k = out->first + i;
		int at = x0 + (int)i * cw;

		if (isfinite(s->v[k]))
			draw_bar(out, s, &l, at, bw, s->v[k]);
		if (!l.marks)
			continue;
		if (s->median)
			draw_marker(out, &l, at + bw, s->median[k],
				    s->ascii ? "m" : "\xc2\xb7", CHART_MEDIAN);
		if (s->second)
			draw_marker(out, &l, at + bw, s->second[k],
				    s->ascii ? "p" : "\xe2\x97\x86", CHART_SECOND);
	}
	pw = (int)l.count * cw > 0 ? (int)l.count * cw : l.pw;
	for (col = x0; col < x0 + pw; col++)
		put(out, l.prow, col, s->ascii ? "-" : "\xe2\x94\x80", CHART_AXIS);
	draw_target(out, s, &l, x0, cw);
	draw_line(out, s, &l, false, x0, pw);
	draw_line(out, s, &l, true, x0, pw);
	draw_line_labels(out, s, &l, x0 + pw + 1);
	draw_target_label(out, s, &l, x0 + pw + 1);
	draw_month_labels(out, s, x0, l.count, cw);
	return 0;
}

/* Appends "GLYPH what" to buf (of n), two spaces after what is there. */
static void legend_add(char *buf, size_t n, const char *glyph, const char *what,
		       double num)
{
	size_t len = strlen(buf);
	char v[24] = "";

	if (isfinite(num))
		chart_format(num, v, sizeof(v));
	snprintf(buf + len, n - len, "%s%s %s%s%s", len ? "  " : "", glyph, what,
		 *v ? " " : "", v);
}

void chart_legend(const struct chart_spec *s, char *buf, size_t n)
{
	bool a = s->ascii;

	if (n == 0)
		return;
	buf[0] = '\0';
	legend_add(buf, n, a ? "#" : "\xe2\x96\x88", s->name ? s->name : "value", NAN);
	if (any_finite(s->second, s->n))
		legend_add(buf, n, a ? "p" : "\xe2\x97\x86",
			   s->second_name ? s->second_name : "second series", NAN);
	if (any_finite(s->median, s->n))
		legend_add(buf, n, a ? "m" : "\xc2\xb7", "median", NAN);
	if (isfinite(s->warn))
		legend_add(buf, n, a ? "-" : "\xe2\x95\x8c", "W", s->warn);
	if (isfinite(s->alert))
		legend_add(buf, n, a ? "=" : "\xe2\x94\x81", "A", s->alert);
	if (isfinite(latest_target(s)))
		legend_add(buf, n, a ? "." : "\xe2\x94\x84", "T", latest_target(s));
}

void chart_free(struct chart *c)
{
	if (c == NULL)
		return;
	free(c->cells);
	memset(c, 0, sizeof(*c));
}
