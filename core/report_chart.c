/* report_chart.c: a key metric's chart in the QBR pack: its scale
 * (report_chart_fit, a pure function) and its drawing as inline SVG. */
#include "report_chart.h"

#include <math.h>
#include <stdbool.h>
#include <stdio.h>
#include <string.h>

#include "quarter.h"

/* The chart's frame in SVG user units: the plot, the month step, room for
 * the y labels on the left, the edge marks on the right, the quarter
 * labels and the legend below. */
#define CH_W 210
#define CH_H 60
#define CH_X0 28
#define CH_STEP 7
#define CH_X1 (CH_X0 + REPORT_SPARK_MONTHS * CH_STEP)
#define CH_YT 4
#define CH_YB 38
#define CH_FONT 5.5

/* The range of the finite values of v[0..n) widened into [*a, *b]. */
static void widen(const double *v, size_t n, double *a, double *b)
{
	size_t i;

	for (i = 0; v && i < n; i++)
		if (isfinite(v[i])) {
			*a = fmin(*a, v[i]);
			*b = fmax(*b, v[i]);
		}
}

int report_chart_decimals(double span)
{
	double d;

	if (!(span > 0) || !isfinite(span))
		return 0;
	d = ceil(-log10(span / 2) - 1e-9);
	return d < 0 ? 0 : d > 3 ? 3 : (int)d;
}

double report_chart_span(double widest, double min_span)
{
	double span = fmax(isfinite(widest) ? widest : 0,
			   isfinite(min_span) ? min_span : 0), step;

	if (!(span > 0))
		return span;
	step = pow(10, -report_chart_decimals(span));
	/* A step to spare, so that every range this wide fits with its
	 * bottom on the step; then whole pairs of steps. */
	if (isfinite(widest) && span < widest + step)
		span = widest + step;
	return ceil(span / (2 * step) - 1e-9) * 2 * step;
}

double report_chart_widest(const double *const *v, size_t nseries, size_t n)
{
	double a = INFINITY, b = -INFINITY;
	size_t k;

	for (k = 0; k < nseries; k++)
		widen(v[k], n, &a, &b);
	return a <= b ? b - a : 0;
}

void report_chart_fit(const double *const *v, size_t nseries, size_t n,
		      const double *refs, size_t nrefs, double span, double min,
		      double max, double *lo, double *hi)
{
	double a = INFINITY, b = -INFINITY, ra, rb, s, step, l;
	size_t k;

	*lo = *hi = NAN;
	for (k = 0; k < nseries; k++)
		widen(v[k], n, &a, &b);
	if (!(a <= b))
		return;
	s = span > 0 && isfinite(span) ? span : 0;
	if (b - a > s)
		s = b - a;
	if (!(s > 0))		/* one value and no span: a tenth of it */
		s = a != 0 ? report_chart_span(0, fabs(a) / 10) : 1;
	ra = a;
	rb = b;
	widen(refs, nrefs, &ra, &rb);
	/* Centred on all that should show, then moved as little as keeps
	 * every figure inside: lines too far off are clipped, not the data. */
	l = (ra + rb) / 2 - s / 2;
	l = fmin(fmax(l, b - s), a);
	if (isfinite(max) && l + s > max && b <= max)
		l = fmax(max - s, b - s);
	if (isfinite(min) && l < min && a >= min)
		l = min;
	step = pow(10, -report_chart_decimals(s));
	l = floor(l / step + 1e-9) * step;
	*lo = l;
	*hi = l + s;
	if (*hi < b - 1e-9 && *lo + step <= a + 1e-9) {	/* the step moved it */
		*lo += step;				/* past the top figure */
		*hi += step;
	} else if (*hi < b - 1e-9) {	/* a span with no step to spare: two more */
		*hi += 2 * step;
	}
	if (isfinite(max) && *hi > max && b <= max) {	/* past the top: down */
		double d = *hi - max;

		if (*lo - d <= a && !(isfinite(min) && *lo - d < min - 1e-9)) {
			*lo -= d;
			*hi = max;
		}
	}
}

/* y of value v on lo..hi, unclipped. */
static double ch_y(double lo, double hi, double v)
{
	return CH_YB - (v - lo) / (hi - lo) * (CH_YB - CH_YT);
}

static double ch_x(int month)
{
	return CH_X0 + month * CH_STEP + CH_STEP / 2.0;
}

static bool any(const double *v)
{
	int i;

	for (i = 0; i < REPORT_SPARK_MONTHS; i++)
		if (isfinite(v[i]))
			return true;
	return false;
}

/* The labels at the right edge so far, so that they stack instead of
 * overlapping. */
#define CH_MAX_MARKS 16
struct marks {
	double y[CH_MAX_MARKS];
	int n;
};

/* Whether a label's baseline at y is inside the chart (its glyphs too)
 * and clear of the labels placed so far. */
static bool ch_free(const struct marks *mk, double y)
{
	int i;

	if (y < CH_YT + 1 || y > CH_YB + 8)
		return false;
	for (i = 0; i < mk->n; i++)
		if (fabs(mk->y[i] - y) < CH_FONT - 0.5)
			return false;
	return true;
}

/* Where a label wanted at y goes: the nearest free place in direction dir
 * (+1 down, -1 up), or either way when dir is 0. */
static double ch_place(struct marks *mk, double y, double dir)
{
	int k;

	for (k = 0; k < CH_MAX_MARKS; k++) {
		if (dir >= 0 && ch_free(mk, y + k * CH_FONT)) {
			y += k * CH_FONT;
			break;
		}
		if (dir <= 0 && ch_free(mk, y - k * CH_FONT)) {
			y -= k * CH_FONT;
			break;
		}
	}
	if (mk->n < CH_MAX_MARKS)
		mk->y[mk->n++] = y;
	return y;
}

static int ch_off(const struct report_metric *rm, double v);
static void ch_off_marks(struct strbuf *b, int off, const char *name,
			 struct marks *mk);

/* A line at level v labelled name at the plot's right edge (moved in
 * direction dir when taken, 0: to the nearest free place); a level off
 * the scale is clipped: its label sits at the edge with an arrow. Returns
 * the y inside the plot, NaN when clipped. */
static double ch_level(struct strbuf *b, const struct report_metric *rm,
		       double v, const char *name, double dir, struct marks *mk)
{
	double y = ch_y(rm->spark_lo, rm->spark_hi, v);

	if (ch_off(rm, v)) {
		ch_off_marks(b, ch_off(rm, v), name, mk);
		return NAN;
	}
	strbuf_addf(b, "<text x=\"%d\" y=\"%.1f\" font-size=\"%.1f\">%s</text>",
		    CH_X1 + 2, ch_place(mk, y + 2, dir), CH_FONT, name);
	return y;
}

/* Where a month's value lies: 0 inside the scale, 1 above, 2 below. */
static int ch_off(const struct report_metric *rm, double v)
{
	double y = ch_y(rm->spark_lo, rm->spark_hi, v);

	return y < CH_YT - 0.01 ? 1 : y > CH_YB + 0.01 ? 2 : 0;
}

/* A series as polylines broken at missing months; dash NULL for solid;
 * dot the last. The figures are inside the scale (report_chart_fit saw
 * them); a reference line (gap true) breaks where it leaves the scale.
 * Returns the edges it left by: 1 above, 2 below, or both. */
static int ch_series(struct strbuf *b, const struct report_metric *rm,
		     const double *v, const char *cls, const char *stroke,
		     double width, const char *dash, bool dot, bool gap)
{
	bool open = false;
	int i, last = -1, off = 0;

	for (i = 0; i <= REPORT_SPARK_MONTHS; i++) {
		bool have = i < REPORT_SPARK_MONTHS && isfinite(v[i]);

		if (have && gap && ch_off(rm, v[i])) {
			off |= ch_off(rm, v[i]);
			have = false;
		}

		if (have && !open) {
			strbuf_addf(b, "<polyline class=\"%s\" fill=\"none\" "
				    "stroke=\"%s\" stroke-width=\"%.1f\"", cls,
				    stroke, width);
			if (dash)
				strbuf_addf(b, " stroke-dasharray=\"%s\"", dash);
			strbuf_add(b, " points=\"");
		}
		if (have) {
			double y = fmin(fmax(ch_y(rm->spark_lo, rm->spark_hi, v[i]),
					     CH_YT), CH_YB);

			strbuf_addf(b, "%s%.1f,%.1f", open ? " " : "", ch_x(i), y);
			last = i;
		}
		if (!have && open)
			strbuf_add(b, "\"/>");
		open = have;
	}
	if (dot && last >= 0)
		strbuf_addf(b, "<circle cx=\"%.1f\" cy=\"%.1f\" r=\"1.6\" fill=\"%s\"/>",
			    ch_x(last), fmin(fmax(ch_y(rm->spark_lo, rm->spark_hi,
						       v[last]), CH_YT), CH_YB),
			    stroke);
	return off;
}

/* Marks at the right edge for a line that left the scale (ch_series). */
static void ch_off_marks(struct strbuf *b, int off, const char *name,
			 struct marks *mk)
{
	if (off & 1)
		strbuf_addf(b, "<text class=\"clip\" x=\"%d\" y=\"%.1f\" "
			    "font-size=\"%.1f\">%s\xe2\x96\xb2</text>", CH_X1 + 2,
			    ch_place(mk, CH_YT + 4.5, 1), CH_FONT, name);
	if (off & 2)
		strbuf_addf(b, "<text class=\"clip\" x=\"%d\" y=\"%.1f\" "
			    "font-size=\"%.1f\">%s\xe2\x96\xbc</text>", CH_X1 + 2,
			    ch_place(mk, CH_YB, -1), CH_FONT, name);
}

/* The target: a step line over the months it was valid. */
static void ch_target(struct strbuf *b, const struct report_metric *rm,
		      struct marks *mk)
{
	double last = NAN;
	int i;

	for (i = 0; i < REPORT_SPARK_MONTHS; i++) {
		double y = ch_y(rm->spark_lo, rm->spark_hi, rm->target[i]);

		if (!isfinite(rm->target[i]) || y < CH_YT - 0.01 || y > CH_YB + 0.01)
			continue;
		strbuf_addf(b, "<line class=\"target\" x1=\"%d\" y1=\"%.1f\" "
			    "x2=\"%d\" y2=\"%.1f\" stroke=\"#000\" "
			    "stroke-width=\"0.9\" stroke-dasharray=\"4,1.2,1,1.2\"/>",
			    CH_X0 + i * CH_STEP, y, CH_X0 + (i + 1) * CH_STEP, y);
	}
	for (i = REPORT_SPARK_MONTHS - 1; i >= 0 && isnan(last); i--)
		last = rm->target[i];
	if (isfinite(last))
		ch_level(b, rm, last, "T", 0, mk);
}

/* The warn-alert band, and where it lies beyond the scale, its marks. */
static void ch_band(struct strbuf *b, const struct report_metric *rm,
		    struct marks *mk)
{
	double yw = ch_y(rm->spark_lo, rm->spark_hi, rm->warn);
	double ya = ch_y(rm->spark_lo, rm->spark_hi, rm->alert);
	double top = fmax(fmin(yw, ya), CH_YT), bot = fmin(fmax(yw, ya), CH_YB);

	if (bot > top)
		strbuf_addf(b, "<rect class=\"band\" x=\"%d\" y=\"%.1f\" "
			    "width=\"%d\" height=\"%.1f\" fill=\"#e9b98a\" "
			    "fill-opacity=\"0.45\"/>", CH_X0, top,
			    CH_X1 - CH_X0, bot - top);
	/* Labels in the order of their lines: ALERT lies beyond WARN, so
	 * when it is off the scale its mark takes the edge first; else WARN
	 * is placed first and ALERT moves away from it. */
	if (ch_off(rm, rm->alert)) {
		ya = ch_level(b, rm, rm->alert, "A", 0, mk);
		yw = ch_level(b, rm, rm->warn, "W", 0, mk);
	} else {
		yw = ch_level(b, rm, rm->warn, "W", 0, mk);
		ya = ch_level(b, rm, rm->alert, "A", ya > ch_y(rm->spark_lo,
				rm->spark_hi, rm->warn) ? 1 : -1, mk);
	}
	if (isfinite(yw))
		strbuf_addf(b, "<line x1=\"%d\" y1=\"%.1f\" x2=\"%d\" y2=\"%.1f\" "
			    "stroke=\"#8a5a00\" stroke-width=\"0.5\" "
			    "stroke-dasharray=\"1.5,1\"/>", CH_X0, yw, CH_X1, yw);
	if (isfinite(ya))
		strbuf_addf(b, "<line x1=\"%d\" y1=\"%.1f\" x2=\"%d\" y2=\"%.1f\" "
			    "stroke=\"#7a0000\" stroke-width=\"0.6\"/>",
			    CH_X0, ya, CH_X1, ya);
}

/* The y labels (bottom, middle, top) with faint grid lines. */
static void ch_axis(struct strbuf *b, const struct report_metric *rm)
{
	int k;

	for (k = 0; k <= 2; k++) {
		double v = rm->spark_lo + (rm->spark_hi - rm->spark_lo) * k / 2;
		double y = ch_y(rm->spark_lo, rm->spark_hi, v);

		strbuf_addf(b, "<line x1=\"%d\" y1=\"%.1f\" x2=\"%d\" y2=\"%.1f\" "
			    "stroke=\"#d0d0d0\" stroke-width=\"0.4\"/>",
			    CH_X0, y, CH_X1, y);
		strbuf_addf(b, "<text class=\"ylab\" x=\"%d\" y=\"%.1f\" "
			    "font-size=\"%.1f\" text-anchor=\"end\">%.*f</text>",
			    CH_X0 - 2, y + 2, CH_FONT, rm->decimals, v);
	}
}

/* Quarter ticks and labels; the quarter judged shaded and in bold. */
static void ch_quarters(struct strbuf *b, const struct report_metric *rm)
{
	const int nq = REPORT_SPARK_MONTHS / 3;
	int k;

	for (k = 0; k <= nq; k++)
		strbuf_addf(b, "<line x1=\"%d\" y1=\"%d\" x2=\"%d\" y2=\"%d\" "
			    "stroke=\"#555\" stroke-width=\"0.5\"/>",
			    CH_X0 + 3 * k * CH_STEP, CH_YB, CH_X0 + 3 * k * CH_STEP,
			    CH_YB + 2);
	for (k = 0; rm->q && k < nq; k++) {
		struct quarter q;

		quarter_add(rm->q, k - (nq - 1), &q);
		strbuf_addf(b, "<text x=\"%.1f\" y=\"%d\" font-size=\"%.1f\" "
			    "text-anchor=\"middle\"%s>Q%d", CH_X0 + (3 * k + 1.5) *
			    CH_STEP, CH_YB + 8, CH_FONT - 0.5,
			    k == nq - 1 ? " font-weight=\"bold\"" : "", q.q);
		if (q.q == 1 || k == nq - 1)
			strbuf_addf(b, " &#39;%02d", q.year % 100);
		strbuf_add(b, "</text>");
	}
}

/* One entry of the legend at *x: a sample (line with dash, or a box) and
 * its words. */
static void ch_key(struct strbuf *b, double *x, const char *stroke,
		   const char *dash, bool box, const char *words)
{
	const double y = CH_H - 3;

	if (box)
		strbuf_addf(b, "<rect x=\"%.1f\" y=\"%.1f\" width=\"7\" height=\"4\" "
			    "fill=\"#e9b98a\" fill-opacity=\"0.45\" stroke=\"%s\" "
			    "stroke-width=\"0.5\"/>", *x, y - 3.5, stroke);
	else
		strbuf_addf(b, "<line x1=\"%.1f\" y1=\"%.1f\" x2=\"%.1f\" y2=\"%.1f\" "
			    "stroke=\"%s\" stroke-width=\"1.1\"%s%s%s/>", *x, y - 1.5,
			    *x + 8, y - 1.5, stroke, dash ? " stroke-dasharray=\"" : "",
			    dash ? dash : "", dash ? "\"" : "");
	strbuf_addf(b, "<text x=\"%.1f\" y=\"%.1f\" font-size=\"%.1f\">%s</text>",
		    *x + 9.5, y, CH_FONT - 0.5, words);
	*x += 9.5 + 2.6 * (double)strlen(words) + 4;
}

#define INK_PARTNER "#1a4f8a"
#define INK_CLIENT "#000"
#define DASH_CLIENT "3,1.6"
#define INK_MEDIAN "#888"
#define DASH_MEDIAN "0.6,1.2"
#define DASH_TARGET "4,1.2,1,1.2"

void report_chart_svg(struct strbuf *b, const struct report_metric *rm,
		      void (*esc)(struct strbuf *b, const char *s))
{
	bool has_p = any(rm->partner), has_c = any(rm->client);
	bool both = has_p && has_c, band = isfinite(rm->warn) && isfinite(rm->alert);
	bool target = any(rm->target), median = any(rm->median);
	struct marks mk = { { 0 }, 0 };
	char scale[720];	/* two %f of up to 1e308 */
	double x = CH_X0 - 20;

	if (isnan(rm->spark_lo) || isnan(rm->spark_hi) ||
	    !(rm->spark_hi > rm->spark_lo))
		return;
	snprintf(scale, sizeof(scale), "%.*f to %.*f", rm->decimals, rm->spark_lo,
		 rm->decimals, rm->spark_hi);
	strbuf_addf(b, "<svg xmlns=\"http://www.w3.org/2000/svg\" class=\"chart\" "
		    "width=\"%d\" height=\"%d\" viewBox=\"0 0 %d %d\" role=\"img\" "
		    "font-family=\"sans-serif\" aria-label=\"", CH_W * 3 / 2,
		    CH_H * 3 / 2, CH_W, CH_H);
	esc(b, rm->m->name);
	strbuf_addf(b, ", last %d months, scale %s\"><title>", REPORT_SPARK_MONTHS,
		    scale);
	esc(b, rm->m->name);
	strbuf_addf(b, ": last %d months on a scale of %s", REPORT_SPARK_MONTHS, scale);
	if (*rm->m->unit) {
		strbuf_add(b, " ");
		esc(b, rm->m->unit);
	}
	if (band && rm->own_normal)
		strbuf_add(b, "; warn and alert from the partner's own normal");
	strbuf_add(b, "</title>");
	strbuf_addf(b, "<rect class=\"quarter\" x=\"%d\" y=\"%d\" width=\"%d\" "
		    "height=\"%d\" fill=\"#e4e4e4\"/>", CH_X1 - 3 * CH_STEP, CH_YT,
		    3 * CH_STEP, CH_YB - CH_YT);
	ch_axis(b, rm);
	if (band)
		ch_band(b, rm, &mk);
	if (median)
		ch_off_marks(b, ch_series(b, rm, rm->median, "median", INK_MEDIAN,
					  0.9, DASH_MEDIAN, false, true), "M", &mk);
	if (target)
		ch_target(b, rm, &mk);
	if (both) {
		ch_series(b, rm, rm->client, "client", INK_CLIENT, 1.2, DASH_CLIENT,
			  true, false);
		ch_series(b, rm, rm->partner, "partner", INK_PARTNER, 1.4, NULL,
			  true, false);
	} else {
		ch_series(b, rm, rm->spark, has_c ? "client" : "partner", INK_PARTNER,
			  1.4, NULL, true, false);
	}
	strbuf_addf(b, "<rect x=\"%d\" y=\"%d\" width=\"%d\" height=\"%d\" "
		    "fill=\"none\" stroke=\"#999\" stroke-width=\"0.4\"/>", CH_X0,
		    CH_YT, CH_X1 - CH_X0, CH_YB - CH_YT);
	ch_quarters(b, rm);
	/* The legend: the unit, then only what is drawn. */
	strbuf_add(b, "<g class=\"legend\">");
	if (*rm->m->unit) {
		strbuf_addf(b, "<text x=\"%.1f\" y=\"%d\" font-size=\"%.1f\">", x,
			    CH_H - 3, CH_FONT - 0.5);
		esc(b, rm->m->unit);
		strbuf_add(b, "</text>");
	}
	x = CH_X0;
	if (both) {
		ch_key(b, &x, INK_PARTNER, NULL, false, "partner");
		ch_key(b, &x, INK_CLIENT, DASH_CLIENT, false, "client");
	} else {
		ch_key(b, &x, INK_PARTNER, NULL, false, has_c ? "client" : "partner");
	}
	if (median)
		ch_key(b, &x, INK_MEDIAN, DASH_MEDIAN, false, "M median");
	if (band)
		ch_key(b, &x, "#8a5a00", NULL, true, "W/A band");
	if (target)
		ch_key(b, &x, "#000", DASH_TARGET, false, "T target");
	strbuf_add(b, "</g></svg>");
}
