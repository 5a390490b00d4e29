/* strpool.c: string interning in an open-addressed hash table. */
#include "strpool.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "xalloc.h"

/* FNV-1a: short texts, no adversary worth more than a slow load. */
static size_t hash(const char *s)
{
	uint64_t h = 14695981039346656037ULL;

	for (; *s; s++)
		h = (h ^ (unsigned char)*s) * 1099511628211ULL;
	return (size_t)h;
}

static char **find(char **slot, size_t cap, const char *s)
{
	size_t i = hash(s) & (cap - 1);

	while (slot[i] && strcmp(slot[i], s) != 0)
		i = (i + 1) & (cap - 1);
	return &slot[i];
}

static void grow(struct strpool *p)
{
	size_t cap = p->cap ? p->cap * 2 : 64, i;
	char **slot = xcalloc(cap, sizeof(char *));

	for (i = 0; i < p->cap; i++)
		if (p->slot[i])
			*find(slot, cap, p->slot[i]) = p->slot[i];
	free(p->slot);
	p->slot = slot;
	p->cap = cap;
}

const char *strpool_intern(struct strpool *p, const char *s)
{
	char **at;

	if ((p->n + 1) * 2 > p->cap)	/* at most half full */
		grow(p);
	at = find(p->slot, p->cap, s);
	if (*at == NULL) {
		*at = xstrdup(s);
		p->n++;
	}
	return *at;
}

void strpool_free(struct strpool *p)
{
	size_t i;

	for (i = 0; i < p->cap; i++)
		free(p->slot[i]);
	free(p->slot);
	memset(p, 0, sizeof(*p));
}
