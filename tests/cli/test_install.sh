#!/bin/sh
# test_install.sh: `make install DESTDIR=...` puts every file where the
# configured directories say, the installed program finds its data there
# (run from the staged tree, away from the source and build trees, with
# BPOWATCH_DATADIR unset), bash-completion finds the completion, and `make
# uninstall` takes everything away again.
. "$SRCDIR/tests/lib.sh"
MAKE=${MAKE:-make}
root=$T_TMP/root
out=$T_TMP/out
err=$T_TMP/err

# The configured directories, as make expands them.
cat >"$T_TMP/dirs.mk" <<'EOF'
print-dirs:
	@echo "bindir='$(bindir)'"; echo "pkgdatadir='$(pkgdatadir)'"; \
	echo "man1dir='$(man1dir)'"; echo "man5dir='$(man5dir)'"; \
	echo "compdir='$(bashcompletiondir)'"
EOF
(cd "$BUILDDIR" && $MAKE -s -f Makefile -f "$T_TMP/dirs.mk" print-dirs) >"$out" 2>"$err"
eval "$(grep -E "^(bindir|pkgdatadir|man1dir|man5dir|compdir)='[^']*'\$" "$out")"
[ -n "${bindir:-}" ] && [ -n "${pkgdatadir:-}" ] && [ -n "${man1dir:-}" ]
t_ok $? "make names the installation directories ($bindir, $pkgdatadir, $man1dir)"

(cd "$BUILDDIR" && $MAKE -s install DESTDIR="$root") >"$out" 2>&1
t_status 0 $? "make install DESTDIR=..."
[ -s "$out" ] && t_diag "$(tail -n 20 "$out")"

# t_installed FILE SOURCE DESCRIPTION: FILE is in the staged tree, the
# same bytes as SOURCE (when given).
t_installed() {
	if [ -n "$2" ]; then cmp -s "$root$1" "$2"; else [ -s "$root$1" ]; fi
	t_ok $? "$3 installed as $1"
}
[ -x "$root$bindir/bpowatch" ]; t_ok $? "the program installed as $bindir/bpowatch"
t_installed "$man1dir/bpowatch.1" "$SRCDIR/doc/bpowatch.1" "bpowatch(1)"
t_installed "$man5dir/bpowatch.conf.5" "$SRCDIR/doc/bpowatch.conf.5" "bpowatch.conf(5)"
t_installed "$pkgdatadir/bpowatch.conf" "$SRCDIR/data/bpowatch.conf" "the default configuration"
t_installed "$pkgdatadir/qa-default.conf" "$SRCDIR/data/qa-default.conf" "the default QA checklist"
t_installed "$pkgdatadir/sample.sql" "$SRCDIR/sample-db/sample.sql" "the sample data's source"
t_installed "$pkgdatadir/sample.db" "$BUILDDIR/sample-db/sample.db" "the sample database"
for f in "$SRCDIR"/themes/*.conf; do
	t_installed "$pkgdatadir/themes/${f##*/}" "$f" "theme ${f##*/}"
done
if [ -n "${compdir:-}" ]; then
	t_installed "$compdir/bpowatch" "$SRCDIR/completion/bpowatch" "the bash completion"
else
	t_ok 0 "the bash completion installed # SKIP configured --without-bash-completion-dir"
fi

# The staged program, run from elsewhere, finds its data in the staged
# tree: the same place relative to it as pkgdatadir is to bindir (with
# symbolic links resolved, as the program sees its own path).
root=$(cd "$root" && pwd -P)
bin=$root$bindir/bpowatch
mkdir -p "$T_TMP/elsewhere" && cd "$T_TMP/elsewhere" || exit 1
"$bin" --version >"$out" 2>"$err"; t_status 0 $? "installed bpowatch --version"
t_contains "$out" "  themes: $root$pkgdatadir/themes" "it reads the themes of the staged tree"
t_contains "$out" "  sample data: $root$pkgdatadir/sample.db" "it reads the sample of the staged tree"
"$bin" --db "$T_TMP/s.db" init --sample >"$out" 2>"$err"
t_status 0 $? "installed bpowatch init --sample"
t_contains "$out" "with the sample data (8 partners" "init --sample copies the installed sample"
"$bin" --db "$T_TMP/n.db" init >"$out" 2>"$err"
t_status 0 $? "installed bpowatch init"
t_contains "$out" "added the default QA checklist" "init adds the installed QA checklist"
mkdir -p "$XDG_CONFIG_HOME/bpowatch"
printf 'theme = "colorblind";\n' >"$XDG_CONFIG_HOME/bpowatch/bpowatch.conf"
"$bin" config check >"$out" 2>"$err"
t_status 0 $? "installed bpowatch config check, with an installed theme chosen"
t_contains "$out" "read $root$pkgdatadir/bpowatch.conf" "config check reads the installed default"
t_contains "$out" "8 indicators with 24 rules" "the installed default defines the indicators"
"$bin" --db "$T_TMP/s.db" check >"$out" 2>"$err"
t_status 2 $? "installed bpowatch check judges the sample (ALERT)"

# A data directory that is missing is said, not passed over (unless a
# real installation at pkgdatadir would be found instead).
if [ -e "$pkgdatadir" ]; then
	for what in "a missing default configuration is a warning" \
		    "init --sample without the data" "the missing sample is named"; do
		t_ok 0 "$what # SKIP $pkgdatadir exists on this machine"
	done
else
	mv "$root$pkgdatadir" "$T_TMP/away"
	"$bin" --db "$T_TMP/s.db" config check >"$out" 2>"$err"
	t_contains "$err" "the installed default configuration is missing" "a missing default configuration is a warning"
	"$bin" --db "$T_TMP/s2.db" init --sample >"$out" 2>"$err"; t_status 1 $? "init --sample without the data"
	t_contains "$err" "the bundled sample data is missing" "the missing sample is named"
	mv "$T_TMP/away" "$root$pkgdatadir"
fi

# bash-completion loads it on demand from there.
helpers=/usr/share/bash-completion/bash_completion
case ${compdir:-} in
*/bash-completion/completions)
	if [ -f "$helpers" ] && command -v bash >/dev/null 2>&1; then
		XDG_DATA_DIRS=$root${compdir%/bash-completion/completions} \
		bash --norc --noprofile -c '. "$1"; __load_completion bpowatch; complete -p bpowatch' \
			sh "$helpers" >"$out" 2>"$err"
		t_contains "$out" "complete -F _bpowatch bpowatch" "bash-completion loads the installed completion"
	else
		t_ok 0 "bash-completion loads the installed completion # SKIP bash-completion not installed"
	fi ;;
*)
	t_ok 0 "bash-completion loads the installed completion # SKIP not in a bash-completion/completions directory" ;;
esac

cd "$T_TMP" || exit 1
(cd "$BUILDDIR" && $MAKE -s uninstall DESTDIR="$root") >"$out" 2>&1
t_status 0 $? "make uninstall DESTDIR=..."
left=$(find "$root" -type f -o -type l)
[ -z "$left" ]; t_ok $? "uninstall leaves no file behind${left:+: $left}"
t_done
