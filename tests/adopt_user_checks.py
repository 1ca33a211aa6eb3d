"""What a user of a freshly adopted operation sees, checked for each one against the fake:

- the CLI's `--help`, and each operation's command's `--help`, work;
- one call of every operation works, through the client and through the CLI, and the
  fake's answer is valid against the operation's documented 2xx schema;
- the fake refuses a bad request with 400 naming the field (an integer path parameter
  given a word, a required query parameter left out, a body field of the wrong type).

Run by tests/adopt_end_to_end.py in a fresh interpreter whose imports are a copy of the
repository (`python -m tests.adopt_user_checks OPERATION_ID...`, `--all` for every
operation of openapi.yaml); prints one line per failure and exits 1 if there was any.
"""

from __future__ import annotations

import io
import json
import sys
import warnings
from pathlib import Path
from typing import Any

import httpx
import yaml
from openapi_schema_validator import OAS30Validator

from ultracart_conversations import ConversationApi
from ultracart_conversations.cli import main as cli
from ultracart_conversations.testing import FakeUltraCart
from ultracart_conversations_api.operations import OPERATIONS

SPEC: dict[str, Any] = yaml.safe_load(Path("openapi.yaml").read_text(encoding="utf-8"))


def _spec_operation(operation: Any) -> dict[str, Any]:
    found: dict[str, Any] = SPEC["paths"][operation.path][operation.method.lower()]
    return found


def _deref(node: Any) -> Any:
    while isinstance(node, dict) and "$ref" in node:
        target: Any = SPEC
        for part in node["$ref"].removeprefix("#/").split("/"):
            target = target[part]
        node = target
    return node


def sample(schema: Any, depth: int = 0) -> Any:
    """The smallest value the schema accepts that we can think of: required fields only."""
    schema = _deref(schema)
    if not isinstance(schema, dict):
        return None
    if "enum" in schema:
        return schema["enum"][0]
    kind = schema.get("type") or ("object" if "properties" in schema else None)
    if kind == "integer":
        return int(schema.get("minimum", 1))
    if kind == "number":
        return float(schema.get("minimum", 1.5))
    if kind == "boolean":
        return True
    if kind == "string":
        return "x" * max(1, int(schema.get("minLength", 1)))
    if kind == "array":
        return []
    if kind == "object" and depth < 8:
        props = schema.get("properties") or {}
        return {
            name: sample(props[name], depth + 1)
            for name in schema.get("required") or []
            if name in props
        }
    return {}


# Path parameters naming something the fake holds state for (our stateful operations):
# one it holds, so that the call finds it.
KNOWN: dict[str, str] = {}


def _value(parameter: Any) -> Any:
    if parameter.name in KNOWN:
        return KNOWN[parameter.name]
    if parameter.enum:
        return parameter.enum[0]
    if parameter.kind == "integer":
        return int(parameter.minimum if parameter.minimum is not None else 1)
    if parameter.kind == "number":
        return float(parameter.minimum if parameter.minimum is not None else 1.5)
    if parameter.kind == "boolean":
        return True
    return "x1"


def _success_schema(operation: Any) -> Any:
    for status, response in sorted(_spec_operation(operation)["responses"].items()):
        if str(status).startswith("2"):
            content = (_deref(response).get("content") or {}).get("application/json")
            if content and "schema" in content:
                return content["schema"]
    return None


def _valid(schema: Any, document: Any) -> list[str]:
    validator = OAS30Validator({**schema, "components": SPEC["components"]})
    return [
        f"{'/'.join(map(str, e.absolute_path))}: {e.message[:120]}"
        for e in validator.iter_errors(document)
    ]


class Checks:
    def __init__(self, fake: Any, names: set[str] | None) -> None:
        self.fake = fake
        self.api = ConversationApi(
            simple_key=fake.simple_key, base_url=fake.base_url, max_retries=0
        )
        self.env = {"ULTRACART_SIMPLE_KEY": fake.simple_key, "ULTRACART_BASE_URL": fake.base_url}
        self.operations = [op for op in OPERATIONS if names is None or op.operation_id in names]
        self.failures: list[str] = []
        self.refused = 0  # bad requests sent

    def fail(self, operation: Any, what: str) -> None:
        self.failures.append(f"{operation.operation_id}: {what}")

    def command(self, operation: Any) -> str:
        cli_hints = getattr(operation, "cli", None)
        return str(
            cli_hints.command
            if cli_hints and cli_hints.command
            else operation.python_name.replace("_", "-")
        )

    def run_cli(self, argv: list[str]) -> tuple[int, str, str]:
        out, err = io.StringIO(), io.StringIO()
        code = cli(argv, environ=self.env, stdout=out, stderr=err)
        return code, out.getvalue(), err.getvalue()

    # -- the CLI's help ---------------------------------------------------------------

    def help(self) -> None:
        code, out, err = self.run_cli(["--help"])
        if code != 0:
            self.failures.append(f"--help: exit {code}: {err[-300:]}")
        for operation in self.operations:
            command = self.command(operation)
            if command not in out:
                self.fail(operation, f"{command} is not in --help")
            code, _, err = self.run_cli([command, "--help"])
            if code != 0:
                self.fail(operation, f"{command} --help: exit {code}: {err[-300:]}")

    # -- one call of each --------------------------------------------------------------

    def arguments(self, operation: Any) -> tuple[list[Any], dict[str, Any], list[str]]:
        """(positional, keywords) for the client, and the CLI's argv, of a minimal call."""
        positional = [_value(p) for p in operation.path_parameters]
        argv = [self.command(operation), *map(str, positional)]
        keywords: dict[str, Any] = {}
        for parameter in operation.arguments:
            if parameter.location == "path" or not parameter.required:
                continue
            keywords[parameter.python_name] = value = _value(parameter)
            argv += [parameter.flag, str(value).lower() if isinstance(value, bool) else str(value)]
        if operation.body is not None:
            schema = _spec_operation(operation)["requestBody"]["content"]["application/json"][
                "schema"
            ]
            document = sample(schema)
            body = operation.body.model.from_dict(document)
            if operation.body.required:
                positional.append(body)
            else:
                keywords[operation.body.python_name] = body
            argv += ["--body", json.dumps(document)]
        return positional, keywords, argv

    def call(self, operation: Any) -> None:
        try:
            positional, keywords, argv = self.arguments(operation)
            method = getattr(self.api, operation.python_name + "_with_http_info")
            with warnings.catch_warnings():
                warnings.simplefilter("ignore", DeprecationWarning)
                answer = method(*positional, **keywords)
        except Exception as exc:  # one line per operation, whatever went wrong
            self.fail(
                operation, f"the client's call failed: {type(exc).__name__}: {str(exc)[:300]}"
            )
            return
        if not 200 <= answer.status_code < 300:
            self.fail(operation, f"answered {answer.status_code}")
        schema = _success_schema(operation)
        if schema is not None:
            errors = _valid(schema, json.loads(answer.content))
            if errors:
                self.fail(operation, f"the fake's answer is not valid: {errors[:3]}")
        elif answer.content:
            self.fail(operation, "a body where the spec documents none")
        code, _, err = self.run_cli([*argv, "--json"])
        if code != 0:
            self.fail(operation, f"the CLI's call failed: exit {code}: {err[-300:]}")

    # -- bad requests ------------------------------------------------------------------

    def bad_requests(self) -> None:
        headers = {
            "x-ultracart-simple-key": self.fake.simple_key,
            "X-UltraCart-Api-Version": "2017-03-01",
        }
        with httpx.Client(base_url=self.fake.base_url, headers=headers, timeout=10) as http:
            for operation in self.operations:
                for field, request in self._bad(operation):
                    self.refused += 1
                    answer = http.request(
                        operation.method, request["url"], **request.get("extra", {})
                    )
                    if answer.status_code != 400 or field not in answer.text:
                        shown = answer.text[:200]
                        self.fail(
                            operation,
                            f"bad {field}: answered {answer.status_code} {shown!r},"
                            " not 400 naming it",
                        )

    def _bad(self, operation: Any) -> list[tuple[str, dict[str, Any]]]:
        values = {p.name: _value(p) for p in operation.path_parameters}
        query = {
            p.name: _value(p) for p in operation.arguments if p.location == "query" and p.required
        }
        body = None
        if operation.body is not None:
            schema = _spec_operation(operation)["requestBody"]["content"]["application/json"][
                "schema"
            ]
            body = sample(schema)
        bad: list[tuple[str, dict[str, Any]]] = []

        def request(
            path_values: dict[str, Any], params: dict[str, Any], document: Any
        ) -> dict[str, Any]:
            url = operation.path.format(**{k: str(v) for k, v in path_values.items()})
            extra: dict[str, Any] = {"params": params}
            if document is not None:
                extra["json"] = document
            return {"url": url, "extra": extra}

        for p in operation.path_parameters:
            if p.kind == "integer":
                bad.append((p.name, request({**values, p.name: "abc"}, query, body)))
        for name in query:
            bad.append((name, request(values, {k: v for k, v in query.items() if k != name}, body)))
        if operation.body is not None:
            schema = _deref(
                _spec_operation(operation)["requestBody"]["content"]["application/json"]["schema"]
            )
            props = schema.get("properties") or {}
            field = next(
                (n for n, s in sorted(props.items()) if _deref(s).get("type") == "integer"), None
            )
            if field is not None and isinstance(body, dict):
                bad.append((field, request(values, query, {**body, field: "not a number"})))
        return bad


def main(argv: list[str]) -> int:
    names = None if argv == ["--all"] else set(argv)
    with FakeUltraCart(conversations=2) as fake:
        KNOWN["conversation_uuid"] = fake.conversations[0]["conversation_uuid"]
        checks = Checks(fake, names)
        if names is not None and len(checks.operations) != len(names):
            missing = sorted(names - {o.operation_id for o in checks.operations})
            print(f"not in the generated operations: {missing}")
            return 1
        checks.help()
        for operation in checks.operations:
            checks.call(operation)
        checks.bad_requests()
    for line in checks.failures:
        print(line)
    print(f"{len(checks.operations)} operations checked, {checks.refused} bad requests sent,")
    print(f"{len(checks.failures)} failures")
    return 1 if checks.failures else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
