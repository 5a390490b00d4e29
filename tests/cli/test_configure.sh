#!/bin/sh
# test_configure.sh: ./configure is quiet and cleans up after itself. The
# tree has a directory named core/, and autoconf's cleanup (`rm -f core
# conftest...`) used to print "rm: cannot remove 'core': Is a directory"
# after every check and, in its exit trap, stop before removing conftest
# files. Runs the generated configure in a copy: a good run writes nothing
# to stderr, a failed one (no working compiler) says why and leaves no
# conftest files or confdefs.h.
. "$SRCDIR/tests/lib.sh"
src=$T_TMP/src
mkdir -p "$src/core"
cp "$SRCDIR/configure" "$SRCDIR/Makefile.in" "$src/" || exit 1
cp -R "$SRCDIR/build-aux" "$src/" || exit 1
cp "$SRCDIR/core/store.c" "$src/core/"	# configure's source check
cd "$src" || exit 1

./configure >out 2>err
t_status 0 $? "configure succeeds"
[ ! -s err ]; t_ok $? "and writes nothing to stderr$( [ -s err ] && printf ': %s' "$(head -n 3 err)")"
t_not_contains err "cannot remove" "no complaint about the core/ directory"
left=$(ls -d conftest* confdefs.h 2>/dev/null)
[ -z "$left" ]; t_ok $? "no conftest files left${left:+: $left}"
[ -d core ]; t_ok $? "core/ itself is untouched"

rm -f config.status config.log Makefile
./configure CC=false >out 2>err
[ $? -ne 0 ]; t_ok $? "configure fails without a working compiler"
t_contains err "C compiler cannot create executables" "and says why"
t_not_contains err "cannot remove" "without a complaint about core/"
left=$(ls -d conftest* confdefs.h 2>/dev/null)
[ -z "$left" ]; t_ok $? "a failed run leaves no conftest files or confdefs.h${left:+: $left}"
t_done
