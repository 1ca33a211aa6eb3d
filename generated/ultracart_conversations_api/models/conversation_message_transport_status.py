from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar

from attrs import define as _attrs_define
from attrs import field as _attrs_field
from ultracart_conversations._reading import ModelBase as _ModelBase
from ultracart_conversations._reading import Problems as _Problems
from ultracart_conversations._reading import finish as _finish
from ultracart_conversations._reading import off_type as _off_type

from ..models.conversation_message_transport_status_status import (
    ConversationMessageTransportStatusStatus,
)
from ..types import UNSET, Unset

T = TypeVar("T", bound="ConversationMessageTransportStatus")

# The JSON keys that are fields; any other key of a document is an additional property.
_KNOWN_KEYS = frozenset(
    {
        "conversation_participant_arn",
        "status",
    }
)


@_attrs_define
class ConversationMessageTransportStatus(_ModelBase):
    """
    Attributes:
        conversation_participant_arn (str | None | Unset):
        status (ConversationMessageTransportStatusStatus | None | Unset):
    """

    conversation_participant_arn: str | None | Unset = UNSET
    status: ConversationMessageTransportStatusStatus | None | Unset = UNSET
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        conversation_participant_arn = self.conversation_participant_arn

        status: str | None | Unset = UNSET
        if not isinstance(self.status, Unset):
            status = self.status

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update({})
        if conversation_participant_arn is not UNSET:
            field_dict["conversation_participant_arn"] = conversation_participant_arn
        if status is not UNSET:
            field_dict["status"] = status

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        problems: _Problems | None = None
        conversation_participant_arn = src_dict.get("conversation_participant_arn", UNSET)
        if (
            conversation_participant_arn.__class__ is not str
            and conversation_participant_arn is not UNSET
            and conversation_participant_arn is not None
            and not isinstance(conversation_participant_arn, str)
        ):
            problems = _off_type(problems, "conversation_participant_arn", conversation_participant_arn, "a string")
            conversation_participant_arn = UNSET

        status = src_dict.get("status", UNSET)
        if status.__class__ is not str and status is not UNSET and status is not None and not isinstance(status, str):
            problems = _off_type(problems, "status", status, "a string")
            status = UNSET

        conversation_message_transport_status = cls(
            conversation_participant_arn,
            status,
        )
        if not _KNOWN_KEYS.issuperset(src_dict):
            conversation_message_transport_status.additional_properties = {
                key: value for key, value in src_dict.items() if key not in _KNOWN_KEYS
            }
        if problems is not None:
            _finish(conversation_message_transport_status, problems, src_dict, _KNOWN_KEYS)
        return conversation_message_transport_status

    @staticmethod
    def _fast_fields() -> tuple[tuple[str, str, Any, bool], ...]:
        """(attribute, JSON key, kind, required) of each field, for the fast reader."""
        return (
            ("conversation_participant_arn", "conversation_participant_arn", str, False),
            ("status", "status", str, False),
        )

    @classmethod
    def _from_fast(cls: type[T], decoded: Any) -> T:
        """The model from what the fast reader decoded: its slots filled directly."""
        conversation_message_transport_status = object.__new__(cls)
        conversation_message_transport_status.conversation_participant_arn = decoded.conversation_participant_arn
        conversation_message_transport_status.status = decoded.status
        conversation_message_transport_status.additional_properties = {}
        return conversation_message_transport_status

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
