#!/bin/sh
# test_hostile.sh: hostile text in every field the dashboard shows (partner
# name, site, owner, services, notes; an event; a segment; an audit's
# reviewer, notes and item note; a checklist's name and item): OSC 52, CSI
# and DCS sequences, BEL, a C1 CSI, bidi controls, invalid UTF-8, a NUL, a
# 12 kB name of wide letters and SQL fragments. Walking every screen, the
# terminal is sent none of the data's control bytes, each is shown as a
# visible escape, and the database is left as it was.
. "$SRCDIR/tests/lib.sh"
t_tui_setup
if ! command -v sqlite3 >/dev/null; then
	echo "1..0 # SKIP sqlite3 command-line tool not installed"; exit 0
fi
db=$T_TMP/h.db
cp "$BUILDDIR/sample-db/sample.db" "$db"; chmod 600 "$db"
# H: every kind of hostile byte in one string (char(155) is U+009B, the C1
# CSI; 8238 and 8294 are U+202E and U+2066; x'ff' is not UTF-8).
sqlite3 "$db" <<'EOF' || { echo "Bail out! cannot build the hostile database"; exit 1; }
CREATE TEMP TABLE k(h TEXT);
INSERT INTO k VALUES ('A' || char(27) || ']52;c;cm0gLXJmIH4=' || char(7) || 'B' ||
  char(27) || '[31337m' || char(155) || '1m' || char(8238) || 'C' || char(8294) ||
  'D' || char(27) || 'Pdcs' || char(27) || '\' || CAST(x'ff' AS TEXT) || 'E');
UPDATE partner SET name = 'Atlas ' || (SELECT h FROM k),
  site = 'Lisbon ' || (SELECT h FROM k), owner = 'Anna ' || (SELECT h FROM k),
  services = 'Voice ' || (SELECT h FROM k) || char(0) || 'HIDDEN',
  notes = 'Note ' || (SELECT h FROM k) || printf('%.10000c', 'n')
  WHERE code = 'ATL';
INSERT INTO partner(code, name, site) VALUES
  ('LONG', replace(printf('%.3000c', 'x'), 'x', 'Üж') || 'END', 'Nowhere'),
  ('SQLI', 'Robert''); DROP TABLE partner;--', 'x'' OR ''1''=''1');
INSERT INTO event(partner_id, date, kind, title, detail)
  SELECT id, '2026-10-15', 'escalation', 'Escalated ' || (SELECT h FROM k),
         'Detail ' || (SELECT h FROM k) || printf('%.10000c', 'd')
  FROM partner WHERE code = 'ATL';
INSERT INTO observation(partner_id, metric, period, segment, source, value)
  SELECT id, 'csat', p, 'channel=' || (SELECT h FROM k), 'partner', 70
  FROM partner, (SELECT '2026-08-01' p UNION SELECT '2026-09-01' UNION SELECT '2026-10-01')
  WHERE code = 'ATL';
UPDATE qa_review SET reviewer = 'Rev ' || (SELECT h FROM k),
  notes = 'Audit note ' || (SELECT h FROM k) WHERE id = 18;
UPDATE qa_answer SET note = 'Item note ' || (SELECT h FROM k)
  WHERE review_id = 18 AND item_id = (SELECT min(item_id) FROM qa_answer WHERE review_id = 18);
UPDATE qa_template SET name = 'Checklist ' || (SELECT h FROM k) WHERE id = 2;
UPDATE qa_item SET text = 'Item ' || (SELECT h FROM k)
  WHERE id = (SELECT min(item_id) FROM qa_answer WHERE review_id = 18);
EOF
# The data as a dump; stored judgements (a cache the dashboard writes once
# it has judged, see bpowatch(1) STORED JUDGEMENTS) are not data.
data_dump() { sqlite3 "$db" .dump | grep -v '^INSERT INTO judgement'; }
data_dump >"$T_TMP/before.sql"
# What the screen shows for H: each control byte as a visible escape.
SHOWN='A\x1b]52;c;cm0gLXJmIH4=\x07B\x1b[31337m\u009b1m'
SHOWN_TAIL='\u202eC\u2066D\x1bPdcs\x1b\\xffE'

run 100 30 TERM=xterm-256color LANG=C.UTF-8 "$BPOWATCH" --db "$db"
t_wait_for "10 partners" 10; t_ok $? "the dashboard opens on the hostile database"
tmux -L "$T_TMUX" pipe-pane -t t "cat >$T_TMP/bytes"; t_sleep 0.2
scr() { t_keys C-l; t_wait_stable; t_screen >"$T_TMP/scr"; cat "$T_TMP/scr" >>"$T_TMP/all"; }
see() { t_wait_for "$1" 5; t_ok $? "$2"; }

# The overview, panes and list.
scr; t_contains "$T_TMP/scr" "ATL Atlas A\\x1b]52;c;" "panes: the name's OSC 52 is shown as text"
t_contains "$T_TMP/scr" "SQLI Robert'); DROP TABLE partner" "panes: the SQL fragment is a plain name"
# LONG (NO DATA) sorts after the ALERT partners: filter it onto the screen.
t_keys / L O N G Enter; t_wait_for "1 partner " 5; scr
grep -q "LONG ÜжÜж.*…" "$T_TMP/scr"; t_ok $? "panes: the 12 kB name of wide letters is cut with an ellipsis"
t_keys / C-u Enter; t_wait_for "10 partners" 5
t_keys v; t_wait_for "CWVPOQSF" 5; scr
grep -qE "^[ >]. [A-Z ]{7} LONG +(Üж)+Ü?… " "$T_TMP/scr"; t_ok $? "list: the long name is cut to its column"
t_keys v; t_wait_for "┌" 5
# The partner view: name, site, owner and services.
t_keys / A T L Enter; t_wait_for "1 partner " 5
t_keys Enter; see "Portfolio > Atlas A" "Enter opens the hostile partner"; scr
t_contains "$T_TMP/scr" "Portfolio > Atlas $SHOWN… (ATL)" "partner view: the name's controls are visible escapes, the name cut to fit the title"
t_contains "$T_TMP/scr" "Lisbon $SHOWN$SHOWN_TAIL" "partner view: DCS, the string terminator and a bad byte too"
t_not_contains "$T_TMP/scr" "HIDDEN" "partner view: a NUL ends the text (nothing after it is shown)"
# The drill-down: segments and events.
t_keys Enter; see "> Customer satisfaction" "the drill-down opens"
t_keys Tab; t_keys Tab; see "[Segments]" "the segments panel"
t_keys G; t_wait_stable; scr
t_contains "$T_TMP/scr" "channel=A\\x1b]52;c;" "segments: the hostile segment is a visible escape"
t_keys Tab; see "[Events]" "the event timeline"; scr
t_contains "$T_TMP/scr" "Escalated $SHOWN" "events: the title's controls are visible escapes"
# The audits: list, an audit, its notes, the checklist.
t_keys Escape; t_wait_stable; t_keys Escape; t_wait_for "1 partner " 5
t_keys a; see "(ATL) > QA audits" "the audit list, its title whole beside the long name"; scr
t_contains "$T_TMP/scr" "Rev A\\x1b]52;c;" "audit list: the reviewer is a visible escape"
t_keys Enter; see "answered 6 of 16" "audit #18 opens"; scr
t_contains "$T_TMP/scr" "Item $SHOWN" "audit: the item text is a visible escape"
t_contains "$T_TMP/scr" "Checklist $SHOWN" "audit: the checklist name is a visible escape"
t_keys N; see "Audit notes: Audit note A\\x1b]52" "audit notes: the note is edited as visible escapes"
t_keys Escape; t_wait_stable
t_keys t; see "QA templates >" "the template editor"; scr
t_contains "$T_TMP/scr" "Item $SHOWN" "template editor: the item text is a visible escape"
t_keys Q; t_wait_dead 5; t_ok $? "Q quits"
t_status 0 "$(t_dead_status)" "exit status"
tmux -L "$T_TMUX" pipe-pane -t t 2>/dev/null; t_tmux_stop

# What went to the terminal: none of the data's control sequences.
b=$T_TMP/bytes
[ -s "$b" ]; t_ok $? "the walk's bytes were captured ($(wc -c <"$b") bytes)"
nobytes() {	# PRINTF-PATTERN DESCRIPTION
	if LC_ALL=C grep -q "$(printf "$1")" "$b"; then t_ok 1 "$2"; else t_ok 0 "$2"; fi
}
nobytes '\033]' "no OSC (ESC ]) sent: no clipboard write, no title change"
nobytes '\033\\[31337m' "no CSI from the data sent"
nobytes '\033P' "no DCS (ESC P) sent"
nobytes '\007' "no BEL sent"
nobytes '\302\233' "no C1 CSI (U+009B) sent"
nobytes '\342\200\256' "no right-to-left override (U+202E) sent"
nobytes '\342\201\246' "no left-to-right isolate (U+2066) sent"
nobytes '\377' "no byte that is not UTF-8 sent"
# Nothing was executed and nothing changed (looking is not writing).
[ "$(sqlite3 "$db" "SELECT count(*) FROM partner")" = 10 ]; t_ok $? "the partner table is whole"
data_dump | cmp -s - "$T_TMP/before.sql"; t_ok $? "the database's data are as they were"
[ "$(sqlite3 "$db" "SELECT count(*) FROM judgement")" = 1 ]
t_ok $? "only the judgement of what was shown was stored"

# The command line prints the same text neutralised.
"$BPOWATCH" --db "$db" check --partner ATL >"$T_TMP/check.out" 2>&1
LC_ALL=C grep -q "$(printf '\033')" "$T_TMP/check.out"; t_ok $((! $?)) "check: no ESC byte in its output"
t_contains "$T_TMP/check.out" "Atlas A\\x1b]52;c;" "check: the name as visible escapes"
"$BPOWATCH" --db "$db" qa show 18 >"$T_TMP/qa.out" 2>&1
LC_ALL=C grep -q "$(printf '\033\|\302\233\|\342\200\256')" "$T_TMP/qa.out"; t_ok $((! $?)) "qa show: no control byte in its output"
t_contains "$T_TMP/qa.out" "Item note A\\x1b]52;c;" "qa show: the item note as visible escapes"
t_done
