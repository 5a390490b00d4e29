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
		  CHART_WARN, CHART_ALERT, CHART_TARGET, CHART_SECOND,
		  CHART_MEDIAN };

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
	const double *second;	/* a second series per month (the partner-
				 * reported beside client-measured bars), or NULL */
	const double *median;	/* the portfolio median per month, or NULL */
	const char *name, *second_name;	/* what the bars and the second
					 * series are, for the legend */
	int better;		/* 1: higher is better, -1: lower is, 0: unknown;
				 * a value on a line is drawn on its good side */
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
 * slot per month (the last months that fit, from the first month with a
 * value; a few months on a wide chart get several columns each, the rest
 * of the plot stays blank): a bar from the bottom (eighth blocks in UTF-8;
 * '#' cells and '_' for a part of one in ASCII) and, when there is a
 * second series or a median, a marker column beside it ('◆'/'p' the
 * second series, '·'/'m' the median). The scale puts the alert line
 * (else the warn line, else the contract target) on a row boundary, and
 * the warn line too where the rows allow, and a bar above a line always
 * reaches into the row above its boundary while one below never does:
 * each line ('╌'/'-' warn, '━'/'=' alert, '┄'/'.' the target over each
 * month it is valid in) is drawn only in the empty cells of that row,
 * never over a bar, so a bar above the line breaks it. "A 72" / "W 78" /
 * "T 90" (the latest target) at the right when that leaves a usable plot
 * (a W label sharing the A row moves one row towards its value, or is
 * left out),
 * the x axis and month labels (ASCII, never overlapping). 0, or -1 when
 * rows < 4, cols < 12 or the y labels leave no plot column (out is then
 * empty). chart_free releases out. */
int chart_render(const struct chart_spec *s, struct chart *out);

/* The legend of a chart rendered from s into buf: the glyph of each
 * thing drawn and what it is ("█ client-measured  ◆ partner-reported
 * · median  ╌ W 78  ━ A 72  ┄ T 90"; ASCII glyphs when s->ascii),
 * only the things the chart has. */
void chart_legend(const struct chart_spec *s, char *buf, size_t n);

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
