"""What a test may do when something it needs is missing: skip on a developer's machine, fail under CI.

CI (`.ci/run`, CI=true) installs everything the tests need, so a missing tool there is a broken set-up,
not a reason to pass.
"""

from __future__ import annotations

import os

import pytest

IN_CI = os.environ.get("CI", "").lower() in ("1", "true", "yes")


def need(condition: bool, why: str) -> None:
    """Go on if condition holds; otherwise skip, or fail under CI."""
    if condition:
        return
    if IN_CI:
        pytest.fail(f"cannot run under CI: {why}")
    pytest.skip(why)
