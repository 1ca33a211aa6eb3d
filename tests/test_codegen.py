"""The codegen step: reproducible, complete, and guarded against the generator's traps."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
import yaml

from codegen import generate
from codegen.generate import endpoint_modules, spec_operation_ids
from codegen.paths import SPEC, TARGET


def tree(root: Path) -> dict[str, bytes]:
    return {
        p.relative_to(root).as_posix(): p.read_bytes()
        for p in sorted(root.rglob("*"))
        if p.is_file() and "__pycache__" not in p.parts
    }


@pytest.fixture(scope="module")
def rendered(tmp_path_factory: pytest.TempPathFactory) -> dict[str, bytes]:
    return tree(generate.render(tmp_path_factory.mktemp("render")))


def test_committed_generated_code_matches_the_spec(rendered: dict[str, bytes]) -> None:
    assert tree(TARGET) == rendered


def test_two_renders_are_byte_identical(
    rendered: dict[str, bytes], tmp_path_factory: pytest.TempPathFactory
) -> None:
    # A different folder and a hostile ruff config above it must not change a byte:
    # the pinned ruff runs with codegen/ruff.toml only.
    parent = tmp_path_factory.mktemp("hostile")
    (parent / "ruff.toml").write_text("line-length = 40\n[format]\nquote-style = 'single'\n")
    workdir = parent / "nested"
    workdir.mkdir()
    assert tree(generate.render(workdir)) == rendered


def test_output_is_complete_typed_and_free_of_local_paths(rendered: dict[str, bytes]) -> None:
    for name in endpoint_modules(spec_operation_ids()).values():
        assert f"api/conversation/{name}.py" in rendered
    assert "py.typed" in rendered
    assert "models/response_warning.py" in rendered  # not `Warning_`
    for name, content in rendered.items():
        assert b"/tmp" not in content and str(Path.home()).encode() not in content, name


def test_check_generated_shows_a_readable_diff_for_a_stale_tree(tmp_path: Path) -> None:
    stale = tmp_path / "ultracart_conversations_api"
    shutil.copytree(TARGET, stale)
    (stale / "models" / "leftover.py").write_text("x = 1\n")
    client = stale / "client.py"
    client.write_text(client.read_text().replace("class Client:", "class Klient:"))
    diff = "".join(generate.diff_generated(stale))
    assert "-class Klient:" in diff and "+class Client:" in diff
    assert "generated/ultracart_conversations_api/models/leftover.py" in diff


def test_a_generator_warning_fails_generation(tmp_path: Path) -> None:
    # openapi-python-client 0.29.1 drops every endpoint when a header parameter uses a
    # 3.1 `const`, and still exits 0 unless told to fail on warnings.
    spec = yaml.safe_load(SPEC.read_text())
    spec["openapi"] = "3.1.0"
    for schema in spec["components"]["schemas"].values():  # 3.0 `nullable` is not 3.1
        for prop in schema.get("properties", {}).values():
            if prop.pop("nullable", False):
                prop["type"] = [prop["type"], "null"]
    spec["components"]["parameters"]["ApiVersion"]["schema"] = {"const": "2017-03-01"}
    broken = tmp_path / "broken.yaml"
    broken.write_text(yaml.safe_dump(spec))
    with pytest.raises(generate.GenerationError):
        generate.render(tmp_path / "out", spec=broken)
