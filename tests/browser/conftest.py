"""Debian's Chromium driven by Playwright (never a downloaded browser), with a fresh profile.

Every page a test opens records its console errors and uncaught exceptions in ``page.errors``,
so a test can assert that a page ran cleanly.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from playwright.sync_api import BrowserContext, Page, sync_playwright

CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--headless",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]


def launch(user_data_dir: Path) -> tuple[object, BrowserContext]:
    """Start Playwright and a Chromium context on ``user_data_dir``; stop both with :func:`close`."""
    playwright = sync_playwright().start()
    context = playwright.chromium.launch_persistent_context(
        str(user_data_dir),
        executable_path=CHROMIUM,
        args=CHROMIUM_ARGS,
        headless=True,
        viewport={"width": 1400, "height": 900},
    )
    return playwright, context


def close(playwright: object, context: BrowserContext) -> None:
    context.close()
    playwright.stop()  # type: ignore[attr-defined]


@pytest.fixture(scope="session")
def browser_context(tmp_path_factory: pytest.TempPathFactory) -> Iterator[BrowserContext]:
    """One Chromium for the session, with a profile directory of its own."""
    playwright, context = launch(tmp_path_factory.mktemp("chromium-profile"))
    yield context
    close(playwright, context)


def watch(page: Page) -> Page:
    """Record the page's console errors and uncaught exceptions in ``page.errors``."""
    errors: list[str] = []
    page.on("console", lambda m: errors.append(f"console: {m.text}") if m.type == "error" else None)
    page.on("pageerror", lambda e: errors.append(f"exception: {e}"))
    page.errors = errors  # type: ignore[attr-defined]
    return page


@pytest.fixture
def page(browser_context: BrowserContext) -> Iterator[Page]:
    """A fresh tab that records its errors in ``page.errors``."""
    tab = watch(browser_context.new_page())
    yield tab
    tab.close()


def click_node(page: Page, root: str, iri: str) -> None:
    """Click, with the mouse, the node ``iri`` of the graph view drawn in the element ``root``.

    The view is scrolled into sight and zoomed onto the node first, and the node is raised above
    the others: in the dense layout of the whole graph two nodes can sit almost on one another.
    """
    # Scroll first and let the scroll event through: Cytoscape caches where its canvas is and
    # refreshes that on scroll, so a click right after a scroll would land at the old place.
    page.evaluate(
        """async selector => {
             document.querySelector(selector).scrollIntoView({block: "center"});
             await new Promise(done => requestAnimationFrame(() => requestAnimationFrame(done)));
           }""",
        root,
    )
    point = page.evaluate(
        """([selector, id]) => {
             const cy = StackAtlas.viewOf(document.querySelector(selector));
             const node = cy.getElementById(id);
             node.style("z-index", 9999);  // Cytoscape picks the topmost element under the mouse
             cy.zoom(4); cy.center(node);
             const at = node.renderedPosition(), box = cy.container().getBoundingClientRect();
             return {x: box.left + at.x, y: box.top + at.y};
           }""",
        [root, iri],
    )
    page.mouse.click(point["x"], point["y"])
