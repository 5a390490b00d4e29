#!/bin/sh
# test_layering.sh: the architecture rules the build relies on: core/ never
# includes curses, tui/ never runs SQL, and every file starts by saying what
# it is for.
. "$SRCDIR/tests/lib.sh"
cd "$SRCDIR" || exit 1

hits=$(grep -lE '#include[[:space:]]*<(n?curses|term)\.h>' core/*.c core/*.h)
[ -z "$hits" ]; t_ok $? "core/ does not include curses${hits:+: $hits}"
hits=$(grep -lE 'sqlite3_(prepare|exec|step)|"(SELECT|INSERT|UPDATE|DELETE) ' tui/*.c tui/*.h)
[ -z "$hits" ]; t_ok $? "tui/ runs no SQL${hits:+: $hits}"
bad=
for f in core/*.[ch] tui/*.[ch]; do
	head -n 1 "$f" | grep -q '^/\* [a-z_]*\.[ch]: ' || bad="$bad $f"
done
[ -z "$bad" ]; t_ok $? "every source file starts with its purpose${bad:+:$bad}"
# core links without curses: the unit tests link core alone, so a curses
# call in core fails the build; check the archive's undefined symbols too.
if command -v nm >/dev/null; then
	syms=$(nm -u "$BUILDDIR/core/libbpwcore.a" | grep -E ' U (initscr|newterm|wrefresh|mvwaddstr|endwin|init_pair)$')
	[ -z "$syms" ]; t_ok $? "core library needs no curses symbols"
fi
t_done
