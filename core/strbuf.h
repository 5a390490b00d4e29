/* strbuf.h: a growable string for building output (JSON, tables, reasons)
 * without fixed-size buffers. */
#ifndef BPW_STRBUF_H
#define BPW_STRBUF_H

#include <stddef.h>
#include <stdio.h>

struct strbuf {
	char *s;		/* always NUL-terminated once anything was added */
	size_t len, cap;
};

/* Appends n bytes of p. */
void strbuf_addn(struct strbuf *b, const char *p, size_t n);

/* Appends the string p. */
void strbuf_add(struct strbuf *b, const char *p);

/* Appends printf-style formatted text. */
void strbuf_addf(struct strbuf *b, const char *fmt, ...)
	__attribute__((format(printf, 2, 3)));

/* The text so far ("" when empty); owned by b. */
const char *strbuf_str(const struct strbuf *b);

/* Hands the text to the caller (who frees it) and empties b. */
char *strbuf_take(struct strbuf *b);

/* Writes what b holds to f but its last keep bytes, which stay in b (a
 * writer that looks back that far still finds them): output that goes
 * out as it is made instead of being held whole. Nothing when f is NULL. */
void strbuf_flush(struct strbuf *b, FILE *f, size_t keep);

/* Frees what b holds and empties it. */
void strbuf_free(struct strbuf *b);

#endif
