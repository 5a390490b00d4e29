/* sparkline.h: a monthly series as a one-line sparkline, one column per
 * month: Unicode blocks or an ASCII ramp, gaps for missing months. No
 * curses here: the dashboard and the text reports both use it. */
#ifndef BPW_SPARKLINE_H
#define BPW_SPARKLINE_H

#include <stdbool.h>
#include <stddef.h>

/* Heights a sparkline column can have. */
#define SPARK_LEVELS 8

/* The level a constant series (or a single value) is drawn at: the middle,
 * so that "no change" does not look like "at the bottom". */
#define SPARK_FLAT_LEVEL 3

/* Maps v[0..n) to levels 0..SPARK_LEVELS-1 in out (-1 where v is NaN: a
 * missing month). The scale runs from lo to hi, or over the finite values
 * when lo or hi is NaN; values outside are clamped. A flat scale maps every
 * value to SPARK_FLAT_LEVEL. */
void spark_scale(const double *v, size_t n, double lo, double hi, int *out);

/* Writes the sparkline of the last width values of v (all of them when
 * fewer, left-aligned: nothing is padded) into buf, NUL-terminated, one
 * column per value, scaled over the values shown: U+2581 to U+2588 per
 * level, or in ASCII "_.,:-=+#" (rising from the baseline, then by ink);
 * a missing month is a space. Writes only whole characters that fit in
 * bufsize. Returns the columns written: at most width, fewer when n or
 * bufsize is smaller. */
int spark_render(const double *v, size_t n, int width, bool ascii, char *buf,
		 size_t bufsize);

/* As spark_render, on the scale lo..hi (values outside are clamped; NaN
 * for either: the values shown, as spark_render). */
int spark_render_on(const double *v, size_t n, int width, bool ascii,
		    double lo, double hi, char *buf, size_t bufsize);

/* One metric's sparklines on one scale, so that panes compare and noise
 * draws as noise: the span every series is drawn over is the largest range
 * (max - min) any one series v[k][0..n) has, and at least min_span (the
 * smallest effect worth seeing). count series, NULL ones skipped. */
double spark_common_span(const double *const *v, size_t count, size_t n,
			 double min_span);

/* Where series v[0..n) sits on a scale of the given span: centred on its
 * own range (the range itself when that is wider). lo and hi NaN when v
 * has no value or span is not a positive number. */
void spark_place(const double *v, size_t n, double span, double *lo, double *hi);

#endif
