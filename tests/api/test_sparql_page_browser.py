"""The query page in Debian's Chromium: the vendored YASGUI editor opens on the saved questions,
runs one against the endpoint, and shows its rows, with no console error."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from playwright.sync_api import Page

from tests.browser.conftest import close, launch, watch
from tests.conftest import Server

pytestmark = [pytest.mark.browser, pytest.mark.server]

QUERIES = sorted((Path(__file__).parents[2] / "ontology" / "queries").glob("*.rq"))


@pytest.fixture(scope="module")
def server() -> Iterator[Server]:
    srv = Server(["--memory"])
    yield srv
    srv.stop()


@pytest.fixture
def page(tmp_path: Path) -> Iterator[Page]:
    playwright, context = launch(tmp_path / "profile")
    tab = watch(context.new_page())
    yield tab
    close(playwright, context)


def test_query_page_opens_on_the_saved_queries_and_runs_one(server: Server, page: Page) -> None:
    page.goto(server.url + "/sparql")
    page.wait_for_selector(".tabsList .tab")
    names = [t.split("\n")[0].strip() for t in page.locator(".tabsList .tab").all_inner_texts()]
    assert [n for n in names if n] == [p.stem for p in QUERIES]  # (the "\n✖" is a close button)
    page.locator(".tabsList .tab", has_text="which_chips_are_exclusive_to_one_cloud").click()
    page.locator(".tabPanel.active .yasqe_queryButton").click()
    rows = page.locator(".tabPanel.active .yasr table tbody tr")
    rows.first.wait_for(timeout=30_000)
    assert rows.count() > 0
    assert page.errors == []  # type: ignore[attr-defined]
