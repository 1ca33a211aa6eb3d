"""Validate openapi.yaml against the OpenAPI schema with a standard validator."""

from __future__ import annotations

from typing import Any

import yaml
from openapi_spec_validator import validate

from codegen.paths import SPEC


def load_spec() -> dict[str, Any]:
    with SPEC.open(encoding="utf-8") as f:
        spec: dict[str, Any] = yaml.safe_load(f)
    return spec


def validate_spec() -> int:
    validate(load_spec())
    print(f"{SPEC.name} is a valid OpenAPI {load_spec()['openapi']} document")
    return 0
