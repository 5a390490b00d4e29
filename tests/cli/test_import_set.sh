#!/bin/sh
# test_import_set.sh: an import of figures is written all at once after
# its check (the rows checked before the write lock, the values they
# replace read then too), and stores exactly what the row by row write
# stores: the same figures, partners, segments, metrics, counts and audit
# trail, over a run of imports with new, changed and unchanged figures,
# new partners, segments and a declared metric, wide files and two files
# at once. A write by someone else between the check and the lock is
# taken into account (the import then writes row by row): nothing it
# counts or audits is stale.
. "$SRCDIR/tests/lib.sh"
if ! command -v sqlite3 >/dev/null; then
	echo "1..0 # SKIP sqlite3 command-line tool not installed"; exit 0
fi
cd "$T_TMP" || exit 1
S=$BUILDDIR/sample-db/sample.db

printf '%s\n' 'metrics = { ces = { name = "Customer effort score"; label = "CES"; better = "lower";' \
	'                    min = 1.0; max = 7.0; }; };' >ces.conf
# 1. New, changed (SUN csat 2026-10 is 89.1 in the sample) and unchanged.
printf 'partner,metric,period,segment,source,value\nSUN,csat,2026-10,,partner,72.5\nSUN,csat,2026-10,,partner,72.5\n' >dup.csv
printf 'partner,metric,period,segment,source,value\nSUN,csat,2026-10,,partner,72.5\nSUN,csat,2026-12,,partner,70\nATL,fcr,2026-12,channel=chat,client,66\nATL,fcr,2026-12,channel=phone,partner,64\nDPS,attrition,2026-12,,partner,4.25\nDPS,csat,2026-10,,partner,-0\n' >f1.csv
# 2. Wide, with new partners (--create-partners), a new segment, and rows
#    of f1 again (unchanged) and changed.
printf 'partner,period,segment,source,csat,fcr\nNEW2,2026-12,,partner,80,70\nSUN,2026-12,,partner,70,61\nNEW1,2026-12,channel=email,client,75,\nATL,2026-12,channel=chat,client,,67\nNEW2,2026-11,channel=email,client,79,69\n' >f2.csv
# 3. Two files in one run: the second uses a partner the first creates;
#    a declared metric arrives with its figures.
printf 'partner,metric,period,value\nNEW3,csat,2026-12,60\nNEW3,ces,2026-12,2\nSUN,ces,2026-12,3\n' >f3a.csv
printf 'partner,metric,period,value\nNEW3,csat,2026-11,61\nNEW1,csat,2026-12,76\nSUN,csat,2026-12,70.5\n' >f3b.csv

run_all() {	# DB OUT [env...]
	db=$1 out=$2
	shift 2
	: >"$out"
	env "$@" "$BPOWATCH" --db "$db" import f1.csv >>"$out" 2>&1; echo "exit $?" >>"$out"
	env "$@" "$BPOWATCH" --db "$db" import --create-partners f2.csv >>"$out" 2>&1; echo "exit $?" >>"$out"
	env "$@" "$BPOWATCH" --db "$db" --config ces.conf import --create-partners f3a.csv f3b.csv \
		>>"$out" 2>&1; echo "exit $?" >>"$out"
	env "$@" "$BPOWATCH" --db "$db" import f1.csv f3a.csv >>"$out" 2>&1; echo "exit $?" >>"$out"
	env "$@" "$BPOWATCH" --db "$db" import dup.csv >>"$out" 2>&1; echo "exit $?" >>"$out"
}
# What a user could tell apart: every table the imports write, the trail
# without its clock.
state() {	# DB
	sqlite3 "$1" "SELECT p.code, o.metric, o.period, o.segment, o.source, o.value
		FROM observation o JOIN partner p ON p.id = o.partner_id ORDER BY 1, 2, 3, 4, 5;
		SELECT id, code, name FROM partner ORDER BY id;
		SELECT id, name FROM segment ORDER BY id;
		SELECT id, key, min_value, max_value FROM metric ORDER BY id;
		SELECT id, user, action, partner, object, old, new FROM audit ORDER BY id;
		SELECT * FROM audit_value ORDER BY audit_id, partner, seq;
		SELECT n FROM data_clock;"
}

cp "$S" set.db; cp "$S" row.db
chmod 600 set.db row.db
run_all set.db set.out
run_all row.db row.out BPOWATCH_TEST_IMPORT_ROWWISE=1
grep -q "^exit 0" set.out && [ "$(grep -c '^exit 0' set.out)" = 4 ]
t_ok $? "four of the five imports succeed"
t_contains set.out "already given on line 2" "the fifth, a key given twice, is refused"
t_contains set.out "imported 6 rows from 1 file: 4 inserted, 2 updated, 0 unchanged" \
	"new and changed figures counted"
t_contains set.out "imported 5 rows from 1 file: 6 inserted, 1 updated, 1 unchanged, 2 partners created" \
	"a wide file: each cell counted, the new partners counted"
t_contains set.out "imported 6 rows from 2 files: 5 inserted, 1 updated, 0 unchanged, 1 partner created, 1 metric of the configuration added" \
	"two files at once, one of them using a partner the other creates"
t_contains set.out "imported 9 rows from 2 files: 0 inserted, 2 updated, 7 unchanged" \
	"f1 again: its two figures changed since put back, the rest unchanged"
cmp -s set.out row.out; t_ok $? "what the imports say is the same written either way"
[ -n "$(cat set.out)" ] || echo "# set.out is empty"
diff row.out set.out | sed 's/^/# /'
state set.db >set.state; state row.db >row.state
cmp -s set.state row.state; t_ok $? "and so is every row they stored, trail included"
diff row.state set.state | head -20 | sed 's/^/# /'
[ "$(sqlite3 set.db "SELECT count(*) FROM audit_value")" = 6 ]
t_ok $? "each changed figure is in the trail, once ($(sqlite3 set.db "SELECT count(*) FROM audit_value"))"
[ "$(sqlite3 set.db "SELECT group_concat(metric || ' ' || period || ' ' || segment || ' ' || old || '>' || new, '; ')
	FROM (SELECT * FROM audit_value WHERE partner = 'SUN' ORDER BY audit_id, seq)")" = \
	"csat 2026-10  89.1>72.5; csat 2026-12  70>70.5; csat 2026-12  70.5>70" ]
t_ok $? "with its month, segment, old and new value, in the order imported"
[ "$(sqlite3 set.db "SELECT new FROM audit_value WHERE partner = 'DPS' AND metric = 'csat'")" = 0 ]
t_ok $? "a figure of -0 is in the trail as the 0 stored"
[ "$(sqlite3 set.db "SELECT count(*) FROM obs o JOIN partner p ON p.id = o.partner_id WHERE p.code = 'NEW3'")" = 3 ]
t_ok $? "the partner created by one file holds the figures of both"
[ "$(sqlite3 set.db "PRAGMA foreign_key_check")" = "" ]; t_ok $? "every figure's partner, metric and segment exists"
[ "$(sqlite3 set.db "SELECT count(*) FROM sqlite_master WHERE name LIKE 'import%'")" = 0 ]; t_ok $? "nothing staged is left in the file"

# 3b. A code --create-partners cannot add is a mistake of its row, found by
#     the check: named by file, line and column either way, nothing stored.
printf 'partner,metric,period,value\nSUN,csat,2026-11,80\nBAD CODE,csat,2026-11,70\nTOOLONGCODE_1234567890,fcr,2026-11,1\nSun,csat,2026-11,70\nnew9,csat,2026-11,1\nNEW9,csat,2026-11,2\n' >badp.csv
for way in set row; do
	before=$(sqlite3 $way.db .dump | cksum)
	if [ $way = row ]; then
		BPOWATCH_TEST_IMPORT_ROWWISE=1 "$BPOWATCH" --db $way.db import --create-partners badp.csv >badp.out 2>badp.err
	else
		"$BPOWATCH" --db $way.db import --create-partners badp.csv >badp.out 2>badp.err
	fi
	t_status 1 $? "partner codes that cannot be added are refused ($way)"
	t_contains badp.err "badp.csv:3:1: partner code may hold only letters, digits, '_' and '-'" \
		"the code with a space, at its line and column ($way)"
	t_contains badp.err "badp.csv:4:1: partner code must be 1 to 16 characters" "the code too long ($way)"
	t_contains badp.err "badp.csv:5:1: a partner with code Sun already exists" \
		"a code that is a partner's but for case ($way)"
	t_contains badp.err "badp.csv:7:1: a partner with code NEW9 already exists" \
		"two new codes equal but for case ($way)"
	[ "$(sqlite3 $way.db .dump | cksum)" = "$before" ]; t_ok $? "nothing stored ($way)"
done

# 4. Someone else writes while the import waits for the lock: the same
#    figure set to the value the import brings, and the partner the import
#    would create. The import's counts and trail are those of the data as
#    it found it under the lock (one unchanged figure, no partner created,
#    no trail row for the figure), whether it read before or after.
cp "$S" race.db; chmod 600 race.db
"$BPOWATCH" --db race.db check >/dev/null 2>&1	# in WAL mode from now on
printf 'partner,metric,period,value\nSUN,csat,2026-10,72.5\nRACE,csat,2026-12,70\nATL,csat,2026-12,71\n' >race.csv
{ echo "BEGIN IMMEDIATE;"; sleep 2
  echo "UPDATE observation SET value = 72.5 WHERE partner_id = (SELECT id FROM partner WHERE code = 'SUN') AND metric = 'csat' AND period = '2026-10-01' AND segment = '' AND source = 'partner';"
  echo "INSERT INTO partner(code, name) VALUES ('RACE', 'Race Ltd');"
  echo "COMMIT;"; } | sqlite3 race.db &
w=$!
t_sleep 0.5
"$BPOWATCH" --db race.db import --create-partners race.csv >race.out 2>race.err
t_status 0 $? "an import waiting for another manager's write succeeds"
wait $w
t_contains race.out "imported 3 rows from 1 file: 2 inserted, 0 updated, 1 unchanged" \
	"the figure the other set meanwhile counts as unchanged, no partner as created"
[ "$(sqlite3 race.db "SELECT count(*) FROM audit_value WHERE partner = 'SUN'")" = 0 ]
t_ok $? "and is not in the trail as a change the import made"
[ "$(sqlite3 race.db "SELECT name FROM partner WHERE code = 'RACE'")" = "Race Ltd" ]
t_ok $? "the partner the other added keeps its name"
[ "$(sqlite3 race.db "SELECT count(*) FROM observation o JOIN partner p ON p.id = o.partner_id WHERE p.code = 'RACE'")" = 1 ]
t_ok $? "and holds the imported figure"

# 4b. A small temporary directory (the set-based write needs more of it
#     than the row by row one): 200,000 corrections still import, each in
#     the trail, in a private mount namespace with a 16 MB $TMPDIR (as
#     row by row they did; the first way's failure was rolled back whole).
if [ "$(id -u)" = 0 ] && command -v unshare >/dev/null && unshare -m true 2>/dev/null; then
	"$BUILDDIR/tests/bench/mkbench" --partners 50 --months 0 --csv t1.csv \
		--csv-rows 200000 tiny.db >/dev/null || { echo "Bail out! mkbench"; exit 1; }
	"$BPOWATCH" --db tiny.db import t1.csv >/dev/null 2>&1
	awk -F, 'BEGIN { OFS = "," } NR == 1 { print; next } { $6 = $6 + 1; print }' t1.csv >t2.csv
	mkdir -p tinytmp
	unshare -m sh -c 'mount -t tmpfs -o size=16m tmpfs "$1" && TMPDIR=$1 "$2" --db tiny.db import t2.csv' \
		sh "$T_TMP/tinytmp" "$BPOWATCH" >tiny.out 2>tiny.err
	t_status 0 $? "200,000 corrections with a 16 MB temporary directory"
	t_contains tiny.out "imported 200000 rows from 1 file: 0 inserted, 200000 updated, 0 unchanged" \
		"every figure counted once ($(cat tiny.err))"
	[ "$(sqlite3 tiny.db "SELECT count(*), count(DISTINCT audit_id) FROM audit_value")" = "200000|1" ]
	t_ok $? "each in the trail once, under one import"
	[ "$(sqlite3 tiny.db "SELECT count(*) FROM audit WHERE action = 'import'")" = 2 ]
	t_ok $? "the failed first way left no import row behind"
else
	for i in 1 2 3 4; do t_ok 0 "small temporary directory # SKIP needs root and unshare -m"; done
fi

# 4c. A write meanwhile sends the import row by row, and then the file-size
#     limit stops it at the commit: said as that, once (the set-based way
#     is not tried again: it did not run, and a commit would fail again).
"$BUILDDIR/tests/bench/mkbench" --partners 50 --months 0 --csv u1.csv \
	--csv-rows 200000 ul.db >/dev/null || { echo "Bail out! mkbench"; exit 1; }
"$BPOWATCH" --db ul.db check >/dev/null 2>&1	# in WAL mode from now on
{ echo "BEGIN IMMEDIATE;"; sleep 2; echo "UPDATE partner SET name = 'Other' WHERE code = 'P00002';"
  echo "COMMIT;"; } | sqlite3 ul.db &
w=$!
t_sleep 0.3
(ulimit -f 2000; exec "$BPOWATCH" --db ul.db import u1.csv) >ul.out 2>ul.err
t_status 1 $? "an import past the file-size limit after a write meanwhile fails"
wait $w
t_contains ul.err "file-size limit" "saying why"
t_not_contains ul.err "already given" "not as every row given twice (a second try on the first one's leftovers)"
[ "$(sqlite3 ul.db "SELECT count(*) FROM obs")" = 0 ]; t_ok $? "nothing stored"

# 5. Progress on a terminal: the check is the first half, the values read
#    before the lock the third quarter, the write the last; never backwards.
if command -v script >/dev/null; then
	"$BUILDDIR/tests/bench/mkbench" --partners 50 --months 0 --csv big.csv \
		--csv-rows 200000 big.db >/dev/null || { echo "Bail out! mkbench"; exit 1; }
	BPW=$BPOWATCH script -qc '"$BPW" --db big.db import big.csv' /dev/null >prog.out 2>&1
	tr '\r' '\n' <prog.out | sed -n 's/.*importing big.csv: *\([0-9]*\)%.*/\1/p' >prog.pct
	[ "$(sort -n prog.pct | tr '\n' ' ')" = "$(tr '\n' ' ' <prog.pct)" ] && [ "$(tail -n 1 prog.pct)" = 100 ]
	t_ok $? "the percentage only grows, to 100 ($(tr '\n' ' ' <prog.pct))"
	[ "$(awk '$1 > 50 && $1 < 100' prog.pct | wc -l)" -ge 2 ]
	t_ok $? "and moves while the values are read and written"
	t_contains prog.out "imported 200000 rows from 1 file: 200000 inserted" "the import is whole"
else
	t_ok 0 "progress # SKIP script(1) not installed"
	t_ok 0 "progress moves # SKIP script(1) not installed"
	t_ok 0 "import whole # SKIP script(1) not installed"
fi

t_done
