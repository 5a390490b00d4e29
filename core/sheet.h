/* sheet.h: rows of named columns written for other programs: CSV (RFC
 * 4180, or the dialect German Excel opens directly: ';', decimal comma, a
 * byte order mark, CRLF) or a JSON array of objects. Untrusted text is
 * neutralised (text_clean) and, in CSV, kept from being read as a
 * spreadsheet formula; numbers are written so that they read back as the
 * same double. Streams: only the current cell is held. */
#ifndef BPW_SHEET_H
#define BPW_SHEET_H

#include <stdbool.h>
#include <stddef.h>
#include <stdio.h>

#include "error.h"

enum sheet_format { SHEET_CSV, SHEET_EXCEL, SHEET_JSON };

struct sheet;

/* Starts a sheet of ncols columns (names: cols, which must outlive the
 * sheet) on f, which the sheet does not close; CSV writes the header line
 * now. Free with sheet_close. */
struct sheet *sheet_open(FILE *f, enum sheet_format fmt,
			 const char *const *cols, size_t ncols);

/* The cells of a row, left to right; the row ends with its last column.
 * text: untrusted one-line text (a line break is shown as \n); note:
 * untrusted text whose line breaks are kept; word: trusted text (dates,
 * status names). NULL, and an empty word, are an empty cell (JSON null).
 * number: the shortest form that reads back the same (NaN: empty);
 * fixed: with that many decimals, for computed figures; flag: yes or no
 * (JSON true or false). */
void sheet_text(struct sheet *sh, const char *s);
void sheet_note(struct sheet *sh, const char *s);
void sheet_word(struct sheet *sh, const char *s);
void sheet_number(struct sheet *sh, double v);
void sheet_fixed(struct sheet *sh, double v, int decimals);
void sheet_int(struct sheet *sh, long long v);
void sheet_flag(struct sheet *sh, bool v);

/* Rows written so far. */
size_t sheet_rows(const struct sheet *sh);

/* Ends the document (JSON: the closing bracket), flushes f and frees sh
 * (NULL is allowed). BPW_EIO with the reason when anything could not be
 * written. */
int sheet_close(struct sheet *sh, struct bpw_error *err);

/* Writes v into buf (n bytes) in the shortest of %.15g, %.16g and %.17g
 * that strtod reads back as v, with decimal mark dec ('.' or ','). */
void sheet_format_number(double v, char dec, char *buf, size_t n);

/* The formula guard undone: a CSV cell that starts with apostrophes and
 * then = + - or @ was written with one more apostrophe than the text has;
 * returns s past it (else s itself). The importer reads cells through it,
 * so an exported file imports back to the same text. */
const char *sheet_unguard(const char *s);

#endif
