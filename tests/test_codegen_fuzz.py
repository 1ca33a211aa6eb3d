"""Hostile specs for the code generator (issue 20, "Codegen"; `make fuzz` searches long).

Hypothesis builds specs from openapi.yaml plus odd operations: names that are Python
keywords, client methods, module constants, CLI options or not names at all; parameters
in odd places, of odd types, with defaults and enums of the wrong type or with no
literal form (dates, infinities, NUL); odd schema properties, x-cli, x-pagination and
x-python-name values. The invariant: generation yields an importable package or refuses
with one message per problem (each with its operation and JSON pointer) -- never a
traceback, never success with a broken package.

Two targets: the checks before rendering, fast, over many specs; the whole generation
(the generator, ruff, the import check) over a few.
"""

from __future__ import annotations

import copy
import os
import subprocess
import sys
import tempfile
from pathlib import Path
from typing import Any

import pytest
import yaml
from hypothesis import event, given
from hypothesis import strategies as st

from codegen import generate
from codegen.paths import ROOT, SPEC
from codegen.problems import Problems
from tests.fuzz_settings import fuzz_settings

BASE: dict[str, Any] = yaml.safe_load(SPEC.read_text(encoding="utf-8"))
SCHEMA_NAMES = sorted(BASE["components"]["schemas"])

# Names that have broken generation before, or would: keywords, the clients' own
# attributes, operations.py's constants, the generated methods' keywords, CLI options.
ODD_NAMES = [
    "close", "withOptions", "with_options", "operations", "OPERATIONS", "sensitiveFields",
    "typeChecking", "deadline", "page_size", "concurrency", "self", "class", "from", "None",
    "__init__", "_private", "1abc", "a-b", "a b", "body", "Body", "timeout", "json",
    "fakeServer", "help", "version", "getThing", "get_thing", "GetThing", "x" * 120, "ünï",
    "日本", "type", "match", "print", "id", "limit", "_limit", "X-UltraCart-Merchant-Id",
]  # fmt: skip
names = st.sampled_from(ODD_NAMES) | st.text(
    alphabet=st.characters(codec="utf-8", exclude_categories=["Cs", "Cc"]), max_size=10
)
# Names any generator should take (a spec is not all odd: some must generate).
plain_names = st.from_regex(r"[a-z][a-zA-Z0-9]{2,14}", fullmatch=True)
values = st.one_of(
    st.none(),
    st.booleans(),
    st.integers(min_value=-(2**70), max_value=2**70),
    st.floats(allow_nan=True, allow_infinity=True),
    st.text(max_size=8),
    st.dates(),
    st.sampled_from(["a\x00b", "%(prog)s", "50%", '"""', "\\", "}{"]),
    st.lists(st.integers(), max_size=2),
)
types = st.sampled_from(["string", "integer", "number", "boolean", "array", "object", None])


_PLAIN_VALUES = {
    "string": st.text(max_size=6),
    "integer": st.integers(-1000, 1000),
    "number": st.floats(-1e6, 1e6),
    "boolean": st.booleans(),
}


@st.composite
def plain_schemas(draw: st.DrawFn) -> dict[str, Any]:
    """A scalar schema whose default and enum fit its type."""
    kind = draw(st.sampled_from(sorted(_PLAIN_VALUES)))
    schema: dict[str, Any] = {"type": kind}
    if draw(st.booleans()):
        schema["default"] = draw(_PLAIN_VALUES[kind])
    if draw(st.booleans()):
        schema["enum"] = draw(st.lists(_PLAIN_VALUES[kind], min_size=1, max_size=3, unique=True))
        if "default" in schema:
            schema["default"] = schema["enum"][0]
    return schema


@st.composite
def schemas(draw: st.DrawFn) -> dict[str, Any]:
    if draw(st.booleans()):
        return draw(plain_schemas())
    kind = draw(types)
    schema: dict[str, Any] = {} if kind is None else {"type": kind}
    if kind == "array":
        schema["items"] = draw(st.sampled_from([{"type": "string"}, {}, {"type": "integer"}]))
    if draw(st.booleans()):
        schema["default"] = draw(values)
    if draw(st.booleans()):
        schema["enum"] = draw(st.lists(values, min_size=0, max_size=3))
    if draw(st.booleans()):
        schema["format"] = draw(st.sampled_from(["date-time", "int32", "dateTime", "odd"]))
    return schema


@st.composite
def parameters(draw: st.DrawFn, path_names: list[str], odd: bool) -> list[dict[str, Any]]:
    found: list[dict[str, Any]] = [{"$ref": "#/components/parameters/ApiVersion"}]
    found += [
        {
            "name": name,
            "in": "path",
            "required": True,
            "schema": {"type": draw(st.sampled_from(["string", "integer"]) | types) or "string"},
        }
        for name in path_names
    ]
    for _ in range(draw(st.integers(0, 3))):
        parameter: dict[str, Any] = {
            "name": draw(names if odd else plain_names),
            "in": draw(
                st.sampled_from(
                    ["query", "header", "cookie", "query"] if odd else ["query", "header"]
                )
            ),
            "schema": draw(schemas() if odd else plain_schemas()),
        }
        if draw(st.booleans()):
            parameter["required"] = True
        if draw(st.booleans()):
            parameter["deprecated"] = True
        if odd and draw(st.booleans()):
            parameter["x-python-name"] = draw(names)
        found.append(parameter)
    return found


@st.composite
def operations(draw: st.DrawFn, index: int) -> tuple[str, str, dict[str, Any]]:
    path_names = draw(
        st.lists(st.sampled_from(["thing_oid", "id", "from"]), max_size=2, unique=True)
    )
    path = f"/fuzz{index}/" + "/".join("{" + n + "}" for n in path_names)
    method = draw(st.sampled_from(["get", "put", "post", "delete"]))
    odd = draw(st.booleans())
    ref = {"$ref": "#/components/schemas/" + draw(st.sampled_from(SCHEMA_NAMES))}
    answers = [
        {"200": {"description": "ok", "content": {"application/json": {"schema": ref}}}},
        {"204": {"description": "done"}},
    ]
    if odd:
        answers += [
            {"400": {"description": "bad"}},
            {"200": {"description": "ok", "content": {"text/plain": {"schema": {}}}}},
        ]
    operation: dict[str, Any] = {
        "operationId": draw(names if odd else plain_names),
        "parameters": draw(parameters(path_names, odd)),
        "responses": draw(st.sampled_from(answers)),
    }
    if draw(st.booleans()):
        operation["requestBody"] = {
            "required": draw(st.booleans()),
            "content": {"application/json": {"schema": ref}},
        }
        if odd and draw(st.booleans()):
            operation["x-codegen-request-body-name"] = draw(names)
    if not odd:
        return path, method, operation
    for key, strategy in (
        ("deprecated", st.booleans()),
        ("x-python-name", names),
        ("x-idempotent", values),
        ("x-cli", st.fixed_dictionaries({}, optional={"command": names, "columns": values})),
        ("x-pagination", st.fixed_dictionaries({}, optional={"items": names, "limit": names})),
    ):
        if draw(st.integers(0, 4)) == 0:
            operation[key] = draw(strategy)
    return path, method, operation


@st.composite
def hostile_specs(draw: st.DrawFn) -> dict[str, Any]:
    spec = copy.deepcopy(BASE)
    for index in range(draw(st.integers(1, 3))):
        path, method, operation = draw(operations(index))
        spec["paths"].setdefault(path, {})[method] = operation
    if draw(st.integers(0, 3)) == 0:
        target = spec["components"]["schemas"][draw(st.sampled_from(SCHEMA_NAMES))]
        target.setdefault("properties", {})[draw(names)] = draw(schemas())
    return spec


def _write(spec: dict[str, Any], folder: Path) -> Path:
    path = folder / "spec.yaml"
    path.write_text(yaml.safe_dump(spec, sort_keys=False, allow_unicode=True), encoding="utf-8")
    return path


def _one_message_per_problem(problems: Problems) -> None:
    for problem in problems.found:
        assert problem.where and problem.message, problem
        assert problem.pointer.startswith("#"), problem
        assert "Traceback" not in problem.message, problem


@pytest.mark.fuzz
@fuzz_settings(max_examples=60)
@given(spec=hostile_specs())
def test_the_checks_refuse_or_accept_a_hostile_spec_never_crash(spec: dict[str, Any]) -> None:
    with tempfile.TemporaryDirectory() as tmp:
        problems = Problems()
        checked = generate.check(_write(spec, Path(tmp)), problems)
    assert checked is not None or problems
    event("refused" if problems else "accepted")
    _one_message_per_problem(problems)


@pytest.mark.fuzz
@fuzz_settings(max_examples=4)
@given(spec=hostile_specs())
def test_generation_yields_an_importable_package_or_one_message_per_problem(
    spec: dict[str, Any],
) -> None:
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        try:
            package = generate.render(folder / "out", spec=_write(spec, folder))
        except generate.GenerationError as exc:
            event("refused")
            lines = str(exc).splitlines()
            assert "Traceback (most recent call last)" not in str(exc), str(exc)
            assert lines and lines[0].strip(), str(exc)
            return
        event("generated")
        # It generated: the package, the clients and the CLI must import and build.
        check = (
            "import ultracart_conversations_api.resources, ultracart_conversations_api.schemas;"
            "from ultracart_conversations.cli import build_parser; build_parser();"
            "import ultracart_conversations.testing"
        )
        env = {
            **os.environ,
            "PYTHONPATH": os.pathsep.join([str(package.parent), str(ROOT / "overrides")]),
        }
        run = subprocess.run(
            [sys.executable, "-c", check], env=env, capture_output=True, text=True, check=False
        )
        assert run.returncode == 0, run.stderr
