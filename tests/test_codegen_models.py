"""The lean model template (codegen/templates/model.py.jinja): golden output and behaviour.

A sample schema with every kind of field the template treats differently (required, a
default, nullable, nested, arrays, a key that is not a Python name) is added to
openapi.yaml and rendered; its module must match the reviewed golden file byte for byte,
and the rendered package must behave: a required field of the wrong shape raises TypeError
naming the field, a missing one KeyError; an optional one reads leniently (null as None,
another type as UNSET, reported, kept in additional_properties; a wrong list item left
out); unknown keys are kept, to_dict round-trips.
Set UPDATE_GOLDEN=1 to rewrite the golden file after a reviewed template change.
"""

from __future__ import annotations

import difflib
import os
import subprocess
import sys
import textwrap
from pathlib import Path
from typing import Any

import pytest
import yaml

from codegen import generate
from codegen.paths import SPEC

GOLDEN = Path(__file__).parent / "fixtures" / "golden" / "golden_sample.py.txt"

SAMPLE_SCHEMA: dict[str, Any] = {
    "type": "object",
    "required": ["name", "kind"],
    "properties": {
        "name": {"type": "string"},
        "kind": {"type": "string", "default": "plain"},
        "count": {"type": "integer"},
        "ratio": {"type": "integer", "nullable": True},
        "flag": {"type": "boolean"},
        "tags": {"type": "array", "items": {"type": "string"}},
        "summaries": {"type": "array", "items": {"$ref": "#/components/schemas/ResultSet"}},
        "result_set": {"$ref": "#/components/schemas/ResultSet"},
        "x-trace-id": {"type": "string"},
    },
}


@pytest.fixture(scope="module")
def sample_package(tmp_path_factory: pytest.TempPathFactory) -> Path:
    spec = yaml.safe_load(SPEC.read_text())
    spec["components"]["schemas"]["GoldenSample"] = SAMPLE_SCHEMA
    workdir = tmp_path_factory.mktemp("golden")
    spec_path = workdir / "spec.yaml"
    spec_path.write_text(yaml.safe_dump(spec, sort_keys=False))
    return generate.render(workdir / "out", spec=spec_path)


def test_sample_model_matches_the_golden_file(sample_package: Path) -> None:
    rendered = (sample_package / "models" / "golden_sample.py").read_text()
    if os.environ.get("UPDATE_GOLDEN"):
        GOLDEN.write_text(rendered)
    golden = GOLDEN.read_text()
    diff = "".join(
        difflib.unified_diff(
            golden.splitlines(keepends=True), rendered.splitlines(keepends=True), "golden", "now"
        )
    )
    assert rendered == golden, diff


def run_against(package: Path, code: str) -> str:
    """Run `code` with the rendered package importable; return its stdout."""
    proc = subprocess.run(
        [sys.executable, "-c", textwrap.dedent(code)],
        env={**os.environ, "PYTHONPATH": str(package.parent)},
        capture_output=True,
        text=True,
        check=False,
    )
    assert proc.returncode == 0, proc.stderr
    return proc.stdout


def test_rendered_sample_model_behaves(sample_package: Path) -> None:
    out = run_against(
        sample_package,
        """
        import os
        import ultracart_conversations_api.models.golden_sample as m
        from ultracart_conversations_api.types import UNSET
        assert m.__file__.startswith(os.environ["PYTHONPATH"]), m.__file__
        GoldenSample = m.GoldenSample

        full = {
            "name": "n", "kind": "k", "count": 3, "ratio": None, "flag": True,
            "tags": ["a"], "summaries": [{"count": 1}], "result_set": {"more": False},
            "x-trace-id": "t", "unknown": {"nested": [1]},
        }
        sample = GoldenSample.from_dict(full)
        assert sample.to_dict() == full
        assert sample.x_trace_id == "t" and sample.ratio is None
        assert sample.additional_properties == {"unknown": {"nested": [1]}}
        assert sample.summaries[0].count == 1 and sample.result_set.more is False

        minimal = GoldenSample.from_dict({"name": "n", "kind": "plain"})
        assert minimal.count is UNSET and minimal.additional_properties == {}
        assert minimal.to_dict() == {"name": "n", "kind": "plain"}
        # The source document is read, never changed or kept.
        source = {"name": "n", "kind": "k", "extra": 1}
        parsed = GoldenSample.from_dict(source)
        parsed.additional_properties["more"] = 2
        assert source == {"name": "n", "kind": "k", "extra": 1}

        def error(document):
            try:
                GoldenSample.from_dict(document)
            except KeyError as exc:
                return "KeyError: " + str(exc)
            except TypeError as exc:  # WrongType, a TypeError
                return "TypeError: " + str(exc)
            raise AssertionError(document)

        print(error({"kind": "k"}))
        print(error({"name": 1, "kind": "k"}))

        from ultracart_conversations._reading import problems_of

        def lenient(document):
            sample = GoldenSample.from_dict({"name": "n", "kind": "k", **document})
            for problem in problems_of(sample):
                print(problem, repr(problem.value))
            return sample

        sample = lenient({"count": True})
        assert sample.count is UNSET and sample.additional_properties == {"count": True}
        assert sample.to_dict() == {"name": "n", "kind": "k", "count": True}
        assert lenient({"tags": "abc"}).tags is UNSET
        assert lenient({"result_set": []}).result_set is UNSET
        assert lenient({"summaries": [{"count": "1"}, 2, {"count": 3}]}).summaries[1].count == 3
        assert lenient({"tags": ["a", 1, None, "b"]}).tags == ["a", "b"]
        # The fast reader (a Struct per model, slots filled directly) reads the same
        # (on here, also where the suite runs with it off).
        import json
        from ultracart_conversations import _fast

        os.environ.pop(_fast.ENVIRONMENT_VARIABLE, None)

        known = {key: value for key, value in full.items() if key != "unknown"}
        fast = _fast.read_fast(GoldenSample, json.dumps(known).encode())
        assert fast == GoldenSample.from_dict(known) and fast.x_trace_id == "t"
        assert _fast.read_fast(GoldenSample, json.dumps(full).encode()) is None  # unknown key
        assert _fast.read_fast(GoldenSample, b'{"kind": "k"}') is None  # required name missing

        nulls = lenient({"count": None, "tags": None, "result_set": None, "x-trace-id": None})
        assert nulls.count is None and nulls.tags is None and nulls.result_set is None
        assert nulls.x_trace_id is None and problems_of(nulls) == ()
        assert nulls.to_dict()["result_set"] is None
        """,
    )
    assert out.splitlines() == [
        "KeyError: 'name'",
        "TypeError: name: expected a string, got int",
        "count: expected an integer, got bool True",
        "tags: expected an array, got str 'abc'",
        "result_set: expected an object, got list []",
        "summaries[0].count: expected an integer, got str '1'",
        "summaries[1]: expected an object, got int 2",
        "tags[1]: expected a string, got int 1",
        "tags[2]: expected a string, got NoneType None",
    ]


def test_committed_models_use_the_lean_template() -> None:
    # generated/ is checked against a fresh render elsewhere; this pins what "lean" means.
    from ultracart_conversations_api.models import conversation_summary

    source = Path(conversation_summary.__file__).read_text()
    from_dict = source[source.index("def from_dict") : source.index("def additional_keys")]
    assert "dict(src_dict)" not in from_dict and ".pop(" not in from_dict
    assert "=" not in from_dict[from_dict.index("cls(") : from_dict.index(")\n")]  # positional
    # One subset test, one filter, and the values kept when a read found problems.
    assert from_dict.count("_KNOWN_KEYS") == 3
