from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar

from attrs import define as _attrs_define
from attrs import field as _attrs_field
from ultracart_conversations._reading import ModelBase as _ModelBase
from ultracart_conversations._reading import Problems as _Problems
from ultracart_conversations._reading import finish as _finish
from ultracart_conversations._reading import off_type as _off_type

from ..types import UNSET, Unset

T = TypeVar("T", bound="ConversationJoinRequest")

# The JSON keys that are fields; any other key of a document is an additional property.
_KNOWN_KEYS = frozenset(
    {
        "participant_language_iso_code",
    }
)


@_attrs_define
class ConversationJoinRequest(_ModelBase):
    """
    Attributes:
        participant_language_iso_code (str | None | Unset): The language the agent writes in
    """

    participant_language_iso_code: str | None | Unset = UNSET
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
        problems: _Problems | None = None
        participant_language_iso_code = src_dict.get("participant_language_iso_code", UNSET)
        if (
            participant_language_iso_code.__class__ is not str
            and participant_language_iso_code is not UNSET
            and participant_language_iso_code is not None
            and not isinstance(participant_language_iso_code, str)
        ):
            problems = _off_type(problems, "participant_language_iso_code", participant_language_iso_code, "a string")
            participant_language_iso_code = UNSET

        conversation_join_request = cls(
            participant_language_iso_code,
        )
        if not _KNOWN_KEYS.issuperset(src_dict):
            conversation_join_request.additional_properties = {
                key: value for key, value in src_dict.items() if key not in _KNOWN_KEYS
            }
        if problems is not None:
            _finish(conversation_join_request, problems, src_dict, _KNOWN_KEYS)
        return conversation_join_request

    @staticmethod
    def _fast_fields() -> tuple[tuple[str, str, Any, bool], ...]:
        """(attribute, JSON key, kind, required) of each field, for the fast reader."""
        return (("participant_language_iso_code", "participant_language_iso_code", str, False),)

    @classmethod
    def _from_fast(cls: type[T], decoded: Any) -> T:
        """The model from what the fast reader decoded: its slots filled directly."""
        conversation_join_request = object.__new__(cls)
        conversation_join_request.participant_language_iso_code = decoded.participant_language_iso_code
        conversation_join_request.additional_properties = {}
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
