"""Property tests: whatever body comes back, every operation parses it or raises one of
the package's typed errors (an ApiError), never anything else.

Bodies are served over real HTTP on 127.0.0.1 by the scripted server: arbitrary JSON,
documents of the right shape with fields of the wrong type or null, truncated JSON,
bytes that are no JSON at all, huge strings and deep nesting, under success and error
statuses alike. Retries are off so that every example is exactly one request. A body
that parses must parse into fields of the documented types (checked against the spec).
"""

from __future__ import annotations

import json
from collections.abc import Callable, Iterator
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from tests.fake_clock import FakeClock
from tests.reliability_support import (
    conformance_errors,
    document,
    json_values,
    schemas,
)
from tests.scripted_server import Reply, ScriptedServer
from ultracart_conversations import ConversationApi, ConversationStartRequest, RateLimiter
from ultracart_conversations.errors import (
    ApiError,
    ResponseValidationError,
    ServerError,
    UnsuccessfulResponseError,
)

# operationId -> (call, schema of the 2xx body, or None when the client ignores the body)
Call = Callable[[ConversationApi], object]
OPERATIONS: dict[str, tuple[Call, str | None]] = {
    "getConversations": (lambda api: api.get_conversations(limit=200), "ConversationsResponse"),
    "getConversation": (lambda api: api.get_conversation("c-1"), "ConversationResponse"),
    "startConversation": (
        lambda api: api.start_conversation(ConversationStartRequest(conversation_arn="arn:c")),
        "ConversationStartResponse",
    ),
    "joinConversation": (lambda api: api.join_conversation("c-1"), None),
    "leaveConversation": (lambda api: api.leave_conversation("c-1"), None),
    "getAgentWebsocketAuthorization": (
        lambda api: api.get_agent_websocket_authorization(),
        "ConversationAgentAuthResponse",
    ),
    "getConversationMultimediaUploadUrl": (
        lambda api: api.get_conversation_multimedia_upload_url("jpg"),
        "ConversationMultimediaUploadUrlResponse",
    ),
}

BOUNDED = settings(
    max_examples=50,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)


class Served:
    """The one reply the scripted server gives next: set by each example."""

    def __init__(self) -> None:
        self.reply = Reply.status(599)

    def __call__(self, _: object) -> Reply:
        return self.reply


@pytest.fixture(scope="module")
def served() -> Served:
    return Served()


@pytest.fixture(scope="module")
def api(served: Served) -> Iterator[ConversationApi]:
    with ScriptedServer() as server:
        server.set_fallback(served)
        # The gate slows down after a served 429, by design; on a fake clock that costs
        # no real time, so each example is one request and nothing else.
        with ConversationApi(
            simple_key="reliability-key",
            base_url=server.base_url,
            timeout=10,
            max_retries=0,
            rate_limiter=RateLimiter(clock=FakeClock()),
        ) as client:
            yield client


def _wrong_types(schema_name: str) -> st.SearchStrategy[Any]:
    """A document of the schema's shape whose fields hold values of any JSON type."""
    names = sorted(schemas()[schema_name].get("properties", {}))
    return st.tuples(
        document(schema_name, extra_keys=False),
        st.dictionaries(st.sampled_from(names), json_values, min_size=1, max_size=3),
    ).map(lambda pair: {**pair[0], **pair[1]})


def _nested(depth: int) -> bytes:
    """A valid JSON document nested `depth` levels under a documented key (built as
    bytes: json.dumps itself would hit the recursion limit)."""
    return b'{"metadata":[' * depth + b"1" + b"]}" * depth


def bodies(schema_name: str) -> st.SearchStrategy[bytes]:
    """Response bodies that range from valid through wrong to absurd."""
    documents = document(schema_name) | _wrong_types(schema_name)
    encoded = (documents | json_values).map(lambda value: json.dumps(value).encode())
    truncated = st.tuples(documents, st.floats(0, 1)).map(
        lambda pair: (text := json.dumps(pair[0]).encode())[: int(len(text) * pair[1])]
    )
    huge_string = st.tuples(
        st.sampled_from(sorted(schemas()[schema_name]["properties"])),
        st.integers(100_000, 1_000_000),
    ).map(lambda pair: json.dumps({pair[0]: "\u00e9" * pair[1]}).encode())
    # Up to and far past the ~1,000 levels where json.loads raises RecursionError.
    deep = st.sampled_from([50, 400, 5_000, 100_000]).map(
        lambda depth: b"[" * depth + b"]" * depth
    ) | st.sampled_from([100, 3_000, 100_000]).map(_nested)
    return st.one_of(encoded, truncated, huge_string, deep, st.binary(max_size=64))


STATUSES = st.sampled_from([200, 200, 200, 200, 201, 204, 400, 401, 404, 410, 429, 500, 503])


def _call(api: ConversationApi, operation_id: str, served: Served, status: int, body: bytes) -> Any:
    """Serve `body` with `status` to one call of the operation; the result, or the
    ApiError it raised (checked against the status). Any other exception propagates."""
    call, schema_name = OPERATIONS[operation_id]
    served.reply = Reply.status(status, body, {"Content-Type": "application/json"})
    try:
        result = call(api)
    except ApiError as error:
        assert error.status == status
        if 200 <= status < 300:
            assert schema_name is not None, "an operation without a body must ignore it"
            if isinstance(error, UnsuccessfulResponseError):
                assert json.loads(body)["success"] is False  # the envelope said so
            else:
                assert isinstance(error, ResponseValidationError)
        return error
    assert 200 <= status < 300, f"HTTP {status} returned {result!r} instead of raising"
    return result


@pytest.mark.parametrize("operation_id", sorted(OPERATIONS))
@BOUNDED
@given(data=st.data())
def test_any_body_parses_or_raises_a_typed_error(
    operation_id: str, data: st.DataObject, api: ConversationApi, served: Served
) -> None:
    schema_name = OPERATIONS[operation_id][1]
    status = data.draw(STATUSES, label="status")
    body = b"" if status == 204 else data.draw(bodies(schema_name or "ErrorResponse"), label="body")
    outcome = _call(api, operation_id, served, status, body)
    if isinstance(outcome, ApiError):
        return
    if schema_name is None:
        assert outcome is None
    else:
        # Parsed means typed: every field holds what the spec says, nested models too.
        assert conformance_errors(outcome, {"$ref": f"#/{schema_name}"}) == []


@pytest.mark.parametrize("status", [200, 500])
@pytest.mark.parametrize("depth", [5_000, 100_000])
def test_a_body_nested_past_the_recursion_limit_raises_a_typed_error(
    api: ConversationApi, served: Served, status: int, depth: int
) -> None:
    body = b"[" * depth + b"]" * depth
    outcome = _call(api, "getConversations", served, status, body)
    assert isinstance(outcome, ResponseValidationError if status == 200 else ServerError)
