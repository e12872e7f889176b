"""Property-based run of schemathesis over the whole OpenAPI document, against a real server.

Bounded: a few generated requests per operation. It fails on any 5xx, on a status or media type
the document does not declare, and on a response body that breaks its declared schema.
"""

from __future__ import annotations

from collections.abc import Iterator

import pytest
import schemathesis
from hypothesis import HealthCheck, settings
from schemathesis.specs.openapi.checks import (
    content_type_conformance,
    response_schema_conformance,
    status_code_conformance,
)

from tests.conftest import Server

pytestmark = pytest.mark.server


@pytest.fixture(scope="module")
def fuzzed_server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Server]:
    """A server of its own, so that generated requests never disturb the shared one."""
    server = Server(["--store", str(tmp_path_factory.mktemp("fuzz") / "store")])
    yield server
    server.stop()


@pytest.fixture(scope="module")
def api_schema(fuzzed_server: Server) -> schemathesis.BaseSchema:
    return schemathesis.openapi.from_url(f"{fuzzed_server.url}/openapi.json")


schema = schemathesis.pytest.from_fixture("api_schema")


@schema.parametrize()
@settings(
    max_examples=8,
    deadline=None,
    derandomize=True,
    suppress_health_check=list(HealthCheck),
)
def test_no_server_errors_and_responses_match_the_schema(case: schemathesis.Case) -> None:
    case.call_and_validate(
        checks=[
            schemathesis.checks.not_a_server_error,
            status_code_conformance,
            content_type_conformance,
            response_schema_conformance,
        ],
        timeout=30,
    )
