#!/bin/sh
# test_manpages.sh: the man pages document what the program accepts, taken
# from the program itself: every command and option its --help prints, the
# settings, rule parameters, rule kinds, theme roles and key actions of the
# loaders' own tables (tests/cli/names), the lists the loaders name in
# their errors, every environment variable the code reads, the shipped
# files; and both pages render without groff warnings.
. "$SRCDIR/tests/lib.sh"
man1=$SRCDIR/doc/bpowatch.1
man5=$SRCDIR/doc/bpowatch.conf.5
names=$BUILDDIR/tests/cli/names
out=$T_TMP/out
err=$T_TMP/err

# render PAGE: the page as plain text, a paragraph a line (long lines):
# section headings at the left margin, each .TP tag starting a line. With
# groff; without it, the few man(7) macros the pages use are laid out the
# same way by awk, so every check below still runs.
if command -v groff >/dev/null 2>&1; then
	have_groff=yes
	render() {
		groff -man -Tascii -P-c -P-b -P-u -rLL=250n "$1" 2>/dev/null
	}
else
	have_groff=
	render() { awk -f "$T_TMP/roff.awk" "$1"; }
	cat >"$T_TMP/roff.awk" <<'AWK'
function plain(s) {
	gsub(/\\f(\(..|[BIRP])/, "", s); gsub(/\\-/, "-", s)
	gsub(/\\\(dq/, "\"", s); gsub(/\\\(aq/, "'", s); gsub(/\\\(en/, "-", s)
	gsub(/\\&/, "", s); gsub(/\\e/, "\\", s)
	return s
}
# The arguments of a macro line (double quotes group), joined by sep.
function args(s, sep,   out, w, n, i, c, q) {
	out = ""; w = ""; n = 0; q = 0
	for (i = 1; i <= length(s); i++) {
		c = substr(s, i, 1)
		if (c == "\"") { q = !q; continue }
		if (c == " " && !q) {
			if (w != "") { out = out (n++ ? sep : "") w; w = "" }
			continue
		}
		w = w c
	}
	if (w != "") out = out (n++ ? sep : "") w
	return plain(out)
}
function flush() { if (line != "") print "       " line; line = "" }
function add(t) {
	if (nofill) { print "       " t; return }
	line = line (line != "" && t != "" ? " " : "") t
}
/^\.\\"/ { next }
/^\.(TH|nh|ad|hy)( |$)/ { next }
/^\.SH / { flush(); print args(substr($0, 5), " "); next }
/^\.SS / { flush(); print "   " args(substr($0, 5), " "); next }
/^\.(TP|TQ|PP|P|LP|IP|RS|RE|br|sp)( |$)/ { flush(); next }
/^\.nf/ { flush(); nofill = 1; next }
/^\.fi/ { nofill = 0; next }
/^\.(B|I|SM)( |$)/ { add(args(substr($0, 4), " ")); next }
/^\.(BR|RB|BI|IB|IR|RI)( |$)/ { add(args(substr($0, 5), "")); next }
/^\./ { next }
{ add(plain($0)) }
END { flush() }
AWK
fi
render "$man1" >"$T_TMP/man1.txt"
render "$man5" >"$T_TMP/man5.txt"

# has FILE WORD: WORD appears in FILE as a word of its own (options and
# names may contain - and _, so those do not end a word).
has() {
	grep -qE -- "(^|[^[:alnum:]_-])$(printf '%s' "$2" | sed 's/[.[\*^$+?(){}|]/\\&/g')([^[:alnum:]_-]|\$)" "$1"
}

# missing FILE WORD...: prints the WORDs FILE lacks.
missing() {
	local f=$1 w list=
	shift
	for w in "$@"; do
		has "$f" "$w" || list="$list $w"
	done
	printf '%s' "$list"
}

# documented WHAT WHERE FILE WORD...: one test point: FILE (the part of
# the pages called WHERE) has every WORD.
documented() {
	local what=$1 where=$2 f=$3 m
	shift 3
	m=$(missing "$f" "$@")
	[ $# -gt 0 ] && [ -z "$m" ]
	t_ok $? "$what ($#) documented in $where${m:+; missing:$m}"
}

# entries WHAT FILE PREFIX WORD...: one test point: FILE has an entry
# for each "PREFIX WORD": a line that starts with it, as a .TP tag does.
entries() {
	local what=$1 f=$2 pre=$3 w m=
	shift 3
	for w in "$@"; do
		grep -qE "^ +$pre$w( |\$)" "$f" || m="$m $w"
	done
	[ $# -gt 0 ] && [ -z "$m" ]
	t_ok $? "$what ($(echo "$@"))${m:+; missing:$m}"
}

# ---- rendering ----
if [ -n "$have_groff" ]; then
	for page in "$man1" "$man5"; do
		groff -man -Tutf8 -ww -z "$page" >"$err" 2>&1
		[ ! -s "$err" ]; t_ok $? "$(basename "$page") renders without groff warnings"
		[ -s "$err" ] && t_diag "$(cat "$err")"
	done
else
	t_ok 0 "bpowatch.1 renders without groff warnings # SKIP groff not installed (apt-get install groff-base)"
	t_ok 0 "bpowatch.conf.5 renders without groff warnings # SKIP groff not installed"
fi
grep -q '^NAME' "$T_TMP/man1.txt" && grep -q '^NAME' "$T_TMP/man5.txt"
t_ok $? "both pages have a NAME section"

# ---- the command line, as --help says it ----
"$BPOWATCH" --help >"$out" 2>&1
cmds=$(sed -n '/^Commands:/,/^$/s/^  \([a-z][a-z]*\) .*/\1/p' "$out" | sort -u)
[ "$(echo "$cmds" | wc -w)" -ge 7 ]; t_ok $? "--help lists the commands ($(echo $cmds))"
entries "every command has an entry in bpowatch.1" "$T_TMP/man1.txt" "" $cmds
opts=$(grep -oE -- '(^|[^[:alnum:]-])--[a-z][a-z-]*' "$out" | sed 's/^[^-]*//' | sort -u)
documented "options of bpowatch --help" bpowatch.1 "$T_TMP/man1.txt" $opts -h -V
for c in $cmds; do
	"$BPOWATCH" $c --help >"$out" 2>&1
	opts=$(grep -oE -- '(^|[^[:alnum:]-])--?[a-z][a-z-]*' "$out" |
	       sed 's/^[^-]*//' | grep -vx -- '-l' | sort -u)
	documented "options of bpowatch $c --help" bpowatch.1 "$T_TMP/man1.txt" $opts
done
"$BPOWATCH" qa --help >"$out" 2>&1
entries "every qa action of qa --help has an entry" "$T_TMP/man1.txt" "qa " \
	$(sed -n 's/^  qa \([a-z][a-z]*\).*/\1/p' "$out" | sort -u)
entries "every qa template action has an entry" "$T_TMP/man1.txt" "qa template " \
	$(sed -n 's/^  qa template \([a-z][a-z]*\).*/\1/p' "$out" | sort -u)

# The exit statuses the code defines.
sed -n '/^EXIT STATUS/,/^ENVIRONMENT/p' "$T_TMP/man1.txt" >"$T_TMP/exit.txt"
entries "EXIT STATUS lists 0, 1 and the codes of commands.h" "$T_TMP/exit.txt" "" 0 1 \
	$(sed -n 's/^#define EXIT_[A-Z_]* \([0-9][0-9]*\).*/\1/p' "$SRCDIR/tui/commands.h")

# Every environment variable the program reads.
vars=$(cat "$SRCDIR"/core/*.c "$SRCDIR"/tui/*.c |
       grep -oE 'getenv\("[A-Z_]+"\)' | sed 's/getenv("\(.*\)")/\1/' | sort -u)
sed -n '/^ENVIRONMENT/,/^FILES/p' "$T_TMP/man1.txt" >"$T_TMP/env.txt"
documented "environment variables the code reads" "bpowatch.1 ENVIRONMENT" "$T_TMP/env.txt" $vars

# The shipped data files, as the program names them, and the themes.
"$BPOWATCH" --version >"$out" 2>&1
files=$(sed -n 's|^  [a-zA-Z ]*: .*/\([^/]*\)$|\1|p' "$out")
themes=$(cd "$SRCDIR/themes" && ls *.conf | sed 's/\.conf$//')
sed -n '/^FILES/,/^EXAMPLES/p' "$T_TMP/man1.txt" >"$T_TMP/files.txt"
documented "data files of --version, and sample.sql" "bpowatch.1 FILES" "$T_TMP/files.txt" $files sample.sql
documented "shipped themes" "bpowatch.1 FILES" "$T_TMP/files.txt" $themes
documented "shipped themes" bpowatch.conf.5 "$T_TMP/man5.txt" $themes

# Both pages carry the program's version.
ver=$(sed -n '1s/^bpowatch //p' "$out")
for page in "$man1" "$man5"; do
	grep -q "^\.TH .*\"bpowatch $ver\"" "$page"
	t_ok $? "$(basename "$page") is the page of bpowatch $ver"
done

# ---- the loaders' own tables ----
"$names" >"$T_TMP/names" 2>&1; t_status 0 $? "tests/cli/names lists the loaders' names"
list() { sed -n "s/^$1 \([^ ]*\).*/\1/p" "$T_TMP/names"; }
sed -n '/^SETTINGS/,/^KEY BINDINGS/p' "$T_TMP/man5.txt" >"$T_TMP/settings.txt"
entries "every setting of the loader's table, and the groups, has an entry under SETTINGS" \
	"$T_TMP/settings.txt" "" $(list setting) keys indicators metrics
# The groups are all the loader takes besides its table: a made-up name is
# refused, the three groups are not.
mkdir -p "$XDG_CONFIG_HOME/bpowatch/themes"
conf=$XDG_CONFIG_HOME/bpowatch/bpowatch.conf
printf 'keys = { };\nindicators = { };\nmetrics = { };\nno_such_setting = 1;\n' >"$conf"
"$BPOWATCH" config check >"$out" 2>"$err"
t_contains "$err" "bpowatch.conf:4: warning: unknown setting 'no_such_setting'" "the loader refuses a setting it has no entry for"
! grep -qE 'bpowatch\.conf:[123]:' "$err"
t_ok $? "the loader takes keys, indicators and metrics"

documented "rule parameters of the loader's table" bpowatch.conf.5 "$T_TMP/man5.txt" $(list param)
sed -n '/Rule kinds/,/Cause check/p' "$T_TMP/man5.txt" >"$T_TMP/kinds.txt"
m=
for k in $(list kind); do
	grep -qE "^ +$k( |\$)" "$T_TMP/kinds.txt" && grep -q "kind = \"$k\"" "$T_TMP/kinds.txt" ||
		m="$m $k"
done
[ -n "$(list kind)" ] && [ -z "$m" ]
t_ok $? "every rule kind has an entry with an example under Rule kinds${m:+; missing:$m}"
documented "theme roles of the loader's table" bpowatch.conf.5 "$T_TMP/man5.txt" $(list role)

# The lists the loaders name in their errors.
printf 'indicators = { x = { bogus = 1; }; };\nmetrics = { m = { better = "higher"; bogus = 1; }; };\n' >"$conf"
"$BPOWATCH" config check >"$out" 2>"$err"
ind=$(sed -n "s/.*indicator 'x': unknown parameter 'bogus' (\(.*\)).*/\1/p" "$err" | tr -d ,)
met=$(sed -n "s/.*metric 'm': unknown parameter 'bogus' (\(.*\)).*/\1/p" "$err" | tr -d ,)
[ -n "$ind" ] && [ -n "$met" ]; t_ok $? "config check names what an indicator and a metric take"
documented "indicator parameters" bpowatch.conf.5 "$T_TMP/man5.txt" $ind
documented "metric parameters" bpowatch.conf.5 "$T_TMP/man5.txt" $met
printf 'theme = "probe";\n' >"$conf"
printf 'roles = { ok = { zzzzzzzz = 1; }; };\n' >"$XDG_CONFIG_HOME/bpowatch/themes/probe.conf"
"$BPOWATCH" config check >"$out" 2>"$err"
rs=$(sed -n "s/.*unknown setting 'zzzzzzzz' in a role (\(.*\)).*/\1/p" "$err" | tr -d ,)
[ -n "$rs" ]; t_ok $? "config check names what a theme role takes"
documented "theme role settings" bpowatch.conf.5 "$T_TMP/man5.txt" $rs name roles
printf 'keys = { up = "NoSuchKey"; };\n' >"$conf"
"$BPOWATCH" config check >"$out" 2>"$err"
kn=$(sed -n "s/.*'NoSuchKey' is not a key name (a character, \(.*\))/\1/p" "$err" |
     sed 's/ or /, /; s/F1-F12/F1, F12/; s/C-a\.\.C-z/C-a, C-z/' | tr -d ,)
[ -n "$kn" ]; t_ok $? "config check names the key names"
sed -n '/^KEY BINDINGS/,/^INDICATORS/p' "$T_TMP/man5.txt" >"$T_TMP/keys.txt"
documented "key names" "bpowatch.conf.5 KEY BINDINGS" "$T_TMP/keys.txt" $kn
rm -f "$conf"

# Every action of the key map, with exactly its default keys.
sed -n '/^   Keys/,/^EXIT STATUS/p' "$T_TMP/man1.txt" >"$T_TMP/actions.txt"
bad=
n=0
while read -r kind a keys; do
	[ "$kind" = action ] || continue
	n=$((n + 1))
	# groff pads a filled line's spaces, so "d,  Delete" may come out
	got=$(sed -n "s/^ \{1,\}$a \{1,\}\([^:]*\):.*/\1/p" "$T_TMP/actions.txt" | sed 's/,  */ /g')
	[ "$got" = "$keys" ] || bad="$bad $a($keys/${got:-none})"
done <"$T_TMP/names"
[ "$n" -gt 40 ] && [ -z "$bad" ]
t_ok $? "all $n actions listed under Keys with their default keys${bad:+; wrong (want/got):$bad}"
t_done
