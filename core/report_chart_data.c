/* report_chart_data.c: what each key-metric chart of the QBR pack draws
 * besides the figures (the rule's warn and alert levels, the contract
 * target of each month) and the scale every chart of a metric shares. */
#include "report_chart.h"

#include <math.h>
#include <stdio.h>
#include <string.h>

#include "date.h"
#include "drill.h"
#include "rules.h"

/* The series a chart of rm draws, for its scale. */
static size_t chart_series(const struct report_metric *rm, const double **v)
{
	v[0] = rm->spark;
	v[1] = rm->partner;
	v[2] = rm->client;
	return 3;
}

/* The lines a chart of rm draws besides its series, for its scale. */
static size_t chart_refs(const struct report_metric *rm, double *refs)
{
	size_t n = 0;
	int i;

	refs[n++] = rm->warn;
	refs[n++] = rm->alert;
	for (i = 0; i < REPORT_SPARK_MONTHS; i++)
		refs[n++] = rm->target[i];
	for (i = 0; i < REPORT_SPARK_MONTHS; i++)
		refs[n++] = rm->median[i];
	return n;
}

/* Each metric's charts on one span across the pack, as the dashboard's
 * panes are (portfolio_scale): the widest range any partner's figures
 * (both sources together) have, and at least the smallest shift the rules
 * flag; then each placed over its partner's figures and, where they fit,
 * its lines. */
static void spark_scales(struct report *r, const double *widest_of,
			 const double *level)
{
	double refs[2 + 2 * REPORT_SPARK_MONTHS];
	size_t p, m, k;

	for (m = 0; m < r->metrics.count; m++) {
		const struct metric *mt = &r->metrics.items[m];
		double widest = widest_of[m], span;

		for (p = 0; p < r->count; p++)
			for (k = 0; k < r->partners[p].nmetrics; k++) {
				const struct report_metric *rm = &r->partners[p].metrics[k];
				const double *sv[3];

				if (rm->m != mt)
					continue;
				chart_series(rm, sv);
				widest = fmax(widest, report_chart_widest(sv, 3,
							REPORT_SPARK_MONTHS));
			}
		span = report_chart_span(widest, drill_min_effect(r->eval.rs,
				r->eval.rs ? ruleset_metric_index(r->eval.rs, mt->key) : -1,
				level[m]));
		for (p = 0; p < r->count; p++)
			for (k = 0; k < r->partners[p].nmetrics; k++) {
				struct report_metric *rm = &r->partners[p].metrics[k];
				const double *sv[3];

				if (rm->m != mt)
					continue;
				chart_series(rm, sv);
				rm->decimals = report_chart_decimals(span);
				report_chart_fit(sv, 3, REPORT_SPARK_MONTHS,
						 refs, chart_refs(rm, refs), span,
						 mt->range.has_min ? mt->range.min : NAN,
						 mt->range.has_max ? mt->range.max : NAN,
						 &rm->spark_lo, &rm->spark_hi);
			}
	}
}

/* The warn and alert levels of a metric's rule on the whole series for
 * the chart: a level rule's own, or a shift rule's effect from the
 * partner's normal as judged. NaN when no such rule judged it. */
static void chart_levels(const struct report *r, const struct report_partner *rp,
			 struct report_metric *rm)
{
	const struct ruleset *rs = r->eval.rs;
	int mi = rs ? ruleset_metric_index(rs, rm->m->key) : -1;
	size_t i, k;

	rm->warn = rm->alert = NAN;
	for (i = 0; mi >= 0 && rp->now && i < rp->now->ninds; i++)
		for (k = 0; k < rp->now->inds[i].nrules; k++) {
			const struct rule_result *rr = &rp->now->inds[i].rules[k];
			const struct rule *ru = rr->rule;
			double base;

			if (ru->metric != mi || !ru->has_score ||
			    (ru->segment && ru->segment[0]))
				continue;
			if (ru->kind == RULE_LEVEL) {
				rm->warn = ru->warn;
				rm->alert = ru->alert;
				rm->own_normal = false;
				return;
			}
			if (ru->kind == RULE_SHIFT && isnan(rm->warn) &&
			    indicator_result_figure(rr, FIG_BASE, &base) &&
			    isfinite(base)) {
				rm->warn = drill_shift_line(&rs->metrics[mi], ru,
							    base, ru->warn);
				rm->alert = drill_shift_line(&rs->metrics[mi], ru,
							     base, ru->alert);
				rm->own_normal = true;
			}
		}
}

/* The contract target of the whole metric valid in each month of the
 * chart (any source; the first one listed when several are). */
static void chart_targets(const struct report *r, const struct report_partner *rp,
			  struct report_metric *rm)
{
	char first[DATE_LEN], month[DATE_LEN];
	size_t i;
	int k;

	for (k = 0; k < REPORT_SPARK_MONTHS; k++)
		rm->target[k] = NAN;
	period_add(r->q.last, -(REPORT_SPARK_MONTHS - 1), first);
	for (i = 0; i < r->targets.list.count; i++) {
		const struct target *t = &r->targets.list.items[i];

		if (t->partner_id != rp->partner.id || strcmp(t->metric, rm->m->key) ||
		    t->segment[0])
			continue;
		for (k = 0; k < REPORT_SPARK_MONTHS; k++) {
			period_add(first, k, month);
			if (!isnan(rm->target[k]) || strncmp(month, t->from, 7) < 0 ||
			    (t->until[0] && strncmp(month, t->until, 7) > 0))
				continue;
			rm->target[k] = t->value;
		}
	}
}

void report_chart_build(struct report *r, const double *widest,
			const double *level)
{
	size_t p, k;

	for (p = 0; p < r->count; p++)
		for (k = 0; k < r->partners[p].nmetrics; k++) {
			struct report_metric *rm = &r->partners[p].metrics[k];

			rm->q = &r->q;
			chart_levels(r, &r->partners[p], rm);
			chart_targets(r, &r->partners[p], rm);
		}
	spark_scales(r, widest, level);
}
