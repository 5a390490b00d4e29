/* explain.c: the arithmetic behind statuses and scores, as text and JSON. */
#include "explain.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "event.h"
#include "json.h"
#include "observation.h"

/* A figure of r by name, NaN when the rule did not record it. */
static double fig(const struct rule_result *r, enum figure f)
{
	double v;

	return indicator_result_figure(r, f, &v) ? v : NAN;
}

/* A number as the explanation prints it: up to 4 decimals, no trailing 0.
 * For a pack, as people read figures: whole numbers whole, a figure with
 * at most two decimals (as stored: 4.02, 2.75) as it is, anything
 * computed (73.5714, 0.625) to one decimal. */
static const char *num(enum explain_form fm, char *buf, size_t n, double v)
{
	char *p;

	if (isnan(v)) {
		snprintf(buf, n, "-");
		return buf;
	}
	if (fm == EXPLAIN_PACK && v == rint(v)) {
		snprintf(buf, n, "%.0f", v);
		return buf;
	}
	if (fm == EXPLAIN_PACK && fabs(v * 100 - rint(v * 100)) > 1e-6) {
		snprintf(buf, n, "%.1f", v);
		return buf;
	}
	snprintf(buf, n, "%.4f", v);
	p = buf + strlen(buf) - 1;
	while (*p == '0')
		*p-- = '\0';
	if (*p == '.')
		*p = '\0';
	return buf;
}

static int side(double v, double t) { return (v > t) - (v < t); }

/* num of a value x compared with the thresholds t1 and t2 (NaN: none):
 * in a pack, rounded as num does unless rounding would move it onto or
 * across a threshold (9.97 against 10 is not "10.0"); then as explain
 * prints it. */
static const char *num_vs(enum explain_form fm, char *buf, size_t n, double x,
			  double t1, double t2)
{
	double r;

	num(fm, buf, n, x);
	if (fm != EXPLAIN_PACK || isnan(x))
		return buf;
	r = strtod(buf, NULL);
	if ((!isnan(t1) && side(r, t1) != side(x, t1)) ||
	    (!isnan(t2) && side(r, t2) != side(x, t2)))
		num(EXPLAIN_FULL, buf, n, x);
	return buf;
}

/* Where a rule or threshold is defined: "/etc/bpowatch.conf:109"; for a
 * pack the file's name only ("bpowatch.conf:109"), not this machine's
 * directories. */
static const char *origin(enum explain_form fm, char *buf, size_t n,
			  const struct rule_origin *o)
{
	const char *file = o->file, *slash;

	if (file && fm == EXPLAIN_PACK && (slash = strrchr(file, '/')) && slash[1])
		file = slash + 1;
	if (file && o->line > 0)
		snprintf(buf, n, "%s:%d", file, o->line);
	else if (file)
		snprintf(buf, n, "%s", file);
	else
		snprintf(buf, n, "built in");
	return buf;
}

/* "! ALERT" (a terminal's mark before the word) or, for a pack, "ALERT". */
static const char *status_text(enum explain_form fm, char *buf, size_t n, enum status s)
{
	if (fm == EXPLAIN_PACK)
		snprintf(buf, n, "%s", status_label(s));
	else
		snprintf(buf, n, "%c %s", status_mark(s), status_label(s));
	return buf;
}

static const struct metric_info *rule_metric(const struct evaluation *ev,
					     const struct rule *r)
{
	return r->metric >= 0 ? &ev->rs->metrics[r->metric] : NULL;
}

/* "higher is better" for the rule's metric, or the events' direction. */
static const char *direction(const struct evaluation *ev, const struct rule *r)
{
	const struct metric_info *m = rule_metric(ev, r);

	if (r->kind == RULE_EVENTS)
		return r->fewer_is_better ? "fewer is better" : "more is better";
	if (m)
		return m->better == METRIC_HIGHER ? "higher is better" : "lower is better";
	return NULL;
}

/* Which threshold a "worse by" amount x reaches: the verdict line. */
static void verdict(enum explain_form fm,
		    struct strbuf *b, double x, const char *what, double warn,
		    double alert, bool reach)
{
	char a[32], w[32], v[32];

	num_vs(fm, v, sizeof(v), x, warn, alert);
	num(fm, w, sizeof(w), warn);
	num(fm, a, sizeof(a), alert);
	if (x < 0 && strcmp(what, "worse by") == 0)	/* better: never "worse by -1" */
		strbuf_addf(b, "  not worse at all (%s better): short of the watch "
			    "threshold %s: OK\n", num(fm, v, sizeof(v), -x), w);
	else if (x > 0 && (reach ? x >= alert : x > alert))
		strbuf_addf(b, "  %s %s %s the alert threshold %s: ALERT\n", what, v,
			    reach ? "reaches" : "passes", a);
	else if (x > 0 && (reach ? x >= warn : x > warn))
		strbuf_addf(b, "  %s %s %s the watch threshold %s (alert %s): WATCH\n",
			    what, v, reach ? "reaches" : "passes", w, a);
	else
		strbuf_addf(b, "  %s %s stays short of the watch threshold %s: OK\n",
			    what, v, w);
}

/* The direction line of a change judged by how much worse it is: "higher
 * is better, so 6 pts worse", "... so 0.1 pts better", never a negative
 * "worse". unit: "%" (relative), " pts" (a percentage's points) or "". */
static void worse_line(enum explain_form fm,
		       struct strbuf *b, const char *dir, double worse,
		       const char *unit)
{
	char x[32];

	if (worse > 0)
		strbuf_addf(b, "  %s, so %s%s worse\n", dir, num(fm, x, sizeof(x), worse), unit);
	else if (worse < 0)
		strbuf_addf(b, "  %s, so %s%s better, not worse\n", dir,
			    num(fm, x, sizeof(x), -worse), unit);
	else
		strbuf_addf(b, "  %s, so no worse\n", dir);
}

/* The unit a change of the rule's metric is told in: points of a
 * percentage, or percent of the value said to be relative (as the
 * reasons say it, words.c). */
static const char *change_unit(const struct metric_info *m, bool relative)
{
	if (relative)
		return "% (relative)";
	return m && strcmp(m->unit, "%") == 0 ? " pts" : "";
}

/* "2025-04": a month kept as the number YYYYMM. */
static const char *month_text(char *buf, size_t n, double ym)
{
	if (isnan(ym))
		snprintf(buf, n, "-");
	else
		snprintf(buf, n, "%04d-%02d", (int)ym / 100, (int)ym % 100);
	return buf;
}

/* Which bars an effect and its sureness pass: the verdict line of the
 * kinds judged against the partner's own normal. */
static void own_verdict(enum explain_form fm,
			struct strbuf *b, const struct rule_result *r, const char *unit)
{
	const struct rule *ru = r->rule;
	char w[32], a[32], zw[32], za[32];

	strbuf_addf(b, "  WATCH needs an effect of %s%s and %s standard errors; ALERT "
		    "%s%s and %s: %s\n", num(fm, w, sizeof(w), ru->warn), unit,
		    num(fm, zw, sizeof(zw), ru->z_warn), num(fm, a, sizeof(a), ru->alert), unit,
		    num(fm, za, sizeof(za), ru->z_alert), status_label(r->status));
}

static void own_normal_text(enum explain_form fm,
			    const struct rule_result *r, struct strbuf *b)
{
	char f[16], t[16], n[32];

	strbuf_addf(b, "  the normal is made of the %s months %s..%s before the recent "
		    "ones (months of a shift already flagged left out)\n",
		    num(fm, n, sizeof(n), fig(r, FIG_BASE_MONTHS)),
		    month_text(f, sizeof(f), fig(r, FIG_BASE_FROM)),
		    month_text(t, sizeof(t), fig(r, FIG_BASE_TO)));
	if (!isnan(fig(r, FIG_ONSET)))
		strbuf_addf(b, "  the shift began %s; the normal stays anchored before "
			    "it (up to `memory` %d months)\n",
			    month_text(f, sizeof(f), fig(r, FIG_ONSET)), r->rule->memory);
}

static void own_shift_text(enum explain_form fm,
			   const struct evaluation *ev, const struct rule_result *r,
			   struct strbuf *b)
{
	const struct rule *ru = r->rule;
	const struct metric_info *m = rule_metric(ev, ru);
	const char *unit = change_unit(m, ru->relative);
	char x[32], y[32], z[32], e[32];
	double se = fig(r, FIG_Z) != 0 ? fig(r, FIG_EFFECT) / fig(r, FIG_Z) : NAN;

	own_normal_text(fm, r, b);
	strbuf_addf(b, "  normal = their median %s, spread (the partner's own noise: "
		    "1.4826 x the median absolute deviation) %s%s\n",
		    num(fm, x, sizeof(x), fig(r, FIG_BASE)), num(fm, y, sizeof(y), fig(r, FIG_SPREAD)),
		    ru->relative ? "%" : "");
	if (ru->cause_check)
		strbuf_add(b, "  every month first has the portfolio's common movement "
			   "taken out (the median change of the other partners that "
			   "month, each on its own typical level)\n");
	strbuf_addf(b, "  recent = the mean of the %s latest month(s) = %s as reported\n",
		    num(fm, x, sizeof(x), fig(r, FIG_RECENT_MONTHS)),
		    num(fm, y, sizeof(y), fig(r, FIG_RECENT)));
	strbuf_addf(b, "  effect = how much worse than the normal = %s%s of the partner's "
		    "own, plus %s%s the portfolio's (%s)\n",
		    num_vs(fm, e, sizeof(e), fig(r, FIG_EFFECT), ru->warn, ru->alert), unit,
		    num(fm, z, sizeof(z), fig(r, FIG_PORTFOLIO)), unit, direction(ev, ru));
	strbuf_addf(b, "  sureness = effect / standard error %s = %s (standard error = "
		    "spread x sqrt(1/recent months + 1.57/normal months))\n",
		    num(fm, x, sizeof(x), se),
		    num_vs(fm, y, sizeof(y), fig(r, FIG_Z), ru->z_warn, ru->z_alert));
	own_verdict(fm, b, r, unit);
}

static void own_rate_text(enum explain_form fm,
			  const struct rule_result *r, struct strbuf *b)
{
	const struct rule *ru = r->rule;
	bool up = ru->metric >= 0 ? true : ru->fewer_is_better;
	char x[32], y[32], z[32];

	own_normal_text(fm, r, b);
	strbuf_addf(b, "  usual rate = %s a month; expected in the %s recent month(s) = "
		    "%s (half an event of prior%s)\n",
		    num(fm, x, sizeof(x), fig(r, FIG_BASE)), num(fm, y, sizeof(y), ru->recent),
		    num(fm, z, sizeof(z), fig(r, FIG_EXPECTED)),
		    ru->cause_check ? ", scaled by the portfolio's common movement" : "");
	strbuf_addf(b, "  counted: %s; effect = %s%% %s than usual (the portfolio's "
		    "part %s%%)\n",
		    num(fm, x, sizeof(x), fig(r, FIG_COUNT)),
		    num_vs(fm, y, sizeof(y), fig(r, FIG_EFFECT), ru->warn, ru->alert),
		    up ? "more" : "fewer", num(fm, z, sizeof(z), fig(r, FIG_PORTFOLIO)));
	strbuf_addf(b, "  sureness = %s standard errors (an exact binomial test of the "
		    "recent share of all counts, over-dispersed counts weighing less)\n",
		    num_vs(fm, x, sizeof(x), fig(r, FIG_Z), ru->z_warn, ru->z_alert));
	own_verdict(fm, b, r, "%");
}

static void own_balance_text(enum explain_form fm,
			     const struct rule_result *r, struct strbuf *b)
{
	const struct rule *ru = r->rule;
	char x[32], y[32], z[32];

	strbuf_addf(b, "  each metric against the partner's own normal (its %d months "
		    "before the recent %d), the portfolio's common movement taken out\n",
		    ru->baseline, ru->recent);
	strbuf_addf(b, "  best efficiency gain %s%% (relative; it counts from %s%%, and "
		    "beyond the partner's noise), worst quality loss %s pts\n",
		    num(fm, x, sizeof(x), fig(r, FIG_EFFICIENCY_GAIN_PCT)),
		    num(fm, y, sizeof(y), ru->improve),
		    num(fm, z, sizeof(z), fig(r, FIG_QUALITY_LOSS)));
	own_verdict(fm, b, r, " pts");
}

/* The kind's formula with the figures put in. */
/* A target rule: the contract target cited, the months counted, the
 * verdict and the credits owed. */
static void target_text_of(enum explain_form fm,
			   const struct rule_result *r, struct strbuf *b)
{
	const struct rule *ru = r->rule;
	char x[32], y[32], z[32];
	size_t i;

	for (i = 0; i < r->ninputs; i++)
		if (strcmp(r->inputs[i].what, "contract target") == 0 && r->inputs[i].text)
			strbuf_addf(b, "  %s\n", r->inputs[i].text);
	strbuf_addf(b, "  months judged in the last %s: %s, met %s, missed %s "
		    "(WATCH from %g missed, ALERT from %g or a latest month beyond the "
		    "contract's alert level",
		    num(fm, x, sizeof(x), fig(r, FIG_WINDOW_MONTHS)),
		    num(fm, y, sizeof(y), fig(r, FIG_MONTHS)), num(fm, z, sizeof(z), fig(r, FIG_MET)),
		    num(fm, (char[32]){ 0 }, 32, fig(r, FIG_MISSED)), ru->warn, ru->alert);
	if (!isnan(fig(r, FIG_ALERT)))
		strbuf_addf(b, " %s", num(fm, x, sizeof(x), fig(r, FIG_ALERT)));
	strbuf_addf(b, "): %s\n", status_label(r->status));
	if (!isnan(fig(r, FIG_CREDIT_PCT)))
		strbuf_addf(b, "  service credits owed for the missed months: %s%% of a "
			    "monthly fee\n", num(fm, x, sizeof(x), fig(r, FIG_CREDIT_PCT)));
}

static void arithmetic(enum explain_form fm,
		       const struct evaluation *ev, const struct rule_result *r,
		       struct strbuf *b)
{
	const struct rule *ru = r->rule;
	const struct metric_info *m = rule_metric(ev, ru);
	bool higher = m == NULL || m->better == METRIC_HIGHER;
	char x[32], y[32], z[32];
	double worse;

	if (r->status == STATUS_NA || (r->status == STATUS_NODATA && r->nfigs == 0)) {
		strbuf_addf(b, "  nothing to judge: %s\n", r->reason);
		return;
	}
	switch (ru->kind) {
	case RULE_LEVEL:
		worse = higher ? ru->warn - fig(r, FIG_VALUE) : fig(r, FIG_VALUE) - ru->warn;
		strbuf_addf(b, "  the value %s against watch %s and alert %s (%s; a value "
			    "equal to a threshold is still fine)\n",
			    num(fm, x, sizeof(x), fig(r, FIG_VALUE)), num(fm, y, sizeof(y), ru->warn),
			    num(fm, z, sizeof(z), ru->alert), direction(ev, ru));
		if ((higher && fig(r, FIG_VALUE) < ru->alert) ||
		    (!higher && fig(r, FIG_VALUE) > ru->alert))
			strbuf_addf(b, "  %s is %s the alert threshold: ALERT\n", x,
				    higher ? "below" : "above");
		else if (worse > 0)
			strbuf_addf(b, "  %s is %s the watch threshold: WATCH\n", x,
				    higher ? "below" : "above");
		else
			strbuf_addf(b, "  %s is not %s the watch threshold: OK\n", x,
				    higher ? "below" : "above");
		break;
	case RULE_TREND:
		if (ru->relative)
			strbuf_addf(b, "  change = (now %s - before %s) / |before| x 100 = %s%% "
				    "over %s months\n", num(fm, x, sizeof(x), fig(r, FIG_VALUE)),
				    num(fm, y, sizeof(y), fig(r, FIG_BASE)),
				    num(fm, z, sizeof(z), fig(r, FIG_CHANGE)),
				    num(fm, (char[32]){ 0 }, 32, fig(r, FIG_MONTHS)));
		else
			strbuf_addf(b, "  change = now %s - before %s = %s over %s months%s\n",
				    num(fm, x, sizeof(x), fig(r, FIG_VALUE)),
				    num(fm, y, sizeof(y), fig(r, FIG_BASE)),
				    num(fm, z, sizeof(z), fig(r, FIG_CHANGE)),
				    num(fm, (char[32]){ 0 }, 32, fig(r, FIG_MONTHS)),
				    ru->average > 1 ? " (each end a mean of months)" : "");
		worse = higher ? -fig(r, FIG_CHANGE) : fig(r, FIG_CHANGE);
		worse_line(fm, b, direction(ev, ru), worse, change_unit(m, ru->relative));
		verdict(fm, b, worse, "worse by", ru->warn, ru->alert, true);
		break;
	case RULE_STREAK:
		strbuf_addf(b, "  months in a row each worse than the one before (by at "
			    "least %s): %s\n", num(fm, x, sizeof(x), ru->min_step),
			    num(fm, y, sizeof(y), fig(r, FIG_MONTHS)));
		verdict(fm, b, fig(r, FIG_MONTHS), "a streak of", ru->warn, ru->alert, true);
		break;
	case RULE_VS_PORTFOLIO:
		strbuf_addf(b, "  deviation = value %s - portfolio median %s (of %s partners)"
			    " = %s%s\n", num(fm, x, sizeof(x), fig(r, FIG_VALUE)),
			    num(fm, y, sizeof(y), fig(r, FIG_MEDIAN)),
			    num(fm, z, sizeof(z), fig(r, FIG_PARTNERS)),
			    num_vs(fm, (char[32]){ 0 }, 32, fig(r, FIG_DEVIATION),
				   higher ? -ru->warn : ru->warn, higher ? -ru->alert : ru->alert),
			    ru->relative ? "% of the median" : "");
		worse = higher ? -fig(r, FIG_DEVIATION) : fig(r, FIG_DEVIATION);
		worse_line(fm, b, direction(ev, ru), worse, ru->relative ?
			   "% of the median" : change_unit(m, false));
		verdict(fm, b, worse, "worse by", ru->warn, ru->alert, true);
		break;
	case RULE_DIVERGENCE:
		if (!isnan(fig(r, FIG_RECENT_MONTHS)) || !isnan(fig(r, FIG_PORTFOLIO)))
			strbuf_addf(b, "  gap = |mean of partner-reported - client-measured "
				    "over %s month(s) - the portfolio's common movement of "
				    "the gap %s| = %s\n",
				    num(fm, x, sizeof(x), isnan(fig(r, FIG_RECENT_MONTHS)) ? 1 :
					fig(r, FIG_RECENT_MONTHS)),
				    num(fm, y, sizeof(y), isnan(fig(r, FIG_PORTFOLIO)) ? 0 :
					fig(r, FIG_PORTFOLIO)),
				    num_vs(fm, z, sizeof(z), fig(r, FIG_GAP), ru->warn, ru->alert));
		else
			strbuf_addf(b, "  gap = |partner-reported %s - client-measured %s| = %s\n",
				    num(fm, x, sizeof(x), fig(r, FIG_PARTNER_VALUE)),
				    num(fm, y, sizeof(y), fig(r, FIG_CLIENT_VALUE)),
				    num_vs(fm, z, sizeof(z), fig(r, FIG_GAP), ru->warn, ru->alert));
		verdict(fm, b, fig(r, FIG_GAP), "the gap", ru->warn, ru->alert, true);
		break;
	case RULE_EVENTS:
		strbuf_addf(b, "  %s events counted in the last %s months (%s)\n",
			    num(fm, x, sizeof(x), fig(r, FIG_COUNT)),
			    num(fm, y, sizeof(y), fig(r, FIG_WINDOW_MONTHS)), direction(ev, ru));
		if (ru->fewer_is_better)
			verdict(fm, b, fig(r, FIG_COUNT), "a count of", ru->warn, ru->alert, false);
		else
			strbuf_addf(b, "  %s %s the watch threshold %s, alert below %s: %s\n",
				    x, fig(r, FIG_COUNT) < ru->warn ? "is below" : "reaches",
				    num(fm, y, sizeof(y), ru->warn), num(fm, z, sizeof(z), ru->alert),
				    status_label(r->status));
		break;
	case RULE_QA:
		strbuf_addf(b, "  score = earned / possible weighted points = %s%% "
			    "(N/A items are left out of both; passing %s%%)\n",
			    num_vs(fm, x, sizeof(x), fig(r, FIG_SCORE),
				   ru->has_score ? ru->warn : fig(r, FIG_PASSING),
				   ru->has_score ? ru->alert : NAN),
			    num(fm, y, sizeof(y), fig(r, FIG_PASSING)));
		if (ru->has_score)
			strbuf_addf(b, "  watch below %s%%, alert below %s%%\n",
				    num(fm, x, sizeof(x), ru->warn), num(fm, y, sizeof(y), ru->alert));
		if (ru->critical)
			strbuf_addf(b, "  failed critical items: %s%s\n",
				    num(fm, x, sizeof(x), fig(r, FIG_CRITICAL_FAILS)),
				    fig(r, FIG_CRITICAL_FAILS) > 0 ? " (any makes it ALERT, "
				    "whatever the score)" : "");
		if (!isnan(fig(r, FIG_INTERVAL_DAYS)))
			strbuf_addf(b, "  audit %s days old, one due every %s days: %s days "
				    "overdue (WATCH once due, ALERT more than %d days late)\n",
				    num(fm, x, sizeof(x), fig(r, FIG_AGE_DAYS)),
				    num(fm, y, sizeof(y), fig(r, FIG_INTERVAL_DAYS)),
				    num(fm, z, sizeof(z), fig(r, FIG_DAYS_OVERDUE)), ru->overdue_days);
		strbuf_addf(b, "  so: %s\n", status_label(r->status));
		break;
	case RULE_BALANCE:
		if (ru->baseline > 0) {
			own_balance_text(fm, r, b);
			break;
		}
		strbuf_addf(b, "  best efficiency gain %s%% (it counts from %s%%), worst "
			    "quality loss %s%% over %d months\n",
			    num(fm, x, sizeof(x), fig(r, FIG_EFFICIENCY_GAIN_PCT)),
			    num(fm, y, sizeof(y), ru->improve),
			    num(fm, z, sizeof(z), fig(r, FIG_QUALITY_LOSS_PCT)), ru->periods);
		if (fig(r, FIG_EFFICIENCY_GAIN_PCT) < ru->improve)
			strbuf_addf(b, "  no efficiency gain large enough: OK\n");
		else
			verdict(fm, b, fig(r, FIG_QUALITY_LOSS_PCT), "a quality loss of",
				ru->warn, ru->alert, true);
		break;
	case RULE_SHIFT:
		own_shift_text(fm, ev, r, b);
		break;
	case RULE_RATE:
		own_rate_text(fm, r, b);
		break;
	case RULE_TARGET:
		target_text_of(fm, r, b);
		break;
	case RULE_FRESHNESS:
		strbuf_addf(b, "  figures are due on day %s of the next month; months "
			    "overdue: %s (1: WATCH, 2 or more: ALERT): %s\n",
			    num(fm, x, sizeof(x), fig(r, FIG_DUE_DAY)),
			    num(fm, y, sizeof(y), fig(r, FIG_MONTHS_OVERDUE)),
			    status_label(r->status));
		break;
	default:
		break;
	}
}

/* The rule: kind, metric, segment, source, thresholds with their origins. */
static void rule_text(enum explain_form fm,
		      const struct evaluation *ev, const struct rule *ru,
		      struct strbuf *b)
{
	const struct metric_info *m = rule_metric(ev, ru);
	char o[300], w[32], a[32];

	strbuf_addf(b, "  rule %s: kind %s", ru->key, rule_kind_name(ru->kind));
	if (m)
		strbuf_addf(b, " on %s (%s%s%s, %s)", m->key, m->name,
			    m->unit[0] ? ", " : "", m->unit, direction(ev, ru));
	else if (direction(ev, ru))
		strbuf_addf(b, " (%s)", direction(ev, ru));
	strbuf_addf(b, ", defined at %s\n", origin(fm, o, sizeof(o), &ru->origin));
	if (m && ru->kind == RULE_TARGET)
		strbuf_addf(b, "  reads the partner's contract targets for %s (segment %s) "
			    "and the figures each names (its segment; its source, or "
			    "client-measured where there are any, else partner-reported)\n",
			    m->key, ru->segment[0] ? ru->segment : "total");
	else if (m && ru->kind != RULE_DIVERGENCE)
		strbuf_addf(b, "  reads %s, segment %s\n", ru->source == RSRC_CLIENT ?
			    "client-measured values" : ru->source == RSRC_PARTNER ?
			    "partner-reported values" : "client-measured values where "
			    "there are any, else partner-reported",
			    ru->segment[0] ? ru->segment : "total");
	if (ru->has_score)
		strbuf_addf(b, "  thresholds: watch %s (%s), alert %s (%s)\n",
			    num(fm, w, sizeof(w), ru->warn), origin(fm, o, sizeof(o), &ru->warn_at),
			    num(fm, a, sizeof(a), ru->alert),
			    origin(fm, (char[300]){ 0 }, 300, &ru->alert_at));
	if (ru->kind == RULE_QA && ru->warn_days)
		strbuf_addf(b, "  audit age: watch after %d days (%s), alert after %d (%s)\n",
			    ru->warn_days, origin(fm, o, sizeof(o), &ru->warn_days_at),
			    ru->alert_days, origin(fm, (char[300]){ 0 }, 300, &ru->alert_days_at));
	if (rule_cause(ru) == RULE_CAUSE_COMMON)
		strbuf_addf(b, "  cause check: the portfolio's common movement is taken "
			    "out first (at least %d other partners with figures that "
			    "month)\n", ru->min_partners);
	else if (rule_cause(ru) == RULE_CAUSE_VOTE)
		strbuf_addf(b, "  cause check: on (portfolio-wide, and at most WATCH, when "
			    "%s%% or more of the other partners with figures fire too "
			    "and at least %d partners have figures)\n",
			    num(fm, w, sizeof(w), 100 * ru->share), ru->min_partners);
}

static void inputs_text(enum explain_form fm,
			const struct rule_result *r, struct strbuf *b)
{
	char v[32];
	size_t i;

	if (r->ninputs == 0)
		return;
	strbuf_add(b, "  figures read:\n");
	for (i = 0; i < r->ninputs; i++) {
		const struct rule_input *in = &r->inputs[i];

		strbuf_addf(b, "    %-22s %.10s", in->what, in->period);
		if (in->has_segment)
			strbuf_addf(b, "  %s", in->segment[0] ? in->segment : "total");
		if (in->source >= 0)
			strbuf_addf(b, "  %s", obs_source_name((enum obs_source)in->source));
		if (!isnan(in->value))
			strbuf_addf(b, "  %s", num(fm, v, sizeof(v), in->value));
		if (in->text && in->text[0])
			strbuf_addf(b, "  %s", in->text);
		strbuf_add(b, "\n");
	}
}

/* Why a flag the cause check votes on stays the partner's own: how many
 * other partners fire too, against how many it takes. */
static void vote_text(enum explain_form fm, const struct rule_result *r, struct strbuf *b)
{
	const struct rule *ru = r->rule;
	unsigned others = r->vote_others, firing = r->vote_firing;
	unsigned need = (unsigned)ceil(ru->share * others - 1e-9);
	char sh[32];

	num(fm, sh, sizeof(sh), 100 * ru->share);
	if (others + 1 < (unsigned)ru->min_partners)
		strbuf_addf(b, "  cause check: %u partner%s with figures, %d needed to "
			    "compare: the partner's own\n", others + 1,
			    others + 1 == 1 ? "" : "s", ru->min_partners);
	else
		strbuf_addf(b, "  cause check: %u of %u other partners fire%s too, "
			    "fewer than the %u (%s%%) it takes to call it "
			    "portfolio-wide: the partner's own\n", firing, others,
			    firing == 1 ? "s" : "", need ? need : 1, sh);
}

void explain_rule_text(const struct evaluation *ev, const struct rule_result *r,
		       struct strbuf *b)
{
	explain_rule_text_as(ev, r, EXPLAIN_FULL, b);
}

void explain_rule_text_as(const struct evaluation *ev, const struct rule_result *r,
			  enum explain_form fm, struct strbuf *b)
{
	char v[32], o[32], st[32];

	strbuf_addf(b, "%s  %s: %s\n", status_text(fm, st, sizeof(st), r->status),
		    r->rule->key, r->reason);
	rule_text(fm, ev, r->rule, b);
	inputs_text(fm, r, b);
	arithmetic(fm, ev, r, b);
	if (r->portfolio_wide && rule_cause(r->rule) == RULE_CAUSE_COMMON)
		strbuf_addf(b, "  cause check: the portfolio's common movement explains "
			    "%s: portfolio-wide, likely product-driven\n",
			    r->status >= STATUS_WATCH ? "part of the change" :
			    "what would otherwise be a flag");
	else if (r->portfolio_wide)
		strbuf_addf(b, "  cause check: %s of %s other partners fire too: "
			    "portfolio-wide, likely product-driven, capped at WATCH\n",
			    num(fm, v, sizeof(v), fig(r, FIG_OTHERS_FIRING)),
			    num(fm, o, sizeof(o), fig(r, FIG_OTHERS)));
	else if (rule_cause(r->rule) == RULE_CAUSE_VOTE && r->status >= STATUS_WATCH)
		vote_text(fm, r, b);
}

/* " (audits and events as they stood on 2026-09-30)" for an earlier month,
 * judged as it stood on its last day (timemodel_until); "" when they count
 * up to today. */
static const char *stood(const struct evaluation *ev, char *buf, size_t n)
{
	if (!ev->until[0] || strcmp(ev->until, ev->today) == 0)
		return "";
	snprintf(buf, n, " (audits and events as they stood on %s)", ev->until);
	return buf;
}

void explain_indicator_text(const struct evaluation *ev,
			    const struct indicator_result *ir, struct strbuf *b)
{
	const enum explain_form fm = EXPLAIN_FULL;
	char o[300], st[64];
	size_t i;

	strbuf_addf(b, "%s: %c %s (the worst of its %zu rules; a rule that does not "
		    "apply, -, does not count; none that applies: NO DATA)\n",
		    ir->ind->title, status_mark(ir->status), status_label(ir->status),
		    ir->nrules);
	strbuf_addf(b, "  as of %.7s, judged on %s%s; indicator defined at %s\n",
		    ev->as_of, ev->today, stood(ev, st, sizeof(st)),
		    origin(fm, o, sizeof(o), &ir->ind->origin));
	for (i = 0; i < ir->nrules; i++) {
		strbuf_add(b, "\n");
		explain_rule_text(ev, &ir->rules[i], b);
	}
}

/* "OK 100, WATCH or NO DATA 50, ALERT 0": the points status_points()
 * gives, best first, statuses with equal points joined (n/a has none). */
static const char *points_legend(char *buf, size_t n)
{
	bool done[STATUS_COUNT] = { false };
	size_t len = 0;
	int s, best;

	buf[0] = '\0';
	for (;;) {
		bool first = true;

		best = -1;
		for (s = STATUS_COUNT - 1; s > STATUS_NA; s--)
			if (!done[s] && (best < 0 || status_points((enum status)s) >
					 status_points((enum status)best)))
				best = s;
		if (best < 0 || len >= n)
			break;
		len += (size_t)snprintf(buf + len, n - len, "%s", len ? ", " : "");
		for (s = STATUS_COUNT - 1; s > STATUS_NA && len < n; s--)
			if (!done[s] && status_points((enum status)s) ==
			    status_points((enum status)best)) {
				len += (size_t)snprintf(buf + len, n - len, "%s%s",
							first ? "" : " or ",
							status_label((enum status)s));
				done[s] = true;
				first = false;
			}
		if (len < n)
			len += (size_t)snprintf(buf + len, n - len, " %g",
						status_points((enum status)best));
	}
	return buf;
}

void explain_health_text(const struct evaluation *ev, const struct partner_result *pr,
			 struct strbuf *b)
{
	explain_health_text_as(ev, pr, EXPLAIN_FULL, b);
}

void explain_health_text_as(const struct evaluation *ev, const struct partner_result *pr,
			    enum explain_form fm, struct strbuf *b)
{
	char w[32], pt[32], h[32], o[300], st[64], legend[80];
	double wsum = 0, sum = 0;
	size_t i;

	strbuf_addf(b, "%s (%s) as of %.7s, judged on %s%s\n", pr->name, pr->code,
		    ev->as_of, ev->today, stood(ev, st, sizeof(st)));
	strbuf_addf(b, "status %s: the worst of the %zu indicators\n",
		    status_text(fm, w, sizeof(w), pr->status), pr->ninds);
	strbuf_addf(b, "health = sum of weight x points / sum of weights "
		    "(points: %s)\n", points_legend(legend, sizeof(legend)));
	for (i = 0; i < pr->ninds; i++) {
		const struct indicator_result *ir = &pr->inds[i];
		double p = status_points(ir->status);

		wsum += ir->ind->weight;
		sum += ir->ind->weight * p;
		if (fm == EXPLAIN_PACK)
			strbuf_addf(b, "  %s: %s, weight %s x %s points (%s)\n",
				    ir->ind->title, status_label(ir->status),
				    num(fm, w, sizeof(w), ir->ind->weight),
				    num(fm, pt, sizeof(pt), p),
				    origin(fm, o, sizeof(o), &ir->ind->origin));
		else
			strbuf_addf(b, "  %-28s %c %-8s weight %-4s x %3s  (%s)\n",
				    ir->ind->title, status_mark(ir->status),
				    status_label(ir->status),
				    num(fm, w, sizeof(w), ir->ind->weight),
				    num(fm, pt, sizeof(pt), p),
				    origin(fm, o, sizeof(o), &ir->ind->origin));
	}
	strbuf_addf(b, "health = %s / %s = %s", num(fm, w, sizeof(w), sum),
		    num(fm, pt, sizeof(pt), wsum), num(fm, h, sizeof(h), wsum > 0 ? sum / wsum : NAN));
	if (wsum > 0 && sum / wsum != pr->health)
		strbuf_addf(b, ", shown as %s (whole points, halves up)",
			    num(fm, h, sizeof(h), pr->health));
	strbuf_add(b, "\n");
}

void explain_partner_text(const struct evaluation *ev, const struct partner_result *pr,
			  struct strbuf *b)
{
	size_t i;

	explain_health_text(ev, pr, b);
	for (i = 0; i < pr->ninds; i++) {
		strbuf_add(b, "\n");
		explain_indicator_text(ev, &pr->inds[i], b);
	}
}

/* ---------------------------------------------------------------- JSON */

static void origin_json(struct strbuf *b, const struct rule_origin *o)
{
	strbuf_add(b, "{");
	json_key(b, true, "file");
	json_string(b, o->file);
	json_key(b, false, "line");
	if (o->line > 0)
		strbuf_addf(b, "%d", o->line);
	else
		strbuf_add(b, "null");
	strbuf_add(b, "}");
}

void explain_rule_json(const struct evaluation *ev, const struct rule_result *r,
		       struct strbuf *b)
{
	const struct rule *ru = r->rule;
	struct strbuf text = { 0 };
	size_t i;

	strbuf_add(b, "{");
	json_key(b, true, "as_of");
	strbuf_addf(b, "\"%.7s\"", ev->as_of);
	json_key(b, false, "direction");
	json_string(b, direction(ev, ru));
	json_key(b, false, "defined_at");
	origin_json(b, &ru->origin);
	json_key(b, false, "thresholds");
	if (ru->has_score) {
		strbuf_add(b, "{");
		json_key(b, true, "warn");
		strbuf_add(b, "{");
		json_key(b, true, "value");
		json_number(b, ru->warn);
		json_key(b, false, "at");
		origin_json(b, &ru->warn_at);
		strbuf_add(b, "},");
		json_key(b, true, "alert");
		strbuf_add(b, "{");
		json_key(b, true, "value");
		json_number(b, ru->alert);
		json_key(b, false, "at");
		origin_json(b, &ru->alert_at);
		strbuf_add(b, "}}");
	} else {
		strbuf_add(b, "null");
	}
	json_key(b, false, "cause_check");
	if (rule_cause(ru) != RULE_CAUSE_NONE) {
		strbuf_add(b, "{");
		json_key(b, true, "share");
		json_number(b, ru->share);
		json_key(b, false, "min_partners");
		strbuf_addf(b, "%d", ru->min_partners);
		json_key(b, false, "portfolio_wide");
		strbuf_add(b, r->portfolio_wide ? "true" : "false");
		strbuf_add(b, "}");
	} else {
		strbuf_add(b, "null");
	}
	json_key(b, false, "inputs");
	strbuf_add(b, "[");
	for (i = 0; i < r->ninputs; i++) {
		const struct rule_input *in = &r->inputs[i];

		strbuf_add(b, i ? ",{" : "{");
		json_key(b, true, "what");
		json_string(b, in->what);
		json_key(b, false, "period");
		json_string(b, in->period[0] ? in->period : NULL);
		json_key(b, false, "segment");
		json_string(b, in->has_segment ? in->segment : NULL);
		json_key(b, false, "source");
		json_string(b, in->source >= 0 ? obs_source_name((enum obs_source)in->source)
			       : NULL);
		json_key(b, false, "value");
		json_number(b, in->value);
		json_key(b, false, "text");
		json_string(b, in->text);
		strbuf_add(b, "}");
	}
	strbuf_add(b, "]");
	explain_rule_text(ev, r, &text);
	json_key(b, false, "text");
	json_string(b, strbuf_str(&text));
	strbuf_free(&text);
	strbuf_add(b, "}");
}

void explain_health_json(const struct evaluation *ev, const struct partner_result *pr,
			 struct strbuf *b)
{
	char legend[80], formula[160];
	size_t i;

	strbuf_add(b, "{");
	json_key(b, true, "formula");
	snprintf(formula, sizeof(formula), "sum of weight x points / sum of weights; "
		 "points: %s", points_legend(legend, sizeof(legend)));
	json_string(b, formula);
	json_key(b, false, "indicators");
	strbuf_add(b, "[");
	for (i = 0; i < pr->ninds; i++) {
		const struct indicator_result *ir = &pr->inds[i];

		strbuf_add(b, i ? ",{" : "{");
		json_key(b, true, "key");
		json_string(b, ir->ind->key);
		json_key(b, false, "weight");
		json_number(b, ir->ind->weight);
		json_key(b, false, "points");
		json_number(b, status_points(ir->status));
		json_key(b, false, "defined_at");
		origin_json(b, &ir->ind->origin);
		strbuf_add(b, "}");
	}
	strbuf_add(b, "]}");
	(void)ev;
}
