/* cmd_init.c: `bpowatch init [--sample]`, creating the database file. */
#include <getopt.h>
#include <stdio.h>
#include <string.h>
#include <sys/stat.h>

#include "commands.h"
#include "partner.h"
#include "paths.h"
#include "qa_template.h"
#include "store.h"

enum { OPT_SAMPLE = 300, OPT_DB = 256, OPT_CONFIG };

static int init_sample(const char *path, struct bpw_error *err)
{
	struct store *src, *dst;
	struct partner_list pl;
	int rc;

	rc = setup_open_sample(&src, err);
	if (rc != 0)
		return rc;
	rc = store_copy_to(src, path, err);
	store_close(src);
	if (rc != 0)
		return rc;
	rc = store_open(path, 0, &dst, err);
	if (rc != 0)
		return rc;
	rc = partner_list(dst, true, &pl, err);
	if (rc == 0) {
		printf("created %s with the sample data (%zu partners, schema "
		       "version %d)\n", path, pl.count, store_schema_version(dst));
		partner_list_free(&pl);
	}
	store_close(dst);
	return rc;
}

/* A new database starts with the default QA checklist. */
static int add_default_template(struct store *st)
{
	char path[PATH_MAX];
	struct bpw_error err;
	int64_t id;

	bpw_error_clear(&err);
	if (paths_data_file("qa-default.conf", path, sizeof(path), &err) != 0 ||
	    qa_template_import(st, path, &id, &err) != 0) {
		cli_report(&err);
		return 1;
	}
	printf("added the default QA checklist (`bpowatch qa template list`)\n");
	return 0;
}

int cmd_init(struct setup *s, int argc, char **argv)
{
	static const struct option opts[] = {
		{ "sample", no_argument, NULL, OPT_SAMPLE },
		{ "db", required_argument, NULL, OPT_DB },
		{ "config", required_argument, NULL, OPT_CONFIG },
		{ "help", no_argument, NULL, 'h' },
		{ NULL, 0, NULL, 0 },
	};
	struct bpw_error err;
	struct store *st;
	struct stat sb;
	const char *config_before = s->config_opt;
	bool sample = false, existed;
	int opt, rc;

	bpw_error_clear(&err);
	optind = 0;	/* 0: a full reset of GNU getopt after main's pass */
	while ((opt = getopt_long(argc, argv, "h", opts, NULL)) != -1) {
		if (opt == OPT_SAMPLE) {
			sample = true;
			continue;
		}
		rc = cli_common_option(s, opt, optarg, "init");
		if (rc < 0)
			return 0;
		if (rc == 0) {
			cli_error("init: unknown option %s", argv[optind - 1]);
			return cli_usage("init");
		}
	}
	if (optind < argc) {
		cli_error("init: unexpected argument '%s'", argv[optind]);
		return cli_usage("init");
	}
	if (cli_config_again(s, config_before) != 0)
		return 1;
	if (s->read_only_opt) {
		cli_error("init creates a database; it does not go with --read-only");
		return cli_usage("init");
	}
	if (setup_db_path(s, &err) != 0 ||
	    (s->db_is_default && paths_make_parents(s->db_path, &err) != 0)) {
		cli_report(&err);
		return 1;
	}
	existed = stat(s->db_path, &sb) == 0;
	if (sample) {
		if (existed) {
			cli_error("%s already exists; init --sample only creates a "
				  "new file (nothing was changed)", s->db_path);
			return 1;
		}
		if (init_sample(s->db_path, &err) != 0) {
			cli_report(&err);
			return 1;
		}
		return 0;
	}
	rc = store_open(s->db_path, STORE_CREATE, &st, &err);
	if (rc != 0) {
		cli_report(&err);
		return 1;
	}
	if (existed && sb.st_size > 0) {
		printf("%s is already a bpowatch database (schema version %d)\n",
		       s->db_path, store_schema_version(st));
	} else {
		printf("created %s (schema version %d)\n", s->db_path,
		       store_schema_version(st));
		rc = add_default_template(st);
	}
	store_close(st);
	return rc;
}
