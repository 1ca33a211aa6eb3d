from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, TypeVar

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..models.conversation_medium import ConversationMedium
from ..types import UNSET, Unset

if TYPE_CHECKING:
    from ..models.conversation_message import ConversationMessage
    from ..models.conversation_participant import ConversationParticipant
    from ..models.conversation_sentiment import ConversationSentiment


T = TypeVar("T", bound="Conversation")

# The JSON keys that are fields; any other key of a document is an additional property.
_KNOWN_KEYS = frozenset(
    {
        "base_language_iso_code",
        "closed",
        "conversation_arn",
        "conversation_uuid",
        "customer_first_message_unresponded_to_dts",
        "last_conversation_message_body",
        "last_conversation_participant_arn",
        "last_conversation_participant_name",
        "last_interactive_message_dts",
        "last_message_dts",
        "medium",
        "merchant_id",
        "message_count",
        "messages",
        "participants",
        "sentiment",
        "start_dts",
        "unread_messages",
        "virtual_agent",
        "virtual_agent_cost",
        "visible",
    }
)


@_attrs_define
class Conversation:
    """
    Attributes:
        base_language_iso_code (str | Unset): Language the conversation is held in
        closed (bool | Unset): Whether the conversation has ended
        conversation_arn (str | Unset):
        conversation_uuid (str | Unset):
        customer_first_message_unresponded_to_dts (str | Unset): Since when the customer has waited for an answer
            (date/time)
        last_conversation_message_body (str | Unset):
        last_conversation_participant_arn (str | Unset):
        last_conversation_participant_name (str | Unset):
        last_interactive_message_dts (str | Unset): Last message from a person (date/time)
        last_message_dts (str | Unset): Last message (date/time)
        medium (ConversationMedium | Unset):
        merchant_id (str | Unset):
        message_count (int | Unset):
        messages (list[ConversationMessage] | Unset):
        participants (list[ConversationParticipant] | Unset):
        sentiment (ConversationSentiment | Unset):
        start_dts (str | Unset): When the conversation started (date/time)
        unread_messages (bool | Unset):
        virtual_agent (bool | Unset): Whether an AI agent takes part
        virtual_agent_cost (float | Unset): What the AI agent has cost so far
        visible (bool | Unset):
    """

    base_language_iso_code: str | Unset = UNSET
    closed: bool | Unset = UNSET
    conversation_arn: str | Unset = UNSET
    conversation_uuid: str | Unset = UNSET
    customer_first_message_unresponded_to_dts: str | Unset = UNSET
    last_conversation_message_body: str | Unset = UNSET
    last_conversation_participant_arn: str | Unset = UNSET
    last_conversation_participant_name: str | Unset = UNSET
    last_interactive_message_dts: str | Unset = UNSET
    last_message_dts: str | Unset = UNSET
    medium: ConversationMedium | Unset = UNSET
    merchant_id: str | Unset = UNSET
    message_count: int | Unset = UNSET
    messages: list[ConversationMessage] | Unset = UNSET
    participants: list[ConversationParticipant] | Unset = UNSET
    sentiment: ConversationSentiment | Unset = UNSET
    start_dts: str | Unset = UNSET
    unread_messages: bool | Unset = UNSET
    virtual_agent: bool | Unset = UNSET
    virtual_agent_cost: float | Unset = UNSET
    visible: bool | Unset = UNSET
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        base_language_iso_code = self.base_language_iso_code

        closed = self.closed

        conversation_arn = self.conversation_arn

        conversation_uuid = self.conversation_uuid

        customer_first_message_unresponded_to_dts = self.customer_first_message_unresponded_to_dts

        last_conversation_message_body = self.last_conversation_message_body

        last_conversation_participant_arn = self.last_conversation_participant_arn

        last_conversation_participant_name = self.last_conversation_participant_name

        last_interactive_message_dts = self.last_interactive_message_dts

        last_message_dts = self.last_message_dts

        medium: str | Unset = UNSET
        if not isinstance(self.medium, Unset):
            medium = self.medium

        merchant_id = self.merchant_id

        message_count = self.message_count

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

        sentiment: dict[str, Any] | Unset = UNSET
        if not isinstance(self.sentiment, Unset):
            sentiment = self.sentiment.to_dict()

        start_dts = self.start_dts

        unread_messages = self.unread_messages

        virtual_agent = self.virtual_agent

        virtual_agent_cost = self.virtual_agent_cost

        visible = self.visible

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update({})
        if base_language_iso_code is not UNSET:
            field_dict["base_language_iso_code"] = base_language_iso_code
        if closed is not UNSET:
            field_dict["closed"] = closed
        if conversation_arn is not UNSET:
            field_dict["conversation_arn"] = conversation_arn
        if conversation_uuid is not UNSET:
            field_dict["conversation_uuid"] = conversation_uuid
        if customer_first_message_unresponded_to_dts is not UNSET:
            field_dict["customer_first_message_unresponded_to_dts"] = customer_first_message_unresponded_to_dts
        if last_conversation_message_body is not UNSET:
            field_dict["last_conversation_message_body"] = last_conversation_message_body
        if last_conversation_participant_arn is not UNSET:
            field_dict["last_conversation_participant_arn"] = last_conversation_participant_arn
        if last_conversation_participant_name is not UNSET:
            field_dict["last_conversation_participant_name"] = last_conversation_participant_name
        if last_interactive_message_dts is not UNSET:
            field_dict["last_interactive_message_dts"] = last_interactive_message_dts
        if last_message_dts is not UNSET:
            field_dict["last_message_dts"] = last_message_dts
        if medium is not UNSET:
            field_dict["medium"] = medium
        if merchant_id is not UNSET:
            field_dict["merchant_id"] = merchant_id
        if message_count is not UNSET:
            field_dict["message_count"] = message_count
        if messages is not UNSET:
            field_dict["messages"] = messages
        if participants is not UNSET:
            field_dict["participants"] = participants
        if sentiment is not UNSET:
            field_dict["sentiment"] = sentiment
        if start_dts is not UNSET:
            field_dict["start_dts"] = start_dts
        if unread_messages is not UNSET:
            field_dict["unread_messages"] = unread_messages
        if virtual_agent is not UNSET:
            field_dict["virtual_agent"] = virtual_agent
        if virtual_agent_cost is not UNSET:
            field_dict["virtual_agent_cost"] = virtual_agent_cost
        if visible is not UNSET:
            field_dict["visible"] = visible

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        base_language_iso_code = src_dict.get("base_language_iso_code", UNSET)
        if (
            base_language_iso_code.__class__ is not str
            and base_language_iso_code is not UNSET
            and not isinstance(base_language_iso_code, (str, Unset))
        ):
            raise TypeError("base_language_iso_code: expected a string, got " + type(base_language_iso_code).__name__)

        closed = src_dict.get("closed", UNSET)
        if closed.__class__ is not bool and closed is not UNSET and not isinstance(closed, (bool, Unset)):
            raise TypeError("closed: expected a boolean, got " + type(closed).__name__)

        conversation_arn = src_dict.get("conversation_arn", UNSET)
        if (
            conversation_arn.__class__ is not str
            and conversation_arn is not UNSET
            and not isinstance(conversation_arn, (str, Unset))
        ):
            raise TypeError("conversation_arn: expected a string, got " + type(conversation_arn).__name__)

        conversation_uuid = src_dict.get("conversation_uuid", UNSET)
        if (
            conversation_uuid.__class__ is not str
            and conversation_uuid is not UNSET
            and not isinstance(conversation_uuid, (str, Unset))
        ):
            raise TypeError("conversation_uuid: expected a string, got " + type(conversation_uuid).__name__)

        customer_first_message_unresponded_to_dts = src_dict.get("customer_first_message_unresponded_to_dts", UNSET)
        if (
            customer_first_message_unresponded_to_dts.__class__ is not str
            and customer_first_message_unresponded_to_dts is not UNSET
            and not isinstance(customer_first_message_unresponded_to_dts, (str, Unset))
        ):
            raise TypeError(
                "customer_first_message_unresponded_to_dts: expected a string, got "
                + type(customer_first_message_unresponded_to_dts).__name__
            )

        last_conversation_message_body = src_dict.get("last_conversation_message_body", UNSET)
        if (
            last_conversation_message_body.__class__ is not str
            and last_conversation_message_body is not UNSET
            and not isinstance(last_conversation_message_body, (str, Unset))
        ):
            raise TypeError(
                "last_conversation_message_body: expected a string, got "
                + type(last_conversation_message_body).__name__
            )

        last_conversation_participant_arn = src_dict.get("last_conversation_participant_arn", UNSET)
        if (
            last_conversation_participant_arn.__class__ is not str
            and last_conversation_participant_arn is not UNSET
            and not isinstance(last_conversation_participant_arn, (str, Unset))
        ):
            raise TypeError(
                "last_conversation_participant_arn: expected a string, got "
                + type(last_conversation_participant_arn).__name__
            )

        last_conversation_participant_name = src_dict.get("last_conversation_participant_name", UNSET)
        if (
            last_conversation_participant_name.__class__ is not str
            and last_conversation_participant_name is not UNSET
            and not isinstance(last_conversation_participant_name, (str, Unset))
        ):
            raise TypeError(
                "last_conversation_participant_name: expected a string, got "
                + type(last_conversation_participant_name).__name__
            )

        last_interactive_message_dts = src_dict.get("last_interactive_message_dts", UNSET)
        if (
            last_interactive_message_dts.__class__ is not str
            and last_interactive_message_dts is not UNSET
            and not isinstance(last_interactive_message_dts, (str, Unset))
        ):
            raise TypeError(
                "last_interactive_message_dts: expected a string, got " + type(last_interactive_message_dts).__name__
            )

        last_message_dts = src_dict.get("last_message_dts", UNSET)
        if (
            last_message_dts.__class__ is not str
            and last_message_dts is not UNSET
            and not isinstance(last_message_dts, (str, Unset))
        ):
            raise TypeError("last_message_dts: expected a string, got " + type(last_message_dts).__name__)

        medium = src_dict.get("medium", UNSET)
        if medium.__class__ is not str and medium is not UNSET and not isinstance(medium, (str, Unset)):
            raise TypeError("medium: expected a string, got " + type(medium).__name__)

        merchant_id = src_dict.get("merchant_id", UNSET)
        if merchant_id.__class__ is not str and merchant_id is not UNSET and not isinstance(merchant_id, (str, Unset)):
            raise TypeError("merchant_id: expected a string, got " + type(merchant_id).__name__)

        message_count = src_dict.get("message_count", UNSET)
        if (
            message_count.__class__ is not int
            and message_count is not UNSET
            and (not isinstance(message_count, (int, Unset)) or isinstance(message_count, bool))
        ):
            raise TypeError("message_count: expected an integer, got " + type(message_count).__name__)

        _messages = src_dict.get("messages", UNSET)
        messages: list[ConversationMessage] | Unset
        if _messages is UNSET:
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
        if _participants is UNSET:
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

        _sentiment = src_dict.get("sentiment", UNSET)
        sentiment: ConversationSentiment | Unset
        if _sentiment is UNSET:
            sentiment = UNSET
        else:
            if not isinstance(_sentiment, dict):
                raise TypeError("sentiment: expected an object, got " + type(_sentiment).__name__)
            sentiment = ConversationSentiment.from_dict(_sentiment)

        start_dts = src_dict.get("start_dts", UNSET)
        if start_dts.__class__ is not str and start_dts is not UNSET and not isinstance(start_dts, (str, Unset)):
            raise TypeError("start_dts: expected a string, got " + type(start_dts).__name__)

        unread_messages = src_dict.get("unread_messages", UNSET)
        if (
            unread_messages.__class__ is not bool
            and unread_messages is not UNSET
            and not isinstance(unread_messages, (bool, Unset))
        ):
            raise TypeError("unread_messages: expected a boolean, got " + type(unread_messages).__name__)

        virtual_agent = src_dict.get("virtual_agent", UNSET)
        if (
            virtual_agent.__class__ is not bool
            and virtual_agent is not UNSET
            and not isinstance(virtual_agent, (bool, Unset))
        ):
            raise TypeError("virtual_agent: expected a boolean, got " + type(virtual_agent).__name__)

        virtual_agent_cost = src_dict.get("virtual_agent_cost", UNSET)
        if virtual_agent_cost.__class__ is not float and (
            not isinstance(virtual_agent_cost, (int, float, Unset)) or isinstance(virtual_agent_cost, bool)
        ):
            raise TypeError("virtual_agent_cost: expected a number, got " + type(virtual_agent_cost).__name__)

        visible = src_dict.get("visible", UNSET)
        if visible.__class__ is not bool and visible is not UNSET and not isinstance(visible, (bool, Unset)):
            raise TypeError("visible: expected a boolean, got " + type(visible).__name__)

        conversation = cls(
            base_language_iso_code,
            closed,
            conversation_arn,
            conversation_uuid,
            customer_first_message_unresponded_to_dts,
            last_conversation_message_body,
            last_conversation_participant_arn,
            last_conversation_participant_name,
            last_interactive_message_dts,
            last_message_dts,
            medium,
            merchant_id,
            message_count,
            messages,
            participants,
            sentiment,
            start_dts,
            unread_messages,
            virtual_agent,
            virtual_agent_cost,
            visible,
        )
        if not _KNOWN_KEYS.issuperset(src_dict):
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


# The models this one holds, imported after the class (they may import this module in
# turn): once per process, rather than at every from_dict and to_dict.
from ..models.conversation_message import ConversationMessage  # noqa: E402
from ..models.conversation_participant import ConversationParticipant  # noqa: E402
from ..models.conversation_sentiment import ConversationSentiment  # noqa: E402
