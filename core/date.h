/* date.h: the two calendar forms the data uses: days (YYYY-MM-DD) and
 * monthly periods (the ISO date of the month's first day). */
#ifndef BPW_DATE_H
#define BPW_DATE_H

#include <stdbool.h>

#define DATE_LEN 11	/* "YYYY-MM-DD" and its NUL */

/* True when s is a real calendar day written YYYY-MM-DD (years 1900-2999). */
bool date_valid(const char *s);

/* True when s is a monthly period: a valid date on the 1st of a month. */
bool period_valid(const char *s);

/* Writes today's local date into out, or the day date_set_today fixed. */
void date_today(char out[DATE_LEN]);

/* Fixes what date_today says for the rest of the process (a valid
 * YYYY-MM-DD), or returns it to the clock (NULL); -1 for an invalid day. */
int date_set_today(const char *day);

/* Writes the period n months after period p (n may be negative) into out. */
void period_add(const char *p, int n, char out[DATE_LEN]);

/* Months since year 0 of the date or period d (YYYY-MM...): y * 12 + m - 1. */
int date_month_index(const char *d);

/* The period (YYYY-MM-01) of a month index. */
void date_from_month_index(int mi, char out[DATE_LEN]);

/* A period (YYYY-MM...) as the number YYYYMM the database stores, and
 * back to YYYY-MM-01; the month index of such a number. */
int period_num(const char *p);
void period_from_num(int n, char out[DATE_LEN]);
int period_num_month_index(int n);

/* SQL for the stored month (YYYYMM) after column p: for the recursive
 * month lists that read one partner's figures key by key. */
#define PERIOD_NUM_NEXT_SQL(p) \
	"CASE WHEN " p " % 100 = 12 THEN " p " + 89 ELSE " p " + 1 END"

/* Days since 1970-01-01 of a valid date YYYY-MM-DD. */
long date_days(const char *d);

/* The date (YYYY-MM-DD) of a day count from date_days. */
void date_from_days(long days, char out[DATE_LEN]);

/* The last day (YYYY-MM-DD) of the month of period p. */
void period_last_day(const char *p, char out[DATE_LEN]);

#endif
