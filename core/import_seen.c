/* import_seen.c: the observation keys one import run has read, and where,
 * so that a key given twice (in one file or in two) is refused with both
 * places named instead of the last value silently winning. */
#include "import_run.h"

#include <stdlib.h>
#include <string.h>

#include "xalloc.h"

struct seen_slot {
	const char *segment;	/* interned: equal strings, equal pointers */
	int64_t partner;
	int32_t period;		/* YYYYMM */
	uint32_t metric_source;	/* metric index * 2 + source */
	uint32_t file, line;	/* line 0: an empty slot */
};

static size_t slot_hash(const struct seen_slot *k)
{
	uint64_t h = (uint64_t)k->partner * 0x9e3779b97f4a7c15ULL;

	h ^= ((uint64_t)(uint32_t)k->period << 32 | k->metric_source) * 0xc2b2ae3d27d4eb4fULL;
	h ^= (uint64_t)(uintptr_t)k->segment * 0x165667b19e3779f9ULL;
	return (size_t)(h ^ h >> 29);
}

static bool slot_same(const struct seen_slot *a, const struct seen_slot *b)
{
	return a->partner == b->partner && a->period == b->period &&
		a->metric_source == b->metric_source && a->segment == b->segment;
}

static struct seen_slot *slot_find(struct seen_slot *t, size_t cap,
				   const struct seen_slot *k)
{
	size_t i = slot_hash(k) & (cap - 1);

	while (t[i].line && !slot_same(&t[i], k))
		i = (i + 1) & (cap - 1);
	return &t[i];
}

static void seen_grow(struct import_seen *s)
{
	size_t cap = s->cap ? s->cap * 2 : 1024, i;
	struct seen_slot *t = xcalloc(cap, sizeof(*t));

	for (i = 0; i < s->cap; i++)
		if (s->slot[i].line)
			*slot_find(t, cap, &s->slot[i]) = s->slot[i];
	free(s->slot);
	s->slot = t;
	s->cap = cap;
}

bool import_seen_add(struct import_seen *s, const struct import_key *k,
		     size_t file, int line, size_t *was_file, int *was_line)
{
	struct seen_slot key = {
		.segment = strpool_intern(&s->segments, k->segment),
		.partner = k->partner_id, .period = k->period,
		.metric_source = (uint32_t)k->metric * 2 + (k->source == OBS_CLIENT),
		.file = (uint32_t)file, .line = (uint32_t)line,
	}, *at;

	if ((s->n + 1) * 10 > s->cap * 7)	/* at most 70% full */
		seen_grow(s);
	at = slot_find(s->slot, s->cap, &key);
	if (at->line) {
		*was_file = at->file;
		*was_line = (int)at->line;
		return true;
	}
	*at = key;
	s->n++;
	return false;
}

void import_seen_free(struct import_seen *s)
{
	free(s->slot);
	strpool_free(&s->segments);
	memset(s, 0, sizeof(*s));
}
