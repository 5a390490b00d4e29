#!/bin/sh
# valgrind.sh: runs the program under test ($BPOWATCH_REAL) in valgrind's
# memcheck; tests/lib.sh puts it in place of $BPOWATCH for
# `make check-valgrind`. Memory errors and definite leaks go to a log per
# process in $BPW_VG_LOGS (empty when there were none); the program's own
# exit status and signals pass through unchanged; --vgdb=no keeps
# valgrind's own FIFOs out of $TMPDIR, which the demo tests inspect.
: "${BPOWATCH_REAL:?}" "${BPW_VG_LOGS:?}"
exec valgrind --quiet --tool=memcheck --leak-check=full \
	--show-leak-kinds=definite --errors-for-leak-kinds=definite \
	--track-fds=no --child-silent-after-fork=yes --vgdb=no \
	--log-file="$BPW_VG_LOGS/vg.%p.log" "$BPOWATCH_REAL" "$@"
