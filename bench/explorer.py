"""How big the HTML export of the whole knowledge base is, and how long Chromium takes to show it.

Side by side in one run, on the same graph and the same Chromium (Debian's, driven by Playwright):

- export: writing the whole graph in each format (median, p99 over the runs);
- ``html-file``: the self-contained HTML export opened from disk, navigation start → drawn;
- ``explorer``: the served whole-graph page ``/explore`` (fetches the Cytoscape JSON), same clock;
- ``reference``: a bare page with the same Cytoscape.js and the same elements, laid out with
  Cytoscape's default ``cose`` settings (what a plain integration does), same clock.

"Drawn" is the first animation frame after the view reports ready (layout done, canvas painted).
Run by hand: ``python bench/explorer.py [--runs 7]``. Needs /usr/bin/chromium.
``--pictures docs/img`` also takes the README's screenshots (the stack page, an HTML export).
"""

from __future__ import annotations

import argparse
import json
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from functools import partial
from pathlib import Path

import httpx
import networkx as nx
from playwright.sync_api import Page, sync_playwright

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from graph.export import FORMATS, export, neighbourhood, thing, whole  # noqa: E402
from graph.export.page import ASSETS  # noqa: E402
from graph.load import build_from_bundle  # noqa: E402
from graph.projection import project  # noqa: E402
from graph.store import OxigraphStore  # noqa: E402
from tests.browser.conftest import CHROMIUM, CHROMIUM_ARGS  # noqa: E402

DRAWN = """selector => {
  const root = document.querySelector(selector);
  return root && root.dataset.ready === "true" && performance.now();
}"""
REFERENCE = """doc => new Promise(done => {
  const t0 = performance.now();
  const cy = cytoscape({container: document.getElementById("cy"), elements: doc.elements,
                        style: doc.style, layout: {name: "cose", animate: false}});
  requestAnimationFrame(() => done({drawn: performance.now(), nodes: cy.nodes().length, t0: t0}));
})"""


def p99(values: list[float]) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(0.99 * (len(ordered) - 1)))]


def summary(name: str, values: list[float], unit: str = "ms") -> str:
    return f"{name:<12} median {statistics.median(values):8.1f} {unit}   p99 {p99(values):8.1f} {unit}   (n={len(values)})"


def timed(fn: Callable[[], object], runs: int) -> list[float]:
    out = []
    for _ in range(runs):
        t = time.perf_counter()
        fn()
        out.append((time.perf_counter() - t) * 1000)
    return out


def drawn_at(page: Page, url: str, selector: str) -> float:
    page.goto(url)
    handle = page.wait_for_function(DRAWN, arg=selector, polling="raf", timeout=120_000)
    return float(handle.json_value())


def pictures(page: Page, base: str, tmp: Path, G: nx.MultiDiGraph, out: Path) -> None:
    """The README's screenshots: the stack page answering for Gemini on a TPU, and an HTML export."""
    out.mkdir(parents=True, exist_ok=True)
    page.set_viewport_size({"width": 1400, "height": 900})
    page.goto(
        base + "/explore/stack?model=gemini-1.5-pro&cloud=google-cloud&chip=tpu-v5p&avoid=google"
    )
    page.wait_for_selector("#answer[data-ready=true]", timeout=60_000)
    page.screenshot(path=str(out / "explorer-stack.png"))
    H = neighbourhood(G, thing(G, "llama-3.1-405b"), depth=1)
    file = tmp / "llama.html"
    file.write_bytes(export(H, "html"))
    page.set_viewport_size({"width": 1300, "height": 800})
    page.goto(file.as_uri())
    page.wait_for_selector("#graph[data-ready=true]", timeout=60_000)
    page.evaluate("""() => {
        const cy = StackAtlas.viewOf(document.getElementById("graph"));
        const node = cy.getElementById("https://w3id.org/stackatlas/id/llama-3.1-405b");
        node.select(); StackAtlas.showFacts(document.querySelector(".sa-facts"), node, {});
    }""")
    page.screenshot(path=str(out / "export-html.png"))
    print(f"pictures written to {out}")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=7)
    parser.add_argument("--pictures", type=Path, help="also save the README screenshots here")
    args = parser.parse_args()

    store = OxigraphStore()
    build_from_bundle(store)
    G = whole(project(store))
    print(f"knowledge base: {len(store)} triples, {len(G)} things, {G.number_of_edges()} relations")

    print("\nexport of the whole graph (Python, in process)")
    for name in FORMATS:
        size = len(export(G, name))
        times = timed(partial(export, G, name), args.runs)
        print(f"  {summary(name, times)}   {size / 1024:8.1f} KiB")
    page_bytes = export(G, "html")
    vendored = ASSETS["cytoscape"].stat().st_size
    print(
        f"\nHTML export: {len(page_bytes)} bytes ({len(page_bytes) / 1024:.0f} KiB), of which "
        f"Cytoscape.js {vendored / 1024:.0f} KiB and the graph data "
        f"{len(export(G, 'cytoscape')) / 1024:.0f} KiB"
    )

    port = 8000 + int(time.time()) % 1000 + 1000
    server = subprocess.Popen(
        [sys.executable, "-m", "api.cli", "serve", "--memory", "--port", str(port)],
        cwd=ROOT,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    base = f"http://127.0.0.1:{port}"
    try:
        for _ in range(600):
            try:
                if httpx.get(base + "/healthz", timeout=1).status_code == 200:
                    break
            except httpx.TransportError:
                time.sleep(0.2)
        doc = httpx.get(base + "/v1/export", params={"format": "cytoscape"}, timeout=60).json()
        with tempfile.TemporaryDirectory() as tmp, sync_playwright() as pw:
            html_file = Path(tmp) / "stackatlas.html"
            html_file.write_bytes(page_bytes)
            context = pw.chromium.launch_persistent_context(
                str(Path(tmp) / "profile"),
                executable_path=CHROMIUM,
                args=CHROMIUM_ARGS,
                headless=True,
                viewport={"width": 1400, "height": 900},
            )
            page = context.new_page()
            results: dict[str, list[float]] = {"html-file": [], "explorer": [], "reference": []}
            drawn_at(page, html_file.as_uri(), "#graph")  # warm-up: disk and code caches
            for _ in range(args.runs):  # interleaved, so noise hits all three alike
                results["html-file"].append(drawn_at(page, html_file.as_uri(), "#graph"))
                results["explorer"].append(drawn_at(page, base + "/explore", "#graph"))
                page.goto("about:blank")
                page.set_content('<div id="cy" style="width:1000px;height:800px"></div>')
                page.add_script_tag(path=str(ASSETS["cytoscape"]))
                ref = page.evaluate(REFERENCE, doc)
                results["reference"].append(ref["drawn"] - ref["t0"])
            if args.pictures:
                pictures(page, base, Path(tmp), G, args.pictures)
            context.close()
    finally:
        server.terminate()
        server.wait(timeout=10)

    print(f"\nChromium, whole graph ({len(G)} nodes): navigation start → drawn")
    for name, values in results.items():
        print("  " + summary(name, values))
    ref_median = statistics.median(results["reference"])
    for name in ("html-file", "explorer"):
        ratio = statistics.median(results[name]) / ref_median
        print(f"  {name} / reference (median): {ratio:.2f}x")
    print(
        "  (reference is layout + first frame only, with the elements already in memory; "
        "html-file and explorer include parsing, fetching and the legend)"
    )
    print(json.dumps({k: [round(v, 1) for v in vs] for k, vs in results.items()}))


if __name__ == "__main__":
    main()
