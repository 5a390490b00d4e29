#!/bin/sh
# test_readonly.sh: --read-only and the read_only setting: the dashboard
# says READ-ONLY, every editing key of every screen says why instead of
# acting, the command line refuses to write, and afterwards no file in the
# database's directory has changed (checksums, and no file added).
. "$SRCDIR/tests/lib.sh"
t_tui_setup
dir=$T_TMP/team; mkdir -p "$dir"
db=$dir/bpowatch.db
"$BPOWATCH" --db "$db" init --sample >/dev/null 2>&1 || { echo "Bail out! init"; exit 1; }
sums() { (cd "$dir" && ls -A && sha256sum -- *); }
sums >"$T_TMP/before"
see() { t_wait_for "$1" "${3:-5}"; t_ok $? "$2"; }
MSG="read-only: on purpose"

# refused LABEL KEY...: a harmless key clears the message line, then KEY
# must bring the read-only message (and nothing else happens).
refused() {
	local label=$1 k
	shift
	for k in "$@"; do
		t_keys Home; t_wait_stable
		t_screen | grep -qF "$MSG" && { t_ok 1 "$label: the message line was not cleared"; continue; }
		t_keys "$k"
		t_wait_for "$MSG" 3; t_ok $? "$label: '$k' says read-only instead of acting"
	done
}

run 100 30 TERM=xterm-256color LANG=C.UTF-8 "$BPOWATCH" --read-only --db "$db"
see "8 partners" "the dashboard opens read-only" 10
see "READ-ONLY /" "the status bar says READ-ONLY before the database"
t_keys / A T L Enter; t_wait_for "1 partner " 5
t_keys a; see "(ATL) > QA audits" "the audit list opens"
refused "audit list" n d
t_keys Home Enter; see "answered 6 of 16" "the draft audit #18 opens (looking is allowed)"
refused "audit" p f n 0 1 2 3 4 5 x e N F Enter
t_screen >"$T_TMP/scr"; t_contains "$T_TMP/scr" "answered 6 of 16" "no answer was given"
t_keys t; see "QA templates >" "the template editor opens"
refused "template editor" a A e w c s d K J P R Enter
t_keys q; t_wait_stable; t_keys q; t_wait_stable; t_keys t; see "bpowatch > QA templates" "the templates list opens"
t_screen >"$T_TMP/scr"; t_not_contains "$T_TMP/scr" " v3 " "no new checklist version was made"
t_keys Q; t_wait_dead 5; t_status 0 "$(t_dead_status)" "Q quits"
t_tmux_stop

# The command line refuses every write, with the reason.
printf 'partner,metric,period,value\nATL,csat,2026-09,70\n' >"$T_TMP/in.csv"
"$BPOWATCH" --read-only --db "$db" import "$T_TMP/in.csv" >"$T_TMP/out" 2>"$T_TMP/err"
t_status 1 $? "import --read-only fails"
t_contains "$T_TMP/err" "cannot write: the database is opened read-only ($db): on purpose" "and says why"
"$BPOWATCH" --read-only --db "$db" qa interval ATL 100 >"$T_TMP/out" 2>"$T_TMP/err"
t_status 1 $? "qa interval --read-only fails"
"$BPOWATCH" --read-only --db "$db" check >"$T_TMP/out" 2>"$T_TMP/err"
[ $? -le 2 ] && grep -q "ATL" "$T_TMP/out"; t_ok $? "check reads a read-only database"

# The read_only setting, naming this database (by a path with ~/).
mkdir -p "$HOME/team"; cp "$db" "$HOME/team/bpowatch.db"
printf 'read_only = ["~/team/bpowatch.db"];\n' >"$T_TMP/ro.conf"
"$BPOWATCH" --config "$T_TMP/ro.conf" config check >"$T_TMP/out" 2>&1; t_status 0 $? "config check accepts read_only"
"$BPOWATCH" --config "$T_TMP/ro.conf" --db "$HOME/team/bpowatch.db" import "$T_TMP/in.csv" >"$T_TMP/out" 2>"$T_TMP/err"
t_status 1 $? "the setting makes that database read-only"
"$BPOWATCH" --config "$T_TMP/ro.conf" --db "$db.other" init >/dev/null 2>&1
"$BPOWATCH" --config "$T_TMP/ro.conf" --db "$db.other" import --create-partners "$T_TMP/in.csv" >"$T_TMP/out" 2>"$T_TMP/err"
t_status 0 $? "and no other"
rm -f "$db.other"
run 80 24 TERM=xterm-256color LANG=C.UTF-8 "$BPOWATCH" --config "$T_TMP/ro.conf" --db "$HOME/team/bpowatch.db"
see "8 partners" "the dashboard on the listed database" 10
see "READ-ONLY" "says READ-ONLY"
t_keys a; t_wait_for "QA audits" 5
refused "the read_only setting" n
t_keys Q; t_wait_dead 5; t_tmux_stop
printf 'read_only = 1;\n' >"$T_TMP/bad.conf"
"$BPOWATCH" --config "$T_TMP/bad.conf" config check >"$T_TMP/out" 2>&1; t_status 1 $? "a bad read_only value"
t_contains "$T_TMP/out" "bad.conf:1: error: 'read_only' must be true, false or a list of database files, not an integer" "is named with file and line"

# Looking changed nothing in the directory: same files, same bytes.
sums >"$T_TMP/after"
cmp -s "$T_TMP/before" "$T_TMP/after"; t_ok $? "no file in the database's directory changed or appeared"
[ $? -eq 0 ] || t_diag "$(diff "$T_TMP/before" "$T_TMP/after")"
t_done
