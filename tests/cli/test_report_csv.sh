#!/bin/sh
# test_report_csv.sh: the QBR pack's CSV on the sample data: --excel (the
# dialect German Excel opens: ';', decimal comma, BOM, CRLF), every cell
# one line, the explanations in a CSV of their own (--explanations FILE)
# that covers every rule that is not OK, the options that do not go
# together, and a quarter that has not ended (today is 2026-12-04).
. "$SRCDIR/tests/lib.sh"
cd "$T_TMP" || exit 1
out=$T_TMP/out err=$T_TMP/err
cp "$BUILDDIR/sample-db/sample.db" "$T_TMP/sample.db"
chmod 600 "$T_TMP/sample.db"
DB=$T_TMP/sample.db
CR=$(printf '\r')

# report ARGS...: the Q3 2026 pack as for a meeting on 2026-11-01.
report() { "$BPOWATCH" --db "$DB" report --quarter 2026Q3 --date 2026-11-01 "$@"; }

# ---- --excel: the same table in German Excel's dialect
report --format csv >"$T_TMP/plain.csv" 2>"$err"; t_status 0 $? "--format csv"
report --format csv --excel >"$T_TMP/excel.csv" 2>"$err"; t_status 0 $? "--format csv --excel"
[ ! -s "$err" ]; t_ok $? "--excel: nothing on stderr"
[ "$(head -c 3 "$T_TMP/excel.csv" | od -An -tx1 | tr -d ' \n')" = efbbbf ]
t_ok $? "--excel starts with the UTF-8 byte order mark"
[ "$(head -n 1 "$T_TMP/excel.csv" | cut -c4-)" = "quarter;partner;partner_name;section;item;status;previous_status;value;previous_quarter;same_quarter_last_year;unit;date;who;detail$CR" ]
t_ok $? "--excel: the header is ; separated and ends in CRLF"
[ "$(grep -c "$CR\$" "$T_TMP/excel.csv")" -eq "$(wc -l <"$T_TMP/excel.csv")" ]
t_ok $? "--excel: every line ends in CRLF"
# ATL's CSAT of the quarter, as the plain CSV has it, with a decimal comma.
csat=$(grep '^2026 Q3,ATL,.*,metric,Customer satisfaction,' "$T_TMP/plain.csv" | cut -d, -f9)
case $csat in *.*) t_ok 0 "the plain CSV has ATL's CSAT with a decimal point ($csat)" ;;
*) t_ok 1 "the plain CSV has ATL's CSAT with a decimal point ($csat)" ;; esac
grep -q "^2026 Q3;ATL;Atlas Contact Lisboa, Lda\\.;metric;Customer satisfaction;;;$(echo "$csat" | tr . ,);" "$T_TMP/excel.csv"
t_ok $? "--excel: ATL's CSAT with a decimal comma, the name with its comma unquoted"
py_ok "--excel: no decimal point in any number cell; the same table as the plain CSV" '
import csv, sys
ex = list(csv.reader(open(sys.argv[1], newline="", encoding="utf-8-sig"), delimiter=";"))
pl = list(csv.reader(open(sys.argv[1].replace("excel", "plain"), newline="", encoding="utf-8")))
assert len(ex) == len(pl) > 100, (len(ex), len(pl))
num = [ex[0].index(c) for c in ("value", "previous_quarter", "same_quarter_last_year")]
commas = 0
assert ex[0] == pl[0], (ex[0], pl[0])
for e, p in zip(ex[1:], pl[1:]):
    assert len(e) == len(p), (e, p)
    for i in num:
        assert "." not in e[i], e
        assert e[i] == p[i].replace(".", ","), (e[i], p[i])
        commas += "," in e[i]
assert commas > 50, commas
' "$T_TMP/excel.csv"

# ---- every cell one line, even for a note with line breaks
cp "$DB" "$T_TMP/nl.db"
sqlite3 "$T_TMP/nl.db" "UPDATE event SET detail = 'first line' || char(10) || 'second line'
	 WHERE partner_id = (SELECT id FROM partner WHERE code = 'SUN') AND date = '2026-09-10'"
"$BPOWATCH" --db "$T_TMP/nl.db" report --quarter 2026Q3 --date 2026-11-01 --format csv \
	>"$T_TMP/nl.csv" 2>"$err"; t_status 0 $? "a note with a line break: written"
for f in plain nl; do
	py_ok "$f: no cell of the report CSV holds a line break" '
import csv, sys
rows = list(csv.reader(open(sys.argv[1], newline="", encoding="utf-8")))
assert len(rows) > 100, len(rows)
bad = [c for r in rows for c in r if "\n" in c or "\r" in c]
assert not bad, bad[:3]
' "$T_TMP/$f.csv"
done
t_contains "$T_TMP/nl.csv" 'first line\nsecond line' "the line break is shown as a backslash and n"
[ "$(wc -l <"$T_TMP/nl.csv")" -eq "$(wc -l <"$T_TMP/plain.csv")" ]
t_ok $? "a line per row: the note adds no line"

# ---- --explanations FILE: a row per line of each explanation
report --format csv --explanations "$T_TMP/why.csv" -o "$T_TMP/r.csv" >"$out" 2>"$err"
t_status 0 $? "--explanations FILE"
[ ! -s "$out" ] && [ ! -s "$err" ]; t_ok $? "--explanations with -o: nothing on stdout or stderr"
cmp -s "$T_TMP/r.csv" "$T_TMP/plain.csv"; t_ok $? "the report CSV is the same with --explanations"
[ "$(head -n 1 "$T_TMP/why.csv")" = "quarter,partner,partner_name,indicator,rule,status,line,text" ]
t_ok $? "the explanations' columns: partner, indicator, rule, status, line number, text"
# Every rule that is not OK, as check judges at the quarter's end.
"$BPOWATCH" --db "$DB" --today 2026-09-30 check --as-of 2026-09 --format json >"$T_TMP/c.json"
py_ok "the explanations cover every rule that is not OK of every partner, a line a cell" '
import csv, json, sys
rows = list(csv.reader(open(sys.argv[1], newline="", encoding="utf-8")))
head, rows = rows[0], rows[1:]
assert all(len(r) == len(head) for r in rows), "ragged rows"
assert not [c for r in rows for c in r if "\n" in c or "\r" in c], "a cell with a line break"
check = json.load(open(sys.argv[1].replace("why.csv", "c.json")))
want = {(p["code"], r["rule"]): r["status"] for p in check["partners"]
        for i in p["indicators"] for r in i["rules"] if r["status"] not in ("ok", "n/a")}
assert len(want) > 10, want
got, lines = {}, {}
for q, code, name, ind, rule, status, line, text in rows:
    assert q == "2026 Q3" and text.strip(), (q, text)
    if rule == "health":
        continue
    got[(code, rule)] = status
    lines.setdefault((code, rule), []).append(int(line))
assert got == want, (set(want) ^ set(got))
for k, v in lines.items():
    assert v == list(range(1, len(v) + 1)), (k, v)
assert max(len(v) for v in lines.values()) > 5, "explanations of one line only"
health = {r[1] for r in rows if r[4] == "health"}
assert health == {p["code"] for p in check["partners"]}, health
' "$T_TMP/why.csv"
grep -q '^2026 Q3,SUN,Sunrise Customer Care Inc\.,overall,health,alert,[0-9]*,health = 6000 / 100 = 60$' "$T_TMP/why.csv"
t_ok $? "SUN's health score: its sum on a line of its own"
report --format csv --partner SUN --excel --explanations "$T_TMP/why-x.csv" >/dev/null 2>"$err"
t_status 0 $? "--explanations with --excel and --partner"
[ "$(head -c 3 "$T_TMP/why-x.csv" | od -An -tx1 | tr -d ' \n')" = efbbbf ] &&
	[ "$(grep -c "$CR\$" "$T_TMP/why-x.csv")" -eq "$(wc -l <"$T_TMP/why-x.csv")" ] &&
	head -n 1 "$T_TMP/why-x.csv" | grep -q "quarter;partner;partner_name;indicator;rule;status;line;text"
t_ok $? "--excel: the explanations too have the BOM, ; and CRLF"
[ "$(tail -n +2 "$T_TMP/why-x.csv" | cut -d';' -f2 | sort -u)" = SUN ]
t_ok $? "--partner: the explanations of that partner only"

# ---- options that do not go together: exit 2, a message, no file
# refused WHAT MESSAGE ARGS...: exit 2, MESSAGE on stderr, nothing written.
refused() {
	what=$1 msg=$2
	shift 2
	rm -f "$T_TMP/o.x" "$T_TMP/e.x"
	report "$@" >"$out" 2>"$err"; t_status 2 $? "$what: exit 2"
	t_contains "$err" "$msg" "$what: says why"
	[ ! -s "$out" ] && [ ! -e "$T_TMP/o.x" ] && [ ! -e "$T_TMP/e.x" ]
	t_ok $? "$what: no output, no file"
}
refused "--excel with md" "report: --excel writes CSV; it does not go with --format md" --excel -o "$T_TMP/o.x"
refused "--excel with html" "report: --excel writes CSV; it does not go with --format html" \
	--format html --excel -o "$T_TMP/o.x"
refused "--appendix with csv" "report: --appendix is for md and html; with --format csv, --explanations FILE" \
	--format csv --appendix -o "$T_TMP/o.x"
refused "--explanations with md" "report: --explanations FILE goes with --format csv" \
	--explanations "$T_TMP/e.x" -o "$T_TMP/o.x"
refused "--explanations with html" "report: --explanations FILE goes with --format csv" \
	--format html --explanations "$T_TMP/e.x"
refused "--explanations into -o's file" "report: --explanations needs a file of its own" \
	--format csv --explanations "$T_TMP/o.x" -o "$T_TMP/o.x"
refused "--explanations -" "report: --explanations needs a file of its own, not '-'" \
	--format csv --explanations -

# ---- a quarter that has not ended (tests/lib.sh: today is 2026-12-04)
for q in 2027Q1 2026Q4; do
	for f in md csv; do
		rm -f "$T_TMP/o.x"
		"$BPOWATCH" --db "$DB" report --quarter $q --format $f -o "$T_TMP/o.x" >"$out" 2>"$err"
		t_status 2 $? "$q ($f) before it has ended: exit 2"
		t_contains "$err" "report: $q has not ended (today is 2026-12-04); give --date YYYY-MM-DD to write a partial pack" \
			"$q ($f): says so and how to write a partial pack"
		[ ! -e "$T_TMP/o.x" ]; t_ok $? "$q ($f): no file"
	done
done
"$BPOWATCH" --db "$DB" --today 2026-10-01 report --quarter 2026Q3 >"$out" 2>"$err"
t_status 0 $? "a quarter the day after its end (--today 2026-10-01)"
"$BPOWATCH" --db "$DB" --today 2026-09-30 report --quarter 2026Q3 >"$out" 2>"$err"
t_status 2 $? "on its last day the quarter has not ended (--today 2026-09-30)"
"$BPOWATCH" --db "$DB" report --quarter 2026Q4 --date 2026-12-04 >"$out" 2>"$err"
t_status 0 $? "2026Q4 with --date 2026-12-04: the partial pack"
t_contains "$out" "October to December 2026. Statuses at 2026-12-04; actions as of 2026-12-04." \
	"the partial pack says the day of its statuses"
"$BPOWATCH" --db "$DB" report --quarter 2026Q4 --date 2026-12-04 --format csv --excel \
	--explanations "$T_TMP/q4-why.csv" >"$out" 2>"$err"
t_status 0 $? "2026Q4 with --date: CSV, --excel and --explanations"
[ -s "$T_TMP/q4-why.csv" ]; t_ok $? "2026Q4 with --date: the explanations written"
"$BPOWATCH" --db "$DB" report --quarter 2027Q1 --date 2026-12-04 -o "$T_TMP/o.x" >"$out" 2>"$err"
t_status 2 $? "2027Q1 with a --date before it begins: exit 2"
t_contains "$err" "report: 2027Q1 begins on 2027-01-01, after 2026-12-04: there is nothing to report yet" \
	"says the quarter has not begun"
[ ! -e "$T_TMP/o.x" ]; t_ok $? "2027Q1 before it begins: no file"
"$BPOWATCH" --db "$DB" report --quarter 2027Q1 --date 2027-02-15 >"$out" 2>"$err"
t_status 0 $? "2027Q1 with --date 2027-02-15: accepted, the day named"
rm -f "$T_TMP/o.x"
"$BPOWATCH" --db "$DB" report --quarter 2026Q4 --freeze >"$out" 2>"$err"
t_status 2 $? "--freeze of the running quarter without --date: exit 2"
t_contains "$err" "report: 2026Q4 has not ended (today is 2026-12-04)" "--freeze: says so"

# ---- two files: both replaced, or neither
echo "old pack" >"$T_TMP/p.csv"; echo "old explanations" >"$T_TMP/e.csv"
"$BPOWATCH" --db "$DB" report --quarter 2026Q3 --format csv -o "$T_TMP/p.csv" \
	--explanations "$T_TMP/nodir/e.csv" 2>"$err"
t_status 1 $? "explanations that cannot be written: exit 1"
t_contains "$err" "cannot create a file beside $T_TMP/nodir/e.csv" "and it says which file"
[ "$(cat "$T_TMP/p.csv")" = "old pack" ]; t_ok $? "and the pack's file is left as it was"
"$BPOWATCH" --db "$DB" report --quarter 2026Q3 --format csv -o "$T_TMP/nodir/p.csv" \
	--explanations "$T_TMP/e.csv" 2>"$err"
t_status 1 $? "a pack that cannot be written: exit 1"
[ "$(cat "$T_TMP/e.csv")" = "old explanations" ]; t_ok $? "and the explanations file is left as it was"
[ -z "$(ls "$T_TMP" | grep '^e\.csv\.')" ]; t_ok $? "and no temporary file is left beside it"
"$BPOWATCH" --db "$DB" report --quarter 2026Q3 --format csv -o "$T_TMP/p.csv" \
	--explanations "$T_TMP/e.csv" 2>"$err"
t_status 0 $? "both writable: exit 0"
head -c 9 "$T_TMP/p.csv" | grep -q '^quarter,' && head -c 9 "$T_TMP/e.csv" | grep -q '^quarter,'
t_ok $? "and both files replaced"

t_done
