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

T = TypeVar("T", bound="ConversationAgentAuthMerchant")

# The JSON keys that are fields; any other key of a document is an additional property.
_KNOWN_KEYS = frozenset(
    {
        "company",
        "is_parent",
        "merchant_id",
    }
)


@_attrs_define
class ConversationAgentAuthMerchant(_ModelBase):
    """
    Attributes:
        company (str | None | Unset):
        is_parent (bool | None | Unset):
        merchant_id (str | None | Unset):
    """

    company: str | None | Unset = UNSET
    is_parent: bool | None | Unset = UNSET
    merchant_id: str | None | Unset = UNSET
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        company = self.company

        is_parent = self.is_parent

        merchant_id = self.merchant_id

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update({})
        if company is not UNSET:
            field_dict["company"] = company
        if is_parent is not UNSET:
            field_dict["is_parent"] = is_parent
        if merchant_id is not UNSET:
            field_dict["merchant_id"] = merchant_id

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        problems: _Problems | None = None
        company = src_dict.get("company", UNSET)
        if (
            company.__class__ is not str
            and company is not UNSET
            and company is not None
            and not isinstance(company, str)
        ):
            problems = _off_type(problems, "company", company, "a string")
            company = UNSET

        is_parent = src_dict.get("is_parent", UNSET)
        if (
            is_parent.__class__ is not bool
            and is_parent is not UNSET
            and is_parent is not None
            and not isinstance(is_parent, bool)
        ):
            problems = _off_type(problems, "is_parent", is_parent, "a boolean")
            is_parent = UNSET

        merchant_id = src_dict.get("merchant_id", UNSET)
        if (
            merchant_id.__class__ is not str
            and merchant_id is not UNSET
            and merchant_id is not None
            and not isinstance(merchant_id, str)
        ):
            problems = _off_type(problems, "merchant_id", merchant_id, "a string")
            merchant_id = UNSET

        conversation_agent_auth_merchant = cls(
            company,
            is_parent,
            merchant_id,
        )
        if not _KNOWN_KEYS.issuperset(src_dict):
            conversation_agent_auth_merchant.additional_properties = {
                key: value for key, value in src_dict.items() if key not in _KNOWN_KEYS
            }
        if problems is not None:
            _finish(conversation_agent_auth_merchant, problems, src_dict, _KNOWN_KEYS)
        return conversation_agent_auth_merchant

    @staticmethod
    def _fast_fields() -> tuple[tuple[str, str, Any, bool], ...]:
        """(attribute, JSON key, kind, required) of each field, for the fast reader."""
        return (
            ("company", "company", str, False),
            ("is_parent", "is_parent", bool, False),
            ("merchant_id", "merchant_id", str, False),
        )

    @classmethod
    def _from_fast(cls: type[T], decoded: Any) -> T:
        """The model from what the fast reader decoded: its slots filled directly."""
        conversation_agent_auth_merchant = object.__new__(cls)
        conversation_agent_auth_merchant.company = decoded.company
        conversation_agent_auth_merchant.is_parent = decoded.is_parent
        conversation_agent_auth_merchant.merchant_id = decoded.merchant_id
        conversation_agent_auth_merchant.additional_properties = {}
        return conversation_agent_auth_merchant

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
