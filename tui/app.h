/* app.h: the dashboard's main loop: screen stack, keys, resize, signals. */
#ifndef BPW_APP_H
#define BPW_APP_H

#include <stdbool.h>

#include "config.h"
#include "store.h"
#include "view.h"

#define APP_MAX_VIEWS 8

struct app {
	struct store *store;
	const struct config *cfg;
	const char *db_label;	/* how the status bar names the database */
	struct view *views[APP_MAX_VIEWS];
	int nviews;
	char message[256];	/* one-line message for the status bar */
	int rows, cols;
};

/* Runs the dashboard on an open store until the user quits or a signal
 * arrives. The terminal is started and stopped here. Returns the exit code:
 * 0, 1 on error (message written to stderr by the caller from msg), or
 * 128+signal when ended by SIGTERM/SIGHUP/SIGINT. */
int app_run(struct store *store, const struct config *cfg, const char *db_label,
	    bool ascii, bool no_color, char *msg, size_t mn);

#endif
