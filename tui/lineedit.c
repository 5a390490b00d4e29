/* lineedit.c: the text and cursor of a one-line editor, UTF-8 aware. */
#include "lineedit.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <wchar.h>

#include "text.h"
#include "xalloc.h"

void lineedit_init(struct lineedit *e, const char *text, size_t max)
{
	size_t n = text ? strlen(text) : 0;

	memset(e, 0, sizeof(*e));
	e->max = max;
	if (n > max)
		n = max;
	/* Never start inside a character cut by max. */
	while (n > 0 && n < (text ? strlen(text) : 0) &&
	       ((unsigned char)text[n] & 0xc0) == 0x80)
		n--;
	e->cap = n + 16;
	e->buf = xmalloc(e->cap);
	if (n)
		memcpy(e->buf, text, n);
	e->buf[n] = '\0';
	e->len = e->cur = n;
}

void lineedit_free(struct lineedit *e)
{
	free(e->buf);
	e->buf = NULL;
	e->len = e->cap = e->cur = 0;
}

const char *lineedit_text(const struct lineedit *e)
{
	return e->buf ? e->buf : "";
}

/* Characters nobody types into a note: controls and the invisible
 * direction marks that would reorder what others see. */
static bool refused(uint32_t c)
{
	return c < 0x20 || (c >= 0x7f && c < 0xa0) || text_is_bidi_control(c) ||
	       c == 0xfeff;
}

static bool insert(struct lineedit *e, const unsigned char *s, size_t n)
{
	if (e->len + n > e->max)
		return false;
	if (e->len + n + 1 > e->cap) {
		e->cap = (e->len + n + 1) * 2;
		e->buf = xrealloc(e->buf, e->cap);
	}
	memmove(e->buf + e->cur + n, e->buf + e->cur, e->len - e->cur + 1);
	memcpy(e->buf + e->cur, s, n);
	e->len += n;
	e->cur += n;
	return true;
}

bool lineedit_byte(struct lineedit *e, int byte)
{
	unsigned char b = (unsigned char)byte;
	uint32_t c;

	if (byte < 0 || byte > 0xff)
		return false;
	if (e->npart == 0) {
		if (b < 0x80) {
			if (refused(b))
				return false;
			return insert(e, &b, 1);
		}
		e->need = b >= 0xf0 ? 4 : b >= 0xe0 ? 3 : b >= 0xc0 ? 2 : 0;
		if (e->need == 0)
			return false;	/* a stray continuation byte */
		e->part[e->npart++] = b;
		return false;
	}
	if ((b & 0xc0) != 0x80) {
		/* The character broke off: drop it, start again with b. */
		e->npart = 0;
		return lineedit_byte(e, byte);
	}
	e->part[e->npart++] = b;
	if (e->npart < e->need)
		return false;
	e->npart = 0;
	if (text_utf8_decode(e->part, (size_t)e->need, &c) == 0 || refused(c))
		return false;
	return insert(e, e->part, (size_t)e->need);
}

/* The start of the character before byte offset at. */
static size_t prev_char(const struct lineedit *e, size_t at)
{
	if (at == 0)
		return 0;
	at--;
	while (at > 0 && ((unsigned char)e->buf[at] & 0xc0) == 0x80)
		at--;
	return at;
}

static size_t next_char(const struct lineedit *e, size_t at)
{
	if (at >= e->len)
		return e->len;
	at++;
	while (at < e->len && ((unsigned char)e->buf[at] & 0xc0) == 0x80)
		at++;
	return at;
}

/* Removes bytes [from, to) and leaves the cursor at from. */
static bool cut(struct lineedit *e, size_t from, size_t to)
{
	if (from >= to)
		return false;
	memmove(e->buf + from, e->buf + to, e->len - to + 1);
	e->len -= to - from;
	e->cur = from;
	return true;
}

bool lineedit_left(struct lineedit *e)
{
	e->cur = prev_char(e, e->cur);
	return false;
}

bool lineedit_right(struct lineedit *e)
{
	e->cur = next_char(e, e->cur);
	return false;
}

bool lineedit_home(struct lineedit *e)
{
	e->cur = 0;
	return false;
}

bool lineedit_end(struct lineedit *e)
{
	e->cur = e->len;
	return false;
}

bool lineedit_backspace(struct lineedit *e)
{
	return cut(e, prev_char(e, e->cur), e->cur);
}

bool lineedit_delete(struct lineedit *e)
{
	return cut(e, e->cur, next_char(e, e->cur));
}

bool lineedit_kill_start(struct lineedit *e)
{
	return cut(e, 0, e->cur);
}

bool lineedit_kill_word(struct lineedit *e)
{
	size_t at = e->cur;

	/* Spaces before the cursor, then the word before them. */
	while (at > 0 && e->buf[at - 1] == ' ')
		at--;
	while (at > 0 && e->buf[at - 1] != ' ')
		at = prev_char(e, at);
	return cut(e, at, e->cur);
}

/* Columns of the character at byte offset at (which is valid UTF-8). */
static int char_cols(const struct lineedit *e, size_t at)
{
	uint32_t c;
	int w;

	if (text_utf8_decode((const unsigned char *)e->buf + at, e->len - at, &c) == 0)
		return 1;
	w = wcwidth((wchar_t)c);
	return w < 0 ? 1 : w;
}

static int span_cols(const struct lineedit *e, size_t from, size_t to)
{
	int cols = 0;

	while (from < to) {
		cols += char_cols(e, from);
		from = next_char(e, from);
	}
	return cols;
}

void lineedit_window(const struct lineedit *e, int cols, size_t *from,
		     size_t *to, int *cursor_col)
{
	size_t start = 0, end;
	int used;

	if (cols < 2)
		cols = 2;
	/* Keep the cursor in the field, with a column for it at the end. */
	while (span_cols(e, start, e->cur) > cols - 1)
		start = next_char(e, start);
	*cursor_col = span_cols(e, start, e->cur);
	used = 0;
	for (end = start; end < e->len; end = next_char(e, end)) {
		int w = char_cols(e, end);

		if (used + w > cols)
			break;
		used += w;
	}
	*from = start;
	*to = end;
}
