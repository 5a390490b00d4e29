/* evaldata.c: the batched loading behind the indicator engine: partners,
 * a window of monthly values per metric (one query per metric and
 * segment, walking the metric/segment/period index), events and the last
 * final audit of every partner. */
#include "evaldata.h"

#include <math.h>
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "event.h"
#include "idmap.h"
#include "xalloc.h"

/* Segments beyond this many per metric are not read (a guard against a
 * database with a segment per row). */
#define MAX_SEGMENTS 256
#define MIN_WINDOW 13		/* a year back, for "no data since" */
#define MAX_WINDOW 121

static const char sql_partners[] =
	"SELECT id, code, name,"
	" (SELECT days FROM qa_interval i WHERE i.partner_id = partner.id)"
	" FROM partner WHERE archived = 0"
	" ORDER BY code COLLATE NOCASE";
/* A skip scan of the (metric, segment, period, value) index: one probe per
 * segment the metric has. */
static const char sql_next_segment[] =
	"SELECT id, name FROM segment WHERE id = (SELECT min(segment) FROM obs"
	" WHERE metric = (SELECT id FROM metric WHERE key = ?1) AND segment > ?2)";
static const char sql_values[] =
	"SELECT partner_id, source, period, value FROM obs"
	" WHERE metric = (SELECT id FROM metric WHERE key = ?1) AND segment = ?2"
	" AND period BETWEEN ?3 AND ?4";
static const char sql_events[] =
	"SELECT partner_id, date, kind, id FROM event NOT INDEXED WHERE date <= ?1";
/* A rule judged against the partner's own normal: the recent months, the
 * normal before them, the months a shift may hold it back, and how late
 * the latest value may be. */
static int own_lookback(const struct rule *r)
{
	return r->max_age + r->recent - 1 + r->baseline + r->memory;
}

/* Months before the as-of month a rule looks at. */
static int rule_lookback(const struct rule *r)
{
	switch (r->kind) {
	case RULE_LEVEL: case RULE_VS_PORTFOLIO: case RULE_DIVERGENCE:
		return r->max_age;
	case RULE_TREND:
		return r->periods + r->average - 1 + r->max_age + 2;
	case RULE_STREAK:
		return (int)r->alert + r->max_age;
	case RULE_BALANCE:
		if (r->baseline > 0)
			return own_lookback(r);
		return r->periods + r->max_age + 2;
	case RULE_SHIFT: case RULE_RATE:
		return own_lookback(r);
	case RULE_TARGET:
		return r->window - 1;
	default:
		return 0;
	}
}

static void rule_metrics(const struct rule *r, int *out, size_t *n)
{
	size_t i;

	*n = 0;
	if (r->metric >= 0)
		out[(*n)++] = r->metric;
	for (i = 0; i < r->n_efficiency; i++)
		out[(*n)++] = r->efficiency[i];
	for (i = 0; i < r->n_quality; i++)
		out[(*n)++] = r->quality[i];
}

static void read_partner(sqlite3_stmt *q, void *elem)
{
	struct ed_partner *p = elem;

	p->id = sqlite3_column_int64(q, 0);
	p->code = store_column_text(q, 1, true);
	p->name = store_column_text(q, 2, true);
	p->qa_interval = sqlite3_column_int(q, 3);	/* 0 when NULL */
}

static int ser_cmp(const void *a, const void *b)
{
	const struct ed_series *x = a, *y = b;

	if (x->partner != y->partner)
		return x->partner < y->partner ? -1 : 1;
	if (x->seg != y->seg)
		return x->seg < y->seg ? -1 : 1;
	return (int)x->source - (int)y->source;
}

struct loader {
	struct store *st;
	struct evaldata *d;
	struct idmap map;		/* partner id -> index */
	double *vals;			/* the values this reader loaded */
	size_t nvals, capvals;
	size_t capser;			/* of the metric being loaded */
	size_t nitems, capitems;	/* evaldata.item_pool */
	size_t *item_first;		/* per partner, its first item there */
	char from[DATE_LEN], to[DATE_LEN];
	/* The metrics to read, shared with the other reader: each takes the
	 * next one not taken until none is left. */
	struct metric_plan *plan;
	size_t nplan;
	size_t *next;			/* the next one to take */
	pthread_mutex_t *lock;		/* over *next, NULL when alone */
	int id;				/* which reader this is */
};

static int load_metric(struct loader *L, struct ed_metric *em, const char *key,
		       bool segments, struct bpw_error *err);

/* One metric to read: its key, from which month, its segments too, and
 * which reader read it. */
struct metric_plan {
	const char *key;
	char from[DATE_LEN];
	bool segments;
	int by;
};

/* Reads planned metrics into d->metrics, taking them one by one from the
 * plan it shares with the other reader. */
static int load_metrics(struct loader *L, struct bpw_error *err)
{
	int rc = 0;

	while (rc == 0) {
		size_t k;

		if (L->lock)
			pthread_mutex_lock(L->lock);
		k = (*L->next)++;
		if (L->lock)
			pthread_mutex_unlock(L->lock);
		if (k >= L->nplan)
			break;
		L->plan[k].by = L->id;
		memcpy(L->from, L->plan[k].from, DATE_LEN);
		rc = load_metric(L, &L->d->metrics[k], L->plan[k].key, L->plan[k].segments,
				 err);
	}
	return rc;
}

/* Reads segment seg (stored under segid) of metric em into new series. */
static int load_segment(struct loader *L, struct ed_metric *em, const char *key,
			int seg, int64_t segid, long *slots, struct bpw_error *err)
{
	struct evaldata *d = L->d;
	sqlite3_stmt *q;
	size_t i;
	int rc;

	for (i = 0; i < d->npartners * 2; i++)
		slots[i] = -1;
	rc = store_cached(L->st, sql_values, &q, err);
	if (rc != 0)
		return rc;
	store_bind_text(q, 1, key, false);
	sqlite3_bind_int64(q, 2, segid);
	sqlite3_bind_int(q, 3, period_num(L->from));
	sqlite3_bind_int(q, 4, period_num(L->to));
	while ((rc = sqlite3_step(q)) == SQLITE_ROW) {
		long p = idmap_find(&L->map, sqlite3_column_int64(q, 0));
		enum obs_source s = sqlite3_column_int(q, 1) ? OBS_CLIENT : OBS_PARTNER;
		long *slot;
		int mi;

		if (p < 0)
			continue;	/* archived partner, not ours to judge */
		mi = period_num_month_index(sqlite3_column_int(q, 2)) -
			(d->as_of_month - d->nmonths + 1);
		if (mi < 0 || mi >= d->nmonths)
			continue;
		slot = &slots[(size_t)p * 2 + s];
		if (*slot < 0) {
			struct ed_series *ns;
			int k;

			if (em->nser == L->capser) {
				L->capser = L->capser ? L->capser * 2 : 256;
				em->ser = xrealloc(em->ser, L->capser * sizeof(*em->ser));
			}
			ns = &em->ser[em->nser];
			ns->partner = (size_t)p;
			ns->seg = seg;
			ns->source = s;
			if (L->nvals + (size_t)d->nmonths > L->capvals) {
				L->capvals = (L->capvals + (size_t)d->nmonths) * 2;
				L->vals = xrealloc(L->vals, L->capvals * sizeof(double));
			}
			ns->off = L->nvals;
			for (k = 0; k < d->nmonths; k++)
				L->vals[L->nvals + (size_t)k] = NAN;
			L->nvals += (size_t)d->nmonths;
			*slot = (long)em->nser++;
		}
		L->vals[em->ser[*slot].off + (size_t)mi] = sqlite3_column_double(q, 3);
	}
	sqlite3_reset(q);
	if (rc != SQLITE_DONE)
		return store_fail(L->st, rc, err, "cannot read the monthly figures");
	return 0;
}

struct seg_id {
	int64_t id;
	char *name;
};

static int cmp_seg_name(const void *a, const void *b)
{
	return strcmp(((const struct seg_id *)a)->name, ((const struct seg_id *)b)->name);
}

/* Loads metric em (all segments when segments, else the total). */
static int load_metric(struct loader *L, struct ed_metric *em, const char *key,
		       bool segments, struct bpw_error *err)
{
	long *slots = xmalloc((L->d->npartners * 2 + 1) * sizeof(long));
	struct seg_id *list = xcalloc(MAX_SEGMENTS, sizeof(*list));
	sqlite3_stmt *q;
	size_t n = 1, s, p;
	int rc = 0;

	L->capser = 0;
	list[0].name = xstrdup("");	/* the total, id 0, first */
	while (segments && n < MAX_SEGMENTS) {
		rc = store_cached(L->st, sql_next_segment, &q, err);
		if (rc != 0)
			break;
		store_bind_text(q, 1, key, false);
		sqlite3_bind_int64(q, 2, list[n - 1].id);
		rc = sqlite3_step(q);
		if (rc == SQLITE_ROW) {
			list[n].id = sqlite3_column_int64(q, 0);
			list[n++].name = store_column_text(q, 1, true);
		}
		sqlite3_reset(q);
		if (rc != SQLITE_ROW) {
			rc = rc == SQLITE_DONE ? 0
				: store_fail(L->st, rc, err, "cannot list segments");
			break;
		}
		rc = 0;
	}
	xqsort(list + 1, n - 1, sizeof(*list), cmp_seg_name);
	em->segs = xcalloc(n, sizeof(char *));
	for (s = 0; s < n; s++)
		em->segs[s] = list[s].name;	/* takes the strings */
	em->nsegs = n;
	for (s = 0; rc == 0 && s < em->nsegs; s++)
		rc = load_segment(L, em, key, (int)s, list[s].id, slots, err);
	free(slots);
	free(list);
	if (rc != 0)
		return rc;
	xqsort(em->ser, em->nser, sizeof(*em->ser), ser_cmp);
	em->pfirst = xcalloc(L->d->npartners + 1, sizeof(size_t));
	for (s = 0, p = 0; p <= L->d->npartners; p++) {
		while (s < em->nser && em->ser[s].partner < p)
			s++;
		em->pfirst[p] = s;
	}
	return 0;
}

/* A read event before it finds its place: its partner (row) and id. */
struct raw_event {
	struct ed_event e;
	size_t p;
	int64_t id;
};

static int cmp_raw_event(const void *a, const void *b)
{
	const struct raw_event *x = a, *y = b;
	int c;

	if (x->p != y->p)
		return x->p < y->p ? -1 : 1;
	c = memcmp(x->e.date, y->e.date, DATE_LEN);
	if (c)
		return c;
	return (x->id > y->id) - (x->id < y->id);
}

/* The events up to d->until, by partner and date. Read in
 * the table's order (the index in partner and date order would look up
 * every row's kind in the table) and ordered here. */
static int load_events(struct loader *L, struct bpw_error *err)
{
	struct evaldata *d = L->d;
	struct raw_event *raw = NULL;
	sqlite3_stmt *q;
	size_t n = 0, cap = 0, i;
	int rc;

	d->events = xcalloc(d->npartners + 1, sizeof(*d->events));
	rc = store_cached(L->st, sql_events, &q, err);
	if (rc != 0)
		return rc;
	store_bind_text(q, 1, d->until, false);
	while ((rc = sqlite3_step(q)) == SQLITE_ROW) {
		long p = idmap_find(&L->map, sqlite3_column_int64(q, 0));
		const char *date = (const char *)sqlite3_column_text(q, 1);
		enum event_kind k;
		struct raw_event *r;

		if (p < 0 || date == NULL || !date_valid(date) ||
		    event_kind_parse((const char *)sqlite3_column_text(q, 2), &k) != 0)
			continue;
		if (n == cap) {
			cap = cap ? cap * 2 : 256;
			raw = xrealloc(raw, cap * sizeof(*raw));
		}
		r = &raw[n++];
		memcpy(r->e.date, date, DATE_LEN);
		r->e.day = date_days(date);
		r->e.kind = (int)k;
		r->p = (size_t)p;
		r->id = sqlite3_column_int64(q, 3);
	}
	sqlite3_reset(q);
	if (rc != SQLITE_DONE) {
		free(raw);
		return store_fail(L->st, rc, err, "cannot read the events");
	}
	if (n > 1)
		xqsort(raw, n, sizeof(*raw), cmp_raw_event);
	/* One array for all: a partner's events are one run of it. */
	d->event_pool = xmalloc((n + 1) * sizeof(*d->event_pool));
	for (i = 0; i < n; i++) {
		struct ed_events *ev = &d->events[raw[i].p];

		d->event_pool[i] = raw[i].e;
		if (ev->count++ == 0)
			ev->items = &d->event_pool[i];
	}
	free(raw);
	return 0;
}

/* One row of a partner's last final audit into its ed_review. */
static void add_review_item(const struct qa_final_row *row, void *ctx)
{
	struct loader *L = ctx;
	struct evaldata *d = L->d;
	long p = idmap_find(&L->map, row->partner_id);
	struct ed_review *r;
	struct ed_qa_item *it;

	if (p < 0)
		return;
	r = &d->reviews[p];
	if (!r->present) {
		r->present = true;
		r->id = row->review_id;
		memcpy(r->date, row->date, DATE_LEN);
		r->passing = row->passing;
		L->item_first[p] = L->nitems;
	}
	/* As with the events: one array, a run per partner (the rows come
	 * partner by partner), and the template's texts kept once. */
	if (L->nitems == L->capitems) {
		L->capitems = L->capitems ? L->capitems * 2 : 256;
		d->item_pool = xrealloc(d->item_pool, L->capitems * sizeof(*it));
	}
	it = &d->item_pool[L->nitems++];
	r->nitems++;
	memset(it, 0, sizeof(*it));
	it->section = strpool_intern(&d->texts, row->section ? row->section : "");
	it->text = strpool_intern(&d->texts, row->text ? row->text : "");
	if (row->it.answer)
		snprintf(it->answer, sizeof(it->answer), "%s", row->it.answer);
	it->it = row->it;
}

static int load_reviews(struct loader *L, struct bpw_error *err)
{
	struct evaldata *d = L->d;
	size_t i;
	int rc;

	d->reviews = xcalloc(d->npartners + 1, sizeof(*d->reviews));
	L->item_first = xcalloc(d->npartners + 1, sizeof(size_t));
	rc = qa_last_finals(L->st, d->until, add_review_item, L, err);
	/* Point the items and answers in only now: the array moved as it grew. */
	for (i = 0; i < d->npartners; i++) {
		size_t k;

		if (d->reviews[i].nitems)
			d->reviews[i].items = d->item_pool + L->item_first[i];
		for (k = 0; k < d->reviews[i].nitems; k++) {
			struct ed_qa_item *it = &d->reviews[i].items[k];

			it->it.answer = it->answer[0] ? it->answer : NULL;
		}
	}
	free(L->item_first);
	L->item_first = NULL;
	return rc;
}

/* Events and audits. */
static int load_side(struct loader *L, struct bpw_error *err)
{
	int rc = load_events(L, err);

	return rc ? rc : load_reviews(L, err);
}

/* The events, the audits and every other metric are read on a second
 * connection in a thread of their own while this one reads the rest of
 * the monthly figures (they fill other fields of the evaldata, and values
 * into a buffer of their own; the id map is only read). Only outside a
 * transaction (a second connection would not see its changes) and for a
 * database file (not :memory: or a URI); otherwise, or when the second
 * connection or the thread cannot be had, all is read in turn. */
struct side {
	struct loader L;
	struct bpw_error err;
	int rc;
	pthread_t thread;
};

static void *side_run(void *arg)
{
	struct side *s = arg;

	bpw_error_clear(&s->err);
	s->rc = load_side(&s->L, &s->err);
	if (s->rc == 0)
		s->rc = load_metrics(&s->L, &s->err);
	return NULL;
}

static int side_start(struct side *s, const struct loader *L)
{
	const char *path = store_path(L->st);
	struct bpw_error err;

	memset(s, 0, sizeof(*s));
	if (!sqlite3_get_autocommit(store_db(L->st)) || path == NULL ||
	    path[0] == '\0' || strcmp(path, ":memory:") == 0 ||
	    strncmp(path, "file:", 5) == 0)
		return -1;
	s->L = *L;
	s->L.vals = NULL;
	s->L.nvals = s->L.capvals = 0;
	s->L.id = 1;
	if (store_open_sibling(L->st, &s->L.st, &err) != 0)
		return -1;
	if (pthread_create(&s->thread, NULL, side_run, s) != 0) {
		store_close(s->L.st);
		return -1;
	}
	return 0;
}

/* Waits for the side reads; the first failure wins. */
static int side_join(struct side *s, int rc, struct bpw_error *err)
{
	pthread_join(s->thread, NULL);
	store_close(s->L.st);
	if (rc == 0 && s->rc != 0) {
		*err = s->err;
		rc = s->rc;
	}
	return rc;
}

/* Appends the side reader's values to the main one's, and moves the
 * series of the metrics it read to their new place. */
static void merge_vals(struct loader *main, struct loader *side)
{
	size_t k, i;

	if (side->nvals) {
		main->vals = xrealloc(main->vals, (main->nvals + side->nvals) * sizeof(double));
		memcpy(main->vals + main->nvals, side->vals, side->nvals * sizeof(double));
	}
	for (k = 0; k < side->nplan; k++) {
		struct ed_metric *em = &main->d->metrics[k];

		if (side->plan[k].by != side->id)
			continue;
		for (i = 0; i < em->nser; i++)
			em->ser[i].off += main->nvals;
	}
	main->nvals += side->nvals;
	free(side->vals);
	side->vals = NULL;
}

int evaldata_load(struct store *st, const struct ruleset *rs,
		  const char *period, const char *until, struct evaldata *out,
		  struct bpw_error *err)
{
	struct loader L;
	struct side side;
	struct metric_plan *plan;
	pthread_mutex_t lock;
	size_t next = 0;
	int pass;
	bool *used, *segmented, side_started = false;
	sqlite3_stmt *q;
	size_t i, j, k, n;
	int rc, ms[2 + 2 * RULE_MAX_LIST], back = MIN_WINDOW - 1, *mback;

	memset(out, 0, sizeof(*out));
	memset(&L, 0, sizeof(L));
	L.st = st;
	L.d = out;
	memcpy(out->as_of, period, DATE_LEN);
	out->as_of_month = date_month_index(period);
	memcpy(out->until, until, DATE_LEN);
	used = xcalloc(rs->nmetrics + 1, sizeof(bool));
	segmented = xcalloc(rs->nmetrics + 1, sizeof(bool));
	/* The months each metric is read over: as far back as the rules that
	 * read it look (a rule with a long memory, such as the calibration
	 * gap's, must not make every metric read twice the months). */
	mback = xmalloc((rs->nmetrics + 1) * sizeof(int));
	for (i = 0; i < rs->nmetrics; i++)
		mback[i] = MIN_WINDOW - 1;
	for (i = 0; i < rs->count; i++)
		for (j = 0; j < rs->items[i].nrules; j++) {
			const struct rule *r = &rs->items[i].rules[j];

			if (rule_lookback(r) > back)
				back = rule_lookback(r);
			rule_metrics(r, ms, &n);
			for (k = 0; k < n; k++) {
				used[ms[k]] = true;
				if (k == 0 && r->metric >= 0 && r->segment[0])
					segmented[ms[k]] = true;
				if (rule_lookback(r) > mback[ms[k]])
					mback[ms[k]] = rule_lookback(r);
			}
		}
	out->nmonths = back + 1 > MAX_WINDOW ? MAX_WINDOW : back + 1;
	memcpy(L.to, period, DATE_LEN);

	rc = store_cached(st, sql_partners, &q, err);
	if (rc == 0)
		rc = store_fetch_rows(st, q, sizeof(*out->partners), read_partner,
				      (void **)&out->partners, &out->npartners, err,
				      "cannot read the partners");
	{
		int64_t *ids = xcalloc(out->npartners + 1, sizeof(*ids));

		for (i = 0; i < out->npartners; i++)
			ids[i] = out->partners[i].id;
		idmap_build(&L.map, ids, out->npartners);
		free(ids);
	}

	/* Contract targets, for the target rules: one query for everybody. */
	for (i = 0; i < rs->count; i++)
		for (j = 0; j < rs->items[i].nrules; j++)
			if (rs->items[i].rules[j].kind == RULE_TARGET &&
			    out->targets.items == NULL && rc == 0)
				rc = target_list(st, 0, &out->targets, err);

	/* The plan: every metric a rule reads, from as far back as it needs. */
	out->slot = xmalloc((rs->nmetrics + 1) * sizeof(int));
	out->metrics = xcalloc(rs->nmetrics + 1, sizeof(*out->metrics));
	plan = xcalloc(rs->nmetrics + 1, sizeof(*plan));
	for (i = 0; i < rs->nmetrics; i++)
		out->slot[i] = -1;
	/* Metrics read by segment first: the largest jobs, taken first, keep
	 * the two readers even. */
	for (pass = 0; pass < 2; pass++)
	for (i = 0; i < rs->nmetrics; i++) {
		if (!used[i] || segmented[i] != (pass == 0))
			continue;
		out->slot[i] = (int)out->nmetrics;
		out->metrics[out->nmetrics].metric = (int)i;
		plan[out->nmetrics].key = rs->metrics[i].key;
		plan[out->nmetrics].segments = segmented[i];
		date_from_month_index(out->as_of_month -
				      (mback[i] < out->nmonths ? mback[i] : out->nmonths - 1),
				      plan[out->nmetrics].from);
		out->nmetrics++;
	}
	L.plan = plan;
	L.nplan = out->nmetrics;
	L.next = &next;
	L.lock = &lock;
	pthread_mutex_init(&lock, NULL);
	if (rc == 0)
		side_started = side_start(&side, &L) == 0;
	if (rc == 0)
		rc = load_metrics(&L, err);
	if (side_started) {
		rc = side_join(&side, rc, err);
		merge_vals(&L, &side.L);
	} else if (rc == 0) {
		rc = load_side(&L, err);
	}
	pthread_mutex_destroy(&lock);
	out->vals = L.vals;
	free(plan);
	free(used);
	free(segmented);
	free(mback);
	idmap_free(&L.map);
	return rc;
}

const struct ed_metric *evaldata_metric(const struct evaldata *d, int m)
{
	if (m < 0 || d->slot == NULL || d->slot[m] < 0)
		return NULL;
	return &d->metrics[d->slot[m]];
}

const double *evaldata_series(const struct evaldata *d, const struct ed_metric *em,
			      size_t p, int seg, enum obs_source src)
{
	size_t i;

	if (em == NULL || p >= d->npartners)
		return NULL;
	for (i = em->pfirst[p]; i < em->pfirst[p + 1]; i++)
		if (em->ser[i].seg == seg && em->ser[i].source == src)
			return &d->vals[em->ser[i].off];
	return NULL;
}

int evaldata_segment(const struct ed_metric *em, const char *name)
{
	size_t i;

	for (i = 0; em && i < em->nsegs; i++)
		if (strcmp(em->segs[i], name) == 0)
			return (int)i;
	return -1;
}

char **evaldata_take_segments(struct evaldata *d, size_t *n)
{
	char **out;
	size_t i, total = 0;

	for (i = 0; i < d->nmetrics; i++)
		total += d->metrics[i].nsegs;
	out = xcalloc(total + 1, sizeof(char *));
	*n = 0;
	for (i = 0; i < d->nmetrics; i++) {
		struct ed_metric *em = &d->metrics[i];

		memcpy(out + *n, em->segs, em->nsegs * sizeof(char *));
		*n += em->nsegs;
		free(em->segs);
		em->segs = NULL;
		em->nsegs = 0;
	}
	return out;
}

void evaldata_free(struct evaldata *d)
{
	size_t i, k;

	if (d == NULL)
		return;
	for (i = 0; i < d->npartners; i++) {
		free(d->partners[i].code);
		free(d->partners[i].name);
	}
	free(d->event_pool);
	free(d->item_pool);
	target_list_free(&d->targets);
	strpool_free(&d->texts);
	for (i = 0; i < d->nmetrics; i++) {
		for (k = 0; k < d->metrics[i].nsegs; k++)
			free(d->metrics[i].segs[k]);
		free(d->metrics[i].segs);
		free(d->metrics[i].ser);
		free(d->metrics[i].pfirst);
	}
	free(d->partners);
	free(d->metrics);
	free(d->slot);
	free(d->vals);
	free(d->events);
	free(d->reviews);
	memset(d, 0, sizeof(*d));
}
