/* drill.c: one partner's metric in depth: its totals by source, its
 * segments, and the portfolio median month by month. */
#include "drill.h"

#include <math.h>
#include <stdbool.h>
#include <stdlib.h>
#include <string.h>

#include "xalloc.h"

#define MAX_SEGMENTS 64

static const char sql_partner[] =
	"SELECT s.name, o.source, o.period, o.value"
	" FROM obs o JOIN segment s ON s.id = o.segment"
	" WHERE o.partner_id = ?1 AND o.metric = (SELECT id FROM metric WHERE key = ?2)"
	" AND o.period BETWEEN ?3 AND ?4"
	" ORDER BY s.name, o.period, o.source";
/* In the order of the (metric, segment, period, value) index: month by
 * month, each month's values already sorted, so the median needs neither
 * a sort in SQLite nor one here. */
static const char sql_portfolio[] =
	"SELECT period, partner_id, source, value FROM obs"
	" WHERE metric = (SELECT id FROM metric WHERE key = ?1) AND segment = 0"
	" AND period BETWEEN ?2 AND ?3 ORDER BY period, value";
static const char sql_archived[] =
	"SELECT id FROM partner WHERE archived = 1 ORDER BY id";

static double *nan_array(int n)
{
	double *v = xcalloc((size_t)n, sizeof(double));
	int i;

	for (i = 0; i < n; i++)
		v[i] = NAN;
	return v;
}

/* Month slot of the stored month (YYYYMM) in column col of q, or -1
 * outside the window. */
static int slot(const struct drill *d, sqlite3_stmt *q, int col)
{
	int m = period_num_month_index(sqlite3_column_int(q, col)) -
		date_month_index(d->first);

	return m >= 0 && m < d->months ? m : -1;
}

static int load_partner(struct store *st, int64_t id, const char *metric,
			struct drill *d, struct bpw_error *err)
{
	sqlite3_stmt *q;
	int rc;

	rc = store_cached(st, sql_partner, &q, err);
	if (rc != 0)
		return rc;
	sqlite3_bind_int64(q, 1, id);
	store_bind_text(q, 2, metric, false);
	sqlite3_bind_int(q, 3, period_num(d->first));
	sqlite3_bind_int(q, 4, period_num(d->as_of));
	while ((rc = sqlite3_step(q)) == SQLITE_ROW) {
		const char *seg = (const char *)sqlite3_column_text(q, 0);
		bool client = sqlite3_column_int(q, 1) == 1;
		double v = sqlite3_column_double(q, 3);
		int m = slot(d, q, 2);

		if (m < 0 || seg == NULL)
			continue;
		if (*seg == '\0') {
			(client ? d->client : d->partner)[m] = v;
			d->any[m] = v;	/* the client row comes last */
			continue;
		}
		if (d->nsegs == 0 || strcmp(d->segs[d->nsegs - 1].name, seg) != 0) {
			if (d->nsegs == MAX_SEGMENTS)
				continue;
			d->segs = xrealloc(d->segs, (d->nsegs + 1) * sizeof(*d->segs));
			d->segs[d->nsegs].name = xstrdup(seg);
			d->segs[d->nsegs].v = nan_array(d->months);
			d->nsegs++;
		}
		d->segs[d->nsegs - 1].v[m] = v;
	}
	sqlite3_reset(q);
	if (rc != SQLITE_DONE)
		return store_fail(st, rc, err, "cannot load the partner's figures");
	return 0;
}

static int cmp_id(const void *a, const void *b)
{
	int64_t x = *(const int64_t *)a, y = *(const int64_t *)b;

	return (x > y) - (x < y);
}

static bool has_id(const int64_t *ids, size_t n, int64_t id)
{
	return n && bsearch(&id, ids, n, sizeof(*ids), cmp_id) != NULL;
}

struct month_row {
	int64_t partner;
	double value;
	bool client;
	bool counts;			/* in the median */
};

/* Buffers of one month's rows, in value order. */
struct month_buf {
	struct month_row *rows;
	size_t n, cap;
	int64_t *clients;		/* partners with a client value */
	size_t nclients, ccap;
};

/* The median of month m from its rows: a partner's client value where
 * there is one, else its own; archived partners left out. The rows are
 * in value order, so the middle of those that count is the median. */
static void month_median(struct drill *d, int m, struct month_buf *b,
			 const int64_t *archived, size_t narchived)
{
	size_t i, n = 0, k = 0;
	double lo = NAN;

	if (m < 0)
		return;
	qsort(b->clients, b->nclients, sizeof(*b->clients), cmp_id);
	for (i = 0; i < b->n; i++) {
		struct month_row *r = &b->rows[i];

		r->counts = (r->client || !has_id(b->clients, b->nclients, r->partner))
			    && !has_id(archived, narchived, r->partner);
		n += r->counts;
	}
	d->median_n[m] = (int)n;
	for (i = 0; n > 0 && i < b->n; i++) {
		if (!b->rows[i].counts)
			continue;
		if (k == (n - 1) / 2)
			lo = b->rows[i].value;
		if (k == n / 2) {
			d->median[m] = (lo + b->rows[i].value) / 2;
			break;
		}
		k++;
	}
}

static int load_median(struct store *st, const char *metric, struct drill *d,
		       struct bpw_error *err)
{
	struct month_buf b = { 0 };
	int64_t *archived = NULL;
	size_t narchived = 0, acap = 0;
	int cur = -1, rc;
	sqlite3_stmt *q;

	rc = store_cached(st, sql_archived, &q, err);
	if (rc != 0)
		return rc;
	while ((rc = sqlite3_step(q)) == SQLITE_ROW) {
		if (narchived == acap) {
			acap = acap ? acap * 2 : 16;
			archived = xrealloc(archived, acap * sizeof(*archived));
		}
		archived[narchived++] = sqlite3_column_int64(q, 0);
	}
	sqlite3_reset(q);
	if (rc != SQLITE_DONE) {
		free(archived);
		return store_fail(st, rc, err, "cannot load the partners");
	}
	rc = store_cached(st, sql_portfolio, &q, err);
	if (rc != 0) {
		free(archived);
		return rc;
	}
	store_bind_text(q, 1, metric, false);
	sqlite3_bind_int(q, 2, period_num(d->first));
	sqlite3_bind_int(q, 3, period_num(d->as_of));
	for (;;) {
		int m = -1;
		struct month_row row;

		rc = sqlite3_step(q);
		if (rc == SQLITE_ROW) {
			m = slot(d, q, 0);
			if (m < 0)
				continue;
		}
		if (m != cur) {
			month_median(d, cur, &b, archived, narchived);
			cur = m;
			b.n = b.nclients = 0;
		}
		if (rc != SQLITE_ROW)
			break;
		row.partner = sqlite3_column_int64(q, 1);
		row.client = sqlite3_column_int(q, 2) != 0;
		row.value = sqlite3_column_double(q, 3);
		row.counts = false;
		if (b.n == b.cap) {
			b.cap = b.cap ? b.cap * 2 : 256;
			b.rows = xrealloc(b.rows, b.cap * sizeof(*b.rows));
		}
		b.rows[b.n++] = row;
		if (row.client) {
			if (b.nclients == b.ccap) {
				b.ccap = b.ccap ? b.ccap * 2 : 64;
				b.clients = xrealloc(b.clients, b.ccap * sizeof(*b.clients));
			}
			b.clients[b.nclients++] = row.partner;
		}
	}
	free(b.rows);
	free(b.clients);
	free(archived);
	sqlite3_reset(q);
	if (rc != SQLITE_DONE)
		return store_fail(st, rc, err, "cannot load the portfolio figures");
	return 0;
}

int drill_load(struct store *st, int64_t partner_id, const char *metric,
	       const char *as_of, int months, struct drill *out,
	       struct bpw_error *err)
{
	int rc;

	memset(out, 0, sizeof(*out));
	if (as_of == NULL || !period_valid(as_of) || months < 1 || months > 240)
		return bpw_error_set(err, BPW_EINVAL, "drill-down: bad month or window");
	memcpy(out->as_of, as_of, DATE_LEN);
	period_add(as_of, -(months - 1), out->first);
	out->months = months;
	out->any = nan_array(months);
	out->client = nan_array(months);
	out->partner = nan_array(months);
	out->median = nan_array(months);
	out->median_n = xcalloc((size_t)months, sizeof(int));
	rc = load_partner(st, partner_id, metric, out, err);
	if (rc == 0)
		rc = load_median(st, metric, out, err);
	if (rc != 0)
		drill_free(out);
	return rc;
}

void drill_free(struct drill *d)
{
	size_t i;

	if (d == NULL)
		return;
	free(d->any);
	free(d->client);
	free(d->partner);
	free(d->median);
	free(d->median_n);
	for (i = 0; i < d->nsegs; i++) {
		free(d->segs[i].name);
		free(d->segs[i].v);
	}
	free(d->segs);
	memset(d, 0, sizeof(*d));
}
