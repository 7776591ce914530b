"""Shared helpers: the machine, the commit, statistics, and Streamlit servers on free local ports."""

from __future__ import annotations

import datetime as dt
import json
import os
import platform
import socket
import statistics
import subprocess
import sys
import time
import urllib.request
from dataclasses import dataclass, field
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
BENCH = Path(__file__).resolve().parent
CACHE = BENCH / ".cache"
LOGS = CACHE / "logs"
HOST = "127.0.0.1"


def quantile(values: list[float], q: float) -> float:
    """Linear-interpolated quantile (q in 0..1); nan for no values."""
    ordered = sorted(values)
    if not ordered:
        return float("nan")
    pos = (len(ordered) - 1) * q
    lo = int(pos)
    hi = min(lo + 1, len(ordered) - 1)
    return ordered[lo] + (ordered[hi] - ordered[lo]) * (pos - lo)


def median(values: list[float]) -> float:
    return statistics.median(values) if values else float("nan")


def log(msg: str) -> None:
    print(f"[bench {dt.datetime.now():%H:%M:%S}] {msg}", flush=True)


def machine() -> dict:
    """CPU model, cores, RAM (from /proc), Python and load average."""
    cpu = "unknown"
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                cpu = line.split(":", 1)[1].strip()
                break
    except OSError:
        pass
    ram_kb = 0
    try:
        for line in Path("/proc/meminfo").read_text().splitlines():
            if line.startswith("MemTotal:"):
                ram_kb = int(line.split()[1])
    except OSError:
        pass
    return {
        "cpu": cpu,
        "cores": os.cpu_count(),
        "ram_gib": round(ram_kb / 1024 / 1024, 1),
        "python": platform.python_version(),
        "loadavg": loadavg(),
    }


def loadavg() -> str:
    try:
        return " ".join(Path("/proc/loadavg").read_text().split()[:3])
    except OSError:
        return "?"


def git_commit() -> str:
    """`git rev-parse HEAD` (read-only). Uncommitted edits by others are not reflected."""
    try:
        return subprocess.run(["git", "rev-parse", "HEAD"], cwd=ROOT, capture_output=True, text=True,
                              check=True).stdout.strip()
    except (OSError, subprocess.CalledProcessError):
        return "unknown"


def app_fingerprint() -> str:
    """Content hash of what the app runs (dashboard/, .streamlit/, corpus, seeds, geodata, requirements).

    The repository is edited by others while benchmarks run; a commit hash does not show
    uncommitted edits, this does (read-only: it only reads the files).
    """
    import hashlib

    digest = hashlib.sha256()
    paths = [ROOT / "annotations.yaml", ROOT / "requirements.txt"]
    for folder, pattern in (("dashboard", "*.py"), (".streamlit", "*.toml"), ("seeds", "*"), ("geodata", "*.geojson")):
        paths += sorted((ROOT / folder).rglob(pattern))
    for path in paths:
        if path.is_file():
            digest.update(str(path.relative_to(ROOT)).encode())
            digest.update(path.read_bytes())
    return digest.hexdigest()[:12]


def free_port() -> int:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as s:
        s.bind((HOST, 0))
        return s.getsockname()[1]


def rss_kib(pid: int) -> int:
    """Resident set size of one process, from /proc/PID/status."""
    try:
        for line in Path(f"/proc/{pid}/status").read_text().splitlines():
            if line.startswith("VmRSS:"):
                return int(line.split()[1])
    except OSError:
        pass
    return 0


def _stat(pid: int) -> tuple[int, float] | None:
    """(parent pid, CPU seconds user+system) of a process, from /proc/PID/stat."""
    try:
        raw = Path(f"/proc/{pid}/stat").read_text()
    except OSError:
        return None
    fields = raw[raw.rindex(")") + 2:].split()
    tick = os.sysconf("SC_CLK_TCK")
    return int(fields[1]), (int(fields[11]) + int(fields[12])) / tick


def cpu_by_tree(root: int) -> dict[int, float]:
    """CPU seconds of every live process under `root` (itself included)."""
    parents: dict[int, int] = {}
    cpu: dict[int, float] = {}
    for entry in Path("/proc").iterdir():
        if entry.name.isdigit():
            st = _stat(int(entry.name))
            if st:
                parents[int(entry.name)], cpu[int(entry.name)] = st
    out = {}
    for pid in cpu:
        p = pid
        while p and p != root and p in parents:
            p = parents[p]
        if p == root:
            out[pid] = cpu[pid]
    return out


class ServerError(RuntimeError):
    pass


# Servers started by this process and not yet stopped; waits poll check_servers().
RUNNING: list[Server] = []


def check_servers() -> None:
    """Raise ServerError at once if a server we started has exited (rather than time out later)."""
    for server in list(RUNNING):
        server.check_alive()


@dataclass
class Server:
    """One `streamlit run` on a free 127.0.0.1 port, started from the repo root."""

    script: str
    name: str
    env: dict[str, str] = field(default_factory=dict)
    port: int = 0
    proc: subprocess.Popen | None = None
    log_path: Path | None = None
    run_log: Path | None = None

    def script_runs(self) -> list[tuple[float, float, float, float]]:
        """(start, end, cpu, gc) seconds of every script run so far, start/end epoch (see bench/serve.py)."""
        if not self.run_log or not self.run_log.exists():
            return []
        out = []
        for line in self.run_log.read_text().splitlines():
            parts = line.split()
            if len(parts) == 4:
                out.append(tuple(float(x) for x in parts))
        return out

    @property
    def url(self) -> str:
        return f"http://{HOST}:{self.port}"

    def start(self) -> Server:
        LOGS.mkdir(parents=True, exist_ok=True)
        self.port = self.port or free_port()
        self.log_path = LOGS / f"{self.name}-{self.port}.log"
        self.run_log = LOGS / f"{self.name}-{self.port}.runs"
        self.run_log.unlink(missing_ok=True)
        env = {**os.environ, **self.env, "PYTHONUNBUFFERED": "1", "BENCH_RUN_LOG": str(self.run_log)}
        # Same as `.venv/bin/streamlit run SCRIPT ...` (see bench/serve.py for why it is spelt this way).
        cmd = [sys.executable, "-m", "bench.serve", self.script, "--server.port", str(self.port),
               "--server.address", HOST, "--server.headless", "true",
               "--browser.gatherUsageStats", "false"]
        with open(self.log_path, "w") as out:
            self.proc = subprocess.Popen(cmd, cwd=ROOT, env=env, stdout=out, stderr=subprocess.STDOUT,
                                         start_new_session=True)
        RUNNING.append(self)
        return self

    def wait_healthy(self, timeout: float = 120.0) -> float:
        """Poll /_stcore/health until it answers "ok"; returns seconds waited."""
        t0 = time.perf_counter()
        while time.perf_counter() - t0 < timeout:
            self.check_alive()
            try:
                with urllib.request.urlopen(f"{self.url}/_stcore/health", timeout=2) as r:
                    if r.read().decode().strip() == "ok":
                        return time.perf_counter() - t0
            except OSError:
                pass
            time.sleep(0.1)
        raise ServerError(f"{self.name} not healthy on {self.url} after {timeout:.0f} s (log: {self.log_path})")

    def check_alive(self) -> None:
        if self.proc is None or self.proc.poll() is not None:
            tail = self.log_path.read_text()[-2000:] if self.log_path and self.log_path.exists() else ""
            code = None if self.proc is None else self.proc.returncode
            if self in RUNNING:
                RUNNING.remove(self)
            killed = (code is not None and code < 0) or "Stopping..." in tail
            how = " (stopped by a signal from outside the benchmark)" if killed else ""
            raise ServerError(f"{self.name} server (port {self.port}) exited with {code}{how}:\n{tail[-600:]}")

    def rss_kib(self) -> int:
        return rss_kib(self.proc.pid) if self.proc else 0

    def stop(self) -> None:
        """Stop only the process we started, by its pid."""
        if self in RUNNING:
            RUNNING.remove(self)
        if self.proc is None or self.proc.poll() is not None:
            return
        self.proc.terminate()
        try:
            self.proc.wait(timeout=10)
        except subprocess.TimeoutExpired:
            self.proc.kill()
            self.proc.wait(timeout=10)

    def __enter__(self) -> Server:
        return self.start()

    def __exit__(self, *exc) -> None:
        self.stop()


def run_rerun(app: str, runs: int, annotations: Path | None = None, profile: bool = False,
              timeout: float = 900.0) -> dict:
    """bench.rerun in a fresh interpreter, with DASHBOARD_ANNOTATIONS set for it."""
    env = dict(os.environ)
    env.pop("DASHBOARD_ANNOTATIONS", None)
    if annotations is not None:
        env["DASHBOARD_ANNOTATIONS"] = str(annotations)
    cmd = [sys.executable, "-m", "bench.rerun", "--app", app, "--runs", str(runs), "--json"]
    if profile:
        cmd.append("--profile")
    proc = subprocess.run(cmd, cwd=ROOT, env=env, capture_output=True, text=True, timeout=timeout)
    lines = [ln for ln in proc.stdout.splitlines() if ln.startswith("{")]
    if proc.returncode != 0 or not lines:
        return {"app": app, "error": (proc.stderr or proc.stdout)[-1500:], "median_ms": float("nan"),
                "p95_ms": float("nan"), "cold_s": float("nan"), "runs": 0, "errors": ["rerun harness failed"]}
    return json.loads(lines[-1])


def fmt_ms(x: float) -> str:
    return "n/a" if x != x else f"{x:,.0f} ms"


def fmt_bytes(n: float) -> str:
    if n != n:
        return "n/a"
    for unit in ("B", "KiB", "MiB", "GiB"):
        if abs(n) < 1024 or unit == "GiB":
            return f"{n:,.0f} {unit}" if unit == "B" else f"{n:,.1f} {unit}"
        n /= 1024
    return f"{n:.1f}"
