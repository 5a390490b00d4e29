/* fuzz_import.c: any bytes as a CSV file imported (checked, then rolled
 * back: --dry-run) into a copy of the sample database in memory; the type
 * is guessed from the header or forced by the first byte. Every error has
 * a line, the database is unchanged after, and nothing crashes. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sqlite3.h>

#include "fuzz.h"
#include "import.h"
#include "store.h"

static struct store *st;

static int count_rows(void)
{
	sqlite3_stmt *q;
	int n = -1;

	if (sqlite3_prepare_v2(store_db(st), "SELECT (SELECT count(*) FROM observation)"
			       " + (SELECT count(*) FROM partner) + (SELECT count(*) FROM event)"
			       " + (SELECT count(*) FROM action) + (SELECT count(*) FROM qa_answer)",
			       -1, &q, NULL) == SQLITE_OK && sqlite3_step(q) == SQLITE_ROW)
		n = sqlite3_column_int(q, 0);
	sqlite3_finalize(q);
	return n;
}

static void open_copy(void)
{
	char dst[256];
	struct bpw_error err;
	struct store *src;

	snprintf(dst, sizeof(dst), "%s/import.db", fuzz_dir());
	remove(dst);
	if (store_open(BPW_FUZZ_BUILDDIR "/sample-db/sample.db", STORE_READONLY,
		       &src, &err) != 0 ||
	    store_open(dst, STORE_CREATE, &st, &err) != 0)
		abort();
	{
		sqlite3_backup *b = sqlite3_backup_init(store_db(st), "main",
							store_db(src), "main");

		if (b == NULL || sqlite3_backup_step(b, -1) != SQLITE_DONE)
			abort();
		sqlite3_backup_finish(b);
	}
	store_close(src);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct import_opts o = { .dry_run = true };
	struct import_report rep;
	struct bpw_error err;
	const char *path;
	int before, rc;
	size_t i;

	if (st == NULL)
		open_copy();
	if (size < 1)
		return 0;
	o.type = (enum import_type)((data[0] & 0x7f) % IMPORT_TYPE_COUNT);
	o.create_partners = (data[0] & 0x80) != 0;
	path = fuzz_file(data + 1, size - 1);
	if (path == NULL)
		return 0;
	before = count_rows();
	bpw_error_clear(&err);
	rc = import_files(st, &path, 1, &o, &rep, &err);
	for (i = 0; i < rep.nerrors; i++)
		if (rep.errors[i].line < 0 || rep.errors[i].msg == NULL)
			abort();
	if (rc == 0 && rep.total_errors)
		abort();		/* errors reported, yet success */
	import_report_free(&rep);
	if (count_rows() != before)
		abort();		/* a dry run changed the database */
	return 0;
}
