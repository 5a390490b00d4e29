/* cmd_audit.c: `bpowatch audit`: the audit trail, every write made through
 * bpowatch (when, who, what, old and new value), as text, CSV or JSON.
 * The trail is only read here; nothing in bpowatch changes it. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "audit.h"
#include "commands.h"
#include "date.h"
#include "sheet.h"
#include "store.h"
#include "text.h"

enum { O_PARTNER, O_SINCE, O_FORMAT };

static const char *const audit_cols[] = {
	"id", "at", "user", "action", "partner", "object", "old", "new",
};

struct audit_out {
	struct sheet *sh;	/* CSV or JSON; NULL for text */
	unsigned flags;		/* text_clean flags for the terminal */
	size_t rows;
};

/* One row of text: when, who, action, partner, then "object: new" for
 * something added, "object: old -> (removed)" for something taken away,
 * else "object: old -> new". */
static void print_text(const struct audit_entry *e, struct audit_out *o)
{
	const char *f[] = { e->user, e->partner, e->object, e->old ? e->old : "",
			    e->new ? e->new : "(removed)" };
	char *c[5];
	size_t i;

	for (i = 0; i < 5; i++)
		c[i] = text_clean(f[i], o->flags, -1);
	printf("%-20s  %-10s %-12s %-6s %s: %s%s%s\n", e->at, c[0], e->action,
	       c[1][0] ? c[1] : "-", c[2], c[3], e->old ? " -> " : "", c[4]);
	for (i = 0; i < 5; i++)
		free(c[i]);
}

static void print_entry(const struct audit_entry *e, void *ctx)
{
	struct audit_out *o = ctx;

	o->rows++;
	if (o->sh == NULL) {
		print_text(e, o);
		return;
	}
	sheet_int(o->sh, e->id);
	sheet_word(o->sh, e->at);
	sheet_text(o->sh, e->user);
	sheet_word(o->sh, e->action);
	sheet_text(o->sh, e->partner);
	sheet_text(o->sh, e->object);
	sheet_note(o->sh, e->old);
	sheet_note(o->sh, e->new);
}

static int audit_run(struct setup *s, const struct cmd_args *a)
{
	const char *partner, *since, *format = "text";
	struct audit_out out = { .flags = text_locale_is_utf8() ? 0 : TEXT_ASCII };
	struct bpw_error err;
	struct store *st;
	int rc;

	partner = cmd_arg(a, O_PARTNER);
	since = cmd_arg(a, O_SINCE);
	if (cmd_arg(a, O_FORMAT))
		format = cmd_arg(a, O_FORMAT);
	if (since && !date_valid(since)) {
		cli_error("audit: --since '%s' is not a date (YYYY-MM-DD)", since);
		return cli_usage("audit");
	}
	if (strcmp(format, "text") != 0 && strcmp(format, "csv") != 0 &&
	    strcmp(format, "json") != 0) {
		cli_error("audit: --format '%s' is not text, csv or json", format);
		return cli_usage("audit");
	}
	bpw_error_clear(&err);
	if (setup_db_path(s, &err) != 0 ||
	    store_open(s->db_path, STORE_READONLY, &st, &err) != 0) {
		cli_report(&err);
		return 1;
	}
	if (strcmp(format, "text") != 0)
		out.sh = sheet_open(stdout, strcmp(format, "csv") == 0 ? SHEET_CSV : SHEET_JSON,
				    audit_cols, sizeof(audit_cols) / sizeof(audit_cols[0]));
	rc = audit_each(st, partner, since, print_entry, &out, &err);
	if (out.sh && sheet_close(out.sh, rc ? NULL : &err) != 0 && rc == 0)
		rc = BPW_EIO;
	if (rc == 0 && out.sh == NULL && out.rows == 0)
		printf("no writes recorded%s%s\n", partner || since ? " that match" : "",
		       partner || since ? " --partner/--since" : "");
	store_close(st);
	if (rc != 0) {
		cli_report(&err);
		return 1;
	}
	return 0;
}

static const char audit_brief[] =
	"  audit [--partner CODE] [--since YYYY-MM-DD] [--format text|csv|json]\n"
	"                   the audit trail: every write, who made it, old and new\n";

static const char audit_usage[] =
	"usage: bpowatch [--db PATH] audit [--partner CODE] [--since YYYY-MM-DD]\n"
	"                [--format text|csv|json]\n"
	"\n"
	"Prints the audit trail, oldest first: every write made through bpowatch\n"
	"(an import, a QA answer or note, an audit started, finalised or deleted,\n"
	"a checklist edit, an audit interval, an event, an action, a partner, a\n"
	"metric), when (UTC), by which OS user, what, the old and the new value.\n"
	"An import has one row for what it added; every value it changed comes\n"
	"just before it, with the import's id and time. bpowatch never changes\n"
	"or deletes a row of the trail.\n"
	"  --partner CODE   only the writes about this partner\n"
	"  --since DAY      only the writes from this day (UTC) on\n"
	"  --format FORMAT  text (default), csv or json\n";

static const struct cmd_option audit_options[] = {
	[O_PARTNER] = { "partner", 0, true },
	[O_SINCE] = { "since", 0, true },
	[O_FORMAT] = { "format", 0, true },
	{ NULL, 0, false },
};

const struct cmd_entry cmd_audit = {
	.name = "audit",
	.brief = audit_brief,
	.usage = audit_usage,
	.options = audit_options,
	.max_args = 0,
	.usage_exit = 0,
	.reconfig = false,
	.run = audit_run,
};
