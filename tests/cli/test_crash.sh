#!/bin/sh
# test_crash.sh: an import killed with SIGKILL at any moment leaves the
# database whole and either as it was before or as it is after the import
# (50 kills at random moments), and the next import then completes.
. "$SRCDIR/tests/lib.sh"
if ! command -v sqlite3 >/dev/null; then
	echo "1..0 # SKIP sqlite3 command-line tool not installed"; exit 0
fi
MK=$BUILDDIR/tests/bench/mkbench
KILLS=${BPW_CRASH_KILLS:-50}
q() { sqlite3 -batch -noheader "$1" "$2"; }

# 200 partners; the CSV adds 120,000 observations (about half a second).
"$MK" --partners 200 --months 0 --csv "$T_TMP/in.csv" --csv-rows 120000 \
	"$T_TMP/base.db" >/dev/null || { echo "Bail out! mkbench"; exit 1; }
state() { q "$1" "SELECT count(*), total(value) FROM observation"; }
BEFORE=$(state "$T_TMP/base.db")
cp "$T_TMP/base.db" "$T_TMP/full.db"
start=$(date +%s%N)
"$BPOWATCH" --db "$T_TMP/full.db" import "$T_TMP/in.csv" >/dev/null 2>&1
t_status 0 $? "the import runs to the end when left alone"
took=$(( ($(date +%s%N) - start) / 1000000 ))
AFTER=$(state "$T_TMP/full.db")
[ "$BEFORE" != "$AFTER" ]; t_ok $? "it changes the data ($BEFORE -> $AFTER, $took ms)"

# Kill at random moments spread over the import's run time (and a little
# past it, so some kills land after the commit).
span=$((took + took / 4 + 1))
bad=0 before=0 after=0 i=0
while [ $i -lt "$KILLS" ]; do
	i=$((i + 1))
	rm -f "$T_TMP/k.db" "$T_TMP/k.db-wal" "$T_TMP/k.db-shm"
	cp "$T_TMP/base.db" "$T_TMP/k.db"
	delay=$(awk -v s="$span" -v seed="$i$$" 'BEGIN { srand(seed); printf "%.3f", rand() * s / 1000 }')
	"$BPOWATCH" --db "$T_TMP/k.db" import "$T_TMP/in.csv" >/dev/null 2>&1 &
	pid=$!
	sleep "$delay"
	kill -KILL $pid 2>/dev/null
	wait $pid 2>/dev/null
	ok=$(q "$T_TMP/k.db" "PRAGMA integrity_check")
	now=$(state "$T_TMP/k.db")
	if [ "$ok" != "ok" ]; then
		bad=$((bad + 1)); t_diag "kill $i after ${delay}s: integrity_check says $ok"
	elif [ "$now" = "$BEFORE" ]; then
		before=$((before + 1))
	elif [ "$now" = "$AFTER" ]; then
		after=$((after + 1))
	else
		bad=$((bad + 1)); t_diag "kill $i after ${delay}s: half an import ($now)"
	fi
done
[ $bad -eq 0 ]; t_ok $? "$KILLS kills: integrity ok and all or nothing every time ($before before, $after after)"
[ $before -gt 0 ]; t_ok $? "some kills landed during the import ($before)"

# After a kill mid-import, importing again completes with every row.
rm -f "$T_TMP/k.db" "$T_TMP/k.db-wal" "$T_TMP/k.db-shm"
cp "$T_TMP/base.db" "$T_TMP/k.db"
"$BPOWATCH" --db "$T_TMP/k.db" import "$T_TMP/in.csv" >/dev/null 2>&1 &
pid=$!
sleep "$(awk -v t="$took" 'BEGIN { printf "%.3f", t / 2000 }')"
kill -KILL $pid 2>/dev/null; wait $pid 2>/dev/null
"$BPOWATCH" --db "$T_TMP/k.db" import "$T_TMP/in.csv" >/dev/null 2>&1
t_status 0 $? "the import after a kill succeeds"
[ "$(state "$T_TMP/k.db")" = "$AFTER" ]; t_ok $? "and leaves the same data as an import never killed"
t_done
