/* date.c: validating and stepping ISO days and monthly periods. */
#include "date.h"

#include <ctype.h>
#include <stdio.h>
#include <string.h>
#include <time.h>

static int digits(const char *s, int n)
{
	int v = 0, i;

	for (i = 0; i < n; i++) {
		if (!isdigit((unsigned char)s[i]))
			return -1;
		v = v * 10 + (s[i] - '0');
	}
	return v;
}

bool date_valid(const char *s)
{
	static const int mdays[] = { 31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31 };
	int y, m, d, max;

	if (s == NULL || strlen(s) != 10 || s[4] != '-' || s[7] != '-')
		return false;
	y = digits(s, 4);
	m = digits(s + 5, 2);
	d = digits(s + 8, 2);
	if (y < 1900 || y > 2999 || m < 1 || m > 12 || d < 1)
		return false;
	max = mdays[m - 1];
	if (m == 2 && ((y % 4 == 0 && y % 100 != 0) || y % 400 == 0))
		max = 29;
	return d <= max;
}

bool period_valid(const char *s)
{
	return date_valid(s) && s[8] == '0' && s[9] == '1';
}

/* The day every "today" of the program reads: the clock's, unless the
 * command line fixed it (--today), as tests and reports of a past day do. */
static char today_fixed[DATE_LEN];

int date_set_today(const char *day)
{
	if (day == NULL) {
		today_fixed[0] = '\0';
		return 0;
	}
	if (!date_valid(day))
		return -1;
	memcpy(today_fixed, day, DATE_LEN);
	return 0;
}

void date_today(char out[DATE_LEN])
{
	time_t now;
	struct tm tm;

	if (today_fixed[0]) {
		memcpy(out, today_fixed, DATE_LEN);
		return;
	}
	now = time(NULL);
	localtime_r(&now, &tm);
	strftime(out, DATE_LEN, "%Y-%m-%d", &tm);
}

void period_add(const char *p, int n, char out[DATE_LEN])
{
	int months = digits(p, 4) * 12 + digits(p + 5, 2) - 1 + n, y, m;

	if (months < 0)
		months = 0;
	y = (months / 12) % 10000;
	m = months % 12 + 1;
	out[0] = (char)('0' + y / 1000);
	out[1] = (char)('0' + y / 100 % 10);
	out[2] = (char)('0' + y / 10 % 10);
	out[3] = (char)('0' + y % 10);
	out[4] = '-';
	out[5] = (char)('0' + m / 10);
	out[6] = (char)('0' + m % 10);
	memcpy(out + 7, "-01", 4);
}

int date_month_index(const char *d)
{
	return digits(d, 4) * 12 + digits(d + 5, 2) - 1;
}

void date_from_month_index(int mi, char out[DATE_LEN])
{
	period_add("0000-01-01", mi, out);
}

int period_num(const char *p)
{
	return digits(p, 4) * 100 + digits(p + 5, 2);
}

void period_from_num(int n, char out[DATE_LEN])
{
	snprintf(out, DATE_LEN, "%04u-%02u-01", (unsigned)(n / 100) % 10000u,
		 (unsigned)(n % 100) % 100u);
}

int period_num_month_index(int n)
{
	return n / 100 * 12 + n % 100 - 1;
}

/* Days from the civil date, after H. Hinnant's public-domain algorithm. */
static long days_from_civil(long y, long m, long d)
{
	long era, yoe, doy, doe;

	y -= m <= 2;
	era = (y >= 0 ? y : y - 399) / 400;
	yoe = y - era * 400;
	doy = (153 * (m + (m > 2 ? -3 : 9)) + 2) / 5 + d - 1;
	doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
	return era * 146097 + doe - 719468;
}

long date_days(const char *d)
{
	return days_from_civil(digits(d, 4), digits(d + 5, 2), digits(d + 8, 2));
}

void period_last_day(const char *p, char out[DATE_LEN])
{
	char next[DATE_LEN];
	long days;
	long y, m;
	int dd;

	period_add(p, 1, next);
	days = date_days(next) - 1;
	/* Back from days to a date: the day before the next month's first. */
	y = digits(p, 4);
	m = digits(p + 5, 2);
	dd = (int)(days - days_from_civil(y, m, 1)) + 1;
	memcpy(out, p, 8);
	out[8] = (char)('0' + dd / 10 % 10);
	out[9] = (char)('0' + dd % 10);
	out[10] = '\0';
}

/* The inverse of days_from_civil: the same 400-year era arithmetic, run
 * backwards (March-based years put the leap day last). */
void date_from_days(long days, char out[DATE_LEN])
{
	long z = days + 719468, era, doe, yoe, y, doy, mp, d, m;

	era = (z >= 0 ? z : z - 146096) / 146097;
	doe = z - era * 146097;
	yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
	y = yoe + era * 400;
	doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
	mp = (5 * doy + 2) / 153;
	d = doy - (153 * mp + 2) / 5 + 1;
	m = mp < 10 ? mp + 3 : mp - 9;
	if (m <= 2)
		y++;
	if (y < 0 || y > 9999)
		y = y < 0 ? 0 : 9999;
	snprintf(out, DATE_LEN, "%04u-%02u-%02u", (unsigned)y % 10000u,
		 (unsigned)m % 100u, (unsigned)d % 100u);
}
