#!/usr/bin/env python3
"""Differential check: sigdoc's signer against the Python SDK on generated parameters.

Generates parameter sets with awkward content (every Unicode plane, combining marks,
NFC/NFD pairs, & = % + , | quotes backslashes, CR/LF, tabs, long values, many keys, keys
whose pair order differs from their key order), signs each with `sigdoc sign --jsonl` and
with pycloudinary's `api_string_to_sign` and `api_sign_request`, under SHA-1 and SHA-256
and signature versions 1 and 2, and fails on the first disagreement.

Values are strings, lists of strings and positive integers: pycloudinary drops False and
0 where the server signs them (../shared/SIGNING.md), so those are not compared.

Usage: Scripts/check-against-pycloudinary.py [--count N] [--seed S] [--sigdoc PATH]
       Scripts/check-against-pycloudinary.py --write-vectors Fixtures/vectors/pycloudinary-generated.jsonl

--write-vectors records a smaller generated set with pycloudinary's answers, which
`swift test` replays without Python.
"""
import argparse
import json
import os
import random
import subprocess
import sys
import tempfile
import unicodedata

try:
    import cloudinary
    from cloudinary import utils
except ImportError:
    sys.exit("check-against-pycloudinary: the Python SDK is missing (pip install cloudinary)")

EXCLUDED = ["api_key", "cloud_name", "file", "resource_type", "signature"]
REAL_KEYS = ["folder", "public_id", "timestamp", "tags", "context", "eager", "upload_preset",
             "source", "transformation", "notification_url", "use_filename", "overwrite"]
PREFIX_KEYS = ["a", "a-b", "a_b", "a1", "ab", "a b", "a=", "A", "a.b", "a&b", "a%b", "\u00e9", "e\u0301", "\u212b", "\u00c5"]
PUNCTUATION = list("&=%+,|'\"\\/?#;:[]{}()<>*!@$^~` ") + ["\r", "\n", "\r\n", "\t", "\x0b", "\x1f", "\x7f"]
COMBINING = ["\u0301", "\u0308", "\u0327", "\u20dd", "\u1ab0", "\ufe20"]
NFC_NFD = ["\u00e9", "e\u0301", "\u00c5", "A\u030a", "\u212b", "\u1e9b\u0323", "\uac00", "\u1100\u1161"]
INVISIBLE = ["\u200b", "\u200c", "\u200d", "\ufeff", "\u00ad", "\u2028", "\u2029", "\u00a0", "\u202e"]
# One range per plane in use, so that every plane's encoding is exercised.
PLANES = [(0x20, 0x7e), (0xa0, 0xd7ff), (0xe000, 0xfffd), (0x10000, 0x1ffff), (0x20000, 0x2fffd),
          (0x30000, 0x3134f), (0xe0000, 0xe01ef), (0xf0000, 0xffffd), (0x100000, 0x10fffd)]


def random_character(rng):
    kind = rng.random()
    if kind < 0.35:
        return chr(rng.randint(0x20, 0x7e))
    if kind < 0.50:
        return rng.choice(PUNCTUATION)
    if kind < 0.58:
        return rng.choice(COMBINING)
    if kind < 0.66:
        return rng.choice(NFC_NFD)
    if kind < 0.72:
        return rng.choice(INVISIBLE)
    low, high = rng.choice(PLANES)
    code = rng.randint(low, high)
    if 0xd800 <= code <= 0xdfff:
        code = 0xfffd
    return chr(code)


def random_text(rng, longest):
    length = rng.choice([0, 1, 2, 5, 10, 30, longest]) if rng.random() < 0.9 else rng.randint(0, longest)
    text = "".join(random_character(rng) for _ in range(length))
    if rng.random() < 0.1:
        text = unicodedata.normalize(rng.choice(["NFC", "NFD"]), text)
    return text


def random_key(rng):
    roll = rng.random()
    if roll < 0.4:
        return rng.choice(REAL_KEYS)
    if roll < 0.7:
        return rng.choice(PREFIX_KEYS)
    if roll < 0.75:
        return rng.choice(EXCLUDED)
    key = random_text(rng, 12)
    return key or "k"


def random_value(rng):
    roll = rng.random()
    if roll < 0.55:
        return random_text(rng, 300 if rng.random() < 0.98 else 4000)
    if roll < 0.80:
        return [random_text(rng, 20) for _ in range(rng.choice([0, 1, 2, 3, 8]))]
    return rng.choice([1, 7, 42, 1685544025, 1685544025123, rng.randint(1, 10**18)])


def random_parameters(rng):
    count = rng.choice([1, 2, 3, 4, 6, 10]) if rng.random() < 0.95 else rng.randint(20, 60)
    parameters = {}
    for _ in range(count):
        parameters[random_key(rng)] = random_value(rng)
    return parameters


def run_sigdoc(binary, lines, algorithm, version, all_keys, secret):
    command = [binary, "sign", "--jsonl", "--algorithm", algorithm, "--signature-version", str(version)]
    if all_keys:
        command.append("--all-keys")
    with tempfile.NamedTemporaryFile("wb", delete=False) as secret_file:
        secret_file.write(secret.encode())
    try:
        result = subprocess.run(command + ["--secret-file", secret_file.name], input=lines.encode(),
                                capture_output=True, env={"PATH": os.environ.get("PATH", "")})
    finally:
        os.unlink(secret_file.name)
    if result.returncode not in (0,):
        sys.exit("check-against-pycloudinary: sigdoc exited with %d: %s"
                 % (result.returncode, result.stderr.decode(errors="replace").strip()))
    return [json.loads(line) for line in result.stdout.decode().splitlines()]


def report_mismatch(number, algorithm, version, all_keys, expected_string, expected_signature, output):
    actual = output.get("string_to_sign", "")
    first = next((i for i, (a, b) in enumerate(zip(expected_string, actual)) if a != b),
                 min(len(expected_string), len(actual)))
    window = slice(max(0, first - 40), first + 40)
    print("MISMATCH at line %d (%s, signature version %d, all keys: %s)" % (number, algorithm, version, all_keys))
    print("  first difference at character %d of %d / %d" % (first, len(expected_string), len(actual)))
    print("  pycloudinary: %s... %s" % (json.dumps(expected_string[window], ensure_ascii=True), expected_signature))
    print("  sigdoc:       %s... %s" % (json.dumps(actual[window], ensure_ascii=True), output.get("signature")))
    if "error" in output:
        print("  sigdoc error:", output["error"])


def write_vectors(path, rng, secret):
    """Writes 240 generated sets, each signed by pycloudinary under one of the four modes."""
    with open(path, "w") as handle:
        for index in range(240):
            parameters = random_parameters(rng)
            algorithm = ("sha1", "sha256")[index % 2]
            version = (1, 2)[(index // 2) % 2]
            handle.write(json.dumps({
                "parameters": json.dumps(parameters, ensure_ascii=rng.random() < 0.5),
                "test_secret": secret,
                "algorithm": algorithm,
                "signature_version": version,
                "string_to_sign": utils.api_string_to_sign(parameters, version),
                "signature": utils.api_sign_request(parameters, secret, algorithm, version),
            }, ensure_ascii=True) + "\n")


def locate_sigdoc():
    root = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
    for configuration in ("debug", "release"):
        candidate = os.path.join(root, ".build", configuration, "sigdoc")
        if os.access(candidate, os.X_OK):
            return candidate
    sys.exit("check-against-pycloudinary: no built sigdoc; run 'swift build' first or pass --sigdoc")


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--count", type=int, default=12000, help="parameter sets to generate")
    parser.add_argument("--seed", type=int, default=20261203, help="random seed")
    parser.add_argument("--sigdoc", help="the sigdoc binary (default: .build/debug or release)")
    parser.add_argument("--write-vectors", metavar="FILE", help="record pycloudinary's answers and stop")
    arguments = parser.parse_args()
    rng = random.Random(arguments.seed)
    secret = "".join(rng.choice("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789_-")
                     for _ in range(27))
    if arguments.write_vectors:
        write_vectors(arguments.write_vectors, rng, secret)
        return
    binary = arguments.sigdoc or locate_sigdoc()

    sets = [random_parameters(rng) for _ in range(arguments.count)]
    lines = "".join(json.dumps(p, ensure_ascii=rng.random() < 0.5) + "\n" for p in sets)
    compared = 0
    for algorithm in ("sha1", "sha256"):
        for version in (1, 2):
            for all_keys in (True, False):
                outputs = run_sigdoc(binary, lines, algorithm, version, all_keys, secret)
                if len(outputs) != len(sets):
                    sys.exit("check-against-pycloudinary: %d lines in, %d out" % (len(sets), len(outputs)))
                for number, (parameters, output) in enumerate(zip(sets, outputs), start=1):
                    signed = parameters if all_keys else {k: v for k, v in parameters.items() if k not in EXCLUDED}
                    expected_string = utils.api_string_to_sign(signed, version)
                    expected_signature = utils.api_sign_request(signed, secret, algorithm, version)
                    if output.get("string_to_sign") != expected_string or output.get("signature") != expected_signature:
                        report_mismatch(number, algorithm, version, all_keys, expected_string,
                                        expected_signature, output)
                        sys.exit(1)
                    compared += 1
    print("pycloudinary %s agrees with sigdoc on %d signatures: %d generated parameter sets (seed %d)"
          " x sha1/sha256 x signature versions 1/2 x with and without excluded keys"
          % (cloudinary.VERSION, compared, len(sets), arguments.seed))


if __name__ == "__main__":
    main()
