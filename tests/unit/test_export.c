/* test_export.c: exports that import back with nothing lost: partners,
 * observations, events, actions and targets written as CSV from one
 * database, imported into an empty one and written again give the same
 * bytes; the German Excel dialect (byte order mark, ';', decimal comma,
 * CRLF) by hand and back through the importer; JSON; the partner and
 * date filters; an unknown partner; a full disk. */
#include "testutil.h"

#include <math.h>

#include "action.h"
#include "event.h"
#include "export.h"
#include "import.h"
#include "observation.h"
#include "partner.h"
#include "store.h"
#include "target.h"

struct fx {
	char *dir;
	struct store *a;	/* the data */
	int64_t atl, bor;
};

static const char atl_name[] = "M\xc3\xbcller & S\xc3\xb6hne, \"K\xc3\xb6ln\"";
static const char atl_notes[] = "Two sites.\nNight shift from 2026; Gr\xc3\xb6\xc3\x9f" "e 40";

static void obs(struct store *st, int64_t p, const char *metric, const char *period,
		const char *seg, enum obs_source src, double v)
{
	struct observation o = { p, metric, period, seg, src, v };
	struct bpw_error err;

	if (observation_upsert(st, &o, NULL, &err) != 0)
		fail_msg("observation: %s", err.msg);
}

static int setup(void **state)
{
	struct fx *f = calloc(1, sizeof(*f));
	struct partner atl = { .code = "ATL", .name = atl_name, .site = "Lisbon",
			       .country = "PT", .services = "voice, chat",
			       .contract_start = "2024-01-01", .contract_end = "2026-12-31",
			       .annual_value = 1234567.5, .has_value = true,
			       .currency = "EUR", .owner = "Kim", .notes = atl_notes };
	struct partner bor = { .code = "BOR", .name = "=HYPERLINK(\"x\")", .site = "",
			       .country = "DE" };
	struct event e1 = { .kind = EVENT_ESCALATION, .date = "2026-02-03",
			    .title = "Outage; 2h", .detail = "Line 1\nLine \"2\"" };
	struct event e2 = { .kind = EVENT_NOTE, .date = "2026-03-20", .title = "Visit",
			    .detail = "" };
	struct follow_up a1 = { .text = "-5% AHT: call \xc3\x9clrich", .owner = "Kim",
				.due = "2026-04-01", .status = ACTION_OPEN,
				.created = "2026-01-05" };
	struct follow_up a2 = { .text = "Retrain team B", .status = ACTION_DONE,
				.created = "2026-02-28" };
	struct target t = { .metric = "csat", .segment = "", .source = "client",
			    .value = 85.5, .has_alert = true, .alert = 80,
			    .has_credit = true, .credit_pct = 1.5, .from = "2026-01",
			    .note = "Contract \xc2\xa7 4" };
	struct bpw_error err;

	f->dir = tu_tempdir();
	assert_int_equal(store_open(tu_path(f->dir, "a.db"), STORE_CREATE, &f->a, &err), 0);
	assert_int_equal(partner_add(f->a, &atl, &f->atl, &err), 0);
	assert_int_equal(partner_add(f->a, &bor, &f->bor, &err), 0);
	obs(f->a, f->atl, "csat", "2026-01-01", "", OBS_CLIENT, 87.25);
	obs(f->a, f->atl, "csat", "2026-02-01", "channel=chat", OBS_PARTNER, 0.1);
	obs(f->a, f->atl, "csat", "2026-03-01", "", OBS_CLIENT, 1.0 / 3);
	obs(f->a, f->bor, "cost_per_contact", "2026-02-01", "", OBS_PARTNER, 4.5);
	e1.partner_id = f->atl;
	e2.partner_id = f->bor;
	assert_int_equal(event_add(f->a, &e1, NULL, &err), 0);
	assert_int_equal(event_add(f->a, &e2, NULL, &err), 0);
	a1.partner_id = f->atl;
	a2.partner_id = f->bor;
	assert_int_equal(action_add(f->a, &a1, NULL, &err), 0);
	assert_int_equal(action_add(f->a, &a2, NULL, &err), 0);
	t.partner_id = f->atl;
	if (target_add(f->a, &t, NULL, &err) != 0)
		fail_msg("target: %s", err.msg);
	*state = f;
	return 0;
}

static int teardown(void **state)
{
	struct fx *f = *state;

	store_close(f->a);
	tu_rmdir(f->dir);
	free(f);
	return 0;
}

/* Exports type from st in fmt to file name; the rows written. */
static size_t export_to(struct store *st, enum import_type type, enum sheet_format fmt,
			const char *path, const char *partner, const char *from,
			const char *to)
{
	struct export_opts o = { .type = type, .format = fmt, .partner = partner,
				 .from = from, .to = to, .cap = 0 };
	struct bpw_error err;
	size_t rows = 0;
	FILE *out = fopen(path, "wb");

	assert_non_null(out);
	if (export_write(st, &o, out, &rows, &err) != 0)
		fail_msg("export: %s", err.msg);
	fclose(out);
	return rows;
}

/* Imports the file at path as type into st; fails the test on any error. */
static void import_from(struct store *st, enum import_type type, const char *path)
{
	struct import_opts o = { .type = type };
	struct import_report rep = { 0 };
	struct bpw_error err;
	const char *paths[1] = { path };
	size_t i;

	if (import_files(st, paths, 1, &o, &rep, &err) != 0) {
		for (i = 0; i < rep.nerrors; i++)
			print_error("%s:%d:%d: %s\n", rep.errors[i].file, rep.errors[i].line,
				    rep.errors[i].column, rep.errors[i].msg);
		fail_msg("import of %s: %s", path, err.msg);
	}
	import_report_free(&rep);
}

static char *slurp(const char *path)
{
	size_t n;
	char *s = tu_read(path, &n);

	assert_non_null(s);
	return s;
}

static const enum import_type types[] = {
	IMPORT_PARTNERS, IMPORT_OBSERVATIONS, IMPORT_EVENTS, IMPORT_ACTIONS, IMPORT_TARGETS,
};
static const size_t type_rows[] = { 2, 4, 2, 2, 1 };
#define NTYPES (sizeof(types) / sizeof(types[0]))

/* Every type exported as fmt, imported into an empty database in that
 * order (partners first) and exported again as CSV: the same file as
 * the first database's CSV export. */
static void round_trip(struct fx *f, enum sheet_format fmt)
{
	struct store *b;
	struct bpw_error err;
	char name[64];
	size_t i;

	assert_int_equal(store_open(tu_path(f->dir, "b.db"), STORE_CREATE, &b, &err), 0);
	for (i = 0; i < NTYPES; i++) {
		const char *tn = import_type_name(types[i]);
		char *want, *got;

		snprintf(name, sizeof(name), "%s.csv", tn);
		assert_int_equal(export_to(f->a, types[i], SHEET_CSV, tu_path(f->dir, name),
					   NULL, NULL, NULL), type_rows[i]);
		snprintf(name, sizeof(name), "%s.out", tn);
		assert_int_equal(export_to(f->a, types[i], fmt, tu_path(f->dir, name),
					   NULL, NULL, NULL), type_rows[i]);
		import_from(b, types[i], tu_path(f->dir, name));
		snprintf(name, sizeof(name), "%s.again.csv", tn);
		assert_int_equal(export_to(b, types[i], SHEET_CSV, tu_path(f->dir, name),
					   NULL, NULL, NULL), type_rows[i]);
		snprintf(name, sizeof(name), "%s.csv", tn);
		want = slurp(tu_path(f->dir, name));
		snprintf(name, sizeof(name), "%s.again.csv", tn);
		got = slurp(tu_path(f->dir, name));
		if (strcmp(want, got) != 0)
			fail_msg("%s changed on the way:\n%s\n---\n%s", tn, want, got);
		free(want);
		free(got);
	}
	/* What the round trip must keep, read from the second database. */
	{
		struct partner p;

		assert_int_equal(partner_find(b, "ATL", &p, &err), 0);
		assert_string_equal(p.name, atl_name);
		assert_string_equal(p.notes, atl_notes);
		assert_true(p.has_value);
		assert_true(p.annual_value == 1234567.5);
		assert_string_equal(p.contract_end, "2026-12-31");
		partner_clear(&p);
		assert_int_equal(partner_find(b, "BOR", &p, &err), 0);
		assert_string_equal(p.name, "=HYPERLINK(\"x\")");	/* guard undone */
		assert_false(p.has_value);
		partner_clear(&p);
	}
	{
		struct action_list l;
		size_t k, found = 0;

		assert_int_equal(action_list(b, 0, false, &l, &err), 0);
		assert_int_equal(l.count, 2);
		for (k = 0; k < l.count; k++)
			if (strcmp(l.items[k].text, "-5% AHT: call \xc3\x9clrich") == 0 &&
			    strcmp(l.items[k].owner, "Kim") == 0)
				found++;
		assert_int_equal(found, 1);
		action_list_free(&l);
	}
	store_close(b);
}

static void test_csv_round_trip(void **state)
{
	round_trip(*state, SHEET_CSV);
}

static void test_excel_round_trip(void **state)
{
	round_trip(*state, SHEET_EXCEL);
}

/* The CSV by hand: RFC 4180 quoting, the formula guard, numbers that read
 * back as the same double, months as YYYY-MM, the total as "". */
static void test_csv_by_hand(void **state)
{
	struct fx *f = *state;
	const char *path = tu_path(f->dir, "o.csv");
	char *s;

	export_to(f->a, IMPORT_OBSERVATIONS, SHEET_CSV, path, NULL, NULL, NULL);
	s = slurp(path);
	assert_string_equal(s,
		"partner,metric,period,segment,source,value\n"
		"ATL,csat,2026-01,,client,87.25\n"
		"ATL,csat,2026-02,channel=chat,partner,0.1\n"
		"ATL,csat,2026-03,,client,0.3333333333333333\n"
		"BOR,cost_per_contact,2026-02,,partner,4.5\n");
	free(s);
	export_to(f->a, IMPORT_PARTNERS, SHEET_CSV, path, NULL, NULL, NULL);
	s = slurp(path);
	assert_non_null(strstr(s, "ATL,\"M\xc3\xbcller & S\xc3\xb6hne, \"\"K\xc3\xb6ln\"\"\","
			       "Lisbon,PT,\"voice, chat\",2024-01-01,2026-12-31,1234567.5,"
			       "EUR,Kim,\"Two sites.\nNight shift"));
	assert_non_null(strstr(s, "\nBOR,\"'=HYPERLINK(\"\"x\"\")\",,DE,"));
	free(s);
	export_to(f->a, IMPORT_EVENTS, SHEET_CSV, path, NULL, NULL, NULL);
	s = slurp(path);
	assert_string_equal(s, "partner,date,kind,title,detail\n"
			    "ATL,2026-02-03,escalation,Outage; 2h,\"Line 1\nLine \"\"2\"\"\"\n"
			    "BOR,2026-03-20,note,Visit,\n");
	free(s);
	export_to(f->a, IMPORT_ACTIONS, SHEET_CSV, path, NULL, NULL, NULL);
	s = slurp(path);
	assert_string_equal(s, "partner,text,owner,due,status,created\n"
			    "ATL,'-5% AHT: call \xc3\x9clrich,Kim,2026-04-01,open,2026-01-05\n"
			    "BOR,Retrain team B,,,done,2026-02-28\n");
	free(s);
}

/* German Excel: a byte order mark, ';' between cells, a decimal comma,
 * CRLF line ends. */
static void test_excel_by_hand(void **state)
{
	struct fx *f = *state;
	const char *path = tu_path(f->dir, "o.csv");
	char *s;

	export_to(f->a, IMPORT_OBSERVATIONS, SHEET_EXCEL, path, NULL, NULL, NULL);
	s = slurp(path);
	assert_string_equal(s,
		"\xef\xbb\xbfpartner;metric;period;segment;source;value\r\n"
		"ATL;csat;2026-01;;client;87,25\r\n"
		"ATL;csat;2026-02;channel=chat;partner;0,1\r\n"
		"ATL;csat;2026-03;;client;0,3333333333333333\r\n"
		"BOR;cost_per_contact;2026-02;;partner;4,5\r\n");
	free(s);
	export_to(f->a, IMPORT_TARGETS, SHEET_EXCEL, path, NULL, NULL, NULL);
	s = slurp(path);
	assert_string_equal(s,
		"\xef\xbb\xbfpartner;metric;segment;source;target;alert;valid_from;"
		"valid_until;credit_pct;note\r\n"
		"ATL;csat;;client;85,5;80;2026-01;;1,5;Contract \xc2\xa7 4\r\n");
	free(s);
}

/* JSON: an array of objects, numbers as numbers; one partner's rows. */
static void test_json(void **state)
{
	struct fx *f = *state;
	const char *path = tu_path(f->dir, "o.json");
	char *s;

	assert_int_equal(export_to(f->a, IMPORT_OBSERVATIONS, SHEET_JSON, path, "bor", NULL,
				   NULL), 1);
	s = slurp(path);
	assert_string_equal(s, "[\n{\"partner\":\"BOR\",\"metric\":\"cost_per_contact\","
			    "\"period\":\"2026-02\",\"segment\":\"\",\"source\":\"partner\","
			    "\"value\":4.5}\n]\n");
	free(s);
}

/* A partner by code (any case), months and days between two dates, an
 * unknown partner refused. */
static void test_filters(void **state)
{
	struct fx *f = *state;
	const char *path = tu_path(f->dir, "x.csv");
	struct export_opts o = { .type = IMPORT_EVENTS, .format = SHEET_CSV,
				 .partner = "NOPE" };
	struct bpw_error err;
	size_t rows = 99;
	FILE *out;
	char *s;

	assert_int_equal(export_to(f->a, IMPORT_OBSERVATIONS, SHEET_CSV, path, "atl", NULL,
				   NULL), 3);
	assert_int_equal(export_to(f->a, IMPORT_OBSERVATIONS, SHEET_CSV, path, NULL,
				   "2026-02-01", "2026-02-01"), 2);
	s = slurp(path);
	assert_null(strstr(s, "2026-01"));
	assert_null(strstr(s, "2026-03"));
	free(s);
	/* Events of February: the 3rd, not March's. */
	assert_int_equal(export_to(f->a, IMPORT_EVENTS, SHEET_CSV, path, NULL, "2026-02-01",
				   "2026-02-01"), 1);
	assert_int_equal(export_to(f->a, IMPORT_EVENTS, SHEET_CSV, path, NULL, "2026-03-01",
				   NULL), 1);
	/* Actions by their created day, up to the last of the month;
	 * partners ignore dates. */
	assert_int_equal(export_to(f->a, IMPORT_ACTIONS, SHEET_CSV, path, NULL, NULL,
				   "2026-01-01"), 1);
	assert_int_equal(export_to(f->a, IMPORT_ACTIONS, SHEET_CSV, path, NULL, NULL,
				   "2026-02-01"), 2);
	assert_int_equal(export_to(f->a, IMPORT_ACTIONS, SHEET_CSV, path, NULL,
				   "2026-02-01", NULL), 1);
	assert_int_equal(export_to(f->a, IMPORT_PARTNERS, SHEET_CSV, path, NULL,
				   "2030-01-01", NULL), 2);
	/* Targets valid some time in the months asked for. */
	assert_int_equal(export_to(f->a, IMPORT_TARGETS, SHEET_CSV, path, NULL, NULL,
				   "2025-12-01"), 0);
	assert_int_equal(export_to(f->a, IMPORT_TARGETS, SHEET_CSV, path, NULL, NULL,
				   "2026-01-01"), 1);

	out = fopen(path, "wb");
	assert_int_equal(export_write(f->a, &o, out, &rows, &err), BPW_ENOENT);
	fclose(out);
	o.type = IMPORT_AUTO;
	o.partner = NULL;
	out = fopen(path, "wb");
	assert_int_equal(export_write(f->a, &o, out, &rows, &err), BPW_EINVAL);
	fclose(out);
}

/* A disk that is full: BPW_EIO, not a silent short file. */
static void test_full_disk(void **state)
{
	struct fx *f = *state;
	struct export_opts o = { .type = IMPORT_PARTNERS, .format = SHEET_CSV };
	struct bpw_error err;
	size_t rows;
	FILE *out = fopen("/dev/full", "wb");

	if (out == NULL)
		skip();
	assert_int_equal(export_write(f->a, &o, out, &rows, &err), BPW_EIO);
	fclose(out);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_setup_teardown(test_csv_round_trip, setup, teardown),
		cmocka_unit_test_setup_teardown(test_excel_round_trip, setup, teardown),
		cmocka_unit_test_setup_teardown(test_csv_by_hand, setup, teardown),
		cmocka_unit_test_setup_teardown(test_excel_by_hand, setup, teardown),
		cmocka_unit_test_setup_teardown(test_json, setup, teardown),
		cmocka_unit_test_setup_teardown(test_filters, setup, teardown),
		cmocka_unit_test_setup_teardown(test_full_disk, setup, teardown),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
