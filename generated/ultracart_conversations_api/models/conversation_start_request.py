from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

T = TypeVar("T", bound="ConversationStartRequest")

# The JSON keys that are fields; any other key of a document is an additional property.
_KNOWN_KEYS = frozenset(
    {
        "add_conversation_participant_arns",
        "conversation_arn",
        "conversation_webchat_queue_uuid",
        "resolve_only",
    }
)


@_attrs_define
class ConversationStartRequest:
    """
    Attributes:
        add_conversation_participant_arns (list[str] | Unset):
        conversation_arn (str | Unset):
        conversation_webchat_queue_uuid (str | Unset): The webchat queue to route it to
        resolve_only (bool | Unset): Find an existing conversation instead of starting one
    """

    add_conversation_participant_arns: list[str] | Unset = UNSET
    conversation_arn: str | Unset = UNSET
    conversation_webchat_queue_uuid: str | Unset = UNSET
    resolve_only: bool | Unset = UNSET
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        add_conversation_participant_arns: list[str] | Unset = UNSET
        if not isinstance(self.add_conversation_participant_arns, Unset):
            add_conversation_participant_arns = self.add_conversation_participant_arns

        conversation_arn = self.conversation_arn

        conversation_webchat_queue_uuid = self.conversation_webchat_queue_uuid

        resolve_only = self.resolve_only

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update({})
        if add_conversation_participant_arns is not UNSET:
            field_dict["add_conversation_participant_arns"] = add_conversation_participant_arns
        if conversation_arn is not UNSET:
            field_dict["conversation_arn"] = conversation_arn
        if conversation_webchat_queue_uuid is not UNSET:
            field_dict["conversation_webchat_queue_uuid"] = conversation_webchat_queue_uuid
        if resolve_only is not UNSET:
            field_dict["resolve_only"] = resolve_only

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        _add_conversation_participant_arns = src_dict.get("add_conversation_participant_arns", UNSET)
        add_conversation_participant_arns: list[str] | Unset
        if _add_conversation_participant_arns is UNSET:
            add_conversation_participant_arns = UNSET
        else:
            if not isinstance(_add_conversation_participant_arns, list):
                raise TypeError(
                    "add_conversation_participant_arns: expected an array, got "
                    + type(_add_conversation_participant_arns).__name__
                )
            add_conversation_participant_arns = []
            for add_conversation_participant_arns_item_data in _add_conversation_participant_arns:
                add_conversation_participant_arns_item = add_conversation_participant_arns_item_data
                if (
                    add_conversation_participant_arns_item.__class__ is not str
                    and add_conversation_participant_arns_item is not UNSET
                    and not isinstance(add_conversation_participant_arns_item, (str, Unset))
                ):
                    raise TypeError(
                        "add_conversation_participant_arns_item: expected a string, got "
                        + type(add_conversation_participant_arns_item).__name__
                    )
                add_conversation_participant_arns.append(add_conversation_participant_arns_item)

        conversation_arn = src_dict.get("conversation_arn", UNSET)
        if (
            conversation_arn.__class__ is not str
            and conversation_arn is not UNSET
            and not isinstance(conversation_arn, (str, Unset))
        ):
            raise TypeError("conversation_arn: expected a string, got " + type(conversation_arn).__name__)

        conversation_webchat_queue_uuid = src_dict.get("conversation_webchat_queue_uuid", UNSET)
        if (
            conversation_webchat_queue_uuid.__class__ is not str
            and conversation_webchat_queue_uuid is not UNSET
            and not isinstance(conversation_webchat_queue_uuid, (str, Unset))
        ):
            raise TypeError(
                "conversation_webchat_queue_uuid: expected a string, got "
                + type(conversation_webchat_queue_uuid).__name__
            )

        resolve_only = src_dict.get("resolve_only", UNSET)
        if (
            resolve_only.__class__ is not bool
            and resolve_only is not UNSET
            and not isinstance(resolve_only, (bool, Unset))
        ):
            raise TypeError("resolve_only: expected a boolean, got " + type(resolve_only).__name__)

        conversation_start_request = cls(
            add_conversation_participant_arns,
            conversation_arn,
            conversation_webchat_queue_uuid,
            resolve_only,
        )
        if not _KNOWN_KEYS.issuperset(src_dict):
            conversation_start_request.additional_properties = {
                key: value for key, value in src_dict.items() if key not in _KNOWN_KEYS
            }
        return conversation_start_request

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
