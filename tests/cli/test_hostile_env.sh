#!/bin/sh
# test_hostile_env.sh: a hostile environment gets a clear error, a non-zero
# exit and no change: a file-size limit hit in the middle of an import (as
# a full disk), a truncated, a corrupted and a non-SQLite database file,
# the dashboard with standard output not a terminal, no HOME and no XDG
# directories; a database the user may not write (the file, its directory,
# or the -wal file beside it) and a home directory the user may not write,
# as the user "nobody" when the tests run as root.
. "$SRCDIR/tests/lib.sh"
if ! command -v sqlite3 >/dev/null; then
	echo "1..0 # SKIP sqlite3 command-line tool not installed"; exit 0
fi
S=$BUILDDIR/sample-db/sample.db
out=$T_TMP/out err=$T_TMP/err

# 1. The disk fills up (ulimit -f) during a 200,000-row import.
"$BUILDDIR/tests/bench/mkbench" --partners 50 --months 0 --csv "$T_TMP/in.csv" \
	--csv-rows 200000 "$T_TMP/full.db" >/dev/null || { echo "Bail out! mkbench"; exit 1; }
cp "$T_TMP/full.db" "$T_TMP/full.orig"
(ulimit -f 2000; exec "$BPOWATCH" --db "$T_TMP/full.db" import "$T_TMP/in.csv") >"$out" 2>"$err"
t_status 1 $? "import past the file-size limit fails (not killed by SIGXFSZ)"
# Said as the write or the commit meets the limit.
grep -q "file-size limit.*; nothing was changed" "$err"
t_ok $? "the error says the disk could not be written past the file-size limit, and that nothing changed"
[ "$(sqlite3 "$T_TMP/full.db" "PRAGMA integrity_check")" = ok ]; t_ok $? "the database is whole"
[ "$(sqlite3 "$T_TMP/full.db" "SELECT count(*) FROM observation")" = 0 ]; t_ok $? "and holds none of the rows"
"$BPOWATCH" --db "$T_TMP/full.db" import "$T_TMP/in.csv" >/dev/null 2>&1
t_status 0 $? "without the limit the same import then succeeds"

# 2. Damaged files: refused with their name, left byte for byte as they were.
# Cut mid-page at about two thirds: what a copy that ran out of disk leaves.
head -c $(( $(wc -c <"$S") * 2 / 3 + 100 )) "$S" >"$T_TMP/trunc.db"
cp "$S" "$T_TMP/corrupt.db"; chmod 600 "$T_TMP/corrupt.db"
# Garbage over the root page of the table every check reads.
root=$(sqlite3 "$S" "SELECT rootpage FROM sqlite_schema WHERE name = 'obs'")
psize=$(sqlite3 "$S" "PRAGMA page_size")
awk 'BEGIN { for (i = 0; i < 400; i++) printf "garbage!" }' |
	dd of="$T_TMP/corrupt.db" bs=1 seek=$(( (root - 1) * psize )) conv=notrunc 2>/dev/null
echo "not a database" >"$T_TMP/text.db"
# What would import into the sample had it not been damaged: its own figures.
"$BPOWATCH" --db "$S" export --type observations -o "$T_TMP/obs.csv" >/dev/null 2>&1
for f in trunc corrupt text; do
	cp "$T_TMP/$f.db" "$T_TMP/$f.orig"
	"$BPOWATCH" --db "$T_TMP/$f.db" check >"$out" 2>"$err"; rc=$?
	[ $rc -eq 3 ]; t_ok $? "check on a $f file fails (exit $rc, want 3)"
	grep -q "$f.db" "$err" && grep -qiE "not a SQLite database|malformed" "$err"
	t_ok $? "the $f file is named and the damage said: $(head -c 120 "$err")"
	"$BPOWATCH" --db "$T_TMP/$f.db" import "$T_TMP/obs.csv" >"$out" 2>"$err"
	rc=$?
	# The truncated and the text file are refused at once; in the corrupted
	# one the import may never read the damaged page (its rows are all
	# there already): then it succeeds, changing nothing (checked below).
	if [ "$f" = corrupt ]; then
		[ $rc -ne 0 ] || grep -q "5236 unchanged" "$out"
		t_ok $? "an import into the corrupted file is refused or changes no row (exit $rc)"
	else
		[ $rc -ne 0 ]; t_ok $? "an import into the $f file is refused: $(tail -c 120 "$err")"
	fi
	# A file SQLite can open is switched to WAL by the first read-write
	# open, which rewrites the format bytes of its 100-byte header; every
	# page after that must be as it was.
	cmp -s "$T_TMP/$f.db" "$T_TMP/$f.orig" ||
		{ [ "$f" = corrupt ] && cmp -s -i 100 "$T_TMP/$f.db" "$T_TMP/$f.orig"; }
	t_ok $? "the $f file is unchanged (past the header's journal-mode bytes)"
	[ ! -s "$T_TMP/$f.db-wal" ]; t_ok $? "no half-written journal was left beside the $f file"
done

# 3. The dashboard with standard output not a terminal.
cp "$S" "$T_TMP/s.db"; chmod 600 "$T_TMP/s.db"
"$BPOWATCH" --db "$T_TMP/s.db" >"$out" 2>"$err" </dev/null
t_status 1 $? "the dashboard refuses to draw into a file"
t_contains "$err" "the dashboard needs a terminal, but standard output is not one" "and says why"
[ ! -s "$out" ]; t_ok $? "nothing, not one escape sequence, was written to the file"

# 4. No HOME and no XDG directories: --db still works; without it, a clear error.
env -u HOME -u XDG_CONFIG_HOME -u XDG_DATA_HOME "$BPOWATCH" --db "$T_TMP/s.db" check >"$out" 2>"$err"
rc=$?; [ $rc -le 2 ]; t_ok $? "check --db works without HOME (exit $rc)"
env -u HOME -u XDG_CONFIG_HOME -u XDG_DATA_HOME "$BPOWATCH" check >"$out" 2>"$err"
t_status 3 $? "without HOME, XDG_DATA_HOME and --db there is no database to find"
t_contains "$err" "neither \$XDG_DATA_HOME nor \$HOME is set" "and it says which variables are missing"

# 5. Files the user may not write. Root may write anything, so as root the
# program runs as "nobody" (setpriv), in directories it may enter.
if [ "$(id -u)" = 0 ]; then
	if command -v setpriv >/dev/null; then
		AS="setpriv --reuid=65534 --regid=65534 --clear-groups"
	else
		AS=
	fi
else
	AS=" "
fi
if [ -n "$AS" ]; then
	ro=$T_TMP/ro; mkdir -p "$ro/file" "$ro/dir" "$ro/side" "$ro/home" "$ro/user"
	chmod 755 "$T_TMP" "$ro" "$ro/file" "$ro/dir"; chmod 777 "$ro/side" "$ro/user"
	chmod 555 "$ro/home"
	printf 'partner,metric,period,value\nATL,csat,2027-01,80\n' >"$ro/in.csv"; chmod 644 "$ro/in.csv"
	for d in file dir side; do cp "$S" "$ro/$d/s.db"; done
	chmod 444 "$ro/file/s.db"; chmod 666 "$ro/dir/s.db" "$ro/side/s.db"
	chmod 555 "$ro/dir"
	# Another user's -wal and -shm files beside a file we may write.
	: >"$ro/side/s.db-wal"; : >"$ro/side/s.db-shm"; chmod 644 "$ro/side/s.db-wal" "$ro/side/s.db-shm"
	[ "$(id -u)" = 0 ] || chmod 444 "$ro/side/s.db-wal" "$ro/side/s.db-shm"
	# The build tree may be private (mode 0700): the other user runs a
	# copy of the program, with a copy of the default configuration.
	mkdir -p "$ro/bin" "$ro/data"
	cp "$BPOWATCH" "$ro/bin/bpowatch"; cp "$SRCDIR/data/bpowatch.conf" "$ro/data/"
	chmod 755 "$ro/bin" "$ro/data" "$ro/bin/bpowatch"; chmod 644 "$ro/data/bpowatch.conf"
	BPW_AS=$ro/bin/bpowatch
	as_user() { $AS env HOME="$ro/user" XDG_CONFIG_HOME="$ro/user/c" XDG_DATA_HOME="$ro/user/d" BPOWATCH_DATADIR="$ro/data" "$@"; }
	for d in file dir side; do
		cp "$ro/$d/s.db" "$T_TMP/$d.before"
		as_user "$BPW_AS" --db "$ro/$d/s.db" check >"$out" 2>"$err"; rc=$?
		[ $rc -le 2 ] && grep -q "NLK" "$out"; t_ok $? "$d not writable: check still reads the database (exit $rc)"
		as_user "$BPW_AS" --db "$ro/$d/s.db" import "$ro/in.csv" >"$out" 2>"$err"
		t_status 1 $? "$d not writable: import fails"
		case $d in
		file) why="you may not write the file (mode 0444, owner" ;;
		dir) why="you may not write its directory $ro/dir (mode 0555, owner" ;;
		side) why="you may not write $ro/side/s.db-wal (mode 0" ;;
		esac
		t_contains "$err" "the database is opened read-only ($ro/$d/s.db): $why" \
			"$d not writable: the error names the file at fault and its permissions"
		cmp -s "$ro/$d/s.db" "$T_TMP/$d.before"; t_ok $? "$d not writable: the database is unchanged"
	done
	# A home directory the user may not write: init says where it failed.
	$AS env HOME="$ro/home" XDG_CONFIG_HOME= XDG_DATA_HOME= BPOWATCH_DATADIR="$ro/data" "$BPW_AS" init >"$out" 2>"$err"
	t_status 1 $? "init with a home directory the user may not write fails"
	t_contains "$err" "cannot create directory $ro/home/.local: Permission denied" \
		"and names the directory it could not create"
	# A configuration file the user may not read: named, with the reason.
	mkdir -p "$ro/user/c/bpowatch"; echo 'theme = "light";' >"$ro/user/c/bpowatch/bpowatch.conf"
	chmod 711 "$ro/user/c" "$ro/user/c/bpowatch"; chmod 600 "$ro/user/c/bpowatch/bpowatch.conf"
	[ "$(id -u)" = 0 ] || chmod 000 "$ro/user/c/bpowatch/bpowatch.conf"
	as_user "$BPW_AS" --db "$ro/file/s.db" check >"$out" 2>"$err"
	t_status 3 $? "an unreadable configuration file is an error"
	t_contains "$err" "$ro/user/c/bpowatch/bpowatch.conf: error: cannot read: Permission denied" \
		"and the file is named with the reason"
	chmod 755 "$ro/dir"
else
	t_ok 0 "files the user may not write # SKIP root without setpriv"
fi
t_done
