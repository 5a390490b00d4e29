#!/bin/sh
# test_meeting_mode.sh: the meeting screen as a vendor manager uses it at
# 80x24 on the sample (today 2026-12-04). m only looks: no meeting and no
# audit row is written until S starts one; the last meeting held is every
# meeting event (SUN's 2026-09-10 review logged as an event); past meetings
# are browsed with < and >; actions are edited, done after asking, reopened
# and their status change undone; the due date takes dd.mm.yyyy; the
# prompts fit 80 columns; m works on the portfolio and in a drill-down;
# read-only shows the past meetings and refuses to start one.
. "$SRCDIR/tests/lib.sh"
t_tui_setup
if ! command -v sqlite3 >/dev/null; then
	echo "1..0 # SKIP sqlite3 command-line tool not installed"; exit 0
fi
db=$T_TMP/m.db
cp "$BUILDDIR/sample-db/sample.db" "$db" || { echo "Bail out! no sample.db"; exit 1; }
see() { t_wait_for "$1" "${3:-5}"; t_ok $? "$2"; }
sq() { sqlite3 -batch -noheader "$db" "$1"; }
audits() { "$BPOWATCH" --db "$db" audit 2>&1; }	# the audit trail as printed
sun_actions="SELECT a.text || '|' || a.owner || '|' || coalesce(a.due, '') || '|' || a.status
	FROM action a JOIN partner p ON p.id = a.partner_id WHERE p.code = 'SUN' ORDER BY a.id"
audit0=$(audits)

# m on the portfolio opens the selected partner's meetings; Esc writes nothing.
run 80 24 TERM=xterm-256color LANG=C.UTF-8 "$BPOWATCH" --db "$db"
see "8 partners" "the dashboard opens" 10
t_keys / S U N Enter; t_wait_for "1 partner" 5
t_keys m; see "(SUN) > Review meetings" "m on the portfolio opens the selected partner's meetings"
see "No meeting running: S starts one (looking writes nothing)." "it says nothing runs and how to start one"
t_screen >"$T_TMP/scr"
t_contains "$T_TMP/scr" "Last meeting 2026-09-10 (85 days ago): Quarterly business" \
	"SUN's last meeting is the review logged as an event on 2026-09-10"
t_not_contains "$T_TMP/scr" "first review meeting" "it does not claim a first meeting"
t_contains "$T_TMP/scr" "Past meeting 6 of 6 (< >): 2026-09-10" "the latest past meeting is shown"
grep -q "^ *age due  *owner  *action *$" "$T_TMP/scr"; t_ok $? "the action list names its columns (age, due, owner)"
t_contains "$T_TMP/scr" "Sunrise reports CSAT 88; our survey says 73." "with its minutes"
t_contains "$T_TMP/scr" "Before: 2026-03-12  Quarterly business review Q4/2025" "the meetings before it fill the room left"
t_keys '<'; see "Past meeting 5 of 6 (< >): 2026-03-12" "< shows an earlier meeting"
t_keys '>' '>'; see "no later meeting on record" "> stops at the latest and says so"
t_keys Escape; t_wait_for "1 partner" 5
t_keys Enter; t_wait_for "(SUN)" 5
t_keys m; see "(SUN) > Review meetings" "m on the partner view opens them too"
t_keys Escape; t_wait_for "(SUN)" 5
t_keys Q; t_wait_dead 5; t_tmux_stop
[ "$(sq "SELECT count(*) FROM meeting")" = 0 ]; t_ok $? "looking wrote no meeting"
[ "$(audits)" = "$audit0" ]; t_ok $? "and no audit row"

# S starts one; the actions: due date dd.mm.yyyy, prompts within 80 columns.
run 80 24 TERM=xterm-256color LANG=C.UTF-8 "$BPOWATCH" --db "$db"
t_wait_for "8 partners" 10
t_keys / S U N Enter; t_wait_for "1 partner" 5; t_keys Enter; t_wait_for "(SUN)" 5
t_keys m; t_wait_for "(SUN) > Review meetings" 5
t_keys S; see "(SUN) > Review meeting 2026-12-04" "S starts a meeting dated today"
see "meeting begun: everything is saved as you go" "and says so"
t_screen >"$T_TMP/scr"
t_contains "$T_TMP/scr" "Last meeting 2026-09-10 (85 days ago)" "SUN's first meeting here knows the meeting event of 2026-09-10"
t_not_contains "$T_TMP/scr" "The first review meeting on record" "and does not call itself the first"
[ "$(sq "SELECT count(*) FROM meeting WHERE closed IS NULL")" = 1 ]; t_ok $? "only now a meeting is stored"
t_keys n; see "New action: " "n asks for an action"
t_keys "Retrain the survey team" Enter; see "Owner (empty: none): " "then its owner"
t_keys "Sunrise: Maria Dela Cruz-Santos" Enter
see "Due (dd.mm.yyyy, empty: none): " "the due prompt names dd.mm.yyyy"
t_keys 15.12.2026 Enter; see "Indicator (1-8, key, empty: none): " "15.12.2026 is taken; the indicator prompt shows whole at 80 columns"
t_screen | tail -n 1 | grep -q "^Indicator (1-8, key, empty: none): *$"; t_ok $? "nothing of the prompt is cut"
t_keys 99 Enter; see "No such indicator; 1-8, key, empty: 99" "an unknown indicator is asked again"
t_screen | tail -n 1 | grep -q "^No such indicator; 1-8, key, empty: 99 *$"; t_ok $? "that prompt shows whole too"
t_keys C-u 1 Enter; see "action saved" "saved"
t_screen >"$T_TMP/scr"
grep -qE "^> new +0d 2026-12-15 +Sunrise: Maria Dela Cruz-Sa" "$T_TMP/scr"
t_ok $? "listed with its due date and owner at 80 columns"
tr '\n' ' ' <"$T_TMP/scr" | tr -s ' ' | grep -q "> Retrain the survey team; owner Sunrise: Maria Dela Cruz-Santos; raised 2026-12-04; about customer_satisfaction"
t_ok $? "the selected action's line below shows text and owner in full"
[ "$(sq "$sun_actions" | tail -n 1)" = "Retrain the survey team|Sunrise: Maria Dela Cruz-Santos|2026-12-15|open" ]
t_ok $? "stored with the due date 2026-12-15"

# Edit: text, owner and due, prefilled.
t_keys e; see "Action: Retrain the survey team" "e asks for the text, filled in"
t_keys " on the new scale" Enter; see "Owner (empty: none): Sunrise: Maria" "then the owner, filled in"
t_keys C-u "Paolo Reyes" Enter; see "Due (dd.mm.yyyy, empty: none): 2026-12-15" "then the due date"
t_keys C-u 2027-01-20 Enter; see "action changed" "the action is changed"
[ "$(sq "$sun_actions" | tail -n 1)" = "Retrain the survey team on the new scale|Paolo Reyes|2027-01-20|open" ]
t_ok $? "text, owner and due are stored"

# d and D ask; n keeps the action.
t_keys d; see "Done: 'Retrain the survey team on the new scale'? (y/N)" "d asks first"
t_keys n; see "the action is kept as it was" "n keeps it"
t_keys D; see "Drop 'Retrain the survey team on the new scale'? (y/N)" "D asks first"
t_keys Escape; see "the action is kept as it was" "Esc keeps it too"
[ "$(sq "$sun_actions" | tail -n 1 | cut -d'|' -f4)" = open ]; t_ok $? "it is still open"
t_keys d; t_wait_for "(y/N)" 5; t_keys y; see "action done (u undoes it)" "y marks it done"
see "Open actions (2;" "it leaves the open list"
t_keys u; see "undone: the action is open again" "u undoes the status change"
see "Open actions (3;" "it is listed again"
[ "$(sq "$sun_actions" | tail -n 1 | cut -d'|' -f4)" = open ]; t_ok $? "and stored open"
# Reopen a done one: closed actions are listed with c.
t_keys d; t_wait_for "(y/N)" 5; t_keys y; t_wait_for "action done" 5
t_keys c; see "Actions (2 open, 1 closed; c hides closed):" "c lists the closed actions too"
t_screen | grep -qE "^> .* done +Paolo Reyes +Retrain the survey team"; t_ok $? "the done one is selected, marked done"
t_keys o; see "action reopened (u undoes it)" "o reopens it"
[ "$(sq "$sun_actions" | tail -n 1 | cut -d'|' -f4)" = open ]; t_ok $? "stored open"
t_keys u; see "undone: the action is done again" "u takes the reopening back"
[ "$(sq "SELECT status || ' ' || closed FROM action ORDER BY id DESC LIMIT 1")" = "done 2026-12-04" ]
t_ok $? "done again, with the day it was done"
t_keys '?'; t_wait_for "Keys (? or Esc closes)" 5
t_screen >"$T_TMP/scr"
for k in "S  *start a new meeting" "e  *edit the selected action" "o  *reopen the selected" \
	"u  *undo the last done, drop or reopen" "<  *an earlier past meeting"; do
	grep -q "$k" "$T_TMP/scr"; t_ok $? "help lists: $k"
done
t_keys Escape; t_wait_stable
t_keys Q; t_wait_dead 5; t_tmux_stop

# m in a drill-down: the partner's meetings, the running one resumed.
run 80 24 TERM=xterm-256color LANG=C.UTF-8 "$BPOWATCH" --db "$db"
t_wait_for "8 partners" 10
t_keys / S U N Enter; t_wait_for "1 partner" 5; t_keys Enter; t_wait_for "(SUN)" 5
t_keys Enter; t_wait_stable
t_keys m; see "(SUN) > Review meeting 2026-12-04" "m in the drill-down opens the partner's meeting"
see "the meeting of 2026-12-04 goes on" "the running one goes on"
t_keys Q; t_wait_dead 5; t_tmux_stop
[ "$(sq "SELECT count(*) FROM meeting")" = 1 ]; t_ok $? "resuming wrote no second meeting"

# Close it; then read-only shows the past meetings and refuses to start one.
sq "UPDATE meeting SET closed = '2026-12-04'" # as if closed with C
sq "INSERT INTO event(partner_id, date, kind, title, detail) SELECT partner_id, '2026-12-04',
	'meeting', 'Review meeting', 'Review meeting of 2026-12-04.' FROM meeting"
n0=$(audits); m0=$(sq "SELECT count(*) FROM meeting")
run 80 24 TERM=xterm-256color LANG=C.UTF-8 "$BPOWATCH" --read-only --db "$db"
t_wait_for "8 partners" 10
t_keys / S U N Enter; t_wait_for "1 partner" 5; t_keys Enter; t_wait_for "(SUN)" 5
t_keys m; see "(SUN) > Review meetings" "m works read-only"
see "Read-only: past meetings and actions can be read, nothing started or changed." "it says what read-only allows"
see "Past meeting 7 of 7 (< >): 2026-12-04" "the past meetings are shown"
t_keys '<'; see "Past meeting 6 of 7 (< >): 2026-09-10" "and browsed"
see "Sunrise reports CSAT 88" "with their minutes"
t_keys S; see "read-only:" "S is refused with the reason"
t_screen | grep -q "(SUN) > Review meetings "; t_ok $? "no meeting started"
t_keys d; see "read-only:" "d is refused too"
t_keys Q; t_wait_dead 5; t_tmux_stop
[ "$(sq "SELECT count(*) FROM meeting")" = "$m0" ] && [ "$(audits)" = "$n0" ]
t_ok $? "read-only wrote nothing"
t_done
