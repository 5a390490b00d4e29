#!/bin/sh
# test_upkeep.sh: data upkeep from the keyboard, in a real terminal. An
# event logged with E turns DPS's proactivity from WATCH to OK at once, is
# edited and deleted from the drill-down's timeline (and the badge turns
# back); a month's attrition figure is corrected (bad numbers and an
# implausible value refused with the import's words) and cleared, the
# indicator following each time; a partner is added, edited, archived and
# brought back; a segment's figure is entered and cleared from the
# Segments panel; every write leaves its audit-trail row. A read-only
# database refuses each key with the reason. SIGKILL and SIGHUP with a form
# half typed leave the database exactly as it was, integrity ok. The forms
# fit 40x12 (scrolling) and 160x50.
. "$SRCDIR/tests/lib.sh"
t_tui_setup
if ! command -v sqlite3 >/dev/null; then
	echo "1..0 # SKIP sqlite3 command-line tool not installed"; exit 0
fi
db=$T_TMP/u.db
cp "$BUILDDIR/sample-db/sample.db" "$db"
see() { t_wait_for "$1" "${3:-5}"; t_ok $? "$2"; }
hasnt() { t_screen | grep -qF -- "$1"; t_ok $((! $?)) "$2"; }
# waits until TEXT has left the screen (Esc is told apart from Alt+key
# only after ESCDELAY)
gone() {
	local i
	for i in $(seq $((30 * T_SLOW))); do
		t_screen | grep -qF -- "$1" || break
		sleep 0.1
	done
	hasnt "$@"
}
sq() { sqlite3 -batch -noheader "$db" "$1"; }
attr_oct() {	# DPS's partner-reported attrition of 2026-10, total
	sq "SELECT value FROM obs o JOIN partner p ON p.id = o.partner_id
	    JOIN metric m ON m.id = o.metric WHERE p.code = 'DPS'
	    AND m.key = 'attrition' AND o.period = 202610 AND o.segment = 0
	    AND o.source = 0"
}
audits() { sq "SELECT count(*) FROM audit"; }

run 80 24 TERM=xterm-256color LANG=C.UTF-8 "$BPOWATCH" --db "$db"
see "8 partners" "the dashboard opens" 10
t_keys / D P S Enter; see "1 partner " "filtered to DPS"
see "PR~" "DPS's proactivity is WATCH (no meeting in 6 months)"

# ---- log an event from the portfolio ----
t_keys E; see "Log an event" "E opens the event form"
see "Date:    2026-12-04" "dated today (BPOWATCH_TODAY) by default"
see "< Best practice shared >" "the kind is a choice"
t_keys Left; see "< Review meeting >" "Left picks another kind"
t_keys Enter; see "Title: required" "Enter with no title: the field is named"
t_keys Up C-u "32.13.2026" Enter
see "Date: '32.13.2026' is not a date (dd.mm.yyyy or yyyy-mm-dd)" "a bad date is refused, naming the field"
[ "$(sq "SELECT count(*) FROM event WHERE partner_id = 5 AND date >= '2026-11-01'")" = 0 ]
t_ok $? "nothing written while the form says what is wrong"
t_keys C-u "04.12.2026" Tab "Monthly service review" Tab "Schulung für alle Teams" Enter
see "event logged 2026-12-04: Review meeting" "Enter saves: dd.mm.yyyy accepted"
see "PR+" "the proactivity badge turns OK at once"
[ "$(sq "SELECT date || '|' || kind || '|' || detail FROM event WHERE title = 'Monthly service review'")" = "2026-12-04|meeting|Schulung für alle Teams" ]
t_ok $? "the event is stored as ISO date, kind and UTF-8 detail"
[ "$(sq "SELECT count(*) FROM audit WHERE action = 'event' AND new = 'Monthly service review'")" = 1 ]
t_ok $? "one audit-trail row for it"

# ---- edit and delete it from the drill-down's timeline ----
t_keys Enter; see "(DPS)" "the partner view"
see "+ OK      Proactivity" "the partner view shows proactivity OK"
t_keys Down Down Down Enter; see "DPS > Proactivity  + OK" "the proactivity drill-down"
see ">  2026-12-04  Review meeting        Monthly service review" "the new event tops the timeline"
t_keys e; see "Edit the event" "e edits the event at the top"
t_keys Tab Tab C-u "Quarterly service review Q3/2026" Enter
see "event saved 2026-12-04: Review meeting" "saved"
[ "$(sq "SELECT count(*) FROM event WHERE title = 'Quarterly service review Q3/2026'")" = 1 ]
t_ok $? "the title is changed in the database"
[ "$(sq "SELECT old || ' -> ' || new FROM audit WHERE object LIKE '%: title'")" = "Monthly service review -> Quarterly service review Q3/2026" ]
t_ok $? "the audit trail has old -> new"
t_keys d; see "Delete the event 2026-12-04 Review meeting" "d asks before deleting"
t_keys n; see "nothing changed" "any other key keeps it"
t_keys d; t_wait_for "Delete the event" 5; t_keys y
see "event deleted" "y deletes"
see "DPS > Proactivity  ~ WATCH" "and proactivity is WATCH again"
[ "$(sq "SELECT count(*) FROM event WHERE title LIKE 'Quarterly service review Q3/2026'")" = 0 ]
t_ok $? "the event is gone from the database"

# ---- correct and clear a figure ----
t_keys q; t_wait_for "Workforce stability" 5
t_keys Home Down Enter; see "DPS > Workforce stability  + OK" "the workforce drill-down"
see ">2026-10       2.8" "October's attrition tops the period table"
t_keys e; see "Enter or correct a figure" "e opens the figure form"
see "Value:   2.8" "with the value shown"
t_keys C-u "abc" Enter; see "Value: 'abc' is not a number" "not a number: refused"
t_keys C-u "1.234,5" Enter; see "Value: '1.234,5' has a thousands separator" "a thousands separator: refused"
t_keys C-u "250" Enter; see "Value: attrition 250 is above its plausible maximum 100" "an implausible value: the import's message"
[ "$(attr_oct)" = 2.8 ]; t_ok $? "nothing written meanwhile"
t_keys C-u "15,5" Enter; see "attrition 2026-10 (partner): 15.5 saved" "a decimal comma is taken"
see "DPS > Workforce stability  ! ALERT" "the indicator turns ALERT at once"
[ "$(attr_oct)" = 15.5 ]; t_ok $? "stored as 15.5"
[ "$(sq "SELECT old || ' -> ' || new FROM audit WHERE action = 'observation' ORDER BY id DESC LIMIT 1")" = "2.8 -> 15.5" ]
t_ok $? "the audit trail has 2.8 -> 15.5"
t_keys d; see "Clear attrition 2026-10 (partner, 15.5)?" "d asks before clearing"
t_keys y; see "attrition 2026-10 (partner) cleared" "y clears"
see "DPS > Workforce stability  + OK" "the indicator is OK again (September's figure)"
[ -z "$(attr_oct)" ]; t_ok $? "the figure is gone from the database"

# ---- partners: add, edit, archive, bring back ----
t_keys q; t_wait_stable; t_keys q; t_wait_for "1 partner " 5; t_keys Escape
see "8 partners" "back on the whole portfolio"
t_keys n; see "Add a partner" "n opens the partner form"
t_keys "a b" Tab "Nordwind Service GmbH" Enter
see "Code: partner code may hold only letters, digits, '_' and '-'" "a bad code is named"
t_keys C-u ATL Enter; see "Code: a partner with code ATL already exists" "a taken code is named"
t_keys C-u NEW1 Tab Tab Bremen Tab DE Down Down Down 01.01.2026 Tab 31.12.2025 Enter
see "Contract end: the contract ends before it starts" "an end before the start is refused"
t_keys C-u 31.12.2028 Tab "1.200.000" Enter
see "Annual value: '1.200.000' has a thousands separator" "a grouped number is refused"
t_keys C-u "1200000,50" Enter
see "partner NEW1 added" "the partner is added"
see "9 partners" "and counted in the portfolio"
[ "$(sq "SELECT name || '|' || site || '|' || country || '|' || contract_start || '|' || contract_end || '|' || annual_value FROM partner WHERE code = 'NEW1'")" = "Nordwind Service GmbH|Bremen|DE|2026-01-01|2028-12-31|1200000.5" ]
t_ok $? "stored with ISO dates and the value"
t_keys / N E W 1 Enter; see "1 partner " "filtered to NEW1"
t_keys e; see "Edit the partner" "e edits the selected partner"
t_keys Down Down Down Down "Eva Kraus" Enter; see "partner NEW1 saved" "saved"
[ "$(sq "SELECT owner FROM partner WHERE code = 'NEW1'")" = "Eva Kraus" ]; t_ok $? "the owner is stored"
n0=$(audits)
t_keys A; see "Archive a partner or bring it back" "A opens the archive form"
see "< NEW1  archive: Nordwind Service GmbH >" "preset to the selected partner"
t_keys Enter; see "partner NEW1 archived" "Enter archives it"
see "0 partners" "it leaves the portfolio"
[ "$(sq "SELECT archived FROM partner WHERE code = 'NEW1'")" = 1 ]; t_ok $? "archived in the database"
[ "$(audits)" = $((n0 + 1)) ]; t_ok $? "one audit-trail row"
t_keys Escape; see "8 partners" "the filter cleared: 8 partners"
t_keys A; t_wait_for "Archive a partner" 5
for i in 1 2 3 4 5 6 7 8 9; do
	t_screen | grep -qF "< NEW1  bring back" && break
	t_keys Right; t_wait_stable
done
see "< NEW1  bring back: Nordwind Service GmbH >" "the archived partner is offered"
t_keys Enter; see "partner NEW1 is back in the portfolio" "and brought back"
see "9 partners" "9 partners again"

# ---- Esc asks before throwing typed text away ----
t_keys E; t_wait_for "Log an event" 5
t_keys Escape; gone "Log an event" "Esc on an untouched form just closes it"
t_keys E; t_wait_for "Log an event" 5; t_keys Tab Tab "half"
t_keys Escape; see "Discard what was typed?" "Esc after typing asks"
t_keys x; see "Title:   half" "another key goes back to the form, text kept"
t_keys Escape; t_wait_for "Discard what" 5; t_keys y
gone "Log an event" "y discards"
[ "$(sq "SELECT count(*) FROM event WHERE title = 'half'")" = 0 ]; t_ok $? "nothing was written"
t_keys Q; t_wait_dead 5; t_status 0 "$(t_dead_status)" "Q quits"
t_tmux_stop

# ---- a hostile title is neutralised in the form ----
sq "INSERT INTO event(partner_id, date, kind, title, detail) VALUES (5, '2026-12-01', 'meeting', 'Evil' || char(27) || '[2J', '')"
run 100 30 TERM=xterm-256color LANG=C.UTF-8 "$BPOWATCH" --db "$db"
see "9 partners" "the dashboard opens again" 10
t_keys / D P S Enter; t_wait_for "1 partner " 5
t_keys Enter; t_wait_for "(DPS)" 5; t_keys Down Down Down Enter
t_wait_for "DPS > Proactivity" 5
t_keys e; see "Edit the event" "the event with an escape in its title opens"
see 'Title:   Evil\x1b[2J' "the escape is shown neutralised"
t_keys Escape; t_keys Q; t_wait_dead 5
t_tmux_stop

# ---- read-only: every upkeep key says why ----
MSG="read-only: on purpose"
run 100 30 TERM=xterm-256color LANG=C.UTF-8 "$BPOWATCH" --read-only --db "$db"
see "9 partners" "the dashboard opens read-only" 10
for k in E e n A; do
	t_keys Home; t_wait_stable
	t_keys "$k"; see "$MSG" "portfolio: '$k' says read-only"
	hasnt "Log an event" "and no form opens for '$k'"
done
t_keys / D P S Enter; t_wait_for "1 partner " 5; t_keys Enter; t_wait_for "(DPS)" 5
t_keys Home Down Enter; t_wait_for "DPS > Workforce stability" 5
for k in e d E; do
	t_keys Home; t_wait_stable
	t_keys "$k"; see "$MSG" "drill-down: '$k' says read-only"
done
t_keys Q; t_wait_dead 5
t_tmux_stop

# ---- killed mid-edit: nothing half-written ----
dump() { sqlite3 "$db" .dump | sha256sum; }
before=$(dump)
run 80 24 TERM=xterm-256color LANG=C.UTF-8 "$BPOWATCH" --db "$db"
see "9 partners" "opens for the SIGKILL run" 10
t_keys / D P S Enter; t_wait_for "1 partner " 5
t_keys E; t_wait_for "Log an event" 5; t_keys Tab Tab "typed but not saved"
see "typed but not saved" "a title half typed"
kill -KILL "$(t_pane_pid)"; t_wait_dead 5; t_ok $? "SIGKILL ends it"
t_tmux_stop
[ "$(dump)" = "$before" ]; t_ok $? "after SIGKILL the database is unchanged"
[ "$(sq "PRAGMA integrity_check")" = ok ]; t_ok $? "integrity_check ok"

run 80 24 TERM=xterm-256color LANG=C.UTF-8 "$BPOWATCH" --db "$db"
see "9 partners" "opens for the SIGHUP run" 10
t_keys e; t_wait_for "Edit the partner" 5; t_keys C-u "Renamed midway"
see "Renamed midway" "a partner's name half edited"
kill -HUP "$(t_pane_pid)"; t_wait_dead 5; t_ok $? "SIGHUP ends it"
t_tmux_stop
[ "$(dump)" = "$before" ]; t_ok $? "after SIGHUP the database is unchanged"
[ "$(sq "PRAGMA integrity_check")" = ok ]; t_ok $? "integrity_check ok"

# ---- a segment's figure: entered and cleared from the Segments panel ----
chat() {	# ATL's partner-reported churn after contact on chat, 2026-10
	sq "SELECT value FROM obs o JOIN partner p ON p.id = o.partner_id
	    JOIN metric m ON m.id = o.metric JOIN segment s ON s.id = o.segment
	    WHERE p.code = 'ATL' AND m.key = 'churn_after_contact'
	    AND o.period = 202610 AND s.name = 'channel=chat' AND o.source = 0"
}
run 100 30 TERM=xterm-256color LANG=C.UTF-8 "$BPOWATCH" --db "$db"
see "9 partners" "opens for the segment figures" 10
t_keys / A T L Enter; t_wait_for "1 partner " 5; t_keys Enter
t_wait_for "(ATL)" 5; t_keys Tab j j j Enter
see "ATL > Customer satisfaction" "the drill-down of churn by channel"
t_keys Tab; t_wait_stable; t_keys Tab
see "[Segments]" "Tab to the Segments panel"
t_keys e; see "Segment:   channel=chat" "e on the Segments panel: the form is on the top segment"
see "Value:   1.78" "with its stored figure of October"
t_keys Up Up Right; see "Segment: < channel=email >" "another segment can be chosen"
see "Value:   1.88" "and its figure is shown"
t_keys Left Down Down C-u "2,5" Enter
see "churn_after_contact 2026-10 channel=chat (partner): 2.5 saved" "saved for the segment"
[ "$(chat)" = 2.5 ]; t_ok $? "stored for channel=chat, partner-reported"
[ "$(sq "SELECT old || ' -> ' || new FROM audit WHERE action = 'observation' ORDER BY id DESC LIMIT 1")" = "1.78 -> 2.5" ]
t_ok $? "the audit trail has 1.78 -> 2.5"
t_keys d; see "Clear churn_after_contact 2026-10 channel=chat (partner, 2.5)?" "d asks before clearing the segment's figure"
t_keys y; see "churn_after_contact 2026-10 channel=chat (partner) cleared" "y clears it"
[ -z "$(chat)" ]; t_ok $? "gone from the database"
t_keys Q; t_wait_dead 5
t_tmux_stop

# ---- sizes: 40x12 scrolls the partner form; 160x50 ----
run 40 12 TERM=xterm-256color LANG=C.UTF-8 "$BPOWATCH" --db "$db"
see "SUN Sunrise" "opens at 40x12" 10
t_keys n; see "Add a partner" "the partner form at 40x12"
see "1/11" "it says which field of how many"
t_keys Down Down Down Down Down Down Down Down Down Down
see "Notes:" "it scrolls to the last field"
see "11/11" "and says so"
t_keys Escape; t_keys E; see "Log an event" "the event form at 40x12"
see "Title:" "its fields fit"
t_keys Escape; t_keys Q; t_wait_dead 5
t_tmux_stop
run 160 50 TERM=xterm-256color LANG=C.UTF-8 "$BPOWATCH" --db "$db"
see "9 partners" "opens at 160x50" 10
t_keys n; see "Add a partner" "the partner form at 160x50"
see "Notes:" "every field shows"
t_keys Escape; t_keys Q; t_wait_dead 5
t_tmux_stop
t_done
