/* judgement_codec.c: an evaluation as the bytes a stored judgement keeps
 * (judgement.h): one summary blob for the portfolio, one detail blob per
 * partner. Native byte order and sizes: the build's identity is part of
 * the key, so a blob is only ever read by the build that wrote it. */
#include "judgement_codec.h"

#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "rule_eval.h"
#include "strpool.h"
#include "xalloc.h"

#define SUMMARY_MAGIC "BPWJS1"
#define DETAIL_MAGIC "BPWJD1"
#define NO_TEXT 0xffffffffu

/* ---- writing ---- */

static void put(struct strbuf *b, const void *p, size_t n)
{
	strbuf_addn(b, p, n);
}

static void put_u8(struct strbuf *b, unsigned v)
{
	unsigned char c = (unsigned char)v;

	put(b, &c, 1);
}

static void put_u32(struct strbuf *b, uint32_t v) { put(b, &v, sizeof(v)); }
static void put_i64(struct strbuf *b, int64_t v) { put(b, &v, sizeof(v)); }
static void put_f64(struct strbuf *b, double v) { put(b, &v, sizeof(v)); }

static void put_text(struct strbuf *b, const char *s)
{
	if (s == NULL) {
		put_u32(b, NO_TEXT);
		return;
	}
	put_u32(b, (uint32_t)strlen(s));
	put(b, s, strlen(s));
}

/* ---- reading: every read checks the bounds; a short or odd blob fails
 * the whole decode (the caller judges afresh) ---- */

struct rd {
	const unsigned char *p, *end;
	bool bad;
};

/* A reader of the n bytes at blob (NULL: SQLite's empty blob). */
static struct rd rd_of(const void *blob, size_t n)
{
	struct rd r = { blob, blob, blob == NULL };

	if (blob)
		r.end = (const unsigned char *)blob + n;
	return r;
}

static void get(struct rd *r, void *out, size_t n)
{
	if (r->bad || (size_t)(r->end - r->p) < n) {
		r->bad = true;
		memset(out, 0, n);
		return;
	}
	memcpy(out, r->p, n);
	r->p += n;
}

static unsigned get_u8(struct rd *r)
{
	unsigned char c;

	get(r, &c, 1);
	return c;
}

static uint32_t get_u32(struct rd *r) { uint32_t v; get(r, &v, sizeof(v)); return v; }
static int64_t get_i64(struct rd *r) { int64_t v; get(r, &v, sizeof(v)); return v; }
static double get_f64(struct rd *r) { double v; get(r, &v, sizeof(v)); return v; }

/* A copy of the next text (NULL when stored as none, or on a bad blob). */
static char *get_text(struct rd *r)
{
	uint32_t n = get_u32(r);
	char *s;

	if (r->bad || n == NO_TEXT)
		return NULL;
	if ((size_t)(r->end - r->p) < n) {
		r->bad = true;
		return NULL;
	}
	s = xmalloc((size_t)n + 1);
	memcpy(s, r->p, n);
	s[n] = '\0';
	r->p += n;
	return s;
}

/* The next text into a fixed buffer (cut to fit). */
static void get_fixed(struct rd *r, char *buf, size_t size)
{
	char *s = get_text(r);

	snprintf(buf, size, "%s", s ? s : "");
	free(s);
}

static bool get_magic(struct rd *r, const char *magic)
{
	size_t n = strlen(magic);

	if ((size_t)(r->end - r->p) < n || memcmp(r->p, magic, n) != 0)
		return false;
	r->p += n;
	return true;
}

/* ---- the summary ---- */

void judgement_encode_summary(const struct evaluation *ev, struct strbuf *b)
{
	size_t p, i;

	put(b, SUMMARY_MAGIC, strlen(SUMMARY_MAGIC));
	put_text(b, ev->until);
	put_u32(b, (uint32_t)ev->nsegments);
	for (i = 0; i < ev->nsegments; i++)
		put_text(b, ev->segments[i]);
	put_u32(b, (uint32_t)ev->count);
	for (p = 0; p < ev->count; p++) {
		const struct partner_result *pr = &ev->partners[p];

		put_i64(b, pr->id);
		put_text(b, pr->code);
		put_text(b, pr->name);
		put_u8(b, pr->status);
		put_f64(b, pr->health);
		put_u8(b, pr->audit.present);
		put_i64(b, pr->audit.id);
		put_text(b, pr->audit.date);
		put_f64(b, pr->audit.score);
		put_u32(b, (uint32_t)pr->audit.critical_fails);
		put_u32(b, (uint32_t)pr->ninds);
		for (i = 0; i < pr->ninds; i++)
			put_u8(b, pr->inds[i].status);
	}
}

int judgement_decode_summary(const void *blob, size_t n, const struct ruleset *rs,
			     struct evaluation *ev)
{
	struct rd r = rd_of(blob, n);
	size_t p, i, count;

	if (r.bad || !get_magic(&r, SUMMARY_MAGIC))
		return -1;
	get_fixed(&r, ev->until, sizeof(ev->until));
	ev->nsegments = get_u32(&r);
	if (r.bad || ev->nsegments > n)
		return -1;
	ev->segments = xcalloc(ev->nsegments + 1, sizeof(char *));
	for (i = 0; i < ev->nsegments && !r.bad; i++)
		ev->segments[i] = get_text(&r);
	count = get_u32(&r);
	if (r.bad || count > n)
		return -1;
	ev->partners = xcalloc(count + 1, sizeof(*ev->partners));
	for (p = 0; p < count && !r.bad; p++) {
		struct partner_result *pr = &ev->partners[p];

		ev->count = p + 1;
		pr->id = get_i64(&r);
		pr->code = get_text(&r);
		pr->name = get_text(&r);
		pr->status = (enum status)get_u8(&r);
		pr->health = get_f64(&r);
		pr->audit.present = get_u8(&r) != 0;
		pr->audit.id = get_i64(&r);
		get_fixed(&r, pr->audit.date, sizeof(pr->audit.date));
		pr->audit.score = get_f64(&r);
		pr->audit.critical_fails = get_u32(&r);
		if (get_u32(&r) != rs->count || r.bad || pr->code == NULL ||
		    pr->name == NULL || (unsigned)pr->status >= STATUS_COUNT)
			return -1;
		pr->ninds = rs->count;
		pr->inds = xcalloc(rs->count + 1, sizeof(*pr->inds));
		for (i = 0; i < rs->count; i++) {
			pr->inds[i].ind = &rs->items[i];
			pr->inds[i].status = (enum status)get_u8(&r);
			if ((unsigned)pr->inds[i].status >= STATUS_COUNT)
				return -1;
		}
		ev->counts[pr->status]++;
	}
	if (r.bad || r.p != r.end)
		return -1;
	ev->rs = rs;
	return 0;
}

/* ---- a partner's detail ---- */

/* The index of s among ev's segment names, -1 for the total (""), -2 for
 * none (NULL: a rule that judged nothing); -3 when it is none of them (the
 * evaluation is then not stored). */
static long segment_index(const struct evaluation *ev, const char *s)
{
	size_t i;

	if (s == NULL)
		return -2;
	if (s[0] == '\0')
		return -1;
	for (i = 0; i < ev->nsegments; i++)
		if (ev->segments[i] == s)
			return (long)i;
	for (i = 0; i < ev->nsegments; i++)
		if (strcmp(ev->segments[i], s) == 0)
			return (long)i;
	return -3;
}

static void put_inputs(struct strbuf *b, const struct rule_result *rr)
{
	size_t k;

	put_u32(b, (uint32_t)rr->ninputs);
	for (k = 0; k < rr->ninputs; k++) {
		const struct rule_input *in = &rr->inputs[k];

		put_text(b, in->what);
		put_text(b, in->period);
		put_text(b, in->segment);
		put_u8(b, in->has_segment);
		put_u32(b, (uint32_t)(int32_t)in->source);
		put_f64(b, in->value);
		put_text(b, in->text);
	}
}

int judgement_encode_detail(const struct evaluation *ev, const struct partner_result *pr,
			    bool traced, struct strbuf *b)
{
	size_t i, j, k;

	put(b, DETAIL_MAGIC, strlen(DETAIL_MAGIC));
	put_u8(b, traced);
	put_u32(b, (uint32_t)pr->ninds);
	for (i = 0; i < pr->ninds; i++) {
		const struct indicator_result *ir = &pr->inds[i];

		put_text(b, ir->reason);
		put_u32(b, (uint32_t)ir->nrules);
		for (j = 0; j < ir->nrules; j++) {
			const struct rule_result *rr = &ir->rules[j];
			long seg = segment_index(ev, rr->segment);

			if (seg < -2 || rr->rule != &ir->ind->rules[j])
				return -1;
			put_text(b, rr->reason);
			put_u32(b, (uint32_t)(int32_t)seg);
			put_f64(b, rr->severity);
			put_u8(b, rr->status);
			put_u8(b, rr->source);
			put_text(b, rr->period);
			put_u8(b, rr->nfigs);
			for (k = 0; k < rr->nfigs && k < RESULT_MAX_FIGS; k++) {
				put_u8(b, rr->fig_name[k]);
				put_f64(b, rr->fig[k]);
			}
			put_u8(b, rr->has_source);
			put_u8(b, rr->portfolio_wide);
			put_u32(b, rr->vote_others);
			put_u32(b, rr->vote_firing);
			if (traced)
				put_inputs(b, rr);
		}
	}
	return 0;
}

/* What the inputs name ("judged", "median" ...) are static strings in an
 * evaluation; read back they are kept once for the life of the process. */
static const char *what_of(char *s)
{
	static struct strpool pool;
	const char *w = strpool_intern(&pool, s ? s : "");

	free(s);
	return w;
}

static void get_inputs(struct rd *r, struct rule_result *rr, bool keep)
{
	uint32_t n = get_u32(r), k;

	if (r->bad || n > (size_t)(r->end - r->p))
		return (void)(r->bad = true);
	if (keep && n)
		rr->inputs = xcalloc(n, sizeof(*rr->inputs));
	for (k = 0; k < n && !r->bad; k++) {
		struct rule_input tmp, *in;
		char *what = get_text(r);

		memset(&tmp, 0, sizeof(tmp));
		in = keep ? &rr->inputs[k] : &tmp;
		in->what = keep ? what_of(what) : "";
		if (!keep)
			free(what);
		get_fixed(r, in->period, sizeof(in->period));
		get_fixed(r, in->segment, sizeof(in->segment));
		in->has_segment = get_u8(r) != 0;
		in->source = (int)(int32_t)get_u32(r);
		in->value = get_f64(r);
		in->text = get_text(r);
		if (keep)
			rr->ninputs = k + 1;
		else
			free(tmp.text);
	}
}

int judgement_decode_detail(const void *blob, size_t n, struct evaluation *ev,
			    struct partner_result *pr, bool inputs)
{
	struct rd r = rd_of(blob, n);
	const struct ruleset *rs = ev->rs;
	bool traced;
	size_t i, j, k;

	if (r.bad || !get_magic(&r, DETAIL_MAGIC))
		return -1;
	traced = get_u8(&r) != 0;
	if (inputs && !traced)
		return -1;
	if (get_u32(&r) != rs->count || pr->ninds != rs->count)
		return -1;
	for (i = 0; i < rs->count && !r.bad; i++) {
		struct indicator_result *ir = &pr->inds[i];

		ir->reason = get_text(&r);
		if (get_u32(&r) != ir->ind->nrules)
			return -1;
		ir->nrules = ir->ind->nrules;
		ir->rules = xcalloc(ir->nrules + 1, sizeof(*ir->rules));
		for (j = 0; j < ir->nrules && !r.bad; j++) {
			struct rule_result *rr = &ir->rules[j];
			int32_t seg;

			rr->rule = &ir->ind->rules[j];
			rr->reason = get_text(&r);
			seg = (int32_t)get_u32(&r);
			if (seg < -2 || (seg >= 0 && (size_t)seg >= ev->nsegments))
				return -1;
			rr->segment = seg == -2 ? NULL : seg == -1 ? "" : ev->segments[seg];
			rr->severity = get_f64(&r);
			rr->status = (enum status)get_u8(&r);
			rr->source = (enum obs_source)get_u8(&r);
			get_fixed(&r, rr->period, sizeof(rr->period));
			rr->nfigs = (unsigned char)get_u8(&r);
			if (rr->nfigs > RESULT_MAX_FIGS || (unsigned)rr->status >= STATUS_COUNT)
				return -1;
			for (k = 0; k < rr->nfigs; k++) {
				rr->fig_name[k] = (unsigned char)get_u8(&r);
				rr->fig[k] = get_f64(&r);
			}
			rr->has_source = get_u8(&r) != 0;
			rr->portfolio_wide = get_u8(&r) != 0;
			rr->vote_others = (unsigned short)get_u32(&r);
			rr->vote_firing = (unsigned short)get_u32(&r);
			if (traced)
				get_inputs(&r, rr, inputs);
		}
	}
	return r.bad || r.p != r.end ? -1 : 0;
}

void judgement_clear_detail(struct partner_result *pr)
{
	size_t i, j;

	for (i = 0; i < pr->ninds; i++) {
		for (j = 0; j < pr->inds[i].nrules; j++)
			rule_result_clear(&pr->inds[i].rules[j]);
		free(pr->inds[i].rules);
		free(pr->inds[i].reason);
		pr->inds[i].rules = NULL;
		pr->inds[i].reason = NULL;
		pr->inds[i].nrules = 0;
	}
}

/* ---- the panes: the portfolio as the overview shows it ---- */

#define PANES_MAGIC "BPWJP1"

void judgement_encode_panes(const struct portfolio *pf, struct strbuf *b)
{
	size_t i;
	int s, m;

	put(b, PANES_MAGIC, strlen(PANES_MAGIC));
	put_text(b, pf->as_of);
	put_u32(b, (uint32_t)pf->months);
	put_u32(b, (uint32_t)pf->count);
	for (i = 0; i < pf->count; i++) {
		const struct portfolio_row *r = &pf->rows[i];

		put_i64(b, r->partner.id);
		put_text(b, r->partner.code);
		put_text(b, r->partner.name);
		put_text(b, r->partner.site);
		put_text(b, r->partner.country);
		put_text(b, r->partner.services);
		put_text(b, r->partner.owner);
		for (s = 0; s < PF_NSERIES; s++) {
			const struct pf_series_data *d = &r->series[s];

			put_u8(b, d->v != NULL);
			for (m = 0; d->v && m < pf->months; m++)
				put_f64(b, d->v[m]);
			put_u8(b, d->has_latest);
			put_f64(b, d->latest);
			put_text(b, d->latest_period);
			put_f64(b, d->change);
			put_f64(b, d->lo);
			put_f64(b, d->hi);
		}
		put_u8(b, r->has_qa);
		put_f64(b, r->qa_score);
		put_u32(b, (uint32_t)r->qa_critical_fails);
		put_text(b, r->qa_date);
		put_text(b, r->qa_due);
		put_u32(b, (uint32_t)r->qa_interval);
		put_u32(b, (uint32_t)r->open_actions);
		put_u32(b, (uint32_t)r->overdue_actions);
	}
}

/* The partner's six texts in one buffer, as a loaded partner keeps them
 * (partner_clear frees it); false on a bad blob. */
static bool get_partner_texts(struct rd *r, struct partner *p)
{
	const char **out[6] = { &p->code, &p->name, &p->site, &p->country,
				&p->services, &p->owner };
	char *t[6];
	size_t len = 0, k;
	char *at;

	for (k = 0; k < 6; k++) {
		t[k] = get_text(r);
		len += (t[k] ? strlen(t[k]) : 0) + 1;
	}
	p->strings = at = xmalloc(len);
	for (k = 0; k < 6; k++) {
		size_t l = t[k] ? strlen(t[k]) : 0;

		memcpy(at, t[k] ? t[k] : "", l + 1);
		*out[k] = t[k] ? at : NULL;
		at += l + 1;
		free(t[k]);
	}
	return !r->bad && p->code && p->name;
}

int judgement_decode_panes(const void *blob, size_t n, struct portfolio *pf)
{
	struct rd r = rd_of(blob, n);
	size_t i, count;
	int s, m;

	memset(pf, 0, sizeof(*pf));
	if (r.bad || !get_magic(&r, PANES_MAGIC))
		return -1;
	get_fixed(&r, pf->as_of, sizeof(pf->as_of));
	pf->months = (int)get_u32(&r);
	count = get_u32(&r);
	if (r.bad || pf->months < 1 || pf->months > 240 || count > n)
		return -1;
	pf->rows = xcalloc(count + 1, sizeof(*pf->rows));
	for (i = 0; i < count && !r.bad; i++) {
		struct portfolio_row *row = &pf->rows[i];

		pf->count = i + 1;
		row->partner.id = get_i64(&r);
		if (!get_partner_texts(&r, &row->partner))
			return -1;
		for (s = 0; s < PF_NSERIES; s++) {
			struct pf_series_data *d = &row->series[s];

			if (get_u8(&r)) {
				d->v = xcalloc((size_t)pf->months, sizeof(double));
				for (m = 0; m < pf->months; m++)
					d->v[m] = get_f64(&r);
			}
			d->has_latest = get_u8(&r) != 0;
			d->latest = get_f64(&r);
			get_fixed(&r, d->latest_period, sizeof(d->latest_period));
			d->change = get_f64(&r);
			d->lo = get_f64(&r);
			d->hi = get_f64(&r);
		}
		row->has_qa = get_u8(&r) != 0;
		row->qa_score = get_f64(&r);
		row->qa_critical_fails = get_u32(&r);
		get_fixed(&r, row->qa_date, sizeof(row->qa_date));
		get_fixed(&r, row->qa_due, sizeof(row->qa_due));
		row->qa_interval = (int)get_u32(&r);
		row->open_actions = (int)get_u32(&r);
		row->overdue_actions = (int)get_u32(&r);
	}
	return r.bad || r.p != r.end ? -1 : 0;
}
