/* sparkline.c: scaling a series to eight levels, and drawing it as text. */
#include "sparkline.h"

#include <math.h>
#include <string.h>

static const char *const blocks[SPARK_LEVELS] = {
	"\xe2\x96\x81", "\xe2\x96\x82", "\xe2\x96\x83", "\xe2\x96\x84",
	"\xe2\x96\x85", "\xe2\x96\x86", "\xe2\x96\x87", "\xe2\x96\x88",
};
static const char ascii_ramp[SPARK_LEVELS + 1] = "_.,:-=+#";

void spark_scale(const double *v, size_t n, double lo, double hi, int *out)
{
	double min = INFINITY, max = -INFINITY, span;
	size_t i;

	for (i = 0; i < n; i++)
		if (isfinite(v[i])) {
			if (v[i] < min)
				min = v[i];
			if (v[i] > max)
				max = v[i];
		}
	if (!isnan(lo) && !isnan(hi)) {
		min = lo;
		max = hi;
	}
	span = max - min;
	for (i = 0; i < n; i++) {
		double pos;
		int level;

		if (!isfinite(v[i])) {
			out[i] = -1;
			continue;
		}
		if (!(span > 0) || !isfinite(span)) {
			out[i] = SPARK_FLAT_LEVEL;
			continue;
		}
		pos = (v[i] - min) / span;
		if (pos < 0)
			pos = 0;
		if (pos > 1)
			pos = 1;
		/* Round to the nearest level: the ends map to 0 and 7. */
		level = (int)floor(pos * (SPARK_LEVELS - 1) + 0.5);
		out[i] = level < 0 ? 0 : level >= SPARK_LEVELS ? SPARK_LEVELS - 1 : level;
	}
}

/* The range of the finite values of v[0..n); lo > hi when there is none. */
static void own_range(const double *v, size_t n, double *lo, double *hi)
{
	size_t i;

	*lo = INFINITY;
	*hi = -INFINITY;
	for (i = 0; i < n; i++)
		if (isfinite(v[i])) {
			*lo = fmin(*lo, v[i]);
			*hi = fmax(*hi, v[i]);
		}
}

double spark_common_span(const double *const *v, size_t count, size_t n,
			 double min_span)
{
	double span = isfinite(min_span) && min_span > 0 ? min_span : 0, lo, hi;
	size_t k;

	for (k = 0; k < count; k++) {
		if (v[k] == NULL)
			continue;
		own_range(v[k], n, &lo, &hi);
		if (lo <= hi && hi - lo > span)
			span = hi - lo;
	}
	return span;
}

void spark_place(const double *v, size_t n, double span, double *lo, double *hi)
{
	double a, b;

	*lo = *hi = NAN;
	own_range(v, n, &a, &b);
	if (!(a <= b) || !(span > 0) || !isfinite(span))
		return;
	if (b - a >= span) {
		*lo = a;
		*hi = b;
		return;
	}
	*lo = (a + b) / 2 - span / 2;
	*hi = *lo + span;
}

int spark_render(const double *v, size_t n, int width, bool ascii, char *buf,
		 size_t bufsize)
{
	return spark_render_on(v, n, width, ascii, NAN, NAN, buf, bufsize);
}

int spark_render_on(const double *v, size_t n, int width, bool ascii,
		    double slo, double shi, char *buf, size_t bufsize)
{
	double lo = INFINITY, hi = -INFINITY;
	size_t first, count, i, used = 0;

	if (bufsize == 0)
		return 0;
	buf[0] = '\0';
	if (width <= 0 || n == 0)
		return 0;
	count = n < (size_t)width ? n : (size_t)width;
	first = n - count;
	/* The scale of the values shown; each value is then scaled against
	 * it alone, so any width works without a levels array. */
	if (!isnan(slo) && !isnan(shi)) {
		lo = slo;
		hi = shi;
	} else {
		own_range(v + first, count, &lo, &hi);
	}
	for (i = 0; i < count; i++) {
		const char *glyph;
		char one[2] = { 0, 0 };
		size_t len;
		int level;

		spark_scale(v + first + i, 1, lo, hi, &level);
		if (level < 0) {
			glyph = " ";
		} else if (ascii) {
			one[0] = ascii_ramp[level];
			glyph = one;
		} else {
			glyph = blocks[level];
		}
		len = strlen(glyph);
		if (used + len + 1 > bufsize)
			break;
		memcpy(buf + used, glyph, len);
		used += len;
		buf[used] = '\0';
	}
	return (int)i;
}
