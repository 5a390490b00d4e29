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

/* Frees a list (a struct with items and count, or NULL): each element
 * cleared with clear(&items[i]) first, then the array; the list is left
 * empty. One definition for every module's *_list_free. */
#define XLIST_FREE(list, clear) \
	do { \
		if ((list) != NULL) { \
			size_t xlist_i_; \
			for (xlist_i_ = 0; xlist_i_ < (list)->count; xlist_i_++) \
				clear(&(list)->items[xlist_i_]); \
			free((list)->items); \
			(list)->items = NULL; \
			(list)->count = 0; \
		} \
	} while (0)

#endif
