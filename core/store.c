/* store.c: opening, validating, creating and migrating the SQLite file, and
 * the transaction and error helpers the data modules share. */
#include "store.h"

#include <errno.h>
#include <fcntl.h>
#include <libgen.h>
#include <pwd.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/vfs.h>
#include <unistd.h>

#include "schema.h"
#include "xalloc.h"

#define STORE_BUSY_MS 5000

#define STORE_CACHE 64

struct store {
	sqlite3 *db;
	struct {
		const char *sql;
		sqlite3_stmt *stmt;
	} cache[STORE_CACHE];
	char *path;
	bool readonly;
	bool bulk;		/* an import: see store_set_bulk */
	bool had_wal;		/* the -wal file was there when we opened */
	char ro_why[300];	/* why it is read-only, for the refusal of a write */
	int version;
	char warning[400];
	FILE *trace;		/* BPOWATCH_TRACE_SQL, or NULL */
	sqlite3_int64 changes;	/* total changes when the transaction began */
	bool cache_tx;		/* store_begin_cache's: not a change of data */
	bool clock_off;		/* the observation clock triggers are out */
};

/* Set once a transaction of store_begin that changed data has committed:
 * a signal that stops the process afterwards says so. */
static volatile sig_atomic_t saved_any;

bool store_saved_any(void) { return saved_any != 0; }

/* Set while a COMMIT that changes data is under way: stopped then, the
 * change is whole or not there, and which one cannot be told. */
static volatile sig_atomic_t saving;

bool store_saving(void) { return saving != 0; }

sqlite3 *store_db(const struct store *st) { return st->db; }
bool store_bulk(const struct store *st) { return st->bulk; }
const char *store_path(const struct store *st) { return st->path; }
bool store_is_readonly(const struct store *st) { return st->readonly; }
const char *store_readonly_why(const struct store *st) { return st->readonly ? st->ro_why : ""; }
int store_schema_version(const struct store *st) { return st->version; }

const char *store_warning(const struct store *st)
{
	return st->warning[0] ? st->warning : NULL;
}

int store_fail(struct store *st, int rc, struct bpw_error *err, const char *what)
{
	const char *msg = sqlite3_errmsg(st->db);
	int sys = sqlite3_system_errno(st->db);

	/* A full disk or a file-size limit: say so, not "disk I/O error".
	 * (SQLite reports ENOSPC as SQLITE_FULL, EFBIG and EDQUOT as a failed
	 * write; its saved errno is not always the write's own.) */
	if ((rc & 0xff) == SQLITE_FULL || rc == SQLITE_IOERR_WRITE ||
	    sys == ENOSPC || sys == EFBIG || sys == EDQUOT)
		return bpw_error_set(err, BPW_EIO, "%s: %s; nothing was changed "
				     "(%s)", what, sys == EFBIG ? "the file would "
				     "pass the file-size limit (ulimit -f)" :
				     sys == EDQUOT ? "the disk quota is used up" :
				     (rc & 0xff) == SQLITE_FULL || sys == ENOSPC ?
				     "the disk is full" : "cannot write to the disk "
				     "(is it full, or past a file-size limit?)",
				     st->path);
	switch (rc & 0xff) {
	case SQLITE_READONLY:
		return bpw_error_set(err, BPW_EREADONLY,
				     "%s: the database is read-only (%s)", what,
				     st->path);
	case SQLITE_BUSY:
	case SQLITE_LOCKED:
		return bpw_error_set(err, BPW_EBUSY,
				     "%s: the database is locked by another "
				     "process; gave up after %d s (%s)", what,
				     STORE_BUSY_MS / 1000, st->path);
	case SQLITE_CONSTRAINT:
		return bpw_error_set(err, BPW_ECONSTRAINT, "%s: %s", what, msg);
	case SQLITE_NOMEM:
		return bpw_error_set(err, BPW_ENOMEM, "%s: out of memory", what);
	case SQLITE_NOTADB:
		return bpw_error_set(err, BPW_ENOTDB,
				     "%s: not a SQLite database (%s)", what,
				     st->path);
	default:
		return bpw_error_set(err, BPW_ESQL, "%s: %s (%s)", what, msg,
				     st->path);
	}
}

int store_prepare(struct store *st, const char *sql, sqlite3_stmt **out,
		  struct bpw_error *err)
{
	int rc = sqlite3_prepare_v2(st->db, sql, -1, out, NULL);

	if (rc != SQLITE_OK)
		return store_fail(st, rc, err, "cannot prepare a query");
	return 0;
}

int store_cached(struct store *st, const char *sql, sqlite3_stmt **out,
		 struct bpw_error *err)
{
	size_t i;
	int rc;

	for (i = 0; i < STORE_CACHE && st->cache[i].sql; i++)
		if (st->cache[i].sql == sql) {
			sqlite3_reset(st->cache[i].stmt);
			sqlite3_clear_bindings(st->cache[i].stmt);
			*out = st->cache[i].stmt;
			return 0;
		}
	rc = store_prepare(st, sql, out, err);
	if (rc != 0)
		return rc;
	if (i < STORE_CACHE) {
		st->cache[i].sql = sql;
		st->cache[i].stmt = *out;
		return 0;
	}
	/* Cache full: a programming error; refuse rather than leak. */
	sqlite3_finalize(*out);
	*out = NULL;
	return bpw_error_set(err, BPW_EINVAL, "statement cache full");
}

int store_tx_enter(struct store *st, bool *own, struct bpw_error *err)
{
	*own = sqlite3_get_autocommit(st->db) != 0;
	if (!*own)
		return 0;
	return store_begin(st, err);
}

int store_tx_leave(struct store *st, bool own, int rc, struct bpw_error *err)
{
	if (!own)
		return rc;
	if (rc != 0) {
		store_rollback(st);
		return rc;
	}
	return store_commit(st, err);
}

int store_fetch_rows(struct store *st, sqlite3_stmt *q, size_t elem_size,
		     store_row_fn read, void **items, size_t *count,
		     struct bpw_error *err, const char *what)
{
	size_t cap = *count;
	char *arr = *items;
	int rc;

	while ((rc = sqlite3_step(q)) == SQLITE_ROW) {
		if (*count == cap) {
			cap = cap ? cap * 2 : 16;
			arr = xrealloc(arr, cap * elem_size);
			*items = arr;
		}
		memset(arr + *count * elem_size, 0, elem_size);
		read(q, arr + *count * elem_size);
		++*count;
	}
	sqlite3_reset(q);
	if (rc != SQLITE_DONE)
		return store_fail(st, rc, err, what);
	return 0;
}

int store_step_id(struct store *st, sqlite3_stmt *q, int64_t *id,
		  struct bpw_error *err, const char *what)
{
	int rc = sqlite3_step(q);

	if (rc == SQLITE_ROW)
		*id = sqlite3_column_int64(q, 0);
	sqlite3_reset(q);
	if (rc == SQLITE_ROW)
		return 0;
	return rc == SQLITE_DONE ? BPW_ENOENT : store_fail(st, rc, err, what);
}

int store_bind_text(sqlite3_stmt *q, int idx, const char *s, bool empty_is_null)
{
	if (s == NULL || (empty_is_null && *s == '\0'))
		return sqlite3_bind_null(q, idx);
	return sqlite3_bind_text(q, idx, s, -1, SQLITE_TRANSIENT);
}

char *store_column_text(sqlite3_stmt *q, int idx, bool not_null)
{
	const unsigned char *t = sqlite3_column_text(q, idx);

	if (t == NULL)
		return not_null ? xstrdup("") : NULL;
	return xstrdup((const char *)t);
}

char *store_column_texts(sqlite3_stmt *q, const struct store_text_col *cols,
			 size_t n)
{
	size_t i, len = 0;
	char *buf, *at;

	for (i = 0; i < n; i++) {
		const char *t = (const char *)sqlite3_column_text(q, cols[i].idx);

		len += t ? strlen(t) + 1 : !cols[i].nullable;
	}
	buf = at = xmalloc(len ? len : 1);
	for (i = 0; i < n; i++) {
		const char *t = (const char *)sqlite3_column_text(q, cols[i].idx);
		size_t l = t ? strlen(t) : 0;

		if (t == NULL && cols[i].nullable) {
			*cols[i].out = NULL;
			continue;
		}
		memcpy(at, t ? t : "", l + 1);
		*cols[i].out = at;
		at += l + 1;
	}
	return buf;
}

void store_library_init(void)
{
	sqlite3_config(SQLITE_CONFIG_MEMSTATUS, 0);
	sqlite3_initialize();
}

int store_foreign_keys(struct store *st, bool on, struct bpw_error *err)
{
	int rc;

	if (!sqlite3_get_autocommit(st->db))
		return bpw_error_set(err, BPW_EINVAL, "foreign keys cannot be "
				     "switched inside a transaction");
	rc = sqlite3_exec(st->db, on ? "PRAGMA foreign_keys=ON" : "PRAGMA foreign_keys=OFF",
			  NULL, NULL, NULL);
	return rc == SQLITE_OK ? 0 : store_fail(st, rc, err, "cannot switch foreign keys");
}

int store_begin(struct store *st, struct bpw_error *err)
{
	int rc;

	if (st->readonly)
		return bpw_error_set(err, BPW_EREADONLY,
				     "cannot write: the database is opened "
				     "read-only (%s)%s%s", st->path,
				     st->ro_why[0] ? ": " : "", st->ro_why);
	rc = sqlite3_exec(st->db, "BEGIN IMMEDIATE", NULL, NULL, NULL);
	if (rc != SQLITE_OK)
		return store_fail(st, rc, err, "cannot start a write");
	st->changes = sqlite3_total_changes64(st->db);
	st->cache_tx = false;
	return 0;
}

int store_begin_cache(struct store *st, bool *busy, struct bpw_error *err)
{
	int rc;

	*busy = false;
	if (st->readonly)
		return bpw_error_set(err, BPW_EREADONLY, "the database is read-only");
	sqlite3_busy_timeout(st->db, 0);
	rc = sqlite3_exec(st->db, "BEGIN IMMEDIATE", NULL, NULL, NULL);
	sqlite3_busy_timeout(st->db, STORE_BUSY_MS);
	if (rc == SQLITE_BUSY || rc == SQLITE_LOCKED) {
		*busy = true;
		return bpw_error_set(err, BPW_EBUSY, "another process is writing");
	}
	if (rc != SQLITE_OK)
		return store_fail(st, rc, err, "cannot start a write");
	st->changes = sqlite3_total_changes64(st->db);
	st->cache_tx = true;
	return 0;
}

/* A transaction of store_begin that changed something moves the data
 * clock on, in the same transaction: what was judged before it is stale. */
static int store_tick(struct store *st)
{
	if (st->cache_tx || st->version < 16 ||
	    sqlite3_total_changes64(st->db) == st->changes)
		return SQLITE_OK;
	return sqlite3_exec(st->db, "UPDATE data_clock SET n = n + 1", NULL, NULL, NULL);
}

int store_data_clock(struct store *st, int64_t *out, struct bpw_error *err)
{
	sqlite3_stmt *q;
	int rc;

	*out = 0;
	if (st->version < 16)
		return 0;
	rc = store_cached(st, "SELECT n FROM data_clock WHERE id = 1", &q, err);
	if (rc != 0)
		return rc;
	rc = sqlite3_step(q);
	if (rc == SQLITE_ROW)
		*out = sqlite3_column_int64(q, 0);
	sqlite3_reset(q);
	if (rc != SQLITE_ROW && rc != SQLITE_DONE)
		return store_fail(st, rc, err, "cannot read the data clock");
	return 0;
}

void store_set_bulk(struct store *st, bool on)
{
	st->bulk = on;
	if (st->version < 16 || sqlite3_get_autocommit(st->db)) {
		st->clock_off = false;	/* none, or rolled back with the rest */
		return;
	}
	/* The triggers cost a fifth of a large import's time; the commit moves
	 * the clock for all of its rows at once. */
	if (on && !st->clock_off)
		st->clock_off = sqlite3_exec(st->db, schema_obs_clock_off, NULL, NULL,
					     NULL) == SQLITE_OK;
	else if (!on && st->clock_off)
		st->clock_off = sqlite3_exec(st->db, schema_obs_clock_on, NULL, NULL,
					     NULL) != SQLITE_OK;
}

int store_commit(struct store *st, struct bpw_error *err)
{
	int rc;

	if (st->clock_off) {	/* never commit a database without them */
		store_rollback(st);
		return bpw_error_set(err, BPW_ESQL, "cannot put the data clock's "
				     "triggers back; nothing was written");
	}
	rc = store_tick(st);

	if (rc == SQLITE_OK) {
		/* A cache is not worth a wait: in rollback mode its COMMIT
		 * would wait up to the busy timeout for every reader to let
		 * go, the dashboard frozen meanwhile; busy, it is rolled back
		 * and the next start stores it. */
		if (st->cache_tx)
			sqlite3_busy_timeout(st->db, 0);
		saving = !st->cache_tx;
		rc = sqlite3_exec(st->db, "COMMIT", NULL, NULL, NULL);
		saving = 0;
		if (st->cache_tx)
			sqlite3_busy_timeout(st->db, STORE_BUSY_MS);
	}
	if (rc == SQLITE_OK && !st->cache_tx && sqlite3_total_changes64(st->db) != st->changes)
		saved_any = 1;
	st->changes = sqlite3_total_changes64(st->db);
	st->cache_tx = false;
	if (rc != SQLITE_OK) {
		rc = store_fail(st, rc, err, "cannot commit");
		store_rollback(st);
		return rc;
	}
	return 0;
}

void store_rollback(struct store *st)
{
	if (!sqlite3_get_autocommit(st->db))
		sqlite3_exec(st->db, "ROLLBACK", NULL, NULL, NULL);
	st->cache_tx = false;
	st->clock_off = false;
	st->changes = sqlite3_total_changes64(st->db);
}

int store_exec_script(struct store *st, const char *sql, struct bpw_error *err)
{
	char *msg = NULL;
	int rc;

	rc = store_begin(st, err);
	if (rc != 0)
		return rc;
	rc = sqlite3_exec(st->db, sql, NULL, NULL, &msg);
	if (rc != SQLITE_OK) {
		rc = bpw_error_set(err, BPW_ESQL, "script failed: %s",
				   msg ? msg : sqlite3_errstr(rc));
		sqlite3_free(msg);
		store_rollback(st);
		return rc;
	}
	return store_commit(st, err);
}

/* Reads one integer PRAGMA or query result. */
static int store_query_int(struct store *st, const char *sql, int *out,
			   struct bpw_error *err)
{
	sqlite3_stmt *q;
	int rc;

	rc = sqlite3_prepare_v2(st->db, sql, -1, &q, NULL);
	if (rc == SQLITE_OK) {
		rc = sqlite3_step(q);
		if (rc == SQLITE_ROW) {
			*out = sqlite3_column_int(q, 0);
			rc = SQLITE_OK;
		}
	}
	sqlite3_finalize(q);
	if (rc != SQLITE_OK)
		return store_fail(st, rc, err, "cannot read the database");
	return 0;
}

int store_data_version(struct store *st, int *out, struct bpw_error *err)
{
	return store_query_int(st, "PRAGMA data_version", out, err);
}

int store_cache_size(struct store *st, int size, int *prev, struct bpw_error *err)
{
	char sql[48];
	int rc;

	if (prev) {
		rc = store_query_int(st, "PRAGMA cache_size", prev, err);
		if (rc != 0)
			return rc;
	}
	/* A PRAGMA takes no bound parameters; size is a number, not data. */
	snprintf(sql, sizeof(sql), "PRAGMA cache_size = %d", size);
	rc = sqlite3_exec(st->db, sql, NULL, NULL, NULL);
	return rc == SQLITE_OK ? 0 : store_fail(st, rc, err, "cannot size the page cache");
}

/* The directory part of path, in buf. */
static void store_dirname(const char *path, char *buf, size_t n)
{
	char tmp[4096];

	snprintf(tmp, sizeof(tmp), "%s", path);
	snprintf(buf, n, "%s", dirname(tmp));
}

/* Network filesystems where WAL's shared memory does not work. */
static bool store_on_network_fs(const char *path)
{
	char dir[4096];
	struct statfs fs;

	store_dirname(path, dir, sizeof(dir));
	if (statfs(dir, &fs) != 0)
		return false;
	switch ((unsigned long)fs.f_type) {
	case 0x6969UL:		/* NFS */
	case 0xFF534D42UL:	/* CIFS */
	case 0xFE534D42UL:	/* SMB2 */
	case 0x517BUL:		/* SMB */
	case 0x65735546UL:	/* FUSE (sshfs and friends) */
	case 0x564cUL:		/* NCP */
		return true;
	default:
		return false;
	}
}

/* Checks, before SQLite touches it, that path is a place for a database: its
 * directory exists, and an existing file starts with the SQLite header.
 * Sets *exists and *empty. */
static int store_check_file(const char *path, bool *exists, bool *empty,
			    struct bpw_error *err)
{
	static const char magic[16] = "SQLite format 3";
	char dir[4096], head[16];
	struct stat sb;
	ssize_t n;
	int fd;

	*exists = *empty = false;
	if (stat(path, &sb) != 0) {
		if (errno != ENOENT)
			return bpw_error_set(err, BPW_EIO, "cannot open %s: %s",
					     path, strerror(errno));
		store_dirname(path, dir, sizeof(dir));
		if (stat(dir, &sb) != 0)
			return bpw_error_set(err, BPW_ENOENT,
					     "directory %s does not exist "
					     "(for database %s)", dir, path);
		if (!S_ISDIR(sb.st_mode))
			return bpw_error_set(err, BPW_ENOENT,
					     "%s is not a directory (for "
					     "database %s)", dir, path);
		return 0;
	}
	*exists = true;
	if (!S_ISREG(sb.st_mode))	/* never read as empty, never written */
		return bpw_error_set(err, BPW_EINVAL, "%s is %s, not a database file",
				     path, S_ISDIR(sb.st_mode) ? "a directory"
				     : S_ISFIFO(sb.st_mode) ? "a named pipe (fifo)"
				     : S_ISCHR(sb.st_mode) ? "a character device"
				     : S_ISBLK(sb.st_mode) ? "a block device"
				     : S_ISSOCK(sb.st_mode) ? "a socket" : "not a regular file");
	if (sb.st_size == 0) {
		*empty = true;
		return 0;
	}
	fd = open(path, O_RDONLY | O_CLOEXEC);
	if (fd < 0)
		return bpw_error_set(err, BPW_EIO, "cannot open %s: %s", path,
				     strerror(errno));
	n = read(fd, head, sizeof(head));
	close(fd);
	if (n != (ssize_t)sizeof(head) || memcmp(head, magic, sizeof(magic)) != 0)
		return bpw_error_set(err, BPW_ENOTDB,
				     "%s is not a SQLite database (refusing "
				     "to touch it)", path);
	return 0;
}

/* Creates a new empty file at path with mode 0600 (never widened by umask). */
static int store_create_file(const char *path, struct bpw_error *err)
{
	int fd = open(path, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0600);

	if (fd < 0)
		return bpw_error_set(err, errno == EEXIST ? BPW_EEXIST : BPW_EIO,
				     "cannot create %s: %s", path,
				     strerror(errno));
	if (fchmod(fd, 0600) != 0) {
		int e = errno;

		close(fd);
		unlink(path);
		return bpw_error_set(err, BPW_EIO, "cannot set mode 0600 on %s: %s",
				     path, strerror(e));
	}
	close(fd);
	return 0;
}

/* Removes a database file we created, with its journal companions. */
static void store_remove_files(const char *path)
{
	static const char *const suffix[] = { "", "-wal", "-shm", "-journal" };
	char buf[4200];
	size_t i;

	for (i = 0; i < sizeof(suffix) / sizeof(suffix[0]); i++) {
		snprintf(buf, sizeof(buf), "%s%s", path, suffix[i]);
		unlink(buf);
	}
}

/* Checks that the open file is a bpowatch database this build can use, and
 * reads its schema version; changes nothing. */
static int store_check(struct store *st, bool fresh, struct bpw_error *err)
{
	int app, tables, rc;

	rc = store_query_int(st, "PRAGMA application_id", &app, err);
	if (rc == 0)
		rc = store_query_int(st, "SELECT count(*) FROM sqlite_master",
				     &tables, err);
	if (rc == 0)
		rc = schema_version(st->db, &st->version, err);
	if (rc != 0) {
		if (rc == BPW_ENOTDB || rc == BPW_ESQL)
			return bpw_error_set(err, BPW_ENOTDB,
					     "%s is not a SQLite database (or "
					     "is damaged): %s", st->path,
					     sqlite3_errmsg(st->db));
		return rc;
	}
	if (app != 0 && app != SCHEMA_APPLICATION_ID)
		return bpw_error_set(err, BPW_ENOTDB,
				     "%s is a SQLite database of another "
				     "application (application_id 0x%08x), "
				     "not a bpowatch database", st->path,
				     (unsigned)app);
	if (app == 0 && tables > 0)
		return bpw_error_set(err, BPW_ENOTDB,
				     "%s is a SQLite database but not a "
				     "bpowatch one (it has %d tables and no "
				     "bpowatch marker)", st->path, tables);
	if (st->version > SCHEMA_VERSION)
		return bpw_error_set(err, BPW_ENEWER,
				     "%s has schema version %d, newer than "
				     "this bpowatch knows (%d): upgrade "
				     "bpowatch", st->path, st->version,
				     SCHEMA_VERSION);
	if (st->version == 0 && !fresh)
		return bpw_error_set(err, BPW_ENOTDB,
				     "%s is an empty database: create it with "
				     "`bpowatch init`", st->path);
	if (st->version < SCHEMA_VERSION && st->readonly)
		return bpw_error_set(err, BPW_EREADONLY,
				     "%s has schema version %d and needs an "
				     "upgrade to %d, but it is read-only",
				     st->path, st->version, SCHEMA_VERSION);
	return 0;
}

/* Brings an older (or new, empty) database up to SCHEMA_VERSION. */
static int store_upgrade(struct store *st, struct bpw_error *err)
{
	int rc;

	if (st->version >= SCHEMA_VERSION)
		return 0;
	rc = schema_migrate(st->db, SCHEMA_VERSION, err);
	if (rc == 0)
		st->version = SCHEMA_VERSION;
	return rc;
}

/* Sets WAL (or DELETE on a network filesystem), foreign keys. */
static int store_configure(struct store *st, struct bpw_error *err)
{
	const char *mode = "PRAGMA journal_mode=WAL";
	int rc;

	if (!st->readonly) {
		if (store_on_network_fs(st->path)) {
			mode = "PRAGMA journal_mode=DELETE";
			snprintf(st->warning, sizeof(st->warning),
				 "%s is on a network filesystem: WAL is off, "
				 "so readers wait for writers", st->path);
		}
		/* Switching to WAL needs the file to itself: while another
		 * process has it open (a database still in rollback mode, e.g.
		 * a fresh copy of the sample) it stays as it is this time, and
		 * the next opener switches it, rather than waiting for the busy
		 * timeout and failing. Leaving WAL on a network filesystem is
		 * not optional (WAL's shared memory does not work there): it
		 * waits like any write, and fails saying so. */
		bool to_wal = strstr(mode, "WAL") != NULL;

		if (to_wal)
			sqlite3_busy_timeout(st->db, 0);
		rc = sqlite3_exec(st->db, mode, NULL, NULL, NULL);
		if (to_wal)
			sqlite3_busy_timeout(st->db, STORE_BUSY_MS);
		if (to_wal && ((rc & 0xff) == SQLITE_BUSY || (rc & 0xff) == SQLITE_LOCKED))
			rc = SQLITE_OK;
		if (rc != SQLITE_OK)
			return store_fail(st, rc, err, "cannot set the journal mode");
	}
	rc = sqlite3_exec(st->db, "PRAGMA foreign_keys=ON", NULL, NULL, NULL);
	if (rc != SQLITE_OK)
		return store_fail(st, rc, err, "cannot enable foreign keys");
	st->changes = sqlite3_total_changes64(st->db);
	return 0;
}

/* Writes each statement as run, with its parameters bound, ending in ';'
 * (what the benchmark replays in the sqlite3 tool as a lower bound). */
static int trace_stmt(unsigned type, void *ctx, void *p, void *x)
{
	FILE *fp = ctx;
	char *sql;

	(void)type;
	if (x && strncmp(x, "--", 2) == 0)	/* a trigger's inner statement */
		return 0;
	sql = sqlite3_expanded_sql(p);
	if (sql)
		fprintf(fp, "%s;\n", sql);
	sqlite3_free(sql);
	return 0;
}

/* With BPOWATCH_TRACE_SQL=FILE every statement is appended to FILE. */
static void store_trace(struct store *st)
{
	const char *path = getenv("BPOWATCH_TRACE_SQL");

	if (path == NULL || path[0] == '\0')
		return;
	if (st->trace == NULL) {
		st->trace = fopen(path, "a");
		if (st->trace == NULL)
			return;
		setvbuf(st->trace, NULL, _IOLBF, 0);
	}
	sqlite3_trace_v2(st->db, SQLITE_TRACE_STMT, trace_stmt, st->trace);
}

/* Opens st's connection with oflags (SQLITE_OPEN_READONLY/READWRITE). */
static int store_connect(struct store *st, int oflags, struct bpw_error *err)
{
	int rc = sqlite3_open_v2(st->path, &st->db, oflags | SQLITE_OPEN_NOMUTEX,
				 NULL);

	if (rc != SQLITE_OK)
		return bpw_error_set(err, BPW_EIO, "cannot open %s: %s", st->path,
				     st->db ? sqlite3_errmsg(st->db)
					    : sqlite3_errstr(rc));
	sqlite3_extended_result_codes(st->db, 1);
	sqlite3_busy_timeout(st->db, STORE_BUSY_MS);
	store_trace(st);
	return 0;
}

/* Reopens st read-only as an immutable file (URI immutable=1), with a
 * warning: changes other processes make will not show until restart.
 * SQLite takes no lock on such a file, so a write by its owner while it
 * is read can be seen half done (mixed pages, or SQLITE_CORRUPT): the
 * price of not leaving -wal/-shm files the owner could not write,
 * documented in bpowatch(1). */
static int store_open_immutable(struct store *st, struct bpw_error *err)
{
	static const char hex[] = "0123456789ABCDEF";
	size_t n = strlen(st->path), i, j = 0;
	char *uri = xmalloc(n * 3 + 32);
	int rc;

	memcpy(uri, "file:", 5);
	j = 5;
	for (i = 0; i < n; i++) {
		unsigned char c = (unsigned char)st->path[i];

		if (c == '%' || c == '?' || c == '#' || c < 0x21 || c >= 0x7f) {
			uri[j++] = '%';
			uri[j++] = hex[c >> 4];
			uri[j++] = hex[c & 15];
		} else {
			uri[j++] = (char)c;
		}
	}
	memcpy(uri + j, "?immutable=1", 13);
	sqlite3_close_v2(st->db);
	rc = sqlite3_open_v2(uri, &st->db, SQLITE_OPEN_READONLY | SQLITE_OPEN_URI |
			     SQLITE_OPEN_NOMUTEX, NULL);
	free(uri);
	if (rc != SQLITE_OK)
		return store_fail(st, rc, err, "cannot open read-only");
	sqlite3_extended_result_codes(st->db, 1);
	store_trace(st);
	snprintf(st->warning, sizeof(st->warning),
		 "%.180s is read-only here and in WAL mode: showing it as it "
		 "is now; restart to see later changes", st->path);
	bpw_error_clear(err);
	return 0;
}

/* "mode 0644, owner NAME" of path, for messages about permissions. */
static void store_describe_perms(const char *path, char *buf, size_t n)
{
	struct stat sb;
	struct passwd *pw;

	if (stat(path, &sb) != 0) {
		snprintf(buf, n, "%s", strerror(errno));
		return;
	}
	pw = getpwuid(sb.st_uid);
	if (pw)
		snprintf(buf, n, "mode %04o, owner %.40s", (unsigned)(sb.st_mode & 07777),
			 pw->pw_name);
	else
		snprintf(buf, n, "mode %04o, owner uid %u", (unsigned)(sb.st_mode & 07777),
			 (unsigned)sb.st_uid);
}

/* Whether this process can write the database at path: the file itself,
 * and the -wal and -shm files beside it, which SQLite creates in its
 * directory (or must be able to write when they are there). When it cannot,
 * why, with the file at fault and its permissions, in why. */
static bool store_writable(const char *path, char *why, size_t n)
{
	char side[4200], dir[4096], perms[80];
	const char *const ext[] = { "-wal", "-shm" };
	bool dir_ok, sides_exist = true;
	size_t i;

	if (access(path, W_OK) != 0) {
		store_describe_perms(path, perms, sizeof(perms));
		snprintf(why, n, "you may not write the file (%s)", perms);
		return false;
	}
	store_dirname(path, dir, sizeof(dir));
	dir_ok = access(dir, W_OK) == 0;
	for (i = 0; i < 2; i++) {
		snprintf(side, sizeof(side), "%s%s", path, ext[i]);
		if (access(side, F_OK) != 0) {
			sides_exist = false;
		} else if (access(side, W_OK) != 0) {
			store_describe_perms(side, perms, sizeof(perms));
			snprintf(why, n, "you may not write %.120s (%s), which SQLite "
				 "keeps beside it", side, perms);
			return false;
		}
	}
	if (!dir_ok && !sides_exist) {
		store_describe_perms(dir, perms, sizeof(perms));
		snprintf(why, n, "you may not write its directory %.120s (%s), where "
			 "SQLite keeps the -wal and -shm files", dir, perms);
		return false;
	}
	return true;
}

/* Whether the database file at path is in WAL mode (its header's read
 * and write versions are 2). */
static bool store_file_is_wal(const char *path)
{
	unsigned char h[20];
	int fd = open(path, O_RDONLY | O_CLOEXEC | O_NONBLOCK);
	bool wal = false;

	if (fd < 0)
		return false;
	wal = read(fd, h, sizeof(h)) == (ssize_t)sizeof(h) && h[18] == 2 && h[19] == 2;
	close(fd);
	return wal;
}

/* The -wal and -shm files this process made beside a database shared by a
 * group get the database file's group. SQLite gives them the file's mode,
 * but the group of the process that made them outside a setgid directory,
 * and the owner, not in that group, could then not open the database. */
static void store_share_sides(const char *path)
{
	const char *const ext[] = { "-wal", "-shm" };
	char side[4200];
	struct stat db, sb;
	size_t i;

	if (stat(path, &db) != 0 || !S_ISREG(db.st_mode))
		return;
	for (i = 0; i < 2; i++) {
		snprintf(side, sizeof(side), "%s%s", path, ext[i]);
		if (stat(side, &sb) == 0 && sb.st_uid == geteuid() && S_ISREG(sb.st_mode) &&
		    sb.st_gid != db.st_gid && chown(side, (uid_t)-1, db.st_gid) != 0)
			continue;	/* not a member of its group: nothing to do */
	}
}

/* Whether a reader who may not write the database would make its -wal and
 * -shm files: they are not there (no one has the database open), and SQLite
 * would make them with the database file's mode, which the group may only
 * read, so its owner could not write them after this reader. */
static bool store_reader_would_lock_out(const char *path)
{
	char side[4200];
	struct stat sb;

	if (!store_file_is_wal(path) || stat(path, &sb) != 0 || (sb.st_mode & S_IWGRP) ||
	    sb.st_uid == geteuid())
		return false;
	snprintf(side, sizeof(side), "%s-shm", path);
	return access(side, F_OK) != 0;
}

/* A side file (-wal, -shm) this process may not read (or, to write, not
 * write) makes SQLite say the database is not one: named as what it is. */
static int store_side_blame(struct store *st, bool write, struct bpw_error *err)
{
	const char *const ext[] = { "-wal", "-shm" };
	char side[4200], perms[80];
	size_t i;

	for (i = 0; i < 2; i++) {
		snprintf(side, sizeof(side), "%s%s", st->path, ext[i]);
		if (access(side, F_OK) != 0 ||
		    access(side, write ? R_OK | W_OK : R_OK) == 0)
			continue;
		store_describe_perms(side, perms, sizeof(perms));
		return bpw_error_set(err, BPW_EREADONLY, "cannot open %s: you may not %s "
				     "%s (%s), which SQLite keeps beside it; a database "
				     "shared by a group needs its files and a setgid "
				     "directory writable by the group (see FILES in "
				     "bpowatch(1))", st->path, write ? "write" : "read",
				     side, perms);
	}
	return 0;
}

int store_open(const char *path, unsigned flags, struct store **out,
	       struct bpw_error *err)
{
	struct store *st;
	bool exists, empty, created = false;
	int rc;

	*out = NULL;
	rc = store_check_file(path, &exists, &empty, err);
	if (rc != 0)
		return rc;
	if (!exists) {
		if (!(flags & STORE_CREATE))
			return bpw_error_set(err, BPW_ENOENT,
					     "no database at %s (create one with "
					     "`bpowatch init`, or try `bpowatch "
					     "--demo`)", path);
		rc = store_create_file(path, err);
		if (rc != 0)
			return rc;
		created = true;
	}
	if (empty && !(flags & STORE_CREATE))
		return bpw_error_set(err, BPW_ENOTDB,
				     "%s is an empty file, not a bpowatch "
				     "database (create one with `bpowatch "
				     "init`)", path);

	st = calloc(1, sizeof(*st));
	if (st == NULL || (st->path = strdup(path)) == NULL) {
		free(st);
		if (created)
			store_remove_files(path);
		return bpw_error_set(err, BPW_ENOMEM, "out of memory");
	}
	{
		char wal[4200];

		snprintf(wal, sizeof(wal), "%s-wal", path);
		st->had_wal = access(wal, F_OK) == 0;
	}
	if (flags & STORE_READONLY) {
		st->readonly = true;
		snprintf(st->ro_why, sizeof(st->ro_why), "on purpose (--read-only, or "
			 "the read_only setting)");
	} else {
		st->readonly = !store_writable(path, st->ro_why, sizeof(st->ro_why));
	}
	if (exists && !empty) {
		/* Look first through a read-only connection: refusing a file
		 * must not change it, and closing a read-write connection on
		 * someone else's WAL database would checkpoint it. A reader
		 * who may not write a database no one has open would leave
		 * -wal and -shm files its owner could not write: it reads a
		 * snapshot instead. */
		if (st->readonly && access(path, W_OK) != 0 &&
		    store_reader_would_lock_out(path))
			rc = store_open_immutable(st, err);
		else
			rc = store_connect(st, SQLITE_OPEN_READONLY, err);
		if (rc == 0)	/* init may fill an empty SQLite file */
			rc = store_check(st, (flags & STORE_CREATE) != 0, err);
		if (rc == BPW_EREADONLY && st->readonly && st->version == 0) {
			/* A WAL database in a directory we cannot write:
			 * SQLite cannot make the -shm file; read a snapshot. */
			rc = store_open_immutable(st, err);
			if (rc == 0)
				rc = store_check(st, false, err);
		}
		if (rc != 0 || st->readonly)
			goto checked;
		sqlite3_close_v2(st->db);
		st->db = NULL;
	}
	rc = store_connect(st, SQLITE_OPEN_READWRITE, err);
	if (rc == 0 && (created || empty))
		rc = store_check(st, true, err);
	if (rc == 0)
		rc = store_upgrade(st, err);
checked:
	if (rc == 0)
		rc = store_configure(st, err);
	if (rc == BPW_ENOTDB || rc == BPW_ESQL) {
		struct bpw_error why;

		bpw_error_clear(&why);
		if (store_side_blame(st, !st->readonly, &why) != 0) {
			*err = why;
			rc = why.code;
		}
	}
	if (rc != 0)
		goto fail;
	store_share_sides(path);
	*out = st;
	return 0;

fail:
	store_close(st);
	if (created)
		store_remove_files(path);
	return rc;
}

int store_open_sibling(const struct store *st, struct store **out,
		       struct bpw_error *err)
{
	struct store *sib;
	int rc;

	*out = NULL;
	if (st->warning[0] && st->readonly)
		return bpw_error_set(err, BPW_EINVAL, "%s is open as an "
				     "immutable snapshot", st->path);
	sib = xcalloc(1, sizeof(*sib));
	sib->path = xstrdup(st->path);
	sib->readonly = true;
	sib->version = st->version;
	/* No store_check_file here: opening and closing the file with
	 * open(2) would drop every POSIX lock this process holds on it,
	 * the other connection's too (see store_open_sibling in store.h). */
	rc = store_connect(sib, SQLITE_OPEN_READONLY, err);
	if (rc != 0) {
		store_close(sib);
		return rc;
	}
	*out = sib;
	return 0;
}

/* A reader of a WAL database makes the -wal and -shm files, and only the
 * last read-write connection to close removes them again. When a read-only
 * store made them, a read-write connection that reads and writes nothing
 * lets SQLite do that (it does, only when no one else has the database
 * open), so looking leaves the directory as it was. */
static void store_tidy_wal(const struct store *st)
{
	char wal[4200];
	sqlite3 *db;

	snprintf(wal, sizeof(wal), "%s-wal", st->path);
	if (st->had_wal || access(wal, F_OK) != 0 || access(st->path, W_OK) != 0)
		return;
	if (sqlite3_open_v2(st->path, &db, SQLITE_OPEN_READWRITE | SQLITE_OPEN_NOMUTEX,
			    NULL) == SQLITE_OK)
		sqlite3_exec(db, "SELECT count(*) FROM sqlite_schema", NULL, NULL, NULL);
	sqlite3_close(db);
}

void store_close(struct store *st)
{
	size_t i;

	if (st == NULL)
		return;
	for (i = 0; i < STORE_CACHE && st->cache[i].sql; i++)
		sqlite3_finalize(st->cache[i].stmt);
	sqlite3_close_v2(st->db);
	if (st->readonly && st->path)
		store_tidy_wal(st);
	if (st->trace)
		fclose(st->trace);
	free(st->path);
	free(st);
}

int store_copy_to(struct store *st, const char *path, struct bpw_error *err)
{
	sqlite3 *dst = NULL;
	sqlite3_backup *bk;
	int rc;

	rc = store_create_file(path, err);
	if (rc != 0)
		return rc;
	rc = sqlite3_open_v2(path, &dst, SQLITE_OPEN_READWRITE, NULL);
	if (rc == SQLITE_OK) {
		sqlite3_busy_timeout(dst, STORE_BUSY_MS);
		bk = sqlite3_backup_init(dst, "main", st->db, "main");
		if (bk == NULL) {
			rc = sqlite3_errcode(dst);
		} else {
			rc = sqlite3_backup_step(bk, -1);
			sqlite3_backup_finish(bk);
			rc = rc == SQLITE_DONE ? SQLITE_OK : rc;
		}
	}
	if (rc != SQLITE_OK) {
		rc = bpw_error_set(err, BPW_EIO, "cannot copy %s to %s: %s",
				   st->path, path, dst ? sqlite3_errmsg(dst)
						       : sqlite3_errstr(rc));
		sqlite3_close_v2(dst);
		store_remove_files(path);
		return rc;
	}
	sqlite3_close_v2(dst);
	return 0;
}
