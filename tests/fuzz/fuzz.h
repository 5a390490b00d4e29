/* fuzz.h: what the libFuzzer targets share. Each target defines
 * LLVMFuzzerTestOneInput; built with --enable-fuzzing it runs under
 * libFuzzer (make fuzz), and in every build replay.c runs it once over the
 * seed corpus and the kept crashers (make check). */
#ifndef BPW_FUZZ_H
#define BPW_FUZZ_H

#include <stddef.h>
#include <stdint.h>

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

/* A path that reads as data[0..size): one memory file, rewritten on every
 * call (for the loaders that take a path). NULL when it cannot be had. */
const char *fuzz_file(const uint8_t *data, size_t size);

/* A scratch directory in memory (/dev/shm, else /tmp), made once. */
const char *fuzz_dir(void);

#endif
