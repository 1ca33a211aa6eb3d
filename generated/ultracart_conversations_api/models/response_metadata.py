from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, TypeVar

from attrs import define as _attrs_define
from attrs import field as _attrs_field
from ultracart_conversations._reading import ModelBase as _ModelBase
from ultracart_conversations._reading import Problems as _Problems
from ultracart_conversations._reading import finish as _finish
from ultracart_conversations._reading import nested as _nested
from ultracart_conversations._reading import off_type as _off_type

from ..types import UNSET, Unset

if TYPE_CHECKING:
    from ..models.result_set import ResultSet


T = TypeVar("T", bound="ResponseMetadata")

# The JSON keys that are fields; any other key of a document is an additional property.
_KNOWN_KEYS = frozenset(
    {
        "payload_name",
        "result_set",
    }
)


@_attrs_define
class ResponseMetadata(_ModelBase):
    """
    Attributes:
        payload_name (str | None | Unset):
        result_set (ResultSet | None | Unset):
    """

    payload_name: str | None | Unset = UNSET
    result_set: ResultSet | None | Unset = UNSET
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        payload_name = self.payload_name

        result_set: dict[str, Any] | None | Unset = UNSET
        if self.result_set is None:
            result_set = None
        elif not isinstance(self.result_set, Unset):
            result_set = self.result_set.to_dict()

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update({})
        if payload_name is not UNSET:
            field_dict["payload_name"] = payload_name
        if result_set is not UNSET:
            field_dict["result_set"] = result_set

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        problems: _Problems | None = None
        payload_name = src_dict.get("payload_name", UNSET)
        if (
            payload_name.__class__ is not str
            and payload_name is not UNSET
            and payload_name is not None
            and not isinstance(payload_name, str)
        ):
            problems = _off_type(problems, "payload_name", payload_name, "a string")
            payload_name = UNSET

        _result_set = src_dict.get("result_set", UNSET)
        result_set: ResultSet | None | Unset
        if _result_set is UNSET or _result_set is None:
            result_set = _result_set
        elif isinstance(_result_set, dict):
            result_set = ResultSet.from_dict(_result_set)
            problems = _nested(problems, "result_set", result_set)
        else:
            problems = _off_type(problems, "result_set", _result_set, "an object")
            result_set = UNSET

        response_metadata = cls(
            payload_name,
            result_set,
        )
        if not _KNOWN_KEYS.issuperset(src_dict):
            response_metadata.additional_properties = {
                key: value for key, value in src_dict.items() if key not in _KNOWN_KEYS
            }
        if problems is not None:
            _finish(response_metadata, problems, src_dict, _KNOWN_KEYS)
        return response_metadata

    @staticmethod
    def _fast_fields() -> tuple[tuple[str, str, Any, bool], ...]:
        """(attribute, JSON key, kind, required) of each field, for the fast reader."""
        return (
            ("payload_name", "payload_name", str, False),
            ("result_set", "result_set", ResultSet, False),
        )

    @classmethod
    def _from_fast(cls: type[T], decoded: Any) -> T:
        """The model from what the fast reader decoded: its slots filled directly."""
        response_metadata = object.__new__(cls)
        response_metadata.payload_name = decoded.payload_name
        value = decoded.result_set
        response_metadata.result_set = value if value is UNSET or value is None else ResultSet._from_fast(value)
        response_metadata.additional_properties = {}
        return response_metadata

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


# The models this one holds, imported after the class (they may import this module in
# turn): once per process, rather than at every from_dict and to_dict.
from ..models.result_set import ResultSet  # noqa: E402
