/* rule_own.c: the rule kinds that judge a partner against its own normal
 * (shift, rate, and balance with a baseline), after taking out what the
 * whole portfolio did in the same months. The portfolio panels they read
 * are built once per evaluation and shared by every rule on the same
 * series. The judging itself is baseline.c's; the wording words.c's. */
#include "rule_eval.h"
#include "words.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "baseline.h"
#include "event.h"
#include "panel.h"
#include "stats.h"
#include "xalloc.h"

enum panel_what { PW_METRIC, PW_GAP, PW_EVENTS };

struct rule_panel {
	enum panel_what what;
	int metric, seg;		/* PW_METRIC, PW_GAP */
	enum rule_source src;		/* PW_METRIC */
	unsigned kinds;			/* PW_EVENTS */
	enum panel_scale scale;
	int min_others;
	struct panel pn;
	const double **raw;		/* per partner: the series read, or NULL */
	enum obs_source *used;		/* per partner: its source */
	double *owned;			/* the series built here (gaps, counts) */
	double typical;			/* the typical spread; NaN: not yet */
};

void rule_ctx_clear_panels(struct rule_ctx *c)
{
	size_t i;

	for (i = 0; i < c->npanels; i++) {
		panel_free(&c->panels[i].pn);
		free(c->panels[i].raw);
		free(c->panels[i].used);
		free(c->panels[i].owned);
	}
	free(c->panels);
	c->panels = NULL;
	c->npanels = 0;
}

void rule_ctx_clear(struct rule_ctx *c)
{
	rule_ctx_clear_panels(c);
	free(c->scratch);
	c->scratch = NULL;
}

/* ------------------------------------------------------------- panels */

static struct rule_panel *panel_find(struct rule_ctx *c, const struct rule_panel *key)
{
	size_t i;

	for (i = 0; i < c->npanels; i++) {
		const struct rule_panel *p = &c->panels[i];

		if (p->what == key->what && p->metric == key->metric &&
		    p->seg == key->seg && p->src == key->src && p->kinds == key->kinds &&
		    p->scale == key->scale && p->min_others == key->min_others)
			return &c->panels[i];
	}
	return NULL;
}

/* Adds key as a new panel of c, built from its raw series. */
static struct rule_panel *panel_add(struct rule_ctx *c, struct rule_panel *key)
{
	struct rule_panel *p;

	c->panels = xrealloc(c->panels, (c->npanels + 1) * sizeof(*c->panels));
	p = &c->panels[c->npanels++];
	*p = *key;
	p->typical = NAN;
	panel_build(&p->pn, p->raw, c->d->npartners, c->d->nmonths, p->scale,
		    p->min_others);
	return p;
}

static void panel_key(struct rule_panel *key, enum panel_what what, int metric,
		      int seg, enum rule_source src, unsigned kinds,
		      enum panel_scale scale, const struct rule *r)
{
	memset(key, 0, sizeof(*key));
	key->what = what;
	key->metric = metric;
	key->seg = seg;
	key->src = src;
	key->kinds = kinds;
	key->scale = scale;
	key->min_others = r->cause_check ? r->min_partners : 1 << 30;
}

/* Segment seg of metric em as rule r reads it, for every partner. */
static struct rule_panel *panel_metric(struct rule_ctx *c, const struct rule *r,
				       const struct ed_metric *em, int seg,
				       enum panel_scale scale)
{
	struct rule_panel key, *hit;
	size_t p, np = c->d->npartners;

	panel_key(&key, PW_METRIC, em->metric, seg, r->source, 0, scale, r);
	if ((hit = panel_find(c, &key)) != NULL)
		return hit;
	key.raw = xcalloc(np + 1, sizeof(*key.raw));
	key.used = xcalloc(np + 1, sizeof(*key.used));
	for (p = 0; p < np; p++)
		key.raw[p] = rule_pick(c, em, p, seg, r->source, &key.used[p]);
	return panel_add(c, &key);
}

/* The partner-minus-client gap of segment seg of em, for every partner. */
static struct rule_panel *panel_gap(struct rule_ctx *c, const struct rule *r,
				    const struct ed_metric *em, int seg)
{
	struct rule_panel key, *hit;
	size_t p, np = c->d->npartners, nm = (size_t)c->d->nmonths, t;

	panel_key(&key, PW_GAP, em->metric, seg, RSRC_ANY, 0, PANEL_LINEAR, r);
	if ((hit = panel_find(c, &key)) != NULL)
		return hit;
	key.raw = xcalloc(np + 1, sizeof(*key.raw));
	key.owned = xmalloc((np * nm + 1) * sizeof(double));
	for (p = 0; p < np; p++) {
		const double *pa = evaldata_series(c->d, em, p, seg, OBS_PARTNER);
		const double *cl = evaldata_series(c->d, em, p, seg, OBS_CLIENT);
		double *g = key.owned + p * nm;

		if (pa == NULL || cl == NULL)
			continue;
		for (t = 0; t < nm; t++)
			g[t] = pa[t] - cl[t];	/* NaN when either is missing */
		key.raw[p] = g;
	}
	return panel_add(c, &key);
}

/* The first month of the window in which partner p has anything on
 * record (a figure or an event): months before it are not zero events,
 * they are before the partner's time. */
static int first_active(const struct rule_ctx *c, size_t p)
{
	const struct evaldata *d = c->d;
	const struct ed_events *ev = &d->events[p];
	int first = d->nmonths, start = d->as_of_month - d->nmonths + 1, i;
	size_t m, s;

	if (ev->count)
		first = date_month_index(ev->items[0].date) - start;
	for (m = 0; m < d->nmetrics; m++) {
		const struct ed_metric *em = &d->metrics[m];

		for (s = em->pfirst[p]; s < em->pfirst[p + 1]; s++) {
			const double *v = &d->vals[em->ser[s].off];

			for (i = 0; i < first && i < d->nmonths; i++)
				if (!isnan(v[i])) {
					first = i;
					break;
				}
		}
	}
	return first < 0 ? 0 : first;
}

/* Monthly counts of events of the given kinds, for every partner; the
 * last month holds the events up to evaldata.until. */
static struct rule_panel *panel_events(struct rule_ctx *c, const struct rule *r)
{
	const struct evaldata *d = c->d;
	struct rule_panel key, *hit;
	size_t p, np = d->npartners, nm = (size_t)d->nmonths, i;
	int start = d->as_of_month - d->nmonths + 1;

	panel_key(&key, PW_EVENTS, -1, 0, RSRC_ANY, r->event_kinds, PANEL_LOG1P, r);
	if ((hit = panel_find(c, &key)) != NULL)
		return hit;
	key.raw = xcalloc(np + 1, sizeof(*key.raw));
	key.owned = xmalloc((np * nm + 1) * sizeof(double));
	for (p = 0; p < np; p++) {
		double *n = key.owned + p * nm;
		int first = first_active(c, p), t;

		for (t = 0; t < (int)nm; t++)
			n[t] = t < first ? NAN : 0;
		for (i = 0; i < d->events[p].count; i++) {
			const struct ed_event *e = &d->events[p].items[i];

			/* Events after the judged month's end, up to the
			 * day the evaluation counts to, are the latest. */
			t = date_month_index(e->date) - start;
			if (t >= (int)nm)
				t = (int)nm - 1;
			if (t >= 0 && ((r->event_kinds >> e->kind) & 1) &&
			    !isnan(n[t]))
				n[t]++;
		}
		key.raw[p] = n;
	}
	return panel_add(c, &key);
}

/* The spread most partners' series have once the common movement is out:
 * the fallback for a partner with a short history. */
static double panel_typical(struct rule_ctx *c, struct rule_panel *rp)
{
	size_t p, n = 0, np = rp->pn.np;
	double *spreads, *y = c->scratch;
	int t, k;

	if (!isnan(rp->typical))
		return rp->typical;
	spreads = xmalloc((np + 1) * sizeof(double));
	for (p = 0; p < np; p++) {
		double *vals = c->scratch + rp->pn.nm, centre;

		panel_adjusted(&rp->pn, p, y, NULL);
		for (t = 0, k = 0; t < rp->pn.nm; t++)
			if (!isnan(y[t]))
				vals[k++] = y[t];
		if (k < 6)
			continue;
		centre = stats_median(vals, (size_t)k);
		spreads[n++] = stats_mad(vals, (size_t)k, centre);
	}
	rp->typical = n ? stats_median(spreads, n) : INFINITY;
	free(spreads);
	return rp->typical;
}

/* ---------------------------------------------------------- the judge */

/* A threshold in the metric's terms (points, or percent when relative) on
 * the panel's scale, for a change in the worse direction. */
static double to_scale(enum panel_scale sc, bool up_is_worse, double w)
{
	if (sc != PANEL_LOG)
		return w;
	return up_is_worse ? 100.0 * log1p(w / 100.0) : -100.0 * log1p(-w / 100.0);
}

/* An effect on the panel's scale in the metric's terms. */
static double from_scale(enum panel_scale sc, bool up_is_worse, double e)
{
	if (sc != PANEL_LOG)
		return e;
	return up_is_worse ? 100.0 * expm1(e / 100.0) : -100.0 * expm1(-e / 100.0);
}

static void own_params(struct rule_ctx *c, const struct rule *r, struct rule_panel *rp,
		       bool up_is_worse, struct baseline_params *bp)
{
	memset(bp, 0, sizeof(*bp));
	bp->test = r->kind == RULE_RATE ? BASELINE_RATE : BASELINE_MEAN;
	bp->up_is_worse = up_is_worse;
	bp->window = r->baseline;
	bp->min_months = r->min_baseline;
	bp->recent = r->recent;
	bp->memory = r->memory;
	bp->z_warn = r->z_warn;
	bp->z_alert = r->z_alert;
	bp->min_count = r->min_count;
	if (bp->test == BASELINE_RATE) {
		bp->warn = r->warn;
		bp->alert = r->alert;
		return;
	}
	bp->warn = to_scale(rp->scale, up_is_worse, r->warn);
	bp->alert = to_scale(rp->scale, up_is_worse, r->alert);
	/* A perfectly steady partner still needs an effect that matters,
	 * not an infinitely sure one. */
	bp->spread_floor = bp->warn / 4;
	bp->fallback_spread = NAN;
}

/* The portfolio's typical spread for a partner whose history before month
 * e's recent months is shorter than a full normal (worked out only then:
 * it costs a pass over the whole panel). */
static void own_fallback(struct rule_ctx *c, const struct rule *r, struct rule_panel *rp,
			 size_t p, int e, struct baseline_params *bp)
{
	const double *x = panel_series(&rp->pn, p);
	int t, n = 0;

	for (t = 0; t <= e - r->recent; t++)
		n += !isnan(x[t]);
	if (n < r->min_baseline)
		bp->fallback_spread = panel_typical(c, rp);
}

static enum status level_status(enum baseline_level l)
{
	return l == BASELINE_ALERT ? STATUS_ALERT : l == BASELINE_WATCH ? STATUS_WATCH :
	       l == BASELINE_OK ? STATUS_OK : STATUS_NODATA;
}

static int month_num(const struct rule_ctx *c, int idx)
{
	char per[DATE_LEN];

	rule_month_of(c, idx, per);
	return period_num(per);
}

/* The figures every judgement against the normal keeps. */
static void own_figures(const struct rule_ctx *c, const struct baseline_verdict *vd,
			struct rule_result *out)
{
	result_fig(out, FIG_RECENT_MONTHS, vd->nrecent);
	result_fig(out, FIG_BASE_MONTHS, vd->nbase);
	if (vd->nbase > 0) {
		result_fig(out, FIG_BASE_FROM, month_num(c, vd->base[vd->nbase - 1]));
		result_fig(out, FIG_BASE_TO, month_num(c, vd->base[0]));
	}
}

/* The figures a shift's or a rate's verdict ends with: the effect (in the
 * metric's terms), the portfolio's part, the sureness, the thresholds, the
 * months judged and when the held shift began. */
static void verdict_figures(const struct rule_ctx *c, const struct rule *r,
			    const struct baseline_verdict *vd, const struct own_words *w,
			    struct rule_result *out)
{
	result_fig(out, FIG_EFFECT, w->effect);
	result_fig(out, FIG_PORTFOLIO, w->portfolio);
	result_fig(out, FIG_Z, vd->z);
	result_fig(out, FIG_WARN, r->warn);
	result_fig(out, FIG_ALERT, r->alert);
	own_figures(c, vd, out);
	if (w->onset[0])
		result_fig(out, FIG_ONSET, month_num(c, vd->onset));
}

static void own_trace(const struct rule_ctx *c, struct rule_result *out,
		      const struct baseline_verdict *vd, const double *raw,
		      const char *seg, int src)
{
	int i;

	if (!rule_tracing(c))
		return;
	for (i = vd->nbase - 1; i >= 0; i--)
		rule_trace_obs(c, out, "normal", vd->base[i], seg, src, raw[vd->base[i]]);
	for (i = vd->recent_from < 0 ? 0 : vd->recent_from; i <= vd->t; i++)
		if (!isnan(raw[i]))
			rule_trace_obs(c, out, "recent", i, seg, src, raw[i]);
}

/* The normal as reported: the median of the raw values of the normal's
 * months (every scale is monotonic, so it is the same months' median). */
static double raw_normal(const double *raw, const struct baseline_verdict *vd)
{
	double vals[BASELINE_MAX];
	int i;

	for (i = 0; i < vd->nbase; i++)
		vals[i] = raw[vd->base[i]];
	return stats_median(vals, (size_t)vd->nbase);
}

static double raw_mean(const double *raw, const struct baseline_verdict *vd)
{
	double s = 0;
	int i, n = 0;

	for (i = vd->recent_from < 0 ? 0 : vd->recent_from; i <= vd->t; i++)
		if (!isnan(raw[i])) {
			s += raw[i];
			n++;
		}
	return n ? s / n : NAN;
}

/* The same comparison without the common movement taken out: how much of
 * the change the portfolio shares, and whether it alone would flag. */
static void raw_compare(const double *x, const struct baseline_verdict *vd,
			const struct baseline_params *bp, double *centre_out,
			double *effect, enum baseline_level *level)
{
	double vals[BASELINE_MAX], s = 0, centre, e;
	int i, n = 0;

	for (i = 0; i < vd->nbase; i++)
		vals[i] = x[vd->base[i]];
	centre = stats_median(vals, (size_t)vd->nbase);
	*centre_out = centre;
	for (i = vd->recent_from < 0 ? 0 : vd->recent_from; i <= vd->t; i++)
		if (!isnan(x[i])) {
			s += x[i];
			n++;
		}
	e = bp->up_is_worse ? s / n - centre : centre - s / n;
	*effect = e;
	*level = e >= bp->alert && e / vd->se >= bp->z_alert ? BASELINE_ALERT :
		 e >= bp->warn && e / vd->se >= bp->z_warn ? BASELINE_WATCH : BASELINE_OK;
}

/* A latest month that alone looks worse by an effect that matters, where
 * most of it is the portfolio's common movement (a release, a season):
 * said even when the recent mean is fine, so a visible dip is explained. */
static void month_note(const struct rule_panel *rp, const struct baseline_params *bp,
		       const struct baseline_verdict *vd, const double *x,
		       const double *adj, int e, double raw_centre, struct own_words *w)
{
	double d_raw, d_own;

	d_raw = bp->up_is_worse ? x[e] - raw_centre : raw_centre - x[e];
	d_own = bp->up_is_worse ? adj[e] - vd->centre : vd->centre - adj[e];
	if (vd->level >= BASELINE_WATCH || w->portfolio_wide || d_raw < bp->warn ||
	    d_raw - d_own < 0.5 * d_raw)
		return;
	w->month_change = from_scale(rp->scale, bp->up_is_worse, d_raw);
	w->month_common = w->month_change - from_scale(rp->scale, bp->up_is_worse, d_own);
}

static void own_words_init(struct own_words *w, const struct rule_ctx *c,
			   const struct baseline_verdict *vd, bool up_is_worse)
{
	memset(w, 0, sizeof(*w));
	w->up_is_worse = up_is_worse;
	w->level = vd->level;
	w->nrecent = vd->nrecent;
	w->recent_span = vd->t - vd->recent_from + 1;
	w->nbase = vd->nbase;
	w->fallback = vd->fallback;
	if (vd->onset >= 0 && vd->level >= BASELINE_WATCH) {
		char per[DATE_LEN];

		rule_month_of(c, vd->onset, per);
		snprintf(w->onset, sizeof(w->onset), "%.7s", per);
	}
}

/* A shift: the recent mean against the normal, on the panel's scale. */
static void judge_shift(struct rule_ctx *c, const struct rule *r,
			const struct metric_info *m, struct rule_panel *rp, size_t p,
			const char *seg, int e, struct rule_result *out)
{
	const double *raw = rp->raw[p], *x = panel_series(&rp->pn, p);
	double *adj = c->scratch, raw_effect, raw_centre;
	bool up = m->better == METRIC_LOWER;
	struct baseline_params bp;
	struct baseline_verdict vd;
	enum baseline_level raw_level;
	struct own_words w;
	char wh[48];

	own_params(c, r, rp, up, &bp);
	own_fallback(c, r, rp, p, e, &bp);
	panel_adjusted(&rp->pn, p, adj, NULL);
	baseline_judge(adj, NULL, rp->pn.nm, e, &bp, &vd);
	own_words_init(&w, c, &vd, up);
	w.label = m->label;
	w.unit = m->unit;
	w.seg = seg;
	w.where = rule_where(wh, sizeof(wh), c, rp->used[p], e);
	w.relative = rp->scale == PANEL_LOG;
	w.value = raw[e];
	rule_month_of(c, e, out->period);
	own_trace(c, out, &vd, raw, seg, (int)rp->used[p]);
	result_fig(out, FIG_VALUE, raw[e]);
	if (vd.level == BASELINE_SHORT) {
		out->status = STATUS_NODATA;
		w.nbase = vd.nbase;
		words_shift(out, &w);
		return;
	}
	raw_compare(x, &vd, &bp, &raw_centre, &raw_effect, &raw_level);
	w.recent = raw_mean(raw, &vd);
	w.base = raw_normal(raw, &vd);
	w.effect = from_scale(rp->scale, up, vd.effect);
	w.portfolio = from_scale(rp->scale, up, raw_effect) - w.effect;
	w.portfolio_wide = raw_level > vd.level;
	month_note(rp, &bp, &vd, x, adj, e, raw_centre, &w);
	out->portfolio_wide = w.portfolio_wide || w.month_common != 0;
	out->status = level_status(vd.level);
	out->severity = vd.effect / bp.warn + (vd.z > 0 ? vd.z / bp.z_warn : 0);
	result_fig(out, FIG_RECENT, w.recent);
	result_fig(out, FIG_BASE, w.base);
	result_fig(out, FIG_SPREAD, w.relative ? 100.0 * expm1(vd.spread / 100.0) : vd.spread);
	verdict_figures(c, r, &vd, &w, out);
	words_shift(out, &w);
}

static bool all_zero(const double *v, int n)
{
	int i;

	for (i = 0; i < n; i++)
		if (v[i] != 0)
			return false;
	return true;
}

/* A rate: the recent count against the partner's usual rate. */
static void judge_rate(struct rule_ctx *c, const struct rule *r, const char *label,
		       const char *unit, bool up, struct rule_panel *rp, size_t p,
		       const char *seg, int e, const char *last, struct rule_result *out)
{
	const double *raw = rp->raw[p];
	double *common = c->scratch, *adj = c->scratch + rp->pn.nm, raw_effect;
	struct baseline_params bp;
	struct baseline_verdict vd, plain;
	struct own_words w;
	char wh[48];

	own_params(c, r, rp, up, &bp);
	panel_adjusted(&rp->pn, p, adj, common);
	baseline_judge(raw, r->cause_check ? common : NULL, rp->pn.nm, e, &bp, &vd);
	own_words_init(&w, c, &vd, up);
	w.label = label;
	w.unit = unit;
	w.seg = seg;
	if (unit)
		w.where = rule_where(wh, sizeof(wh), c, rp->used[p], e);
	w.value = raw[e];
	if (last)
		snprintf(w.last, sizeof(w.last), "%s", last);
	rule_month_of(c, e, out->period);
	own_trace(c, out, &vd, raw, seg, unit ? (int)rp->used[p] : -1);
	if (unit)
		result_fig(out, FIG_VALUE, raw[e]);
	if (vd.level == BASELINE_SHORT) {
		out->status = STATUS_NODATA;
		words_rate(out, &w);
		return;
	}
	/* Judged again without the common movement: its share, and whether
	 * it alone explains a flag (the same verdict when none was taken
	 * out). */
	if (r->cause_check && !all_zero(common, rp->pn.nm))
		baseline_judge(raw, NULL, rp->pn.nm, e, &bp, &plain);
	else
		plain = vd;
	raw_effect = plain.effect;
	w.recent = vd.recent_count;
	w.base = vd.nbase ? vd.base_count / vd.nbase : 0;
	w.expected = vd.expected;
	w.effect = vd.effect;
	w.portfolio = r->cause_check ? raw_effect - vd.effect : 0;
	w.portfolio_wide = plain.level > vd.level && r->cause_check;
	out->status = level_status(vd.level);
	out->portfolio_wide = w.portfolio_wide;
	out->severity = vd.effect / bp.warn + vd.z / (bp.z_warn > 0 ? bp.z_warn : 1);
	result_fig(out, FIG_COUNT, vd.recent_count);
	result_fig(out, FIG_BASE, w.base);
	result_fig(out, FIG_EXPECTED, vd.expected);
	verdict_figures(c, r, &vd, &w, out);
	words_rate(out, &w);
}

static void ensure_scratch(struct rule_ctx *c)
{
	if (c->scratch == NULL)
		c->scratch = xmalloc(((size_t)c->d->nmonths * 3 + 1) * sizeof(double));
}

void rule_eval_own_metric(struct rule_ctx *c, const struct rule *r,
			  const struct metric_info *m, const struct ed_metric *em,
			  int seg, size_t p, struct rule_result *out)
{
	bool rate = r->kind == RULE_RATE;
	enum panel_scale sc = rate ? PANEL_LOG1P : r->relative ? PANEL_LOG : PANEL_LINEAR;
	struct rule_panel *rp;
	const double *raw;
	int e;

	ensure_scratch(c);
	rp = panel_metric(c, r, em, seg, sc);
	raw = rp->raw[p];
	out->has_source = true;
	out->source = rp->used[p];
	e = rule_latest(raw, c->d->nmonths, r->max_age);
	if (e < 0) {
		rule_no_recent(c, m, raw, em->segs[seg], out);
		return;
	}
	if (rate)
		judge_rate(c, r, m->label, m->unit, m->better == METRIC_LOWER, rp, p,
			   em->segs[seg], e, NULL, out);
	else
		judge_shift(c, r, m, rp, p, em->segs[seg], e, out);
}

void rule_eval_own_events(struct rule_ctx *c, const struct rule *r, size_t p,
			  struct rule_result *out)
{
	const struct ed_events *ev = &c->d->events[p];
	struct rule_panel *rp;
	char what[160];
	size_t i;
	const char *last = NULL;

	ensure_scratch(c);
	words_kinds(what, sizeof(what), r->event_kinds);
	memcpy(out->period, c->d->as_of, DATE_LEN);
	for (i = 0; i < ev->count; i++)
		if ((r->event_kinds >> ev->items[i].kind) & 1)
			last = ev->items[i].date;
	if (last == NULL && !r->fewer_is_better) {
		/* Nothing ever logged: silence and no record-keeping look
		 * alike. */
		out->status = STATUS_NODATA;
		words_set_reason(out, "no %s on record", what);
		return;
	}
	rp = panel_events(c, r);
	judge_rate(c, r, what, NULL, r->fewer_is_better, rp, p, "", c->d->nmonths - 1,
		   last, out);
	memcpy(out->period, c->d->as_of, DATE_LEN);
	/* The events of the recent months: the ones counted against the
	 * usual rate. */
	for (i = 0; rule_tracing(c) && i < ev->count; i++)
		if (((r->event_kinds >> ev->items[i].kind) & 1) &&
		    date_month_index(ev->items[i].date) > c->d->as_of_month - r->recent)
			rule_trace_text(c, out, "event counted", ev->items[i].date,
					event_kind_name((enum event_kind)ev->items[i].kind), NAN);
}

/* ------------------------------------------------------------ balance */

/* One metric of a balance judged on the partner's normal; false when it
 * cannot be (no recent value, too short a history). gain: the efficiency
 * side, where a change in the better direction is looked for. */
static bool balance_side(struct rule_ctx *c, const struct rule *r, int mi, size_t p,
			 bool gain, struct own_words *w, struct baseline_verdict *vd,
			 bool *reported, struct rule_result *out)
{
	const struct metric_info *m = &c->rs->metrics[mi];
	const struct ed_metric *em = evaldata_metric(c->d, mi);
	bool up = m->better == METRIC_LOWER;
	struct rule_panel *rp;
	struct baseline_params bp;
	struct rule side = *r;
	double *adj = c->scratch;
	int e;

	*reported = false;
	if (em == NULL)
		return false;
	/* Efficiency as a percent gain (cost in money, SLA in points alike);
	 * quality in the metric's own points. */
	rp = panel_metric(c, r, em, 0, gain ? PANEL_LOG : PANEL_LINEAR);
	*reported = rp->raw[p] && rule_last_value(rp->raw[p], c->d->nmonths) >= 0;
	e = rule_latest(rp->raw[p], c->d->nmonths, r->max_age);
	if (e < 0)
		return false;
	side.kind = RULE_SHIFT;
	if (gain) {
		side.warn = side.alert = r->improve;
		up = !up;	/* the walk follows the gain */
	}
	own_params(c, &side, rp, up, &bp);
	own_fallback(c, &side, rp, p, e, &bp);
	panel_adjusted(&rp->pn, p, adj, NULL);
	baseline_judge(adj, NULL, rp->pn.nm, e, &bp, vd);
	if (vd->level == BASELINE_SHORT)
		return false;
	own_words_init(w, c, vd, gain ? !up : up);
	w->label = m->label;
	w->unit = m->unit;
	w->relative = gain;
	w->recent = raw_mean(rp->raw[p], vd);
	w->base = raw_normal(rp->raw[p], vd);
	w->effect = from_scale(rp->scale, up, vd->effect);
	{
		double raw_effect, raw_centre;
		enum baseline_level raw_level;

		raw_compare(panel_series(&rp->pn, p), vd, &bp, &raw_centre, &raw_effect,
			    &raw_level);
		w->portfolio = from_scale(rp->scale, up, raw_effect) - w->effect;
	}
	if (rule_tracing(c)) {
		size_t from = out->ninputs, i;

		own_trace(c, out, vd, rp->raw[p], "", (int)rp->used[p]);
		for (i = from; i < out->ninputs; i++)
			out->inputs[i].text = xstrdup(m->key);
	}
	return true;
}

void rule_eval_own_balance(struct rule_ctx *c, const struct rule *r, size_t p,
			   struct rule_result *out)
{
	struct own_words eff, q, w;
	struct baseline_verdict vd, qvd, best_q;
	bool reported, any_rep = false, have_eff = false, have_q = false;
	size_t i;

	ensure_scratch(c);
	memcpy(out->period, c->d->as_of, DATE_LEN);
	memset(&best_q, 0, sizeof(best_q));
	for (i = 0; i < r->n_efficiency; i++) {
		if (!balance_side(c, r, r->efficiency[i], p, true, &w, &vd, &reported, out)) {
			any_rep |= reported;
			continue;
		}
		any_rep = true;
		if (!have_eff || w.effect > eff.effect ||
		    (vd.level >= BASELINE_WATCH && eff.level < BASELINE_WATCH)) {
			eff = w;
			have_eff = true;
		}
	}
	for (i = 0; i < r->n_quality; i++) {
		if (!balance_side(c, r, r->quality[i], p, false, &w, &qvd, &reported, out)) {
			any_rep |= reported;
			continue;
		}
		any_rep = true;
		if (!have_q || w.level > q.level ||
		    (w.level == q.level && w.effect > q.effect)) {
			q = w;
			best_q = qvd;
			have_q = true;
		}
	}
	if (!have_eff || !have_q) {
		out->status = any_rep ? STATUS_NODATA : STATUS_NA;
		words_set_reason(out, "%s figures to know the partner's normal",
			   any_rep ? "not enough" : "no");
		return;
	}
	result_fig(out, FIG_EFFICIENCY_GAIN_PCT, eff.effect);
	result_fig(out, FIG_QUALITY_LOSS, q.effect);
	result_fig(out, FIG_IMPROVE, r->improve);
	result_fig(out, FIG_WARN, r->warn);
	result_fig(out, FIG_ALERT, r->alert);
	result_fig(out, FIG_Z, best_q.z);
	own_figures(c, &best_q, out);
	if (eff.level < BASELINE_WATCH) {
		out->status = STATUS_OK;
		words_set_reason(out, "no efficiency gain of %g%% (relative) or more beyond the "
			   "partner's noise", r->improve);
		return;
	}
	out->status = q.level >= BASELINE_WATCH ? level_status((enum baseline_level)q.level)
						 : STATUS_OK;
	out->severity = q.effect;
	words_balance_own(out, &eff, &q);
}

/* --------------------------------------------------------- divergence */

double rule_gap_common(struct rule_ctx *c, const struct rule *r,
		       const struct ed_metric *em, int seg, size_t p,
		       const int *idx, int n)
{
	struct rule_panel *rp;
	double s = 0;
	int i, others;

	if (!r->cause_check || n == 0)
		return 0;
	ensure_scratch(c);
	rp = panel_gap(c, r, em, seg);
	for (i = 0; i < n; i++)
		s += panel_common(&rp->pn, p, idx[i], &others);
	return s / n;
}
