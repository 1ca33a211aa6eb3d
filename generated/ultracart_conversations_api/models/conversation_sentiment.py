from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar

from attrs import define as _attrs_define
from attrs import field as _attrs_field
from ultracart_conversations._reading import ModelBase as _ModelBase
from ultracart_conversations._reading import Problems as _Problems
from ultracart_conversations._reading import finish as _finish
from ultracart_conversations._reading import off_type as _off_type

from ..models.conversation_sentiment_sentiment import (
    ConversationSentimentSentiment,
)
from ..types import UNSET, Unset

T = TypeVar("T", bound="ConversationSentiment")

# The JSON keys that are fields; any other key of a document is an additional property.
_KNOWN_KEYS = frozenset(
    {
        "last_detect_sentiment",
        "mixed",
        "negative",
        "neutral",
        "positive",
        "sentiment",
    }
)


@_attrs_define
class ConversationSentiment(_ModelBase):
    """
    Attributes:
        last_detect_sentiment (str | None | Unset): When it was last assessed (date/time)
        mixed (float | None | Unset):
        negative (float | None | Unset):
        neutral (float | None | Unset):
        positive (float | None | Unset):
        sentiment (ConversationSentimentSentiment | None | Unset):
    """

    last_detect_sentiment: str | None | Unset = UNSET
    mixed: float | None | Unset = UNSET
    negative: float | None | Unset = UNSET
    neutral: float | None | Unset = UNSET
    positive: float | None | Unset = UNSET
    sentiment: ConversationSentimentSentiment | None | Unset = UNSET
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        last_detect_sentiment = self.last_detect_sentiment

        mixed = self.mixed

        negative = self.negative

        neutral = self.neutral

        positive = self.positive

        sentiment: str | None | Unset = UNSET
        if not isinstance(self.sentiment, Unset):
            sentiment = self.sentiment

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update({})
        if last_detect_sentiment is not UNSET:
            field_dict["last_detect_sentiment"] = last_detect_sentiment
        if mixed is not UNSET:
            field_dict["mixed"] = mixed
        if negative is not UNSET:
            field_dict["negative"] = negative
        if neutral is not UNSET:
            field_dict["neutral"] = neutral
        if positive is not UNSET:
            field_dict["positive"] = positive
        if sentiment is not UNSET:
            field_dict["sentiment"] = sentiment

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        problems: _Problems | None = None
        last_detect_sentiment = src_dict.get("last_detect_sentiment", UNSET)
        if (
            last_detect_sentiment.__class__ is not str
            and last_detect_sentiment is not UNSET
            and last_detect_sentiment is not None
            and not isinstance(last_detect_sentiment, str)
        ):
            problems = _off_type(problems, "last_detect_sentiment", last_detect_sentiment, "a string")
            last_detect_sentiment = UNSET

        mixed = src_dict.get("mixed", UNSET)
        if (
            mixed.__class__ is not float
            and mixed is not UNSET
            and mixed is not None
            and (not isinstance(mixed, (int, float)) or isinstance(mixed, bool))
        ):
            problems = _off_type(problems, "mixed", mixed, "a number")
            mixed = UNSET

        negative = src_dict.get("negative", UNSET)
        if (
            negative.__class__ is not float
            and negative is not UNSET
            and negative is not None
            and (not isinstance(negative, (int, float)) or isinstance(negative, bool))
        ):
            problems = _off_type(problems, "negative", negative, "a number")
            negative = UNSET

        neutral = src_dict.get("neutral", UNSET)
        if (
            neutral.__class__ is not float
            and neutral is not UNSET
            and neutral is not None
            and (not isinstance(neutral, (int, float)) or isinstance(neutral, bool))
        ):
            problems = _off_type(problems, "neutral", neutral, "a number")
            neutral = UNSET

        positive = src_dict.get("positive", UNSET)
        if (
            positive.__class__ is not float
            and positive is not UNSET
            and positive is not None
            and (not isinstance(positive, (int, float)) or isinstance(positive, bool))
        ):
            problems = _off_type(problems, "positive", positive, "a number")
            positive = UNSET

        sentiment = src_dict.get("sentiment", UNSET)
        if (
            sentiment.__class__ is not str
            and sentiment is not UNSET
            and sentiment is not None
            and not isinstance(sentiment, str)
        ):
            problems = _off_type(problems, "sentiment", sentiment, "a string")
            sentiment = UNSET

        conversation_sentiment = cls(
            last_detect_sentiment,
            mixed,
            negative,
            neutral,
            positive,
            sentiment,
        )
        if not _KNOWN_KEYS.issuperset(src_dict):
            conversation_sentiment.additional_properties = {
                key: value for key, value in src_dict.items() if key not in _KNOWN_KEYS
            }
        if problems is not None:
            _finish(conversation_sentiment, problems, src_dict, _KNOWN_KEYS)
        return conversation_sentiment

    @staticmethod
    def _fast_fields() -> tuple[tuple[str, str, Any, bool], ...]:
        """(attribute, JSON key, kind, required) of each field, for the fast reader."""
        return (
            ("last_detect_sentiment", "last_detect_sentiment", str, False),
            ("mixed", "mixed", float, False),
            ("negative", "negative", float, False),
            ("neutral", "neutral", float, False),
            ("positive", "positive", float, False),
            ("sentiment", "sentiment", str, False),
        )

    @classmethod
    def _from_fast(cls: type[T], decoded: Any) -> T:
        """The model from what the fast reader decoded: its slots filled directly."""
        conversation_sentiment = object.__new__(cls)
        conversation_sentiment.last_detect_sentiment = decoded.last_detect_sentiment
        conversation_sentiment.mixed = decoded.mixed
        conversation_sentiment.negative = decoded.negative
        conversation_sentiment.neutral = decoded.neutral
        conversation_sentiment.positive = decoded.positive
        conversation_sentiment.sentiment = decoded.sentiment
        conversation_sentiment.additional_properties = {}
        return conversation_sentiment

    @property
    def additional_keys(self) -> list[str]:
        return list(self.additional_properties.keys())

    def __getitem__(self, key: str) -> Any:
        return self.additional_properties[key]

    def __setitem__(self, key: str, value: Any) -> None:
        self.additional_properties[key] = value

    def __delitem__(self, key: str) -> None:
        del self.additional_properties[key]

    def __contains__(self, key: str) -> bool:
        return key in self.additional_properties
