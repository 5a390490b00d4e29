#!/bin/sh
# test_import.sh: `bpowatch import` on the real binary: German Excel and
# plain CSV, long and wide observations, partners, events, actions and QA
# audits, upsert counts, every error as FILE:LINE:COLUMN, and all or
# nothing: a bad last row leaves the database byte-for-byte the same
# (compared as a dump).
. "$SRCDIR/tests/lib.sh"
cd "$T_TMP" || exit 1
out=$T_TMP/out err=$T_TMP/err db=$T_TMP/i.db
"$BPOWATCH" --db "$db" init --sample >/dev/null 2>&1 || { echo "Bail out! init"; exit 1; }
B() { "$BPOWATCH" --db "$db" "$@" >"$out" 2>"$err"; }
dump() { sqlite3 "$db" .dump >"$1"; }
value() { sqlite3 "$db" "SELECT value FROM observation o JOIN partner p ON p.id = o.partner_id WHERE p.code = '$1' AND o.metric = '$2' AND o.period = '$3' AND o.source = '${4:-partner}' AND o.segment = '${5:-}'"; }

# 1. German Excel: BOM, ; separators, decimal commas, CRLF, MM.YYYY, German
#    column names.
printf '\357\273\277Partner;Periode;Kennzahl;Wert\r\nSUN;11.2026;csat;78,5\r\nDPS;11/2026;csat;"81,25"\r\n' >de.csv
B import de.csv; t_status 0 $? "German Excel file imports"
t_contains "$out" "imported 2 rows from 1 file: 2 inserted, 0 updated, 0 unchanged" "summary counts inserted rows"
[ "$(value SUN csat 2026-11-01)" = 78.5 ]; t_ok $? "decimal comma read as 78.5 ($(value SUN csat 2026-11-01))"
[ "$(value DPS csat 2026-11-01)" = 81.25 ]; t_ok $? "quoted decimal comma, MM/YYYY month"
B import de.csv; t_status 0 $? "the same file again"
t_contains "$out" "0 inserted, 0 updated, 2 unchanged" "a second import changes nothing"

# 2. Wide form with segment and source; a changed value is an update.
printf 'partner,period,segment,source,csat,attrition\nSUN,2026-11,,partner,79,3.5\nSUN,2026-11,channel=email,client,77.25,\n' >wide.csv
B import wide.csv; t_status 0 $? "wide observations import"
t_contains "$out" "imported 2 rows from 1 file: 2 inserted, 1 updated, 0 unchanged" "one column per metric; an empty cell is no value"
[ "$(value SUN csat 2026-11-01)" = 79.0 ]; t_ok $? "CSAT of SUN updated to 79"
[ "$(value SUN csat 2026-11-01 client channel=email)" = 77.25 ]; t_ok $? "segment and source stored"

# 2b. New, unchanged and changed rows mixed in one file: every row counted
#     as the one-by-one upsert counts it. The same key twice in a run is
#     refused, naming both lines (it used to be taken, last value winning),
#     in one file or across two.
printf 'partner,metric,period,value\nSUN,fcr,2026-11,70\nSUN,csat,2026-11,79\nSUN,attrition,2026-11,3.75\nDPS,fcr,2026-11,60\n' >mixed.csv
B import mixed.csv; t_status 0 $? "new, unchanged and changed rows in one file"
t_contains "$out" "imported 4 rows from 1 file: 2 inserted, 1 updated, 1 unchanged" "each row counted once, in file order"
[ "$(value SUN attrition 2026-11-01)" = 3.75 ]; t_ok $? "the changed value stored ($(value SUN attrition 2026-11-01))"
sum() { sqlite3 "$db" .dump | cksum; }
before=$(sum)
printf 'partner,metric,period,segment,source,value\nSUN,fcr,2026-11,,,70\nSUN,fcr,2026-11,,partner,71\nSUN,fcr,2026-11,,client,71\nSUN,csat,2026-11,channel=chat,,79\nSUN,csat,2026-11,channel=chat,,79\n' >dup.csv
B import dup.csv; t_status 1 $? "the same key twice in one file"
t_contains "$err" "dup.csv:3:26: fcr for SUN 2026-11 (total, partner) already given on line 2" "both lines named, different values"
t_contains "$err" "dup.csv:6:32: csat for SUN 2026-11 (channel=chat, partner) already given on line 5" "and equal ones"
t_not_contains "$err" "dup.csv:4:" "another source is another key"
printf 'partner,period,csat\nSUN,2026-11,79\n' >dup2.csv
printf 'partner;metric;period;value\nATL;fcr;2026-11;70\nSUN;csat;11.2026;78\n' >dup3.csv
B import dup2.csv dup3.csv; t_status 1 $? "the same key in two files of one run"
t_contains "$err" "dup3.csv:3:18: csat for SUN 2026-11 (total, partner) already given at dup2.csv:2" "both files and lines named"
[ "$(sum)" = "$before" ]; t_ok $? "repeated keys change nothing (dump checksum)"

# 3. Errors: FILE:LINE:COLUMN, all of them, nothing stored.
dump before.sql
printf 'partner,metric,period,value\nSUN,csat,2026-12,80\nXXX,csat,2026-12,80\nATL,csat,2026-13,70\nATL,nps,2026-12,1\nATL,csat,2026-12,7x\nATL,csat\n' >bad.csv
B import bad.csv; t_status 1 $? "a file with bad rows fails"
t_contains "$err" "bad.csv:3:1: unknown partner 'XXX' (add it, or import with --create-partners)" "unknown partner with line and column"
t_contains "$err" "bad.csv:4:10: '2026-13' is not a month" "bad month with its column"
t_contains "$err" "bad.csv:5:5: unknown metric 'nps'" "unknown metric"
t_contains "$err" "bad.csv:6:18: '7x' is not a number (decimal point)" "bad number"
t_contains "$err" "bad.csv:7:1: 2 fields, the header has 4" "ragged row"
t_contains "$err" "nothing imported: 5 errors (the database is unchanged)" "nothing imported, errors counted"
dump after.sql
cmp -s before.sql after.sql; t_ok $? "the database is exactly as before (good first row not kept)"

# 4. The last row bad: still nothing (atomicity over a larger file).
awk 'BEGIN { print "partner,period,csat"; for (i = 0; i < 3000; i++) printf "SUN,%04d-%02d,%d\n", 2000 + int(i / 12), i % 12 + 1, 70 + i % 10; print "SUN,2300-01,oops" }' >big.csv
B import big.csv; t_status 1 $? "3000 good rows and a bad last one"
t_contains "$err" "big.csv:3002:" "the last row named"
dump after2.sql
cmp -s before.sql after2.sql; t_ok $? "none of the 3000 rows was kept"

# 5. --dry-run counts and changes nothing; --create-partners.
printf 'partner,period,csat\nNEWP,2026-11,88\n' >newp.csv
B import --dry-run --create-partners newp.csv; t_status 0 $? "dry run"
t_contains "$out" "would import 1 row from 1 file: 1 inserted, 0 updated, 0 unchanged, 1 partner created (dry run: nothing changed)" "dry run says what would happen"
dump after3.sql
cmp -s before.sql after3.sql; t_ok $? "dry run changed nothing"
B import newp.csv; t_status 1 $? "unknown partner without --create-partners"
B import --create-partners newp.csv; t_status 0 $? "with --create-partners"
[ "$(value NEWP csat 2026-11-01)" = 88.0 ]; t_ok $? "new partner's value stored"

# 6. Partners and events, type from the header or --type.
printf 'code,name,site,contract_start,annual_value\nNEW2,"Nova, S.A.",Porto,31.01.2026,120000\nSUN,Sunrise Customer Care Inc.,,,\n' >partners.csv
B import partners.csv; t_status 0 $? "partners import"
[ "$(sqlite3 "$db" "SELECT name || '|' || site || '|' || contract_start FROM partner WHERE code = 'NEW2'")" = "Nova, S.A.|Porto|2026-01-31" ]; t_ok $? "partner fields stored, German date read"
printf 'partner,date,kind,title,detail\nSUN,01.11.2026,meeting,Monthly review,"said ""fine"""\n' >events.csv
B import events.csv; t_status 0 $? "events import"
printf 'partner,date,kind,title,detail\nSUN,2026-11-01,meeting,Monthly review,changed\n' >events2.csv
B import events2.csv
t_contains "$out" "0 inserted, 1 updated, 0 unchanged" "same partner, date, kind and title in a later import: an update"
printf 'partner,date,kind,title\nSUN,2026-11-02,party,x\n' >ev2.csv
B import ev2.csv; t_status 1 $? "bad event kind"
t_contains "$err" "ev2.csv:2:16: 'party' is not an event kind" "event kind error with column"
printf 'foo,bar\n1,2\n' >unknown.csv
B import unknown.csv; t_status 1 $? "a header nothing matches"
t_contains "$err" "unknown.csv:1:1: cannot tell what this file holds from its header" "asks for --type"
B import --type events unknown.csv; t_status 1 $? "--type with missing columns"
t_contains "$err" "unknown.csv:1:1: no 'partner' column" "missing column named"

# 7. Broken files.
: >empty.csv
B import empty.csv; t_status 1 $? "empty file"
t_contains "$err" "empty.csv:1:1: an empty file (no header line)" "empty file named"
printf 'partner,period,csat\n' >header.csv
B import header.csv; t_status 0 $? "header only is not an error"
t_contains "$out" "imported 0 rows" "and imports nothing"
t_contains "$err" "header.csv: warning: only a header line, no rows" "but is a warning naming the file"
printf 'partner,period,csat\nSUN,2026-11,"80\n' >open.csv
B import open.csv; t_status 1 $? "unterminated quote"
t_contains "$err" "open.csv:2:13: a quoted field is not closed (the quote opens here)" "unterminated quote at the quote"
printf 'code,name\nM\374L,M\374ller GmbH\n' >cp1252.csv
B import cp1252.csv; t_status 1 $? "Windows-1252 file"
t_contains "$err" "cp1252.csv:2:2: not UTF-8 text (byte 0xfc; a Windows-1252 export?" "not UTF-8, with the byte and a hint"
B import nothere.csv; t_status 1 $? "missing file"
t_contains "$err" "nothere.csv: cannot open" "missing file named"
B import; t_status 2 $? "no file is a usage error"
B import --type nope x.csv; t_status 2 $? "unknown --type is a usage error"

# 8. Hostile text in an error never reaches the terminal raw.
printf 'partner,period,csat\n\033]0;pwn\007X,2026-11,80\n' >hostile.csv
B import hostile.csv; t_status 1 $? "hostile partner code"
! grep -q "$(printf '\033')" "$err"; t_ok $? "no ESC byte in the error output"
t_contains "$err" "unknown partner '\\x1b]0;pwn\\x07X'" "control characters shown escaped"
# 9. Actions: inserted, then updated by partner + text + created; a column
#    the file lacks leaves that field alone; bad status and dates named.
action() { sqlite3 "$db" "SELECT a.owner || '|' || coalesce(a.due, '-') || '|' || a.status FROM action a JOIN partner p ON p.id = a.partner_id WHERE p.code = '$1' AND a.text = '$2' AND a.created = '$3'"; }
printf 'partner,text,owner,due,status,created\nSUN,Call back the site lead,Jonas Weber,2026-12-01,open,2026-11-20\nATL,"Review the script, again",,,,20.11.2026\n' >actions.csv
B import actions.csv; t_status 0 $? "actions import (type from the header)"
t_contains "$out" "imported 2 rows from 1 file: 2 inserted, 0 updated, 0 unchanged" "two actions inserted"
[ "$(action SUN 'Call back the site lead' 2026-11-20)" = "Jonas Weber|2026-12-01|open" ]; t_ok $? "owner, due date and status stored"
[ "$(action ATL 'Review the script, again' 2026-11-20)" = "|-|open" ]; t_ok $? "empty status is open, no due date, German created date"
printf 'partner,text,status,created\nSUN,Call back the site lead,done,2026-11-20\nATL,"Review the script, again",open,2026-11-20\n' >actions2.csv
B import actions2.csv; t_status 0 $? "the actions again with a status column only"
t_contains "$out" "0 inserted, 1 updated, 1 unchanged" "a changed status is an update, the same one unchanged"
[ "$(action SUN 'Call back the site lead' 2026-11-20)" = "Jonas Weber|2026-12-01|done" ]; t_ok $? "status done; owner and due kept (no such columns)"
dump before_act.sql
printf 'partner,text,due,status\nSUN,Fix it,31.02.2026,open\nSUN,Other,,closed\n' >badact.csv
B import --type actions badact.csv; t_status 1 $? "actions with a bad date and a bad status"
t_contains "$err" "badact.csv:2:12: due '31.02.2026' is not a date (YYYY-MM-DD or DD.MM.YYYY)" "bad due date with line and column"
t_contains "$err" "badact.csv:3:12: 'closed' is not an action status (open, done or dropped)" "bad status with line and column"
dump after_act.sql
cmp -s before_act.sql after_act.sql; t_ok $? "bad actions change nothing"

# 10. QA audits in the CSV `qa export` writes: a template the database
#     lacks is made from the rows; an audit is found again by partner,
#     date, template and reviewer; a final one is never changed.
QAHEAD=review,partner,date,reviewer,status,template,version,section,item,weight,critical,kind,answer,item_note,score,failed,review_notes
{ echo "$QAHEAD"
  echo '7,SUN,2026-11-05,Eva Roth,final,Mini audit,1,Basics,Scripts are current,2,yes,pass_fail,pass,,100.0,no,"Short visit, fine."'
  echo '7,SUN,2026-11-05,Eva Roth,final,Mini audit,1,Basics,Tone fits our brand,1.5,no,scale,4,"one ""curt"" call",100.0,no,"Short visit, fine."'
  echo '8,DPS,2026-11-06,Eva Roth,draft,Mini audit,1,Basics,Scripts are current,2,yes,pass_fail,fail,,,yes,'
  echo '8,DPS,2026-11-06,Eva Roth,draft,Mini audit,1,Basics,Tone fits our brand,1.5,no,scale,,,,yes,'
} >qa.csv
B import qa.csv; t_status 0 $? "QA audits import (type from the header)"
t_contains "$out" "imported 4 rows from 1 file: 2 inserted, 0 updated, 0 unchanged" "two audits inserted (counted per audit)"
[ "$(sqlite3 "$db" "SELECT count(*) FROM qa_template t JOIN qa_section s ON s.template_id = t.id JOIN qa_item i ON i.section_id = s.id WHERE t.name = 'Mini audit' AND t.version = 1 AND ((i.text = 'Tone fits our brand' AND i.weight = 1.5 AND i.answer_kind = 'scale' AND i.critical = 0) OR (i.text = 'Scripts are current' AND i.weight = 2 AND i.critical = 1))")" = 2 ]
t_ok $? "the template made from the rows: items, weights, kinds, critical"
B qa export --partner SUN; t_contains "$out" ',SUN,2026-11-05,Eva Roth,final,Mini audit,1,Basics,Tone fits our brand,1.5,no,scale,4,,"one ""curt"" call",' "answers and notes stored, the audit final"
B import qa.csv; t_status 0 $? "the same audits again"
t_contains "$out" "0 inserted, 0 updated, 2 unchanged" "unchanged"
sed 's/^8,\(.*\),scale,,,,yes,$/8,\1,scale,3,,,yes,/' qa.csv >qa_draft.csv
B import qa_draft.csv; t_status 0 $? "a draft audit answered further"
t_contains "$out" "0 inserted, 1 updated, 1 unchanged" "the draft updated"
# The partner's own answers travel in partner_answer (optional above).
{ echo "review,partner,date,reviewer,status,template,version,section,item,weight,critical,kind,answer,partner_answer,item_note,score,failed,review_notes"
  echo '8,DPS,2026-11-06,Eva Roth,draft,Mini audit,1,Basics,Scripts are current,2,yes,pass_fail,fail,pass,,,yes,'
  echo '8,DPS,2026-11-06,Eva Roth,draft,Mini audit,1,Basics,Tone fits our brand,1.5,no,scale,3,5,,,yes,'
} >qa_theirs.csv
B import qa_theirs.csv; t_status 0 $? "the partner's own answers imported"
id=$(sqlite3 "$db" "SELECT r.id FROM qa_review r JOIN partner p ON p.id = r.partner_id WHERE p.code = 'DPS' AND r.date = '2026-11-06'")
B qa show "$id"
# Ours 0 x 2 + 3/5 x 1.5 = 0.9, theirs 2 + 1.5 = 3.5, of 3.5: (3.5 - 0.9) / 3.5 = +74.3 pts.
t_contains "$out" "calibration gap +74.3 pts on 2 items (theirs minus ours)" "and their gap worked out"
B qa export "$id"; t_contains "$out" ",scale,3,5,," "qa export writes them back"
sed 's/,fail,pass,/,fail,maybe,/' qa_theirs.csv >qa_bad.csv
B import qa_bad.csv; t_status 1 $? "a partner answer that does not fit"
t_contains "$err" "qa_bad.csv:2:94: 'maybe' is not an answer to a pass/fail item" "is named with its line and column"
dump before_qa.sql
sed 's/Tone fits our brand,1.5,no,scale,4,/Tone fits our brand,1.5,no,scale,2,/' qa_draft.csv >qa_final.csv
B import qa_final.csv; t_status 1 $? "a changed answer of a final audit"
t_contains "$err" "qa_final.csv:3:" "the row named"
t_contains "$err" "the audit of SUN on 2026-11-05 by Eva Roth is final in the database and cannot be changed (the answer or note of 'Tone fits our brand' differs)" "final audits cannot be changed"
sed 's/^7,SUN,2026-11-05,Eva Roth,final,/7,SUN,2026-11-05,Eva Roth,draft,/' qa_draft.csv >qa_back.csv
B import qa_back.csv; t_status 1 $? "a final audit back to draft"
t_contains "$err" "qa_back.csv:2:1: the audit of SUN on 2026-11-05 by Eva Roth is final in the database and cannot be changed (the file makes it a draft)" "no way back to draft"
{ echo "$QAHEAD"
  echo '9,ATL,2026-11-07,Eva Roth,draft,Mini audit,1,Basics,Scripts are current,2,yes,pass_fail,pass,,,no,'
  echo '9,ATL,2026-11-07,Eva Roth,draft,Mini audit,1,Basics,Tone matches our brand,1.5,no,scale,yes,,,no,'
} >qa_mismatch.csv
B import qa_mismatch.csv; t_status 1 $? "rows that do not match the stored template"
t_contains "$err" "qa_mismatch.csv:3:53: item 2 is 'Tone matches our brand' in section 'Basics', but in Mini audit v1 in the database it is 'Tone fits our brand' in 'Basics'" "the mismatching row and item named"
{ echo "$QAHEAD"
  echo '9,ATL,2026-11-07,Eva Roth,draft,Mini audit,1,Basics,Scripts are current,2,yes,pass_fail,5,,,no,'
  echo '9,ATL,2026-11-07,Eva Roth,draft,Mini audit,1,Basics,Tone fits our brand,1.5,no,scale,pass,,,no,'
} >qa_answers.csv
B import qa_answers.csv; t_status 1 $? "answers the items do not take"
t_contains "$err" "qa_answers.csv:2:89: '5' is not an answer to a pass/fail item (pass, fail or na, or empty)" "a scale answer to a pass/fail item, at its cell"
t_contains "$err" "qa_answers.csv:3:86: 'pass' is not an answer to a scale item (0-5 or na, or empty)" "pass on a scale item, at its cell"
{ echo "$QAHEAD"
  echo '9,ATL,2026-11-07,Eva Roth,draft,Mini audit,1,Basics,Scripts are current,2,yes,pass_fail,pass,,,no,'
  echo '9,ATL,2026-11-08,Eva Roth,draft,Mini audit,1,Basics,Tone fits our brand,1.5,no,scale,3,,,no,'
} >qa_head.csv
B import qa_head.csv; t_status 1 $? "an audit whose rows disagree"
t_contains "$err" "qa_head.csv:3:7: the date differs from the first row of review 9 (line 2)" "an audit's rows must agree on its date"
dump after_qa.sql
cmp -s before_qa.sql after_qa.sql; t_ok $? "rejected QA files change nothing (dump identical)"

# 11. --encoding: a Windows-1252 file converted as it is read.
printf 'code;name;site\r\nMUE;M\374ller;Gr\366\337e\r\nEUR1;\200 Partner;\r\n' >cp1252b.csv
B import cp1252b.csv; t_status 1 $? "a Windows-1252 file without --encoding"
t_contains "$err" "cp1252b.csv:2:6: not UTF-8 text (byte 0xfc; a Windows-1252 export? save it as \"CSV UTF-8\" or import with --encoding windows-1252)" "the error says which --encoding to give"
B import --encoding windows-1252 cp1252b.csv; t_status 0 $? "the same file with --encoding windows-1252"
t_contains "$out" "imported 2 rows from 1 file: 2 inserted" "both partners imported"
[ "$(sqlite3 "$db" "SELECT name || '|' || site FROM partner WHERE code = 'MUE'")" = "Müller|Größe" ]; t_ok $? "ü, ö and ß stored as UTF-8"
[ "$(sqlite3 "$db" "SELECT name FROM partner WHERE code = 'EUR1'")" = "€ Partner" ]; t_ok $? "0x80 is the euro sign in Windows-1252"
printf 'code,name\nOK1,Fine\nBAD,x\201y\n' >cp1252bad.csv
B import --encoding windows-1252 cp1252bad.csv; t_status 1 $? "a byte Windows-1252 does not have"
t_contains "$err" "cp1252bad.csv:3:6: byte 0x81 is not windows-1252 text" "named at its line and column"
B import --encoding klingon cp1252b.csv; t_status 2 $? "an unknown --encoding is a usage error"
t_contains "$err" "import: --encoding 'klingon' is not a character set iconv knows" "the unknown name is named"
# 12. Values and segments the import cannot keep as written: an empty
#     value (long form; an empty cell of a wide file is no figure), a
#     thousands separator (1.234,5 is not silently 1234.5), a segment that
#     is not name=value. Each named at its line and column, nothing stored.
before=$(sum)
printf 'partner;metric;period;value\nSUN;csat;2026-12;\nSUN;cost_per_contact;2026-12;1.234,5\n' >vals.csv
B import vals.csv; t_status 1 $? "an empty value and a grouped number"
t_contains "$err" "vals.csv:2:18: empty value" "empty value said as such, at its cell"
t_contains "$err" "vals.csv:3:30: '1.234,5' has a thousands separator; they are not accepted: write 1234,5" "thousands separator refused, with what to write"
printf 'partner,period,cost_per_contact\nSUN,2026-12,"1,234.5"\n' >vals2.csv
B import vals2.csv; t_status 1 $? "1,234.5 in a decimal-point file"
t_contains "$err" "vals2.csv:2:13: '1,234.5' has a thousands separator; they are not accepted: write 1234.5" "refused the same way"
printf 'partner,period,segment,csat\nSUN,2026-12,chat,80\nSUN,2026-12,channel=,80\n' >seg.csv
B import seg.csv; t_status 1 $? "segments that are not name=value"
t_contains "$err" "seg.csv:2:13: segment 'chat' is not name=value (e.g. channel=chat; empty for the total)" "chat refused with channel=chat suggested"
t_contains "$err" "seg.csv:3:13: segment 'channel=' is not name=value" "a name without a value refused"
[ "$(sum)" = "$before" ]; t_ok $? "refused values and segments change nothing (dump checksum)"
printf 'partner,period,segment,csat,attrition\nSUN,2026-12,,80, \n' >blank.csv
B import --dry-run blank.csv; t_status 0 $? "a blank cell in a wide file is no figure"
t_contains "$out" "1 inserted" "only the figure given"

# 13. Plausibility: a figure outside its metric's range (CSAT 0-100,
#     escalations >= 0) is refused at its cell; a range of one's own.
before=$(sum)
printf 'partner,period,csat,attrition,escalations\nSUN,2026-12,150,250,3\nATL,2026-12,-5,3,-1\nDPS,2026-12,100,0,0\n' >range.csv
B import range.csv; t_status 1 $? "values outside the plausible range"
t_contains "$err" "range.csv:2:13: csat 150 is above its plausible maximum 100" "CSAT 150 named at its cell"
t_contains "$err" "range.csv:2:17: attrition 250 is above its plausible maximum 100" "attrition 250 named"
t_contains "$err" "range.csv:3:13: csat -5 is below its plausible minimum 0" "CSAT -5 named"
t_contains "$err" "range.csv:3:18: escalations -1 is below its plausible minimum 0" "negative escalations named"
t_not_contains "$err" "range.csv:4:" "the limits themselves are fine"
[ "$(sum)" = "$before" ]; t_ok $? "implausible values change nothing (dump checksum)"
sqlite3 "$db" "INSERT INTO metric(key, name, better, aggregation, min_value, max_value) VALUES ('nps', 'Net promoter score', 'higher', 'avg', -100, 100)"
before=$(sum)
printf 'partner,metric,period,value\nSUN,nps,2026-12,-101\n' >nps.csv
B import nps.csv; t_status 1 $? "a metric of one's own with its own range"
t_contains "$err" "nps.csv:2:17: nps -101 is below its plausible minimum -100" "its range holds"
[ "$(sum)" = "$before" ]; t_ok $? "and nothing changed"

# 14. Headers: an unknown or misspelt metric column of a wide file is
#     refused (it used to be dropped), with the nearest metric; skipped on
#     purpose with --ignore-column. Display names and German names are
#     known, a unit in brackets is no matter; a header nothing fits names
#     the columns it could not place and what each type expects.
before=$(sum)
printf 'Dienstleister;Monat;Segment;Quelle;csat;aht;attrition\nATL;2026-12;;partner;80;300;3\n' >cols.csv
B import cols.csv; t_status 1 $? "a wide file with a column that is no metric"
t_contains "$err" "cols.csv:1:41: unknown column 'aht': not a metric or column bpowatch knows" "the column named at line 1 and its column"
t_contains "$err" '(--ignore-column "aht" skips it)' "and how to skip it"
printf 'partner,period,csta,fcr\nATL,2026-12,80,70\n' >typo.csv
B import typo.csv; t_status 1 $? "a misspelt metric column"
t_contains "$err" "typo.csv:1:16: unknown column 'csta': not a metric or column bpowatch knows; did you mean csat?" "the nearest metric suggested"
printf 'partner,metric,period,value,comment\nATL,csat,2026-12,80,fine\n' >longx.csv
B import longx.csv; t_status 1 $? "a long file with a column it would not read"
t_contains "$err" "longx.csv:1:29: unknown column 'comment'" "named too"
printf 'Kürzel;Monat;Kundenzufriedenheit;CSAT (%%)\nATL;12.2026;80;81\n' >twice.csv
B import twice.csv; t_status 1 $? "one metric in two columns"
t_contains "$err" "twice.csv:1:34: column 4 is csat again (column 3 is too)" "the second column named"
[ "$(sum)" = "$before" ]; t_ok $? "refused headers change nothing (dump checksum)"
B import --ignore-column AHT --ignore-column comment cols.csv; t_status 0 $? "--ignore-column skips a column on purpose (any case)"
t_contains "$out" "imported 1 row from 1 file: 2 inserted" "the other figures imported"
[ "$(value ATL attrition 2026-12-01)" = 3.0 ]; t_ok $? "attrition stored"
printf 'K\303\274rzel;Standort;Monat;Kundenzufriedenheit;SLA-Erf\303\274llung;Erstl\303\266sungsquote;QA-Score;Kosten pro Kontakt (EUR);Fehlzeiten;Antwortzeit;Berichte p\303\274nktlich;Eskalationen;Fluktuation;Abwanderung nach Kontakt\nDPS;Berlin;12.2026;80;90;70;88;3,5;5;12;100;2;3;2\n' >de_wide.csv
B import de_wide.csv; t_status 0 $? "German metric names in a wide header"
t_contains "$out" "imported 1 row from 1 file: 11 inserted" "all eleven figures"
[ "$(value DPS cost_per_contact 2026-12-01)" = 3.5 ]; t_ok $? "Kosten pro Kontakt (EUR) is cost_per_contact"
printf ' Partner ;Period;Customer satisfaction;First-contact resolution\nSUN;2026-12;82;71\n' >shown.csv
B import shown.csv; t_status 0 $? "display names in a wide header"
[ "$(value SUN fcr 2026-12-01)" = 71.0 ]; t_ok $? "First-contact resolution is fcr"
printf 'Dienstleister;Periode;Kennzahl;Wert;Quelle\nNLK;12.2026;csat;83;client\n' >de_long.csv
B import de_long.csv; t_status 0 $? "German names in a long header"
[ "$(value NLK csat 2026-12-01 client)" = 83.0 ]; t_ok $? "stored as a client figure"
printf 'KÜRZEL;Name;Standort;Land\nNEW3;Neu GmbH;Berlin;DE\n' >de_partners.csv
B import de_partners.csv; t_status 0 $? "a German partners header (Kürzel for the code)"
[ "$(sqlite3 "$db" "SELECT site || '|' || country FROM partner WHERE code = 'NEW3'")" = "Berlin|DE" ]; t_ok $? "Standort and Land stored"
printf 'Partner;Monat;Zufriedenheit\nSUN;12.2026;80\n' >noplace.csv
B import noplace.csv; t_status 1 $? "a header with no metric column"
t_contains "$err" "noplace.csv:1:15: unknown column 'Zufriedenheit': not a metric or column bpowatch knows" "the column it could not place is named"
t_contains "$err" "noplace.csv:1:1: cannot tell what this file holds from its header; expected" "and what was expected"
t_contains "$err" "wide observations: partner, period and a column per metric" "listed by type"

# 15. --dry-run shows what would change: each value it would replace,
#     old -> new, then the figures per partner and metric, then the counts.
before=$(sum)
old=$(value ATL csat 2026-10-01)
printf 'partner,period,segment,csat,fcr\nATL,2026-10,,81.4,\nATL,2027-01,,80,70\n' >dry.csv
B import --dry-run dry.csv; t_status 0 $? "a dry run with an update"
t_contains "$out" "would update ATL csat 2026-10 (total, partner): $old -> 81.4" "the update with its old and new value"
t_contains "$out" "ATL      csat                 1 inserted, 1 updated, 0 unchanged" "counts per partner and metric"
t_contains "$out" "ATL      fcr                  1 inserted, 0 updated, 0 unchanged" "one line each"
t_contains "$out" "would import 2 rows from 1 file: 2 inserted, 1 updated, 0 unchanged (dry run: nothing changed)" "then the totals"
[ "$(sum)" = "$before" ]; t_ok $? "the dry run changed nothing (dump checksum)"

# 16. A metric the configuration declares holds figures, within the range
#     the configuration gives it (min/max).
printf '%s\n' 'metrics = { ces = { name = "Customer effort score"; label = "CES"; better = "lower";' \
	'                    min = 1.0; max = 7.0; }; };' >"$T_TMP/ces.conf"
before=$(sum)
printf 'partner,period,ces\nATL,2026-10,9\n' >ces_bad.csv
B --config "$T_TMP/ces.conf" import ces_bad.csv; t_status 1 $? "a CES of 9 is refused"
t_contains "$err" "ces_bad.csv:2:13: ces 9 is above its plausible maximum 7" "by the configuration's max, at its line and column"
[ "$(sum)" = "$before" ]; t_ok $? "and the metric is not added either (dump checksum)"
printf 'partner,period,ces\nATL,2026-10,2.5\nSUN,2026-10,1\n' >ces.csv
B --config "$T_TMP/ces.conf" import ces.csv; t_status 0 $? "CES figures of a declared metric import"
t_contains "$out" "2 inserted, 0 updated, 0 unchanged, 1 metric of the configuration added" "the metric is added with them"
[ "$(value SUN ces 2026-10-01)" = 1.0 ]; t_ok $? "a CES at the bottom of its range is kept"
[ "$(sqlite3 "$db" "SELECT name || '|' || better || '|' || min_value || '|' || max_value FROM metric WHERE key = 'ces'")" = "Customer effort score|lower|1.0|7.0" ]
t_ok $? "the catalogue holds its name, direction and range"
"$BPOWATCH" --db "$db" audit --format csv >"$out" 2>"$err"
grep -q "metric.*ces" "$out"; t_ok $? "the audit trail records the metric's arrival"
printf 'partner,period,ces\nNLK,2026-10,3\n' >ces2.csv
B import ces2.csv; t_status 0 $? "once in the catalogue, its figures import without the config"

# 17. Files of partners, events and actions: a column no importer reads is
#     refused (a misspelt Standort would lose every site), and so is a
#     record given twice in one run.
before=$(sum)
printf 'code,name,Standrot\nNEW5,New,Berlin\n' >typo.csv
B import typo.csv; t_status 1 $? "a partners file with a misspelt column"
t_contains "$err" "typo.csv:1:11: unknown column 'Standrot': not a column of a partners file; did you mean site?" "is refused at the column, with the nearest name"
printf 'code,name,name\nNEW5,New,Other\n' >twice.csv
B import twice.csv; t_status 1 $? "a column given twice"
t_contains "$err" "twice.csv:1:11: column 3 is 'name' again (column 2 is too)" "is named so"
printf 'code,name,site\nNEW5,New,Berlin\nnew5,New,Hamburg\n' >p_dup.csv
B import p_dup.csv; t_status 1 $? "a partner given twice (codes ignore case)"
t_contains "$err" "p_dup.csv:3:1: partner 'new5' already given on line 2" "names both lines"
printf 'partner,date,kind,title,detail\nATL,2026-11-02,meeting,Review,first\nATL,02.11.2026,meeting,Review,second\n' >e_dup.csv
B import e_dup.csv; t_status 1 $? "an event given twice with different details"
t_contains "$err" "e_dup.csv:3:24: the 2026-11-02 event 'Review' of 'ATL' already given on line 2" "names both lines"
printf 'partner,text,created\nATL,Fix it,2026-11-01\n' >a1.csv
printf 'partner,text,created,owner\nATL,Fix it,01.11.2026,Rui\n' >a2.csv
B import a1.csv a2.csv; t_status 1 $? "an action given in two files"
t_contains "$err" "a2.csv:2:5: the action 'Fix it' of 'ATL' created 2026-11-01 already given at a1.csv:2" "names the file and line of the first"
[ "$(sum)" = "$before" ]; t_ok $? "none of them changed anything (dump checksum)"
for t in partners events actions; do
	"$BPOWATCH" --db "$db" export --type $t >"exp_$t.csv" 2>"$err"
	B import --type $t "exp_$t.csv"; t_status 0 $? "an export of $t imports back unchanged"
	t_contains "$out" " 0 inserted, 0 updated," "nothing new or changed in the $t"
done
# 18. The long form's metric cells are read like a header: key, display
#     name or German name.
printf 'Dienstleister;Monat;Kennzahl;Wert\nBSS;11.2026;Kundenzufriedenheit;81,5\nBSS;11.2026;First-contact resolution;70\n' >long_de.csv
B import long_de.csv; t_status 0 $? "metric cells named in German and by display name"
[ "$(value BSS csat 2026-11-01)" = 81.5 ] && [ "$(value BSS fcr 2026-11-01)" = 70.0 ]
t_ok $? "stored as csat and fcr"
printf 'partner,metric,period,value\nBSS,Zufrieden,2026-11,1\n' >long_bad.csv
B import long_bad.csv; t_status 1 $? "a metric cell nothing matches"
t_contains "$err" "long_bad.csv:2:5: unknown metric 'Zufrieden'" "is refused at its cell"
"$BPOWATCH" --db "$db" qa export --format csv >exp_qa.csv 2>"$err"
B import --type qa exp_qa.csv; t_status 0 $? "an audit export imports back (its score and failed columns are known)"

t_done
