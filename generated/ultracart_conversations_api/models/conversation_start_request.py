from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar, cast

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

T = TypeVar("T", bound="ConversationStartRequest")


@_attrs_define
class ConversationStartRequest:
    """
    Attributes:
        add_conversation_participant_arns (list[str] | Unset):
        conversation_arn (str | Unset):
    """

    add_conversation_participant_arns: list[str] | Unset = UNSET
    conversation_arn: str | Unset = UNSET
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        add_conversation_participant_arns: list[str] | Unset = UNSET
        if not isinstance(self.add_conversation_participant_arns, Unset):
            add_conversation_participant_arns = self.add_conversation_participant_arns

        conversation_arn = self.conversation_arn

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update({})
        if add_conversation_participant_arns is not UNSET:
            field_dict["add_conversation_participant_arns"] = add_conversation_participant_arns
        if conversation_arn is not UNSET:
            field_dict["conversation_arn"] = conversation_arn

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        add_conversation_participant_arns = cast(list[str], d.pop("add_conversation_participant_arns", UNSET))

        conversation_arn = d.pop("conversation_arn", UNSET)

        conversation_start_request = cls(
            add_conversation_participant_arns=add_conversation_participant_arns,
            conversation_arn=conversation_arn,
        )

        conversation_start_request.additional_properties = d
        return conversation_start_request

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
