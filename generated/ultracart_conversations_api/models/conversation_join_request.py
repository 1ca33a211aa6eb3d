from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

T = TypeVar("T", bound="ConversationJoinRequest")


@_attrs_define
class ConversationJoinRequest:
    """
    Attributes:
        participant_language_iso_code (str | Unset): The language the agent writes in
    """

    participant_language_iso_code: str | Unset = UNSET
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        participant_language_iso_code = self.participant_language_iso_code

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update({})
        if participant_language_iso_code is not UNSET:
            field_dict["participant_language_iso_code"] = participant_language_iso_code

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        participant_language_iso_code = d.pop("participant_language_iso_code", UNSET)
        if participant_language_iso_code.__class__ is not str and not isinstance(
            participant_language_iso_code, (str, Unset)
        ):
            raise TypeError(
                "participant_language_iso_code: expected a string, got " + type(participant_language_iso_code).__name__
            )

        conversation_join_request = cls(
            participant_language_iso_code=participant_language_iso_code,
        )

        additional_properties = {}
        for prop_name, prop_dict in d.items():
            additional = prop_dict

            additional_properties[prop_name] = additional

        conversation_join_request.additional_properties = additional_properties
        return conversation_join_request

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
