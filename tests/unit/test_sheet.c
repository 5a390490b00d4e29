/* test_sheet.c: the row writer: the shortest numbers that read back the
 * same, the formula guard and its reversal, and CSV (plain and Excel)
 * that the CSV reader reads back to the same cells. */
#include "testutil.h"

#include <math.h>

#include "csv.h"
#include "sheet.h"

static char *dir;

static const char *num(double v, char dec)
{
	static char buf[40];

	sheet_format_number(v, dec, buf, sizeof(buf));
	return buf;
}

static void test_numbers(void **state)
{
	assert_string_equal(num(78.5, '.'), "78.5");
	assert_string_equal(num(78.5, ','), "78,5");
	assert_string_equal(num(0.1, '.'), "0.1");
	assert_string_equal(num(1850000, '.'), "1850000");
	assert_string_equal(num(-3, '.'), "-3");
	assert_string_equal(num(1e21, '.'), "1e+21");
	assert_string_equal(num(1.0 / 3, '.'), "0.3333333333333333");	/* 16 */
	assert_string_equal(num(0.1 + 0.2, '.'), "0.30000000000000004");	/* 17 */
}

/* Doubles of every size (but the subnormal ones) read back exactly, with
 * either decimal mark. */
static void test_numbers_round_trip(void **state)
{
	unsigned long long x = 88172645463325252ULL;
	double v, back;
	int i;

	for (i = 0; i < 100000; i++) {
		x ^= x << 13;
		x ^= x >> 7;
		x ^= x << 17;
		memcpy(&v, &x, sizeof(v));
		if (!isfinite(v) || (v != 0 && !isnormal(v)))
			continue;	/* strtod reports subnormals as ERANGE */
		if (!csv_number(num(v, '.'), '.', &back))
			fail_msg("cannot read back '%s'", num(v, '.'));
		assert_true(back == v);
		assert_true(csv_number(num(v, ','), ',', &back));
		assert_true(back == v);
	}
}

static void test_guard(void **state)
{
	assert_string_equal(sheet_unguard("'=1+2"), "=1+2");
	assert_string_equal(sheet_unguard("''@x"), "'@x");
	assert_string_equal(sheet_unguard("'twas"), "'twas");
	assert_string_equal(sheet_unguard("=1+2"), "=1+2");
	assert_string_equal(sheet_unguard("'"), "'");
	assert_string_equal(sheet_unguard(""), "");
}

/* Writes the cells through a sheet of format fmt and reads them back. */
static void round_trip(enum sheet_format fmt, char want_sep)
{
	static const char *const cols[] = { "text", "note", "number", "word" };
	static const char *const texts[] = {
		"plain", "=cmd|' /C calc'!A0", "'=already", "-2+3", "@SUM(1)",
		"a;b,c", " padded ", "say \"hi\"", "", "M\xc3\xbcller",
	};
	const char *path = tu_path(dir, "sheet.csv");
	struct csv_reader *r;
	struct bpw_error err;
	struct sheet *sh;
	FILE *f = fopen(path, "wb");
	double back;
	size_t i;

	sh = sheet_open(f, fmt, cols, 4);
	for (i = 0; i < sizeof(texts) / sizeof(texts[0]); i++) {
		sheet_text(sh, texts[i]);
		sheet_note(sh, "two\nlines");
		sheet_number(sh, -1234.5 / (double)(i + 1));
		sheet_word(sh, i % 2 ? "2026-11-03" : NULL);
	}
	assert_int_equal(sheet_rows(sh), sizeof(texts) / sizeof(texts[0]));
	assert_int_equal(sheet_close(sh, &err), 0);
	fclose(f);

	assert_int_equal(csv_reader_open(path, &r, &err), 0);
	assert_int_equal(csv_reader_separator(r), want_sep);
	assert_int_equal(csv_reader_next(r, &err), 1);
	assert_string_equal(csv_reader_field(r, 0), "text");
	for (i = 0; i < sizeof(texts) / sizeof(texts[0]); i++) {
		assert_int_equal(csv_reader_next(r, &err), 1);
		assert_int_equal(csv_reader_count(r), 4);
		assert_string_equal(sheet_unguard(csv_reader_field(r, 0)), texts[i]);
		assert_string_equal(csv_reader_field(r, 1), "two\nlines");
		assert_true(csv_number(csv_reader_field(r, 2), csv_reader_decimal(r), &back));
		assert_true(back == -1234.5 / (double)(i + 1));
		assert_string_equal(csv_reader_field(r, 3), i % 2 ? "2026-11-03" : "");
	}
	assert_int_equal(csv_reader_next(r, &err), 0);
	csv_reader_close(r);
}

static void test_csv_round_trip(void **state)
{
	round_trip(SHEET_CSV, ',');
}

static void test_excel_round_trip(void **state)
{
	round_trip(SHEET_EXCEL, ';');
}

static void test_json(void **state)
{
	static const char *const cols[] = { "a", "b", "c", "d" };
	char buf[512] = "";
	FILE *f = fmemopen(buf, sizeof(buf) - 1, "w");
	struct bpw_error err;
	struct sheet *sh = sheet_open(f, SHEET_JSON, cols, 4);

	sheet_text(sh, "=x\x1b");
	sheet_number(sh, NAN);
	sheet_flag(sh, true);
	sheet_word(sh, "");
	assert_int_equal(sheet_close(sh, &err), 0);
	fclose(f);
	assert_string_equal(buf, "[\n{\"a\":\"=x\\\\x1b\",\"b\":null,\"c\":true,\"d\":null}\n]\n");
}

static int setup(void **state)
{
	dir = tu_tempdir();
	return 0;
}

static int teardown(void **state)
{
	tu_rmdir(dir);
	return 0;
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_numbers),
		cmocka_unit_test(test_numbers_round_trip),
		cmocka_unit_test(test_guard),
		cmocka_unit_test(test_csv_round_trip),
		cmocka_unit_test(test_excel_round_trip),
		cmocka_unit_test(test_json),
	};

	return cmocka_run_group_tests_name("sheet", tests, setup, teardown);
}
