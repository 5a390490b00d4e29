#!/bin/sh
# test_pipe.sh: output into a pipe that is closed early (`| head`, a reader
# that reads nothing): every command that prints ends silently as if the
# whole output was read (exit 0; check keeps its verdict), while a write
# that fails for another reason (a full disk) is still an error.
. "$SRCDIR/tests/lib.sh"
db=$T_TMP/p.db err=$T_TMP/err st=$T_TMP/st
"$BPOWATCH" --db "$db" init --sample >/dev/null 2>&1 || { echo "Bail out! init"; exit 1; }
# Some writes, so that the audit trail has rows to print.
for d in 01 02 03 04 05 06 07 08 09 10 11 12; do
	"$BPOWATCH" --db "$db" qa interval SUN "1$d" >/dev/null 2>&1
done

# piped WANT READER ARGS...: bpowatch ARGS into READER (head1: head -n 1,
# none: closes its input unread); its exit status WANT and no message.
head1() { head -n 1 >/dev/null; }
none() { exec 0<&-; sleep 0.3; }
piped() {
	local want=$1 reader=$2
	shift 2
	{ "$BPOWATCH" --db "$db" "$@" 2>"$err"; echo $? >"$st"; } | "$reader"
	t_status "$want" "$(cat "$st")" "$* | $reader: exit status"
	[ ! -s "$err" ]; t_ok $? "$* | $reader: nothing on stderr"
	[ -s "$err" ] && t_diag "$(cat "$err")"
}
"$BPOWATCH" --db "$db" check >/dev/null 2>&1; verdict=$?
for r in head1 none; do
	piped 0 $r report --quarter 2026Q3
	piped 0 $r report --quarter 2026Q3 --format html
	piped 0 $r export
	piped 0 $r export --format json
	piped "$verdict" $r check
	piped "$verdict" $r check --format json
	piped 0 $r explain SUN
	piped 0 $r audit
	piped 0 $r qa export --format md
done

# A full disk is not a reader gone: still an error, said.
for args in "report --quarter 2026Q3" "export" "check" "qa export --format md"; do
	# shellcheck disable=SC2086
	"$BPOWATCH" --db "$db" $args >/dev/full 2>"$err"; rc=$?
	[ "$rc" -ne 0 ] && [ "$rc" -ne "$verdict" -o "$args" != check ]
	t_ok $? "$args >/dev/full fails (exit $rc)"
	t_contains "$err" "cannot write the output" "$args >/dev/full: says it cannot write"
done
t_done
