/* rules_digest.h: one string that changes whenever anything of a compiled
 * ruleset that could change a judgement changes (every indicator, rule and
 * metric setting, and where it was set), for keying stored judgements. */
#ifndef BPW_RULES_DIGEST_H
#define BPW_RULES_DIGEST_H

#include "rules.h"

#define RULES_DIGEST_LEN 33	/* 32 hex digits and the NUL */

/* The digest of rs and extra (another part of the key, e.g. the build;
 * NULL for none) into out. */
void ruleset_digest(const struct ruleset *rs, const char *extra,
		    char out[RULES_DIGEST_LEN]);

#endif
