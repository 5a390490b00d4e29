#!/bin/sh
# test_qa_tui.sh: the QA checklist editor in a real terminal: start an
# audit, answer with single keys, write notes with non-ASCII text, kill -9
# mid-note and find everything typed before the kill saved; edit a template
# a final audit uses (a new version appears, the old audit keeps its
# items); finalise and find the audit read-only; the help and ASCII mode.
. "$SRCDIR/tests/lib.sh"
t_tui_setup
db=$T_TMP/qa.db out=$T_TMP/out
"$BPOWATCH" --db "$db" init --sample >/dev/null 2>&1 || { echo "Bail out! init"; exit 1; }
see() { t_wait_for "$1" "${3:-5}"; t_ok $? "$2"; }
screen_has() { t_screen >"$T_TMP/scr"; t_contains "$T_TMP/scr" "$@"; }
screen_lacks() { t_screen >"$T_TMP/scr"; t_not_contains "$T_TMP/scr" "$@"; }

# 1. From the portfolio (SUN is selected first), a opens its audits.
run 80 24 TERM=xterm-256color LANG=C.UTF-8 "$BPOWATCH" --db "$db"
see "8 partners" "dashboard up at 80x24" 10
t_keys a; see "QA audits" "a opens the partner's audits"
screen_has "Audit every 365 days (global)   last final 2026-07-14   next due 2027-07-14" "interval, last final audit and the next due"
grep -qE "^>#17 +2026-07-14 BPO quality audit v2 +Jonas Weber +79\.3% +16/16 +final" "$T_TMP/scr"; t_ok $? "audit #17: date, template, version, reviewer, score, progress, status"
grep -qE "^ #5 +2024-06-18 BPO quality audit v1 " "$T_TMP/scr"; t_ok $? "the old audit is on template v1"

# 2. n starts an audit: the date is checked, the reviewer asked.
t_keys n; see "Audit date (YYYY-MM-DD): " "n asks the audit date"
t_keys C-u 2026-13-01 Enter; see "not a date; YYYY-MM-DD: 2026-13-01" "a bad date is refused and asked again"
t_keys C-u 2026-11-20 Enter; see "Reviewer: " "then the reviewer"
t_keys C-u "Jörg Müller" Enter; see "QA audit #19" "the new audit opens"
screen_has "BPO quality audit v2   2026-11-20   reviewer Jörg Müller   DRAFT" "on the latest template, with date and reviewer"
screen_has "Score -   passing 80%   answered 0 of 16" "nothing answered yet"

# 3. Single-key answers; the score follows.
t_keys p; see "answered 1 of 16" "p answers pass"
t_keys f; see "! 1 CRITICAL FAIL" "f on a critical item: critical fail shown at once"
t_keys 3; see "this item is pass, fail or n/a" "a scale digit on a pass/fail item is refused"
t_keys n 4; see "Score 51.4%" "n/a leaves the denominator, 4/5 earns 4/5 of the weight (3.6 of 7)"
screen_has "  pass    2     Documented procedures" "pass shown in the list"
screen_has "  FAIL  ! 3     Data protection" "failed critical item marked !"
screen_has "  n/a     1     Agents complete" "n/a shown"
screen_has "  4/5     2     Contacts are handled" "scale answer shown"
screen_has "passing 80%   answered 4 of 16, 1 n/a" "how far it is answered: N/A counted, named once (the words of qa show)"
screen_has "> ____  C 2     Complaints reach us" "the selection moved on to the next item"

# 4. Notes: UTF-8 typed, edited with the cursor keys, kept with Enter.
t_keys k e; see "Note: " "e opens the note line"
t_keys "Kundenzufriedenheit gut – très bien 日本 xx"
t_keys BSpace BSpace BSpace Left Left C-w
see "Note: Kundenzufriedenheit gut – très 日本" "Backspace, Left and C-w edit by character and word"
t_keys End " ok" Home Right Right DC Enter; see "note saved" "Enter keeps the note"
screen_has "Note: Kudenzufriedenheit gut – très 日本 ok" "Home, Right and Delete edit in place"
t_keys j e "Verworfen" Escape; see "note unchanged" "Esc gives the edit up"
t_keys N "Besuch in Kraków, Schicht B" Enter; see "Audit notes: Besuch in Kraków, Schicht B" "audit notes"

# 5. kill -9 in the middle of a note: what was on the screen is saved.
t_keys j j e "Unfertige Notiz über"; see "Note: Unfertige Notiz über" "a note being typed"
kill -9 "$(t_pane_pid)"; t_wait_dead 5; t_ok $? "killed with SIGKILL"
t_tmux_stop
"$BPOWATCH" --db "$db" qa show 19 >"$out" 2>&1; t_status 0 $? "qa show after the kill"
t_contains "$out" "Score 51.4% (passing 80%), FAILED: a critical item failed; answered 4 of 16, 1 n/a" "every answer survived the kill"
t_contains "$out" "note: Kudenzufriedenheit gut – très 日本 ok" "the kept note survived"
t_contains "$out" "note: Unfertige Notiz über" "the note typed when killed survived"
t_not_contains "$out" "Verworfen" "the note given up with Esc is not there"
# The audit trail has each of those writes, by this OS user.
"$BPOWATCH" --db "$db" audit --partner SUN >"$out" 2>&1; t_status 0 $? "audit --partner SUN"
me=$(id -un)
t_contains "$out" "$me" "the trail names the OS user ($me)"
grep -qE "qa_review +SUN +audit #19 of 2026-11-20 by Jörg Müller \(template [0-9]+\): draft$" "$out"
t_ok $? "the trail has the audit's start"
[ "$(grep -c "qa_answer    SUN    audit #19 item " "$out")" = 4 ]
t_ok $? "one row per answer given (p, f, n, 4; the refused 3 wrote nothing)"
grep -qE 'qa_answer    SUN    audit #19 item 1.2 #[0-9]+ "Data protection \(GDPR\)[^"]*": fail' "$out"
t_ok $? "the critical fail, item 1.2, named by its stable id and text"
grep -qE 'qa_answer    SUN    audit #19 item 2.1 #[0-9]+ "[^"]+": 4' "$out"
t_ok $? "the scale answer, item 2.1"
t_contains "$out" "qa_note      SUN    audit #19: notes:  -> Besuch in Kraków, Schicht B" "the audit notes, old and new"
grep -q "Besuch in Kraków, Schicht B" "$out"; t_ok $? "the audit notes survived"

# 6. Start again: the audit is there as it was.
run 80 24 TERM=xterm-256color LANG=C.UTF-8 "$BPOWATCH" --db "$db"
see "8 partners" "restarted" 10
t_keys a; see "#19" "the audit is listed after the restart"
grep -qE "^>#19 +2026-11-20 .*Jörg Müller +51\.4%! +4/16 +draft" "$T_TMP/scr" || { t_screen >"$T_TMP/scr"; grep -qE "^>#19 +2026-11-20 .*Jörg Müller +51\.4%! +4/16 +draft" "$T_TMP/scr"; }
t_ok $? "newest first: score with critical mark, progress, draft"
t_keys Enter; see "Score 51.4%" "the answers are back on screen"
screen_has "> ____  C 2     Complaints reach us" "the editor opens on the first unanswered item"

# 7. Help shows the audit keys.
t_keys "?"; see "an audit:" "help lists this screen's keys first"
screen_has "p                answer: pass" "answer keys in the help"
screen_has "F                finalise the audit (asks first)" "finalise in the help"
t_keys Escape; see "Score 51.4%" "help closes"

# 8. A template a final audit uses: editing makes v3; #17 keeps v2.
t_keys Escape; see "QA audits" "back to the list"
t_keys End t; see "QA templates" "t opens the templates"
t_keys Enter; see "v2 is frozen (a final audit uses it): an edit creates v3" "the editor says which version an edit creates"
t_keys j j e C-u "Datenschutz geprüft (DSGVO)" Enter
see "saved as v3; audits answered on v2 keep it" "the edit created v3"
screen_has "BPO quality audit v3" "the editor follows v3"
screen_has "Datenschutz geprüft (DSGVO)" "v3 has the new text"
t_keys w C-u 4 Enter c; see "saved in v3" "further edits change v3 in place"
screen_has ">       4      p/f Datenschutz geprüft" "weight 4, no longer critical"
t_keys J; t_wait_stable
t_screen | grep -A1 "Agents complete the mandatory" | grep -q "Datenschutz"; t_ok $? "J moves the item below the next one"
t_keys Escape Escape; see "QA audits" "back to the list"
t_keys Home j Enter; see "QA audit #17" "the old audit opens"
screen_has "BPO quality audit v2" "it still shows v2"
screen_has "Data protection (GDPR)" "with the v2 item text"
screen_lacks "Datenschutz geprüft" "and not the v3 edit"
t_keys p; see "audit #17 is final: read-only" "a final audit takes no answer"

# 9. Finalise #19: asks first, then read-only.
t_keys Escape; see "QA audits" "list again"
t_keys k Enter; see "QA audit #19" "the draft"
t_keys F; see "Finalise audit #19 (51.4%, FAILED, 12 unanswered)? Read-only after. y/N" "F asks first, with score, failure and what is open"
t_keys x; see "still a draft" "any key but y keeps the draft"
t_keys F; see "Finalise audit #19" "asked again"
t_keys y; see "audit #19 is final" "y finalises"
screen_has "FINAL (read-only)" "the header says read-only"
t_keys 5; see "audit #19 is final: read-only" "answers refused"
t_keys e; see "audit #19 is final: read-only" "notes refused"
t_keys Escape; see "QA audits" "list"
grep -qE "^>#19 .* final FAIL" "$T_TMP/scr" || { t_screen >"$T_TMP/scr"; grep -qE "^>#19 .* final FAIL" "$T_TMP/scr"; }
t_ok $? "the list shows it final and failed"
screen_has "last final 2026-11-20   next due 2027-11-20" "the next audit is due a year after it"
t_keys q; see "8 partners" "back at the portfolio"
t_keys Q; t_wait_dead 5; t_ok $? "Q quits"
t_tmux_stop
"$BPOWATCH" --db "$db" qa template list >"$out" 2>&1
grep -qE "BPO quality audit +3" "$out" || grep -q "v3" "$out"; t_ok $? "qa template list knows v3"

# 10. ASCII and no colour at 80x24: only ASCII reaches the terminal.
run 80 24 TERM=xterm LANG=C.UTF-8 "$BPOWATCH" --db "$db" --ascii --no-color
see "8 partners" "ASCII mode up" 10
t_keys a Home Enter; see "QA audit #19" "the audit in ASCII mode"
t_keys k k k k; t_wait_stable
t_screen >"$T_TMP/ascii"
! LC_ALL=C grep -q '[^ -~]' "$T_TMP/ascii"; t_ok $? "nothing but ASCII on the screen"
t_contains "$T_TMP/ascii" "reviewer Jorg Muller" "names folded to ASCII"
t_keys Q; t_wait_dead 5
t_tmux_stop

# 11. The calibration gap: the partner's own answers beside ours, on the
# draft audit #18 of ATL (ours: item 1.1 pass, weight 2; 1.2 pass, weight 3).
run 100 30 TERM=xterm-256color LANG=C.UTF-8 "$BPOWATCH" --db "$db"
see "8 partners" "the dashboard again" 10
t_keys / A T L Enter; t_wait_for "1 partner " 5
t_keys a; t_wait_for "(ATL) > QA audits" 5; t_keys Home Enter; see "QA audit #18" "audit #18 opens"
t_keys Home o; see "answer keys now give the partner's own answers" "o switches to the partner's side"
screen_has "ANSWERING FOR THE PARTNER (o: ours)" "the header says whose answers the keys give"
t_keys p; see "calibration gap +0.0 pts on 1 items" "the partner passes 1.1 as we did: no gap"
t_keys f; see "calibration gap -60.0 pts on 2 items" "the partner fails 1.2 that we passed: (2 - 5) / 5 = -60 pts"
screen_has "Partner's own score 40.0%" "their own score, 2 of 5"
t_screen >"$T_TMP/scr"
grep -qE "^  pass  #FAIL  C 3 " "$T_TMP/scr" && grep -qE "^  pass  =pass    2 " "$T_TMP/scr"
t_ok $? "ours and theirs side by side, = where they agree, # where not"
screen_has "answered 6 of 16" "our answers are untouched"
t_keys o; see "answer keys give our answers again" "o switches back"
t_keys Escape; see "(ATL) > QA audits" "the audit list"
t_screen >"$T_TMP/scr"; grep -qE "^>#18 .* draft +gap -60\.0" "$T_TMP/scr"; t_ok $? "the list shows each audit's gap"
[ $? -eq 0 ] || t_diag "$(cat "$T_TMP/scr")"
t_keys Q; t_wait_dead 5; t_tmux_stop
"$BPOWATCH" --db "$db" qa show 18 >"$out" 2>&1
t_contains "$out" "The partner's own score 40.0%; calibration gap -60.0 pts on 2 items (theirs minus ours)" "qa show prints the gap"
t_contains "$out" "the partner's own answer: FAIL" "and the partner's answers"

# 12. Deleting an item that draft audits answered (issue 21): the question
# says how many answers in which drafts, on one line that fits 80 columns;
# n keeps the item, y deletes it; the audit trail names it by its stable id
# (the id it had in v2, before the copy to v3 and the new text) and text.
run 80 24 TERM=xterm-256color LANG=C.UTF-8 "$BPOWATCH" --db "$db"
see "8 partners" "the dashboard once more" 10
t_keys a; see "QA audits" "SUN's audits"
t_keys n; see "Audit date (YYYY-MM-DD): " "a new audit"
t_keys C-u 2026-11-25 Enter; see "Reviewer: " "reviewer"
t_keys C-u Ana Enter; see "QA audit #20" "draft #20 on v3"
t_keys p j p; see "answered 2 of 16" "#20 answers 1.1 and 1.3 (Datenschutz)"
t_keys Escape; see "QA audits" "the list"
t_keys n; see "Audit date (YYYY-MM-DD): " "another audit"
t_keys C-u 2026-11-26 Enter; see "Reviewer: " "reviewer"
t_keys C-u Ana Enter; see "QA audit #21" "draft #21"
t_keys j j p; see "answered 1 of 16" "#21 answers 1.3"
t_keys t; see "v3 is not used by a final audit" "t opens its template, v3"
t_keys Home j s
q="Make item 1.1 0-5? Removes 1 answer in 1 draft: SUN 2026-11-25  y/N"
see "$q" "s on an answered item says what switching its kind removes"
t_keys n; see "unchanged" "n keeps its kind and the answer"
t_keys Home j j j; t_wait_stable
screen_has "Datenschutz geprüft (DSGVO)" "item 1.3 is the edited one"
t_keys d
q="Delete item 1.3? Removes 2 answers in 2 drafts: SUN 2026-11-25, …  y/N"
see "$q" "d names the count and the drafts"
t_screen | tail -n 1 | grep -qF "$q"; t_ok $? "the whole question is on the bottom line at 80 columns"
t_keys n; see "unchanged" "n keeps the item"
screen_has "Datenschutz geprüft (DSGVO)" "the item is still there"
t_keys d; see "Removes 2 answers" "asked again"
t_keys y; see "saved in v3" "y deletes it"
screen_lacks "Datenschutz geprüft" "the item is gone"
screen_has "15 items" "v3 has 15 items"
t_keys Q; t_wait_dead 5; t_tmux_stop
"$BPOWATCH" --db "$db" qa show 20 >"$out" 2>&1
t_contains "$out" "answered 1 of 15, 0 n/a" "#20 lost its answer to the deleted item, kept the other"
"$BPOWATCH" --db "$db" qa show 21 >"$out" 2>&1
t_contains "$out" "answered 0 of 15, 0 n/a" "#21 lost its one answer"
id=$(sqlite3 "$db" "SELECT i.id FROM qa_item i JOIN qa_section s ON s.id = i.section_id
  JOIN qa_template t ON t.id = s.template_id WHERE t.version = 2 AND i.text LIKE 'Data protection%'")
"$BPOWATCH" --db "$db" audit >"$out" 2>&1; t_status 0 $? "audit"
t_contains "$out" "BPO quality audit v3: item #$id \"Datenschutz geprüft (DSGVO)\": Datenschutz geprüft (DSGVO) (weight 4, pass/fail) -> " "the deletion names the item by the id it had in v2 (#$id) and its text"
t_contains "$out" "BPO quality audit v3: item #$id \"Data protection (GDPR)" "its text edit in section 8 named the same id"
! grep -qE "qa_template .*: item [0-9]+\.[0-9]" "$out"; t_ok $? "no checklist edit names an item by its position"
t_done
