// The module is the header's declaration; libFuzzer itself is linked from the toolchain (-sanitize=fuzzer).
#include "CLibFuzzer.h"
