#ifndef C_LIB_FUZZER_H
#define C_LIB_FUZZER_H

#include <stddef.h>
#include <stdint.h>

/// libFuzzer's driver for programs that own `main` (llvm.org/docs/LibFuzzer.html#using-libfuzzer-as-a-library):
/// it reads libFuzzer's flags from argv and calls `callback` once per input.
int LLVMFuzzerRunDriver(int *argc, char ***argv, int (*callback)(const uint8_t *data, size_t size));

#endif
