#!/bin/sh
# test_meeting.sh: the review meeting in a real terminal. m on a partner
# opens the meeting screen, S starts a meeting with the open actions carried
# over; two actions are captured
# from the keyboard (text, owner, due, indicator), notes written, an old
# action marked done; closing stores the minutes as a meeting event. The
# next meeting, two weeks later, opens with the new actions carried over
# with their age and the indicator that changed status since; the QBR pack
# lists the meeting and the action history.
. "$SRCDIR/tests/lib.sh"
t_tui_setup
if ! command -v sqlite3 >/dev/null; then
	echo "1..0 # SKIP sqlite3 command-line tool not installed"; exit 0
fi
db=$T_TMP/m.db out=$T_TMP/out
"$BPOWATCH" --db "$db" init --sample >/dev/null 2>&1 || { echo "Bail out! init"; exit 1; }
see() { t_wait_for "$1" "${3:-5}"; t_ok $? "$2"; }
today=$BPOWATCH_TODAY	# the day the program takes as today (tests/lib.sh)
sq() { sqlite3 -batch -noheader "$db" "$1"; }

run 130 30 TERM=xterm-256color LANG=C.UTF-8 "$BPOWATCH" --db "$db"
see "8 partners" "the dashboard opens" 10
t_keys / A T L Enter; t_wait_for "1 partner " 5
t_keys Enter; see "(ATL)" "the partner view"
t_keys m; see "(ATL) > Review meetings" "m opens the review meetings"
t_keys S; see "(ATL) > Review meeting $today" "S starts the review meeting, dated today"
see "meeting begun: everything is saved as you go" "a new meeting is begun"
t_screen >"$T_TMP/scr"
t_contains "$T_TMP/scr" "Last meeting 2026-10-14 (51 days ago)" "it knows the last meeting event (logged, not held here)"
t_contains "$T_TMP/scr" "Open actions (2;" "the partner's open actions are carried in"
t_contains "$T_TMP/scr" "Joint call-listening calibration with our QA team" "with their text"
grep -q "2026-10-31 OVERDUE Anna Becker *Joint call-listening" "$T_TMP/scr"; t_ok $? "and an overdue one marked"
# Two new actions from the keyboard.
t_keys n; see "New action: " "n asks for an action"
t_keys "Retrain phone team B on tariffs" Enter; see "Owner (empty: none): " "then its owner"
t_keys "Anna Becker" Enter; see "Due (dd.mm.yyyy, empty: none): " "then the due date"
t_keys 2099-13-40 Enter; see "Not a date; dd.mm.yyyy or empty" "a bad date is asked again"
t_keys C-u 2099-01-15 Enter; see "Indicator (1-8, key, empty: none): " "then the indicator"
t_keys 9 Enter; see "No such indicator" "an unknown indicator is asked again"
t_keys C-u 1 Enter; see "action saved" "saved at once"
t_screen | grep -qE "^> new .*Anna Becker +Retrain phone team B on tariffs  \[customer_satisfaction\]"
t_ok $? "listed as new, with its owner and indicator"
t_keys n "Send the tariff FAQ to all agents" Enter Enter Enter Enter; see "Open actions (4;" "a second action, no owner, due or indicator"
# Notes, and one old action done.
t_keys N "Tariff errors on the phone: retraining agreed" Enter; see "notes saved" "N writes the notes"
t_keys Home; t_wait_stable; t_keys d; see "? (y/N)" "d asks first"
t_keys y; see "action done" "y marks the selected action done"
see "Open actions (3;" "it leaves the open list"
# Closing stores the minutes.
t_keys C; see "Close the meeting and store its minutes?" "C asks first"
t_keys y; see "meeting closed: its minutes are an event of $today" "y closes it"
see "(ATL)" "back on the partner view"
t_keys Q; t_wait_dead 5; t_tmux_stop
[ "$(sq "SELECT count(*) FROM meeting WHERE closed = '$today'")" = 1 ]; t_ok $? "the meeting is stored closed"
sq "SELECT detail FROM event WHERE id = (SELECT event_id FROM meeting)" >"$out"
t_contains "$out" "Review meeting of $today." "the minutes are the meeting event's text"
t_contains "$out" "Notes:
Tariff errors on the phone: retraining agreed" "with the notes"
t_contains "$out" "- Retrain phone team B on tariffs; owner Anna Becker; due 2099-01-15; about customer_satisfaction" "the actions raised"
t_contains "$out" "Closed:
- Joint call-listening calibration with our QA team (done $today)" "and the one closed"
[ "$(sq "SELECT kind FROM event WHERE id = (SELECT event_id FROM meeting)")" = meeting ] ; t_ok $? "a meeting event (counted by the proactivity rules)"
[ "$(sq "SELECT count(*) FROM audit WHERE action IN ('meeting', 'action')")" -ge 6 ]; t_ok $? "every write is in the audit trail"

# Two weeks pass; at the last meeting Customer satisfaction was WATCH.
sq "UPDATE action SET created = date(created, '-14 days') WHERE meeting_id IS NOT NULL;
    UPDATE meeting SET started = date(started, '-14 days'), closed = date(closed, '-14 days'),
      statuses = replace(statuses, 'customer_satisfaction=alert', 'customer_satisfaction=watch');
    UPDATE event SET date = date(date, '-14 days') WHERE id IN (SELECT event_id FROM meeting)"
run 130 30 TERM=xterm-256color LANG=C.UTF-8 "$BPOWATCH" --db "$db"
t_wait_for "8 partners" 10
t_keys / A T L Enter; t_wait_for "1 partner " 5; t_keys Enter; t_wait_for "(ATL)" 5
t_keys m; see "No meeting running" "m only looks"
t_keys S; see "meeting begun" "S begins the next meeting"
t_screen >"$T_TMP/scr"
grep -q "Last meeting [0-9-]* (14 days ago)" "$T_TMP/scr"; t_ok $? "it names the last meeting and how long ago"
grep -qE "Customer satisfaction +WATCH -> ALERT" "$T_TMP/scr"; t_ok $? "the indicator that changed status since"
grep -qE "^. +14d 2099-01-15 +Anna Becker +Retrain phone team B on tariffs" "$T_TMP/scr"
t_ok $? "the action raised last time is carried over, 14 days old"
grep -qE "^. +14d no due +Send the tariff FAQ" "$T_TMP/scr"; t_ok $? "the second one too"
! grep -qE "^. .{3} +[0-9]+d .*Joint call-listening" "$T_TMP/scr"; t_ok $? "the one done is not"
grep -qE "^ +- Joint call-listening calibration with our QA team \(done" "$T_TMP/scr"
t_ok $? "the last meeting's minutes show below, with the action closed in it"
t_keys Escape; t_wait_stable; t_keys m; see "goes on" "m again resumes the running meeting"
t_keys Q; t_wait_dead 5; t_tmux_stop

# The QBR pack of this quarter, still running: a partial pack as of
# today (--date; without it the quarter is refused), lists the meetings
# and the action history.
y=${today%%-*}; m=${today#*-}; m=${m%-*}; q=$(( (${m#0} - 1) / 3 + 1 ))
"$BPOWATCH" --db "$db" report --quarter "${y}Q$q" --date "$today" >"$out" 2>&1
t_contains "$out" "### Review meetings in $y Q$q" "the pack has the quarter's meetings"
grep -q "^- $(sq "SELECT started FROM meeting ORDER BY id LIMIT 1")\( to [0-9-]*\)\{0,1\}: held in the dashboard: Tariff errors on the phone: retraining agreed" "$out"
t_ok $? "the closed meeting with its notes, as held in the dashboard"
# An action raised in the meeting and still open is listed once, under
# Open actions; the action history counts it there.
grep -q "| 2099-01-15 | Retrain phone team B on tariffs | Anna Becker | " "$out"; t_ok $? "the new action under Open actions"
grep -Eq "^[0-9]+ actions? raised this quarter (is|are) still open \(see Open actions\)|^The [0-9]+ actions? raised this quarter (is|are) still open" "$out"
t_ok $? "and the action history counts it there"
grep -q "| Joint call-listening calibration with our QA team | Anna Becker | 2026-10-31 | done | $today |" "$out"
t_ok $? "with the day an action was closed"
t_done
