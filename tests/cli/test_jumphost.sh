#!/bin/sh
# test_jumphost.sh: how bpowatch behaves around the data on a shared jump
# host (issue 27): a signal stops a command at once, rolls back what it had
# not committed and says so (SIGINT 130, SIGTERM 143, SIGHUP 129), even
# while it stores a judgement; an input is read once, whatever it is (a
# pipe, /dev/stdin, a fifo), and a stalled one holds no lock; a
# configuration file is checked before it is read (no fifo, no huge file or
# line) and a number too large is named as written; two `--freeze`
# runs racing end with one snapshot and a clear message, never SQLite's; a
# database path that is not a regular file is refused as such (init never
# writes to a device); the sample database a build makes is readable by
# every user; and a demo copy left by a killed --demo is removed by the
# next --demo, one still in use is not.
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

# ---- a database still in rollback mode while another process writes ----
cp "$BUILDDIR/sample-db/sample.db" dm.db
chmod 600 dm.db
{ echo "BEGIN IMMEDIATE;"; sleep 3; echo "COMMIT;"; } | sqlite3 dm.db &
lock=$!
t_sleep 0.5
"$BPOWATCH" --db dm.db check >dm.out 2>dm.err; rc=$?
[ $rc -le 2 ]; t_ok $? "check on a fresh copy of the sample another process is writing (exit $rc)"
t_not_contains dm.err "cannot set the journal mode" "it is not refused for the journal mode it could not switch"
wait $lock

# ---- stopped after one of its two files is in place: says so ----
cp "$BUILDDIR/sample-db/sample.db" r.db
chmod 600 r.db
mkfifo expl.fifo
# The pack is renamed into place first; the explanations then wait for a
# reader of the fifo that never comes.
"$BPOWATCH" --db r.db report --quarter 2026Q3 --format csv -o pack.csv \
	--explanations expl.fifo >r.out 2>r.err &
pid=$!
i=0
while [ ! -s pack.csv ] && [ $i -lt $((100 * T_SLOW)) ]; do sleep 0.1; i=$((i + 1)); done
[ -s pack.csv ]; t_ok $? "report put its pack in place before the explanations"
kill -TERM $pid
wait $pid; t_status 143 $? "SIGTERM then: exit 143"
t_contains r.err "bpowatch: report: stopped by SIGTERM: what it had saved before is kept" \
	"it does not say nothing was changed when a file was written"
rm -f expl.fifo

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

# ---- an import is read and checked before it takes the write lock ----
cp "$BUILDDIR/sample-db/sample.db" lk.db
chmod 600 lk.db
"$BPOWATCH" --db lk.db check >/dev/null 2>&1	# in WAL mode from now on
printf 'partner,metric,period,value\nATL,csat,2026-01-01,80\nATL,csat,2026-02-01,eighty\n' >late.csv
# Another manager's long write holds the lock for 30 s, longer than an
# import would wait for it: a file with a mistake on its last line is
# refused for that mistake at once, not after waiting for the lock.
{ echo "BEGIN IMMEDIATE;"; sleep 30; echo "COMMIT;"; } | sqlite3 lk.db &
lock=$!
t_sleep 0.5
"$BPOWATCH" --db lk.db import late.csv >lk.out 2>lk.err
t_status 1 $? "an import with a bad last row while another process writes fails"
t_contains lk.err "late.csv:3:" "for the row, named by file and line"
t_not_contains lk.err "locked" "without having waited for the write lock"
kill $lock 2>/dev/null; wait $lock 2>/dev/null
pkill -f "sqlite3 lk.db" 2>/dev/null
printf 'partner,metric,period,value\nATL,csat,2026-01-01,80\nNEW1,csat,2026-01-01,70\nNEW1,fcr,2026-01-01,71\n' >new.csv
"$BPOWATCH" --db lk.db import --create-partners new.csv >lk.out 2>lk.err
t_status 0 $? "a partner --create-partners adds is known to the rows after it in the check too"
[ "$(q lk.db "SELECT count(*) FROM observation o JOIN partner p ON p.id = o.partner_id WHERE p.code = 'NEW1'")" = 2 ]
t_ok $? "and both its figures are stored"

# ---- inputs read once: pipes, /dev/stdin, process substitution, fifos ----
cp "$BUILDDIR/sample-db/sample.db" p.db
chmod 600 p.db
printf 'partner,metric,period,value\nSUN,csat,2026-10,44\nATL,csat,2026-10,71\n' >two.csv
cat two.csv | "$BPOWATCH" --db p.db import /dev/stdin >pipe.out 2>pipe.err
t_status 0 $? "cat f.csv | import /dev/stdin"
t_contains pipe.out "imported 2 rows" "both rows read (the header was not eaten by a look ahead)"
if command -v bash >/dev/null; then
	bash -c '"$1" --db p.db import <(cat two.csv)' sh "$BPOWATCH" >ps.out 2>ps.err
	t_status 0 $? "import <(cat f.csv)"
	t_contains ps.out "imported 2 rows" "from process substitution"
fi
cp base.db big.db
cat in.csv | "$BPOWATCH" --db big.db import /dev/stdin >big.out 2>big.err
t_status 0 $? "a large pipe (400,000 rows) imports"
[ "$(q big.db 'SELECT count(*) FROM observation')" = 400000 ]; t_ok $? "every row of it"
mkfifo in.fifo
{ t_sleep 0.5; cat two.csv >in.fifo; echo $? >writer.st; } &
w=$!
"$BPOWATCH" --db p.db import in.fifo >fifo.out 2>fifo.err
t_status 0 $? "import from a named fifo whose writer comes later"
wait $w
[ "$(cat writer.st)" = 0 ]; t_ok $? "the writer is not killed by SIGPIPE"
# A writer that sends the header and then stalls: the import waits for it
# without the write lock, so another manager's write goes through.
mkfifo stall.fifo
{ printf 'partner,metric,period,value\n'; sleep 30; } >stall.fifo &
w=$!
mkdir -p spool
TMPDIR=$T_TMP/spool "$BPOWATCH" --db p.db import stall.fifo >stall.out 2>stall.err &
imp=$!
t_sleep 0.5
"$BPOWATCH" --db p.db import two.csv >other.out 2>other.err
t_status 0 $? "another import meanwhile is not locked out by the stalled one"
ls -l /proc/$imp/fd 2>/dev/null | grep -q "$T_TMP/spool/bpowatch-import-.* (deleted)"
t_ok $? "what it has read so far waits in \$TMPDIR, in a file already removed"
kill -INT $imp; wait $imp; t_status 130 $? "the stalled import stops on SIGINT"
kill $w 2>/dev/null; wait $w 2>/dev/null
before=$(q p.db "SELECT count(*) FROM observation")
printf 'partner,metric,period,value\nATL,csat,2026-01-01,80\n' |
	TMPDIR=$T_TMP/no-such-dir "$BPOWATCH" --db p.db import - >tmpd.out 2>tmpd.err
t_status 1 $? "an import from a pipe with a TMPDIR that does not exist fails"
t_contains tmpd.err "cannot read it into a temporary file in $T_TMP/no-such-dir (TMPDIR): No such file or directory" \
	"naming the directory and why"
[ "$(q p.db "SELECT count(*) FROM observation")" = "$before" ]; t_ok $? "and imports nothing"

# ---- configuration files: sizes, lines, fifos, numbers as written ----
mkfifo conf.fifo
printf '@include "conf.fifo"\n' >inc.conf
if command -v timeout >/dev/null; then
	timeout -k 2 20 "$BPOWATCH" --config inc.conf config check >/dev/null 2>inc.err
	t_status 1 $? "an @include of a fifo is refused, not read (timeout would say 124)"
else
	"$BPOWATCH" --config inc.conf config check >/dev/null 2>inc.err
	t_status 1 $? "an @include of a fifo is refused"
fi
t_contains inc.err "inc.conf:1: error: ./conf.fifo is a named pipe (fifo), not a configuration file" \
	"named with the line of the @include"
# Every @include is read as libconfig reads it: the name taken relative to
# the directory of the file first read, a nested one's too; what the
# check reads is what libconfig then reads.
mkdir -p incd/sub
printf '@include "sub/b.conf"\n' >incd/top.conf
printf '@include "c.conf"\n' >incd/sub/b.conf
printf 'sparkline_length = 999;\n' >incd/c.conf
mkfifo incd/sub/c.conf
timeout -k 2 20 "$BPOWATCH" --config incd/top.conf config check >/dev/null 2>incd.err
t_status 1 $? "a nested @include is read (a fifo beside the including file is not touched)"
t_contains incd.err "incd/c.conf:1: error: 'sparkline_length' is 999" \
	"a nested @include names a file beside the first one, as libconfig reads it"
printf '@include "%s/incd/c.conf"\n' "$PWD" >abs.conf
"$BPOWATCH" --config abs.conf config check >/dev/null 2>abs.err
t_status 1 $? "an absolute @include is refused (libconfig 1.5 would look for it under the directory)"
t_contains abs.err "abs.conf:1: error: @include takes a name relative to . (the directory" "named with its line and why"
# A theme's @include: beside the theme, wherever the command runs.
mkdir -p "$XDG_CONFIG_HOME/bpowatch/themes" elsewhere
printf 'name = "inc";\n@include "roles.part"\n' >"$XDG_CONFIG_HOME/bpowatch/themes/inc.conf"
printf 'roles = { alrt = { fg8 = "red"; }; };\n' >"$XDG_CONFIG_HOME/bpowatch/themes/roles.part"
(cd elsewhere && "$BPOWATCH" --theme inc config check) >/dev/null 2>theme.err
t_status 1 $? "a theme's @include is read from the theme's directory"
t_contains theme.err "themes/roles.part:1: error: unknown role 'alrt'" "its problem named in the included file"
rm -rf "$XDG_CONFIG_HOME/bpowatch/themes"
# A QA checklist's @include: a setting's problem is named in the file
# that holds it, by its path, and the top file's own by the top file.
mkdir -p qinc/sub
printf 'name = "Inc";\npassing_score = 80.0;\n@include "sub/secs.part"\n' >qinc/top.conf
printf 'sections = (\n  { key = "a"; title = "A";\n    items = (\n      { text = "x"; weight = 2.0; colour = "red"; }\n    ); }\n);\n' \
	>qinc/sub/secs.part
(cd elsewhere && "$BPOWATCH" --db ../p.db qa template import ../qinc/top.conf) >/dev/null 2>qinc.err
t_status 1 $? "a checklist whose included file has a bad setting is refused"
t_contains qinc.err "../qinc/sub/secs.part:4: unknown setting 'colour'" "named in the included file, with its line"
printf 'name = "Inc";\npassing_scre = 80.0;\n@include "sub/secs.part"\n' >qinc/top.conf
"$BPOWATCH" --db p.db qa template import qinc/top.conf >/dev/null 2>qinc.err
t_status 1 $? "a checklist with a bad setting of its own is refused"
t_contains qinc.err "qinc/top.conf:2: unknown setting 'passing_scre'" "named in the top file"
"$BPOWATCH" --config conf.fifo config check >/dev/null 2>fifo.err
t_status 1 $? "a fifo given as the configuration is refused"
awk 'BEGIN { printf "# "; for (i = 0; i < 300000; i++) printf "xxxxxxxxxx"; print "" }' >huge.conf
"$BPOWATCH" --config huge.conf config check >/dev/null 2>huge.err
t_status 1 $? "a 3 MB configuration is refused"
t_contains huge.err "huge.conf is 3000003 bytes; a configuration file is at most 262144" "with its size and the limit"
awk 'BEGIN { printf "# "; for (i = 0; i < 10000; i++) printf "xxxxxxxxxx"; print ""; print "sparkline_length = 12;" }' >long.conf
"$BPOWATCH" --config long.conf config check >/dev/null 2>long.err
t_status 1 $? "a 100 KB line is refused"
t_contains long.err "long.conf:1: error: a line of 100002 bytes" "named by file and line"
printf 'sparkline_length = 99999999999999999999999;\n' >num.conf
"$BPOWATCH" --config num.conf config check >/dev/null 2>num.err
t_contains num.err "num.conf:1: error: 'sparkline_length' is 99999999999999999999999, outside 4..120" \
	"a number past 64 bits is reported as written (libconfig reads it as -1)"
printf 'indicators = { customer_satisfaction = { rules = { csat_shift = {\n  baseline = -99999999999999999999999; }; }; }; };\n' >neg.conf
"$BPOWATCH" --config neg.conf config check >/dev/null 2>neg.err
t_status 1 $? "a rule parameter past 64 bits is an error (libconfig reads it as 0)"
t_contains neg.err "neg.conf:2: error: 'baseline' is -99999999999999999999999, a number too large to read" \
	"named as written"

# ---- audit --since: found through an index, clocks that disagree too ----
cp "$BUILDDIR/sample-db/sample.db" a.db
chmod 600 a.db
"$BPOWATCH" --db a.db check >/dev/null 2>&1	# schema 16: the index audit_at
q a.db "INSERT INTO audit(at, user, action, partner, object, old, new) VALUES
  ('2030-01-05T10:00:00Z', 'ahead', 'observation', 'SUN', 'csat 2029-12', '1', '2'),
  ('2029-12-20T10:00:00Z', 'behind', 'observation', 'ATL', 'csat 2029-11', '3', '4'),
  ('2030-01-02T10:00:00Z', 'right', 'observation', 'SUN', 'csat 2029-12', '2', '5')"
[ "$(q a.db "SELECT count(*) FROM sqlite_master WHERE name = 'audit_at'")" = 1 ]
t_ok $? "the audit trail has an index by time"
"$BPOWATCH" --db a.db audit --since 2030-01-01 --format csv >au.csv 2>au.err
t_status 0 $? "audit --since"
[ "$(grep -c '^[0-9]' au.csv)" = 2 ] && grep -q ',ahead,' au.csv && grep -q ',right,' au.csv && ! grep -q ',behind,' au.csv
t_ok $? "exactly the two rows on or after the day, also the one before a row written by a clock running behind"
"$BPOWATCH" --db a.db audit --since 2029-12-01 --partner atl --format csv >au.csv 2>au.err
[ "$(grep -c '^[0-9]' au.csv)" = 1 ] && grep -q ',behind,' au.csv
t_ok $? "with --partner (any case): that partner's row only"

# ---- a database path that is not a regular file ----
mkfifo db.fifo
"$BPOWATCH" --db db.fifo check >/dev/null 2>fifo.err; t_status 3 $? "check on a fifo: an error"
t_contains fifo.err "db.fifo is a named pipe (fifo), not a database file" "named as a fifo, not as an empty file"
"$BPOWATCH" --db db.fifo init >/dev/null 2>fifo.err; t_status 1 $? "init on a fifo: refused"
t_contains fifo.err "not a database file" "with the same words"
"$BPOWATCH" --db /dev/null init >/dev/null 2>dev.err; t_status 1 $? "init on /dev/null: refused"
t_contains dev.err "/dev/null is a character device, not a database file" "named as a device"
[ -c /dev/null ] && [ ! -e /dev/null-journal ]; t_ok $? "/dev/null is left a device, with nothing beside it"

# ---- the sample a build makes is readable by others ----
mode=$(stat -c %a "$BUILDDIR/sample-db/sample.db")
[ "$mode" = 644 ]; t_ok $? "sample-db/sample.db is 644 (got $mode), as installed"

# ---- demo copies left by a killed --demo ----
if command -v tmux >/dev/null; then
	t_tui_setup
	sh -c 'echo $$ >gone.pid'	# a pid whose process has ended
	gone=$(cat gone.pid)
	mkdir "$DEMO_TMP/bpowatch-demo-$gone-Ab12Cd" "$DEMO_TMP/bpowatch-demo-$$-Ef34Gh"
	cp "$BUILDDIR/sample-db/sample.db" "$DEMO_TMP/bpowatch-demo-$gone-Ab12Cd/demo.db"
	cp "$BUILDDIR/sample-db/sample.db" "$DEMO_TMP/bpowatch-demo-$$-Ef34Gh/demo.db"
	run 100 30 TERM=xterm-256color LANG=C.UTF-8 "$BPOWATCH" --demo
	t_wait_for "partners" 10; t_ok $? "--demo opens"
	[ ! -e "$DEMO_TMP/bpowatch-demo-$gone-Ab12Cd" ]; t_ok $? "the copy of a demo whose process is gone is removed"
	[ -e "$DEMO_TMP/bpowatch-demo-$$-Ef34Gh/demo.db" ]; t_ok $? "one whose process still runs is kept"
	t_keys q; t_wait_dead 5
	n=$(ls -A "$DEMO_TMP" | wc -l)
	[ "$n" = 1 ]; t_ok $? "after q only the live one's copy is left (got $n)"
	t_tmux_stop
fi
t_done
