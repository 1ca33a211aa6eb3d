"""ultracart_conversations._json: msgspec's speed, json.loads's results, for every input.

Each input is decoded by `_json.loads` and by `json.loads` and must give the same value,
type for type (an int stays an int, NaN stays NaN), or the same exception.
"""

from __future__ import annotations

import json
import math
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from tests.scripted_server import Reply, ScriptedServer
from ultracart_conversations import ConversationApi, _json


def outcome(decode: Any, content: bytes) -> tuple[str, Any]:
    try:
        return "value", decode(content)
    except Exception as exc:  # the exception itself is what is compared
        return type(exc).__name__, str(exc)


def same(a: Any, b: Any) -> bool:
    """Equal, with the same types all the way down, NaN equal to NaN, same key order.
    Iterative: Python 3.13's json decodes nesting deeper than a recursive walk could take."""
    pending = [(a, b)]
    while pending:
        x, y = pending.pop()
        if type(x) is not type(y):
            return False
        if isinstance(x, float):
            both_nan = math.isnan(x) and math.isnan(y)
            if not (both_nan or (x == y and math.copysign(1, x) == math.copysign(1, y))):
                return False
        elif isinstance(x, list):
            if len(x) != len(y):
                return False
            pending.extend(zip(x, y, strict=True))
        elif isinstance(x, dict):
            if list(x) != list(y):
                return False
            pending.extend((x[k], y[k]) for k in x)
        elif x != y:
            return False
    return True


def assert_same_as_json(content: bytes) -> None:
    ours, reference = outcome(_json.loads, content), outcome(json.loads, content)
    assert ours[0] == reference[0], (content[:80], ours, reference)
    if ours[0] == "value":
        assert same(ours[1], reference[1]), (content[:80], ours, reference)
    else:
        assert ours[1] == reference[1]


def test_msgspec_decodes_what_it_can(monkeypatch: pytest.MonkeyPatch) -> None:
    # Otherwise every test here would only compare json.loads with itself.
    def no_json_loads(content: bytes) -> Any:
        raise AssertionError("json.loads was used")

    monkeypatch.setattr(json, "loads", no_json_loads)
    assert _json.loads(b'{"a": [1, 2.5, "x", null, true], "big": 123456789012345678901234}') == {
        "a": [1, 2.5, "x", None, True],
        "big": 123456789012345678901234,
    }


EDGE_CASES = [
    b'{"a": 1}',
    b"NaN",
    b'{"x": [Infinity, -Infinity, NaN]}',
    b"1e400",
    b"-1e400",
    b"1e-400",
    b"-0",
    b"-0.0",
    b"18446744073709551615",  # 2**64 - 1: the largest unsigned 64-bit int
    b"18446744073709551616",  # 2**64: beyond 64 bits
    b"-9223372036854775808",
    b"-9223372036854775809",  # below -2**63
    b'{"count": 123456789012345678901234567890}',
    b"1.2345678901234567890123",
    b'"\\ud800"',  # a lone surrogate, escaped
    b'"\xed\xa0\x80"',  # a lone surrogate, UTF-8-encoded (json.loads allows it)
    b'"\\udbff\\udfff"',
    b"\xef\xbb\xbf{}",  # UTF-8 BOM
    '{"a": "é"}'.encode("utf-16"),
    '{"a": "é"}'.encode("utf-32-le"),
    b'{"a": 1, "a": 2}',
    b' \t\n\r{"a" : [ ] }\r\n',
    b'"\xff"',
    b'"a\x00"',
    b"",
    b"   ",
    b"{",
    b'{"a": 1} x',
    b"[" * 5000 + b"]" * 5000,
    b"tru",
    b"01",
]


@pytest.mark.parametrize("content", EDGE_CASES, ids=range(len(EDGE_CASES)))
def test_inputs_msgspec_refuses_give_json_loads_results(content: bytes) -> None:
    assert_same_as_json(content)


json_values = st.recursive(
    st.none()
    | st.booleans()
    | st.integers()
    | st.integers(min_value=-(2**70), max_value=2**70)
    | st.floats()  # NaN and infinities included
    | st.text(st.characters(exclude_categories=()), max_size=10),  # lone surrogates too
    lambda children: (
        st.lists(children, max_size=4) | st.dictionaries(st.text(max_size=6), children, max_size=4)
    ),
    max_leaves=15,
)


@settings(max_examples=300, deadline=None)
@given(
    value=json_values,
    ensure_ascii=st.booleans(),
    encoding=st.sampled_from(["utf-8", "utf-8-sig", "utf-16"]),
)
def test_any_document_decodes_as_json_loads_decodes_it(
    value: Any, ensure_ascii: bool, encoding: str
) -> None:
    text = json.dumps(value, ensure_ascii=ensure_ascii)
    assert_same_as_json(text.encode(encoding, "surrogatepass"))


@settings(max_examples=200, deadline=None)
@given(content=st.binary(max_size=40))
def test_any_bytes_decode_or_fail_as_json_loads_does(content: bytes) -> None:
    assert_same_as_json(content)


def test_the_client_reads_bodies_msgspec_refuses_as_json_loads_does(
    scripted_api: ConversationApi, scripted: ScriptedServer
) -> None:
    # Over real HTTP: a 2**64 in an unknown field stays an int, NaN stays NaN, a BOM is
    # skipped, and a lone surrogate survives, as json.loads would have read them.
    body = (
        b'\xef\xbb\xbf{"conversations": [{"merchant_id": "\\ud800"}],'
        b' "big": 18446744073709551616, "n": NaN}'
    )
    scripted.enqueue(Reply.status(200, body, headers={"Content-Type": "application/json"}))
    page = scripted_api.get_conversations()
    assert page.additional_properties["big"] == 2**64
    assert math.isnan(page.additional_properties["n"])
    assert page.conversations and page.conversations[0].merchant_id == "\ud800"
