"""The Python mirror, the JSON-LD context and the Turtle vocabulary agree, and every term is documented."""

from __future__ import annotations

from rdflib import URIRef
from rdflib.namespace import OWL, RDF, RDFS, SKOS

from ontology import load_context, load_ontology, load_shapes
from ontology.namespace import SA, SA_IRI

ONTOLOGY = load_ontology()
TERMS = {s for s in ONTOLOGY.subjects() if isinstance(s, URIRef) and str(s).startswith(SA_IRI)}
CLASSES = set(ONTOLOGY.subjects(RDF.type, OWL.Class)) & TERMS
PROPERTIES = (
    set(ONTOLOGY.subjects(RDF.type, OWL.ObjectProperty))
    | set(ONTOLOGY.subjects(RDF.type, OWL.DatatypeProperty))
) & TERMS
CORE = [  # ONTOLOGY.md: the contract that clients rely on
    "Organization", "Model", "ModelFamily", "Chip", "Cloud", "Service", "License", "Software", "Framework",
    "ServingEngine", "AcceleratorStack", "Offering", "LicenseTerm", "developedBy", "designedBy",
    "manufacturedBy", "operatedBy", "partOf", "subsidiaryOf", "acquired", "family", "license", "derivedFrom",
    "derivation", "weights", "trainingData", "trainingCode", "trainedOn", "supportedBy", "hasBackend",
    "targets", "offersChip", "exclusiveTo", "model", "cloud", "service", "chip", "permits", "requires",
    "prohibits", "maxMonthlyActiveUsers", "osiApproved", "spdxId", "licenseKind", "released", "parameters",
    "activeParameters", "asOf", "OpenWeights", "GatedWeights", "ClosedWeights", "DataOpen", "DataDescribed",
    "DataUndisclosed", "CodeOpen", "CodeClosed", "FineTune", "Quantization", "Merge", "Adapter",
    "Distillation", "OpenSourceLicense", "OpenWeightsLicense", "ProprietaryTerms", "CommercialUse",
    "Modification", "Distribution", "DerivativeWorks", "Attribution", "IncludeLicense", "NamePrefix",
    "AcceptableUsePolicy", "UserThreshold", "FlowDown", "RemoteRestriction", "NonCommercial",
]  # fmt: skip


def test_python_mirror_names_exactly_the_turtle_terms() -> None:
    mirrored = {URIRef(SA_IRI + name) for name in SA.__annotations__}
    assert mirrored == TERMS, (
        f"only in Turtle: {sorted(TERMS - mirrored)}; only in namespace.py: {sorted(mirrored - TERMS)}"
    )


def test_core_terms_of_the_contract_exist() -> None:
    missing = [name for name in CORE if URIRef(SA_IRI + name) not in TERMS]
    assert not missing


def test_every_term_has_a_label_and_a_comment() -> None:
    undocumented = [
        str(t)
        for t in TERMS
        if ONTOLOGY.value(t, RDFS.label) is None or ONTOLOGY.value(t, RDFS.comment) is None
    ]
    assert not undocumented


def test_every_class_and_property_is_aligned_to_an_outside_vocabulary() -> None:
    def aligned(term: URIRef) -> bool:
        links = [
            *ONTOLOGY.objects(term, RDFS.subClassOf),
            *ONTOLOGY.objects(term, RDFS.subPropertyOf),
            *ONTOLOGY.objects(term, SKOS.closeMatch),
        ]
        # A subclass of one of our own classes inherits that class's alignment.
        return any(not str(x).startswith(SA_IRI) or (x in CLASSES and aligned(x)) for x in links)

    unaligned = sorted(
        str(t) for t in CLASSES | PROPERTIES if not aligned(t) and t not in _editorial()
    )
    assert not unaligned


def _editorial() -> set[URIRef]:
    # Project-specific notions with no counterpart outside (the report allows our own namespace here).
    return {SA.derivation, SA.capabilityClass, SA.activeParameters, SA.namePrefix, SA.hfLicenseId}


def test_every_property_has_a_domain_or_is_declared_universal() -> None:
    universal = {SA.asOf, SA.version}
    assert [
        str(p) for p in PROPERTIES if ONTOLOGY.value(p, RDFS.domain) is None and p not in universal
    ] == []
    assert [
        str(p) for p in PROPERTIES if ONTOLOGY.value(p, RDFS.range) is None and p != SA.paper
    ] == []


def test_json_ld_context_maps_every_property_and_class() -> None:
    context = load_context()["@context"]
    names = {str(t)[len(SA_IRI) :] for t in CLASSES | PROPERTIES}
    assert names - set(context) == set()
    assert context["developedBy"] == {"@id": "sa:developedBy", "@type": "@id"}


def test_shapes_only_use_vocabulary_terms() -> None:
    shapes = load_shapes()
    used = {t for t in shapes.all_nodes() if isinstance(t, URIRef) and str(t).startswith(SA_IRI)}
    assert used - TERMS == set()
