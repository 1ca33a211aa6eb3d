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

T = TypeVar("T", bound="ResponseWarning")

# The JSON keys that are fields; any other key of a document is an additional property.
_KNOWN_KEYS = frozenset(
    {
        "more_info",
        "warning_code",
        "warning_message",
    }
)


@_attrs_define
class ResponseWarning(_ModelBase):
    """
    Attributes:
        more_info (str | None | Unset): Where to read more (often a link)
        warning_code (str | None | Unset):
        warning_message (str | None | Unset): For the developer
    """

    more_info: str | None | Unset = UNSET
    warning_code: str | None | Unset = UNSET
    warning_message: str | None | Unset = UNSET
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        more_info = self.more_info

        warning_code = self.warning_code

        warning_message = self.warning_message

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update({})
        if more_info is not UNSET:
            field_dict["more_info"] = more_info
        if warning_code is not UNSET:
            field_dict["warning_code"] = warning_code
        if warning_message is not UNSET:
            field_dict["warning_message"] = warning_message

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        problems: _Problems | None = None
        more_info = src_dict.get("more_info", UNSET)
        if (
            more_info.__class__ is not str
            and more_info is not UNSET
            and more_info is not None
            and not isinstance(more_info, str)
        ):
            problems = _off_type(problems, "more_info", more_info, "a string")
            more_info = UNSET

        warning_code = src_dict.get("warning_code", UNSET)
        if (
            warning_code.__class__ is not str
            and warning_code is not UNSET
            and warning_code is not None
            and not isinstance(warning_code, str)
        ):
            problems = _off_type(problems, "warning_code", warning_code, "a string")
            warning_code = UNSET

        warning_message = src_dict.get("warning_message", UNSET)
        if (
            warning_message.__class__ is not str
            and warning_message is not UNSET
            and warning_message is not None
            and not isinstance(warning_message, str)
        ):
            problems = _off_type(problems, "warning_message", warning_message, "a string")
            warning_message = UNSET

        response_warning = cls(
            more_info,
            warning_code,
            warning_message,
        )
        if not _KNOWN_KEYS.issuperset(src_dict):
            response_warning.additional_properties = {
                key: value for key, value in src_dict.items() if key not in _KNOWN_KEYS
            }
        if problems is not None:
            _finish(response_warning, problems, src_dict, _KNOWN_KEYS)
        return response_warning

    @staticmethod
    def _fast_fields() -> tuple[tuple[str, str, Any, bool], ...]:
        """(attribute, JSON key, kind, required) of each field, for the fast reader."""
        return (
            ("more_info", "more_info", str, False),
            ("warning_code", "warning_code", str, False),
            ("warning_message", "warning_message", str, False),
        )

    @classmethod
    def _from_fast(cls: type[T], decoded: Any) -> T:
        """The model from what the fast reader decoded: its slots filled directly."""
        response_warning = object.__new__(cls)
        response_warning.more_info = decoded.more_info
        response_warning.warning_code = decoded.warning_code
        response_warning.warning_message = decoded.warning_message
        response_warning.additional_properties = {}
        return response_warning

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
