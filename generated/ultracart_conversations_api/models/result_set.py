from __future__ import annotations

from collections.abc import Mapping
from typing import Any, ClassVar, TypeVar

from attrs import define as _attrs_define
from attrs import field as _attrs_field
from ultracart_conversations._reading import ModelBase as _ModelBase
from ultracart_conversations._reading import Problems as _Problems
from ultracart_conversations._reading import finish as _finish
from ultracart_conversations._reading import off_type as _off_type

from ..types import UNSET, Unset

T = TypeVar("T", bound="ResultSet")

# The JSON keys that are fields; any other key of a document is an additional property.
_KNOWN_KEYS = frozenset(
    {
        "count",
        "limit",
        "more",
        "next_offset",
        "offset",
        "total_records",
    }
)


@_attrs_define
class ResultSet(_ModelBase):
    """
    Attributes:
        count (int | None | Unset): How many results this page holds
        limit (int | None | Unset): The most a page can hold
        more (bool | None | Unset): Whether another page follows
        next_offset (int | None | Unset): The offset of the next page
        offset (int | None | Unset): The zero-based offset of this page
        total_records (int | None | Unset): How many results there are in all, or null when not known (then keep paging
            while `more` is true).
    """

    count: int | None | Unset = UNSET
    limit: int | None | Unset = UNSET
    more: bool | None | Unset = UNSET
    next_offset: int | None | Unset = UNSET
    offset: int | None | Unset = UNSET
    total_records: int | None | Unset = UNSET
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)
    # The fields openapi.yaml lets be null, in a request body too (from_dict_strictly).
    _null_allowed: ClassVar[frozenset[str]] = frozenset(
        {
            "total_records",
        }
    )

    def to_dict(self) -> dict[str, Any]:
        count = self.count

        limit = self.limit

        more = self.more

        next_offset = self.next_offset

        offset = self.offset

        total_records: int | None | Unset
        if isinstance(self.total_records, Unset):
            total_records = UNSET
        else:
            total_records = self.total_records

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update({})
        if count is not UNSET:
            field_dict["count"] = count
        if limit is not UNSET:
            field_dict["limit"] = limit
        if more is not UNSET:
            field_dict["more"] = more
        if next_offset is not UNSET:
            field_dict["next_offset"] = next_offset
        if offset is not UNSET:
            field_dict["offset"] = offset
        if total_records is not UNSET:
            field_dict["total_records"] = total_records

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        problems: _Problems | None = None
        count = src_dict.get("count", UNSET)
        if (
            count.__class__ is not int
            and count is not UNSET
            and count is not None
            and (not isinstance(count, int) or isinstance(count, bool))
        ):
            problems = _off_type(problems, "count", count, "an integer")
            count = UNSET

        limit = src_dict.get("limit", UNSET)
        if (
            limit.__class__ is not int
            and limit is not UNSET
            and limit is not None
            and (not isinstance(limit, int) or isinstance(limit, bool))
        ):
            problems = _off_type(problems, "limit", limit, "an integer")
            limit = UNSET

        more = src_dict.get("more", UNSET)
        if more.__class__ is not bool and more is not UNSET and more is not None and not isinstance(more, bool):
            problems = _off_type(problems, "more", more, "a boolean")
            more = UNSET

        next_offset = src_dict.get("next_offset", UNSET)
        if (
            next_offset.__class__ is not int
            and next_offset is not UNSET
            and next_offset is not None
            and (not isinstance(next_offset, int) or isinstance(next_offset, bool))
        ):
            problems = _off_type(problems, "next_offset", next_offset, "an integer")
            next_offset = UNSET

        offset = src_dict.get("offset", UNSET)
        if (
            offset.__class__ is not int
            and offset is not UNSET
            and offset is not None
            and (not isinstance(offset, int) or isinstance(offset, bool))
        ):
            problems = _off_type(problems, "offset", offset, "an integer")
            offset = UNSET

        _total_records = src_dict.get("total_records", UNSET)
        total_records: int | None | Unset
        if _total_records is None:
            total_records = None
        else:
            try:

                def _parse_total_records(data: object) -> int | None | Unset:
                    if data is None:
                        return data
                    if isinstance(data, Unset):
                        return data
                    try:
                        if not (data.__class__ is int or (isinstance(data, int) and not isinstance(data, bool))):
                            raise TypeError()
                        total_records_type_0 = data
                        if (
                            total_records_type_0.__class__ is not int
                            and total_records_type_0 is not UNSET
                            and (
                                not isinstance(total_records_type_0, (int, Unset))
                                or isinstance(total_records_type_0, bool)
                            )
                        ):
                            raise TypeError(
                                "total_records_type_0: expected an integer, got " + type(total_records_type_0).__name__
                            )

                        return total_records_type_0
                    except (TypeError, ValueError, AttributeError, KeyError):
                        pass
                    try:
                        if not (data is None):
                            raise TypeError()
                        total_records_type_1 = data

                        return total_records_type_1
                    except (TypeError, ValueError, AttributeError, KeyError):
                        pass
                    raise TypeError("total_records: expected an integer, got " + type(data).__name__)

                total_records = _parse_total_records(_total_records)

            except TypeError as error:
                problems = _off_type(problems, "total_records", _total_records, error)
                total_records = UNSET

        result_set = cls(
            count,
            limit,
            more,
            next_offset,
            offset,
            total_records,
        )
        if not _KNOWN_KEYS.issuperset(src_dict):
            result_set.additional_properties = {key: value for key, value in src_dict.items() if key not in _KNOWN_KEYS}
        if problems is not None:
            _finish(result_set, problems, src_dict, _KNOWN_KEYS)
        return result_set

    @staticmethod
    def _fast_fields() -> tuple[tuple[str, str, Any, bool], ...]:
        """(attribute, JSON key, kind, required) of each field, for the fast reader."""
        return (
            ("count", "count", int, False),
            ("limit", "limit", int, False),
            ("more", "more", bool, False),
            ("next_offset", "next_offset", int, False),
            ("offset", "offset", int, False),
            ("total_records", "total_records", int, False),
        )

    @classmethod
    def _from_fast(cls: type[T], decoded: Any) -> T:
        """The model from what the fast reader decoded: its slots filled directly."""
        result_set = object.__new__(cls)
        result_set.count = decoded.count
        result_set.limit = decoded.limit
        result_set.more = decoded.more
        result_set.next_offset = decoded.next_offset
        result_set.offset = decoded.offset
        result_set.total_records = decoded.total_records
        result_set.additional_properties = {}
        return result_set

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
