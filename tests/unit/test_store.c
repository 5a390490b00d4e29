/* test_store.c: opening, creating, refusing and migrating the database,
 * and observation upserts. */
#include "testutil.h"

#include <sqlite3.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <signal.h>

#include "import.h"
#include "observation.h"
#include "partner.h"
#include "schema.h"
#include "store.h"

static int pragma_int(sqlite3 *db, const char *sql)
{
	sqlite3_stmt *q;
	int v = -1;

	assert_int_equal(sqlite3_prepare_v2(db, sql, -1, &q, NULL), SQLITE_OK);
	if (sqlite3_step(q) == SQLITE_ROW)
		v = sqlite3_column_int(q, 0);
	sqlite3_finalize(q);
	return v;
}

static void exec_ok(sqlite3 *db, const char *sql)
{
	char *msg = NULL;

	if (sqlite3_exec(db, sql, NULL, NULL, &msg) != SQLITE_OK)
		fail_msg("%s: %s", sql, msg);
}

static void test_create_new(void **state)
{
	char *dir = tu_tempdir();
	const char *path = tu_path(dir, "new.db");
	struct bpw_error err;
	struct store *st;
	struct stat sb;
	sqlite3_stmt *q;

	bpw_error_clear(&err);
	umask(022);	/* a lax umask must not widen the mode */
	assert_int_equal(store_open(path, STORE_CREATE, &st, &err), 0);
	assert_int_equal(stat(path, &sb), 0);
	assert_int_equal(sb.st_mode & 0777, 0600);
	assert_int_equal(store_schema_version(st), SCHEMA_VERSION);
	assert_int_equal(pragma_int(store_db(st), "PRAGMA user_version"), SCHEMA_VERSION);
	assert_int_equal(pragma_int(store_db(st), "PRAGMA application_id"),
			 SCHEMA_APPLICATION_ID);
	assert_int_equal(pragma_int(store_db(st), "PRAGMA foreign_keys"), 1);
	assert_true(pragma_int(store_db(st), "PRAGMA busy_timeout") >= 5000);
	assert_int_equal(sqlite3_prepare_v2(store_db(st), "PRAGMA journal_mode",
					    -1, &q, NULL), SQLITE_OK);
	assert_int_equal(sqlite3_step(q), SQLITE_ROW);
	assert_string_equal((const char *)sqlite3_column_text(q, 0), "wal");
	sqlite3_finalize(q);
	assert_false(store_is_readonly(st));
	/* The -wal file SQLite made beside it must not be readable by others. */
	exec_ok(store_db(st), "INSERT INTO partner(code, name) VALUES ('A', 'Alpha')");
	assert_int_equal(stat(tu_path(dir, "new.db-wal"), &sb), 0);
	assert_int_equal(sb.st_mode & 0077, 0);
	store_close(st);
	tu_rmdir(dir);
}

static void test_refuse_missing_file_without_create(void **state)
{
	char *dir = tu_tempdir();
	const char *path = tu_path(dir, "absent.db");
	struct bpw_error err;
	struct store *st;

	assert_int_equal(store_open(path, 0, &st, &err), BPW_ENOENT);
	assert_non_null(strstr(err.msg, "no database at"));
	assert_non_null(strstr(err.msg, "bpowatch init"));
	assert_int_equal(access(path, F_OK), -1);
	tu_rmdir(dir);
}

static void test_refuse_missing_directory(void **state)
{
	char *dir = tu_tempdir();
	const char *path = tu_path(dir, "nodir/x.db");
	struct bpw_error err;
	struct store *st;

	assert_int_equal(store_open(path, STORE_CREATE, &st, &err), BPW_ENOENT);
	assert_null(st);
	assert_non_null(strstr(err.msg, "does not exist"));
	assert_non_null(strstr(err.msg, "nodir"));
	assert_int_equal(access(tu_path(dir, "nodir"), F_OK), -1);
	tu_rmdir(dir);
}

/* Opening must fail with code and a message containing want, and leave the
 * file byte-identical with no companion files. */
static void expect_refusal(const char *dir, const char *path, int code,
			   const char *want)
{
	struct bpw_error err;
	struct store *st;
	size_t n1, n2;
	char *before = tu_read(path, &n1), *after;

	assert_non_null(before);
	bpw_error_clear(&err);
	assert_int_equal(store_open(path, STORE_CREATE, &st, &err), code);
	assert_null(st);
	if (strstr(err.msg, want) == NULL)
		fail_msg("message '%s' lacks '%s'", err.msg, want);
	after = tu_read(path, &n2);
	assert_int_equal(n1, n2);
	assert_memory_equal(before, after, n1);
	assert_int_equal(access(tu_path(dir, "x.db-wal"), F_OK), -1);
	free(before);
	free(after);
}

static void test_refuse_not_sqlite(void **state)
{
	char *dir = tu_tempdir();
	const char *path = tu_path(dir, "x.db");

	tu_write(path, "partner;metric;value\nNLK;csat;84,1\n");
	expect_refusal(dir, path, BPW_ENOTDB, "is not a SQLite database");
	tu_rmdir(dir);
}

static void test_refuse_other_application(void **state)
{
	char *dir = tu_tempdir();
	const char *path = tu_path(dir, "x.db");
	sqlite3 *db;

	assert_int_equal(sqlite3_open(path, &db), SQLITE_OK);
	exec_ok(db, "CREATE TABLE photos(id INTEGER PRIMARY KEY, name TEXT);"
		    "INSERT INTO photos(name) VALUES ('beach.jpg')");
	sqlite3_close(db);
	expect_refusal(dir, path, BPW_ENOTDB, "not a bpowatch one");

	assert_int_equal(sqlite3_open(path, &db), SQLITE_OK);
	exec_ok(db, "PRAGMA application_id = 1234");
	sqlite3_close(db);
	expect_refusal(dir, path, BPW_ENOTDB, "another application");
	tu_rmdir(dir);
}

/* Another program's WAL database with changes not yet checkpointed (it
 * died without closing): refusing it must change neither the file nor its
 * write-ahead log (a read-write close would checkpoint it). */
static void test_refuse_foreign_wal_untouched(void **state)
{
	char *dir = tu_tempdir();
	const char *path = tu_path(dir, "x.db"), *wal = tu_path(dir, "x.db-wal");
	size_t n1, n2, w1, w2;
	char *main1, *main2, *wal1, *wal2;
	struct bpw_error err;
	struct store *st;
	pid_t pid;
	int status;

	pid = fork();
	assert_true(pid >= 0);
	if (pid == 0) {
		sqlite3 *db;

		if (sqlite3_open(path, &db) != SQLITE_OK ||
		    sqlite3_exec(db, "PRAGMA journal_mode=WAL; PRAGMA wal_autocheckpoint=0;"
				 "CREATE TABLE t(x); INSERT INTO t VALUES (1);",
				 NULL, NULL, NULL) != SQLITE_OK)
			_exit(1);
		/* Die without closing, as a crashed program would: the WAL
		 * stays as it is (and no leak check runs in this child). */
		kill(getpid(), SIGKILL);
		_exit(2);
	}
	assert_int_equal(waitpid(pid, &status, 0), pid);
	assert_true(WIFSIGNALED(status) && WTERMSIG(status) == SIGKILL);
	main1 = tu_read(path, &n1);
	wal1 = tu_read(wal, &w1);
	assert_non_null(wal1);
	assert_true(w1 > 0);
	assert_int_equal(store_open(path, STORE_CREATE, &st, &err), BPW_ENOTDB);
	assert_non_null(strstr(err.msg, "not a bpowatch one"));
	main2 = tu_read(path, &n2);
	wal2 = tu_read(wal, &w2);
	assert_non_null(wal2);
	assert_int_equal(n1, n2);
	assert_memory_equal(main1, main2, n1);
	assert_int_equal(w1, w2);
	assert_memory_equal(wal1, wal2, w1);
	free(main1);
	free(main2);
	free(wal1);
	free(wal2);
	tu_rmdir(dir);
}

static void test_refuse_newer_schema(void **state)
{
	char *dir = tu_tempdir();
	const char *path = tu_path(dir, "x.db");
	struct bpw_error err;
	struct store *st;
	char want[64];
	sqlite3 *db;

	assert_int_equal(store_open(path, STORE_CREATE, &st, &err), 0);
	store_close(st);
	assert_int_equal(sqlite3_open(path, &db), SQLITE_OK);
	exec_ok(db, "PRAGMA journal_mode=DELETE; PRAGMA user_version = 99");
	sqlite3_close(db);
	snprintf(want, sizeof(want), "schema version 99, newer than this "
		 "bpowatch knows (%d)", SCHEMA_VERSION);
	expect_refusal(dir, path, BPW_ENEWER, want);
	tu_rmdir(dir);
}

static void test_migrate_from_version_1(void **state)
{
	char *dir = tu_tempdir();
	const char *path = tu_path(dir, "old.db");
	struct bpw_error err;
	struct partner p;
	struct series s;
	struct store *st;
	sqlite3 *db;

	/* A database as version 1 of bpowatch left it, with data. */
	assert_int_equal(sqlite3_open(path, &db), SQLITE_OK);
	assert_int_equal(schema_migrate(db, 1, &err), 0);
	assert_int_equal(pragma_int(db, "PRAGMA user_version"), 1);
	exec_ok(db, "INSERT INTO partner(code, name) VALUES ('NLK', 'Nordlicht');"
		    "INSERT INTO observation VALUES (1, 'csat', '2026-10-01', '',"
		    " 'client', 84.5)");
	assert_int_equal(pragma_int(db, "SELECT count(*) FROM sqlite_master"
				    " WHERE name = 'qa_review'"), 0);
	sqlite3_close(db);

	assert_int_equal(store_open(path, 0, &st, &err), 0);
	assert_int_equal(store_schema_version(st), SCHEMA_VERSION);
	assert_int_equal(pragma_int(store_db(st), "SELECT count(*) FROM sqlite_master"
				    " WHERE name = 'qa_review'"), 1);
	assert_int_equal(partner_find(st, "nlk", &p, &err), 0);
	assert_string_equal(p.name, "Nordlicht");
	assert_int_equal(observation_series(st, p.id, "csat", "", OBS_CLIENT,
					    NULL, NULL, &s, &err), 0);
	assert_int_equal(s.count, 1);
	assert_float_equal(s.points[0].value, 84.5, 1e-9);
	series_free(&s);
	partner_clear(&p);
	store_close(st);
	tu_rmdir(dir);
}

/* Text of the first column of the first row of sql ("" when none). */
static void query_text(sqlite3 *db, const char *sql, char *out, size_t n)
{
	sqlite3_stmt *q;

	assert_int_equal(sqlite3_prepare_v2(db, sql, -1, &q, NULL), SQLITE_OK);
	out[0] = '\0';
	if (sqlite3_step(q) == SQLITE_ROW && sqlite3_column_text(q, 0))
		snprintf(out, n, "%s", (const char *)sqlite3_column_text(q, 0));
	sqlite3_finalize(q);
}

/* Version 9 moves the figures to integer keys: every row of a version 8
 * database comes through with its segment, source and month, shown as
 * before by the observation view and read as before by the code. */
static void test_migrate_to_integer_keys(void **state)
{
	char *dir = tu_tempdir();
	const char *path = tu_path(dir, "v8.db");
	const char *rows = "SELECT group_concat(partner_id || ' ' || metric || ' ' ||"
		" period || ' ' || segment || ' ' || source || ' ' || value, '; ')"
		" FROM (SELECT * FROM observation ORDER BY 1, 2, 3, 4, 5)";
	char before[512], after[512];
	struct bpw_error err;
	struct series s;
	struct store *st;
	sqlite3 *db;

	(void)state;
	assert_int_equal(sqlite3_open(path, &db), SQLITE_OK);
	assert_int_equal(schema_migrate(db, 8, &err), 0);
	exec_ok(db, "INSERT INTO partner(code, name) VALUES ('NLK', 'Nordlicht'),"
		    " ('SUN', 'Sunrise');"
		    "INSERT INTO observation VALUES"
		    " (1, 'csat', '2026-09-01', '', 'partner', 82.5),"
		    " (1, 'csat', '2026-09-01', '', 'client', 80),"
		    " (1, 'csat', '2026-10-01', 'channel=chat', 'partner', 77.25),"
		    " (2, 'attrition', '1999-12-01', 'site=Porto', 'partner', 3),"
		    " (2, 'fcr', '2026-10-01', 'site=Porto', 'client', 71)");
	query_text(db, rows, before, sizeof(before));
	sqlite3_close(db);

	assert_int_equal(store_open(path, 0, &st, &err), 0);
	db = store_db(st);
	assert_int_equal(store_schema_version(st), SCHEMA_VERSION);
	query_text(db, rows, after, sizeof(after));
	assert_string_equal(after, before);
	assert_int_equal(pragma_int(db, "SELECT count(*) FROM obs"), 5);
	assert_int_equal(pragma_int(db, "SELECT count(*) FROM segment"), 3);
	assert_int_equal(pragma_int(db, "SELECT period FROM obs WHERE partner_id = 2"
				    " AND metric = (SELECT id FROM metric WHERE key = 'attrition')"),
			 199912);
	assert_int_equal(pragma_int(db, "SELECT count(*) FROM obs WHERE source = 1"), 2);
	assert_int_equal(pragma_int(db, "SELECT count(*) FROM pragma_foreign_key_check"), 0);
	assert_int_equal(observation_series(st, 1, "csat", "channel=chat", OBS_PARTNER,
					    NULL, NULL, &s, &err), 0);
	assert_int_equal(s.count, 1);
	assert_string_equal(s.points[0].period, "2026-10-01");
	assert_float_equal(s.points[0].value, 77.25, 1e-9);
	series_free(&s);
	store_close(st);
	tu_rmdir(dir);
}

/* SQL written by hand keeps working through the observation view: rows go
 * in, change and go out in words; bad ones are refused with the reason. */
static void test_observation_view(void **state)
{
	char *dir = tu_tempdir();
	const char *path = tu_path(dir, "v.db");
	struct bpw_error err;
	struct store *st;
	char got[256];
	sqlite3 *db;
	char *msg = NULL;

	(void)state;
	assert_int_equal(store_open(path, STORE_CREATE, &st, &err), 0);
	db = store_db(st);
	exec_ok(db, "INSERT INTO partner(code, name) VALUES ('NLK', 'Nordlicht');"
		    "INSERT INTO observation VALUES (1, 'fcr', '2026-10-01', 'team=B',"
		    " 'client', 70);"
		    "INSERT INTO observation(partner_id, metric, period, value)"
		    " VALUES (1, 'fcr', '2026-11-01', 72)");
	query_text(db, "SELECT group_concat(period || ' ' || segment || ' ' || source"
		   " || ' ' || value, '; ') FROM (SELECT * FROM observation"
		   " ORDER BY period)", got, sizeof(got));
	assert_string_equal(got, "2026-10-01 team=B client 70.0; "
			    "2026-11-01  partner 72.0");
	assert_int_equal(pragma_int(db, "SELECT count(*) FROM segment WHERE name = 'team=B'"), 1);

	exec_ok(db, "UPDATE observation SET value = 68.5 WHERE segment = 'team=B'");
	assert_int_equal(pragma_int(db, "SELECT value * 10 FROM obs WHERE segment <> 0"), 685);
	exec_ok(db, "DELETE FROM observation WHERE period = '2026-11-01'");
	assert_int_equal(pragma_int(db, "SELECT count(*) FROM obs"), 1);

	assert_int_not_equal(sqlite3_exec(db, "INSERT INTO observation VALUES (1, 'fcr',"
					  " '2026-10-15', '', 'partner', 1)", NULL, NULL, &msg),
			     SQLITE_OK);
	assert_non_null(strstr(msg, "period is not YYYY-MM-01"));
	sqlite3_free(msg);
	assert_int_not_equal(sqlite3_exec(db, "INSERT INTO observation VALUES (1, 'mood',"
					  " '2026-10-01', '', 'partner', 1)", NULL, NULL, &msg),
			     SQLITE_OK);
	assert_non_null(strstr(msg, "unknown metric"));
	sqlite3_free(msg);
	assert_int_not_equal(sqlite3_exec(db, "INSERT INTO observation VALUES (9, 'fcr',"
					  " '2026-10-01', '', 'partner', 1)", NULL, NULL, &msg),
			     SQLITE_OK);
	assert_non_null(strstr(msg, "unknown partner"));
	sqlite3_free(msg);
	assert_int_equal(pragma_int(db, "SELECT count(*) FROM obs"), 1);
	store_close(st);
	tu_rmdir(dir);
}

/* An import of observations leaves SQLite's foreign-key checks out of its
 * own transaction (it checks every reference itself): they are on again
 * afterwards, whether it stored its rows or refused them, and a row with
 * an unknown partner or metric still stores nothing. */
static void test_import_foreign_keys(void **state)
{
	char *dir = tu_tempdir();
	const char *path = tu_path(dir, "f.db"), *csv = tu_path(dir, "in.csv");
	const char *paths[] = { csv };
	struct import_opts o = { .type = IMPORT_AUTO };
	struct import_report rep;
	struct bpw_error err;
	struct store *st;
	sqlite3 *db;

	(void)state;
	assert_int_equal(store_open(path, STORE_CREATE, &st, &err), 0);
	db = store_db(st);
	exec_ok(db, "INSERT INTO partner(code, name) VALUES ('NLK', 'Nordlicht')");
	tu_write(csv, "partner,metric,period,segment,value\n"
		 "NLK,csat,2026-10,channel=chat,80\n"
		 "NLK,csat,2026-10,,81\n");
	assert_int_equal(import_files(st, paths, 1, &o, &rep, &err), 0);
	assert_int_equal(rep.inserted, 2);
	import_report_free(&rep);
	assert_int_equal(pragma_int(db, "PRAGMA foreign_keys"), 1);
	assert_int_equal(pragma_int(db, "SELECT count(*) FROM pragma_foreign_key_check"), 0);

	tu_write(csv, "partner,metric,period,value\n"
		 "NLK,csat,2026-11,82\n"
		 "XXX,csat,2026-11,83\n"
		 "NLK,mood,2026-11,84\n");
	assert_int_equal(import_files(st, paths, 1, &o, &rep, &err), BPW_EINVAL);
	assert_int_equal(rep.total_errors, 2);
	import_report_free(&rep);
	assert_int_equal(pragma_int(db, "PRAGMA foreign_keys"), 1);
	assert_int_equal(pragma_int(db, "SELECT count(*) FROM obs"), 2);
	store_close(st);
	tu_rmdir(dir);
}

/* A failing migration leaves the old version and data in place. */
static void test_migration_is_atomic(void **state)
{
	char *dir = tu_tempdir();
	const char *path = tu_path(dir, "old.db");
	struct bpw_error err;
	struct store *st;
	char want[80];
	sqlite3 *db;

	assert_int_equal(sqlite3_open(path, &db), SQLITE_OK);
	assert_int_equal(schema_migrate(db, 1, &err), 0);
	/* A table in the way of migration 2 makes it fail half-way. */
	exec_ok(db, "CREATE TABLE qa_answer(x); INSERT INTO partner(code, name)"
		    " VALUES ('A', 'Alpha')");
	sqlite3_close(db);
	bpw_error_clear(&err);
	assert_int_equal(store_open(path, 0, &st, &err), BPW_ESQL);
	/* Named by the version it was going to: the current one. */
	snprintf(want, sizeof(want), "cannot migrate the schema to version %d",
		 SCHEMA_VERSION);
	assert_non_null(strstr(err.msg, want));
	assert_int_equal(sqlite3_open(path, &db), SQLITE_OK);
	assert_int_equal(pragma_int(db, "PRAGMA user_version"), 1);
	assert_int_equal(pragma_int(db, "SELECT count(*) FROM sqlite_master"
				    " WHERE name = 'qa_template'"), 0);
	assert_int_equal(pragma_int(db, "SELECT count(*) FROM partner"), 1);
	sqlite3_close(db);
	tu_rmdir(dir);
}

static void test_readonly_flag(void **state)
{
	char *dir = tu_tempdir();
	const char *path = tu_path(dir, "x.db");
	struct partner p = { .code = "B", .name = "Beta" };
	struct bpw_error err;
	struct partner_list pl;
	struct store *st;

	assert_int_equal(store_open(path, STORE_CREATE, &st, &err), 0);
	assert_int_equal(partner_add(st, &p, NULL, &err), 0);
	store_close(st);
	assert_int_equal(store_open(path, STORE_READONLY, &st, &err), 0);
	assert_true(store_is_readonly(st));
	assert_int_equal(partner_list(st, false, &pl, &err), 0);
	assert_int_equal(pl.count, 1);
	partner_list_free(&pl);
	p.code = "C";
	assert_int_equal(partner_add(st, &p, NULL, &err), BPW_EREADONLY);
	assert_non_null(strstr(err.msg, "read-only"));
	assert_non_null(strstr(err.msg, path));
	store_close(st);
	tu_rmdir(dir);
}

/* A file the user may not write, in a directory the user may not write:
 * opens read-only, reads, refuses writes with a clear message. Root may
 * write anything, so the check runs as "nobody" in a child process. */
static void test_readonly_file(void **state)
{
	char *dir = tu_tempdir();
	const char *path = tu_path(dir, "x.db");
	struct partner p = { .code = "A", .name = "Alpha" };
	struct bpw_error err;
	struct store *st;
	pid_t pid;
	int status;

	assert_int_equal(store_open(path, STORE_CREATE, &st, &err), 0);
	assert_int_equal(partner_add(st, &p, NULL, &err), 0);
	store_close(st);
	assert_int_equal(chmod(path, 0444), 0);
	assert_int_equal(chmod(dir, 0755), 0);
	pid = fork();
	assert_true(pid >= 0);
	if (pid == 0) {
		struct partner_list pl;
		struct partner q = { .code = "Z", .name = "Zed" };
		int code = 0;

		st = NULL;
		if (geteuid() == 0 && (setgid(65534) != 0 || setuid(65534) != 0))
			code = 10;
		else if (store_open(path, 0, &st, &err) != 0)
			code = 11;
		else if (!store_is_readonly(st))
			code = 12;
		else if (partner_list(st, false, &pl, &err) != 0 || pl.count != 1)
			code = 13;
		else if (partner_list_free(&pl), partner_add(st, &q, NULL, &err)
			 != BPW_EREADONLY || strstr(err.msg, "read-only") == NULL)
			code = 14;
		store_close(st);
		free(dir);
		_exit(code);
	}
	assert_int_equal(waitpid(pid, &status, 0), pid);
	assert_true(WIFEXITED(status));
	assert_int_equal(WEXITSTATUS(status), 0);
	chmod(path, 0600);
	tu_rmdir(dir);
}

static void test_upsert(void **state)
{
	char *dir = tu_tempdir();
	struct partner p = { .code = "NLK", .name = "Nordlicht" };
	struct observation o = { .metric = "csat", .period = "2026-09-01",
				 .segment = "", .source = OBS_CLIENT, .value = 84.0 };
	enum upsert_result res;
	struct bpw_error err;
	struct series s;
	struct store *st;
	int64_t id;

	assert_int_equal(store_open(tu_path(dir, "x.db"), STORE_CREATE, &st, &err), 0);
	assert_int_equal(partner_add(st, &p, &id, &err), 0);
	o.partner_id = id;
	assert_int_equal(observation_upsert(st, &o, &res, &err), 0);
	assert_int_equal(res, UPSERT_INSERTED);
	assert_int_equal(observation_upsert(st, &o, &res, &err), 0);
	assert_int_equal(res, UPSERT_UNCHANGED);
	o.value = 82.5;
	assert_int_equal(observation_upsert(st, &o, &res, &err), 0);
	assert_int_equal(res, UPSERT_UPDATED);
	/* Other source, segment and period are other keys. */
	o.source = OBS_PARTNER;
	o.value = 90;
	assert_int_equal(observation_upsert(st, &o, &res, &err), 0);
	assert_int_equal(res, UPSERT_INSERTED);
	o.source = OBS_CLIENT;
	o.segment = "channel=phone";
	assert_int_equal(observation_upsert(st, &o, &res, &err), 0);
	assert_int_equal(res, UPSERT_INSERTED);
	o.segment = "";
	o.period = "2026-10-01";
	o.value = 80;
	assert_int_equal(observation_upsert(st, &o, &res, &err), 0);

	assert_int_equal(observation_series(st, id, "csat", "", OBS_CLIENT,
					    NULL, NULL, &s, &err), 0);
	assert_int_equal(s.count, 2);
	assert_string_equal(s.points[0].period, "2026-09-01");
	assert_float_equal(s.points[0].value, 82.5, 1e-9);
	assert_string_equal(s.points[1].period, "2026-10-01");
	series_free(&s);
	assert_int_equal(observation_series(st, id, "csat", "", OBS_CLIENT,
					    "2026-10-01", NULL, &s, &err), 0);
	assert_int_equal(s.count, 1);
	series_free(&s);

	/* Bad input is refused with the reason, and stores nothing. */
	o.period = "2026-10-15";
	assert_int_equal(observation_upsert(st, &o, &res, &err), BPW_EINVAL);
	assert_non_null(strstr(err.msg, "first day of a month"));
	o.period = "2026-11-01";
	o.metric = "happiness";
	assert_int_equal(observation_upsert(st, &o, &res, &err), BPW_ECONSTRAINT);
	assert_non_null(strstr(err.msg, "unknown metric 'happiness'"));
	assert_int_equal(observation_series(st, id, "csat", "", OBS_CLIENT,
					    "2026-11-01", NULL, &s, &err), 0);
	assert_int_equal(s.count, 0);
	series_free(&s);
	store_close(st);
	tu_rmdir(dir);
}

/* Both guesses of observation_upsert_as give the same result: a new key,
 * the same value, a changed value, a key stored twice in a row; and a
 * bad reference still fails when the insert is tried first (ON CONFLICT
 * DO NOTHING must not swallow it). */
static void test_upsert_guess(void **state)
{
	struct partner p = { .code = "NLK", .name = "Nordlicht" };
	struct observation o = { .metric = "csat", .period = "2026-09-01",
				 .segment = "", .source = OBS_CLIENT };
	enum upsert_result res;
	struct bpw_error err;
	struct series s;
	struct store *st;
	char *dir;
	int64_t id;
	int guess;

	(void)state;
	for (guess = 0; guess < 2; guess++) {
		dir = tu_tempdir();
		assert_int_equal(store_open(tu_path(dir, "x.db"), STORE_CREATE, &st,
					    &err), 0);
		assert_int_equal(partner_add(st, &p, &id, &err), 0);
		o.partner_id = id;
		o.metric = "csat";
		o.value = 84.0;
		assert_int_equal(observation_upsert_as(st, &o, guess, &res, &err), 0);
		assert_int_equal(res, UPSERT_INSERTED);
		assert_int_equal(observation_upsert_as(st, &o, guess, &res, &err), 0);
		assert_int_equal(res, UPSERT_UNCHANGED);
		o.value = 82.5;
		assert_int_equal(observation_upsert_as(st, &o, guess, &res, &err), 0);
		assert_int_equal(res, UPSERT_UPDATED);
		assert_int_equal(observation_upsert_as(st, &o, !guess, &res, &err), 0);
		assert_int_equal(res, UPSERT_UNCHANGED);
		o.value = 0.0;
		assert_int_equal(observation_upsert_as(st, &o, !guess, &res, &err), 0);
		assert_int_equal(res, UPSERT_UPDATED);
		o.value = -0.0;		/* equal to 0.0 in C and in SQL */
		assert_int_equal(observation_upsert_as(st, &o, guess, &res, &err), 0);
		assert_int_equal(res, UPSERT_UNCHANGED);
		o.source = OBS_PARTNER;	/* another key */
		assert_int_equal(observation_upsert_as(st, &o, guess, &res, &err), 0);
		assert_int_equal(res, UPSERT_INSERTED);
		o.source = OBS_CLIENT;

		assert_int_equal(observation_series(st, id, "csat", "", OBS_CLIENT,
						    NULL, NULL, &s, &err), 0);
		assert_int_equal(s.count, 1);
		assert_float_equal(s.points[0].value, 0.0, 1e-12);
		series_free(&s);

		o.metric = "happiness";
		assert_int_equal(observation_upsert_as(st, &o, guess, &res, &err),
				 BPW_ECONSTRAINT);
		assert_non_null(strstr(err.msg, "unknown metric 'happiness'"));
		o.metric = "csat";
		o.partner_id = id + 100;
		assert_int_equal(observation_upsert_as(st, &o, guess, &res, &err),
				 BPW_ECONSTRAINT);
		assert_int_equal(observation_series(st, id + 100, "csat", "",
						    OBS_CLIENT, NULL, NULL, &s, &err), 0);
		assert_int_equal(s.count, 0);
		series_free(&s);
		store_close(st);
		tu_rmdir(dir);
	}
}

/* store_cache_size hands back the setting it replaced, so a caller can
 * restore it. */
static void test_cache_size(void **state)
{
	char *dir = tu_tempdir();
	struct bpw_error err;
	struct store *st;
	int prev, now;

	(void)state;
	assert_int_equal(store_open(tu_path(dir, "x.db"), STORE_CREATE, &st, &err), 0);
	assert_int_equal(store_cache_size(st, -65536, &prev, &err), 0);
	assert_int_not_equal(prev, -65536);	/* the build's default */
	assert_int_equal(store_cache_size(st, prev, &now, &err), 0);
	assert_int_equal(now, -65536);
	assert_int_equal(store_cache_size(st, 100, &now, &err), 0);
	assert_int_equal(now, prev);
	assert_int_equal(store_cache_size(st, prev, &now, &err), 0);
	assert_int_equal(now, 100);
	store_close(st);
	tu_rmdir(dir);
}

static void test_copy_to(void **state)
{
	char *dir = tu_tempdir();
	struct partner p = { .code = "NLK", .name = "Nordlicht" }, q;
	struct bpw_error err;
	struct store *st, *cp;
	struct stat sb;

	assert_int_equal(store_open(tu_path(dir, "a.db"), STORE_CREATE, &st, &err), 0);
	assert_int_equal(partner_add(st, &p, NULL, &err), 0);
	assert_int_equal(store_copy_to(st, tu_path(dir, "b.db"), &err), 0);
	assert_int_equal(store_copy_to(st, tu_path(dir, "b.db"), &err), BPW_EEXIST);
	store_close(st);
	assert_int_equal(stat(tu_path(dir, "b.db"), &sb), 0);
	assert_int_equal(sb.st_mode & 0777, 0600);
	assert_int_equal(store_open(tu_path(dir, "b.db"), 0, &cp, &err), 0);
	assert_int_equal(partner_find(cp, "NLK", &q, &err), 0);
	assert_string_equal(q.name, "Nordlicht");
	partner_clear(&q);
	store_close(cp);
	tu_rmdir(dir);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_create_new),
		cmocka_unit_test(test_refuse_missing_file_without_create),
		cmocka_unit_test(test_refuse_missing_directory),
		cmocka_unit_test(test_refuse_not_sqlite),
		cmocka_unit_test(test_refuse_other_application),
		cmocka_unit_test(test_refuse_foreign_wal_untouched),
		cmocka_unit_test(test_refuse_newer_schema),
		cmocka_unit_test(test_migrate_from_version_1),
		cmocka_unit_test(test_migrate_to_integer_keys),
		cmocka_unit_test(test_observation_view),
		cmocka_unit_test(test_import_foreign_keys),
		cmocka_unit_test(test_migration_is_atomic),
		cmocka_unit_test(test_readonly_flag),
		cmocka_unit_test(test_readonly_file),
		cmocka_unit_test(test_upsert),
		cmocka_unit_test(test_upsert_guess),
		cmocka_unit_test(test_cache_size),
		cmocka_unit_test(test_copy_to),
	};

	return cmocka_run_group_tests_name("store", tests, NULL, NULL);
}
