/* test_snapshot.c: frozen QBR snapshots on a real database: the pack
 * frozen reads back byte for byte, a quarter is frozen once, the stored
 * rows cannot be changed or deleted, later data does not change what was
 * frozen; the diff names no change, corrected data, new data and changed
 * thresholds (audited once), and a damaged snapshot is an error; every
 * format and style is kept as rendered at the freeze, a key metric's
 * changed month is named with its old and new figure, and a snapshot
 * frozen before renderings were kept says so. */
#include "testutil.h"

#include "audit.h"
#include "config.h"
#include "event.h"
#include "import.h"
#include "observation.h"
#include "partner.h"
#include "report.h"
#include "schema.h"
#include "snapshot.h"
#include "snapshot_rendering.h"
#include "store.h"

#define RULES_AT(warn) \
	"indicators = { cs = { title = \"Customer satisfaction\"; rules = { lv = { " \
	"kind = \"level\"; metric = \"csat\"; source = \"client\"; warn = " warn "; " \
	"alert = 74.0; }; }; }; };"

struct fx {
	char *dir;
	struct store *st;
	struct config cfg;
	int64_t atl, bor;
};

static void rules(struct fx *f, const char *text)
{
	const char *path = tu_path(f->dir, "rules.conf");
	struct diag_report rep = { 0 };
	struct bpw_error err;

	config_free(&f->cfg);
	tu_write(path, text);
	config_defaults(&f->cfg);
	assert_int_equal(config_merge_file(&f->cfg, path, true, &rep, &err), 0);
	if (config_finish(&f->cfg, &rep, &err) != 0)
		fail_msg("rules do not compile: %s", err.msg);
	diag_free(&rep);
}

static void csat(struct fx *f, int64_t p, const char *period, double v)
{
	struct observation o = { p, "csat", period, "", OBS_CLIENT, v };
	struct bpw_error err;

	assert_int_equal(observation_upsert(f->st, &o, NULL, &err), 0);
}

static int setup(void **state)
{
	struct fx *f = calloc(1, sizeof(*f));
	struct partner a = { .code = "ATL", .name = "Atlas" };
	struct partner b = { .code = "BOR", .name = "Boreal" };
	struct bpw_error err;

	f->dir = tu_tempdir();
	assert_int_equal(store_open(tu_path(f->dir, "s.db"), STORE_CREATE, &f->st, &err), 0);
	assert_int_equal(partner_add(f->st, &a, &f->atl, &err), 0);
	assert_int_equal(partner_add(f->st, &b, &f->bor, &err), 0);
	/* Atlas fine; Boreal between the thresholds in March, no February. */
	csat(f, f->atl, "2026-01-01", 85);
	csat(f, f->atl, "2026-02-01", 86);
	csat(f, f->atl, "2026-03-01", 84);
	csat(f, f->bor, "2026-01-01", 80);
	csat(f, f->bor, "2026-03-01", 76);
	rules(f, RULES_AT("78.0"));
	*state = f;
	return 0;
}

static int teardown(void **state)
{
	struct fx *f = *state;

	config_free(&f->cfg);
	store_close(f->st);
	tu_rmdir(f->dir);
	free(f);
	return 0;
}

/* The Markdown pack of 2026Q1 as the report writes it now. */
static char *pack_now(struct fx *f)
{
	struct report_opts o = { .quarter = "2026Q1", .date = "2026-04-15", .qa_cap = 60 };
	struct report r;
	struct strbuf b = { 0 };
	struct bpw_error err;

	assert_int_equal(report_load(f->st, f->cfg.rules, &o, &r, &err), 0);
	report_write_md(&r, &b, NULL);
	report_free(&r);
	return strbuf_take(&b);
}

/* The pack of 2026Q1 in format fmt (or its explanations) and style as the
 * report writes it now. */
static char *render_now(struct fx *f, int fmt, const struct report_style *style, size_t *len)
{
	struct report_opts o = { .quarter = "2026Q1", .date = "2026-04-15", .qa_cap = 60 };
	struct report r;
	struct strbuf b = { 0 };
	struct bpw_error err;

	assert_int_equal(report_load(f->st, f->cfg.rules, &o, &r, &err), 0);
	r.style = *style;
	if (fmt == SNAPSHOT_EXPLANATIONS)
		report_write_explanations(&r, &b);
	else
		report_write(&r, (enum report_format)fmt, &b);
	report_free(&r);
	*len = b.len;
	return strbuf_take(&b);
}

static void freeze(struct fx *f, struct snapshot_info *info)
{
	struct bpw_error err;

	if (snapshot_freeze(f->st, f->cfg.rules, "2026Q1", "2026-04-15", 60, info, &err) != 0)
		fail_msg("freeze: %s", err.msg);
}

/* The diff of 2026Q1 into a malloc'd string; the changes in *n. */
static char *diff(struct fx *f, int *n)
{
	struct strbuf b = { 0 };
	struct bpw_error err;

	if (snapshot_diff(f->st, f->cfg.rules, "2026Q1", 60, &b, n, &err) != 0)
		fail_msg("diff: %s", err.msg);
	return strbuf_take(&b);
}

#define assert_contains(s, what) do { \
	if (strstr((s), (what)) == NULL) \
		fail_msg("'%s' lacks '%s'", (s), (what)); \
} while (0)

static void count_snapshot_audit(const struct audit_entry *e, void *ctx)
{
	if (strcmp(e->action, "snapshot") == 0)
		(*(int *)ctx)++;
}

static int snapshot_audits(struct fx *f)
{
	struct bpw_error err;
	int n = 0;

	assert_int_equal(audit_each(f->st, NULL, NULL, count_snapshot_audit, &n, &err), 0);
	return n;
}

/* Frozen and read back: the pack the report writes, byte for byte, and
 * who froze it when; one audit row. */
static void test_freeze_and_read_back(void **state)
{
	struct fx *f = *state;
	struct snapshot_info info, got;
	struct strbuf pack = { 0 };
	struct bpw_error err;
	char *want = pack_now(f);

	freeze(f, &info);
	assert_true(info.id > 0);
	assert_string_equal(info.quarter, "2026Q1");
	assert_string_equal(info.judged, "2026-03-31");
	assert_int_equal(strlen(info.taken), 20);	/* YYYY-MM-DDTHH:MM:SSZ */
	assert_int_equal(info.taken[10], 'T');
	assert_string_equal(info.user, audit_user());
	/* Any spelling of the quarter finds it. */
	assert_int_equal(snapshot_get(f->st, "Q1/2026", &got, &pack, &err), 0);
	assert_int_equal(got.id, info.id);
	assert_string_equal(got.judged, info.judged);
	assert_string_equal(got.taken, info.taken);
	assert_string_equal(got.user, info.user);
	assert_int_equal(pack.len, strlen(want));
	assert_memory_equal(strbuf_str(&pack), want, pack.len);
	assert_contains(want, "Atlas");
	assert_contains(want, "Boreal");
	assert_int_equal(snapshot_audits(f), 1);
	/* The info alone. */
	assert_int_equal(snapshot_get(f->st, "2026Q1", &got, NULL, &err), 0);
	free(want);
	strbuf_free(&pack);
}

/* A quarter is frozen once: a second freeze is refused, names who froze
 * it, and leaves the first; data imported later does not change what was
 * frozen. */
static void test_frozen_once(void **state)
{
	struct fx *f = *state;
	struct snapshot_info info, got;
	struct strbuf pack = { 0 };
	struct bpw_error err;
	char *want = pack_now(f), *now;

	freeze(f, &info);
	csat(f, f->bor, "2026-03-01", 60);	/* corrected: now an alert */
	now = pack_now(f);
	assert_string_not_equal(now, want);
	assert_int_equal(snapshot_freeze(f->st, f->cfg.rules, "2026Q1", "2026-04-15", 60,
					 &got, &err), BPW_EEXIST);
	assert_contains(err.msg, "2026Q1 was frozen on ");
	assert_contains(err.msg, "is never changed");
	assert_int_equal(snapshot_get(f->st, "2026Q1", &got, &pack, &err), 0);
	assert_int_equal(got.id, info.id);
	assert_string_equal(strbuf_str(&pack), want);
	assert_int_equal(snapshot_audits(f), 1);
	free(want);
	free(now);
	strbuf_free(&pack);
}

/* What is stored cannot be changed or deleted, by anyone with SQL. */
static void test_rows_cannot_change(void **state)
{
	static const char *const writes[] = {
		"UPDATE snapshot SET pack = 'nothing to see'",
		"UPDATE snapshot SET judged = '2026-01-01'",
		"DELETE FROM snapshot",
		"UPDATE snapshot_item SET status = 'ok'",
		"DELETE FROM snapshot_item",
		"INSERT OR REPLACE INTO snapshot(id, quarter, judged, taken, user, pack)"
		" SELECT id, quarter, judged, taken, user, 'x' FROM snapshot",
		"INSERT OR REPLACE INTO snapshot(quarter, judged, taken, user, pack)"
		" VALUES ('2026Q1', '2026-03-31', 'now', 'me', 'x')",
		"INSERT OR REPLACE INTO snapshot_item SELECT snapshot_id, partner, item,"
		" 'ok', reason, value, settings, inputs FROM snapshot_item",
		"UPDATE snapshot_rendering SET body = 'nothing to see'",
		"DELETE FROM snapshot_rendering WHERE format = 'html'",
		"INSERT OR REPLACE INTO snapshot_rendering SELECT snapshot_id, format, style,"
		" 'x' FROM snapshot_rendering",
	};
	struct fx *f = *state;
	struct snapshot_info info;
	struct strbuf pack = { 0 };
	struct bpw_error err;
	char *want = pack_now(f), *d;
	sqlite3_stmt *q;
	size_t i;
	int n;

	freeze(f, &info);
	for (i = 0; i < sizeof(writes) / sizeof(writes[0]); i++) {
		char *msg = NULL;

		if (sqlite3_exec(store_db(f->st), writes[i], NULL, NULL, &msg) == SQLITE_OK)
			fail_msg("'%s' was allowed", writes[i]);
		assert_non_null(strstr(msg, "a frozen snapshot cannot be changed"));
		sqlite3_free(msg);
	}
	assert_int_equal(snapshot_get(f->st, "2026Q1", &info, &pack, &err), 0);
	assert_string_equal(strbuf_str(&pack), want);
	assert_int_equal(sqlite3_prepare_v2(store_db(f->st), "SELECT count(*) FROM snapshot_item",
					    -1, &q, NULL), SQLITE_OK);
	assert_int_equal(sqlite3_step(q), SQLITE_ROW);
	assert_true(sqlite3_column_int(q, 0) > 0);
	sqlite3_finalize(q);
	d = diff(f, &n);
	assert_int_equal(n, 0);
	free(d);
	free(want);
	strbuf_free(&pack);
}

static void test_not_frozen(void **state)
{
	struct fx *f = *state;
	struct snapshot_info info;
	struct strbuf out = { 0 };
	struct bpw_error err;
	int n = -1;

	assert_int_equal(snapshot_get(f->st, "2026Q2", &info, NULL, &err), BPW_ENOENT);
	assert_string_equal(err.msg, "2026Q2 has not been frozen (report --quarter 2026Q2 "
			    "--freeze)");
	assert_int_equal(snapshot_get(f->st, "2026Q5", &info, NULL, &err), BPW_EINVAL);
	assert_int_equal(snapshot_diff(f->st, f->cfg.rules, "2026Q2", 60, &out, &n, &err),
			 BPW_ENOENT);
	assert_int_equal(n, 0);
	assert_int_equal(out.len, 0);
	assert_int_equal(snapshot_freeze(f->st, f->cfg.rules, "Q9", NULL, 60, NULL, &err),
			 BPW_EINVAL);
	strbuf_free(&out);
}

/* Nothing changed: the diff says so. */
static void test_diff_no_change(void **state)
{
	struct fx *f = *state;
	struct snapshot_info info;
	char *d;
	int n = -1;

	freeze(f, &info);
	d = diff(f, &n);
	assert_int_equal(n, 0);
	assert_contains(d, "2026Q1 frozen ");
	assert_contains(d, "statuses as of 2026-03-31");
	assert_contains(d, "no change: the pack shows what the snapshot shows\n");
	free(d);
}

/* Boreal's March corrected from 76 (WATCH) to 70 (ALERT), and a February
 * that was missing arrives: the rule's status and value change, and the
 * diff says why (corrected data, with old and new). */
static void test_diff_corrected_and_new_data(void **state)
{
	struct fx *f = *state;
	struct snapshot_info info;
	char *d;
	int n = 0;

	freeze(f, &info);
	csat(f, f->bor, "2026-03-01", 70);
	csat(f, f->bor, "2026-02-01", 79);
	d = diff(f, &n);
	assert_true(n >= 2);
	assert_contains(d, "BOR rule cs/lv: WATCH -> ALERT\n");
	assert_contains(d, "corrected data: judged 2026-03 total client 76 -> 70 (corrected 20");
	assert_contains(d, "BOR indicator cs: WATCH -> ALERT\n");
	assert_contains(d, "BOR metric csat: ");
	/* The quarter's figure: which month changed, old and new, and when. */
	assert_contains(d, "      BOR csat 2026-03: 76 -> 70 (corrected 20");
	assert_contains(d, "      new: BOR csat 2026-02: 79\n");
	assert_null(strstr(d, "new or corrected figures of the quarter"));
	assert_null(strstr(d, "ATL "));		/* Atlas did not change */
	assert_null(strstr(d, "no change"));
	free(d);
}

/* The same correction made by an import: the trail keeps it under the
 * import's row (audit_value), and the diff finds its day there too. */
static void test_diff_corrected_by_import(void **state)
{
	struct fx *f = *state;
	const char *path = tu_path(f->dir, "fix.csv");
	const char *paths[] = { path };
	struct import_opts o = { .type = IMPORT_AUTO };
	struct import_report rep;
	struct snapshot_info info;
	struct bpw_error err;
	char *d;
	int n = 0;

	freeze(f, &info);
	tu_write(path, "partner,metric,period,segment,source,value\n"
		 "BOR,csat,2026-03,,client,70\n");
	assert_int_equal(import_files(f->st, paths, 1, &o, &rep, &err), 0);
	assert_int_equal(rep.updated, 1);
	import_report_free(&rep);
	d = diff(f, &n);
	assert_contains(d, "corrected data: judged 2026-03 total client 76 -> 70 (corrected 20");
	assert_contains(d, "      BOR csat 2026-03: 76 -> 70 (corrected 20");
	free(d);
}

/* Boreal's March changed by hand with SQL, outside bpowatch: no audit
 * row says when, so the diff names the month, old and new, and no day. */
static void test_diff_corrected_outside(void **state)
{
	struct fx *f = *state;
	struct snapshot_info info;
	char *d;
	int n = 0;

	freeze(f, &info);
	assert_int_equal(sqlite3_exec(store_db(f->st), "UPDATE observation SET value = 70"
				      " WHERE metric = 'csat' AND period = '2026-03-01'"
				      " AND partner_id = (SELECT id FROM partner WHERE code = 'BOR')",
				      NULL, NULL, NULL), SQLITE_OK);
	d = diff(f, &n);
	assert_contains(d, "      BOR csat 2026-03: 76 -> 70\n");
	assert_contains(d, "corrected data: judged 2026-03 total client 76 -> 70\n");
	free(d);
}

/* Atlas's March 84 corrected to 83: still OK and the rule's value says
 * so, but the indicator's reason changes alone, and the diff shows it. */
static void test_diff_reason_only(void **state)
{
	struct fx *f = *state;
	struct snapshot_info info;
	char *d;
	int n = 0;

	freeze(f, &info);
	csat(f, f->atl, "2026-03-01", 83);
	d = diff(f, &n);
	assert_contains(d, "ATL indicator cs: reason changed\n    then: CSAT 84.0%");
	assert_contains(d, "    now:  CSAT 83.0%");
	assert_contains(d, "ATL rule cs/lv: 84 -> 83\n");
	assert_null(strstr(d, "BOR "));
	free(d);
}

/* Frozen in the middle of the quarter: judged on that day, and the diff
 * judges again on that day, not on the quarter's end. */
static void test_frozen_mid_quarter(void **state)
{
	struct fx *f = *state;
	struct snapshot_info info;
	struct bpw_error err;
	char *d;
	int n = -1;

	static const char *const days[] = { "2026-03-05", "2026-03-20" };
	size_t i;

	/* Escalations: one by the 15th (WATCH), two by the 31st (ALERT). */
	rules(f, "indicators = { esc = { rules = { n = { kind = \"events\"; "
		 "kinds = [\"escalation\"]; better = \"fewer\"; window = 3; warn = 0; "
		 "alert = 2; }; }; }; };");
	for (i = 0; i < 2; i++) {
		struct event e = { .partner_id = f->atl, .kind = EVENT_ESCALATION,
				   .title = "Outage", .detail = "" };

		memcpy(e.date, days[i], DATE_LEN);
		assert_int_equal(event_add(f->st, &e, NULL, &err), 0);
	}
	assert_int_equal(snapshot_freeze(f->st, f->cfg.rules, "2026Q1", "2026-03-15", 60,
					 &info, &err), 0);
	assert_string_equal(info.judged, "2026-03-15");
	d = diff(f, &n);
	assert_int_equal(n, 0);
	assert_contains(d, "statuses as of 2026-03-15");
	free(d);
	/* The same quarter judged at its end would differ: the freeze kept the day. */
	{
		char *end = pack_now(f);
		struct strbuf pack = { 0 };

		assert_int_equal(snapshot_get(f->st, "2026Q1", &info, &pack, &err), 0);
		assert_string_not_equal(strbuf_str(&pack), end);
		free(end);
		strbuf_free(&pack);
	}
}

/* A threshold changed in the configuration: the diff names the settings
 * before and after, and the audit trail gets it once however often the
 * diff is shown. */
static void test_diff_changed_thresholds(void **state)
{
	struct fx *f = *state;
	struct snapshot_info info;
	char *d;
	int n = 0;

	freeze(f, &info);
	rules(f, RULES_AT("75.0"));	/* Boreal's 76 is OK now */
	d = diff(f, &n);
	assert_true(n >= 1);
	assert_contains(d, "BOR rule cs/lv: WATCH -> OK\n");
	assert_contains(d, "changed thresholds or settings: kind level, metric csat, warn 78, "
			"alert 74");
	assert_contains(d, " -> kind level, metric csat, warn 75, alert 74");
	free(d);
	assert_int_equal(snapshot_audits(f), 2);	/* the freeze, the change */
	free(diff(f, &n));
	assert_int_equal(snapshot_audits(f), 2);
}

/* A snapshot whose rows cannot be read is an error, not a crash or a
 * diff against nothing. */
static void test_damaged(void **state)
{
	struct fx *f = *state;
	struct snapshot_info info;
	struct strbuf out = { 0 };
	struct bpw_error err;
	int n = -1;

	freeze(f, &info);
	assert_int_equal(sqlite3_exec(store_db(f->st), "PRAGMA foreign_keys = OFF;"
				      "DROP TABLE snapshot_item", NULL, NULL, NULL), SQLITE_OK);
	assert_true(snapshot_diff(f->st, f->cfg.rules, "2026Q1", 60, &out, &n, &err) < 0);
	assert_int_equal(n, 0);
	strbuf_free(&out);
}

/* The variants: each format with each combination of the options that
 * change it, keyed by the options not at their default. */
struct seen {
	int n[SNAPSHOT_OUTPUTS];
	char keys[32][SNAPSHOT_STYLE_KEY + 8];
	int nkeys;
};

static int note_variant(int fmt, const struct report_style *s, const char *key, void *ctx)
{
	struct seen *seen = ctx;
	char k[SNAPSHOT_STYLE_KEY];
	int i;

	seen->n[fmt]++;
	snapshot_style_key(fmt, s, k, sizeof(k));
	assert_string_equal(k, key);
	assert_true(seen->nkeys < 32);
	snprintf(seen->keys[seen->nkeys], sizeof(seen->keys[0]), "%s:%s",
		 snapshot_output_name(fmt), key);
	for (i = 0; i < seen->nkeys; i++)
		assert_string_not_equal(seen->keys[i], seen->keys[seen->nkeys]);
	seen->nkeys++;
	return 0;
}

static void test_style_variants(void **state)
{
	struct report_style s = { .appendix = true, .paper = REPORT_LETTER, .excel = true };
	struct seen seen;
	char k[SNAPSHOT_STYLE_KEY];

	(void)state;
	memset(&seen, 0, sizeof(seen));
	assert_int_equal(snapshot_style_each(note_variant, &seen), 0);
	assert_int_equal(seen.n[REPORT_MD], 2);		/* appendix */
	assert_int_equal(seen.n[REPORT_HTML], 4);	/* appendix x paper */
	assert_int_equal(seen.n[REPORT_CSV], 2);	/* excel */
	assert_int_equal(seen.n[SNAPSHOT_EXPLANATIONS], 2);	/* excel */
	assert_int_equal(seen.nkeys, 10);
	snapshot_style_key(REPORT_HTML, &s, k, sizeof(k));
	assert_string_equal(k, "appendix=yes paper=letter");
	snapshot_style_key(REPORT_CSV, &s, k, sizeof(k));
	assert_string_equal(k, "excel=yes");
	snapshot_style_key(SNAPSHOT_EXPLANATIONS, &s, k, sizeof(k));
	assert_string_equal(k, "excel=yes");
	assert_string_equal(snapshot_output_name(SNAPSHOT_EXPLANATIONS), "explanations");
	snapshot_style_key(REPORT_MD, &s, k, sizeof(k));
	assert_string_equal(k, "appendix=yes");
	memset(&s, 0, sizeof(s));
	snapshot_style_key(REPORT_HTML, &s, k, sizeof(k));
	assert_string_equal(k, "");
}

/* Every format and style, and the explanations' CSV, reads back as the
 * report wrote it at the freeze, byte for byte, and stays so after a
 * correction changes the live pack. */
static void test_every_rendering_kept(void **state)
{
	static const struct report_style styles[] = {
		{ 0 },
		{ .appendix = true },
		{ .paper = REPORT_LETTER },
		{ .excel = true },
		{ .appendix = true, .paper = REPORT_LETTER, .excel = true },
	};
	struct fx *f = *state;
	struct snapshot_info info;
	struct bpw_error err;
	char *want[SNAPSHOT_OUTPUTS][5];
	size_t wlen[SNAPSHOT_OUTPUTS][5];
	int fmt, i, pass;

	for (fmt = 0; fmt < SNAPSHOT_OUTPUTS; fmt++)
		for (i = 0; i < 5; i++)
			want[fmt][i] = render_now(f, fmt, &styles[i], &wlen[fmt][i]);
	freeze(f, &info);
	for (pass = 0; pass < 2; pass++) {
		if (pass == 1)	/* corrected: an alert now */
			csat(f, f->bor, "2026-03-01", 60);
		for (fmt = 0; fmt < SNAPSHOT_OUTPUTS; fmt++)
			for (i = 0; i < 5; i++) {
				struct strbuf got = { 0 };
				size_t n;
				char *live;

				assert_int_equal(snapshot_get_rendering(f->st, "2026Q1", fmt,
					&styles[i], &info, &got, &err), 0);
				assert_int_equal(got.len, wlen[fmt][i]);
				assert_memory_equal(got.s, want[fmt][i], got.len);
				live = render_now(f, fmt, &styles[i], &n);
				if (pass == 1)	/* the test can tell a rewritten pack */
					assert_false(n == got.len && memcmp(live, got.s, n) == 0);
				free(live);
				strbuf_free(&got);
			}
	}
	for (fmt = 0; fmt < SNAPSHOT_OUTPUTS; fmt++)
		for (i = 0; i < 5; i++)
			free(want[fmt][i]);
}

/* A snapshot frozen before renderings were kept (its renderings taken
 * away in this copy): its Markdown pack as before, a clear refusal for the
 * other formats, and a diff that says month detail is not there. */
static void test_frozen_before_renderings(void **state)
{
	struct report_style plain = { 0 }, appendix = { .appendix = true };
	struct fx *f = *state;
	struct snapshot_info info;
	struct strbuf got = { 0 };
	struct bpw_error err;
	char *want = pack_now(f), *d;
	int n = 0;

	freeze(f, &info);
	assert_int_equal(sqlite3_exec(store_db(f->st), "DROP TRIGGER snapshot_rendering_no_delete;"
				      "DELETE FROM snapshot_rendering;"
				      "DROP TRIGGER snapshot_item_no_update;"
				      "UPDATE snapshot_item SET inputs = '' WHERE item LIKE 'metric %'",
				      NULL, NULL, NULL), SQLITE_OK);
	assert_int_equal(snapshot_get_rendering(f->st, "2026Q1", REPORT_MD, &plain, &info,
						&got, &err), 0);
	assert_string_equal(strbuf_str(&got), want);
	assert_int_equal(snapshot_get_rendering(f->st, "2026Q1", REPORT_HTML, &plain, &info,
						&got, &err), BPW_EINVAL);
	assert_string_equal(err.msg, "2026Q1 was frozen before renderings were kept; only "
			    "--format md is available");
	assert_int_equal(snapshot_get_rendering(f->st, "2026Q1", REPORT_MD, &appendix, &info,
						&got, &err), BPW_EINVAL);
	assert_contains(err.msg, "only --format md is available, as it was frozen");
	assert_string_equal(strbuf_str(&got), want);	/* nothing added */
	csat(f, f->bor, "2026-03-01", 70);
	d = diff(f, &n);
	assert_contains(d, "new or corrected figures of the quarter (this snapshot was frozen "
			"before the figures of each month were kept)");
	assert_null(strstr(d, "BOR csat 2026-03:"));
	free(d);
	free(want);
	strbuf_free(&got);
}

/* A database whose snapshot was frozen at schema version 14, opened by
 * this version: migrated, the snapshot untouched, its Markdown pack
 * printed, other formats refused by name; the new table is immutable. */
static void test_migrated_old_snapshot(void **state)
{
	struct report_style plain = { 0 };
	struct snapshot_info info;
	struct strbuf got = { 0 };
	struct bpw_error err;
	struct store *st;
	char *dir = tu_tempdir(), *msg = NULL;
	const char *path = tu_path(dir, "v14.db");
	sqlite3 *db;

	(void)state;
	assert_int_equal(sqlite3_open(path, &db), SQLITE_OK);
	assert_int_equal(schema_migrate(db, 14, &err), 0);
	assert_int_equal(sqlite3_exec(db, "INSERT INTO snapshot(quarter, judged, taken, user,"
				      " pack) VALUES ('2025Q4', '2025-12-31', '2026-01-05T09:00:00Z',"
				      " 'ana', '# Quarterly business review 2025 Q4\n')",
				      NULL, NULL, NULL), SQLITE_OK);
	sqlite3_close(db);
	assert_int_equal(store_open(path, 0, &st, &err), 0);
	assert_int_equal(store_schema_version(st), SCHEMA_VERSION);
	assert_int_equal(snapshot_get_rendering(st, "2025Q4", REPORT_MD, &plain, &info, &got,
						&err), 0);
	assert_string_equal(strbuf_str(&got), "# Quarterly business review 2025 Q4\n");
	assert_string_equal(info.user, "ana");
	assert_int_equal(snapshot_get_rendering(st, "2025Q4", REPORT_CSV, &plain, &info, &got,
						&err), BPW_EINVAL);
	assert_string_equal(err.msg, "2025Q4 was frozen before renderings were kept; only "
			    "--format md is available");
	assert_int_equal(sqlite3_exec(store_db(st), "INSERT INTO snapshot_rendering VALUES"
				      " (1, 'html', '', 'x'); UPDATE snapshot_rendering SET body = 'y'",
				      NULL, NULL, &msg) & 0xff, SQLITE_CONSTRAINT);
	assert_string_equal(msg, "a frozen snapshot cannot be changed");
	sqlite3_free(msg);
	strbuf_free(&got);
	store_close(st);
	tu_rmdir(dir);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_setup_teardown(test_freeze_and_read_back, setup, teardown),
		cmocka_unit_test_setup_teardown(test_frozen_once, setup, teardown),
		cmocka_unit_test_setup_teardown(test_rows_cannot_change, setup, teardown),
		cmocka_unit_test_setup_teardown(test_not_frozen, setup, teardown),
		cmocka_unit_test_setup_teardown(test_diff_no_change, setup, teardown),
		cmocka_unit_test_setup_teardown(test_diff_corrected_and_new_data, setup,
						teardown),
		cmocka_unit_test_setup_teardown(test_diff_reason_only, setup, teardown),
		cmocka_unit_test_setup_teardown(test_diff_corrected_by_import, setup, teardown),
		cmocka_unit_test_setup_teardown(test_diff_corrected_outside, setup, teardown),
		cmocka_unit_test_setup_teardown(test_frozen_mid_quarter, setup, teardown),
		cmocka_unit_test_setup_teardown(test_diff_changed_thresholds, setup, teardown),
		cmocka_unit_test_setup_teardown(test_damaged, setup, teardown),
		cmocka_unit_test(test_style_variants),
		cmocka_unit_test_setup_teardown(test_every_rendering_kept, setup, teardown),
		cmocka_unit_test_setup_teardown(test_frozen_before_renderings, setup, teardown),
		cmocka_unit_test(test_migrated_old_snapshot),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
