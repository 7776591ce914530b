"""`make serve-replicas` on a port already taken says so plainly: no traceback, no replica left running."""

from __future__ import annotations

import socket
import subprocess
import sys

from deploy.replicas import busy_ports, free_port
from tests.conftest import ROOT


def test_a_taken_port_is_named_and_nothing_starts():
    base = free_port(span=3)
    with socket.socket() as taken:
        taken.bind(("127.0.0.1", base + 1))  # the first replica's port
        taken.listen()
        assert busy_ports(range(base, base + 3)) == [base + 1]
        done = subprocess.run([sys.executable, "-m", "deploy.replicas", "--replicas", "2", "--port", str(base)],
                              cwd=ROOT, capture_output=True, text=True, timeout=60)
    assert done.returncode == 2
    assert f"port {base + 1} is in use" in done.stderr and "Choose another --port" in done.stderr
    assert "Traceback" not in done.stderr + done.stdout


def test_a_free_span_is_free_throughout():
    base = free_port(span=4)
    assert busy_ports(range(base, base + 4)) == []
