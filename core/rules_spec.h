/* rules_spec.h: the merge tree of the indicator rules (private to
 * rules_spec.c, which builds it, and rules.c, which compiles it). */
#ifndef BPW_RULES_SPEC_H
#define BPW_RULES_SPEC_H

#include <stdbool.h>
#include <stddef.h>

#include "rules.h"

enum rparam_type { RP_NUM, RP_BOOL, RP_STR, RP_LIST };

struct rparam {
	char *name;
	enum rparam_type type;
	double num;
	bool is_int, b;
	char *str;
	char **list;
	size_t nlist;
	char *file;
	int line;
	int gen;		/* which file read set it: later files count higher */
};

struct rnode {
	char *key, *file;
	int line;
	struct rparam *params;
	size_t nparams;
	struct rnode *kids;		/* an indicator's rules */
	size_t nkids;
	bool has_rules;			/* an indicator named a rules group */
};

struct rules_spec {
	struct rnode inds, metrics;	/* roots; their kids are the entries */
	char *last_file;
	int gen;
};

/* The parameter of node n called name, or NULL. */
struct rparam *rnode_param(const struct rnode *n, const char *name);

#endif
