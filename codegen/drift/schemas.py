"""Recursive comparison of two schemas, classified by the direction data flows.

Whether a change breaks users depends on who produces the data. For a response (the
server writes, our client reads) a wider schema breaks: a new enum value, a field that
may now be null or absent. For a request or parameter (our client writes, the server
reads) a narrower schema breaks: a new required field, a tighter bound, a dropped enum
value. Everything else is reported as non-breaking drift.
"""

from __future__ import annotations

import json

from codegen.drift.findings import Emit
from codegen.drift.model import LOWER_BOUNDS, NO_DEFAULT, UPPER_BOUNDS, Schema

# Formats that only say how wide a number is.
NUMBER_WIDTHS = {None, "int32", "int64", "float", "double"}

REQUEST = "request"
RESPONSE = "response"


def show(value: object) -> str:
    if value is None or value is NO_DEFAULT:
        return "none"
    return json.dumps(value, default=str)


class SchemaDiff:
    def __init__(self, emit: Emit, direction: str) -> None:
        self.emit = emit
        self.direction = direction
        # Pairs already compared: recursive models would otherwise never end.
        self.seen: set[tuple[int, int]] = set()

    @property
    def response(self) -> bool:
        return self.direction == RESPONSE

    def compare(self, ours: Schema, theirs: Schema, loc: str) -> None:
        pair = (id(ours), id(theirs))
        if pair in self.seen:
            return
        self.seen.add(pair)
        if not self._type(ours, theirs, loc):
            return  # a retyped schema: what is under it no longer lines up
        self._format(ours, theirs, loc)
        self._nullable(ours, theirs, loc)
        if theirs.deprecated and not ours.deprecated:
            self.emit(f"{loc}/deprecated", "field-deprecated", "deprecated upstream", False)
        elif ours.deprecated and not theirs.deprecated:
            self.emit(f"{loc}/deprecated", "deprecation-differs", "deprecated in ours, not upstream", False)
        self._enum(ours, theirs, loc)
        if ours.default != theirs.default:
            change = f"default changed: ours {show(ours.default)}, upstream {show(theirs.default)}"
            self.emit(f"{loc}/default", "default-changed", change, False)
        self._bounds(ours, theirs, loc)
        if self.response and self._wrapped(ours, theirs, loc):
            return
        self._properties(ours, theirs, loc)
        if ours.items is not None and theirs.items is not None:
            self.compare(ours.items, theirs.items, f"{loc}[]")
        if isinstance(ours.additional, Schema) and isinstance(theirs.additional, Schema):
            self.compare(ours.additional, theirs.additional, f"{loc}{{}}")
        self._variants(ours, theirs, loc)

    def _type(self, ours: Schema, theirs: Schema, loc: str) -> bool:
        if ours.type == theirs.type:
            return True
        change = f"type changed: ours {ours.type or 'any'}, upstream {theirs.type or 'any'}"
        if ours.type is None or theirs.type is None:
            # "any" on one side: only the side that receives the data can be hurt.
            widened = theirs.type is None
            self.emit(f"{loc}/type", "type-changed", change, widened == self.response)
            return True
        numbers = {ours.type, theirs.type} == {"integer", "number"}
        if numbers:
            widened = theirs.type == "number"
            self.emit(f"{loc}/type", "type-changed", change, widened == self.response)
            return True
        self.emit(f"{loc}/type", "type-changed", change, True)
        return False

    def _format(self, ours: Schema, theirs: Schema, loc: str) -> None:
        if ours.format == theirs.format:
            return
        # A response format decides the generated type (str vs datetime): a change breaks,
        # unless it is only the width of a number (int32/int64 are all `int` to Python).
        # A request format that disappears only accepts more.
        widths = {ours.format, theirs.format} <= NUMBER_WIDTHS
        breaking = not widths and (self.response or theirs.format is not None)
        change = f"format changed: ours {ours.format or 'none'}, upstream {theirs.format or 'none'}"
        self.emit(f"{loc}/format", "format-changed", change, breaking)

    def _nullable(self, ours: Schema, theirs: Schema, loc: str) -> None:
        if ours.nullable == theirs.nullable:
            return
        if theirs.nullable:
            change, breaking = "nullable upstream, not in ours", self.response
        else:
            change, breaking = "not nullable upstream, nullable in ours", not self.response
        self.emit(f"{loc}/nullable", "nullable-changed", change, breaking)

    def _enum(self, ours: Schema, theirs: Schema, loc: str) -> None:
        if ours.enum == theirs.enum:
            return
        where = f"{loc}/enum"
        if ours.enum is None:
            self.emit(where, "enum-changed", "upstream restricts the values to an enum", not self.response)
            return
        if theirs.enum is None:
            self.emit(where, "enum-changed", "upstream no longer restricts the values to an enum", self.response)
            return
        added = [v for v in theirs.enum if v not in ours.enum]
        removed = [v for v in ours.enum if v not in theirs.enum]
        if added:
            values = ", ".join(map(show, added))
            self.emit(where, "enum-changed", f"enum values added upstream: {values}", self.response)
        if removed:
            values = ", ".join(map(show, removed))
            self.emit(where, "enum-changed", f"enum values removed upstream: {values}", not self.response)

    def _bounds(self, ours: Schema, theirs: Schema, loc: str) -> None:
        for bound in sorted(ours.bounds.keys() | theirs.bounds.keys()):
            mine, upstream = ours.bounds.get(bound), theirs.bounds.get(bound)
            if mine == upstream:
                continue
            tighter = _tighter(bound, mine, upstream)
            change = (
                f"{bound} changed: ours {show(mine)}, upstream {show(upstream)}"
                f" ({'tighter' if tighter else 'looser'} upstream)"
            )
            # Only what our client sends can be rejected by a tighter bound.
            self.emit(f"{loc}/{bound}", "bound-changed", change, tighter and not self.response)

    def _wrapped(self, ours: Schema, theirs: Schema, loc: str) -> bool:
        """Most of our fields gone, and found together under one new property: an envelope."""
        if not ours.properties or not theirs.properties:
            return False
        missing = [p for p in ours.properties if p not in theirs.properties]
        if 2 * len(missing) < len(ours.properties):
            return False
        best, best_hits = "", 0
        for name, inner in theirs.properties.items():
            if name in ours.properties:
                continue
            hits = sum(1 for p in ours.properties if p in inner.properties)
            if hits > best_hits:
                best, best_hits = name, hits
        if 2 * best_hits < len(ours.properties):
            return False
        siblings = sorted(p for p in theirs.properties if p != best)
        beside = f" beside {', '.join(siblings)}" if siblings else ""
        change = f"now wrapped upstream: the fields moved into property {best!r}{beside}"
        self.emit(loc, "response-wrapped", change, True)
        self.compare(ours, theirs.properties[best], f"{loc}/{best}")
        return True

    def _properties(self, ours: Schema, theirs: Schema, loc: str) -> None:
        for name in ours.properties:
            if name not in theirs.properties:
                self.emit(f"{loc}/{name}", "property-removed", f"property {name} removed upstream", True)
        for name in theirs.properties:
            if name not in ours.properties:
                required = name in theirs.required
                change = f"{'required' if required else 'optional'} property {name} added upstream"
                self.emit(f"{loc}/{name}", "property-added", change, required and not self.response)
        for name, mine in ours.properties.items():
            if name not in theirs.properties:
                continue
            was, now = name in ours.required, name in theirs.required
            if now and not was:
                self.emit(
                    f"{loc}/{name}", "property-required", f"property {name} is required upstream", not self.response
                )
            elif was and not now:
                self.emit(f"{loc}/{name}", "property-optional", f"property {name} is optional upstream", self.response)
            self.compare(mine, theirs.properties[name], f"{loc}/{name}")

    def _variants(self, ours: Schema, theirs: Schema, loc: str) -> None:
        if len(ours.variants) != len(theirs.variants):
            change = f"oneOf/anyOf changed: ours {len(ours.variants)} variants, upstream {len(theirs.variants)}"
            self.emit(f"{loc}/oneOf", "variants-changed", change, True)
            return
        for i, (mine, upstream) in enumerate(zip(ours.variants, theirs.variants, strict=True)):
            self.compare(mine, upstream, f"{loc}/oneOf/{i}")


def _tighter(bound: str, mine: object, upstream: object) -> bool:
    """Whether upstream's bound admits fewer values than ours."""
    if upstream is None:
        return False
    if bound == "uniqueItems":
        return bool(upstream) and not mine
    if mine is None:
        return True
    try:
        if bound in LOWER_BOUNDS:
            return bool(upstream > mine)  # type: ignore[operator]
        if bound in UPPER_BOUNDS:
            return bool(upstream < mine)  # type: ignore[operator]
    except TypeError:
        pass  # a malformed bound: say tighter, the safe side
    return True
