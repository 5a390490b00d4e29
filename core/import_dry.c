/* import_dry.c: what a dry run of observations would change: each value
 * it would replace (old and new) and the figures it would insert, update
 * or leave per partner and metric, for `import --dry-run` to show. */
#include "import_run.h"

#include <stdlib.h>
#include <string.h>

#include "xalloc.h"

struct tally_slot {
	int64_t partner;	/* 0: an empty slot */
	size_t metric;
	size_t n[3];		/* by enum upsert_result */
};

static struct tally_slot *tally_find(struct tally_slot *t, size_t cap,
				     int64_t partner, size_t metric)
{
	size_t i = (size_t)(((uint64_t)partner * 0x9e3779b97f4a7c15ULL) ^ metric *
			    0xc2b2ae3d27d4eb4fULL) & (cap - 1);

	while (t[i].partner && (t[i].partner != partner || t[i].metric != metric))
		i = (i + 1) & (cap - 1);
	return &t[i];
}

static void tally_grow(struct import_dry *d)
{
	size_t cap = d->cap ? d->cap * 2 : 64, i;
	struct tally_slot *t = xcalloc(cap, sizeof(*t));

	for (i = 0; i < d->cap; i++)
		if (d->slot[i].partner)
			*tally_find(t, cap, d->slot[i].partner, d->slot[i].metric) = d->slot[i];
	free(d->slot);
	d->slot = t;
	d->cap = cap;
}

/* Keeps an update in the report (the first IMPORT_MAX_CHANGES). */
static void keep_change(struct run *u, const struct observation *o, double old)
{
	struct import_report *rep = u->rep;
	struct import_change *c;

	if (rep->changes_total++ >= IMPORT_MAX_CHANGES)
		return;
	rep->changes = xrealloc(rep->changes, (rep->nchanges + 1) * sizeof(*c));
	c = &rep->changes[rep->nchanges++];
	*c = (struct import_change){
		.partner = xstrdup(import_field(u, C_PARTNER)),
		.metric = xstrdup(o->metric), .segment = xstrdup(o->segment),
		.source = obs_source_name(o->source), .old = old, .value = o->value };
	memcpy(c->period, o->period, 7);
	c->period[7] = '\0';
}

void import_dry_note(struct run *u, const struct observation *o, size_t mi,
		     enum upsert_result res, double old)
{
	struct import_dry *d = &u->dry;
	struct tally_slot *t;

	if (res == UPSERT_UPDATED)
		keep_change(u, o, old);
	if ((d->n + 1) * 2 > d->cap)
		tally_grow(d);
	t = tally_find(d->slot, d->cap, o->partner_id, mi);
	if (t->partner == 0) {
		t->partner = o->partner_id;
		t->metric = mi;
		d->n++;
	}
	t->n[res]++;
}

static const char *code_of(const struct run *u, int64_t id)
{
	size_t i;

	for (i = 0; i < u->npartners; i++)
		if (u->partners[i].id == id)
			return u->partners[i].code;
	return "?";
}

static int cmp_tally(const void *a, const void *b)
{
	const struct import_tally *x = a, *y = b;
	int c = strcmp(x->partner, y->partner);

	return c ? c : strcmp(x->metric, y->metric);
}

void import_dry_end(struct run *u)
{
	struct import_report *rep = u->rep;
	size_t i;

	rep->tallies = xcalloc(u->dry.n + 1, sizeof(*rep->tallies));
	for (i = 0; i < u->dry.cap; i++) {
		const struct tally_slot *t = &u->dry.slot[i];

		if (t->partner == 0)
			continue;
		rep->tallies[rep->ntallies++] = (struct import_tally){
			xstrdup(code_of(u, t->partner)),
			xstrdup(u->metrics.items[t->metric].key),
			t->n[UPSERT_INSERTED], t->n[UPSERT_UPDATED],
			t->n[UPSERT_UNCHANGED] };
	}
	xqsort(rep->tallies, rep->ntallies, sizeof(*rep->tallies), cmp_tally);
	free(u->dry.slot);
	memset(&u->dry, 0, sizeof(u->dry));
}
