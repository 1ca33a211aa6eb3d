from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

T = TypeVar("T", bound="ConversationParticipant")

# The JSON keys that are fields; any other key of a document is an additional property.
_KNOWN_KEYS = frozenset(
    {
        "conversation_participant_arn",
        "conversation_participant_name",
        "conversation_participant_uuid",
        "joined_dts",
        "last_message_dts",
        "left_dts",
        "status",
    }
)


@_attrs_define
class ConversationParticipant:
    """
    Attributes:
        conversation_participant_arn (str | Unset):
        conversation_participant_name (str | Unset):
        conversation_participant_uuid (str | Unset):
        joined_dts (str | Unset): Joined conversation date/time
        last_message_dts (str | Unset): Last message date/time
        left_dts (str | Unset): Left conversation date/time
        status (str | Unset):
    """

    conversation_participant_arn: str | Unset = UNSET
    conversation_participant_name: str | Unset = UNSET
    conversation_participant_uuid: str | Unset = UNSET
    joined_dts: str | Unset = UNSET
    last_message_dts: str | Unset = UNSET
    left_dts: str | Unset = UNSET
    status: str | Unset = UNSET
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        conversation_participant_arn = self.conversation_participant_arn

        conversation_participant_name = self.conversation_participant_name

        conversation_participant_uuid = self.conversation_participant_uuid

        joined_dts = self.joined_dts

        last_message_dts = self.last_message_dts

        left_dts = self.left_dts

        status = self.status

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update({})
        if conversation_participant_arn is not UNSET:
            field_dict["conversation_participant_arn"] = conversation_participant_arn
        if conversation_participant_name is not UNSET:
            field_dict["conversation_participant_name"] = conversation_participant_name
        if conversation_participant_uuid is not UNSET:
            field_dict["conversation_participant_uuid"] = conversation_participant_uuid
        if joined_dts is not UNSET:
            field_dict["joined_dts"] = joined_dts
        if last_message_dts is not UNSET:
            field_dict["last_message_dts"] = last_message_dts
        if left_dts is not UNSET:
            field_dict["left_dts"] = left_dts
        if status is not UNSET:
            field_dict["status"] = status

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        conversation_participant_arn = src_dict.get("conversation_participant_arn", UNSET)
        if conversation_participant_arn.__class__ is not str and not isinstance(
            conversation_participant_arn, (str, Unset)
        ):
            raise TypeError(
                "conversation_participant_arn: expected a string, got " + type(conversation_participant_arn).__name__
            )

        conversation_participant_name = src_dict.get("conversation_participant_name", UNSET)
        if conversation_participant_name.__class__ is not str and not isinstance(
            conversation_participant_name, (str, Unset)
        ):
            raise TypeError(
                "conversation_participant_name: expected a string, got " + type(conversation_participant_name).__name__
            )

        conversation_participant_uuid = src_dict.get("conversation_participant_uuid", UNSET)
        if conversation_participant_uuid.__class__ is not str and not isinstance(
            conversation_participant_uuid, (str, Unset)
        ):
            raise TypeError(
                "conversation_participant_uuid: expected a string, got " + type(conversation_participant_uuid).__name__
            )

        joined_dts = src_dict.get("joined_dts", UNSET)
        if joined_dts.__class__ is not str and not isinstance(joined_dts, (str, Unset)):
            raise TypeError("joined_dts: expected a string, got " + type(joined_dts).__name__)

        last_message_dts = src_dict.get("last_message_dts", UNSET)
        if last_message_dts.__class__ is not str and not isinstance(last_message_dts, (str, Unset)):
            raise TypeError("last_message_dts: expected a string, got " + type(last_message_dts).__name__)

        left_dts = src_dict.get("left_dts", UNSET)
        if left_dts.__class__ is not str and not isinstance(left_dts, (str, Unset)):
            raise TypeError("left_dts: expected a string, got " + type(left_dts).__name__)

        status = src_dict.get("status", UNSET)
        if status.__class__ is not str and not isinstance(status, (str, Unset)):
            raise TypeError("status: expected a string, got " + type(status).__name__)

        conversation_participant = cls(
            conversation_participant_arn,
            conversation_participant_name,
            conversation_participant_uuid,
            joined_dts,
            last_message_dts,
            left_dts,
            status,
        )
        if not src_dict.keys() <= _KNOWN_KEYS:
            conversation_participant.additional_properties = {
                key: value for key, value in src_dict.items() if key not in _KNOWN_KEYS
            }
        return conversation_participant

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
