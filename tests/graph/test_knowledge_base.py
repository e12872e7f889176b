"""The bundled knowledge base: sourced, dated, conformant, and as large as the foundation issue asks."""

from __future__ import annotations

import re

import pytest

from graph.load import check_files
from graph.stats import stats
from graph.store import OxigraphStore

SA = "https://w3id.org/stackatlas/ns#"
SLUG = re.compile(r"^https://w3id\.org/stackatlas/id/[a-z0-9]([a-z0-9.-]*[a-z0-9-])?$")


def test_bundle_conforms_to_the_shapes() -> None:
    assert check_files([], with_bundle=True) == []


@pytest.mark.parametrize(
    ("cls", "minimum"),
    [
        ("Organization", 30),
        ("Model", 45),
        ("Chip", 20),
        ("Cloud", 15),
        ("License", 15),
        ("Software", 20),
        ("Offering", 120),
    ],
)
def test_counts_reach_the_foundation_targets(
    kb_store: OxigraphStore, cls: str, minimum: int
) -> None:
    assert stats(kb_store).classes.get(cls, 0) >= minimum


def test_every_entity_and_offering_has_a_source_and_an_as_of_date(kb_store: OxigraphStore) -> None:
    missing = kb_store.query(
        """
        PREFIX dcterms: <http://purl.org/dc/terms/>
        SELECT ?s WHERE {
          ?s a ?c . FILTER(STRSTARTS(STR(?s), "https://w3id.org/stackatlas/id/"))
          MINUS { ?s dcterms:source ?src . ?s <https://w3id.org/stackatlas/ns#asOf> ?d }
        }"""
    )
    assert [row["s"].value for row in missing] == []  # type: ignore[union-attr]


def test_every_slug_follows_the_iri_rules(kb_store: OxigraphStore) -> None:
    subjects = {
        row["s"].value
        for row in kb_store.query("SELECT DISTINCT ?s { ?s ?p ?o FILTER(isIRI(?s) && STRSTARTS(STR(?s), 'https://w3id.org/stackatlas/id/')) }")  # type: ignore[union-attr]
    }  # fmt: skip
    assert subjects and [s for s in subjects if not SLUG.match(s)] == []


@pytest.mark.parametrize(
    "slug",
    [
        "meta", "llama-3.1-405b", "llama-3.1-70b", "llama-3.1-8b", "google", "google-deepmind", "gemma-2-9b",
        "gemini-1.5-pro", "google-cloud", "vertex-ai", "tpu-v5e", "tpu-v5p", "tpu-v6e", "amazon", "aws",
        "annapurna-labs", "bedrock", "sagemaker", "trainium", "trainium2", "inferentia2", "nova-pro", "openai",
        "gpt-4", "gpt-4o", "o1", "anthropic", "claude-3.5-sonnet", "nvidia", "a100", "h100", "h200", "b200",
        "groq", "groq-lpu", "groqcloud", "sambanova", "sn40l", "sambanova-cloud", "cerebras", "wse-3",
        "cerebras-inference", "axelera-ai", "metis", "hugging-face", "hf-inference-endpoints", "tgi",
        "optimum-tpu", "optimum-neuron", "databricks", "mosaicml", "mlcommons", "open-source-initiative",
        "osaid-1.0", "pytorch", "jax", "tensorflow", "amd", "mi300x", "rocm", "intel", "gaudi-3", "azure",
        "azure-openai", "oci", "coreweave", "together-ai", "fireworks-ai", "cuda", "xla", "aws-neuron-sdk",
        "vllm", "tensorrt-llm", "llama.cpp", "llama-3.1-community-license", "gemma-terms-of-use", "apache-2.0",
        "mit", "deepseek-license", "qwen-license", "bigscience-openrail-m", "openai-terms",
    ],
)  # fmt: skip
def test_the_article_entities_are_present(kb_store: OxigraphStore, slug: str) -> None:
    assert bool(kb_store.query(f"ASK {{ <https://w3id.org/stackatlas/id/{slug}> a ?c }}"))


def test_llama_license_carries_its_real_terms(kb_store: OxigraphStore) -> None:
    row = next(iter(kb_store.query(  # type: ignore[call-overload]
        "PREFIX sa: <https://w3id.org/stackatlas/ns#> SELECT ?mau ?prefix WHERE {"
        " <https://w3id.org/stackatlas/id/llama-3.1-community-license> sa:maxMonthlyActiveUsers ?mau ; sa:namePrefix ?prefix }"
    )))  # fmt: skip
    assert (int(row["mau"].value), row["prefix"].value) == (700000000, "Llama")


def test_at_least_fifteen_derived_models_with_their_derivation(kb_store: OxigraphStore) -> None:
    rows = list(kb_store.query(  # type: ignore[call-overload]
        "PREFIX sa: <https://w3id.org/stackatlas/ns#> SELECT DISTINCT ?m WHERE { ?m sa:derivedFrom ?p ; sa:derivation ?k }"
    ))  # fmt: skip
    assert len(rows) >= 15


def test_corporate_groups_are_linked(kb_store: OxigraphStore) -> None:
    assert bool(kb_store.query(
        "PREFIX sa: <https://w3id.org/stackatlas/ns#> PREFIX id: <https://w3id.org/stackatlas/id/>"
        " ASK { id:google-deepmind sa:subsidiaryOf+ id:alphabet . id:mosaicml sa:subsidiaryOf id:databricks ."
        " id:databricks sa:acquired id:mosaicml . id:annapurna-labs sa:subsidiaryOf id:amazon }"
    ))  # fmt: skip
