"""Server-only load: many sessions speaking Streamlit's WebSocket protocol, no browser.

In production every reader's browser runs on the reader's own machine; only the
server is shared. On a small machine, 20 Chromium clients take far more CPU than
the server (see the load part), so this part measures what the server alone does
with many concurrent sessions: each session connects like the browser does
(/_stcore/stream, subprotocol "streamlit"), runs the map page, then toggles its
own country in the filter panel's Country list, sending the same rerun request the
browser sends (the panel's "change" state value under the panel's element id, and the id
of the fragment the panel lives in). A change is timed from sending the request to
the server's "script finished" message; the map's new layers arrive before it.

The same single-session baseline and pacing as the browser load part.
"""

from __future__ import annotations

import asyncio
import json
import random
import time

import websockets
from streamlit.proto.BackMsg_pb2 import BackMsg
from streamlit.proto.ForwardMsg_pb2 import ForwardMsg

from bench.common import Server, log, median, quantile
from bench.load import Start, session_countries
from bench.scale import summarize_runs


class ProtocolError(RuntimeError):
    """The server did not answer as the browser would expect."""


class Client:
    """One session: a WebSocket, the page's script hash, and the filter panel as last drawn."""

    def __init__(self, url: str):
        self.url = url
        self.ws = None
        self.page_hash = ""
        self.widget_id = ""
        self.fragment_id = ""
        self.countries: dict[str, str] = {}  # shown name -> code, as the panel offers them
        self.chosen: list[str] = []  # the Country codes the panel was last drawn with
        self.seq = 0
        self.epoch = f"ws-{id(self):x}"
        self.layers_seen = False

    async def connect(self) -> None:
        """A WebSocket to the server, as the browser opens it."""
        ws_url = self.url.replace("http://", "ws://") + "/_stcore/stream"
        self.ws = await websockets.connect(ws_url, subprotocols=["streamlit"], origin=self.url, max_size=None)

    async def join(self, start=None) -> None:
        """Connect and run the page once; then wait until every session has (the timed changes start together)."""
        try:
            await self.connect()
            await self.rerun()
            if not self.widget_id:
                raise ProtocolError("no filter panel in the first run")
        finally:
            if start is not None:
                start.arrived()
        if start is not None:
            await start.go.wait()

    async def rerun(self, value: list[str] | None = None, timeout: float = 120.0, restore: str | None = None) -> float:
        """Send a rerun (with the Country codes if given, or the panel's restore of an address bar after a
        reconnect); ms until the run's 'script finished'."""
        msg = BackMsg()
        state = msg.rerun_script
        state.query_string = ""
        state.page_script_hash = self.page_hash
        if value is not None or restore is not None:
            widget = state.widget_states.widgets.add()
            widget.id = self.widget_id
            self.seq += 1
            # What the panel sends (static/app/filter-panel.js): its changes not yet applied, numbered.
            change = {"epoch": self.epoch, "sent": self.seq, "changes": []}
            if value is not None:
                change["changes"] = [{"key": "country", "value": value, "n": self.seq}]
            if restore is not None:
                change["restore"] = restore
            widget.json_value = json.dumps({"change": change})
            state.fragment_id = self.fragment_id
        t0 = time.perf_counter()
        await self.ws.send(msg.SerializeToString())
        self.layers_seen = False
        deadline = t0 + timeout
        while True:
            raw = await asyncio.wait_for(self.ws.recv(), timeout=max(0.1, deadline - time.perf_counter()))
            fwd = ForwardMsg.FromString(raw)
            kind = fwd.WhichOneof("type")
            if kind == "new_session":
                self.page_hash = fwd.new_session.page_script_hash
            elif kind == "delta" and fwd.delta.WhichOneof("type") == "new_element":
                self._look(fwd)
            elif kind == "script_finished":
                return (time.perf_counter() - t0) * 1000

    def _look(self, fwd) -> None:
        el = fwd.delta.new_element
        etype = el.WhichOneof("type")
        if etype == "bidi_component" and el.bidi_component.component_name == "dashboard.filter_panel":
            self.widget_id = el.bidi_component.id
            facets = json.loads(el.bidi_component.json)["facets"]
            country = next(f for f in facets if f["key"] == "country")
            self.countries = {o["name"]: o["value"] for o in country["options"]}
            self.chosen = country["chosen"]
            self.fragment_id = fwd.delta.fragment_id
        elif etype == "component_instance":
            self.layers_seen = True


async def ws_session(url: str, name: str, duration: float, think_s: float, seed: int, stats: dict,
                     start=None) -> None:
    rng = random.Random(seed)
    stats.update({"times": [], "errors": [], "changes": 0})
    try:
        client = Client(url)
        await client.join(start)
        code = client.countries[name]
        selected = False
        if think_s:
            await asyncio.sleep(rng.uniform(0, think_s))
        end = time.monotonic() + duration
        while time.monotonic() < end:
            ms = await client.rerun([] if selected else [code])
            if not client.layers_seen:
                stats["errors"].append("a filter change did not send new map layers")
            if client.chosen != ([] if selected else [code]):
                stats["errors"].append(f"the panel came back with {client.chosen}, not the change sent")
            selected = not selected
            stats["times"].append(ms)
            stats["changes"] += 1
            if think_s:
                await asyncio.sleep(rng.uniform(0.5, 1.5) * think_s)
        await client.ws.close()
    except Exception as exc:  # noqa: BLE001 - counted
        stats["errors"].append(f"{type(exc).__name__}: {exc}"[:300])


async def _run(server: Server, sessions: int, duration: float, think_s: float, baseline_s: float) -> dict:
    countries = session_countries()
    url = server.url
    base: dict = {}
    await ws_session(url, countries[0][1], baseline_s, min(think_s, 1.0), 0, base)
    start = Start(sessions)
    stats = [{} for _ in range(sessions)]
    runs_before = len(server.script_runs())
    t0 = time.monotonic()
    await asyncio.gather(*(ws_session(url, countries[i % len(countries)][1], duration, think_s, i, s, start)
                           for i, s in enumerate(stats)))
    wall = time.monotonic() - t0
    times = [t for s in stats for t in s["times"]]
    return {
        "sessions": sessions, "duration_s": duration, "think_s": think_s, "wall_s": wall,
        "baseline": {"changes": len(base["times"]), "p50_ms": median(base["times"]),
                     "p95_ms": quantile(base["times"], 0.95), "errors": base["errors"]},
        "changes": len(times), "p50_ms": median(times), "p95_ms": quantile(times, 0.95),
        "errors": [e for s in stats for e in s["errors"]] + base["errors"],
        "server_runs": summarize_runs(server.script_runs()[runs_before:]),
    }


def run(sessions: int = 20, duration: float = 60.0, think_s: float = 10.0, baseline_s: float = 20.0) -> dict:
    with Server("dashboard/serve.py", "wsload") as server:
        server.wait_healthy()
        result = asyncio.run(_run(server, sessions, duration, think_s, baseline_s))
    log(f"wsload (think time {think_s:g} s): {result['changes']} changes, p50 {result['p50_ms']:.0f} ms, "
        f"p95 {result['p95_ms']:.0f} ms (one session p50 {result['baseline']['p50_ms']:.0f}, "
        f"p95 {result['baseline']['p95_ms']:.0f}); errors {len(result['errors'])}")
    return result
