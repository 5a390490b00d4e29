#!/bin/sh
# test_screens.sh: every screen and key of the dashboard, read off a real
# terminal (a private tmux server) on the sample data: overview panes and
# list, sort, filter, partner view, drill-down (chart, periods, segments,
# events), the as-of month, help, at 80x24 and 160x50, in UTF-8 with
# xterm-256color and in the C locale under vt100; resize bursts, bytes per
# key, other writers, key rebinding, themes and NO_COLOR.
. "$SRCDIR/tests/lib.sh"
t_tui_setup
# What the screen shows once the frame being drawn has arrived whole (a
# large one reaches tmux in more than one write; under valgrind, slowly).
scr() { t_wait_stable; t_screen >"$T_TMP/scr"; }
has() { scr; t_contains "$T_TMP/scr" "$@"; }
hasnt() { scr; t_not_contains "$T_TMP/scr" "$@"; }
# waits for TEXT, then records a test point
see() { t_wait_for "$1" 5; t_ok $? "$2"; }
# Esc alone (a key typed right after it would read as Alt+key otherwise)
esc() { t_keys Escape; t_wait_stable; }
sel() { t_screen | grep -oE ">[A-Z]{3} " | head -n 1 | tr -d '> '; }

# The walk, in one size and terminal. $1: label for the test names.
walk() {
	L=$1
	t_wait_for "8 partners" 10; t_ok $? "$L: overview opens"
	# Sort: health (worst first), name, CSAT change, attrition.
	[ "$(sel)" = SUN ]; t_ok $? "$L: worst health first (SUN)"
	t_keys s; see "sort: name" "$L: s sorts by name"
	has "sorted by name" "$L: the sort is announced"
	[ "$(sel)" = SUN ]; t_ok $? "$L: the selection stays on its partner when sorting"
	t_keys Home; t_wait_stable
	[ "$(sel)" = ATL ]; t_ok $? "$L: by name, Atlas comes first"
	t_keys s; see "sort: CSAT change" "$L: s sorts by CSAT change"
	t_keys Home; t_wait_stable
	[ "$(sel)" = ATL ]; t_ok $? "$L: the largest CSAT drop first (ATL, -2.9)"
	t_keys s; see "sort: attrition" "$L: s sorts by attrition"
	t_keys Home; t_wait_stable
	case "$(sel)" in CCX|SUN) true ;; *) false ;; esac
	t_ok $? "$L: the highest attrition first (CCX or SUN, offshore, both 6.9%)"
	t_keys s; see "sort: health" "$L: s comes back to health"
	# Filter, incremental, by name, code, site and owner.
	t_keys /; see "filter: _" "$L: / opens the filter line"
	t_keys l i s; see "1 partner " "$L: the filter narrows as you type (site Lisbon)"
	has "ATL Atlas" "$L: the match is shown"
	t_keys BSpace BSpace BSpace; see "8 partners" "$L: Backspace widens it again"
	t_keys w e b e r; see "3 partners" "$L: owner Jonas Weber has three partners"
	t_keys Enter; see "filter: weber" "$L: Enter keeps the filter"
	t_keys /; t_keys C-u; t_keys B S S; see "1 partner " "$L: by code, after C-u cleared the line"
	t_keys Enter; t_wait_stable; esc; see "8 partners" "$L: Esc clears the filter"
	# List mode.
	t_keys v; see "CWVPOQSF" "$L: v shows one line per partner"
	t_keys v; t_wait_for "┌\|+-" 5
	# Partner view.
	t_keys / A T L Enter; t_wait_for "1 partner " 5
	t_keys Enter; see "Atlas Contact Lisboa, Lda. (ATL)" "$L: Enter opens the partner"
	for ind in "Customer satisfaction" "Workforce stability" "Value balance" \
		"Proactivity" "Communication" "Quality assurance" "Service delivery" \
		"Partnership fit"; do
		has "$ind" "$L: partner view lists $ind"
	done
	has "! ALERT   Customer satisfaction" "$L: Atlas's CSAT indicator is ALERT"
	has "health" "$L: partner view shows the health score"
	has "csat_shift" "$L: the rules of the selected indicator are shown"
	t_keys j; t_wait_stable
	scr; grep -q ">+ OK      Workforce stability" "$T_TMP/scr"; t_ok $? "$L: j selects the next indicator"
	has "Workforce stability: " "$L: its rules follow the selection"
	t_keys k Tab; t_wait_stable
	scr; grep -qE "^>. [A-Z ]{8}csat_shift" "$T_TMP/scr"; t_ok $? "$L: Tab moves into the rules"
	# Drill-down.
	t_keys Enter; see "ATL > Customer satisfaction" "$L: Enter drills down"
	# The shift rule's lines: its normal (82.4) less the smallest effects.
	has "W 79.9" "$L: the chart shows the warn line with its value"
	has "A 77.9" "$L: and the alert line"
	has "2026-10" "$L: month labels under the chart"
	has "[Periods]" "$L: the period table is shown"
	has "Median (n)" "$L: with the portfolio median beside the partner"
	scr; grep -qE "^>2026-10 +72\.9 +72\.9 +[0-9.]+ +[0-9.]+ \([0-9]+\)" "$T_TMP/scr"
	t_ok $? "$L: October: combined, client and partner values and the median"
	t_keys Tab; t_wait_stable; t_keys j; t_wait_stable
	scr; grep -qE "^>2026-09 " "$T_TMP/scr" && ! grep -qE "^.2026-10 +72" "$T_TMP/scr"
	t_ok $? "$L: j scrolls the focused period table"
	t_keys Tab; see "[Segments]" "$L: Tab shows the segments"
	has "channel=phone" "$L: each segment is listed"
	t_keys Tab; see "[Events]" "$L: Tab shows the event timeline"
	has "Repeat complaints, phone team B" "$L: the partner's events, newest first"
	# The as-of month.
	t_keys '['; see "as of 2026-09" "$L: [ judges one month earlier"
	has "ATL > Customer satisfaction" "$L: the drill-down stays open"
	t_keys ']'; see "as of 2026-10 (the month judged today)" "$L: ] moves back, to the month judged today"
	t_keys ']'; see "2026-10 is the latest month with figures" "$L: ] stops at the latest month"
	# Help.
	t_keys '?'; see "Keys (? or Esc closes)" "$L: ? opens the help"
	has "filter partners" "$L: the help lists actions from the key map"
	esc; t_wait_for "[Events]" 5; t_ok $? "$L: Esc closes the help"
	# Events and audits: the proactivity drill-down of Danube.
	esc; esc; t_wait_for "1 partner " 5
	esc; t_wait_for "8 partners" 5
	t_keys / D P S Enter; t_wait_for "1 partner " 5
	t_keys Enter; t_wait_for "(DPS)" 5
	t_keys j j j Enter; see "DPS > Proactivity" "$L: drill-down of an events indicator"
	has "Figures behind this rule" "$L: a rule without a metric shows its figures"
	has "[Events]" "$L: and opens on the event timeline"
	has "Improvement idea" "$L: the counted events are listed"
	t_keys Q; t_wait_dead 5; t_ok $? "$L: Q quits from the drill-down"
	t_status 0 "$(t_dead_status)" "$L: exit status"
	t_tmux_stop
}

run 80 24 TERM=xterm-256color LANG=C.UTF-8 "$BPOWATCH" --demo
walk "80x24 UTF-8"
run 160 50 TERM=xterm-256color LANG=C.UTF-8 "$BPOWATCH" --demo
t_wait_for "8 partners" 10; t_wait_stable
scr; grep -qE "┐┌" "$T_TMP/scr" && ! grep -qE "┐┌.*┐┌" "$T_TMP/scr"
t_ok $? "160x50: two columns of panes wide enough for full names"
[ "$(grep -c '┌' "$T_TMP/scr")" -eq 4 ]; t_ok $? "160x50: all eight partners in four rows"
walk "160x50 UTF-8"
run 80 24 TERM=vt100 LANG=C LC_ALL=C "$BPOWATCH" --demo
tmux -L "$T_TMUX" pipe-pane -t t "cat >$T_TMP/bytes.vt100"
walk "80x24 vt100 C"
LC_ALL=C grep -q '[^ -~[:cntrl:]]' "$T_TMP/bytes.vt100"; t_ok $((! $?)) "vt100 C: no byte outside ASCII sent"

# The chart in ASCII: axes and lines of plain characters.
run 100 30 TERM=vt100 LANG=C LC_ALL=C "$BPOWATCH" --demo
t_wait_for "8 partners" 10
t_keys Enter; t_wait_for "(SUN)" 5; t_keys Enter; t_wait_for "SUN > Customer" 5
# The first rule, csat_shift, draws its lines (the divergence opened first
# has none: its thresholds are a gap, not a level).
t_keys g; t_wait_for " A 75.2" 5
scr; grep -qE "^ +[0-9.]+\|" "$T_TMP/scr"; t_ok $? "ASCII chart: y labels and | axis"
has "+-----" "ASCII chart: x axis"
grep -qE "\|.*=.* A 75.2" "$T_TMP/scr"; t_ok $? "ASCII chart: alert line of = with its label"
grep -qE "#" "$T_TMP/scr"; t_ok $? "ASCII chart: bars of #"
# A burst of resizes on the drill-down.
for size in "40 12" "200 60" "55 14" "120 40" "41 13" "90 25" "39 11" "150 45" "60 20" "100 30"; do
	set -- $size
	tmux -L "$T_TMUX" resize-window -t t -x "$1" -y "$2"
done
t_wait_for "SUN > Customer" 5; t_ok $? "burst of resizes: the drill-down is redrawn"
scr; grep -q "+-----" "$T_TMP/scr"; t_ok $? "burst of resizes: the chart is back"
[ ! -f "$T_TMP/status" ]; t_ok $? "burst of resizes: still running"
t_keys Q; t_wait_dead 5; t_tmux_stop

# Bytes per key: moving the selection sends a fraction of a repaint.
run 80 24 TERM=xterm-256color LANG=C.UTF-8 "$BPOWATCH" --demo
t_wait_for "8 partners" 10
# The first frame whole (it can reach the terminal in more than one
# write, slowly under valgrind) before the bytes of the move are counted.
t_wait_stable
tmux -L "$T_TMUX" pipe-pane -t t "cat >$T_TMP/bytes.move"; t_sleep 0.3
t_keys l; t_wait_stable
tmux -L "$T_TMUX" pipe-pane -t t; t_sleep 0.2
tmux -L "$T_TMUX" pipe-pane -t t "cat >$T_TMP/bytes.full"; t_sleep 0.3
t_keys C-l; t_wait_stable
tmux -L "$T_TMUX" pipe-pane -t t; t_sleep 0.2
move=$(wc -c <"$T_TMP/bytes.move"); full=$(wc -c <"$T_TMP/bytes.full")
[ "$move" -gt 0 ] && [ $((move * 4)) -lt "$full" ]; t_ok $? "one move sends under a quarter of a repaint ($move of $full bytes)"
! grep -q "${ESC}\[2J" "$T_TMP/bytes.move"; t_ok $? "a move does not clear the screen"
grep -q "${ESC}\[H${ESC}\[2J\|${ESC}\[2J" "$T_TMP/bytes.full"; t_ok $? "C-l repaints from a clear screen"
t_keys Q; t_wait_dead 5; t_tmux_stop

# Another process writes: the status bar says so; r reloads.
"$BPOWATCH" --db "$T_TMP/w.db" init --sample >/dev/null
run 100 30 TERM=xterm-256color LANG=C.UTF-8 "$BPOWATCH" --db "$T_TMP/w.db"
t_wait_for "8 partners" 10
# A writer as people run one: it waits for a lock the dashboard holds a
# moment (storing its judgement) as bpowatch itself would, 5 s.
sqlite3 -cmd ".timeout 5000" "$T_TMP/w.db" "UPDATE partner SET name = 'Atlas Renamed' WHERE code = 'ATL'"
t_ok $? "another process writes while the dashboard is open"
see "DATA CHANGED: r reloads" "a write by another process is noticed"
hasnt "Atlas Renamed" "nothing changes on screen before r"
t_keys r; see "reloaded" "r reloads"
t_keys v; see "Atlas Renamed" "the other process's change is shown after r"
t_keys Q; t_wait_dead 5; t_tmux_stop

# Keys rebound in the config: the new key works and the help says so.
printf 'keys = { down = "n Down"; sort = "o"; };\n' >"$T_TMP/keys.conf"
run 80 24 TERM=xterm-256color LANG=C.UTF-8 "$BPOWATCH" --config "$T_TMP/keys.conf" --demo
t_wait_for "8 partners" 10
first=$(sel)
t_keys n; t_wait_stable
second=$(sel)
[ -n "$second" ] && [ "$second" != "$first" ]; t_ok $? "a rebound key (n) moves down ($first to $second)"
t_keys j; t_wait_stable
[ "$(sel)" = "$second" ]; t_ok $? "the old key (j) no longer does"
t_keys o; see "sort: name" "o sorts after rebinding"
t_keys '?'; t_wait_for "Keys (? or Esc closes)" 5
scr; grep -qE "n Down +move down" "$T_TMP/scr"; t_ok $? "the help shows the keys in force"
grep -qE " o +sort:" "$T_TMP/scr"; t_ok $? "the help shows the rebound sort key"
t_keys Q; t_wait_dead 5; t_tmux_stop

# Colours: themes on a 256-colour terminal, none with NO_COLOR or --no-color.
colour_run() {	# NAME ENV... -- ARGS: bytes of the first screen into bytes.NAME
	local name=$1
	shift
	run 80 24 TERM=xterm-256color LANG=C.UTF-8 "$@"
	t_wait_for "8 partners" 10
	tmux -L "$T_TMUX" pipe-pane -t t "cat >$T_TMP/bytes.$name"; t_sleep 0.2
	t_keys C-l; t_wait_stable
	t_keys Q; t_wait_dead 5; t_tmux_stop
}
colour_run dark "$BPOWATCH" --demo
grep -q "38;5;203" "$T_TMP/bytes.dark"; t_ok $? "dark theme: ALERT in colour 203"
colour_run light "$BPOWATCH" --theme light --demo
grep -q "38;5;160" "$T_TMP/bytes.light"; t_ok $? "--theme light: ALERT in colour 160"
! grep -q "38;5;203" "$T_TMP/bytes.light"; t_ok $? "--theme light replaces the dark colours"
colour_run nocolor NO_COLOR=1 "$BPOWATCH" --demo
! grep -qE "${ESC}\[[0-9;]*(3[0-7]|38;5;[0-9]+)m" "$T_TMP/bytes.nocolor"; t_ok $? "NO_COLOR: no colour sent"
grep -q "! ALERT" "$T_TMP/bytes.nocolor"; t_ok $? "NO_COLOR: statuses still in words"
colour_run nocolor2 "$BPOWATCH" --no-color --demo
! grep -qE "${ESC}\[[0-9;]*(3[0-7]|38;5;[0-9]+)m" "$T_TMP/bytes.nocolor2"; t_ok $? "--no-color: no colour sent"
run 80 24 TERM=xterm LANG=C.UTF-8 "$BPOWATCH" --demo
t_wait_for "8 partners" 10
tmux -L "$T_TMUX" pipe-pane -t t "cat >$T_TMP/bytes.eight"; t_sleep 0.2
t_keys C-l; t_wait_stable; t_keys Q; t_wait_dead 5; t_tmux_stop
grep -qE "${ESC}\[([0-9;]*;)?31m" "$T_TMP/bytes.eight"; t_ok $? "8-colour terminal: ALERT in the 8-colour red"
! grep -q "38;5;" "$T_TMP/bytes.eight"; t_ok $? "8-colour terminal: no 256-colour codes"
colour_run cb "$BPOWATCH" --theme colorblind --demo
grep -q "38;5;32" "$T_TMP/bytes.cb"; t_ok $? "--theme colorblind: OK in blue (32)"
colour_run hc "$BPOWATCH" --theme high-contrast --demo
grep -q "48;5;196" "$T_TMP/bytes.hc"; t_ok $? "--theme high-contrast: ALERT as a red badge"
# A theme that is not found: the dashboard starts in the built-in dark
# theme and says so in the status line (and on stderr before the screen).
printf 'theme = "nosuch";\n' >"$T_TMP/nosuch.conf"
run 80 24 TERM=xterm-256color LANG=C.UTF-8 "$BPOWATCH" --config "$T_TMP/nosuch.conf" --demo
t_wait_for "8 partners" 10; t_ok $? "an unknown theme: the dashboard still starts"
# The status line is the last of the first frame to arrive.
t_wait_for "theme 'nosuch' not found: using the built-in dark theme" 5
t_screen >"$T_TMP/scr"
t_contains "$T_TMP/scr" "theme 'nosuch' not found: using the built-in dark theme" "the status line says the theme fell back"
tmux -L "$T_TMUX" pipe-pane -t t "cat >$T_TMP/bytes.nosuch"; t_sleep 0.2
t_keys C-l; t_wait_stable
grep -q "38;5;203" "$T_TMP/bytes.nosuch"; t_ok $? "an unknown theme: ALERT in the dark theme's 203"
t_keys Q; t_wait_dead 5; t_status 0 "$(t_dead_status)" "an unknown theme: Q quits normally"
t_screen_all >"$T_TMP/scr"
t_contains "$T_TMP/scr" "nosuch.conf:1: warning: theme 'nosuch' not found" "the warning with its file and line on stderr"
t_tmux_stop

# The terminals of jump hosts.
for term in xterm xterm-256color screen tmux-256color linux vt100; do
	run 80 24 TERM=$term LANG=C.UTF-8 "$BPOWATCH" --demo
	t_wait_for "8 partners" 10; t_ok $? "TERM=$term: the overview opens"
	t_keys Enter; t_wait_for "(SUN)" 5; t_ok $? "TERM=$term: Enter opens a partner"
	t_keys Q; t_wait_dead 5; t_ok $? "TERM=$term: Q quits"
	t_tmux_stop
done

t_done
