/* qa.c: quality-audit scoring, and the last final audit of every partner. */
#include "qa.h"

#include <math.h>
#include <stdio.h>
#include <string.h>

/* Each partner's last final audit up to ?1 is one walk back along the
 * (partner_id, date) index, rather than a window over every audit ever
 * made (which grew with the years of history). The partners are walked by
 * id, the sections and items along their (parent, position) keys, so the
 * rows come out in the order asked for without a sort (a sorter here
 * cost megabytes at a thousand partners). */
static const char sql_last_finals[] =
	"SELECT p.id, r.id, r.date, t.passing_score, s.key, i.text,"
	"  i.weight, i.critical, i.answer_kind, a.answer"
	" FROM partner p"
	" JOIN qa_review r ON r.id = (SELECT l.id FROM qa_review l"
	"   WHERE l.partner_id = p.id AND l.status = 'final' AND l.date <= ?1"
	"   ORDER BY l.date DESC, l.id DESC LIMIT 1)"
	" JOIN qa_template t ON t.id = r.template_id"
	" JOIN qa_section s ON s.template_id = r.template_id"
	" JOIN qa_item i ON i.section_id = s.id"
	" LEFT JOIN qa_answer a ON a.review_id = r.id AND a.item_id = i.id"
	" ORDER BY p.id, s.position, i.position";

int qa_last_finals(struct store *st, const char *until, qa_final_fn fn,
		   void *ctx, struct bpw_error *err)
{
	sqlite3_stmt *q;
	int rc;

	rc = store_cached(st, sql_last_finals, &q, err);
	if (rc != 0)
		return rc;
	store_bind_text(q, 1, until, false);
	while ((rc = sqlite3_step(q)) == SQLITE_ROW) {
		const char *kind = (const char *)sqlite3_column_text(q, 8);
		struct qa_final_row r = {
			.partner_id = sqlite3_column_int64(q, 0),
			.review_id = sqlite3_column_int64(q, 1),
			.date = (const char *)sqlite3_column_text(q, 2),
			.passing = sqlite3_column_double(q, 3),
			.section = (const char *)sqlite3_column_text(q, 4),
			.text = (const char *)sqlite3_column_text(q, 5),
			.it = {
				.weight = sqlite3_column_double(q, 6),
				.critical = sqlite3_column_int(q, 7) != 0,
				.scale = kind && strcmp(kind, "scale") == 0,
				.answer = (const char *)sqlite3_column_text(q, 9),
			},
		};

		if (r.date == NULL || strlen(r.date) != 10)
			continue;
		fn(&r, ctx);
	}
	sqlite3_reset(q);
	if (rc != SQLITE_DONE)
		return store_fail(st, rc, err, "cannot read the QA audits");
	return 0;
}

void qa_score_items(const struct qa_scored_item *items, size_t n,
		    struct qa_score *out)
{
	size_t i;

	memset(out, 0, sizeof(*out));
	out->first_critical_fail = -1;
	for (i = 0; i < n; i++) {
		const struct qa_scored_item *it = &items[i];
		const char *a = it->answer;
		double got;
		bool failed;

		if (a == NULL || *a == '\0') {
			out->unanswered++;
			continue;
		}
		if (strcmp(a, "na") == 0) {
			out->na++;
			continue;
		}
		if (strcmp(a, "pass") == 0) {
			got = 1;
		} else if (strcmp(a, "fail") == 0) {
			got = 0;
		} else if (a[0] >= '0' && a[0] <= '5' && a[1] == '\0') {
			got = (a[0] - '0') / 5.0;
		} else {
			out->unanswered++;	/* not an answer the schema allows */
			continue;
		}
		failed = qa_answer_fails(a);
		out->answered++;
		out->earned += it->weight * got;
		out->possible += it->weight;
		if (it->critical && failed) {
			if (out->critical_fails++ == 0)
				out->first_critical_fail = (long)i;
		}
	}
	out->score = out->possible > 0 ? 100.0 * out->earned / out->possible : NAN;
}

double qa_answer_points(const char *a)
{
	if (a == NULL || *a == '\0' || strcmp(a, "na") == 0)
		return NAN;
	if (strcmp(a, "pass") == 0)
		return 1;
	if (strcmp(a, "fail") == 0)
		return 0;
	if (a[0] >= '0' && a[0] <= '5' && a[1] == '\0')
		return (a[0] - '0') / 5.0;
	return NAN;
}

double qa_calibration_gap(const struct qa_scored_item *items, const char *const *theirs,
			  size_t count, size_t *n)
{
	double ours = 0, their = 0, weights = 0;
	size_t i, used = 0;

	for (i = 0; i < count; i++) {
		double a = qa_answer_points(items[i].answer);
		double b = qa_answer_points(theirs[i]);

		if (isnan(a) || isnan(b))
			continue;
		ours += items[i].weight * a;
		their += items[i].weight * b;
		weights += items[i].weight;
		used++;
	}
	if (n)
		*n = used;
	return weights > 0 ? 100.0 * (their - ours) / weights : NAN;
}

void qa_next_due(const char *last, int days, char out[DATE_LEN])
{
	if (last == NULL || !date_valid(last) || days <= 0) {
		out[0] = '\0';
		return;
	}
	date_from_days(date_days(last) + days, out);
}

void qa_audit_line(double score, const char *date, size_t critical_fails,
		   const char *due, const char *today, int width, char *buf,
		   size_t n)
{
	/* Overdue-ness, long to short: days, then (from two months) months. */
	char over[7][64], head[48];
	const char *crit[] = { " CRITICAL FAIL", " CRIT FAIL", " CRIT" };
	long days = 0;
	int no = 0, nc = critical_fails ? 3 : 1, o;

	if (isnan(score))
		snprintf(head, sizeof(head), "QA - %s", date);
	else
		snprintf(head, sizeof(head), "QA %.1f%% %s", score, date);
	if (due && due[0] && today && date_valid(due) && date_valid(today) &&
	    strcmp(due, today) < 0)
		days = date_days(today) - date_days(due);
	if (days > 0) {
		long mo = days * 12 / 365;

		snprintf(over[no++], sizeof(over[0]), ", %ld day%s overdue (due %s)",
			 days, days == 1 ? "" : "s", due);
		snprintf(over[no++], sizeof(over[0]), ", %ld day%s overdue", days,
			 days == 1 ? "" : "s");
		if (mo >= 2)
			snprintf(over[no++], sizeof(over[0]), ", %ld months overdue", mo);
		if (mo >= 2)
			snprintf(over[no++], sizeof(over[0]), " %ldmo overdue", mo);
		else
			snprintf(over[no++], sizeof(over[0]), " %ldd overdue", days);
		snprintf(over[no++], sizeof(over[0]), " +%ldd", days);
	} else if (due && due[0] && !critical_fails) {
		snprintf(over[no++], sizeof(over[0]), "  due %s", due);
	} else if (due && due[0]) {
		snprintf(over[no++], sizeof(over[0]), ", due %s", due);
	}
	snprintf(over[no++], sizeof(over[0]), "%s", "");
	/* Overdue, that shortens before the critical fail does; a due date
	 * still ahead goes before the critical fail is shortened. */
	for (o = 0; o < no * nc; o++) {
		int oi = days > 0 ? o / nc : o % no, ci = days > 0 ? o % nc : o / no;

		snprintf(buf, n, "%s%s%s", head, critical_fails ? crit[ci] : "", over[oi]);
		if ((int)strlen(buf) <= width)
			return;
	}
	snprintf(buf, n, "%s", head);
}

bool qa_answer_fits(const char *a, bool scale)
{
	if (strcmp(a, "na") == 0)
		return true;
	if (scale)
		return a[0] >= '0' && a[0] <= '5' && a[1] == '\0';
	return strcmp(a, "pass") == 0 || strcmp(a, "fail") == 0;
}

bool qa_answer_fails(const char *a)
{
	return a && (strcmp(a, "fail") == 0 || strcmp(a, "0") == 0);
}

const char *qa_answer_label(const char *a, bool scale)
{
	if (a == NULL || a[0] == '\0')
		return "-";
	if (strcmp(a, "na") == 0)
		return "N/A";
	if (strcmp(a, "pass") == 0)
		return "pass";
	if (strcmp(a, "fail") == 0)
		return "FAIL";
	return scale ? a : "?";
}

void qa_score_text(double score, char *buf, size_t n)
{
	if (isnan(score))
		snprintf(buf, n, "-");
	else
		snprintf(buf, n, "%.1f%%", score);
}

void qa_answered_text(const struct qa_score *s, char *buf, size_t n)
{
	snprintf(buf, n, "answered %zu of %zu, %zu n/a", s->answered + s->na,
		 s->answered + s->na + s->unanswered, s->na);
}
