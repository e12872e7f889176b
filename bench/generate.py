"""A deterministic generator of large stackatlas-shaped graphs, for benchmarks (not for tests).

    python bench/generate.py --models 25000 --out /tmp/big.nt

Writes N-Triples: organizations in vendor groups, licenses, chips, accelerator stacks and
frameworks, clouds renting chips, models (with weights, license, family, capability class and
supporting software) and offerings. The same arguments always give the same bytes. The output is
shaped like the knowledge base but is *not* validated against the shapes (the benchmark bulk-loads
it, bypassing validation, to measure the analyses rather than pySHACL).
"""

from __future__ import annotations

import argparse
import random
from collections.abc import Iterator
from pathlib import Path

SA = "https://w3id.org/stackatlas/ns#"
ID = "https://w3id.org/stackatlas/id/"
RDF_TYPE = "http://www.w3.org/1999/02/22-rdf-syntax-ns#type"
LABEL = "http://www.w3.org/2000/01/rdf-schema#label"
SOURCE = "http://purl.org/dc/terms/source"
DATE = "http://www.w3.org/2001/XMLSchema#date"
BOOL = "http://www.w3.org/2001/XMLSchema#boolean"


def _t(s: str, p: str, o: str) -> str:
    return f"<{s}> <{p}> {o} .\n"


def _iri(x: str) -> str:
    return f"<{x}>"


def _lit(x: str, dt: str | None = None) -> str:
    return f'"{x}"' + (f"^^<{dt}>" if dt else "")


def _thing(slug: str, cls: str) -> Iterator[str]:
    s = ID + slug
    yield _t(s, RDF_TYPE, _iri(SA + cls))
    yield _t(s, LABEL, _lit(slug.replace("-", " ").title()))
    yield _t(s, SOURCE, _iri(f"https://example.org/{slug}"))
    yield _t(s, SA + "asOf", _lit("2026-01-01", DATE))


def triples(*, models: int, seed: int = 7) -> Iterator[str]:
    """Every line of the generated graph; about 12 triples per model plus 8 per offering."""
    rnd = random.Random(seed)
    n_org, n_chip, n_stack, n_fw, n_cloud = 400, 120, 40, 80, 200
    orgs = [f"org-{i}" for i in range(n_org)]
    for i, o in enumerate(orgs):
        yield from _thing(o, "Organization")
        if i >= 40 and rnd.random() < 0.5:  # subsidiaries of the first 40 "groups"
            yield _t(ID + o, SA + "subsidiaryOf", _iri(ID + orgs[rnd.randrange(0, i)]))
    kinds = ["OpenSourceLicense", "OpenWeightsLicense", "ProprietaryTerms"]
    for i, k in enumerate(kinds):
        lic = ID + f"license-{i}"
        yield from _thing(f"license-{i}", "License")
        yield _t(lic, SA + "licenseKind", _iri(SA + k))
        yield _t(lic, SA + "osiApproved", _lit(str(k == "OpenSourceLicense").lower(), BOOL))
        yield _t(lic, SA + "permits", _iri(SA + "CommercialUse"))
    chips = [f"chip-{i}" for i in range(n_chip)]
    for c in chips:
        yield from _thing(c, "Chip")
        yield _t(ID + c, SA + "designedBy", _iri(ID + rnd.choice(orgs[:40])))
    stacks = [f"stack-{i}" for i in range(n_stack)]
    for s in stacks:
        yield from _thing(s, "AcceleratorStack")
        yield _t(ID + s, SA + "developedBy", _iri(ID + rnd.choice(orgs)))
        yield _t(ID + s, SA + "license", _iri(ID + f"license-{rnd.choice([0, 2])}"))
        for c in rnd.sample(chips, 4):
            yield _t(ID + s, SA + "targets", _iri(ID + c))
    fws = [f"fw-{i}" for i in range(n_fw)]
    for i, f in enumerate(fws):
        yield from _thing(f, "Framework")
        yield _t(ID + f, SA + "developedBy", _iri(ID + rnd.choice(orgs)))
        for s in rnd.sample(stacks, 3):
            yield _t(ID + f, SA + "hasBackend", _iri(ID + s))
        if i and rnd.random() < 0.3:  # serving engines on top of frameworks
            yield _t(ID + f, SA + "hasBackend", _iri(ID + fws[rnd.randrange(0, i)]))
    clouds = [f"cloud-{i}" for i in range(n_cloud)]
    for c in clouds:
        yield from _thing(c, "Cloud")
        yield _t(ID + c, SA + "operatedBy", _iri(ID + rnd.choice(orgs)))
        for chip in rnd.sample(chips, 6):
            yield _t(ID + c, SA + "offersChip", _iri(ID + chip))
    classes = ["FrontierClass", "LargeClass", "MediumClass", "SmallClass"]
    weights = ["OpenWeights", "GatedWeights", "ClosedWeights"]
    for i in range(models):
        m = f"model-{i}"
        yield from _thing(m, "Model")
        yield _t(ID + m, SA + "developedBy", _iri(ID + rnd.choice(orgs)))
        yield _t(ID + m, SA + "license", _iri(ID + f"license-{rnd.randrange(3)}"))
        yield _t(ID + m, SA + "weights", _iri(SA + rnd.choice(weights)))
        yield _t(ID + m, SA + "capabilityClass", _iri(SA + rnd.choice(classes)))
        for f in rnd.sample(fws, 2):
            yield _t(ID + m, SA + "supportedBy", _iri(ID + f))
        for j in range(5):  # offerings
            o = f"{m}--{j}"
            yield from _thing(o, "Offering")
            yield _t(ID + o, SA + "model", _iri(ID + m))
            yield _t(ID + o, SA + "cloud", _iri(ID + rnd.choice(clouds)))
            if rnd.random() < 0.3:
                yield _t(ID + o, SA + "chip", _iri(ID + rnd.choice(chips)))


def write(path: Path, *, models: int, seed: int = 7) -> int:
    """Write the graph to ``path`` as N-Triples; returns the number of triples."""
    n = 0
    with path.open("w", encoding="utf-8") as out:
        for line in triples(models=models, seed=seed):
            out.write(line)
            n += 1
    return n


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--models", type=int, default=25000)
    parser.add_argument("--seed", type=int, default=7)
    parser.add_argument("--out", type=Path, required=True)
    args = parser.parse_args()
    print(f"{write(args.out, models=args.models, seed=args.seed)} triples → {args.out}")


if __name__ == "__main__":
    main()
