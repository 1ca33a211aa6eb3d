"""OAuth 2 with the tokens kept in a file: read at start, rewritten at every refresh.

    ULTRACART_OAUTH_CLIENT_ID=... ULTRACART_OAUTH_CLIENT_SECRET=... \
        python examples/oauth_token_file.py tokens.json

The file holds what `OAuthTokens.to_dict()` gives, written once by your authorization
step (`OAuthClient.exchange_code`). UltraCart may rotate the refresh token at each
refresh, so the new tokens must be stored before the old ones are lost: the session calls
`on_token_refresh` with them, and it replaces the file atomically (a crash mid-write
leaves the old file, never half a new one).
"""

from __future__ import annotations

import json
import os
import sys
import tempfile
from pathlib import Path

from ultracart_conversations import ConversationApi, OAuthClient, OAuthSession, OAuthTokens

DEFAULT_BASE_URL = "https://secure.ultracart.com/rest/v2"


def save(path: Path, tokens: OAuthTokens) -> None:
    """Replace the token file atomically, readable by its owner only."""
    fd, temporary = tempfile.mkstemp(dir=path.parent, prefix=path.name + ".")
    with os.fdopen(fd, "w", encoding="utf-8") as out:
        json.dump(tokens.to_dict(), out)
    os.replace(temporary, path)


def main(argv: list[str]) -> int:
    if len(argv) != 1:
        print(__doc__, file=sys.stderr)
        return 2
    token_file = Path(argv[0])
    base_url = os.environ.get("ULTRACART_BASE_URL") or DEFAULT_BASE_URL
    oauth = OAuthClient(
        os.environ["ULTRACART_OAUTH_CLIENT_ID"],
        os.environ["ULTRACART_OAUTH_CLIENT_SECRET"],
        redirect_uri="https://app.example/callback",
        base_url=base_url,
    )
    try:
        tokens = OAuthTokens.from_dict(json.loads(token_file.read_text(encoding="utf-8")))
        session = OAuthSession(oauth, tokens, on_token_refresh=lambda new: save(token_file, new))
        with ConversationApi(oauth=session, base_url=base_url) as api:
            page = api.get_conversations(limit=5)  # refreshes first if the token expired
            print(f"{len(page.conversations or [])} conversations read with OAuth")
    finally:
        oauth.close()
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
