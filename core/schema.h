/* schema.h: the database schema as a list of forward migrations. */
#ifndef BPW_SCHEMA_H
#define BPW_SCHEMA_H

#include <sqlite3.h>

#include "error.h"

/* The schema version this build creates and understands (PRAGMA user_version). */
#define SCHEMA_VERSION 17

/* The triggers that move the data clock on every change of an observation
 * (schema 16), left out while an import writes in bulk and put back before
 * it commits (store_set_bulk). */
extern const char schema_obs_clock_off[];
extern const char schema_obs_clock_on[];

/* The trigger that keeps audit_value append-only (schema 17): it costs a
 * fifth of a large correction's import, whose own rows need no guard, so
 * audit_append_import leaves it out for its one INSERT, inside the
 * import's transaction (no committed state is ever without it). */
extern const char schema_audit_value_guard_off[];
extern const char schema_audit_value_guard_on[];

/* Marks a SQLite file as a bpowatch database (PRAGMA application_id, "BPOW"). */
#define SCHEMA_APPLICATION_ID 0x42504f57

/* Runs the migrations from the database's current user_version up to target
 * (1..SCHEMA_VERSION) inside one BEGIN IMMEDIATE transaction; on failure
 * nothing is changed. Returns 0 or a negative bpw_code. */
int schema_migrate(sqlite3 *db, int target, struct bpw_error *err);

/* Reads PRAGMA user_version into *version. */
int schema_version(sqlite3 *db, int *version, struct bpw_error *err);

#endif
