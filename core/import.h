/* import.h: CSV files into the database, all or nothing: every row of every
 * file is checked, every error collected with FILE:LINE:COLUMN, and the
 * database changes only when there is none. Rows are upserted; the report
 * counts what was inserted, updated and unchanged. */
#ifndef BPW_IMPORT_H
#define BPW_IMPORT_H

#include <stdbool.h>
#include <stddef.h>

#include "error.h"
#include "metric.h"
#include "store.h"

#define IMPORT_TYPES(X) \
	X(AUTO, "auto") \
	X(PARTNERS, "partners") \
	X(OBSERVATIONS, "observations") \
	X(EVENTS, "events") \
	X(ACTIONS, "actions") \
	X(QA, "qa") \
	X(TARGETS, "targets")

enum import_type {
#define X(e, n) IMPORT_##e,
	IMPORT_TYPES(X)
#undef X
	IMPORT_TYPE_COUNT
};

struct import_opts {
	enum import_type type;	/* IMPORT_AUTO: from each file's header */
	bool dry_run;		/* check and count, change nothing */
	bool create_partners;	/* unknown partner codes become partners */
	const char *encoding;	/* the files' character set (NULL: UTF-8) */
	const struct metric *declared;	/* metrics the configuration declares: */
	size_t ndeclared;		/* known to the database before reading */
	const char *const *ignore;	/* columns skipped on purpose, by name */
	size_t nignore;
	size_t max_errors;	/* errors kept in the report (0: 20) */
	/* Called now and then with the bytes of the current file done, of
	 * total: twice its size, as it is read twice (checked, then
	 * written). */
	void (*progress)(const char *file, long long done, long long total,
			 void *ctx);
	void *ctx;
};

struct import_error {
	char *file;
	int line, column;
	char *msg;
};

/* A value a dry run would replace. */
struct import_change {
	char *partner, *metric, *segment;	/* segment "" is the total */
	char period[8];				/* YYYY-MM */
	const char *source;			/* "partner" or "client" */
	double old, value;
};

/* What a dry run would do to one partner's figures of one metric. */
struct import_tally {
	char *partner, *metric;
	size_t inserted, updated, unchanged;
};

#define IMPORT_MAX_CHANGES 1000	/* updates kept in a dry run's report */

struct import_report {
	struct import_error *errors;	/* the first max_errors */
	size_t nerrors;			/* kept */
	size_t total_errors;		/* found */
	struct import_error *warnings;	/* not errors: a file with no rows */
	size_t nwarnings;
	size_t rows, inserted, updated, unchanged, partners_created;
	size_t metrics_added;		/* declared metrics new to the database */
	enum import_type types[16];	/* what each of the first files was */
	/* Dry run of observations only: the first IMPORT_MAX_CHANGES updates
	 * in file order (changes_total counts them all), and the figures per
	 * partner and metric, by code and key. */
	struct import_change *changes;
	size_t nchanges, changes_total;
	struct import_tally *tallies;
	size_t ntallies;
};

/* Imports n files (the warnings in rep are there whatever the result). 0 when everything was stored (or, with dry_run, would
 * be); BPW_EINVAL when a row is bad (the errors are in rep, nothing
 * changed); another code in err for a database or file failure. */
int import_files(struct store *st, const char *const *paths, size_t n,
		 const struct import_opts *o, struct import_report *rep,
		 struct bpw_error *err);

/* The name of a type, and a type by name (-1: none). */
const char *import_type_name(enum import_type t);
int import_type_parse(const char *s);

/* Frees what rep holds. */
void import_report_free(struct import_report *rep);

#endif
