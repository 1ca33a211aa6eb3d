from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

T = TypeVar("T", bound="ConversationStartResponse")

# The JSON keys that are fields; any other key of a document is an additional property.
_KNOWN_KEYS = frozenset(
    {
        "conversation_arn",
        "conversation_uuid",
    }
)


@_attrs_define
class ConversationStartResponse:
    """
    Attributes:
        conversation_arn (str | Unset):
        conversation_uuid (str | Unset):
    """

    conversation_arn: str | Unset = UNSET
    conversation_uuid: str | Unset = UNSET
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        conversation_arn = self.conversation_arn

        conversation_uuid = self.conversation_uuid

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update({})
        if conversation_arn is not UNSET:
            field_dict["conversation_arn"] = conversation_arn
        if conversation_uuid is not UNSET:
            field_dict["conversation_uuid"] = conversation_uuid

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        conversation_arn = src_dict.get("conversation_arn", UNSET)
        if conversation_arn.__class__ is not str and not isinstance(conversation_arn, (str, Unset)):
            raise TypeError("conversation_arn: expected a string, got " + type(conversation_arn).__name__)

        conversation_uuid = src_dict.get("conversation_uuid", UNSET)
        if conversation_uuid.__class__ is not str and not isinstance(conversation_uuid, (str, Unset)):
            raise TypeError("conversation_uuid: expected a string, got " + type(conversation_uuid).__name__)

        conversation_start_response = cls(
            conversation_arn,
            conversation_uuid,
        )
        if not src_dict.keys() <= _KNOWN_KEYS:
            conversation_start_response.additional_properties = {
                key: value for key, value in src_dict.items() if key not in _KNOWN_KEYS
            }
        return conversation_start_response

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
