/* cmd_explain.c: `bpowatch explain`: the arithmetic behind a partner's
 * health score and status, an indicator or one rule (core/explain.c). */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/ioctl.h>
#include <unistd.h>

#include "commands.h"
#include "date.h"
#include "explain.h"
#include "indicator.h"
#include "json.h"
#include "store.h"
#include "strbuf.h"
#include "text.h"

enum { O_AS_OF, O_FORMAT };

/* The indicator named by key or by its number (1..n), or -1. */
static long find_indicator(const struct partner_result *pr, const char *name)
{
	char *end;
	long n = strtol(name, &end, 10);
	size_t i;

	if (*end == '\0' && n >= 1 && (size_t)n <= pr->ninds)
		return n - 1;
	for (i = 0; i < pr->ninds; i++)
		if (strcmp(pr->inds[i].ind->key, name) == 0)
			return (long)i;
	return -1;
}

static long find_rule(const struct indicator_result *ir, const char *name)
{
	size_t i;

	for (i = 0; i < ir->nrules; i++)
		if (strcmp(ir->rules[i].rule->key, name) == 0)
			return (long)i;
	return -1;
}

/* The terminal's width when standard output is one, else 0 (a pipe or a
 * file gets the lines whole). */
static int out_width(void)
{
	struct winsize ws;

	if (!isatty(STDOUT_FILENO))
		return 0;
	if (ioctl(STDOUT_FILENO, TIOCGWINSZ, &ws) == 0 && ws.ws_col > 0)
		return ws.ws_col;
	return 80;
}

/* Writes the explanation for the terminal or a pipe: neutralised, lines
 * kept; on a terminal each line wraps at its width, keeping its indent. */
static void print_clean(const char *text)
{
	char *c = text_clean(text, TEXT_NEWLINES | (text_locale_is_utf8() ? 0 : TEXT_ASCII), -1);
	int w = out_width();
	char *p = c;

	while (w > 0 && *p) {
		size_t len = strcspn(p, "\n");
		char save = p[len], *line;

		p[len] = '\0';
		line = text_wrap(p, w);
		fputs(line, stdout);
		free(line);
		if (save)
			fputc('\n', stdout);
		p += len + (save != '\0');
	}
	if (w <= 0)
		fputs(c, stdout);
	free(c);
}

/* The explanation asked for (ind/rule -1: all of it / the indicator). */
static int explain_out(const struct evaluation *ev, const struct partner_result *pr,
		       long ind, long rule, bool json)
{
	struct strbuf b = { 0 };
	size_t j;

	if (json && rule >= 0) {
		explain_rule_json(ev, &pr->inds[ind].rules[rule], &b);
	} else if (json) {
		strbuf_add(&b, "{\"code\":");
		json_string(&b, pr->code);
		strbuf_add(&b, ",\"health_explain\":");
		explain_health_json(ev, pr, &b);
		strbuf_add(&b, ",\"rules\":[");
		for (j = 0; ind >= 0 && j < pr->inds[ind].nrules; j++) {
			if (j)
				strbuf_add(&b, ",");
			explain_rule_json(ev, &pr->inds[ind].rules[j], &b);
		}
		strbuf_add(&b, "]}");
	} else if (rule >= 0) {
		explain_rule_text(ev, &pr->inds[ind].rules[rule], &b);
	} else if (ind >= 0) {
		explain_indicator_text(ev, &pr->inds[ind], &b);
	} else {
		explain_partner_text(ev, pr, &b);
	}
	if (json) {
		fputs(strbuf_str(&b), stdout);
		fputs("\n", stdout);
	} else {
		print_clean(strbuf_str(&b));
	}
	strbuf_free(&b);
	return 0;
}

static int explain_run(struct setup *s, const struct cmd_args *a)
{
	const char *code, *format = "text", *v;
	char as_of[DATE_LEN], today[DATE_LEN];
	bool have_as_of = false;
	struct evaluation ev;
	struct bpw_error err;
	struct store *st;
	long p, ind = -1, rule = -1;
	int rc;

	if ((v = cmd_arg(a, O_AS_OF)) != NULL) {
		if (!cli_month(v, as_of)) {
			cli_error("explain: --as-of '%s' is not a month (YYYY-MM)", v);
			return cli_usage("explain");
		}
		have_as_of = true;
	}
	if ((v = cmd_arg(a, O_FORMAT)) != NULL)
		format = v;
	if (strcmp(format, "text") != 0 && strcmp(format, "json") != 0) {
		cli_error("explain: --format '%s' is not text or json", format);
		return cli_usage("explain");
	}
	if (a->argc < 1 || a->argc > 3) {
		cli_error("explain: give a partner code, and maybe an indicator and a rule");
		return cli_usage("explain");
	}
	code = a->argv[0];
	bpw_error_clear(&err);
	if (setup_db_path(s, &err) != 0 ||
	    store_open(s->db_path, STORE_READONLY, &st, &err) != 0) {
		cli_report(&err);
		return 1;
	}
	date_today(today);
	rc = indicator_evaluate_traced(st, s->cfg.rules, have_as_of ? as_of : NULL, today,
				       code, &ev, &err);
	store_close(st);
	if (rc != 0) {
		cli_report(&err);
		indicator_free(&ev);
		return 1;
	}
	rc = 1;
	p = indicator_find(&ev, code);
	if (p < 0) {
		cli_error("explain: no active partner with code '%s' in %s", code, s->db_path);
		goto out;
	}
	if (a->argc >= 2) {
		ind = find_indicator(&ev.partners[p], a->argv[1]);
		if (ind < 0) {
			cli_error("explain: %s has no indicator '%s' (give its key, e.g. "
				  "customer_satisfaction, or its number 1-%zu)", code,
				  a->argv[1], ev.partners[p].ninds);
			goto out;
		}
	}
	if (a->argc == 3) {
		rule = find_rule(&ev.partners[p].inds[ind], a->argv[2]);
		if (rule < 0) {
			cli_error("explain: the indicator %s has no rule '%s'",
				  ev.partners[p].inds[ind].ind->key, a->argv[2]);
			goto out;
		}
	}
	rc = explain_out(&ev, &ev.partners[p], ind, rule, strcmp(format, "json") == 0);
out:
	indicator_free(&ev);
	return rc;
}

static const char explain_brief[] =
	"  explain CODE [INDICATOR [RULE]] [--as-of YYYY-MM] [--format text|json]\n"
	"                   the arithmetic behind a score, a status or a rule\n";

static const char explain_usage[] =
	"usage: bpowatch [--db PATH] explain CODE [INDICATOR [RULE]]\n"
	"                [--as-of YYYY-MM] [--format text|json]\n"
	"\n"
	"Shows the whole arithmetic behind a partner's health score and status,\n"
	"one indicator (by key, e.g. customer_satisfaction, or number 1-8) or one\n"
	"rule of it: the figures each rule read (month, segment, source, value),\n"
	"the rule and its thresholds with the config file and line each came\n"
	"from, the metric's direction, the portfolio median, the cause check,\n"
	"N/A items and critical fails in QA scores, the indicator weights behind\n"
	"the health score, and the month judged.\n"
	"  --as-of YYYY-MM  judge that month (default: the month judged today)\n"
	"  --format FORMAT  text (default) or json\n";

static const struct cmd_option explain_options[] = {
	[O_AS_OF] = { "as-of", 0, true },
	[O_FORMAT] = { "format", 0, true },
	{ NULL, 0, false },
};

const struct cmd_entry cmd_explain = {
	.name = "explain",
	.brief = explain_brief,
	.usage = explain_usage,
	.options = explain_options,
	.max_args = -1,
	.usage_exit = 0,
	.reconfig = true,
	.run = explain_run,
};
