"""Runs the extension's JavaScript unit tests (tests/js, node's built-in test runner) as part of
the suite, so a broken count heuristic or page rule fails CI like any Python test."""

from __future__ import annotations

import shutil
import subprocess
from pathlib import Path

import pytest

TESTS = Path(__file__).resolve().parents[1] / "js"


def test_javascript_unit_tests_pass() -> None:
    node = shutil.which("node")
    if node is None:
        pytest.fail(
            "node is needed for the extension's JavaScript tests: "
            "bash scripts/setup-system.sh --test installs it",
            pytrace=False,
        )
    files = sorted(str(p) for p in TESTS.glob("*.test.mjs"))
    assert files, f"no JavaScript tests found in {TESTS}"
    done = subprocess.run(
        [node, "--test", *files], capture_output=True, text=True, timeout=120, check=False
    )
    summary = [line for line in done.stdout.splitlines() if line.startswith(("# pass", "# fail"))]
    assert done.returncode == 0, done.stdout[-4000:] + done.stderr[-2000:]
    assert summary and summary[0] != "# pass 0", done.stdout[-2000:]
