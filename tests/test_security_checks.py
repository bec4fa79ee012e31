"""`make test` runs bandit: the code has no medium or high finding, and a planted one fails the check."""

from __future__ import annotations

import re
import subprocess  # nosec B404: runs the project's own bandit, with fixed arguments
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
BANDIT = Path(sys.executable).with_name("bandit")


def _bandit_args() -> list[str]:
    """The arguments `make security-check` gives bandit, read from the Makefile so the two never differ."""
    match = re.search(r"^BANDIT_ARGS := (.+)$", (ROOT / "Makefile").read_text(), re.M)
    assert match, "the Makefile has no BANDIT_ARGS"
    return match.group(1).split()


def _run(args: list[str]) -> subprocess.CompletedProcess:
    return subprocess.run([str(BANDIT), *args], cwd=ROOT, capture_output=True, text=True, check=False)  # nosec B603


def test_make_test_runs_the_security_check():
    makefile = (ROOT / "Makefile").read_text()
    test_target = makefile.split("\ntest: ", 1)[1].split("\n\n", 1)[0]
    assert "security-check" in test_target


def test_the_code_has_no_medium_or_high_finding():
    result = _run(_bandit_args())
    assert result.returncode == 0, result.stdout + result.stderr


def test_a_medium_finding_fails_the_check(tmp_path):
    planted = tmp_path / "planted.py"
    planted.write_text("import tempfile\n\nNAME = tempfile.mktemp()\n")  # B306, medium
    args = [arg for arg in _bandit_args() if arg not in ("portal", "wsgi.py")]
    result = _run([*args, str(planted)])
    assert result.returncode == 1
    assert "B306" in result.stdout
