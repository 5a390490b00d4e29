/* cmd_audit.c: `bpowatch audit`: the audit trail, every write made through
 * bpowatch (when, who, what, old and new value), as text, CSV or JSON.
 * The trail is only read here; nothing in bpowatch changes it. */
#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "audit.h"
#include "commands.h"
#include "date.h"
#include "sheet.h"
#include "store.h"
#include "text.h"

enum { OPT_DB = 256, OPT_CONFIG, OPT_PARTNER, OPT_SINCE, OPT_FORMAT };

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

int cmd_audit(struct setup *s, int argc, char **argv)
{
	static const struct option opts[] = {
		{ "partner", required_argument, NULL, OPT_PARTNER },
		{ "since", required_argument, NULL, OPT_SINCE },
		{ "format", required_argument, NULL, OPT_FORMAT },
		{ "db", required_argument, NULL, OPT_DB },
		{ "config", required_argument, NULL, OPT_CONFIG },
		{ "help", no_argument, NULL, 'h' },
		{ NULL, 0, NULL, 0 },
	};
	const char *partner = NULL, *since = NULL, *format = "text";
	struct audit_out out = { .flags = text_locale_is_utf8() ? 0 : TEXT_ASCII };
	struct bpw_error err;
	struct store *st;
	int opt, rc;

	optind = 0;
	while ((opt = getopt_long(argc, argv, "h", opts, NULL)) != -1) {
		switch (opt) {
		case OPT_PARTNER:
			partner = optarg;
			continue;
		case OPT_SINCE:
			since = optarg;
			continue;
		case OPT_FORMAT:
			format = optarg;
			continue;
		default:
			break;
		}
		rc = cli_common_option(s, opt, optarg, "audit");
		if (rc < 0)
			return 0;
		if (rc == 0) {
			cli_error("audit: unknown option %s", argv[optind - 1]);
			return cli_usage("audit");
		}
	}
	if (optind < argc) {
		cli_error("audit: unexpected argument '%s'", argv[optind]);
		return cli_usage("audit");
	}
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
