#!/bin/sh
# test_jumphost.sh: how bpowatch behaves around the data on a shared jump
# host (issue 27): a signal stops a command at once, rolls back what it had
# not committed and says so (SIGINT 130, SIGTERM 143, SIGHUP 129), even
# while it stores a judgement; two `--freeze`
# runs racing end with one snapshot and a clear message, never SQLite's.
. "$SRCDIR/tests/lib.sh"
if ! command -v sqlite3 >/dev/null; then
	echo "1..0 # SKIP sqlite3 command-line tool not installed"; exit 0
fi
cd "$T_TMP" || exit 1
q() { sqlite3 -batch -noheader "$1" "$2"; }
MK=$BUILDDIR/tests/bench/mkbench

# wait_text FILE TEXT: until TEXT is in FILE (up to 10 s).
wait_text() {
	local i=0
	while [ $i -lt $((100 * T_SLOW)) ] && ! grep -qF -- "$2" "$1" 2>/dev/null; do
		sleep 0.1; i=$((i + 1))
	done
	grep -qF -- "$2" "$1"
}

# ---- SIGINT during a long import: exit 130, nothing stored ----
"$MK" --partners 200 --months 0 --csv in.csv --csv-rows 400000 base.db >/dev/null ||
	{ echo "Bail out! mkbench"; exit 1; }
cp base.db imp.db
"$BPOWATCH" --db imp.db import in.csv >imp.out 2>imp.err &
pid=$!
# Stopped once it is reading rows: the file is half read by then.
t_sleep 0.3
kill -INT $pid
wait $pid; rc=$?
if [ $rc -eq 0 ]; then
	t_ok 0 "SIGINT during import # SKIP the import had finished before the signal"
	t_ok 0 "nothing stored # SKIP"
	t_ok 0 "says so # SKIP"
else
	t_status 130 $rc "SIGINT during an import: exit 130"
	[ "$(q imp.db 'SELECT count(*) FROM observation')" = 0 ]
	t_ok $? "nothing of the import is stored"
	t_contains imp.err "bpowatch: import: stopped by SIGINT: nothing was changed" "it says so"
fi
[ "$(q imp.db 'PRAGMA integrity_check')" = ok ]; t_ok $? "the database is whole"
"$BPOWATCH" --db imp.db import in.csv >/dev/null 2>&1; t_status 0 $? "the import then runs to the end"

# ---- SIGTERM while check stores its judgement: 143, no judgement ----
cp "$BUILDDIR/sample-db/sample.db" s.db
chmod 600 s.db
BPOWATCH_TEST_STORE_PAUSE=30 "$BPOWATCH" --db s.db check >c.out 2>c.err &
pid=$!
wait_text c.err "paused"; t_ok $? "check reached the store of its judgement"
kill -TERM $pid
wait $pid; t_status 143 $? "SIGTERM stops it at once: exit 143"
t_contains c.err "bpowatch: check: stopped by SIGTERM: nothing was changed" "and says so"
[ "$(q s.db 'SELECT count(*) FROM judgement')" = 0 ]; t_ok $? "no judgement was stored"
# SIGHUP (the SSH session went away) the same way.
BPOWATCH_TEST_STORE_PAUSE=30 "$BPOWATCH" --db s.db check >c.out 2>c.err &
pid=$!
wait_text c.err "paused"
kill -HUP $pid
wait $pid; t_status 129 $? "SIGHUP: exit 129"

# ---- two freezes racing: one snapshot, and a clear message ----
cp "$BUILDDIR/sample-db/sample.db" f.db
chmod 600 f.db
"$BPOWATCH" --db f.db check >/dev/null 2>&1	# in WAL mode from now on
# A writer holds the lock while both make their packs; they then take it in
# turn, the second finding the quarter frozen by the first.
{ echo "BEGIN IMMEDIATE;"; sleep 3; echo "COMMIT;"; } | sqlite3 f.db &
lock=$!
t_sleep 0.5
"$BPOWATCH" --db f.db report --quarter 2026Q3 --freeze >f1.out 2>f1.err &
a=$!
"$BPOWATCH" --db f.db report --quarter 2026Q3 --freeze >f2.out 2>f2.err &
b=$!
wait $a; ra=$?
wait $b; rb=$?
wait $lock
[ "$(q f.db "SELECT count(*) FROM snapshot WHERE quarter = '2026Q3'")" = 1 ]
t_ok $? "one snapshot of the quarter is stored"
{ [ $ra -eq 0 ] && [ $rb -ne 0 ]; } || { [ $ra -ne 0 ] && [ $rb -eq 0 ]; }
t_ok $? "one freeze succeeds, the other fails (exits $ra and $rb)"
cat f1.err f2.err >f.err
t_not_contains f.err "UNIQUE constraint" "no raw SQLite message"
t_contains f.err "2026Q3 was frozen on" "the loser says the quarter was frozen meanwhile"
t_done
