/* judgement_codec.h: an evaluation as the bytes of a stored judgement
 * (judgement.h), and back: a summary of the portfolio (every partner's
 * statuses, health and last audit: what the first screen, the sort and
 * the filter read) and a detail per partner (its reasons and figures, and
 * the figures each rule read when the evaluation was traced); and the
 * overview's panes (every partner's series, audit and actions). */
#ifndef BPW_JUDGEMENT_CODEC_H
#define BPW_JUDGEMENT_CODEC_H

#include <stdbool.h>
#include <stddef.h>

#include "indicator.h"
#include "portfolio.h"
#include "strbuf.h"

/* Appends the summary of ev to b. */
void judgement_encode_summary(const struct evaluation *ev, struct strbuf *b);

/* Fills the empty ev from a summary made on the rules rs: its partners with
 * their statuses and no reasons or rules yet. -1 when the blob is not one
 * (ev then holds what was read; indicator_free releases it). */
int judgement_decode_summary(const void *blob, size_t n, const struct ruleset *rs,
			     struct evaluation *ev);

/* Appends the detail of pr, a partner of ev, to b, with the rules' inputs
 * when traced. -1 when pr holds what a blob cannot say (nothing stored). */
int judgement_encode_detail(const struct evaluation *ev, const struct partner_result *pr,
			    bool traced, struct strbuf *b);

/* Fills pr's reasons and rules from its detail; with inputs, also the
 * figures each rule read (-1 when the detail was stored without them).
 * -1 on a blob that is not one (judgement_clear_detail then empties pr). */
int judgement_decode_detail(const void *blob, size_t n, struct evaluation *ev,
			    struct partner_result *pr, bool inputs);

/* Appends the panes of the overview (pf, loaded and scaled) to b. */
void judgement_encode_panes(const struct portfolio *pf, struct strbuf *b);

/* Fills pf from the panes; -1 on a blob that is not one (portfolio_free
 * releases what was read). */
int judgement_decode_panes(const void *blob, size_t n, struct portfolio *pf);

/* Frees pr's reasons and rules, keeping its statuses. */
void judgement_clear_detail(struct partner_result *pr);

#endif
