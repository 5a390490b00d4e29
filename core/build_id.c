/* build_id.c: what tells this build of bpowatch from any other: the GNU
 * build ID the linker puts in the program (it changes with any change of
 * the code), else the version, the time of compilation and the program
 * file's size and time (two builds within one second differ in those). */
#include "build_id.h"

#include <link.h>
#include <stdio.h>
#include <string.h>
#include <sys/stat.h>


#ifndef PACKAGE_VERSION
#define PACKAGE_VERSION "?"
#endif

struct found {
	char hex[2 * 64 + 1];
};

#define NOTE_ALIGN(n) (((n) + 3u) & ~3u)

/* The build ID note of the program itself (the first object listed). */
static int scan(struct dl_phdr_info *info, size_t size, void *ctx)
{
	struct found *f = ctx;
	int i;

	(void)size;
	for (i = 0; i < info->dlpi_phnum; i++) {
		const ElfW(Phdr) *ph = &info->dlpi_phdr[i];
		const unsigned char *p, *end;

		if (ph->p_type != PT_NOTE)
			continue;
		p = (const unsigned char *)(info->dlpi_addr + ph->p_vaddr);
		end = p + ph->p_memsz;
		while (p + sizeof(ElfW(Nhdr)) <= end) {
			const ElfW(Nhdr) *nh = (const void *)p;
			const unsigned char *name = p + sizeof(*nh);
			const unsigned char *desc = name + NOTE_ALIGN(nh->n_namesz);

			if (desc + nh->n_descsz > end)
				break;
			if (nh->n_type == NT_GNU_BUILD_ID && nh->n_namesz == 4 &&
			    memcmp(name, "GNU", 4) == 0 && nh->n_descsz <= 64) {
				unsigned k;

				for (k = 0; k < nh->n_descsz; k++)
					snprintf(f->hex + 2 * k, 3, "%02x", desc[k]);
				return 1;
			}
			p = desc + NOTE_ALIGN(nh->n_descsz);
		}
	}
	return 1;	/* only the program, not its libraries */
}

const char *build_id(void)
{
	static char id[160];

	if (id[0] == '\0') {
		struct found f = { "" };
		const unsigned one = 1;

		dl_iterate_phdr(scan, &f);
		if (f.hex[0] == '\0') {
			struct stat sb;

			if (stat("/proc/self/exe", &sb) == 0)
				snprintf(f.hex, sizeof(f.hex), "%s %s %lld.%09ld %lld",
					 __DATE__, __TIME__, (long long)sb.st_mtim.tv_sec,
					 sb.st_mtim.tv_nsec, (long long)sb.st_size);
			else
				snprintf(f.hex, sizeof(f.hex), "%s %s", __DATE__, __TIME__);
		}
		snprintf(id, sizeof(id), "%s %s/%zu/%s", PACKAGE_VERSION, f.hex,
			 sizeof(void *), *(const unsigned char *)&one ? "le" : "be");
	}
	return id;
}
