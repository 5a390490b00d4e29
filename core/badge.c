/* badge.c: the indicators' short codes on the overview and their legend. */
#include "badge.h"

#include <ctype.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "text.h"
#include "xalloc.h"

static bool code_taken(const struct badge *b, size_t n, const char *code)
{
	size_t i;

	for (i = 0; i < n; i++)
		if (strcmp(b[i].code, code) == 0)
			return true;
	return false;
}

static bool letter_taken(const struct badge *b, size_t n, char c)
{
	size_t i;

	for (i = 0; i < n; i++)
		if (b[i].letter == c)
			return true;
	return false;
}

/* Two letters: the initials of the key's first two words, or its first
 * two letters ("customer_satisfaction" CS, "proactivity" PR); when an
 * earlier indicator has them, the first letter and a later one of the
 * key, then the first letter and a digit. */
static void make_code(const char *key, const struct badge *done, size_t n,
		      char out[3])
{
	const char *u = strchr(key, '_');
	const char *p;
	char d;

	out[0] = (char)toupper((unsigned char)(key[0] ? key[0] : '?'));
	out[1] = (char)toupper((unsigned char)(u && u[1] ? u[1] :
					       key[0] && key[1] ? key[1] : ' '));
	out[2] = '\0';
	if (!code_taken(done, n, out))
		return;
	for (p = key[0] ? key + 1 : key; *p; p++) {
		if (!isalnum((unsigned char)*p))
			continue;
		out[1] = (char)toupper((unsigned char)*p);
		if (!code_taken(done, n, out))
			return;
	}
	for (d = '1'; d <= '9'; d++) {
		out[1] = d;
		if (!code_taken(done, n, out))
			return;
	}
}

/* One letter for the list: the code's first, else its second, else the
 * first free letter of the key, else '?'. */
static char make_letter(const char *code, const char *key, const struct badge *done,
			size_t n)
{
	const char *p;

	if (!letter_taken(done, n, code[0]))
		return code[0];
	if (code[1] != ' ' && !letter_taken(done, n, code[1]))
		return code[1];
	for (p = key; *p; p++) {
		char c = (char)toupper((unsigned char)*p);

		if (isalnum((unsigned char)c) && !letter_taken(done, n, c))
			return c;
	}
	return '?';
}

size_t badge_codes(const struct ruleset *rs, struct badge *out, size_t max)
{
	size_t i;

	for (i = 0; rs && i < rs->count && i < max; i++) {
		make_code(rs->items[i].key, out, i, out[i].code);
		out[i].letter = make_letter(out[i].code, rs->items[i].key, out, i);
	}
	return i;
}

/* The title whole (max < 0), or its first word. */
static void short_title(const char *title, int max, char *buf, size_t n)
{
	if (max < 0)
		snprintf(buf, n, "%s", title);
	else
		snprintf(buf, n, "%.*s", (int)strcspn(title, " "), title);
}

static void item(const struct ruleset *rs, const struct badge *codes, size_t i,
		 int letters, int max, char *buf, size_t n)
{
	char t[128];

	short_title(rs->items[i].title ? rs->items[i].title : rs->items[i].key, max,
		    t, sizeof(t));
	if (letters)
		snprintf(buf, n, "%c %s", codes[i].letter, t);
	else
		snprintf(buf, n, "%s %s", codes[i].code, t);
}

void badge_legend_item(const struct ruleset *rs, const struct badge *codes,
		       size_t i, int letters, char *buf, size_t n)
{
	item(rs, codes, i, letters, -1, buf, n);
}

/* The legend with whole titles (max < 0) or their first words, items two
 * spaces apart; its width. */
static int legend_at(const struct ruleset *rs, const struct badge *codes,
		     int letters, int max, char *buf, size_t n)
{
	size_t i, len = 0;
	char it[160];

	buf[0] = '\0';
	for (i = 0; i < rs->count && len < n; i++) {
		item(rs, codes, i, letters, max, it, sizeof(it));
		len += (size_t)snprintf(buf + len, n - len, "%s%s", i ? "  " : "", it);
	}
	return text_width(buf);
}

int badge_legend(const struct ruleset *rs, int letters, int width, char *buf,
		 size_t n)
{
	struct badge *codes;
	int w;

	if (n == 0)
		return 0;
	buf[0] = '\0';
	if (rs == NULL || rs->count == 0)
		return 0;
	codes = xcalloc(rs->count, sizeof(*codes));
	badge_codes(rs, codes, rs->count);
	/* Whole titles, else first words (the screen cuts what still does
	 * not fit, with an ellipsis: `?` lists them all). */
	w = legend_at(rs, codes, letters, -1, buf, n);
	if (w > width)
		w = legend_at(rs, codes, letters, 0, buf, n);
	free(codes);
	return w;
}
