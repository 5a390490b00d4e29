/* cmd_explain.c: `bpowatch explain`: the arithmetic behind a partner's
 * health score and status, an indicator or one rule (core/explain.c). */
#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "commands.h"
#include "date.h"
#include "explain.h"
#include "indicator.h"
#include "json.h"
#include "store.h"
#include "strbuf.h"
#include "text.h"

enum { OPT_DB = 256, OPT_CONFIG, OPT_AS_OF, OPT_FORMAT };

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

/* Writes the explanation for the terminal or a pipe: neutralised, lines
 * kept. */
static void print_clean(const char *text)
{
	char *c = text_clean(text, TEXT_NEWLINES | (text_locale_is_utf8() ? 0 : TEXT_ASCII), -1);

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

int cmd_explain(struct setup *s, int argc, char **argv)
{
	static const struct option opts[] = {
		{ "as-of", required_argument, NULL, OPT_AS_OF },
		{ "format", required_argument, NULL, OPT_FORMAT },
		{ "db", required_argument, NULL, OPT_DB },
		{ "config", required_argument, NULL, OPT_CONFIG },
		{ "help", no_argument, NULL, 'h' },
		{ NULL, 0, NULL, 0 },
	};
	const char *config_before = s->config_opt, *code, *format = "text";
	char as_of[DATE_LEN], today[DATE_LEN];
	bool have_as_of = false;
	struct evaluation ev;
	struct bpw_error err;
	struct store *st;
	long p, ind = -1, rule = -1;
	int opt, rc;

	optind = 0;
	while ((opt = getopt_long(argc, argv, "h", opts, NULL)) != -1) {
		switch (opt) {
		case OPT_AS_OF:
			if (!cli_month(optarg, as_of)) {
				cli_error("explain: --as-of '%s' is not a month (YYYY-MM)", optarg);
				return cli_usage("explain");
			}
			have_as_of = true;
			continue;
		case OPT_FORMAT:
			format = optarg;
			continue;
		default:
			break;
		}
		rc = cli_common_option(s, opt, optarg, "explain");
		if (rc < 0)
			return 0;
		if (rc == 0) {
			cli_error("explain: unknown option %s", argv[optind - 1]);
			return cli_usage("explain");
		}
	}
	if (strcmp(format, "text") != 0 && strcmp(format, "json") != 0) {
		cli_error("explain: --format '%s' is not text or json", format);
		return cli_usage("explain");
	}
	if (optind >= argc || argc - optind > 3) {
		cli_error("explain: give a partner code, and maybe an indicator and a rule");
		return cli_usage("explain");
	}
	code = argv[optind];
	if (cli_config_again(s, config_before) != 0)
		return 1;
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
	if (argc - optind >= 2) {
		ind = find_indicator(&ev.partners[p], argv[optind + 1]);
		if (ind < 0) {
			cli_error("explain: %s has no indicator '%s' (give its key, e.g. "
				  "customer_satisfaction, or its number 1-%zu)", code,
				  argv[optind + 1], ev.partners[p].ninds);
			goto out;
		}
	}
	if (argc - optind == 3) {
		rule = find_rule(&ev.partners[p].inds[ind], argv[optind + 2]);
		if (rule < 0) {
			cli_error("explain: the indicator %s has no rule '%s'",
				  ev.partners[p].inds[ind].ind->key, argv[optind + 2]);
			goto out;
		}
	}
	rc = explain_out(&ev, &ev.partners[p], ind, rule, strcmp(format, "json") == 0);
out:
	indicator_free(&ev);
	return rc;
}
