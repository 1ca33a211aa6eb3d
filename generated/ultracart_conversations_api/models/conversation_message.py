from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

T = TypeVar("T", bound="ConversationMessage")

# The JSON keys that are fields; any other key of a document is an additional property.
_KNOWN_KEYS = frozenset(
    {
        "author_conversation_participant_arn",
        "author_conversation_participant_name",
        "body",
        "media_urls",
        "message_dts",
    }
)


@_attrs_define
class ConversationMessage:
    """
    Attributes:
        author_conversation_participant_arn (str | Unset):
        author_conversation_participant_name (str | Unset):
        body (str | Unset):
        media_urls (list[str] | Unset):
        message_dts (str | Unset): Message date/time
    """

    author_conversation_participant_arn: str | Unset = UNSET
    author_conversation_participant_name: str | Unset = UNSET
    body: str | Unset = UNSET
    media_urls: list[str] | Unset = UNSET
    message_dts: str | Unset = UNSET
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        author_conversation_participant_arn = self.author_conversation_participant_arn

        author_conversation_participant_name = self.author_conversation_participant_name

        body = self.body

        media_urls: list[str] | Unset = UNSET
        if not isinstance(self.media_urls, Unset):
            media_urls = self.media_urls

        message_dts = self.message_dts

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update({})
        if author_conversation_participant_arn is not UNSET:
            field_dict["author_conversation_participant_arn"] = author_conversation_participant_arn
        if author_conversation_participant_name is not UNSET:
            field_dict["author_conversation_participant_name"] = author_conversation_participant_name
        if body is not UNSET:
            field_dict["body"] = body
        if media_urls is not UNSET:
            field_dict["media_urls"] = media_urls
        if message_dts is not UNSET:
            field_dict["message_dts"] = message_dts

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        author_conversation_participant_arn = src_dict.get("author_conversation_participant_arn", UNSET)
        if author_conversation_participant_arn.__class__ is not str and not isinstance(
            author_conversation_participant_arn, (str, Unset)
        ):
            raise TypeError(
                "author_conversation_participant_arn: expected a string, got "
                + type(author_conversation_participant_arn).__name__
            )

        author_conversation_participant_name = src_dict.get("author_conversation_participant_name", UNSET)
        if author_conversation_participant_name.__class__ is not str and not isinstance(
            author_conversation_participant_name, (str, Unset)
        ):
            raise TypeError(
                "author_conversation_participant_name: expected a string, got "
                + type(author_conversation_participant_name).__name__
            )

        body = src_dict.get("body", UNSET)
        if body.__class__ is not str and not isinstance(body, (str, Unset)):
            raise TypeError("body: expected a string, got " + type(body).__name__)

        _media_urls = src_dict.get("media_urls", UNSET)
        media_urls: list[str] | Unset
        if isinstance(_media_urls, Unset):
            media_urls = UNSET
        else:
            if not isinstance(_media_urls, list):
                raise TypeError("media_urls: expected an array, got " + type(_media_urls).__name__)
            media_urls = []
            for media_urls_item_data in _media_urls:
                media_urls_item = media_urls_item_data
                if media_urls_item.__class__ is not str and not isinstance(media_urls_item, (str, Unset)):
                    raise TypeError("media_urls_item: expected a string, got " + type(media_urls_item).__name__)
                media_urls.append(media_urls_item)

        message_dts = src_dict.get("message_dts", UNSET)
        if message_dts.__class__ is not str and not isinstance(message_dts, (str, Unset)):
            raise TypeError("message_dts: expected a string, got " + type(message_dts).__name__)

        conversation_message = cls(
            author_conversation_participant_arn,
            author_conversation_participant_name,
            body,
            media_urls,
            message_dts,
        )
        if not src_dict.keys() <= _KNOWN_KEYS:
            conversation_message.additional_properties = {
                key: value for key, value in src_dict.items() if key not in _KNOWN_KEYS
            }
        return conversation_message

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
