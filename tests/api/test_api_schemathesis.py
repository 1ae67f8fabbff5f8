"""Schemathesis against the real app (ASGI transport, an admin token, a seeded registry and library):
every operation of the OpenAPI schema gets generated requests, valid and invalid, and every response
must be no 5xx, have a documented status and content type, and match its documented schema.
Bounded: a few examples per operation (about 300 in all), so the run stays well under two minutes."""

from __future__ import annotations

import pytest

schemathesis = pytest.importorskip("schemathesis", reason="schemathesis is not installed (dev extra)")

from hypothesis import HealthCheck, Phase, given, settings  # noqa: E402
from hypothesis.errors import Unsatisfiable  # noqa: E402
from schemathesis.checks import not_a_server_error  # noqa: E402
from schemathesis.specs.openapi.checks import (  # noqa: E402
    content_type_conformance,
    response_schema_conformance,
    status_code_conformance,
)

from tests.api.conftest import competition  # noqa: E402

EXAMPLES = 4  # per operation and generation mode: ~40 operations × 2 modes × 4
RESPONSE_CHECKS = [
    not_a_server_error,
    status_code_conformance,
    content_type_conformance,
    response_schema_conformance,
]


def _seed(api) -> None:
    registry = api.app.state.registry
    songbei = registry.get_user("songbei")
    comp = registry.register_competition(competition(), by=songbei)
    registry.record_activity(
        {
            "kind": "动员会",
            "date": "2026-06-02",
            "place": "松北",
            "participants": 30,
            "summary": "动员",
            "competition_id": comp.reg_no,
        },
        by=songbei,
    )


def _run(operation, mode, headers, checks) -> str | None:
    @settings(
        max_examples=EXAMPLES,
        deadline=None,
        database=None,
        derandomize=True,
        phases=[Phase.explicit, Phase.generate],
        suppress_health_check=list(HealthCheck),
    )
    @given(case=operation.as_strategy(generation_mode=mode))
    def run(case) -> None:
        case.call_and_validate(headers=headers, checks=checks)

    try:
        run()
    except Unsatisfiable:  # no invalid request exists for an operation without parameters (health)
        return None
    except (Exception, BaseExceptionGroup) as exc:  # one failing operation must not hide the others
        return f"{mode.value} {operation.method.upper()} {operation.path}: {str(exc)[:1500]}"
    return None


def test_no_server_errors_and_responses_match_the_schema(api):
    _seed(api)
    schema = schemathesis.openapi.from_asgi("/api/v1/openapi.json", api.app)
    headers = api.headers("admin")
    failures = []
    for result in schema.get_all_operations():
        operation = result.ok()
        for mode in (schemathesis.GenerationMode.POSITIVE, schemathesis.GenerationMode.NEGATIVE):
            if (failure := _run(operation, mode, headers, RESPONSE_CHECKS)) is not None:
                failures.append(failure)
    assert not failures, "\n\n".join(failures)
