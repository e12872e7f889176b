"""Request and response models of the analysis routes (``api/routers/analysis.py``).

The response models read the analyses' frozen dataclasses directly (``from_attributes``): the
shape of an answer is decided once, in ``graph/analysis``.
"""

from __future__ import annotations

from typing import Annotated

from pydantic import AliasChoices, BaseModel, ConfigDict, Field

from graph.lookup import SLUG_PATTERN

Slug = Annotated[str, Field(pattern=SLUG_PATTERN, max_length=200, examples=["llama-3.1-405b"])]


class _Out(BaseModel):
    model_config = ConfigDict(from_attributes=True, frozen=True)


class RefOut(_Out):
    """A node: IRI, slug, display label and kind."""

    iri: str
    slug: str
    label: str
    kind: str


class EvidenceOut(_Out):
    """A triple the answer rests on (predicate = ``sa:`` local name) and the subject's sources."""

    subject: str
    predicate: str
    object: str = Field(validation_alias=AliasChoices("obj", "object"))
    sources: list[str]


class DeploymentOut(_Out):
    model: RefOut
    cloud: RefOut
    chip: RefOut | None
    via: str = Field(description="'offering' (documented) or 'self-hosted' (software path)")
    offering: RefOut | None
    service: RefOut | None
    software_path: list[RefOut]
    evidence: list[EvidenceOut]


class DeploymentsOut(_Out):
    model: RefOut
    deployments: list[DeploymentOut]


class CompatibilityOut(_Out):
    model: RefOut
    chip: RefOut
    runs: bool
    offerings: list[RefOut]
    software_paths: list[list[RefOut]]
    clouds: list[RefOut]
    missing: list[str]
    evidence: list[EvidenceOut]


class ModelOnOut(_Out):
    model: RefOut
    via: list[str]
    offerings: list[RefOut]


class RunsOnOut(_Out):
    target: RefOut
    models: list[ModelOnOut]


class StackIn(BaseModel):
    """A stack: a model and, optionally, the cloud, chip and software it runs on (slugs)."""

    model_config = ConfigDict(extra="forbid")

    model: Slug
    cloud: Slug | None = None
    chip: Slug | None = Field(default=None, examples=["trainium2"])
    software: Slug | None = Field(default=None, examples=["vllm"])


class ExitPathsIn(StackIn):
    """A stack and the organizations whose whole vendor groups the alternatives must avoid."""

    avoid: list[Slug] = Field(min_length=1, max_length=20, examples=[["amazon"]])
    limit: int = Field(default=50, ge=1, le=500)


class StackOut(_Out):
    model: RefOut
    cloud: RefOut | None
    chip: RefOut | None
    software: RefOut | None


class FactorOut(_Out):
    name: str
    value: float = Field(description="0 = no lock-in from this factor, 1 = fully locked")
    weight: float
    contribution: float = Field(description="value x weight x 100; the score is their sum")
    explanation: str
    evidence: list[EvidenceOut]


class LockInOut(_Out):
    stack: StackOut
    score: int = Field(ge=0, le=100)
    level: str
    factors: list[FactorOut]
    vendor_disjoint_options: int
    disjoint_option_groups: list[list[RefOut]]


class ExitPathOut(_Out):
    rank: int
    kind: str
    deployment: DeploymentOut
    changes: list[str]
    avoided: list[RefOut]
    evidence: list[EvidenceOut]


class ExitPathsOut(BaseModel):
    stack: StackOut
    avoided: list[RefOut]
    paths: list[ExitPathOut]


class ModelImpactOut(_Out):
    model: RefOut
    options_before: int
    options_after: int
    providers_after: list[RefOut]


class WhatIfOut(_Out):
    removed: list[RefOut]
    members: list[RefOut]
    models_losing_all: list[RefOut]
    models_of_removed_groups: list[RefOut]
    models_single_provider: list[ModelImpactOut]
    chips_gone: list[RefOut]
    clouds_gone: list[RefOut]
    articulation_points: list[RefOut]
    impacts: list[ModelImpactOut]


class TermOut(_Out):
    term: str
    license: RefOut
    model: RefOut


class ThresholdOut(_Out):
    max_monthly_active_users: int
    license: RefOut


class DerivationOut(_Out):
    model: RefOut
    parent: RefOut
    kind: str | None


class NamePrefixOut(BaseModel):
    prefix: str
    license: RefOut


class ObligationsOut(BaseModel):
    model: RefOut
    lineage: list[RefOut]
    derivations: list[DerivationOut]
    licenses: list[RefOut]
    permissions: list[TermOut]
    duties: list[TermOut]
    prohibitions: list[TermOut]
    conflicts: list[str]
    user_thresholds: list[ThresholdOut]
    name_prefixes: list[NamePrefixOut]
    unlicensed: list[RefOut]
    evidence: list[EvidenceOut]


class ComponentOut(_Out):
    name: str
    status: str
    reason: str
    evidence: list[EvidenceOut]


class MofClassOut(BaseModel):
    name: str
    components: list[ComponentOut]


class OpennessOut(BaseModel):
    model: RefOut
    osaid: str = Field(description="'conforms', 'does not conform' or 'unknown' (not curated)")
    osaid_components: list[ComponentOut]
    osaid_reasons: list[str]
    mof_class: str | None = Field(description="the highest MOF class proven reached")
    mof_ceiling: str | None = Field(description="the highest MOF class not ruled out")
    mof_components: list[MofClassOut]
    mof_reasons: list[str]
