/* json.c: JSON string and number literals. */
#include "json.h"

#include <math.h>
#include <stdio.h>
#include <string.h>

/* Length of the valid UTF-8 sequence at p (1-4), or 0 when invalid. */
static int utf8_len(const unsigned char *p, unsigned *cp)
{
	int n, i;
	unsigned c = p[0];

	if (c < 0x80) {
		*cp = c;
		return 1;
	}
	if (c >= 0xc2 && c <= 0xdf)
		n = 2, c &= 0x1f;
	else if (c >= 0xe0 && c <= 0xef)
		n = 3, c &= 0x0f;
	else if (c >= 0xf0 && c <= 0xf4)
		n = 4, c &= 0x07;
	else
		return 0;
	for (i = 1; i < n; i++) {
		if ((p[i] & 0xc0) != 0x80)
			return 0;
		c = (c << 6) | (p[i] & 0x3f);
	}
	if ((n == 3 && (c < 0x800 || (c >= 0xd800 && c <= 0xdfff))) ||
	    (n == 4 && (c < 0x10000 || c > 0x10ffff)))
		return 0;
	*cp = c;
	return n;
}

void json_string(struct strbuf *b, const char *s)
{
	const unsigned char *p = (const unsigned char *)s;
	unsigned cp;
	int n;

	if (s == NULL) {
		strbuf_add(b, "null");
		return;
	}
	strbuf_add(b, "\"");
	while (*p) {
		const unsigned char *run = p;

		/* Printable ASCII other than the two escaped goes as it is, a
		 * run at a time: a large report's texts are mostly that. */
		while (*p >= 0x20 && *p < 0x7f && *p != '"' && *p != '\\')
			p++;
		if (p > run)
			strbuf_addn(b, (const char *)run, (size_t)(p - run));
		if (*p == '\0')
			break;
		n = utf8_len(p, &cp);
		if (n == 0) {
			strbuf_add(b, "\\ufffd");
			p++;
			continue;
		}
		if (cp == '"')
			strbuf_add(b, "\\\"");
		else if (cp == '\\')
			strbuf_add(b, "\\\\");
		else if (cp == '\n')
			strbuf_add(b, "\\n");
		else if (cp == '\t')
			strbuf_add(b, "\\t");
		else if (cp < 0x20 || cp == 0x7f || (cp >= 0x80 && cp < 0xa0) ||
			 cp == 0x2028 || cp == 0x2029 || cp == 0x061c ||
			 cp == 0x200e || cp == 0x200f ||
			 (cp >= 0x202a && cp <= 0x202e) ||
			 (cp >= 0x2066 && cp <= 0x2069))
			strbuf_addf(b, "\\u%04x", cp);
		else
			strbuf_addn(b, (const char *)p, (size_t)n);
		p += n;
	}
	strbuf_add(b, "\"");
}

void json_number(struct strbuf *b, double v)
{
	char buf[64];
	size_t n;

	if (!isfinite(v)) {
		strbuf_add(b, "null");
		return;
	}
	snprintf(buf, sizeof(buf), "%.4f", v);
	n = strlen(buf);
	while (n > 0 && buf[n - 1] == '0')
		buf[--n] = '\0';
	if (n > 0 && buf[n - 1] == '.')
		buf[--n] = '\0';
	strbuf_add(b, strcmp(buf, "-0") == 0 ? "0" : buf);
}

void json_key(struct strbuf *b, bool first, const char *key)
{
	if (!first)
		strbuf_add(b, ",");
	json_string(b, key);
	strbuf_add(b, ":");
}
