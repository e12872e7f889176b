"""What to export: the whole graph, or the neighbourhood of one thing.

>>> from graph.examples import fixture_store
>>> store = fixture_store()
>>> from graph.projection import project
>>> G = project(store)
>>> H = neighbourhood(G, thing(G, "open-7b"), depth=1)
>>> sorted(H.nodes[n]["slug"] for n in H)
['open-7b', 'open-7b--bigcloud-ai', 'open-7b--gpucloud', 'open-7b-tuned', 'open-license', 'openlab', 'runner']
>>> H.graph["title"]
'Open 7B and its neighbours (depth 1)'
>>> thing(G, "open-7c")
Traceback (most recent call last):
...
graph.exceptions.NotFoundError: no thing with slug 'open-7c'; did you mean open-7b?
"""

from __future__ import annotations

from collections.abc import Collection

import networkx as nx
from rapidfuzz import fuzz, process

from graph.exceptions import InvalidParameterError, NotFoundError
from ontology.namespace import ID_IRI

#: Kinds that name a group of more specific kinds (the projection keeps the most specific class).
KIND_GROUPS: dict[str, frozenset[str]] = {
    "Software": frozenset(
        {"Software", "Framework", "ServingEngine", "AcceleratorStack", "Library"}
    ),
    "Organization": frozenset({"Organization", "Acquisition"}),
}


def thing(G: nx.MultiDiGraph, slug: str) -> str:
    """The node (full IRI) of the thing called ``slug``; unknown slugs raise with suggestions."""
    iri = ID_IRI + slug
    if iri in G:
        return iri
    slugs = [str(data.get("slug", "")) for _, data in G.nodes(data=True)]
    close = [
        s for s, _, _ in process.extract(slug, slugs, scorer=fuzz.ratio, limit=3, score_cutoff=70)
    ]
    raise NotFoundError(kind="thing", slug=slug, suggestions=close)


def kinds_named(G: nx.MultiDiGraph, names: Collection[str]) -> frozenset[str]:
    """The node kinds that ``names`` select (a group name selects its members); unknown names raise.

    >>> G = nx.MultiDiGraph()
    >>> G.add_node("x", kind="Framework")
    >>> sorted(kinds_named(G, ["Software"]))
    ['AcceleratorStack', 'Framework', 'Library', 'ServingEngine', 'Software']
    >>> kinds_named(G, ["Chipz"])
    Traceback (most recent call last):
    ...
    graph.exceptions.InvalidParameterError: unknown kind 'Chipz' in kinds; known kinds: Framework, Organization, Software
    """
    present = {str(data.get("kind", "")) for _, data in G.nodes(data=True)}
    known = present | set(KIND_GROUPS)
    selected: set[str] = set()
    for name in names:
        if name not in known:
            raise InvalidParameterError(
                f"unknown kind {name!r} in kinds; known kinds: {', '.join(sorted(known))}"
            )
        selected |= KIND_GROUPS.get(name, frozenset({name}))
    return frozenset(selected)


def whole(G: nx.MultiDiGraph, *, kinds: Collection[str] = ()) -> nx.MultiDiGraph:
    """The whole graph (a copy), or only the things of ``kinds`` and the relations among them."""
    selected = kinds_named(G, kinds) if kinds else None
    nodes = [n for n, d in G.nodes(data=True) if selected is None or d.get("kind") in selected]
    H = nx.MultiDiGraph(G.subgraph(nodes))
    H.graph["title"] = "stackatlas knowledge graph" + (
        f" ({', '.join(sorted(kinds))})" if kinds else ""
    )
    return H


def neighbourhood(
    G: nx.MultiDiGraph, focus: str, *, depth: int = 1, kinds: Collection[str] = ()
) -> nx.MultiDiGraph:
    """``focus`` and every thing within ``depth`` relations of it, in either direction.

    The walk goes through every kind; ``kinds`` then keeps only the things of those kinds (and the
    focus), so "the clouds near Llama" finds clouds reached through offerings.
    """
    if depth < 0:
        raise InvalidParameterError(f"depth must be 0 or more, not {depth}")
    selected = kinds_named(G, kinds) if kinds else None
    reach = nx.single_source_shortest_path_length(G.to_undirected(as_view=True), focus, depth)
    nodes = [
        n for n in reach if n == focus or selected is None or G.nodes[n].get("kind") in selected
    ]
    H = nx.MultiDiGraph(G.subgraph(nodes))
    label = G.nodes[focus].get("label", focus)
    H.graph["title"] = f"{label} and its neighbours (depth {depth})"
    H.graph["focus"] = focus
    return H
