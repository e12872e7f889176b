"""The search index over the bundled knowledge base."""

from __future__ import annotations

import pytest

from graph.search import search
from graph.store import OxigraphStore, select


@pytest.mark.parametrize(
    ("q", "slug"),
    [
        ("Trillium", "tpu-v6e"),
        ("TPUv5e", "tpu-v5e"),
        ("tpu v5e", "tpu-v5e"),
        ("Llama3.1", "llama-3.1"),
        ("meta.llama3-1-405b-instruct-v1:0", "llama-3.1-405b"),
        ("Llama 3.1 405", "llama-3.1-405b"),
        ("Gemma 2 9b", "gemma-2-9b"),
        ("nvidai h100", "h100"),
    ],
)
def test_spellings_find_the_thing(kb_store: OxigraphStore, q: str, slug: str) -> None:
    assert search(kb_store, q)[0].slug == slug


def test_every_alt_label_finds_its_thing_first_or_tied(kb_store: OxigraphStore) -> None:
    rows = select(
        kb_store,
        "SELECT ?s ?a { ?s <http://www.w3.org/2004/02/skos/core#altLabel> ?a }",
    )
    for row in rows:
        slug = row["s"].value.rsplit("/", 1)[-1]
        hits = search(kb_store, row["a"].value, limit=100)
        top = hits[0].score
        assert slug in {h.slug for h in hits if h.score == top}, row["a"].value


def test_kind_filter_and_limit(kb_store: OxigraphStore) -> None:
    hits = search(kb_store, "llama", kind="offerings", limit=5)
    assert len(hits) == 5 and {h.kind for h in hits} == {"offerings"}
    with pytest.raises(ValueError):
        search(kb_store, "llama", kind="boats")


def test_nothing_to_search_for(kb_store: OxigraphStore) -> None:
    assert search(kb_store, "!!!") == []
