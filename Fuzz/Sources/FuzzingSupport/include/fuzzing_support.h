#ifndef SIGDOC_FUZZING_SUPPORT_H
#define SIGDOC_FUZZING_SUPPORT_H

#include <stddef.h>
#include <stdint.h>

/// Runs libFuzzer with `test_one_input` when the package was built with
/// `-Xswiftc -sanitize=fuzzer -Xcc -DSIGDOC_FUZZING`; returns -1 otherwise, and the fuzz
/// target then replays the files named on its command line.
int sigdoc_run_fuzzer(int argc, char **argv, int (*test_one_input)(const uint8_t *, size_t));

#endif
