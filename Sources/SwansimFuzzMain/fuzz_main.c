// The entry point of the swansim-fuzz executable (built only by `make fuzz`).
//
// SwiftPM links an executable with `--defsym main=<module>_main`, which a
// `-parse-as-library` fuzz target never defines; libFuzzer's own `main` is then
// not used. This defines that symbol and hands control to libFuzzer's driver,
// with the Swift `LLVMFuzzerTestOneInput` as the function under test.
#include "SwansimFuzzMain.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);
int LLVMFuzzerRunDriver(int *argc, char ***argv, int (*test)(const uint8_t *data, size_t size));

int swansim_fuzz_main(int argc, char **argv) {
    return LLVMFuzzerRunDriver(&argc, &argv, LLVMFuzzerTestOneInput);
}
