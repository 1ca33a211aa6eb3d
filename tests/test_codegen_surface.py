"""What the generated surface does with the shapes UltraCart's document has and the seven
do not (issue 18, "Codegen" and "CLI"; issue 22, typing): a spec with such operations is
generated once, and a fresh interpreter uses the package over real HTTP against the fake
(which answers them from their schemas) and a scripted server.

- an integer path parameter (`*_oid`), a required header parameter named as users spell
  it, an enum query parameter, a date-time parameter taking a datetime;
- x-pagination on a POST search: the body is sent with every page, offset in the query;
- a deprecated operation and parameter: docstring, DeprecationWarning at the caller's
  line, CLI help;
- a documented 409 with a schema of its own: on the error as `body_model`;
- a body that contains itself: InvalidRequestError; a scalar anyOf; a typed map;
- a literal path beside a templated one: the literal one wins in the fake's router;
- body fields named like the CLI's own options (`timeout`, `json`): namespaced flags.
"""

from __future__ import annotations

import copy
import os
import subprocess
import sys
import textwrap
from pathlib import Path
from typing import Any

import pytest
import yaml

from codegen import generate
from codegen.paths import ROOT, SPEC

VERSION = {"$ref": "#/components/parameters/ApiVersion"}
SECURITY = [{"ultraCartOauth": ["conversation_read"]}, {"ultraCartSimpleApiKey": []}]
ERRORS = {
    status: {"$ref": f"#/components/responses/{name}"}
    for status, name in (("400", "BadRequest"), ("401", "Unauthorized"), ("429", "RateLimited"))
}


def _json(ref: str, description: str = "Done") -> dict[str, Any]:
    schema = {"$ref": f"#/components/schemas/{ref}"}
    return {"description": description, "content": {"application/json": {"schema": schema}}}


def odd_spec() -> dict[str, Any]:
    spec: dict[str, Any] = yaml.safe_load(SPEC.read_text(encoding="utf-8"))
    schemas = spec["components"]["schemas"]
    schemas["Thing"] = {
        "type": "object",
        "properties": {
            "thing_oid": {"type": "integer", "format": "int32"},
            "thing_uuid": {"type": "string"},
            "name": {"type": "string", "maxLength": 20},
            "either": {"anyOf": [{"type": "integer"}, {"type": "string"}]},
            "counts": {"type": "object", "additionalProperties": {"type": "integer"}},
            "child": {"$ref": "#/components/schemas/Thing"},
        },
    }
    schemas["ThingSearch"] = {
        "type": "object",
        "properties": {
            "name": {"type": "string"},
            "timeout": {"type": "integer", "format": "int32"},
            "json": {"type": "boolean"},
        },
    }
    schemas["ThingsResponse"] = {
        "type": "object",
        "properties": {
            "things": {"type": "array", "items": {"$ref": "#/components/schemas/Thing"}},
            "metadata": {"$ref": "#/components/schemas/ResponseMetadata"},
            "success": {"type": "boolean"},
        },
    }
    schemas["ThingResponse"] = {
        "type": "object",
        "properties": {
            "thing": {"$ref": "#/components/schemas/Thing"},
            "success": {"type": "boolean"},
        },
    }
    schemas["ThingConflict"] = {
        "type": "object",
        "properties": {"reason": {"type": "string"}, "existing_oid": {"type": "integer"}},
    }
    oid = {"name": "thing_oid", "in": "path", "required": True, "schema": {"type": "integer"}}
    spec["paths"]["/things/search"] = {
        "post": {
            "operationId": "searchThings",
            "x-idempotent": True,
            "x-codegen-request-body-name": "search",
            "x-pagination": {
                "items": "things",
                "item-id": "thing_uuid",
                "limit": "_limit",
                "offset": "_offset",
                "result-set": "metadata.result_set",
            },
            "parameters": [
                VERSION,
                {
                    "name": "_limit",
                    "in": "query",
                    "schema": {"type": "integer", "minimum": 1, "maximum": 100, "default": 100},
                },
                {
                    "name": "_offset",
                    "in": "query",
                    "schema": {"type": "integer", "minimum": 0, "default": 0},
                },
            ],
            "requestBody": {
                "required": True,
                "content": {
                    "application/json; charset=UTF-8": {
                        "schema": {"$ref": "#/components/schemas/ThingSearch"}
                    }
                },
            },
            "security": SECURITY,
            "responses": {"200": _json("ThingsResponse"), **ERRORS},
        }
    }
    spec["paths"]["/things/{thing_oid}"] = {
        "get": {
            "operationId": "getThing",
            "parameters": [
                VERSION,
                oid,
                {
                    "name": "X-UltraCart-Merchant-Id",
                    "in": "header",
                    "required": True,
                    "schema": {"type": "string"},
                },
                {"name": "kind", "in": "query", "schema": {"type": "string", "enum": ["a", "b"]}},
                {
                    "name": "since",
                    "in": "query",
                    "schema": {"type": "string", "format": "date-time"},
                },
            ],
            "security": SECURITY,
            "responses": {
                "200": _json("ThingResponse"),
                "409": _json("ThingConflict", "It clashes"),
                **ERRORS,
            },
        },
        "put": {
            "operationId": "updateThing",
            "deprecated": True,
            "parameters": [
                VERSION,
                oid,
                {
                    "name": "legacy",
                    "in": "query",
                    "deprecated": True,
                    "schema": {"type": "boolean"},
                },
            ],
            "requestBody": {
                "required": True,
                "content": {"application/json": {"schema": {"$ref": "#/components/schemas/Thing"}}},
            },
            "security": SECURITY,
            "responses": {"204": {"description": "Done"}, **ERRORS},
        },
    }
    return copy.deepcopy(spec)


@pytest.fixture(scope="module")
def odd_package(tmp_path_factory: pytest.TempPathFactory) -> Path:
    workdir = tmp_path_factory.mktemp("odd")
    spec_path = workdir / "odd.yaml"
    spec_path.write_text(yaml.safe_dump(odd_spec(), sort_keys=False), encoding="utf-8")
    return generate.render(workdir / "out", spec=spec_path)


_SCRIPT = textwrap.dedent(
    """
    import io, json, threading, warnings
    from datetime import datetime, timezone
    from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

    import httpx
    import ultracart_conversations_api
    from ultracart_conversations import ConversationApi, InvalidRequestError, ApiError, problems_of
    from ultracart_conversations._reading import from_dict_strictly
    from ultracart_conversations.cli import main as cli
    from ultracart_conversations.testing import FakeUltraCart
    from ultracart_conversations_api.models import Thing, ThingConflict, ThingSearch
    import ultracart_conversations_api.resources as resources

    assert "odd" in ultracart_conversations_api.__file__

    def cli_run(*argv, env):
        out, err = io.StringIO(), io.StringIO()
        return cli(list(argv), environ=env, stdout=out, stderr=err), out.getvalue(), err.getvalue()

    with FakeUltraCart(conversations=2) as fake:
        api = ConversationApi(simple_key=fake.simple_key, base_url=fake.base_url, max_retries=0)
        env = {"ULTRACART_SIMPLE_KEY": fake.simple_key, "ULTRACART_BASE_URL": fake.base_url}

        # An integer path parameter, a header named as users spell it, an enum, a datetime.
        since = datetime(2025, 1, 2, 3, 4, 5, tzinfo=timezone.utc)
        answer = api.get_thing(7, merchant_id="M1", kind="a", since=since)
        assert answer.success is True and isinstance(answer.thing, Thing)
        sent = fake.requests[-1]
        assert sent.path.endswith("/things/7"), sent
        assert sent.headers["x-ultracart-merchant-id"] == "M1"
        assert sent.query == {"kind": "a", "since": "2025-01-02T03:04:05+00:00"}
        again = [api.get_thing(7, merchant_id="M1").to_dict() for _ in range(2)]
        assert again[0] == again[1]  # deterministic
        before = fake.request_count
        for bad in ({"thing_oid": "7"}, {"kind": "c"}, {"since": datetime(2025, 1, 2)}):
            arguments = {"thing_oid": 7, "merchant_id": "M1", **bad}
            try:
                api.get_thing(**arguments)
            except InvalidRequestError:
                pass
            else:
                raise AssertionError(bad)
        assert fake.request_count == before

        # A POST search, paged: the body goes with every page, the offset in the query.
        things = list(api.iter_things(ThingSearch(name="x", timeout=3), page_size=2))
        assert [t.thing_uuid for t in things] == [f"searchThings-{i}" for i in (1, 2, 3)]
        pages = [r for r in fake.requests if r.operation_id == "searchThings"]
        assert {json.loads(r.body)["name"] for r in pages} == {"x"}
        assert [r.query["_offset"] for r in pages][:2] == ["0", "1"], pages

        # Deprecated: said in the docstring, warned at the caller's line, and per parameter.
        assert "Deprecated" in resources.SyncOperations.update_thing.__doc__
        with warnings.catch_warnings(record=True) as caught:
            warnings.simplefilter("always")
            api.update_thing(1, Thing(name="n"))
            api.update_thing(1, Thing(name="n"), legacy=True)
        assert [w.category for w in caught] == [DeprecationWarning] * 3
        assert all(w.filename == "<string>" for w in caught), [w.filename for w in caught]
        assert "legacy" in str(caught[-1].message)

        # A body that contains itself is refused before anything is sent.
        cyclic = Thing(name="c")
        cyclic.child = cyclic
        before = fake.request_count
        with warnings.catch_warnings():
            warnings.simplefilter("ignore", DeprecationWarning)
            try:
                api.update_thing(1, cyclic)
            except InvalidRequestError as e:
                assert "contains itself" in str(e)
            else:
                raise AssertionError("a cyclic body was sent")
        assert fake.request_count == before

        # Scalar anyOf: every branch; a typed map: its values, named by key (read
        # leniently, the problem is reported; strictly, refused).
        assert Thing.from_dict({"either": 1}).either == 1
        assert Thing.from_dict({"either": "x"}).either == "x"
        for document, message in (({"either": 1.5}, "either: expected an integer or a string"),
                                  ({"counts": {"a": "x"}}, "a: expected an integer")):
            assert any(message in str(p) for p in problems_of(Thing.from_dict(document))), (
                document, problems_of(Thing.from_dict(document)))
            try:
                from_dict_strictly(Thing, document)
            except TypeError as e:
                assert message in str(e), e
            else:
                raise AssertionError(document)

        # The fake: the literal path wins over the templated one; a bad body is a 400
        # naming the field.
        http = httpx.Client(headers={"x-ultracart-simple-key": fake.simple_key,
                                     "X-UltraCart-Api-Version": "2017-03-01"})
        wrong_method = http.get(fake.base_url + "/things/search")
        assert wrong_method.status_code == 405 and wrong_method.headers["Allow"] == "POST"
        bad = http.post(fake.base_url + "/things/search", json={"timeout": "soon"})
        assert bad.status_code == 400, bad.text
        assert "timeout must be an integer" in bad.headers["UC-REST-ERROR"]
        bad = http.put(fake.base_url + "/things/x", json={})
        assert bad.status_code == 400 and "thing_oid" in bad.headers["UC-REST-ERROR"]

        # The command line: namespaced flags, users' metavars, required and typed flags.
        code, out, err = cli_run("search-things", "--help", env=env)
        assert code == 0 and "--body-timeout N" in out and "--body-json" in out
        assert "--name TEXT" in out and "--limit N" in out, out
        code, out, err = cli_run("get-thing", "--help", env=env)
        assert "THING_OID" in out and "--merchant-id TEXT" in out and "{a,b}" in out
        assert "--since DATETIME" in out
        code, out, err = cli_run("update-thing", "--help", env=env)
        assert "(deprecated)" in out
        code, out, err = cli_run("get-thing", "7", env=env)
        assert code == 2 and "--merchant-id" in err and "required" in err, err
        code, out, err = cli_run("get-thing", "seven", "--merchant-id", "M", env=env)
        assert code == 2 and "invalid int value" in err, err
        code, out, err = cli_run("get-thing", "7", "--merchant-id", "M", "--json", env=env)
        assert code == 0 and "thing" in json.loads(out), (out, err)
        code, out, err = cli_run("search-things", "--name", "y", "--body-timeout", "5",
                                 "--json", env=env)
        assert code == 0 and len(json.loads(out)) == 3, (out, err)
        assert json.loads(fake.requests[-1].body) == {"name": "y", "timeout": 5}
        code, out, err = cli_run("update-thing", "1", "--name", "n", env=env)
        assert code == 0 and "warning:" in err and "deprecated" in err, err

    # A documented 409 with its own schema: typed on the error.
    class Conflict(BaseHTTPRequestHandler):
        def log_message(self, *args): pass
        def do_GET(self):
            body = json.dumps({"reason": "taken", "existing_oid": 9}).encode()
            self.send_response(409)
            self.send_header("Content-Type", "application/json")
            self.send_header("Content-Length", str(len(body)))
            self.end_headers()
            self.wfile.write(body)
    server = ThreadingHTTPServer(("127.0.0.1", 0), Conflict)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    base = f"http://127.0.0.1:{server.server_address[1]}/rest/v2"
    with ConversationApi(simple_key="k", base_url=base, max_retries=0) as conflicted:
        try:
            conflicted.get_thing(7, merchant_id="M1")
        except ApiError as e:
            assert e.status == 409 and isinstance(e.body_model, ThingConflict), e.body_model
            assert e.body_model.reason == "taken" and e.body_model.existing_oid == 9
        else:
            raise AssertionError("no 409")
    server.shutdown()
    print("ODD OK")
    """
)


def test_the_odd_shapes_work_end_to_end(odd_package: Path) -> None:
    env = {
        **os.environ,
        "PYTHONPATH": os.pathsep.join([str(odd_package.parent), str(ROOT / "overrides")]),
    }
    run = subprocess.run(
        [sys.executable, "-c", _SCRIPT],
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )
    assert run.returncode == 0, run.stdout + run.stderr
    assert run.stdout.strip().endswith("ODD OK")


def test_the_odd_package_types_its_parameters(odd_package: Path) -> None:
    resources = (odd_package / "resources.py").read_text(encoding="utf-8")
    assert "merchant_id: str" in resources
    assert "kind: Literal['a', 'b'] | None = None" in resources.replace('"', "'")
    assert "since: str | datetime | None = None" in resources
    assert "thing_oid: int" in resources
    operations = (odd_package / "operations.py").read_text(encoding="utf-8")
    assert '"409": "ThingConflict"' in operations
