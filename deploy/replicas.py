"""Replicas behind HAProxy on this machine: N `streamlit run` processes and Debian's haproxy, with the same
proxy config as compose.yaml (deploy/haproxy.cfg). `make serve-replicas N=3` runs it until Ctrl-C; the e2e
tests and the bench start and stop it through `Replicas`.
"""

from __future__ import annotations

import argparse
import os
import secrets
import shutil
import signal
import socket
import subprocess
import sys
import time
import urllib.request
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
CONFIG = Path(__file__).resolve().parent / "haproxy.cfg"
MAX_REPLICAS = 8  # the servers deploy/haproxy.cfg can name (APP1 ... APP8)


def free_port(span: int = 1) -> int:
    """A port nothing listens on now (the kernel's pick), with the `span - 1` ports after it free too (for
    `--port P`, whose replicas take P+1, P+2, …)."""
    for _ in range(100):
        with socket.socket() as s:
            s.bind(("127.0.0.1", 0))
            base = s.getsockname()[1]
        if base + span <= 65536 and not busy_ports(range(base, base + span)):
            return base
    raise RuntimeError(f"no {span} free ports in a row")


def busy_ports(ports) -> list[int]:
    """Those of `ports` that something listens on (or that cannot be bound) on 127.0.0.1."""
    busy = []
    for port in ports:
        with socket.socket() as s:
            try:
                s.bind(("127.0.0.1", port))
            except OSError:
                busy.append(port)
    return busy


def wait_healthy(url: str, proc: subprocess.Popen | None = None, timeout: float = 90) -> bool:
    """Until `url`/_stcore/health answers ok (False on timeout or if the process died)."""
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        try:
            with urllib.request.urlopen(f"{url}/_stcore/health", timeout=2) as r:
                if r.read() == b"ok":
                    return True
        except OSError:
            time.sleep(0.2)
        if proc is not None and proc.poll() is not None:
            return False
    return False


def streamlit_cmd(port: int, app: str = "dashboard/serve.py") -> list[str]:
    """One replica: the app as `make run` serves it, on 127.0.0.1:port."""
    return [sys.executable, "-m", "streamlit", "run", app, "--server.port", str(port), "--server.address",
            "127.0.0.1", "--server.headless", "true", "--browser.gatherUsageStats", "false"]


@dataclass
class Replicas:
    """N replicas and the proxy in front of them; `url` is the proxy's."""

    n: int
    port: int
    log_dir: Path
    app: str = "dashboard/serve.py"
    # How to start one replica on a port (the bench starts them through bench.serve, to time their runs).
    command: Callable[[int], list[str]] | None = None
    ports: list[int] = field(default_factory=list)
    procs: list[subprocess.Popen | None] = field(default_factory=list)
    proxy: subprocess.Popen | None = None

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.port}"

    def replica_url(self, i: int) -> str:
        return f"http://127.0.0.1:{self.ports[i]}"

    def _env(self) -> dict[str, str]:
        env = dict(os.environ)
        # Every replica signs cookies and XSRF tokens with the same secret, so one replica's token is good
        # on another after a failover. compose.yaml sets it the same way.
        env.setdefault("STREAMLIT_SERVER_COOKIE_SECRET", secrets.token_urlsafe(32))
        os.environ.setdefault("STREAMLIT_SERVER_COOKIE_SECRET", env["STREAMLIT_SERVER_COOKIE_SECRET"])
        return env

    def _start_replica(self, i: int) -> None:
        log = open(self.log_dir / f"replica-{i + 1}-{self.ports[i]}.log", "a")  # noqa: SIM115 -- the process's
        cmd = self.command(self.ports[i]) if self.command else streamlit_cmd(self.ports[i], self.app)
        proc = subprocess.Popen(cmd, cwd=ROOT, stdout=log,
                                stderr=subprocess.STDOUT, env=self._env())
        self.procs[i] = proc
        if not wait_healthy(self.replica_url(i), proc):
            self.stop()
            raise RuntimeError(f"replica {i + 1} did not start; see {log.name}")

    def start(self) -> Replicas:
        if not 1 <= self.n <= MAX_REPLICAS:
            raise ValueError(f"1 to {MAX_REPLICAS} replicas (deploy/haproxy.cfg names {MAX_REPLICAS} servers)")
        haproxy = shutil.which("haproxy") or shutil.which("haproxy", path="/usr/sbin:/usr/local/sbin")
        if haproxy is None:
            raise RuntimeError("haproxy is not installed (Debian: apt-get install haproxy)")
        self.log_dir.mkdir(parents=True, exist_ok=True)
        self.ports = self.ports or [free_port() for _ in range(self.n)]
        self.procs = [None] * self.n
        for i in range(self.n):
            self._start_replica(i)
        env = self._env() | {"LISTEN": f"127.0.0.1:{self.port}"}
        env |= {f"APP{i + 1}": f"127.0.0.1:{p}" for i, p in enumerate(self.ports)}
        log = open(self.log_dir / f"haproxy-{self.port}.log", "a")  # noqa: SIM115 -- the process's
        self.proxy = subprocess.Popen([haproxy, "-W", "-db", "-f", str(CONFIG)], cwd=ROOT, stdout=log,
                                      stderr=subprocess.STDOUT, env=env)
        if not wait_healthy(self.url, self.proxy, timeout=30):
            self.stop()
            raise RuntimeError(f"haproxy did not start; see {log.name}")
        return self

    def kill(self, i: int, sig: int = signal.SIGKILL) -> None:
        """Replica i dies (SIGKILL: no goodbye to its websockets, as a lost container)."""
        proc = self.procs[i]
        if proc is not None and proc.poll() is None:
            proc.send_signal(sig)
            proc.wait(timeout=20)

    def restart(self, i: int) -> None:
        self.kill(i, signal.SIGTERM)
        self._start_replica(i)

    def stop(self) -> None:
        for proc in [self.proxy, *self.procs]:
            if proc is not None and proc.poll() is None:
                proc.terminate()
        for proc in [self.proxy, *self.procs]:
            if proc is not None:
                try:
                    proc.wait(timeout=20)
                except subprocess.TimeoutExpired:
                    proc.kill()


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--replicas", type=int, default=2)
    parser.add_argument("--port", type=int, default=8501, help="where the proxy listens")
    args = parser.parse_args()
    replicas = Replicas(args.replicas, args.port, ROOT / ".replicas",
                        ports=[args.port + 1 + i for i in range(args.replicas)])
    signal.signal(signal.SIGTERM, lambda *_: sys.exit(0))
    # Ctrl-C stops everything even when this was started as a background job (`make serve-replicas &`, a CI
    # runner, nohup): the shell then starts it with SIGINT ignored, and Python would keep it ignored.
    signal.signal(signal.SIGINT, signal.default_int_handler)
    busy = busy_ports([args.port, *replicas.ports])
    if busy:
        print(f"Cannot start: port{'s' if len(busy) > 1 else ''} {', '.join(map(str, busy))} "
              f"{'are' if len(busy) > 1 else 'is'} in use (the proxy takes --port P, the replicas P+1 to "
              f"P+{args.replicas}). Choose another --port.", file=sys.stderr)
        return 2
    try:
        replicas.start()
        print(f"{args.replicas} replicas on ports {replicas.ports}, behind HAProxy at {replicas.url} "
              f"(logs in .replicas/). Ctrl-C stops them.", flush=True)
        while all(p is not None and p.poll() is None for p in [replicas.proxy, *replicas.procs]):
            time.sleep(1)
        print("a replica or the proxy stopped; stopping the rest", file=sys.stderr)
        return 1
    except (KeyboardInterrupt, SystemExit):
        return 0
    except (RuntimeError, ValueError) as exc:  # said plainly, not as a traceback
        print(f"Cannot start: {exc}", file=sys.stderr)
        return 2
    finally:
        replicas.stop()


if __name__ == "__main__":
    sys.exit(main())
