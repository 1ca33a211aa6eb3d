"""Constants shared by the clients (kept in a module that imports nothing heavy)."""

from __future__ import annotations

from ultracart_conversations._version import __version__

DEFAULT_BASE_URL = "https://secure.ultracart.com/rest/v2"

# Seconds. The generated Client has no timeout at all unless given one; a call that
# hangs forever is never what a caller wants. Connecting gets less time than answering.
DEFAULT_TIMEOUT = 30.0
DEFAULT_CONNECT_TIMEOUT = 10.0

DEFAULT_MAX_RETRIES = 2

# The longest timeout accepted: beyond any sane wait, and short enough for every clock
# and socket API (1e300 s overflows them: OverflowError per call instead of one clear
# error up front).
MAX_TIMEOUT_SECONDS = 7 * 24 * 3600.0

# The largest response body a call reads, counted decompressed (the API's largest
# pages are a few MB): a gzip bomb or an endless body stops here, typed.
DEFAULT_MAX_RESPONSE_BYTES = 64 * 1024 * 1024

# The largest answer read from the OAuth token endpoint (a token response is a few
# hundred bytes).
MAX_TOKEN_RESPONSE_BYTES = 1024 * 1024

USER_AGENT = f"ultracart-conversations/{__version__}"

SIMPLE_KEY_HEADER = "x-ultracart-simple-key"

ENV_SIMPLE_KEY = "ULTRACART_SIMPLE_KEY"
ENV_ACCESS_TOKEN = "ULTRACART_ACCESS_TOKEN"  # noqa: S105 (a variable name)
ENV_BASE_URL = "ULTRACART_BASE_URL"
