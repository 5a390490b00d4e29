#!/bin/sh
# test_cli.sh: the real bpowatch binary on the command line: help, version,
# bad arguments, init and its refusals (file left byte-identical), config
# check, and the refusal to draw without a terminal.
. "$SRCDIR/tests/lib.sh"
cd "$T_TMP" || exit 1
out=$T_TMP/out err=$T_TMP/err

"$BPOWATCH" --help >"$out" 2>"$err"; t_status 0 $? "--help"
t_contains "$out" "usage: bpowatch [OPTION]... [COMMAND [ARG]...]" "--help shows the usage"
t_contains "$out" "config check" "--help lists config check"
"$BPOWATCH" --version >"$out" 2>"$err"; t_status 0 $? "--version"
t_contains "$out" "bpowatch 0." "--version names the program"
t_contains "$out" "SQLite 3." "--version names SQLite"
t_contains "$out" "libconfig 1." "--version names libconfig"
t_contains "$out" "ncurses 6." "--version names ncurses"

"$BPOWATCH" --frobnicate >"$out" 2>"$err"; t_status 2 $? "unknown option"
t_contains "$err" "bpowatch: unknown option --frobnicate" "unknown option is named"
t_contains "$err" "usage: bpowatch" "usage on stderr after a bad option"
[ -s "$out" ]; t_ok $((! $?)) "nothing on stdout after a bad option"
"$BPOWATCH" frobnicate >"$out" 2>"$err"; t_status 2 $? "unknown command"
t_contains "$err" "bpowatch: unknown command 'frobnicate'" "unknown command is named"
"$BPOWATCH" --db >"$out" 2>"$err"; t_status 2 $? "--db without a value"
"$BPOWATCH" init --bogus >"$out" 2>"$err"; t_status 2 $? "init with an unknown option"
t_contains "$err" "usage: bpowatch [--db PATH] init [--sample]" "init usage on stderr"
"$BPOWATCH" config >"$out" 2>"$err"; t_status 2 $? "config without an action"
# One option loop for every command: what was wrong is named, a missing
# value apart from an unknown option, and check keeps exit 3 for it (2 is
# ALERT to a cron job).
for c in init config check qa import report export explain audit; do
	"$BPOWATCH" $c --bogus >"$out" 2>"$err"
	rc=$?; want=2; [ $c = check ] && want=3
	t_status $want $rc "$c --bogus is a usage error"
	t_contains "$err" "bpowatch: $c: unknown option --bogus" "$c names the unknown option"
	t_contains "$err" "Try 'bpowatch $c --help' for more." "and points to its help"
	"$BPOWATCH" $c --help >"$out" 2>"$err"; t_status 0 $? "$c --help"
	t_contains "$out" "usage: bpowatch" "$c --help prints its usage on stdout"
done
"$BPOWATCH" report --quarter >"$out" 2>"$err"; t_status 2 $? "report --quarter without a value"
t_contains "$err" "bpowatch: report: --quarter needs a value" "a missing value is named as such"
"$BPOWATCH" export -o >"$out" 2>"$err"; t_status 2 $? "export -o without a value"
t_contains "$err" "bpowatch: export: -o needs a value" "for a short option too"
"$BPOWATCH" check --format >"$out" 2>"$err"; t_status 3 $? "check --format without a value: exit 3"
"$BPOWATCH" audit extra >"$out" 2>"$err"; t_status 2 $? "audit takes no arguments"
t_contains "$err" "bpowatch: audit: unexpected argument 'extra'" "the extra argument is named"
"$BPOWATCH" --theme ../../etc/passwd config check >"$out" 2>"$err"; t_status 2 $? "--theme with a path"
t_contains "$err" "is not a theme name" "--theme names the problem"

# init: a new file, mode 0600, and again leaves it alone.
"$BPOWATCH" --db "$T_TMP/a.db" init >"$out" 2>"$err"; t_status 0 $? "init creates a database"
t_contains "$out" "created $T_TMP/a.db (schema version" "init says what it created"
[ "$(stat -c %a "$T_TMP/a.db")" = 600 ]; t_ok $? "new database has mode 0600"
"$BPOWATCH" --db "$T_TMP/a.db" init >"$out" 2>"$err"; t_status 0 $? "init on an existing database"
t_contains "$out" "is already a bpowatch database" "init reports the existing database"
"$BPOWATCH" init --db "$T_TMP/b.db" >"$out" 2>"$err"; t_status 0 $? "--db after the command"
[ -f "$T_TMP/b.db" ]; t_ok $? "--db after init is honoured"

# The XDG default location is created with its directories.
"$BPOWATCH" init >"$out" 2>"$err"; t_status 0 $? "init at the default location"
[ -f "$XDG_DATA_HOME/bpowatch/bpowatch.db" ]; t_ok $? "default database under XDG_DATA_HOME"
BPOWATCH_DB="$T_TMP/env.db" "$BPOWATCH" init >"$out" 2>"$err"
[ -f "$T_TMP/env.db" ]; t_ok $? "BPOWATCH_DB names the database"

# Refusals leave the file byte-identical.
printf 'partner;metric;period;value\r\nNLK;csat;10.2026;84,1\r\n' >"$T_TMP/report.csv"
cp "$T_TMP/report.csv" "$T_TMP/report.orig"
"$BPOWATCH" --db "$T_TMP/report.csv" init >"$out" 2>"$err"; t_status 1 $? "init on a CSV file"
t_contains "$err" "bpowatch: $T_TMP/report.csv is not a SQLite database" "init names the non-SQLite file"
cmp -s "$T_TMP/report.csv" "$T_TMP/report.orig"; t_ok $? "non-SQLite file left byte-identical"
[ ! -e "$T_TMP/report.csv-wal" ] && [ ! -e "$T_TMP/report.csv-journal" ]
t_ok $? "no journal files beside the refused file"
"$BPOWATCH" --db "$T_TMP/report.csv" init --sample >"$out" 2>"$err"; t_status 1 $? "init --sample on an existing file"
cmp -s "$T_TMP/report.csv" "$T_TMP/report.orig"; t_ok $? "init --sample left the file byte-identical"

"$BPOWATCH" --db "$T_TMP/no/such/dir/x.db" init >"$out" 2>"$err"; t_status 1 $? "init in a missing directory"
t_contains "$err" "directory $T_TMP/no/such/dir does not exist" "missing directory is named"
[ ! -e "$T_TMP/no" ]; t_ok $? "no directory was created"

if command -v sqlite3 >/dev/null; then
	sqlite3 "$T_TMP/a.db" 'PRAGMA journal_mode=DELETE; PRAGMA user_version=42;' >/dev/null
	cp "$T_TMP/a.db" "$T_TMP/a.orig"
	"$BPOWATCH" --db "$T_TMP/a.db" init >"$out" 2>"$err"; t_status 1 $? "init on a newer schema"
	t_contains "$err" "has schema version 42, newer than this bpowatch knows" "newer schema explained"
	cmp -s "$T_TMP/a.db" "$T_TMP/a.orig"; t_ok $? "newer database left byte-identical"
	sqlite3 "$T_TMP/other.db" 'CREATE TABLE t(x); INSERT INTO t VALUES (1);'
	cp "$T_TMP/other.db" "$T_TMP/other.orig"
	sqlite3 "$T_TMP/blank.db" 'VACUUM;'
	"$BPOWATCH" --db "$T_TMP/blank.db" init >"$out" 2>"$err"; t_status 0 $? "init fills an empty SQLite file"
	"$BPOWATCH" --db "$T_TMP/other.db" init >"$out" 2>"$err"; t_status 1 $? "init on another program's SQLite file"
	t_contains "$err" "is a SQLite database but not a bpowatch one" "foreign SQLite file explained"
	cmp -s "$T_TMP/other.db" "$T_TMP/other.orig"; t_ok $? "foreign SQLite file left byte-identical"
else
	t_ok 1 "sqlite3 command-line tool missing (apt-get install sqlite3)"
fi

# init --sample copies the bundled data.
"$BPOWATCH" --db "$T_TMP/s.db" init --sample >"$out" 2>"$err"; t_status 0 $? "init --sample"
t_contains "$out" "with the sample data (8 partners" "init --sample reports eight partners"
[ "$(stat -c %a "$T_TMP/s.db")" = 600 ]; t_ok $? "sample copy has mode 0600"
BPOWATCH_DATADIR=$T_TMP/nowhere "$BPOWATCH" --db "$T_TMP/s2.db" init --sample >"$out" 2>"$err"
t_status 1 $? "init --sample without the sample data"
t_contains "$err" "the bundled sample data is missing ($T_TMP/nowhere/sample.db)" "missing sample data explained"
[ ! -e "$T_TMP/s2.db" ]; t_ok $? "nothing created when the sample data is missing"

# config check
"$BPOWATCH" config check >"$out" 2>"$err"; t_status 0 $? "config check of the installed default"
t_contains "$out" "configuration OK (0 warnings)" "default configuration is OK"
t_contains "$out" "data/bpowatch.conf" "config check names the installed file"
t_contains "$out" "8 indicators with 24 rules, 12 metrics" "config check counts the indicators and rules it loaded"
mkdir -p "$XDG_CONFIG_HOME/bpowatch"
printf 'theme = "dark";\nsparkline_length = "long";\nthme = 1;\n' >"$XDG_CONFIG_HOME/bpowatch/bpowatch.conf"
"$BPOWATCH" config check >"$out" 2>"$err"; t_status 1 $? "config check with errors"
t_contains "$err" "$XDG_CONFIG_HOME/bpowatch/bpowatch.conf:2: error: 'sparkline_length' must be an integer, not a string" "type error with file and line"
t_contains "$err" "bpowatch.conf:3: warning: unknown setting 'thme' (ignored; did you mean 'theme'?)" "unknown key is a warning with its line"
t_contains "$out" "configuration has 1 error and 1 warning" "config check sums up"
# The kinds judged against the partner's own normal: each mistake at its
# file and line.
cat >"$T_TMP/own.conf" <<'CONF'
indicators = { customer_satisfaction = { rules = {
  csat_shift = { z_alert = 1.0; };
  r1 = { kind = "rate"; metric = "escalations"; kinds = ["meeting"]; warn = 10.0; alert = 20.0; };
  r2 = { kind = "shift"; metric = "csat"; warn = 2.0; alert = 4.0; baseline = 2; };
  r3 = { kind = "shift"; metric = "fcr"; relative = true; warn = 20.0; alert = 120.0; };
  r4 = { kind = "rate"; kinds = ["meeting"]; warn = 10.0; alert = 20.0; recnt = 3; };
}; }; };
CONF
"$BPOWATCH" --config "$T_TMP/own.conf" config check >"$out" 2>"$err"; t_status 1 $? "config check: mistakes in shift and rate rules"
t_contains "$err" "own.conf:2: error: rule 'customer_satisfaction.csat_shift': 'z_alert' (1) must not be below 'z_warn' (3)" "an override below the default it pairs with"
t_contains "$err" "own.conf:3: error: rule 'customer_satisfaction.r1': a rate rule counts either a metric (\`metric\`) or events (\`kinds\`), one of the two" "a rate of a metric and events at once"
t_contains "$err" "own.conf:4: error: rule 'customer_satisfaction.r2': 'baseline' (2) must be 3 months or more" "too short a normal"
t_contains "$err" "own.conf:5: error: rule 'customer_satisfaction.r3': 'alert' (120) must be below 100: a fall of 100% or more would be below zero" "a relative fall of 100 % or more"
t_contains "$err" "own.conf:6: error: rule 'customer_satisfaction.r4': unknown parameter 'recnt' (did you mean 'recent'?)" "a misspelt parameter with a hint"
t_contains "$out" "configuration has 5 errors and 0 warnings" "all five reported in one run"
"$BPOWATCH" --db "$T_TMP/a.db" init >"$out" 2>"$err"; t_status 1 $? "a broken config stops other commands"
t_contains "$err" "the configuration has errors" "other commands point at config check"
# One run reports every problem of every file, in file order: a range
# error used to drop the file's rules, keys and theme unchecked.
cat >"$T_TMP/all.conf" <<'CONF'
theme = "nosuch";
sparkline_length = 999;
indicators = { customer_satisfaction = { rules = {
  r_range = { kind = "trend"; metric = "csat"; periods = 99; warn = 4.0; alert = 2.0; };
  r_kind = { kind = "levle"; metric = "csat"; };
  r_metric = { kind = "level"; metric = "nps"; warn = 80.0; alert = 70.0; };
}; }; };
keys = {
  sort = "o";
  layout = "o";
  hlep = "F1";
  up = "k Upp Dwn";
};
thme = 1;
CONF
"$BPOWATCH" --config "$T_TMP/all.conf" config check >"$out" 2>"$err"; t_status 1 $? "config check: many mistakes at once"
t_contains "$err" "all.conf:1: warning: theme 'nosuch' not found: there is no" "all: the unknown theme, with its line"
t_contains "$err" "using the built-in dark theme instead" "all: the theme falls back"
t_contains "$err" "all.conf:2: error: 'sparkline_length' is 999, outside 4..120" "all: a setting out of range"
t_contains "$err" "all.conf:4: error: rule 'customer_satisfaction.r_range': 'periods' is 99, outside 1..60" "all: a rule parameter out of range"
t_contains "$err" "all.conf:4: error: rule 'customer_satisfaction.r_range': 'warn' (4) and 'alert' (2) are in the wrong order" "all: warn and alert in the wrong order, in the same rule"
t_contains "$err" "all.conf:5: error: rule 'customer_satisfaction.r_kind': unknown rule kind 'levle'" "all: an unknown rule kind"
t_contains "$err" "all.conf:6: error: rule 'customer_satisfaction.r_metric': unknown metric 'nps'" "all: an unknown metric"
t_contains "$err" "all.conf:10: error: keys: 'o' is given to both 'sort' and 'layout'" "all: a key bound twice"
t_contains "$err" "all.conf:11: error: keys: no action 'hlep' (did you mean 'help'?)" "all: an unknown action"
t_contains "$err" "all.conf:12: error: keys: 'Upp' is not a key name" "all: a bad key name"
t_contains "$err" "all.conf:12: error: keys: 'Dwn' is not a key name" "all: a second bad key name in the same binding"
t_contains "$err" "all.conf:14: warning: unknown setting 'thme'" "all: an unknown setting"
t_contains "$out" "configuration has 9 errors and 2 warnings" "all: every problem counted"
sed -n 's/^[^:]*all\.conf:\([0-9]*\):.*/\1/p' "$err" >"$T_TMP/lines"
sort -n -c "$T_TMP/lines" 2>/dev/null; t_ok $? "all: problems in file order"
[ "$(wc -l <"$T_TMP/lines")" -eq 11 ]; t_ok $? "all: eleven problems, each with its line ($(wc -l <"$T_TMP/lines"))"
"$BPOWATCH" --config "$T_TMP/all.conf" --db "$T_TMP/a.db" check >"$out" 2>"$err"; t_status 3 $? "check refuses the broken configuration"
t_contains "$err" "all.conf:12: error: keys: 'Dwn' is not a key name" "check prints every error too"
t_contains "$err" "the configuration has errors; see \`bpowatch config check\`" "check points at config check"
# Warnings alone: OK, exit 0. An unknown theme is a warning and falls back.
printf 'theme = "nosuch";\nthme = 1;\n' >"$T_TMP/x.conf"
"$BPOWATCH" --config "$T_TMP/x.conf" config check >"$out" 2>"$err"; t_status 0 $? "--config with only warnings (an unknown theme)"
t_contains "$err" "x.conf:1: warning: theme 'nosuch' not found" "unknown theme named, at its line"
t_contains "$err" "x.conf:2: warning: unknown setting 'thme'" "and the other warning"
t_contains "$out" "configuration OK (2 warnings)" "warnings only: OK"
"$BPOWATCH" --theme nosuch --config "$T_TMP/x.conf" config check >"$out" 2>"$err"; t_status 0 $? "--theme naming an unknown theme"
t_contains "$err" "--theme: warning: theme 'nosuch' not found" "--theme's unknown theme is its own warning"
t_not_contains "$err" "x.conf:1:" "--theme replaces the configured theme"
mkdir -p "$XDG_CONFIG_HOME/bpowatch/themes"
printf 'name = "b";\nroles = {\n  ok = { fg256 = 114; };\n  alrt = { fg8 = "red"; };\n};\n' >"$XDG_CONFIG_HOME/bpowatch/themes/broken.conf"
printf 'theme = "broken";\n' >"$T_TMP/t.conf"
"$BPOWATCH" --config "$T_TMP/t.conf" config check >"$out" 2>"$err"; t_status 1 $? "config check with a broken user theme"
t_contains "$err" "$XDG_CONFIG_HOME/bpowatch/themes/broken.conf:4: error: unknown role 'alrt' (did you mean 'alert'?)" "broken theme: file, line and a hint"
printf 'name = "b";\nroles = { ok = { fg256 = 3000000000; }; };\n' >"$XDG_CONFIG_HOME/bpowatch/themes/broken.conf"
"$BPOWATCH" --config "$T_TMP/t.conf" config check >"$out" 2>"$err"; t_status 1 $? "a colour number that wraps in libconfig"
t_contains "$err" "broken.conf:2: error: 'fg256' must be from -1" "wrapped colour number refused with its line"
"$BPOWATCH" --config "$T_TMP/t.conf" --db "$T_TMP/never.db" </dev/null >"$out" 2>"$err"; t_status 1 $? "dashboard refuses a broken theme"
printf 'name = "mine";\nroles = { ok = { fg8 = "blue"; }; };\n' >"$XDG_CONFIG_HOME/bpowatch/themes/dark.conf"
printf 'theme = "dark";\n' >"$T_TMP/d.conf"
"$BPOWATCH" --config "$T_TMP/d.conf" config check >"$out" 2>"$err"; t_status 0 $? "a user theme may replace a shipped one"
rm -rf "$XDG_CONFIG_HOME/bpowatch/themes"
"$BPOWATCH" config check --config "$T_TMP/none.conf" >"$out" 2>"$err"; t_status 1 $? "--config naming a missing file"
t_contains "$err" "$T_TMP/none.conf: error: cannot read: No such file or directory" "missing --config file named"
printf 'theme = "dark";\nascii = ;\n' >"$T_TMP/syntax.conf"
"$BPOWATCH" --config "$T_TMP/syntax.conf" config check >"$out" 2>"$err"; t_status 1 $? "config syntax error"
t_contains "$err" "$T_TMP/syntax.conf:2: error: syntax error" "syntax error with its line"
# Key bindings: checked by name, errors with file and line.
printf 'keys = {\n  down = "n Down";\n  hlep = "F1";\n  up = "k Upp";\n  sort = "o";\n  layout = "o";\n};\n' >"$T_TMP/keys.conf"
"$BPOWATCH" --config "$T_TMP/keys.conf" config check >"$out" 2>"$err"; t_status 1 $? "config check with bad key bindings"
t_contains "$err" "$T_TMP/keys.conf:3: error: keys: no action 'hlep' (did you mean 'help'?)" "unknown action with line and hint"
t_contains "$err" "$T_TMP/keys.conf:4: error: keys: 'Upp' is not a key name" "unknown key name with line"
t_contains "$err" "$T_TMP/keys.conf:6: error: keys: 'o' is given to both 'sort' and 'layout'" "a key given to two actions"
t_not_contains "$err" "keys.conf:2:" "a good binding is not reported"
printf 'keys = { down = "n Down"; help = "F1 h"; };\n' >"$T_TMP/keys2.conf"
"$BPOWATCH" --config "$T_TMP/keys2.conf" config check >"$out" 2>"$err"; t_status 0 $? "config check with good key bindings (h taken from left)"
# Keys are shared only between actions no screen has both of.
printf 'keys = {\n  new_review = "p";\n  answer_na = "x";\n  answer_clear = "x";\n  audits = "z";\n  down = "z";\n};\n' >"$T_TMP/keys4.conf"
"$BPOWATCH" --config "$T_TMP/keys4.conf" config check >"$out" 2>"$err"; t_status 1 $? "config check with keys clashing on one screen"
t_not_contains "$err" "keys4.conf:2:" "p may start an audit in the list and answer pass in an audit"
t_contains "$err" "keys4.conf:4: error: keys: 'x' is given to both 'answer_na' and 'answer_clear'" "two actions of the audit screen cannot share a key"
t_contains "$err" "keys4.conf:6: error: keys: 'z' is given to both 'audits' and 'down'" "a key of every screen cannot go to a screen's action"
printf 'keys = "j";\n' >"$T_TMP/keys3.conf"
"$BPOWATCH" --config "$T_TMP/keys3.conf" config check >"$out" 2>"$err"; t_status 1 $? "keys that is not a group"
t_contains "$err" "keys3.conf:1: error: 'keys' must be a group" "keys not a group named"
rm -f "$XDG_CONFIG_HOME/bpowatch/bpowatch.conf"
printf 'database = "%s/fromconf.db";\n' "$T_TMP" >"$T_TMP/db.conf"
"$BPOWATCH" init --config "$T_TMP/db.conf" >"$out" 2>"$err"; t_status 0 $? "init with --config after the command"
[ -f "$T_TMP/fromconf.db" ]; t_ok $? "the config's database setting is used"

# No terminal: refuse with a clear message, leave nothing behind.
"$BPOWATCH" --db "$T_TMP/s.db" </dev/null >"$out" 2>"$err"; t_status 1 $? "dashboard without a terminal"
t_contains "$err" "the dashboard needs a terminal, but standard output is not one" "no-terminal message"
TMPDIR=$T_TMP/demo; mkdir -p "$TMPDIR"; export TMPDIR
"$BPOWATCH" --demo </dev/null >"$out" 2>"$err"; t_status 1 $? "--demo without a terminal"
[ -z "$(ls -A "$TMPDIR")" ]; t_ok $? "--demo without a terminal leaves no temporary files"
"$BPOWATCH" --db "$T_TMP/missing.db" >/dev/null 2>"$err" </dev/null; t_status 1 $? "dashboard on a missing database"

t_done
