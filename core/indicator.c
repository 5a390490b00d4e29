/* indicator.c: the evaluation pass: every rule for the whole portfolio at
 * once (so the cause check can see the other partners), then indicator and
 * overall statuses and the health score. */
#include "indicator.h"

#include <math.h>
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "evaldata.h"
#include "json.h"
#include "rule_eval.h"
#include "timemodel.h"
#include "xalloc.h"

/* Judging threads (the machines this runs on have two cores or more), and
 * the portfolio size from which a second one pays for itself. */
#define JUDGE_THREADS 2
#define JUDGE_THREAD_MIN 16

static const char *const figure_names[] = {
#define X(e, s) s,
	FIGURE_LIST(X)
#undef X
};

const char *indicator_figure_name(enum figure f)
{
	return (unsigned)f < FIGURE_COUNT ? figure_names[f] : "?";
}

bool indicator_figure_is_count(enum figure f)
{
	switch (f) {
	case FIG_MONTHS: case FIG_PARTNERS: case FIG_COUNT: case FIG_WINDOW_MONTHS:
	case FIG_AGE_DAYS: case FIG_CRITICAL_FAILS: case FIG_WARN_DAYS:
	case FIG_ALERT_DAYS: case FIG_INTERVAL_DAYS: case FIG_DAYS_OVERDUE:
	case FIG_MONTHS_OVERDUE: case FIG_DUE_DAY: case FIG_OTHERS:
	case FIG_OTHERS_FIRING: case FIG_RECENT_MONTHS: case FIG_BASE_MONTHS:
	case FIG_BASE_FROM: case FIG_BASE_TO: case FIG_ONSET: case FIG_MET:
	case FIG_MISSED:
		return true;
	default:
		return false;
	}
}

bool indicator_result_figure(const struct rule_result *r, enum figure f, double *v)
{
	size_t i;

	for (i = 0; i < r->nfigs; i++)
		if (r->fig_name[i] == f) {
			*v = r->fig[i];
			return true;
		}
	return false;
}

bool indicator_result_counts_event(const struct rule_result *r, const char *as_of,
				   int kind, const char *date)
{
	double months;

	if (r == NULL || r->rule == NULL || kind < 0 || kind >= 32 ||
	    !((r->rule->event_kinds >> kind) & 1))
		return false;
	if (r->rule->kind == RULE_EVENTS) {
		if (!indicator_result_figure(r, FIG_WINDOW_MONTHS, &months))
			months = r->rule->window;
	} else if (r->rule->kind == RULE_RATE) {
		if (!indicator_result_figure(r, FIG_RECENT_MONTHS, &months))
			return false;	/* not judged: nothing counted */
	} else {
		return false;
	}
	return date_month_index(date) > date_month_index(as_of) - (int)months;
}

/* Cause check (seed: before blaming the partner, check whether your own
 * product caused it): a partner's finding that most of the other partners
 * with figures share is portfolio-wide, likely product-driven, and capped
 * at WATCH. */
static void cause_check(const struct rule *r, struct rule_result **res,
			size_t n)
{
	size_t p, eligible = 0, firing = 0;

	for (p = 0; p < n; p++) {
		enum status s = res[p]->status;

		if (s == STATUS_OK || s == STATUS_WATCH || s == STATUS_ALERT)
			eligible++;
		if (s >= STATUS_WATCH)
			firing++;
	}
	for (p = 0; p < n; p++) {
		struct rule_result *x = res[p];
		size_t others = eligible - 1, others_firing = firing - 1;
		struct strbuf b = { 0 };

		if (x->status >= STATUS_WATCH) {	/* what explain tells */
			x->vote_others = (unsigned short)(others < 65535 ? others : 65535);
			x->vote_firing = (unsigned short)(others_firing < 65535 ?
							  others_firing : 65535);
		}
		if (x->status < STATUS_WATCH || others + 1 < (size_t)r->min_partners ||
		    others_firing == 0 ||
		    (double)others_firing < r->share * (double)others)
			continue;
		result_fig(x, FIG_OTHERS_FIRING, (double)others_firing);
		result_fig(x, FIG_OTHERS, (double)others);
		strbuf_addf(&b, "%s; portfolio-wide (%zu of %zu other partners too), "
			    "likely product-driven", x->reason, others_firing, others);
		free(x->reason);
		x->reason = strbuf_take(&b);
		x->portfolio_wide = true;
		if (x->status > STATUS_WATCH)
			x->status = STATUS_WATCH;
	}
}

/* The indicator's status and the reasons that decided it. */
static void summarise(struct indicator_result *ir)
{
	struct strbuf b = { 0 };
	enum status worst = STATUS_NA;
	size_t i;
	int pass;

	for (i = 0; i < ir->nrules; i++)
		if (ir->rules[i].status > worst)
			worst = ir->rules[i].status;
	ir->status = worst == STATUS_NA ? STATUS_NODATA : worst;
	/* Fired rules, ALERT before WATCH; else the first figure worth saying. */
	for (pass = STATUS_ALERT; pass >= STATUS_OK; pass--) {
		for (i = 0; i < ir->nrules; i++)
			if ((int)ir->rules[i].status == pass &&
			    (pass >= STATUS_WATCH || (int)worst == pass))
				strbuf_addf(&b, "%s%s", b.len ? "; " : "",
					    ir->rules[i].reason);
		if (b.len && (pass <= STATUS_WATCH))
			break;
		if (worst == STATUS_OK && b.len)
			break;
	}
	if (b.len == 0) {
		for (i = 0; i < ir->nrules; i++)
			strbuf_addf(&b, "%s%s", b.len ? "; " : "", ir->rules[i].reason);
		if (ir->nrules == 0)
			strbuf_add(&b, "no rules");
	}
	ir->reason = strbuf_take(&b);
}

/* The score of the partner's last final audit, kept for the overview. */
static void keep_audit(const struct ed_review *r, struct qa_last_audit *out)
{
	struct qa_scored_item *items;
	struct qa_score sc;
	size_t i;

	memset(out, 0, sizeof(*out));
	out->score = NAN;
	if (!r->present)
		return;
	items = xcalloc(r->nitems + 1, sizeof(*items));
	for (i = 0; i < r->nitems; i++)
		items[i] = r->items[i].it;
	qa_score_items(items, r->nitems, &sc);
	free(items);
	out->present = true;
	out->id = r->id;
	memcpy(out->date, r->date, sizeof(out->date));
	out->score = sc.score;
	out->critical_fails = sc.critical_fails;
}

static int evaluate(struct store *st, const struct ruleset *rs, const char *period,
		    const char *today, bool tracing, const char *trace,
		    struct evaluation *out, struct bpw_error *err);

/* ------------------------------------------------ judging, two at a time */

/* The rules to judge, handed out one at a time to the judging threads;
 * each rule's results over the whole portfolio go into its own slots of
 * the evaluation, so the threads share nothing they write. */
struct judge_queue {
	pthread_mutex_t lock;
	size_t next, count;
	const struct rule **rules;
	size_t *ind, *pos;		/* indicator and place of each rule */
	struct evaluation *out;
	const struct evaldata *d;
};

struct judge_worker {
	struct judge_queue *q;
	struct rule_ctx c;		/* its own panels and caches */
	pthread_t thread;
};

/* Judges rule number k of the queue for every partner. */
static void judge_rule(struct rule_ctx *c, struct judge_queue *q, size_t k,
		       struct rule_result **col)
{
	const struct rule *r = q->rules[k];
	const struct evaldata *d = q->d;
	size_t m, segs = 1, p;

	/* A fresh median cache per rule (segments x months). */
	for (m = 0; r->kind == RULE_VS_PORTFOLIO && m < d->nmetrics; m++)
		if (d->metrics[m].metric == r->metric)
			segs = d->metrics[m].nsegs;
	c->med_size = segs * (size_t)d->nmonths;
	c->med = xcalloc(c->med_size, sizeof(double));
	c->med_n = xmalloc(c->med_size * sizeof(int));
	for (m = 0; m < c->med_size; m++)
		c->med_n[m] = -1;
	for (p = 0; p < d->npartners; p++) {
		col[p] = &q->out->partners[p].inds[q->ind[k]].rules[q->pos[k]];
		rule_eval(c, r, p, col[p]);
	}
	/* The vote of the fixed-threshold kinds; the kinds judged against
	 * the partner's own normal took the portfolio's movement out before
	 * judging. */
	if (rule_cause(r) == RULE_CAUSE_VOTE)
		cause_check(r, col, d->npartners);
	free(c->med);
	free(c->med_n);
	c->med = NULL;
	c->med_n = NULL;
}

static void *judge_run(void *arg)
{
	struct judge_worker *w = arg;
	struct judge_queue *q = w->q;
	struct rule_result **col = xcalloc(q->d->npartners + 1, sizeof(*col));

	for (;;) {
		size_t k;

		pthread_mutex_lock(&q->lock);
		k = q->next++;
		pthread_mutex_unlock(&q->lock);
		if (k >= q->count)
			break;
		judge_rule(&w->c, q, k, col);
		/* A panel serves the rule that built it; freed now, its memory
		 * is the next one's (fresh pages are dear on a small VM). */
		rule_ctx_clear_panels(&w->c);
	}
	free(col);
	return NULL;
}

/* Judges every rule for every partner into out, on two threads when the
 * portfolio is large enough to gain from it (c is the template context:
 * each thread takes a copy with caches of its own). */
static void judge_all(const struct rule_ctx *c, struct evaluation *out,
		      const struct evaldata *d)
{
	const struct ruleset *rs = c->rs;
	struct judge_queue q;
	struct judge_worker w[JUDGE_THREADS];
	size_t i, j, n = 0, nw;
	bool started[JUDGE_THREADS] = { false };

	memset(&q, 0, sizeof(q));
	for (i = 0; i < rs->count; i++)
		n += rs->items[i].nrules;
	q.rules = xcalloc(n + 1, sizeof(*q.rules));
	q.ind = xcalloc(n + 1, sizeof(size_t));
	q.pos = xcalloc(n + 1, sizeof(size_t));
	for (i = 0; i < rs->count; i++)
		for (j = 0; j < rs->items[i].nrules; j++) {
			q.rules[q.count] = &rs->items[i].rules[j];
			q.ind[q.count] = i;
			q.pos[q.count++] = j;
		}
	q.out = out;
	q.d = d;
	pthread_mutex_init(&q.lock, NULL);
	/* A small portfolio is judged faster than a thread starts. */
	nw = d->npartners >= JUDGE_THREAD_MIN ? JUDGE_THREADS : 1;
	for (i = 0; i < nw; i++) {
		w[i].q = &q;
		w[i].c = *c;
		w[i].c.panels = NULL;
		w[i].c.npanels = 0;
		w[i].c.scratch = NULL;
		if (i > 0)
			started[i] = pthread_create(&w[i].thread, NULL, judge_run, &w[i]) == 0;
	}
	judge_run(&w[0]);	/* this thread works too, and alone if need be */
	for (i = 1; i < nw; i++)
		if (started[i])
			pthread_join(w[i].thread, NULL);
	for (i = 0; i < nw; i++)
		rule_ctx_clear(&w[i].c);
	pthread_mutex_destroy(&q.lock);
	free(q.rules);
	free(q.ind);
	free(q.pos);
}

int indicator_evaluate(struct store *st, const struct ruleset *rs,
		       const char *period, const char *today,
		       struct evaluation *out, struct bpw_error *err)
{
	return evaluate(st, rs, period, today, false, NULL, out, err);
}

int indicator_evaluate_traced(struct store *st, const struct ruleset *rs,
			      const char *period, const char *today,
			      const char *trace, struct evaluation *out,
			      struct bpw_error *err)
{
	return evaluate(st, rs, period, today, true, trace, out, err);
}

static int evaluate(struct store *st, const struct ruleset *rs, const char *period,
		    const char *today, bool tracing, const char *trace,
		    struct evaluation *out, struct bpw_error *err)
{
	struct evaldata d;
	struct rule_ctx c;
	char as_of[DATE_LEN], until[DATE_LEN];
	size_t i, p;
	int rc;

	memset(out, 0, sizeof(*out));
	out->rs = rs;
	snprintf(out->today, sizeof(out->today), "%s", today);
	if (period) {
		memcpy(as_of, period, DATE_LEN);
	} else {
		rc = timemodel_judged(st, today, rs->due_day, as_of, err);
		if (rc != 0)
			return rc;
	}
	timemodel_until(as_of, today, rs->due_day, until);
	rc = evaldata_load(st, rs, as_of, until, &d, err);
	if (rc != 0) {
		evaldata_free(&d);
		return rc;
	}
	memcpy(out->as_of, as_of, DATE_LEN);
	memcpy(out->until, until, DATE_LEN);
	memset(&c, 0, sizeof(c));
	out->traced = tracing;
	c.d = &d;
	c.rs = rs;
	c.today = date_days(today);
	c.ref_day = date_days(until);
	c.trace_p = -2;
	if (tracing && trace == NULL)
		c.trace_p = -1;
	for (p = 0; tracing && trace && p < d.npartners; p++)
		if (strcasecmp(d.partners[p].code, trace) == 0)
			c.trace_p = (long)p;

	out->count = d.npartners;
	out->partners = xcalloc(d.npartners + 1, sizeof(*out->partners));
	for (p = 0; p < d.npartners; p++) {
		struct partner_result *pr = &out->partners[p];

		pr->id = d.partners[p].id;
		pr->code = xstrdup(d.partners[p].code);
		pr->name = xstrdup(d.partners[p].name);
		pr->ninds = rs->count;
		pr->inds = xcalloc(rs->count + 1, sizeof(*pr->inds));
		for (i = 0; i < rs->count; i++) {
			pr->inds[i].ind = &rs->items[i];
			pr->inds[i].nrules = rs->items[i].nrules;
			pr->inds[i].rules = xcalloc(rs->items[i].nrules + 1,
						    sizeof(struct rule_result));
		}
	}
	judge_all(&c, out, &d);
	for (p = 0; p < d.npartners; p++) {
		struct partner_result *pr = &out->partners[p];
		double wsum = 0, sum = 0;

		pr->status = rs->count ? STATUS_OK : STATUS_NODATA;
		for (i = 0; i < rs->count; i++) {
			summarise(&pr->inds[i]);
			if (pr->inds[i].status > pr->status)
				pr->status = pr->inds[i].status;
			wsum += rs->items[i].weight;
			sum += rs->items[i].weight * status_points(pr->inds[i].status);
		}
		pr->health = indicator_health(sum, wsum);
		out->counts[pr->status]++;
		keep_audit(&d.reviews[p], &pr->audit);
	}
	out->segments = evaldata_take_segments(&d, &out->nsegments);
	evaldata_free(&d);
	return 0;
}

int indicator_partner_cmp(const struct partner_result *a,
			  const struct partner_result *b)
{
	int c;

	if (a == NULL || b == NULL)
		return (a == NULL) - (b == NULL);
	if (a->status != b->status)
		return a->status > b->status ? -1 : 1;
	if (isnan(a->health) || isnan(b->health))
		c = isnan(a->health) - isnan(b->health);
	else
		c = (a->health > b->health) - (a->health < b->health);
	if (c == 0)
		c = strcasecmp(a->name, b->name);
	return c ? c : strcmp(a->code, b->code);
}

static int partner_ptr_cmp(const void *a, const void *b)
{
	return indicator_partner_cmp(*(const struct partner_result *const *)a,
				     *(const struct partner_result *const *)b);
}

void indicator_partner_sort(const struct partner_result **v, size_t n)
{
	if (n > 1)
		xqsort(v, n, sizeof(*v), partner_ptr_cmp);
}

double indicator_health(double sum, double wsum)
{
	return wsum > 0 ? floor(sum / wsum + 0.5) : NAN;
}

void indicator_free(struct evaluation *ev)
{
	size_t p, i, j;

	if (ev == NULL)
		return;
	for (p = 0; p < ev->count; p++) {
		struct partner_result *pr = &ev->partners[p];

		for (i = 0; i < pr->ninds; i++) {
			for (j = 0; j < pr->inds[i].nrules; j++)
				rule_result_clear(&pr->inds[i].rules[j]);
			free(pr->inds[i].rules);
			free(pr->inds[i].reason);
		}
		free(pr->inds);
		free(pr->code);
		free(pr->name);
	}
	free(ev->partners);
	for (p = 0; p < ev->nsegments; p++)
		free(ev->segments[p]);
	free(ev->segments);
	memset(ev, 0, sizeof(*ev));
}

long indicator_find(const struct evaluation *ev, const char *code)
{
	size_t p;

	for (p = 0; p < ev->count; p++)
		if (strcasecmp(ev->partners[p].code, code) == 0)
			return (long)p;
	return -1;
}
