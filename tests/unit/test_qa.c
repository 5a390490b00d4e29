/* test_qa.c: QA templates (files, edits, versions) and reviews (answers,
 * notes, scores, finalising, intervals) on a real database. */
#include "testutil.h"

#include <math.h>

#include "audit.h"
#include "observation.h"
#include "partner.h"
#include "qa_review.h"
#include "qa_template.h"
#include "store.h"
#include "strbuf.h"

struct fx {
	char *dir;
	struct store *st;
	int64_t partner;
};

static int setup(void **state)
{
	struct fx *f = calloc(1, sizeof(*f));
	struct partner p = { .code = "ATL", .name = "Atlas" };
	struct bpw_error err;

	f->dir = tu_tempdir();
	assert_int_equal(store_open(tu_path(f->dir, "q.db"), STORE_CREATE, &f->st, &err), 0);
	assert_int_equal(partner_add(f->st, &p, &f->partner, &err), 0);
	*state = f;
	return 0;
}

static int teardown(void **state)
{
	struct fx *f = *state;

	store_close(f->st);
	unlink(tu_path(f->dir, "q.db"));
	unlink(tu_path(f->dir, "q.db-wal"));
	unlink(tu_path(f->dir, "q.db-shm"));
	unlink(tu_path(f->dir, "t.conf"));
	tu_rmdir(f->dir);
	free(f);
	return 0;
}

static const char *default_file(void)
{
	static char path[4096];
	const char *s = getenv("SRCDIR");

	snprintf(path, sizeof(path), "%s/data/qa-default.conf", s && *s ? s : ".");
	return path;
}

static size_t count_items(const struct qa_template *t)
{
	size_t s, n = 0;

	for (s = 0; s < t->nsections; s++)
		n += t->sections[s].nitems;
	return n;
}

static void test_default_template_and_round_trip(void **state)
{
	struct fx *f = *state;
	struct qa_template t, t2;
	struct bpw_error err;
	struct strbuf b = { 0 };
	int64_t id, id2;
	FILE *out;

	assert_int_equal(qa_template_import(f->st, default_file(), &id, &err), 0);
	assert_int_equal(qa_template_load(f->st, id, &t, &err), 0);
	assert_string_equal(t.name, "BPO quality audit");
	assert_int_equal(t.version, 1);
	assert_int_equal(t.nsections, 7);
	assert_int_equal(count_items(&t), 16);
	assert_string_equal(t.sections[0].key, "policies");
	assert_true(t.sections[0].items[1].critical);
	assert_float_equal(t.sections[0].items[1].weight, 3, 1e-9);
	assert_true(t.sections[1].items[0].scale);
	assert_false(t.frozen);

	/* Exported and imported again: the same items, as version 2. */
	qa_template_export(&t, &b);
	out = fopen(tu_path(f->dir, "t.conf"), "w");
	fputs(strbuf_str(&b), out);
	fclose(out);
	assert_int_equal(qa_template_import(f->st, tu_path(f->dir, "t.conf"), &id2, &err), 0);
	assert_int_equal(qa_template_load(f->st, id2, &t2, &err), 0);
	assert_int_equal(t2.version, 2);
	assert_int_equal(count_items(&t2), 16);
	assert_string_equal(t2.sections[6].items[2].text, t.sections[6].items[2].text);
	assert_int_equal(qa_template_latest(f->st, "BPO quality audit", &id, &err), 0);
	assert_int_equal(id, id2);
	qa_template_clear(&t);
	qa_template_clear(&t2);
	strbuf_free(&b);
}

/* Importing text must fail at line with msg. */
static void import_fails(struct fx *f, const char *text, int line, const char *msg)
{
	struct qa_template_list l;
	struct bpw_error err;
	int64_t id;
	FILE *out = fopen(tu_path(f->dir, "t.conf"), "w");

	fputs(text, out);
	fclose(out);
	assert_int_equal(qa_template_import(f->st, tu_path(f->dir, "t.conf"), &id, &err),
			 BPW_ECONFIG);
	if (err.line != line || strstr(err.msg, msg) == NULL)
		fail_msg("got %d: %s; want %d: %s", err.line, err.msg, line, msg);
	assert_int_equal(qa_template_list(f->st, &l, &err), 0);
	assert_int_equal(l.count, 0);	/* nothing stored */
	qa_template_list_free(&l);
}

static void test_import_errors(void **state)
{
	struct fx *f = *state;

	import_fails(f, "name = \"T\";\nsections = (\n { title = \"S\";\n"
		     "   items = ( { txt = \"x\"; } ); }\n);\n", 4,
		     "unknown setting 'txt' (did you mean 'text'?)");
	import_fails(f, "name = \"T\";\nsections = ( { title = \"S\"; items = (\n"
		     "  { text = \"x\"; answer = \"yesno\"; } ); } );\n", 3,
		     "'answer' is \"passfail\"");
	import_fails(f, "name = \"T\";\nsections = ( { title = \"S\"; items = (\n"
		     "  { text = \"x\";\n weight = 5000; } ); } );\n", 4,
		     "'weight' must be from 0 to 1000");
	import_fails(f, "name = \"T\";\nsections = ( { items = ( { text = \"x\"; } ); } );\n",
		     2, "'title' is missing");
	import_fails(f, "name = \"T\";\nsections = ( { title = \"S\"; items = (); } );\n",
		     2, "the template has no items");
	import_fails(f, "name = \"T\";\nsections = ( { title = ; } );\n", 2, "syntax error");
}

static int64_t item_id(const struct qa_review *r, size_t k)
{
	size_t s, i, n = 0;

	for (s = 0; s < r->tpl.nsections; s++)
		for (i = 0; i < r->tpl.sections[s].nitems; i++, n++)
			if (n == k)
				return r->tpl.sections[s].items[i].id;
	return 0;
}

static void test_review_answers_score_and_final(void **state)
{
	struct fx *f = *state;
	struct qa_review r;
	struct qa_review_list l;
	struct bpw_error err;
	int64_t tpl, rid, ids[16];
	size_t k;

	assert_int_equal(qa_template_import(f->st, default_file(), &tpl, &err), 0);
	assert_int_equal(qa_review_start(f->st, f->partner, tpl, "2026-11-02",
					 "Anna Becker", &rid, &err), 0);
	assert_int_equal(qa_review_load(f->st, rid, 100, &r, &err), 0);
	assert_int_equal(r.nitems, 16);
	assert_true(isnan(r.score.score));
	for (k = 0; k < 16; k++)
		ids[k] = item_id(&r, k);
	/* Item 0: weight 2 pass/fail; item 3: weight 2 scale; item 1: weight 3
	 * critical. pass (2) + scale 4 of 5 (1.6) of 4 possible = 90%. */
	assert_int_equal(qa_review_set_answer(f->st, rid, ids[0], "pass", &err), 0);
	assert_int_equal(qa_review_set_answer(f->st, rid, ids[3], "4", &err), 0);
	assert_int_equal(qa_review_set_answer(f->st, rid, ids[2], "na", &err), 0);
	/* Wrong answers for the kind are refused. */
	assert_int_equal(qa_review_set_answer(f->st, rid, ids[3], "pass", &err),
			 BPW_EINVAL);
	assert_int_equal(qa_review_set_answer(f->st, rid, ids[0], "3", &err),
			 BPW_EINVAL);
	assert_int_equal(qa_review_set_answer(f->st, rid, ids[3], "6", &err),
			 BPW_EINVAL);
	/* Notes in any language, on an item and on the review. */
	assert_int_equal(qa_review_set_note(f->st, rid, ids[5],
					    "Übergabe an 2nd level zu früh", &err), 0);
	assert_int_equal(qa_review_set_note(f->st, rid, 0, "Site visit, Lisboa", &err), 0);
	qa_review_clear(&r);
	assert_int_equal(qa_review_load(f->st, rid, 100, &r, &err), 0);
	assert_float_equal(r.score.score, 90, 1e-9);
	assert_int_equal(r.score.na, 1);
	assert_string_equal(r.answer[3], "4");
	assert_string_equal(r.answer[5], "");	/* a note alone */
	assert_string_equal(r.note[5], "Übergabe an 2nd level zu früh");
	assert_string_equal(r.notes, "Site visit, Lisboa");
	assert_false(r.failed);
	qa_review_clear(&r);

	/* A failed critical item: 2 + 1.6 of 7 = 51.43%, shown capped at 40. */
	assert_int_equal(qa_review_set_answer(f->st, rid, ids[1], "fail", &err), 0);
	assert_int_equal(qa_review_load(f->st, rid, 40, &r, &err), 0);
	assert_float_equal(r.score.score, 3.6 / 7 * 100, 1e-9);
	assert_true(r.failed);
	assert_float_equal(r.shown, 40, 1e-9);
	qa_review_clear(&r);
	/* Taking an answer back. */
	assert_int_equal(qa_review_set_answer(f->st, rid, ids[1], NULL, &err), 0);
	assert_int_equal(qa_review_load(f->st, rid, 40, &r, &err), 0);
	assert_false(r.failed);
	assert_float_equal(r.shown, 90, 1e-9);

	/* The list scores the same way. */
	assert_int_equal(qa_review_list(f->st, f->partner, 40, &l, &err), 0);
	assert_int_equal(l.count, 1);
	assert_float_equal(l.items[0].score, 90, 1e-9);
	assert_int_equal(l.items[0].answered, 3);
	assert_int_equal(l.items[0].items, 16);
	assert_false(l.items[0].final);
	qa_review_list_free(&l);

	/* Final: read-only. */
	assert_int_equal(qa_review_finalise(f->st, rid, &err), 0);
	assert_int_equal(qa_review_set_answer(f->st, rid, ids[0], "fail", &err),
			 BPW_EREADONLY);
	assert_int_equal(qa_review_set_note(f->st, rid, 0, "x", &err), BPW_EREADONLY);
	assert_int_equal(qa_review_delete(f->st, rid, &err), BPW_EREADONLY);
	for (k = 0; k < r.nitems; k++)
		assert_true(strlen(r.answer[k]) < 8);
	qa_review_clear(&r);
	assert_int_equal(qa_review_load(f->st, rid, 40, &r, &err), 0);
	assert_true(r.final);
	assert_string_equal(r.answer[0], "pass");
	qa_review_clear(&r);
}

static void test_versions(void **state)
{
	struct fx *f = *state;
	struct qa_template t;
	struct qa_review r;
	struct bpw_error err;
	struct qa_edit add = { .kind = QA_EDIT_ADD_ITEM, .sec = 6, .item = 2,
			       .text = "Dashboard access works", .weight = 1 };
	struct qa_edit del = { .kind = QA_EDIT_DELETE_ITEM, .sec = 0, .item = 2 };
	struct qa_edit mv = { .kind = QA_EDIT_MOVE_ITEM, .sec = 0, .item = 0, .delta = 1 };
	struct qa_edit sec = { .kind = QA_EDIT_ADD_SECTION, .sec = -1,
			       .text = "Security", .key = "security" };
	int64_t tpl, same, v2, rid, draft;
	char *first;

	assert_int_equal(qa_template_import(f->st, default_file(), &tpl, &err), 0);
	/* Not used by a final review: edited in place. */
	assert_int_equal(qa_template_edit(f->st, tpl, &add, &same, &err), 0);
	assert_int_equal(same, tpl);
	assert_int_equal(qa_template_load(f->st, tpl, &t, &err), 0);
	assert_int_equal(count_items(&t), 17);
	assert_string_equal(t.sections[6].items[3].text, "Dashboard access works");
	first = strdup(t.sections[0].items[0].text);
	qa_template_clear(&t);

	/* A final review freezes the version; a draft does not. */
	assert_int_equal(qa_review_start(f->st, f->partner, tpl, "2026-10-01", "", &rid, &err), 0);
	assert_int_equal(qa_review_start(f->st, f->partner, tpl, "2026-11-01", "", &draft, &err), 0);
	assert_int_equal(qa_review_finalise(f->st, rid, &err), 0);
	assert_int_equal(qa_template_edit(f->st, tpl, &del, &v2, &err), 0);
	assert_true(v2 != tpl);
	assert_int_equal(qa_template_load(f->st, v2, &t, &err), 0);
	assert_int_equal(t.version, 2);
	assert_int_equal(count_items(&t), 16);
	assert_false(t.frozen);
	qa_template_clear(&t);
	/* The old review keeps the items it was answered against. */
	assert_int_equal(qa_review_load(f->st, rid, 100, &r, &err), 0);
	assert_int_equal(r.tpl.version, 1);
	assert_int_equal(r.nitems, 17);
	qa_review_clear(&r);
	/* Further edits go to version 2 in place. */
	assert_int_equal(qa_template_edit(f->st, v2, &mv, &same, &err), 0);
	assert_int_equal(same, v2);
	assert_int_equal(qa_template_edit(f->st, v2, &sec, &same, &err), 0);
	assert_int_equal(qa_template_load(f->st, v2, &t, &err), 0);
	assert_string_equal(t.sections[0].title, "Security");
	assert_string_equal(t.sections[1].items[1].text, first);
	qa_template_clear(&t);
	/* Bad positions and values change nothing. */
	del.sec = 42;
	assert_int_equal(qa_template_edit(f->st, v2, &del, &same, &err), BPW_EINVAL);
	add.weight = -1;
	add.sec = 1;
	assert_int_equal(qa_template_edit(f->st, v2, &add, &same, &err), BPW_EINVAL);
	assert_int_equal(qa_template_load(f->st, v2, &t, &err), 0);
	assert_int_equal(count_items(&t), 16);
	qa_template_clear(&t);
	free(first);
}

/* Audit rows as "object|old|new" lines. */
static void audit_line(const struct audit_entry *e, void *ctx)
{
	char *b = ctx;
	size_t n = strlen(b);

	snprintf(b + n, 8192 - n, "%s|%s|%s\n", e->object, e->old ? e->old : "-",
		 e->new ? e->new : "-");
}

/* J and K past a section's first or last item: into the section above
 * (at its end) or below (at its start); nowhere past the first and last
 * section. A frozen version moves in its next version. */
static void test_move_across_sections(void **state)
{
	struct fx *f = *state;
	struct qa_template t;
	struct bpw_error err;
	struct qa_edit down = { .kind = QA_EDIT_MOVE_ITEM, .sec = 0, .item = 2, .delta = 1 };
	struct qa_edit up = { .kind = QA_EDIT_MOVE_ITEM, .sec = 1, .item = 0, .delta = -1 };
	struct qa_edit first = { .kind = QA_EDIT_MOVE_ITEM, .sec = 0, .item = 0, .delta = -1 };
	struct qa_edit far = { .kind = QA_EDIT_MOVE_ITEM, .sec = 0, .item = 0, .delta = 2 };
	int64_t tpl, same, stable;
	char *text, trail[8192] = "";

	assert_int_equal(qa_template_import(f->st, default_file(), &tpl, &err), 0);
	assert_int_equal(qa_template_load(f->st, tpl, &t, &err), 0);
	assert_int_equal(t.sections[0].nitems, 3);
	assert_int_equal(t.sections[1].nitems, 2);
	text = strdup(t.sections[0].items[2].text);
	stable = t.sections[0].items[2].stable_id;
	qa_template_clear(&t);

	assert_int_equal(qa_template_edit(f->st, tpl, &down, &same, &err), 0);
	assert_int_equal(same, tpl);
	assert_int_equal(qa_template_load(f->st, tpl, &t, &err), 0);
	assert_int_equal(t.sections[0].nitems, 2);
	assert_int_equal(t.sections[1].nitems, 3);
	assert_string_equal(t.sections[1].items[0].text, text);
	assert_int_equal(t.sections[1].items[0].stable_id, stable);	/* the same item */
	assert_int_equal(count_items(&t), 16);
	qa_template_clear(&t);
	assert_int_equal(audit_each(f->st, NULL, NULL, audit_line, trail, &err), 0);
	assert_non_null(strstr(trail, "|position 1.3|position 2.1\n"));

	/* And back up: the end of section 1. */
	assert_int_equal(qa_template_edit(f->st, tpl, &up, &same, &err), 0);
	assert_int_equal(qa_template_load(f->st, tpl, &t, &err), 0);
	assert_int_equal(t.sections[0].nitems, 3);
	assert_string_equal(t.sections[0].items[2].text, text);
	qa_template_clear(&t);

	/* Nowhere to go, or more than one place: refused, nothing changes. */
	assert_int_equal(qa_template_edit(f->st, tpl, &first, &same, &err), BPW_EINVAL);
	assert_non_null(strstr(err.msg, "already at the top"));
	assert_int_equal(qa_template_edit(f->st, tpl, &far, &same, &err), BPW_EINVAL);
	free(text);
}

/* New templates from the dashboard: empty, or a copy (sections and items,
 * new stable ids) under a name not taken; one audit row each. */
static void test_create_and_copy(void **state)
{
	struct fx *f = *state;
	struct qa_template t, c;
	struct bpw_error err;
	int64_t tpl, empty, copy, other;
	char trail[8192] = "";
	size_t s, i;

	assert_int_equal(qa_template_import(f->st, default_file(), &tpl, &err), 0);
	assert_int_equal(qa_template_create(f->st, 0, "  Site visit ", &empty, &err), 0);
	assert_int_equal(qa_template_load(f->st, empty, &t, &err), 0);
	assert_string_equal(t.name, "Site visit");
	assert_int_equal(t.version, 1);
	assert_int_equal(t.nsections, 0);
	assert_float_equal(t.passing, 80, 1e-9);
	qa_template_clear(&t);

	assert_int_equal(qa_template_create(f->st, tpl, "\xc5\x81\xc3\xb3\x64\xc5\xba pilot",
					    &copy, &err), 0);
	assert_int_equal(qa_template_load(f->st, tpl, &t, &err), 0);
	assert_int_equal(qa_template_load(f->st, copy, &c, &err), 0);
	assert_int_equal(c.version, 1);
	assert_float_equal(c.passing, t.passing, 1e-9);
	assert_int_equal(c.nsections, t.nsections);
	for (s = 0; s < t.nsections; s++) {
		assert_string_equal(c.sections[s].title, t.sections[s].title);
		assert_int_equal(c.sections[s].nitems, t.sections[s].nitems);
		for (i = 0; i < t.sections[s].nitems; i++) {
			assert_string_equal(c.sections[s].items[i].text,
					    t.sections[s].items[i].text);
			assert_float_equal(c.sections[s].items[i].weight,
					   t.sections[s].items[i].weight, 1e-9);
			assert_true(c.sections[s].items[i].stable_id !=
				    t.sections[s].items[i].stable_id);
		}
	}
	qa_template_clear(&c);

	/* A name taken (any version), a blank one: refused, nothing stored. */
	assert_int_equal(qa_template_create(f->st, tpl, t.name, &other, &err), BPW_EEXIST);
	assert_int_equal(qa_template_create(f->st, 0, "Site visit", &other, &err), BPW_EEXIST);
	assert_int_equal(qa_template_create(f->st, 0, " \t", &other, &err), BPW_EINVAL);
	qa_template_clear(&t);
	assert_int_equal(qa_template_latest(f->st, "Site visit", &other, &err), 0);
	assert_int_equal(other, empty);

	assert_int_equal(audit_each(f->st, NULL, NULL, audit_line, trail, &err), 0);
	assert_non_null(strstr(trail, "Site visit (template "));
	assert_non_null(strstr(trail, "), empty|-|new template\n"));
	assert_non_null(strstr(trail, "), a copy of BPO quality audit v1|-|new template\n"));
}

/* The calibration gap: the partner's own answers beside ours. Items:
 * A pass/fail w2, B scale w3, C pass/fail w1 (critical), D pass/fail w4.
 * Ours:   A pass, B 2,  C fail, D na
 * Theirs: A pass, B 5,  C pass, D pass
 * Both answered, no N/A: A, B, C (D is N/A on our side): weights 6.
 * Ours 2 + 3 x 2/5 + 0 = 3.2; theirs 2 + 3 + 1 = 6: gap 100 x 2.8 / 6. */
static void test_calibration_gap(void **state)
{
	struct fx *f = *state;
	const char *path = tu_path(f->dir, "t.conf");
	struct qa_review r;
	struct qa_template t;
	struct bpw_error err;
	int64_t tpl, rev, it[4];
	const char *ours[] = { "pass", "2", "fail", "na" };
	const char *theirs[] = { "pass", "5", "pass", "pass" };
	struct series s;
	size_t i;

	tu_write(path, "name = \"Cal\";\npassing_score = 80.0;\nsections = ( { key = \"s\";"
		 " title = \"S\"; items = ( { text = \"A\"; weight = 2.0; },"
		 " { text = \"B\"; weight = 3.0; answer = \"scale\"; },"
		 " { text = \"C\"; weight = 1.0; critical = true; },"
		 " { text = \"D\"; weight = 4.0; } ); } );\n");
	assert_int_equal(qa_template_import(f->st, path, &tpl, &err), 0);
	assert_int_equal(qa_template_load(f->st, tpl, &t, &err), 0);
	for (i = 0; i < 4; i++)
		it[i] = t.sections[0].items[i].id;
	qa_template_clear(&t);
	assert_int_equal(qa_review_start(f->st, f->partner, tpl, "2026-11-20", "Anna",
					 &rev, &err), 0);
	for (i = 0; i < 4; i++) {
		assert_int_equal(qa_review_set_answer(f->st, rev, it[i], ours[i], &err), 0);
		assert_int_equal(qa_review_set_partner_answer(f->st, rev, it[i], theirs[i],
							      &err), 0);
	}
	/* The partner's answer must fit the item too. */
	assert_int_equal(qa_review_set_partner_answer(f->st, rev, it[1], "pass", &err),
			 BPW_EINVAL);
	assert_int_equal(qa_review_load(f->st, rev, 100, &r, &err), 0);
	assert_int_equal(r.gap_items, 3);
	assert_true(fabs(r.gap - 100.0 * 2.8 / 6.0) < 1e-9);
	/* Their own score over all their answers: (2 + 3 + 1 + 4) / 10. */
	assert_true(fabs(r.their_score.score - 100.0) < 1e-9);
	/* Ours: 3.2 / 6 = 53.3% with a critical fail. */
	assert_true(fabs(r.score.score - 100.0 * 3.2 / 6.0) < 1e-9);
	assert_string_equal(r.theirs[2], "pass");
	qa_review_clear(&r);
	/* Nothing is a metric until the audit is final. */
	assert_int_equal(observation_series(f->st, f->partner, "qa_calibration_gap", "",
					    OBS_CLIENT, NULL, NULL, &s, &err), 0);
	assert_int_equal(s.count, 0);
	series_free(&s);
	assert_int_equal(qa_review_finalise(f->st, rev, &err), 0);
	assert_int_equal(observation_series(f->st, f->partner, "qa_calibration_gap", "",
					    OBS_CLIENT, NULL, NULL, &s, &err), 0);
	assert_int_equal(s.count, 1);
	assert_string_equal(s.points[0].period, "2026-11-01");
	assert_true(fabs(s.points[0].value - 100.0 * 2.8 / 6.0) < 1e-9);
	series_free(&s);
	/* A final audit's partner answers are frozen like ours. */
	assert_int_equal(qa_review_set_partner_answer(f->st, rev, it[0], "fail", &err),
			 BPW_EREADONLY);
}

static void test_intervals(void **state)
{
	struct fx *f = *state;
	struct bpw_error err;
	char due[DATE_LEN];
	int days;

	assert_int_equal(qa_interval_get(f->st, f->partner, &days, &err), 0);
	assert_int_equal(days, 0);
	assert_int_equal(qa_interval_set(f->st, f->partner, 90, &err), 0);
	assert_int_equal(qa_interval_get(f->st, f->partner, &days, &err), 0);
	assert_int_equal(days, 90);
	assert_int_equal(qa_interval_set(f->st, f->partner, 4000, &err), BPW_EINVAL);
	assert_int_equal(qa_interval_set(f->st, f->partner, 0, &err), 0);
	assert_int_equal(qa_interval_get(f->st, f->partner, &days, &err), 0);
	assert_int_equal(days, 0);
	qa_next_due("2026-03-15", 180, due);
	assert_string_equal(due, "2026-09-11");
	qa_next_due("2024-02-28", 1, due);
	assert_string_equal(due, "2024-02-29");	/* leap year */
	qa_next_due("2026-12-31", 1, due);
	assert_string_equal(due, "2027-01-01");
	qa_next_due("2026-12-31", 0, due);
	assert_string_equal(due, "");
}

/* Deleting an item answered in drafts: how many answers in which drafts
 * (oldest first); a taken-back answer is not counted; nothing once a final
 * audit freezes the version (the deletion goes to a copy). */
static void test_draft_loss(void **state)
{
	struct fx *f = *state;
	struct qa_template t;
	struct qa_draft_loss l;
	struct bpw_error err;
	int64_t tpl, a, b, fin, i0, i1, i2, sec;

	assert_int_equal(qa_template_import(f->st, default_file(), &tpl, &err), 0);
	assert_int_equal(qa_template_load(f->st, tpl, &t, &err), 0);
	sec = t.sections[0].id;
	i0 = t.sections[0].items[0].id;
	i1 = t.sections[0].items[1].id;
	i2 = t.sections[0].items[2].id;
	qa_template_clear(&t);
	assert_int_equal(qa_review_start(f->st, f->partner, tpl, "2026-11-20", "", &b, &err), 0);
	assert_int_equal(qa_review_start(f->st, f->partner, tpl, "2026-11-02", "", &a, &err), 0);
	assert_int_equal(qa_review_set_answer(f->st, a, i0, "pass", &err), 0);
	assert_int_equal(qa_review_set_note(f->st, a, i1, "late", &err), 0);
	assert_int_equal(qa_review_set_answer(f->st, b, i0, "fail", &err), 0);
	assert_int_equal(qa_review_set_answer(f->st, b, i2, "pass", &err), 0);
	assert_int_equal(qa_review_set_answer(f->st, b, i2, NULL, &err), 0);

	assert_int_equal(qa_template_draft_loss(f->st, sec, i0, &l, &err), 0);
	assert_int_equal(l.answers, 2);
	assert_int_equal(l.ndrafts, 2);
	assert_int_equal(l.drafts[0].review_id, a);
	assert_string_equal(l.drafts[0].partner_code, "ATL");
	assert_string_equal(l.drafts[0].date, "2026-11-02");
	assert_int_equal(l.drafts[1].answers, 1);
	qa_draft_loss_clear(&l);
	assert_int_equal(qa_template_draft_loss(f->st, sec, i2, &l, &err), 0);
	assert_int_equal(l.ndrafts, 0);		/* taken back: nothing to lose */
	qa_draft_loss_clear(&l);
	assert_int_equal(qa_template_draft_loss(f->st, sec, 0, &l, &err), 0);
	assert_int_equal(l.answers, 3);		/* the section: 2 + the note */
	qa_draft_loss_clear(&l);

	assert_int_equal(qa_review_start(f->st, f->partner, tpl, "2026-10-01", "", &fin, &err), 0);
	assert_int_equal(qa_review_finalise(f->st, fin, &err), 0);
	assert_int_equal(qa_template_draft_loss(f->st, sec, i0, &l, &err), 0);
	assert_int_equal(l.answers, 0);
	assert_int_equal(l.ndrafts, 0);
	qa_draft_loss_clear(&l);
	qa_draft_loss_clear(NULL);
}

/* The one wording for how far an audit is answered: N/A among the
 * answered, the total is every item. */
/* The pane's QA line: the audit's date always, and how overdue the next
 * one is, shortened to the width (BSS and ATL of the sample at 36
 * columns, the pane's inside at 80x24). */
static void test_audit_line(void **state)
{
	char buf[128];

	(void)state;
	qa_audit_line(86.4, "2025-10-20", 0, "2026-10-20", "2026-12-04", 80, buf,
		      sizeof(buf));
	assert_string_equal(buf, "QA 86.4% 2025-10-20, 45 days overdue (due 2026-10-20)");
	qa_audit_line(86.4, "2025-10-20", 0, "2026-10-20", "2026-12-04", 36, buf,
		      sizeof(buf));
	assert_string_equal(buf, "QA 86.4% 2025-10-20, 45 days overdue");
	qa_audit_line(86.4, "2025-10-20", 0, "2026-10-20", "2026-12-04", 31, buf,
		      sizeof(buf));
	assert_string_equal(buf, "QA 86.4% 2025-10-20 45d overdue");
	qa_audit_line(86.4, "2025-10-20", 0, "2026-10-20", "2026-12-04", 30, buf,
		      sizeof(buf));
	assert_string_equal(buf, "QA 86.4% 2025-10-20 +45d");
	/* 170 days: five months (170 x 12 / 365 = 5.6). */
	qa_audit_line(77.0, "2025-06-17", 1, "2026-06-17", "2026-12-04", 80, buf,
		      sizeof(buf));
	assert_string_equal(buf, "QA 77.0% 2025-06-17 CRITICAL FAIL, 170 days overdue "
			    "(due 2026-06-17)");
	qa_audit_line(77.0, "2025-06-17", 1, "2026-06-17", "2026-12-04", 36, buf,
		      sizeof(buf));
	assert_string_equal(buf, "QA 77.0% 2025-06-17 CRIT 5mo overdue");
	qa_audit_line(77.0, "2025-06-17", 1, "2026-06-17", "2026-12-04", 10, buf,
		      sizeof(buf));
	assert_string_equal(buf, "QA 77.0% 2025-06-17");	/* never less */
	/* Not due yet; due today is not overdue; no interval. */
	qa_audit_line(79.3, "2026-07-14", 0, "2027-07-14", "2026-12-04", 36, buf,
		      sizeof(buf));
	assert_string_equal(buf, "QA 79.3% 2026-07-14  due 2027-07-14");
	qa_audit_line(79.3, "2026-07-14", 0, "2026-12-04", "2026-12-04", 36, buf,
		      sizeof(buf));
	assert_string_equal(buf, "QA 79.3% 2026-07-14  due 2026-12-04");
	/* A critical fail not overdue: the due date goes before it shortens. */
	qa_audit_line(80.7, "2026-12-04", 1, "2027-12-04", "2026-12-04", 46, buf,
		      sizeof(buf));
	assert_string_equal(buf, "QA 80.7% 2026-12-04 CRITICAL FAIL");
	qa_audit_line(80.7, "2026-12-04", 1, "2027-12-04", "2026-12-04", 60, buf,
		      sizeof(buf));
	assert_string_equal(buf, "QA 80.7% 2026-12-04 CRITICAL FAIL, due 2027-12-04");
	qa_audit_line(NAN, "2026-07-14", 0, "", "2026-12-04", 36, buf, sizeof(buf));
	assert_string_equal(buf, "QA - 2026-07-14");
	qa_audit_line(79.3, "2026-07-14", 0, "2026-12-03", "2026-12-04", 80, buf,
		      sizeof(buf));
	assert_string_equal(buf, "QA 79.3% 2026-07-14, 1 day overdue (due 2026-12-03)");
}

static void test_answered_text(void **state)
{
	struct qa_score sc = { .answered = 15, .na = 1, .unanswered = 0 };
	char buf[80];

	(void)state;
	qa_answered_text(&sc, buf, sizeof(buf));
	assert_string_equal(buf, "answered 16 of 16, 1 n/a");
	sc = (struct qa_score){ .answered = 3, .na = 1, .unanswered = 12 };
	qa_answered_text(&sc, buf, sizeof(buf));
	assert_string_equal(buf, "answered 4 of 16, 1 n/a");
	sc = (struct qa_score){ .unanswered = 16 };
	qa_answered_text(&sc, buf, sizeof(buf));
	assert_string_equal(buf, "answered 0 of 16, 0 n/a");
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_setup_teardown(test_default_template_and_round_trip,
						setup, teardown),
		cmocka_unit_test_setup_teardown(test_import_errors, setup, teardown),
		cmocka_unit_test_setup_teardown(test_review_answers_score_and_final,
						setup, teardown),
		cmocka_unit_test_setup_teardown(test_versions, setup, teardown),
		cmocka_unit_test_setup_teardown(test_move_across_sections, setup, teardown),
		cmocka_unit_test_setup_teardown(test_create_and_copy, setup, teardown),
		cmocka_unit_test_setup_teardown(test_intervals, setup, teardown),
		cmocka_unit_test_setup_teardown(test_calibration_gap, setup, teardown),
		cmocka_unit_test(test_answered_text),
		cmocka_unit_test(test_audit_line),
		cmocka_unit_test_setup_teardown(test_draft_loss, setup, teardown),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
