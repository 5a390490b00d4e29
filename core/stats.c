/* stats.c: robust centre and spread, leave-one-out medians, binomial tails
 * and the normal quantile (see stats.h). Samples here are small (a year of
 * months, a portfolio of partners), so plain sorting is the right tool. */
#include "stats.h"

#include <math.h>
#include <string.h>

static void insertion_sort(double *v, size_t n)
{
	size_t i, j;

	for (i = 1; i < n; i++) {
		double x = v[i];

		for (j = i; j > 0 && v[j - 1] > x; j--)
			v[j] = v[j - 1];
		v[j] = x;
	}
}

static void swap(double *a, double *b)
{
	double t = *a;

	*a = *b;
	*b = t;
}

/* Splits v[lo..hi] (hi > lo) around the median of three: returns j with
 * v[lo..j] <= v[j+1..hi] (Hoare's scheme, both sides non-empty). */
static size_t partition(double *v, size_t lo, size_t hi)
{
	size_t i = lo, j = hi, mid = lo + (hi - lo) / 2;
	double pivot;

	if (v[mid] < v[lo])
		swap(&v[mid], &v[lo]);
	if (v[hi] < v[lo])
		swap(&v[hi], &v[lo]);
	if (v[hi] < v[mid])
		swap(&v[hi], &v[mid]);
	pivot = v[mid];
	for (;;) {
		while (v[i] < pivot)
			i++;
		while (pivot < v[j])
			j--;
		if (i >= j)
			return j;
		swap(&v[i], &v[j]);
		i++;
		j--;
	}
}

/* Quicksort, the smaller side first by recursion and the larger by the
 * loop (depth log n), small runs left to insertion sort: a portfolio's
 * month (1,000 values) is sorted for every panel, so the comparisons are
 * inline rather than qsort's calls. */
void stats_sort(double *v, size_t n)
{
	while (n > 16) {
		size_t j = partition(v, 0, n - 1);

		if (j + 1 < n - j - 1) {
			stats_sort(v, j + 1);
			v += j + 1;
			n -= j + 1;
		} else {
			stats_sort(v + j + 1, n - j - 1);
			n = j + 1;
		}
	}
	insertion_sort(v, n);
}

/* Reorders v so that v[k] is the value sorted position k would hold,
 * with nothing larger before it and nothing smaller after it. */
static void select_kth(double *v, size_t n, size_t k)
{
	size_t lo = 0, hi = n - 1;

	while (hi > lo) {
		size_t j = partition(v, lo, hi);

		if (k <= j)
			hi = j;
		else
			lo = j + 1;
	}
}

void stats_middle_of(double *v, size_t n, struct stats_middle *mid)
{
	size_t m = n ? n - 1 : 0, k, i;

	memset(mid, 0, sizeof(*mid));
	mid->n = n;
	if (n == 0)
		return;
	/* The positions stats_middle_without reads: j and j + 1 for the one or two j
	 * around the middle of the n - 1 left. */
	mid->first = m % 2 || m == 0 ? m / 2 : m / 2 - 1;
	select_kth(v, n, mid->first);
	mid->at[0] = v[mid->first];
	/* The next ones are the smallest of what follows. */
	for (k = 1; k < 3 && mid->first + k < n; k++) {
		size_t best = mid->first + k;

		for (i = best + 1; i < n; i++)
			if (v[i] < v[best])
				best = i;
		swap(&v[mid->first + k], &v[best]);
		mid->at[k] = v[mid->first + k];
	}
}

double stats_middle_without(const struct stats_middle *mid, double x)
{
	size_t n = mid->n, m, j;
	double a, b;

	if (n == 0)
		return NAN;
#define AT(pos) (mid->at[(pos) - mid->first])
	if (isnan(x))
		return n % 2 ? AT(n / 2) : (AT(n / 2 - 1) + AT(n / 2)) / 2;
	m = n - 1;
	if (m == 0)
		return NAN;
	j = m % 2 ? m / 2 : m / 2 - 1;
	a = x <= AT(j) ? AT(j + 1) : AT(j);
	if (m % 2)
		return a;
	b = x <= AT(j + 1) ? AT(j + 2) : AT(j + 1);
	return (a + b) / 2;
#undef AT
}

double stats_median(double *v, size_t n)
{
	if (n == 0)
		return NAN;
	stats_sort(v, n);
	return n % 2 ? v[n / 2] : (v[n / 2 - 1] + v[n / 2]) / 2;
}

double stats_mad(double *v, size_t n, double centre)
{
	size_t i;

	for (i = 0; i < n; i++)
		v[i] = fabs(v[i] - centre);
	return STATS_MAD_SCALE * stats_median(v, n);
}

/* log of n choose k. */
static double log_choose(int n, int k)
{
	return lgamma(n + 1.0) - lgamma(k + 1.0) - lgamma(n - k + 1.0);
}

/* The tail is summed from its largest term outwards with the ratio of
 * neighbouring terms, so one call costs one lgamma and one exp, and stops
 * once the terms no longer change the sum. */
double stats_binom_tail(int k, int n, double p, bool upper)
{
	double term, sum, ratio_up, ratio_down;
	int i, mode, from = upper ? k : 0, to = upper ? n : k;

	if (from < 0)
		from = 0;
	if (to > n)
		to = n;
	if (from > to)
		return 0;
	if (p <= 0)
		return from == 0 ? 1 : 0;
	if (p >= 1)
		return to == n ? 1 : 0;
	/* A tail that holds the mode is one minus the other tail, whose
	 * largest term is then at its end: summing from there never starts
	 * on a term too small to tell from zero. */
	mode = (int)floor((n + 1) * p);
	if (upper && k <= mode)
		return 1 - stats_binom_tail(k - 1, n, p, false);
	if (!upper && k >= mode)
		return 1 - stats_binom_tail(k + 1, n, p, true);
	/* The term at the end of the tail nearest the mode is the largest. */
	i = upper ? from : to;
	term = exp(log_choose(n, i) + i * log(p) + (n - i) * log1p(-p));
	sum = term;
	ratio_up = p / (1 - p);
	ratio_down = (1 - p) / p;
	if (upper) {
		for (; i < to && term > sum * 1e-17; i++) {
			term *= (double)(n - i) / (i + 1) * ratio_up;
			sum += term;
		}
	} else {
		for (; i > from && term > sum * 1e-17; i--) {
			term *= (double)i / (n - i + 1) * ratio_down;
			sum += term;
		}
	}
	return sum > 1 ? 1 : sum;
}

double stats_z_of_p(double p)
{
	double z = 0;
	int i;

	if (!(p < 1))
		return -8.5;
	if (!(p > 0))
		return 8.5;
	/* Newton's method on upper tail(z) = 0.5 erfc(z / sqrt 2) = p; the
	 * tail is convex for z > 0 and the steps are damped near the ends. */
	for (i = 0; i < 60; i++) {
		double tail = 0.5 * erfc(z / M_SQRT2);
		double dens = exp(-0.5 * z * z) / sqrt(2 * M_PI);
		double step;

		if (dens < 1e-300)
			break;
		step = (tail - p) / dens;
		if (step > 1)
			step = 1;
		else if (step < -1)
			step = -1;
		z += step;
		if (fabs(step) < 1e-12)
			break;
	}
	return z > 8.5 ? 8.5 : z < -8.5 ? -8.5 : z;
}
