/* setup.c: configuration and database location, shared by every command. */
#include "setup.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "keymap.h"
#include "paths.h"
#include "text.h"
#include "xalloc.h"

int setup_config(struct setup *s, struct bpw_error *err)
{
	char installed[PATH_MAX], user[PATH_MAX];
	struct bpw_error e2;
	int rc, first = 0;

	config_defaults(&s->cfg);
	rc = paths_data_file("bpowatch.conf", installed, sizeof(installed), err);
	if (rc != 0)
		return rc;
	/* Without it there are no indicators, and `check` would say all is
	 * well: a broken installation must not pass silently. */
	if (access(installed, F_OK) != 0)
		diag_add(&s->report, DIAG_WARNING, installed, 0,
				  "the installed default configuration is missing, "
				  "so no indicators are defined (reinstall bpowatch, "
				  "or set BPOWATCH_DATADIR to its data directory)");
	/* Keep going after a bad file so `config check` reports everything. */
	else if (config_merge_file(&s->cfg, installed, false, &s->report, err) != 0)
		first = BPW_ECONFIG;
	if (s->config_opt) {
		rc = config_merge_file(&s->cfg, s->config_opt, true, &s->report,
				       first ? &e2 : err);
	} else {
		rc = paths_user_config(user, sizeof(user), &e2);
		if (rc == 0)
			rc = config_merge_file(&s->cfg, user, false, &s->report,
					       first ? &e2 : err);
		else
			rc = 0;	/* no $HOME: no user file to read */
	}
	if (config_finish(&s->cfg, &s->report, first || rc ? &e2 : err) != 0 &&
	    !first && !rc)
		rc = BPW_ECONFIG;
	if (keymap_load(&s->cfg, &s->report) != 0 && !first && !rc) {
		size_t i;

		rc = BPW_ECONFIG;
		for (i = 0; i < s->report.count; i++)
			if (s->report.diags[i].level == DIAG_ERROR) {
				bpw_error_set_at(err, rc, s->report.diags[i].file,
						 s->report.diags[i].line, 0, "%s",
						 s->report.diags[i].msg);
				break;
			}
	}
	if (s->theme_opt) {
		free(s->cfg.theme);
		s->cfg.theme = xstrdup(s->theme_opt);
		snprintf(s->cfg.theme_file, sizeof(s->cfg.theme_file), "--theme");
		s->cfg.theme_line = 0;
	}
	diag_sort(&s->report);
	return first ? first : rc;
}

int setup_db_path(struct setup *s, struct bpw_error *err)
{
	const char *env = getenv("BPOWATCH_DB");

	s->db_is_default = false;
	if (s->db_opt && *s->db_opt)
		return paths_expand_home(s->db_opt, s->db_path, sizeof(s->db_path), err);
	if (env && *env)
		return paths_expand_home(env, s->db_path, sizeof(s->db_path), err);
	if (s->cfg.database && *s->cfg.database)
		return paths_expand_home(s->cfg.database, s->db_path,
					 sizeof(s->db_path), err);
	s->db_is_default = true;
	return paths_default_db(s->db_path, sizeof(s->db_path), err);
}

void setup_print_report(const struct setup *s, bool errors_only)
{
	setup_print_problems(&s->report, errors_only);
}

void setup_print_problems(const struct diag_report *rep, bool errors_only)
{
	char line[1024], *clean;
	size_t i;

	for (i = 0; i < rep->count; i++) {
		if (errors_only && rep->diags[i].level != DIAG_ERROR)
			continue;
		diag_format(&rep->diags[i], line, sizeof(line));
		clean = text_clean(line, text_locale_is_utf8() ? 0 : TEXT_ASCII, -1);
		fprintf(stderr, "%s\n", clean);
		free(clean);
	}
}

int setup_open_sample(struct store **out, struct bpw_error *err)
{
	char path[PATH_MAX], why[sizeof(err->msg)];
	int rc;

	rc = paths_data_file("sample.db", path, sizeof(path), err);
	if (rc != 0)
		return rc;
	rc = store_open(path, STORE_READONLY, out, err);
	if (rc == BPW_ENOENT)
		return bpw_error_set(err, rc, "the bundled sample data is missing "
				     "(%s): reinstall bpowatch, run `make` in "
				     "its source tree, or set BPOWATCH_DATADIR",
				     path);
	if (rc != 0) {
		memcpy(why, err->msg, sizeof(why));
		return bpw_error_set(err, rc, "cannot open the sample data: %s", why);
	}
	return 0;
}

void setup_free(struct setup *s)
{
	config_free(&s->cfg);
	diag_free(&s->report);
}

unsigned setup_write_flags(const struct setup *s)
{
	return s->read_only_opt || config_read_only_for(&s->cfg, s->db_path)
		? STORE_READONLY : 0;
}
