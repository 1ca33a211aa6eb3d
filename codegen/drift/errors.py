"""The one error the drift check reports as "the input could not be used" (exit 2)."""


class DocumentError(Exception):
    """A document (or the allow-list) cannot be read, parsed or understood.

    The message is a single line meant for the maintainer: where, and what is wrong.
    """
