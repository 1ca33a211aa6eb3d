from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

T = TypeVar("T", bound="ConversationSummary")

# The JSON keys that are fields; any other key of a document is an additional property.
_KNOWN_KEYS = frozenset(
    {
        "conversation_arn",
        "conversation_uuid",
        "last_conversation_message_body",
        "last_conversation_participant_arn",
        "last_conversation_participant_name",
        "last_message_dts",
        "merchant_id",
        "message_count",
        "unread_messages",
    }
)


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
        conversation_arn = src_dict.get("conversation_arn", UNSET)
        if conversation_arn.__class__ is not str and not isinstance(conversation_arn, (str, Unset)):
            raise TypeError("conversation_arn: expected a string, got " + type(conversation_arn).__name__)

        conversation_uuid = src_dict.get("conversation_uuid", UNSET)
        if conversation_uuid.__class__ is not str and not isinstance(conversation_uuid, (str, Unset)):
            raise TypeError("conversation_uuid: expected a string, got " + type(conversation_uuid).__name__)

        last_conversation_message_body = src_dict.get("last_conversation_message_body", UNSET)
        if last_conversation_message_body.__class__ is not str and not isinstance(
            last_conversation_message_body, (str, Unset)
        ):
            raise TypeError(
                "last_conversation_message_body: expected a string, got "
                + type(last_conversation_message_body).__name__
            )

        last_conversation_participant_arn = src_dict.get("last_conversation_participant_arn", UNSET)
        if last_conversation_participant_arn.__class__ is not str and not isinstance(
            last_conversation_participant_arn, (str, Unset)
        ):
            raise TypeError(
                "last_conversation_participant_arn: expected a string, got "
                + type(last_conversation_participant_arn).__name__
            )

        last_conversation_participant_name = src_dict.get("last_conversation_participant_name", UNSET)
        if last_conversation_participant_name.__class__ is not str and not isinstance(
            last_conversation_participant_name, (str, Unset)
        ):
            raise TypeError(
                "last_conversation_participant_name: expected a string, got "
                + type(last_conversation_participant_name).__name__
            )

        last_message_dts = src_dict.get("last_message_dts", UNSET)
        if last_message_dts.__class__ is not str and not isinstance(last_message_dts, (str, Unset)):
            raise TypeError("last_message_dts: expected a string, got " + type(last_message_dts).__name__)

        merchant_id = src_dict.get("merchant_id", UNSET)
        if merchant_id.__class__ is not str and not isinstance(merchant_id, (str, Unset)):
            raise TypeError("merchant_id: expected a string, got " + type(merchant_id).__name__)

        message_count = src_dict.get("message_count", UNSET)
        if message_count.__class__ is not int and (
            not isinstance(message_count, (int, Unset)) or isinstance(message_count, bool)
        ):
            raise TypeError("message_count: expected an integer, got " + type(message_count).__name__)

        unread_messages = src_dict.get("unread_messages", UNSET)
        if unread_messages.__class__ is not bool and not isinstance(unread_messages, (bool, Unset)):
            raise TypeError("unread_messages: expected a boolean, got " + type(unread_messages).__name__)

        conversation_summary = cls(
            conversation_arn,
            conversation_uuid,
            last_conversation_message_body,
            last_conversation_participant_arn,
            last_conversation_participant_name,
            last_message_dts,
            merchant_id,
            message_count,
            unread_messages,
        )
        if not src_dict.keys() <= _KNOWN_KEYS:
            conversation_summary.additional_properties = {
                key: value for key, value in src_dict.items() if key not in _KNOWN_KEYS
            }
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
