/* test_targets.c: contract targets: validity (a target renewed mid-quarter,
 * an open-ended one, a segment target, a lower-is-better metric), overlap
 * refused, the audit trail, attainment arithmetic and credits by hand. */
#include "testutil.h"

#include <math.h>

#include "audit.h"
#include "observation.h"
#include "partner.h"
#include "store.h"
#include "target.h"

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
	assert_int_equal(store_open(tu_path(f->dir, "t.db"), STORE_CREATE, &f->st, &err), 0);
	assert_int_equal(partner_add(f->st, &p, &f->partner, &err), 0);
	*state = f;
	return 0;
}

static int teardown(void **state)
{
	struct fx *f = *state;

	store_close(f->st);
	tu_rmdir(f->dir);
	free(f);
	return 0;
}

/* A target of the fixture's partner. */
static struct target mk(struct fx *f, const char *metric, double v,
			const char *from, const char *until)
{
	struct target t = { .partner_id = f->partner, .metric = metric,
			    .segment = "", .source = "", .value = v };

	snprintf(t.from, sizeof(t.from), "%s", from);
	snprintf(t.until, sizeof(t.until), "%s", until);
	return t;
}

static void count_audit(const struct audit_entry *e, void *ctx)
{
	if (strcmp(e->action, "target") == 0)
		(*(int *)ctx)++;
}

static void test_renewed_mid_quarter(void **state)
{
	struct fx *f = *state;
	struct target t = mk(f, "sla_adherence", 85, "2025-01", "");
	struct target next = mk(f, "sla_adherence", 90, "2026-08", "");
	double v[3] = { 88, 88, 92 };	/* 2026-07, -08, -09 */
	struct target_list l;
	struct target_attain a;
	struct bpw_error err;
	int64_t id, id2;
	int audits = 0;

	next.has_credit = true;
	next.credit_pct = 1.5;
	assert_int_equal(target_add(f->st, &t, &id, &err), 0);
	assert_int_equal(target_renew(f->st, id, &next, &id2, &err), 0);
	assert_int_equal(target_list(f->st, f->partner, &l, &err), 0);
	assert_int_equal(l.count, 2);
	assert_string_equal(l.items[0].until, "2026-07");
	assert_string_equal(l.items[1].until, "");
	/* July under the old 85 (met with 88), August under the new 90
	 * (missed with 88, credit 1.5), September met with 92. */
	target_attain(&l, f->partner, "sla_adherence", "", "", METRIC_HIGHER,
		      "2026-07", 3, v, NULL, &a);
	assert_int_equal(a.judged, 3);
	assert_int_equal(a.met, 2);
	assert_int_equal(a.missed, 1);
	assert_ptr_equal(a.m[0].t, &l.items[0]);
	assert_ptr_equal(a.m[1].t, &l.items[1]);
	assert_int_equal(a.m[1].verdict, TARGET_MISSED);
	assert_true(fabs(a.credit - 1.5) < 1e-9);
	/* Only the new target: July has none. */
	target_attain(&l, f->partner, "sla_adherence", "", "", METRIC_HIGHER,
		      "2026-07", 3, v, &l.items[1], &a);
	assert_int_equal(a.with_target, 2);
	assert_int_equal(a.met, 1);
	assert_int_equal(a.m[0].verdict, TARGET_NONE);
	/* add, end of the old one, the new one: three audit rows */
	assert_int_equal(audit_each(f->st, NULL, NULL, count_audit, &audits, &err), 0);
	assert_int_equal(audits, 3);
	target_list_free(&l);
}

static void test_open_ended_and_overlap(void **state)
{
	struct fx *f = *state;
	struct target t = mk(f, "csat", 80, "2026-01", "");
	struct target late = mk(f, "csat", 82, "2030-05", "2030-06");
	struct target before = mk(f, "csat", 75, "2025-01", "2025-12");
	struct target_list l;
	struct bpw_error err;
	int64_t id;

	assert_int_equal(target_add(f->st, &t, &id, &err), 0);
	/* open-ended: valid in any later month, not before */
	assert_int_equal(target_list(f->st, f->partner, &l, &err), 0);
	assert_true(target_valid_in(&l.items[0], "2031-12"));
	assert_false(target_valid_in(&l.items[0], "2025-12"));
	assert_non_null(target_find(&l, f->partner, "csat", "", "", "2026-01-01"));
	assert_null(target_find(&l, f->partner, "csat", "", "", "2025-12"));
	target_list_free(&l);
	assert_int_equal(target_add(f->st, &late, NULL, &err), BPW_EEXIST);
	assert_non_null(strstr(err.msg, "overlaps the one valid 2026-01.."));
	assert_int_equal(target_add(f->st, &before, NULL, &err), 0);
	/* ended, the later one fits */
	assert_int_equal(target_end(f->st, id, "2030-04", &err), 0);
	assert_int_equal(target_add(f->st, &late, NULL, &err), 0);
	/* ending before its start is refused, nothing changed */
	assert_int_equal(target_end(f->st, id, "2025-06", &err), BPW_EINVAL);
	assert_int_equal(target_list(f->st, f->partner, &l, &err), 0);
	assert_int_equal(l.count, 3);
	assert_string_equal(l.items[1].until, "2030-04");
	target_list_free(&l);
}

static void test_segment_target(void **state)
{
	struct fx *f = *state;
	struct target all = mk(f, "csat", 80, "2026-01", "");
	struct target chat = mk(f, "csat", 75, "2026-01", "");
	struct observation o = { .partner_id = f->partner, .metric = "csat",
				 .segment = "channel=chat", .source = OBS_PARTNER };
	double v[2];
	struct target_list l;
	struct target_attain a;
	enum upsert_result res;
	struct bpw_error err;

	chat.segment = "channel=chat";
	assert_int_equal(target_add(f->st, &all, NULL, &err), 0);
	/* same months, another segment: no overlap */
	assert_int_equal(target_add(f->st, &chat, NULL, &err), 0);
	chat.segment = "channel";
	assert_int_equal(target_add(f->st, &chat, NULL, &err), BPW_EINVAL);
	o.period = "2026-03-01";
	o.value = 77;
	assert_int_equal(observation_upsert(f->st, &o, &res, &err), 0);
	assert_int_equal(target_load_values(f->st, f->partner, "csat", "channel=chat",
					    "", "2026-03", 2, v, &err), 0);
	assert_true(v[0] == 77 && isnan(v[1]));
	assert_int_equal(target_list(f->st, f->partner, &l, &err), 0);
	target_attain(&l, f->partner, "csat", "channel=chat", "", METRIC_HIGHER,
		      "2026-03", 2, v, NULL, &a);
	/* 77 meets the chat target 75 (it would miss the overall 80) */
	assert_int_equal(a.met, 1);
	assert_int_equal(a.with_target, 2);
	assert_int_equal(a.judged, 1);
	assert_ptr_equal(a.m[0].t->segment, l.items[1].segment);
	target_list_free(&l);
}

static void test_lower_is_better(void **state)
{
	struct fx *f = *state;
	struct target t = mk(f, "response_hours", 24, "2026-01", "2026-12");
	double v[4] = { 24, 30, NAN, 50 };
	struct target_list l;
	struct target_attain a;
	struct bpw_error err;
	char buf[80], text[80];

	t.has_alert = true;
	t.alert = 20;		/* better than the target: refused */
	assert_int_equal(target_add(f->st, &t, NULL, &err), BPW_EINVAL);
	assert_non_null(strstr(err.msg, "not worse than the target"));
	t.alert = 48;
	t.has_credit = true;
	t.credit_pct = 2;
	assert_int_equal(target_add(f->st, &t, NULL, &err), 0);
	assert_int_equal(target_list(f->st, f->partner, &l, &err), 0);
	target_attain(&l, f->partner, "response_hours", "", "", METRIC_LOWER,
		      "2026-10", 4, v, NULL, &a);
	/* 24 meets <= 24; 30 misses; no figure; January 2027: no target */
	assert_int_equal(a.m[0].verdict, TARGET_MET);
	assert_int_equal(a.m[1].verdict, TARGET_MISSED);
	assert_false(a.m[1].beyond_alert);
	assert_int_equal(a.m[2].verdict, TARGET_NOFIG);
	assert_int_equal(a.m[3].verdict, TARGET_NONE);
	assert_int_equal(a.with_target, 3);
	assert_int_equal(a.judged, 2);
	assert_true(fabs(a.credit - 2) < 1e-9);
	assert_true(target_beyond_alert(&l.items[0], METRIC_LOWER, 50));
	target_text(&l.items[0], target_label("response_hours", NULL), "h",
		    METRIC_LOWER, true, text, sizeof(text));
	assert_string_equal(text, "response <= 24 h");
	target_text(&l.items[0], "SLA", "%", METRIC_HIGHER, false, text, sizeof(text));
	assert_string_equal(text, "SLA \xe2\x89\xa5 24 %");
	assert_string_equal(target_attain_text(&a, buf, sizeof(buf)),
			    "met 1 of 2 months, 1 without a figure");
	assert_string_equal(target_validity(&l.items[0], buf, sizeof(buf)),
			    "2026-01..2026-12");
	target_list_free(&l);
}

static void test_bad_fields(void **state)
{
	struct fx *f = *state;
	struct target t = mk(f, "csat", 150, "2026-01", "");
	struct bpw_error err;

	assert_int_equal(target_add(f->st, &t, NULL, &err), BPW_EINVAL);
	assert_non_null(strstr(err.msg, "above its plausible maximum 100"));
	t = mk(f, "nosuch", 1, "2026-01", "");
	assert_int_equal(target_add(f->st, &t, NULL, &err), BPW_EINVAL);
	t = mk(f, "csat", 80, "2026-13", "");
	assert_int_equal(target_add(f->st, &t, NULL, &err), BPW_EINVAL);
	t = mk(f, "csat", 80, "2026-05", "2026-04");
	assert_int_equal(target_add(f->st, &t, NULL, &err), BPW_EINVAL);
	t = mk(f, "csat", 80, "2026-05", "");
	t.has_credit = true;
	t.credit_pct = 120;
	assert_int_equal(target_add(f->st, &t, NULL, &err), BPW_EINVAL);
}

static void test_upsert_and_delete(void **state)
{
	struct fx *f = *state;
	struct target t = mk(f, "attrition", 6, "2026-01", "");
	struct target_list l;
	enum upsert_result res;
	struct bpw_error err;

	assert_int_equal(target_upsert(f->st, &t, &res, &err), 0);
	assert_int_equal(res, UPSERT_INSERTED);
	assert_int_equal(target_upsert(f->st, &t, &res, &err), 0);
	assert_int_equal(res, UPSERT_UNCHANGED);
	t.value = 5;
	assert_int_equal(target_upsert(f->st, &t, &res, &err), 0);
	assert_int_equal(res, UPSERT_UPDATED);
	assert_int_equal(target_list(f->st, 0, &l, &err), 0);
	assert_int_equal(l.count, 1);
	assert_true(l.items[0].value == 5);
	assert_int_equal(target_delete(f->st, l.items[0].id, &err), 0);
	assert_int_equal(target_delete(f->st, l.items[0].id, &err), BPW_ENOENT);
	target_list_free(&l);
}

/* An audit row's old and new values, collected by audit_each. */
struct last_audit {
	char object[200], old[300], new[300];
};

static void keep_last(const struct audit_entry *e, void *ctx)
{
	struct last_audit *l = ctx;

	if (strcmp(e->action, "target") != 0)
		return;
	snprintf(l->object, sizeof(l->object), "%s", e->object);
	snprintf(l->old, sizeof(l->old), "%s", e->old ? e->old : "(none)");
	snprintf(l->new, sizeof(l->new), "%s", e->new ? e->new : "(none)");
}

static void test_change_audited(void **state)
{
	struct fx *f = *state;
	struct target t = mk(f, "sla_adherence", 85, "2026-01", "");
	struct last_audit l;
	struct bpw_error err;
	int64_t id;

	assert_int_equal(target_add(f->st, &t, &id, &err), 0);
	t.id = id;
	t.value = 88;
	t.has_credit = true;
	t.credit_pct = 1.5;
	assert_int_equal(target_change(f->st, &t, &err), 0);
	assert_int_equal(audit_each(f->st, NULL, NULL, keep_last, &l, &err), 0);
	assert_string_equal(l.object, "target sla_adherence from 2026-01");
	assert_string_equal(l.old, "85 2026-01..");
	assert_string_equal(l.new, "88 2026-01.. credit 1.5%");
	assert_int_equal(target_delete(f->st, id, &err), 0);
	assert_int_equal(audit_each(f->st, NULL, NULL, keep_last, &l, &err), 0);
	assert_string_equal(l.old, "88 2026-01.. credit 1.5%");
	assert_string_equal(l.new, "(none)");
	t.id = id;
	assert_int_equal(target_change(f->st, &t, &err), BPW_ENOENT);
}

static void test_month_parse(void **state)
{
	char m[TARGET_MONTH_LEN];

	(void)state;
	assert_true(target_month_parse("2026-07", m));
	assert_string_equal(m, "2026-07");
	assert_true(target_month_parse("07.2026", m));
	assert_string_equal(m, "2026-07");
	assert_true(target_month_parse("2026-07-01", m));
	assert_false(target_month_parse("2026-7", m));
	assert_false(target_month_parse("Juli", m));
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_setup_teardown(test_renewed_mid_quarter, setup, teardown),
		cmocka_unit_test_setup_teardown(test_open_ended_and_overlap, setup, teardown),
		cmocka_unit_test_setup_teardown(test_segment_target, setup, teardown),
		cmocka_unit_test_setup_teardown(test_lower_is_better, setup, teardown),
		cmocka_unit_test_setup_teardown(test_bad_fields, setup, teardown),
		cmocka_unit_test_setup_teardown(test_upsert_and_delete, setup, teardown),
		cmocka_unit_test_setup_teardown(test_change_audited, setup, teardown),
		cmocka_unit_test(test_month_parse),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
