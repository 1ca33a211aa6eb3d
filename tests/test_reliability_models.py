"""Property tests: every generated model round-trips to_dict/from_dict.

Documents come from openapi.yaml's schemas (see reliability_support), with any subset of
the documented properties, nested models, nulls where the spec allows them, and unknown
keys, which a model must carry through unchanged (UltraCart adds fields over time).
"""

from __future__ import annotations

from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from tests.reliability_support import conformance_errors, document, model_class, schemas

SCHEMA_NAMES = sorted(schemas())
BOUNDED = settings(max_examples=80, deadline=None)


def test_every_generated_model_is_covered() -> None:
    import ultracart_conversations_api.models as models

    covered = {model_class(name).__name__ for name in SCHEMA_NAMES}
    # Classes only: enum fields are Literal aliases, checked through their models.
    classes = {name for name in models.__all__ if isinstance(getattr(models, name), type)}
    assert covered <= classes
    # The others are the classes of inline objects (a property `type: object` with
    # properties of its own), named after their schema, round-tripped through it.
    inline = classes - covered
    assert all(any(name.startswith(owner) for owner in covered) for name in inline), inline


@pytest.mark.parametrize("schema_name", SCHEMA_NAMES)
@BOUNDED
@given(data=st.data())
def test_models_round_trip_both_ways(schema_name: str, data: st.DataObject) -> None:
    source: dict[str, Any] = data.draw(document(schema_name))
    cls = model_class(schema_name)
    model = cls.from_dict(source)
    # dict -> model -> dict gives back the document, unknown keys included ...
    assert model.to_dict() == source
    # ... model -> dict -> model gives an equal model ...
    assert cls.from_dict(model.to_dict()) == model
    # ... and a valid document parses into fields of the documented types, nested too.
    assert conformance_errors(model, {"$ref": f"#/{schema_name}"}) == []
