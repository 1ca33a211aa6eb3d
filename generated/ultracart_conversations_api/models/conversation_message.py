from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar, cast

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

T = TypeVar("T", bound="ConversationMessage")


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
        d = dict(src_dict)
        author_conversation_participant_arn = d.pop("author_conversation_participant_arn", UNSET)

        author_conversation_participant_name = d.pop("author_conversation_participant_name", UNSET)

        body = d.pop("body", UNSET)

        media_urls = cast(list[str], d.pop("media_urls", UNSET))

        message_dts = d.pop("message_dts", UNSET)

        conversation_message = cls(
            author_conversation_participant_arn=author_conversation_participant_arn,
            author_conversation_participant_name=author_conversation_participant_name,
            body=body,
            media_urls=media_urls,
            message_dts=message_dts,
        )

        conversation_message.additional_properties = d
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
