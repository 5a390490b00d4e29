#!/bin/sh
# curses-free.sh: the build's check that core/ never reaches curses: every
# C file given is run through the preprocessor's dependency listing (-M),
# so a curses header included by any path (<curses.h>, <ncursesw/curses.h>,
# <term.h>, through another header) is found, not only a literal #include.
# Usage: curses-free.sh SRCDIR FILE... -- CPP [FLAGS...]  (FILEs relative
# to SRCDIR; headers are skipped). Exits 1 naming each offending file.
srcdir=$1
shift
files=
while [ $# -gt 0 ] && [ "$1" != -- ]; do
	case $1 in *.c) files="$files $1" ;; esac
	shift
done
shift	# the --; "$@" is now the preprocessor and its flags
bad=0
for f in $files; do
	if ! deps=$("$@" -M "$srcdir/$f"); then
		echo "curses-free.sh: cannot preprocess $f" >&2
		bad=1
		continue
	fi
	hits=$(printf '%s\n' "$deps" | tr ' \\' '\n\n' |
	       grep -E '(^|/)(ncursesw?/|(n?curses|unctrl|termcap|term)\.h$)')
	if [ -n "$hits" ]; then
		echo "$f: core/ must not use curses, but it includes:" $hits >&2
		bad=1
	fi
done
exit $bad
