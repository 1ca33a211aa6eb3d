from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

T = TypeVar("T", bound="ConversationSummary")


@_attrs_define
class ConversationSummary:
    """
    Attributes:
        conversation_arn (str | Unset):
        conversation_uuid (str | Unset):
        last_conversation_message_body (str | Unset):
        last_conversation_participant_arn (str | Unset):
        last_conversation_participant_name (str | Unset):
        last_message_dts (str | Unset): Last message date/time
        merchant_id (str | Unset):
        message_count (int | Unset):
        unread_messages (bool | Unset):
    """

    conversation_arn: str | Unset = UNSET
    conversation_uuid: str | Unset = UNSET
    last_conversation_message_body: str | Unset = UNSET
    last_conversation_participant_arn: str | Unset = UNSET
    last_conversation_participant_name: str | Unset = UNSET
    last_message_dts: str | Unset = UNSET
    merchant_id: str | Unset = UNSET
    message_count: int | Unset = UNSET
    unread_messages: bool | Unset = UNSET
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        conversation_arn = self.conversation_arn

        conversation_uuid = self.conversation_uuid

        last_conversation_message_body = self.last_conversation_message_body

        last_conversation_participant_arn = self.last_conversation_participant_arn

        last_conversation_participant_name = self.last_conversation_participant_name

        last_message_dts = self.last_message_dts

        merchant_id = self.merchant_id

        message_count = self.message_count

        unread_messages = self.unread_messages

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update({})
        if conversation_arn is not UNSET:
            field_dict["conversation_arn"] = conversation_arn
        if conversation_uuid is not UNSET:
            field_dict["conversation_uuid"] = conversation_uuid
        if last_conversation_message_body is not UNSET:
            field_dict["last_conversation_message_body"] = last_conversation_message_body
        if last_conversation_participant_arn is not UNSET:
            field_dict["last_conversation_participant_arn"] = last_conversation_participant_arn
        if last_conversation_participant_name is not UNSET:
            field_dict["last_conversation_participant_name"] = last_conversation_participant_name
        if last_message_dts is not UNSET:
            field_dict["last_message_dts"] = last_message_dts
        if merchant_id is not UNSET:
            field_dict["merchant_id"] = merchant_id
        if message_count is not UNSET:
            field_dict["message_count"] = message_count
        if unread_messages is not UNSET:
            field_dict["unread_messages"] = unread_messages

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        conversation_arn = d.pop("conversation_arn", UNSET)

        conversation_uuid = d.pop("conversation_uuid", UNSET)

        last_conversation_message_body = d.pop("last_conversation_message_body", UNSET)

        last_conversation_participant_arn = d.pop("last_conversation_participant_arn", UNSET)

        last_conversation_participant_name = d.pop("last_conversation_participant_name", UNSET)

        last_message_dts = d.pop("last_message_dts", UNSET)

        merchant_id = d.pop("merchant_id", UNSET)

        message_count = d.pop("message_count", UNSET)

        unread_messages = d.pop("unread_messages", UNSET)

        conversation_summary = cls(
            conversation_arn=conversation_arn,
            conversation_uuid=conversation_uuid,
            last_conversation_message_body=last_conversation_message_body,
            last_conversation_participant_arn=last_conversation_participant_arn,
            last_conversation_participant_name=last_conversation_participant_name,
            last_message_dts=last_message_dts,
            merchant_id=merchant_id,
            message_count=message_count,
            unread_messages=unread_messages,
        )

        conversation_summary.additional_properties = d
        return conversation_summary

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
