/* build_id.h: a string that differs between any two builds of bpowatch
 * (and between machines of different word size or byte order), for keying
 * what one build stores for itself (stored judgements). */
#ifndef BPW_BUILD_ID_H
#define BPW_BUILD_ID_H

/* The GNU build ID of the program with the version, word size and byte
 * order; where the linker wrote none, the time of compilation instead. */
const char *build_id(void);

#endif
