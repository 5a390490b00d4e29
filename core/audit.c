/* audit.c: appending to and reading the audit trail. */
#include "audit.h"

#include <pwd.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>


static const char sql_append[] =
	"INSERT INTO audit(at, user, action, partner, object, old, new)"
	" VALUES (?1, ?2, ?3, coalesce((SELECT code FROM partner WHERE id = ?4), ''),"
	" ?5, ?6, ?7)";
static const char sql_each[] =
	"SELECT id, at, user, action, partner, object, old, new FROM audit"
	" WHERE (?1 IS NULL OR partner = ?1 COLLATE NOCASE)"
	" AND (?2 IS NULL OR at >= ?2) ORDER BY id";
/* With --since: the first row (by id) of those at or after the day, found
 * through the index audit_at, then the rows from there in id order, so the
 * few recent rows among millions take no scan of them all (17 s at 7
 * million; 0.01 s now) and the whole trail no sort. A row written by a
 * clock running behind, after one written at a later time, is still found:
 * the least id is taken of all the rows the index finds. */
static const char sql_each_since[] =
	"SELECT id, at, user, action, partner, object, old, new FROM audit"
	" WHERE id >= (SELECT coalesce(min(id), 9223372036854775807) FROM audit"
	"   INDEXED BY audit_at WHERE at >= ?2)"
	" AND at >= ?2 AND (?1 IS NULL OR partner = ?1 COLLATE NOCASE)"
	" ORDER BY id";

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

int audit_append(struct store *st, const char *action, int64_t partner_id,
		 const char *object, const char *old, const char *new,
		 struct bpw_error *err)
{
	char at[24];
	time_t now = time(NULL);
	struct tm tm;
	sqlite3_stmt *q;
	int rc;

	if (store_bulk(st) && old == NULL)
		return 0;
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

		snprintf(e.at, sizeof(e.at), "%s", (const char *)sqlite3_column_text(q, 1));
		e.user = column(q, 2);
		e.action = column(q, 3);
		e.partner = column(q, 4);
		e.object = column(q, 5);
		e.old = column(q, 6);
		e.new = column(q, 7);
		fn(&e, ctx);
		free(e.user);
		free(e.action);
		free(e.partner);
		free(e.object);
		free(e.old);
		free(e.new);
	}
	sqlite3_reset(q);
	return rc == SQLITE_DONE ? 0 : store_fail(st, rc, err, "cannot read the audit trail");
}
