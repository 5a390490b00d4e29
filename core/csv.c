/* csv.c: the streaming CSV reader: a byte-level state machine over a fixed
 * buffer, with the dialect guessed from the first buffer-full. Input in
 * another character set is converted to UTF-8 (transcode.c) as the buffer
 * is filled, so lines and columns count the converted text. */
#include "csv.h"

#include <ctype.h>
#include <errno.h>
#include <math.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "date.h"
#include "text.h"
#include "transcode.h"
#include "xalloc.h"

#define BUF_SIZE (64 * 1024)

struct csv_reader {
	FILE *f;
	bool own;		/* f was opened here */
	char name[256];
	unsigned char buf[BUF_SIZE];
	size_t len, pos;	/* bytes in buf, next byte */
	bool eof;
	struct transcoder *tc;	/* converts the input, or NULL */
	struct bpw_error fail;	/* why the input ended early (code 0: it did not) */
	long long offset, size;
	int line, col;		/* of the next byte */
	char sep, dec;

	/* The current record: fields as NUL-terminated runs in text. */
	char *text;
	size_t tlen, tcap;
	size_t *start;		/* offsets of the fields in text */
	int *fcol;		/* columns where the fields start */
	size_t count, cap;
	int rec_line;
};

/* Fills the buffer when it is used up; false at the end of the input, or
 * when it cannot be read (r->fail says why). */
static bool fill(struct csv_reader *r)
{
	long n;

	if (r->pos < r->len)
		return true;
	if (r->eof)
		return false;
	if (r->tc) {
		n = transcode_read(r->tc, r->f, r->buf, sizeof(r->buf), &r->fail);
	} else {
		n = (long)fread(r->buf, 1, sizeof(r->buf), r->f);
		if (n == 0 && ferror(r->f))
			n = bpw_error_set(&r->fail, BPW_EIO, "cannot read: %s",
					  strerror(errno));
	}
	r->len = n > 0 ? (size_t)n : 0;
	r->pos = 0;
	if (n <= 0)
		r->eof = true;
	return n > 0;
}

/* The error that ended the input early, at the position it ended. */
static int input_error(struct csv_reader *r, struct bpw_error *err)
{
	return bpw_error_set_at(err, r->fail.code, r->name, r->line, r->col, "%s",
				r->fail.msg);
}

/* The next byte without taking it, or -1 at the end. */
static int peek(struct csv_reader *r)
{
	return fill(r) ? r->buf[r->pos] : -1;
}

static int take(struct csv_reader *r)
{
	int c;

	if (!fill(r))
		return -1;
	c = r->buf[r->pos++];
	r->offset++;
	if (c == '\n') {
		r->line++;
		r->col = 1;
	} else if ((c & 0xc0) != 0x80) {
		r->col++;
	}
	return c;
}

/* Counts the separators of the first record (outside quotes) and the
 * numbers written with each decimal mark in the buffer. */
static void guess_dialect(struct csv_reader *r)
{
	const unsigned char *p = r->buf + r->pos, *end = r->buf + r->len;
	size_t comma = 0, semi = 0, tab = 0, dot_nums = 0, comma_nums = 0;
	bool quoted = false;

	for (; p < end; p++) {
		if (*p == '"')
			quoted = !quoted;
		else if (!quoted && (*p == '\n' || *p == '\r'))
			break;
		else if (!quoted && *p == ',')
			comma++;
		else if (!quoted && *p == ';')
			semi++;
		else if (!quoted && *p == '\t')
			tab++;
	}
	r->sep = semi > comma && semi >= tab ? ';' : tab > comma && tab > semi ? '\t'
		: ',';
	if (r->sep == ',') {
		r->dec = '.';
		return;
	}
	/* Numbers like 12,5 or 12.5 in the sample tell the decimal mark. */
	for (p = r->buf + r->pos; p < end; p++) {
		const unsigned char *q = p;
		bool digits_before = false, digits_after = false;
		unsigned char mark = 0;

		if (p > r->buf && (isalnum(p[-1]) || p[-1] == '.' || p[-1] == ','))
			continue;
		if (*q == '-')
			q++;
		for (; q < end && isdigit(*q); q++)
			digits_before = true;
		if (q < end && (*q == '.' || *q == ',') && *q != r->sep)
			mark = *q++;
		for (; q < end && isdigit(*q); q++)
			digits_after = true;
		/* 09.2026 is a month, not a number. */
		if (mark == '.' && q - p >= 6 && q - p <= 7 && q[-5] == '.')
			mark = 0;
		if (digits_before && digits_after && mark &&
		    (q == end || *q == r->sep || *q == '\r' || *q == '\n' || *q == '"')) {
			if (mark == ',')
				comma_nums++;
			else
				dot_nums++;
		}
		if (q > p)
			p = q - 1;
	}
	/* German Excel writes ; with decimal commas: the default for ;. */
	r->dec = dot_nums > comma_nums ? '.' : comma_nums > dot_nums ? ','
		: r->sep == ';' ? ',' : '.';
}

static int start_reader(struct csv_reader *r, struct bpw_error *err)
{
	r->line = 1;
	r->col = 1;
	if (!fill(r) && r->fail.code)
		return input_error(r, err);
	if (r->len >= 2 && ((r->buf[0] == 0xff && r->buf[1] == 0xfe) ||
			    (r->buf[0] == 0xfe && r->buf[1] == 0xff)))
		return bpw_error_set_at(err, BPW_EINVAL, r->name, 1, 1,
					"a UTF-16 file: save it as \"CSV UTF-8\"");
	if (r->len >= 3 && memcmp(r->buf, "\xef\xbb\xbf", 3) == 0) {
		r->pos = 3;
		r->offset = 3;
	}
	guess_dialect(r);
	return 0;
}

/* A reader of f (converted by tc, which it then owns, when not NULL). */
static int open_reader(FILE *f, const char *name, struct transcoder *tc,
		       struct csv_reader **out, struct bpw_error *err)
{
	struct csv_reader *r = xcalloc(1, sizeof(*r));
	int rc;

	r->f = f;
	r->tc = tc;
	snprintf(r->name, sizeof(r->name), "%s", name);
	rc = start_reader(r, err);
	if (rc != 0) {
		csv_reader_close(r);
		return rc;
	}
	*out = r;
	return 0;
}

int csv_reader_open_stream(FILE *f, const char *name, struct csv_reader **out,
			   struct bpw_error *err)
{
	return open_reader(f, name, NULL, out, err);
}

int csv_reader_open(const char *path, struct csv_reader **out,
		    struct bpw_error *err)
{
	return csv_reader_open_as(path, NULL, out, err);
}

int csv_reader_open_as(const char *path, const char *encoding,
		       struct csv_reader **out, struct bpw_error *err)
{
	struct transcoder *tc = NULL;
	struct bpw_error terr;
	struct stat sb;
	FILE *f;
	int rc;

	if (encoding && transcode_open(encoding, &tc, &terr) != 0)
		return bpw_error_set_at(err, terr.code, path, 0, 0, "%s", terr.msg);
	if (strcmp(path, "-") == 0)
		return open_reader(stdin, "<stdin>", tc, out, err);
	f = fopen(path, "rb");
	if (f == NULL) {
		transcode_close(tc);
		return bpw_error_set_at(err, errno == ENOENT ? BPW_ENOENT : BPW_EIO,
					path, 0, 0, "cannot open: %s", strerror(errno));
	}
	if (fstat(fileno(f), &sb) == 0 && S_ISDIR(sb.st_mode)) {
		fclose(f);
		transcode_close(tc);
		return bpw_error_set_at(err, BPW_EINVAL, path, 0, 0,
					"is a directory, not a CSV file");
	}
	rc = open_reader(f, path, tc, out, err);
	if (rc != 0) {
		fclose(f);
		return rc;
	}
	(*out)->own = true;
	(*out)->size = S_ISREG(sb.st_mode) ? (long long)sb.st_size : 0;
	return 0;
}

int csv_reader_open_file(FILE *f, const char *name, const char *encoding,
			 struct csv_reader **out, struct bpw_error *err)
{
	struct transcoder *tc = NULL;
	struct bpw_error terr;
	struct stat sb;
	int rc;

	if (encoding && transcode_open(encoding, &tc, &terr) != 0)
		return bpw_error_set_at(err, terr.code, name, 0, 0, "%s", terr.msg);
	rc = open_reader(f, name, tc, out, err);
	if (rc == 0 && fstat(fileno(f), &sb) == 0 && S_ISREG(sb.st_mode))
		(*out)->size = (long long)sb.st_size;
	return rc;
}

static void add_byte(struct csv_reader *r, int c)
{
	if (r->tlen + 2 > r->tcap) {
		r->tcap = r->tcap ? r->tcap * 2 : 256;
		r->text = xrealloc(r->text, r->tcap);
	}
	r->text[r->tlen++] = (char)c;
}

static void begin_field(struct csv_reader *r)
{
	if (r->count == r->cap) {
		r->cap = r->cap ? r->cap * 2 : 16;
		r->start = xrealloc(r->start, r->cap * sizeof(*r->start));
		r->fcol = xrealloc(r->fcol, r->cap * sizeof(*r->fcol));
	}
	r->start[r->count] = r->tlen;
	r->fcol[r->count] = r->col;
	r->count++;
}

static void end_field(struct csv_reader *r)
{
	add_byte(r, '\0');
}

/* Checks the fields are UTF-8; the error points at the first bad byte. */
static int check_utf8(struct csv_reader *r, struct bpw_error *err)
{
	size_t i;

	for (i = 0; i < r->count; i++) {
		const unsigned char *s = (const unsigned char *)r->text + r->start[i];
		size_t n = (i + 1 < r->count ? r->start[i + 1] : r->tlen) - r->start[i] - 1;
		size_t at = 0;
		int chars = 0;
		uint32_t cp;

		while (at < n) {
			size_t used;

			if (s[at] < 0x80) {	/* ASCII, the common case */
				at++;
				chars++;
				continue;
			}
			used = text_utf8_decode(s + at, n - at, &cp);

			if (used == 0)
				return bpw_error_set_at(err, BPW_EINVAL, r->name,
							r->rec_line, r->fcol[i] + chars,
							"not UTF-8 text (byte 0x%02x; a "
							"Windows-1252 export? save it as "
							"\"CSV UTF-8\" or import with "
							"--encoding windows-1252)",
							s[at]);
			at += used;
			chars++;
		}
	}
	return 0;
}

/* One field in quotes, the opening quote taken. */
static int quoted_field(struct csv_reader *r, int qline, int qcol,
			struct bpw_error *err)
{
	for (;;) {
		int c = take(r);

		if (c < 0 && r->fail.code)
			return input_error(r, err);
		if (c < 0)
			return bpw_error_set_at(err, BPW_EINVAL, r->name, qline, qcol,
						"a quoted field is not closed (the "
						"quote opens here)");
		if (c == 0)
			return bpw_error_set_at(err, BPW_EINVAL, r->name, r->line,
						r->col - 1, "a NUL byte: not a text file");
		if (c == '"') {
			if (peek(r) != '"')
				return 0;
			take(r);
		} else if (c == '\r' && peek(r) == '\n') {
			continue;	/* CRLF inside quotes reads as LF */
		}
		if (r->tlen >= r->start[r->count - 1] + CSV_MAX_FIELD)
			return bpw_error_set_at(err, BPW_EINVAL, r->name, qline, qcol,
						"a field longer than %d bytes",
						CSV_MAX_FIELD);
		add_byte(r, c);
	}
}

/* One field without quotes, up to the separator or the end of the line,
 * taken a buffer-full at a time: the bytes as take() and add_byte() would
 * take them one by one, with the same errors at the same places. */
static int plain_field(struct csv_reader *r, struct bpw_error *err)
{
	size_t limit = r->start[r->count - 1] + CSV_MAX_FIELD;

	while (fill(r)) {
		const unsigned char *p = r->buf + r->pos;
		size_t n = r->len - r->pos, i;
		int col = r->col;

		for (i = 0; i < n; i++) {
			unsigned char c = p[i];

			if (c == (unsigned char)r->sep || c == '\n' || c == '\r' || c == 0)
				break;
			col += (c & 0xc0) != 0x80;
		}
		if (r->tlen + i > limit)
			return bpw_error_set_at(err, BPW_EINVAL, r->name, r->line,
						r->fcol[r->count - 1],
						"a field longer than %d bytes",
						CSV_MAX_FIELD);
		if (r->tlen + i + 2 > r->tcap) {
			while (r->tlen + i + 2 > r->tcap)
				r->tcap = r->tcap ? r->tcap * 2 : 256;
			r->text = xrealloc(r->text, r->tcap);
		}
		memcpy(r->text + r->tlen, p, i);
		r->tlen += i;
		r->pos += i;
		r->offset += (long long)i;
		r->col = col;
		if (i < n)
			return p[i] != 0 ? 0 : bpw_error_set_at(err, BPW_EINVAL, r->name,
								 r->line, r->col,
								 "a NUL byte: not a text file");
	}
	return 0;
}

int csv_reader_next(struct csv_reader *r, struct bpw_error *err)
{
	int c, rc;

	r->count = 0;
	r->tlen = 0;
	/* Blank lines between records are nothing. */
	while ((c = peek(r)) == '\n' || c == '\r')
		take(r);
	if (c < 0)
		return r->fail.code ? input_error(r, err) : 0;
	r->rec_line = r->line;
	for (;;) {
		if (r->count == CSV_MAX_FIELDS)
			return bpw_error_set_at(err, BPW_EINVAL, r->name, r->rec_line,
						r->col, "more than %d fields in a record",
						CSV_MAX_FIELDS);
		begin_field(r);
		c = peek(r);
		if (c == '"') {
			int qline = r->line, qcol = r->col;

			take(r);
			rc = quoted_field(r, qline, qcol, err);
			if (rc != 0)
				return rc;
			c = peek(r);
			if (c >= 0 && c != r->sep && c != '\n' && c != '\r')
				return bpw_error_set_at(err, BPW_EINVAL, r->name, r->line,
							r->col, "text after the closing "
							"quote of a field (a quote inside a "
							"quoted field is written \"\")");
		} else {
			rc = plain_field(r, err);
			if (rc != 0)
				return rc;
		}
		end_field(r);
		c = take(r);
		if (c == r->sep)
			continue;
		if (c == '\r' && peek(r) == '\n')
			take(r);
		break;		/* end of line or of the file */
	}
	if (r->fail.code)
		return input_error(r, err);	/* the record may be cut short */
	return check_utf8(r, err) == 0 ? 1 : err->code;
}

size_t csv_reader_count(const struct csv_reader *r)
{
	return r->count;
}

const char *csv_reader_field(const struct csv_reader *r, size_t i)
{
	return i < r->count ? r->text + r->start[i] : "";
}

int csv_reader_line(const struct csv_reader *r)
{
	return r->rec_line;
}

int csv_reader_column(const struct csv_reader *r, size_t i)
{
	return i < r->count ? r->fcol[i] : 0;
}

char csv_reader_separator(const struct csv_reader *r)
{
	return r->sep;
}

char csv_reader_decimal(const struct csv_reader *r)
{
	return r->dec;
}

const char *csv_reader_name(const struct csv_reader *r)
{
	return r->name;
}

long long csv_reader_offset(const struct csv_reader *r)
{
	return r->tc ? transcode_consumed(r->tc) : r->offset;
}

long long csv_reader_size(const struct csv_reader *r)
{
	return r->size;
}

void csv_reader_close(struct csv_reader *r)
{
	if (r == NULL)
		return;
	if (r->own && r->f)
		fclose(r->f);
	transcode_close(r->tc);
	free(r->text);
	free(r->start);
	free(r->fcol);
	free(r);
}

/* True when s starts a thousands group: the mark, three digits, no fourth. */
static bool thousands_group(const char *s, char group)
{
	return *s == group && isdigit((unsigned char)s[1]) &&
		isdigit((unsigned char)s[2]) && isdigit((unsigned char)s[3]) &&
		!isdigit((unsigned char)s[4]);
}

enum csv_num csv_number_read(const char *s, char dec, double *out)
{
	char buf[64], group = dec == ',' ? '.' : ',';
	size_t n = 0, digits = 0;
	bool seen_dec = false, grouped = false;
	char *end;

	while (*s == ' ' || *s == '\t')
		s++;
	if (*s == '\0')
		return CSV_NUM_EMPTY;
	if (*s == '+' || *s == '-')
		buf[n++] = *s++;
	for (; *s && *s != ' ' && *s != '\t'; s++) {
		if (n + 2 >= sizeof(buf))
			return CSV_NUM_BAD;
		if (isdigit((unsigned char)*s)) {
			buf[n++] = *s;
			digits++;
		} else if (*s == dec && !seen_dec) {
			buf[n++] = '.';
			seen_dec = true;
		} else if (!seen_dec && digits > 0 && thousands_group(s, group)) {
			grouped = true;	/* 1.234,5: told only once it is a number */
		} else if ((*s == 'e' || *s == 'E') && digits > 0) {
			buf[n++] = 'e';
			if (s[1] == '+' || s[1] == '-')
				buf[n++] = *++s;
		} else {
			return CSV_NUM_BAD;
		}
	}
	while (*s == ' ' || *s == '\t')
		s++;
	if (*s || digits == 0)
		return CSV_NUM_BAD;
	buf[n] = '\0';
	errno = 0;
	*out = strtod(buf, &end);
	if (*end != '\0' || errno != 0 || !isfinite(*out))
		return CSV_NUM_BAD;
	return grouped ? CSV_NUM_GROUPED : CSV_NUM_OK;
}

enum csv_num csv_number_typed(const char *s, double *out)
{
	char dec = strchr(s, ',') && !strchr(s, '.') ? ',' : '.';
	enum csv_num r = csv_number_read(s, dec, out);

	/* "1.234,5", "1.200.000", "1,200,000": grouped either way; say so
	 * rather than "not a number". */
	if (r == CSV_NUM_BAD && csv_number_read(s, dec == ',' ? '.' : ',', out) ==
	    CSV_NUM_GROUPED)
		return CSV_NUM_GROUPED;
	return r;
}

bool csv_number(const char *s, char dec, double *out)
{
	return csv_number_read(s, dec, out) == CSV_NUM_OK;
}

bool csv_date(const char *s, char out[11])
{
	int d, m, y, used = 0;

	while (*s == ' ')
		s++;
	if (sscanf(s, "%4d-%2d-%2d%n", &y, &m, &d, &used) == 3 && used == 10) {
		;
	} else if (sscanf(s, "%2d.%2d.%4d%n", &d, &m, &y, &used) == 3 &&
		   (used == 10 || used == 8 || used == 9) && s[used - 5] == '.') {
		;
	} else {
		return false;
	}
	if (s[used] != '\0' && s[used] != ' ')
		return false;
	snprintf(out, 11, "%04d-%02d-%02d", y, m, d);
	return date_valid(out);
}

/* True when s starts with n digits 0-9. */
static bool ascii_digits(const char *s, int n)
{
	while (n-- > 0)
		if (*s < '0' || *s++ > '9')
			return false;
	return true;
}

bool csv_period(const char *s, char out[11])
{
	int m, y, used = 0;

	while (*s == ' ')
		s++;
	/* YYYY-MM, the usual form, without the scanf below (same result). */
	if (ascii_digits(s, 4) && s[4] == '-' && ascii_digits(s + 5, 2) &&
	    (s[7] == '\0' || s[7] == ' ')) {
		memcpy(out, s, 7);
		memcpy(out + 7, "-01", 4);
		return date_valid(out);
	}
	if (csv_date(s, out)) {
		memcpy(out + 8, "01", 3);
		return true;
	}
	if (sscanf(s, "%4d-%2d%n", &y, &m, &used) == 2 && used == 7) {
		;
	} else if ((sscanf(s, "%2d/%4d%n", &m, &y, &used) == 2 ||
		    sscanf(s, "%2d.%4d%n", &m, &y, &used) == 2) &&
		   (used == 7 || used == 6) && (s[used - 5] == '/' || s[used - 5] == '.')) {
		;
	} else {
		return false;
	}
	if (s[used] != '\0' && s[used] != ' ')
		return false;
	snprintf(out, 11, "%04d-%02d-01", y, m);
	return date_valid(out);
}
