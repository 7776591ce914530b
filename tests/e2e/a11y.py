"""axe-core on a page as a screen-reader user meets it: the top document and every frame in it (the map is
an iframe), WCAG 2.1 A and AA rules.

axe-core comes from the npm registry, pinned by version and checked against the registry's sha512
integrity, then kept in .venv/ (nothing is fetched when a page loads, only once per checkout).
"""

from __future__ import annotations

import base64
import contextlib
import hashlib
import io
import tarfile
import urllib.request
from pathlib import Path

from playwright.sync_api import Error as PlaywrightError

AXE_VERSION = "4.14.1"
AXE_TARBALL = f"https://registry.npmjs.org/axe-core/-/axe-core-{AXE_VERSION}.tgz"
AXE_INTEGRITY = "sha512-FHfa+lmNjQZfJz1q8wKqIDwC6DExcHt/pkjNQb09a3NPjCKg2rhu5qb2S4r76ASyFNNtuFooJpZe37OgudVGtQ=="
CACHE = Path(__file__).resolve().parents[2] / ".venv" / f"axe-core-{AXE_VERSION}" / "axe.min.js"

WCAG_21_AA = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]
BLOCKING = ("serious", "critical")


class AxeUnavailableError(RuntimeError):
    """axe-core could not be fetched or did not match its pinned integrity."""


def axe_script() -> str:
    """axe.min.js of the pinned version: from the cache, else from the registry, checked first."""
    if not CACHE.exists():
        try:
            with urllib.request.urlopen(AXE_TARBALL, timeout=60) as response:
                tarball = response.read()
        except OSError as exc:
            raise AxeUnavailableError(f"cannot fetch {AXE_TARBALL}: {exc}") from exc
        algorithm, _, expected = AXE_INTEGRITY.partition("-")
        got = base64.b64encode(hashlib.new(algorithm, tarball).digest()).decode()
        if got != expected:
            raise AxeUnavailableError(f"{AXE_TARBALL}: integrity {algorithm}-{got}, expected {AXE_INTEGRITY}")
        with tarfile.open(fileobj=io.BytesIO(tarball), mode="r:gz") as archive:
            script = archive.extractfile("package/axe.min.js").read()
        CACHE.parent.mkdir(parents=True, exist_ok=True)
        CACHE.write_bytes(script)
    return CACHE.read_text(encoding="utf-8")


IDLE = """() => !document.querySelector('[data-stale="true"]') &&
  !document.querySelector('[data-testid="stStatusWidgetRunningIcon"]')"""


def axe_violations(page, impacts: tuple[str, ...] = BLOCKING, rules: list[str] | None = None) -> list[dict]:
    """The violations of `impacts`, each {"id", "impact", "help", "targets": [CSS selector paths, at most 5]}.

    axe checks a frame only where it is loaded, so it is put into every frame before the top one runs. It runs
    once the app is idle: while Streamlit runs the script it fades the elements it may replace
    (data-stale="true"), and axe would judge the fade's colours, which no reader sees for long.
    """
    page.wait_for_function(IDLE)
    script = axe_script()
    for frame in page.frames:
        if frame is not page.main_frame:
            # A frame gone while we looked (a rerun replaced it) has nothing left to check.
            with contextlib.suppress(PlaywrightError):
                frame.evaluate(script)
    page.evaluate(script)
    results = page.evaluate("(tags) => axe.run(document, {runOnly: {type: 'tag', values: tags}, "
                            "resultTypes: ['violations']})", rules or WCAG_21_AA)
    return [{"id": v["id"], "impact": v["impact"], "help": v["help"],
             "targets": [n["target"] for n in v["nodes"]][:5]}
            for v in results["violations"] if v["impact"] in impacts]
