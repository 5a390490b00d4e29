/* test_csv.c: the CSV reader on every dialect feature real exports have,
 * and on broken input, each with its exact LINE:COLUMN message. */
#include "testutil.h"

#include "csv.h"

static char *dir;

/* Writes text (len bytes, NULs allowed) to a file and opens a reader. */
static struct csv_reader *open_text(const char *text, size_t len)
{
	const char *path = tu_path(dir, "in.csv");
	struct csv_reader *r = NULL;
	struct bpw_error err;
	FILE *f = fopen(path, "wb");

	assert_non_null(f);
	assert_int_equal(fwrite(text, 1, len, f), len);
	fclose(f);
	if (csv_reader_open(path, &r, &err) != 0)
		fail_msg("open: %s", err.msg);
	return r;
}

#define OPEN(lit) open_text(lit, sizeof(lit) - 1)

/* Reads every record into "a|b|c\n" lines; returns the text of the first
 * error as "LINE:COL: msg" instead when there is one. */
static char *read_all(struct csv_reader *r)
{
	static char out[4096];
	struct bpw_error err;
	size_t n = 0, i;
	int rc;

	out[0] = '\0';
	while ((rc = csv_reader_next(r, &err)) == 1) {
		for (i = 0; i < csv_reader_count(r); i++)
			n += (size_t)snprintf(out + n, sizeof(out) - n, "%s%s",
					      i ? "|" : "", csv_reader_field(r, i));
		n += (size_t)snprintf(out + n, sizeof(out) - n, "\n");
	}
	if (rc < 0)
		snprintf(out, sizeof(out), "%d:%d: %s", err.line, err.column, err.msg);
	csv_reader_close(r);
	return out;
}

static void test_rfc4180(void **state)
{
	struct csv_reader *r = OPEN("partner,name,note\r\n"
				    "SUN,\"Sunrise, Inc.\",\"said \"\"ok\"\"\"\r\n"
				    "DPS,\"two\r\nlines\",\r\n"
				    "\n"
				    "ATL,,\"\"\r\n");

	assert_int_equal(csv_reader_separator(r), ',');
	assert_string_equal(read_all(r), "partner|name|note\n"
			    "SUN|Sunrise, Inc.|said \"ok\"\n"
			    "DPS|two\nlines|\n"
			    "ATL||\n");
}

static void test_lines_and_columns(void **state)
{
	struct csv_reader *r = OPEN("a,b\n\"x\ny\",\xc3\xa4z\nlast,1");
	struct bpw_error err;

	assert_int_equal(csv_reader_next(r, &err), 1);
	assert_int_equal(csv_reader_line(r), 1);
	assert_int_equal(csv_reader_next(r, &err), 1);
	assert_int_equal(csv_reader_line(r), 2);
	assert_int_equal(csv_reader_column(r, 0), 1);
	assert_int_equal(csv_reader_column(r, 1), 4);	/* after y" on line 3 */
	assert_int_equal(csv_reader_next(r, &err), 1);
	assert_int_equal(csv_reader_line(r), 4);	/* no newline at the end */
	assert_string_equal(csv_reader_field(r, 1), "1");
	assert_int_equal(csv_reader_next(r, &err), 0);
	csv_reader_close(r);
}

static void test_bom_and_german_excel(void **state)
{
	/* German Excel: BOM, ; and decimal commas. */
	struct csv_reader *r = OPEN("\xef\xbb\xbfPartner;Periode;CSAT\r\n"
				    "SUN;09.2026;78,5\r\nDPS;10.2026;81,25\r\n");

	assert_int_equal(csv_reader_separator(r), ';');
	assert_int_equal(csv_reader_decimal(r), ',');
	assert_string_equal(read_all(r), "Partner|Periode|CSAT\n"
			    "SUN|09.2026|78,5\nDPS|10.2026|81,25\n");
	r = OPEN("partner\tperiod\tcsat\nSUN\t2026-09\t78.5\n");
	assert_int_equal(csv_reader_separator(r), '\t');
	assert_int_equal(csv_reader_decimal(r), '.');
	csv_reader_close(r);
	/* ; with decimal points (an export from a French/German tool set to
	 * points) is recognised by its numbers. */
	r = OPEN("a;b\nx;12.5\ny;3.25\n");
	assert_int_equal(csv_reader_decimal(r), '.');
	csv_reader_close(r);
	/* A separator inside quotes in the header does not count. */
	r = OPEN("\"a;b;c\",d\n1,2\n");
	assert_int_equal(csv_reader_separator(r), ',');
	csv_reader_close(r);
}

static void expect_error(const char *text, size_t len, const char *want)
{
	char *got = read_all(open_text(text, len));

	if (strstr(got, want) != got)
		fail_msg("want '%s', got '%s'", want, got);
}

#define EXPECT_ERROR(lit, want) expect_error(lit, sizeof(lit) - 1, want)

static void test_broken_input(void **state)
{
	EXPECT_ERROR("a,b\n1,\"open\n2,3\n",
		     "2:3: a quoted field is not closed (the quote opens here)");
	EXPECT_ERROR("a,b\n1,\"x\"y\n",
		     "2:6: text after the closing quote of a field");
	EXPECT_ERROR("a,b\n1,x\0y\n", "2:4: a NUL byte: not a text file");
	EXPECT_ERROR("a,b\n\xc3\xa4\xc3\xb6,x\xe2\x82\xac\0y\n",
		     "2:6: a NUL byte: not a text file");	/* columns in characters */
	/* Windows-1252: "Müller" with ü as 0xfc. */
	EXPECT_ERROR("a,b\n1,M\xfcller\n",
		     "2:4: not UTF-8 text (byte 0xfc; a Windows-1252 export?");
}

/* --encoding: Windows-1252 converted as it is read, across buffer-fulls
 * (a field of 70000 two-byte letters), lines and columns of the converted
 * text, and a byte the set does not have named where it stands. */
static void test_encoding(void **state)
{
	const char *path = tu_path(dir, "cp1252.csv");
	struct csv_reader *r = NULL;
	struct bpw_error err;
	FILE *f = fopen(path, "wb");
	int i;

	fputs("name;city\nM\xfcller;Gr\xf6\xdf" "e \x80\n\"", f);
	for (i = 0; i < 70000; i++)
		putc(0xe9, f);
	fputs("\";x\n\xe4;b\x81" "c\n", f);
	fclose(f);
	assert_int_equal(csv_reader_open_as(path, "windows-1252", &r, &err), 0);
	assert_int_equal(csv_reader_separator(r), ';');
	assert_int_equal(csv_reader_next(r, &err), 1);
	assert_int_equal(csv_reader_next(r, &err), 1);
	assert_string_equal(csv_reader_field(r, 0), "M\xc3\xbcller");
	assert_string_equal(csv_reader_field(r, 1), "Gr\xc3\xb6\xc3\x9f" "e \xe2\x82\xac");
	assert_int_equal(csv_reader_column(r, 1), 8);
	assert_int_equal(csv_reader_next(r, &err), 1);
	assert_int_equal(strlen(csv_reader_field(r, 0)), 140000);
	assert_int_equal(csv_reader_column(r, 1), 70004);
	assert_int_equal(csv_reader_next(r, &err), BPW_EINVAL);
	assert_int_equal(err.line, 4);
	assert_int_equal(err.column, 4);
	assert_string_equal(err.msg, "byte 0x81 is not windows-1252 text");
	csv_reader_close(r);

	assert_int_equal(csv_reader_open_as(path, "klingon", &r, &err), BPW_EINVAL);
	assert_non_null(strstr(err.msg, "'klingon' is not a character set iconv knows"));
}

/* Unquoted fields read a buffer-full at a time: one across the 64 KiB
 * buffer's end, the column after it, and the length limit's error where
 * the field starts. */
static void test_long_plain_fields(void **state)
{
	const char *path = tu_path(dir, "long.csv");
	struct csv_reader *r = NULL;
	struct bpw_error err;
	FILE *f = fopen(path, "wb");
	int i;

	fputs("a,b\nx,", f);
	for (i = 0; i < 70000; i++)
		fputs(i % 2 ? "\xc3\xa9" : "e", f);	/* e and e-acute */
	fputs(",z\n1,", f);
	for (i = 0; i < CSV_MAX_FIELD; i++)
		putc('n', f);
	fputs("\n2,", f);
	for (i = 0; i <= CSV_MAX_FIELD; i++)
		putc('n', f);
	fputs("\n", f);
	fclose(f);
	assert_int_equal(csv_reader_open(path, &r, &err), 0);
	assert_int_equal(csv_reader_next(r, &err), 1);
	assert_int_equal(csv_reader_next(r, &err), 1);
	assert_int_equal(csv_reader_count(r), 3);
	assert_int_equal(strlen(csv_reader_field(r, 1)), 105000);
	assert_int_equal(csv_reader_column(r, 2), 70004);
	assert_string_equal(csv_reader_field(r, 2), "z");
	assert_int_equal(csv_reader_next(r, &err), 1);	/* exactly the limit */
	assert_int_equal(strlen(csv_reader_field(r, 1)), CSV_MAX_FIELD);
	assert_int_equal(csv_reader_next(r, &err), BPW_EINVAL);
	assert_int_equal(err.line, 4);
	assert_int_equal(err.column, 3);
	assert_non_null(strstr(err.msg, "a field longer than"));
	csv_reader_close(r);
}

static void test_utf16_refused(void **state)
{
	const char *path = tu_path(dir, "u16.csv");
	struct csv_reader *r = NULL;
	struct bpw_error err;
	FILE *f = fopen(path, "wb");

	fwrite("\xff\xfe" "a\0,\0", 1, 6, f);
	fclose(f);
	assert_int_equal(csv_reader_open(path, &r, &err), BPW_EINVAL);
	assert_null(r);
	assert_int_equal(err.line, 1);
	assert_string_equal(err.msg, "a UTF-16 file: save it as \"CSV UTF-8\"");
}

static void test_empty_and_header_only(void **state)
{
	assert_string_equal(read_all(OPEN("")), "");
	assert_string_equal(read_all(OPEN("\xef\xbb\xbf")), "");
	assert_string_equal(read_all(OPEN("\n\r\n")), "");
	assert_string_equal(read_all(OPEN("partner,period")), "partner|period\n");
}

static void test_numbers(void **state)
{
	double v;

	assert_true(csv_number("78.5", '.', &v) && v == 78.5);
	assert_true(csv_number(" -3 ", '.', &v) && v == -3);
	assert_true(csv_number("78,5", ',', &v) && v == 78.5);
	/* Thousands separators are refused, and said to be the reason. */
	assert_false(csv_number("1.234,5", ',', &v));
	assert_int_equal(csv_number_read("1.234,5", ',', &v), CSV_NUM_GROUPED);
	assert_int_equal(csv_number_read("1,234.5", '.', &v), CSV_NUM_GROUPED);
	assert_int_equal(csv_number_read("-1,234,567", '.', &v), CSV_NUM_GROUPED);
	assert_int_equal(csv_number_read("1234,5", ',', &v), CSV_NUM_OK);
	assert_int_equal(csv_number_read("  ", '.', &v), CSV_NUM_EMPTY);
	assert_int_equal(csv_number_read("", ',', &v), CSV_NUM_EMPTY);
	assert_int_equal(csv_number_read("1,23", '.', &v), CSV_NUM_BAD);
	assert_int_equal(csv_number_read("1,234x", '.', &v), CSV_NUM_BAD);
	assert_true(csv_number("1.5e3", '.', &v) && v == 1500);
	assert_false(csv_number("78,5", '.', &v));	/* a comma in a , file */
	assert_false(csv_number("", '.', &v));
	assert_false(csv_number("12abc", '.', &v));
	assert_false(csv_number("1,2,3", ',', &v));
	assert_false(csv_number("1.2.3", '.', &v));
	assert_false(csv_number("nan", '.', &v));
	assert_false(csv_number("1e999", '.', &v));
	assert_false(csv_number("-", '.', &v));
}

static void test_dates(void **state)
{
	char d[11];

	assert_true(csv_date("2026-09-30", d));
	assert_string_equal(d, "2026-09-30");
	assert_true(csv_date("30.09.2026", d));
	assert_string_equal(d, "2026-09-30");
	assert_true(csv_date("1.9.2026", d));
	assert_string_equal(d, "2026-09-01");
	assert_false(csv_date("31.09.2026", d));
	assert_false(csv_date("30.09.26", d));
	assert_false(csv_date("2026-9-30x", d));
	assert_true(csv_period("2026-09", d));
	assert_string_equal(d, "2026-09-01");
	assert_true(csv_period("09/2026", d));
	assert_string_equal(d, "2026-09-01");
	assert_true(csv_period("09.2026", d));
	assert_string_equal(d, "2026-09-01");
	assert_true(csv_period("15.09.2026", d));
	assert_string_equal(d, "2026-09-01");
	assert_false(csv_period("2026-13", d));
	assert_false(csv_period("Sep 2026", d));
	/* The YYYY-MM shortcut and the general parse agree at the edges. */
	assert_true(csv_period("  2026-11 ", d));
	assert_string_equal(d, "2026-11-01");
	assert_false(csv_period("2026-00", d));
	assert_false(csv_period("1899-12", d));
	assert_false(csv_period("2026-11x", d));
	assert_false(csv_period("2026-1", d));
	assert_false(csv_period("2026-1x", d));
	assert_true(csv_period("2026-11-30", d));
	assert_string_equal(d, "2026-11-01");
	assert_false(csv_period("2026-11-31", d));
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
		cmocka_unit_test(test_rfc4180),
		cmocka_unit_test(test_lines_and_columns),
		cmocka_unit_test(test_bom_and_german_excel),
		cmocka_unit_test(test_broken_input),
		cmocka_unit_test(test_encoding),
		cmocka_unit_test(test_long_plain_fields),
		cmocka_unit_test(test_utf16_refused),
		cmocka_unit_test(test_empty_and_header_only),
		cmocka_unit_test(test_numbers),
		cmocka_unit_test(test_dates),
	};

	return cmocka_run_group_tests_name("csv", tests, setup, teardown);
}
