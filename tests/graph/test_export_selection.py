"""What gets exported: neighbourhoods (checked against SPARQL), CONSTRUCT results, analysis answers."""

from __future__ import annotations

import networkx as nx
import pyoxigraph as ox
import pytest

from graph.analysis import avoid_groups, exit_paths, index, lock_in
from graph.exceptions import InvalidParameterError, NotFoundError
from graph.export import construct_graph, neighbourhood, thing, whole
from graph.export.answer import stack_answer
from graph.projection import projection
from graph.store import OxigraphStore, select
from ontology.namespace import ID_IRI

NEIGHBOURS = """
SELECT DISTINCT ?n ?focus WHERE {  # ?focus is bound by substitution
  { ?focus ?p ?n } UNION { ?n ?p ?focus }
  ?n a ?type .
  FILTER(STRSTARTS(STR(?p), "https://w3id.org/stackatlas/ns#") && STRSTARTS(STR(?n), "https://w3id.org/stackatlas/id/")
         && STRSTARTS(STR(?type), "https://w3id.org/stackatlas/ns#"))
}
"""


@pytest.fixture(scope="module")
def G(kb_store: OxigraphStore) -> nx.MultiDiGraph:
    return projection(kb_store)


def _sparql_neighbours(store: OxigraphStore, iri: str) -> set[str]:
    rows = select(store, NEIGHBOURS, substitutions={"focus": ox.NamedNode(iri)})
    return {row["n"].value for row in rows}


@pytest.mark.parametrize("slug", ["llama-3.1-405b", "tpu-v5p", "google", "aws", "apache-2.0"])
def test_the_neighbourhood_at_depth_one_is_what_sparql_finds_around_the_thing(
    kb_store: OxigraphStore, G: nx.MultiDiGraph, slug: str
) -> None:
    focus = thing(G, slug)
    H = neighbourhood(G, focus, depth=1)
    assert set(H) == _sparql_neighbours(kb_store, focus) | {focus}
    assert all(H.has_edge(u, v, k) for u, v, k in G.edges(list(H), keys=True) if v in H)


def test_depth_two_reaches_the_neighbours_of_neighbours(
    kb_store: OxigraphStore, G: nx.MultiDiGraph
) -> None:
    focus = thing(G, "gemma-2-9b")
    first = _sparql_neighbours(kb_store, focus)
    second = set().union(*(_sparql_neighbours(kb_store, n) for n in first))
    assert set(neighbourhood(G, focus, depth=2)) == first | second | {focus}
    assert set(neighbourhood(G, focus, depth=0)) == {focus}


def test_kinds_keep_things_of_those_kinds_reached_through_any_kind(G: nx.MultiDiGraph) -> None:
    focus = thing(G, "llama-3.1-405b")
    H = neighbourhood(G, focus, depth=2, kinds=["Cloud"])
    clouds = {n for n in H if n != focus}
    assert clouds and {G.nodes[n]["kind"] for n in clouds} == {"Cloud"}
    assert ID_IRI + "aws" in clouds  # reached through an offering, which is left out
    software = whole(G, kinds=["Software"])
    assert {d["kind"] for _, d in software.nodes(data=True)} >= {"Framework", "AcceleratorStack"}


def test_unknown_things_and_kinds_are_refused_with_what_was_wrong(G: nx.MultiDiGraph) -> None:
    with pytest.raises(NotFoundError) as missing:
        thing(G, "lama-3.1-405b")
    assert "llama-3.1-405b" in missing.value.suggestions
    with pytest.raises(InvalidParameterError, match="'Chipz'"):
        whole(G, kinds=["Chipz"])
    with pytest.raises(InvalidParameterError, match="depth"):
        neighbourhood(G, thing(G, "h100"), depth=-1)


def test_a_construct_result_becomes_the_same_kind_of_graph(
    kb_store: OxigraphStore, G: nx.MultiDiGraph
) -> None:
    query = """PREFIX sa: <https://w3id.org/stackatlas/ns#>
    CONSTRUCT { ?chip sa:designedBy ?org . ?chip sa:released ?date }
    WHERE { ?chip sa:designedBy ?org . OPTIONAL { ?chip sa:released ?date } }"""
    result = kb_store.query(query)
    assert isinstance(result, ox.QueryTriples)
    triples = list(result)
    H = construct_graph(kb_store, query, reference=G)
    designed = [t for t in triples if t.predicate.value.endswith("#designedBy")]
    assert H.number_of_edges() == len(designed)
    assert H.number_of_nodes() == len({t.subject for t in designed} | {t.object for t in designed})
    h100 = ID_IRI + "h100"
    assert H.nodes[h100]["kind"] == "Chip" and H.nodes[h100]["label"] == G.nodes[h100]["label"]
    assert H.nodes[h100]["released"] == G.nodes[h100]["released"]
    assert H.edges[h100, ID_IRI + "nvidia", "designedBy"]["label"] == "designed by"


def test_a_construct_of_types_and_labels_takes_kind_and_label_from_the_triples(
    kb_store: OxigraphStore, G: nx.MultiDiGraph
) -> None:
    query = """PREFIX sa: <https://w3id.org/stackatlas/ns#>
    PREFIX rdfs: <http://www.w3.org/2000/01/rdf-schema#>
    CONSTRUCT { ?m a sa:Model ; rdfs:label ?l ; sa:license ?lic } WHERE {
      ?m a sa:Model ; rdfs:label ?l ; sa:license ?lic }"""
    H = construct_graph(kb_store, query, reference=nx.MultiDiGraph())
    models = {n for n, d in H.nodes(data=True) if d["kind"] == "Model"}
    typed = "SELECT DISTINCT ?m WHERE { ?m a <https://w3id.org/stackatlas/ns#Model> ; <https://w3id.org/stackatlas/ns#license> ?l }"
    assert models == {row["m"].value for row in select(kb_store, typed)}
    assert H.nodes[ID_IRI + "gpt-4o"]["label"] == G.nodes[ID_IRI + "gpt-4o"]["label"]


def test_only_graph_queries_can_be_exported(kb_store: OxigraphStore, G: nx.MultiDiGraph) -> None:
    with pytest.raises(InvalidParameterError, match="CONSTRUCT"):
        construct_graph(kb_store, "ASK { ?s ?p ?o }", reference=G)


def test_the_stack_answer_outlines_the_stack_and_exit_paths_that_avoid_the_group(
    G: nx.MultiDiGraph,
) -> None:
    model, cloud, chip = (ID_IRI + s for s in ("gemini-1.5-pro", "google-cloud", "tpu-v5p"))
    H = stack_answer(G, model, cloud=cloud, chip=chip, avoid=["google"], exits=5)
    roles = {n: d.get("role") for n, d in H.nodes(data=True)}
    assert {roles[model], roles[cloud], roles[chip]} == {"stack"}
    paths = exit_paths(G, model, cloud=cloud, chip=chip, avoid=["google"], limit=5)
    assert paths
    idx = index(G)
    google = avoid_groups(G, ["google"])
    for path in paths:
        for part in (path.deployment.model, path.deployment.cloud):
            assert roles[part.iri] in {"exit", "stack"}
        assert roles[path.deployment.cloud.iri] == "exit"
        assert not {idx.org_group.get(o) for o in G.successors(path.deployment.cloud.iri)} & google
    marked = {(u, k, v) for u, v, k, d in H.edges(keys=True, data=True) if d.get("evidence")}
    cited = {(e.subject, e.predicate, e.obj) for p in paths for e in p.evidence}
    assert cited & {(u, k, v) for u, v, k in G.edges(keys=True)} <= marked
    assert f"{lock_in(G, model, cloud=cloud, chip=chip).score}/100" in H.graph["title"]
