#!/bin/sh
# test_locale.sh: a user whose locale writes numbers with a decimal comma
# (de_DE.UTF-8, as on many European jump hosts) gets the same files as
# everybody: the QBR pack (its SVG charts included), check's JSON, explain
# and a frozen snapshot are byte for byte those written under the C
# locale, and a config with decimals reads the same. Skipped where the
# de_DE locale cannot be made (Debian's locales package).
. "$SRCDIR/tests/lib.sh"

# A de_DE.UTF-8 locale: installed, or compiled into the test's directory.
DE=
for l in de_DE.UTF-8 de_DE.utf8; do
	[ "$(LC_ALL=$l locale decimal_point 2>/dev/null)" = "," ] && { DE=$l; break; }
done
if [ -z "$DE" ] && command -v localedef >/dev/null 2>&1 && mkdir -p "$T_TMP/loc" &&
   localedef -i de_DE -f UTF-8 "$T_TMP/loc/de_DE.UTF-8" >/dev/null 2>&1; then
	export LOCPATH="$T_TMP/loc"
	[ "$(LC_ALL=de_DE.UTF-8 locale decimal_point 2>/dev/null)" = "," ] && DE=de_DE.UTF-8
fi
if [ -z "$DE" ]; then
	echo "1..0 # SKIP no de_DE.UTF-8 locale (install Debian's locales package)"
	exit 0
fi

db=$T_TMP/l.db
"$BPOWATCH" --db "$db" init --sample >/dev/null 2>&1 || { echo "Bail out! init"; exit 1; }

# same NAME ARGS...: bpowatch ARGS under C and under de_DE write the same
# bytes (and both succeed).
same() {
	local name=$1
	shift
	LC_ALL=C "$BPOWATCH" --db "$db" "$@" >"$T_TMP/c.out" 2>&1; c=$?
	LC_ALL=$DE "$BPOWATCH" --db "$db" "$@" >"$T_TMP/de.out" 2>&1; de=$?
	[ "$c" = "$de" ] && [ -s "$T_TMP/c.out" ] && cmp -s "$T_TMP/c.out" "$T_TMP/de.out"
	t_ok $? "$name: the same bytes under $DE as under C (exit $c, $de)" ||
		diff "$T_TMP/c.out" "$T_TMP/de.out" | head -n 6 | t_diag "$(cat)"
}
same "report html (the charts' coordinates)" report --quarter 2026Q3 --format html
same "report md" report --quarter 2026Q3 --appendix
same "report csv" report --quarter 2026Q3 --format csv
same "report csv --excel" report --quarter 2026Q3 --format csv --excel
same "check json" check --format json
same "explain" explain SUN
# What the user would see: a decimal point in the SVG's numbers.
LC_ALL=$DE "$BPOWATCH" --db "$db" report --quarter 2026Q3 --format html >"$T_TMP/de.html" 2>&1
grep -Eq ' (x|y|x1|y1|x2|y2|cx|cy|r|width|height|font-size)="-?[0-9]+,[0-9]' "$T_TMP/de.html"
[ $? -ne 0 ]; t_ok $? "no SVG attribute with a decimal comma under $DE"
# The --excel CSV still writes its decimal comma on purpose.
LC_ALL=$DE "$BPOWATCH" --db "$db" report --quarter 2026Q3 --format csv --excel >"$T_TMP/x.csv"
grep -q ';75,8;' "$T_TMP/x.csv"; t_ok $? "--excel keeps its decimal comma (75,8)"

# A frozen snapshot written under de_DE prints as the C locale's pack.
LC_ALL=$DE "$BPOWATCH" --db "$db" report --quarter 2026Q3 --freeze >/dev/null 2>&1
t_status 0 $? "freeze under $DE"
same "frozen html" report --quarter 2026Q3 --frozen --format html
LC_ALL=C "$BPOWATCH" --db "$db" report --quarter 2026Q3 --format html >"$T_TMP/live.html"
LC_ALL=C "$BPOWATCH" --db "$db" report --quarter 2026Q3 --frozen --format html >"$T_TMP/frozen.html"
cmp -s "$T_TMP/live.html" "$T_TMP/frozen.html"
t_ok $? "the html frozen under $DE is the pack the C locale writes"

# A config with a decimal threshold reads the same under de_DE.
cat >"$T_TMP/user.conf" <<'CONF'
indicators = { customer_satisfaction = { rules = {
  csat_shift = { warn = 3.3; }; }; }; };
CONF
same "explain with a decimal threshold from a user config" --config "$T_TMP/user.conf" explain SUN
grep -q "watch 3.3" "$T_TMP/de.out"
t_ok $? "the threshold 3.3 read under $DE as written" || t_diag "$(grep -i watch "$T_TMP/de.out" | head -3)"
t_done
