from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

T = TypeVar("T", bound="ConversationStartResponse")


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
        d = dict(src_dict)
        conversation_arn = d.pop("conversation_arn", UNSET)
        if conversation_arn.__class__ is not str and not isinstance(conversation_arn, (str, Unset)):
            raise TypeError("conversation_arn: expected a string, got " + type(conversation_arn).__name__)

        conversation_uuid = d.pop("conversation_uuid", UNSET)
        if conversation_uuid.__class__ is not str and not isinstance(conversation_uuid, (str, Unset)):
            raise TypeError("conversation_uuid: expected a string, got " + type(conversation_uuid).__name__)

        conversation_start_response = cls(
            conversation_arn=conversation_arn,
            conversation_uuid=conversation_uuid,
        )

        additional_properties = {}
        for prop_name, prop_dict in d.items():
            additional = prop_dict

            additional_properties[prop_name] = additional

        conversation_start_response.additional_properties = additional_properties
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
