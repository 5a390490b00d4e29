/* portfolio.c: the overview's model: one query for the partners and their
 * actions, one per pane series for the whole window, and the audits (from
 * the indicator pass, or one query). */
#include "portfolio.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "drill.h"
#include "idmap.h"
#include "qa.h"
#include "qa_review.h"
#include "rules.h"
#include "sparkline.h"
#include "stats.h"
#include "xalloc.h"

static const char sql_summary[] =
	"SELECT p.id, p.code, p.name, p.site, p.country, p.services, p.owner,"
	" (SELECT count(*) FROM action a WHERE a.partner_id = p.id"
	"   AND a.status = 'open'),"
	" (SELECT count(*) FROM action a WHERE a.partner_id = p.id"
	"   AND a.status = 'open' AND a.due < ?1),"
	" (SELECT days FROM qa_interval i WHERE i.partner_id = p.id)"
	" FROM partner p WHERE p.archived = 0"
	" ORDER BY p.name COLLATE NOCASE, p.code";
static const char sql_series[] =
	"SELECT partner_id, source, period, value FROM obs"
	" WHERE metric = (SELECT id FROM metric WHERE key = ?1) AND segment = 0"
	" AND period BETWEEN ?2 AND ?3";

static const char *const series_metric[] = {
#define X(e, k) k,
	PORTFOLIO_SERIES(X)
#undef X
};

const char *portfolio_series_metric(enum pf_series s)
{
	return (unsigned)s < PF_NSERIES ? series_metric[s] : "";
}

static void copy_date(char dst[DATE_LEN], const unsigned char *src)
{
	memset(dst, 0, DATE_LEN);
	if (src)
		memcpy(dst, src, strnlen((const char *)src, DATE_LEN - 1));
}

static void read_row(sqlite3_stmt *q, void *elem)
{
	struct portfolio_row *r = elem;
	const struct store_text_col texts[] = {
		{ 1, &r->partner.code, false }, { 2, &r->partner.name, false },
		{ 3, &r->partner.site, false }, { 4, &r->partner.country, false },
		{ 5, &r->partner.services, false }, { 6, &r->partner.owner, false },
	};

	r->partner.id = sqlite3_column_int64(q, 0);
	r->partner.strings = store_column_texts(q, texts,
						sizeof(texts) / sizeof(texts[0]));
	r->open_actions = sqlite3_column_int(q, 7);
	r->overdue_actions = sqlite3_column_int(q, 8);
	r->qa_interval = sqlite3_column_int(q, 9);	/* 0 when NULL */
}

static int load_series(struct store *st, struct portfolio *pf,
		       const struct idmap *map, enum pf_series s,
		       struct bpw_error *err)
{
	char from[DATE_LEN];
	unsigned char *client;	/* month slot already holds a client value */
	int first = date_month_index(pf->as_of) - pf->months + 1;
	sqlite3_stmt *q;
	size_t i;
	int rc;

	period_add(pf->as_of, -(pf->months - 1), from);
	client = xcalloc(pf->count * (size_t)pf->months + 1, 1);
	for (i = 0; i < pf->count; i++) {
		int m;

		pf->rows[i].series[s].v = xcalloc((size_t)pf->months, sizeof(double));
		for (m = 0; m < pf->months; m++)
			pf->rows[i].series[s].v[m] = NAN;
		pf->rows[i].series[s].change = NAN;
	}
	rc = store_cached(st, sql_series, &q, err);
	if (rc != 0) {
		free(client);
		return rc;
	}
	store_bind_text(q, 1, series_metric[s], false);
	sqlite3_bind_int(q, 2, period_num(from));
	sqlite3_bind_int(q, 3, period_num(pf->as_of));
	while ((rc = sqlite3_step(q)) == SQLITE_ROW) {
		long r = idmap_find(map, sqlite3_column_int64(q, 0));
		bool is_client = sqlite3_column_int(q, 1) == 1;
		int m;
		size_t slot;

		if (r < 0)
			continue;
		m = period_num_month_index(sqlite3_column_int(q, 2)) - first;
		if (m < 0 || m >= pf->months)
			continue;
		slot = (size_t)r * (size_t)pf->months + (size_t)m;
		if (client[slot] && !is_client)
			continue;
		client[slot] = is_client;
		pf->rows[r].series[s].v[m] = sqlite3_column_double(q, 3);
	}
	sqlite3_reset(q);
	free(client);
	if (rc != SQLITE_DONE)
		return store_fail(st, rc, err, "cannot load the pane figures");

	/* Latest value in the window, and its change from the one before. */
	for (i = 0; i < pf->count; i++) {
		struct pf_series_data *d = &pf->rows[i].series[s];
		int m, prev;

		for (m = pf->months - 1; m >= 0 && isnan(d->v[m]); m--)
			;
		if (m < 0)
			continue;
		d->has_latest = true;
		d->latest = d->v[m];
		date_from_month_index(first + m, d->latest_period);
		for (prev = m - 1; prev >= 0 && isnan(d->v[prev]); prev--)
			;
		if (prev >= 0)
			d->change = d->v[m] - d->v[prev];
	}
	return 0;
}

/* Audits arrive item by item, partner by partner. */
struct qa_acc {
	struct portfolio *pf;
	const struct idmap *map;
	long row;			/* the partner being collected, -1 none */
	struct qa_scored_item *items;
	char (*answers)[8];
	size_t n, cap;
};

static void qa_flush(struct qa_acc *a)
{
	struct portfolio_row *r;
	struct qa_score sc;
	size_t i;

	if (a->row < 0)
		return;
	for (i = 0; i < a->n; i++)
		a->items[i].answer = a->answers[i][0] ? a->answers[i] : NULL;
	qa_score_items(a->items, a->n, &sc);
	r = &a->pf->rows[a->row];
	r->qa_score = sc.score;
	r->qa_critical_fails = sc.critical_fails;
	a->row = -1;
	a->n = 0;
}

static void qa_add(const struct qa_final_row *row, void *ctx)
{
	struct qa_acc *a = ctx;
	long r = idmap_find(a->map, row->partner_id);

	if (r != a->row)
		qa_flush(a);
	if (r < 0)
		return;
	if (a->row < 0) {
		a->row = r;
		a->pf->rows[r].has_qa = true;
		copy_date(a->pf->rows[r].qa_date, (const unsigned char *)row->date);
	}
	if (a->n == a->cap) {
		a->cap = a->cap ? a->cap * 2 : 32;
		a->items = xrealloc(a->items, a->cap * sizeof(*a->items));
		a->answers = xrealloc(a->answers, a->cap * sizeof(*a->answers));
	}
	a->items[a->n] = row->it;
	snprintf(a->answers[a->n], sizeof(a->answers[a->n]), "%s",
		 row->it.answer ? row->it.answer : "");
	a->n++;
}

/* The audits the indicator pass has scored already. */
static void take_audits(struct portfolio *pf, const struct idmap *map,
			const struct evaluation *ev)
{
	size_t i;

	for (i = 0; i < ev->count; i++) {
		const struct qa_last_audit *au = &ev->partners[i].audit;
		long r = idmap_find(map, ev->partners[i].id);

		if (r < 0 || !au->present)
			continue;
		pf->rows[r].has_qa = true;
		memcpy(pf->rows[r].qa_date, au->date, DATE_LEN);
		pf->rows[r].qa_score = au->score;
		pf->rows[r].qa_critical_fails = au->critical_fails;
	}
}

static int load_audits(struct store *st, struct portfolio *pf,
		       const struct idmap *map, int interval_days,
		       const struct evaluation *ev, struct bpw_error *err)
{
	struct qa_acc a = { .pf = pf, .map = map, .row = -1 };
	char until[DATE_LEN];
	size_t i;
	int rc = 0;

	if (ev && strcmp(ev->as_of, pf->as_of) == 0) {
		take_audits(pf, map, ev);
	} else {
		period_last_day(pf->as_of, until);
		rc = qa_last_finals(st, until, qa_add, &a, err);
		qa_flush(&a);
	}
	free(a.items);
	free(a.answers);
	if (rc != 0)
		return rc;
	for (i = 0; i < pf->count; i++) {
		struct portfolio_row *r = &pf->rows[i];

		if (r->has_qa)
			qa_next_due(r->qa_date, r->qa_interval ? r->qa_interval
				    : interval_days, r->qa_due);
	}
	return 0;
}

int portfolio_load(struct store *st, const char *as_of, int months,
		   int qa_interval_days, const char *today,
		   const struct evaluation *ev, struct portfolio *out,
		   struct bpw_error *err)
{
	struct idmap map;
	int64_t *ids;
	sqlite3_stmt *q;
	size_t i;
	int rc, s;

	memset(out, 0, sizeof(*out));
	if (as_of == NULL || !period_valid(as_of) || months < 1 || months > 240)
		return bpw_error_set(err, BPW_EINVAL, "portfolio: bad month or window");
	memcpy(out->as_of, as_of, DATE_LEN);
	out->months = months;
	rc = store_cached(st, sql_summary, &q, err);
	if (rc != 0)
		return rc;
	store_bind_text(q, 1, today, false);
	rc = store_fetch_rows(st, q, sizeof(*out->rows), read_row,
			      (void **)&out->rows, &out->count, err,
			      "cannot load the portfolio");
	if (rc != 0) {
		portfolio_free(out);
		return rc;
	}
	for (i = 0; i < out->count; i++)
		out->rows[i].qa_score = NAN;
	ids = xcalloc(out->count + 1, sizeof(*ids));
	for (i = 0; i < out->count; i++)
		ids[i] = out->rows[i].partner.id;
	idmap_build(&map, ids, out->count);
	free(ids);
	for (s = 0; s < PF_NSERIES && rc == 0; s++)
		rc = load_series(st, out, &map, (enum pf_series)s, err);
	if (rc == 0)
		rc = load_audits(st, out, &map, qa_interval_days, ev, err);
	idmap_free(&map);
	if (rc != 0)
		portfolio_free(out);
	return rc;
}

void portfolio_free(struct portfolio *p)
{
	size_t i;
	int s;

	if (p == NULL)
		return;
	for (i = 0; i < p->count; i++) {
		partner_clear(&p->rows[i].partner);
		for (s = 0; s < PF_NSERIES; s++)
			free(p->rows[i].series[s].v);
	}
	free(p->rows);
	memset(p, 0, sizeof(*p));
}

void portfolio_scale(struct portfolio *p, const struct ruleset *rs)
{
	size_t n = (size_t)(p->months > 0 ? p->months : 0), i, k;
	const double **v = xcalloc(p->count + 1, sizeof(*v));
	double *all = xmalloc((p->count * n + 1) * sizeof(*all));
	int s;

	for (s = 0; s < PF_NSERIES; s++) {
		size_t m = 0;
		double span, level;

		for (i = 0; i < p->count; i++) {
			v[i] = p->rows[i].series[s].v;
			for (k = 0; v[i] && k < n; k++)
				if (isfinite(v[i][k]))
					all[m++] = v[i][k];
		}
		level = m ? stats_median(all, m) : NAN;
		span = spark_common_span(v, p->count, n, drill_min_effect(rs,
			rs ? ruleset_metric_index(rs, portfolio_series_metric((enum pf_series)s))
			: -1, level));
		for (i = 0; i < p->count; i++) {
			struct pf_series_data *d = &p->rows[i].series[s];

			d->lo = d->hi = NAN;
			if (d->v)
				spark_place(d->v, n, span, &d->lo, &d->hi);
		}
	}
	free(all);
	free(v);
}
