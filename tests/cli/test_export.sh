#!/bin/sh
# test_export.sh: `bpowatch export` on the real binary: the round trip
# (export every type from the sample, import into an empty database,
# export again: the same bytes, the same data), plain CSV and German Excel,
# JSON, the --partner/--from/--to filters, hostile text neutralised and
# still round-tripping, errors, and files written all or nothing.
. "$SRCDIR/tests/lib.sh"
cd "$T_TMP" || exit 1
out=$T_TMP/out err=$T_TMP/err
a=$T_TMP/a.db b=$T_TMP/b.db
TYPES="partners observations events actions targets qa"
A() { "$BPOWATCH" --db "$a" "$@" >"$out" 2>"$err"; }
Bd() { "$BPOWATCH" --db "$b" "$@" >"$out" 2>"$err"; }
# The data of a database without its surrogate ids: partners by code,
# everything else by partner code and its own key, template sections and
# items in their order (not by position numbers); numbers to 17 digits.
# Not compared: section keys, which the QA CSV does not carry.
norm() {
	sqlite3 "$1" "
SELECT 'partner', code, name, site, country, services, contract_start, contract_end,
  printf('%.17g', annual_value), currency, owner, notes, archived FROM partner ORDER BY code;
SELECT 'obs', p.code, metric, period, segment, source, printf('%.17g', value)
  FROM observation o JOIN partner p ON p.id = o.partner_id ORDER BY 2, 3, 4, 5, 6;
SELECT 'event', p.code, date, kind, title, detail FROM event e
  JOIN partner p ON p.id = e.partner_id ORDER BY 2, 3, 4, 5, 6;
SELECT 'action', p.code, a.text, a.owner, a.due, a.status, a.created FROM action a
  JOIN partner p ON p.id = a.partner_id ORDER BY 2, 7, 3;
SELECT 'target', p.code, metric, segment, source, printf('%.17g', value),
  printf('%.17g', alert), valid_from, valid_until, printf('%.17g', credit_pct), note
  FROM target t JOIN partner p ON p.id = t.partner_id ORDER BY 2, 3, 4, 5, 8;
SELECT 'item', t.name, t.version, t.passing_score, s.title, i.text,
  printf('%.17g', i.weight), i.critical, i.answer_kind
  FROM qa_template t JOIN qa_section s ON s.template_id = t.id
  JOIN qa_item i ON i.section_id = s.id ORDER BY 2, 3, s.position, i.position;
SELECT 'review', p.code, r.date, t.name, t.version, r.reviewer, r.status, r.notes
  FROM qa_review r JOIN partner p ON p.id = r.partner_id
  JOIN qa_template t ON t.id = r.template_id ORDER BY 2, 3, 4, 5, 6;
SELECT 'answer', p.code, r.date, t.name, t.version, r.reviewer, s.title, i.text,
  x.answer, x.note FROM qa_answer x JOIN qa_review r ON r.id = x.review_id
  JOIN partner p ON p.id = r.partner_id JOIN qa_template t ON t.id = r.template_id
  JOIN qa_item i ON i.id = x.item_id JOIN qa_section s ON s.id = i.section_id
  ORDER BY 2, 3, 4, 5, 6, s.position, i.position;"
}

"$BPOWATCH" --db "$a" init --sample >/dev/null 2>&1 || { echo "Bail out! init --sample"; exit 1; }

# 1. Every type from the sample, plain and for Excel.
for t in $TYPES; do
	A export --type "$t" -o "$T_TMP/a-$t.csv"; t_status 0 $? "export --type $t"
	A export --type "$t" --excel -o "$T_TMP/ax-$t.csv"; t_status 0 $? "export --type $t --excel"
done
t_contains "$out" "exported 278 rows (qa) to $T_TMP/ax-qa.csv" "-o says how many rows went where"
[ "$(wc -l <"$T_TMP/a-observations.csv")" -eq "$(($(sqlite3 "$a" 'SELECT count(*) FROM observation') + 1))" ]
t_ok $? "a CSV line per observation and the header"
[ "$(head -n 1 "$T_TMP/a-observations.csv")" = "partner,metric,period,segment,source,value" ]
t_ok $? "observations in long form, with the import's column names"
[ "$(sed -n 2p "$T_TMP/a-observations.csv")" = "ATL,absenteeism,2023-11,,partner,5.7" ]
t_ok $? "ordered by partner, metric, period; months as YYYY-MM"
[ "$(head -n 1 "$T_TMP/a-qa.csv")" = "review,partner,date,reviewer,status,template,version,section,item,weight,critical,kind,answer,partner_answer,item_note,score,failed,review_notes" ]
t_ok $? "qa: the columns of qa export"

# 2. Into an empty database. `init` starts a database with the default
#    checklist as "BPO quality audit" v1 (16 items), which is not the
#    sample's v1 (15 items): the importer refuses that (see 5), so the
#    checklist is removed to make the database really empty.
"$BPOWATCH" --db "$b" init >/dev/null 2>&1
sqlite3 "$b" "DELETE FROM qa_item; DELETE FROM qa_section; DELETE FROM qa_template"
for t in $TYPES; do
	Bd import "$T_TMP/a-$t.csv"; t_status 0 $? "import the $t export into the empty database"
done
t_contains "$out" "imported 278 rows from 1 file: 18 inserted, 0 updated, 0 unchanged" "18 audits inserted"
for t in $TYPES; do
	Bd export --type "$t" -o "$T_TMP/b-$t.csv"
	cmp -s "$T_TMP/a-$t.csv" "$T_TMP/b-$t.csv"; t_ok $? "$t: exported again, the same bytes"
	Bd export --type "$t" --excel -o "$T_TMP/bx-$t.csv"
	cmp -s "$T_TMP/ax-$t.csv" "$T_TMP/bx-$t.csv"; t_ok $? "$t --excel: exported again, the same bytes"
done
norm "$a" >"$T_TMP/a.norm"; norm "$b" >"$T_TMP/b.norm"
[ "$(grep -c '^answer|' "$T_TMP/a.norm")" -gt 200 ]; t_ok $? "the comparison sees the QA answers"
if diff "$T_TMP/a.norm" "$T_TMP/b.norm" >"$T_TMP/norm.diff"; then t_ok 0 "the same data in both databases (partners, values, events, actions, QA), ids aside"
else t_ok 1 "the same data in both databases (partners, values, events, actions, QA), ids aside"; t_diag "$(head -n 20 "$T_TMP/norm.diff")"; fi
for t in $TYPES; do
	Bd import "$T_TMP/a-$t.csv"; t_status 0 $? "the $t export imported again"
	t_contains "$out" " 0 inserted, 0 updated, " "$t again: nothing inserted or updated"
done
for t in $TYPES; do
	Bd import "$T_TMP/ax-$t.csv"; t_status 0 $? "the Excel $t export imports too"
	t_contains "$out" " 0 inserted, 0 updated, " "Excel $t: the same data (all unchanged)"
done

# 3. The Excel dialect: BOM, ;, decimal commas, CRLF.
head -c 3 "$T_TMP/ax-observations.csv" | od -An -tx1 | tr -d ' \n' >"$T_TMP/bom"
[ "$(cat "$T_TMP/bom")" = efbbbf ]; t_ok $? "--excel starts with the UTF-8 byte order mark"
[ "$(sed -n 2p "$T_TMP/ax-observations.csv")" = "ATL;absenteeism;2023-11;;partner;5,7$(printf '\r')" ]
t_ok $? "--excel: ; separated, decimal comma, CRLF"
! grep -q '[0-9]\.[0-9]' "$T_TMP/ax-observations.csv"; t_ok $? "--excel: no decimal point in any value"
[ "$(grep -c "$(printf '\r')\$" "$T_TMP/ax-observations.csv")" -eq "$(wc -l <"$T_TMP/ax-observations.csv")" ]
t_ok $? "--excel: every line ends in CRLF"
! grep -q "$(printf '\r')" "$T_TMP/a-observations.csv"; t_ok $? "plain CSV ends lines in LF"

# 4. Filters and JSON.
A export --partner SUN --from 2026-01 --to 2026-03; t_status 0 $? "export --partner --from --to"
want=$(sqlite3 "$a" "SELECT count(*) FROM observation o JOIN partner p ON p.id = o.partner_id WHERE p.code = 'SUN' AND period BETWEEN '2026-01-01' AND '2026-03-01'")
[ "$want" -gt 0 ] && [ "$(($(wc -l <"$out") - 1))" -eq "$want" ]; t_ok $? "observations of SUN, Jan-Mar 2026 ($want rows)"
[ "$(tail -n +2 "$out" | cut -d, -f1,3 | sort -u | tr '\n' ' ')" = "SUN,2026-01 SUN,2026-02 SUN,2026-03 " ]; t_ok $? "only that partner and those months"
A export --type events --from 2026-01 --to 2026-06
want=$(sqlite3 "$a" "SELECT count(*) FROM event WHERE date BETWEEN '2026-01-01' AND '2026-06-30'")
[ "$want" -gt 0 ] && [ "$(($(wc -l <"$out") - 1))" -eq "$want" ]; t_ok $? "events by date, --to month included ($want)"
A export --type qa --partner nlk
[ "$(tail -n +2 "$out" | cut -d, -f1 | sort -u | tr '\n' ' ')" = "1 2 3 " ] && [ "$(tail -n +2 "$out" | cut -d, -f2 | sort -u)" = NLK ]
t_ok $? "qa of one partner (code in any case): its 3 audits, numbered in the file"
A export --type actions --from 2026-10
want=$(sqlite3 "$a" "SELECT count(*) FROM action WHERE created >= '2026-10-01'")
[ "$want" -gt 0 ] && [ "$(($(wc -l <"$out") - 1))" -eq "$want" ]; t_ok $? "actions by created date ($want)"
for t in $TYPES; do
	A export --type "$t" --format json -o "$T_TMP/$t.json"
	py_ok "JSON of $t parses: an array of objects with the CSV's keys" '
import csv, json, sys
d = json.load(open(sys.argv[1]))
head = next(csv.reader(open(sys.argv[1].replace(".json", ".csv").replace("/'"$t"'", "/a-'"$t"'"))))
assert isinstance(d, list) and len(d) > 0, type(d)
assert all(list(o.keys()) == head for o in d), (list(d[0].keys()), head)
' "$T_TMP/$t.json"
done
py_ok "JSON numbers are numbers, flags booleans, absent values null" '
import json, sys
d = json.load(open(sys.argv[1]))
r = d[0]
assert isinstance(r["weight"], (int, float)) and isinstance(r["critical"], bool), r
assert any(x["answer"] is None for x in d), "an unanswered item is null"
' "$T_TMP/qa.json"
A export --type observations --format json --partner NLK --from 2024-01 --to 2024-01
py_ok "JSON values read back exactly" '
import json, sys
d = json.load(open(sys.argv[1]))
assert len(d) > 0 and all(type(o["value"]) in (int, float) for o in d), d[:1]
' "$out"

# 5. Errors.
A export --partner NOPE; t_status 1 $? "an unknown partner code"
t_contains "$err" "no partner with code NOPE" "the code is named"
A export --type nope; t_status 2 $? "an unknown type"
t_contains "$err" "export: --type 'nope' is not partners, observations, events, actions, qa or targets" "the type is named"
A export --format xml; t_status 2 $? "an unknown format"
A export --format json --excel; t_status 2 $? "--excel with json"
A export --from 2026-13; t_status 2 $? "a bad month"
t_contains "$err" "export: --from '2026-13' is not a month (YYYY-MM)" "the month is named"
A export --from 2026-05 --to 2026-04; t_status 2 $? "--from after --to"
"$BPOWATCH" --db "$T_TMP/c.db" init >/dev/null 2>&1
"$BPOWATCH" --db "$T_TMP/c.db" import "$T_TMP/a-partners.csv" >/dev/null 2>&1
"$BPOWATCH" --db "$T_TMP/c.db" import "$T_TMP/a-qa.csv" >"$out" 2>"$err"; t_status 1 $? "the sample's audits into a database with another v1"
t_contains "$err" "a-qa.csv:16:1: review 1 has 15 items, but BPO quality audit v1 in the database has 16" "the version clash is named with its row"
echo "old content" >"$T_TMP/keep.csv"
A export --partner NOPE -o "$T_TMP/keep.csv"; t_status 1 $? "a failed export to a file"
[ "$(cat "$T_TMP/keep.csv")" = "old content" ]; t_ok $? "the file is left as it was"
[ -z "$(find "$T_TMP" -maxdepth 1 -name 'keep.csv.*')" ]; t_ok $? "no temporary file left behind"
A export -o "$T_TMP/nodir/x.csv"; t_status 1 $? "export into a missing directory"
t_contains "$err" "$T_TMP/nodir/x.csv: No such file or directory" "the file and the reason are named"
[ ! -e "$T_TMP/nodir" ]; t_ok $? "nothing created"
A export --type partners -o "$T_TMP/keep.csv"; t_status 0 $? "a good export replaces the file"
[ "$(head -n 1 "$T_TMP/keep.csv")" = "code,name,site,country,services,contract_start,contract_end,annual_value,currency,owner,notes,archived" ]
t_ok $? "with the new content"

# 6. Hostile text: an escape sequence, a formula, quotes, a line break and
#    a bidi override in a partner's name; a formula and a negative number
#    (the calibration gap: CSAT, which this used, cannot be negative since
#    schema 11).
sqlite3 "$a" "UPDATE partner SET name = '=cmd|'' /C calc''!A0' || char(27) || '[31m\"q\"' || char(10) || 'x' || char(8238) || 'y', site = '-2+3', annual_value = 12.5 WHERE code = 'SUN';
INSERT INTO observation VALUES ((SELECT id FROM partner WHERE code = 'SUN'), 'qa_calibration_gap', '2026-01-01', '', 'partner', -0.1)"
A export --type partners --partner SUN -o "$T_TMP/h.csv"; t_status 0 $? "export of a hostile name"
! grep -q "$(printf '\033')" "$T_TMP/h.csv" && ! grep -q "$(printf '\342\200\256')" "$T_TMP/h.csv"
t_ok $? "no ESC byte and no raw bidi override in the file"
t_contains "$T_TMP/h.csv" "SUN,\"'=cmd|' /C calc'!A0\\x1b[31m\"\"q\"\"\\nx\\u202ey\",'-2+3," "neutralised, the formula defused, quoted, quotes doubled"
py_ok "python reads the name as one neutralised cell" '
import csv, sys
rows = list(csv.reader(open(sys.argv[1], newline="")))
assert len(rows) == 2 and len(rows[1]) == 12, rows
assert rows[1][1] == "'"'"'=cmd|'"'"' /C calc'"'"'!A0\\x1b[31m\"q\"\\nx\\u202ey", repr(rows[1][1])
' "$T_TMP/h.csv"
A export --partner SUN --from 2026-01 --to 2026-01 -o "$T_TMP/hv.csv"
t_contains "$T_TMP/hv.csv" "SUN,qa_calibration_gap,2026-01,,partner,-0.1" "a negative number is not taken for a formula"
"$BPOWATCH" --db "$T_TMP/h.db" init >/dev/null 2>&1
"$BPOWATCH" --db "$T_TMP/h.db" import "$T_TMP/h.csv" >"$out" 2>"$err"; t_status 0 $? "the hostile name imports"
"$BPOWATCH" --db "$T_TMP/h.db" import --create-partners "$T_TMP/hv.csv" >"$out" 2>"$err"; t_status 0 $? "the negative value imports"
[ "$(sqlite3 "$T_TMP/h.db" "SELECT name || '|' || site FROM partner WHERE code = 'SUN'")" = "=cmd|' /C calc'!A0\\x1b[31m\"q\"\\nx\\u202ey|-2+3" ]
t_ok $? "stored as the neutralised text, the apostrophe taken off"
[ "$(sqlite3 "$T_TMP/h.db" "SELECT value FROM observation WHERE metric = 'qa_calibration_gap' AND segment = '' AND source = 'partner'")" = "-0.1" ]; t_ok $? "the value stored as -0.1"
"$BPOWATCH" --db "$T_TMP/h.db" export --type partners -o "$T_TMP/h2.csv" >/dev/null 2>&1
cmp -s "$T_TMP/h.csv" "$T_TMP/h2.csv"; t_ok $? "and exported again, the same bytes"
A export --type partners --partner SUN --format json -o "$T_TMP/h.json"
py_ok "JSON: the name neutralised, no formula guard" '
import json, sys
d = json.load(open(sys.argv[1]))
assert d[0]["name"] == "=cmd|'"'"' /C calc'"'"'!A0\\x1b[31m\"q\"\\nx\\u202ey", repr(d[0]["name"])
assert d[0]["annual_value"] == 12.5, d[0]
' "$T_TMP/h.json"

"$BPOWATCH" export --help >"$out" 2>"$err"; t_status 0 $? "export --help"
t_contains "$out" "--excel          CSV for German Excel" "export --help explains --excel"
"$BPOWATCH" --help >"$out" 2>"$err"
t_contains "$out" "  export [--type TYPE] [--format csv|json] [--partner CODE]" "--help lists export"
# -o onto what is there: a file keeps its mode, a link stays a link, and
# what is not a regular file (a fifo, /dev/stdout, a device) is written as
# a stream, never replaced by a file.
o=$T_TMP/o
mkdir -p "$o"
echo old >"$o/f600"; chmod 600 "$o/f600"
"$BPOWATCH" --db "$a" export -o "$o/f600" >/dev/null 2>"$err"; t_status 0 $? "export over a 0600 file"
[ "$(stat -c %a "$o/f600")" = 600 ]; t_ok $? "the file keeps its mode 0600"
head -n 1 "$o/f600" | grep -q '^partner,'; t_ok $? "and holds the export"
ln -s f600 "$o/link"
"$BPOWATCH" --db "$a" export -o "$o/link" >/dev/null 2>"$err"; t_status 0 $? "export through a symbolic link"
[ -L "$o/link" ]; t_ok $? "the link stays a link (the file it names is replaced)"
mkfifo "$o/fifo"
cat "$o/fifo" >"$o/from-fifo" & reader=$!
"$BPOWATCH" --db "$a" export -o "$o/fifo" >/dev/null 2>"$err"; t_status 0 $? "export into a fifo"
wait $reader
[ -p "$o/fifo" ]; t_ok $? "the fifo is still a fifo"
"$BPOWATCH" --db "$a" export >"$o/plain"
cmp -s "$o/plain" "$o/from-fifo"; t_ok $? "its reader got the whole export"
"$BPOWATCH" --db "$a" export -o /dev/stdout 2>"$err" | head -n 1 >"$o/first"
grep -q '^partner,' "$o/first"; t_ok $? "-o /dev/stdout on a pipe writes to the pipe"
# An export that cannot be written whole (a full disk: a 64 KiB tmpfs in
# a private mount namespace, as root) fails naming the file and leaves
# what was there, with no temporary file beside it.
if [ "$(id -u)" = 0 ] && command -v unshare >/dev/null &&
	unshare -m true 2>/dev/null; then
	mkdir -p "$o/full"
	unshare -m sh -c 'mount -t tmpfs -o size=64k tmpfs "$1" && echo old >"$1/keep.csv" &&
		"$2" --db "$3" export -o "$1/keep.csv"; echo $? >"$4/full.rc"
		cat "$1/keep.csv" >"$4/full.kept"; ls "$1" >"$4/full.ls"' \
		sh "$o/full" "$BPOWATCH" "$a" "$o" >/dev/null 2>"$err"
	[ "$(cat "$o/full.rc")" = 1 ]; t_ok $? "an export that does not fit on the disk fails"
	t_contains "$err" "cannot write $o/full/keep.csv: No space left on device" "naming the file and why"
	[ "$(cat "$o/full.kept")" = old ]; t_ok $? "the file there keeps what it held"
	[ "$(cat "$o/full.ls")" = keep.csv ]; t_ok $? "and no temporary file is left beside it"
	rm -f "$o/full.rc" "$o/full.kept" "$o/full.ls"
else
	for i in 1 2 3 4; do t_ok 0 "export onto a full disk # SKIP needs root and unshare -m"; done
fi
[ -z "$(ls "$o" | grep '\.......$')" ]; t_ok $? "no temporary file is left beside any of them"
if [ "$(id -u)" = 0 ] && mknod "$o/null" c 1 3 2>/dev/null; then
	"$BPOWATCH" --db "$a" export -o "$o/null" >/dev/null 2>"$err"; t_status 0 $? "export -o a device (as root)"
	[ -c "$o/null" ]; t_ok $? "the device is still a device, not a file"
fi
(cd "$o" && "$BPOWATCH" --db "$a" export -o - >"$o/dash.out" 2>"$err"); t_status 0 $? "export -o -"
[ ! -e "$o/-" ] && cmp -s "$o/plain" "$o/dash.out"; t_ok $? "-o - is standard output, not a file named -"
[ -c /dev/null ]; t_ok $? "/dev/null is a character device still"
t_done
