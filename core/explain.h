/* explain.h: the whole arithmetic behind a status or a score, from a traced
 * evaluation (indicator_evaluate_traced): the figures each rule read, the
 * rule with its thresholds and the config file and line of each, the
 * metric's direction, the portfolio median, the cause check, N/A items and
 * critical fails in QA scores, the weights behind the health score and the
 * as-of month. The dashboard (x), `bpowatch explain`, the JSON of `check`
 * and the QBR pack's appendix all print it from here. */
#ifndef BPW_EXPLAIN_H
#define BPW_EXPLAIN_H

#include "indicator.h"
#include "strbuf.h"

/* How the text is written: as `explain` and the dashboard show it (numbers
 * to 4 decimals, the config file by its full path), or for the QBR pack
 * (numbers as people read them, the config file by its name and line). */
enum explain_form { EXPLAIN_FULL, EXPLAIN_PACK };

/* Appends, as lines of plain text (data not yet neutralised: the caller
 * cleans it for its medium), the explanation of one rule result r. */
void explain_rule_text(const struct evaluation *ev, const struct rule_result *r,
		       struct strbuf *b);

/* explain_rule_text in form fm. */
void explain_rule_text_as(const struct evaluation *ev, const struct rule_result *r,
			  enum explain_form fm, struct strbuf *b);

/* One indicator: its status as the worst of its rules, then each rule. */
void explain_indicator_text(const struct evaluation *ev,
			    const struct indicator_result *ir, struct strbuf *b);

/* The health score and the overall status: each indicator's weight (with
 * its config file and line), status and points, and the sum. */
void explain_health_text(const struct evaluation *ev, const struct partner_result *pr,
			 struct strbuf *b);

/* explain_health_text in form fm. */
void explain_health_text_as(const struct evaluation *ev, const struct partner_result *pr,
			    enum explain_form fm, struct strbuf *b);

/* All of it for partner pr: health, then every indicator. */
void explain_partner_text(const struct evaluation *ev, const struct partner_result *pr,
			  struct strbuf *b);

/* The explanation of r as a JSON object (for `check --format json`). */
void explain_rule_json(const struct evaluation *ev, const struct rule_result *r,
		       struct strbuf *b);

/* The health score's explanation as a JSON object. */
void explain_health_json(const struct evaluation *ev, const struct partner_result *pr,
			 struct strbuf *b);

#endif
