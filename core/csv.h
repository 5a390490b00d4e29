/* csv.h: a streaming CSV reader for the spreadsheets partners really send:
 * RFC 4180 quoting (doubled quotes, line breaks inside quotes), CRLF or LF,
 * a UTF-8 byte order mark, and the dialect guessed from the start of the
 * file: separator , ; or tab, decimal point or comma. Memory stays bounded
 * by the longest record, not the file. Reading only; what the fields mean
 * is the importer's business. */
#ifndef BPW_CSV_H
#define BPW_CSV_H

#include <stdbool.h>
#include <stddef.h>
#include <stdio.h>

#include "error.h"

#define CSV_MAX_FIELD (1 << 20)	/* bytes in one field */
#define CSV_MAX_FIELDS 4096	/* fields in one record */

struct csv_reader;

/* Opens path ("-": standard input) and guesses its dialect. Errors name the
 * file. Free with csv_reader_close. */
int csv_reader_open(const char *path, struct csv_reader **out,
		    struct bpw_error *err);

/* Like csv_reader_open, for a file in the character set encoding (an
 * iconv name such as windows-1252 or latin1; NULL: UTF-8 as it is),
 * converted to UTF-8 as it is read: lines and columns (in characters)
 * then count the converted text, and a byte that is not text in that set
 * is an error at the place it would have gone. */
int csv_reader_open_as(const char *path, const char *encoding,
		       struct csv_reader **out, struct bpw_error *err);

/* A reader of f, which stays the caller's (rewound by the caller before a
 * second reader), named name in errors, as csv_reader_open_as reads it. */
int csv_reader_open_file(FILE *f, const char *name, const char *encoding,
			 struct csv_reader **out, struct bpw_error *err);

/* Reads from an open stream (not closed by the reader); name is used in
 * messages. */
int csv_reader_open_stream(FILE *f, const char *name, struct csv_reader **out,
			   struct bpw_error *err);

/* Reads the next record: 1 when there is one, 0 at the end of the file, or
 * a negative code with FILE:LINE:COLUMN in err (an unclosed quote, text
 * after a closing quote, a NUL byte, invalid UTF-8, a field or record too
 * long). Blank lines are skipped. */
int csv_reader_next(struct csv_reader *r, struct bpw_error *err);

/* The fields of the current record; valid until the next call. */
size_t csv_reader_count(const struct csv_reader *r);
const char *csv_reader_field(const struct csv_reader *r, size_t i);

/* Where the current record starts (1-based line), and the 1-based column
 * (in characters) where field i starts. */
int csv_reader_line(const struct csv_reader *r);
int csv_reader_column(const struct csv_reader *r, size_t i);

/* The dialect found: ',' ';' or '\t', and '.' or ','. */
char csv_reader_separator(const struct csv_reader *r);
char csv_reader_decimal(const struct csv_reader *r);

/* The file's name as given, bytes read so far (of the file as it is, not
 * converted) and its size (0: unknown). */
const char *csv_reader_name(const struct csv_reader *r);
long long csv_reader_offset(const struct csv_reader *r);
long long csv_reader_size(const struct csv_reader *r);

/* Closes the file (when the reader opened it) and frees r; NULL is
 * allowed. */
void csv_reader_close(struct csv_reader *r);

/* What csv_number_read found in a cell. */
enum csv_num {
	CSV_NUM_OK,		/* a number, in *out */
	CSV_NUM_EMPTY,		/* nothing but spaces */
	CSV_NUM_GROUPED,	/* digits grouped by the other mark: 1.234,5 */
	CSV_NUM_BAD,		/* anything else: "12abc", "1,2,3", "nan" */
};

/* Parses a number written with decimal mark dec ('.' or ','). Surrounding
 * spaces are allowed. A thousands separator is refused (CSV_NUM_GROUPED):
 * "1.234,5" may be 1234.5 or a mistyped 1,2345 and nobody can tell. */
enum csv_num csv_number_read(const char *s, char dec, double *out);

/* csv_number_read(s, dec, out) == CSV_NUM_OK. */
bool csv_number(const char *s, char dec, double *out);

/* A number typed by hand, with a decimal comma or point (the one that
 * appears, a point when neither does); a thousands separator is refused
 * as csv_number_read refuses it. */
enum csv_num csv_number_typed(const char *s, double *out);

/* Parses a date written as YYYY-MM-DD or DD.MM.YYYY into "YYYY-MM-DD". */
bool csv_date(const char *s, char out[11]);

/* Parses a month written as YYYY-MM, MM/YYYY, MM.YYYY, YYYY-MM-DD or DD.MM.YYYY
 * (the day is dropped) into "YYYY-MM-01". */
bool csv_period(const char *s, char out[11]);

#endif
