#!/bin/sh
# test_replay.sh: every fuzz target once over its seed corpus and the
# crashers kept from earlier fuzzing runs (tests/fuzz/crashers/NAME/), in
# the ordinary build (with --enable-sanitizers under ASan and UBSan): a
# crash, an abort from a target's oracle or a sanitizer report fails.
. "$SRCDIR/tests/lib.sh"
# In a sanitizer build: the one leak known inside libconfig itself.
LSAN_OPTIONS=suppressions=$SRCDIR/tests/fuzz/lsan.supp${LSAN_OPTIONS:+:$LSAN_OPTIONS}
export LSAN_OPTIONS
for t in csv text config rules import; do
	out=$("$BUILDDIR/tests/fuzz/replay_$t" "$SRCDIR/tests/fuzz/corpus/$t" \
		"$SRCDIR/tests/fuzz/crashers/$t" 2>"$T_TMP/$t.err")
	rc=$?
	n=$(printf '%s\n' "$out" | grep -c '^ok ')
	[ $rc -eq 0 ] && [ "$n" -gt 0 ]; t_ok $? "fuzz_$t: $n inputs replayed (exit $rc)"
	[ $rc -eq 0 ] || t_diag "$(tail -5 "$T_TMP/$t.err")" "$(printf '%s\n' "$out" | tail -2)"
done
t_done
