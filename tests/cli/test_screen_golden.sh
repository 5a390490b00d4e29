#!/bin/sh
# test_screen_golden.sh: every screen of the dashboard, compared with the
# expected screens under tests/golden/screens/, without a terminal: each
# key script there (*.keys) drives the real program on a virtual screen
# (--screen-script, --screen-size; see doc/HACKING.md) at 80x24 and
# 160x50, in UTF-8 (xterm-256color) and in ASCII (vt100, C locale), on a
# fresh copy of the sample database judged on 2026-12-04. A `dump` line of
# a script prints the screen; the whole output is the golden file
# NAME-COLSxROWS-CHARSET.txt. After a deliberate change to a screen:
#     BPW_REFRESH_GOLDEN=1 make check TESTS=tests/cli/test_screen_golden.sh
#     git diff tests/golden/screens/
. "$SRCDIR/tests/lib.sh"
dir=$SRCDIR/tests/golden/screens
cd "$T_TMP" || exit 1
# The shipped data from a relative place: explain names the file a rule is
# defined in, and the screens must not depend on where the tree is.
mkdir -p data
cp "$SRCDIR"/data/*.conf data/ && cp -R "$SRCDIR/themes" data/themes || exit 1
export BPOWATCH_DATADIR=data
for keys in "$dir"/*.keys; do
	name=$(basename "$keys" .keys)
	for size in 80x24 160x50; do
		for cs in utf8 ascii; do
			cp "$BUILDDIR/sample-db/sample.db" s.db
			rm -f s.db-wal s.db-shm
			if [ $cs = utf8 ]; then
				env TERM=xterm-256color LANG=C.UTF-8 LC_ALL=C.UTF-8 \
					"$BPOWATCH" --db s.db --screen-script "$keys" \
					--screen-size $size >out 2>err
			else
				env TERM=vt100 LANG=C LC_ALL=C "$BPOWATCH" --ascii --db s.db \
					--screen-script "$keys" --screen-size $size >out 2>err
			fi
			rc=$?
			gold=$dir/$name-$size-$cs.txt
			label="$name at $size $cs"
			t_status 0 $rc "$label: the script runs to its end"
			[ ! -s err ]; t_ok $? "$label: nothing on stderr$( [ -s err ] && printf ': %s' "$(head -n 2 err)")"
			[ "$(grep -c '^--- ' out)" -eq "$(grep -c '^dump' "$keys")" ]
			t_ok $? "$label: every dump printed"
			if [ -n "${BPW_REFRESH_GOLDEN:-}" ]; then
				cp out "$gold"
			fi
			if cmp -s out "$gold"; then
				t_ok 0 "$label: the screens are as expected"
			else
				t_ok 1 "$label: the screens are as expected"
				t_diag "$(diff -u "$gold" out 2>&1 | head -n 40)"
			fi
		done
	done
done

# A script line that is not a key is named with its file and line, and the
# run fails instead of going on with the wrong keys.
printf 'j\nFrobnicate\nQ\n' >bad.keys
cp "$BUILDDIR/sample-db/sample.db" s.db
env TERM=xterm-256color LANG=C.UTF-8 "$BPOWATCH" --db s.db --screen-script bad.keys \
	--screen-size 80x24 >out 2>err
t_status 1 $? "a bad script line fails the run"
t_contains err "bad.keys:2: 'Frobnicate' is not a key name" "and is named with file and line"
"$BPOWATCH" --screen-size 3x2 >out 2>err
t_status 2 $? "--screen-size too small is a usage error"
t_contains err "--screen-size: '3x2' is not COLSxROWS" "and says so"
t_done
