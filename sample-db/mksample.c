/* mksample.c: builds sample-db/sample.db from sample-db/sample.sql at build
 * time: a fresh database with the current schema, the script run in one
 * transaction, then compacted into a single self-contained file. */
#include <stdio.h>
#include <stdlib.h>
#include <sqlite3.h>

#include "store.h"

static char *read_all(const char *path)
{
	FILE *fp = fopen(path, "rb");
	char *buf;
	long n;

	if (fp == NULL)
		return NULL;
	if (fseek(fp, 0, SEEK_END) != 0 || (n = ftell(fp)) < 0 ||
	    fseek(fp, 0, SEEK_SET) != 0 || (buf = malloc((size_t)n + 1)) == NULL) {
		fclose(fp);
		return NULL;
	}
	if (fread(buf, 1, (size_t)n, fp) != (size_t)n) {
		free(buf);
		fclose(fp);
		return NULL;
	}
	buf[n] = '\0';
	fclose(fp);
	return buf;
}

/* Counts the rows PRAGMA foreign_key_check returns: each is a broken link. */
static int count_row(void *arg, int ncol, char **vals, char **names)
{
	(void)ncol;
	(void)names;
	fprintf(stderr, "mksample: broken reference in table %s\n",
		vals[0] ? vals[0] : "?");
	++*(int *)arg;
	return 0;
}

int main(int argc, char **argv)
{
	struct bpw_error err;
	struct store *st;
	char *sql;
	int rc, broken = 0;

	if (argc != 3) {
		fprintf(stderr, "usage: mksample SAMPLE.sql OUT.db\n");
		return 2;
	}
	sql = read_all(argv[1]);
	if (sql == NULL) {
		perror(argv[1]);
		return 1;
	}
	bpw_error_clear(&err);
	if (store_open(argv[2], STORE_CREATE, &st, &err) != 0) {
		fprintf(stderr, "mksample: %s\n", err.msg);
		free(sql);
		return 1;
	}
	rc = store_exec_script(st, sql, &err);
	free(sql);
	if (rc == 0)
		rc = sqlite3_exec(store_db(st), "PRAGMA foreign_key_check",
				  count_row, &broken, NULL) == SQLITE_OK && !broken ? 0 : -1;
	if (rc == 0)
		rc = sqlite3_exec(store_db(st), "PRAGMA journal_mode=DELETE; VACUUM",
				  NULL, NULL, NULL) == SQLITE_OK ? 0 : -1;
	if (rc != 0) {
		fprintf(stderr, "mksample: %s: %s\n", argv[1],
			err.msg[0] ? err.msg : sqlite3_errmsg(store_db(st)));
		store_close(st);
		remove(argv[2]);
		return 1;
	}
	store_close(st);
	return 0;
}
