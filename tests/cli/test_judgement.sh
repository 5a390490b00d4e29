#!/bin/sh
# test_judgement.sh: stored judgements on the real binary. `check` read
# back from a stored judgement prints byte for byte what a fresh one does
# (text and JSON, on the sample and on a 100-partner bench database); two
# managers with different configurations on one database each get theirs;
# a SIGKILL in the middle of storing leaves the judgement that was there
# or none, never a part; read-only runs never write; the dashboard stores
# what it judged after its first frame, opens from it next time, and an
# open dashboard says DATA CHANGED for an import but not when another
# process only stores a judgement.
. "$SRCDIR/tests/lib.sh"
if ! command -v sqlite3 >/dev/null; then
	echo "1..0 # SKIP sqlite3 command-line tool not installed"; exit 0
fi
cd "$T_TMP" || exit 1
out=$T_TMP/out err=$T_TMP/err
q() { sqlite3 -batch -noheader "$1" "$2"; }
cp "$BUILDDIR/sample-db/sample.db" s.db
chmod 600 s.db

# ---- read back = fresh, text and JSON ----
same_as_fresh() {	# DB LABEL [OPTIONS...]
	local db=$1 label=$2
	shift 2
	"$BPOWATCH" --db "$db" "$@" check --fresh --format json >fresh.json 2>"$err"
	"$BPOWATCH" --db "$db" "$@" check --format json >first.json 2>"$err"
	"$BPOWATCH" --db "$db" "$@" check --format json >stored.json 2>"$err"
	cmp -s fresh.json first.json && cmp -s fresh.json stored.json
	t_ok $? "$label: check --format json from the stored judgement = fresh, byte for byte"
	"$BPOWATCH" --db "$db" "$@" check --fresh >fresh.txt 2>"$err"
	"$BPOWATCH" --db "$db" "$@" check >stored.txt 2>"$err"
	cmp -s fresh.txt stored.txt; t_ok $? "$label: check (text) the same"
}
same_as_fresh s.db "sample"
n=$(q s.db "SELECT count(*) FROM judgement WHERE traced = 1")
[ "$n" = 1 ]; t_ok $? "one traced judgement stored (got $n)"
n=$(q s.db "SELECT count(*) FROM judgement_partner")
[ "$n" = 8 ]; t_ok $? "with a detail per partner (got $n)"
"$BPOWATCH" --db s.db check --fresh >/dev/null 2>&1
n=$(q s.db "SELECT count(*) FROM judgement")
[ "$n" = 1 ]; t_ok $? "--fresh stores nothing"

if "$BUILDDIR/tests/bench/mkbench" --partners 100 --months 24 bench.db >/dev/null 2>&1; then
	same_as_fresh bench.db "100 partners x 24 months"
else
	t_ok 1 "mkbench made the bench database"
fi

# ---- a change of data is seen, by bpowatch or by hand ----
"$BPOWATCH" --db s.db check --partner SUN >before.txt 2>&1
printf 'partner,metric,period,value\nSUN,csat,2026-10,40\n' >fix.csv
"$BPOWATCH" --db s.db import --dry-run fix.csv >/dev/null 2>&1
n=$(q s.db "SELECT count(*) FROM judgement WHERE data = (SELECT n FROM data_clock)")
[ "$n" = 1 ]; t_ok $? "a dry run changes nothing: the stored judgement still fits (got $n)"
"$BPOWATCH" --db s.db import fix.csv >/dev/null 2>&1
n=$(q s.db "SELECT count(*) FROM judgement WHERE data = (SELECT n FROM data_clock) AND panes IS NOT NULL")
[ "$n" = 1 ]; t_ok $? "the import judged again and stored it with the panes: the next start is quick (got $n)"
"$BPOWATCH" --db s.db check --partner SUN >after.txt 2>&1
"$BPOWATCH" --db s.db check --fresh --partner SUN >fresh.txt 2>&1
cmp -s after.txt fresh.txt && ! cmp -s before.txt after.txt
t_ok $? "after an import, check shows the new figure (as a fresh judgement)"
q s.db "UPDATE partner SET name = 'Sunrise Renamed' WHERE code = 'SUN'"
"$BPOWATCH" --db s.db check >out.txt 2>&1
t_contains out.txt "Sunrise Renamed" "a hand edit with sqlite3 is seen too"
# A stored summary whose detail is gone by the time it is read (another
# process pruned it after the data moved on): each partner printed is
# judged afresh, and the exit status is that of what was printed, not of
# the summary read before. Staged by hand: the figures deleted, the clock
# put back (so the summary still fits), the detail deleted.
cp s.db gone.db
"$BPOWATCH" --db gone.db check >/dev/null 2>&1; t_status 2 $? "the sample has alerts (exit 2)"
clock=$(q gone.db "SELECT n FROM data_clock")
q gone.db "DELETE FROM obs; DELETE FROM event; DELETE FROM qa_answer; DELETE FROM qa_review;
	UPDATE data_clock SET n = $clock; DELETE FROM judgement_partner"
"$BPOWATCH" --db gone.db check >gone.txt 2>&1; rc=$?
! grep -q "^ALERT " gone.txt && grep -q "^NO DATA " gone.txt
t_ok $? "every partner printed is judged afresh: no figures, no alert"
[ $rc = 1 ]; t_ok $? "and the exit status says what was printed (1: no data; got $rc)"

# ---- two configurations on one database ----
cat >mine.conf <<'EOF'
indicators = { customer_satisfaction = { rules = { csat_shift = { warn = 1.0; alert = 1.5; }; }; }; };
EOF
"$BPOWATCH" --db s.db --config mine.conf check --fresh --format json >mine-fresh.json 2>"$err"
"$BPOWATCH" --db s.db check --fresh --format json >std-fresh.json 2>"$err"
! cmp -s mine-fresh.json std-fresh.json; t_ok $? "the two configurations judge differently"
"$BPOWATCH" --db s.db --config mine.conf check --format json >mine.json 2>"$err"
"$BPOWATCH" --db s.db check --format json >std.json 2>"$err"
"$BPOWATCH" --db s.db --config mine.conf check --format json >mine2.json 2>"$err"
"$BPOWATCH" --db s.db check --format json >std2.json 2>"$err"
cmp -s mine.json mine-fresh.json && cmp -s mine2.json mine-fresh.json
t_ok $? "the manager with their own thresholds gets their own judgement"
cmp -s std.json std-fresh.json && cmp -s std2.json std-fresh.json
t_ok $? "and the other manager theirs"
n=$(q s.db "SELECT count(DISTINCT rules) FROM judgement")
[ "$n" = 2 ]; t_ok $? "one stored judgement each (got $n)"

# ---- read-only never writes ----
cp "$BUILDDIR/sample-db/sample.db" ro.db
chmod 600 ro.db
sum0=$(cksum <ro.db)
"$BPOWATCH" --db ro.db --read-only check >ro.txt 2>"$err"
"$BPOWATCH" --db ro.db --read-only check --format json >ro.json 2>"$err"
[ "$(cksum <ro.db)" = "$sum0" ] && [ ! -e ro.db-wal ]
t_ok $? "--read-only: check leaves the file as it was"
cp "$BUILDDIR/sample-db/sample.db" fresh-ro.db
"$BPOWATCH" --db fresh-ro.db check --fresh >fresh-ro.txt 2>&1
cmp -s ro.txt fresh-ro.txt; t_ok $? "and judges in memory what a writer would"

# ---- SIGKILL while storing: the old judgement or none, never a part ----
cp "$BUILDDIR/sample-db/sample.db" k.db
chmod 600 k.db
BPOWATCH_TEST_STORE_PAUSE=30 "$BPOWATCH" --db k.db check >/dev/null 2>k.err &
pid=$!
i=0
while [ $i -lt 100 ] && ! grep -q "paused" k.err 2>/dev/null; do sleep 0.1; i=$((i + 1)); done
grep -q "paused" k.err; t_ok $? "the store reached its pause"
kill -KILL $pid 2>/dev/null
wait $pid 2>/dev/null
[ "$(q k.db 'PRAGMA integrity_check')" = ok ]; t_ok $? "killed mid-store: the database is whole"
n=$(q k.db "SELECT count(*) FROM judgement")
[ "$n" = 0 ]; t_ok $? "and holds no judgement (got $n)"
"$BPOWATCH" --db k.db check --format json >k1.json 2>"$err"
n=$(q k.db "SELECT count(*) FROM judgement")
[ "$n" = 1 ]; t_ok $? "the next run stores one"
# A second kill while a newer judgement is stored (another day): the old
# one stays whole.
BPOWATCH_TEST_STORE_PAUSE=30 "$BPOWATCH" --db k.db --today 2026-12-05 check >/dev/null 2>k.err &
pid=$!
i=0
while [ $i -lt 100 ] && ! grep -q "paused" k.err 2>/dev/null; do sleep 0.1; i=$((i + 1)); done
kill -KILL $pid 2>/dev/null
wait $pid 2>/dev/null
n=$(q k.db "SELECT count(*) FROM judgement WHERE today = '2026-12-04'")
m=$(q k.db "SELECT count(*) FROM judgement")
p=$(q k.db "SELECT count(*) FROM judgement_partner")
[ "$n" = 1 ] && [ "$m" = 1 ] && [ "$p" = 8 ]
t_ok $? "killed storing a newer one: the old judgement is whole ($m judgements, $p details)"
"$BPOWATCH" --db k.db check --format json >k2.json 2>"$err"
"$BPOWATCH" --db k.db check --fresh --format json >k3.json 2>"$err"
cmp -s k2.json k3.json && cmp -s k1.json k3.json; t_ok $? "and reads back as fresh"

# ---- the dashboard ----
if command -v tmux >/dev/null; then
	t_tui_setup
	cp "$BUILDDIR/sample-db/sample.db" d.db
	chmod 600 d.db
	run 100 30 TERM=xterm-256color LANG=C.UTF-8 "$BPOWATCH" --db d.db
	t_wait_for "8 partners" 10; t_ok $? "the dashboard opens on a database without a stored judgement"
	i=0
	while [ $i -lt 50 ] && [ "$(q d.db 'SELECT count(*) FROM judgement')" != 1 ]; do
		sleep 0.1; i=$((i + 1))
	done
	[ "$(q d.db 'SELECT count(*) FROM judgement')" = 1 ]
	t_ok $? "it stores what it judged once the first frame is up"
	t_wait_stable 3
	t_screen >first-screen.txt
	# Another process storing a judgement is no change of the data.
	"$BPOWATCH" --db d.db --today 2026-12-05 check >/dev/null 2>&1
	[ "$(q d.db 'SELECT count(*) FROM judgement')" = 2 ]
	t_ok $? "another process stored its own judgement"
	t_sleep 3
	t_screen >"$out"
	t_not_contains "$out" "DATA CHANGED" "the open dashboard does not call that a change"
	"$BPOWATCH" --db d.db import "$T_TMP/fix.csv" >/dev/null 2>&1
	t_wait_for "DATA CHANGED" 10; t_ok $? "an import is a change: DATA CHANGED"
	t_keys q
	t_wait_dead 5
	t_tmux_stop
	# Opened again on the new data: the fresh judgement, then from the store.
	run 100 30 TERM=xterm-256color LANG=C.UTF-8 "$BPOWATCH" --db d.db
	t_wait_for "8 partners" 10
	t_wait_stable 3
	t_screen >second.txt
	t_keys q; t_wait_dead 5; t_tmux_stop
	run 100 30 TERM=xterm-256color LANG=C.UTF-8 "$BPOWATCH" --db d.db
	t_wait_for "8 partners" 10
	t_wait_stable 3
	t_screen >third.txt
	cmp -s second.txt third.txt; t_ok $? "opened from the stored judgement, the screen is the same"
	! cmp -s first-screen.txt second.txt; t_ok $? "and shows the imported figure"
	# The partner view reads a partner's reasons from the store.
	t_keys Enter
	t_wait_for "Customer satisfaction" 5; t_ok $? "the partner view opens from it"
	t_keys q; t_wait_dead 5; t_tmux_stop
fi
t_done
