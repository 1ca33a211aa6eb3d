"""Checking a call's arguments against its operation's declared constraints, and turning
them into the parts of an HTTP request. One validator for every operation: what it checks
comes from the descriptors generated from openapi.yaml (type, required, minimum/maximum,
enum, length), plus what any URL needs (a path segment that is not empty, not a dot
segment, encodable; a URL of sane length).
"""

from __future__ import annotations

import json
import math
from collections.abc import Mapping
from datetime import datetime
from typing import Any
from urllib.parse import quote

from ultracart_conversations._operation import Operation, Parameter
from ultracart_conversations._reading import from_dict_strictly
from ultracart_conversations.errors import InvalidRequestError

# Longer URLs are refused by common servers and proxies (and past 65,536 by httpx itself).
MAX_URL_LENGTH = 8192

_KIND_NAMES = {"string": "str", "integer": "int", "number": "number", "boolean": "bool"}
# String formats a caller may give as a datetime (sent as ISO 8601); UltraCart's own
# documents write the second one.
_DATETIME_FORMATS = ("date-time", "dateTime")


def is_date_time(text: str) -> bool:
    """Whether `text` is an ISO 8601 date-time with a time zone ("...Z" included)."""
    try:
        moment = datetime.fromisoformat(text[:-1] + "+00:00" if text.endswith("Z") else text)
    except ValueError:
        return False
    return "T" in text.upper() and moment.utcoffset() is not None


def _type_error(label: str, kind: str, value: object) -> InvalidRequestError:
    return InvalidRequestError(f"{label} must be {_KIND_NAMES[kind]}, got {type(value).__name__}")


def check_value(parameter: Parameter, value: object, label: str | None = None) -> str:
    """`value` as it goes on the wire, or InvalidRequestError saying what is wrong.

    `label` names the value in messages (default: the method's keyword).
    """
    label = label or parameter.python_name
    kind = parameter.kind
    if isinstance(value, datetime) and parameter.format in _DATETIME_FORMATS:
        if value.utcoffset() is None:
            raise InvalidRequestError(f"{label} must be a timezone-aware datetime (or a str)")
        value = value.isoformat()
    if kind == "string":
        if value.__class__ is not str and not isinstance(value, str):
            raise _type_error(label, kind, value)
        text = value
        if parameter.format in _DATETIME_FORMATS and not is_date_time(text):
            raise InvalidRequestError(
                f"{label} must be an ISO 8601 date-time (or a datetime), got {text[:40]!r}"
            )
        try:
            text.encode("utf-8")
        except UnicodeEncodeError:
            raise InvalidRequestError(f"{label} is not valid text (a lone surrogate)") from None
        if parameter.min_length is not None and len(text) < parameter.min_length:
            raise InvalidRequestError(
                f"{label} must have at least {parameter.min_length} characters"
            )
        if parameter.max_length is not None and len(text) > parameter.max_length:
            raise InvalidRequestError(
                f"{label} must have at most {parameter.max_length} characters, got {len(text)}"
            )
    elif kind == "boolean":
        if not isinstance(value, bool):
            raise _type_error(label, kind, value)
        text = "true" if value else "false"
    else:
        if isinstance(value, bool) or not isinstance(
            value, int if kind == "integer" else int | float
        ):
            raise _type_error(label, kind, value)
        if isinstance(value, float) and not math.isfinite(value):
            raise InvalidRequestError(f"{label} must be a finite number, got {value}")
        _check_bounds(parameter, value, label)
        text = str(value)
    if parameter.enum is not None and value not in parameter.enum:
        allowed = ", ".join(repr(v) for v in parameter.enum)
        raise InvalidRequestError(f"{label} must be one of {allowed}, got {value!r}")
    if parameter.location == "path":
        _check_path_segment(text, label)
    return text


# The range an integer of each OpenAPI format can hold; an integer with no format is
# taken as int64 (no server reads more; a 10,000-digit int cannot even be printed).
_INTEGER_RANGES = {"int32": (-(2**31), 2**31 - 1), "int64": (-(2**63), 2**63 - 1)}


def _check_bounds(parameter: Parameter, value: float, label: str) -> None:
    low, high = parameter.minimum, parameter.maximum
    if parameter.kind == "integer":
        format_low, format_high = _INTEGER_RANGES.get(
            parameter.format or "int64", _INTEGER_RANGES["int64"]
        )
        low = format_low if low is None else max(low, format_low)
        high = format_high if high is None else min(high, format_high)
    if (low is not None and value < low) or (high is not None and value > high):
        if low is not None and high is not None:
            bounds = f"between {_number(low)} and {_number(high)}"
        elif low is not None:
            bounds = f">= {_number(low)}"
        else:
            bounds = f"<= {_number(high)}"
        raise InvalidRequestError(f"{label} must be {bounds}, got {_shown(value)}")


def _shown(value: float) -> str:
    # str() of an int past 4,300 digits raises ValueError.
    if isinstance(value, int) and abs(value) >= 10**40:
        return f"an integer of about {int(value.bit_length() * 0.30103) + 1} digits"
    return str(value)


def _number(value: float | None) -> str:
    return str(int(value)) if value is not None and value == int(value) else str(value)


def _check_path_segment(text: str, label: str) -> None:
    if not text.strip():
        raise InvalidRequestError(f"{label} must not be empty")
    if text in (".", ".."):
        # Percent-encoding leaves dots alone and httpx resolves them as dot segments:
        # "/things/.." would address the parent resource.
        raise InvalidRequestError(f"{label} must not be {text!r} (a URL dot segment)")


def request_target(operation: Operation[Any], arguments: Mapping[str, Any]) -> str:
    """The path and query string of a call (relative to the base URL), validated."""
    path = operation.path
    for parameter in operation.path_parameters:
        value = arguments.get(parameter.name)
        if value is None:
            raise InvalidRequestError(f"{parameter.python_name} is required")
        segment = quote(check_value(parameter, value), safe="")
        path = path.replace("{" + parameter.name + "}", segment)
    pairs: list[str] = []
    for parameter in operation.arguments:
        value = arguments.get(parameter.name)
        if value is None:
            if parameter.required:
                raise InvalidRequestError(f"{parameter.python_name} is required")
            continue
        text = check_value(parameter, value)
        if parameter.location == "query":
            pairs.append(quote(parameter.name, safe="") + "=" + quote(text, safe=""))
    if pairs:
        path += "?" + "&".join(pairs)
    return path


def request_headers(operation: Operation[Any], arguments: Mapping[str, Any]) -> dict[str, str]:
    """The header parameters of a call: the constant ones and any the caller gave."""
    headers = dict(operation.constant_headers)
    for parameter in operation.arguments:
        if parameter.location == "header":
            value = arguments.get(parameter.name)
            if value is not None:
                text = check_value(parameter, value)
                if not all(" " <= c <= "~" for c in text):
                    # A control character would split the header; httpx encodes header
                    # values as ASCII (UnicodeEncodeError for anything else).
                    raise InvalidRequestError(
                        f"{parameter.python_name} must be printable ASCII (it is sent "
                        "as an HTTP header): no control or non-ASCII characters"
                    )
                headers[parameter.name] = text
    return headers


def request_content(operation: Operation[Any], body: object) -> bytes | None:
    """The JSON body of a call, checked against its model, or None without one."""
    spec = operation.body
    if spec is None:
        if body is not None:
            raise InvalidRequestError(f"{operation.operation_id} takes no request body")
        return None
    if body is None:
        if spec.required:
            raise InvalidRequestError(f"{spec.python_name} is required (a {spec.model.__name__})")
        return None
    if not isinstance(body, spec.model):
        raise InvalidRequestError(
            f"{spec.python_name} must be a {spec.model.__name__}, got {type(body).__name__}"
        )
    try:
        # A model that holds itself (`a.child = a`) recurses here: RecursionError.
        document = body.to_dict()
        # Parsing it back applies the model's field type checks: a wrong type set on an
        # attribute is caught here, not by the server.
        from_dict_strictly(spec.model, document)
        # ensure_ascii=False: a lone surrogate fails to encode here (UnicodeEncodeError)
        # instead of going out as a "\ud800" escape no server can store.
        text = json.dumps(document, allow_nan=False, ensure_ascii=False, separators=(",", ":"))
        return text.encode()
    except (TypeError, ValueError, KeyError, AttributeError, RecursionError) as exc:
        detail = str(exc)[:200] or type(exc).__name__
        if isinstance(exc, RecursionError):
            detail = "it contains itself (a cycle), or is nested too deeply"
        raise InvalidRequestError(
            f"{spec.python_name} is not a valid {spec.model.__name__}: {detail}"
        ) from None
