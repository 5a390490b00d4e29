/* qa_export.h: QA audits written out with every checklist item: CSV (one
 * row per item, which `bpowatch import` reads back), a JSON document, or a
 * Markdown table per audit. `qa export` and `export --type qa` share it. */
#ifndef BPW_QA_EXPORT_H
#define BPW_QA_EXPORT_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>

#include "error.h"
#include "qa_review.h"
#include "sheet.h"
#include "store.h"

enum qa_export_format { QA_EXPORT_CSV, QA_EXPORT_JSON, QA_EXPORT_MD };

/* The columns of the item rows (the CSV header). */
#define QA_EXPORT_NCOLS 18
extern const char *const qa_export_columns[QA_EXPORT_NCOLS];

/* A format by name: "csv", "json" or "md"; -1 for anything else. */
int qa_export_format_parse(const char *name);

/* Loads the reviews ids[0..n) one at a time (cap: the score cap after a
 * critical fail) and writes their item rows to sh, which was opened with
 * qa_export_columns. The review column holds the database id, or with
 * renumber the review's number in the file (1, 2, ...): a file that
 * depends on the data alone, the same after a round trip. */
int qa_export_rows(struct store *st, const int64_t *ids, size_t n, double cap,
		   bool renumber, struct sheet *sh, struct bpw_error *err);

/* Writes the reviews ids[0..n), in that order, to f in format fmt. */
int qa_export_write(struct store *st, const int64_t *ids, size_t n, double cap,
		    enum qa_export_format fmt, FILE *f, struct bpw_error *err);

#endif
