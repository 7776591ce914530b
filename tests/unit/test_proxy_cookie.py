"""The proxy's stickiness cookie (deploy/haproxy.cfg), as a browser receives it: over plain http SameSite=Lax;
with TLS set (readers reach it over https) one that a page embedded in another site sends too (issue 28):
SameSite=None, Secure and Partitioned. Run through Debian's haproxy against a stand-in replica."""

from __future__ import annotations

import http.server
import os
import shutil
import subprocess
import threading
import time
import urllib.request
from pathlib import Path

import pytest

from deploy.replicas import free_port
from tests.ci import need

CONFIG = Path(__file__).resolve().parents[2] / "deploy" / "haproxy.cfg"


@pytest.fixture(scope="module")
def replica():
    """A stand-in replica: answers every GET (the proxy's health check included) with 200 "ok"."""

    class Handler(http.server.BaseHTTPRequestHandler):
        def do_GET(self):  # noqa: N802 (http.server's name)
            self.send_response(200)
            self.end_headers()
            self.wfile.write(b"ok")

        def log_message(self, *args):
            pass

    httpd = http.server.ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    threading.Thread(target=httpd.serve_forever, daemon=True).start()
    yield f"127.0.0.1:{httpd.server_address[1]}"
    httpd.shutdown()


@pytest.mark.parametrize(("tls", "cookie"), [
    (False, "STREAMLIT_REPLICA=app1; path=/; HttpOnly; SameSite=Lax"),
    (True, "STREAMLIT_REPLICA=app1; path=/; HttpOnly; Secure; SameSite=None; Partitioned"),
], ids=["http", "behind TLS"])
def test_the_stickiness_cookie_is_one_an_embedded_page_sends_behind_tls(replica, tls, cookie):
    haproxy = shutil.which("haproxy") or shutil.which("haproxy", path="/usr/sbin:/usr/local/sbin")
    need(haproxy is not None, "haproxy is not installed (apt-get install haproxy)")
    port = free_port()
    env = dict(os.environ, LISTEN=f"127.0.0.1:{port}", APP1=replica)
    if tls:
        env["TLS"] = "1"
    else:
        env.pop("TLS", None)
    checked = subprocess.run([haproxy, "-c", "-f", str(CONFIG)], env=env, capture_output=True, text=True, timeout=30)
    assert checked.returncode == 0, checked.stdout + checked.stderr
    proc = subprocess.Popen([haproxy, "-db", "-f", str(CONFIG)], env=env, stdout=subprocess.DEVNULL,
                            stderr=subprocess.STDOUT)
    try:
        deadline = time.monotonic() + 20
        while True:
            try:
                with urllib.request.urlopen(f"http://127.0.0.1:{port}/", timeout=5) as response:
                    assert response.headers.get_all("Set-Cookie") == [cookie]
                    return
            except OSError:
                if time.monotonic() > deadline:
                    raise
                time.sleep(0.1)
    finally:
        proc.terminate()
        proc.wait(timeout=10)
