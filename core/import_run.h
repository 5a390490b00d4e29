/* import_run.h: the state of one import run, shared by the importer's
 * files (import.c: files, headers, simple rows; import_qa.c: QA audits).
 * Not a public API: nothing outside the importer includes it. */
#ifndef BPW_IMPORT_RUN_H
#define BPW_IMPORT_RUN_H

#include <stdint.h>

#include "csv.h"
#include "import.h"
#include "metric.h"
#include "observation.h"
#include "strpool.h"

/* The columns the importer knows (names in import_header.c). SCORE and
 * FAILED are what `qa export` works out: read back, they are recomputed. */
enum col {
	C_PARTNER, C_METRIC, C_PERIOD, C_SEGMENT, C_SOURCE, C_VALUE,
	C_CODE, C_NAME, C_SITE, C_COUNTRY, C_SERVICES, C_CONTRACT_START,
	C_CONTRACT_END, C_ANNUAL_VALUE, C_CURRENCY, C_OWNER, C_NOTES,
	C_ARCHIVED, C_DATE, C_KIND, C_TITLE, C_DETAIL,
	C_TEXT, C_DUE, C_STATUS, C_CREATED,
	C_REVIEW, C_REVIEWER, C_TEMPLATE, C_VERSION, C_SECTION, C_ITEM,
	C_WEIGHT, C_CRITICAL, C_ANSWER, C_PARTNER_ANSWER, C_ITEM_NOTE, C_REVIEW_NOTES,
	C_SCORE, C_FAILED,
	C_TARGET, C_ALERT, C_VALID_FROM, C_VALID_UNTIL, C_CREDIT, C_NOTE,
	C_COUNT
};

struct code_id {
	char *code;
	int64_t id;
};

struct import_stage;
struct qa_batch;
struct seen_slot;
struct tally_slot;

/* A dry run's figures per partner and metric while they are counted
 * (import_dry.c). Zeroed is empty. */
struct import_dry {
	struct tally_slot *slot;
	size_t cap, n;
};

/* The observation keys read so far in a run (import_seen.c). Zeroed is
 * empty. */
struct import_seen {
	struct seen_slot *slot;
	size_t cap, n;
	struct strpool segments;
};

/* An observation's key as the run knows it. */
struct import_key {
	int64_t partner_id;
	size_t metric;		/* index in the run's metric list */
	int period;		/* YYYYMM */
	const char *segment;
	enum obs_source source;
};

struct run {
	struct store *st;
	const struct import_opts *o;
	struct import_report *rep;
	struct csv_reader *r;
	int col[C_COUNT];	/* field index of each column, -1 absent */
	int *metric_col;	/* metric index per field, -1 (the header's names) */
	bool *ignored;		/* per field: skipped by --ignore-column */
	bool wide;		/* observations, a column per metric */
	size_t nfields;
	struct code_id *partners;
	size_t npartners;
	struct metric_list metrics;
	struct qa_batch *qa;	/* QA rows of the audit being read */
	bool obs_new;		/* the last observation was a new key */
	struct obs_idcache ids;		/* metric and segment ids, this transaction */
	struct code_id last_partner;	/* the partner found last (code NULL: none) */
	size_t last_metric;	/* index of the metric found last */
	const char *const *paths;	/* the run's files, and which is read */
	FILE **spooled;		/* per file: a pipe's or device's bytes, read
				 * once into a temporary file, or NULL */
	size_t file;
	struct import_seen seen;	/* observation keys read, and where */
	struct import_dry dry;		/* dry run: what would change */
	bool checking;		/* the pass that reads and checks every row
				 * before the write lock: nothing is written
				 * (import_writes) */
	int64_t next_new;	/* checking: the stand-in id (-1, -2, ...) of a
				 * partner --create-partners would add */
	char **folded;		/* checking, once a partner is to be added: every
				 * code in ASCII lower case, sorted */
	size_t nfolded;
	long long last_size;	/* bytes of the last file checked (progress) */
	struct import_stage *stage;	/* the checked rows, to be written set
					 * by set (import_apply.c); NULL: row
					 * by row */
};

/* Whether a row that passed its checks is written now: not while the
 * input is only being checked, nor after an error (nothing will be). */
bool import_writes(const struct run *u);

/* The index in u->metrics of the metric text names (its key, display
 * name or German name, as a header would); -1: none. */
int import_metric_index(const struct run *u, const char *text);

/* Header (import_header.c): finds the columns by the header's names and
 * the type from them when *type is IMPORT_AUTO; -1 when it cannot be
 * told. Records no error. */
int import_header_read(struct run *u, enum import_type *type);

/* False, with an error for each, when the file lacks a column its type
 * needs, or (observations) has one it would not read. */
bool import_header_check(struct run *u, enum import_type t);

/* Records why the type could not be told: every column that could not be
 * placed, with the nearest known name, and what each type needs. */
void import_header_unplaced(struct run *u);

/* Frees the header's columns of the current file. */
void import_header_free(struct run *u);

/* Records an error at line and column of the current file. */
void import_error(struct run *u, int line, int column, const char *fmt, ...)
	__attribute__((format(printf, 4, 5)));

/* Field of column c in the current row ("" when the column is absent),
 * with the formula guard of an exported file undone. */
const char *import_field(struct run *u, enum col c);

/* The documented name of column c. */
const char *import_col_name(enum col c);

/* The column (1-based, in characters) of column c in the current row. */
int import_column(struct run *u, enum col c);

/* A cell's text fit for a message: neutralised, cut to 30 columns. Caller
 * frees. */
char *import_quote(const char *v);

/* Reads the number in cell v (line, column col) into *out; false, with the
 * error recorded ("empty value", a thousands separator, not a number),
 * when it cannot. */
bool import_number(struct run *u, const char *v, int line, int col, double *out);

/* The partner of the row by code: known, created (--create-partners), or
 * an error; 0 on error. */
int64_t import_row_partner(struct run *u, int line);

/* Counts one upsert in the report. */
void import_count(struct run *u, enum upsert_result res);

/* Reads a "yes"/"no" cell (also true/false, 1/0) into *out; false when it
 * is neither (an empty cell is no). */
bool import_yes_no(const char *v, bool *out);

/* Remembers key as read at file (index into paths) and line; true, with
 * where it was read first, when the run has read it before. */
/* Makes room for n keys in all, so that adding them does not rehash. */
void import_seen_reserve(struct import_seen *s, size_t n);

bool import_seen_add(struct import_seen *s, const struct import_key *k,
		     size_t file, int line, size_t *was_file, int *was_line);

/* Frees what s holds and empties it. */
void import_seen_free(struct import_seen *s);

/* Dry run (import_dry.c): notes what the upsert of o (metric index mi)
 * did, and the value it replaced; at the end, the tallies into the report
 * (by partner code and metric key) and the bookkeeping freed. */
void import_dry_note(struct run *u, const struct observation *o, size_t mi,
		     enum upsert_result res, double old);
void import_dry_end(struct run *u);

/* The kinds of record other than observations whose key a run keeps:
 * their "periods" in import_seen, below any month's. */
enum record_tag { TAG_PARTNER = -1, TAG_EVENT = -2, TAG_ACTION = -3,
		  TAG_TARGET = -4 };

/* False, with an error naming both places, when the run has read a record
 * of this kind with this key before: an upsert would silently merge the
 * two, the later one winning. what says the record, its file text already
 * neutralised ("partner 'NEW1'"). */
bool import_first_record(struct run *u, int64_t partner, enum record_tag tag,
			 const char *key, const char *what, int col, int line);

/* The index of the metric a row's metric cell names (key, display or
 * German name), or -1 with the error recorded. */
int import_row_metric(struct run *u, int line);

/* Contract targets (import_target.c): one row of the current file. */
void import_target_row(struct run *u, int line);

/* QA audits (import_qa.c): one row of the current file; the end of the
 * file (stores the last audit); freeing what the batch holds. */
void import_qa_row(struct run *u, int line);
void import_qa_end(struct run *u);
void import_qa_free(struct run *u);

/* The set-based write (import_apply.c) of an import of observations:
 * import_stage_open, before the check reads the partners, notes the data
 * clock (u->stage stays NULL when it cannot); import_stage_start, after,
 * reads the ids; import_stage_row puts a checked row aside;
 * import_stage_end, after the check, keeps the codes of the partners to
 * add. Under the write lock, first of all, import_stage_verify drops
 * them when anything was written since the clock was read; then
 * import_apply writes them all and counts them in the report, *applied
 * false (nothing done) when they were dropped: the rows are then written
 * one by one.
 * import_stage_free lets go of the rows and of u->stage. */
void import_stage_open(struct run *u);
void import_stage_start(struct run *u);
void import_stage_row(struct run *u, const struct observation *o, size_t mi);
void import_stage_end(struct run *u);
bool import_staged(const struct run *u);
int import_stage_verify(struct run *u, struct bpw_error *err);
int import_apply(struct run *u, bool *applied, struct bpw_error *err);
void import_stage_free(struct run *u);

#endif
