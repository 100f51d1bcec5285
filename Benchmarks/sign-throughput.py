#!/usr/bin/env python3
"""Benchmark: `sigdoc sign --jsonl` against the Python SDK on the same parameter sets.

Generates parameter sets like real signed uploads (seeded), times `sigdoc sign --jsonl`
(release build) and a Python loop over the same lines with pycloudinary's
`api_string_to_sign` and `compute_hex_hash`, then prints both rates, their ratio and each
process's peak memory. sigdoc also runs on a tenth of the lines, to show that its memory
does not grow with the input.

Usage: Benchmarks/sign-throughput.py [--lines N] [--sigdoc PATH]
"""
import argparse
import json
import os
import random
import subprocess
import sys
import tempfile
import time

PYTHON_SIGNER = r"""
import json, sys
from cloudinary import utils
secret = open(sys.argv[1]).read()
out = sys.stdout
for line in sys.stdin:
    if not line.strip():
        continue
    params = json.loads(line)
    to_sign = utils.api_string_to_sign(params)
    signature = utils.compute_hex_hash(to_sign + secret, "sha1")
    out.write(json.dumps({"signature": signature, "string_to_sign": to_sign}, ensure_ascii=False) + "\n")
"""


def generate(path, count, rng):
    folders = ["avatars", "products/2026", "users/uploads", "tmp", "marketing/banners"]
    presets = ["signed_avatars", "ml_default", "product_images"]
    words = ["summer", "sale", "hero", "profile", "thumb", "é-accent", "日本", "red&blue"]
    with open(path, "w") as handle:
        for index in range(count):
            params = {"timestamp": 1685544025 + index, "folder": rng.choice(folders)}
            if rng.random() < 0.7:
                params["public_id"] = "img_%08x" % rng.getrandbits(32)
            if rng.random() < 0.5:
                params["tags"] = rng.sample(words, rng.randint(1, 3))
            if rng.random() < 0.5:
                params["upload_preset"] = rng.choice(presets)
            if rng.random() < 0.4:
                params["source"] = "uw"
            if rng.random() < 0.3:
                params["context"] = "alt=%s|caption=%s" % (rng.choice(words), rng.choice(words))
            if rng.random() < 0.2:
                params["eager"] = "w_400,h_300,c_pad|w_260,h_200,c_crop"
            if rng.random() < 0.1:
                params["notification_url"] = "https://example.com/hook?a=1&b=%d" % index
            handle.write(json.dumps(params, ensure_ascii=False) + "\n")


def timed(command, stdin_path):
    """Runs a command with stdin from a file and stdout discarded; wall seconds and peak KiB."""
    with open(stdin_path, "rb") as stdin, open(os.devnull, "wb") as devnull:
        start = time.perf_counter()
        process = subprocess.Popen(command, stdin=stdin, stdout=devnull)
        _, status, usage = os.wait4(process.pid, 0)
        elapsed = time.perf_counter() - start
    if os.waitstatus_to_exitcode(status) != 0:
        sys.exit("sign-throughput: %s failed" % command[0])
    return elapsed, usage.ru_maxrss


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--lines", type=int, default=1_000_000)
    parser.add_argument("--sigdoc", help="a release build of sigdoc (default: build one)")
    arguments = parser.parse_args()
    root = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
    binary = arguments.sigdoc
    if binary is None:
        subprocess.run(["swift", "build", "-c", "release", "--product", "sigdoc"], cwd=root, check=True,
                       stdout=subprocess.DEVNULL)
        binary = os.path.join(root, ".build", "release", "sigdoc")

    with tempfile.TemporaryDirectory() as directory:
        lines = os.path.join(directory, "params.jsonl")
        tenth = os.path.join(directory, "params-tenth.jsonl")
        secret = os.path.join(directory, "secret")
        with open(secret, "w") as handle:
            handle.write("abcdefghijklmnopqrstuvwxyz0")
        generate(lines, arguments.lines, random.Random(2026))
        generate(tenth, max(1, arguments.lines // 10), random.Random(2026))
        size = os.path.getsize(lines)

        sigdoc = [binary, "sign", "--jsonl", "--secret-file", secret]
        sigdoc_seconds, sigdoc_kib = timed(sigdoc, lines)
        _, sigdoc_tenth_kib = timed(sigdoc, tenth)
        python_seconds, python_kib = timed([sys.executable, "-c", PYTHON_SIGNER, secret], lines)

    sigdoc_rate = arguments.lines / sigdoc_seconds
    python_rate = arguments.lines / python_seconds
    print("input: %d parameter sets, %.1f MB, on %d cores" % (arguments.lines, size / 1e6, os.cpu_count()))
    print("sigdoc sign --jsonl: %10.0f sets/s  (%.2f s, peak %d MiB; %d MiB on a tenth of the lines)"
          % (sigdoc_rate, sigdoc_seconds, sigdoc_kib // 1024, sigdoc_tenth_kib // 1024))
    print("pycloudinary:        %10.0f sets/s  (%.2f s, peak %d MiB)" % (python_rate, python_seconds, python_kib // 1024))
    print("ratio: sigdoc is %.1fx the Python SDK's rate (target: 10x)" % (sigdoc_rate / python_rate))


if __name__ == "__main__":
    main()
