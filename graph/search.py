"""Search over labels, alternative labels, provider model ids and slugs: ranked, prefix-aware and
typo-tolerant, from an in-memory index built once per store version.

Names are compared *normalised* (lowercase, letters and digits only), so "TPUv5e" meets "TPU v5e",
"Llama3.1" meets "Llama 3.1" and "meta.llama3-1-405b-instruct-v1:0" meets itself however it is typed.
An exact name scores 100, a name the query begins scores 90-95, a name containing the query 75-85,
and otherwise rapidfuzz's edit-distance similarity scaled below 75.

>>> from graph.examples import fixture_store
>>> store = fixture_store()
>>> [(h.slug, h.matched) for h in search(store, "Open7B")][:2]
[('open-7b', 'Open 7B'), ('open-7b-tuned', 'Open 7B Tuned')]
>>> [h.slug for h in search(store, "big modle")][:1]          # a typo
['big-model']
>>> [h.slug for h in search(store, "big-model-v1")][:1]       # a provider model id
['big-model--bigcloud-ai']
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from rapidfuzz import fuzz, process

from graph.cache import per_store_version
from graph.lookup import KINDS, catalog
from graph.store import Store

__all__ = ["Hit", "SearchIndex", "normalise", "search"]

_NOT_ALNUM = re.compile(r"[^0-9a-z]+")


def normalise(text: str) -> str:
    """Lowercase, letters and digits only.

    >>> normalise("TPU v5e"), normalise("meta.llama3-1-405b-instruct-v1:0")
    ('tpuv5e', 'metallama31405binstructv10')
    """
    return _NOT_ALNUM.sub("", text.casefold())


@dataclass(frozen=True)
class Hit:
    """One thing found: which name of it matched, and how well (0-100)."""

    slug: str
    iri: str
    kind: str
    label: str
    matched: str
    score: float


@dataclass(frozen=True)
class _Name:
    key: str  # normalised
    text: str  # as written
    slug: str


class SearchIndex:
    """Every name of every described thing, normalised, for one store version."""

    def __init__(self, store: Store) -> None:
        cat = catalog(store)
        self.version = cat.version
        self._catalog = cat
        names: dict[tuple[str, str], _Name] = {}
        for entity in cat.entities.values():
            node = cat.G.nodes[entity.iri]
            texts = [
                entity.label,
                *entity.alt_labels,
                *node.get("providerModelId", []),
                entity.slug,
            ]
            for text in texts:
                key = normalise(str(text))
                if key and (key, entity.slug) not in names:
                    names[key, entity.slug] = _Name(key, str(text), entity.slug)
        self._names = list(names.values())
        self._keys = [n.key for n in self._names]

    def search(self, query: str, *, kind: str | None = None, limit: int = 20) -> list[Hit]:
        """The things whose names best match ``query``, best first, one hit per thing."""
        q = normalise(query)
        if not q:
            return []
        allowed = set(self._catalog.by_kind.get(kind, [])) if kind else None
        best: dict[str, tuple[float, _Name]] = {}

        def offer(score: float, name: _Name) -> None:
            if allowed is not None and name.slug not in allowed:
                return
            if name.slug not in best or score > best[name.slug][0]:
                best[name.slug] = (score, name)

        for name in self._names:
            key = name.key
            if key == q:
                offer(100.0, name)
            elif key.startswith(q):
                offer(95.0 - min(5.0, (len(key) - len(q)) / 4), name)
            elif len(q) >= 3 and q in key:
                offer(85.0 - min(10.0, (len(key) - len(q)) / 4), name)
        # Typos: edit distance against whole names, and against same-length prefixes of them.
        cutoff = 70 if len(q) >= 4 else 85
        for scorer in (fuzz.ratio, _prefix_ratio):
            for _, score, i in process.extract(
                q, self._keys, scorer=scorer, score_cutoff=cutoff, limit=50
            ):
                offer(float(score) * 0.74, self._names[i])
        # On a tie the thing itself goes before the offerings that share its provider id.
        ranked = sorted(
            best.items(),
            key=lambda item: (
                -item[1][0],
                self._catalog.entities[item[0]].kind == "offerings",
                item[0],
            ),
        )[:limit]
        hits = []
        for slug, (score, name) in ranked:
            entity = self._catalog.entities[slug]
            hits.append(
                Hit(slug, entity.iri, entity.kind, entity.label, name.text, round(score, 1))
            )
        return hits


def _prefix_ratio(q: str, key: str, **_: object) -> float:
    """Similarity of ``q`` to the start of ``key`` (so a typo in a prefix still finds the name)."""
    return float(fuzz.ratio(q, key[: len(q) + 1]))


@per_store_version
def index(store: Store) -> SearchIndex:
    """The search index of ``store``, built once per store version."""
    return SearchIndex(store)


def search(store: Store, query: str, *, kind: str | None = None, limit: int = 20) -> list[Hit]:
    """Search ``store``'s things by name; ``kind`` is a collection name (``models``, ``chips``…)."""
    if kind is not None and kind not in KINDS:
        raise ValueError(f"unknown kind {kind!r}")
    return index(store).search(query, kind=kind, limit=limit)
