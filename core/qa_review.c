/* qa_review.c: QA audits: start, answer, annotate, finalise, list. Each
 * change is one short write transaction of its own. */
#include "qa_review.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "audit.h"
#include "observation.h"
#include "xalloc.h"

static const char sql_start[] =
	"INSERT INTO qa_review(partner_id, template_id, date, reviewer, status)"
	" VALUES (?1, ?2, ?3, ?4, 'draft')";
static const char sql_find[] =
	"SELECT id FROM qa_review WHERE partner_id = ?1 AND template_id = ?2"
	" AND date = ?3 AND reviewer = ?4 ORDER BY id LIMIT 1";
static const char sql_head[] =
	"SELECT r.partner_id, p.code, p.name, r.template_id, r.date, r.reviewer,"
	" r.status, r.notes FROM qa_review r JOIN partner p ON p.id = r.partner_id"
	" WHERE r.id = ?1";
static const char sql_answers[] =
	"SELECT item_id, answer, note, partner_answer FROM qa_answer WHERE review_id = ?1";
static const char sql_status[] =
	"SELECT r.status, i.answer_kind, r.partner_id, a.answer, a.note, r.notes,"
	" a.partner_answer,"
	" (SELECT count(*) FROM qa_section s2 WHERE s2.template_id = s.template_id"
	"   AND s2.position <= s.position) || '.' ||"
	" (SELECT count(*) FROM qa_item i2 WHERE i2.section_id = i.section_id"
	"   AND i2.position <= i.position),"
	" coalesce(i.origin_id, i.id), i.text"
	" FROM qa_review r"
	" LEFT JOIN qa_item i ON i.id = ?2 AND i.section_id IN"
	"  (SELECT id FROM qa_section WHERE template_id = r.template_id)"
	" LEFT JOIN qa_section s ON s.id = i.section_id"
	" LEFT JOIN qa_answer a ON a.review_id = r.id AND a.item_id = ?2"
	" WHERE r.id = ?1";
/* The same value again (a live note typed back to what it was, a prompt
 * cancelled) changes no row: the data clock, and so every stored
 * judgement, stays. */
static const char sql_set_answer[] =
	"INSERT INTO qa_answer(review_id, item_id, answer) VALUES (?1, ?2, ?3)"
	" ON CONFLICT(review_id, item_id) DO UPDATE SET answer = excluded.answer"
	" WHERE answer IS NOT excluded.answer";
static const char sql_set_partner[] =
	"INSERT INTO qa_answer(review_id, item_id, partner_answer) VALUES (?1, ?2, ?3)"
	" ON CONFLICT(review_id, item_id) DO UPDATE SET"
	" partner_answer = excluded.partner_answer"
	" WHERE partner_answer IS NOT excluded.partner_answer";
static const char sql_set_note[] =
	"INSERT INTO qa_answer(review_id, item_id, answer, note)"
	" VALUES (?1, ?2, NULL, ?3)"
	" ON CONFLICT(review_id, item_id) DO UPDATE SET note = excluded.note"
	" WHERE note IS NOT excluded.note";
static const char sql_set_notes[] =
	"UPDATE qa_review SET notes = ?2 WHERE id = ?1 AND notes IS NOT ?2";
static const char sql_finalise[] =
	"UPDATE qa_review SET status = 'final' WHERE id = ?1";
static const char sql_delete[] = "DELETE FROM qa_review WHERE id = ?1";
static const char sql_list[] =
	"SELECT r.id, p.code, t.name, t.version, r.date, r.reviewer, r.status"
	" FROM qa_review r JOIN partner p ON p.id = r.partner_id"
	" JOIN qa_template t ON t.id = r.template_id"
	" WHERE ?1 = 0 OR r.partner_id = ?1 ORDER BY r.date DESC, r.id DESC";
static const char sql_list_items[] =
	"SELECT r.id, i.weight, i.critical, i.answer_kind, a.answer, a.partner_answer"
	" FROM qa_review r JOIN qa_section s ON s.template_id = r.template_id"
	" JOIN qa_item i ON i.section_id = s.id"
	" LEFT JOIN qa_answer a ON a.review_id = r.id AND a.item_id = i.id"
	" WHERE ?1 = 0 OR r.partner_id = ?1 ORDER BY r.id";
static const char sql_interval_get[] =
	"SELECT days FROM qa_interval WHERE partner_id = ?1";
static const char sql_interval_set[] =
	"INSERT INTO qa_interval(partner_id, days) VALUES (?1, ?2)"
	" ON CONFLICT(partner_id) DO UPDATE SET days = excluded.days";
static const char sql_interval_del[] = "DELETE FROM qa_interval WHERE partner_id = ?1";

int qa_review_start(struct store *st, int64_t partner_id, int64_t template_id,
		    const char *date, const char *reviewer, int64_t *id,
		    struct bpw_error *err)
{
	sqlite3_stmt *q;
	bool own;
	int rc;

	if (date == NULL || !date_valid(date))
		return bpw_error_set(err, BPW_EINVAL, "a review date is YYYY-MM-DD");
	rc = store_tx_enter(st, &own, err);
	if (rc == 0)
		rc = store_cached(st, sql_start, &q, err);
	if (rc == 0) {
		sqlite3_bind_int64(q, 1, partner_id);
		sqlite3_bind_int64(q, 2, template_id);
		store_bind_text(q, 3, date, false);
		store_bind_text(q, 4, reviewer ? reviewer : "", false);
		rc = sqlite3_step(q);
		sqlite3_reset(q);
		rc = rc == SQLITE_DONE ? 0 : store_fail(st, rc, err, "cannot start the review");
	}
	if (rc == 0) {
		*id = sqlite3_last_insert_rowid(store_db(st));
		rc = audit_appendf(st, "qa_review", partner_id, NULL, "draft", err,
				   "audit #%lld of %s by %s (template %lld)", (long long)*id,
				   date, reviewer ? reviewer : "", (long long)template_id);
	}
	return store_tx_leave(st, own, rc, err);
}

int qa_review_find(struct store *st, int64_t partner_id, int64_t template_id,
		   const char *date, const char *reviewer, int64_t *id,
		   struct bpw_error *err)
{
	sqlite3_stmt *q;
	int rc = store_cached(st, sql_find, &q, err);

	if (rc != 0)
		return rc;
	sqlite3_bind_int64(q, 1, partner_id);
	sqlite3_bind_int64(q, 2, template_id);
	store_bind_text(q, 3, date, false);
	store_bind_text(q, 4, reviewer ? reviewer : "", false);
	rc = store_step_id(st, q, id, err, "cannot find the review");
	return rc == BPW_ENOENT ? bpw_error_set(err, rc, "no such QA review") : rc;
}

/* Index of item id in the flattened template, or -1. */
static long item_index(const struct qa_template *t, int64_t id)
{
	size_t s, i;
	long k = 0;

	for (s = 0; s < t->nsections; s++)
		for (i = 0; i < t->sections[s].nitems; i++, k++)
			if (t->sections[s].items[i].id == id)
				return k;
	return -1;
}

/* Scores the answers of r into r->score, r->failed and r->shown. */
static void score(struct qa_review *r, double cap)
{
	struct qa_scored_item *items = xcalloc(r->nitems + 1, sizeof(*items));
	size_t s, i, k = 0;

	for (s = 0; s < r->tpl.nsections; s++)
		for (i = 0; i < r->tpl.sections[s].nitems; i++, k++) {
			const struct qa_tpl_item *it = &r->tpl.sections[s].items[i];

			items[k].weight = it->weight;
			items[k].critical = it->critical;
			items[k].scale = it->scale;
			items[k].answer = r->answer[k][0] ? r->answer[k] : NULL;
		}
	qa_score_items(items, r->nitems, &r->score);
	{
		const char **theirs = xcalloc(r->nitems + 1, sizeof(*theirs));

		for (k = 0; k < r->nitems; k++)
			theirs[k] = r->theirs[k][0] ? r->theirs[k] : NULL;
		r->gap = qa_calibration_gap(items, theirs, r->nitems, &r->gap_items);
		for (k = 0; k < r->nitems; k++)
			items[k].answer = theirs[k];
		qa_score_items(items, r->nitems, &r->their_score);
		free(theirs);
	}
	free(items);
	r->failed = r->score.critical_fails > 0;
	r->shown = r->score.score;
	if (r->failed && !isnan(r->shown) && r->shown > cap)
		r->shown = cap;
}

int qa_review_load(struct store *st, int64_t id, double cap,
		   struct qa_review *out, struct bpw_error *err)
{
	sqlite3_stmt *q;
	int64_t tpl;
	size_t s;
	int rc;

	memset(out, 0, sizeof(*out));
	rc = store_cached(st, sql_head, &q, err);
	if (rc != 0)
		return rc;
	sqlite3_bind_int64(q, 1, id);
	rc = sqlite3_step(q);
	if (rc != SQLITE_ROW) {
		sqlite3_reset(q);
		if (rc == SQLITE_DONE)
			return bpw_error_set(err, BPW_ENOENT, "no QA review with id %lld",
					     (long long)id);
		return store_fail(st, rc, err, "cannot read the review");
	}
	out->id = id;
	out->partner_id = sqlite3_column_int64(q, 0);
	out->partner_code = store_column_text(q, 1, true);
	out->partner_name = store_column_text(q, 2, true);
	tpl = sqlite3_column_int64(q, 3);
	snprintf(out->date, sizeof(out->date), "%.10s",
		 (const char *)sqlite3_column_text(q, 4));
	out->reviewer = store_column_text(q, 5, true);
	out->final = strcmp((const char *)sqlite3_column_text(q, 6), "final") == 0;
	out->notes = store_column_text(q, 7, true);
	sqlite3_reset(q);
	rc = qa_template_load(st, tpl, &out->tpl, err);
	if (rc != 0) {
		qa_review_clear(out);
		return rc;
	}
	for (s = 0; s < out->tpl.nsections; s++)
		out->nitems += out->tpl.sections[s].nitems;
	out->answer = xcalloc(out->nitems + 1, sizeof(*out->answer));
	out->theirs = xcalloc(out->nitems + 1, sizeof(*out->theirs));
	out->note = xcalloc(out->nitems + 1, sizeof(*out->note));
	rc = store_cached(st, sql_answers, &q, err);
	if (rc != 0) {
		qa_review_clear(out);
		return rc;
	}
	sqlite3_bind_int64(q, 1, id);
	while ((rc = sqlite3_step(q)) == SQLITE_ROW) {
		long k = item_index(&out->tpl, sqlite3_column_int64(q, 0));
		const char *a = (const char *)sqlite3_column_text(q, 1);

		if (k < 0)
			continue;
		snprintf(out->answer[k], sizeof(out->answer[k]), "%s", a ? a : "");
		a = (const char *)sqlite3_column_text(q, 3);
		snprintf(out->theirs[k], sizeof(out->theirs[k]), "%s", a ? a : "");
		free(out->note[k]);
		out->note[k] = store_column_text(q, 2, true);
	}
	sqlite3_reset(q);
	if (rc != SQLITE_DONE) {
		qa_review_clear(out);
		return store_fail(st, rc, err, "cannot read the answers");
	}
	for (s = 0; s < out->nitems; s++)
		if (out->note[s] == NULL)
			out->note[s] = xstrdup("");
	score(out, cap);
	return 0;
}

/* What a write to a draft review finds there (see check_draft). */
struct draft {
	char kind[16];		/* the item's answer kind, "" when not in the template */
	char pos[16];		/* the item's place, "2.3" */
	char what[120];		/* the item by its stable id and text, for the trail */
	int64_t partner_id;
	char *answer, *note;	/* the item's, NULL when none */
	char *theirs;		/* the partner's own answer to it, NULL when none */
	char *notes;		/* the review's */
};

static void draft_clear(struct draft *d)
{
	free(d->answer);
	free(d->note);
	free(d->theirs);
	free(d->notes);
}

/* Inside a transaction: the review must exist and be a draft; *d gets
 * what the review and item (0: none) hold now (the caller clears it). */
static int check_draft(struct store *st, int64_t review, int64_t item,
		       struct draft *d, struct bpw_error *err)
{
	sqlite3_stmt *q;
	const char *status, *k, *pos;
	int rc = store_cached(st, sql_status, &q, err);

	memset(d, 0, sizeof(*d));
	if (rc != 0)
		return rc;
	sqlite3_bind_int64(q, 1, review);
	sqlite3_bind_int64(q, 2, item);
	rc = sqlite3_step(q);
	if (rc != SQLITE_ROW) {
		sqlite3_reset(q);
		return rc == SQLITE_DONE ? bpw_error_set(err, BPW_ENOENT,
			"no QA review with id %lld", (long long)review)
			: store_fail(st, rc, err, "cannot read the review");
	}
	status = (const char *)sqlite3_column_text(q, 0);
	k = (const char *)sqlite3_column_text(q, 1);
	pos = (const char *)sqlite3_column_text(q, 7);
	snprintf(d->kind, sizeof(d->kind), "%s", k ? k : "");
	snprintf(d->pos, sizeof(d->pos), "%s", pos ? pos : "");
	if (sqlite3_column_type(q, 8) != SQLITE_NULL)
		snprintf(d->what, sizeof(d->what), "#%lld \"%.80s\"",
			 (long long)sqlite3_column_int64(q, 8),
			 (const char *)sqlite3_column_text(q, 9));
	d->partner_id = sqlite3_column_int64(q, 2);
	d->answer = store_column_text(q, 3, false);
	d->note = store_column_text(q, 4, false);
	d->notes = store_column_text(q, 5, true);
	d->theirs = store_column_text(q, 6, false);
	rc = status && strcmp(status, "final") == 0 ? bpw_error_set(err,
		BPW_EREADONLY, "review %lld is final and cannot be changed",
		(long long)review) : 0;
	sqlite3_reset(q);
	return rc;
}

/* What a write to a review sets. */
enum write_kind { W_ANSWER, W_THEIRS, W_NOTE };

/* The audit row of a write to review (item 0: its notes). */
static int audit_write(struct store *st, const struct draft *d, int64_t review,
		       int64_t item, enum write_kind k, const char *text,
		       struct bpw_error *err)
{
	static const char *const action[] = { "qa_answer", "qa_partner_answer", "qa_note" };
	const char *old = k == W_ANSWER ? d->answer : k == W_THEIRS ? d->theirs
			  : item ? d->note : d->notes;

	if (old == NULL && k == W_NOTE)
		old = "";
	if ((old == NULL && text == NULL) || (old && text && strcmp(old, text) == 0))
		return 0;	/* nothing changed */
	if (item == 0)
		return audit_appendf(st, "qa_note", d->partner_id, old, text, err,
				     "audit #%lld: notes", (long long)review);
	/* The item by its stable id and text (its place, 2.3, is what the
	 * screen showed; an edit of the template can move it). */
	return audit_appendf(st, action[k], d->partner_id, old, text, err,
			     "audit #%lld item %s %s", (long long)review, d->pos, d->what);
}

/* Runs one write (sql with review, item/none and a text) after the
 * checks, in its own transaction. */
static int write_one(struct store *st, const char *sql, int64_t review,
		     int64_t item, const char *text, enum write_kind k,
		     struct bpw_error *err)
{
	struct draft d;
	sqlite3_stmt *q;
	bool own;
	int rc = store_tx_enter(st, &own, err);

	if (rc != 0)
		return rc;
	rc = check_draft(st, review, item, &d, err);
	if (rc == 0 && item != 0 && d.kind[0] == '\0')
		rc = bpw_error_set(err, BPW_EINVAL, "item %lld is not in this "
				   "review's template", (long long)item);
	if (rc == 0 && k != W_NOTE && text && !qa_answer_fits(text, strcmp(d.kind, "scale") == 0))
		rc = bpw_error_set(err, BPW_EINVAL, "'%s' is not an answer to a %s "
				   "item (%s)", text, d.kind, strcmp(d.kind, "scale") == 0 ?
				   "0-5 or na" : "pass, fail or na");
	if (rc == 0)
		rc = store_cached(st, sql, &q, err);
	if (rc == 0) {
		sqlite3_bind_int64(q, 1, review);
		if (item != 0) {
			sqlite3_bind_int64(q, 2, item);
			store_bind_text(q, 3, text, k != W_NOTE);
		} else {
			store_bind_text(q, 2, text, false);
		}
		rc = sqlite3_step(q);
		sqlite3_reset(q);
		rc = rc == SQLITE_DONE ? 0 : store_fail(st, rc, err, "cannot save");
	}
	if (rc == 0)
		rc = audit_write(st, &d, review, item, k, text, err);
	draft_clear(&d);
	return store_tx_leave(st, own, rc, err);
}

int qa_review_set_answer(struct store *st, int64_t review, int64_t item,
			 const char *answer, struct bpw_error *err)
{
	if (item == 0)
		return bpw_error_set(err, BPW_EINVAL, "no item given");
	return write_one(st, sql_set_answer, review, item,
			 answer && *answer ? answer : NULL, W_ANSWER, err);
}

int qa_review_set_partner_answer(struct store *st, int64_t review, int64_t item,
				 const char *answer, struct bpw_error *err)
{
	if (item == 0)
		return bpw_error_set(err, BPW_EINVAL, "no item given");
	return write_one(st, sql_set_partner, review, item,
			 answer && *answer ? answer : NULL, W_THEIRS, err);
}

int qa_review_set_note(struct store *st, int64_t review, int64_t item,
		       const char *note, struct bpw_error *err)
{
	return write_one(st, item ? sql_set_note : sql_set_notes, review, item,
			 note ? note : "", W_NOTE, err);
}

static int review_op(struct store *st, int64_t review, const char *sql,
		     struct bpw_error *err)
{
	struct draft d;
	sqlite3_stmt *q;
	bool own;
	int rc = store_tx_enter(st, &own, err);

	if (rc != 0)
		return rc;
	rc = check_draft(st, review, 0, &d, err);
	if (rc == 0)
		rc = store_cached(st, sql, &q, err);
	if (rc == 0) {
		sqlite3_bind_int64(q, 1, review);
		rc = sqlite3_step(q);
		sqlite3_reset(q);
		rc = rc == SQLITE_DONE ? 0 : store_fail(st, rc, err, "cannot save");
	}
	if (rc == 0)
		rc = audit_appendf(st, "qa_review", d.partner_id, "draft",
				   sql == sql_finalise ? "final" : NULL, err,
				   "audit #%lld", (long long)review);
	draft_clear(&d);
	return store_tx_leave(st, own, rc, err);
}

/* The calibration gap of a review being finalised, as the month's
 * qa_calibration_gap figure of its partner (the client's own measure),
 * inside the finalising transaction; nothing when the partner answered
 * no item we answered too. */
static int store_gap(struct store *st, int64_t review, struct bpw_error *err)
{
	struct qa_review r;
	char period[DATE_LEN];
	int rc = qa_review_load(st, review, 100, &r, err);

	if (rc != 0)
		return rc;
	if (r.gap_items > 0) {
		struct observation o = { .partner_id = r.partner_id,
					 .metric = "qa_calibration_gap", .period = period,
					 .segment = "", .source = OBS_CLIENT, .value = r.gap };

		snprintf(period, sizeof(period), "%.8s01", r.date);
		rc = observation_upsert(st, &o, NULL, err);
	}
	qa_review_clear(&r);
	return rc;
}

int qa_review_finalise(struct store *st, int64_t review, struct bpw_error *err)
{
	bool own;
	int rc = store_tx_enter(st, &own, err);

	if (rc != 0)
		return rc;
	rc = review_op(st, review, sql_finalise, err);
	if (rc == 0)
		rc = store_gap(st, review, err);
	return store_tx_leave(st, own, rc, err);
}

int qa_review_delete(struct store *st, int64_t review, struct bpw_error *err)
{
	return review_op(st, review, sql_delete, err);
}

static void read_row(sqlite3_stmt *q, void *elem)
{
	struct qa_review_row *r = elem;
	const char *status = (const char *)sqlite3_column_text(q, 6);

	r->id = sqlite3_column_int64(q, 0);
	r->partner_code = store_column_text(q, 1, true);
	r->template_name = store_column_text(q, 2, true);
	r->version = sqlite3_column_int(q, 3);
	snprintf(r->date, sizeof(r->date), "%.10s", (const char *)sqlite3_column_text(q, 4));
	r->reviewer = store_column_text(q, 5, true);
	r->final = status && strcmp(status, "final") == 0;
	r->score = NAN;
	r->gap = NAN;
}

struct id_at {
	int64_t id;
	size_t at;
};

static int cmp_id_at(const void *a, const void *b)
{
	const struct id_at *x = a, *y = b;

	return (x->id > y->id) - (x->id < y->id);
}

/* Puts the score of the items collected for review id into its row. */
static void score_row(struct qa_review_list *l, const struct id_at *map,
		      int64_t id, struct qa_scored_item *items, char (*ans)[2][8],
		      size_t n, double cap)
{
	struct id_at key = { .id = id }, *hit;
	struct qa_review_row *r;
	struct qa_score sc;
	const char **theirs;
	size_t k;

	hit = bsearch(&key, map, l->count, sizeof(*map), cmp_id_at);
	if (hit == NULL)
		return;
	theirs = xcalloc(n + 1, sizeof(*theirs));
	for (k = 0; k < n; k++) {
		items[k].answer = ans[k][0][0] ? ans[k][0] : NULL;
		theirs[k] = ans[k][1][0] ? ans[k][1] : NULL;
	}
	qa_score_items(items, n, &sc);
	r = &l->items[hit->at];
	r->gap = qa_calibration_gap(items, theirs, n, NULL);
	free(theirs);
	r->failed = sc.critical_fails > 0;
	r->score = sc.score;
	if (r->failed && !isnan(r->score) && r->score > cap)
		r->score = cap;
	r->answered = sc.answered + sc.na;
	r->items = n;
}

/* Scores every listed review from one query over all their items. */
static int score_rows(struct store *st, int64_t partner_id, double cap,
		      struct qa_review_list *l, struct bpw_error *err)
{
	struct id_at *map = xcalloc(l->count + 1, sizeof(*map));
	struct qa_scored_item *items = NULL;
	char (*ans)[2][8] = NULL;	/* ours and the partner's */
	size_t n = 0, capn = 0, k;
	int64_t cur = -1;
	sqlite3_stmt *q;
	int rc;

	for (k = 0; k < l->count; k++) {
		map[k].id = l->items[k].id;
		map[k].at = k;
	}
	xqsort(map, l->count, sizeof(*map), cmp_id_at);
	rc = store_cached(st, sql_list_items, &q, err);
	if (rc != 0) {
		free(map);
		return rc;
	}
	sqlite3_bind_int64(q, 1, partner_id);
	while ((rc = sqlite3_step(q)) == SQLITE_ROW) {
		int64_t id = sqlite3_column_int64(q, 0);
		const char *kind = (const char *)sqlite3_column_text(q, 3);
		const char *a = (const char *)sqlite3_column_text(q, 4);
		const char *t = (const char *)sqlite3_column_text(q, 5);

		if (id != cur) {
			if (cur >= 0)
				score_row(l, map, cur, items, ans, n, cap);
			cur = id;
			n = 0;
		}
		if (n == capn) {
			capn = capn ? capn * 2 : 64;
			items = xrealloc(items, capn * sizeof(*items));
			ans = xrealloc(ans, capn * sizeof(*ans));
		}
		items[n].weight = sqlite3_column_double(q, 1);
		items[n].critical = sqlite3_column_int(q, 2) != 0;
		items[n].scale = kind && strcmp(kind, "scale") == 0;
		snprintf(ans[n][0], sizeof(ans[n][0]), "%s", a ? a : "");
		snprintf(ans[n][1], sizeof(ans[n][1]), "%s", t ? t : "");
		n++;
	}
	if (cur >= 0)
		score_row(l, map, cur, items, ans, n, cap);
	sqlite3_reset(q);
	free(items);
	free(ans);
	free(map);
	return rc == SQLITE_DONE ? 0 : store_fail(st, rc, err, "cannot score the reviews");
}

int qa_review_list(struct store *st, int64_t partner_id, double cap,
		   struct qa_review_list *out, struct bpw_error *err)
{
	sqlite3_stmt *q;
	int rc;

	memset(out, 0, sizeof(*out));
	rc = store_cached(st, sql_list, &q, err);
	if (rc != 0)
		return rc;
	sqlite3_bind_int64(q, 1, partner_id);
	rc = store_fetch_rows(st, q, sizeof(*out->items), read_row,
			      (void **)&out->items, &out->count, err,
			      "cannot list the reviews");
	if (rc == 0)
		rc = score_rows(st, partner_id, cap, out, err);
	if (rc != 0)
		qa_review_list_free(out);
	return rc;
}

int qa_interval_get(struct store *st, int64_t partner_id, int *days,
		    struct bpw_error *err)
{
	sqlite3_stmt *q;
	int rc = store_cached(st, sql_interval_get, &q, err);

	if (rc != 0)
		return rc;
	sqlite3_bind_int64(q, 1, partner_id);
	rc = sqlite3_step(q);
	*days = rc == SQLITE_ROW ? sqlite3_column_int(q, 0) : 0;
	sqlite3_reset(q);
	return rc == SQLITE_ROW || rc == SQLITE_DONE ? 0
		: store_fail(st, rc, err, "cannot read the audit interval");
}

int qa_interval_set(struct store *st, int64_t partner_id, int days,
		    struct bpw_error *err)
{
	char was[16], now[16];
	sqlite3_stmt *q;
	bool own;
	int rc, old = 0;

	if (days < 0 || days > 3650)
		return bpw_error_set(err, BPW_EINVAL, "an audit interval is 1 to 3650 "
				     "days (0 removes it)");
	rc = store_tx_enter(st, &own, err);
	if (rc == 0)
		rc = qa_interval_get(st, partner_id, &old, err);
	if (rc == 0)
		rc = store_cached(st, days ? sql_interval_set : sql_interval_del, &q, err);
	if (rc == 0) {
		sqlite3_bind_int64(q, 1, partner_id);
		if (days)
			sqlite3_bind_int(q, 2, days);
		rc = sqlite3_step(q);
		sqlite3_reset(q);
		rc = rc == SQLITE_DONE ? 0 : store_fail(st, rc, err,
							"cannot set the audit interval");
	}
	snprintf(was, sizeof(was), "%d", old);
	snprintf(now, sizeof(now), "%d", days);
	if (rc == 0 && old != days)
		rc = audit_append(st, "qa_interval", partner_id, "audit interval (days)",
				  old ? was : NULL, days ? now : NULL, err);
	return store_tx_leave(st, own, rc, err);
}

void qa_review_clear(struct qa_review *r)
{
	size_t k;

	if (r == NULL)
		return;
	free(r->partner_code);
	free(r->partner_name);
	free(r->reviewer);
	free(r->notes);
	qa_template_clear(&r->tpl);
	for (k = 0; r->note && k < r->nitems; k++)
		free(r->note[k]);
	free(r->note);
	free(r->answer);
	free(r->theirs);
	memset(r, 0, sizeof(*r));
}

void qa_review_list_free(struct qa_review_list *l)
{
	size_t i;

	if (l == NULL)
		return;
	for (i = 0; i < l->count; i++) {
		free(l->items[i].partner_code);
		free(l->items[i].template_name);
		free(l->items[i].reviewer);
	}
	free(l->items);
	memset(l, 0, sizeof(*l));
}
