/* panel.c: a series across the portfolio and its common movement per month
 * (see panel.h). Each month's deviations are sorted once; a partner's
 * "others" median is then read from that list without its own value. */
#include "panel.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "stats.h"
#include "xalloc.h"

static double common_of(const struct panel *pn, size_t p, int t);

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
	double *tmp = xmalloc((np + (size_t)nm + 1) * sizeof(double));
	size_t p;
	int t;

	memset(pn, 0, sizeof(*pn));
	pn->np = np;
	pn->nm = nm;
	pn->scale = scale;
	pn->min_others = min_others;
	pn->x = xmalloc((np * (size_t)nm + 1) * sizeof(double));
	pn->ref = xmalloc((np + 1) * sizeof(double));
	pn->mid = xcalloc((size_t)nm + 1, sizeof(*pn->mid));
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
	}
	/* Each month's deviations: only the middle of them is needed for
	 * every partner's "others" median. */
	for (t = 0; t < nm; t++) {
		for (p = 0; p < np; p++) {
			double x = pn->x[p * (size_t)nm + (size_t)t];

			if (!isnan(x))
				tmp[pn->cnt[t]++] = x - pn->ref[p];
		}
		stats_middle_of(tmp, (size_t)pn->cnt[t], &pn->mid[t]);
	}
	/* Every rule on this panel reads each partner's common movement,
	 * some several times: work it out once. */
	pn->common = xmalloc((np * (size_t)nm + 1) * sizeof(double));
	for (p = 0; p < np; p++)
		for (t = 0; t < nm; t++)
			pn->common[p * (size_t)nm + (size_t)t] = common_of(pn, p, t);
	free(tmp);
}

void panel_free(struct panel *pn)
{
	if (pn == NULL)
		return;
	free(pn->x);
	free(pn->ref);
	free(pn->mid);
	free(pn->cnt);
	free(pn->common);
	memset(pn, 0, sizeof(*pn));
}

const double *panel_series(const struct panel *pn, size_t p)
{
	return pn->x + p * (size_t)pn->nm;
}

/* The others that month: how many, and their median deviation (0 when
 * too few). */
static int others_of(const struct panel *pn, size_t p, int t)
{
	double own = pn->x[p * (size_t)pn->nm + (size_t)t];

	return pn->cnt[t] - (isnan(own) ? 0 : 1);
}

static double common_of(const struct panel *pn, size_t p, int t)
{
	double own = pn->x[p * (size_t)pn->nm + (size_t)t];
	int n = others_of(pn, p, t);

	if (n < pn->min_others || n <= 0)
		return 0;
	return stats_middle_without(&pn->mid[t], isnan(own) ? NAN : own - pn->ref[p]);
}

double panel_common(const struct panel *pn, size_t p, int t, int *others)
{
	*others = others_of(pn, p, t);
	return pn->common[p * (size_t)pn->nm + (size_t)t];
}

void panel_adjusted(const struct panel *pn, size_t p, double *adj, double *common)
{
	const double *x = panel_series(pn, p), *c = pn->common + p * (size_t)pn->nm;
	int t;

	for (t = 0; t < pn->nm; t++) {
		adj[t] = x[t] - c[t];
		if (common)
			common[t] = c[t];
	}
}
