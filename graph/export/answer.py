"""An analysis answer as a graph to draw: the stack, its alternatives and exit paths highlighted,
and the evidence edges marked.

The answer is given as plain IRIs and triples, so any analysis (lock-in, exit paths, what-if) can
be drawn without this module knowing its result type. Each group of things (the stack, each exit
path) also brings the offerings that join two of its members, so "Gemini on Google Cloud" shows
the offering that documents it.

>>> import networkx as nx
>>> G = nx.MultiDiGraph()
>>> for slug, kind in [("m", "Model"), ("c", "Cloud"), ("d", "Cloud"), ("o", "Offering"),
...                    ("p", "Offering"), ("x", "Chip")]:
...     G.add_node(slug, kind=kind, label=slug.upper(), slug=slug)
>>> for s, p, o in [("o", "model", "m"), ("o", "cloud", "c"), ("p", "model", "m"),
...                 ("p", "cloud", "d"), ("c", "offersChip", "x")]:
...     _ = G.add_edge(s, o, key=p, property=p, label=p)
>>> H = answer_graph(G, stack=["m", "c"], exits=[["m", "d"]], evidence=[("p", "cloud", "d")])
>>> sorted((n, H.nodes[n].get("role")) for n in H)
[('c', 'stack'), ('d', 'exit'), ('m', 'stack'), ('o', 'stack'), ('p', 'exit')]
>>> H.edges["p", "d", "cloud"]["evidence"], H.edges["o", "c", "cloud"].get("evidence")
(True, None)
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence

import networkx as nx

#: roles in drawing priority: a thing in the stack and on an exit path is drawn as stack
ROLES = ("stack", "exit", "alternative")


def answer_graph(
    G: nx.MultiDiGraph,
    *,
    stack: Iterable[str],
    alternatives: Iterable[str] = (),
    exits: Iterable[Sequence[str]] = (),
    evidence: Iterable[tuple[str, str, str]] = (),
    title: str = "analysis answer",
) -> nx.MultiDiGraph:
    """The subgraph of ``G`` an answer names, with node ``role`` and edge ``evidence`` attributes.

    Things not in ``G`` are ignored (an answer may cite literal values as evidence).
    """
    roles: dict[str, str] = {}

    def claim(nodes: Iterable[str], role: str) -> None:
        for node in nodes:
            if node in G and (node not in roles or ROLES.index(role) < ROLES.index(roles[node])):
                roles[node] = role

    stack_nodes = [n for n in stack if n in G]
    claim(stack_nodes, "stack")
    claim(_offerings_joining(G, stack_nodes), "stack")
    for path in exits:
        members = [n for n in path if n in G]
        claim(members, "exit")
        claim(_offerings_joining(G, members), "exit")
    claim(alternatives, "alternative")
    marked = [(s, p, o) for s, p, o in evidence if G.has_edge(s, o, key=p)]
    nodes = set(roles) | {s for s, _, _ in marked} | {o for _, _, o in marked}
    H = nx.MultiDiGraph(G.subgraph(nodes))
    H.graph["title"] = title
    for node, role in roles.items():
        H.nodes[node]["role"] = role
    for s, p, o in marked:
        H.edges[s, o, p]["evidence"] = True
    return H


def _offerings_joining(G: nx.MultiDiGraph, members: Sequence[str]) -> list[str]:
    """Offerings of a member model on a member cloud, service or chip (an offering points at its
    parts): the documented deployments of the group, not every offering of a shared cloud."""
    wanted = set(members)
    found = []
    for member in members:
        for offering, _, key in G.in_edges(member, keys=True):
            if key != "model" or G.nodes[offering].get("kind") != "Offering" or offering in found:
                continue
            parts = {target for _, target, k in G.out_edges(offering, keys=True) if k != "model"}
            if parts & wanted:
                found.append(offering)
    return found


def stack_answer(
    G: nx.MultiDiGraph,
    model: str,
    *,
    cloud: str | None = None,
    chip: str | None = None,
    avoid: Sequence[str] = (),
    exits: int = 5,
) -> nx.MultiDiGraph:
    """The lock-in answer for a stack (IRIs) and its first ``exits`` exit paths avoiding the
    ``avoid`` organizations' groups (slugs), drawn as one graph.

    The stack is outlined as ``stack``, the vendor-disjoint options the report counts as
    ``alternative``, each exit path's deployment as ``exit``; every evidence triple is marked.

    >>> from graph.examples import fixture_graph
    >>> from ontology.namespace import ID_IRI
    >>> G = fixture_graph()
    >>> H = stack_answer(G, ID_IRI + "open-7b", cloud=ID_IRI + "bigcloud", avoid=["bigco"])
    >>> H.nodes[ID_IRI + "gpucloud"]["role"], H.nodes[ID_IRI + "bigcloud"]["role"]
    ('exit', 'stack')
    """
    # Imported here: the analyses build on the projection, and exports of plain subgraphs should
    # not pay for importing them.
    from graph.analysis import exit_paths, lock_in

    report = lock_in(G, model, cloud=cloud, chip=chip)
    paths = exit_paths(G, model, avoid=avoid, cloud=cloud, chip=chip, limit=exits) if avoid else ()
    evidence = [e for factor in report.factors for e in factor.evidence]
    drawn = []
    for path in paths:
        d = path.deployment
        parts = [d.model, d.cloud, d.chip, d.offering, d.service, *d.software_path]
        drawn.append([r.iri for r in parts if r is not None])
        evidence.extend(path.evidence)
    label = G.nodes[model].get("label", model)
    return answer_graph(
        G,
        stack=[n for n in (model, cloud, chip) if n is not None],
        alternatives=[r.iri for group in report.disjoint_option_groups for r in group],
        exits=drawn,
        evidence=[(e.subject, e.predicate, e.obj) for e in evidence],
        title=f"Lock-in of {label}: {report.score}/100 ({report.level})"
        + (f", exits avoiding {', '.join(avoid)}" if avoid else ""),
    )
