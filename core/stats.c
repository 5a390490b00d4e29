/* stats.c: robust centre and spread, leave-one-out medians, binomial tails
 * and the normal quantile (see stats.h). Samples here are small (a year of
 * months, a portfolio of partners), so plain sorting is the right tool. */
#include "stats.h"

#include <math.h>
#include <stdlib.h>

static int cmp_double(const void *a, const void *b)
{
	double x = *(const double *)a, y = *(const double *)b;

	return x < y ? -1 : x > y;
}

void stats_sort(double *v, size_t n)
{
	size_t i, j;

	if (n < 24) {		/* a year of months: insertion sort is fastest */
		for (i = 1; i < n; i++) {
			double x = v[i];

			for (j = i; j > 0 && v[j - 1] > x; j--)
				v[j] = v[j - 1];
			v[j] = x;
		}
		return;
	}
	qsort(v, n, sizeof(double), cmp_double);
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

/* Element i of sorted once index skip is taken out. */
static double at_without(const double *sorted, size_t i, size_t skip)
{
	return sorted[i < skip ? i : i + 1];
}

double stats_median_without(const double *sorted, size_t n, double x)
{
	size_t lo = 0, hi = n, m;

	if (isnan(x) || n == 0)
		return n ? (n % 2 ? sorted[n / 2] : (sorted[n / 2 - 1] + sorted[n / 2]) / 2)
			 : NAN;
	while (lo < hi) {	/* the first value >= x */
		size_t mid = lo + (hi - lo) / 2;

		if (sorted[mid] < x)
			lo = mid + 1;
		else
			hi = mid;
	}
	if (lo == n || sorted[lo] != x)
		return stats_median_without(sorted, n, NAN);
	m = n - 1;
	if (m == 0)
		return NAN;
	return m % 2 ? at_without(sorted, m / 2, lo)
		     : (at_without(sorted, m / 2 - 1, lo) + at_without(sorted, m / 2, lo)) / 2;
}

/* log of n choose k. */
static double log_choose(int n, int k)
{
	return lgamma(n + 1.0) - lgamma(k + 1.0) - lgamma(n - k + 1.0);
}

double stats_binom_tail(int k, int n, double p, bool upper)
{
	double sum = 0;
	int i, from = upper ? k : 0, to = upper ? n : k;

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
	for (i = from; i <= to; i++)
		sum += exp(log_choose(n, i) + i * log(p) + (n - i) * log1p(-p));
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
