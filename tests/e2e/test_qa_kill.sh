#!/bin/sh
# test_qa_kill.sh: a QA editing session killed with SIGKILL at random
# moments (50 times): every answer acknowledged on screen before the kill
# is in the database, and the database passes integrity_check.
. "$SRCDIR/tests/lib.sh"
t_tui_setup
if ! command -v sqlite3 >/dev/null; then
	echo "1..0 # SKIP sqlite3 command-line tool not installed"; exit 0
fi
KILLS=${BPW_CRASH_KILLS:-50}
see() { t_wait_for "$1" "${2:-5}"; }
db=$T_TMP/k.db
# The sample's draft audit #18 (ATL) has 6 of 16 items answered.
answered() { sqlite3 "$db" "SELECT count(*) FROM qa_answer WHERE review_id = 18 AND answer IS NOT NULL"; }

bad=0 shown_total=0 i=0
while [ $i -lt "$KILLS" ]; do
	i=$((i + 1))
	rm -f "$db" "$db-wal" "$db-shm"
	cp "$BUILDDIR/sample-db/sample.db" "$db"
	run 80 24 TERM=xterm-256color LANG=C.UTF-8 "$BPOWATCH" --db "$db"
	see "8 partners" 10 || { bad=$((bad + 1)); t_diag "run $i: no dashboard"; t_tmux_stop; continue; }
	t_keys / A T L Enter; t_sleep 0.2; t_keys a; see "QA audits"
	t_keys Enter; see "answered 6 of 16" || { bad=$((bad + 1)); t_diag "run $i: audit #18 not open"; t_tmux_stop; continue; }
	# Item by item from the top: n/a on each unanswered one, some of them
	# quickly one after another; kill at a random point.
	n=$(awk -v seed="$i$$" 'BEGIN { srand(seed); print int(rand() * 10) + 1 }')
	t_keys G; t_sleep 0.1
	k=0
	while [ $k -lt "$n" ]; do
		t_keys n k
		k=$((k + 1))
		[ $((k % 3)) -eq 0 ] && t_sleep 0.05
	done
	shown=$(t_screen | grep -oE "answered [0-9]+ of 16" | grep -oE "[0-9]+" | head -n 1)
	kill -KILL "$(t_pane_pid)" 2>/dev/null
	t_wait_dead 5
	t_tmux_stop
	ok=$(sqlite3 "$db" "PRAGMA integrity_check")
	have=$(answered)
	if [ "$ok" != ok ] || [ -z "$shown" ] || [ "$have" -lt "$shown" ]; then
		bad=$((bad + 1)); t_diag "run $i: shown ${shown:-?}, stored $have, integrity $ok"
	fi
	shown_total=$((shown_total + ${shown:-0} - 6))
done
[ $bad -eq 0 ]; t_ok $? "$KILLS kills while answering: every answer shown was stored ($shown_total answers in all), integrity ok"
[ $shown_total -gt 0 ]; t_ok $? "answers were given before the kills"
t_done
