/* text.h: the one gate between untrusted text (database, CSV, config) and
 * anything that displays it: terminal, CLI output, reports. */
#ifndef BPW_TEXT_H
#define BPW_TEXT_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

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

/* One line of clean text s broken at spaces into lines of at most width
 * columns (a word longer than that stays whole on its own line); every
 * line after the first starts with the first one's indent, its leading
 * spaces, so a wrapped line still reads as part of its block. The lines
 * joined by '\n', allocated; width < 1: a copy of s. */
char *text_wrap(const char *s, int width);

/* Decodes one UTF-8 sequence at s (n bytes left): its length with the
 * code point in *cp, or 0 for an invalid or truncated sequence (overlong
 * forms, surrogates and values past U+10FFFF are invalid). */
size_t text_utf8_decode(const unsigned char *s, size_t n, uint32_t *cp);

/* True for the bidirectional formatting characters (U+061C, U+200E/F,
 * U+202A-E, U+2066-9): invisible, they reorder what follows them. */
bool text_is_bidi_control(uint32_t c);

/* True when the current locale's character set is UTF-8. */
bool text_locale_is_utf8(void);

/* Writes s folded for matching into out (n bytes, always terminated,
 * cut at a whole character): ASCII lower case, Latin letters with
 * diacritics as their base letters (ó -> o, ł -> l, ß -> ss, Æ -> ae),
 * Greek and Cyrillic capitals as small letters; anything else as it is.
 * "Kraków" and "KRAKOW" both fold to "krakow". Returns out. */
char *text_fold(const char *s, char *out, size_t n);

/* True when needle occurs in hay once both are folded (text_fold); an
 * empty needle is in everything, a NULL hay in nothing. */
bool text_fold_contains(const char *hay, const char *needle);

/* Edit distance of two short names, for "did you mean" hints (99 when
 * either is 64 characters or longer). */
size_t text_edit_distance(const char *a, const char *b);

#endif
