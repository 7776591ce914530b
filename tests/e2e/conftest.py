"""A real `streamlit run` on a free port, and Debian's Chromium driven by Playwright."""

from __future__ import annotations

import os
import shutil
import subprocess
from pathlib import Path

import pytest
from playwright.sync_api import Error as PlaywrightError
from playwright.sync_api import expect

from deploy.replicas import Replicas, free_port, streamlit_cmd, wait_healthy
from tests.ci import need
from tests.e2e.contexts import clear_context, warm
from tests.e2e.helpers import render_state

ROOT = Path(__file__).resolve().parents[2]
ARTIFACTS = Path(__file__).resolve().parent / "artifacts"
# How long a state the app reports (the app idle, a step shown, the address) may take to come on a busy 2-core
# machine: a bound, never a delay. Every wait returns as soon as its state holds; this is only how long a test
# waits before it says the state never came. Playwright's own default for `expect` is 5 s.
STATE_WAIT_MS = 60_000
expect.set_options(timeout=STATE_WAIT_MS)


def _start(port: int, base_path: str = "", env: dict | None = None) -> tuple[subprocess.Popen, str]:
    cmd = streamlit_cmd(port)
    if base_path:
        cmd += ["--server.baseUrlPath", base_path]
    log = open(ARTIFACTS / f"server-{port}.log", "a")  # noqa: SIM115 -- lives as long as the server
    proc = subprocess.Popen(cmd, cwd=ROOT, stdout=log, stderr=subprocess.STDOUT, env={**os.environ, **(env or {})})
    prefix = f"/{base_path}" if base_path else ""
    url = f"http://127.0.0.1:{port}{prefix}"
    if not wait_healthy(url, proc):
        proc.terminate()
        pytest.fail(f"streamlit did not become healthy; see {log.name}")
    return proc, url


def _serve(base_path: str = "", env: dict | None = None):
    return _start(free_port(), base_path, env)


class RestartableServer:
    """One `streamlit run` that a test can stop and start again on the same port, as a deploy does."""

    def __init__(self) -> None:
        self.port = free_port()
        self.proc, self.url = _start(self.port)

    def stop(self) -> None:
        self.proc.terminate()  # SIGTERM, as a host stopping a container
        self.proc.wait(timeout=20)

    def start(self) -> None:
        self.proc, self.url = _start(self.port)

    def restart(self) -> None:
        self.stop()
        self.start()


@pytest.fixture(scope="session")
def chromium_path() -> str:
    path = shutil.which("chromium")
    need(path is not None, "Debian's chromium is not installed (apt-get install chromium)")
    return path


@pytest.fixture(scope="session")
def server():
    ARTIFACTS.mkdir(exist_ok=True)
    proc, url = _serve()
    yield url
    proc.terminate()
    proc.wait(timeout=20)


@pytest.fixture(scope="session")
def server_with_base_path():
    ARTIFACTS.mkdir(exist_ok=True)
    proc, url = _serve("dash")
    yield url
    proc.terminate()
    proc.wait(timeout=20)


@pytest.fixture(scope="module")
def _module_restartable_server():
    ARTIFACTS.mkdir(exist_ok=True)
    server = RestartableServer()
    yield server
    if server.proc.poll() is None:
        server.stop()


@pytest.fixture
def restartable_server(_module_restartable_server):
    """A module's tests share one (each of them restarts it anyway: a start is ~4 s of a busy machine's CPU); one
    that a test left stopped is started again."""
    if _module_restartable_server.proc.poll() is not None:
        _module_restartable_server.start()
    return _module_restartable_server


@pytest.fixture(scope="module")
def replicas():
    """Two replicas behind HAProxy, as `make serve-replicas` runs them (deploy/haproxy.cfg)."""
    need(shutil.which("haproxy", path=os.environ.get("PATH", "") + ":/usr/sbin") is not None,
          "Debian's haproxy is not installed (apt-get install haproxy)")
    ARTIFACTS.mkdir(exist_ok=True)
    try:
        replicas = Replicas(2, free_port(), ARTIFACTS).start()
    except RuntimeError as exc:
        pytest.fail(str(exc))
    yield replicas
    replicas.stop()


@pytest.fixture(scope="session")
def hostile_server(tmp_path_factory):
    """The app on a corpus whose every text field holds hostile strings (tests/hostile.py)."""
    from tests.hostile import make_hostile_corpus

    ARTIFACTS.mkdir(exist_ok=True)
    annotations, seeds = make_hostile_corpus(tmp_path_factory.mktemp("hostile"))
    proc, url = _serve(env={"DASHBOARD_ANNOTATIONS": str(annotations), "DASHBOARD_SEEDS": str(seeds)})
    yield url
    proc.terminate()
    proc.wait(timeout=20)


@pytest.fixture(scope="session")
def browser(chromium_path):
    try:
        from playwright.sync_api import sync_playwright
    except ImportError:
        need(False, "playwright is not installed")
    with sync_playwright() as p:
        b = p.chromium.launch(executable_path=chromium_path,
                              args=["--no-sandbox", "--disable-gpu", "--disable-background-networking"])
        new_context = b.new_context

        def new_context_waiting(*args, **kwargs):
            context = new_context(*args, **kwargs)
            context.set_default_timeout(STATE_WAIT_MS)
            return context

        b.new_context = new_context_waiting  # every test's pages wait as long (STATE_WAIT_MS)
        yield b
        b.close()


@pytest.hookimpl(hookwrapper=True)
def pytest_runtest_makereport(item, call):
    outcome = yield
    report = outcome.get_result()
    setattr(item, f"rep_{report.when}", report)


@pytest.fixture(scope="session")
def warm_context(browser, server):
    """The worker's warm desktop context (`warm`), which the `page` fixture's tests share."""
    return warm(browser, server)


@pytest.fixture
def page(warm_context, request):
    pg = warm_context.new_page()
    pg.dialogs = []
    pg.on("dialog", lambda d: (pg.dialogs.append(d.message), d.dismiss()))
    yield pg
    failed = getattr(request.node, "rep_call", None)
    if failed is not None and failed.failed:
        ARTIFACTS.mkdir(exist_ok=True)
        try:
            pg.screenshot(path=str(ARTIFACTS / f"{request.node.name}.png"), full_page=True, timeout=20000)
        except PlaywrightError as exc:  # a page that no longer renders: the test's own failure says why
            (ARTIFACTS / f"{request.node.name}.txt").write_text(f"no screenshot: {exc}\n{render_state(pg)}\n")
    clear_context(warm_context)
