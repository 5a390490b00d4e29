/* fuzz_text.c: the neutraliser, with an oracle: whatever comes in, what
 * comes out is valid UTF-8 with no C0 control (but a kept newline), no
 * DEL, no C1 control, no bidirectional control, and it fits maxcols. */
#include <stdlib.h>
#include <string.h>

#include "fuzz.h"
#include "text.h"

static void check(const char *out, unsigned flags, int maxcols)
{
	const unsigned char *s = (const unsigned char *)out;
	size_t n = strlen(out), i = 0;

	while (i < n) {
		uint32_t cp;
		size_t len = text_utf8_decode(s + i, n - i, &cp);

		if (len == 0)
			abort();		/* invalid UTF-8 got through */
		if ((cp < 0x20 && !(cp == '\n' && (flags & TEXT_NEWLINES))) ||
		    cp == 0x7f || (cp >= 0x80 && cp <= 0x9f) ||
		    (cp >= 0x202a && cp <= 0x202e) || (cp >= 0x2066 && cp <= 0x2069))
			abort();		/* a control reached the terminal */
		if ((flags & TEXT_ASCII) && cp >= 0x80)
			abort();
		i += len;
	}
	if (maxcols >= 0 && !(flags & TEXT_NEWLINES) && text_width(out) > maxcols)
		abort();
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	unsigned flags;
	int maxcols;
	char *in, *out;

	if (size < 2)
		return 0;
	flags = data[0] & (TEXT_ASCII | TEXT_NEWLINES);
	maxcols = data[1] == 255 ? -1 : data[1];
	in = malloc(size - 1);
	if (in == NULL)
		return 0;
	memcpy(in, data + 2, size - 2);
	in[size - 2] = '\0';
	out = text_clean(in, flags, maxcols);
	check(out, flags, maxcols);
	free(out);
	free(in);
	return 0;
}
