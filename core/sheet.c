/* sheet.c: writing rows as CSV (plain or for German Excel) or as a JSON
 * array of objects, cell by cell. */
#include "sheet.h"

#include <errno.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "json.h"
#include "outfile.h"
#include "strbuf.h"
#include "text.h"
#include "xalloc.h"

struct sheet {
	FILE *f;
	enum sheet_format fmt;
	const char *const *cols;
	size_t ncols;
	size_t cell;		/* the next cell's column */
	size_t rows;
	char sep, dec;
	const char *eol;
};

/* The first characters that make a spreadsheet read a cell as a formula. */
static const char formula_start[] = "=+-@";

/* True when s must be written with a leading apostrophe: it starts, after
 * any apostrophes, with a formula character. */
static bool needs_guard(const char *s)
{
	s += strspn(s, "'");
	return *s && strchr(formula_start, *s);
}

const char *sheet_unguard(const char *s)
{
	return s[0] == '\'' && needs_guard(s + 1) ? s + 1 : s;
}

void sheet_format_number(double v, char dec, char *buf, size_t n)
{
	int prec;
	char *p;

	for (prec = 15; prec <= 17; prec++) {
		snprintf(buf, n, "%.*g", prec, v);
		if (strtod(buf, NULL) == v)
			break;
	}
	if (dec != '.' && (p = strchr(buf, '.')) != NULL)
		*p = dec;
}

/* Writes one CSV field: quoted when it holds the separator, a quote, a
 * line break or a space at either end; quotes inside doubled. */
static void csv_field(struct sheet *sh, const char *s)
{
	size_t n = strlen(s);
	char specials[] = { sh->sep, '"', '\n', '\r', '\0' };

	if (!strpbrk(s, specials) && (n == 0 || (s[0] != ' ' && s[n - 1] != ' '))) {
		fputs(s, sh->f);
		return;
	}
	putc('"', sh->f);
	for (; *s; s++) {
		if (*s == '"')
			putc('"', sh->f);
		putc(*s, sh->f);
	}
	putc('"', sh->f);
}

/* Starts a cell: the separator, or in JSON the row's brace and the key. */
static void begin_cell(struct sheet *sh)
{
	if (sh->fmt != SHEET_JSON) {
		if (sh->cell > 0)
			putc(sh->sep, sh->f);
		return;
	}
	if (sh->cell == 0)
		fputs(sh->rows ? ",\n{" : "\n{", sh->f);
	else
		putc(',', sh->f);
	{
		struct strbuf b = { 0 };

		json_string(&b, sh->cols[sh->cell]);
		fputs(strbuf_str(&b), sh->f);
		strbuf_free(&b);
	}
	putc(':', sh->f);
}

static void end_cell(struct sheet *sh)
{
	if (++sh->cell < sh->ncols)
		return;
	fputs(sh->fmt == SHEET_JSON ? "}" : sh->eol, sh->f);
	sh->cell = 0;
	sh->rows++;
}

/* A cell of literal text: CSV quoted as needed, JSON as a string (NULL:
 * empty, or null). */
static void put_literal(struct sheet *sh, const char *s)
{
	begin_cell(sh);
	if (sh->fmt != SHEET_JSON) {
		csv_field(sh, s ? s : "");
	} else {
		struct strbuf b = { 0 };

		json_string(&b, s);
		fputs(strbuf_str(&b), sh->f);
		strbuf_free(&b);
	}
	end_cell(sh);
}

/* A cell of untrusted text: neutralised, and guarded in CSV. */
static void put_text(struct sheet *sh, const char *s, bool multiline)
{
	char *c;

	if (s == NULL) {
		put_literal(sh, NULL);
		return;
	}
	c = text_clean(s, multiline ? TEXT_NEWLINES : 0, -1);
	if (sh->fmt != SHEET_JSON && needs_guard(c)) {
		size_t n = strlen(c);
		char *g = xmalloc(n + 2);

		g[0] = '\'';
		memcpy(g + 1, c, n + 1);
		free(c);
		c = g;
	}
	put_literal(sh, c);
	free(c);
}

void sheet_text(struct sheet *sh, const char *s)
{
	put_text(sh, s, false);
}

void sheet_note(struct sheet *sh, const char *s)
{
	put_text(sh, s, true);
}

void sheet_word(struct sheet *sh, const char *s)
{
	put_literal(sh, s && *s ? s : NULL);
}

/* A cell holding the number text s (NULL: none). */
static void put_number(struct sheet *sh, const char *s)
{
	begin_cell(sh);
	if (s)
		fputs(s, sh->f);
	else if (sh->fmt == SHEET_JSON)
		fputs("null", sh->f);
	end_cell(sh);
}

void sheet_number(struct sheet *sh, double v)
{
	char buf[40];

	if (!isfinite(v)) {
		put_number(sh, NULL);
		return;
	}
	sheet_format_number(v, sh->dec, buf, sizeof(buf));
	put_number(sh, buf);
}

void sheet_fixed(struct sheet *sh, double v, int decimals)
{
	char buf[64], *p;

	if (!isfinite(v)) {
		put_number(sh, NULL);
		return;
	}
	snprintf(buf, sizeof(buf), "%.*f", decimals, v);
	if (sh->dec != '.' && (p = strchr(buf, '.')) != NULL)
		*p = sh->dec;
	put_number(sh, buf);
}

void sheet_int(struct sheet *sh, long long v)
{
	char buf[24];

	snprintf(buf, sizeof(buf), "%lld", v);
	put_number(sh, buf);
}

void sheet_flag(struct sheet *sh, bool v)
{
	if (sh->fmt == SHEET_JSON)
		put_number(sh, v ? "true" : "false");
	else
		put_literal(sh, v ? "yes" : "no");
}

struct sheet *sheet_open(FILE *f, enum sheet_format fmt,
			 const char *const *cols, size_t ncols)
{
	struct sheet *sh = xcalloc(1, sizeof(*sh));
	size_t i;

	sh->f = f;
	sh->fmt = fmt;
	sh->cols = cols;
	sh->ncols = ncols;
	sh->sep = fmt == SHEET_EXCEL ? ';' : ',';
	sh->dec = fmt == SHEET_EXCEL ? ',' : '.';
	sh->eol = fmt == SHEET_EXCEL ? "\r\n" : "\n";
	if (fmt == SHEET_JSON) {
		putc('[', f);
		return sh;
	}
	if (fmt == SHEET_EXCEL)
		fputs("\xef\xbb\xbf", f);
	for (i = 0; i < ncols; i++) {
		if (i > 0)
			putc(sh->sep, f);
		csv_field(sh, cols[i]);
	}
	fputs(sh->eol, f);
	return sh;
}

size_t sheet_rows(const struct sheet *sh)
{
	return sh->rows;
}

int sheet_close(struct sheet *sh, struct bpw_error *err)
{
	int rc = 0;

	if (sh == NULL)
		return 0;
	if (sh->fmt == SHEET_JSON)
		fputs(sh->rows ? "\n]\n" : "]\n", sh->f);
	rc = outfile_flush(sh->f, err);
	free(sh);
	return rc;
}
