/* store.h: the one SQLite file bpowatch keeps: opening, creating, migrating,
 * transactions, and the error mapping every data module shares. */
#ifndef BPW_STORE_H
#define BPW_STORE_H

#include <stdbool.h>
#include <stdint.h>
#include <sqlite3.h>

#include "error.h"

enum store_flags {
	STORE_CREATE = 1 << 0,	/* create the file (mode 0600) when missing */
	STORE_READONLY = 1 << 1,	/* open read-only even when writable */
};

struct store;

/* Opens the database at path, creating it with STORE_CREATE, checking that it
 * is a bpowatch database no newer than this build and migrating an older one.
 * Refuses, without changing the file: a missing directory, a file that is not
 * SQLite, another application's SQLite file, a newer schema. A file the user
 * cannot write opens read-only. *out is owned by the caller (store_close). */
int store_open(const char *path, unsigned flags, struct store **out,
	       struct bpw_error *err);

/* Closes the database and frees the store; NULL is allowed. */
void store_close(struct store *st);

/* The SQLite connection, for the core modules' prepared statements. */
/* A second, read-only connection to the database st has open (for a
 * reader thread). Unlike store_open it never opens the file itself:
 * closing any descriptor of a file drops all the POSIX locks the process
 * holds on it, including those of st's connection, and another process
 * would then take st's database for unused (and delete its WAL). Free
 * with store_close. */
int store_open_sibling(const struct store *st, struct store **out,
		       struct bpw_error *err);

sqlite3 *store_db(const struct store *st);

/* The path the store was opened with (owned by the store). */
const char *store_path(const struct store *st);

/* True when the store was opened read-only. */
bool store_is_readonly(const struct store *st);

/* A warning from opening (e.g. WAL off on a network filesystem), or NULL. */
const char *store_warning(const struct store *st);

/* The schema version of the open database. */
int store_schema_version(const struct store *st);

/* Starts a write transaction (BEGIN IMMEDIATE, so the busy timeout applies). */
int store_begin(struct store *st, struct bpw_error *err);

/* Starts a write that only keeps a result computed from the data (a
 * stored judgement): it does not move the data clock, and it never waits
 * for another writer (*busy true, BPW_EBUSY: try another time). */
int store_begin_cache(struct store *st, bool *busy, struct bpw_error *err);

/* The data clock: moved on by every committed transaction of store_begin
 * that changed a row, so that a result computed at one count is stale at
 * any other. 0 on a database older than schema 16. */
int store_data_clock(struct store *st, int64_t *out, struct bpw_error *err);

/* Commits the transaction started by store_begin (moving the data clock
 * on when it changed something) or store_begin_cache. */
int store_commit(struct store *st, struct bpw_error *err);

/* Whether this process has committed a change of data (safe to read in a
 * signal handler). */
bool store_saved_any(void);

/* Whether this process is inside the COMMIT of a change of data (safe to
 * read in a signal handler). */
bool store_saving(void);

/* Rolls back the open transaction, if any; never fails. */
void store_rollback(struct store *st);

/* Prepares sql (a constant string with bound parameters) on the store. */
int store_prepare(struct store *st, const char *sql, sqlite3_stmt **out,
		  struct bpw_error *err);

/* Like store_prepare for a static SQL string, but the statement is kept by
 * the store (keyed by the string's address) and handed out reset with its
 * bindings cleared. Do not finalize it. */
int store_cached(struct store *st, const char *sql, sqlite3_stmt **out,
		 struct bpw_error *err);

/* Starts a write transaction unless one is already open; *own tells
 * store_tx_leave whether this call started it. */
int store_tx_enter(struct store *st, bool *own, struct bpw_error *err);

/* Ends what store_tx_enter started: commits when rc is 0, else rolls back.
 * Returns rc, or the commit's error. */
int store_tx_leave(struct store *st, bool own, int rc, struct bpw_error *err);

/* Reads one result row of q into elem (zeroed beforehand). */
typedef void (*store_row_fn)(sqlite3_stmt *q, void *elem);

/* Steps q to its end, appending one element of elem_size bytes per row to
 * the array *items (grown as needed; the caller frees it, also on failure)
 * and counting them in *count; resets q. On failure err says what failed. */
int store_fetch_rows(struct store *st, sqlite3_stmt *q, size_t elem_size,
		     store_row_fn read, void **items, size_t *count,
		     struct bpw_error *err, const char *what);

/* Steps q once and resets it: 0 with its first column in *id when there
 * is a row; BPW_ENOENT, err untouched, when there is none; else the
 * SQLite error, prefixed by what. */
int store_step_id(struct store *st, sqlite3_stmt *q, int64_t *id,
		  struct bpw_error *err, const char *what);

/* Binds text, or NULL when s is NULL or (with empty_is_null) "". */
int store_bind_text(sqlite3_stmt *q, int idx, const char *s, bool empty_is_null);

/* Copy of a text column ("" for NULL when not_null, else NULL); caller frees. */
char *store_column_text(sqlite3_stmt *q, int idx, bool not_null);

/* A text column for store_column_texts: its index, where the pointer to
 * its copy goes, and whether NULL stays NULL (else it reads ""). */
struct store_text_col {
	int idx;
	const char **out;
	bool nullable;
};

/* Copies the text columns cols[0..n-1] of q's row into one allocation,
 * points each *cols[i].out at its copy and returns the allocation: the
 * caller frees it, and the copies with it. For the loaded structs whose
 * text fields are const (an input when the caller fills them). */
char *store_column_texts(sqlite3_stmt *q, const struct store_text_col *cols,
			 size_t n);

/* Why st is read-only ("" when it is not), for messages. */
const char *store_readonly_why(const struct store *st);

/* Fills err from the connection's last SQLite error rc, prefixed by what,
 * and returns the matching bpw_code (read-only, busy, constraint, ...). */
int store_fail(struct store *st, int rc, struct bpw_error *err, const char *what);

/* Runs a trusted SQL script (the bundled sample data) in one transaction. */
int store_exec_script(struct store *st, const char *sql, struct bpw_error *err);

/* Copies the whole database into a new file at path (mode 0600), consistent
 * even while other processes write. Fails if path exists. */
int store_copy_to(struct store *st, const char *path, struct bpw_error *err);

/* Counter that changes when another connection commits (PRAGMA data_version). */
int store_data_version(struct store *st, int *out, struct bpw_error *err);

/* Bulk mode (an import): the audit trail keeps one summary row for what
 * is added, and the values it changed under that row (see audit.h). */
void store_set_bulk(struct store *st, bool on);
bool store_bulk(const struct store *st);

/* Sets SQLite up for this program, before anything else touches it: no
 * global count of the memory SQLite holds (every allocation would take a
 * process-wide lock for it, and the loading threads would queue on it). */
void store_library_init(void);

/* Switches foreign-key enforcement (on after store_open); outside a
 * transaction only, where SQLite takes the setting. For a bulk writer that
 * has checked every reference itself, under its own write lock. */
int store_foreign_keys(struct store *st, bool on, struct bpw_error *err);

/* Sets the connection's page cache as PRAGMA cache_size does (negative: in
 * KiB, positive: in pages); *prev (may be NULL) gets the setting it had, to
 * give back afterwards. The cache grows only as pages are used. */
int store_cache_size(struct store *st, int size, int *prev, struct bpw_error *err);

#endif
