#!/bin/sh
# test_report_csv.sh: the QBR pack on the sample data for a quarter that
# has not ended (today is 2026-12-04).
. "$SRCDIR/tests/lib.sh"
cd "$T_TMP" || exit 1
out=$T_TMP/out err=$T_TMP/err
cp "$BUILDDIR/sample-db/sample.db" "$T_TMP/sample.db"
chmod 600 "$T_TMP/sample.db"
DB=$T_TMP/sample.db
CR=$(printf '\r')

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

t_done
