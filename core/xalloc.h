/* xalloc.h: allocation helpers that never return NULL (they abort on OOM,
 * which on a jump host means the process is beyond saving anyway). */
#ifndef BPW_XALLOC_H
#define BPW_XALLOC_H

#include <stddef.h>

/* malloc that aborts instead of returning NULL; caller frees. */
void *xmalloc(size_t n);
/* calloc that aborts instead of returning NULL; caller frees. */
void *xcalloc(size_t count, size_t size);
/* realloc that aborts instead of returning NULL; caller frees. */
void *xrealloc(void *p, size_t n);
/* strdup of s (NULL gives NULL); caller frees. */
char *xstrdup(const char *s);
/* qsort that takes an empty array: qsort(NULL, 0, ...) is undefined
 * behaviour, and an empty list's items are NULL. */
void xqsort(void *base, size_t n, size_t size,
	    int (*cmp)(const void *, const void *));

#endif
