/* target.c: storing contract targets: add, change, renew, end, delete and
 * list, each write checked (fields, no overlapping validity) and recorded
 * in the audit trail in its own transaction. Judging is in target_judge.c. */
#include "target.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "audit.h"
#include "csv.h"
#include "date.h"
#include "xalloc.h"

#define COLS "id, partner_id, metric, segment, source, value, alert, valid_from," \
	" coalesce(valid_until, ''), credit_pct, note"

static const char sql_insert[] =
	"INSERT INTO target(partner_id, metric, segment, source, value, alert,"
	" valid_from, valid_until, credit_pct, note)"
	" VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10)";
static const char sql_update[] =
	"UPDATE target SET partner_id = ?1, metric = ?2, segment = ?3, source = ?4,"
	" value = ?5, alert = ?6, valid_from = ?7, valid_until = ?8,"
	" credit_pct = ?9, note = ?10 WHERE id = ?11";
static const char sql_overlap[] =
	"SELECT id, valid_from, coalesce(valid_until, '') FROM target"
	" WHERE partner_id = ?1 AND metric = ?2 AND segment = ?3 AND source = ?4"
	" AND id <> ?5 AND valid_from <= coalesce(?7, '9999-12')"
	" AND coalesce(valid_until, '9999-12') >= ?6 ORDER BY valid_from LIMIT 1";
static const char sql_get[] = "SELECT " COLS " FROM target WHERE id = ?1";
static const char sql_same[] =
	"SELECT " COLS " FROM target WHERE partner_id = ?1 AND metric = ?2"
	" AND segment = ?3 AND source = ?4 AND valid_from = ?5";
static const char sql_list[] =
	"SELECT " COLS " FROM target WHERE ?1 = 0 OR partner_id = ?1"
	" ORDER BY partner_id, metric, segment, source, valid_from";
static const char sql_delete[] = "DELETE FROM target WHERE id = ?1";
static const char sql_metric[] =
	"SELECT better, min_value, max_value FROM metric WHERE key = ?1";

static void read_row(sqlite3_stmt *q, void *elem)
{
	struct target *t = elem;
	const struct store_text_col texts[] = {
		{ 2, &t->metric, false }, { 3, &t->segment, false },
		{ 4, &t->source, false }, { 10, &t->note, false },
	};

	t->id = sqlite3_column_int64(q, 0);
	t->partner_id = sqlite3_column_int64(q, 1);
	t->strings = store_column_texts(q, texts, sizeof(texts) / sizeof(texts[0]));
	t->value = sqlite3_column_double(q, 5);
	t->has_alert = sqlite3_column_type(q, 6) != SQLITE_NULL;
	t->alert = t->has_alert ? sqlite3_column_double(q, 6) : 0;
	snprintf(t->from, sizeof(t->from), "%.7s", (const char *)sqlite3_column_text(q, 7));
	snprintf(t->until, sizeof(t->until), "%.7s", (const char *)sqlite3_column_text(q, 8));
	t->has_credit = sqlite3_column_type(q, 9) != SQLITE_NULL;
	t->credit_pct = t->has_credit ? sqlite3_column_double(q, 9) : 0;
}

bool target_month_parse(const char *s, char out[TARGET_MONTH_LEN])
{
	char p[DATE_LEN];

	if (s == NULL)
		return false;
	if (strlen(s) == 7 && s[4] == '-') {
		char d[DATE_LEN];

		snprintf(d, sizeof(d), "%s-01", s);
		if (!period_valid(d))
			return false;
		snprintf(out, TARGET_MONTH_LEN, "%s", s);
		return true;
	}
	if (!csv_period(s, p))
		return false;
	snprintf(out, TARGET_MONTH_LEN, "%.7s", p);
	return true;
}

/* The month before m (YYYY-MM) into out. */
static void month_before(const char *m, char out[TARGET_MONTH_LEN])
{
	char d[DATE_LEN], p[DATE_LEN];

	snprintf(d, sizeof(d), "%.7s-01", m);
	period_add(d, -1, p);
	snprintf(out, TARGET_MONTH_LEN, "%.7s", p);
}

int target_check(const struct target *t, const struct metric *m,
		 struct bpw_error *err)
{
	const char *src = t->source ? t->source : "";
	char month[TARGET_MONTH_LEN];
	bool higher = m->better == METRIC_HIGHER;
	int rc;

	if (!target_month_parse(t->from, month) || strcmp(month, t->from) != 0)
		return bpw_error_set(err, BPW_EINVAL, "valid from '%.10s' is not a "
				     "month (YYYY-MM)", t->from);
	if (t->until[0] && (!target_month_parse(t->until, month) ||
			    strcmp(month, t->until) != 0))
		return bpw_error_set(err, BPW_EINVAL, "valid until '%.10s' is not a "
				     "month (YYYY-MM)", t->until);
	if (t->until[0] && strcmp(t->until, t->from) < 0)
		return bpw_error_set(err, BPW_EINVAL, "valid until %s is before valid "
				     "from %s", t->until, t->from);
	if (!observation_segment_valid(t->segment ? t->segment : ""))
		return bpw_error_set(err, BPW_EINVAL, "segment is not name=value "
				     "(empty for all)");
	if (*src && strcmp(src, "partner") != 0 && strcmp(src, "client") != 0)
		return bpw_error_set(err, BPW_EINVAL, "source is neither partner nor "
				     "client (empty for any)");
	if (!isfinite(t->value))
		return bpw_error_set(err, BPW_EINVAL, "the target is not a number");
	rc = metric_range_check(&m->range, m->key, t->value, err);
	if (rc == 0 && t->has_alert)
		rc = metric_range_check(&m->range, m->key, t->alert, err);
	if (rc != 0)
		return rc;
	if (t->has_alert && (higher ? t->alert >= t->value : t->alert <= t->value))
		return bpw_error_set(err, BPW_EINVAL, "the alert level %g is not worse "
				     "than the target %g (%s is better %s)", t->alert,
				     t->value, m->key, higher ? "higher" : "lower");
	if (t->has_credit && !(t->credit_pct >= 0 && t->credit_pct <= 100))
		return bpw_error_set(err, BPW_EINVAL, "credit %g %% is not between 0 "
				     "and 100", t->credit_pct);
	return 0;
}

/* Checks t against its metric in the database. */
static int check_with_metric(struct store *st, const struct target *t,
			     struct bpw_error *err)
{
	struct metric m = { .key = t->metric };
	sqlite3_stmt *q;
	int rc;

	if (t->metric == NULL || *t->metric == '\0')
		return bpw_error_set(err, BPW_EINVAL, "the target has no metric");
	rc = store_cached(st, sql_metric, &q, err);
	if (rc != 0)
		return rc;
	store_bind_text(q, 1, t->metric, false);
	rc = sqlite3_step(q);
	if (rc != SQLITE_ROW) {
		sqlite3_reset(q);
		return rc == SQLITE_DONE ?
			bpw_error_set(err, BPW_EINVAL, "unknown metric '%.40s'", t->metric) :
			store_fail(st, rc, err, "cannot read the metric");
	}
	m.better = strcmp((const char *)sqlite3_column_text(q, 0), "lower") == 0 ?
		METRIC_LOWER : METRIC_HIGHER;
	if ((m.range.has_min = sqlite3_column_type(q, 1) != SQLITE_NULL))
		m.range.min = sqlite3_column_double(q, 1);
	if ((m.range.has_max = sqlite3_column_type(q, 2) != SQLITE_NULL))
		m.range.max = sqlite3_column_double(q, 2);
	sqlite3_reset(q);
	return target_check(t, &m, err);
}

/* BPW_EEXIST, saying which, when another target of t's key overlaps t's
 * validity. */
static int check_overlap(struct store *st, const struct target *t,
			 struct bpw_error *err)
{
	sqlite3_stmt *q;
	int rc;

	rc = store_cached(st, sql_overlap, &q, err);
	if (rc != 0)
		return rc;
	sqlite3_bind_int64(q, 1, t->partner_id);
	store_bind_text(q, 2, t->metric, false);
	store_bind_text(q, 3, t->segment ? t->segment : "", false);
	store_bind_text(q, 4, t->source ? t->source : "", false);
	sqlite3_bind_int64(q, 5, t->id);
	store_bind_text(q, 6, t->from, false);
	store_bind_text(q, 7, t->until, true);
	rc = sqlite3_step(q);
	if (rc == SQLITE_ROW) {
		const char *f = (const char *)sqlite3_column_text(q, 1);
		const char *u = (const char *)sqlite3_column_text(q, 2);

		rc = bpw_error_set(err, BPW_EEXIST, "the %s target valid %s..%s "
				   "overlaps the one valid %s..%s (end or renew that "
				   "one first)", t->metric, t->from,
				   t->until[0] ? t->until : "", f, *u ? u : "");
	} else {
		rc = rc == SQLITE_DONE ? 0 : store_fail(st, rc, err, "cannot check targets");
	}
	sqlite3_reset(q);
	return rc;
}

/* The audit object of a target: "target sla_adherence (channel=chat,
 * client) from 2026-07". */
static void audit_object(char *buf, size_t n, const struct target *t)
{
	const char *seg = t->segment ? t->segment : "";
	const char *src = t->source ? t->source : "";

	snprintf(buf, n, "target %s%s%.64s%s%s%s from %s", t->metric,
		 *seg || *src ? " (" : "", seg, *seg && *src ? ", " : "", src,
		 *seg || *src ? ")" : "", t->from);
}

/* A target's values as audit text: "90 alert 85 2026-07..2026-12 credit 1.5%". */
static void audit_state(char *buf, size_t n, const struct target *t)
{
	char alert[40] = "", credit[40] = "";

	if (t->has_alert)
		snprintf(alert, sizeof(alert), " alert %g", t->alert);
	if (t->has_credit)
		snprintf(credit, sizeof(credit), " credit %g%%", t->credit_pct);
	snprintf(buf, n, "%g%s %s..%s%s%s%.80s", t->value, alert, t->from, t->until,
		 credit, t->note && *t->note ? " note " : "", t->note ? t->note : "");
}

static void bind_target(sqlite3_stmt *q, const struct target *t)
{
	sqlite3_bind_int64(q, 1, t->partner_id);
	store_bind_text(q, 2, t->metric, false);
	store_bind_text(q, 3, t->segment ? t->segment : "", false);
	store_bind_text(q, 4, t->source ? t->source : "", false);
	sqlite3_bind_double(q, 5, t->value);
	if (t->has_alert)
		sqlite3_bind_double(q, 6, t->alert);
	else
		sqlite3_bind_null(q, 6);
	store_bind_text(q, 7, t->from, false);
	store_bind_text(q, 8, t->until, true);
	if (t->has_credit)
		sqlite3_bind_double(q, 9, t->credit_pct);
	else
		sqlite3_bind_null(q, 9);
	store_bind_text(q, 10, t->note ? t->note : "", false);
}

/* Checks t and writes it: insert (was NULL) or update of was's row, with
 * the audit row, in the caller's transaction. */
static int write_target(struct store *st, const struct target *t,
			const struct target *was, int64_t *id, struct bpw_error *err)
{
	char obj[200], old[300], now[300];
	sqlite3_stmt *q;
	int rc;

	rc = check_with_metric(st, t, err);
	if (rc == 0)
		rc = check_overlap(st, t, err);
	if (rc == 0)
		rc = store_cached(st, was ? sql_update : sql_insert, &q, err);
	if (rc != 0)
		return rc;
	bind_target(q, t);
	if (was)
		sqlite3_bind_int64(q, 11, was->id);
	rc = sqlite3_step(q);
	sqlite3_reset(q);
	if (rc == SQLITE_CONSTRAINT_FOREIGNKEY)
		return bpw_error_set(err, BPW_ECONSTRAINT, "no partner with id %lld",
				     (long long)t->partner_id);
	if (rc != SQLITE_DONE)
		return store_fail(st, rc, err, "cannot save the target");
	if (id && !was)
		*id = sqlite3_last_insert_rowid(store_db(st));
	audit_object(obj, sizeof(obj), was ? was : t);
	audit_state(now, sizeof(now), t);
	if (was)
		audit_state(old, sizeof(old), was);
	return audit_append(st, "target", t->partner_id, obj, was ? old : NULL, now, err);
}

int target_add(struct store *st, const struct target *t, int64_t *id,
	       struct bpw_error *err)
{
	struct target n = *t;
	bool own;
	int rc;

	n.id = 0;
	rc = store_tx_enter(st, &own, err);
	if (rc != 0)
		return rc;
	rc = write_target(st, &n, NULL, id, err);
	return store_tx_leave(st, own, rc, err);
}

int target_get(struct store *st, int64_t id, struct target *out,
	       struct bpw_error *err)
{
	sqlite3_stmt *q;
	int rc;

	memset(out, 0, sizeof(*out));
	rc = store_cached(st, sql_get, &q, err);
	if (rc != 0)
		return rc;
	sqlite3_bind_int64(q, 1, id);
	rc = sqlite3_step(q);
	if (rc == SQLITE_ROW)
		read_row(q, out);
	sqlite3_reset(q);
	if (rc == SQLITE_ROW)
		return 0;
	if (rc == SQLITE_DONE)
		return bpw_error_set(err, BPW_ENOENT, "no target with id %lld", (long long)id);
	return store_fail(st, rc, err, "cannot read the target");
}

int target_change(struct store *st, const struct target *t, struct bpw_error *err)
{
	struct target was;
	bool own;
	int rc;

	rc = store_tx_enter(st, &own, err);
	if (rc != 0)
		return rc;
	rc = target_get(st, t->id, &was, err);
	if (rc == 0)
		rc = write_target(st, t, &was, NULL, err);
	target_clear(&was);
	return store_tx_leave(st, own, rc, err);
}

int target_end(struct store *st, int64_t id, const char *until,
	       struct bpw_error *err)
{
	struct target t;
	bool own;
	int rc;

	rc = store_tx_enter(st, &own, err);
	if (rc != 0)
		return rc;
	rc = target_get(st, id, &t, err);
	if (rc == 0) {
		struct target n = t;

		snprintf(n.until, sizeof(n.until), "%s", until ? until : "");
		rc = write_target(st, &n, &t, NULL, err);
	}
	target_clear(&t);
	return store_tx_leave(st, own, rc, err);
}

int target_renew(struct store *st, int64_t id, const struct target *next,
		 int64_t *new_id, struct bpw_error *err)
{
	struct target old, ended, n = *next;
	bool own;
	int rc;

	rc = store_tx_enter(st, &own, err);
	if (rc != 0)
		return rc;
	rc = target_get(st, id, &old, err);
	if (rc == 0 && (strcmp(next->from, old.from) <= 0 ||
			(old.until[0] && strcmp(next->from, old.until) > 0)))
		rc = bpw_error_set(err, BPW_EINVAL, "a renewal from %.7s must start "
				   "after %s and by %s", next->from, old.from,
				   old.until[0] ? old.until : "any month");
	if (rc == 0) {
		ended = old;
		month_before(next->from, ended.until);
		rc = write_target(st, &ended, &old, NULL, err);
	}
	if (rc == 0) {
		n.id = 0;
		n.partner_id = old.partner_id;
		n.metric = old.metric;
		n.segment = old.segment;
		n.source = old.source;
		rc = write_target(st, &n, NULL, new_id, err);
	}
	target_clear(&old);
	return store_tx_leave(st, own, rc, err);
}

int target_delete(struct store *st, int64_t id, struct bpw_error *err)
{
	char obj[200], old[300];
	struct target t;
	sqlite3_stmt *q;
	bool own;
	int rc;

	rc = store_tx_enter(st, &own, err);
	if (rc != 0)
		return rc;
	rc = target_get(st, id, &t, err);
	if (rc == 0)
		rc = store_cached(st, sql_delete, &q, err);
	if (rc == 0) {
		sqlite3_bind_int64(q, 1, id);
		rc = sqlite3_step(q);
		sqlite3_reset(q);
		rc = rc == SQLITE_DONE ? 0 : store_fail(st, rc, err, "cannot delete the target");
	}
	if (rc == 0) {
		audit_object(obj, sizeof(obj), &t);
		audit_state(old, sizeof(old), &t);
		rc = audit_append(st, "target", t.partner_id, obj, old, NULL, err);
	}
	target_clear(&t);
	return store_tx_leave(st, own, rc, err);
}

/* True when a and b hold the same values (their keys being equal). */
static bool same_values(const struct target *a, const struct target *b)
{
	return a->value == b->value && a->has_alert == b->has_alert &&
	       (!a->has_alert || a->alert == b->alert) &&
	       a->has_credit == b->has_credit &&
	       (!a->has_credit || a->credit_pct == b->credit_pct) &&
	       strcmp(a->until, b->until) == 0 &&
	       strcmp(a->note ? a->note : "", b->note ? b->note : "") == 0;
}

int target_upsert(struct store *st, const struct target *t,
		  enum upsert_result *res, struct bpw_error *err)
{
	struct target was = { 0 };
	sqlite3_stmt *q;
	bool own, found;
	int rc;

	rc = store_tx_enter(st, &own, err);
	if (rc != 0)
		return rc;
	rc = store_cached(st, sql_same, &q, err);
	if (rc == 0) {
		sqlite3_bind_int64(q, 1, t->partner_id);
		store_bind_text(q, 2, t->metric, false);
		store_bind_text(q, 3, t->segment ? t->segment : "", false);
		store_bind_text(q, 4, t->source ? t->source : "", false);
		store_bind_text(q, 5, t->from, false);
		rc = sqlite3_step(q);
		found = rc == SQLITE_ROW;
		if (found)
			read_row(q, &was);
		sqlite3_reset(q);
		rc = found || rc == SQLITE_DONE ? 0 :
			store_fail(st, rc, err, "cannot read targets");
	}
	if (rc == 0 && found && same_values(&was, t)) {
		*res = UPSERT_UNCHANGED;
	} else if (rc == 0) {
		struct target n = *t;

		n.id = found ? was.id : 0;
		rc = write_target(st, &n, found ? &was : NULL, NULL, err);
		*res = found ? UPSERT_UPDATED : UPSERT_INSERTED;
	}
	target_clear(&was);
	return store_tx_leave(st, own, rc, err);
}

int target_list(struct store *st, int64_t partner_id, struct target_list *out,
		struct bpw_error *err)
{
	sqlite3_stmt *q;
	int rc;

	memset(out, 0, sizeof(*out));
	rc = store_cached(st, sql_list, &q, err);
	if (rc != 0)
		return rc;
	sqlite3_bind_int64(q, 1, partner_id);
	rc = store_fetch_rows(st, q, sizeof(*out->items), read_row,
			      (void **)&out->items, &out->count, err,
			      "cannot list targets");
	if (rc != 0)
		target_list_free(out);
	return rc;
}

void target_clear(struct target *t)
{
	if (t == NULL)
		return;
	free(t->strings);
	t->metric = t->segment = t->source = t->note = t->strings = NULL;
}

void target_list_free(struct target_list *list)
{
	XLIST_FREE(list, target_clear);
}
