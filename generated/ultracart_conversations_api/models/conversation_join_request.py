from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

T = TypeVar("T", bound="ConversationJoinRequest")

# The JSON keys that are fields; any other key of a document is an additional property.
_KNOWN_KEYS = frozenset(
    {
        "participant_language_iso_code",
    }
)


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
        participant_language_iso_code = src_dict.get("participant_language_iso_code", UNSET)
        if (
            participant_language_iso_code.__class__ is not str
            and participant_language_iso_code is not UNSET
            and not isinstance(participant_language_iso_code, (str, Unset))
        ):
            raise TypeError(
                "participant_language_iso_code: expected a string, got " + type(participant_language_iso_code).__name__
            )

        conversation_join_request = cls(
            participant_language_iso_code,
        )
        if not _KNOWN_KEYS.issuperset(src_dict):
            conversation_join_request.additional_properties = {
                key: value for key, value in src_dict.items() if key not in _KNOWN_KEYS
            }
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
