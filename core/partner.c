/* partner.c: storing and loading partners. */
#include "partner.h"

#include <ctype.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "audit.h"
#include "date.h"
#include "sheet.h"
#include "xalloc.h"

#define PARTNER_COLUMNS \
	"id, code, name, site, country, services, contract_start, " \
	"contract_end, annual_value, currency, owner, notes, archived"

static const char sql_insert[] =
	"INSERT INTO partner(code, name, site, country, services, contract_start,"
	" contract_end, annual_value, currency, owner, notes, archived)"
	" VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12)";
static const char sql_update[] =
	"UPDATE partner SET code = ?1, name = ?2, site = ?3, country = ?4,"
	" services = ?5, contract_start = ?6, contract_end = ?7,"
	" annual_value = ?8, currency = ?9, owner = ?10, notes = ?11,"
	" archived = ?12 WHERE id = ?13";
static const char sql_by_id[] =
	"SELECT " PARTNER_COLUMNS " FROM partner WHERE id = ?1";
static const char sql_find[] =
	"SELECT " PARTNER_COLUMNS " FROM partner WHERE code = ?1";
static const char sql_list[] =
	"SELECT " PARTNER_COLUMNS " FROM partner"
	" WHERE archived = 0 OR ?1 ORDER BY name COLLATE NOCASE, code";

int partner_validate(const struct partner *p, struct bpw_error *err)
{
	const char *c;

	if (p->code == NULL || p->code[0] == '\0' || strlen(p->code) > 16)
		return bpw_error_set(err, BPW_EINVAL,
				     "partner code must be 1 to 16 characters");
	for (c = p->code; *c; c++)
		if (!isalnum((unsigned char)*c) && *c != '_' && *c != '-')
			return bpw_error_set(err, BPW_EINVAL,
					     "partner code may hold only letters, "
					     "digits, '_' and '-'");
	if (p->name == NULL || p->name[0] == '\0')
		return bpw_error_set(err, BPW_EINVAL, "partner %s has no name",
				     p->code);
	if (p->contract_start && *p->contract_start && !date_valid(p->contract_start))
		return bpw_error_set(err, BPW_EINVAL,
				     "contract start is not a date (YYYY-MM-DD)");
	if (p->contract_end && *p->contract_end && !date_valid(p->contract_end))
		return bpw_error_set(err, BPW_EINVAL,
				     "contract end is not a date (YYYY-MM-DD)");
	if (p->has_value && (!isfinite(p->annual_value) || p->annual_value < 0))
		return bpw_error_set(err, BPW_EINVAL,
				     "annual value must be a number of 0 or more");
	return 0;
}

static void bind_fields(sqlite3_stmt *q, const struct partner *p)
{
	store_bind_text(q, 1, p->code, false);
	store_bind_text(q, 2, p->name, false);
	store_bind_text(q, 3, p->site ? p->site : "", false);
	store_bind_text(q, 4, p->country ? p->country : "", false);
	store_bind_text(q, 5, p->services ? p->services : "", false);
	store_bind_text(q, 6, p->contract_start, true);
	store_bind_text(q, 7, p->contract_end, true);
	if (p->has_value)
		sqlite3_bind_double(q, 8, p->annual_value);
	else
		sqlite3_bind_null(q, 8);
	store_bind_text(q, 9, p->currency && *p->currency ? p->currency : "EUR", false);
	store_bind_text(q, 10, p->owner ? p->owner : "", false);
	store_bind_text(q, 11, p->notes ? p->notes : "", false);
	sqlite3_bind_int(q, 12, p->archived);
}

static void read_row(sqlite3_stmt *q, void *elem);

/* One audit row per field that p changes in was. */
static int audit_changes(struct store *st, const struct partner *was,
			 const struct partner *p, struct bpw_error *err)
{
	char v0[32] = "", v1[32] = "";
	const char *fields[][3] = {
		{ "code", was->code, p->code },
		{ "name", was->name, p->name },
		{ "site", was->site, p->site },
		{ "country", was->country, p->country },
		{ "services", was->services, p->services },
		{ "contract start", was->contract_start, p->contract_start },
		{ "contract end", was->contract_end, p->contract_end },
		{ "annual value", v0, v1 },
		{ "currency", was->currency, p->currency && *p->currency ? p->currency : "EUR" },
		{ "owner", was->owner, p->owner },
		{ "notes", was->notes, p->notes },
		{ "archived", was->archived ? "yes" : "no", p->archived ? "yes" : "no" },
	};
	size_t i;
	int rc = 0;

	if (was->has_value)
		sheet_format_number(was->annual_value, '.', v0, sizeof(v0));
	if (p->has_value)
		sheet_format_number(p->annual_value, '.', v1, sizeof(v1));
	for (i = 0; rc == 0 && i < sizeof(fields) / sizeof(fields[0]); i++) {
		const char *a = fields[i][1] ? fields[i][1] : "";
		const char *b = fields[i][2] ? fields[i][2] : "";

		if (strcmp(a, b) != 0)
			rc = audit_appendf(st, "partner", p->id, a, b, err, "%s", fields[i][0]);
	}
	return rc;
}

/* The stored partner with p's id, into *was (the caller clears it). */
static int load_by_id(struct store *st, int64_t id, struct partner *was,
		      struct bpw_error *err)
{
	sqlite3_stmt *q;
	int rc = store_cached(st, sql_by_id, &q, err);

	if (rc != 0)
		return rc;
	sqlite3_bind_int64(q, 1, id);
	rc = sqlite3_step(q);
	if (rc == SQLITE_ROW)
		read_row(q, was);
	sqlite3_reset(q);
	if (rc == SQLITE_ROW)
		return 0;
	return rc == SQLITE_DONE ? bpw_error_set(err, BPW_ENOENT, "no partner with id %lld",
						 (long long)id)
				 : store_fail(st, rc, err, "cannot read partner");
}

/* Runs a prepared insert or update of p. */
static int partner_write(struct store *st, const char *sql,
			 const struct partner *p, int64_t *id,
			 struct bpw_error *err)
{
	sqlite3_stmt *q;
	bool own;
	int rc;

	rc = partner_validate(p, err);
	if (rc != 0)
		return rc;
	struct partner was = { 0 };

	rc = store_tx_enter(st, &own, err);
	if (rc != 0)
		return rc;
	if (sql == sql_update)
		rc = load_by_id(st, p->id, &was, err);
	if (rc == 0)
		rc = store_cached(st, sql, &q, err);
	if (rc == 0) {
		bind_fields(q, p);
		if (sql == sql_update)
			sqlite3_bind_int64(q, 13, p->id);
		rc = sqlite3_step(q);
		sqlite3_reset(q);
		if (rc == SQLITE_DONE && sql == sql_update) {
			rc = audit_changes(st, &was, p, err);
		} else if (rc == SQLITE_DONE) {
			int64_t new_id = sqlite3_last_insert_rowid(store_db(st));

			rc = audit_appendf(st, "partner", new_id, NULL, p->name, err, "new");
			if (id)
				*id = new_id;
		} else if (rc == SQLITE_CONSTRAINT_UNIQUE) {
			rc = bpw_error_set(err, BPW_EEXIST,
					   "a partner with code %s already exists",
					   p->code);
		} else {
			rc = store_fail(st, rc, err, "cannot save partner");
		}
	}
	partner_clear(&was);
	return store_tx_leave(st, own, rc, err);
}

int partner_add(struct store *st, const struct partner *p, int64_t *id,
		struct bpw_error *err)
{
	return partner_write(st, sql_insert, p, id, err);
}

int partner_update(struct store *st, const struct partner *p,
		   struct bpw_error *err)
{
	return partner_write(st, sql_update, p, NULL, err);
}

static void read_row(sqlite3_stmt *q, void *elem)
{
	struct partner *p = elem;
	const struct store_text_col texts[] = {
		{ 1, &p->code, false }, { 2, &p->name, false },
		{ 3, &p->site, false }, { 4, &p->country, false },
		{ 5, &p->services, false }, { 6, &p->contract_start, true },
		{ 7, &p->contract_end, true }, { 9, &p->currency, false },
		{ 10, &p->owner, false }, { 11, &p->notes, false },
	};

	p->id = sqlite3_column_int64(q, 0);
	p->strings = store_column_texts(q, texts, sizeof(texts) / sizeof(texts[0]));
	p->has_value = sqlite3_column_type(q, 8) != SQLITE_NULL;
	p->annual_value = sqlite3_column_double(q, 8);
	p->archived = sqlite3_column_int(q, 12) != 0;
}

int partner_get(struct store *st, int64_t id, struct partner *out,
		struct bpw_error *err)
{
	memset(out, 0, sizeof(*out));
	return load_by_id(st, id, out, err);
}

int partner_set_archived(struct store *st, int64_t id, bool archived,
			 struct bpw_error *err)
{
	struct partner p;
	bool own;
	int rc;

	rc = store_tx_enter(st, &own, err);
	if (rc != 0)
		return rc;
	rc = partner_get(st, id, &p, err);
	if (rc == 0 && p.archived != archived) {
		p.archived = archived;
		rc = partner_update(st, &p, err);
	}
	partner_clear(&p);
	return store_tx_leave(st, own, rc, err);
}

int partner_find(struct store *st, const char *code, struct partner *out,
		 struct bpw_error *err)
{
	sqlite3_stmt *q;
	int rc;

	memset(out, 0, sizeof(*out));
	rc = store_cached(st, sql_find, &q, err);
	if (rc != 0)
		return rc;
	store_bind_text(q, 1, code, false);
	rc = sqlite3_step(q);
	if (rc == SQLITE_ROW) {
		read_row(q, out);
		rc = 0;
	} else if (rc == SQLITE_DONE) {
		rc = bpw_error_set(err, BPW_ENOENT, "no partner with code %s", code);
	} else {
		rc = store_fail(st, rc, err, "cannot read partner");
	}
	sqlite3_reset(q);
	return rc;
}

int partner_list(struct store *st, bool with_archived, struct partner_list *out,
		 struct bpw_error *err)
{
	sqlite3_stmt *q;
	int rc;

	memset(out, 0, sizeof(*out));
	rc = store_cached(st, sql_list, &q, err);
	if (rc != 0)
		return rc;
	sqlite3_bind_int(q, 1, with_archived);
	rc = store_fetch_rows(st, q, sizeof(*out->items), read_row,
			      (void **)&out->items, &out->count, err,
			      "cannot list partners");
	if (rc != 0)
		partner_list_free(out);
	return rc;
}

void partner_clear(struct partner *p)
{
	if (p == NULL)
		return;
	free(p->strings);
	memset(p, 0, sizeof(*p));
}

void partner_list_free(struct partner_list *list)
{
	XLIST_FREE(list, partner_clear);
}
