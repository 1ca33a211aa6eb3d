"""Compare our operations with upstream's, matched by method and path.

Schemas are compared by schemas.SchemaDiff; this module covers what is around them:
parameters, bodies, responses and security. Every finding carries the operation, a
JSON-pointer-like location relative to it and whether it breaks our client's users; a
changed security scheme is therefore reported under each operation that uses it.
"""

from __future__ import annotations

import re
from collections.abc import Collection

from codegen.drift.findings import Finding
from codegen.drift.model import Body, Operation, Parameter, Requirement, SecurityScheme
from codegen.drift.normalize import Document
from codegen.drift.schemas import REQUEST, RESPONSE, SchemaDiff

# Upstream operations under this prefix that we lack are listed, as information.
INFORMATION_PREFIX = "/conversation/"


def compare_documents(ours: Document, theirs: Document) -> tuple[list[Finding], list[Finding]]:
    """(findings, information): drift for our operations, and upstream-only operations."""
    findings: list[Finding] = []
    our_schemes, their_schemes = ours.security_schemes(), theirs.security_schemes()
    by_id = {ref.operation_id: ref for ref in theirs.index.values() if ref.operation_id}
    for key in ours.index:
        mine = ours.operation(key)
        if key not in theirs.index:
            moved = by_id.get(mine.operation_id)
            hint = f"; upstream has {mine.operation_id} at {moved.method} {moved.path}" if moved else ""
            change = f"operation not found upstream{hint}"
            findings.append(Finding(mine.operation_id, mine.method, mine.path, "/", change, True, "operation-missing"))
            continue
        diff = OperationDiff(mine, theirs.operation(key), our_schemes, their_schemes)
        findings.extend(diff.run())
    information = [
        Finding(
            ref.operation_id, ref.method, ref.path, "/", "upstream operation not in our spec", False, "upstream-only"
        )
        for key, ref in sorted(theirs.index.items(), key=lambda item: (item[1].path, item[1].method))
        if key not in ours.index and ref.path.startswith(INFORMATION_PREFIX)
    ]
    return findings, information


def _primary_media(media: Collection[str]) -> str:
    """The media type our client speaks: JSON when there is any."""
    if "application/json" in media:
        return "application/json"
    return next((m for m in media if "json" in m), next(iter(media)))


class OperationDiff:
    """The findings for one of our operations and its upstream counterpart."""

    def __init__(
        self,
        ours: Operation,
        theirs: Operation,
        our_schemes: dict[str, SecurityScheme],
        their_schemes: dict[str, SecurityScheme],
    ) -> None:
        self.ours, self.theirs = ours, theirs
        self.our_schemes, self.their_schemes = our_schemes, their_schemes
        self.findings: list[Finding] = []
        # One comparison per direction for the whole operation: a schema pair shared by
        # several responses (ErrorResponse under 400, 401, ...) is reported once.
        self.requests = SchemaDiff(self.emit, REQUEST)
        self.responses = SchemaDiff(self.emit, RESPONSE)

    def emit(self, location: str, kind: str, change: str, breaking: bool) -> None:
        op = self.ours
        self.findings.append(Finding(op.operation_id, op.method, op.path, location, change, breaking, kind))

    def run(self) -> list[Finding]:
        if self.theirs.operation_id and self.theirs.operation_id != self.ours.operation_id:
            change = f"operationId is {self.theirs.operation_id} upstream"
            self.emit("/operationId", "operation-id-changed", change, False)
        self._deprecated(
            "/deprecated", "operation-deprecated", "operation", self.ours.deprecated, self.theirs.deprecated
        )
        self._parameters()
        self._request_body()
        self._responses()
        self._security()
        return self.findings

    # -- parameters ------------------------------------------------------------------

    def _key(self, param: Parameter, path: str) -> tuple[str, str]:
        if param.location == "path":
            # Path parameters are matched by position: the URL does not carry names.
            names = re.findall(r"\{([^}/]*)\}", path)
            if param.name in names:
                return ("path", str(names.index(param.name)))
        if param.location == "header":
            return ("header", param.name.lower())
        return (param.location, param.name)

    def _parameters(self) -> None:
        mine = {self._key(p, self.ours.path): p for p in self.ours.parameters}
        upstream = {self._key(p, self.theirs.path): p for p in self.theirs.parameters}
        removed = [k for k in mine if k not in upstream]
        added = [k for k in upstream if k not in mine]
        # A parameter gone and another of the same location and type arrived: a rename.
        for old in list(removed):
            for new in added:
                if old[0] == new[0] and mine[old].schema.type == upstream[new].schema.type:
                    before, after = mine[old], upstream[new]
                    change = f"{before.location} parameter {before.name} is called {after.name} upstream"
                    self.emit(_where(before), "parameter-renamed", change, True)
                    self._parameter(before, after)
                    removed.remove(old)
                    added.remove(new)
                    break
        for key in removed:
            p = mine[key]
            self.emit(_where(p), "parameter-removed", f"{p.location} parameter {p.name} removed upstream", True)
        for key in added:
            p = upstream[key]
            change = f"{'required' if p.required else 'optional'} {p.location} parameter {p.name} added upstream"
            self.emit(_where(p), "parameter-added", change, p.required)
        for key, p in mine.items():
            if key in upstream:
                theirs = upstream[key]
                if theirs.name != p.name:
                    change = (
                        f"path parameter {p.name} is called {theirs.name} upstream"
                        " (same position: the URL is unchanged)"
                    )
                    self.emit(_where(p), "parameter-renamed", change, False)
                self._parameter(p, theirs)

    def _deprecated(self, where: str, kind: str, what: str, mine: bool, theirs: bool) -> None:
        if theirs and not mine:
            self.emit(where, kind, f"{what} deprecated upstream", False)
        elif mine and not theirs:
            self.emit(where, "deprecation-differs", f"{what} deprecated in ours, not upstream", False)

    def _parameter(self, mine: Parameter, theirs: Parameter) -> None:
        where = _where(mine)
        self._deprecated(
            f"{where}/deprecated", "parameter-deprecated", f"parameter {mine.name}", mine.deprecated, theirs.deprecated
        )
        if theirs.required and not mine.required:
            self.emit(where, "parameter-required", f"parameter {mine.name} is required upstream", True)
        elif mine.required and not theirs.required:
            self.emit(where, "parameter-optional", f"parameter {mine.name} is optional upstream", False)
        self.requests.compare(mine.schema, theirs.schema, f"{where}/schema")

    # -- bodies and responses --------------------------------------------------------

    def _request_body(self) -> None:
        mine, theirs, where = self.ours.body, self.theirs.body, "/requestBody"
        if mine is None and theirs is None:
            return
        if mine is None and theirs is not None:
            required = "required" if theirs.required else "optional"
            self.emit(where, "body-added", f"upstream takes a {required} request body", theirs.required)
            return
        if mine is not None and theirs is None:
            self.emit(where, "body-removed", "upstream takes no request body", True)
            return
        assert mine is not None and theirs is not None
        if theirs.required and not mine.required:
            self.emit(where, "body-required", "the request body is required upstream", True)
        elif mine.required and not theirs.required:
            self.emit(where, "body-optional", "the request body is optional upstream", False)
        self._media(mine, theirs, where, REQUEST)

    def _media(self, mine: Body, theirs: Body, where: str, direction: str) -> None:
        if not mine.media or not theirs.media:
            if mine.media and not theirs.media:
                self.emit(where, "body-removed", "no body upstream", True)
            elif theirs.media and not mine.media:
                self.emit(where, "body-added", "a body upstream", direction == REQUEST)
            return
        media = _primary_media(mine.media)
        if media not in theirs.media:
            change = f"media type {media} is gone upstream (upstream: {', '.join(theirs.media)})"
            self.emit(f"{where}/content", "media-type-removed", change, True)
        schema, their_schema = (
            mine.media[media],
            theirs.media.get(media) or theirs.media[_primary_media(theirs.media)],
        )
        if schema is not None and their_schema is not None:
            (self.requests if direction == REQUEST else self.responses).compare(schema, their_schema, f"{where}/schema")
        elif schema is not None:
            self.emit(f"{where}/schema", "body-removed", "no schema upstream", True)
        elif their_schema is not None:
            self.emit(f"{where}/schema", "body-added", "a schema upstream", direction == REQUEST)

    def _responses(self) -> None:
        mine, theirs = self.ours.responses, self.theirs.responses
        for status in mine:
            if status not in theirs:
                # A success status that disappears changes what the call returns.
                success = status.startswith("2")
                self.emit(f"/responses/{status}", "response-removed", f"response {status} removed upstream", success)
        for status in theirs:
            if status not in mine:
                success = status.startswith("2")
                note = " (our client does not expect it)" if success else ""
                self.emit(f"/responses/{status}", "response-added", f"response {status} added upstream{note}", success)
        for status, response in mine.items():
            if status not in theirs:
                continue
            where = f"/responses/{status}"
            upstream = theirs[status]
            their_headers = {name.lower(): (name, h) for name, h in upstream.headers.items()}
            our_names = {name.lower() for name in response.headers}
            for name, header in response.headers.items():
                if name.lower() not in their_headers:
                    self.emit(
                        f"{where}/headers/{name}", "header-removed", f"response header {name} removed upstream", True
                    )
                    continue
                their_header = their_headers[name.lower()][1]
                self.responses.compare(header.schema, their_header.schema, f"{where}/headers/{name}/schema")
            for lower, (name, _) in their_headers.items():
                if lower not in our_names:
                    self.emit(
                        f"{where}/headers/{name}", "header-added", f"response header {name} added upstream", False
                    )
            if response.body is None and upstream.body is not None:
                self.emit(where, "body-added", f"response {status} has a body upstream", False)
            elif response.body is not None and upstream.body is None:
                self.emit(where, "body-removed", f"response {status} has no body upstream", True)
            elif response.body is not None and upstream.body is not None:
                self._media(response.body, upstream.body, where, RESPONSE)

    # -- security --------------------------------------------------------------------

    def _security(self) -> None:
        names = self._scheme_names()
        mine = self.ours.security
        theirs = None
        if self.theirs.security is not None:
            theirs = frozenset(
                frozenset((names.get(name, name), scopes) for name, scopes in requirement)
                for requirement in self.theirs.security
            )
        if mine is None and theirs is None:
            return
        if mine is None:
            self.emit("/security", "security-changed", "upstream requires authentication", True)
            return
        if theirs is None:
            self.emit("/security", "security-changed", "upstream requires no authentication", False)
            return
        for requirement in sorted(mine - theirs, key=_show_requirement):
            change = f"upstream no longer accepts {_show_requirement(requirement)}"
            self.emit("/security", "security-changed", change, True)
        for requirement in sorted(theirs - mine, key=_show_requirement):
            change = f"upstream also accepts {_show_requirement(requirement)}"
            self.emit("/security", "security-changed", change, False)
        self._schemes(mine, {ours: theirs for theirs, ours in names.items()})

    def _scheme_names(self) -> dict[str, str]:
        """Upstream scheme name -> ours, for schemes renamed with the same definition."""
        names: dict[str, str] = {}
        for name, scheme in self.our_schemes.items():
            if name in self.their_schemes:
                continue
            for their_name, theirs in self.their_schemes.items():
                if their_name not in self.our_schemes and _same_kind(scheme, theirs):
                    names[their_name] = name
                    break
        return names

    def _schemes(self, mine: frozenset[Requirement], upstream_name: dict[str, str]) -> None:
        used: dict[str, set[str]] = {}
        for requirement in mine:
            for name, scopes in requirement:
                used.setdefault(name, set()).update(scopes)
        for name in sorted(used):
            where = f"/security/{name}"
            ours = self.our_schemes.get(name)
            theirs = self.their_schemes.get(upstream_name.get(name, name))
            if ours is None:
                continue  # our own spec names an undefined scheme: validate catches that
            if theirs is None:
                self.emit(where, "security-scheme-changed", f"security scheme {name} is not defined upstream", True)
                continue
            for field in ("type", "location", "name", "scheme"):
                a, b = getattr(ours, field), getattr(theirs, field)
                if a != b:
                    change = f"security scheme {name}: {field} is {b} upstream, {a} in ours"
                    self.emit(f"{where}/{field}", "security-scheme-changed", change, True)
            their_flows = dict(theirs.flows)
            for flow_name, flow in ours.flows:
                their_flow = their_flows.get(flow_name)
                if their_flow is None:
                    change = f"security scheme {name}: no {flow_name} flow upstream"
                    self.emit(f"{where}/flows/{flow_name}", "security-scheme-changed", change, True)
                    continue
                for field, label in (("authorization_url", "authorizationUrl"), ("token_url", "tokenUrl")):
                    a, b = getattr(flow, field), getattr(their_flow, field)
                    if a != b:
                        change = f"security scheme {name}: {label} is {b} upstream, {a} in ours"
                        self.emit(f"{where}/flows/{flow_name}/{label}", "security-scheme-changed", change, True)
                for scope in sorted(used[name] & flow.scopes - their_flow.scopes):
                    change = f"security scheme {name}: scope {scope} is not defined upstream"
                    self.emit(f"{where}/flows/{flow_name}/scopes/{scope}", "security-scheme-changed", change, True)


def _where(param: Parameter) -> str:
    return f"/parameters/{param.location}/{param.name}"


def _same_kind(a: SecurityScheme, b: SecurityScheme) -> bool:
    """Same scheme whatever its name and scope list: how the credentials travel."""
    flows_a = {(n, f.authorization_url, f.token_url) for n, f in a.flows}
    flows_b = {(n, f.authorization_url, f.token_url) for n, f in b.flows}
    return (a.type, a.location, a.name, a.scheme) == (b.type, b.location, b.name, b.scheme) and (flows_a == flows_b)


def _show_requirement(requirement: Requirement) -> str:
    parts = []
    for name, scopes in sorted(requirement):
        parts.append(f"{name} [{', '.join(sorted(scopes))}]" if scopes else name)
    return " + ".join(parts)
