/* rule_target.c: the rule kind `target`: a metric judged against the
 * partner's own contract target valid in each month of the window.
 * Defaults: 1 missed month of the last 3 is WATCH, 2 are ALERT, and so is
 * a latest month beyond the contract's ALERT level. A partner without a
 * target for the metric is not applicable: nothing pretends there is one. */
#include "rule_eval.h"
#include "words.h"

#include <math.h>
#include <stdio.h>
#include <string.h>

#include "date.h"
#include "target.h"

/* The targets of partner id in l: [*first, *end). */
static void partner_span(const struct target_list *l, int64_t id, size_t *first,
			 size_t *end)
{
	size_t lo = 0, hi = l->count;

	while (lo < hi) {
		size_t mid = lo + (hi - lo) / 2;

		if (l->items[mid].partner_id < id)
			lo = mid + 1;
		else
			hi = mid;
	}
	*first = lo;
	while (hi < l->count && l->items[hi].partner_id == id)
		hi++;
	*end = hi > lo ? hi : lo;
}

/* Does segment name match the rule's pattern ("" the total, "*" every
 * segment, "name=*" each of one kind)? */
static bool seg_matches(const char *pat, const char *name)
{
	size_t n = strlen(pat);

	if (strcmp(pat, "*") == 0)
		return true;
	if (n >= 2 && pat[n - 1] == '*')
		return strncmp(pat, name, n - 1) == 0;
	return strcmp(pat, name) == 0;
}

static enum rule_source rule_source_of(const char *src)
{
	return strcmp(src, "client") == 0 ? RSRC_CLIENT :
	       strcmp(src, "partner") == 0 ? RSRC_PARTNER : RSRC_ANY;
}

/* "SLA >= 90 % valid since 2026-07": target t as a reason cites it. */
static void cite(const struct metric_info *m, const struct target *t, char *buf,
		 size_t n)
{
	char text[120], valid[40];

	target_text(t, target_label(m->key, m->label), m->unit, m->better, true,
		    text, sizeof(text));
	target_validity(t, valid, sizeof(valid));
	snprintf(buf, n, "%s valid %s", text, valid);
}

/* The contract target a rule explains, with the one it replaced:
 * "contract target >= 90 % valid since 2026-07 (renegotiated; before:
 * >= 85 % 2024-01..2026-06)". */
static void trace_contract(const struct rule_ctx *c, struct rule_result *out,
			   const struct metric_info *m, const struct target *t,
			   const struct target *before)
{
	char now[120], was[120], text[400], valid[40];

	if (!rule_tracing(c))
		return;
	target_text(t, "", m->unit, m->better, true, now, sizeof(now));
	target_validity(t, valid, sizeof(valid));
	if (before) {
		target_text(before, "", m->unit, m->better, true, was, sizeof(was));
		snprintf(text, sizeof(text), "contract target%s valid %s (renegotiated; "
			 "before:%s %s..%s)", now, valid, was, before->from,
			 before->until);
	} else {
		snprintf(text, sizeof(text), "contract target%s valid %s", now, valid);
	}
	rule_trace_text(c, out, "contract target", "", text, NAN);
}

/* Each month of a as an input: met, missed or no figure, and against what. */
static void trace_months(const struct rule_ctx *c, struct rule_result *out,
			 const struct metric_info *m, const struct target_attain *a)
{
	char text[120];
	int i;

	for (i = 0; rule_tracing(c) && i < a->n; i++) {
		const struct target_month *mo = &a->m[i];

		if (mo->t == NULL)
			continue;
		target_text(mo->t, "against", m->unit, m->better, true, text, sizeof(text));
		if (mo->beyond_alert)
			snprintf(text + strlen(text), sizeof(text) - strlen(text),
				 ", beyond the alert level %g", mo->t->alert);
		rule_trace_text(c, out, mo->verdict == TARGET_MET ? "month met" :
				mo->verdict == TARGET_MISSED ? "month missed" :
				"month without a figure", mo->month, text, mo->value);
	}
}

/* The status of attainment a under rule r: ALERT from r->alert missed
 * months or a latest judged month beyond the ALERT level, WATCH from
 * r->warn missed months. */
static enum status judge(const struct rule *r, const struct target_attain *a)
{
	int i;

	for (i = a->n - 1; i >= 0 && a->m[i].verdict != TARGET_MET &&
	     a->m[i].verdict != TARGET_MISSED; i--)
		;
	if (a->missed >= r->alert || (i >= 0 && a->m[i].beyond_alert))
		return STATUS_ALERT;
	return a->missed >= r->warn ? STATUS_WATCH : STATUS_OK;
}

/* The latest target of a. */
static const struct target *latest_target(const struct target_attain *a)
{
	int i;

	for (i = a->n - 1; i >= 0; i--)
		if (a->m[i].t)
			return a->m[i].t;
	return NULL;
}

/* The target of t's key in l[first, end) that ended the month before t
 * began (what a renegotiation replaced), or NULL. */
static const struct target *replaced(const struct target_list *l, size_t first,
				     size_t end, const struct target *t)
{
	char from[DATE_LEN], before[DATE_LEN];
	size_t i;

	snprintf(from, sizeof(from), "%s-01", t->from);
	period_add(from, -1, before);
	for (i = first; i < end; i++) {
		const struct target *o = &l->items[i];

		if (o != t && strcmp(o->metric, t->metric) == 0 &&
		    strcmp(o->segment, t->segment) == 0 &&
		    strcmp(o->source, t->source) == 0 && strncmp(o->until, before, 7) == 0)
			return o;
	}
	return NULL;
}

/* Judges the key of targets key (its metric, segment and source; the
 * partner's targets are l[first, end)) into out. */
static void judge_key(struct rule_ctx *c, const struct rule *r,
		      const struct metric_info *m, const struct ed_metric *em,
		      size_t p, const struct target *key, size_t first, size_t end,
		      struct rule_result *out)
{
	const struct evaldata *d = c->d;
	int w = r->window < d->nmonths ? r->window : d->nmonths;
	int seg = evaldata_segment(em, key->segment);
	enum obs_source used = OBS_PARTNER;
	const double *v = seg >= 0 ? rule_pick(c, em, p, seg, rule_source_of(key->source),
					       &used) : NULL;
	double vals[TARGET_MAX_MONTHS];
	char start[DATE_LEN], label[200], att[80], sp[80];
	struct target_attain a;
	const struct target *t;
	int i;

	for (i = 0; i < w; i++)
		vals[i] = v ? v[d->nmonths - w + i] : NAN;
	rule_month_of(c, d->nmonths - w, start);
	target_attain(&d->targets, key->partner_id, key->metric, key->segment,
		      key->source, m->better, start, w, vals, NULL, &a);
	if (a.with_target == 0)
		return;		/* no target in the window: not this key */
	t = latest_target(&a);
	out->segment = seg >= 0 ? em->segs[seg] : "";
	out->has_source = v != NULL;
	out->source = used;
	trace_contract(c, out, m, t, replaced(&d->targets, first, end, t));
	trace_months(c, out, m, &a);
	cite(m, t, label, sizeof(label));
	result_fig(out, FIG_TARGET, t->value);
	if (t->has_alert)
		result_fig(out, FIG_ALERT, t->alert);
	result_fig(out, FIG_MONTHS, a.judged);
	result_fig(out, FIG_MET, a.met);
	result_fig(out, FIG_MISSED, a.missed);
	result_fig(out, FIG_WINDOW_MONTHS, w);
	if (a.has_credit)
		result_fig(out, FIG_CREDIT_PCT, a.credit);
	memcpy(out->period, d->as_of, DATE_LEN);
	if (a.judged == 0) {
		out->status = STATUS_NODATA;
		words_set_reason(out, "contract %s: no figure in the last %d months", label, w);
		return;
	}
	out->status = judge(r, &a);
	out->severity = a.missed;
	target_attain_text(&a, att, sizeof(att));
	if (a.missed == 0) {
		words_set_reason(out, "contract %s: %s", label, att);
		return;
	}
	sp[0] = '\0';
	for (i = 0; i < a.n; i++)
		if (a.m[i].verdict == TARGET_MISSED)
			snprintf(sp + strlen(sp), sizeof(sp) - strlen(sp), "%s%s",
				 sp[0] ? ", " : "", a.m[i].month);
	words_set_reason(out, "contract %s: %s (missed %s)", label, att, sp);
}

void rule_eval_target(struct rule_ctx *c, const struct rule *r, size_t p,
		      struct rule_result *out)
{
	const struct metric_info *m = &c->rs->metrics[r->metric];
	const struct ed_metric *em = evaldata_metric(c->d, r->metric);
	const struct target_list *l = &c->d->targets;
	struct rule_result best, one;
	size_t i, first, end;
	bool any = false;

	memset(&best, 0, sizeof(best));
	partner_span(l, c->d->partners[p].id, &first, &end);
	for (i = first; em && i < end; i++) {
		const struct target *t = &l->items[i];
		bool last_of_key = i + 1 == end ||
			strcmp(l->items[i + 1].metric, t->metric) != 0 ||
			strcmp(l->items[i + 1].segment, t->segment) != 0 ||
			strcmp(l->items[i + 1].source, t->source) != 0;

		/* Each key once, at its last target (the months find theirs). */
		if (strcmp(t->metric, m->key) != 0 ||
		    !seg_matches(r->segment, t->segment) || !last_of_key)
			continue;
		memset(&one, 0, sizeof(one));
		one.segment = "";
		judge_key(c, r, m, em, p, t, first, end, &one);
		if (one.reason == NULL) {
			rule_result_clear(&one);
			continue;
		}
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
		best.status = STATUS_NA;
		words_set_reason(&best, "no contract target for %s", m->label);
	}
	*out = best;
}
