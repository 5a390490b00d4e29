#!/bin/sh
# test_small.sh: the small things of issue 24, as a user meets them in a
# real terminal on the sample data: the filter ignores case and accents
# and takes statuses (!alert, !ok); changing or clearing it leaves the
# selection on its partner; Esc at the portfolio does not quit (q does);
# number prompts take a decimal comma (2,5) and refuse grouped numbers;
# J moves a checklist item across a section boundary; n and c in the
# template list make a new template and copy one (refused read-only).
. "$SRCDIR/tests/lib.sh"
t_tui_setup
if ! command -v sqlite3 >/dev/null; then
	echo "1..0 # SKIP sqlite3 command-line tool not installed"; exit 0
fi
db=$T_TMP/small.db
"$BPOWATCH" --db "$db" init --sample >/dev/null 2>&1 || { echo "Bail out! init"; exit 1; }
sq() { sqlite3 -batch -noheader "$db" "$1"; }
# What the screen shows once the frame being drawn has arrived whole (a
# large one reaches tmux in more than one write; under valgrind, slowly).
scr() { t_wait_stable; t_screen >"$T_TMP/scr"; }
has() { scr; t_contains "$T_TMP/scr" "$@"; }
hasnt() { scr; t_not_contains "$T_TMP/scr" "$@"; }
see() { t_wait_for "$1" "${3:-5}"; t_ok $? "$2"; }
# Esc alone (a key typed right after it would read as Alt+key otherwise)
esc() { t_keys Escape; t_wait_stable; }
# The list mode (v) shows every partner at 100x30, a line each:
# ">! ALERT   SUN   Sunrise ...", the selected one marked ">".
rows() { t_screen | grep -E "^[> ][-+?~!] (ALERT|WATCH|OK|NO DATA) "; }
# The selected partner's code.
sel() { rows | grep "^>" | awk '{ print $3 }'; }
# The codes of the partners shown, sorted: "NLK" or "ATL BSS ...".
shown() { rows | awk '{ print $3 }' | sort | tr '\n' ' ' | sed 's/ $//'; }

# ---- 1. the filter: case, accents, statuses ----
run 100 30 TERM=xterm-256color LANG=C.UTF-8 "$BPOWATCH" --db "$db"
see "8 partners" "the dashboard opens on the sample" 10
t_keys v; see "CWVPOQSF" "v: one line per partner"
[ "$(sel)" = SUN ]; t_ok $? "SUN (worst health) is selected first"
t_keys /; see "filter: _" "/ opens the filter line"
t_keys k r a k o w; see "1 partner " "'krakow' finds a partner"
[ "$(shown)" = VSC ]; t_ok $? "'krakow' finds VSC, whose site is Kraków (shown: $(shown))"
t_keys C-u; t_keys -l "KRAKÓW"; see "filter: KRAKÓW" "upper case with an accent typed"
[ "$(shown)" = VSC ]; t_ok $? "'KRAKÓW' finds VSC too (shown: $(shown))"
t_keys C-u; t_keys -l "nordlicht"; see "1 partner " "'nordlicht' finds one partner"
t_keys C-u; t_keys -l "!alert"; see "7 partners" "'!alert': the seven ALERT partners"
[ "$(shown)" = "ATL BSS CCX DPS SUN TMC VSC" ]; t_ok $? "'!alert' shows every ALERT partner and only those (shown: $(shown))"
t_keys C-u; t_keys -l "!ok"; see "1 partner " "'!ok': one partner"
[ "$(shown)" = NLK ]; t_ok $? "'!ok' shows NLK, the one OK partner (shown: $(shown))"
t_keys C-u; t_keys -l "!alert weber"; see "3 partners" "'!alert weber': status and words together"
t_keys C-u; t_keys -l "!watch"; see "No partner matches" "'!watch': none (the sample has no WATCH partner)"
t_keys C-u; see "8 partners" "C-u empties the filter"
[ "$(sel)" = SUN ]; t_ok $? "after all that typing SUN is still selected (got $(sel))"
esc; t_wait_stable

# ---- 2. the selection stays put ----
t_keys End; t_wait_stable; first=$(sel)
t_keys /; t_keys -l "krakow"; see "1 partner " "a filter that hides the selected partner"
[ "$(sel)" = VSC ]; t_ok $? "the one shown is selected while the filter hides $first"
esc; see "8 partners" "Esc clears the filter"
[ "$(sel)" = "$first" ]; t_ok $? "cleared: the selection is on $first again (got $(sel))"
t_keys /; t_keys -l "o"; t_wait_stable; t_keys BSpace; see "8 partners" "a filter typed and erased"
[ "$(sel)" = "$first" ]; t_ok $? "erased: still $first (got $(sel))"
t_keys Enter; t_wait_stable
t_keys /; t_keys -l "weber"; see "3 partners" "filter 'weber' (VSC, SUN, BSS)"
t_keys Enter; t_wait_stable; t_keys j; t_wait_stable; chosen=$(sel)
esc; see "8 partners" "Esc clears it"
[ "$(sel)" = "$chosen" ]; t_ok $? "a partner chosen under the filter stays chosen ($chosen, got $(sel))"

# ---- 3. Esc at the portfolio does not quit; q does ----
esc; t_wait_stable
[ ! -f "$T_TMP/status" ]; t_ok $? "Esc at the portfolio leaves the program running"
has "q quits" "and says that q quits"
has "8 partners" "the portfolio is still there"
t_keys q; t_wait_dead 5; t_ok $? "q quits"
t_status 0 "$(t_dead_status)" "q's exit status"
t_tmux_stop

# ---- 4. templates: copy and new; the weight prompt; J across sections ----
run 100 30 TERM=xterm-256color LANG=C.UTF-8 "$BPOWATCH" --db "$db"
see "8 partners" "the dashboard again" 10
t_keys a; see "QA audits" "a: the audits of SUN"
t_keys t; see "BPO quality audit" "t: the template list"
has "c:copy" "the hints name c (copy)"
# The weight prompt takes a decimal comma: v2 is frozen, so v3 has it.
t_keys j; t_wait_stable; t_keys Enter; see "BPO quality audit v2" "Enter: the editor on v2"
t_keys j; t_wait_stable; t_keys w; see "Weight (0-1000): " "w asks the weight"
t_keys C-u; t_keys -l "2,5"; t_keys Enter; see "saved as v3" "the weight 2,5 is taken (into v3)"
[ "$(sq "SELECT i.weight FROM qa_item i JOIN qa_section s ON s.id = i.section_id JOIN qa_template t ON t.id = s.template_id WHERE t.version = 3 AND s.position = 0 AND i.position = 0")" = 2.5 ]
t_ok $? "stored as 2.5"
t_keys w; t_wait_for "Weight" 5; t_keys C-u; t_keys -l "1,234.5"; t_keys Enter
see "has a thousands separator" "1,234.5 is refused with a reason"
t_keys w; t_wait_for "Weight" 5; t_keys C-u; t_keys -l "2,5,0"; t_keys Enter
see "is not a number" "2,5,0 is refused"
esc; t_wait_for "Ver " 5; t_keys Home; t_wait_stable
t_keys j; t_wait_stable; t_keys c; see "Copy v2 as the template: " "c asks the copy's name"
t_keys -l "BPO quality audit"; t_keys Enter
see "exists; pick another name" "the name of an existing template is refused"
[ "$(sq "SELECT count(*) FROM qa_template")" = 3 ]; t_ok $? "nothing was stored"
t_keys c; t_wait_for "Copy v2" 5; t_keys -l "Łódź pilot"; t_keys Enter
see "Łódź pilot v1 made as a copy" "c makes the copy"
has ">Łódź pilot" "the copy is in the list, selected"
[ "$(sq "SELECT count(*) FROM qa_item i JOIN qa_section s ON s.id = i.section_id JOIN qa_template t ON t.id = s.template_id WHERE t.name = 'Łódź pilot'")" = 16 ]
t_ok $? "the copy has v2's 16 items in the database"
[ "$(sq "SELECT count(*) FROM qa_section s JOIN qa_template t ON t.id = s.template_id WHERE t.name = 'Łódź pilot'")" = 7 ]
t_ok $? "and its 7 sections"
sq "SELECT object FROM audit WHERE action = 'qa_template' AND new = 'new template'" | grep -q "a copy of BPO quality audit v2"
t_ok $? "an audit row says what it is a copy of"
t_keys n; see "New template's name: " "n asks a new template's name"
t_keys -l "   "; t_keys Enter; see "a template needs a name" "a blank name is refused"
t_keys n; t_wait_for "New template's" 5; t_keys -l "Site visit"; t_keys Enter
see "Site visit v1 made" "n makes an empty template"
[ "$(sq "SELECT count(*) FROM qa_template WHERE name = 'Site visit' AND version = 1")" = 1 ]
t_ok $? "it is in the database as version 1"
t_keys Enter; see "(no sections: A adds one)" "Enter edits the new, empty template"
esc; t_wait_for "Site visit" 5
# The copy (not frozen: edited in place): J on the last item of section 1.
t_keys End; t_wait_stable; t_keys Enter
see "Łódź pilot v1" "the copy (last in the list) opens in the editor"
t_keys j; t_wait_stable
last=$(sq "SELECT i.text FROM qa_item i JOIN qa_section s ON s.id = i.section_id JOIN qa_template t ON t.id = s.template_id WHERE t.name = 'Łódź pilot' AND s.position = 0 ORDER BY i.position DESC LIMIT 1")
t_keys j j; t_wait_stable; t_keys J; see "moved into section 2" "J on the last item of section 1 moves it into section 2"
where() { sq "SELECT s.position || '.' || i.position FROM qa_item i JOIN qa_section s ON s.id = i.section_id JOIN qa_template t ON t.id = s.template_id WHERE t.name = 'Łódź pilot' AND i.text = '$last'"; }
[ "$(where)" = 1.0 ]; t_ok $? "in the database: the first item of section 2 (got $(where))"
[ "$(sq "SELECT count(*) FROM qa_item i JOIN qa_section s ON s.id = i.section_id JOIN qa_template t ON t.id = s.template_id WHERE t.name = 'Łódź pilot' AND s.position = 0")" = 2 ]
t_ok $? "section 1 keeps two items"
sq "SELECT old || ' > ' || new FROM audit WHERE object LIKE 'Łódź pilot v1: item%' ORDER BY id DESC LIMIT 1" | grep -q "position 1.3 > position 2.1"
t_ok $? "the audit trail has the move: position 1.3 > position 2.1"
t_keys K; t_wait_stable; [ "$(where)" = 0.2 ]; t_ok $? "K moves it back to the end of section 1 (got $(where))"
t_keys Home; t_wait_stable; t_keys j K; see "already at the top" "K on the very first item: nowhere to go"
t_keys Q; t_wait_dead 5; t_tmux_stop

# ---- 5. read-only: no template made ----
run 100 30 TERM=xterm-256color LANG=C.UTF-8 "$BPOWATCH" --db "$db" --read-only
see "8 partners" "read-only dashboard" 10
t_keys a; t_wait_for "QA audits" 5; t_keys t; see "BPO quality audit" "the template list, read-only"
t_keys n; see "read-only" "n is refused read-only, with a message"
hasnt "New template's name" "and no name is asked"
t_keys c; t_wait_stable; hasnt "as the template: " "c asks nothing read-only"
t_keys Q; t_wait_dead 5; t_tmux_stop
[ "$(sq "SELECT count(*) FROM qa_template")" = 5 ]; t_ok $? "the database still has 5 template versions"

t_done
