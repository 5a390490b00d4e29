/* names.c: prints every name the loaders accept, from their own tables,
 * for test_manpages.sh: settings, rule parameters and kinds, theme roles,
 * and the dashboard's actions with their default keys. One name a line:
 * "setting database", "action up k Up". */
#include <stdio.h>

#include "config.h"
#include "keymap.h"
#include "rules.h"
#include "theme.h"

int main(void)
{
	size_t i;
	int k;

	for (i = 0; i < config_key_count(); i++)
		printf("setting %s\n", config_key_name(i));
	for (i = 0; i < rule_param_count(); i++)
		printf("param %s\n", rule_param_name(i));
	for (k = 0; k < RULE_KIND_COUNT; k++)
		printf("kind %s\n", rule_kind_name((enum rule_kind)k));
	for (k = 0; k < ROLE_COUNT; k++)
		printf("role %s\n", theme_role_name((enum theme_role)k));
	for (k = 1; k < ACT_COUNT; k++) {
		char keys[128];

		printf("action %s %s\n", keymap_action_name((enum action)k),
		       keymap_keys((enum action)k, keys, sizeof(keys)));
	}
	return ferror(stdout) ? 1 : 0;
}
