/* strpool.h: one copy of each distinct string, for loaders that read the
 * same few texts thousands of times (the items of an audit template, once
 * per partner). The copies live until the pool is freed. */
#ifndef BPW_STRPOOL_H
#define BPW_STRPOOL_H

#include <stddef.h>

struct strpool {
	char **slot;		/* open addressing; NULL is empty */
	size_t cap, n;		/* cap is 0 or a power of two */
};

/* The pool's copy of s, made on first sight. */
const char *strpool_intern(struct strpool *p, const char *s);

/* Frees every copy and empties p. */
void strpool_free(struct strpool *p);

#endif
