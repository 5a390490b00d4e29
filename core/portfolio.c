/* portfolio.c: one query that summarises every partner for the overview. */
#include "portfolio.h"

#include <stdlib.h>
#include <string.h>

#include "xalloc.h"

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

int portfolio_load(struct store *st, const char *today, struct portfolio *out,
		   struct bpw_error *err)
{
	sqlite3_stmt *q;
	size_t cap = 0, i;
	int rc;

	memset(out, 0, sizeof(*out));
	rc = store_cached(st, sql_summary, &q, err);
	if (rc != 0)
		return rc;
	store_bind_text(q, 1, today, false);
	while ((rc = sqlite3_step(q)) == SQLITE_ROW) {
		struct portfolio_row *r;

		if (out->count == cap) {
			cap = cap ? cap * 2 : 16;
			out->rows = xrealloc(out->rows, cap * sizeof(*out->rows));
		}
		r = &out->rows[out->count++];
		memset(r, 0, sizeof(*r));
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
	sqlite3_reset(q);
	if (rc != SQLITE_DONE) {
		portfolio_free(out);
		return store_fail(st, rc, err, "cannot load the portfolio");
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
