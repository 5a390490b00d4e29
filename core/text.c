/* text.c: neutralising untrusted text for display, and measuring it in
 * terminal columns. Every string from a database, CSV or config file passes
 * through text_clean before it reaches a terminal or a report. */
#include "text.h"

#include <ctype.h>
#include <langinfo.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <wchar.h>

#include "xalloc.h"

struct buf {
	char *s;
	size_t len, cap;
};

static void buf_put(struct buf *b, const char *s, size_t n)
{
	if (b->len + n + 1 > b->cap) {
		b->cap = (b->len + n + 1) * 2;
		b->s = xrealloc(b->s, b->cap);
	}
	memcpy(b->s + b->len, s, n);
	b->len += n;
	b->s[b->len] = '\0';
}

bool text_locale_is_utf8(void)
{
	const char *cs = nl_langinfo(CODESET);

	return cs && (strcasecmp(cs, "UTF-8") == 0 || strcasecmp(cs, "utf8") == 0);
}

size_t text_utf8_decode(const unsigned char *s, size_t n, uint32_t *cp)
{
	uint32_t c;
	size_t len, i;

	if (n == 0)
		return 0;
	if (s[0] < 0x80) {
		*cp = s[0];
		return 1;
	}
	if (s[0] >= 0xc2 && s[0] <= 0xdf) {
		len = 2;
		c = s[0] & 0x1f;
	} else if (s[0] >= 0xe0 && s[0] <= 0xef) {
		len = 3;
		c = s[0] & 0x0f;
	} else if (s[0] >= 0xf0 && s[0] <= 0xf4) {
		len = 4;
		c = s[0] & 0x07;
	} else {
		return 0;
	}
	if (n < len)
		return 0;
	for (i = 1; i < len; i++) {
		if ((s[i] & 0xc0) != 0x80)
			return 0;
		c = (c << 6) | (s[i] & 0x3f);
	}
	if ((len == 3 && c < 0x800) || (len == 4 && (c < 0x10000 || c > 0x10ffff)) ||
	    (c >= 0xd800 && c <= 0xdfff))
		return 0;
	*cp = c;
	return len;
}

bool text_is_bidi_control(uint32_t c)
{
	return c == 0x061c || c == 0x200e || c == 0x200f ||
	       (c >= 0x202a && c <= 0x202e) || (c >= 0x2066 && c <= 0x2069);
}

/* ASCII stand-ins for the Latin-1 letters U+00C0..U+00FF ('?' where none). */
static const char *const latin1_fold[64] = {
	"A", "A", "A", "A", "A", "A", "AE", "C", "E", "E", "E", "E", "I", "I", "I", "I",
	"D", "N", "O", "O", "O", "O", "O", "x", "O", "U", "U", "U", "U", "Y", "Th", "ss",
	"a", "a", "a", "a", "a", "a", "ae", "c", "e", "e", "e", "e", "i", "i", "i", "i",
	"d", "n", "o", "o", "o", "o", "o", "/", "o", "u", "u", "u", "u", "y", "th", "y",
};

/* ASCII stand-in for a printable non-ASCII code point. */
static const char *ascii_fold(uint32_t c)
{
	static const struct { uint32_t cp; const char *s; } extra[] = {
		{ 0x0105, "a" }, { 0x0107, "c" }, { 0x010d, "c" }, { 0x0119, "e" },
		{ 0x011b, "e" }, { 0x0142, "l" }, { 0x0141, "L" }, { 0x0144, "n" },
		{ 0x0148, "n" }, { 0x0159, "r" }, { 0x015b, "s" }, { 0x0161, "s" },
		{ 0x0160, "S" }, { 0x017a, "z" }, { 0x017c, "z" }, { 0x017e, "z" },
		{ 0x017d, "Z" }, { 0x0151, "o" }, { 0x0171, "u" }, { 0x015f, "s" },
		{ 0x0163, "t" }, { 0x0103, "a" }, { 0x011f, "g" }, { 0x0131, "i" },
		{ 0x2013, "-" }, { 0x2014, "-" }, { 0x2018, "'" }, { 0x2019, "'" },
		{ 0x201c, "\"" }, { 0x201d, "\"" }, { 0x201e, "\"" }, { 0x2026, "..." },
		{ 0x20ac, "EUR" }, { 0x00a0, " " },
	};
	size_t i;

	if (c >= 0xc0 && c <= 0xff)
		return latin1_fold[c - 0xc0];
	for (i = 0; i < sizeof(extra) / sizeof(extra[0]); i++)
		if (extra[i].cp == c)
			return extra[i].s;
	return "?";
}

/* The base letters of Latin Extended-A, U+0100..U+017F, small ('*': two
 * letters, in latin_a_pairs). */
static const char latin_a_fold[129] =
	"aaaaaaccccccccdd" "ddeeeeeeeeeegggg" "gggghhhhiiiiiiii" "ii**jjkkklllllll"
	"lllnnnnnnnnnoooo" "oo**rrrrrrssssss" "sstttttt" "uuuuuuuu" "uuuuwwyyyzzzzzzs";

/* What a code point folds to for matching (text_fold): NULL for itself;
 * else the letters, or in *cp the code point to put instead. */
static const char *fold_one(uint32_t *cp)
{
	uint32_t c = *cp;

	if (c >= 0xc0 && c <= 0xff) {
		if (c == 0xd7 || c == 0xf7)	/* × ÷ */
			return NULL;
		if (c == 0xdf)
			return "ss";
		if (c == 0xc6 || c == 0xe6)
			return "ae";
		if (c == 0xde || c == 0xfe)
			return "th";
		if (c == 0xd0 || c == 0xf0)
			return "d";
		/* latin1_fold's small letters: single ones for the rest */
		*cp = (uint32_t)latin1_fold[(c - 0xc0) % 32 + 32][0];
		return "";
	}
	if (c >= 0x100 && c <= 0x17f) {
		if (c == 0x132 || c == 0x133)
			return "ij";
		if (c == 0x152 || c == 0x153)
			return "oe";
		*cp = (uint32_t)latin_a_fold[c - 0x100];
		return "";
	}
	if (c == 0x218 || c == 0x219)	/* Ș ș (Romanian) */
		return "s";
	if (c == 0x21a || c == 0x21b)	/* Ț ț */
		return "t";
	if (c >= 0x391 && c <= 0x3a9 && c != 0x3a2)	/* Greek capitals */
		*cp = c + 0x20;
	else if (c >= 0x410 && c <= 0x42f)	/* Cyrillic А..Я */
		*cp = c + 0x20;
	else if (c >= 0x400 && c <= 0x40f)	/* Ѐ..Џ */
		*cp = c + 0x50;
	return NULL;
}

char *text_fold(const char *s, char *out, size_t n)
{
	const unsigned char *p = (const unsigned char *)(s ? s : "");
	size_t len = strlen((const char *)p), o = 0;

	if (n == 0)
		return out;
	while (*p) {
		uint32_t c;
		size_t k = text_utf8_decode(p, len, &c), w;
		const char *f;
		char enc[4];

		if (k == 0) {	/* an invalid byte: as it is */
			c = *p;
			k = 1;
			enc[0] = (char)c;
			w = 1;
		} else if (c < 0x80) {
			enc[0] = (char)tolower((int)c);
			w = 1;
		} else {
			f = fold_one(&c);
			if (f && *f) {
				w = strlen(f);
				memcpy(enc, f, w);
			} else if (c < 0x80) {
				enc[0] = (char)c;
				w = 1;
			} else if (c < 0x800) {
				enc[0] = (char)(0xc0 | (c >> 6));
				enc[1] = (char)(0x80 | (c & 0x3f));
				w = 2;
			} else {
				/* unchanged: its own bytes */
				memcpy(enc, p, k);
				w = k;
			}
		}
		if (o + w + 1 > n)
			break;
		memcpy(out + o, enc, w);
		o += w;
		p += k;
		len -= k;
	}
	out[o] = '\0';
	return out;
}

bool text_fold_contains(const char *hay, const char *needle)
{
	char h[1024], nd[256];

	if (hay == NULL)
		return false;
	return strstr(text_fold(hay, h, sizeof(h)), text_fold(needle, nd, sizeof(nd))) != NULL;
}

/* Width of one code point that is known to be printable. */
static int cp_width(uint32_t c)
{
	int w;

	if (c < 0x80)
		return 1;
	w = wcwidth((wchar_t)c);
	return w < 0 ? 1 : w;
}

/* Appends the visible form of code point c (or invalid byte, when bad) and
 * returns the columns it takes. */
static int emit(struct buf *b, uint32_t c, bool bad, unsigned flags, bool utf8)
{
	char esc[16];
	int n;

	if (bad || c < 0x20 || c == 0x7f) {
		if (c == '\n' && !bad && (flags & TEXT_NEWLINES)) {
			buf_put(b, "\n", 1);
			return 0;
		}
		if (c == '\n' && !bad)
			n = snprintf(esc, sizeof(esc), "\\n");
		else if (c == '\t' && !bad)
			n = snprintf(esc, sizeof(esc), "\\t");
		else
			n = snprintf(esc, sizeof(esc), "\\x%02x", (unsigned)c);
		buf_put(b, esc, (size_t)n);
		return n;
	}
	if (c < 0x80) {
		char ch = (char)c;

		buf_put(b, &ch, 1);
		return 1;
	}
	if ((c >= 0x80 && c <= 0x9f) || text_is_bidi_control(c) ||
	    c == 0x2028 || c == 0x2029 || c == 0xfeff ||
	    (utf8 && wcwidth((wchar_t)c) < 0)) {
		n = snprintf(esc, sizeof(esc), "\\u%04x", (unsigned)c);
		buf_put(b, esc, (size_t)n);
		return n;
	}
	if (flags & TEXT_ASCII) {
		const char *f = ascii_fold(c);

		buf_put(b, f, strlen(f));
		return (int)strlen(f);
	}
	{
		char enc[4];
		size_t len;

		if (c < 0x800) {
			enc[0] = (char)(0xc0 | (c >> 6));
			enc[1] = (char)(0x80 | (c & 0x3f));
			len = 2;
		} else if (c < 0x10000) {
			enc[0] = (char)(0xe0 | (c >> 12));
			enc[1] = (char)(0x80 | ((c >> 6) & 0x3f));
			enc[2] = (char)(0x80 | (c & 0x3f));
			len = 3;
		} else {
			enc[0] = (char)(0xf0 | (c >> 18));
			enc[1] = (char)(0x80 | ((c >> 12) & 0x3f));
			enc[2] = (char)(0x80 | ((c >> 6) & 0x3f));
			enc[3] = (char)(0x80 | (c & 0x3f));
			len = 4;
		}
		buf_put(b, enc, len);
		return cp_width(c);
	}
}

char *text_clean(const char *s, unsigned flags, int maxcols)
{
	const unsigned char *p = (const unsigned char *)(s ? s : "");
	size_t left = strlen((const char *)p), cut = 0, used;
	bool utf8 = text_locale_is_utf8() && !(flags & TEXT_ASCII);
	const char *ell = utf8 ? "\xe2\x80\xa6" : "~";
	struct buf b = { NULL, 0, 0 };
	int width = 0, w;
	uint32_t c;

	buf_put(&b, "", 0);
	while (left > 0) {
		used = text_utf8_decode(p, left, &c);
		if (used == 0) {
			w = emit(&b, *p, true, flags, utf8);
			used = 1;
		} else {
			w = emit(&b, c, false, flags, utf8);
		}
		p += used;
		left -= used;
		if (maxcols >= 0) {
			/* Remember where the text still leaves room for the
			 * ellipsis, then stop once it overflows. */
			if (width + w <= maxcols - 1)
				cut = b.len;
			else if (width + w > maxcols) {
				b.len = maxcols >= 1 ? cut : 0;
				b.s[b.len] = '\0';
				if (maxcols >= 1)
					buf_put(&b, ell, strlen(ell));
				return b.s;
			}
		}
		width += w;
	}
	return b.s;
}

int text_width(const char *s)
{
	const unsigned char *p = (const unsigned char *)s;
	size_t left = strlen(s), used;
	int width = 0;
	uint32_t c;

	while (left > 0) {
		used = text_utf8_decode(p, left, &c);
		if (used == 0) {
			used = 1;
			c = '?';
		}
		width += c == '\n' ? 0 : cp_width(c);
		p += used;
		left -= used;
	}
	return width;
}

size_t text_edit_distance(const char *a, const char *b)
{
	size_t la = strlen(a), lb = strlen(b), i, j, prev, tmp;
	size_t row[64];

	if (lb >= 64 || la >= 64)
		return 99;
	for (j = 0; j <= lb; j++)
		row[j] = j;
	for (i = 1; i <= la; i++) {
		prev = row[0];
		row[0] = i;
		for (j = 1; j <= lb; j++) {
			tmp = row[j];
			row[j] = a[i - 1] == b[j - 1] ? prev :
				 1 + (prev < row[j - 1] ? (prev < row[j] ? prev : row[j])
							: (row[j - 1] < row[j] ? row[j - 1] : row[j]));
			prev = tmp;
		}
	}
	return row[lb];
}

/* The width of the first n bytes of s. */
static int width_of(const char *s, size_t n, char *scratch)
{
	memcpy(scratch, s, n);
	scratch[n] = '\0';
	return text_width(scratch);
}

char *text_wrap(const char *s, int width)
{
	size_t len = strlen(s), indent = strspn(s, " "), out = 0;
	char *buf, *scratch;
	const char *p = s;
	bool first = true;

	if (width < 1)
		return xstrdup(s);
	if ((int)indent > width / 2)	/* an indent that leaves no room */
		indent = 0;
	/* Each line adds at most the indent and a newline. */
	buf = xmalloc(len * (indent + 2) + 2);
	scratch = xmalloc(len + 1);
	while (*p) {
		int avail = first ? width : width - (int)indent;
		size_t best = 0, next = 0;

		/* The longest run of whole words that fits. */
		for (;;) {
			while (p[next] == ' ')
				next++;
			while (p[next] && p[next] != ' ')
				next++;
			if (best && width_of(p, next, scratch) > avail)
				break;
			best = next;
			if (p[next] == '\0')
				break;
		}
		if (!first) {
			buf[out++] = '\n';
			memset(buf + out, ' ', indent);
			out += indent;
		}
		memcpy(buf + out, p, best);
		out += best;
		p += best;
		while (*p == ' ')
			p++;
		first = false;
	}
	buf[out] = '\0';
	free(scratch);
	return buf;
}
