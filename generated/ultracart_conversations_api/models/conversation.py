from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, TypeVar

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

if TYPE_CHECKING:
    from ..models.conversation_message import ConversationMessage
    from ..models.conversation_participant import ConversationParticipant


T = TypeVar("T", bound="Conversation")

# The JSON keys that are fields; any other key of a document is an additional property.
_KNOWN_KEYS = frozenset(
    {
        "conversation_arn",
        "conversation_uuid",
        "merchant_id",
        "messages",
        "participants",
    }
)


@_attrs_define
class Conversation:
    """
    Attributes:
        conversation_arn (str | Unset):
        conversation_uuid (str | Unset):
        merchant_id (str | Unset):
        messages (list[ConversationMessage] | Unset):
        participants (list[ConversationParticipant] | Unset):
    """

    conversation_arn: str | Unset = UNSET
    conversation_uuid: str | Unset = UNSET
    merchant_id: str | Unset = UNSET
    messages: list[ConversationMessage] | Unset = UNSET
    participants: list[ConversationParticipant] | Unset = UNSET
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        conversation_arn = self.conversation_arn

        conversation_uuid = self.conversation_uuid

        merchant_id = self.merchant_id

        messages: list[dict[str, Any]] | Unset = UNSET
        if not isinstance(self.messages, Unset):
            messages = []
            for messages_item_data in self.messages:
                messages_item = messages_item_data.to_dict()
                messages.append(messages_item)

        participants: list[dict[str, Any]] | Unset = UNSET
        if not isinstance(self.participants, Unset):
            participants = []
            for participants_item_data in self.participants:
                participants_item = participants_item_data.to_dict()
                participants.append(participants_item)

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update({})
        if conversation_arn is not UNSET:
            field_dict["conversation_arn"] = conversation_arn
        if conversation_uuid is not UNSET:
            field_dict["conversation_uuid"] = conversation_uuid
        if merchant_id is not UNSET:
            field_dict["merchant_id"] = merchant_id
        if messages is not UNSET:
            field_dict["messages"] = messages
        if participants is not UNSET:
            field_dict["participants"] = participants

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.conversation_message import ConversationMessage  # noqa: PLC0415
        from ..models.conversation_participant import ConversationParticipant  # noqa: PLC0415

        conversation_arn = src_dict.get("conversation_arn", UNSET)
        if conversation_arn.__class__ is not str and not isinstance(conversation_arn, (str, Unset)):
            raise TypeError("conversation_arn: expected a string, got " + type(conversation_arn).__name__)

        conversation_uuid = src_dict.get("conversation_uuid", UNSET)
        if conversation_uuid.__class__ is not str and not isinstance(conversation_uuid, (str, Unset)):
            raise TypeError("conversation_uuid: expected a string, got " + type(conversation_uuid).__name__)

        merchant_id = src_dict.get("merchant_id", UNSET)
        if merchant_id.__class__ is not str and not isinstance(merchant_id, (str, Unset)):
            raise TypeError("merchant_id: expected a string, got " + type(merchant_id).__name__)

        _messages = src_dict.get("messages", UNSET)
        messages: list[ConversationMessage] | Unset
        if isinstance(_messages, Unset):
            messages = UNSET
        else:
            if not isinstance(_messages, list):
                raise TypeError("messages: expected an array, got " + type(_messages).__name__)
            messages = []
            for messages_item_data in _messages:
                _messages_item = messages_item_data
                if not isinstance(_messages_item, dict):
                    raise TypeError("messages_item: expected an object, got " + type(_messages_item).__name__)
                messages_item = ConversationMessage.from_dict(_messages_item)
                messages.append(messages_item)

        _participants = src_dict.get("participants", UNSET)
        participants: list[ConversationParticipant] | Unset
        if isinstance(_participants, Unset):
            participants = UNSET
        else:
            if not isinstance(_participants, list):
                raise TypeError("participants: expected an array, got " + type(_participants).__name__)
            participants = []
            for participants_item_data in _participants:
                _participants_item = participants_item_data
                if not isinstance(_participants_item, dict):
                    raise TypeError("participants_item: expected an object, got " + type(_participants_item).__name__)
                participants_item = ConversationParticipant.from_dict(_participants_item)
                participants.append(participants_item)

        conversation = cls(
            conversation_arn,
            conversation_uuid,
            merchant_id,
            messages,
            participants,
        )
        if not src_dict.keys() <= _KNOWN_KEYS:
            conversation.additional_properties = {
                key: value for key, value in src_dict.items() if key not in _KNOWN_KEYS
            }
        return conversation

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
