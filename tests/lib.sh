# lib.sh: TAP output and tmux helpers for the shell tests. Source it; it
# expects $BPOWATCH (the binary under test), $SRCDIR and $BUILDDIR from the
# test harness (Makefile.am's AM_TESTS_ENVIRONMENT).

: "${BPOWATCH:?BPOWATCH must name the binary under test}"
T_N=0
T_FAILED=0
T_TMP=$(mktemp -d "${TMPDIR:-/tmp}/bpw-sh-XXXXXX")
export HOME="$T_TMP/home" XDG_CONFIG_HOME="$T_TMP/config" XDG_DATA_HOME="$T_TMP/data"
mkdir -p "$HOME" "$XDG_CONFIG_HOME" "$XDG_DATA_HOME"
unset BPOWATCH_DB BPOWATCH_DATADIR NO_COLOR
# Every run takes "today" from here, never from the clock: the sample data
# ends in 2026-10, judged on this day (a test wanting another day passes
# --today, which wins).
export BPOWATCH_TODAY=2026-12-04
# faketime preloads its library ahead of ASan's runtime, which ASan refuses
# unless told the order does not matter (harmless without sanitizers).
export ASAN_OPTIONS="${ASAN_OPTIONS:+$ASAN_OPTIONS:}verify_asan_link_order=0"
trap 't_cleanup' EXIT

# Under valgrind (`make check-valgrind` sets BPW_VALGRIND): every run of the
# program goes through tests/valgrind.sh, which logs what memcheck finds
# into $BPW_VG_LOGS; t_done turns those logs into a test point, and every
# wait is T_SLOW times as long.
T_SLOW=1
if [ -n "${BPW_VALGRIND:-}" ]; then
	T_SLOW=${BPW_SLOW:-6}
	BPOWATCH_REAL=$BPOWATCH
	BPOWATCH=$SRCDIR/tests/valgrind.sh
	BPW_VG_LOGS=$T_TMP/valgrind
	mkdir -p "$BPW_VG_LOGS"
	export BPOWATCH_REAL BPW_VG_LOGS
fi

# t_sleep SECONDS: sleeps, T_SLOW times longer under valgrind.
t_sleep() {
	if [ "$T_SLOW" = 1 ]; then sleep "$1"; else
		sleep "$(awk -v s="$1" -v k="$T_SLOW" 'BEGIN { print s * k }')"; fi
}

t_cleanup() {
	[ -n "${T_TMUX:-}" ] && tmux -L "$T_TMUX" kill-server 2>/dev/null
	rm -rf "$T_TMP"
}

# ok COND-EXIT-STATUS DESCRIPTION: record one test point.
t_ok() {
	T_N=$((T_N + 1))
	if [ "$1" -eq 0 ]; then
		echo "ok $T_N - $2"
	else
		echo "not ok $T_N - $2"
		T_FAILED=$((T_FAILED + 1))
	fi
}

# Prints a diagnostic (shown by the harness on failure).
t_diag() { printf '%s\n' "$@" | sed 's/^/# /'; }

# t_contains FILE TEXT DESCRIPTION: FILE contains the fixed string TEXT.
t_contains() {
	if grep -qF -- "$2" "$1"; then t_ok 0 "$3"; else
		t_ok 1 "$3"; t_diag "expected '$2' in:"; t_diag "$(cat "$1")"; fi
}

t_not_contains() {
	if grep -qF -- "$2" "$1"; then
		t_ok 1 "$3"; t_diag "did not expect '$2' in:"; t_diag "$(cat "$1")"
	else t_ok 0 "$3"; fi
}

# t_status WANT GOT DESCRIPTION
t_status() {
	[ "$2" -eq "$1" ]; t_ok $? "$3 (exit $2, want $1)"
}

# py_ok DESCRIPTION SCRIPT FILE: a python3 check of FILE (sys.argv[1]),
# skipped (and said so) without python3.
py_ok() {
	if ! command -v python3 >/dev/null 2>&1; then
		t_ok 0 "$1 # SKIP python3 not installed"; return
	fi
	python3 -c "$2" "$3" 2>"$T_TMP/py.err"; t_ok $? "$1"
	[ -s "$T_TMP/py.err" ] && t_diag "$(cat "$T_TMP/py.err")"
}

# Under valgrind: one test point for all the runs of this file: no memory
# error and no definite leak in any of them.
t_valgrind_check() {
	local runs bad f
	runs=$(ls "$BPW_VG_LOGS" | wc -l)
	bad=0
	for f in "$BPW_VG_LOGS"/*; do
		[ -s "$f" ] || continue
		bad=$((bad + 1))
		t_diag "$f:" "$(head -n 60 "$f")"
	done
	[ "$runs" -gt 0 ] && [ "$bad" -eq 0 ]
	t_ok $? "valgrind: $runs runs of the program, $bad with a memory error or a definite leak"
}

t_done() {
	[ -n "${BPW_VALGRIND:-}" ] && t_valgrind_check
	echo "1..$T_N"
	[ "$T_FAILED" -eq 0 ]
}

# ---- tmux: a private server per test file ----

t_tmux_start() {	# COLS ROWS COMMAND...
	# A new server name for every start: a server that was just killed
	# can still hold its socket, and a client connecting to it then gets
	# "server exited unexpectedly" (one start in eight, seen in CI).
	T_SERVERS=$(( ${T_SERVERS:-0} + 1 ))
	T_TMUX="bpw$$-$T_SERVERS"
	local cols=$1 rows=$2
	shift 2
	rm -f "$T_TMP/status"
	# A small shell runs the program and records its exit status (tmux's
	# own #{pane_dead_status} is not always filled in).
	tmux -L "$T_TMUX" -f /dev/null new-session -d -s t -x "$cols" -y "$rows" \
		sh -c 'st=$1; shift; "$@"; echo $? >"$st.tmp"; mv "$st.tmp" "$st"' \
		sh "$T_TMP/status" "$@" || return 1
	tmux -L "$T_TMUX" set-option -g remain-on-exit on >/dev/null
	tmux -L "$T_TMUX" set-option -g window-size manual >/dev/null
}

# The screen as text, wrapped lines joined.
t_screen() { tmux -L "$T_TMUX" capture-pane -p -J -t t; }
# The screen and the scroll-back (for what a program printed before exiting).
t_screen_all() { tmux -L "$T_TMUX" capture-pane -p -J -S - -t t; }

# t_wait_for TEXT [SECONDS]: waits until TEXT is on the screen, and then
# for the rest of the frame it is part of (t_settle): what a test reads
# next is the whole screen, not the first of the writes a large frame
# reaches tmux in (the status line, last, was missing under valgrind).
t_wait_for() {
	local i cur limit=$(( ${2:-10} * 10 * T_SLOW ))
	for i in $(seq "$limit"); do
		cur=$(t_screen 2>/dev/null)
		if printf '%s\n' "$cur" | grep -qF -- "$1"; then
			t_settle "$cur"
			return 0
		fi
		sleep 0.1
	done
	return 1
}

# t_settle [SCREEN]: until two captures 0.1 s apart (T_SLOW times that
# under valgrind) agree, the first compared with SCREEN; at most 30 tries,
# for a screen that keeps changing.
t_settle() {
	local i prev=$1 cur step
	step=$(awk "BEGIN { print 0.1 * $T_SLOW }")
	for i in $(seq 30); do
		sleep "$step"
		cur=$(t_screen 2>/dev/null)
		[ "$cur" = "$prev" ] && return 0
		prev=$cur
	done
	return 0
}

# t_wait_stable [SECONDS]: waits until the screen stops changing (two
# captures 0.3 s apart agree, T_SLOW times that under valgrind): a large
# screen reaches tmux in several writes, and a capture between them sees
# half a frame; after a key, the screen it leads to. Instead of a blind
# sleep where no one text marks the new screen.
t_wait_stable() {
	local i prev= cur limit=$(( ${1:-5} * 10 / 3 ))
	local step
	step=$(awk "BEGIN { print 0.3 * $T_SLOW }")
	for i in $(seq "$limit"); do
		cur=$(t_screen 2>/dev/null)
		[ -n "$cur" ] && [ "$cur" = "$prev" ] && return 0
		prev=$cur
		sleep "$step"
	done
	return 1
}

# t_wait_dead [SECONDS]: waits for the program in the pane to exit.
t_wait_dead() {
	local i limit=$(( ${1:-10} * 10 * T_SLOW ))
	for i in $(seq "$limit"); do
		[ -f "$T_TMP/status" ] && return 0
		sleep 0.1
	done
	return 1
}

# The exit status of the program (128+N when it ended on signal N).
t_dead_status() { cat "$T_TMP/status" 2>/dev/null || echo -1; }
# The pid of the program under test (the child of the recording shell).
t_pane_pid() { pgrep -P "$(tmux -L "$T_TMUX" display-message -p -t t '#{pane_pid}')" | head -n 1; }
t_keys() { tmux -L "$T_TMUX" send-keys -t t "$@"; }
t_tmux_stop() { tmux -L "$T_TMUX" kill-server 2>/dev/null; T_TMUX=; }

# ---- the dashboard in tmux ----

# t_tui_setup: for the end-to-end files: skips the whole file when tmux is
# missing, leaves any surrounding tmux alone, and makes $DEMO_TMP (where
# --demo copies go, so tests can see them removed).
t_tui_setup() {
	if [ -z "${TMUX_BIN:-}" ] && ! command -v tmux >/dev/null; then
		echo "1..0 # SKIP tmux not installed"; exit 0
	fi
	unset TMUX
	cd "$T_TMP" || exit 1
	DEMO_TMP=$T_TMP/demo; mkdir -p "$DEMO_TMP"
	ESC=$(printf '\033')
}

# run COLS ROWS ENV... ARGS: bpowatch (or any command) in a fresh tmux
# server, with demo copies in $DEMO_TMP.
run() {
	local cols=$1 rows=$2
	shift 2
	t_tmux_start "$cols" "$rows" env TMPDIR="$DEMO_TMP" "$@"
}
