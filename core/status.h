/* status.h: the statuses a rule, an indicator and a partner take (n/a, OK,
 * NO DATA, WATCH, ALERT): their order, spellings, marks and the points
 * each gives in the health score. */
#ifndef BPW_STATUS_H
#define BPW_STATUS_H

#include <stddef.h>

/* The statuses from best to worst: enum name, JSON spelling, label, and
 * the one-character mark that tells them apart where colour cannot. NA is
 * a rule that does not apply (e.g. a metric the partner never reports);
 * it never decides a status. NO DATA ranks above OK: it is never a silent
 * OK. */
#define STATUS_LIST(X) \
	X(NA, "n/a", "n/a", '-') \
	X(OK, "ok", "OK", '+') \
	X(NODATA, "no_data", "NO DATA", '?') \
	X(WATCH, "watch", "WATCH", '~') \
	X(ALERT, "alert", "ALERT", '!')

enum status {
#define X(e, s, l, m) STATUS_##e,
	STATUS_LIST(X)
#undef X
	STATUS_COUNT
};

/* The JSON spelling ("no_data") and the label ("NO DATA") of a status. */
const char *status_name(enum status s);
const char *status_label(enum status s);

/* The status whose JSON spelling is the n bytes at name ("alert"), or -1. */
int status_parse(const char *name, size_t n);

/* The points a status gives in the health score: OK 100, ALERT 0, WATCH
 * and NO DATA 50 (the score is the indicators' weighted mean). */
double status_points(enum status s);

/* The one-character mark of a status ('!' for ALERT). */
char status_mark(enum status s);

#endif
