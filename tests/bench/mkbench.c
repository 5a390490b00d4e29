/* mkbench.c: generates a large bpowatch database for the benchmark,
 * deterministically: N partners x M months x 12 metrics x 5 segments of
 * observations (client CSAT beside the partner's on the total), plus
 * events, actions and QA audits in the sample database's proportions.
 * Optionally also writes a long observations CSV for the import benchmark.
 *
 *   mkbench [--partners N] [--months M] [--end YYYY-MM] [--seed S]
 *           [--csv FILE --csv-rows N] OUT.db
 *
 * The schema is the program's own (store_open creates it); rows go in
 * primary-key order in one transaction, which is what keeps 7.2 million
 * rows under a minute. */
#include <errno.h>
#include <math.h>
#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sqlite3.h>

#include "store.h"

#define NSEG 5
#define NMETRIC 12

/* In primary-key order (metric keys sorted by byte). */
static const struct bench_metric {
	const char *key;
	double base, spread, step, lo, hi;
	int integer;
} metrics[NMETRIC] = {
	{ "absenteeism", 5.0, 1.0, 0.5, 0, 30, 0 },
	{ "aht_seconds", 420, 60, 15, 60, 1800, 1 },
	{ "attrition", 2.8, 0.8, 0.4, 0, 20, 0 },
	{ "churn_after_contact", 2.0, 0.4, 0.2, 0, 20, 0 },
	{ "cost_per_contact", 4.2, 0.8, 0.1, 0.5, 40, 0 },
	{ "csat", 86, 3, 1.2, 30, 100, 0 },
	{ "escalations", 30, 12, 4, 0, 500, 1 },
	{ "fcr", 78, 4, 1, 30, 100, 0 },
	{ "qa_score", 88, 4, 1.2, 30, 100, 0 },
	{ "report_on_time", 97, 2, 1.5, 0, 100, 0 },
	{ "response_hours", 9, 3, 1.5, 0.5, 120, 0 },
	{ "sla_adherence", 95, 2, 1, 40, 100, 0 },
};

/* Sorted by byte too: '' < channel=... < team=... */
static const char *const segments[NSEG] = {
	"", "channel=chat", "channel=email", "channel=phone", "team=A",
};

static const char *const countries[] = { "DE", "PT", "PL", "EG", "LV", "ZA", "PH", "IN", "RO", "MA" };
static const char *const cities[] = { "Hamburg", "Lisbon", "Krakow", "Cairo", "Riga", "Cape Town", "Manila", "Pune", "Cluj", "Casablanca" };
static const char *const owners[] = { "Anna Becker", "Jonas Weber", "Mara Schulz" };
static const char *const kinds[] = {
	"meeting", "meeting", "meeting", "meeting", "meeting", "meeting",
	"best_practice", "improvement_idea", "improvement_idea", "escalation",
	"report_late", "incident", "note",
};

static uint64_t rng_state;

static uint64_t rng(void)	/* splitmix64 */
{
	uint64_t z = (rng_state += 0x9e3779b97f4a7c15ULL);

	z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9ULL;
	z = (z ^ (z >> 27)) * 0x94d049bb133111ebULL;
	return z ^ (z >> 31);
}

static double unif(void)	/* [-1, 1) */
{
	return (double)(rng() >> 11) / (double)(1ULL << 52) - 1.0;
}

static void die(sqlite3 *db, const char *what)
{
	fprintf(stderr, "mkbench: %s: %s\n", what, db ? sqlite3_errmsg(db) : "");
	exit(1);
}

static void exec(sqlite3 *db, const char *sql)
{
	if (sqlite3_exec(db, sql, NULL, NULL, NULL) != SQLITE_OK)
		die(db, sql);
}

static sqlite3_stmt *prep(sqlite3 *db, const char *sql)
{
	sqlite3_stmt *q;

	if (sqlite3_prepare_v2(db, sql, -1, &q, NULL) != SQLITE_OK)
		die(db, sql);
	return q;
}

static void step(sqlite3 *db, sqlite3_stmt *q)
{
	if (sqlite3_step(q) != SQLITE_DONE)
		die(db, sqlite3_sql(q));
	sqlite3_reset(q);
}

/* Month index (year*12 + month-1) <-> "YYYY-MM-01". */
static void month_str(int mi, char out[11])
{
	unsigned y = (unsigned)mi / 12 % 10000, m = (unsigned)mi % 12 + 1;

	snprintf(out, 11, "%04u-%02u-01", y, m);
}

static double clampd(double v, double lo, double hi)
{
	return v < lo ? lo : v > hi ? hi : v;
}

static double round1(double v, int integer)
{
	return integer ? (double)(long)(v + 0.5) : (double)(long)(v * 10 + 0.5) / 10;
}

static long parse_long(const char *s, const char *opt, long lo, long hi)
{
	char *end;
	long v;

	errno = 0;
	v = strtol(s, &end, 10);
	if (errno || *end || end == s || v < lo || v > hi) {
		fprintf(stderr, "mkbench: %s: '%s' is not a number from %ld to %ld\n",
			opt, s, lo, hi);
		exit(2);
	}
	return v;
}

static _Noreturn void usage(void)
{
	fprintf(stderr, "usage: mkbench [--partners N] [--months M] [--end YYYY-MM]"
		" [--seed S] [--csv FILE --csv-rows N] OUT.db\n");
	exit(2);
}

static void gen_partners(sqlite3 *db, long np)
{
	sqlite3_stmt *q = prep(db, "INSERT INTO partner(id, code, name, site, country,"
			       " services, contract_start, contract_end, annual_value,"
			       " owner) VALUES (?1, ?2, ?3, ?4, ?5, ?6, '2020-01-01',"
			       " '2028-12-31', ?7, ?8)");
	long p;

	for (p = 1; p <= np; p++) {
		char code[24], name[80];
		int c = (int)(rng() % 10);

		snprintf(code, sizeof(code), "P%05ld", p);
		snprintf(name, sizeof(name), "%s Contact Services %ld", cities[c], p);
		sqlite3_bind_int64(q, 1, p);
		sqlite3_bind_text(q, 2, code, -1, SQLITE_TRANSIENT);
		sqlite3_bind_text(q, 3, name, -1, SQLITE_TRANSIENT);
		sqlite3_bind_text(q, 4, cities[c], -1, SQLITE_STATIC);
		sqlite3_bind_text(q, 5, countries[c], -1, SQLITE_STATIC);
		sqlite3_bind_text(q, 6, "contact centre: phone, e-mail, chat", -1, SQLITE_STATIC);
		sqlite3_bind_double(q, 7, (double)(500000 + rng() % 3000000));
		sqlite3_bind_text(q, 8, owners[p % 3], -1, SQLITE_STATIC);
		step(db, q);
	}
	sqlite3_finalize(q);
}

/* One mean-reverting walk per partner, metric and segment, in primary-key
 * order; the client's CSAT is the partner's less a small gap (a large one
 * for one partner in twenty). */
/* The id of name in table (metric by key, segment by name; a segment is
 * added when missing). */
static int64_t id_of(sqlite3 *db, const char *sql_add, const char *sql_get,
		     const char *name)
{
	sqlite3_stmt *q;
	int64_t id;

	if (sql_add) {
		q = prep(db, sql_add);
		sqlite3_bind_text(q, 1, name, -1, SQLITE_STATIC);
		step(db, q);
		sqlite3_finalize(q);
	}
	q = prep(db, sql_get);
	sqlite3_bind_text(q, 1, name, -1, SQLITE_STATIC);
	if (sqlite3_step(q) != SQLITE_ROW) {
		fprintf(stderr, "mkbench: no id for '%s'\n", name);
		exit(1);
	}
	id = sqlite3_column_int64(q, 0);
	sqlite3_finalize(q);
	return id;
}

/* The values are drawn partner by partner (each metric and segment a
 * random walk over the months), then written in the table's key order
 * (metric, segment, month, partner, source) so the B-tree only appends. */
static long gen_observations(sqlite3 *db, long np, int months, int end_mi)
{
	sqlite3_stmt *q = prep(db, "INSERT INTO obs(partner_id, metric,"
			       " period, segment, source, value) VALUES (?1, ?2, ?3, ?4, ?5, ?6)");
	int64_t mid[NMETRIC], sid[NSEG];
	double walk[NSEG], *val;
	size_t cells = (size_t)np * NMETRIC * (size_t)months * NSEG * 2, c;
	long n = 0, p;
	int m, i, s, src;

#define CELL(p, m, i, s, src) \
	(((((size_t)(p - 1) * NMETRIC + (size_t)(m)) * (size_t)months + (size_t)(i)) \
	  * NSEG + (size_t)(s)) * 2 + (size_t)(src))
	val = malloc(cells * sizeof(double));
	if (val == NULL) {
		fprintf(stderr, "mkbench: out of memory\n");
		exit(1);
	}
	for (c = 0; c < cells; c++)
		val[c] = NAN;
	for (m = 0; m < NMETRIC; m++)
		mid[m] = id_of(db, NULL, "SELECT id FROM metric WHERE key = ?1",
			       metrics[m].key);
	for (s = 0; s < NSEG; s++)
		sid[s] = id_of(db, "INSERT OR IGNORE INTO segment(name) VALUES (?1)",
			       "SELECT id FROM segment WHERE name = ?1", segments[s]);
	for (p = 1; p <= np; p++) {
		double gap = rng() % 20 == 0 ? 10 + unif() * 3 : 1.5 + unif();

		for (m = 0; m < NMETRIC; m++) {
			const struct bench_metric *bm = &metrics[m];
			double base = bm->base + unif() * bm->spread;

			for (s = 0; s < NSEG; s++)
				walk[s] = base + unif() * bm->spread / 2;
			for (i = 0; i < months; i++) {
				for (s = 0; s < NSEG; s++) {
					int nsrc = m == 5 && s == 0 ? 2 : 1;
					double *w = &walk[s];

					*w += 0.3 * (base - *w) + unif() * bm->step;
					*w = clampd(*w, bm->lo, bm->hi);
					for (src = 0; src < nsrc; src++) {	/* client < partner */
						bool client = nsrc == 2 && src == 0;

						val[CELL(p, m, i, s, client)] =
							round1(clampd(*w - (client ? gap : 0),
								      bm->lo, bm->hi), bm->integer);
					}
				}
			}
		}
	}
	for (m = 0; m < NMETRIC; m++)
		for (s = 0; s < NSEG; s++)
			for (i = 0; i < months; i++) {
				int mi = end_mi - months + 1 + i;
				int period = mi / 12 * 100 + mi % 12 + 1;

				for (p = 1; p <= np; p++)
					for (src = 0; src < 2; src++) {
						double v = val[CELL(p, m, i, s, src)];

						if (isnan(v))
							continue;
						sqlite3_bind_int64(q, 1, p);
						sqlite3_bind_int64(q, 2, mid[m]);
						sqlite3_bind_int(q, 3, period);
						sqlite3_bind_int64(q, 4, sid[s]);
						sqlite3_bind_int(q, 5, src);
						sqlite3_bind_double(q, 6, v);
						step(db, q);
						n++;
					}
			}
#undef CELL
	free(val);
	sqlite3_finalize(q);
	return n;
}

/* The sample has per partner and month about 0.33 events, 0.05 actions
 * and 0.06 audits; the same rates here. */
static void gen_history(sqlite3 *db, long np, int months, int end_mi,
			long *nev, long *nact, long *nrev)
{
	sqlite3_stmt *ev = prep(db, "INSERT INTO event(partner_id, date, kind, title,"
				" detail) VALUES (?1, ?2, ?3, ?4, 'Generated for the benchmark.')");
	sqlite3_stmt *ac = prep(db, "INSERT INTO action(partner_id, text, owner, due,"
				" status, created) VALUES (?1, ?2, ?3, ?4, ?5, ?6)");
	sqlite3_stmt *rv = prep(db, "INSERT INTO qa_review(partner_id, template_id, date,"
				" reviewer, status, notes) VALUES (?1, 1, ?2, ?3, 'final', '')");
	sqlite3_stmt *an = prep(db, "INSERT INTO qa_answer(review_id, item_id, answer)"
				" SELECT ?1, i.id, CASE i.answer_kind WHEN 'scale'"
				" THEN CAST(3 + (?1 * 31 + i.id * 17) % 3 AS TEXT)"
				" ELSE CASE WHEN (?1 * 13 + i.id * 7) % 23 = 0 THEN 'fail'"
				" ELSE 'pass' END END"
				" FROM qa_item i");
	long p;
	int i;

	*nev = *nact = *nrev = 0;
	for (p = 1; p <= np; p++)
		for (i = 0; i < months; i++) {
			int mi = end_mi - months + 1 + i;
			char date[11], due[11], title[64];

			month_str(mi, date);
			if (rng() % 3 == 0) {
				const char *k = kinds[rng() % (sizeof(kinds) / sizeof(*kinds))];

				date[8] = (char)('0' + (int)(rng() % 2));
				date[9] = (char)('1' + (int)(rng() % 9));
				snprintf(title, sizeof(title), "%s %.7s", k, date);
				sqlite3_bind_int64(ev, 1, p);
				sqlite3_bind_text(ev, 2, date, 10, SQLITE_TRANSIENT);
				sqlite3_bind_text(ev, 3, k, -1, SQLITE_STATIC);
				sqlite3_bind_text(ev, 4, title, -1, SQLITE_TRANSIENT);
				step(db, ev);
				++*nev;
			}
			if (rng() % 20 == 0) {
				month_str(mi, date);
				month_str(mi + 2, due);
				snprintf(title, sizeof(title), "Follow-up %ld from %.7s", *nact + 1, date);
				sqlite3_bind_int64(ac, 1, p);
				sqlite3_bind_text(ac, 2, title, -1, SQLITE_TRANSIENT);
				sqlite3_bind_text(ac, 3, owners[rng() % 3], -1, SQLITE_STATIC);
				sqlite3_bind_text(ac, 4, due, 10, SQLITE_TRANSIENT);
				sqlite3_bind_text(ac, 5, i > months - 6 ? "open" : "done", -1, SQLITE_STATIC);
				sqlite3_bind_text(ac, 6, date, 10, SQLITE_TRANSIENT);
				step(db, ac);
				++*nact;
			}
			if (rng() % 11 == 0) {
				month_str(mi, date);
				date[9] = (char)('1' + (int)(rng() % 9));
				sqlite3_bind_int64(rv, 1, p);
				sqlite3_bind_text(rv, 2, date, 10, SQLITE_TRANSIENT);
				sqlite3_bind_text(rv, 3, owners[rng() % 3], -1, SQLITE_STATIC);
				step(db, rv);
				sqlite3_bind_int64(an, 1, sqlite3_last_insert_rowid(db));
				step(db, an);
				++*nrev;
			}
		}
	sqlite3_finalize(ev);
	sqlite3_finalize(ac);
	sqlite3_finalize(rv);
	sqlite3_finalize(an);
}

/* The audit template of the sample: 7 sections, 16 items. */
static const char template_sql[] =
	"INSERT INTO qa_template(id, name, version, passing_score, created)"
	" VALUES (1, 'BPO quality audit', 1, 80, '2015-01-01');"
	"INSERT INTO qa_section(id, template_id, position, key, title) VALUES"
	" (1, 1, 1, 'policies', 'Policies and procedures'),"
	" (2, 1, 2, 'support', 'Level of customer support'),"
	" (3, 1, 3, 'expertise', 'Expertise in the tasks'),"
	" (4, 1, 4, 'business_model', 'Understands our business model'),"
	" (5, 1, 5, 'culture', 'Adapts to our culture'),"
	" (6, 1, 6, 'communication', 'Follows our customer-communication philosophy'),"
	" (7, 1, 7, 'reporting', 'Timely reports and answers');"
	"INSERT INTO qa_item(section_id, position, text, weight, critical, answer_kind) VALUES"
	" (1, 1, 'Documented procedures exist', 2, 0, 'passfail'),"
	" (1, 2, 'Personal data stays in the agreed systems', 3, 1, 'passfail'),"
	" (1, 3, 'Compliance training complete', 1, 0, 'passfail'),"
	" (2, 1, 'Contacts handled politely and completely', 2, 0, 'scale'),"
	" (2, 2, 'Complaints reach us in time', 2, 1, 'passfail'),"
	" (3, 1, 'Agents resolve without hand-off', 2, 0, 'scale'),"
	" (3, 2, 'Knowledge base reviewed', 1, 0, 'passfail'),"
	" (4, 1, 'Knows our customer segments', 2, 0, 'scale'),"
	" (4, 2, 'Handles contacts with our goals in mind', 2, 0, 'scale'),"
	" (5, 1, 'Tone matches our brand guide', 2, 0, 'scale'),"
	" (5, 2, 'Team leads attend culture sessions', 1, 0, 'passfail'),"
	" (6, 1, 'Plain-language style followed', 2, 0, 'scale'),"
	" (6, 2, 'Promises stay within our policy', 2, 1, 'passfail'),"
	" (7, 1, 'Monthly report on time', 2, 0, 'passfail'),"
	" (7, 2, 'Questions answered within 24 hours', 1, 0, 'passfail'),"
	" (7, 3, 'Figures reconcile with ours', 1, 0, 'passfail');";

/* A long observations CSV: partners round-robin, months after end_mi. */
static void gen_csv(const char *path, long np, long rows, int end_mi)
{
	FILE *fp = fopen(path, "w");
	long r;

	if (fp == NULL) {
		fprintf(stderr, "mkbench: %s: %s\n", path, strerror(errno));
		exit(1);
	}
	fputs("partner,metric,period,segment,source,value\n", fp);
	for (r = 0; r < rows; r++) {
		long cell = r / ((long)NMETRIC * NSEG);
		long p = cell % np + 1;
		int mi = end_mi + 1 + (int)(cell / np);
		int m = (int)(r / NSEG % NMETRIC), s = (int)(r % NSEG);
		const struct bench_metric *bm = &metrics[m];

		fprintf(fp, "P%05ld,%s,%04d-%02d,%s,partner,%.1f\n", p, bm->key,
			mi / 12, mi % 12 + 1, segments[s],
			clampd(bm->base + unif() * bm->spread, bm->lo, bm->hi));
	}
	if (fclose(fp) != 0) {
		fprintf(stderr, "mkbench: %s: %s\n", path, strerror(errno));
		exit(1);
	}
}

int main(int argc, char **argv)
{
	long np = 1000, months = 120, seed = 1, csv_rows = 0;
	long nobs, nev, nact, nrev;
	const char *out = NULL, *csv = NULL, *end = "2026-10";
	struct bpw_error err;
	struct store *st;
	sqlite3 *db;
	int i, end_mi, y, mo;

	for (i = 1; i < argc; i++) {
		const char *a = argv[i];

		if (strcmp(a, "--partners") == 0 && i + 1 < argc)
			np = parse_long(argv[++i], a, 1, 100000);
		else if (strcmp(a, "--months") == 0 && i + 1 < argc)
			months = parse_long(argv[++i], a, 0, 600);
		else if (strcmp(a, "--seed") == 0 && i + 1 < argc)
			seed = parse_long(argv[++i], a, 0, 1000000000);
		else if (strcmp(a, "--csv-rows") == 0 && i + 1 < argc)
			csv_rows = parse_long(argv[++i], a, 0, 100000000);
		else if (strcmp(a, "--csv") == 0 && i + 1 < argc)
			csv = argv[++i];
		else if (strcmp(a, "--end") == 0 && i + 1 < argc)
			end = argv[++i];
		else if (a[0] == '-' || out)
			usage();
		else
			out = a;
	}
	if (out == NULL || sscanf(end, "%4d-%2d", &y, &mo) != 2 || mo < 1 || mo > 12)
		usage();
	end_mi = y * 12 + mo - 1;
	rng_state = (uint64_t)seed;
	remove(out);
	bpw_error_clear(&err);
	if (store_open(out, STORE_CREATE, &st, &err) != 0) {
		fprintf(stderr, "mkbench: %s\n", err.msg);
		return 1;
	}
	db = store_db(st);
	exec(db, "PRAGMA journal_mode=DELETE; PRAGMA synchronous=OFF;"
	     " PRAGMA cache_size=-65536; PRAGMA foreign_keys=OFF; BEGIN;"
	     " INSERT OR IGNORE INTO metric(key, name, unit, better, aggregation,"
	     " description) VALUES ('aht_seconds', 'Average handle time', 's',"
	     " 'lower', 'avg', 'Talk, hold and wrap-up time per contact.');");
	exec(db, template_sql);
	gen_partners(db, np);
	nobs = gen_observations(db, np, (int)months, end_mi);
	gen_history(db, np, (int)months, end_mi, &nev, &nact, &nrev);
	exec(db, "COMMIT; PRAGMA journal_mode=WAL;");
	store_close(st);
	if (csv)
		gen_csv(csv, np, csv_rows, end_mi);
	printf("%s: %ld partners, %ld months, %ld observations, %ld events,"
	       " %ld actions, %ld audits\n", out, np, months, nobs, nev, nact, nrev);
	return 0;
}
