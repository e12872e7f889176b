"""Every export format read back by a real consumer: networkx readers, Graphviz's ``dot``, JSON."""

from __future__ import annotations

import io
import json
import subprocess
import xml.etree.ElementTree as ET

import networkx as nx
import pytest

from graph.export import FORMATS, export, neighbourhood, thing, whole
from graph.export.flat import SEPARATOR
from graph.export.style import style_of
from graph.projection import projection
from graph.store import OxigraphStore

SVG = "{http://www.w3.org/2000/svg}"


@pytest.fixture(scope="module")
def G(kb_store: OxigraphStore) -> nx.MultiDiGraph:
    return whole(projection(kb_store))


def _edge_set(G: nx.MultiDiGraph) -> set[tuple[str, str, str]]:
    return {(u, v, d["property"]) for u, v, d in G.edges(data=True)}


def test_the_format_table_names_a_media_type_extension_and_writer_for_every_format() -> None:
    assert set(FORMATS) == {"graphml", "gexf", "dot", "cytoscape", "node-link", "mermaid", "html"}
    assert len({f.extension for f in FORMATS.values()}) == len(FORMATS)
    for fmt in FORMATS.values():
        assert "/" in fmt.media_type and callable(fmt.writer)


@pytest.mark.parametrize("fmt", ["graphml", "gexf"])
def test_graphml_and_gexf_keep_every_node_edge_and_attribute(G: nx.MultiDiGraph, fmt: str) -> None:
    reader = nx.read_graphml if fmt == "graphml" else nx.read_gexf
    back = reader(io.BytesIO(export(G, fmt)))
    # networkx reads a file without parallel edges back as a simple graph
    parallel = any(G.number_of_edges(u, v) > 1 for u, v in G.edges())
    assert back.is_directed() and back.is_multigraph() == parallel
    back = nx.MultiDiGraph(back)
    assert back.number_of_nodes() == G.number_of_nodes()
    assert back.number_of_edges() == G.number_of_edges()
    assert _edge_set(back) == _edge_set(G)
    for node, data in G.nodes(data=True):
        got = back.nodes[node]
        assert (got["kind"], got["label"], got["slug"]) == (
            data["kind"],
            data["label"],
            data["slug"],
        )
        for name, value in data.items():
            if isinstance(value, list):  # several values: one string, splittable again
                assert got[name].split(SEPARATOR) == [str(v) for v in value]
            elif isinstance(value, bool | int | float):
                assert got[name] == value
            else:
                assert str(got[name]) == str(value)
    for u, v, key, data in G.edges(keys=True, data=True):
        labels = {d["label"] for d in back.get_edge_data(u, v).values() if d["property"] == key}
        assert labels == {data["label"]}


@pytest.mark.parametrize("fmt", ["graphml", "gexf"])
def test_parallel_edges_between_two_things_survive(fmt: str) -> None:
    G = nx.MultiDiGraph()
    for n, kind in (("a", "Organization"), ("b", "Organization")):
        G.add_node(n, kind=kind, label=n.upper(), slug=n)
    G.add_edge("a", "b", key="acquired", property="acquired", label="acquired")
    G.add_edge("a", "b", key="investedIn", property="investedIn", label="invested in")
    reader = nx.read_graphml if fmt == "graphml" else nx.read_gexf
    back = reader(io.BytesIO(export(G, fmt)))
    assert back.is_multigraph()
    assert sorted(d["property"] for d in back.get_edge_data("a", "b").values()) == [
        "acquired",
        "investedIn",
    ]


def test_gexf_colours_nodes_by_kind_for_gephi(G: nx.MultiDiGraph) -> None:
    back = nx.read_gexf(io.BytesIO(export(G, "gexf")))
    for node, data in G.nodes(data=True):
        colour = back.nodes[node]["viz"]["color"]
        assert "#{:02x}{:02x}{:02x}".format(colour["r"], colour["g"], colour["b"]) == (
            style_of(data["kind"]).color
        )


def test_graphviz_renders_the_dot_export_to_svg_with_every_node_and_edge(
    kb_store: OxigraphStore,
) -> None:
    P = projection(kb_store)
    H = neighbourhood(P, thing(P, "llama-3.1-405b"), depth=2)
    done = subprocess.run(
        ["dot", "-Tsvg"], input=export(H, "dot"), capture_output=True, check=False, timeout=120
    )
    assert done.returncode == 0, done.stderr.decode()
    assert b"Warning" not in done.stderr and b"Error" not in done.stderr
    svg = ET.fromstring(done.stdout)
    titles = {g.findtext(f"{SVG}title") for g in svg.iter(f"{SVG}g") if g.get("class") == "node"}
    slugs = {d["slug"] for _, d in H.nodes(data=True)}
    assert slugs <= titles
    assert len(titles - slugs) == len({style_of(d["kind"]) for _, d in H.nodes(data=True)})
    edges = [g for g in svg.iter(f"{SVG}g") if g.get("class") == "edge"]
    assert len(edges) == H.number_of_edges()
    texts = {t.text for t in svg.iter(f"{SVG}text")}
    assert {"developed by", "Llama 3.1 405B"} <= texts


def test_node_link_json_reads_back_into_networkx(G: nx.MultiDiGraph) -> None:
    data = json.loads(export(G, "node-link"))
    back = nx.node_link_graph(data, edges="links")
    assert back.number_of_nodes() == G.number_of_nodes()
    assert _edge_set(back) == _edge_set(G)
    assert back.nodes == G.nodes


def test_cytoscape_json_has_one_element_per_node_and_edge_with_the_kind_style(
    G: nx.MultiDiGraph,
) -> None:
    doc = json.loads(export(G, "cytoscape"))
    nodes, edges = doc["elements"]["nodes"], doc["elements"]["edges"]
    assert {n["data"]["id"] for n in nodes} == set(G.nodes)
    assert {(e["data"]["source"], e["data"]["target"], e["data"]["property"]) for e in edges} == (
        _edge_set(G)
    )
    assert len({e["data"]["id"] for e in edges}) == len(edges) == G.number_of_edges()
    for n in nodes:
        assert n["data"]["color"] == style_of(n["data"]["kind"]).color
    assert {entry["label"] for entry in doc["legend"]} == {
        style_of(d["kind"]).label for _, d in G.nodes(data=True)
    }


def test_mermaid_declares_every_node_and_labelled_edge(G: nx.MultiDiGraph) -> None:
    lines = export(G, "mermaid").decode().splitlines()
    assert lines[1] == "flowchart LR"
    assert sum(1 for line in lines if "-->|" in line) == G.number_of_edges()
    declared = [line for line in lines if line.startswith("  n") and "-->" not in line]
    assert len(declared) == G.number_of_nodes()
    assert any('"Llama 3.1 405B"' in line for line in declared)


def test_labels_that_look_like_markup_cannot_break_any_format() -> None:
    G = nx.MultiDiGraph(title='a "title" </script><!--')
    G.add_node("https://w3id.org/stackatlas/id/x", kind="Model", label='x"</script>]{|\\', slug="x")
    G.add_node("https://w3id.org/stackatlas/id/y", kind="Chip", label="y & <b>", slug="y")
    G.add_edge(
        "https://w3id.org/stackatlas/id/x",
        "https://w3id.org/stackatlas/id/y",
        key="trainedOn",
        property="trainedOn",
        label='trained "on" |x|',
    )
    assert nx.read_graphml(io.BytesIO(export(G, "graphml"))).nodes[
        "https://w3id.org/stackatlas/id/x"
    ]["label"] == ('x"</script>]{|\\')
    page = export(G, "html").decode()
    assert page.count("</script>") == page.count("<script")
    assert "<!--" not in page
    done = subprocess.run(
        ["dot", "-Tsvg"], input=export(G, "dot"), capture_output=True, check=False
    )
    assert done.returncode == 0, done.stderr.decode()
    assert b"x&quot;&lt;/script&gt;]{|" in done.stdout  # drawn as text, quote and all
