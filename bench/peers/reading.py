"""Reading every field of a parsed page: what a program that uses the page does after
the call. The same fields for every contender: each documented field of the response,
of every summary, of its participants and of its sentiment. Dicts by key (`.get`, since
a field may be absent), everything else by attribute."""

from __future__ import annotations

from typing import Any

import attrs

from ultracart_conversations_api import models


def _scalars(model: type) -> tuple[str, ...]:
    """The documented fields of one of our models that hold no other model."""
    nested = {"participants", "sentiment", "additional_properties"}
    return tuple(field.name for field in attrs.fields(model) if field.name not in nested)


SUMMARY = _scalars(models.ConversationSummary)
PARTICIPANT = _scalars(models.ConversationParticipant)
SENTIMENT = _scalars(models.ConversationSentiment)
RESULT_SET = _scalars(models.ResultSet)


def every_key(page: dict[str, Any]) -> int:
    """Read every documented key of a page of dicts; the number of values read."""
    read = 0
    result_set = (page.get("metadata") or {}).get("result_set") or {}
    for name in RESULT_SET:
        result_set.get(name)
        read += 1
    for summary in page.get("conversations") or ():
        for name in SUMMARY:
            summary.get(name)
        read += len(SUMMARY)
        for participant in summary.get("participants") or ():
            for name in PARTICIPANT:
                participant.get(name)
            read += len(PARTICIPANT)
        sentiment = summary.get("sentiment")
        if sentiment:
            for name in SENTIMENT:
                sentiment.get(name)
            read += len(SENTIMENT)
    return read


def every_field(page: Any) -> int:
    """Read every documented field of a page of objects; the number of values read."""
    read = 0
    result_set = page.metadata.result_set
    for name in RESULT_SET:
        getattr(result_set, name)
        read += 1
    for summary in page.conversations or ():
        for name in SUMMARY:
            getattr(summary, name)
        read += len(SUMMARY)
        for participant in summary.participants or ():
            for name in PARTICIPANT:
                getattr(participant, name)
            read += len(PARTICIPANT)
        sentiment = summary.sentiment
        if sentiment:
            for name in SENTIMENT:
                getattr(sentiment, name)
            read += len(SENTIMENT)
    return read
