"""How the spec's names become Python and command-line names, and which names are taken.

- An operation's method is its operationId in snake_case (`getWidgetList` ->
  `get_widget_list`), its CLI command the same in kebab-case, unless the operation says
  otherwise (`x-python-name`, `x-cli.command`).
- A query or path parameter is its name in snake_case (`_limit` -> `limit`); a header
  parameter drops the prefix config.yaml lists (`X-UltraCart-Merchant-Id` ->
  `merchant_id`). `x-python-name` on the parameter overrides either. A Python keyword
  gets a trailing underscore (`from` -> `from_`).
- The names the client classes already have (`close`, `with_options`, ...) are read from
  their source, so that an operation can never silently replace one.
"""

from __future__ import annotations

import ast
import keyword
import re
from functools import cache
from pathlib import Path

from codegen.paths import OVERRIDES

# The keywords the generated methods take besides the operation's own parameters.
METHOD_KEYWORDS = frozenset({"self", "page_size", "max_items", "concurrency", "deadline"})

# What an x-python-name may be: a public snake_case identifier.
_PYTHON_NAME = re.compile(r"[a-z][a-z0-9_]*")

# The classes whose attributes a generated method must not replace (the clients inherit
# the generated SyncOperations/AsyncOperations and these), by source file.
CLIENT_CLASSES = {
    "_base.py": ("BaseConversationApi",),
    "_sync_client.py": ("ConversationApi",),
    "_async_client.py": ("AsyncConversationApi",),
    "_operation.py": ("SyncCaller", "AsyncCaller"),
}


def snake(name: str) -> str:
    """snake_case of an operationId or a spec name: `_limit` -> `limit`."""
    text = re.sub(r"[^0-9A-Za-z]+", "_", name)
    text = re.sub(r"([a-z0-9])([A-Z])", r"\1_\2", text)
    text = re.sub(r"([A-Z]+)([A-Z][a-z])", r"\1_\2", text)
    text = text.strip("_").lower()
    if not text or text[0].isdigit():
        text = "p_" + text
    if keyword.iskeyword(text):
        text += "_"
    return text


def header_name(name: str, prefixes: tuple[str, ...]) -> str:
    """A header parameter's Python name: the first matching prefix dropped, then the
    words between dashes (`X-UltraCart-Merchant-Id` -> `merchant_id`)."""
    for prefix in prefixes:
        if name.lower().startswith(prefix.lower()) and len(name) > len(prefix):
            name = name[len(prefix) :]
            break
    words = [word.lower() for word in re.split(r"[^0-9A-Za-z]+", name) if word]
    return snake("_".join(words))


def kebab(python_name: str) -> str:
    return python_name.replace("_", "-")


def python_name_problem(name: object) -> str | None:
    """Why an x-python-name cannot be used, or None."""
    if not isinstance(name, str) or not _PYTHON_NAME.fullmatch(name):
        return f"x-python-name must be a snake_case identifier, got {name!r}"
    if keyword.iskeyword(name):
        return f"x-python-name {name!r} is a Python keyword"
    return None


@cache
def client_attributes(overrides: Path = OVERRIDES) -> frozenset[str]:
    """Every public attribute and method the client classes define (from their source:
    generation must not depend on the package it is about to replace)."""
    names: set[str] = set()
    for filename, classes in CLIENT_CLASSES.items():
        tree = ast.parse((overrides / filename).read_text(encoding="utf-8"))
        for node in ast.walk(tree):
            if isinstance(node, ast.ClassDef) and node.name in classes:
                names |= _class_attributes(node)
    return frozenset(name for name in names if not name.startswith("_"))


def _class_attributes(node: ast.ClassDef) -> set[str]:
    names: set[str] = set()
    for statement in node.body:
        if isinstance(statement, ast.FunctionDef | ast.AsyncFunctionDef):
            names.add(statement.name)
            for inner in ast.walk(statement):  # self.<name> = ... in the methods
                targets = (
                    inner.targets
                    if isinstance(inner, ast.Assign)
                    else [inner.target]
                    if isinstance(inner, ast.AnnAssign)
                    else []
                )
                for target in targets:
                    if (
                        isinstance(target, ast.Attribute)
                        and isinstance(target.value, ast.Name)
                        and target.value.id == "self"
                    ):
                        names.add(target.attr)
        elif isinstance(statement, ast.Assign):
            names |= {t.id for t in statement.targets if isinstance(t, ast.Name)}
        elif isinstance(statement, ast.AnnAssign) and isinstance(statement.target, ast.Name):
            names.add(statement.target.id)
    return names
