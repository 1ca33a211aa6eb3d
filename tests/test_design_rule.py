"""The design rule, as a check: the hand-written core names no operation. Operation
names, paths and parameter names come from openapi.yaml through the generated surface;
the core (client, sending, retries, errors, auth, pagination, configuration, CLI plumbing)
only acts on descriptors. The demo, the CLI's entry module, the fake's behaviour and
the package's docstring, as users of the API, may name operations."""

from __future__ import annotations

import re
from pathlib import Path

import yaml

ROOT = Path(__file__).resolve().parent.parent
PACKAGE = ROOT / "overrides" / "ultracart_conversations"
CORE = sorted(
    [*PACKAGE.glob("_*.py"), PACKAGE / "errors.py", PACKAGE / "oauth.py", PACKAGE / "dates.py"]
)
CORE = [path for path in CORE if path.name not in ("__init__.py", "__main__.py")]


def _snake(name: str) -> str:
    return re.sub(r"([a-z0-9])([A-Z])", r"\1_\2", name).lower()


def _spec_names() -> tuple[set[str], set[str], set[str]]:
    spec = yaml.safe_load((ROOT / "openapi.yaml").read_text(encoding="utf-8"))
    operations: set[str] = set()
    paths: set[str] = set()
    parameters: set[str] = set()
    shared = spec.get("components", {}).get("parameters", {})
    for path, item in spec["paths"].items():
        paths.add(path.split("{")[0].rstrip("/"))
        for operation in item.values():
            operations |= {operation["operationId"], _snake(operation["operationId"])}
            for parameter in operation.get("parameters", []):
                if "$ref" in parameter:
                    parameter = shared[parameter["$ref"].rsplit("/", 1)[1]]
                parameters.add(parameter["name"])
    return operations, paths, parameters


def test_the_core_names_no_operation_path_or_parameter() -> None:
    operations, paths, parameters = _spec_names()
    assert operations and paths and parameters
    found = []
    for module in CORE:
        text = module.read_text(encoding="utf-8")
        for name in operations:
            if re.search(rf"\b{re.escape(name)}\b", text):
                found.append(f"{module.name}: operation {name}")
        for path in paths:
            if path in text:
                found.append(f"{module.name}: path {path}")
        for name in parameters:
            # As a string literal: prose (and descriptor fields like `Pagination.limit`)
            # may use the same words.
            if re.search(rf"[\"']{re.escape(name)}[\"']", text):
                found.append(f"{module.name}: parameter {name}")
    assert found == []


def test_the_core_modules_exist() -> None:
    names = {path.name for path in CORE}
    for expected in ("_base.py", "_request.py", "_response.py", "_pagination.py", "_retry.py"):
        assert expected in names
