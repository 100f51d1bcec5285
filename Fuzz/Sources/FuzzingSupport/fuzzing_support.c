#include "fuzzing_support.h"

#ifdef SIGDOC_FUZZING
// libFuzzer's entry point for programs that have a main of their own. SwiftPM gives every
// executable target its own main, so the fuzz targets call this instead of libFuzzer's
// main, which -sanitize=fuzzer still links in.
int LLVMFuzzerRunDriver(int *argc, char ***argv, int (*callback)(const uint8_t *, size_t));

static int (*current_target)(const uint8_t *, size_t);

// libFuzzer's own main, linked but unused, refers to this symbol; it forwards to the target.
int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size) {
  return current_target ? current_target(data, size) : 0;
}

int sigdoc_run_fuzzer(int argc, char **argv, int (*test_one_input)(const uint8_t *, size_t)) {
  current_target = test_one_input;
  return LLVMFuzzerRunDriver(&argc, &argv, test_one_input);
}
#else
int sigdoc_run_fuzzer(int argc, char **argv, int (*test_one_input)(const uint8_t *, size_t)) {
  (void)argc;
  (void)argv;
  (void)test_one_input;
  return -1;
}
#endif
