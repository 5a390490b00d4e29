/* report_chart.h: the QBR pack's chart of one key metric of a partner:
 * the scale it is drawn on (one span per metric across the pack, at least
 * the smallest shift the rules flag: the dashboard's sparkline rule) and
 * the chart itself as a small inline SVG with its axis, lines and legend. */
#ifndef BPW_REPORT_CHART_H
#define BPW_REPORT_CHART_H

#include <stddef.h>

#include "report.h"
#include "strbuf.h"

/* Decimals the labels of a scale of this span need so that its bottom,
 * middle and top read apart (0-3). */
int report_chart_decimals(double span);

/* The span a metric's charts share: at least min_span (the smallest
 * shift the rules flag) and widest (the widest range one partner's
 * figures have, report_chart_widest) plus one step of its labels, rounded
 * up to whole pairs of steps (so the middle label is exact). */
double report_chart_span(double widest, double min_span);

/* The range of the figures of the nseries series v[k][0..n) together
 * (NULL ones skipped); 0 when they have none. */
double report_chart_widest(const double *const *v, size_t nseries, size_t n);

/* The range [*lo, *hi] a chart of the nseries series v[k][0..n) (NULL
 * ones skipped) is drawn over: span wide (wider only when the figures
 * are), every figure inside, centred on the figures and the nrefs
 * reference levels (thresholds, target, median; NaN ones skipped) where
 * all fit, else moved towards them as far as the figures allow; the bottom
 * on the labels' step; not beyond the metric's min and max (NaN: none)
 * where the figures allow. NaN both when no series has a figure. */
void report_chart_fit(const double *const *v, size_t nseries, size_t n,
		      const double *refs, size_t nrefs, double span, double min,
		      double max, double *lo, double *hi);

/* Fills in what the charts of r draw besides the figures (report_metric's
 * warn, alert, target and q), once the evaluation and the targets are
 * loaded, and their scales (spark_lo, spark_hi, decimals): per metric m
 * (in r->metrics order), the span at least widest[m] (the widest range of
 * one partner's figures in the portfolio) and the smallest shift the
 * rules flag at level[m] (the portfolio's median figure). */
void report_chart_build(struct report *r, const double *widest,
			const double *level);

/* Appends the chart of rm as an <svg> element (about 200 x 58 user units)
 * on its scale rm->spark_lo..spark_hi: the y axis labelled at bottom,
 * middle and top; the quarter shaded and quarter ticks; the warn-alert
 * band, the target, the portfolio median, the partner's and the client's
 * series (solid and dashed, so they read apart in black and white); lines
 * beyond the scale clipped and marked at its edge; a legend of what is
 * drawn. esc appends data text escaped for the document. */
void report_chart_svg(struct strbuf *b, const struct report_metric *rm,
		      void (*esc)(struct strbuf *b, const char *s));

#endif
