#!/bin/sh
# test_qa.sh: `bpowatch qa` on the sample data and on a new database:
# listing, showing and exporting reviews (CSV, JSON, Markdown), templates
# as files (round trip, errors with file and line, versions), audit
# intervals, and hostile text neutralised.
. "$SRCDIR/tests/lib.sh"
out=$T_TMP/out err=$T_TMP/err
db=$T_TMP/q.db
"$BPOWATCH" --db "$db" init --sample >/dev/null 2>&1
B() { "$BPOWATCH" --db "$db" "$@" >"$out" 2>"$err"; }

B qa list; t_status 0 $? "qa list"
t_contains "$out" "18    2026-11-03 ATL    BPO quality audit v2     Anna Becker        draft    66.7%! 6/16" "the ATL draft with its score, critical fail and progress"
t_contains "$out" "10    2025-06-17 BSS    BPO quality audit v1" "old reviews keep their template version"
[ "$(grep -c ' final ' "$out")" -eq 17 ]; t_ok $? "17 final reviews in the sample"
B qa list --partner NLK; t_status 0 $? "qa list --partner"
[ "$(grep -c NLK "$out")" -eq 3 ] && ! grep -q ATL "$out"; t_ok $? "only that partner's reviews"
B qa list --partner NOPE; t_status 1 $? "qa list for an unknown partner"
t_contains "$err" "NOPE" "the unknown partner is named"

B qa show 18; t_status 0 $? "qa show"
t_contains "$out" "Score 66.7% (passing 80%), FAILED: a critical item failed" "score and the critical fail"
t_contains "$out" "  FAIL ! Complaints reach us within the agreed time" "a failed critical item"
t_contains "$out" "note: Three phone complaints were held back for two weeks." "item notes"
t_contains "$out" "; answered 6 of 16, 0 n/a" "how far it is answered, in the dashboard's words"
# One wording for answered and N/A (issue 21): an N/A counts as answered,
# as on the dashboard ("answered 16 of 16, 1 n/a", not "15 answered, 1 N/A").
nadb=$T_TMP/na.db
cp "$db" "$nadb"
sqlite3 "$nadb" "UPDATE qa_answer SET answer = 'na' WHERE review_id = 17 AND item_id =
  (SELECT min(item_id) FROM qa_answer WHERE review_id = 17 AND answer = 'pass')"
"$BPOWATCH" --db "$nadb" qa show 17 >"$out" 2>"$err"; t_status 0 $? "qa show of a final audit with an N/A"
t_contains "$out" "; answered 16 of 16, 1 n/a" "N/A counted among the answered, named once"
t_not_contains "$out" "N/A, " "not the old wording"
B qa show 999; t_status 1 $? "qa show of a missing review"
t_contains "$err" "no QA review with id 999" "missing review named"
B qa show x; t_status 2 $? "qa show with a bad id"

# Export: every item of every review, as CSV (default), JSON or Markdown.
# csv_records FILE: header and records, CSV-aware (a quoted field may hold a
# line break: a record ends where the count of quotes so far is even).
csv_records() { awk '{ q += gsub(/"/, "\"") } q % 2 == 0 { n++ } END { print n }' "$1"; }
if command -v python3 >/dev/null; then PY=python3; else PY=; fi
B qa list; items=$(awk 'NR > 1 { split($NF, a, "/"); n += a[2] } END { print n }' "$out")
sum_before=$(cksum <"$db")
B qa export; t_status 0 $? "qa export"
cp "$out" "$T_TMP/all.csv"
[ "$(head -n 1 "$out")" = "review,partner,date,reviewer,status,template,version,section,item,weight,critical,kind,answer,partner_answer,item_note,score,failed,review_notes" ]
t_ok $? "the CSV header names every column"
[ "$(csv_records "$out")" -eq $((items + 1)) ]; t_ok $? "a CSV row per item of every review ($items and the header)"
! grep -q "$(printf '\r')" "$out"; t_ok $? "lines end in LF, not CRLF"
t_contains "$out" '18,ATL,2026-11-03,Anna Becker,draft,BPO quality audit,2,Level of customer support,Complaints reach us within the agreed time,2,yes,pass_fail,fail,,Three phone complaints were held back for two weeks.,66.7,yes,' "the failed critical item of the ATL draft, its note and the capped score"
t_contains "$out" ',fail,,"Their CSAT survey asks about the agent only, ours about the whole contact.",79.3,no,' "a field with a comma is quoted"
t_contains "$out" ',pass_fail,,,' "an unanswered item has an empty answer"
py_ok "python's csv reader reads $((items + 1)) rows of 18 fields" '
import csv, sys
rows = list(csv.reader(open(sys.argv[1], newline="")))
assert len(rows) == '"$((items + 1))"', len(rows)
assert all(len(r) == 18 for r in rows), [r for r in rows if len(r) != 18][:1]
assert [r[0] for r in rows[1:17]] == ["18"] * 16, "review 18 first (newest)"
' "$out"
[ "$(cksum <"$db")" = "$sum_before" ]; t_ok $? "export leaves the database file as it was"

B qa export --format json; t_status 0 $? "qa export --format json"
[ "$(grep -o '{"id":' "$out" | wc -l)" -eq 18 ]; t_ok $? "18 reviews in the JSON"
if [ -n "$PY" ]; then "$PY" -m json.tool "$out" >/dev/null 2>"$T_TMP/py.err"; t_ok $? "the JSON parses"
else t_ok 0 "the JSON parses # SKIP python3 not installed"; fi
py_ok "JSON: review 18 with score, failed critical item and note; $items items" '
import json, sys
d = json.load(open(sys.argv[1]))
rs = d["reviews"]
assert len(rs) == 18 and rs[0]["id"] == 18, [r["id"] for r in rs]
r = rs[0]
assert (r["partner"], r["status"], r["version"], r["failed"], r["passing"]) == ("ATL", "draft", 2, True, 80), r
assert round(r["score"], 1) == 66.7, r["score"]
it = [i for i in r["items"] if i["text"] == "Complaints reach us within the agreed time"][0]
assert it == {"section": "Level of customer support", "text": it["text"], "weight": 2,
	"critical": True, "kind": "pass_fail", "answer": "fail", "partner_answer": None,
	"note": "Three phone complaints were held back for two weeks."}, it
assert r["items"][-1]["answer"] is None
assert sum(len(x["items"]) for x in rs) == '"$items"'
' "$out"

B qa export --partner NLK; t_status 0 $? "qa export --partner"
[ "$(csv_records "$out")" -gt 1 ] && [ "$(tail -n +2 "$out" | cut -d, -f2 | sort -u)" = NLK ]
t_ok $? "only that partner's rows"
B qa export --partner NLK --format json
[ "$(grep -o '{"id":' "$out" | wc -l)" -eq 3 ]; t_ok $? "the partner's 3 reviews in JSON"
B qa export 3 18; t_status 0 $? "qa export ID..."
[ "$(tail -n +2 "$out" | cut -d, -f1 | uniq | tr '\n' ' ')" = "18 3 " ]; t_ok $? "only the reviews given, newest first"

B qa export --format md 18; t_status 0 $? "qa export --format md"
t_contains "$out" "## Audit #18 — ATL Atlas Contact Lisboa, Lda., 2026-11-03" "a heading per review"
t_contains "$out" "Template: BPO quality audit v2; reviewer: Anna Becker; status: draft; score: 66.7% (passing 80%), a critical item failed" "template, reviewer, status and score"
t_contains "$out" "| Section | Item | Weight | Critical | Answer | Note |" "the table header"
t_contains "$out" "| Level of customer support | Complaints reach us within the agreed time | 2 | yes | FAIL | Three phone complaints were held back for two weeks. |" "a row per item"
[ "$(grep -c '^| ' "$out")" -eq 17 ]; t_ok $? "the header and 16 item rows"

B qa export --format xml; t_status 2 $? "an unknown format"
t_contains "$err" "unknown format 'xml'" "the bad format is named"
B qa export --partner NOPE; t_status 1 $? "export for an unknown partner"
t_contains "$err" "NOPE" "the unknown partner is named"
B qa export 18 999; t_status 1 $? "export of a missing review"
t_contains "$err" "no QA review with id 999" "the missing review is named"
[ ! -s "$out" ]; t_ok $? "nothing written when an id is missing"
B qa export x; t_status 2 $? "export with a bad id"
B qa export --partner ATL 3; t_status 1 $? "export of another partner's review"
t_contains "$err" "review 3 is of partner DPS, not ATL" "says whose review it is"
B qa list --format json; t_status 2 $? "--format only goes with export"

# Hostile text (on a copy): an ESC sequence, a pipe, a leading =, a line
# break and quotes in a draft's item note; a leading @ and a bidi override
# in its general notes.
hdb=$T_TMP/hostile.db
"$BPOWATCH" --db "$hdb" init --sample >/dev/null 2>&1
sqlite3 "$hdb" "UPDATE qa_answer SET note = '=1+2' || char(27) || '[31mred|pipe' || char(10) || 'say \"hi\", ok' WHERE review_id = 18 AND note <> '';
UPDATE qa_review SET notes = '@cmd' || char(8238) || 'x' WHERE id = 18"
H() { "$BPOWATCH" --db "$hdb" "$@" >"$out" 2>"$err"; }
ESC=$(printf '\033')
H qa export 18; t_status 0 $? "csv export of hostile text"
[ "$(grep -c "$ESC" "$out")" -eq 0 ]; t_ok $? "csv: no ESC byte"
t_contains "$out" ",fail,,\"'=1+2\\x1b[31mred|pipe" "csv: escape shown as text, formula defused, field quoted"
t_contains "$out" 'say ""hi"", ok",66.7,yes,'"'"'@cmd\u202ex' "csv: the line break kept inside the quotes, quotes doubled, @ defused, bidi shown"
py_ok "csv: the note reads back as one neutralised field" '
import csv, sys
rows = list(csv.reader(open(sys.argv[1], newline="")))
assert len(rows) == 17, len(rows)
r = [r for r in rows if r[12] == "fail"][0]
assert r[14] == "'"'"'=1+2\\x1b[31mred|pipe\nsay \"hi\", ok", repr(r[14])
assert r[17] == "'"'"'@cmd\\u202ex", repr(r[17])
' "$out"
H qa export --format json 18; t_status 0 $? "json export of hostile text"
[ "$(grep -c "$ESC" "$out")" -eq 0 ] && ! grep -q "$(printf '\342\200\256')" "$out"
t_ok $? "json: no ESC byte, no raw bidi override"
py_ok "json: the note neutralised, its line break kept" '
import json, sys
r = json.load(open(sys.argv[1]))["reviews"][0]
notes = [i["note"] for i in r["items"] if i["note"]]
assert notes == ["=1+2\\x1b[31mred|pipe\nsay \"hi\", ok"], notes
assert r["notes"] == "@cmd\\u202ex", r["notes"]
' "$out"
H qa export --format md 18; t_status 0 $? "md export of hostile text"
[ "$(grep -c "$ESC" "$out")" -eq 0 ]; t_ok $? "md: no ESC byte"
t_contains "$out" '| FAIL | =1+2\\x1b\[31mred\|pipe<br>say "hi", ok |' "md: pipe and markup escaped, the line break as <br>"
[ "$(grep -F 'Complaints reach' "$out" | sed 's/\\|//g' | tr -cd '|' | wc -c)" -eq 7 ]
t_ok $? "md: the note stays in its cell (6 columns)"
t_contains "$out" 'Notes: @cmd\\u202ex' "md: the bidi override shown as text"

# Templates: export, import as the next version, errors by line.
B qa template export "BPO quality audit"; t_status 0 $? "qa template export by name"
cp "$out" "$T_TMP/t.conf"
t_contains "$T_TMP/t.conf" 'name = "BPO quality audit";' "the file names the template"
B qa template import "$T_TMP/t.conf"; t_status 0 $? "qa template import"
t_contains "$out" "imported BPO quality audit as version 3" "re-import makes the next version"
B qa template list; t_status 0 $? "qa template list"
t_contains "$out" "v3" "version 3 listed"
t_contains "$out" "latest" "the latest version marked"
printf 'name = "Mine";\nsections = (\n  { title = "S"; items = (\n    { text = "x"; wieght = 2.0; } ); }\n);\n' >"$T_TMP/bad.conf"
B qa template import "$T_TMP/bad.conf"; t_status 1 $? "import of a broken template"
t_contains "$err" "$T_TMP/bad.conf:4: unknown setting 'wieght' (did you mean 'weight'?)" "the error names file, line and a hint"
B qa template list
t_not_contains "$out" "Mine" "a broken template stores nothing"
B qa template import "$T_TMP/none.conf"; t_status 1 $? "import of a missing file"
t_contains "$err" "$T_TMP/none.conf: cannot read: No such file or directory" "missing file named"

# Intervals.
B qa interval ATL; t_status 0 $? "qa interval shows"
t_contains "$out" "ATL: the global interval (365 days" "the global interval by default"
B qa interval ATL 90; t_status 0 $? "qa interval sets"
t_contains "$out" "ATL: an audit every 90 days" "the partner's own interval"
B qa interval ATL; t_contains "$out" "every 90 days" "it is kept"
B qa interval ATL 0; t_contains "$out" "global interval" "0 returns to the global interval"
B qa interval ATL 9999; t_status 2 $? "an interval out of range"

# A new database starts with the default checklist.
"$BPOWATCH" --db "$T_TMP/new.db" init >"$out" 2>"$err"; t_status 0 $? "init"
t_contains "$out" "added the default QA checklist" "init adds the default checklist"
"$BPOWATCH" --db "$T_TMP/new.db" qa template list >"$out" 2>"$err"
t_contains "$out" "BPO quality audit                v1" "the default checklist is version 1"

# Hostile text in a review note never reaches the terminal raw.
sqlite3 "$db" "UPDATE qa_answer SET note = 'x' || char(27) || ']52;c;aGk=' || char(7) || 'y' WHERE review_id = 18 AND note <> ''"
B qa show 18
t_contains "$out" 'x\x1b]52;c;aGk=\x07y' "escape sequences in notes shown as text"
! grep -q "$(printf '\033')" "$out"; t_ok $? "no ESC byte in the output"

B qa; t_status 2 $? "qa without a command"
B qa frobnicate; t_status 2 $? "qa with an unknown command"
"$BPOWATCH" qa --help >"$out" 2>"$err"; t_status 0 $? "qa --help"
t_contains "$out" "qa template import FILE" "qa --help lists the commands"
t_contains "$out" "qa export [--partner CODE] [--format csv|json|md] [ID]..." "qa --help lists export"
t_done
