/* rule_eval.c: the rule kinds. Each judges one partner's loaded values and
 * writes a status, a one-line reason with the numbers, and the figures
 * behind it. A value equal to a level threshold is still fine; a change
 * that reaches a change threshold fires. */
#include "rule_eval.h"
#include "words.h"

#include <math.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "event.h"
#include "qa.h"
#include "timemodel.h"
#include "xalloc.h"

void rule_result_clear(struct rule_result *r)
{
	size_t i;

	free(r->reason);
	r->reason = NULL;
	for (i = 0; i < r->ninputs; i++)
		free(r->inputs[i].text);
	free(r->inputs);
	r->inputs = NULL;
	r->ninputs = 0;
}

void result_fig(struct rule_result *res, enum figure f, double v)
{
	if (res->nfigs < RESULT_MAX_FIGS) {
		res->fig_name[res->nfigs] = (unsigned char)f;
		res->fig[res->nfigs++] = v;
	}
}

/* ------------------------------------------------------------ tracing */

bool rule_tracing(const struct rule_ctx *c)
{
	return c->trace_p == -1 || (c->trace_p >= 0 && (size_t)c->trace_p == c->p);
}

/* Keeps one figure the rule read (when explaining this partner). */
struct rule_input *rule_trace_add(const struct rule_ctx *c, struct rule_result *out,
				    const char *what)
{
	struct rule_input *in;

	if (!rule_tracing(c))
		return NULL;
	out->inputs = xrealloc(out->inputs, (out->ninputs + 1) * sizeof(*out->inputs));
	in = &out->inputs[out->ninputs++];
	memset(in, 0, sizeof(*in));
	in->what = what;
	in->source = -1;
	in->value = NAN;
	return in;
}


/* An observation: month idx of the window, segment, source, value. */
void rule_trace_obs(const struct rule_ctx *c, struct rule_result *out,
		      const char *what, int idx, const char *seg, int src, double v)
{
	struct rule_input *in = rule_trace_add(c, out, what);

	if (in == NULL)
		return;
	rule_month_of(c, idx, in->period);
	in->period[7] = '\0';	/* a month: YYYY-MM */
	snprintf(in->segment, sizeof(in->segment), "%s", seg ? seg : "");
	in->has_segment = true;
	in->source = src;
	in->value = v;
}

/* Every month from..to of series v that has a value (the months averaged
 * or a streak). */
static void rule_trace_span(const struct rule_ctx *c, struct rule_result *out,
		       const char *what, const double *v, int from, int to,
		       const char *seg, int src)
{
	int i;

	for (i = from < 0 ? 0 : from; i <= to; i++)
		if (!isnan(v[i]))
			rule_trace_obs(c, out, what, i, seg, src, v[i]);
}

/* A dated thing with text and maybe a value: an event, an audit item. */
void rule_trace_text(const struct rule_ctx *c, struct rule_result *out,
		       const char *what, const char *date, const char *text, double v)
{
	struct rule_input *in = rule_trace_add(c, out, what);

	if (in == NULL)
		return;
	snprintf(in->period, sizeof(in->period), "%s", date ? date : "");
	in->text = xstrdup(text ? text : "");
	in->value = v;
}

/* ------------------------------------------------------------ wording */

/* "(client)", "(partner, 2026-09)": the source, and the month when it is
 * not the as-of month. */
const char *rule_where(char *buf, size_t n, const struct rule_ctx *c,
			 enum obs_source src, int idx)
{
	char per[DATE_LEN];

	if (idx == c->d->nmonths - 1) {
		snprintf(buf, n, "(%s)", obs_source_name(src));
	} else {
		date_from_month_index(c->d->as_of_month - (c->d->nmonths - 1 - idx), per);
		snprintf(buf, n, "(%s, %.7s)", obs_source_name(src), per);
	}
	return buf;
}

void rule_month_of(const struct rule_ctx *c, int idx, char out[DATE_LEN])
{
	date_from_month_index(c->d->as_of_month - (c->d->nmonths - 1 - idx), out);
}

/* ------------------------------------------------------------- series */

int rule_last_value(const double *v, int n)
{
	int i;

	for (i = n - 1; v && i >= 0; i--)
		if (!isnan(v[i]))
			return i;
	return -1;
}

/* The latest value no older than max_age months, or -1. */
int rule_latest(const double *v, int n, int max_age)
{
	int i = rule_last_value(v, n);

	return i >= 0 && i >= n - 1 - max_age ? i : -1;
}

/* The series a rule reads: its source, or for "any" the client's unless
 * the partner's is more recent. */
const double *rule_pick(const struct rule_ctx *c, const struct ed_metric *em,
			  size_t p, int seg, enum rule_source rs, enum obs_source *used)
{
	const double *cl = evaldata_series(c->d, em, p, seg, OBS_CLIENT);
	const double *pa = evaldata_series(c->d, em, p, seg, OBS_PARTNER);

	if (rs == RSRC_CLIENT || (rs == RSRC_ANY && cl &&
				  rule_last_value(cl, c->d->nmonths) >=
				  rule_last_value(pa, c->d->nmonths))) {
		*used = OBS_CLIENT;
		return cl;
	}
	*used = OBS_PARTNER;
	return rs == RSRC_CLIENT ? NULL : pa;
}

/* How far b is worse than a for metric m (positive: worse). */
static double worse_by(const struct metric_info *m, double from, double to)
{
	return m->better == METRIC_HIGHER ? from - to : to - from;
}

/* No value recent enough: NO DATA with the month of the last one, or NA
 * when the series has none in the window at all. */
void rule_no_recent(const struct rule_ctx *c, const struct metric_info *m,
		      const double *v, const char *seg, struct rule_result *out)
{
	char per[DATE_LEN], sp[80];
	int last = rule_last_value(v, c->d->nmonths);

	words_segment(sp, sizeof(sp), seg);
	if (last < 0) {
		out->status = STATUS_NA;
		words_set_reason(out, "%s%s not reported", m->label, sp);
		return;
	}
	rule_month_of(c, last, per);
	out->status = STATUS_NODATA;
	words_set_reason(out, "no %s data%s since %.7s", m->label, sp, per);
}

/* -------------------------------------------------------- metric kinds */

static void eval_level(const struct rule_ctx *c, const struct rule *r,
		       const struct metric_info *m, const double *v,
		       enum obs_source src, const char *seg, struct rule_result *out)
{
	char a[48], w[48], t[48], sp[80], wh[48];
	int i = rule_latest(v, c->d->nmonths, r->max_age);
	double bad;

	if (i < 0) {
		rule_no_recent(c, m, v, seg, out);
		return;
	}
	bad = worse_by(m, r->warn, v[i]);
	out->severity = bad;
	rule_trace_obs(c, out, "judged", i, seg, (int)src, v[i]);
	result_fig(out, FIG_VALUE, v[i]);
	result_fig(out, FIG_WARN, r->warn);
	result_fig(out, FIG_ALERT, r->alert);
	rule_month_of(c, i, out->period);
	words_value(a, sizeof(a), v[i], m->unit);
	words_segment(sp, sizeof(sp), seg);
	rule_where(wh, sizeof(wh), c, src, i);
	if (worse_by(m, r->alert, v[i]) > 0) {
		out->status = STATUS_ALERT;
		words_value(t, sizeof(t), r->alert, m->unit);
	} else if (bad > 0) {
		out->status = STATUS_WATCH;
		words_value(t, sizeof(t), r->warn, m->unit);
	} else {
		out->status = STATUS_OK;
		words_set_reason(out, "%s%s %s %s", m->label, sp, a, wh);
		return;
	}
	words_set_reason(out, "%s%s %s %s, %s the %s threshold %s", m->label, sp, a, wh,
		   m->better == METRIC_HIGHER ? "below" : "above",
		   out->status == STATUS_ALERT ? "alert" : "watch",
		   out->status == STATUS_ALERT ? t : words_value(w, sizeof(w), r->warn, m->unit));
}

/* Mean of the non-missing values v[from..to], or NaN. */
static double mean(const double *v, int from, int to)
{
	double s = 0;
	int n = 0, i;

	for (i = from < 0 ? 0 : from; i <= to; i++)
		if (!isnan(v[i])) {
			s += v[i];
			n++;
		}
	return n ? s / n : NAN;
}

/* The earlier end of a change ending at e: the month `periods` before, or
 * the nearest month with a value up to two months further back, else the
 * nearest later one (a shorter span). -1 when there is none. */
static int base_index(const double *v, int e, int periods)
{
	int b = e - periods, k;

	for (k = 0; k <= 2; k++)
		if (b - k >= 0 && !isnan(v[b - k]))
			return b - k;
	for (k = b + 1; k < e; k++)
		if (k >= 0 && !isnan(v[k]))
			return k;
	return -1;
}

static void eval_trend(const struct rule_ctx *c, const struct rule *r,
		       const struct metric_info *m, const double *v,
		       enum obs_source src, const char *seg, struct rule_result *out)
{
	char a[48], b[48], d[48], sp[80], wh[48];
	int e = rule_latest(v, c->d->nmonths, r->max_age), bi, span;
	double now, then, change, bad;

	if (e < 0) {
		rule_no_recent(c, m, v, seg, out);
		return;
	}
	words_segment(sp, sizeof(sp), seg);
	if (r->average > 1) {
		now = mean(v, e - r->average + 1, e);
		then = mean(v, e - r->periods - r->average + 1, e - r->periods);
		bi = e - r->periods;
		if (isnan(then))
			bi = -1;
	} else {
		bi = base_index(v, e, r->periods);
		now = v[e];
		then = bi >= 0 ? v[bi] : NAN;
	}
	rule_month_of(c, e, out->period);
	if (bi < 0) {
		out->status = STATUS_NODATA;
		words_set_reason(out, "%s%s: one month of data, no %d-month trend yet",
			   m->label, sp, r->periods);
		return;
	}
	span = e - bi;
	change = now - then;
	if (r->average > 1) {
		rule_trace_span(c, out, "now (averaged)", v, e - r->average + 1, e, seg, (int)src);
		rule_trace_span(c, out, "before (averaged)", v, e - r->periods - r->average + 1,
			   e - r->periods, seg, (int)src);
	} else {
		rule_trace_obs(c, out, "now", e, seg, (int)src, v[e]);
		rule_trace_obs(c, out, "before", bi, seg, (int)src, v[bi]);
	}
	if (r->relative) {
		if (then == 0) {
			out->status = STATUS_NODATA;
			words_set_reason(out, "%s%s: no change in percent from 0", m->label, sp);
			return;
		}
		change = 100.0 * change / fabs(then);
	}
	bad = m->better == METRIC_HIGHER ? -change : change;
	out->severity = bad;
	result_fig(out, FIG_VALUE, now);
	result_fig(out, FIG_BASE, then);
	result_fig(out, FIG_CHANGE, change);
	result_fig(out, FIG_MONTHS, span);
	result_fig(out, FIG_WARN, r->warn);
	result_fig(out, FIG_ALERT, r->alert);
	out->status = bad > 0 && bad >= r->alert ? STATUS_ALERT :
		      bad > 0 && bad >= r->warn ? STATUS_WATCH : STATUS_OK;
	rule_where(wh, sizeof(wh), c, src, e);
	words_value(a, sizeof(a), now, m->unit);
	words_value(b, sizeof(b), then, m->unit);
	if (r->relative)
		snprintf(d, sizeof(d), "%.0f%% (relative)", fabs(change));
	else
		words_delta(d, sizeof(d), change, m->unit);
	if (change == 0)
		words_set_reason(out, "%s%s %s %s, unchanged over %d months", m->label,
			   sp, a, wh, span);
	else if (r->average > 1)
		words_set_reason(out, "%s%s %s a month %s, %s %s on the %d months "
			   "before (%s)", m->label, sp, a, wh,
			   change < 0 ? "down" : "up", d, r->average, b);
	else
		words_set_reason(out, "%s%s %s %s, %s %s over %d months (from %s)",
			   m->label, sp, a, wh, change < 0 ? "down" : "up", d,
			   span, b);
}

static void eval_streak(const struct rule_ctx *c, const struct rule *r,
			const struct metric_info *m, const double *v,
			enum obs_source src, const char *seg, struct rule_result *out)
{
	char a[48], b[48], sp[80], wh[48];
	int e = rule_latest(v, c->d->nmonths, r->max_age), i, n = 0;

	if (e < 0) {
		rule_no_recent(c, m, v, seg, out);
		return;
	}
	/* A missing month or an unchanged value ends the streak. */
	for (i = e; i > 0 && !isnan(v[i - 1]); i--) {
		double d = worse_by(m, v[i - 1], v[i]);

		if (d <= 0 || d < r->min_step)
			break;
		n++;
	}
	rule_month_of(c, e, out->period);
	out->severity = n;
	rule_trace_span(c, out, n ? "in the streak" : "judged", v, e - (n ? n : 1), e, seg,
		   (int)src);
	result_fig(out, FIG_MONTHS, n);
	result_fig(out, FIG_VALUE, v[e]);
	result_fig(out, FIG_WARN, r->warn);
	result_fig(out, FIG_ALERT, r->alert);
	out->status = n > 0 && n >= r->alert ? STATUS_ALERT :
		      n > 0 && n >= r->warn ? STATUS_WATCH : STATUS_OK;
	words_segment(sp, sizeof(sp), seg);
	rule_where(wh, sizeof(wh), c, src, e);
	words_value(a, sizeof(a), v[e], m->unit);
	if (n == 0) {
		words_set_reason(out, "%s%s %s %s, not worse than the month before",
			   m->label, sp, a, wh);
		return;
	}
	words_value(b, sizeof(b), v[e - n], m->unit);
	words_set_reason(out, "%s%s worse %d month%s in a row %s, from %s to %s",
		   m->label, sp, n, n == 1 ? "" : "s", wh, b, a);
}

static int dbl_cmp(const void *a, const void *b)
{
	double x = *(const double *)a, y = *(const double *)b;

	return x < y ? -1 : x > y;
}

/* The portfolio median of segment seg in month idx (each partner's value
 * read as the rule reads it); *n partners had one. */
static double median(struct rule_ctx *c, const struct rule *r,
		     const struct ed_metric *em, int seg, int idx, int *n)
{
	size_t key = (size_t)seg * (size_t)c->d->nmonths + (size_t)idx, p;
	double *vals, m;
	int k = 0;

	if (key < c->med_size && c->med_n[key] >= 0) {
		*n = c->med_n[key];
		return c->med[key];
	}
	vals = xmalloc((c->d->npartners + 1) * sizeof(double));
	for (p = 0; p < c->d->npartners; p++) {
		enum obs_source s;
		const double *v = rule_pick(c, em, p, seg, r->source, &s);

		if (v && !isnan(v[idx]))
			vals[k++] = v[idx];
	}
	xqsort(vals, (size_t)k, sizeof(double), dbl_cmp);
	m = k == 0 ? NAN : k % 2 ? vals[k / 2] : (vals[k / 2 - 1] + vals[k / 2]) / 2;
	free(vals);
	if (key < c->med_size) {
		c->med[key] = m;
		c->med_n[key] = k;
	}
	*n = k;
	return m;
}

static void eval_vs_portfolio(struct rule_ctx *c, const struct rule *r,
			      const struct metric_info *m, const struct ed_metric *em,
			      int seg, const double *v, enum obs_source src,
			      struct rule_result *out)
{
	char a[48], md[48], d[48], sp[80], wh[48];
	const char *segname = em->segs[seg];
	int i = rule_latest(v, c->d->nmonths, r->max_age), n;
	double med, dev, bad;

	if (i < 0) {
		rule_no_recent(c, m, v, segname, out);
		return;
	}
	med = median(c, r, em, seg, i, &n);
	rule_month_of(c, i, out->period);
	words_segment(sp, sizeof(sp), segname);
	if (n < r->min_partners) {
		out->status = STATUS_NODATA;
		words_set_reason(out, "%s%s: only %d partner%s with figures for %.7s, "
			   "no portfolio median", m->label, sp, n, n == 1 ? "" : "s",
			   out->period);
		return;
	}
	rule_trace_obs(c, out, "judged", i, segname, (int)src, v[i]);
	{
		struct rule_input *in = rule_trace_add(c, out, "portfolio median");

		if (in) {
			rule_month_of(c, i, in->period);
			in->period[7] = '\0';
			snprintf(in->segment, sizeof(in->segment), "%s", segname);
			in->has_segment = true;
			in->value = med;
			in->text = xmalloc(48);
			snprintf(in->text, 48, "of %d partners", n);
		}
	}
	dev = v[i] - med;
	if (r->relative)
		dev = med == 0 ? 0 : 100.0 * dev / fabs(med);
	bad = m->better == METRIC_HIGHER ? -dev : dev;
	out->severity = bad;
	result_fig(out, FIG_VALUE, v[i]);
	result_fig(out, FIG_MEDIAN, med);
	result_fig(out, FIG_PARTNERS, n);
	result_fig(out, FIG_DEVIATION, dev);
	result_fig(out, FIG_WARN, r->warn);
	result_fig(out, FIG_ALERT, r->alert);
	out->status = bad > 0 && bad >= r->alert ? STATUS_ALERT :
		      bad > 0 && bad >= r->warn ? STATUS_WATCH : STATUS_OK;
	rule_where(wh, sizeof(wh), c, src, i);
	words_value(a, sizeof(a), v[i], m->unit);
	words_value(md, sizeof(md), med, m->unit);
	if (r->relative)
		snprintf(d, sizeof(d), "%.0f%% (relative)", fabs(dev));
	else
		words_delta(d, sizeof(d), dev, m->unit);
	if (dev == 0)
		words_set_reason(out, "%s%s %s %s, at the portfolio median (%d partners)",
			   m->label, sp, a, wh, n);
	else
		words_set_reason(out, "%s%s %s %s, %s %s the portfolio median %s "
			   "(%d partners)", m->label, sp, a, wh, d,
			   bad > 0 ? "worse than" : "better than", md, n);
}

static void eval_divergence(struct rule_ctx *c, const struct rule *r,
			    const struct metric_info *m, const struct ed_metric *em,
			    size_t p, int seg, struct rule_result *out)
{
	const double *pa = evaldata_series(c->d, em, p, seg, OBS_PARTNER);
	const double *cl = evaldata_series(c->d, em, p, seg, OBS_CLIENT);
	char a[48], b[48], d[48], sp[80], per[DATE_LEN], cm[160] = "";
	int n = c->d->nmonths, i, k, idx[12], nidx = 0;
	double gap = 0, pm = 0, cmn = 0, common;

	words_segment(sp, sizeof(sp), em->segs[seg]);
	if (pa == NULL || cl == NULL || rule_last_value(pa, n) < 0 || rule_last_value(cl, n) < 0) {
		out->status = STATUS_NA;
		words_set_reason(out, "%s%s: not measured by both sides", m->label, sp);
		return;
	}
	for (i = n - 1; i >= n - 1 - r->max_age && i >= 0; i--)
		if (!isnan(pa[i]) && !isnan(cl[i]))
			break;
	if (i < 0 || i < n - 1 - r->max_age) {
		out->status = STATUS_NODATA;
		words_set_reason(out, "%s%s: no month with both partner and client "
			   "figures in the last %d months", m->label, sp, r->max_age + 1);
		return;
	}
	/* The gap of the latest month with both, averaged over the months
	 * with both among the `average` months up to it. */
	for (k = i; k > i - r->average && k >= 0; k--)
		if (!isnan(pa[k]) && !isnan(cl[k])) {
			idx[nidx++] = k;
			pm += pa[k];
			cmn += cl[k];
			gap += pa[k] - cl[k];
			rule_trace_obs(c, out, "partner-reported", k, em->segs[seg],
				       OBS_PARTNER, pa[k]);
			rule_trace_obs(c, out, "client-measured", k, em->segs[seg],
				       OBS_CLIENT, cl[k]);
		}
	pm /= nidx;
	cmn /= nidx;
	gap /= nidx;
	/* A survey change or a release that moves one side's measurement for
	 * everyone is not this partner's yardstick. */
	common = rule_gap_common(c, r, em, seg, p, idx, nidx);
	rule_month_of(c, i, out->period);
	result_fig(out, FIG_PARTNER_VALUE, pa[i]);
	result_fig(out, FIG_CLIENT_VALUE, cl[i]);
	if (nidx > 1)
		result_fig(out, FIG_RECENT_MONTHS, nidx);
	result_fig(out, FIG_GAP, fabs(gap - common));
	if (common != 0)
		result_fig(out, FIG_PORTFOLIO, common);
	result_fig(out, FIG_WARN, r->warn);
	result_fig(out, FIG_ALERT, r->alert);
	out->severity = fabs(gap - common);
	out->status = out->severity > 0 && out->severity >= r->alert ? STATUS_ALERT :
		      out->severity > 0 && out->severity >= r->warn ? STATUS_WATCH : STATUS_OK;
	out->portfolio_wide = out->status < STATUS_WATCH && fabs(gap) >= r->warn;
	words_value(a, sizeof(a), nidx > 1 ? pm : pa[i], m->unit);
	words_value(b, sizeof(b), nidx > 1 ? cmn : cl[i], m->unit);
	words_delta(d, sizeof(d), fabs(gap), m->unit);
	snprintf(per, sizeof(per), "%.7s", out->period);
	if (fabs(common) >= 0.2 * (r->warn > 0 ? r->warn : 1)) {
		char e[48];

		words_delta(e, sizeof(e), common, m->unit);
		snprintf(cm, sizeof(cm), "; %s of the gap moved with the portfolio "
			 "(likely a survey or product change)", e);
	}
	if (nidx > 1)
		words_set_reason(out, "%s%s partner-reported %s vs client-measured %s, "
			   "%d-month means to %s: %s apart%s%s", m->label, sp, a, b,
			   nidx, per, d, out->status >= STATUS_WATCH ?
			   ", not the same yardstick" : "", cm);
	else
		words_set_reason(out, "%s%s partner-reported %s vs client-measured %s in %s: "
			   "%s apart%s%s", m->label, sp, a, b, per, d,
			   out->status >= STATUS_WATCH ? ", not the same yardstick" : "",
			   cm);
}

/* Does segment name match the rule's segment pattern? */
static bool seg_match(const char *pat, const char *name)
{
	size_t n = strlen(pat);

	if (strcmp(pat, "*") == 0)
		return *name != '\0';
	if (n >= 2 && pat[n - 1] == '*')
		return strncmp(pat, name, n - 1) == 0 && name[n - 1] != '\0';
	return strcmp(pat, name) == 0;
}

/* The metric kinds over every segment the rule names; the worst counts. */
static void eval_metric(struct rule_ctx *c, const struct rule *r, size_t p,
			struct rule_result *out)
{
	const struct metric_info *m = &c->rs->metrics[r->metric];
	const struct ed_metric *em = evaldata_metric(c->d, r->metric);
	struct rule_result best, one;
	size_t s;
	bool any = false;

	memset(&best, 0, sizeof(best));
	best.segment = "";
	for (s = 0; em && s < em->nsegs; s++) {
		enum obs_source src = OBS_CLIENT;
		const double *v = NULL;

		if (!seg_match(r->segment, em->segs[s]))
			continue;
		memset(&one, 0, sizeof(one));
		if (r->kind == RULE_DIVERGENCE) {
			eval_divergence(c, r, m, em, p, (int)s, &one);
		} else {
			v = rule_pick(c, em, p, (int)s, r->source, &src);
			if (v == NULL) {
				rule_result_clear(&one);
				continue;
			}
			one.has_source = true;
			one.source = src;
			switch (r->kind) {
			case RULE_LEVEL:
				eval_level(c, r, m, v, src, em->segs[s], &one);
				break;
			case RULE_TREND:
				eval_trend(c, r, m, v, src, em->segs[s], &one);
				break;
			case RULE_STREAK:
				eval_streak(c, r, m, v, src, em->segs[s], &one);
				break;
			case RULE_SHIFT: case RULE_RATE:
				rule_eval_own_metric(c, r, m, em, (int)s, p, &one);
				break;
			default:
				eval_vs_portfolio(c, r, m, em, (int)s, v, src, &one);
				break;
			}
		}
		one.segment = em->segs[s];
		if (!any || one.status > best.status ||
		    (one.status == best.status && one.severity > best.severity)) {
			rule_result_clear(&best);
			best = one;
			any = true;
		} else {
			rule_result_clear(&one);
		}
	}
	if (!any) {
		char sp[80];

		best.status = STATUS_NA;
		words_segment(sp, sizeof(sp), strcmp(r->segment, "*") == 0 ? "" :
			   r->segment);
		words_set_reason(&best, "%s%s not reported", m->label,
			   strchr(r->segment, '*') ? " by segment" : sp);
	}
	*out = best;
}

/* ------------------------------------------------------------- events */

static void eval_events(const struct rule_ctx *c, const struct rule *r,
			size_t p, struct rule_result *out)
{
	const struct ed_events *ev = &c->d->events[p];
	char from[DATE_LEN], what[160], last[64] = "";
	int count = 0;
	size_t i;
	const struct ed_event *lastev = NULL;

	date_from_month_index(c->d->as_of_month - r->window + 1, from);
	for (i = 0; i < ev->count; i++) {
		if (!((r->event_kinds >> ev->items[i].kind) & 1))
			continue;
		lastev = &ev->items[i];
		if (strcmp(ev->items[i].date, from) >= 0) {
			count++;
			rule_trace_text(c, out, "event counted", ev->items[i].date,
				   event_kind_name((enum event_kind)ev->items[i].kind), NAN);
		}
	}
	result_fig(out, FIG_COUNT, count);
	result_fig(out, FIG_WINDOW_MONTHS, r->window);
	result_fig(out, FIG_WARN, r->warn);
	result_fig(out, FIG_ALERT, r->alert);
	if (lastev == NULL && !r->fewer_is_better) {
		/* Nothing ever logged: we cannot tell silence from no
		 * record-keeping. */
		words_kinds(what, sizeof(what), r->event_kinds);
		out->status = STATUS_NODATA;
		memcpy(out->period, c->d->as_of, DATE_LEN);
		words_set_reason(out, "no %s on record", what);
		return;
	}
	if (r->fewer_is_better) {
		out->severity = count;
		out->status = count > r->alert ? STATUS_ALERT :
			      count > r->warn ? STATUS_WATCH : STATUS_OK;
	} else {
		out->severity = -count;
		out->status = count < r->alert ? STATUS_ALERT :
			      count < r->warn ? STATUS_WATCH : STATUS_OK;
	}
	memcpy(out->period, c->d->as_of, DATE_LEN);
	words_kinds(what, sizeof(what), r->event_kinds);
	if (lastev)
		snprintf(last, sizeof(last), "; last on %s", lastev->date);
	if (out->status == STATUS_OK)
		words_set_reason(out, "%s: %d in %d months%s", what, count, r->window, last);
	else if (r->fewer_is_better)
		words_set_reason(out, "%s: %d in %d months, more than %g%s", what, count,
			   r->window, out->status == STATUS_ALERT ? r->alert : r->warn,
			   last);
	else if (count == 0 && lastev)
		words_set_reason(out, "no %s in %d months (last on %s)", what, r->window,
			   lastev->date);
	else
		words_set_reason(out, "%s: only %d in %d months, fewer than %g%s", what,
			   count, r->window,
			   out->status == STATUS_ALERT ? r->alert : r->warn, last);
}

/* ----------------------------------------------------------------- qa */

static bool in_sections(const struct rule *r, const char *key)
{
	size_t i;

	if (r->n_sections == 0)
		return true;
	for (i = 0; i < r->n_sections; i++)
		if (strcmp(r->sections[i], key) == 0)
			return true;
	return false;
}

static void eval_qa(const struct rule_ctx *c, const struct rule *r, size_t p,
		    struct rule_result *out)
{
	const struct ed_review *rv = &c->d->reviews[p];
	struct qa_scored_item *items;
	struct strbuf b = { 0 };
	struct qa_score sc;
	size_t i, n = 0;
	long age;
	enum status st = STATUS_OK;

	if (!rv->present) {
		out->status = STATUS_NODATA;
		words_set_reason(out, "no final audit on record");
		return;
	}
	items = xcalloc(rv->nitems + 1, sizeof(*items));
	for (i = 0; i < rv->nitems; i++)
		if (in_sections(r, rv->items[i].section))
			items[n++] = rv->items[i].it;
	qa_score_items(items, n, &sc);
	free(items);
	if (rule_tracing(c)) {
		char parts[160], done[80];

		qa_answered_text(&sc, done, sizeof(done));
		snprintf(parts, sizeof(parts), "%g of %g weighted points; %s",
			 sc.earned, sc.possible, done);
		rule_trace_text(c, out, "audit", rv->date, parts, sc.score);
		for (i = 0; i < rv->nitems; i++) {
			const struct ed_qa_item *it = &rv->items[i];

			if (!in_sections(r, it->section) || it->it.answer == NULL)
				continue;
			if (strcmp(it->it.answer, "na") == 0)
				rule_trace_text(c, out, "n/a, left out", rv->date, it->text,
					   it->it.weight);
			else if (it->it.critical && qa_answer_fails(it->it.answer))
				rule_trace_text(c, out, "critical item failed", rv->date,
					   it->text, it->it.weight);
		}
	}
	age = c->ref_day - date_days(rv->date);
	memcpy(out->period, rv->date, DATE_LEN);
	result_fig(out, FIG_SCORE, sc.score);
	result_fig(out, FIG_AGE_DAYS, (double)age);
	result_fig(out, FIG_CRITICAL_FAILS, (double)sc.critical_fails);
	result_fig(out, FIG_PASSING, rv->passing);
	strbuf_addf(&b, "final audit of %s", rv->date);
	for (i = 0; i < r->n_sections; i++)
		strbuf_addf(&b, "%s%s", i ? ", " : ", sections ", r->sections[i]);
	if (isnan(sc.score)) {
		strbuf_add(&b, ": nothing scored");
		if (r->has_score)
			st = STATUS_NODATA;
	} else {
		strbuf_addf(&b, ": audit score (checklist) %.1f%%", sc.score);
		if (r->has_score) {
			result_fig(out, FIG_WARN, r->warn);
			result_fig(out, FIG_ALERT, r->alert);
			if (sc.score < r->alert) {
				st = STATUS_ALERT;
				strbuf_addf(&b, ", below the alert threshold %.1f%%", r->alert);
			} else if (sc.score < r->warn) {
				st = STATUS_WATCH;
				strbuf_addf(&b, ", below the watch threshold %.1f%%", r->warn);
			}
		}
		out->severity = 100 - sc.score;
	}
	if (r->critical && sc.critical_fails) {
		char text[80];
		size_t k, seen = 0;

		for (k = 0; k < rv->nitems; k++)
			if (in_sections(r, rv->items[k].section) &&
			    seen++ == (size_t)sc.first_critical_fail)
				break;
		words_cut(text, sizeof(text), k < rv->nitems ? rv->items[k].text : "?", 60);
		strbuf_addf(&b, "; failed critical item '%s'", text);
		if (sc.critical_fails > 1)
			strbuf_addf(&b, " and %zu more", sc.critical_fails - 1);
		st = STATUS_ALERT;
		out->severity += 100;
	}
	if (r->warn_days) {
		result_fig(out, FIG_WARN_DAYS, r->warn_days);
		result_fig(out, FIG_ALERT_DAYS, r->alert_days);
		if (age > r->alert_days || age > r->warn_days) {
			strbuf_addf(&b, "; %ld days old, a new audit was due after %d",
				    age, r->warn_days);
			if (age > r->alert_days)
				st = STATUS_ALERT;
			else if (st < STATUS_WATCH)
				st = STATUS_WATCH;
			out->severity += (double)age / 10;
		}
	}
	if (r->overdue_days >= 0) {
		int days = c->d->partners[p].qa_interval ? c->d->partners[p].qa_interval
			: c->rs->audit_interval_days;
		long late = age - days;
		char due[DATE_LEN];

		qa_next_due(rv->date, days, due);
		result_fig(out, FIG_INTERVAL_DAYS, days);
		result_fig(out, FIG_DAYS_OVERDUE, late > 0 ? (double)late : 0);
		if (days > 0 && late > 0) {
			strbuf_addf(&b, "; next audit was due %s (every %d days), %ld "
				    "day%s overdue", due, days, late, late == 1 ? "" : "s");
			if (late > r->overdue_days)
				st = STATUS_ALERT;
			else if (st < STATUS_WATCH)
				st = STATUS_WATCH;
			out->severity += (double)late / 10;
		}
	}
	out->status = st;
	free(out->reason);
	out->reason = strbuf_take(&b);
}

/* ------------------------------------------------------------ balance */

/* Percent change over periods of metric m for partner p; false if none. */
static bool pct_change(const struct rule_ctx *c, const struct rule *r, int m,
		       size_t p, double *pct, bool *reported, struct rule_result *out)
{
	const struct ed_metric *em = evaldata_metric(c->d, m);
	enum obs_source src;
	const double *v = em ? rule_pick(c, em, p, 0, r->source, &src) : NULL;
	int e, b;

	*reported = v != NULL && rule_last_value(v, c->d->nmonths) >= 0;
	e = rule_latest(v, c->d->nmonths, r->max_age);
	if (e < 0)
		return false;
	b = base_index(v, e, r->periods);
	if (b < 0 || v[b] == 0)
		return false;
	*pct = 100.0 * (v[e] - v[b]) / fabs(v[b]);
	if (rule_tracing(c)) {
		rule_trace_obs(c, out, "now", e, "", (int)src, v[e]);
		out->inputs[out->ninputs - 1].text = xstrdup(c->rs->metrics[m].key);
		rule_trace_obs(c, out, "before", b, "", (int)src, v[b]);
		out->inputs[out->ninputs - 1].text = xstrdup(c->rs->metrics[m].key);
	}
	return true;
}

static void eval_balance(const struct rule_ctx *c, const struct rule *r,
			 size_t p, struct rule_result *out)
{
	struct strbuf gains = { 0 }, losses = { 0 };
	double best_gain = -INFINITY, worst_loss = -INFINITY, pct;
	bool reported, any_rep = false, any_eff = false, any_q = false;
	size_t i;

	for (i = 0; i < r->n_efficiency; i++) {
		const struct metric_info *m = &c->rs->metrics[r->efficiency[i]];
		double gain;

		if (!pct_change(c, r, r->efficiency[i], p, &pct, &reported, out)) {
			any_rep |= reported;
			continue;
		}
		any_rep = any_eff = true;
		gain = m->better == METRIC_HIGHER ? pct : -pct;
		if (gain > best_gain)
			best_gain = gain;
		if (gain >= r->improve)
			strbuf_addf(&gains, "%s%s %s %.1f%% (relative)", gains.len ? ", " : "",
				    m->label, pct < 0 ? "down" : "up", fabs(pct));
	}
	for (i = 0; i < r->n_quality; i++) {
		const struct metric_info *m = &c->rs->metrics[r->quality[i]];
		double loss;

		if (!pct_change(c, r, r->quality[i], p, &pct, &reported, out)) {
			any_rep |= reported;
			continue;
		}
		any_rep = any_q = true;
		loss = m->better == METRIC_HIGHER ? -pct : pct;
		if (loss > worst_loss)
			worst_loss = loss;
		if (loss > 0 && loss >= r->warn)
			strbuf_addf(&losses, "%s%s %s %.1f%% (relative)", losses.len ? ", " : "",
				    m->label, pct < 0 ? "down" : "up", fabs(pct));
	}
	memcpy(out->period, c->d->as_of, DATE_LEN);
	if (!any_eff || !any_q) {
		out->status = any_rep ? STATUS_NODATA : STATUS_NA;
		words_set_reason(out, "%s figures for a %d-month comparison",
			   any_rep ? "not enough" : "no", r->periods);
		goto done;
	}
	result_fig(out, FIG_EFFICIENCY_GAIN_PCT, best_gain);
	result_fig(out, FIG_QUALITY_LOSS_PCT, worst_loss);
	result_fig(out, FIG_IMPROVE, r->improve);
	result_fig(out, FIG_WARN, r->warn);
	result_fig(out, FIG_ALERT, r->alert);
	if (best_gain < r->improve) {
		out->status = STATUS_OK;
		words_set_reason(out, "no efficiency gain of %g%% (relative) or more over %d months",
			   r->improve, r->periods);
		goto done;
	}
	out->severity = worst_loss;
	out->status = worst_loss > 0 && worst_loss >= r->alert ? STATUS_ALERT :
		      worst_loss > 0 && worst_loss >= r->warn ? STATUS_WATCH : STATUS_OK;
	if (out->status == STATUS_OK)
		words_set_reason(out, "%s over %d months, quality held", strbuf_str(&gains),
			   r->periods);
	else
		words_set_reason(out, "efficiency at the expense of quality: %s while %s "
			   "over %d months", strbuf_str(&gains), strbuf_str(&losses),
			   r->periods);
done:
	strbuf_free(&gains);
	strbuf_free(&losses);
}

/* ---------------------------------------------------------- freshness */

static void eval_freshness(const struct rule_ctx *c, const struct rule *r,
			   size_t p, struct rule_result *out)
{
	char due[DATE_LEN], lastm[DATE_LEN];
	int n = c->d->nmonths, last = -1, i, overdue;
	size_t m, s;

	/* The latest month with any partner-reported figure (of the rule's
	 * metric, or of any metric the rules read). */
	for (m = 0; m < c->d->nmetrics; m++) {
		const struct ed_metric *em = &c->d->metrics[m];

		if (r->metric >= 0 && em->metric != r->metric)
			continue;
		for (s = em->pfirst[p]; s < em->pfirst[p + 1]; s++) {
			if (em->ser[s].source != OBS_PARTNER)
				continue;
			i = rule_last_value(&c->d->vals[em->ser[s].off], n);
			if (i > last)
				last = i;
		}
	}
	memcpy(out->period, c->d->as_of, DATE_LEN);
	if (last < 0) {
		out->status = STATUS_NA;
		words_set_reason(out, "no figures from the partner in the last %d months", n);
		return;
	}
	timemodel_due_date(c->d->as_of, ruleset_due_day(c->rs, r), due);
	rule_month_of(c, last, lastm);
	rule_trace_text(c, out, "latest month with the partner's figures", lastm, "", NAN);
	if (out->ninputs)
		out->inputs[out->ninputs - 1].period[7] = '\0';
	rule_trace_text(c, out, "next figures due", due, "", NAN);
	overdue = (n - 1 - last) - (c->today <= date_days(due) ? 1 : 0);
	result_fig(out, FIG_MONTHS_OVERDUE, overdue < 0 ? 0 : overdue);
	result_fig(out, FIG_DUE_DAY, ruleset_due_day(c->rs, r));
	out->severity = overdue;
	if (last == n - 1) {
		out->status = STATUS_OK;
		words_set_reason(out, "figures for %.7s received", c->d->as_of);
	} else if (overdue <= 0) {
		out->status = STATUS_OK;
		words_set_reason(out, "figures for %.7s due by %s", c->d->as_of, due);
	} else if (overdue == 1 && last == n - 2) {
		out->status = STATUS_WATCH;
		words_set_reason(out, "figures for %.7s missing (due %s)", c->d->as_of, due);
	} else {
		out->status = overdue >= 2 ? STATUS_ALERT : STATUS_WATCH;
		words_set_reason(out, "no figures since %.7s: %d month%s overdue", lastm,
			   overdue, overdue == 1 ? "" : "s");
	}
}

void rule_eval(struct rule_ctx *c, const struct rule *r, size_t p,
	       struct rule_result *out)
{
	c->p = p;
	out->rule = r;
	out->segment = "";
	switch (r->kind) {
	case RULE_EVENTS:
		eval_events(c, r, p, out);
		break;
	case RULE_QA:
		eval_qa(c, r, p, out);
		break;
	case RULE_BALANCE:
		if (r->baseline > 0)
			rule_eval_own_balance(c, r, p, out);
		else
			eval_balance(c, r, p, out);
		break;
	case RULE_RATE:
		if (r->metric >= 0)
			eval_metric(c, r, p, out);
		else
			rule_eval_own_events(c, r, p, out);
		break;
	case RULE_FRESHNESS:
		eval_freshness(c, r, p, out);
		break;
	case RULE_TARGET:
		rule_eval_target(c, r, p, out);
		break;
	default:
		eval_metric(c, r, p, out);
		break;
	}
	out->rule = r;	/* after: the metric kinds copy a whole result in */
	if (out->reason == NULL)
		words_set_reason(out, "%s", "no result");
}
