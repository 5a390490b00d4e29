#!/bin/sh
# test_layering.sh: the architecture rules the build relies on: core/ never
# includes curses, tui/ never runs SQL, and every file starts by saying what
# it is for.
. "$SRCDIR/tests/lib.sh"
cd "$SRCDIR" || exit 1

hits=$(grep -lE '#include[[:space:]]*<(ncursesw?/)?(n?curses|term|unctrl|termcap)\.h>' core/*.c core/*.h)
[ -z "$hits" ]; t_ok $? "core/ does not include curses${hits:+: $hits}"
hits=$(grep -lE 'sqlite3_(prepare|exec|step)|"(SELECT|INSERT|UPDATE|DELETE) ' tui/*.c tui/*.h)
[ -z "$hits" ]; t_ok $? "tui/ runs no SQL${hits:+: $hits}"
bad=
for f in core/*.[ch] tui/*.[ch]; do
	head -n 1 "$f" | grep -q '^/\* [a-z_]*\.[ch]: ' || bad="$bad $f"
done
[ -z "$bad" ]; t_ok $? "every source file starts with its purpose${bad:+:$bad}"
# The build's two guards, shown to work: a core source that reaches curses
# through <ncursesw/curses.h> is named by tools/curses-free.sh, and a curses
# call in an object of the archive breaks the whole-archive link that
# core/core-alone does (the build makes both before anything else links).
[ -x "$BUILDDIR/core/core-alone" ] && "$BUILDDIR/core/core-alone"
t_ok $? "core/core-alone was linked from the whole core archive without curses"
tmp=$T_TMP/guard
mkdir -p "$tmp/core"
printf '#include <stdio.h>\n#include <ncursesw/curses.h>\nint f(void);\nint f(void) { return 0; }\n' >"$tmp/core/bad.c"
printf '#include <stdio.h>\nint g(void);\nint g(void) { return 0; }\n' >"$tmp/core/good.c"
sh tools/curses-free.sh "$tmp" core/good.c -- ${CC:-cc} -E
t_ok $? "the include guard passes a file without curses"
sh tools/curses-free.sh "$tmp" core/good.c core/bad.c -- ${CC:-cc} -E 2>"$tmp/err"
[ $? -ne 0 ] && grep -q "core/bad.c: core/ must not use curses" "$tmp/err"
t_ok $? "the include guard names a file that includes <ncursesw/curses.h>"
if command -v "${CC:-cc}" >/dev/null && command -v "${AR:-ar}" >/dev/null; then
	printf 'int beep(void);\nint bad_beep(void);\nint bad_beep(void) { return beep(); }\n' >"$tmp/beep.c"
	cp "$BUILDDIR/core/libbpwcore.a" "$tmp/lib.a"
	"${CC:-cc}" -c -o "$tmp/beep.o" "$tmp/beep.c" && "${AR:-ar}" r "$tmp/lib.a" "$tmp/beep.o" 2>/dev/null
	"${CC:-cc}" -c -o "$tmp/main.o" core/core_alone.c
	# (a sanitizer build adds its own undefined names; beep is among them)
	"${CC:-cc}" -o "$tmp/alone" "$tmp/main.o" -Wl,--whole-archive,"$tmp/lib.a",--no-whole-archive \
		$(pkg-config --libs sqlite3 libconfig 2>/dev/null || echo -lsqlite3 -lconfig) \
		-lm 2>"$tmp/link"
	grep -q "undefined reference to .beep" "$tmp/link"
	t_ok $? "the whole-archive link fails on a curses call in core"
fi
t_done
