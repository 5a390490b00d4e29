/* fuzz_csv.c: any bytes through the CSV reader: every record and field
 * is read, positions stay inside the record, and nothing crashes. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "csv.h"
#include "fuzz.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct csv_reader *r;
	struct bpw_error err;
	char *buf;
	FILE *f;
	int rc, n = 0;

	/* fmemopen takes a writable buffer (for its "w" modes); data is the
	 * fuzzer's, so the stream reads a copy. */
	buf = malloc(size + 1);
	if (buf == NULL)
		return 0;
	if (size)
		memcpy(buf, data, size);
	f = fmemopen(buf, size, "rb");
	if (f == NULL) {
		free(buf);
		return 0;
	}
	if (csv_reader_open_stream(f, "fuzz.csv", &r, &err) == 0) {
		while (n++ < 100000 && (rc = csv_reader_next(r, &err)) == 1) {
			size_t i, c = csv_reader_count(r);

			if (c > CSV_MAX_FIELDS)
				abort();
			for (i = 0; i < c; i++) {
				const char *s = csv_reader_field(r, i);

				if (s == NULL || strlen(s) > CSV_MAX_FIELD ||
				    csv_reader_column(r, i) < 1)
					abort();
			}
			if (csv_reader_line(r) < 1)
				abort();
		}
		csv_reader_close(r);
	}
	fclose(f);
	free(buf);
	return 0;
}
