"""Browser contexts the tests share, for speed only (the browser tests are bound by Chromium's CPU on a 2-core
machine): each worker keeps a warm context, a desktop's and a phone's, and a test's tabs are opened in it and
closed after it, with what they left cleared."""

from __future__ import annotations

import contextlib


def warm(browser, server: str, phone: bool = False):
    """The worker's warm context (`phone`: a phone's, with a touch screen), made on first use, for speed only: a
    fresh context's first map page costs Chromium ~4.3 s of CPU, a tab opened beside a page of the same site
    ~2.3 s (its renderer process, and the scripts compiled in it, live on; measured on this 2-core machine, where
    the browser tests are bound by CPU). So one tab of the app's origin stays open in it (`keeper`) while each
    test's tabs are opened and closed beside it. What a test leaves behind (its tabs, cookies, stored data,
    permissions) is cleared after it (`clear_context`). Tests about a first visit, a time zone, a zoom or another
    browser make a context of their own."""
    contexts = browser.__dict__.setdefault("warm_contexts", {})
    if (server, phone) not in contexts:
        size = {"width": 390, "height": 844} if phone else {"width": 1280, "height": 800}
        context = browser.new_context(viewport=size, is_mobile=phone, has_touch=phone, accept_downloads=True)
        keeper = context.new_page()
        keeper.goto(server + "/_stcore/health")
        context.keeper = keeper
        contexts[(server, phone)] = context
    return contexts[(server, phone)]


class Tabs:
    """In place of a fresh context of the given viewport: its tabs are opened in the worker's warm context
    (`warm`) at that size, and `close()` closes them and clears what they left, as closing a context would. It
    closes every tab of that context but its keeper: a test does not take the `page` fixture (the desktop context's)
    and a desktop `Tabs` together."""

    def __init__(self, browser, server: str, viewport: dict, phone: bool = False) -> None:
        self.context = warm(browser, server, phone)
        self.viewport = viewport

    def new_page(self):
        page = self.context.new_page()
        page.set_viewport_size(self.viewport)
        return page

    def new_cdp_session(self, page):
        return self.context.new_cdp_session(page)

    def close(self) -> None:
        clear_context(self.context)


def clear_context(context) -> None:
    """Everything a test may leave in the shared context but its caches: its tabs (and with them their routes,
    init scripts, listeners and session storage), cookies, permissions and every origin's stored data."""
    pages = [pg for pg in context.pages if pg is not context.keeper]
    origins = set()
    for pg in pages:
        with contextlib.suppress(Exception):  # a tab that crashed or is closing has no storage left to clear
            origins.add(pg.evaluate("() => location.origin"))
    cdp = context.new_cdp_session(context.keeper)
    for origin in sorted(o for o in origins if o.startswith("http")):
        cdp.send("Storage.clearDataForOrigin", {"origin": origin, "storageTypes":
                 "cookies,local_storage,indexeddb,websql,service_workers,cache_storage"})
    cdp.detach()
    for pg in pages:
        pg.close()
    context.clear_cookies()
    context.clear_permissions()
