/* rules_digest.c: a digest of everything in a compiled ruleset that can
 * change a judgement, for keying stored judgements (judgement.h). */
#include "rules_digest.h"

#include <stdio.h>
#include <string.h>

#include "strbuf.h"

static void add_origin(struct strbuf *b, const struct rule_origin *o)
{
	strbuf_addf(b, "@%s:%d;", o->file ? o->file : "", o->line);
}

static void add_str(struct strbuf *b, const char *s)
{
	/* Length-prefixed: no two different lists spell the same bytes. */
	strbuf_addf(b, "%zu:%s;", s ? strlen(s) : (size_t)0, s ? s : "");
}

static void add_num(struct strbuf *b, double v)
{
	strbuf_addf(b, "%.17g;", v);
}

static void add_rule(struct strbuf *b, const struct rule *r)
{
	size_t i;

	add_str(b, r->key);
	strbuf_addf(b, "%d;%d;%d;%d;%d;%d;%d;%d;%d;", (int)r->kind, r->metric,
		    (int)r->source, r->periods, r->average, r->max_age, r->relative,
		    r->cause_check, r->min_partners);
	add_origin(b, &r->origin);
	add_str(b, r->segment);
	add_num(b, r->share);
	add_num(b, r->min_step);
	strbuf_addf(b, "%d;", r->has_score);
	add_num(b, r->warn);
	add_num(b, r->alert);
	add_origin(b, &r->warn_at);
	add_origin(b, &r->alert_at);
	strbuf_addf(b, "%u;%d;%d;", r->event_kinds, r->window, r->fewer_is_better);
	for (i = 0; i < r->n_efficiency && i < RULE_MAX_LIST; i++)
		strbuf_addf(b, "e%d;", r->efficiency[i]);
	for (i = 0; i < r->n_quality && i < RULE_MAX_LIST; i++)
		strbuf_addf(b, "q%d;", r->quality[i]);
	add_num(b, r->improve);
	for (i = 0; i < r->n_sections && i < RULE_MAX_LIST; i++)
		add_str(b, r->sections[i]);
	strbuf_addf(b, "%zu;%d;%d;%d;%d;", r->n_sections, r->critical, r->warn_days,
		    r->alert_days, r->overdue_days);
	add_origin(b, &r->warn_days_at);
	add_origin(b, &r->alert_days_at);
	strbuf_addf(b, "%d;%d;%d;%d;%d;", r->due_day, r->baseline, r->min_baseline,
		    r->recent, r->memory);
	add_num(b, r->z_warn);
	add_num(b, r->z_alert);
	add_num(b, r->min_count);
}

/* FNV-1a over the bytes from an offset basis: two of them with different
 * bases give the 128 bits of the digest. */
static unsigned long long fnv1a(const char *s, size_t n, unsigned long long h)
{
	size_t i;

	for (i = 0; i < n; i++) {
		h ^= (unsigned char)s[i];
		h *= 1099511628211ULL;
	}
	return h;
}

void ruleset_digest(const struct ruleset *rs, const char *extra,
		    char out[RULES_DIGEST_LEN])
{
	struct strbuf b = { 0 };
	const char *s;
	size_t i, j, n;

	add_str(&b, extra);
	strbuf_addf(&b, "%zu;%d;%d;", rs->count, rs->audit_interval_days, rs->due_day);
	for (i = 0; i < rs->nmetrics; i++) {
		const struct metric_info *m = &rs->metrics[i];

		add_str(&b, m->key);
		add_str(&b, m->name);
		add_str(&b, m->label);
		add_str(&b, m->unit);
		strbuf_addf(&b, "%d;%d;%d;%d;%d;", (int)m->better, (int)m->agg,
			    m->range.has_min, m->range.has_max, m->builtin);
		add_num(&b, m->range.min);
		add_num(&b, m->range.max);
		add_origin(&b, &m->origin);
	}
	for (i = 0; i < rs->count; i++) {
		const struct indicator *ind = &rs->items[i];

		add_str(&b, ind->key);
		add_str(&b, ind->title);
		add_num(&b, ind->weight);
		add_origin(&b, &ind->origin);
		strbuf_addf(&b, "%zu;", ind->nrules);
		for (j = 0; j < ind->nrules; j++)
			add_rule(&b, &ind->rules[j]);
	}
	s = strbuf_str(&b);
	n = strlen(s);
	snprintf(out, RULES_DIGEST_LEN, "%016llx%016llx",
		 fnv1a(s, n, 14695981039346656037ULL),
		 fnv1a(s, n, 0x9e3779b97f4a7c15ULL) ^ (unsigned long long)n);
	strbuf_free(&b);
}
