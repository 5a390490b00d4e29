/* portfolio.c: one query that summarises every partner for the overview. */
#include "portfolio.h"

#include <stdlib.h>
#include <string.h>


static const char sql_summary[] =
	"WITH c AS (SELECT partner_id, period, value, row_number() OVER ("
	"   PARTITION BY partner_id ORDER BY period DESC, source = 'client' DESC"
	"  ) AS rn FROM observation WHERE metric = 'csat' AND segment = '')"
	" SELECT p.id, p.code, p.name, p.site, p.country, p.services, p.owner,"
	" (SELECT max(o.period) FROM observation o WHERE o.partner_id = p.id),"
	" c.value, c.period,"
	" (SELECT count(*) FROM action a WHERE a.partner_id = p.id"
	"   AND a.status = 'open'),"
	" (SELECT count(*) FROM action a WHERE a.partner_id = p.id"
	"   AND a.status = 'open' AND a.due < ?1)"
	" FROM partner p LEFT JOIN c ON c.partner_id = p.id AND c.rn = 1"
	" WHERE p.archived = 0 ORDER BY p.name COLLATE NOCASE, p.code";

static void copy_date(char dst[DATE_LEN], const unsigned char *src)
{
	memset(dst, 0, DATE_LEN);
	if (src)
		memcpy(dst, src, strnlen((const char *)src, DATE_LEN - 1));
}

static void read_row(sqlite3_stmt *q, void *elem)
{
	struct portfolio_row *r = elem;

	r->partner.id = sqlite3_column_int64(q, 0);
	r->partner.code = store_column_text(q, 1, true);
	r->partner.name = store_column_text(q, 2, true);
	r->partner.site = store_column_text(q, 3, true);
	r->partner.country = store_column_text(q, 4, true);
	r->partner.services = store_column_text(q, 5, true);
	r->partner.owner = store_column_text(q, 6, true);
	copy_date(r->last_period, sqlite3_column_text(q, 7));
	r->has_csat = sqlite3_column_type(q, 8) != SQLITE_NULL;
	r->csat = sqlite3_column_double(q, 8);
	copy_date(r->csat_period, sqlite3_column_text(q, 9));
	r->open_actions = sqlite3_column_int(q, 10);
	r->overdue_actions = sqlite3_column_int(q, 11);
}

int portfolio_load(struct store *st, const char *today, struct portfolio *out,
		   struct bpw_error *err)
{
	sqlite3_stmt *q;
	size_t i;
	int rc;

	memset(out, 0, sizeof(*out));
	rc = store_cached(st, sql_summary, &q, err);
	if (rc != 0)
		return rc;
	store_bind_text(q, 1, today, false);
	rc = store_fetch_rows(st, q, sizeof(*out->rows), read_row,
			      (void **)&out->rows, &out->count, err,
			      "cannot load the portfolio");
	if (rc != 0) {
		portfolio_free(out);
		return rc;
	}
	for (i = 0; i < out->count; i++)
		if (strcmp(out->rows[i].last_period, out->latest_period) > 0)
			memcpy(out->latest_period, out->rows[i].last_period, DATE_LEN);
	return 0;
}

void portfolio_free(struct portfolio *p)
{
	size_t i;

	if (p == NULL)
		return;
	for (i = 0; i < p->count; i++)
		partner_clear(&p->rows[i].partner);
	free(p->rows);
	memset(p, 0, sizeof(*p));
}
