#!/bin/sh
# test_completion.sh: the bash completion (completion/bpowatch) in a real
# bash, with bash-completion's helpers when they are installed: commands,
# options as each command's --help lists them, option values, theme names,
# partner codes from the database the line names, files, and silence when
# there is no database.
. "$SRCDIR/tests/lib.sh"
comp=$SRCDIR/completion/bpowatch
helpers=/usr/share/bash-completion/bash_completion
out=$T_TMP/out
err=$T_TMP/err

if ! command -v bash >/dev/null 2>&1; then
	echo "1..0 # SKIP bash not installed"; exit 0
fi
if [ -f "$helpers" ]; then
	t_ok 0 "bash-completion's helpers loaded"
else
	helpers=
	t_ok 0 "bash-completion's helpers loaded # SKIP bash-completion not installed (apt-get install bash-completion): plain bash only"
fi
bash -n "$comp"; t_ok $? "the completion file is valid bash"

# complete WORD...: what <TAB> after WORDs offers (the last word is the
# one being completed), one a line, sorted, into $out; stderr into $err.
complete_words() {
	bash --norc --noprofile -c '
		[ -n "$1" ] && . "$1"
		. "$2"
		shift 2
		COMP_WORDS=("$@")
		COMP_CWORD=$(($# - 1))
		COMP_LINE="$*"
		COMP_POINT=${#COMP_LINE}
		_bpowatch "$1" "${COMP_WORDS[COMP_CWORD]}" "${COMP_WORDS[COMP_CWORD-1]}"
		printf "%s\n" "${COMPREPLY[@]}"' \
		complete "$helpers" "$comp" "$BPOWATCH" "$@" 2>"$err" |
		grep -v '^$' | sort >"$out"
}

# t_offers WANT DESCRIPTION WORD...: the completion offers exactly WANT
# (space separated, any order).
t_offers() {
	local want=$1 what=$2 got
	shift 2
	complete_words "$@"
	got=$(tr '\n' ' ' <"$out" | sed 's/ $//')
	want=$(printf '%s\n' $want | sort | tr '\n' ' ' | sed 's/ $//')
	[ "$got" = "$want" ] && [ ! -s "$err" ]
	t_ok $? "$what"
	[ "$got" = "$want" ] || t_diag "want: $want" "got:  $got"
	[ -s "$err" ] && t_diag "stderr: $(cat "$err")"
}

# Commands: exactly those --help lists.
cmds=$("$BPOWATCH" --help | sed -n '/^Commands:/,/^$/s/^  \([a-z][a-z]*\) .*/\1/p' | sort -u)
t_offers "$cmds" "bpowatch <TAB> offers the commands of --help" ""
t_offers "report" "bpowatch rep<TAB> completes report" rep
t_offers "--config" "bpowatch --con<TAB> completes --config" --con
t_offers "" "bpowatch --demo <TAB> offers no command (--demo takes none)" --demo ""

# Options: those each command's --help names, plus --db, --config, --help.
# options: the options in what stdin says, without -h, -V and iconv's -l.
options() {
	grep -oE -- '(^|[^[:alnum:]-])--?[a-z][a-z-]*' | sed 's/^[^-]*//' |
		grep -vxE -- '-[hVl]' | sort -u | tr '\n' ' '
}
want=$("$BPOWATCH" --help | sed -n '/^Options:/,/^$/p' | options)
t_offers "$want" "bpowatch -<TAB> offers the options --help lists" -
for c in $cmds; do
	want="$("$BPOWATCH" $c --help | options) --db --config --help"
	want=$(printf '%s\n' $want | sort -u | tr '\n' ' ')
	t_offers "$want" "bpowatch $c -<TAB> offers the options of bpowatch $c --help" $c -
done

# The commands and options come from the program's own tables: a program
# with other ones is offered those (nothing is kept in the completion).
fake=$T_TMP/fakebw
printf '#!/bin/sh\n[ "$1" = --complete-options ] && printf -- "- --zebra\\nfly --wings =\\n"\n' >"$fake"
chmod +x "$fake"
real=$BPOWATCH; BPOWATCH=$fake
t_offers "--zebra" "the program's options come from the program" -
t_offers "fly" "the commands too" ""
t_offers "--wings" "and each command's options" fly -
BPOWATCH=$real

# Values.
t_offers "md html csv" "report --format <TAB>" report --format ""
t_offers "text json" "check --format <TAB>" check --format ""
t_offers "csv json" "export --format <TAB>" export --format ""
t_offers "csv json md" "qa --format <TAB>" qa --format ""
t_offers "text csv json" "audit --format <TAB>" audit --format ""
t_offers "--format=json" "check --format=j<TAB> (one word)" check --format=j
t_offers "json" "check --format = j<TAB> (split at =)" check --format = j
t_offers "partners observations events actions qa targets auto" "import --type <TAB>" import --type ""
t_offers "partners observations events actions qa targets" "export --type <TAB>" export --type ""
t_offers "list show export template interval" "qa <TAB>" qa ""
t_offers "list import export" "qa template <TAB>" qa template ""
t_offers "check" "config <TAB>" config ""

# Themes: the shipped ones (where --version says they are) and the user's
# own; a file that is not a theme name is left out.
themes=$(cd "$SRCDIR/themes" && ls *.conf | sed 's/\.conf$//')
t_offers "$themes" "--theme <TAB> lists the shipped themes" --theme ""
mkdir -p "$XDG_CONFIG_HOME/bpowatch/themes"
: >"$XDG_CONFIG_HOME/bpowatch/themes/mine.conf"
: >"$XDG_CONFIG_HOME/bpowatch/themes/not a name.conf"
: >"$XDG_CONFIG_HOME/bpowatch/themes/dark.conf"
t_offers "$themes mine" "--theme <TAB> adds the user's own themes, once each" --theme ""
t_offers "high-contrast" "--theme hi<TAB>" --theme hi

# Partner codes, from the database named on the line.
"$BPOWATCH" --db "$T_TMP/s.db" init --sample >/dev/null
codes="ATL BSS CCX DPS NLK SUN TMC VSC"
t_offers "$codes" "--db DB check --partner <TAB> lists the sample's partners" \
	--db "$T_TMP/s.db" check --partner ""
t_offers "ATL" "check --db DB --partner A<TAB> (--db after the command)" \
	check --db "$T_TMP/s.db" --partner A
t_offers "$(printf -- '--partner=%s ' $codes)" "--db=DB report --partner=<TAB>" \
	--db="$T_TMP/s.db" report --partner=
complete_words --db="$T_TMP/s.db" report --partner=B
[ "$(cat "$out")" = "--partner=BSS" ]; t_ok $? "--partner=B<TAB> keeps the option in the word ($(cat "$out"))"
t_offers "$codes" "qa interval <TAB> lists partners" --db "$T_TMP/s.db" qa interval ""
t_offers "" "qa interval CODE <TAB> offers nothing more" --db "$T_TMP/s.db" qa interval ATL ""
printf 'database = "%s";\n' "$T_TMP/s.db" >"$T_TMP/c.conf"
t_offers "$codes" "--config FILE naming the database: export --partner <TAB>" \
	--config "$T_TMP/c.conf" export --partner ""
BPOWATCH_DB=$T_TMP/s.db; export BPOWATCH_DB
t_offers "SUN" "\$BPOWATCH_DB: check --partner S<TAB>" check --partner SU
unset BPOWATCH_DB
t_offers "" "no database: --partner <TAB> offers nothing, says nothing" \
	--db "$T_TMP/none.db" check --partner ""
[ ! -e "$T_TMP/none.db" ]; t_ok $? "completing creates no database"
t_offers "" "no database at the default place either" check --partner ""

# Files.
mkdir -p "$T_TMP/in"
: >"$T_TMP/in/figures.csv"
t_offers "$T_TMP/in/figures.csv" "import <TAB> completes file names" import "$T_TMP/in/fig"
t_offers "$T_TMP/in/figures.csv" "report -o <TAB> completes file names" report -o "$T_TMP/in/f"
t_offers "$T_TMP/in/figures.csv" "report --explanations <TAB> completes file names" \
	report --format csv --explanations "$T_TMP/in/f"
t_offers "--excel --explanations" "report --ex<TAB> offers --excel and --explanations" report --ex
t_offers "$T_TMP/in/figures.csv" "--db <TAB> completes file names" --db "$T_TMP/in/fi"
if [ -n "$helpers" ]; then
	helpers=
	t_offers "$T_TMP/in/figures.csv" "import <TAB> completes file names without bash-completion" \
		import "$T_TMP/in/fig"
fi
t_done
