/* chart.h: a monthly series as a multi-row bar chart with y-axis labels,
 * month labels and the warn and alert lines, laid out as a grid of cells
 * (one character and one role each) that the dashboard colours and the text
 * reports print. No curses here. */
#ifndef BPW_CHART_H
#define BPW_CHART_H

#include <stdbool.h>
#include <stddef.h>

/* What a cell shows, for colouring. */
enum chart_role { CHART_BLANK, CHART_AXIS, CHART_LABEL, CHART_VALUE,
		  CHART_WARN, CHART_ALERT, CHART_TARGET };

struct chart_cell {
	char glyph[5];		/* one character of one column, UTF-8 */
	unsigned char role;	/* enum chart_role */
};

struct chart_spec {
	const double *v;	/* one value per month, NaN when missing */
	size_t n;
	const char *const *labels;	/* n month labels ("2026-03"), or NULL */
	double warn, alert;	/* threshold lines, NaN when none */
	const double *target;	/* contract target per month (NaN: none), or NULL */
	int rows, cols;		/* the whole chart, axes and labels included */
	bool ascii;
};

struct chart {
	int rows, cols;
	struct chart_cell *cells;	/* rows * cols, row by row */
	double lo, hi;			/* the value range of the plot */
	size_t first;			/* index of the first month shown */
};

/* Lays the chart out: y labels (as narrow as the range allows), axis, one
 * column per month (the last months that fit, from the first month with a
 * value; a few months on a wide chart get several columns each, the rest
 * of the plot stays blank), bars from the bottom (eighth blocks in UTF-8;
 * whole '#' cells in ASCII, a '_' for a value too low for one), threshold
 * lines across the bars in the row where a bar of that value ends
 * ('╌'/'-' warn, '━'/'=' alert; alert wins a shared row) with "A 72" /
 * "W 78" at the right when that leaves a usable plot (a warn label on the
 * alert's row moves one row towards its value), the x axis and month
 * labels (ASCII, never overlapping). A contract target is drawn over
 * each month it is valid in ('┄'/'.'), with "T 90" (its latest value) at
 * the right on a free row near its own. 0, or -1 when rows < 4, cols < 12 or
 * the y labels leave no plot column (out is then empty). chart_free
 * releases out. */
int chart_render(const struct chart_spec *s, struct chart *out);

/* Frees the cells of c; NULL is allowed. */
void chart_free(struct chart *c);

/* A readable axis range containing lo..hi with about ticks steps of 1, 2,
 * 2.5 or 5 times a power of ten; a single value gets a range around it, a
 * non-finite input 0..1, magnitudes beyond DBL_MAX / 4 are clamped to it
 * (so the range stays finite). */
void chart_axis(double lo, double hi, int ticks, double *alo, double *ahi,
		double *step);

/* Formats an axis value compactly (at most 4 significant digits). */
void chart_format(double v, char *buf, size_t n);

#endif
