/* idmap.h: row ids (partner ids) to array positions, for loaders that
 * read figures of every partner at once: an array indexed by id when the
 * ids are dense (as SQLite hands them out), else a binary search. */
#ifndef BPW_IDMAP_H
#define BPW_IDMAP_H

#include <stddef.h>
#include <stdint.h>

struct idmap_entry {
	int64_t id;
	size_t pos;
};

struct idmap {
	struct idmap_entry *sorted;	/* by id */
	size_t n;
	long *by_id;			/* NULL when the ids are sparse */
	int64_t max_id;
};

/* Maps ids[i] to i for i < n. idmap_free releases m. */
void idmap_build(struct idmap *m, const int64_t *ids, size_t n);

/* The position of id, or -1. */
long idmap_find(const struct idmap *m, int64_t id);

void idmap_free(struct idmap *m);

#endif
