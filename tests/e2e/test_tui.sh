#!/bin/sh
# test_tui.sh: the real bpowatch in a real terminal (a private tmux server):
# the demo lists the sample partners at 80x24, keys move and quit, resize,
# SIGTERM and SIGHUP restore the terminal and remove the demo copy, ASCII
# and unknown terminals, and hostile partner names never reach the terminal.
. "$SRCDIR/tests/lib.sh"
t_tui_setup
PARTNERS="NLK ATL VSC SUN DPS CCX BSS TMC"

# 1. --demo at 80x24: panes in two columns, every partner reachable.
run 80 24 TERM=xterm-256color LANG=C.UTF-8 "$BPOWATCH" --demo
t_wait_for "8 partners"; t_ok $? "demo at 80x24 shows the title bar"
t_wait_stable	# the status bar, last of the first frame, has arrived too
t_screen >"$T_TMP/screen1"
t_contains "$T_TMP/screen1" "demo, not saved" "status bar names the demo database"
t_contains "$T_TMP/screen1" "as of 2026-10" "title bar shows the month judged"
t_contains "$T_TMP/screen1" "! 7 ALERT  + 1 OK" "status bar counts partners by status, with marks"
grep -qE "┌>SUN .*┐┌ DPS " "$T_TMP/screen1"; t_ok $? "two panes side by side at 80 columns, worst health first"
[ "$(grep -c '┌' "$T_TMP/screen1")" -eq 3 ]; t_ok $? "three rows of panes fit in 24 lines"
t_keys v; t_wait_for "CWVPOQSF"; t_screen >"$T_TMP/screen1l"
for code in $PARTNERS; do
	grep -qE "^.(!|\+|~|\?) [A-Z ]{7} +$code " "$T_TMP/screen1l"; t_ok $? "partner $code is listed with its status"
done
t_contains "$T_TMP/screen1l" "+ OK      NLK   Nordlicht" "the benchmark partner is OK"
t_contains "$T_TMP/screen1l" "! ALERT   ATL   Atlas Contact" "Atlas is ALERT, in words"
t_keys v; t_wait_for "┌"
[ "$(ls -A "$DEMO_TMP" | wc -l)" -eq 1 ]; t_ok $? "demo copy lives in TMPDIR while running"
# The selection (marked >) moves with j/k (rows), h/l (columns), End/Home.
sel() { t_screen | grep -oE ">[A-Z]{3} " | head -n 1 | tr -d '> '; }
t_keys l; t_wait_stable
[ "$(sel)" = DPS ]; t_ok $? "l moves right (SUN -> $(sel))"
t_keys j; t_wait_stable
[ "$(sel)" = CCX ]; t_ok $? "j moves a row down ($(sel))"
t_keys k h; t_wait_stable
[ "$(sel)" = SUN ]; t_ok $? "k and h move back ($(sel))"
t_keys End; t_wait_stable
[ "$(sel)" = NLK ]; t_ok $? "End selects the last partner and scrolls to it ($(sel))"
t_keys Home; t_wait_stable
[ "$(sel)" = SUN ]; t_ok $? "Home selects the first partner ($(sel))"
# An escape sequence curses does not know must not read as Esc (back/quit).
t_keys -l "${ESC}[99~"; t_keys -l "${ESC}O5z"; t_sleep 0.5
t_screen >"$T_TMP/screen1b"
t_contains "$T_TMP/screen1b" "SUN Sunrise" "unknown escape sequences are ignored, not taken as Esc"
[ ! -f "$T_TMP/status" ]; t_ok $? "still running after unknown escape sequences"
t_keys r; t_wait_for "reloaded" 5; t_ok $? "r reloads"
# Resize below the minimum and back.
tmux -L "$T_TMUX" resize-window -t t -x 30 -y 10
t_wait_for "(need 40x12, have 30x10)" 5; t_ok $? "too-small notice at 30x10"
t_contains_screen() { t_screen >"$T_TMP/scr"; t_contains "$T_TMP/scr" "$@"; }
t_contains_screen "terminal too small" "too-small notice names the problem"
tmux -L "$T_TMUX" resize-window -t t -x 100 -y 30
t_wait_for "SUN Sunrise" 5; t_ok $? "recovers when enlarged"
tmux -L "$T_TMUX" resize-window -t t -x 1 -y 1; t_sleep 0.3
tmux -L "$T_TMUX" resize-window -t t -x 80 -y 24
t_wait_for "DPS Danube" 5; t_ok $? "survives 1x1"
t_keys q; t_wait_dead 5; t_ok $? "q quits at the portfolio"
t_status 0 "$(t_dead_status)" "q exits with status"
[ -z "$(ls -A "$DEMO_TMP")" ]; t_ok $? "demo copy removed after q"
t_tmux_stop

# 2. SIGTERM and SIGHUP restore the terminal and remove the demo copy.
for sig in TERM HUP; do
	run 80 24 TERM=xterm-256color LANG=C.UTF-8 "$BPOWATCH" --demo
	t_wait_for "8 partners"
	tmux -L "$T_TMUX" pipe-pane -t t "cat >$T_TMP/bytes.$sig"
	t_sleep 0.2
	kill -"$sig" "$(t_pane_pid)"
	t_wait_dead 5; t_ok $? "SIG$sig ends the program within a second or so"
	case $sig in TERM) want=143 ;; HUP) want=129 ;; esac
	t_status "$want" "$(t_dead_status)" "SIG$sig exit status"
	t_sleep 0.2
	grep -q "${ESC}\[?1049l" "$T_TMP/bytes.$sig"; t_ok $? "SIG$sig leaves the alternate screen"
	grep -q "${ESC}\[?25h" "$T_TMP/bytes.$sig"; t_ok $? "SIG$sig shows the cursor again"
	[ -z "$(ls -A "$DEMO_TMP")" ]; t_ok $? "SIG$sig removes the demo copy"
	t_tmux_stop
done

# 3. vt100 in the C locale with --ascii: only ASCII bytes reach the terminal.
run 80 24 TERM=vt100 LANG=C LC_ALL=C "$BPOWATCH" --demo --ascii
t_wait_for "8 partners"; t_ok $? "runs under TERM=vt100 LANG=C"
tmux -L "$T_TMUX" pipe-pane -t t "cat >$T_TMP/bytes.ascii"; t_sleep 0.2
t_keys j; t_wait_stable; t_keys k; t_wait_stable
t_screen >"$T_TMP/screen3"
t_keys / k r a Enter; t_wait_for "1 partner"
t_screen >"$T_TMP/screen3"
t_contains "$T_TMP/screen3" "Krakow, PL" "non-ASCII letters are folded in ASCII mode"
t_contains "$T_TMP/screen3" "+------" "boxes are drawn with + - | in ASCII mode"
grep -qE "CSAT [_.,:=+#-]{12}" "$T_TMP/screen3"; t_ok $? "sparklines are drawn with the ASCII ramp"
LC_ALL=C grep -q '[^ -~[:cntrl:]]' "$T_TMP/bytes.ascii"; t_ok $((! $?)) "no non-ASCII byte sent in ASCII mode"
t_keys q; t_wait_for "8 partners"; t_ok $? "q first clears the filter"
t_keys q; t_wait_dead 5; t_ok $? "q quits under vt100"
t_tmux_stop

# 4. An unknown TERM falls back with a warning; TERM=dumb is refused.
run 80 24 TERM=bpw-no-such-terminal LANG=C.UTF-8 "$BPOWATCH" --demo
t_wait_for "terminal type bpw-no-such-terminal is unknown here; using xterm-256color"
t_ok $? "unknown TERM falls back with a warning"
t_keys q; t_wait_dead 5; t_tmux_stop
run 80 24 TERM=dumb "$BPOWATCH" --demo
t_wait_dead 5; t_ok $? "TERM=dumb exits"
t_status 1 "$(t_dead_status)" "TERM=dumb exit status"
t_screen_all >"$T_TMP/screen4"
t_contains "$T_TMP/screen4" "needs a terminal that can move the cursor, and TERM is dumb" "TERM=dumb is explained"
[ -z "$(ls -A "$DEMO_TMP")" ]; t_ok $? "refused demo leaves no files"
t_tmux_stop
run 80 24 env -u TERM LANG=C.UTF-8 "$BPOWATCH" --demo
t_wait_dead 5; t_ok $? "TERM unset exits"
t_status 1 "$(t_dead_status)" "TERM unset exit status"
t_screen_all >"$T_TMP/screen4u"
t_contains "$T_TMP/screen4u" "needs a terminal that can move the cursor, and TERM is not set" "TERM unset is explained"
[ -z "$(ls -A "$DEMO_TMP")" ]; t_ok $? "refused demo (TERM unset) leaves no files"
t_tmux_stop

# 5. Hostile partner names: escape sequences, OSC 52, C1 and bidi controls
# are shown as visible escapes and never sent raw.
if command -v sqlite3 >/dev/null; then
	"$BPOWATCH" --db "$T_TMP/h.db" init >/dev/null
	sqlite3 "$T_TMP/h.db" "INSERT INTO partner(code, name, site) VALUES
	  ('EVIL', 'Evil' || char(27) || ']52;c;cm0gLXJmIH4=' || char(7) || 'Corp', 'x' || char(27) || '[2Jy'),
	  ('BIDI', 'Good' || char(8238) || 'gpj.exe', 'C1' || char(155) || '31m')"
	run 100 30 TERM=xterm-256color LANG=C.UTF-8 "$BPOWATCH" --db "$T_TMP/h.db"
	t_wait_for "2 partners"; t_ok $? "dashboard opens on hostile data"
	tmux -L "$T_TMUX" pipe-pane -t t "cat >$T_TMP/bytes.evil"; t_sleep 0.2
	t_keys j; t_wait_stable; t_keys r; t_wait_for "reloaded" 5
	t_keys v; t_wait_stable; t_keys Home Enter; t_wait_for "(EVIL)"
	t_screen >"$T_TMP/screen5"
	t_keys Escape j Enter; t_wait_for "(BIDI)"
	t_screen >>"$T_TMP/screen5"
	t_keys Escape / G o o d; t_wait_for "filter: Good"
	t_screen >>"$T_TMP/screen5"
	t_contains "$T_TMP/screen5" 'Evil\x1b]52;c;cm0gLXJmIH4=\x07Corp (EVIL)' "OSC 52 shown as visible text"
	t_contains "$T_TMP/screen5" 'Good\u202egpj.exe' "bidi override shown as visible text"
	t_contains "$T_TMP/screen5" 'x\x1b[2Jy' "CSI in a site shown as visible text"
	t_contains "$T_TMP/screen5" 'C1\u009b31m' "C1 control in a site shown as visible text"
	! grep -q "${ESC}]52" "$T_TMP/bytes.evil"; t_ok $? "no OSC 52 sent to the terminal"
	! grep -q "$(printf '\342\200\256')" "$T_TMP/bytes.evil"; t_ok $? "no U+202E sent to the terminal"
	! grep -q "$(printf '\302\233')" "$T_TMP/bytes.evil"; t_ok $? "no C1 CSI sent to the terminal"
	t_keys q; t_wait_dead 5; t_tmux_stop
else
	t_ok 1 "sqlite3 command-line tool missing (apt-get install sqlite3)"
fi

t_done
