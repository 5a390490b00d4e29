/* observation.c: storing (upsert) and reading monthly metric values. */
#include "observation.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "audit.h"
#include "sheet.h"
#include "xalloc.h"


/* An upsert is one statement in the common cases: sql_get alone for a
 * stored, unchanged row, sql_insert alone for a new key. sql_update only
 * writes when the value differs, so its change count tells updated from
 * unchanged. DO NOTHING covers the key conflict only: CHECK and foreign
 * key violations still fail (INSERT OR IGNORE would skip them silently). */
static const char sql_get[] =
	"SELECT value FROM observation WHERE partner_id = ?1 AND metric = ?2"
	" AND period = ?3 AND segment = ?4 AND source = ?5";
static const char sql_insert[] =
	"INSERT INTO observation(partner_id, metric, period, segment, source, value)"
	" VALUES (?1, ?2, ?3, ?4, ?5, ?6)"
	" ON CONFLICT(partner_id, metric, period, segment, source) DO NOTHING";
static const char sql_update[] =
	"UPDATE observation SET value = ?6 WHERE partner_id = ?1 AND metric = ?2"
	" AND period = ?3 AND segment = ?4 AND source = ?5 AND value <> ?6";
static const char sql_series[] =
	"SELECT period, value FROM observation WHERE partner_id = ?1"
	" AND metric = ?2 AND segment = ?3 AND source = ?4"
	" AND period >= coalesce(?5, '0000') AND period <= coalesce(?6, '9999')"
	" ORDER BY period";
static const char sql_each[] =
	"SELECT p.code, o.metric, o.period, o.segment, o.source, o.value"
	" FROM observation o JOIN partner p ON p.id = o.partner_id"
	" WHERE (?1 = 0 OR o.partner_id = ?1) AND o.period >= coalesce(?2, '0000')"
	" AND o.period <= coalesce(?3, '9999')"
	" ORDER BY p.code, o.metric, o.period, o.segment, o.source";
static const char sql_latest_metric[] =
	"SELECT max(period) FROM observation WHERE metric = ?1 AND segment = ''";
static const char sql_metric_keys[] = "SELECT key FROM metric";

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

/* Binds o's key without copying the strings (SQLITE_STATIC): they outlive
 * the one step of q that follows, and store_cached clears the bindings
 * before q is handed out again. */
static void bind_key(sqlite3_stmt *q, const struct observation *o)
{
	sqlite3_bind_int64(q, 1, o->partner_id);
	sqlite3_bind_text(q, 2, o->metric, -1, SQLITE_STATIC);
	sqlite3_bind_text(q, 3, o->period, -1, SQLITE_STATIC);
	sqlite3_bind_text(q, 4, o->segment ? o->segment : "", -1, SQLITE_STATIC);
	sqlite3_bind_text(q, 5, obs_source_name(o->source), -1, SQLITE_STATIC);
}

/* Runs sql_insert or sql_update for o; *changed is whether it wrote a row. */
static int observation_write(struct store *st, const char *sql,
			     const struct observation *o, bool *changed,
			     struct bpw_error *err)
{
	sqlite3_stmt *q;
	int rc;

	rc = store_cached(st, sql, &q, err);
	if (rc != 0)
		return rc;
	bind_key(q, o);
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

/* Reads the stored value of o's key: *exists, and *old when it does. */
static int observation_read(struct store *st, const struct observation *o,
			    bool *exists, double *old, struct bpw_error *err)
{
	sqlite3_stmt *q;
	int rc;

	rc = store_cached(st, sql_get, &q, err);
	if (rc != 0)
		return rc;
	bind_key(q, o);
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
	return audit_appendf(st, "observation", o->partner_id, old ? was : NULL, now,
			     err, "%s %.7s %s (%s)", o->metric, o->period,
			     o->segment && *o->segment ? o->segment : "total",
			     obs_source_name(o->source));
}

/* The upsert inside a transaction; see observation_upsert_as. */
static int observation_put(struct store *st, const struct observation *o,
			   bool likely_new, enum upsert_result *res,
			   struct bpw_error *err)
{
	bool exists = false, inserted, updated;
	double old = 0;
	int rc;

	if (!likely_new) {
		rc = observation_read(st, o, &exists, &old, err);
		if (rc != 0)
			return rc;
		if (exists && old == o->value) {
			*res = UPSERT_UNCHANGED;
			return 0;
		}
	}
	if (!exists) {
		rc = observation_write(st, sql_insert, o, &inserted, err);
		if (rc != 0 || inserted) {
			*res = UPSERT_INSERTED;
			return rc ? rc : observation_audit(st, o, NULL, err);
		}
		/* The guess was wrong: the key is there; read what it holds. */
		rc = observation_read(st, o, &exists, &old, err);
		if (rc != 0)
			return rc;
	}
	rc = observation_write(st, sql_update, o, &updated, err);
	*res = updated ? UPSERT_UPDATED : UPSERT_UNCHANGED;
	if (rc == 0 && updated)
		rc = observation_audit(st, o, &old, err);
	return rc;
}

int observation_upsert_as(struct store *st, const struct observation *o,
			  bool likely_new, enum upsert_result *res,
			  struct bpw_error *err)
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
	rc = store_tx_enter(st, &own, err);
	if (rc != 0)
		return rc;
	rc = observation_put(st, o, likely_new, res ? res : &dummy, err);
	return store_tx_leave(st, own, rc, err);
}

int observation_upsert(struct store *st, const struct observation *o,
		       enum upsert_result *res, struct bpw_error *err)
{
	return observation_upsert_as(st, o, false, res, err);
}

static void read_point(sqlite3_stmt *q, void *elem)
{
	struct series_point *pt = elem;

	strncpy(pt->period, (const char *)sqlite3_column_text(q, 0),
		sizeof(pt->period) - 1);
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
	store_bind_text(q, 4, obs_source_name(source), false);
	store_bind_text(q, 5, from, true);
	store_bind_text(q, 6, to, true);
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
	sqlite3_stmt *keys, *q;
	char **names = NULL;
	size_t n = 0, i;
	int rc;

	*found = false;
	memset(out, 0, DATE_LEN);
	/* One index probe per metric instead of a scan of every row. */
	rc = store_prepare(st, sql_metric_keys, &keys, err);
	if (rc != 0)
		return rc;
	while ((rc = sqlite3_step(keys)) == SQLITE_ROW) {
		names = xrealloc(names, (n + 1) * sizeof(*names));
		names[n++] = store_column_text(keys, 0, true);
	}
	sqlite3_finalize(keys);
	if (rc != SQLITE_DONE)
		rc = store_fail(st, rc, err, "cannot read the metric catalogue");
	else
		rc = store_cached(st, sql_latest_metric, &q, err);
	for (i = 0; rc == 0 && i < n; i++) {
		const unsigned char *p;

		sqlite3_reset(q);
		store_bind_text(q, 1, names[i], false);
		rc = sqlite3_step(q);
		if (rc != SQLITE_ROW) {
			rc = store_fail(st, rc, err, "cannot find the latest month");
			break;
		}
		rc = 0;
		p = sqlite3_column_text(q, 0);
		if (p && strlen((const char *)p) == 10 &&
		    strcmp((const char *)p, out) > 0) {
			memcpy(out, p, DATE_LEN);
			*found = true;
		}
	}
	if (n > 0 && rc == 0)
		sqlite3_reset(q);
	for (i = 0; i < n; i++)
		free(names[i]);
	free(names);
	return rc;
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
	store_bind_text(q, 2, from, true);
	store_bind_text(q, 3, to, true);
	while ((rc = sqlite3_step(q)) == SQLITE_ROW) {
		struct observation o = {
			.metric = (const char *)sqlite3_column_text(q, 1),
			.period = (const char *)sqlite3_column_text(q, 2),
			.segment = (const char *)sqlite3_column_text(q, 3),
			.value = sqlite3_column_double(q, 5),
		};

		if (obs_source_parse((const char *)sqlite3_column_text(q, 4),
				     &o.source) != 0)
			o.source = OBS_PARTNER;
		fn((const char *)sqlite3_column_text(q, 0), &o, ctx);
	}
	sqlite3_reset(q);
	return rc == SQLITE_DONE ? 0 : store_fail(st, rc, err,
						  "cannot read the observations");
}
