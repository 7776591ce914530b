"""`python -m bench.serve SCRIPT [streamlit options]`: exactly `streamlit run SCRIPT [options]`.

The benchmark starts its servers through this module rather than the
`.venv/bin/streamlit` entry point. The server is the same (Streamlit's own CLI
`main`, same arguments, same process), but the command line does not contain
the word "streamlit": on a shared machine, someone else's broad
`pkill -f streamlit` then does not stop a benchmark half-way.

With BENCH_RUN_LOG=FILE set, each script run's start and end (epoch seconds),
the CPU time of the script thread and the time of Streamlit's post-run
`gc.collect(2)` (runner.postScriptGC) are appended to FILE: the live server's
own rerun time, which bench/page.py sets beside the browser's timeline. The
app's code is not touched.
"""

from __future__ import annotations

import os
import sys
import time


def _log_script_runs(path: str) -> None:
    import gc
    import threading

    from streamlit.runtime.scriptrunner import script_runner

    spent = threading.local()

    class _TimedGC:
        """The script runner's `gc` module, with collect() timed (runner.postScriptGC)."""

        def __getattr__(self, name):
            return getattr(gc, name)

        def collect(self, *args):
            t = time.perf_counter()
            try:
                return gc.collect(*args)
            finally:
                spent.gc = getattr(spent, "gc", 0.0) + time.perf_counter() - t

    script_runner.gc = _TimedGC()
    original = script_runner.ScriptRunner._run_script

    def timed(self, rerun_data):
        start, cpu = time.time(), time.thread_time()
        spent.gc = 0.0
        try:
            return original(self, rerun_data)
        finally:
            with open(path, "a") as f:
                f.write(f"{start:.6f} {time.time():.6f} {time.thread_time() - cpu:.6f} {spent.gc:.6f}\n")

    script_runner.ScriptRunner._run_script = timed


def main() -> int:
    from streamlit.web.cli import main as streamlit_main

    if os.environ.get("BENCH_RUN_LOG"):
        _log_script_runs(os.environ["BENCH_RUN_LOG"])

    sys.argv = ["streamlit", "run", *sys.argv[1:]]
    return streamlit_main()


if __name__ == "__main__":
    sys.exit(main())
