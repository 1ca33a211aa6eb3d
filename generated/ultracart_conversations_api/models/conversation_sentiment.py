from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar

from attrs import define as _attrs_define
from attrs import field as _attrs_field

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
class ConversationSentiment:
    """
    Attributes:
        last_detect_sentiment (str | Unset): When it was last assessed (date/time)
        mixed (float | Unset):
        negative (float | Unset):
        neutral (float | Unset):
        positive (float | Unset):
        sentiment (ConversationSentimentSentiment | Unset):
    """

    last_detect_sentiment: str | Unset = UNSET
    mixed: float | Unset = UNSET
    negative: float | Unset = UNSET
    neutral: float | Unset = UNSET
    positive: float | Unset = UNSET
    sentiment: ConversationSentimentSentiment | Unset = UNSET
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        last_detect_sentiment = self.last_detect_sentiment

        mixed = self.mixed

        negative = self.negative

        neutral = self.neutral

        positive = self.positive

        sentiment: str | Unset = UNSET
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
        last_detect_sentiment = src_dict.get("last_detect_sentiment", UNSET)
        if (
            last_detect_sentiment.__class__ is not str
            and last_detect_sentiment is not UNSET
            and not isinstance(last_detect_sentiment, (str, Unset))
        ):
            raise TypeError("last_detect_sentiment: expected a string, got " + type(last_detect_sentiment).__name__)

        mixed = src_dict.get("mixed", UNSET)
        if mixed.__class__ is not float and (not isinstance(mixed, (int, float, Unset)) or isinstance(mixed, bool)):
            raise TypeError("mixed: expected a number, got " + type(mixed).__name__)

        negative = src_dict.get("negative", UNSET)
        if negative.__class__ is not float and (
            not isinstance(negative, (int, float, Unset)) or isinstance(negative, bool)
        ):
            raise TypeError("negative: expected a number, got " + type(negative).__name__)

        neutral = src_dict.get("neutral", UNSET)
        if neutral.__class__ is not float and (
            not isinstance(neutral, (int, float, Unset)) or isinstance(neutral, bool)
        ):
            raise TypeError("neutral: expected a number, got " + type(neutral).__name__)

        positive = src_dict.get("positive", UNSET)
        if positive.__class__ is not float and (
            not isinstance(positive, (int, float, Unset)) or isinstance(positive, bool)
        ):
            raise TypeError("positive: expected a number, got " + type(positive).__name__)

        sentiment = src_dict.get("sentiment", UNSET)
        if sentiment.__class__ is not str and sentiment is not UNSET and not isinstance(sentiment, (str, Unset)):
            raise TypeError("sentiment: expected a string, got " + type(sentiment).__name__)

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
