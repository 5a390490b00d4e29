/* xalloc.c: allocation helpers that never return NULL. */
#include "xalloc.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static void *xcheck(void *p)
{
	if (p == NULL) {
		fputs("bpowatch: out of memory\n", stderr);
		abort();
	}
	return p;
}

void *xmalloc(size_t n) { return xcheck(malloc(n ? n : 1)); }
void *xcalloc(size_t count, size_t size)
{
	return xcheck(calloc(count ? count : 1, size ? size : 1));
}
void *xrealloc(void *p, size_t n) { return xcheck(realloc(p, n ? n : 1)); }

char *xstrdup(const char *s)
{
	return s ? xcheck(strdup(s)) : NULL;
}

void xqsort(void *base, size_t n, size_t size,
	    int (*cmp)(const void *, const void *))
{
	if (n > 1)
		qsort(base, n, size, cmp);
}
