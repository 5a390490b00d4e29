#!/bin/sh
# test_signals.sh: SIGTERM, SIGHUP (a dropped SSH session) and SIGINT in
# every screen restore the terminal (alternate screen left, cursor shown),
# end the program with the signal's status and keep what was saved (an
# audit answer acknowledged on screen); Ctrl-Z (SIGTSTP) gives the terminal
# back and SIGCONT (fg) redraws the screen.
. "$SRCDIR/tests/lib.sh"
t_tui_setup
if ! command -v sqlite3 >/dev/null; then
	echo "1..0 # SKIP sqlite3 command-line tool not installed"; exit 0
fi
see() { t_wait_for "$1" "${2:-5}"; }

# screen|keys (tmux send-keys words)|text that shows the screen is up
SCREENS='portfolio||8 partners
partner|Enter|(SUN)
drill-down|Enter Enter|SUN > Customer
help|?|every screen
audits|a|QA audits
template editor|a End t Enter|QA templates >
audit being answered|a n C-u 2026-11-20 Enter Enter p|answered 1 of 16'

for sig in TERM HUP INT; do
	case $sig in TERM) want=143 ;; HUP) want=129 ;; INT) want=130 ;; esac
	while IFS='|' read -r name keys text; do
		db=$T_TMP/s.db
		rm -f "$db" "$db-wal" "$db-shm"
		cp "$BUILDDIR/sample-db/sample.db" "$db"
		run 80 24 TERM=xterm-256color LANG=C.UTF-8 "$BPOWATCH" --db "$db"
		see "8 partners" 10
		for k in $keys; do t_keys "$k"; t_sleep 0.1; done
		see "$text"; up=$?
		tmux -L "$T_TMUX" pipe-pane -t t "cat >$T_TMP/bytes"
		t_sleep 0.2
		kill -"$sig" "$(t_pane_pid)"
		t_wait_dead 5; dead=$?
		status=$(t_dead_status)
		t_sleep 0.2
		grep -q "${ESC}\[?1049l" "$T_TMP/bytes"; left=$?
		grep -q "${ESC}\[?25h" "$T_TMP/bytes"; cursor=$?
		[ $up -eq 0 ] && [ $dead -eq 0 ] && [ "$status" = "$want" ] &&
			[ $left -eq 0 ] && [ $cursor -eq 0 ]
		t_ok $? "SIG$sig in the $name: exit $status (want $want), alternate screen left, cursor shown"
		[ $up -eq 0 ] || t_diag "the $name did not show '$text'" "$(t_screen)"
		if [ "$name" = "audit being answered" ]; then
			n=$(sqlite3 "$db" "SELECT count(*) FROM qa_answer a JOIN qa_review r
				ON r.id = a.review_id WHERE r.date = '2026-11-20' AND a.answer = 'pass'")
			[ "$n" = 1 ]; t_ok $? "SIG$sig: the answer acknowledged on screen is in the database ($n)"
			ok=$(sqlite3 "$db" "PRAGMA integrity_check")
			[ "$ok" = ok ]; t_ok $? "SIG$sig: the database is whole ($ok)"
		fi
		t_tmux_stop
	done <<EOF_SCREENS
$SCREENS
EOF_SCREENS
done

# Ctrl-Z and fg in an interactive shell with job control, as on a jump
# host: the terminal is handed back to the shell, then the screen redrawn.
if [ -n "${BPW_VALGRIND:-}" ]; then
	# A process in valgrind does not stop on Ctrl-Z (`valgrind cat` does
	# not either); the native run of this file checks it.
	t_ok 0 "Ctrl-Z and fg # SKIP valgrind does not stop on SIGTSTP"
elif command -v bash >/dev/null; then
	db=$T_TMP/s.db
	rm -f "$db" "$db-wal" "$db-shm"
	cp "$BUILDDIR/sample-db/sample.db" "$db"
	run 80 24 TERM=xterm-256color LANG=C.UTF-8 PS1='shell$ ' bash --norc --noprofile -i
	see 'shell$'
	t_keys "'$BPOWATCH' --db '$db'" Enter
	see "8 partners" 10
	tmux -L "$T_TMUX" pipe-pane -t t "cat >$T_TMP/bytes.tstp"
	t_sleep 0.2
	t_keys C-z
	see "Stopped"; t_ok $? "Ctrl-Z stops the program and the shell takes over"
	t_sleep 0.2
	grep -q "${ESC}\[?1049l" "$T_TMP/bytes.tstp"; t_ok $? "the alternate screen is left first"
	t_screen | grep -q "8 partners"; t_ok $((! $?)) "the dashboard is off the screen"
	tmux -L "$T_TMUX" pipe-pane -t t "cat >$T_TMP/bytes.cont"
	t_keys "clear; fg" Enter
	see "8 partners"; t_ok $? "fg redraws the portfolio"
	t_sleep 0.2
	grep -q "${ESC}\[?1049h" "$T_TMP/bytes.cont"; t_ok $? "back on the alternate screen"
	t_keys j; t_sleep 0.3; t_keys q
	see 'shell$'; t_ok $? "it still takes keys, and q hands the terminal back"
	t_tmux_stop
else
	t_ok 0 "Ctrl-Z and fg # SKIP bash not installed"
fi
t_done
