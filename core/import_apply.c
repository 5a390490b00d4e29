/* import_apply.c: an import of observations written set by set. The pass
 * that checks every row before the write lock also puts each checked row,
 * under the ids it will be stored with, in a table of an in-memory
 * database attached to the importing connection (import_stage: writing
 * it locks nothing, and it takes no room in the temporary directory).
 * Still before the lock, one join reads the value each row replaces: the
 * counts, and the changes for the audit trail (audit_stage_figure). Under
 * the lock the import only writes: every row in one INSERT ... ON
 * CONFLICT, and the trail. Written row by row, as the files were read
 * again under the lock, a million corrected figures held it for 14 s;
 * now about 6.5 s, the rest of the work done while other managers can
 * write.
 *
 * The ids are the database's as the check read them: partners by code,
 * metrics by key, segments by name, with stand-ins (-1, -2, ...) for the
 * partners, declared metrics and segments the import adds (all of whose
 * rows are new). They, and the values read, hold only while nothing else
 * has been written, so the data clock is read before them, with the
 * values, and again under the lock before the import writes anything:
 * when it moved, the rows are dropped and the import writes row by row as
 * it always did (import.c). So it does when the set-based write fails
 * under the lock, and (import_files) when the whole transaction failed
 * for want of room: this way's statement journal needs more of the
 * temporary directory. */
#include "import_run.h"

#include <stdlib.h>
#include <string.h>

#include "audit.h"
#include "partner.h"
#include "sheet.h"
#include "store.h"
#include "xalloc.h"

struct name_id {
	char *name;
	int64_t id;
};

struct import_stage {
	int64_t clock;		/* the data clock before the ids were read */
	bool ok;		/* every checked row is in the table */
	int64_t *metric_id;	/* per metric of the run: id, or -1 - index */
	char **metric_key;	/* and its key (the run's list is let go) */
	size_t nmetrics;
	struct name_id *segs;	/* the database's segments, by name */
	size_t nsegs;
	char **new_segs;	/* segments to add, stand-in -1 - index */
	int64_t *new_seg_id;	/* and their ids once added */
	size_t nnew_segs, last_new;
	char **new_partners;	/* partners to add, stand-in -1 - index */
	size_t nnew_partners;
	size_t n[3];		/* rows by enum upsert_result */
	size_t rows;		/* in the table */
	bool tx;		/* its own transaction (of the table) is open */
	bool attached;		/* the in-memory database of the table */
	sqlite3_stmt *put;
};

static const char sql_make[] =
	"CREATE TABLE IF NOT EXISTS import_stage.import_row ("
	"  partner INTEGER NOT NULL, metric INTEGER NOT NULL,"
	"  period INTEGER NOT NULL, segment INTEGER NOT NULL,"
	"  source INTEGER NOT NULL, value REAL NOT NULL);"
	"DELETE FROM import_stage.import_row;";
static const char sql_put[] =
	"INSERT INTO import_stage.import_row VALUES (?1, ?2, ?3, ?4, ?5, ?6)";
/* The rows in the order read, each with the value it replaces (NULL: a
 * new key). */
static const char sql_old[] =
	"SELECT r.partner, r.metric, r.period, r.segment, r.source, r.value, o.value"
	" FROM import_stage.import_row r LEFT JOIN obs o"
	"  ON o.metric = r.metric AND o.segment = r.segment AND o.period = r.period"
	"  AND o.partner_id = r.partner AND o.source = r.source"
	" ORDER BY r.rowid";
/* DO UPDATE ... WHERE leaves an unchanged row as it is. */
static const char sql_write[] =
	"INSERT INTO obs(partner_id, metric, period, segment, source, value)"
	" SELECT partner, metric, period, segment, source, value FROM import_stage.import_row"
	" WHERE true"
	" ON CONFLICT(metric, segment, period, partner_id, source)"
	" DO UPDATE SET value = excluded.value WHERE value <> excluded.value";
static const char sql_clear[] = "DELETE FROM import_stage.import_row";

static int cmp_name(const void *a, const void *b)
{
	return strcmp(((const struct name_id *)a)->name, ((const struct name_id *)b)->name);
}

static int cmp_key_name(const void *key, const void *elem)
{
	return strcmp(key, ((const struct name_id *)elem)->name);
}

/* A statement that returns nothing; false when it failed. */
static bool exec(struct store *st, const char *sql)
{
	return sqlite3_exec(store_db(st), sql, NULL, NULL, NULL) == SQLITE_OK;
}

void import_stage_open(struct run *u)
{
	struct import_stage *s = xcalloc(1, sizeof(*s));
	struct bpw_error err;

	/* First: an id read after a change the clock does not show would
	 * be taken as current. */
	if (store_schema_version(u->st) < 16 ||
	    store_data_clock(u->st, &s->clock, &err) != 0) {
		free(s);
		return;
	}
	u->stage = s;
}

/* The id of the metric key, *found false (id 0) when there is none. */
static int metric_id_of(struct store *st, const char *key, int64_t *id, bool *found,
			struct bpw_error *err)
{
	sqlite3_stmt *q;
	int rc = store_cached(st, "SELECT id FROM metric WHERE key = ?1", &q, err);

	if (rc != 0)
		return rc;
	sqlite3_bind_text(q, 1, key, -1, SQLITE_STATIC);
	rc = sqlite3_step(q);
	*found = rc == SQLITE_ROW;
	*id = *found ? sqlite3_column_int64(q, 0) : 0;
	sqlite3_reset(q);
	if (rc != SQLITE_ROW && rc != SQLITE_DONE)
		return store_fail(st, rc, err, "cannot look up a metric");
	return 0;
}

/* The ids of the run's metrics and of the database's segments. */
static bool read_ids(struct run *u, struct import_stage *s)
{
	sqlite3_stmt *q;
	size_t i;
	int rc;

	s->nmetrics = u->metrics.count;
	s->metric_id = xcalloc(s->nmetrics + 1, sizeof(int64_t));
	s->metric_key = xcalloc(s->nmetrics + 1, sizeof(char *));
	for (i = 0; i < s->nmetrics; i++)
		s->metric_key[i] = xstrdup(u->metrics.items[i].key);
	for (i = 0; i < s->nmetrics; i++) {
		struct bpw_error err;
		bool found;

		if (metric_id_of(u->st, s->metric_key[i], &s->metric_id[i], &found,
				 &err) != 0)
			return false;
		if (!found)	/* declared, added under the lock */
			s->metric_id[i] = -1 - (int64_t)i;
	}
	if (sqlite3_prepare_v2(store_db(u->st), "SELECT name, id FROM segment"
			       " WHERE name <> ''", -1, &q, NULL) != SQLITE_OK)
		return false;
	while ((rc = sqlite3_step(q)) == SQLITE_ROW) {
		s->segs = xrealloc(s->segs, (s->nsegs + 1) * sizeof(*s->segs));
		s->segs[s->nsegs].name = xstrdup((const char *)sqlite3_column_text(q, 0));
		s->segs[s->nsegs++].id = sqlite3_column_int64(q, 1);
	}
	sqlite3_finalize(q);
	xqsort(s->segs, s->nsegs, sizeof(*s->segs), cmp_name);
	return rc == SQLITE_DONE;
}

void import_stage_start(struct run *u)
{
	struct import_stage *s = u->stage;

	if (s == NULL)
		return;
	/* The table is the connection's own, in memory: writing it takes no
	 * lock on the database, and the transaction spares it a commit per
	 * row. */
	s->ok = read_ids(u, s) &&
		(s->attached = exec(u->st, "ATTACH ':memory:' AS import_stage")) &&
		exec(u->st, sql_make) &&
		sqlite3_prepare_v2(store_db(u->st), sql_put, -1, &s->put, NULL) ==
		SQLITE_OK && (s->tx = exec(u->st, "BEGIN"));
}

/* The id of segment name (0 the total), or the stand-in of a new one. */
static int64_t segment_id(struct import_stage *s, const char *name)
{
	const struct name_id *hit;
	size_t i;

	if (*name == '\0')
		return 0;
	hit = s->nsegs ? bsearch(name, s->segs, s->nsegs, sizeof(*s->segs),
				 cmp_key_name) : NULL;
	if (hit)
		return hit->id;
	if (s->last_new < s->nnew_segs && strcmp(s->new_segs[s->last_new], name) == 0)
		return -1 - (int64_t)s->last_new;
	for (i = 0; i < s->nnew_segs; i++)
		if (strcmp(s->new_segs[i], name) == 0)
			break;
	if (i == s->nnew_segs) {
		s->new_segs = xrealloc(s->new_segs, (i + 1) * sizeof(char *));
		s->new_segs[s->nnew_segs++] = xstrdup(name);
	}
	s->last_new = i;
	return -1 - (int64_t)i;
}

void import_stage_row(struct run *u, const struct observation *o, size_t mi)
{
	struct import_stage *s = u->stage;
	sqlite3_stmt *q;

	if (s == NULL || !s->ok)
		return;
	q = s->put;
	sqlite3_bind_int64(q, 1, o->partner_id);	/* < 0: a stand-in */
	sqlite3_bind_int64(q, 2, s->metric_id[mi]);
	sqlite3_bind_int(q, 3, period_num(o->period));
	sqlite3_bind_int64(q, 4, segment_id(s, o->segment ? o->segment : ""));
	sqlite3_bind_int(q, 5, o->source == OBS_CLIENT);
	sqlite3_bind_double(q, 6, o->value);
	s->ok = sqlite3_step(q) == SQLITE_DONE;
	sqlite3_reset(q);
	s->rows++;
}

/* The set-based write's part of the progress of the last file: the check
 * took the first half; reading the values replaced is the next quarter,
 * the write the last. */
static void progress(const struct run *u, double part)
{
	long long size = u->last_size;

	if (u->o->progress && size > 0)
		u->o->progress(u->paths[u->file], size + (long long)(part * (double)size),
			       2 * size, u->o->ctx);
}

static int read_old(struct run *u, struct import_stage *s, struct bpw_error *err);

/* Staging failed (out of memory, or the staged trail out of room in the
 * temporary directory): what it took is given back, outside any
 * transaction, for the row by row write that follows. */
static void give_back(struct run *u)
{
	exec(u->st, "DELETE FROM import_stage.import_row");
	exec(u->st, "DELETE FROM temp.audit_stage");
}

void import_stage_end(struct run *u)
{
	struct import_stage *s = u->stage;
	struct bpw_error err;
	int64_t clock;
	size_t i;

	if (s == NULL)
		return;
	if (s->tx)
		s->ok = exec(u->st, "COMMIT") && s->ok;
	s->tx = false;
	if (!s->ok)
		give_back(u);
	if (!s->ok || u->rep->total_errors)
		return;
	/* The partners --create-partners adds, by stand-in. */
	for (i = 0; i < u->npartners; i++)
		if (u->partners[i].id < 0 && (size_t)-u->partners[i].id > s->nnew_partners)
			s->nnew_partners = (size_t)-u->partners[i].id;
	s->new_partners = xcalloc(s->nnew_partners + 1, sizeof(char *));
	for (i = 0; i < u->npartners; i++)
		if (u->partners[i].id < 0)
			s->new_partners[-u->partners[i].id - 1] = xstrdup(u->partners[i].code);
	/* The values replaced, read in one snapshot with the clock. */
	s->ok = (s->tx = exec(u->st, "BEGIN")) &&
		store_data_clock(u->st, &clock, &err) == 0 && clock == s->clock &&
		audit_stage_begin(u->st, &err) == 0 && read_old(u, s, &err) == 0;
	if (s->tx)
		s->ok = exec(u->st, "COMMIT") && s->ok;
	s->tx = false;
	if (!s->ok)
		give_back(u);
}

bool import_staged(const struct run *u)
{
	return u->stage && u->stage->ok;
}

/* The ids of the stand-ins, by kind (column of import_row). */
static const char sql_map[] =
	"CREATE TABLE IF NOT EXISTS import_stage.import_map ("
	"  col TEXT NOT NULL, stand_in INTEGER NOT NULL, id INTEGER NOT NULL,"
	"  PRIMARY KEY (col, stand_in)) WITHOUT ROWID;"
	"DELETE FROM import_stage.import_map;";
static const char sql_map_put[] = "INSERT INTO import_stage.import_map VALUES (?1, ?2, ?3)";

/* Remembers that stand-in -1 - i of column col is id. */
static int map_put(struct store *st, const char *col, size_t i, int64_t id,
		   struct bpw_error *err)
{
	sqlite3_stmt *q;
	int rc = store_cached(st, sql_map_put, &q, err);

	if (rc != 0)
		return rc;
	sqlite3_bind_text(q, 1, col, -1, SQLITE_STATIC);
	sqlite3_bind_int64(q, 2, -1 - (int64_t)i);
	sqlite3_bind_int64(q, 3, id);
	rc = sqlite3_step(q);
	sqlite3_reset(q);
	return rc == SQLITE_DONE ? 0 : store_fail(st, rc, err, "cannot save observation");
}

/* The rows' stand-ins in column col replaced by their ids: one pass. */
static int map_apply(struct store *st, const char *col, struct bpw_error *err)
{
	char sql[200];

	snprintf(sql, sizeof(sql), "UPDATE import_stage.import_row SET %s = (SELECT id FROM"
		 " import_stage.import_map m WHERE m.col = '%s' AND m.stand_in = %s) WHERE %s < 0",
		 col, col, col, col);
	return exec(st, sql) ? 0 : store_fail(st, sqlite3_errcode(store_db(st)), err,
					      "cannot save observation");
}


/* Adds the new partners and segments (in the order first read, as the
 * row by row write adds them: the same ids), and gives the rows their
 * ids and those of the declared metrics metric_declare added. */
static int add_new(struct run *u, struct import_stage *s, struct bpw_error *err)
{
	bool partners = false, metrics = false, segments = false, found;
	sqlite3_stmt *q;
	int64_t id;
	size_t i;
	int rc = exec(u->st, sql_map) ? 0 : store_fail(u->st, sqlite3_errcode(store_db(u->st)),
						       err, "cannot save observation");

	for (i = 0; rc == 0 && i < s->nnew_partners; i++) {
		struct partner p = { .code = s->new_partners[i], .name = s->new_partners[i] };

		rc = partner_add(u->st, &p, &id, err);
		if (rc == 0)
			rc = map_put(u->st, "partner", i, id, err);
		u->rep->partners_created += rc == 0;
		partners = true;
	}
	for (i = 0; rc == 0 && i < s->nmetrics; i++) {
		if (s->metric_id[i] >= 0)
			continue;
		/* metric_declare added it under the lock. */
		rc = metric_id_of(u->st, s->metric_key[i], &id, &found, err);
		if (rc == 0 && !found)
			rc = bpw_error_set(err, BPW_ECONSTRAINT, "unknown metric '%s'",
					   s->metric_key[i]);
		if (rc == 0)
			rc = map_put(u->st, "metric", i, id, err);
		s->metric_id[i] = id;
		metrics = true;
	}
	s->new_seg_id = xcalloc(s->nnew_segs + 1, sizeof(int64_t));
	for (i = 0; rc == 0 && i < s->nnew_segs; i++) {
		rc = store_cached(u->st, "INSERT INTO segment(name) VALUES (?1)", &q, err);
		if (rc != 0)
			break;
		sqlite3_bind_text(q, 1, s->new_segs[i], -1, SQLITE_STATIC);
		rc = sqlite3_step(q);
		sqlite3_reset(q);
		rc = rc == SQLITE_DONE ? 0 : store_fail(u->st, rc, err, "cannot add a segment");
		s->new_seg_id[i] = sqlite3_last_insert_rowid(store_db(u->st));
		if (rc == 0)
			rc = map_put(u->st, "segment", i, s->new_seg_id[i], err);
		segments = true;
	}
	if (rc == 0 && partners)
		rc = map_apply(u->st, "partner", err);
	if (rc == 0 && metrics)
		rc = map_apply(u->st, "metric", err);
	if (rc == 0 && segments)
		rc = map_apply(u->st, "segment", err);
	return rc;
}

/* A name by id, lent by the run or the stage. */
struct id_name {
	int64_t id;
	const char *name;
};

static int cmp_id(const void *a, const void *b)
{
	int64_t x = ((const struct id_name *)a)->id, y = ((const struct id_name *)b)->id;

	return (x > y) - (x < y);
}

/* The name of id in v, sorted by id ("?" when none: cannot happen). */
static const char *name_of(const struct id_name *v, size_t n, int64_t id)
{
	struct id_name key = { id, NULL };
	const struct id_name *hit = n ? bsearch(&key, v, n, sizeof(*v), cmp_id) : NULL;

	return hit ? hit->name : "?";
}

/* Counts what the write will do to each row, in the order read, and keeps
 * each value it replaces for the audit trail (audit_stage_figure, as the
 * row by row write does). Before the lock: a row of a partner, metric or
 * segment still to be added (a stand-in id) is new, and the values read
 * hold while the data clock shows nothing written since. */
static int read_old(struct run *u, struct import_stage *s, struct bpw_error *err)
{
	struct id_name *metrics = xcalloc(s->nmetrics + 1, sizeof(*metrics));
	struct id_name *segs = xcalloc(s->nsegs + 2, sizeof(*segs));
	size_t i, nsegs = 0, done = 0;
	sqlite3_stmt *q;
	int rc;

	for (i = 0; i < s->nmetrics; i++)
		metrics[i] = (struct id_name){ s->metric_id[i], s->metric_key[i] };
	xqsort(metrics, s->nmetrics, sizeof(*metrics), cmp_id);
	segs[nsegs++] = (struct id_name){ 0, "" };
	for (i = 0; i < s->nsegs; i++)
		segs[nsegs++] = (struct id_name){ s->segs[i].id, s->segs[i].name };
	xqsort(segs, nsegs, sizeof(*segs), cmp_id);
	rc = store_prepare(u->st, sql_old, &q, err);
	while (rc == 0) {
		char period[DATE_LEN], was[32], now[32];
		struct audit_figure f;
		double value, old;
		int step = sqlite3_step(q);

		if (step == SQLITE_DONE)
			break;
		if (step != SQLITE_ROW) {
			rc = store_fail(u->st, step, err, "cannot read observation");
			break;
		}
		if (++done % 65536 == 0)
			progress(u, 0.5 * (double)done / (double)(s->rows ? s->rows : 1));
		if (sqlite3_column_type(q, 6) == SQLITE_NULL) {
			s->n[UPSERT_INSERTED]++;
			continue;
		}
		value = sqlite3_column_double(q, 5);
		old = sqlite3_column_double(q, 6);
		if (old == value) {
			s->n[UPSERT_UNCHANGED]++;
			continue;
		}
		s->n[UPSERT_UPDATED]++;
		period_from_num(sqlite3_column_int(q, 2), period);
		sheet_format_number(old, '.', was, sizeof(was));
		sheet_format_number(value, '.', now, sizeof(now));
		f = (struct audit_figure){
			.partner_id = sqlite3_column_int64(q, 0),
			.metric = name_of(metrics, s->nmetrics, sqlite3_column_int64(q, 1)),
			.period = period,
			.segment = name_of(segs, nsegs, sqlite3_column_int64(q, 3)),
			.source = obs_source_name(sqlite3_column_int(q, 4) ? OBS_CLIENT
						  : OBS_PARTNER),
			.old = was, .new = now };
		rc = audit_stage_figure(u->st, &f, err);
	}
	sqlite3_finalize(q);
	free(metrics);
	free(segs);
	return rc;
}

int import_stage_verify(struct run *u, struct bpw_error *err)
{
	struct import_stage *s = u->stage;
	int64_t clock;
	int rc;

	if (s == NULL || !s->ok)
		return 0;
	/* Anything written since the ids were read: row by row, as ever. */
	rc = store_data_clock(u->st, &clock, err);
	if (rc == 0 && clock != s->clock)
		s->ok = false;
	return rc;
}

int import_apply(struct run *u, bool *applied, struct bpw_error *err)
{
	struct import_stage *s = u->stage;
	int rc;

	*applied = false;
	if (s == NULL || !s->ok)
		return 0;
	/* A failure here (most likely the temporary directory full: this way
	 * needs more of it) is undone, and the rows are written one by one
	 * instead, which says what is wrong in its own words if it fails
	 * too. */
	if (!exec(u->st, "SAVEPOINT import_apply"))
		return 0;
	*applied = true;
	u->rep->inserted += s->n[UPSERT_INSERTED];
	u->rep->updated += s->n[UPSERT_UPDATED];
	u->rep->unchanged += s->n[UPSERT_UNCHANGED];
	rc = add_new(u, s, err);
	progress(u, 0.5);
	if (rc == 0 && !exec(u->st, sql_write))
		rc = store_fail(u->st, sqlite3_errcode(store_db(u->st)), err,
				"cannot save observation");
	if (rc != 0 && !sqlite3_get_autocommit(store_db(u->st)) &&
	    exec(u->st, "ROLLBACK TO import_apply")) {
		exec(u->st, "RELEASE import_apply");
		bpw_error_clear(err);
		*applied = false;	/* the caller counts afresh */
		return 0;
	}
	if (rc == 0 && !exec(u->st, "RELEASE import_apply"))
		rc = store_fail(u->st, sqlite3_errcode(store_db(u->st)), err,
				"cannot save observation");
	progress(u, 1.0);
	return rc;
}

void import_stage_free(struct run *u)
{
	struct import_stage *s = u->stage;
	size_t i;

	if (s == NULL)
		return;
	if (s->put)
		sqlite3_finalize(s->put);
	if (s->tx)
		exec(u->st, "ROLLBACK");
	/* The rows are let go now, not at close (outside a transaction, as
	 * it always is here). */
	if (s->attached && !exec(u->st, "DETACH import_stage"))
		exec(u->st, sql_clear);
	for (i = 0; i < s->nsegs; i++)
		free(s->segs[i].name);
	for (i = 0; i < s->nnew_segs; i++)
		free(s->new_segs[i]);
	for (i = 0; i < s->nnew_partners; i++)
		free(s->new_partners[i]);
	free(s->segs);
	free(s->new_segs);
	free(s->new_seg_id);
	free(s->new_partners);
	for (i = 0; s->metric_key && i < s->nmetrics; i++)
		free(s->metric_key[i]);
	free(s->metric_key);
	free(s->metric_id);
	free(s);
	u->stage = NULL;
}
