/* test_judgement.c: stored judgements (core/judgement.h) on a copy of the
 * sample database with the shipped configuration: read back, they are the
 * fresh evaluation byte for byte (as `check --format json` prints it); a
 * stored one is used only when every part of its key matches, and a
 * change of each part (one figure, one audit answer, one threshold of a
 * user's configuration, the month judged, today) judges again; two
 * configurations keep one each; a read-only store never writes; a
 * judgement whose data moved on while it was made is not stored; a
 * partner's detail whose judgement was removed is judged afresh, whole
 * (statuses with reasons); a judgement whose COMMIT failed is not
 * pointed to; in rollback mode it never waits for a reader. */
#include "testutil.h"

#include <sqlite3.h>
#include <sys/wait.h>

#include "config.h"
#include "date.h"
#include "indicator.h"
#include "judgement.h"
#include "observation.h"
#include "partner.h"
#include "qa_review.h"
#include "store.h"
#include "strbuf.h"

struct fx {
	char *dir;
	char *db;
	struct store *st;
	struct config cfg, cfg2;	/* shipped; with a user's threshold */
};

static void copy_file(const char *from, const char *to)
{
	size_t n = 0;
	char *buf = tu_read(from, &n);
	FILE *fp;

	if (buf == NULL)
		fail_msg("cannot read %s (is the sample database built?)", from);
	fp = fopen(to, "wb");
	assert_non_null(fp);
	assert_int_equal(fwrite(buf, 1, n, fp), n);
	fclose(fp);
	free(buf);
}

static void load_config(struct fx *f, struct config *cfg, const char *user)
{
	struct diag_report rep = { 0 };
	struct bpw_error err;

	config_defaults(cfg);
	assert_int_equal(config_merge_file(cfg, TEST_CONF, true, &rep, &err), 0);
	if (user) {
		const char *path = tu_path(f->dir, "user.conf");

		tu_write(path, user);
		assert_int_equal(config_merge_file(cfg, path, true, &rep, &err), 0);
	}
	assert_int_equal(config_finish(cfg, &rep, &err), 0);
	diag_free(&rep);
}

static int setup(void **state)
{
	struct fx *f = calloc(1, sizeof(*f));
	struct bpw_error err;

	f->dir = tu_tempdir();
	f->db = strdup(tu_path(f->dir, "t.db"));
	copy_file(TEST_SAMPLE_DB, f->db);
	assert_int_equal(date_set_today("2026-12-04"), 0);
	if (store_open(f->db, 0, &f->st, &err) != 0)
		fail_msg("%s", err.msg);
	load_config(f, &f->cfg, NULL);
	/* The CSAT shift rule's WATCH threshold, as the shipped file's own
	 * example tunes it. */
	load_config(f, &f->cfg2, "indicators = { customer_satisfaction = { rules = {"
		    " csat_shift = { warn = 3.0; }; }; }; };\n");
	*state = f;
	return 0;
}

static int teardown(void **state)
{
	struct fx *f = *state;

	store_close(f->st);
	config_free(&f->cfg);
	config_free(&f->cfg2);
	free(f->db);
	tu_rmdir(f->dir);
	free(f);
	return 0;
}

/* The JSON of check for ev, every partner made whole first. */
static char *json_of(struct store *st, struct evaluation *ev)
{
	struct strbuf b = { 0 };
	struct bpw_error err;
	size_t p;

	for (p = 0; p < ev->count; p++)
		assert_int_equal(judgement_detail(st, ev, &ev->partners[p], &err), 0);
	indicator_json(ev, -1, &b);
	return strbuf_take(&b);
}

/* Judges through the stored judgements; the JSON, and what was done. */
static char *judge_on(struct store *st, const struct config *cfg, const char *period,
		      const char *today, unsigned flags, struct judgement_use *use)
{
	struct evaluation ev;
	struct bpw_error err;
	char *json;

	if (judgement_evaluate(st, cfg->rules, period, today, flags, &ev, use, &err) != 0)
		fail_msg("%s", err.msg);
	json = json_of(st, &ev);
	indicator_free(&ev);
	return json;
}

static char *judge(struct fx *f, const struct config *cfg, const char *period,
		   const char *today, unsigned flags, struct judgement_use *use)
{
	return judge_on(f->st, cfg, period, today, flags, use);
}

static int count_rows(struct store *st, const char *table)
{
	char sql[96];
	sqlite3_stmt *q;
	int n = -1;

	snprintf(sql, sizeof(sql), "SELECT count(*) FROM %s", table);
	assert_int_equal(sqlite3_prepare_v2(store_db(st), sql, -1, &q, NULL), SQLITE_OK);
	if (sqlite3_step(q) == SQLITE_ROW)
		n = sqlite3_column_int(q, 0);
	sqlite3_finalize(q);
	return n;
}

static void set_figure(struct fx *f, const char *code, const char *metric,
		       const char *period, double v)
{
	struct observation o = { 0, metric, period, "", OBS_PARTNER, v };
	struct partner p;
	struct bpw_error err;

	assert_int_equal(partner_find(f->st, code, &p, &err), 0);
	o.partner_id = p.id;
	partner_clear(&p);
	assert_int_equal(observation_upsert(f->st, &o, NULL, &err), 0);
}

/* Stored, it reads back as the fresh evaluation, in every form. */
static void test_read_back_identical(void **state)
{
	struct fx *f = *state;
	struct judgement_use use;
	char *fresh, *first, *again, *lazy, *traced_fresh, *traced;
	struct evaluation ev;
	struct bpw_error err;
	struct strbuf b = { 0 };

	fresh = judge(f, &f->cfg, NULL, "2026-12-04", JUDGE_FRESH | JUDGE_NO_STORE, &use);
	assert_false(use.read);
	assert_false(use.stored);
	assert_int_equal(count_rows(f->st, "judgement"), 0);
	first = judge(f, &f->cfg, NULL, "2026-12-04", 0, &use);
	assert_false(use.read);
	assert_true(use.stored);
	assert_int_equal(count_rows(f->st, "judgement"), 1);
	assert_int_equal(count_rows(f->st, "judgement_partner"), 8);
	again = judge(f, &f->cfg, NULL, "2026-12-04", 0, &use);
	assert_true(use.read);
	assert_string_equal(first, fresh);
	assert_string_equal(again, fresh);

	/* Lazily: statuses now, every partner's reasons when asked. */
	assert_int_equal(judgement_evaluate(f->st, f->cfg.rules, NULL, "2026-12-04",
					    JUDGE_LAZY, &ev, &use, &err), 0);
	assert_true(use.read);
	assert_true(ev.partners[0].pending);
	assert_null(ev.partners[0].inds[0].rules);
	assert_int_equal(ev.counts[STATUS_ALERT] + ev.counts[STATUS_WATCH] +
			 ev.counts[STATUS_OK] + ev.counts[STATUS_NODATA], 8);
	lazy = json_of(f->st, &ev);
	assert_false(ev.partners[0].pending);
	indicator_free(&ev);
	assert_string_equal(lazy, fresh);

	/* Traced (check --format json): with every rule's inputs. */
	assert_int_equal(indicator_evaluate_traced(f->st, f->cfg.rules, NULL, "2026-12-04",
						   NULL, &ev, &err), 0);
	indicator_json(&ev, -1, &b);
	indicator_free(&ev);
	traced_fresh = strbuf_take(&b);
	assert_true(strlen(traced_fresh) > strlen(fresh));
	free(judge(f, &f->cfg, NULL, "2026-12-04", JUDGE_TRACED, &use));
	assert_false(use.read);	/* the stored one has no inputs */
	assert_true(use.stored);
	assert_int_equal(count_rows(f->st, "judgement"), 1);	/* it replaced it */
	traced = judge(f, &f->cfg, NULL, "2026-12-04", JUDGE_TRACED, &use);
	assert_true(use.read);
	assert_string_equal(traced, traced_fresh);
	free(again);
	again = judge(f, &f->cfg, NULL, "2026-12-04", 0, &use);
	assert_true(use.read);	/* the traced one serves the untraced too */
	assert_string_equal(again, fresh);
	free(fresh);
	free(first);
	free(again);
	free(lazy);
	free(traced_fresh);
	free(traced);
}

/* Stores a judgement, then expects the next to be read (same) or made
 * afresh (after a change of its key), equal to a fresh evaluation. */
static void expect(struct fx *f, const struct config *cfg, const char *period,
		   const char *today, bool read)
{
	struct judgement_use use;
	char *fresh = judge(f, cfg, period, today, JUDGE_FRESH | JUDGE_NO_STORE, &use);
	char *got = judge(f, cfg, period, today, 0, &use);

	if (use.read != read)
		fail_msg("judgement of %s on %s: %s, expected %s", period ? period : "now",
			 today, use.read ? "read" : "made afresh",
			 read ? "read" : "made afresh");
	assert_string_equal(got, fresh);
	free(fresh);
	free(got);
}

static void test_every_key_part(void **state)
{
	struct fx *f = *state;
	struct judgement_use use;
	struct bpw_error err;
	char *before, *after;
	sqlite3_stmt *q;
	int64_t clock0, clock1, item;

	free(judge(f, &f->cfg, NULL, "2026-12-04", 0, &use));
	assert_true(use.stored);
	expect(f, &f->cfg, NULL, "2026-12-04", true);

	/* One figure. */
	before = judge(f, &f->cfg, NULL, "2026-12-04", 0, &use);
	assert_int_equal(store_data_clock(f->st, &clock0, &err), 0);
	set_figure(f, "SUN", "csat", "2026-10-01", 55);
	assert_int_equal(store_data_clock(f->st, &clock1, &err), 0);
	assert_true(clock1 > clock0);
	expect(f, &f->cfg, NULL, "2026-12-04", false);
	after = judge(f, &f->cfg, NULL, "2026-12-04", 0, &use);
	assert_true(use.read);
	assert_string_not_equal(after, before);	/* the figure shows */
	assert_non_null(strstr(after, "55"));
	free(before);
	free(after);

	/* One audit answer (of the draft audit in the sample). */
	assert_int_equal(sqlite3_prepare_v2(store_db(f->st),
		"SELECT i.id FROM qa_review r JOIN qa_section s ON s.template_id = r.template_id"
		" JOIN qa_item i ON i.section_id = s.id WHERE r.id = 18"
		" AND i.answer_kind = 'passfail' ORDER BY i.id LIMIT 1", -1, &q, NULL), SQLITE_OK);
	assert_int_equal(sqlite3_step(q), SQLITE_ROW);
	item = sqlite3_column_int64(q, 0);
	sqlite3_finalize(q);
	assert_int_equal(qa_review_set_answer(f->st, 18, item, "fail", &err), 0);
	expect(f, &f->cfg, NULL, "2026-12-04", false);

	/* One threshold in a user's configuration: a judgement each. */
	expect(f, &f->cfg2, NULL, "2026-12-04", false);
	expect(f, &f->cfg, NULL, "2026-12-04", true);
	expect(f, &f->cfg2, NULL, "2026-12-04", true);

	/* The month judged, and today. */
	expect(f, &f->cfg, "2026-09-01", "2026-12-04", false);
	expect(f, &f->cfg, "2026-09-01", "2026-12-04", true);
	expect(f, &f->cfg, NULL, "2026-12-05", false);
	expect(f, &f->cfg, NULL, "2026-12-05", true);
	expect(f, &f->cfg, NULL, "2026-12-04", true);

	/* A hand edit with the sqlite3 tool moves the clock too. */
	assert_int_equal(sqlite3_exec(store_db(f->st), "UPDATE partner SET name = 'Sun "
				      "Renamed' WHERE code = 'SUN'", NULL, NULL, NULL),
			 SQLITE_OK);
	expect(f, &f->cfg, NULL, "2026-12-04", false);
	after = judge(f, &f->cfg, NULL, "2026-12-04", 0, &use);
	assert_non_null(strstr(after, "Sun Renamed"));
	free(after);
	assert_true(count_rows(f->st, "judgement") <= JUDGEMENT_KEEP);
}

/* Only judgements of the data as it is now are kept. */
static void test_pruned(void **state)
{
	struct fx *f = *state;
	struct judgement_use use;

	free(judge(f, &f->cfg, NULL, "2026-12-04", 0, &use));
	free(judge(f, &f->cfg2, NULL, "2026-12-04", 0, &use));
	assert_int_equal(count_rows(f->st, "judgement"), 2);
	set_figure(f, "SUN", "csat", "2026-10-01", 60);
	free(judge(f, &f->cfg, NULL, "2026-12-04", 0, &use));
	assert_int_equal(count_rows(f->st, "judgement"), 1);
	assert_int_equal(count_rows(f->st, "judgement_partner"), 8);
}

/* A read-only store reads what fits and never writes. */
static void test_read_only(void **state)
{
	struct fx *f = *state;
	struct judgement_use use;
	struct store *ro;
	struct bpw_error err;
	char *fresh, *got;

	assert_int_equal(store_open(f->db, STORE_READONLY, &ro, &err), 0);
	fresh = judge_on(ro, &f->cfg, NULL, "2026-12-04", JUDGE_FRESH | JUDGE_NO_STORE, &use);
	got = judge_on(ro, &f->cfg, NULL, "2026-12-04", 0, &use);
	assert_false(use.read);
	assert_false(use.stored);
	assert_int_equal(count_rows(f->st, "judgement"), 0);
	assert_string_equal(got, fresh);
	free(got);
	free(judge(f, &f->cfg, NULL, "2026-12-04", 0, &use));	/* stored by a writer */
	got = judge_on(ro, &f->cfg, NULL, "2026-12-04", 0, &use);
	assert_true(use.read);
	assert_string_equal(got, fresh);
	free(got);
	free(fresh);
	store_close(ro);
}

/* Judged, then the data change before it is stored: it is stale, dropped. */
static void test_stale_not_stored(void **state)
{
	struct fx *f = *state;
	struct judgement_use use;
	struct evaluation ev;
	struct bpw_error err;

	assert_int_equal(judgement_evaluate(f->st, f->cfg.rules, NULL, "2026-12-04",
					    JUDGE_DEFER, &ev, &use, &err), 0);
	assert_true(use.owed);
	set_figure(f, "ATL", "csat", "2026-10-01", 70);
	judgement_keep(f->st, &ev, &use);
	assert_false(use.stored);
	assert_false(use.owed);
	assert_int_equal(count_rows(f->st, "judgement"), 0);
	indicator_free(&ev);
}

/* A partner's detail whose judgement was removed meanwhile (pruned by
 * another process) is judged afresh, not lost. */
static void test_detail_of_removed(void **state)
{
	struct fx *f = *state;
	struct judgement_use use;
	struct evaluation ev;
	struct bpw_error err;
	char *fresh, *got;

	fresh = judge(f, &f->cfg, NULL, "2026-12-04", JUDGE_FRESH | JUDGE_NO_STORE, &use);
	free(judge(f, &f->cfg, NULL, "2026-12-04", 0, &use));
	assert_int_equal(judgement_evaluate(f->st, f->cfg.rules, NULL, "2026-12-04",
					    JUDGE_LAZY, &ev, &use, &err), 0);
	assert_true(use.read);
	assert_int_equal(judgement_forget(f->st, &err), 0);
	assert_int_equal(count_rows(f->st, "judgement_partner"), 0);
	got = json_of(f->st, &ev);
	assert_string_equal(got, fresh);
	indicator_free(&ev);
	free(got);
	free(fresh);
}

/* The same, when the data also moved on meanwhile: the partners still
 * pending are judged afresh once, each whole (statuses with their
 * reasons), never new reasons beside old statuses. */
static void test_detail_after_change(void **state)
{
	struct fx *f = *state;
	struct judgement_use use;
	struct evaluation ev;
	struct bpw_error err;
	char *before, *after, *got;

	before = judge(f, &f->cfg, NULL, "2026-12-04", 0, &use);
	assert_true(use.stored);
	assert_int_equal(judgement_evaluate(f->st, f->cfg.rules, NULL, "2026-12-04",
					    JUDGE_LAZY, &ev, &use, &err), 0);
	assert_true(use.read);
	assert_int_equal(judgement_forget(f->st, &err), 0);
	set_figure(f, "SUN", "csat", "2026-10-01", 55);
	set_figure(f, "SUN", "csat", "2026-11-01", 50);
	after = judge(f, &f->cfg, NULL, "2026-12-04", JUDGE_FRESH | JUDGE_NO_STORE, &use);
	assert_string_not_equal(after, before);	/* the change shows in statuses */
	got = json_of(f->st, &ev);
	assert_string_equal(got, after);
	indicator_free(&ev);
	free(before);
	free(after);
	free(got);
}

static int refuse_commit(void *arg)
{
	(void)arg;
	return 1;	/* the COMMIT becomes a ROLLBACK */
}

/* A judgement whose COMMIT failed is not pointed to: nothing is said to
 * be stored, and no id of a row that is not there is kept. */
static void test_commit_fails(void **state)
{
	struct fx *f = *state;
	struct judgement_use use;

	sqlite3_commit_hook(store_db(f->st), refuse_commit, NULL);
	free(judge(f, &f->cfg, NULL, "2026-12-04", 0, &use));
	sqlite3_commit_hook(store_db(f->st), NULL, NULL);
	assert_false(use.stored);
	assert_true(use.id == 0);
	assert_int_equal(count_rows(f->st, "judgement"), 0);
}

/* In rollback mode (another process had the file open, so it is not
 * WAL yet) a reader blocks every COMMIT: storing the judgement gives up
 * at once rather than freeze the dashboard for the busy timeout, and the
 * next start stores it. The reader lets go after 1.5 s, well inside the
 * 5 s a write waits: a store that waited would succeed. */
static void test_cache_never_waits(void **state)
{
	struct fx *f = *state;
	struct judgement_use use;
	struct bpw_error err;
	sqlite3 *raw;
	int ready[2], status;
	char c;
	pid_t pid;

	store_close(f->st);
	assert_int_equal(sqlite3_open(f->db, &raw), SQLITE_OK);
	assert_int_equal(sqlite3_exec(raw, "PRAGMA journal_mode=DELETE", NULL, NULL, NULL),
			 SQLITE_OK);
	sqlite3_close(raw);
	assert_int_equal(pipe(ready), 0);
	pid = fork();
	assert_true(pid >= 0);
	if (pid == 0) {	/* the reader */
		if (sqlite3_open(f->db, &raw) != SQLITE_OK ||
		    sqlite3_exec(raw, "BEGIN; SELECT count(*) FROM partner", NULL, NULL,
				 NULL) != SQLITE_OK)
			_exit(1);
		if (write(ready[1], "r", 1) != 1)
			_exit(1);
		usleep(1500000);
		sqlite3_exec(raw, "COMMIT", NULL, NULL, NULL);
		_exit(0);
	}
	close(ready[1]);
	assert_int_equal(read(ready[0], &c, 1), 1);
	close(ready[0]);
	if (store_open(f->db, 0, &f->st, &err) != 0)
		fail_msg("%s", err.msg);
	free(judge(f, &f->cfg, NULL, "2026-12-04", 0, &use));
	assert_false(use.stored);
	assert_true(use.id == 0);
	assert_int_equal(waitpid(pid, &status, 0), pid);
	assert_true(WIFEXITED(status) && WEXITSTATUS(status) == 0);
	assert_int_equal(count_rows(f->st, "judgement"), 0);
	free(judge(f, &f->cfg, NULL, "2026-12-04", 0, &use));
	assert_true(use.stored);	/* the reader gone, it is stored */
}

struct pass {
	struct store *st;
	struct evaluation *ev;
	size_t held, most;	/* partners whole now, and at most */
};

static int pass_need(size_t p, void *ctx)
{
	struct pass *c = ctx;
	struct bpw_error err;

	assert_int_equal(judgement_detail(c->st, c->ev, &c->ev->partners[p], &err), 0);
	if (++c->held > c->most)
		c->most = c->held;
	return 0;
}

static int pass_done(size_t p, void *ctx)
{
	struct pass *c = ctx;

	judgement_release(c->ev, &c->ev->partners[p]);
	c->held--;
	return 0;
}

/* check --format json from a stored traced judgement, partner by partner:
 * the same document as a fresh traced evaluation, with one partner's
 * detail held at a time (each let go after its text). */
static void test_json_partner_by_partner(void **state)
{
	struct fx *f = *state;
	struct judgement_use use;
	struct evaluation ev;
	struct bpw_error err;
	struct strbuf b = { 0 };
	struct pass c = { 0 };
	char *fresh, *got = NULL;
	size_t len = 0, p, pending = 0;
	FILE *mem;

	assert_int_equal(indicator_evaluate_traced(f->st, f->cfg.rules, NULL, "2026-12-04",
						   NULL, &ev, &err), 0);
	indicator_json(&ev, -1, &b);
	indicator_free(&ev);
	fresh = strbuf_take(&b);
	free(judge(f, &f->cfg, NULL, "2026-12-04", JUDGE_TRACED, &use));
	assert_true(use.stored);
	assert_int_equal(judgement_evaluate(f->st, f->cfg.rules, NULL, "2026-12-04",
					    JUDGE_TRACED | JUDGE_LAZY, &ev, &use, &err), 0);
	assert_true(use.read);
	assert_true(ev.partners[0].pending);
	c.st = f->st;
	c.ev = &ev;
	mem = open_memstream(&got, &len);
	assert_non_null(mem);
	assert_int_equal(indicator_json_write(&ev, -1, NULL, NULL, pass_need, pass_done,
					      &c, mem), 0);
	fclose(mem);
	assert_string_equal(got, fresh);
	assert_int_equal(c.most, 1);
	for (p = 0; p < ev.count; p++)
		pending += ev.partners[p].pending;
	assert_int_equal(pending, ev.count);	/* every detail let go again */
	indicator_free(&ev);
	free(got);
	free(fresh);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_setup_teardown(test_read_back_identical, setup, teardown),
		cmocka_unit_test_setup_teardown(test_every_key_part, setup, teardown),
		cmocka_unit_test_setup_teardown(test_pruned, setup, teardown),
		cmocka_unit_test_setup_teardown(test_read_only, setup, teardown),
		cmocka_unit_test_setup_teardown(test_stale_not_stored, setup, teardown),
		cmocka_unit_test_setup_teardown(test_detail_of_removed, setup, teardown),
		cmocka_unit_test_setup_teardown(test_detail_after_change, setup, teardown),
		cmocka_unit_test_setup_teardown(test_commit_fails, setup, teardown),
		cmocka_unit_test_setup_teardown(test_cache_never_waits, setup, teardown),
		cmocka_unit_test_setup_teardown(test_json_partner_by_partner, setup, teardown),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
