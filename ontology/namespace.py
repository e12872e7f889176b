"""The stackatlas vocabulary as Python names, mirrored from ``stackatlas.ttl``.

The Turtle file is the source of truth; ``tests/ontology/test_namespace.py`` fails when the two
disagree. ``_fail = True`` turns a misspelt term into an AttributeError instead of a silent new IRI.

>>> str(SA.Model)
'https://w3id.org/stackatlas/ns#Model'
>>> str(ID["llama-3.1-405b"])
'https://w3id.org/stackatlas/id/llama-3.1-405b'
>>> SA.Modle
Traceback (most recent call last):
...
AttributeError: term 'Modle' not in namespace 'https://w3id.org/stackatlas/ns#'
"""

from rdflib import Namespace, URIRef
from rdflib.namespace import DefinedNamespace

SA_IRI = "https://w3id.org/stackatlas/ns#"
ID_IRI = "https://w3id.org/stackatlas/id/"
GRAPH_IRI = "https://w3id.org/stackatlas/graph/"
SHAPES_IRI = "https://w3id.org/stackatlas/shapes#"

#: Every described thing: ``ID["llama-3.1-405b"]``. Slugs are open-ended, so this is a plain Namespace.
ID = Namespace(ID_IRI)
#: Named graphs: one per knowledge-base file, plus ``GRAPH["ontology"]``.
GRAPH = Namespace(GRAPH_IRI)


class SA(DefinedNamespace):
    """Classes, properties and concepts of ``https://w3id.org/stackatlas/ns#``."""

    _NS = Namespace(SA_IRI)
    _fail = True

    # Classes
    AcceleratorStack: URIRef
    Acquisition: URIRef
    CapabilityClass: URIRef
    Chip: URIRef
    ChipKind: URIRef
    Cloud: URIRef
    CloudKind: URIRef
    CodeAccess: URIRef
    DataAccess: URIRef
    DerivationKind: URIRef
    Framework: URIRef
    Library: URIRef
    License: URIRef
    LicenseKind: URIRef
    LicenseTerm: URIRef
    Model: URIRef
    ModelFamily: URIRef
    Offering: URIRef
    Organization: URIRef
    Service: URIRef
    ServingEngine: URIRef
    Software: URIRef
    Standard: URIRef
    WeightsAccess: URIRef

    # Properties
    acquired: URIRef
    acquiree: URIRef
    acquirer: URIRef
    activeParameters: URIRef
    asOf: URIRef
    availableFrom: URIRef
    capabilityClass: URIRef
    chip: URIRef
    chipKind: URIRef
    cloud: URIRef
    cloudKind: URIRef
    date: URIRef
    derivation: URIRef
    derivedFrom: URIRef
    designedBy: URIRef
    developedBy: URIRef
    exclusiveTo: URIRef
    family: URIRef
    hasBackend: URIRef
    hfLicenseId: URIRef
    investedIn: URIRef
    license: URIRef
    licenseKind: URIRef
    manufacturedBy: URIRef
    maxMonthlyActiveUsers: URIRef
    memoryGB: URIRef
    model: URIRef
    namePrefix: URIRef
    offersChip: URIRef
    operatedBy: URIRef
    osiApproved: URIRef
    paper: URIRef
    parameters: URIRef
    partOf: URIRef
    permits: URIRef
    prohibits: URIRef
    providerModelId: URIRef
    publishedBy: URIRef
    released: URIRef
    requires: URIRef
    retired: URIRef
    service: URIRef
    spdxId: URIRef
    subsidiaryOf: URIRef
    supportedBy: URIRef
    targets: URIRef
    trainedOn: URIRef
    trainingCode: URIRef
    trainingData: URIRef
    version: URIRef
    weights: URIRef

    # Concept schemes
    CapabilityClassScheme: URIRef
    ChipKindScheme: URIRef
    CloudKindScheme: URIRef
    CodeAccessScheme: URIRef
    DataAccessScheme: URIRef
    DerivationKindScheme: URIRef
    LicenseKindScheme: URIRef
    LicenseTermScheme: URIRef
    WeightsAccessScheme: URIRef

    # Concepts
    AIPU: URIRef
    AcceptableUsePolicy: URIRef
    Adapter: URIRef
    Attribution: URIRef
    BuiltWithNotice: URIRef
    ClosedWeights: URIRef
    CodeClosed: URIRef
    CodeOpen: URIRef
    CommercialUse: URIRef
    DataDescribed: URIRef
    DataOpen: URIRef
    DataUndisclosed: URIRef
    DerivativeWorks: URIRef
    Distillation: URIRef
    Distribution: URIRef
    FineTune: URIRef
    FlowDown: URIRef
    FrontierClass: URIRef
    GPU: URIRef
    GPUCloud: URIRef
    GatedWeights: URIRef
    Hyperscaler: URIRef
    IncludeLicense: URIRef
    InferenceASIC: URIRef
    InferenceCloud: URIRef
    LPU: URIRef
    LargeClass: URIRef
    MediumClass: URIRef
    Merge: URIRef
    ModelDeveloperAPI: URIRef
    ModelHub: URIRef
    Modification: URIRef
    NamePrefix: URIRef
    NoCompetingModels: URIRef
    NonCommercial: URIRef
    OpenSourceLicense: URIRef
    OpenWeights: URIRef
    OpenWeightsLicense: URIRef
    PatentGrant: URIRef
    PrivateUse: URIRef
    ProprietaryTerms: URIRef
    Quantization: URIRef
    RDU: URIRef
    RemoteRestriction: URIRef
    ServiceOnly: URIRef
    ShareAlike: URIRef
    SmallClass: URIRef
    StateChanges: URIRef
    TPU: URIRef
    TrainingASIC: URIRef
    UseLatestVersion: URIRef
    UserThreshold: URIRef
    WaferScaleEngine: URIRef
