#!/bin/sh
# test_qa.sh: `bpowatch qa` on the sample data and on a new database:
# listing and showing reviews, templates as files (round trip, errors with
# file and line, versions), audit intervals, and hostile text neutralised.
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
B qa show 999; t_status 1 $? "qa show of a missing review"
t_contains "$err" "no QA review with id 999" "missing review named"
B qa show x; t_status 2 $? "qa show with a bad id"

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
t_done
