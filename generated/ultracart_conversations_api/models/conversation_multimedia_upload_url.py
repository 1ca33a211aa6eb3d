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

T = TypeVar("T", bound="ConversationMultimediaUploadUrl")

# The JSON keys that are fields; any other key of a document is an additional property.
_KNOWN_KEYS = frozenset(
    {
        "key",
        "url",
    }
)


@_attrs_define
class ConversationMultimediaUploadUrl(_ModelBase):
    """
    Attributes:
        key (str | None | Unset): Names the upload in a message
        url (str | None | Unset): Where to PUT the file
    """

    key: str | None | Unset = UNSET
    url: str | None | Unset = UNSET
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
        problems: _Problems | None = None
        key = src_dict.get("key", UNSET)
        if key.__class__ is not str and key is not UNSET and key is not None and not isinstance(key, str):
            problems = _off_type(problems, "key", key, "a string")
            key = UNSET

        url = src_dict.get("url", UNSET)
        if url.__class__ is not str and url is not UNSET and url is not None and not isinstance(url, str):
            problems = _off_type(problems, "url", url, "a string")
            url = UNSET

        conversation_multimedia_upload_url = cls(
            key,
            url,
        )
        if not _KNOWN_KEYS.issuperset(src_dict):
            conversation_multimedia_upload_url.additional_properties = {
                key: value for key, value in src_dict.items() if key not in _KNOWN_KEYS
            }
        if problems is not None:
            _finish(conversation_multimedia_upload_url, problems, src_dict, _KNOWN_KEYS)
        return conversation_multimedia_upload_url

    @staticmethod
    def _fast_fields() -> tuple[tuple[str, str, Any, bool], ...]:
        """(attribute, JSON key, kind, required) of each field, for the fast reader."""
        return (
            ("key", "key", str, False),
            ("url", "url", str, False),
        )

    @classmethod
    def _from_fast(cls: type[T], decoded: Any) -> T:
        """The model from what the fast reader decoded: its slots filled directly."""
        conversation_multimedia_upload_url = object.__new__(cls)
        conversation_multimedia_upload_url.key = decoded.key
        conversation_multimedia_upload_url.url = decoded.url
        conversation_multimedia_upload_url.additional_properties = {}
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
