#!/bin/sh
# test_concurrent.sh: two dashboards and imports on one database at the
# same time, as on a shared jump host: no "database is locked" reaches
# anyone, no write is lost (an audit answered in one dashboard while the
# imports run, every imported row), and both dashboards notice the new
# data by themselves and show it after r. (It caught the dashboard's own
# second connection dropping the process's POSIX locks, after which an
# import took the database for unused and deleted the WAL the dashboard
# was still writing to: answers shown but invisible to everyone else.)
. "$SRCDIR/tests/lib.sh"
t_tui_setup
if ! command -v sqlite3 >/dev/null; then
	echo "1..0 # SKIP sqlite3 command-line tool not installed"; exit 0
fi
db=$T_TMP/c.db
cp "$BUILDDIR/sample-db/sample.db" "$db"; chmod 600 "$db"
# 8 partners x 11 metrics x 5 segments x 60 months (2027-01 .. 2031-12).
sqlite3 -csv "$db" "WITH RECURSIVE m(i) AS (SELECT 0 UNION ALL SELECT i + 1 FROM m WHERE i < 59),
	s(seg) AS (VALUES (''), ('channel=phone'), ('channel=email'), ('channel=chat'), ('team=A'))
	SELECT p.code, k.key, printf('%04d-%02d', 2027 + m.i / 12, m.i % 12 + 1), s.seg, 'partner',
	       50 + (p.id * 7 + m.i * 3 + length(k.key)) % 40
	  FROM partner p, metric k, m, s ORDER BY 1, 2, 3, 4" >"$T_TMP/rows.csv"
{ echo "partner,metric,period,segment,source,value"; cat "$T_TMP/rows.csv"; } >"$T_TMP/in.csv"
rows=$(wc -l <"$T_TMP/rows.csv")
dash() {	# SESSION: a dashboard on $db in a session of the test's server
	tmux -L "$T_TMUX" -f /dev/null new-session -d -s "$1" -x 80 -y 24 \
		env TERM=xterm-256color LANG=C.UTF-8 "$BPOWATCH" --db "$db"
}
screen() { tmux -L "$T_TMUX" capture-pane -p -J -t "$1"; }
wait_in() {	# SESSION TEXT: up to 10 s
	i=0
	while [ $i -lt 100 ]; do
		screen "$1" | grep -qF -- "$2" && return 0
		t_sleep 0.1; i=$((i + 1))
	done
	return 1
}

# One private server with a session per dashboard (not lib.sh's run: tmux
# 3.3a's server dies on a second session once window-size is manual).
T_TMUX="bpwc$$"
dash a; dash b
wait_in a "8 partners" && wait_in b "8 partners"; t_ok $? "two dashboards open on one database"
tmux -L "$T_TMUX" send-keys -t a / A T L Enter; t_sleep 0.3
tmux -L "$T_TMUX" send-keys -t a a; wait_in a "QA audits"
tmux -L "$T_TMUX" send-keys -t a Enter; wait_in a "answered 6 of 16"; t_ok $? "dashboard a has audit #18 open"
tmux -L "$T_TMUX" send-keys -t a G

# Three imports one after another in the background (the first writes
# every row, the others find them unchanged) while a answers items.
( trap - EXIT	# the subshell must not run the file's clean-up
  for n in 1 2 3; do
	"$BPOWATCH" --db "$db" import "$T_TMP/in.csv" >"$T_TMP/imp$n.out" 2>"$T_TMP/imp$n.err"
	echo $? >"$T_TMP/imp$n.rc"
  done ) &
imp=$!
for k in 1 2 3 4 5 6; do
	tmux -L "$T_TMUX" send-keys -t a n k; t_sleep 0.15
done
wait $imp
for n in 1 2 3; do
	[ "$(cat "$T_TMP/imp$n.rc")" = 0 ]; t_ok $? "import $n while the dashboards run succeeds"
	grep -qi "locked" "$T_TMP/imp$n.err"; t_ok $((! $?)) "import $n: no 'locked' message"
done
t_contains "$T_TMP/imp1.out" "$rows inserted" "the first import stored every row ($rows)"
t_sleep 0.5
shown=$(screen a | grep -oE "answered [0-9]+ of 16" | grep -oE "[0-9]+" | head -n 1)
[ "${shown:-0}" -gt 6 ]; t_ok $? "a's answers during the imports were taken (answered ${shown:-?} of 16)"
screen a | grep -qi "locked\|busy"; t_ok $((! $?)) "dashboard a never showed a lock error"
n=$(sqlite3 "$db" "SELECT count(*) FROM qa_answer WHERE review_id = 18 AND answer IS NOT NULL")
[ "$n" = "$shown" ]; t_ok $? "and every answer shown is in the database ($n)"
n=$(sqlite3 "$db" "SELECT count(*) FROM observation WHERE period >= '2027-01-01'")
[ "$n" = "$rows" ]; t_ok $? "every imported row is in the database ($n)"
wait_in b "DATA CHANGED: r reloads"; t_ok $? "dashboard b notices the new data by itself"
tmux -L "$T_TMUX" send-keys -t b r; t_sleep 1
screen b | grep -q "DATA CHANGED"; t_ok $((! $?)) "after r it has reloaded (the notice is gone)"
tmux -L "$T_TMUX" send-keys -t b ]; wait_in b "as of 2026-11"
t_ok $? "and ] steps on into the months the import added"
screen b | grep -qi "locked\|busy"; t_ok $((! $?)) "dashboard b never showed a lock error"
[ "$(sqlite3 "$db" "PRAGMA integrity_check")" = ok ]; t_ok $? "the database is whole"
t_tmux_stop
t_done
