from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar

from attrs import define as _attrs_define
from attrs import field as _attrs_field

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
class ConversationTwilioAccount:
    """
    Attributes:
        merchant_id (str | Unset):
        twilio_phone_numbers (list[str] | Unset):
    """

    merchant_id: str | Unset = UNSET
    twilio_phone_numbers: list[str] | Unset = UNSET
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        merchant_id = self.merchant_id

        twilio_phone_numbers: list[str] | Unset = UNSET
        if not isinstance(self.twilio_phone_numbers, Unset):
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
        merchant_id = src_dict.get("merchant_id", UNSET)
        if merchant_id.__class__ is not str and merchant_id is not UNSET and not isinstance(merchant_id, (str, Unset)):
            raise TypeError("merchant_id: expected a string, got " + type(merchant_id).__name__)

        _twilio_phone_numbers = src_dict.get("twilio_phone_numbers", UNSET)
        twilio_phone_numbers: list[str] | Unset
        if _twilio_phone_numbers is UNSET:
            twilio_phone_numbers = UNSET
        else:
            if not isinstance(_twilio_phone_numbers, list):
                raise TypeError("twilio_phone_numbers: expected an array, got " + type(_twilio_phone_numbers).__name__)
            twilio_phone_numbers = []
            for twilio_phone_numbers_item_data in _twilio_phone_numbers:
                twilio_phone_numbers_item = twilio_phone_numbers_item_data
                if (
                    twilio_phone_numbers_item.__class__ is not str
                    and twilio_phone_numbers_item is not UNSET
                    and not isinstance(twilio_phone_numbers_item, (str, Unset))
                ):
                    raise TypeError(
                        "twilio_phone_numbers_item: expected a string, got " + type(twilio_phone_numbers_item).__name__
                    )
                twilio_phone_numbers.append(twilio_phone_numbers_item)

        conversation_twilio_account = cls(
            merchant_id,
            twilio_phone_numbers,
        )
        if not _KNOWN_KEYS.issuperset(src_dict):
            conversation_twilio_account.additional_properties = {
                key: value for key, value in src_dict.items() if key not in _KNOWN_KEYS
            }
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
