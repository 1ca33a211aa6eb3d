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

T = TypeVar("T", bound="ConversationMessageTranslation")

# The JSON keys that are fields; any other key of a document is an additional property.
_KNOWN_KEYS = frozenset(
    {
        "body",
        "language_iso_code",
    }
)


@_attrs_define
class ConversationMessageTranslation(_ModelBase):
    """
    Attributes:
        body (str | None | Unset):
        language_iso_code (str | None | Unset):
    """

    body: str | None | Unset = UNSET
    language_iso_code: str | None | Unset = UNSET
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        body = self.body

        language_iso_code = self.language_iso_code

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update({})
        if body is not UNSET:
            field_dict["body"] = body
        if language_iso_code is not UNSET:
            field_dict["language_iso_code"] = language_iso_code

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        problems: _Problems | None = None
        body = src_dict.get("body", UNSET)
        if body.__class__ is not str and body is not UNSET and body is not None and not isinstance(body, str):
            problems = _off_type(problems, "body", body, "a string")
            body = UNSET

        language_iso_code = src_dict.get("language_iso_code", UNSET)
        if (
            language_iso_code.__class__ is not str
            and language_iso_code is not UNSET
            and language_iso_code is not None
            and not isinstance(language_iso_code, str)
        ):
            problems = _off_type(problems, "language_iso_code", language_iso_code, "a string")
            language_iso_code = UNSET

        conversation_message_translation = cls(
            body,
            language_iso_code,
        )
        if not _KNOWN_KEYS.issuperset(src_dict):
            conversation_message_translation.additional_properties = {
                key: value for key, value in src_dict.items() if key not in _KNOWN_KEYS
            }
        if problems is not None:
            _finish(conversation_message_translation, problems, src_dict, _KNOWN_KEYS)
        return conversation_message_translation

    @staticmethod
    def _fast_fields() -> tuple[tuple[str, str, Any, bool], ...]:
        """(attribute, JSON key, kind, required) of each field, for the fast reader."""
        return (
            ("body", "body", str, False),
            ("language_iso_code", "language_iso_code", str, False),
        )

    @classmethod
    def _from_fast(cls: type[T], decoded: Any) -> T:
        """The model from what the fast reader decoded: its slots filled directly."""
        conversation_message_translation = object.__new__(cls)
        conversation_message_translation.body = decoded.body
        conversation_message_translation.language_iso_code = decoded.language_iso_code
        conversation_message_translation.additional_properties = {}
        return conversation_message_translation

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
