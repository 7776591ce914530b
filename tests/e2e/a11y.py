"""axe-core on a page as a screen-reader user meets it: the top document and every frame in it (the map is
an iframe), WCAG 2.1 A and AA rules. axe-core comes pinned in the dev lock (axe-playwright-python bundles
Deque's axe.min.js); nothing is fetched."""

from __future__ import annotations

import contextlib

from axe_playwright_python.sync_playwright import Axe
from playwright.sync_api import Error as PlaywrightError

WCAG_21_AA = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]
BLOCKING = ("serious", "critical")
_AXE = Axe()


def axe_violations(page, impacts: tuple[str, ...] = BLOCKING) -> list[dict]:
    """The violations of `impacts`, each {"id", "impact", "help", "targets": [CSS selector paths]}.

    axe checks a frame only where it is loaded, so it is put into every frame before the top one runs.
    """
    for frame in page.frames:
        if frame is not page.main_frame:
            # A frame gone while we looked (a rerun replaced it) has nothing left to check.
            with contextlib.suppress(PlaywrightError):
                frame.evaluate(_AXE.axe_script)
    page.evaluate(_AXE.axe_script)
    results = page.evaluate("(tags) => axe.run(document, {runOnly: {type: 'tag', values: tags}, "
                            "resultTypes: ['violations']})", WCAG_21_AA)
    return [{"id": v["id"], "impact": v["impact"], "help": v["help"],
             "targets": [n["target"] for n in v["nodes"]][:5]}
            for v in results["violations"] if v["impact"] in impacts]
