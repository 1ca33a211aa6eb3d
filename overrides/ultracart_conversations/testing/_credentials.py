"""What the fake accepts as a credential: its simple key and the OAuth 2 tokens it issued.

As UltraCart's, a refresh token works once: a refresh answers a new one and the old one
is spent (presenting it again is `invalid_grant`, counted in `reused_refresh_tokens`).
Requests are counted per application: the simple key's, or the OAuth client's for every
access token issued to it.

Not thread-safe on its own: the server calls it under its lock.
"""

from __future__ import annotations

import base64
import hashlib
import hmac
import json
import secrets
from dataclasses import dataclass, field

READ_SCOPE = "conversation_read"
WRITE_SCOPE = "conversation_write"
ALL_SCOPES = (READ_SCOPE, WRITE_SCOPE)
ACCESS_TOKEN_LIFETIME = 3600


@dataclass
class _Grant:
    client_id: str
    scopes: tuple[str, ...]
    redirect_uri: str = ""


class OAuthError(ValueError):
    """An RFC 6749 section 5.2 error: `error` is the code, str() the description."""

    def __init__(self, error: str, description: str, status: int = 400) -> None:
        super().__init__(description)
        self.error = error
        self.status = status


@dataclass
class Credentials:
    simple_key: str = field(default_factory=lambda: secrets.token_hex(32))
    oauth_client_id: str = field(default_factory=lambda: "fake-client-" + secrets.token_hex(6))
    oauth_client_secret: str = field(default_factory=lambda: secrets.token_hex(16))
    jwt_secret: bytes = field(default_factory=lambda: secrets.token_bytes(32))
    access_tokens: dict[str, tuple[str, ...]] = field(default_factory=dict)
    token_clients: dict[str, str] = field(default_factory=dict)  # access token -> client_id
    used_refresh_tokens: set[str] = field(default_factory=set)
    reused_refresh_tokens: int = 0
    expired_tokens: set[str] = field(default_factory=set)
    refresh_tokens: dict[str, _Grant] = field(default_factory=dict)
    codes: dict[str, _Grant] = field(default_factory=dict)

    def __post_init__(self) -> None:
        # The ready-made token every fake hands out, with both scopes.
        self.access_token = self._new_access_token(ALL_SCOPES, self.oauth_client_id)

    def _new_access_token(self, scopes: tuple[str, ...], client_id: str) -> str:
        token = "fake-at-" + secrets.token_urlsafe(24)
        self.access_tokens[token] = scopes
        self.token_clients[token] = client_id
        return token

    def application_of(self, simple_key: str | None, authorization: str | None) -> str:
        """Whose allowance a request uses: the application behind its credential (an
        unknown credential counts on its own)."""
        if simple_key is not None:
            return "simple-key-app" if simple_key == self.simple_key else "key:" + simple_key
        token = (authorization or "").partition(" ")[2].strip()
        client = self.token_clients.get(token)
        return "oauth-app:" + client if client is not None else "other:" + (authorization or "")

    # -- checking a request ------------------------------------------------------------
    def check(
        self, simple_key: str | None, authorization: str | None, scopes: tuple[str, ...]
    ) -> str | None:
        """None if the request may proceed, else why not (safe to show: holds no secret)."""
        if simple_key is not None:
            if hmac.compare_digest(simple_key.encode(), self.simple_key.encode()):
                return None
            return "Invalid simple key."
        if authorization is None:
            return "Missing credentials: send x-ultracart-simple-key or an OAuth bearer token."
        kind, _, token = authorization.partition(" ")
        if kind.lower() != "bearer" or not token:
            return "The Authorization header must be 'Bearer <access token>'."
        granted = self.access_tokens.get(token.strip())
        if granted is None:
            return "Invalid access token."
        if token.strip() in self.expired_tokens:
            return "The access token has expired."
        missing = [scope for scope in scopes if scope not in granted]
        if missing:
            return f"The access token lacks the {missing[0]} scope."
        return None

    def expire_access_tokens(self) -> None:
        self.expired_tokens.update(self.access_tokens)

    # -- OAuth 2 authorization-code flow --------------------------------------------------
    def issue_code(self, client_id: str, redirect_uri: str, scopes: tuple[str, ...]) -> str:
        unknown = [scope for scope in scopes if scope not in ALL_SCOPES]
        if unknown:
            raise OAuthError("invalid_scope", f"unknown scope: {' '.join(unknown)}")
        code = "fake-code-" + secrets.token_urlsafe(12)
        self.codes[code] = _Grant(client_id, scopes or ALL_SCOPES, redirect_uri)
        return code

    def token(self, form: dict[str, str]) -> dict[str, object]:
        """The token endpoint: exchange a code or a refresh token (RFC 6749 4.1.3, 6)."""
        if not (
            # As bytes: compare_digest refuses a str with a non-ASCII character (a 500).
            hmac.compare_digest(form.get("client_id", "").encode(), self.oauth_client_id.encode())
            and hmac.compare_digest(
                form.get("client_secret", "").encode(), self.oauth_client_secret.encode()
            )
        ):
            raise OAuthError("invalid_client", "Unknown client or wrong client secret.", 401)
        grant_type = form.get("grant_type")
        if grant_type == "authorization_code":
            grant = self.codes.pop(form.get("code", ""), None)  # a code is good once
            if grant is None:
                raise OAuthError("invalid_grant", "The authorization code is invalid or used.")
            if form.get("redirect_uri", "") != grant.redirect_uri:
                raise OAuthError("invalid_grant", "redirect_uri does not match the authorization.")
            refresh_token = "fake-rt-" + secrets.token_urlsafe(24)
            self.refresh_tokens[refresh_token] = grant
        elif grant_type == "refresh_token":
            presented = form.get("refresh_token", "")
            found = self.refresh_tokens.pop(presented, None)
            if found is None:
                if presented in self.used_refresh_tokens:
                    self.reused_refresh_tokens += 1
                raise OAuthError("invalid_grant", "The refresh token is invalid.")
            self.used_refresh_tokens.add(presented)  # single use: rotated below
            grant = found
            refresh_token = "fake-rt-" + secrets.token_urlsafe(24)
            self.refresh_tokens[refresh_token] = grant
        else:
            raise OAuthError(
                "unsupported_grant_type", f"grant_type {grant_type!r} is not supported."
            )
        return {
            "access_token": self._new_access_token(grant.scopes, grant.client_id),
            "refresh_token": refresh_token,
            "token_type": "bearer",
            "expires_in": ACCESS_TOKEN_LIFETIME,
            "scope": " ".join(grant.scopes),
        }

    # -- agent websocket authorization -------------------------------------------------
    def jwt(self, claims: dict[str, object]) -> str:
        """An HS256 JWT signed with a key only this fake knows."""

        def encode(part: bytes) -> str:
            return base64.urlsafe_b64encode(part).rstrip(b"=").decode()

        header = encode(json.dumps({"alg": "HS256", "typ": "JWT"}).encode())
        payload = encode(json.dumps(claims, separators=(",", ":")).encode())
        signature = hmac.new(self.jwt_secret, f"{header}.{payload}".encode(), hashlib.sha256)
        return f"{header}.{payload}.{encode(signature.digest())}"
