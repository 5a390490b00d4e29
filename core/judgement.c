/* judgement.c: stored judgements (judgement.h): the key, reading one back,
 * storing one in a single transaction, pruning the stale. */
#include "judgement.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "build_id.h"
#include "date.h"
#include "judgement_codec.h"
#include "rules_digest.h"
#include "timemodel.h"
#include "xalloc.h"

static const char sql_find[] =
	"SELECT id, summary FROM judgement WHERE rules = ?1 AND as_of = ?2"
	" AND today = ?3 AND data = ?4 AND traced >= ?5";
/* The month the time model judged on this day and data, when a judgement
 * that followed it is stored. */
static const char sql_followed[] =
	"SELECT as_of FROM judgement WHERE rules = ?1 AND today = ?2 AND data = ?3"
	" AND follow = 1";
static const char sql_details[] =
	"SELECT seq, detail FROM judgement_partner WHERE judgement_id = ?1 ORDER BY seq";
static const char sql_detail[] =
	"SELECT detail FROM judgement_partner WHERE judgement_id = ?1 AND seq = ?2";
static const char sql_drop_same[] =
	"DELETE FROM judgement WHERE rules = ?1 AND as_of = ?2 AND today = ?3"
	" AND data = ?4";
static const char sql_add[] =
	"INSERT INTO judgement (rules, as_of, today, data, traced, made, summary, follow)"
	" VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8)";
static const char sql_add_partner[] =
	"INSERT INTO judgement_partner (judgement_id, seq, detail) VALUES (?1, ?2, ?3)";
static const char sql_panes[] =
	"SELECT panes FROM judgement WHERE id = ?1 AND panes_key = ?2";
static const char sql_set_panes[] =
	"UPDATE judgement SET panes = ?1, panes_key = ?2 WHERE id = ?3 AND data = ?4";
/* Stale: judged on data since changed; and beyond the newest few. */
static const char sql_prune[] =
	"DELETE FROM judgement WHERE data <> ?1 OR id NOT IN"
	" (SELECT id FROM judgement ORDER BY id DESC LIMIT ?2)";
/* Details left by a judgement removed without its cascade (by hand, with
 * foreign keys off), which a new judgement's id would meet. */
static const char sql_orphans[] =
	"DELETE FROM judgement_partner WHERE judgement_id NOT IN (SELECT id FROM judgement)";

/* The month a stored judgement that followed the time model found on
 * this day and data: true and it in k->as_of, or false. */
static bool followed(struct store *st, struct judgement_key *k, struct bpw_error *err)
{
	sqlite3_stmt *q;
	bool found = false;

	if (store_cached(st, sql_followed, &q, err) != 0)
		return false;
	sqlite3_bind_text(q, 1, k->rules, -1, SQLITE_STATIC);
	sqlite3_bind_text(q, 2, k->today, -1, SQLITE_STATIC);
	sqlite3_bind_int64(q, 3, k->data);
	if (sqlite3_step(q) == SQLITE_ROW && sqlite3_column_bytes(q, 0) == DATE_LEN - 1) {
		memcpy(k->as_of, sqlite3_column_text(q, 0), DATE_LEN - 1);
		k->as_of[DATE_LEN - 1] = '\0';
		found = true;
	}
	sqlite3_reset(q);
	return found;
}

static int make_key(struct store *st, const struct ruleset *rs, const char *period,
		    const char *today, bool fresh, struct judgement_key *k,
		    struct bpw_error *err)
{
	int rc;

	memset(k, 0, sizeof(*k));
	ruleset_digest(rs, build_id(), k->rules);
	snprintf(k->today, sizeof(k->today), "%s", today);
	rc = store_data_clock(st, &k->data, err);
	if (rc != 0)
		return rc;
	k->follow = period == NULL;
	if (period)
		snprintf(k->as_of, sizeof(k->as_of), "%s", period);
	else if (fresh || !followed(st, k, err))
		return timemodel_judged(st, today, rs->due_day, k->as_of, err);
	return 0;
}

static void bind_key(sqlite3_stmt *q, const struct judgement_key *k)
{
	sqlite3_bind_text(q, 1, k->rules, -1, SQLITE_STATIC);
	sqlite3_bind_text(q, 2, k->as_of, -1, SQLITE_STATIC);
	sqlite3_bind_text(q, 3, k->today, -1, SQLITE_STATIC);
	sqlite3_bind_int64(q, 4, k->data);
}

/* Reads every partner's detail of judgement id into ev. */
static int read_details(struct store *st, struct evaluation *ev, int64_t id,
			bool inputs, struct bpw_error *err)
{
	sqlite3_stmt *q;
	size_t n = 0;
	int rc;

	rc = store_cached(st, sql_details, &q, err);
	if (rc != 0)
		return rc;
	sqlite3_bind_int64(q, 1, id);
	while ((rc = sqlite3_step(q)) == SQLITE_ROW) {
		int64_t seq = sqlite3_column_int64(q, 0);
		struct partner_result *pr;

		if (seq != (int64_t)n || n >= ev->count)
			break;
		pr = &ev->partners[n++];
		if (judgement_decode_detail(sqlite3_column_blob(q, 1),
					    (size_t)sqlite3_column_bytes(q, 1), ev, pr,
					    inputs) != 0) {
			judgement_clear_detail(pr);
			break;
		}
		pr->pending = false;
	}
	sqlite3_reset(q);
	if (rc != SQLITE_ROW && rc != SQLITE_DONE)
		return store_fail(st, rc, err, "cannot read a stored judgement");
	return rc == SQLITE_DONE && n == ev->count ? 0 : BPW_ENOENT;
}

/* The stored judgement of key k into out: 0, BPW_ENOENT when there is
 * none (or none that reads back whole), or an error of the database. */
static int read_stored(struct store *st, const struct ruleset *rs, const struct judgement_key *k,
		       unsigned flags, struct evaluation *out, int64_t *id,
		       struct bpw_error *err)
{
	sqlite3_stmt *q;
	size_t p;
	int rc;

	rc = store_cached(st, sql_find, &q, err);
	if (rc != 0)
		return rc;
	bind_key(q, k);
	sqlite3_bind_int(q, 5, (flags & JUDGE_TRACED) != 0);
	rc = sqlite3_step(q);
	if (rc == SQLITE_ROW) {
		*id = sqlite3_column_int64(q, 0);
		rc = judgement_decode_summary(sqlite3_column_blob(q, 1),
					      (size_t)sqlite3_column_bytes(q, 1), rs, out)
			== 0 ? 0 : BPW_ENOENT;
	} else {
		rc = rc == SQLITE_DONE ? BPW_ENOENT
				       : store_fail(st, rc, err, "cannot read a stored judgement");
	}
	sqlite3_reset(q);
	if (rc != 0)
		return rc;
	memcpy(out->as_of, k->as_of, DATE_LEN);
	memcpy(out->today, k->today, DATE_LEN);
	out->traced = (flags & JUDGE_TRACED) != 0;
	for (p = 0; p < out->count; p++)
		out->partners[p].pending = true;
	if (flags & JUDGE_LAZY) {
		out->judgement = *id;
		return 0;
	}
	return read_details(st, out, *id, (flags & JUDGE_TRACED) != 0, err);
}

/* With BPOWATCH_TEST_STORE_PAUSE=SECONDS the store waits that long in the
 * middle of its transaction: how the tests kill it there. */
static void test_pause(void)
{
	const char *s = getenv("BPOWATCH_TEST_STORE_PAUSE");

	if (s && *s) {
		fprintf(stderr, "bpowatch: storing the judgement (paused)\n");
		sleep((unsigned)atoi(s));
	}
}

static int add_rows(struct store *st, const struct evaluation *ev, const struct judgement_key *k,
		    bool traced, int64_t *id, struct bpw_error *err)
{
	struct strbuf b = { 0 };
	char made[32];
	time_t now = time(NULL);
	sqlite3_stmt *q;
	size_t p;
	int rc;

	strftime(made, sizeof(made), "%Y-%m-%dT%H:%M:%SZ", gmtime(&now));
	rc = store_cached(st, sql_drop_same, &q, err);
	if (rc != 0)
		return rc;
	bind_key(q, k);
	rc = sqlite3_step(q);
	sqlite3_reset(q);
	if (rc != SQLITE_DONE)
		return store_fail(st, rc, err, "cannot store the judgement");
	rc = store_cached(st, sql_orphans, &q, err);
	if (rc != 0)
		return rc;
	rc = sqlite3_step(q);
	sqlite3_reset(q);
	if (rc != SQLITE_DONE)
		return store_fail(st, rc, err, "cannot store the judgement");
	judgement_encode_summary(ev, &b);
	rc = store_cached(st, sql_add, &q, err);
	if (rc != 0) {
		strbuf_free(&b);
		return rc;
	}
	bind_key(q, k);
	sqlite3_bind_int(q, 5, traced);
	sqlite3_bind_text(q, 6, made, -1, SQLITE_STATIC);
	sqlite3_bind_blob(q, 7, b.s ? b.s : "", (int)b.len, SQLITE_STATIC);
	sqlite3_bind_int(q, 8, k->follow);
	rc = sqlite3_step(q);
	sqlite3_reset(q);
	strbuf_free(&b);
	if (rc != SQLITE_DONE)
		return store_fail(st, rc, err, "cannot store the judgement");
	*id = sqlite3_last_insert_rowid(store_db(st));
	test_pause();
	rc = store_cached(st, sql_add_partner, &q, err);
	if (rc != 0)
		return rc;
	for (p = 0; p < ev->count; p++) {
		b.len = 0;
		if (b.s)
			b.s[0] = '\0';
		if (judgement_encode_detail(ev, &ev->partners[p], traced, &b) != 0) {
			strbuf_free(&b);
			return bpw_error_set(err, BPW_EINVAL, "a judgement the store cannot hold");
		}
		sqlite3_bind_int64(q, 1, *id);
		sqlite3_bind_int64(q, 2, (int64_t)p);
		sqlite3_bind_blob(q, 3, b.s, (int)b.len, SQLITE_STATIC);
		rc = sqlite3_step(q);
		sqlite3_reset(q);
		if (rc != SQLITE_DONE) {
			strbuf_free(&b);
			return store_fail(st, rc, err, "cannot store the judgement");
		}
	}
	strbuf_free(&b);
	rc = store_cached(st, sql_prune, &q, err);
	if (rc != 0)
		return rc;
	sqlite3_bind_int64(q, 1, k->data);
	sqlite3_bind_int(q, 2, JUDGEMENT_KEEP);
	rc = sqlite3_step(q);
	sqlite3_reset(q);
	return rc == SQLITE_DONE ? 0 : store_fail(st, rc, err, "cannot prune stored judgements");
}

/* Stores ev under key k, unless the data moved on while it was judged or
 * another process is writing (then the next start judges again): a cache
 * that could not be filled is no error. */
static bool store_judgement(struct store *st, const struct evaluation *ev,
			    const struct judgement_key *k, bool traced, int64_t *id)
{
	struct bpw_error err;
	int64_t now, made = 0;
	bool busy;
	int rc;

	bpw_error_clear(&err);
	if (store_is_readonly(st) || store_begin_cache(st, &busy, &err) != 0)
		return false;
	rc = store_data_clock(st, &now, &err);
	if (rc == 0 && now != k->data)
		rc = BPW_EBUSY;
	if (rc == 0)
		rc = add_rows(st, ev, k, traced, &made, &err);
	if (rc != 0) {
		store_rollback(st);
		return false;
	}
	/* Only a committed judgement may be pointed to (its panes are stored
	 * under its id). */
	if (store_commit(st, &err) != 0)
		return false;
	*id = made;
	return true;
}

int judgement_evaluate(struct store *st, const struct ruleset *rs, const char *period,
		       const char *today, unsigned flags, struct evaluation *out,
		       struct judgement_use *use, struct bpw_error *err)
{
	struct judgement_use none;
	struct judgement_key k;
	int rc;

	if (use == NULL)
		use = &none;
	memset(use, 0, sizeof(*use));
	memset(out, 0, sizeof(*out));
	rc = make_key(st, rs, period, today, (flags & JUDGE_FRESH) != 0, &k, err);
	use->key = k;
	if (rc != 0)
		return rc;
	if (!(flags & JUDGE_FRESH)) {
		rc = read_stored(st, rs, &k, flags, out, &use->id, err);
		if (rc == 0) {
			use->read = true;
			return 0;
		}
		indicator_free(out);
		use->id = 0;
		if (rc != BPW_ENOENT)
			return rc;
		bpw_error_clear(err);
	}
	rc = flags & JUDGE_TRACED
		? indicator_evaluate_traced(st, rs, k.as_of, today, NULL, out, err)
		: indicator_evaluate(st, rs, k.as_of, today, out, err);
	if (rc != 0)
		return rc;
	use->key = k;
	use->traced = (flags & JUDGE_TRACED) != 0;
	use->owed = !(flags & JUDGE_NO_STORE) && !store_is_readonly(st);
	if (!(flags & JUDGE_DEFER))
		judgement_keep(st, out, use);
	return 0;
}

void judgement_keep(struct store *st, const struct evaluation *ev,
		    struct judgement_use *use)
{
	if (!use->owed)
		return;
	use->owed = false;
	use->stored = store_judgement(st, ev, &use->key, use->traced, &use->id);
}

/* The partners of ev still pending, made whole from the portfolio judged
 * afresh once (their stored judgement is gone, pruned by another
 * process): each takes over its statuses, health and last audit with
 * the reasons and rules, so that what one partner shows always agrees
 * with itself, and the segment names they point to. When the data moved
 * on meanwhile the dashboard says so (DATA CHANGED) until it reloads. */
static int detail_afresh(struct store *st, struct evaluation *ev, struct bpw_error *err)
{
	struct evaluation fresh;
	size_t p, q, i, s;
	int rc;

	rc = ev->traced
		? indicator_evaluate_traced(st, ev->rs, ev->as_of, ev->today, NULL, &fresh, err)
		: indicator_evaluate(st, ev->rs, ev->as_of, ev->today, &fresh, err);
	for (p = 0, q = 0; rc == 0 && p < ev->count; p++) {
		struct partner_result *pr = &ev->partners[p], *f = NULL;

		if (!pr->pending)
			continue;
		/* Both are by code: the match is at q or after it, mostly. */
		for (i = 0; i < fresh.count && f == NULL; i++)
			if (fresh.partners[(q + i) % fresh.count].id == pr->id)
				f = &fresh.partners[(q + i) % fresh.count], q = (q + i + 1);
		judgement_clear_detail(pr);
		pr->pending = false;
		if (f == NULL)
			continue;	/* no longer judged: statuses as read */
		pr->status = f->status;
		pr->health = f->health;
		pr->audit = f->audit;
		for (i = 0; i < pr->ninds && i < f->ninds; i++) {
			pr->inds[i].status = f->inds[i].status;
			pr->inds[i].reason = f->inds[i].reason;
			pr->inds[i].rules = f->inds[i].rules;
			pr->inds[i].nrules = f->inds[i].nrules;
			f->inds[i].reason = NULL;
			f->inds[i].rules = NULL;
			f->inds[i].nrules = 0;
		}
	}
	if (rc == 0) {
		memset(ev->counts, 0, sizeof(ev->counts));
		for (p = 0; p < ev->count; p++)
			ev->counts[ev->partners[p].status]++;
		ev->segments = xrealloc(ev->segments, (ev->nsegments + fresh.nsegments + 1) *
					sizeof(char *));
		for (s = 0; s < fresh.nsegments; s++)
			ev->segments[ev->nsegments++] = fresh.segments[s];
		fresh.nsegments = 0;
		ev->judgement = 0;	/* none pending, and nothing to read back */
	}
	indicator_free(&fresh);
	return rc;
}

int judgement_detail(struct store *st, struct evaluation *ev, struct partner_result *pr,
		     struct bpw_error *err)
{
	sqlite3_stmt *q;
	int rc;

	if (!pr->pending)
		return 0;
	rc = store_cached(st, sql_detail, &q, err);
	if (rc != 0)
		return rc;
	sqlite3_bind_int64(q, 1, ev->judgement);
	sqlite3_bind_int64(q, 2, (int64_t)(pr - ev->partners));
	rc = sqlite3_step(q);
	if (rc == SQLITE_ROW &&
	    judgement_decode_detail(sqlite3_column_blob(q, 0),
				    (size_t)sqlite3_column_bytes(q, 0), ev, pr, ev->traced) == 0) {
		sqlite3_reset(q);
		pr->pending = false;
		return 0;
	}
	sqlite3_reset(q);
	if (rc != SQLITE_ROW && rc != SQLITE_DONE)
		return store_fail(st, rc, err, "cannot read a stored judgement");
	return detail_afresh(st, ev, err);
}

void judgement_release(struct evaluation *ev, struct partner_result *pr)
{
	if (ev->judgement == 0 || pr->pending)
		return;
	judgement_clear_detail(pr);
	pr->pending = true;
}

int judgement_panes(struct store *st, const struct judgement_use *use,
		    const char *panes_key, struct portfolio *pf, struct bpw_error *err)
{
	sqlite3_stmt *q;
	int rc;

	memset(pf, 0, sizeof(*pf));
	if (use->id == 0)
		return BPW_ENOENT;
	rc = store_cached(st, sql_panes, &q, err);
	if (rc != 0)
		return rc;
	sqlite3_bind_int64(q, 1, use->id);
	sqlite3_bind_text(q, 2, panes_key, -1, SQLITE_STATIC);
	rc = sqlite3_step(q);
	if (rc == SQLITE_ROW)
		rc = judgement_decode_panes(sqlite3_column_blob(q, 0),
					    (size_t)sqlite3_column_bytes(q, 0), pf)
			== 0 ? 0 : BPW_ENOENT;
	else
		rc = rc == SQLITE_DONE ? BPW_ENOENT
				       : store_fail(st, rc, err, "cannot read the stored panes");
	sqlite3_reset(q);
	if (rc != 0)
		portfolio_free(pf);
	return rc;
}

void judgement_keep_panes(struct store *st, const struct judgement_use *use,
			  const char *panes_key, const struct portfolio *pf)
{
	struct strbuf b = { 0 };
	struct bpw_error err;
	sqlite3_stmt *q;
	int64_t now;
	bool busy;
	int rc;

	bpw_error_clear(&err);
	if (use->id == 0 || store_is_readonly(st) || store_begin_cache(st, &busy, &err) != 0)
		return;
	rc = store_data_clock(st, &now, &err);
	if (rc == 0 && now != use->key.data)
		rc = BPW_EBUSY;
	if (rc == 0)
		rc = store_cached(st, sql_set_panes, &q, &err);
	if (rc == 0) {
		judgement_encode_panes(pf, &b);
		sqlite3_bind_blob(q, 1, b.s ? b.s : "", (int)b.len, SQLITE_STATIC);
		sqlite3_bind_text(q, 2, panes_key, -1, SQLITE_STATIC);
		sqlite3_bind_int64(q, 3, use->id);
		sqlite3_bind_int64(q, 4, use->key.data);
		rc = sqlite3_step(q) == SQLITE_DONE ? 0 : BPW_ESQL;
		sqlite3_reset(q);
		strbuf_free(&b);
	}
	if (rc != 0)
		store_rollback(st);
	else
		store_commit(st, &err);
}

int judgement_forget(struct store *st, struct bpw_error *err)
{
	bool busy;
	int rc = store_begin_cache(st, &busy, err);

	if (rc != 0)
		return rc;
	rc = sqlite3_exec(store_db(st), "DELETE FROM judgement", NULL, NULL, NULL);
	if (rc != SQLITE_OK) {
		rc = store_fail(st, rc, err, "cannot remove stored judgements");
		store_rollback(st);
		return rc;
	}
	return store_commit(st, err);
}
