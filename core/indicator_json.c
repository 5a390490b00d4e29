/* indicator_json.c: an evaluation as the JSON document of `bpowatch check`
 * (its shape is documented in the README). */
#include "indicator.h"

#include <stdio.h>

#include "explain.h"
#include "json.h"
#include "observation.h"

static void rule_json(struct strbuf *b, const struct evaluation *ev,
		      const struct rule_result *r)
{
	const struct ruleset *rs = ev->rs;
	const struct rule *ru = r->rule;
	char per[8];
	size_t i;

	strbuf_add(b, "{");
	json_key(b, true, "rule");
	json_string(b, ru->key);
	json_key(b, false, "kind");
	json_string(b, rule_kind_name(ru->kind));
	json_key(b, false, "status");
	json_string(b, status_name(r->status));
	json_key(b, false, "reason");
	json_string(b, r->reason);
	json_key(b, false, "metric");
	json_string(b, ru->metric >= 0 ? rs->metrics[ru->metric].key : NULL);
	json_key(b, false, "segment");
	json_string(b, ru->metric >= 0 ? r->segment : NULL);
	json_key(b, false, "source");
	json_string(b, r->has_source ? obs_source_name(r->source) : NULL);
	json_key(b, false, "period");
	snprintf(per, sizeof(per), "%.7s", r->period);
	json_string(b, r->period[0] ? (ru->kind == RULE_QA ? r->period : per) : NULL);
	json_key(b, false, "portfolio_wide");
	strbuf_add(b, r->portfolio_wide ? "true" : "false");
	json_key(b, false, "figures");
	strbuf_add(b, "{");
	for (i = 0; i < r->nfigs; i++) {
		json_key(b, i == 0, indicator_figure_name(r->fig_name[i]));
		json_number(b, r->fig[i]);
	}
	strbuf_add(b, "}");
	if (ev->traced) {
		json_key(b, false, "explain");
		explain_rule_json(ev, r, b);
	}
	strbuf_add(b, "}");
}

static void partner_json(struct strbuf *b, const struct evaluation *ev,
			 const struct partner_result *pr, indicator_json_fn extra,
			 void *ctx)
{
	size_t i, j;

	strbuf_add(b, "{");
	json_key(b, true, "code");
	json_string(b, pr->code);
	json_key(b, false, "name");
	json_string(b, pr->name);
	json_key(b, false, "status");
	json_string(b, status_name(pr->status));
	json_key(b, false, "health");
	json_number(b, pr->health);
	if (ev->traced) {
		json_key(b, false, "health_explain");
		explain_health_json(ev, pr, b);
	}
	json_key(b, false, "indicators");
	strbuf_add(b, "[");
	for (i = 0; i < pr->ninds; i++) {
		const struct indicator_result *ir = &pr->inds[i];

		strbuf_add(b, i ? ",{" : "{");
		json_key(b, true, "key");
		json_string(b, ir->ind->key);
		json_key(b, false, "title");
		json_string(b, ir->ind->title);
		json_key(b, false, "status");
		json_string(b, status_name(ir->status));
		json_key(b, false, "reason");
		json_string(b, ir->reason);
		json_key(b, false, "rules");
		strbuf_add(b, "[");
		for (j = 0; j < ir->nrules; j++) {
			if (j)
				strbuf_add(b, ",");
			rule_json(b, ev, &ir->rules[j]);
		}
		strbuf_add(b, "]}");
	}
	strbuf_add(b, "]");
	if (extra)
		extra(b, pr, ctx);
	strbuf_add(b, "}");
}

void indicator_json(const struct evaluation *ev, long only, struct strbuf *b)
{
	indicator_json_with(ev, only, NULL, NULL, b);
}

/* The document into b (f NULL), or to f partner by partner. */
static int json_doc(const struct evaluation *ev, long only, indicator_json_fn extra,
		    void *ctx, indicator_partner_fn need, indicator_partner_fn done,
		    void *pctx, struct strbuf *b, FILE *f)
{
	char as_of[8];
	size_t p;
	bool first = true;
	int s, rc = 0;

	snprintf(as_of, sizeof(as_of), "%.7s", ev->as_of);
	strbuf_add(b, "{");
	json_key(b, true, "as_of");
	json_string(b, as_of);
	json_key(b, false, "today");
	json_string(b, ev->today);
	json_key(b, false, "counted_to");
	json_string(b, ev->until);
	json_key(b, false, "summary");
	strbuf_add(b, "{");
	for (s = STATUS_OK; s < STATUS_COUNT; s++) {
		size_t n = 0;

		for (p = 0; p < ev->count; p++)
			if ((only < 0 || (long)p == only) &&
			    (int)ev->partners[p].status == s)
				n++;
		json_key(b, s == STATUS_OK, status_name((enum status)s));
		strbuf_addf(b, "%zu", n);
	}
	strbuf_add(b, "},");
	json_key(b, true, "partners");
	strbuf_add(b, "[");
	for (p = 0; p < ev->count; p++) {
		if (only >= 0 && (long)p != only)
			continue;
		if (need && (rc = need(p, pctx)) != 0)
			return rc;
		if (!first)
			strbuf_add(b, ",");
		first = false;
		partner_json(b, ev, &ev->partners[p], extra, ctx);
		strbuf_flush(b, f, 0);
		if (done)
			done(p, pctx);
	}
	strbuf_add(b, "]}\n");
	strbuf_flush(b, f, 0);
	return 0;
}

void indicator_json_with(const struct evaluation *ev, long only,
			 indicator_json_fn extra, void *ctx, struct strbuf *b)
{
	json_doc(ev, only, extra, ctx, NULL, NULL, NULL, b, NULL);
}

int indicator_json_write(const struct evaluation *ev, long only, indicator_json_fn extra,
			 void *ctx, indicator_partner_fn need, indicator_partner_fn done,
			 void *pctx, FILE *f)
{
	struct strbuf b = { 0 };
	int rc = json_doc(ev, only, extra, ctx, need, done, pctx, &b, f);

	strbuf_free(&b);
	return rc;
}
