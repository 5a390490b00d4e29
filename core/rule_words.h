/* rule_words.h: wording the reasons of the rule kinds (private to the
 * indicator engine). */
#ifndef BPW_RULE_WORDS_H
#define BPW_RULE_WORDS_H

#include <stddef.h>

#include "indicator.h"

/* Replaces res->reason with the formatted text (allocated). */
void set_reason(struct rule_result *res, const char *fmt, ...)
	__attribute__((format(printf, 2, 3)));

/* A number as people write it into buf: 72.8, 5.05, 86.0; counts whole. */
const char *words_num(char *buf, size_t n, double v, const char *unit);

/* A value with its unit: "72.8%", "3.01 EUR", "35", "39.9 h". */
const char *words_value(char *buf, size_t n, double v, const char *unit);

/* The size of a change: "7.1 pts" for percentages, else with the unit. */
const char *words_delta(char *buf, size_t n, double v, const char *unit);

/* " on phone", " in team B", " for region north", or "" for the total. */
const char *words_segment(char *buf, size_t n, const char *seg);

/* "meetings, best practices or improvement ideas" for a set of kinds. */
void words_kinds(char *buf, size_t n, unsigned kinds);

/* s cut to at most max bytes on a character boundary, ending in "...". */
void words_cut(char *buf, size_t n, const char *s, size_t max);

#endif
