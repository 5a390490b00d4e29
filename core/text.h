/* text.h: the one gate between untrusted text (database, CSV, config) and
 * anything that displays it: terminal, CLI output, reports. */
#ifndef BPW_TEXT_H
#define BPW_TEXT_H

#include <stdbool.h>
#include <stddef.h>

enum text_flags {
	TEXT_ASCII = 1 << 0,	/* output plain ASCII (non-UTF-8 terminals) */
	TEXT_NEWLINES = 1 << 1,	/* keep '\n' (multi-line text); else shown as \n */
};

/* Returns a copy of s (NULL is treated as "") that is safe to write to a
 * terminal: C0 controls, DEL, C1 controls, bidirectional controls and invalid
 * UTF-8 become visible escapes (\x1b, \u202e); with TEXT_ASCII, other
 * non-ASCII letters are folded (é -> e) or shown as '?'. When maxcols >= 0
 * the result is cut to that many display columns, ending in an ellipsis if
 * cut. Caller frees. */
char *text_clean(const char *s, unsigned flags, int maxcols);

/* Display width in terminal columns of clean UTF-8 text (from text_clean). */
int text_width(const char *s);

/* True when the current locale's character set is UTF-8. */
bool text_locale_is_utf8(void);

#endif
