from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

T = TypeVar("T", bound="ConversationMultimediaUploadUrl")

# The JSON keys that are fields; any other key of a document is an additional property.
_KNOWN_KEYS = frozenset(
    {
        "key",
        "url",
    }
)


@_attrs_define
class ConversationMultimediaUploadUrl:
    """
    Attributes:
        key (str | Unset): Names the upload in a message
        url (str | Unset): Where to PUT the file
    """

    key: str | Unset = UNSET
    url: str | Unset = UNSET
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        key = self.key

        url = self.url

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update({})
        if key is not UNSET:
            field_dict["key"] = key
        if url is not UNSET:
            field_dict["url"] = url

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        key = src_dict.get("key", UNSET)
        if key.__class__ is not str and key is not UNSET and not isinstance(key, (str, Unset)):
            raise TypeError("key: expected a string, got " + type(key).__name__)

        url = src_dict.get("url", UNSET)
        if url.__class__ is not str and url is not UNSET and not isinstance(url, (str, Unset)):
            raise TypeError("url: expected a string, got " + type(url).__name__)

        conversation_multimedia_upload_url = cls(
            key,
            url,
        )
        if not _KNOWN_KEYS.issuperset(src_dict):
            conversation_multimedia_upload_url.additional_properties = {
                key: value for key, value in src_dict.items() if key not in _KNOWN_KEYS
            }
        return conversation_multimedia_upload_url

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
