"""The one error the drift check reports as "the input could not be used" (exit 2)."""

from __future__ import annotations

from collections.abc import Callable
from typing import TypeVar

T = TypeVar("T")


class DocumentError(Exception):
    """A document (or the allow-list) cannot be read, parsed or understood.

    The message is a single line meant for the maintainer: where, and what is wrong.
    """


def reading(source: str, step: Callable[[], T], kind: str = "OpenAPI document") -> T:
    """Run `step`, turning what malformed input can raise into one line about `source`."""
    try:
        return step()
    except DocumentError:
        raise
    except RecursionError:
        raise DocumentError(f"{source}: nested too deeply to compare") from None
    except MemoryError:
        raise DocumentError(f"{source}: too large to compare (see --max-size)") from None
    except (KeyError, TypeError, ValueError, AttributeError, IndexError) as exc:
        # Malformed input in a shape the code does not check for: still one line.
        raise DocumentError(f"{source}: not a well-formed {kind} ({exc!r})") from None
