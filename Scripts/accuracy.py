#!/usr/bin/env python3
"""Top-1 accuracy of `sigdoc diagnose` over Fixtures/cases/.

For each case it runs sigdoc with the case's error text, parameters, secrets, `--now` and
environment, reads the JSON report, and checks that the first finding is the expected rule,
verified exactly when the case expects it. It prints one line per miss and the accuracy, and
exits 1 unless every case is right.

Usage: Scripts/accuracy.py [--sigdoc PATH]
"""
import argparse
import json
import os
import subprocess
import sys

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))


def locate_sigdoc():
    for configuration in ("debug", "release"):
        candidate = os.path.join(ROOT, ".build", configuration, "sigdoc")
        if os.access(candidate, os.X_OK):
            return candidate
    sys.exit("accuracy: no built sigdoc; run 'swift build' first or pass --sigdoc")


def run_case(binary, folder):
    with open(os.path.join(folder, "case.json")) as handle:
        case = json.load(handle)
    command = [binary, "diagnose", os.path.join(folder, "error.txt"), "--format", "json"]
    if "params" in case:
        command += ["--params", os.path.join(folder, case["params"])]
    if "params_format" in case:
        command += ["--params-format", case["params_format"]]
    if "now" in case:
        command += ["--now", str(case["now"])]
    for secret in case["secrets"]:
        command += ["--secret-file", os.path.join(ROOT, secret)]
    environment = {"PATH": os.environ.get("PATH", "")}
    environment.update(case.get("environment", {}))
    result = subprocess.run(command, capture_output=True, env=environment)
    if result.returncode not in (0, 1):
        return case, None, result.stderr.decode(errors="replace").strip()
    findings = json.loads(result.stdout)["findings"]
    return case, (findings[0] if findings else None), None


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sigdoc", help="the sigdoc binary (default: .build/debug or release)")
    binary = parser.parse_args().sigdoc or locate_sigdoc()
    cases_root = os.path.join(ROOT, "Fixtures", "cases")
    names = sorted(os.listdir(cases_root))
    right = 0
    verified_where_expected = 0
    expected_verified = 0
    for name in names:
        case, first, error = run_case(binary, os.path.join(cases_root, name))
        expect = case["expect"]
        expected_verified += expect["verified"]
        if error is not None:
            print("MISS %-36s sigdoc failed: %s" % (name, error))
            continue
        got_rule = first["rule"] if first else "(no finding)"
        got_verified = bool(first and first["verified"])
        if got_rule == expect["rule"] and got_verified == expect["verified"]:
            right += 1
            verified_where_expected += got_verified
        else:
            print("MISS %-36s expected %s%s, got %s%s" % (
                name, expect["rule"], " (verified)" if expect["verified"] else "",
                got_rule, " (verified)" if got_verified else ""))
    print("top-1 accuracy: %d/%d cases (%.1f%%); first finding verified in %d of the %d cases that give a "
          "secret for a reproducible mistake" % (right, len(names), 100.0 * right / len(names),
                                                  verified_where_expected, expected_verified))
    sys.exit(0 if right == len(names) else 1)


if __name__ == "__main__":
    main()
