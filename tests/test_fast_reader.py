"""The fast reader (ultracart_conversations/_fast.py) gives what the generic reader gives.

Differential tests. For any body, `read_fast` either declines (None: the client then reads
it the generic way) or returns a model equal to what `json.loads` + the lenient
`from_dict` gives, value types and additional properties included, with no problems.
Bodies range over documents of every schema (valid, with unknown keys, with fields of any
JSON type or null, reordered, escaped), JSON of any shape, and the hostile bodies of the
reliability tests (truncated, deep, huge, arbitrary bytes). Over real HTTP, a client with
the fast reader and one without give equal results and problems, or the same typed error.
A valid document is read by the fast reader itself, so a reader that always declined
would fail here.

The whole suite also runs with ULTRACART_FAST_READ=0 (the generic reader only) in CI.
"""

from __future__ import annotations

import json
import random
from collections.abc import Iterator
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from tests.reliability_support import document, json_values, model_class, schemas
from tests.scripted_server import Reply, ScriptedServer
from tests.test_json_decode import same
from tests.test_reliability_bodies import OPERATIONS, Served, _wrong_types, bodies
from ultracart_conversations import ConversationApi, _fast, _response, problems_of
from ultracart_conversations.errors import ApiError

SCHEMAS = sorted(schemas())


def _holds_itself(model: type, inside: frozenset[type] = frozenset()) -> bool:
    """Whether a model reaches itself through its fields (upstream's Order -> Customer ->
    Order): the fast reader declines those by design, the generic reader reads them."""
    if model in inside:
        return True
    for _, _, kind, _ in getattr(model, "_fast_fields", tuple)():
        while isinstance(kind, list):
            kind = kind[0]
        nested = isinstance(kind, type) and hasattr(kind, "_fast_fields")
        if nested and _holds_itself(kind, inside | {model}):
            return True
    return False


# The schemas the fast reader must read itself (all of our seven operations' schemas).
FAST_SCHEMAS = [name for name in SCHEMAS if not _holds_itself(model_class(name))]
SETTINGS = settings(
    max_examples=60,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)


@pytest.fixture(autouse=True)
def fast_reader_on(monkeypatch: pytest.MonkeyPatch) -> Iterator[None]:
    """These tests are about the fast reader: on, whatever the environment says."""
    monkeypatch.delenv(_fast.ENVIRONMENT_VARIABLE, raising=False)
    monkeypatch.setattr(_fast, "_READERS", {})
    yield


def encode(value: Any, rng: random.Random) -> bytes:
    """JSON text as a server might write it: keys in any order, escaped or not, spaced."""

    def shuffled(node: Any) -> Any:
        if isinstance(node, dict):
            items = list(node.items())
            rng.shuffle(items)
            return {key: shuffled(item) for key, item in items}
        if isinstance(node, list):
            return [shuffled(item) for item in node]
        return node

    separators = rng.choice([(",", ":"), (", ", ": ")])
    text = json.dumps(shuffled(value), ensure_ascii=rng.random() < 0.5, separators=separators)
    return text.encode("utf-8", "surrogatepass")


def documents(schema_name: str) -> st.SearchStrategy[Any]:
    return document(schema_name) | _wrong_types(schema_name) | json_values


def check_same_as_generic(schema_name: str, body: bytes) -> Any:
    """The fast reader's model for `body` (or None), after checking it against the
    generic reader's."""
    model = model_class(schema_name)
    fast = _fast.read_fast(model, body)
    if fast is None:
        return None
    reference = model.from_dict(json.loads(body))
    assert problems_of(reference) == () == problems_of(fast)
    assert fast == reference
    # Value types too (attrs' == says 1 == 1.0), nested models and unknown keys included.
    assert same(fast.to_dict(), reference.to_dict())
    return fast


@pytest.mark.parametrize("schema_name", SCHEMAS)
@SETTINGS
@given(data=st.data())
def test_any_document_reads_as_the_generic_reader_reads_it(
    schema_name: str, data: st.DataObject
) -> None:
    value = data.draw(documents(schema_name), label="document")
    rng = data.draw(st.randoms(use_true_random=False), label="order")
    check_same_as_generic(schema_name, encode(value, rng))


@pytest.mark.parametrize("schema_name", FAST_SCHEMAS)
@SETTINGS
@given(data=st.data())
def test_a_valid_document_is_read_by_the_fast_reader_itself(
    schema_name: str, data: st.DataObject
) -> None:
    value = data.draw(document(schema_name, extra_keys=False), label="document")
    rng = data.draw(st.randoms(use_true_random=False), label="order")
    assert check_same_as_generic(schema_name, encode(value, rng)) is not None


@pytest.mark.parametrize(
    "schema_name", ["ConversationsResponse", "ConversationResponse", "ErrorResponse"]
)
@SETTINGS
@given(data=st.data())
def test_hostile_bodies_read_as_the_generic_reader_reads_them(
    schema_name: str, data: st.DataObject
) -> None:
    body = data.draw(bodies(schema_name), label="body")
    try:
        json.loads(body)
    except (ValueError, RecursionError):
        # Not JSON to json.loads: the fast reader must decline it too.
        assert _fast.read_fast(model_class(schema_name), body) is None
        return
    check_same_as_generic(schema_name, body)


EDGE_BODIES = [
    b'{"conversations": [{"message_count": 18446744073709551616}]}',  # beyond 64 bits
    b'{"conversations": [{"message_count": 1.0}]}',  # a float where an int belongs
    b'{"conversations": [{"sentiment": {"mixed": 1}}]}',  # an int where a number belongs
    b'{"conversations": [{"sentiment": {"mixed": -0.0}}]}',
    b'{"conversations": [{"sentiment": {"mixed": 1e400}}]}',  # json.loads: inf
    b'{"conversations": [{"sentiment": {"mixed": NaN}}]}',
    b'{"conversations": [{"merchant_id": "\\ud800"}]}',  # a lone surrogate
    b'\xef\xbb\xbf{"conversations": []}',  # a byte order mark
    b'{"conversations": [{"closed": 1}]}',
    b'{"conversations": [{"closed": true, "closed": "x"}]}',  # the last one counts
    b'{"conversations": [{"closed": "x", "closed": true}]}',
    b'{"conversations": [null]}',
    b'{"conversations": [{"participants": [null, {}]}]}',
    b'{"conversations": [{"sentiment": null, "participants": null, "medium": "fax"}]}',
    b'{"metadata": {"result_set": {"total_records": null}}}',
    b'{"metadata": {"result_set": {"total_records": true}}}',
    b'{"conversations": [{"unknown": {"deep": [1, {"x": null}]}}], "extra": 1}',
    b'{"success": false}',
    b"[]",
    b"null",
    b"",
    b"{}",
    b'{"conversations": [' + b"[" * 990 + b"]" * 990 + b"]}",
]


@pytest.mark.parametrize("body", EDGE_BODIES, ids=range(len(EDGE_BODIES)))
def test_edge_bodies_read_as_the_generic_reader_reads_them(body: bytes) -> None:
    try:
        json.loads(body)
    except (ValueError, RecursionError):
        assert _fast.read_fast(model_class("ConversationsResponse"), body) is None
        return
    check_same_as_generic("ConversationsResponse", body)


def test_the_environment_variable_turns_it_off(monkeypatch: pytest.MonkeyPatch) -> None:
    model = model_class("ConversationsResponse")
    assert _fast.read_fast(model, b'{"conversations": []}') is not None
    monkeypatch.setenv(_fast.ENVIRONMENT_VARIABLE, "0")
    monkeypatch.setattr(_fast, "_READERS", {})
    assert _fast.read_fast(model, b'{"conversations": []}') is None


# --- over HTTP: the client with and without the fast reader --------------------------


@pytest.fixture(scope="module")
def served() -> Served:
    return Served()


@pytest.fixture(scope="module")
def api(served: Served) -> Iterator[ConversationApi]:
    """One client for every example, answered by `served` (one reply a call)."""
    with ScriptedServer() as server:
        server.set_fallback(served)
        with ConversationApi(
            simple_key="differential-key", base_url=server.base_url, timeout=10, max_retries=0
        ) as client:
            yield client


def outcome(api: ConversationApi, operation_id: str) -> tuple[str, Any, Any]:
    call, _ = OPERATIONS[operation_id]
    try:
        data = call(api)
    except ApiError as error:
        return type(error).__name__, str(error), error.status
    return "data", data, problems_of(data)


@pytest.mark.parametrize(
    "operation_id", [name for name, (_, schema) in OPERATIONS.items() if schema is not None]
)
@SETTINGS
@given(data=st.data())
def test_the_client_gives_the_same_with_and_without_the_fast_reader(
    operation_id: str,
    data: st.DataObject,
    api: ConversationApi,
    served: Served,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    schema_name = OPERATIONS[operation_id][1]
    assert schema_name is not None
    rng = data.draw(st.randoms(use_true_random=False), label="order")
    body = data.draw(
        documents(schema_name).map(lambda value: encode(value, rng)) | bodies(schema_name),
        label="body",
    )
    served.reply = Reply.status(200, body, {"Content-Type": "application/json"})
    with_fast = outcome(api, operation_id)
    with monkeypatch.context() as patch:
        patch.setattr(_response, "read_fast", lambda model, content: None)
        without = outcome(api, operation_id)
    assert with_fast[0] == without[0]
    if with_fast[0] == "data":
        assert with_fast[1] == without[1] and with_fast[2] == without[2]
        if with_fast[1] is not None:
            assert same(with_fast[1].to_dict(), without[1].to_dict())
    else:
        assert with_fast[1:] == without[1:]
