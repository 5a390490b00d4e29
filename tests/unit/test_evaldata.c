/* test_evaldata.c: what the indicator engine reads, loaded in batches: the
 * active partners by code, each metric a rule reads over a window as far
 * back as its rules look (NaN where a month is missing, nothing after the
 * as-of month), segments with the total first, events up to the day
 * `until` in date order, the last final QA audit up to it, the segment
 * names handed over; and the same
 * data whether it is read on two connections or (in a transaction) on
 * one. */
#include "testutil.h"

#include <math.h>

#include "config.h"
#include "evaldata.h"
#include "event.h"
#include "observation.h"
#include "partner.h"
#include "qa_review.h"
#include "qa_template.h"
#include "store.h"

#define AS_OF "2026-06-01"
#define UNTIL "2026-07-05"

/* csat judged in total and by channel; attrition's trend looks back
 * 12 + 3 - 1 + max_age 2 + 2 = 18 months, so the window is 19 months. */
static const char rules_text[] =
	"indicators = { cs = { rules = {"
	" lv = { kind = \"level\"; metric = \"csat\"; source = \"client\"; warn = 78.0;"
	"        alert = 74.0; };"
	" ch = { kind = \"level\"; metric = \"csat\"; segment = \"channel=*\"; warn = 78.0;"
	"        alert = 74.0; };"
	" at = { kind = \"trend\"; metric = \"attrition\"; periods = 12; average = 3;"
	"        warn = 3.0; alert = 6.0; }; }; }; };";

struct fx {
	char *dir;
	struct store *st;
	struct config cfg;
	int64_t atl, bor, cyg, dun;
};

static void obs(struct fx *f, int64_t p, const char *metric, const char *month,
		const char *seg, enum obs_source src, double v)
{
	char period[DATE_LEN];
	struct observation o = { p, metric, period, seg, src, v };
	struct bpw_error err;

	snprintf(period, sizeof(period), "%s-01", month);
	if (observation_upsert(f->st, &o, NULL, &err) != 0)
		fail_msg("%s %s: %s", metric, month, err.msg);
}

static void event(struct fx *f, int64_t p, const char *date, enum event_kind k)
{
	struct event e = { .partner_id = p, .kind = k, .title = "t", .detail = "" };
	struct bpw_error err;

	memcpy(e.date, date, DATE_LEN);
	assert_int_equal(event_add(f->st, &e, NULL, &err), 0);
}

static int64_t partner(struct fx *f, const char *code)
{
	struct partner p = { .code = code, .name = code };
	struct bpw_error err;
	int64_t id;

	assert_int_equal(partner_add(f->st, &p, &id, &err), 0);
	return id;
}

static int setup(void **state)
{
	struct fx *f = calloc(1, sizeof(*f));
	const char *path;
	struct diag_report rep = { 0 };
	struct bpw_error err;

	f->dir = tu_tempdir();
	assert_int_equal(store_open(tu_path(f->dir, "e.db"), STORE_CREATE, &f->st, &err), 0);
	/* Added out of code order; Dun archived. */
	f->cyg = partner(f, "Cyg");
	f->atl = partner(f, "atl");
	f->dun = partner(f, "DUN");
	f->bor = partner(f, "BOR");
	assert_int_equal(partner_set_archived(f->st, f->dun, true, &err), 0);
	assert_int_equal(qa_interval_set(f->st, f->bor, 30, &err), 0);

	obs(f, f->atl, "csat", "2026-06", "", OBS_CLIENT, 81);
	obs(f, f->atl, "csat", "2026-05", "", OBS_CLIENT, 80);
	obs(f, f->atl, "csat", "2025-06", "", OBS_CLIENT, 70);	/* 12 back */
	obs(f, f->atl, "csat", "2026-07", "", OBS_CLIENT, 99);	/* after */
	obs(f, f->atl, "csat", "2026-06", "", OBS_PARTNER, 85);
	obs(f, f->atl, "csat", "2026-06", "channel=email", OBS_CLIENT, 88);
	obs(f, f->atl, "csat", "2026-06", "channel=chat", OBS_CLIENT, 77);
	obs(f, f->bor, "csat", "2026-03", "channel=chat", OBS_CLIENT, 66);
	obs(f, f->dun, "csat", "2026-06", "", OBS_CLIENT, 50);
	obs(f, f->atl, "attrition", "2025-01", "", OBS_PARTNER, 5.5);	/* 17 back */
	obs(f, f->atl, "attrition", "2024-11", "", OBS_PARTNER, 9.0);	/* 19 back */
	obs(f, f->cyg, "attrition", "2026-06", "", OBS_PARTNER, 3.0);
	obs(f, f->cyg, "attrition", "2026-06", "site=Porto", OBS_PARTNER, 2.0);
	obs(f, f->atl, "cost_per_contact", "2026-06", "", OBS_PARTNER, 4.0);

	event(f, f->atl, "2026-06-30", EVENT_ESCALATION);
	event(f, f->atl, "2026-03-01", EVENT_MEETING);
	event(f, f->atl, "2026-07-06", EVENT_NOTE);		/* after until */
	event(f, f->atl, UNTIL, EVENT_INCIDENT);		/* on until */
	event(f, f->atl, "2026-03-01", EVENT_NOTE);		/* same day, later id */
	event(f, f->bor, "2026-01-10", EVENT_REPORT_LATE);
	event(f, f->dun, "2026-06-01", EVENT_ESCALATION);

	path = tu_path(f->dir, "rules.conf");
	tu_write(path, rules_text);
	config_defaults(&f->cfg);
	assert_int_equal(config_merge_file(&f->cfg, path, true, &rep, &err), 0);
	if (config_finish(&f->cfg, &rep, &err) != 0)
		fail_msg("rules: %s", err.msg);
	diag_free(&rep);
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

static void load(struct fx *f, struct evaldata *d)
{
	struct bpw_error err;

	if (evaldata_load(f->st, f->cfg.rules, AS_OF, UNTIL, d, &err) != 0)
		fail_msg("load: %s", err.msg);
}

/* The ruleset's index of metric key. */
static int metric_index(struct fx *f, const char *key)
{
	size_t i;

	for (i = 0; i < f->cfg.rules->nmetrics; i++)
		if (strcmp(f->cfg.rules->metrics[i].key, key) == 0)
			return (int)i;
	fail_msg("no metric %s", key);
	return -1;
}

/* Window index of month YYYY-MM. */
static int month(const struct evaldata *d, const char *ym)
{
	char day[DATE_LEN];

	snprintf(day, sizeof(day), "%s-01", ym);
	return date_month_index(day) - (d->as_of_month - d->nmonths + 1);
}

static void test_partners_and_window(void **state)
{
	struct fx *f = *state;
	struct evaldata d;

	load(f, &d);
	assert_string_equal(d.as_of, AS_OF);
	assert_string_equal(d.until, UNTIL);
	assert_int_equal(d.nmonths, 19);
	/* Active partners by code, whatever the case; no Dun. */
	assert_int_equal(d.npartners, 3);
	assert_string_equal(d.partners[0].code, "atl");
	assert_string_equal(d.partners[1].code, "BOR");
	assert_string_equal(d.partners[2].code, "Cyg");
	assert_int_equal(d.partners[0].id, f->atl);
	assert_int_equal(d.partners[1].qa_interval, 30);
	assert_int_equal(d.partners[0].qa_interval, 0);
	assert_int_equal(month(&d, "2026-06"), 18);
	evaldata_free(&d);
	evaldata_free(&d);	/* emptied: a second free is harmless */
	evaldata_free(NULL);
}

/* Each month's value where it belongs, NaN where missing, nothing after
 * the as-of month; the partner's and the client's figures apart. */
static void test_values(void **state)
{
	struct fx *f = *state;
	struct evaldata d;
	const struct ed_metric *cs, *at;
	const double *v;
	int k;

	load(f, &d);
	cs = evaldata_metric(&d, metric_index(f, "csat"));
	at = evaldata_metric(&d, metric_index(f, "attrition"));
	assert_non_null(cs);
	assert_non_null(at);
	assert_null(evaldata_metric(&d, metric_index(f, "cost_per_contact")));	/* no rule */
	assert_null(evaldata_metric(&d, -1));

	v = evaldata_series(&d, cs, 0, 0, OBS_CLIENT);
	assert_non_null(v);
	assert_true(v[month(&d, "2026-06")] == 81);
	assert_true(v[month(&d, "2026-05")] == 80);
	assert_true(isnan(v[month(&d, "2026-04")]));
	assert_true(v[month(&d, "2025-06")] == 70);
	for (k = month(&d, "2025-07"); k < month(&d, "2026-05"); k++)
		assert_true(isnan(v[k]));
	v = evaldata_series(&d, cs, 0, 0, OBS_PARTNER);
	assert_non_null(v);
	assert_true(v[18] == 85);
	assert_true(isnan(v[17]));
	/* Boreal has no total, Cyg no csat at all, nobody index 3. */
	assert_null(evaldata_series(&d, cs, 1, 0, OBS_CLIENT));
	assert_null(evaldata_series(&d, cs, 2, 0, OBS_CLIENT));
	assert_null(evaldata_series(&d, cs, 3, 0, OBS_CLIENT));

	/* attrition as far back as its trend looks: 17 months, not 19. */
	v = evaldata_series(&d, at, 0, 0, OBS_PARTNER);
	assert_non_null(v);
	assert_true(v[month(&d, "2025-01")] == 5.5);
	assert_int_equal(month(&d, "2024-12"), 0);
	for (k = 0; k < d.nmonths; k++)
		assert_true(k == month(&d, "2025-01") || isnan(v[k]));
	v = evaldata_series(&d, at, 2, 0, OBS_PARTNER);
	assert_non_null(v);
	assert_true(v[18] == 3.0);
	evaldata_free(&d);
}

/* Segments: the total first, then by name; a partner's series of one. */
static void test_segments(void **state)
{
	struct fx *f = *state;
	struct evaldata d;
	const struct ed_metric *cs;
	const double *v;
	char **segs;
	size_t n, i;
	int chat, email;

	load(f, &d);
	cs = evaldata_metric(&d, metric_index(f, "csat"));
	assert_int_equal(cs->nsegs, 3);
	assert_string_equal(cs->segs[0], "");
	assert_string_equal(cs->segs[1], "channel=chat");
	assert_string_equal(cs->segs[2], "channel=email");
	chat = evaldata_segment(cs, "channel=chat");
	email = evaldata_segment(cs, "channel=email");
	assert_int_equal(chat, 1);
	assert_int_equal(email, 2);
	assert_int_equal(evaldata_segment(cs, ""), 0);
	assert_int_equal(evaldata_segment(cs, "channel=fax"), -1);
	assert_int_equal(evaldata_segment(NULL, ""), -1);
	v = evaldata_series(&d, cs, 0, chat, OBS_CLIENT);
	assert_true(v[18] == 77);
	v = evaldata_series(&d, cs, 0, email, OBS_CLIENT);
	assert_true(v[18] == 88);
	v = evaldata_series(&d, cs, 1, chat, OBS_CLIENT);
	assert_true(v[month(&d, "2026-03")] == 66);
	assert_null(evaldata_series(&d, cs, 1, email, OBS_CLIENT));
	/* attrition is judged in total only: its site segment is not read. */
	assert_int_equal(evaldata_metric(&d, metric_index(f, "attrition"))->nsegs, 1);

	/* Handed over: every metric's names, alive after evaldata_free. */
	segs = evaldata_take_segments(&d, &n);
	assert_int_equal(n, 4);
	assert_int_equal(cs->nsegs, 0);
	evaldata_free(&d);
	for (i = 0; i < n; i++)
		if (strcmp(segs[i], "channel=email") == 0)
			email = -100;
	assert_int_equal(email, -100);
	for (i = 0; i < n; i++)
		free(segs[i]);
	free(segs);
}

/* Events up to the day until (inclusive), by date then as stored, of
 * active partners only, each with its day number and kind. */
static void test_events(void **state)
{
	struct fx *f = *state;
	struct evaldata d;
	const struct ed_events *e;

	load(f, &d);
	e = &d.events[0];
	assert_int_equal(e->count, 4);
	assert_string_equal(e->items[0].date, "2026-03-01");
	assert_int_equal(e->items[0].kind, EVENT_MEETING);
	assert_string_equal(e->items[1].date, "2026-03-01");
	assert_int_equal(e->items[1].kind, EVENT_NOTE);
	assert_string_equal(e->items[2].date, "2026-06-30");
	assert_int_equal(e->items[2].kind, EVENT_ESCALATION);
	assert_string_equal(e->items[3].date, UNTIL);
	assert_int_equal(e->items[3].kind, EVENT_INCIDENT);
	assert_int_equal(e->items[3].day - e->items[2].day, 5);
	assert_int_equal(e->items[0].day, date_days("2026-03-01"));
	assert_int_equal(d.events[1].count, 1);
	assert_int_equal(d.events[1].items[0].kind, EVENT_REPORT_LATE);
	assert_int_equal(d.events[2].count, 0);
	assert_false(d.reviews[0].present);
	evaldata_free(&d);
}

static const char *default_template(void)
{
	static char path[4096];
	const char *s = getenv("SRCDIR");

	snprintf(path, sizeof(path), "%s/data/qa-default.conf", s && *s ? s : ".");
	return path;
}

/* A review of partner on day, its first item passed and its second
 * answered second, finalised when final. */
static void review(struct fx *f, int64_t tpl, int64_t partner, const char *day,
		   const char *second, bool final)
{
	struct qa_review r;
	struct bpw_error err;
	int64_t rid;

	assert_int_equal(qa_review_start(f->st, partner, tpl, day, "Anna", &rid, &err), 0);
	assert_int_equal(qa_review_load(f->st, rid, 100, &r, &err), 0);
	assert_int_equal(qa_review_set_answer(f->st, rid, r.tpl.sections[0].items[0].id,
					      "pass", &err), 0);
	assert_int_equal(qa_review_set_answer(f->st, rid, r.tpl.sections[0].items[1].id,
					      second, &err), 0);
	qa_review_clear(&r);
	if (final)
		assert_int_equal(qa_review_finalise(f->st, rid, &err), 0);
}

/* The last final audit up to until, with its items in template order and
 * their answers; a later one and a draft do not count. */
static void test_last_final_audit(void **state)
{
	struct fx *f = *state;
	struct evaldata d;
	struct qa_template t;
	struct bpw_error err;
	const struct ed_review *r;
	int64_t tpl;

	assert_int_equal(qa_template_import(f->st, default_template(), &tpl, &err), 0);
	assert_int_equal(qa_template_load(f->st, tpl, &t, &err), 0);
	review(f, tpl, f->atl, "2026-02-02", "pass", true);
	review(f, tpl, f->atl, "2026-04-02", "fail", true);
	review(f, tpl, f->atl, "2026-07-10", "pass", true);	/* after until */
	review(f, tpl, f->bor, "2026-05-01", "fail", false);	/* a draft */
	review(f, tpl, f->cyg, "2026-03-03", "pass", true);
	load(f, &d);
	r = &d.reviews[0];
	assert_true(r->present);
	assert_string_equal(r->date, "2026-04-02");
	assert_int_equal(r->nitems, 16);
	assert_string_equal(r->items[0].text, t.sections[0].items[0].text);
	assert_string_equal(r->items[0].section, t.sections[0].key);
	assert_string_equal(r->items[0].answer, "pass");
	assert_ptr_equal(r->items[0].it.answer, r->items[0].answer);
	assert_string_equal(r->items[1].it.answer, "fail");
	assert_null(r->items[2].it.answer);
	assert_string_equal(r->items[15].text, t.sections[t.nsections - 1].items[
			    t.sections[t.nsections - 1].nitems - 1].text);
	assert_false(d.reviews[1].present);
	/* Cyg's own audit, not Atlas's items. */
	assert_true(d.reviews[2].present);
	assert_string_equal(d.reviews[2].date, "2026-03-03");
	assert_int_equal(d.reviews[2].nitems, 16);
	assert_string_equal(d.reviews[2].items[1].it.answer, "pass");
	evaldata_free(&d);
	qa_template_clear(&t);
}

/* The same data on one connection (inside a transaction the second
 * connection would not see it) as on two. */
static void test_one_or_two_readers(void **state)
{
	struct fx *f = *state;
	struct evaldata a, b;
	struct bpw_error err;
	size_t m, i, p;

	load(f, &a);
	assert_int_equal(store_begin(f->st, &err), 0);
	load(f, &b);
	store_rollback(f->st);
	assert_int_equal(a.npartners, b.npartners);
	assert_int_equal(a.nmonths, b.nmonths);
	assert_int_equal(a.nmetrics, b.nmetrics);
	for (m = 0; m < a.nmetrics; m++) {
		const struct ed_metric *x = &a.metrics[m], *y = &b.metrics[m];

		assert_int_equal(x->metric, y->metric);
		assert_int_equal(x->nsegs, y->nsegs);
		for (i = 0; i < x->nsegs; i++)
			assert_string_equal(x->segs[i], y->segs[i]);
		assert_int_equal(x->nser, y->nser);
		for (i = 0; i < x->nser; i++) {
			const double *u = &a.vals[x->ser[i].off], *w = &b.vals[y->ser[i].off];
			int k;

			assert_int_equal(x->ser[i].partner, y->ser[i].partner);
			assert_int_equal(x->ser[i].seg, y->ser[i].seg);
			assert_int_equal(x->ser[i].source, y->ser[i].source);
			for (k = 0; k < a.nmonths; k++)
				assert_true((isnan(u[k]) && isnan(w[k])) || u[k] == w[k]);
		}
	}
	for (p = 0; p < a.npartners; p++) {
		assert_int_equal(a.events[p].count, b.events[p].count);
		for (i = 0; i < a.events[p].count; i++) {
			assert_string_equal(a.events[p].items[i].date, b.events[p].items[i].date);
			assert_int_equal(a.events[p].items[i].kind, b.events[p].items[i].kind);
		}
		assert_int_equal(a.reviews[p].present, b.reviews[p].present);
		assert_int_equal(a.reviews[p].nitems, b.reviews[p].nitems);
	}
	evaldata_free(&a);
	evaldata_free(&b);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_setup_teardown(test_partners_and_window, setup, teardown),
		cmocka_unit_test_setup_teardown(test_values, setup, teardown),
		cmocka_unit_test_setup_teardown(test_segments, setup, teardown),
		cmocka_unit_test_setup_teardown(test_events, setup, teardown),
		cmocka_unit_test_setup_teardown(test_last_final_audit, setup, teardown),
		cmocka_unit_test_setup_teardown(test_one_or_two_readers, setup, teardown),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
