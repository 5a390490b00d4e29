/* stats.h: the few statistics the indicator engine judges with: robust
 * centre and spread, the median of a sample without one of its values,
 * exact binomial tails and the normal quantile that turns a tail
 * probability into "standard errors". */
#ifndef BPW_STATS_H
#define BPW_STATS_H

#include <stdbool.h>
#include <stddef.h>

/* MAD x this estimates the standard deviation of normal noise. */
#define STATS_MAD_SCALE 1.482602218505602

/* The median of the n values of v (n > 0), reordering v; NaN for n = 0. */
double stats_median(double *v, size_t n);

/* The robust spread of the n values of v around centre: 1.4826 x the
 * median absolute deviation (a standard deviation for normal noise).
 * Overwrites v with the deviations; NaN for n = 0. */
double stats_mad(double *v, size_t n, double centre);

/* Sorts the n doubles of v ascending (NaN-free). */
void stats_sort(double *v, size_t n);

/* What a median without one value needs of a sample, without sorting it
 * all: the values at the sorted positions around its middle. */
struct stats_middle {
	size_t n;
	size_t first;			/* sorted position of at[0] */
	double at[3];			/* sorted[first .. first + 2] (as many
					 * as there are) */
};

/* Fills mid from the n values of v (reordering v) in linear time. */
void stats_middle_of(double *v, size_t n, struct stats_middle *mid);

/* The median of the sample once one value equal to x is taken out (the
 * "other partners" of a partner whose own value is x, which must be among
 * them); the median of all of it when x is NaN. NaN when nothing is left.
 * Constant time: it is asked for every partner and month. */
double stats_middle_without(const struct stats_middle *mid, double x);

/* P(K >= k) (upper) or P(K <= k) (lower) for K ~ Binomial(n, p). */
double stats_binom_tail(int k, int n, double p, bool upper);

/* The z with P(Z >= z) = p for a standard normal Z (0 < p < 1), clamped
 * to +-8.5 at the ends: how many standard errors a one-sided tail
 * probability of p is. */
double stats_z_of_p(double p);

#endif
