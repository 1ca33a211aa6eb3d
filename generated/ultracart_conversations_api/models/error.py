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

T = TypeVar("T", bound="Error")

# The JSON keys that are fields; any other key of a document is an additional property.
_KNOWN_KEYS = frozenset(
    {
        "developer_message",
        "error_code",
        "more_info",
        "object_id",
        "user_message",
    }
)


@_attrs_define
class Error(_ModelBase):
    """
    Attributes:
        developer_message (str | None | Unset): For the developer
        error_code (str | None | Unset): The HTTP status as text
        more_info (str | None | Unset): Where to read more (often a link)
        object_id (str | None | Unset): The object the error is about
        user_message (str | None | Unset): Fit to show an end user
    """

    developer_message: str | None | Unset = UNSET
    error_code: str | None | Unset = UNSET
    more_info: str | None | Unset = UNSET
    object_id: str | None | Unset = UNSET
    user_message: str | None | Unset = UNSET
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        developer_message = self.developer_message

        error_code = self.error_code

        more_info = self.more_info

        object_id = self.object_id

        user_message = self.user_message

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update({})
        if developer_message is not UNSET:
            field_dict["developer_message"] = developer_message
        if error_code is not UNSET:
            field_dict["error_code"] = error_code
        if more_info is not UNSET:
            field_dict["more_info"] = more_info
        if object_id is not UNSET:
            field_dict["object_id"] = object_id
        if user_message is not UNSET:
            field_dict["user_message"] = user_message

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        problems: _Problems | None = None
        developer_message = src_dict.get("developer_message", UNSET)
        if (
            developer_message.__class__ is not str
            and developer_message is not UNSET
            and developer_message is not None
            and not isinstance(developer_message, str)
        ):
            problems = _off_type(problems, "developer_message", developer_message, "a string")
            developer_message = UNSET

        error_code = src_dict.get("error_code", UNSET)
        if (
            error_code.__class__ is not str
            and error_code is not UNSET
            and error_code is not None
            and not isinstance(error_code, str)
        ):
            problems = _off_type(problems, "error_code", error_code, "a string")
            error_code = UNSET

        more_info = src_dict.get("more_info", UNSET)
        if (
            more_info.__class__ is not str
            and more_info is not UNSET
            and more_info is not None
            and not isinstance(more_info, str)
        ):
            problems = _off_type(problems, "more_info", more_info, "a string")
            more_info = UNSET

        object_id = src_dict.get("object_id", UNSET)
        if (
            object_id.__class__ is not str
            and object_id is not UNSET
            and object_id is not None
            and not isinstance(object_id, str)
        ):
            problems = _off_type(problems, "object_id", object_id, "a string")
            object_id = UNSET

        user_message = src_dict.get("user_message", UNSET)
        if (
            user_message.__class__ is not str
            and user_message is not UNSET
            and user_message is not None
            and not isinstance(user_message, str)
        ):
            problems = _off_type(problems, "user_message", user_message, "a string")
            user_message = UNSET

        error = cls(
            developer_message,
            error_code,
            more_info,
            object_id,
            user_message,
        )
        if not _KNOWN_KEYS.issuperset(src_dict):
            error.additional_properties = {key: value for key, value in src_dict.items() if key not in _KNOWN_KEYS}
        if problems is not None:
            _finish(error, problems, src_dict, _KNOWN_KEYS)
        return error

    @staticmethod
    def _fast_fields() -> tuple[tuple[str, str, Any, bool], ...]:
        """(attribute, JSON key, kind, required) of each field, for the fast reader."""
        return (
            ("developer_message", "developer_message", str, False),
            ("error_code", "error_code", str, False),
            ("more_info", "more_info", str, False),
            ("object_id", "object_id", str, False),
            ("user_message", "user_message", str, False),
        )

    @classmethod
    def _from_fast(cls: type[T], decoded: Any) -> T:
        """The model from what the fast reader decoded: its slots filled directly."""
        error = object.__new__(cls)
        error.developer_message = decoded.developer_message
        error.error_code = decoded.error_code
        error.more_info = decoded.more_info
        error.object_id = decoded.object_id
        error.user_message = decoded.user_message
        error.additional_properties = {}
        return error

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
