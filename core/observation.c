/* observation.c: storing (upsert) and reading monthly metric values. */
#include "observation.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "audit.h"
#include "sheet.h"
#include "xalloc.h"


/* The table obs holds the figures under integer keys (schema 9): metric
 * and segment ids, the month as YYYYMM, the source as 0 or 1. Readers map
 * their text arguments to ids inside the query, once per statement. */

/* An upsert is one statement in the common cases: sql_get alone for a
 * stored, unchanged row, sql_insert alone for a new key. sql_update only
 * writes when the value differs, so its change count tells updated from
 * unchanged. DO NOTHING covers the key conflict only: CHECK and foreign
 * key violations still fail (INSERT OR IGNORE would skip them silently). */
static const char sql_get[] =
	"SELECT value FROM obs WHERE partner_id = ?1 AND metric = ?2"
	" AND period = ?3 AND segment = ?4 AND source = ?5";
static const char sql_insert[] =
	"INSERT INTO obs(partner_id, metric, period, segment, source, value)"
	" VALUES (?1, ?2, ?3, ?4, ?5, ?6)"
	" ON CONFLICT(metric, segment, period, partner_id, source) DO NOTHING";
static const char sql_update[] =
	"UPDATE obs SET value = ?6 WHERE partner_id = ?1 AND metric = ?2"
	" AND period = ?3 AND segment = ?4 AND source = ?5 AND value <> ?6";
static const char sql_metric_id[] =
	"SELECT id, min_value, max_value FROM metric WHERE key = ?1";
static const char sql_segment_id[] = "SELECT id FROM segment WHERE name = ?1";
static const char sql_segment_add[] = "INSERT INTO segment(name) VALUES (?1)";
/* obs is keyed metric, segment, month, partner: one partner's series is
 * one key lookup per month, over the months the metric has figures in
 * (open ends would otherwise span the centuries a period may name). */
static const char sql_series[] =
	"WITH RECURSIVE k(m, s) AS (SELECT (SELECT id FROM metric WHERE key = ?2),"
	"  (SELECT id FROM segment WHERE name = ?3)),"
	" month(p) AS (SELECT max(?5, (SELECT min(period) FROM obs, k"
	"    WHERE metric = k.m AND segment = k.s)) UNION ALL"
	"  SELECT " PERIOD_NUM_NEXT_SQL("p") " FROM month"
	"  WHERE p < min(?6, (SELECT max(period) FROM obs, k"
	"    WHERE metric = k.m AND segment = k.s)))"
	" SELECT o.period, o.value FROM k CROSS JOIN month CROSS JOIN obs o"
	" WHERE o.metric = k.m AND o.segment = k.s AND o.period = month.p"
	" AND o.partner_id = ?1 AND o.source = ?4 ORDER BY o.period";
/* A figure by its names, for one-off edits from the dashboard. */
#define OBS_BY_NAMES \
	" WHERE partner_id = ?1 AND metric = (SELECT id FROM metric WHERE key = ?2)" \
	" AND period = ?3 AND segment = CASE WHEN ?4 = '' THEN 0 ELSE" \
	" (SELECT id FROM segment WHERE name = ?4) END AND source = ?5"
static const char sql_get_named[] = "SELECT value FROM obs" OBS_BY_NAMES;
static const char sql_delete_named[] = "DELETE FROM obs" OBS_BY_NAMES;
/* Sources sort as their names did: client before partner. */
static const char sql_each[] =
	"SELECT p.code, m.key, o.period, s.name, o.source, o.value"
	" FROM obs o JOIN partner p ON p.id = o.partner_id"
	" JOIN metric m ON m.id = o.metric JOIN segment s ON s.id = o.segment"
	" WHERE (?1 = 0 OR o.partner_id = ?1) AND o.period BETWEEN ?2 AND ?3"
	" ORDER BY p.code, m.key, o.period, s.name, o.source DESC";
/* One index probe per metric instead of a scan of every row. */
static const char sql_latest[] =
	"SELECT max((SELECT max(period) FROM obs WHERE metric = m.id AND segment = 0))"
	" FROM metric m";

static const char *const source_names[] = { "partner", "client" };

const char *obs_source_name(enum obs_source s) { return source_names[s]; }

int obs_source_parse(const char *s, enum obs_source *out)
{
	if (s && strcmp(s, "partner") == 0)
		*out = OBS_PARTNER;
	else if (s && strcmp(s, "client") == 0)
		*out = OBS_CLIENT;
	else
		return BPW_EINVAL;
	return 0;
}

bool observation_segment_valid(const char *s)
{
	const char *eq = strchr(s, '=');
	const unsigned char *p;

	if (*s == '\0')
		return true;
	if (eq == NULL || eq == s || eq[1] == '\0' || strlen(s) > 64)
		return false;
	for (p = (const unsigned char *)s; *p; p++)
		if (*p < 0x20 || *p == 0x7f)
			return false;
	return true;
}

/* The stored month (YYYYMM) of a bound of a range of periods: open when
 * the bound is NULL. */
#define PERIOD_MAX 999999

static int period_bound(const char *period, int open)
{
	return period ? period_num(period) : open;
}

/* --------------------------------------------------------- id look-ups */

static int cmp_name_id(const void *a, const void *b)
{
	return strcmp(((const struct obs_name_id *)a)->name,
		      ((const struct obs_name_id *)b)->name);
}

/* cmp_name_id for bsearch: key is the name itself. */
static int cmp_key_name(const void *key, const void *elem)
{
	return strcmp(key, ((const struct obs_name_id *)elem)->name);
}

/* The entry of l for name, or NULL; remembers it as l->last. */
static const struct obs_name_id *ids_find(struct obs_idlist *l, const char *name)
{
	struct obs_name_id *hit;

	if (l->last < l->n && strcmp(l->items[l->last].name, name) == 0)
		return &l->items[l->last];
	hit = l->n ? bsearch(name, l->items, l->n, sizeof(*l->items), cmp_key_name)
		   : NULL;
	if (hit == NULL)
		return NULL;
	l->last = (size_t)(hit - l->items);
	return hit;
}

/* Adds e (its name ignored) to l as a copy of name. */
static void ids_add(struct obs_idlist *l, const char *name, const struct obs_name_id *e)
{
	l->items = xrealloc(l->items, (l->n + 1) * sizeof(*l->items));
	l->items[l->n] = *e;
	l->items[l->n++].name = xstrdup(name);
	xqsort(l->items, l->n, sizeof(*l->items), cmp_name_id);
	l->last = l->n;
}

static void ids_free(struct obs_idlist *l)
{
	size_t i;

	for (i = 0; i < l->n; i++)
		free(l->items[i].name);
	free(l->items);
	memset(l, 0, sizeof(*l));
}

void obs_idcache_free(struct obs_idcache *c)
{
	if (c == NULL)
		return;
	ids_free(&c->metrics);
	ids_free(&c->segments);
}

/* The id of name by the query sql (id, and for metrics min and max) into
 * *e (its name NULL); *found false when none. */
static int lookup_id(struct store *st, const char *sql, const char *name,
		     bool *found, struct obs_name_id *e, struct bpw_error *err)
{
	sqlite3_stmt *q;
	int rc;

	rc = store_cached(st, sql, &q, err);
	if (rc != 0)
		return rc;
	sqlite3_bind_text(q, 1, name, -1, SQLITE_STATIC);
	rc = sqlite3_step(q);
	*found = rc == SQLITE_ROW;
	*e = (struct obs_name_id){ .name = NULL };
	if (*found)
		e->id = sqlite3_column_int64(q, 0);
	if (*found && sqlite3_column_count(q) == 3) {
		e->range.has_min = sqlite3_column_type(q, 1) != SQLITE_NULL;
		e->range.min = sqlite3_column_double(q, 1);
		e->range.has_max = sqlite3_column_type(q, 2) != SQLITE_NULL;
		e->range.max = sqlite3_column_double(q, 2);
	}
	sqlite3_reset(q);
	if (rc != SQLITE_ROW && rc != SQLITE_DONE)
		return store_fail(st, rc, err, "cannot look up a metric or segment");
	return 0;
}

/* The metric's id, after checking that value is plausible for it. */
static int metric_id(struct store *st, struct obs_idcache *c, const char *key,
		     double value, int64_t *id, struct bpw_error *err)
{
	const struct obs_name_id *hit = c ? ids_find(&c->metrics, key) : NULL;
	struct obs_name_id e;
	bool found;
	int rc;

	if (hit == NULL) {
		rc = lookup_id(st, sql_metric_id, key, &found, &e, err);
		if (rc == 0 && !found)
			return bpw_error_set(err, BPW_ECONSTRAINT, "unknown metric '%s'", key);
		if (rc != 0)
			return rc;
		if (c)
			ids_add(&c->metrics, key, &e);
		hit = &e;
	}
	*id = hit->id;
	return metric_range_check(&hit->range, key, value, err);
}

/* The segment's id; a segment not seen before is added. */
static int segment_id(struct store *st, struct obs_idcache *c, const char *name,
		      int64_t *id, struct bpw_error *err)
{
	const struct obs_name_id *hit;
	struct obs_name_id e;
	sqlite3_stmt *q;
	bool found;
	int rc;

	if (*name == '\0') {
		*id = 0;
		return 0;
	}
	if (c && (hit = ids_find(&c->segments, name)) != NULL) {
		*id = hit->id;
		return 0;
	}
	rc = lookup_id(st, sql_segment_id, name, &found, &e, err);
	if (rc == 0 && !found) {
		rc = store_cached(st, sql_segment_add, &q, err);
		if (rc != 0)
			return rc;
		sqlite3_bind_text(q, 1, name, -1, SQLITE_STATIC);
		rc = sqlite3_step(q);
		sqlite3_reset(q);
		if (rc != SQLITE_DONE)
			return store_fail(st, rc, err, "cannot add a segment");
		e.id = sqlite3_last_insert_rowid(store_db(st));
		rc = 0;
	}
	if (rc == 0 && c)
		ids_add(&c->segments, name, &e);
	*id = e.id;
	return rc;
}

/* ---------------------------------------------------------- the upsert */

/* An observation's key as stored. */
struct obs_key {
	int64_t partner, metric, segment;
	int period, source;
};

static void bind_key(sqlite3_stmt *q, const struct obs_key *k)
{
	sqlite3_bind_int64(q, 1, k->partner);
	sqlite3_bind_int64(q, 2, k->metric);
	sqlite3_bind_int(q, 3, k->period);
	sqlite3_bind_int64(q, 4, k->segment);
	sqlite3_bind_int(q, 5, k->source);
}

/* Runs sql_insert or sql_update for o; *changed is whether it wrote a row. */
static int observation_write(struct store *st, const char *sql,
			     const struct observation *o, const struct obs_key *k,
			     bool *changed, struct bpw_error *err)
{
	sqlite3_stmt *q;
	int rc;

	rc = store_cached(st, sql, &q, err);
	if (rc != 0)
		return rc;
	bind_key(q, k);
	sqlite3_bind_double(q, 6, o->value);
	rc = sqlite3_step(q);
	sqlite3_reset(q);
	if (rc == SQLITE_CONSTRAINT_FOREIGNKEY)
		return bpw_error_set(err, BPW_ECONSTRAINT,
				     "unknown metric '%s' or partner id %lld",
				     o->metric, (long long)o->partner_id);
	if (rc != SQLITE_DONE)
		return store_fail(st, rc, err, "cannot save observation");
	*changed = sqlite3_changes(store_db(st)) > 0;
	return 0;
}

/* Reads the stored value of key k: *exists, and *old when it does. */
static int observation_read(struct store *st, const struct obs_key *k,
			    bool *exists, double *old, struct bpw_error *err)
{
	sqlite3_stmt *q;
	int rc;

	rc = store_cached(st, sql_get, &q, err);
	if (rc != 0)
		return rc;
	bind_key(q, k);
	rc = sqlite3_step(q);
	*exists = rc == SQLITE_ROW;
	if (*exists)
		*old = sqlite3_column_double(q, 0);
	sqlite3_reset(q);
	if (rc != SQLITE_ROW && rc != SQLITE_DONE)
		return store_fail(st, rc, err, "cannot read observation");
	return 0;
}

/* The audit row of a stored value: old is NULL for a new one. */
static int observation_audit(struct store *st, const struct observation *o,
			     const double *old, struct bpw_error *err)
{
	char was[32], now[32];

	if (old == NULL && store_bulk(st))
		return 0;	/* the import's summary row stands for it */
	if (old)
		sheet_format_number(*old, '.', was, sizeof(was));
	sheet_format_number(o->value, '.', now, sizeof(now));
	if (store_bulk(st)) {
		/* Kept under the import's row (audit_value), not a row each. */
		struct audit_figure f = {
			.partner_id = o->partner_id, .metric = o->metric,
			.period = o->period, .segment = o->segment,
			.source = obs_source_name(o->source), .old = was, .new = now };

		return audit_stage_figure(st, &f, err);
	}
	return audit_appendf(st, "observation", o->partner_id, old ? was : NULL, now,
			     err, "%s %.7s %s (%s)", o->metric, o->period,
			     o->segment && *o->segment ? o->segment : "total",
			     obs_source_name(o->source));
}

/* The upsert inside a transaction; see observation_upsert_as. */
static int observation_put(struct store *st, const struct observation *o,
			   bool likely_new, struct obs_idcache *c,
			   enum upsert_result *res, double *oldp, struct bpw_error *err)
{
	struct obs_key k = { .partner = o->partner_id, .period = period_num(o->period),
			     .source = o->source == OBS_CLIENT };
	bool exists = false, inserted, updated;
	double dummy, old = 0, *oldv = oldp ? oldp : &dummy;
	int rc;

	rc = metric_id(st, c, o->metric, o->value, &k.metric, err);
	if (rc == 0)
		rc = segment_id(st, c, o->segment ? o->segment : "", &k.segment, err);
	if (rc != 0)
		return rc;
	if (!likely_new) {
		rc = observation_read(st, &k, &exists, &old, err);
		if (rc != 0)
			return rc;
		if (exists && old == o->value) {
			*res = UPSERT_UNCHANGED;
			return 0;
		}
	}
	if (!exists) {
		rc = observation_write(st, sql_insert, o, &k, &inserted, err);
		if (rc != 0 || inserted) {
			*res = UPSERT_INSERTED;
			return rc ? rc : observation_audit(st, o, NULL, err);
		}
		/* The guess was wrong: the key is there; read what it holds. */
		rc = observation_read(st, &k, &exists, &old, err);
		if (rc != 0)
			return rc;
	}
	rc = observation_write(st, sql_update, o, &k, &updated, err);
	*res = updated ? UPSERT_UPDATED : UPSERT_UNCHANGED;
	*oldv = old;
	if (rc == 0 && updated)
		rc = observation_audit(st, o, &old, err);
	return rc;
}

int observation_upsert_ids(struct store *st, const struct observation *o,
			   bool likely_new, struct obs_idcache *ids,
			   enum upsert_result *res, double *old, struct bpw_error *err)
{
	enum upsert_result dummy;
	bool own;
	int rc;

	if (!period_valid(o->period))
		return bpw_error_set(err, BPW_EINVAL,
				     "period %s is not the first day of a month "
				     "(YYYY-MM-01)", o->period ? o->period : "(none)");
	if (!isfinite(o->value))
		return bpw_error_set(err, BPW_EINVAL, "value is not a finite number");
	if (o->segment && !observation_segment_valid(o->segment))
		return bpw_error_set(err, BPW_EINVAL, "segment '%.40s' is not "
				     "name=value (e.g. channel=chat)", o->segment);
	rc = store_tx_enter(st, &own, err);
	if (rc != 0)
		return rc;
	rc = observation_put(st, o, likely_new, ids, res ? res : &dummy, old, err);
	return store_tx_leave(st, own, rc, err);
}

int observation_upsert_as(struct store *st, const struct observation *o,
			  bool likely_new, enum upsert_result *res,
			  struct bpw_error *err)
{
	return observation_upsert_ids(st, o, likely_new, NULL, res, NULL, err);
}

int observation_upsert(struct store *st, const struct observation *o,
		       enum upsert_result *res, struct bpw_error *err)
{
	return observation_upsert_as(st, o, false, res, err);
}

/* Runs sql (sql_get_named or sql_delete_named) on o's key: *found and
 * *value for a row read. */
static int observation_named(struct store *st, const char *sql,
			     const struct observation *o, bool *found,
			     double *value, struct bpw_error *err)
{
	sqlite3_stmt *q;
	int rc = store_cached(st, sql, &q, err);

	if (rc != 0)
		return rc;
	sqlite3_bind_int64(q, 1, o->partner_id);
	sqlite3_bind_text(q, 2, o->metric, -1, SQLITE_STATIC);
	sqlite3_bind_int(q, 3, period_num(o->period));
	sqlite3_bind_text(q, 4, o->segment, -1, SQLITE_STATIC);
	sqlite3_bind_int(q, 5, o->source == OBS_CLIENT);
	rc = sqlite3_step(q);
	*found = rc == SQLITE_ROW;
	if (*found && value)
		*value = sqlite3_column_double(q, 0);
	sqlite3_reset(q);
	if (rc != SQLITE_ROW && rc != SQLITE_DONE)
		return store_fail(st, rc, err, "cannot delete observation");
	return 0;
}

int observation_delete(struct store *st, int64_t partner_id, const char *metric,
		       const char *period, const char *segment,
		       enum obs_source source, struct bpw_error *err)
{
	struct observation o = { .partner_id = partner_id, .metric = metric,
				 .period = period, .segment = segment ? segment : "",
				 .source = source };
	char was[32];
	double old = 0;
	bool own, found;
	int rc;

	if (!period_valid(period))
		return bpw_error_set(err, BPW_EINVAL,
				     "period %s is not the first day of a month "
				     "(YYYY-MM-01)", period ? period : "(none)");
	rc = store_tx_enter(st, &own, err);
	if (rc != 0)
		return rc;
	rc = observation_named(st, sql_get_named, &o, &found, &old, err);
	if (rc == 0 && !found)
		rc = bpw_error_set(err, BPW_ENOENT, "no %s figure for %.7s (%s, %s)",
				   metric, period, *o.segment ? o.segment : "total",
				   obs_source_name(source));
	if (rc == 0)
		rc = observation_named(st, sql_delete_named, &o, &found, NULL, err);
	if (rc == 0) {
		sheet_format_number(old, '.', was, sizeof(was));
		rc = audit_appendf(st, "observation", partner_id, was, NULL, err,
				   "%s %.7s %s (%s)", metric, period,
				   *o.segment ? o.segment : "total",
				   obs_source_name(source));
	}
	return store_tx_leave(st, own, rc, err);
}

static void read_point(sqlite3_stmt *q, void *elem)
{
	struct series_point *pt = elem;

	period_from_num(sqlite3_column_int(q, 0), pt->period);
	pt->value = sqlite3_column_double(q, 1);
}

int observation_series(struct store *st, int64_t partner_id, const char *metric,
		       const char *segment, enum obs_source source,
		       const char *from, const char *to, struct series *out,
		       struct bpw_error *err)
{
	sqlite3_stmt *q;
	int rc;

	memset(out, 0, sizeof(*out));
	rc = store_cached(st, sql_series, &q, err);
	if (rc != 0)
		return rc;
	sqlite3_bind_int64(q, 1, partner_id);
	store_bind_text(q, 2, metric, false);
	store_bind_text(q, 3, segment ? segment : "", false);
	sqlite3_bind_int(q, 4, source == OBS_CLIENT);
	sqlite3_bind_int(q, 5, period_bound(from, 0));
	sqlite3_bind_int(q, 6, period_bound(to, PERIOD_MAX));
	rc = store_fetch_rows(st, q, sizeof(*out->points), read_point,
			      (void **)&out->points, &out->count, err,
			      "cannot read series");
	if (rc != 0)
		series_free(out);
	return rc;
}

int observation_latest_period(struct store *st, char out[DATE_LEN], bool *found,
			      struct bpw_error *err)
{
	sqlite3_stmt *q;
	int rc = store_cached(st, sql_latest, &q, err);

	*found = false;
	memset(out, 0, DATE_LEN);
	if (rc != 0)
		return rc;
	rc = sqlite3_step(q);
	if (rc == SQLITE_ROW && sqlite3_column_type(q, 0) != SQLITE_NULL) {
		period_from_num(sqlite3_column_int(q, 0), out);
		*found = true;
	}
	sqlite3_reset(q);
	return rc == SQLITE_ROW ? 0 : store_fail(st, rc, err, "cannot find the latest month");
}

void series_free(struct series *s)
{
	if (s == NULL)
		return;
	free(s->points);
	s->points = NULL;
	s->count = 0;
}

int observation_each(struct store *st, int64_t partner_id, const char *from,
		     const char *to, observation_fn fn, void *ctx,
		     struct bpw_error *err)
{
	sqlite3_stmt *q;
	int rc = store_cached(st, sql_each, &q, err);

	if (rc != 0)
		return rc;
	sqlite3_bind_int64(q, 1, partner_id);
	sqlite3_bind_int(q, 2, period_bound(from, 0));
	sqlite3_bind_int(q, 3, period_bound(to, PERIOD_MAX));
	while ((rc = sqlite3_step(q)) == SQLITE_ROW) {
		char period[DATE_LEN];
		struct observation o = {
			.metric = (const char *)sqlite3_column_text(q, 1),
			.period = period,
			.segment = (const char *)sqlite3_column_text(q, 3),
			.source = sqlite3_column_int(q, 4) ? OBS_CLIENT : OBS_PARTNER,
			.value = sqlite3_column_double(q, 5),
		};

		period_from_num(sqlite3_column_int(q, 2), period);
		fn((const char *)sqlite3_column_text(q, 0), &o, ctx);
	}
	sqlite3_reset(q);
	return rc == SQLITE_DONE ? 0 : store_fail(st, rc, err,
						  "cannot read the observations");
}
