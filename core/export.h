/* export.h: the data written out for spreadsheets, other programs and
 * other databases: partners, observations (long form), events, actions or
 * QA audits as CSV (plain, or for German Excel) or JSON. The columns are
 * the import's documented names, so an exported CSV imports unchanged. */
#ifndef BPW_EXPORT_H
#define BPW_EXPORT_H

#include <stddef.h>
#include <stdio.h>

#include "error.h"
#include "import.h"
#include "sheet.h"
#include "store.h"

struct export_opts {
	enum import_type type;	/* any but IMPORT_AUTO */
	enum sheet_format format;
	const char *partner;	/* a partner code, or NULL for all */
	const char *from, *to;	/* months as YYYY-MM-01, or NULL */
	double cap;		/* QA scores: the cap after a critical fail */
};

/* Writes what o selects to f (which stays open) and the number of rows
 * to *rows. Observations are filtered by period, the rest (but partners)
 * by date. BPW_ENOENT for an unknown partner code; BPW_EIO when f could
 * not be written. */
int export_write(struct store *st, const struct export_opts *o, FILE *f,
		 size_t *rows, struct bpw_error *err);

#endif
