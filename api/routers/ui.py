"""Routes: the web explorer's pages (start page with search, the whole graph, the stack page).

The pages are static HTML from templates; the scripts under ``/static/explorer`` fetch the data
from the REST routes (search, export, lock-in, exit paths), so every page works offline against a
local ``stackatlas serve``.
"""

from __future__ import annotations

from pathlib import Path

from fastapi import APIRouter, Request
from fastapi.responses import FileResponse, HTMLResponse
from fastapi.templating import Jinja2Templates

from api.deps import StoreDep
from graph.export import FORMATS
from graph.projection import projection

router = APIRouter(tags=["web explorer"], include_in_schema=False)
templates = Jinja2Templates(directory=Path(__file__).parent.parent / "templates")
STATIC = Path(__file__).parent.parent / "static"

#: the pickers of the stack page: field → kinds offered in it
PICKERS = {"model": ("Model",), "cloud": ("Cloud",), "chip": ("Chip",), "avoid": ("Organization",)}


@router.get("/", response_class=HTMLResponse)
def start_page(request: Request, store: StoreDep) -> HTMLResponse:
    """Search, counts per kind, and links to the graph, the stack page, SPARQL and the API docs."""
    return _start(request, store, draw_whole=False)


@router.get("/explore", response_class=HTMLResponse)
def graph_page(request: Request, store: StoreDep) -> HTMLResponse:
    """The whole knowledge graph, drawn; click a node for its facts."""
    return _start(request, store, draw_whole=True)


@router.get("/favicon.ico")
def favicon() -> FileResponse:
    """The site icon (browsers ask for it on every page; a 404 would be a console error)."""
    return FileResponse(STATIC / "explorer" / "favicon.svg", media_type="image/svg+xml")


def _start(request: Request, store: StoreDep, *, draw_whole: bool) -> HTMLResponse:
    G = projection(store)
    counts: dict[str, int] = {}
    for _, data in G.nodes(data=True):
        counts[data["kind"]] = counts.get(data["kind"], 0) + 1
    context = {
        "counts": sorted(counts.items()),
        "nodes": len(G),
        "edges": G.number_of_edges(),
        "formats": list(FORMATS),
        "draw_whole": draw_whole,
    }
    return templates.TemplateResponse(request, "index.html", context)


@router.get("/explore/stack", response_class=HTMLResponse)
def stack_page(request: Request, store: StoreDep) -> HTMLResponse:
    """Pick a model, cloud and chip; see the lock-in report, its factors and the exit paths drawn."""
    G = projection(store)
    options: dict[str, list[tuple[str, str]]] = {}
    for field, kinds in PICKERS.items():
        options[field] = sorted(
            ((d["slug"], d["label"]) for _, d in G.nodes(data=True) if d["kind"] in kinds),
            key=lambda pair: pair[1].casefold(),
        )
    chosen = {field: request.query_params.get(field, "") for field in PICKERS}
    return templates.TemplateResponse(request, "stack.html", {"options": options, "chosen": chosen})
