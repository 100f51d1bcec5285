#!/usr/bin/env python3
"""Benchmark: how fast the hypothesis search verifies candidates, next to OpenSSL's own
speed, and how long sigdoc takes to start and diagnose the README's example.

1. Runs `search-benchmark` (release build), which times the engine's hot loop alone (a sweep
   of four million timestamps through the search, each digested from the state of the
   prefix the candidates share) and then the whole search, every stage to its end, on a case
   that no candidate reproduces; prints candidates verified per second on all cores.
2. Runs `openssl speed -evp sha1 -bytes N` (one process: one core) at the same message length.
3. Times whole runs of `sigdoc diagnose` on the README's example with the secret, and of a
   Swift hello-world binary built the same way, and prints the medians.

The target (0.9x OpenSSL's per-core rate) is the hot loop's; the whole search also builds
its candidates, and its rate is printed beside it.

Usage: Benchmarks/search-throughput.py [--runs N]
"""
import argparse
import json
import os
import re
import statistics
import subprocess
import sys
import tempfile
import time

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.dirname(HERE)


def openssl_rate(length, seconds=3):
    output = subprocess.run(["openssl", "speed", "-evp", "sha1", "-bytes", str(length), "-seconds", str(seconds)],
                            capture_output=True, text=True).stdout
    line = [line for line in output.splitlines() if line.startswith("sha1")][-1]
    kilobytes = float(re.findall(r"([\d.]+)k", line)[-1])
    return kilobytes * 1000 / length


def median_seconds(command, runs, environment=None):
    times = []
    for _ in range(runs):
        start = time.perf_counter()
        subprocess.run(command, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, env=environment)
        times.append(time.perf_counter() - start)
    return statistics.median(times)


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=40, help="runs per start-up timing")
    arguments = parser.parse_args()

    subprocess.run(["swift", "build", "-c", "release", "--package-path", HERE], check=True, stdout=subprocess.DEVNULL)
    subprocess.run(["swift", "build", "-c", "release", "--package-path", ROOT, "--product", "sigdoc"], check=True,
                   stdout=subprocess.DEVNULL)
    bench = os.path.join(HERE, ".build", "release", "search-benchmark")
    result = json.loads(subprocess.run([bench], capture_output=True, text=True, check=True).stdout)
    cores = os.cpu_count()
    reference = openssl_rate(result["message_bytes"])
    sweep, whole = result["sweep"], result["whole"]
    sweep_rate = sweep["digests"] / sweep["seconds"]
    whole_rate = whole["digests"] / whole["seconds"]
    print("hot loop: %d candidates of %d bytes in %.3f s on %d cores (nothing matched)"
          % (sweep["candidates"], result["message_bytes"], sweep["seconds"], cores))
    print("sigdoc search:           %10.0f digests/s in all, %10.0f per core" % (sweep_rate, sweep_rate / cores))
    print("openssl speed -evp sha1  %10.0f digests/s on one core at %d bytes" % (reference, result["message_bytes"]))
    print("ratio per core: %.2fx OpenSSL's rate (target: 0.9x)" % (sweep_rate / cores / reference))
    print("whole search: %d candidates, %d digests in %.3f s, every stage to its end"
          % (whole["candidates"], whole["digests"], whole["seconds"]))
    print("              %.0f digests/s in all, %.2fx OpenSSL's per-core rate per core (no target)"
          % (whole_rate, whole_rate / cores / reference))

    case = os.path.join(ROOT, "Fixtures", "cases", "widget-missing-source")
    sigdoc = [os.path.join(ROOT, ".build", "release", "sigdoc"), "diagnose", os.path.join(case, "error.txt"),
              "--params", os.path.join(case, "params.json"),
              "--secret-file", os.path.join(ROOT, "Fixtures", "secrets", "fake-production.txt")]
    with tempfile.TemporaryDirectory() as directory:
        source = os.path.join(directory, "hello.swift")
        with open(source, "w") as handle:
            handle.write('print("hello")\n')
        hello = os.path.join(directory, "hello")
        subprocess.run(["swiftc", "-O", source, "-o", hello], check=True)
        median_seconds([hello], 5)
        hello_time = median_seconds([hello], arguments.runs)
        median_seconds(sigdoc, 5)
        sigdoc_time = median_seconds(sigdoc, arguments.runs)
    print("README example with the secret: %.1f ms; Swift hello world: %.1f ms; ratio %.2fx (target: within 2x)"
          % (sigdoc_time * 1000, hello_time * 1000, sigdoc_time / hello_time))


if __name__ == "__main__":
    main()
