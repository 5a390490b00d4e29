/* import_seen.c: the observation keys one import run has read, and where,
 * so that a key given twice (in one file or in two) is refused with both
 * places named instead of the last value silently winning. */
#include "import_run.h"

#include <stdlib.h>
#include <string.h>

#include "xalloc.h"

/* 24 bytes: a million keys fill a 2^21-slot table of 48 MB. Partner ids
 * are SQLite row ids, far below 2^32; a run reads fewer than 65536 files. */
struct seen_slot {
	const char *segment;	/* interned: equal strings, equal pointers */
	uint32_t partner;
	int32_t period;		/* YYYYMM, or a negative record_tag */
	uint32_t line;		/* 0: an empty slot */
	uint16_t metric_source;	/* metric index * 2 + source */
	uint16_t file;
};

/* A 64-bit mix of the key (MurmurHash3's finaliser): every input bit moves
 * the low bits the table is indexed by. Keys differ mostly in a few low
 * bits of the partner and the month, so a plain multiply-and-xor piled
 * them into long runs of probes (a seventh of a large import's time). */
static size_t slot_hash(const struct seen_slot *k)
{
	uint64_t h = (uint64_t)k->partner << 32 ^ (uint32_t)k->period;

	h ^= ((uint64_t)k->metric_source << 48) ^ (uint64_t)(uintptr_t)k->segment;
	h ^= h >> 33;
	h *= 0xff51afd7ed558ccdULL;
	h ^= h >> 33;
	h *= 0xc4ceb9fe1a85ec53ULL;
	h ^= h >> 33;
	return (size_t)h;
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

/* Moves the table to one of cap slots (a power of two). */
static void seen_resize(struct import_seen *s, size_t cap)
{
	struct seen_slot *t = xcalloc(cap, sizeof(*t));
	size_t i;

	for (i = 0; i < s->cap; i++)
		if (s->slot[i].line)
			*slot_find(t, cap, &s->slot[i]) = s->slot[i];
	free(s->slot);
	s->slot = t;
	s->cap = cap;
}

void import_seen_reserve(struct import_seen *s, size_t n)
{
	size_t cap = s->cap ? s->cap : 1024;

	while (n * 10 > cap * 7)
		cap *= 2;
	if (cap > s->cap)
		seen_resize(s, cap);
}

bool import_seen_add(struct import_seen *s, const struct import_key *k,
		     size_t file, int line, size_t *was_file, int *was_line)
{
	struct seen_slot key = {
		.segment = strpool_intern(&s->segments, k->segment),
		.partner = (uint32_t)k->partner_id, .period = k->period,
		.metric_source = (uint16_t)(k->metric * 2 + (k->source == OBS_CLIENT)),
		.file = (uint16_t)file, .line = (uint32_t)line,
	}, *at;

	if ((s->n + 1) * 10 > s->cap * 7)	/* at most 70% full */
		seen_resize(s, s->cap ? s->cap * 2 : 1024);
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
