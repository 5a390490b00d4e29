/* idmap.c: row ids to array positions (see idmap.h). */
#include "idmap.h"

#include <stdlib.h>
#include <string.h>

#include "xalloc.h"

static int entry_cmp(const void *a, const void *b)
{
	const struct idmap_entry *x = a, *y = b;

	return (x->id > y->id) - (x->id < y->id);
}

void idmap_build(struct idmap *m, const int64_t *ids, size_t n)
{
	size_t i;

	memset(m, 0, sizeof(*m));
	m->n = n;
	m->sorted = xcalloc(n + 1, sizeof(*m->sorted));
	for (i = 0; i < n; i++) {
		m->sorted[i].id = ids[i];
		m->sorted[i].pos = i;
	}
	if (n > 1)
		xqsort(m->sorted, n, sizeof(*m->sorted), entry_cmp);
	/* Dense: at most four slots per id and a little slack. */
	if (n == 0 || m->sorted[0].id < 0 ||
	    m->sorted[n - 1].id > (int64_t)n * 4 + 1024)
		return;
	m->max_id = m->sorted[n - 1].id;
	m->by_id = xmalloc(((size_t)m->max_id + 1) * sizeof(long));
	for (i = 0; i <= (size_t)m->max_id; i++)
		m->by_id[i] = -1;
	for (i = 0; i < n; i++)
		m->by_id[m->sorted[i].id] = (long)m->sorted[i].pos;
}

long idmap_find(const struct idmap *m, int64_t id)
{
	struct idmap_entry key = { .id = id }, *hit;

	if (m->by_id)
		return id >= 0 && id <= m->max_id ? m->by_id[id] : -1;
	hit = m->n ? bsearch(&key, m->sorted, m->n, sizeof(key), entry_cmp) : NULL;
	return hit ? (long)hit->pos : -1;
}

void idmap_free(struct idmap *m)
{
	free(m->sorted);
	free(m->by_id);
	memset(m, 0, sizeof(*m));
}
