from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar

from attrs import define as _attrs_define
from attrs import field as _attrs_field

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
class ResponseWarning:
    """
    Attributes:
        more_info (str | Unset): Where to read more (often a link)
        warning_code (str | Unset):
        warning_message (str | Unset): For the developer
    """

    more_info: str | Unset = UNSET
    warning_code: str | Unset = UNSET
    warning_message: str | Unset = UNSET
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
        more_info = src_dict.get("more_info", UNSET)
        if more_info.__class__ is not str and more_info is not UNSET and not isinstance(more_info, (str, Unset)):
            raise TypeError("more_info: expected a string, got " + type(more_info).__name__)

        warning_code = src_dict.get("warning_code", UNSET)
        if (
            warning_code.__class__ is not str
            and warning_code is not UNSET
            and not isinstance(warning_code, (str, Unset))
        ):
            raise TypeError("warning_code: expected a string, got " + type(warning_code).__name__)

        warning_message = src_dict.get("warning_message", UNSET)
        if (
            warning_message.__class__ is not str
            and warning_message is not UNSET
            and not isinstance(warning_message, (str, Unset))
        ):
            raise TypeError("warning_message: expected a string, got " + type(warning_message).__name__)

        response_warning = cls(
            more_info,
            warning_code,
            warning_message,
        )
        if not _KNOWN_KEYS.issuperset(src_dict):
            response_warning.additional_properties = {
                key: value for key, value in src_dict.items() if key not in _KNOWN_KEYS
            }
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
