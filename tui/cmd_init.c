/* cmd_init.c: `bpowatch init [--sample]`, creating the database file. */
#include <stdio.h>
#include <string.h>
#include <sys/stat.h>

#include "commands.h"
#include "partner.h"
#include "paths.h"
#include "qa_template.h"
#include "store.h"

enum { O_SAMPLE };

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

static int init_run(struct setup *s, const struct cmd_args *a)
{
	struct bpw_error err;
	struct store *st;
	struct stat sb;
	bool sample = false, existed;
	int rc;

	bpw_error_clear(&err);
	sample = cmd_arg(a, O_SAMPLE) != NULL;
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

static const char init_brief[] =
	"  init [--sample]  create the database (--sample: with the sample data)\n";

static const char init_usage[] =
	"usage: bpowatch [--db PATH] init [--sample]\n"
	"\n"
	"Creates the database file (mode 0600) with the current schema. An\n"
	"existing bpowatch database is left as it is (and upgraded if older).\n"
	"  --sample   create it as a copy of the bundled sample data (the file\n"
	"             must not exist yet)\n";

static const struct cmd_option init_options[] = {
	[O_SAMPLE] = { "sample", 0, false },
	{ NULL, 0, false },
};

const struct cmd_entry cmd_init = {
	.name = "init",
	.brief = init_brief,
	.usage = init_usage,
	.options = init_options,
	.max_args = 0,
	.usage_exit = 0,
	.reconfig = true,
	.run = init_run,
};
