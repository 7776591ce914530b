"""One pip install serves everything: a fresh venv with the lock alone (no npm, no dev tools, no earlier
build) serves the map, Leaflet included, and the page asks no other host for anything (issue #17)."""

from __future__ import annotations

import shutil
import subprocess
import sys
from urllib.parse import urlparse

import pytest

from deploy.replicas import free_port, streamlit_cmd, wait_healthy
from tests.e2e.conftest import ARTIFACTS, ROOT
from tests.e2e.helpers import request_host, wait_for_map

# What a deploy copies: the app and its data, not the checkout's venv, caches or earlier generated files.
LEFT_OUT = shutil.ignore_patterns(".git", ".venv", ".replicas", "generated", "__pycache__", ".pytest_cache",
                                  ".ruff_cache", ".hypothesis", ".cache", "tests", "bench")


@pytest.fixture(scope="module")
def fresh_install(tmp_path_factory):
    where = tmp_path_factory.mktemp("fresh")
    app = where / "app"
    shutil.copytree(ROOT, app, ignore=LEFT_OUT)
    subprocess.run([sys.executable, "-m", "venv", str(where / "venv")], check=True)
    python = where / "venv" / "bin" / "python"
    # --no-compile: Python compiles what the app imports when it first does; compiling every package at install
    # was half the install's time (48 s against 25 s), and it is not what this test is about.
    done = subprocess.run([str(python), "-m", "pip", "install", "--quiet", "--no-compile", "--require-hashes", "-r",
                           str(app / "requirements.txt")], capture_output=True, text=True)
    assert done.returncode == 0, done.stderr[-3000:]
    port = free_port()
    cmd = streamlit_cmd(port)
    cmd[0] = str(python)
    ARTIFACTS.mkdir(exist_ok=True)
    log = open(ARTIFACTS / f"fresh-install-{port}.log", "w")  # noqa: SIM115 -- lives as long as the server
    proc = subprocess.Popen(cmd, cwd=app, stdout=log, stderr=subprocess.STDOUT)
    url = f"http://127.0.0.1:{port}"
    if not wait_healthy(url, proc):
        proc.terminate()
        pytest.fail(f"the fresh install did not start; see {log.name}")
    yield app, url
    proc.terminate()
    proc.wait(timeout=20)


def test_a_fresh_pip_install_serves_the_map_and_asks_no_other_host(page, fresh_install):
    app, url = fresh_install
    hosts, leaflet = set(), []
    page.on("request", lambda r: hosts.add(request_host(r.url)))
    page.on("response", lambda r: leaflet.append(r.status) if r.url.endswith("/leaflet.js") else None)
    page.goto(url + "/")
    frame = wait_for_map(page)
    assert frame.evaluate("() => L.version") == "1.9.4"
    assert leaflet == [200]
    assert hosts <= {urlparse(url).netloc}, hosts
    # Leaflet's licence ships beside its files.
    assert "BSD 2-Clause" in (app / "dashboard/static/generated/leaflet-1.9.4/LICENSE").read_text()
