#ifndef SWANSIM_FUZZ_MAIN_H
#define SWANSIM_FUZZ_MAIN_H
#include <stddef.h>
#include <stdint.h>

/// main() of the fuzz executable: runs libFuzzer's driver over LLVMFuzzerTestOneInput.
int swansim_fuzz_main(int argc, char **argv);

#endif
