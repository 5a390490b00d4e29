/* paths.h: where bpowatch finds its files: XDG config and data locations,
 * and the data shipped with the program (installed, or in the build tree). */
#ifndef BPW_PATHS_H
#define BPW_PATHS_H

#include <stdbool.h>
#include <stddef.h>

#include "error.h"

/* Path of a shipped data file ("sample.db", "bpowatch.conf", "themes"):
 * under $BPOWATCH_DATADIR when set; in the source and build tree when the
 * running program is the one built there; else the installed data dir
 * (found relative to the program when its prefix was moved or staged). */
int paths_data_file(const char *name, char *buf, size_t n, struct bpw_error *err);

/* Where pkgdatadir is for a program now in dir that was installed into
 * bindir: dir with bindir's own part (what it does not share with
 * pkgdatadir) replaced by pkgdatadir's ("/tmp/root/usr/bin", "/usr/bin",
 * "/usr/share/bpowatch" -> "/tmp/root/usr/share/bpowatch"). False when
 * dir does not end in that part or buf is too small. */
bool paths_relocate(const char *dir, const char *bindir, const char *pkgdatadir,
		    char *buf, size_t n);

/* The user's configuration file: $XDG_CONFIG_HOME/bpowatch/bpowatch.conf
 * (XDG_CONFIG_HOME defaulting to ~/.config). */
int paths_user_config(char *buf, size_t n, struct bpw_error *err);

/* The default database: $XDG_DATA_HOME/bpowatch/bpowatch.db
 * (XDG_DATA_HOME defaulting to ~/.local/share). */
int paths_default_db(char *buf, size_t n, struct bpw_error *err);

/* Copies path to buf, replacing a leading "~/" by $HOME. */
int paths_expand_home(const char *path, char *buf, size_t n, struct bpw_error *err);

/* Creates the directories above path that are missing (mode 0700). */
int paths_make_parents(const char *path, struct bpw_error *err);

#endif
