"""Schemathesis against the running fake: generated requests, answers that conform to openapi.yaml.

Bounded in time: a few examples per operation, no shrinking, deterministic generation.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import pytest
import schemathesis
from hypothesis import HealthCheck, settings

from codegen.paths import SPEC
from ultracart_conversations.testing import API_VERSION, FakeUltraCart

schema = schemathesis.openapi.from_path(SPEC)
schema.config.generation.update(
    modes=[schemathesis.GenerationMode.POSITIVE, schemathesis.GenerationMode.NEGATIVE],
    max_examples=12,
    no_shrink=True,
    deterministic=True,
)


@pytest.fixture(scope="module")
def fake() -> Iterator[FakeUltraCart]:
    with FakeUltraCart(conversations=30, seed=3) as running:
        yield running


@schema.parametrize()
@settings(deadline=None, suppress_health_check=list(HealthCheck))
def test_fake_answers_conform_to_the_spec(
    case: schemathesis.Case[Any], fake: FakeUltraCart
) -> None:
    # Real credentials and API version: generated junk there would only ever test the 401/400.
    headers = {"x-ultracart-simple-key": fake.simple_key, "X-UltraCart-Api-Version": API_VERSION}
    case.call_and_validate(base_url=fake.base_url, headers=headers, timeout=5)
