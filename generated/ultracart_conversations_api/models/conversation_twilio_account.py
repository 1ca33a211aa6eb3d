from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar

from attrs import define as _attrs_define
from attrs import field as _attrs_field
from ultracart_conversations._reading import ModelBase as _ModelBase
from ultracart_conversations._reading import Problems as _Problems
from ultracart_conversations._reading import dropped as _dropped
from ultracart_conversations._reading import finish as _finish
from ultracart_conversations._reading import off_type as _off_type

from ..types import UNSET, Unset

T = TypeVar("T", bound="ConversationTwilioAccount")

# The JSON keys that are fields; any other key of a document is an additional property.
_KNOWN_KEYS = frozenset(
    {
        "merchant_id",
        "twilio_phone_numbers",
    }
)


@_attrs_define
class ConversationTwilioAccount(_ModelBase):
    """
    Attributes:
        merchant_id (str | None | Unset):
        twilio_phone_numbers (list[str] | None | Unset):
    """

    merchant_id: str | None | Unset = UNSET
    twilio_phone_numbers: list[str] | None | Unset = UNSET
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        merchant_id = self.merchant_id

        twilio_phone_numbers: list[str] | None | Unset = UNSET
        if self.twilio_phone_numbers is None:
            twilio_phone_numbers = None
        elif not isinstance(self.twilio_phone_numbers, Unset):
            twilio_phone_numbers = self.twilio_phone_numbers

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update({})
        if merchant_id is not UNSET:
            field_dict["merchant_id"] = merchant_id
        if twilio_phone_numbers is not UNSET:
            field_dict["twilio_phone_numbers"] = twilio_phone_numbers

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        problems: _Problems | None = None
        merchant_id = src_dict.get("merchant_id", UNSET)
        if (
            merchant_id.__class__ is not str
            and merchant_id is not UNSET
            and merchant_id is not None
            and not isinstance(merchant_id, str)
        ):
            problems = _off_type(problems, "merchant_id", merchant_id, "a string")
            merchant_id = UNSET

        _twilio_phone_numbers = src_dict.get("twilio_phone_numbers", UNSET)
        twilio_phone_numbers: list[str] | None | Unset
        if _twilio_phone_numbers is UNSET or _twilio_phone_numbers is None:
            twilio_phone_numbers = _twilio_phone_numbers
        elif not isinstance(_twilio_phone_numbers, list):
            problems = _off_type(problems, "twilio_phone_numbers", _twilio_phone_numbers, "an array")
            twilio_phone_numbers = UNSET
        else:
            twilio_phone_numbers = []
            for twilio_phone_numbers_index, twilio_phone_numbers_item_data in enumerate(_twilio_phone_numbers):
                try:
                    twilio_phone_numbers_item = twilio_phone_numbers_item_data
                    if (
                        twilio_phone_numbers_item.__class__ is not str
                        and twilio_phone_numbers_item is not UNSET
                        and not isinstance(twilio_phone_numbers_item, (str, Unset))
                    ):
                        raise TypeError(
                            "twilio_phone_numbers_item: expected a string, got "
                            + type(twilio_phone_numbers_item).__name__
                        )
                except TypeError as error:
                    problems = _dropped(
                        problems,
                        "twilio_phone_numbers",
                        twilio_phone_numbers_index,
                        twilio_phone_numbers_item_data,
                        error,
                    )
                    continue
                twilio_phone_numbers.append(twilio_phone_numbers_item)

        conversation_twilio_account = cls(
            merchant_id,
            twilio_phone_numbers,
        )
        if not _KNOWN_KEYS.issuperset(src_dict):
            conversation_twilio_account.additional_properties = {
                key: value for key, value in src_dict.items() if key not in _KNOWN_KEYS
            }
        if problems is not None:
            _finish(conversation_twilio_account, problems, src_dict, _KNOWN_KEYS)
        return conversation_twilio_account

    @staticmethod
    def _fast_fields() -> tuple[tuple[str, str, Any, bool], ...]:
        """(attribute, JSON key, kind, required) of each field, for the fast reader."""
        return (
            ("merchant_id", "merchant_id", str, False),
            ("twilio_phone_numbers", "twilio_phone_numbers", [str], False),
        )

    @classmethod
    def _from_fast(cls: type[T], decoded: Any) -> T:
        """The model from what the fast reader decoded: its slots filled directly."""
        conversation_twilio_account = object.__new__(cls)
        conversation_twilio_account.merchant_id = decoded.merchant_id
        conversation_twilio_account.twilio_phone_numbers = decoded.twilio_phone_numbers
        conversation_twilio_account.additional_properties = {}
        return conversation_twilio_account

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
