/* judgement.h: the evaluation kept until what it depends on changes. A
 * judgement is stored in the database keyed by the data (the data clock,
 * store_data_clock), the effective rules and the build (ruleset_digest,
 * build_id), the month judged and "today"; a start whose key matches reads
 * it instead of judging every partner again. Storing happens in one
 * transaction that never waits for another writer, so a reader (another
 * manager's dashboard, a read-only session) sees the whole judgement or
 * none; read-only sessions read stored judgements and never store. */
#ifndef BPW_JUDGEMENT_H
#define BPW_JUDGEMENT_H

#include <stdbool.h>
#include <stdint.h>

#include "error.h"
#include "indicator.h"
#include "portfolio.h"
#include "date.h"
#include "rules.h"
#include "rules_digest.h"
#include "store.h"

enum judge_flag {
	JUDGE_FRESH = 1,	/* judge afresh: never read a stored judgement */
	JUDGE_LAZY = 2,		/* a stored one: only the summary now, each
				 * partner's detail when asked (judgement_detail) */
	JUDGE_TRACED = 4,	/* with the figures every rule read (explain) */
	JUDGE_NO_STORE = 8,	/* do not store what was judged afresh */
	JUDGE_DEFER = 16,	/* store it later, with judgement_keep (after the
				 * first frame is drawn) */
};

/* What a judgement depends on. */
struct judgement_key {
	char rules[RULES_DIGEST_LEN];	/* ruleset_digest with build_id */
	char as_of[DATE_LEN];		/* the month judged */
	char today[DATE_LEN];
	int64_t data;			/* store_data_clock when judged */
	bool follow;			/* as_of is the month the time model
					 * judges on today */
};

/* What judgement_evaluate did. */
struct judgement_use {
	bool read;		/* the judgement came from the database */
	bool stored;		/* it was judged afresh and stored */
	bool owed;		/* judged afresh, to store (JUDGE_DEFER) */
	bool traced;		/* what is owed holds every rule's inputs */
	int64_t id;		/* the stored judgement, 0 none */
	struct judgement_key key;
};

/* Most stored judgements kept (another user's rules, another month shown,
 * a day before): beyond that, and whatever the data has moved past, is
 * pruned when a judgement is stored. */
#define JUDGEMENT_KEEP 8

/* indicator_evaluate (or _traced for every partner, with JUDGE_TRACED)
 * through the stored judgements, as flags say; use may be NULL. A stored
 * judgement that cannot be read is judged afresh. */
int judgement_evaluate(struct store *st, const struct ruleset *rs, const char *period,
		       const char *today, unsigned flags, struct evaluation *out,
		       struct judgement_use *use, struct bpw_error *err);

/* Stores ev, judged afresh by judgement_evaluate with JUDGE_DEFER, when
 * use says it is owed (and the data have not moved on since: then it is
 * stale and dropped). Never waits for another writer; a judgement that
 * could not be stored is judged again next time, so it is no error. */
void judgement_keep(struct store *st, const struct evaluation *ev,
		    struct judgement_use *use);

/* The overview's panes stored with the judgement use read (or stored),
 * loaded with the settings panes_key says, into pf: 0, or BPW_ENOENT when
 * there are none that fit (pf is then empty). */
int judgement_panes(struct store *st, const struct judgement_use *use,
		    const char *panes_key, struct portfolio *pf, struct bpw_error *err);

/* Stores pf (loaded and scaled as of the judgement's month, with the
 * settings panes_key says) with the judgement use read or stored, unless
 * the data moved on since; never waits, as judgement_keep. */
void judgement_keep_panes(struct store *st, const struct judgement_use *use,
			  const char *panes_key, const struct portfolio *pf);

/* Makes pr, a partner of ev (judged lazily), whole: its reasons and rules
 * (with the figures each rule read, when ev is traced) read from the
 * stored judgement, or, when that is gone (pruned after the data moved
 * on), from the portfolio judged afresh. Nothing to do for a partner
 * already whole. */
int judgement_detail(struct store *st, struct evaluation *ev, struct partner_result *pr,
		     struct bpw_error *err);

/* Lets pr's detail go again when ev was read lazily from a stored
 * judgement (judgement_detail reads it back when asked): a pass over
 * every partner then holds one partner's detail at a time. Nothing for
 * an evaluation made afresh, whose detail could not be read back. */
void judgement_release(struct evaluation *ev, struct partner_result *pr);

/* Removes every stored judgement (they are only a cache). */
int judgement_forget(struct store *st, struct bpw_error *err);

#endif
