/* panel.c: a series across the portfolio and its common movement per month
 * (see panel.h). Each month's deviations are sorted once; a partner's
 * "others" median is then read from that list without its own value. */
#include "panel.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "stats.h"
#include "xalloc.h"

double panel_to_scale(enum panel_scale sc, double v)
{
	if (isnan(v))
		return NAN;
	switch (sc) {
	case PANEL_LOG:
		return v > 0 ? 100.0 * log(v) : NAN;
	case PANEL_LOG1P:
		return v >= 0 ? 100.0 * log1p(v) : NAN;
	default:
		return v;
	}
}

double panel_from_scale(enum panel_scale sc, double x)
{
	switch (sc) {
	case PANEL_LOG:
		return exp(x / 100.0);
	case PANEL_LOG1P:
		return expm1(x / 100.0);
	default:
		return x;
	}
}

void panel_build(struct panel *pn, const double *const *series, size_t np, int nm,
		 enum panel_scale scale, int min_others)
{
	double *tmp = xmalloc(((size_t)nm + 1) * sizeof(double));
	size_t p;
	int t;

	memset(pn, 0, sizeof(*pn));
	pn->np = np;
	pn->nm = nm;
	pn->scale = scale;
	pn->min_others = min_others;
	pn->x = xmalloc((np * (size_t)nm + 1) * sizeof(double));
	pn->ref = xmalloc((np + 1) * sizeof(double));
	pn->sorted = xmalloc(((size_t)nm * np + 1) * sizeof(double));
	pn->cnt = xcalloc((size_t)nm + 1, sizeof(int));
	for (p = 0; p < np; p++) {
		double *x = pn->x + p * (size_t)nm;
		size_t n = 0;

		for (t = 0; t < nm; t++) {
			x[t] = series[p] ? panel_to_scale(scale, series[p][t]) : NAN;
			if (!isnan(x[t]))
				tmp[n++] = x[t];
		}
		pn->ref[p] = stats_median(tmp, n);
		for (t = 0; t < nm; t++)
			if (!isnan(x[t])) {
				double *col = pn->sorted + (size_t)t * np;

				col[pn->cnt[t]++] = x[t] - pn->ref[p];
			}
	}
	for (t = 0; t < nm; t++)
		stats_sort(pn->sorted + (size_t)t * np, (size_t)pn->cnt[t]);
	free(tmp);
}

void panel_free(struct panel *pn)
{
	if (pn == NULL)
		return;
	free(pn->x);
	free(pn->ref);
	free(pn->sorted);
	free(pn->cnt);
	memset(pn, 0, sizeof(*pn));
}

const double *panel_series(const struct panel *pn, size_t p)
{
	return pn->x + p * (size_t)pn->nm;
}

double panel_common(const struct panel *pn, size_t p, int t, int *others)
{
	double own = pn->x[p * (size_t)pn->nm + (size_t)t];
	int n = pn->cnt[t] - (isnan(own) ? 0 : 1);

	*others = n;
	if (n < pn->min_others || n <= 0)
		return 0;
	return stats_median_without(pn->sorted + (size_t)t * pn->np, (size_t)pn->cnt[t],
				    isnan(own) ? NAN : own - pn->ref[p]);
}

void panel_adjusted(const struct panel *pn, size_t p, double *adj, double *common)
{
	const double *x = panel_series(pn, p);
	int t, others;

	for (t = 0; t < pn->nm; t++) {
		double c = panel_common(pn, p, t, &others);

		adj[t] = x[t] - c;
		if (common)
			common[t] = c;
	}
}
