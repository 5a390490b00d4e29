/* core_alone.c: a program that links every object of core/libbpwcore.a
 * (--whole-archive) with SQLite, libconfig and libm but not curses, so a
 * curses call anywhere in core/ fails the build, not only in the objects
 * some test happens to use. It does nothing when run. */
int main(void)
{
	return 0;
}
