/* audit.c: appending to and reading the audit trail. */
#include "audit.h"

#include <pwd.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "schema.h"


static const char sql_append[] =
	"INSERT INTO audit(at, user, action, partner, object, old, new)"
	" VALUES (?1, ?2, ?3, coalesce((SELECT code FROM partner WHERE id = ?4), ''),"
	" ?5, ?6, ?7)";
/* An import's row comes with a partner filter too: the figures it changed
 * (audit_value) may be that partner's. Whether the row itself is the
 * partner's is SQLite's to say (KEEP), as it compares codes without case
 * in ASCII whatever the locale (strcasecmp would not: "I" and "i" differ
 * in Turkish). */
#define KEEP "(?1 IS NULL OR partner = ?1 COLLATE NOCASE)"
static const char sql_each[] =
	"SELECT id, at, user, action, partner, object, old, new," KEEP " FROM audit"
	" WHERE (" KEEP " OR action = 'import')"
	" AND (?2 IS NULL OR at >= ?2) ORDER BY id";
/* With --since: the first row (by id) of those at or after the day, found
 * through the index audit_at, then the rows from there in id order, so the
 * few recent rows among millions take no scan of them all (17 s at 7
 * million; 0.01 s now) and the whole trail no sort. A row written by a
 * clock running behind, after one written at a later time, is still found:
 * the least id is taken of all the rows the index finds. */
static const char sql_each_since[] =
	"SELECT id, at, user, action, partner, object, old, new," KEEP " FROM audit"
	" WHERE id >= (SELECT coalesce(min(id), 9223372036854775807) FROM audit"
	"   INDEXED BY audit_at WHERE at >= ?2)"
	" AND at >= ?2"
	" AND (" KEEP " OR action = 'import')"
	" ORDER BY id";
/* The figures an import changed, by partner (through the key: the column
 * compares without case), each partner's in the order written. */
static const char sql_values[] =
	"SELECT partner, " AUDIT_VALUE_OBJECT("audit_value") ", old, new"
	" FROM audit_value WHERE audit_id = ?1 AND (?2 IS NULL OR partner = ?2)"
	" ORDER BY partner, seq";

/* A bulk writer's changed figures wait here, in this connection's
 * temporary database, until its import row exists to put them under
 * (audit_append_import); rolled back with the writer's transaction. */
static const char sql_stage_make[] =
	"CREATE TEMP TABLE IF NOT EXISTS audit_stage ("
	"  partner_id INTEGER NOT NULL, metric TEXT NOT NULL,"
	"  period TEXT NOT NULL, segment TEXT NOT NULL, source TEXT NOT NULL,"
	"  old TEXT, new TEXT);"
	"DELETE FROM temp.audit_stage;";
static const char sql_stage[] =
	"INSERT INTO temp.audit_stage VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)";
/* In the order written: rows come grouped by partner, so the key's b-tree
 * mostly grows at its end; sorting first cost as much time as it saved
 * and 65 MB more (a million figures). */
static const char sql_unstage[] =
	"INSERT INTO audit_value"
	" SELECT ?1, p.code, s.rowid, s.metric, s.period, s.segment, s.source,"
	"  s.old, s.new"
	" FROM temp.audit_stage s JOIN partner p ON p.id = s.partner_id";
static const char sql_stage_clear[] = "DELETE FROM temp.audit_stage";

const char *audit_user(void)
{
	static char name[64];
	struct passwd *pw;

	if (name[0])
		return name;
	pw = getpwuid(geteuid());
	if (pw && pw->pw_name[0])
		snprintf(name, sizeof(name), "%s", pw->pw_name);
	else
		snprintf(name, sizeof(name), "uid %u", (unsigned)geteuid());
	return name;
}

/* One row of the trail, now, by this user. */
static int append_row(struct store *st, const char *action, int64_t partner_id,
		      const char *object, const char *old, const char *new,
		      struct bpw_error *err)
{
	char at[24];
	time_t now = time(NULL);
	struct tm tm;
	sqlite3_stmt *q;
	int rc;

	gmtime_r(&now, &tm);
	strftime(at, sizeof(at), "%Y-%m-%dT%H:%M:%SZ", &tm);
	rc = store_cached(st, sql_append, &q, err);
	if (rc != 0)
		return rc;
	sqlite3_bind_text(q, 1, at, -1, SQLITE_TRANSIENT);
	sqlite3_bind_text(q, 2, audit_user(), -1, SQLITE_STATIC);
	sqlite3_bind_text(q, 3, action, -1, SQLITE_STATIC);
	sqlite3_bind_int64(q, 4, partner_id);
	sqlite3_bind_text(q, 5, object ? object : "", -1, SQLITE_TRANSIENT);
	store_bind_text(q, 6, old, false);
	store_bind_text(q, 7, new, false);
	rc = sqlite3_step(q);
	sqlite3_reset(q);
	return rc == SQLITE_DONE ? 0 : store_fail(st, rc, err, "cannot write the audit trail");
}

int audit_append(struct store *st, const char *action, int64_t partner_id,
		 const char *object, const char *old, const char *new,
		 struct bpw_error *err)
{
	if (store_bulk(st) && old == NULL)
		return 0;
	return append_row(st, action, partner_id, object, old, new, err);
}

/* Runs a script of this file (no results) on st's connection. */
static int run_script(struct store *st, const char *sql, struct bpw_error *err)
{
	int rc = sqlite3_exec(store_db(st), sql, NULL, NULL, NULL);

	return rc == SQLITE_OK ? 0 : store_fail(st, rc, err, "cannot write the audit trail");
}

int audit_stage_begin(struct store *st, struct bpw_error *err)
{
	return run_script(st, sql_stage_make, err);
}

int audit_stage_figure(struct store *st, const struct audit_figure *f,
		       struct bpw_error *err)
{
	sqlite3_stmt *q;
	int rc = store_cached(st, sql_stage, &q, err);

	if (rc != 0)
		return rc;
	sqlite3_bind_int64(q, 1, f->partner_id);
	sqlite3_bind_text(q, 2, f->metric, -1, SQLITE_STATIC);
	sqlite3_bind_text(q, 3, f->period, 7, SQLITE_STATIC);
	sqlite3_bind_text(q, 4, f->segment ? f->segment : "", -1, SQLITE_STATIC);
	sqlite3_bind_text(q, 5, f->source, -1, SQLITE_STATIC);
	store_bind_text(q, 6, f->old, false);
	store_bind_text(q, 7, f->new, false);
	rc = sqlite3_step(q);
	sqlite3_reset(q);
	return rc == SQLITE_DONE ? 0 : store_fail(st, rc, err, "cannot write the audit trail");
}

/* The staged figures under the import's row, id. */
static int unstage(struct store *st, int64_t id, struct bpw_error *err)
{
	sqlite3_stmt *q;
	int rc = store_cached(st, sql_unstage, &q, err);

	if (rc != 0)
		return rc;
	sqlite3_bind_int64(q, 1, id);
	rc = sqlite3_step(q);
	sqlite3_reset(q);
	return rc == SQLITE_DONE ? 0 : store_fail(st, rc, err, "cannot write the audit trail");
}

int audit_append_import(struct store *st, const char *object, const char *new,
			struct bpw_error *err)
{
	int rc = append_row(st, "import", 0, object, NULL, new, err);

	if (rc == 0)
		rc = run_script(st, schema_audit_value_guard_off, err);
	if (rc == 0) {
		int back;

		rc = unstage(st, sqlite3_last_insert_rowid(store_db(st)), err);
		/* Back in any case, the first error kept. */
		back = run_script(st, schema_audit_value_guard_on, rc ? NULL : err);
		if (rc == 0)
			rc = back;
	}
	if (rc == 0)
		rc = run_script(st, sql_stage_clear, err);
	return rc;
}

int audit_appendf(struct store *st, const char *action, int64_t partner_id,
		  const char *old, const char *new, struct bpw_error *err,
		  const char *fmt, ...)
{
	char *object;
	va_list ap;
	int rc;

	if (store_bulk(st) && old == NULL)
		return 0;	/* before the formatting: imports add millions */
	va_start(ap, fmt);
	rc = vasprintf(&object, fmt, ap);
	va_end(ap);
	if (rc < 0)
		return bpw_error_set(err, BPW_ENOMEM, "out of memory");
	rc = audit_append(st, action, partner_id, object, old, new, err);
	free(object);
	return rc;
}

static char *column(sqlite3_stmt *q, int i)
{
	return store_column_text(q, i, false);
}

static void entry_free(struct audit_entry *e)
{
	free(e->user);
	free(e->action);
	free(e->partner);
	free(e->object);
	free(e->old);
	free(e->new);
}

/* The figures import row r changed (of partner, NULL: all), each passed to
 * fn as the row of the trail it stands for: the import's id, time and
 * user, action "observation". */
static int each_value(struct store *st, const struct audit_entry *r,
		      const char *partner, audit_fn fn, void *ctx,
		      struct bpw_error *err)
{
	sqlite3_stmt *q;
	int rc = store_cached(st, sql_values, &q, err);

	if (rc != 0)
		return rc;
	sqlite3_bind_int64(q, 1, r->id);
	store_bind_text(q, 2, partner, true);
	while ((rc = sqlite3_step(q)) == SQLITE_ROW) {
		char action[] = "observation";
		struct audit_entry e = { .id = r->id, .user = r->user, .action = action };

		memcpy(e.at, r->at, sizeof(e.at));
		e.partner = column(q, 0);
		e.object = column(q, 1);
		e.old = column(q, 2);
		e.new = column(q, 3);
		fn(&e, ctx);
		free(e.partner);
		free(e.object);
		free(e.old);
		free(e.new);
	}
	sqlite3_reset(q);
	return rc == SQLITE_DONE ? 0 : store_fail(st, rc, err, "cannot read the audit trail");
}

int audit_each(struct store *st, const char *partner, const char *since,
	       audit_fn fn, void *ctx, struct bpw_error *err)
{
	sqlite3_stmt *q;
	int rc;

	rc = store_cached(st, since && *since ? sql_each_since : sql_each, &q, err);
	if (rc != 0)
		return rc;
	store_bind_text(q, 1, partner, true);
	store_bind_text(q, 2, since, true);
	while ((rc = sqlite3_step(q)) == SQLITE_ROW) {
		struct audit_entry e = { .id = sqlite3_column_int64(q, 0) };
		bool keep = sqlite3_column_int(q, 8) != 0;
		int vrc = 0;

		snprintf(e.at, sizeof(e.at), "%s", (const char *)sqlite3_column_text(q, 1));
		e.user = column(q, 2);
		e.action = column(q, 3);
		e.partner = column(q, 4);
		e.object = column(q, 5);
		e.old = column(q, 6);
		e.new = column(q, 7);
		/* An import's figures come first, as they were written before
		 * its row; the row itself only where the filter takes it. */
		if (strcmp(e.action, "import") == 0)
			vrc = each_value(st, &e, partner, fn, ctx, err);
		if (vrc == 0 && keep)
			fn(&e, ctx);
		entry_free(&e);
		if (vrc != 0) {
			sqlite3_reset(q);
			return vrc;
		}
	}
	sqlite3_reset(q);
	return rc == SQLITE_DONE ? 0 : store_fail(st, rc, err, "cannot read the audit trail");
}
