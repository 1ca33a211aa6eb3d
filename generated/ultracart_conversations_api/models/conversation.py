from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, TypeVar

from attrs import define as _attrs_define
from attrs import field as _attrs_field
from ultracart_conversations._reading import ModelBase as _ModelBase
from ultracart_conversations._reading import Problems as _Problems
from ultracart_conversations._reading import dropped as _dropped
from ultracart_conversations._reading import finish as _finish
from ultracart_conversations._reading import nested as _nested
from ultracart_conversations._reading import off_type as _off_type

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
class Conversation(_ModelBase):
    """
    Attributes:
        base_language_iso_code (str | None | Unset): Language the conversation is held in
        closed (bool | None | Unset): Whether the conversation has ended
        conversation_arn (str | None | Unset):
        conversation_uuid (str | None | Unset):
        customer_first_message_unresponded_to_dts (str | None | Unset): Since when the customer has waited for an answer
            (date/time)
        last_conversation_message_body (str | None | Unset):
        last_conversation_participant_arn (str | None | Unset):
        last_conversation_participant_name (str | None | Unset):
        last_interactive_message_dts (str | None | Unset): Last message from a person (date/time)
        last_message_dts (str | None | Unset): Last message (date/time)
        medium (ConversationMedium | None | Unset):
        merchant_id (str | None | Unset):
        message_count (int | None | Unset):
        messages (list[ConversationMessage] | None | Unset):
        participants (list[ConversationParticipant] | None | Unset):
        sentiment (ConversationSentiment | None | Unset):
        start_dts (str | None | Unset): When the conversation started (date/time)
        unread_messages (bool | None | Unset):
        virtual_agent (bool | None | Unset): Whether an AI agent takes part
        virtual_agent_cost (float | None | Unset): What the AI agent has cost so far
        visible (bool | None | Unset):
    """

    base_language_iso_code: str | None | Unset = UNSET
    closed: bool | None | Unset = UNSET
    conversation_arn: str | None | Unset = UNSET
    conversation_uuid: str | None | Unset = UNSET
    customer_first_message_unresponded_to_dts: str | None | Unset = UNSET
    last_conversation_message_body: str | None | Unset = UNSET
    last_conversation_participant_arn: str | None | Unset = UNSET
    last_conversation_participant_name: str | None | Unset = UNSET
    last_interactive_message_dts: str | None | Unset = UNSET
    last_message_dts: str | None | Unset = UNSET
    medium: ConversationMedium | None | Unset = UNSET
    merchant_id: str | None | Unset = UNSET
    message_count: int | None | Unset = UNSET
    messages: list[ConversationMessage] | None | Unset = UNSET
    participants: list[ConversationParticipant] | None | Unset = UNSET
    sentiment: ConversationSentiment | None | Unset = UNSET
    start_dts: str | None | Unset = UNSET
    unread_messages: bool | None | Unset = UNSET
    virtual_agent: bool | None | Unset = UNSET
    virtual_agent_cost: float | None | Unset = UNSET
    visible: bool | None | Unset = UNSET
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

        medium: str | None | Unset = UNSET
        if not isinstance(self.medium, Unset):
            medium = self.medium

        merchant_id = self.merchant_id

        message_count = self.message_count

        messages: list[dict[str, Any]] | None | Unset = UNSET
        if self.messages is None:
            messages = None
        elif not isinstance(self.messages, Unset):
            messages = []
            for messages_item_data in self.messages:
                messages_item = messages_item_data.to_dict()
                messages.append(messages_item)

        participants: list[dict[str, Any]] | None | Unset = UNSET
        if self.participants is None:
            participants = None
        elif not isinstance(self.participants, Unset):
            participants = []
            for participants_item_data in self.participants:
                participants_item = participants_item_data.to_dict()
                participants.append(participants_item)

        sentiment: dict[str, Any] | None | Unset = UNSET
        if self.sentiment is None:
            sentiment = None
        elif not isinstance(self.sentiment, Unset):
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
        problems: _Problems | None = None
        base_language_iso_code = src_dict.get("base_language_iso_code", UNSET)
        if (
            base_language_iso_code.__class__ is not str
            and base_language_iso_code is not UNSET
            and base_language_iso_code is not None
            and not isinstance(base_language_iso_code, str)
        ):
            problems = _off_type(problems, "base_language_iso_code", base_language_iso_code, "a string")
            base_language_iso_code = UNSET

        closed = src_dict.get("closed", UNSET)
        if closed.__class__ is not bool and closed is not UNSET and closed is not None and not isinstance(closed, bool):
            problems = _off_type(problems, "closed", closed, "a boolean")
            closed = UNSET

        conversation_arn = src_dict.get("conversation_arn", UNSET)
        if (
            conversation_arn.__class__ is not str
            and conversation_arn is not UNSET
            and conversation_arn is not None
            and not isinstance(conversation_arn, str)
        ):
            problems = _off_type(problems, "conversation_arn", conversation_arn, "a string")
            conversation_arn = UNSET

        conversation_uuid = src_dict.get("conversation_uuid", UNSET)
        if (
            conversation_uuid.__class__ is not str
            and conversation_uuid is not UNSET
            and conversation_uuid is not None
            and not isinstance(conversation_uuid, str)
        ):
            problems = _off_type(problems, "conversation_uuid", conversation_uuid, "a string")
            conversation_uuid = UNSET

        customer_first_message_unresponded_to_dts = src_dict.get("customer_first_message_unresponded_to_dts", UNSET)
        if (
            customer_first_message_unresponded_to_dts.__class__ is not str
            and customer_first_message_unresponded_to_dts is not UNSET
            and customer_first_message_unresponded_to_dts is not None
            and not isinstance(customer_first_message_unresponded_to_dts, str)
        ):
            problems = _off_type(
                problems,
                "customer_first_message_unresponded_to_dts",
                customer_first_message_unresponded_to_dts,
                "a string",
            )
            customer_first_message_unresponded_to_dts = UNSET

        last_conversation_message_body = src_dict.get("last_conversation_message_body", UNSET)
        if (
            last_conversation_message_body.__class__ is not str
            and last_conversation_message_body is not UNSET
            and last_conversation_message_body is not None
            and not isinstance(last_conversation_message_body, str)
        ):
            problems = _off_type(problems, "last_conversation_message_body", last_conversation_message_body, "a string")
            last_conversation_message_body = UNSET

        last_conversation_participant_arn = src_dict.get("last_conversation_participant_arn", UNSET)
        if (
            last_conversation_participant_arn.__class__ is not str
            and last_conversation_participant_arn is not UNSET
            and last_conversation_participant_arn is not None
            and not isinstance(last_conversation_participant_arn, str)
        ):
            problems = _off_type(
                problems, "last_conversation_participant_arn", last_conversation_participant_arn, "a string"
            )
            last_conversation_participant_arn = UNSET

        last_conversation_participant_name = src_dict.get("last_conversation_participant_name", UNSET)
        if (
            last_conversation_participant_name.__class__ is not str
            and last_conversation_participant_name is not UNSET
            and last_conversation_participant_name is not None
            and not isinstance(last_conversation_participant_name, str)
        ):
            problems = _off_type(
                problems, "last_conversation_participant_name", last_conversation_participant_name, "a string"
            )
            last_conversation_participant_name = UNSET

        last_interactive_message_dts = src_dict.get("last_interactive_message_dts", UNSET)
        if (
            last_interactive_message_dts.__class__ is not str
            and last_interactive_message_dts is not UNSET
            and last_interactive_message_dts is not None
            and not isinstance(last_interactive_message_dts, str)
        ):
            problems = _off_type(problems, "last_interactive_message_dts", last_interactive_message_dts, "a string")
            last_interactive_message_dts = UNSET

        last_message_dts = src_dict.get("last_message_dts", UNSET)
        if (
            last_message_dts.__class__ is not str
            and last_message_dts is not UNSET
            and last_message_dts is not None
            and not isinstance(last_message_dts, str)
        ):
            problems = _off_type(problems, "last_message_dts", last_message_dts, "a string")
            last_message_dts = UNSET

        medium = src_dict.get("medium", UNSET)
        if medium.__class__ is not str and medium is not UNSET and medium is not None and not isinstance(medium, str):
            problems = _off_type(problems, "medium", medium, "a string")
            medium = UNSET

        merchant_id = src_dict.get("merchant_id", UNSET)
        if (
            merchant_id.__class__ is not str
            and merchant_id is not UNSET
            and merchant_id is not None
            and not isinstance(merchant_id, str)
        ):
            problems = _off_type(problems, "merchant_id", merchant_id, "a string")
            merchant_id = UNSET

        message_count = src_dict.get("message_count", UNSET)
        if (
            message_count.__class__ is not int
            and message_count is not UNSET
            and message_count is not None
            and (not isinstance(message_count, int) or isinstance(message_count, bool))
        ):
            problems = _off_type(problems, "message_count", message_count, "an integer")
            message_count = UNSET

        _messages = src_dict.get("messages", UNSET)
        messages: list[ConversationMessage] | None | Unset
        if _messages is UNSET or _messages is None:
            messages = _messages
        elif not isinstance(_messages, list):
            problems = _off_type(problems, "messages", _messages, "an array")
            messages = UNSET
        else:
            messages = []
            for messages_index, messages_item_data in enumerate(_messages):
                if not isinstance(messages_item_data, dict):
                    problems = _dropped(problems, "messages", messages_index, messages_item_data, "an object")
                    continue
                messages_item = ConversationMessage.from_dict(messages_item_data)
                problems = _nested(problems, "messages", messages_item, messages_index)
                messages.append(messages_item)

        _participants = src_dict.get("participants", UNSET)
        participants: list[ConversationParticipant] | None | Unset
        if _participants is UNSET or _participants is None:
            participants = _participants
        elif not isinstance(_participants, list):
            problems = _off_type(problems, "participants", _participants, "an array")
            participants = UNSET
        else:
            participants = []
            for participants_index, participants_item_data in enumerate(_participants):
                if not isinstance(participants_item_data, dict):
                    problems = _dropped(
                        problems, "participants", participants_index, participants_item_data, "an object"
                    )
                    continue
                participants_item = ConversationParticipant.from_dict(participants_item_data)
                problems = _nested(problems, "participants", participants_item, participants_index)
                participants.append(participants_item)

        _sentiment = src_dict.get("sentiment", UNSET)
        sentiment: ConversationSentiment | None | Unset
        if _sentiment is UNSET or _sentiment is None:
            sentiment = _sentiment
        elif isinstance(_sentiment, dict):
            sentiment = ConversationSentiment.from_dict(_sentiment)
            problems = _nested(problems, "sentiment", sentiment)
        else:
            problems = _off_type(problems, "sentiment", _sentiment, "an object")
            sentiment = UNSET

        start_dts = src_dict.get("start_dts", UNSET)
        if (
            start_dts.__class__ is not str
            and start_dts is not UNSET
            and start_dts is not None
            and not isinstance(start_dts, str)
        ):
            problems = _off_type(problems, "start_dts", start_dts, "a string")
            start_dts = UNSET

        unread_messages = src_dict.get("unread_messages", UNSET)
        if (
            unread_messages.__class__ is not bool
            and unread_messages is not UNSET
            and unread_messages is not None
            and not isinstance(unread_messages, bool)
        ):
            problems = _off_type(problems, "unread_messages", unread_messages, "a boolean")
            unread_messages = UNSET

        virtual_agent = src_dict.get("virtual_agent", UNSET)
        if (
            virtual_agent.__class__ is not bool
            and virtual_agent is not UNSET
            and virtual_agent is not None
            and not isinstance(virtual_agent, bool)
        ):
            problems = _off_type(problems, "virtual_agent", virtual_agent, "a boolean")
            virtual_agent = UNSET

        virtual_agent_cost = src_dict.get("virtual_agent_cost", UNSET)
        if (
            virtual_agent_cost.__class__ is not float
            and virtual_agent_cost is not UNSET
            and virtual_agent_cost is not None
            and (not isinstance(virtual_agent_cost, (int, float)) or isinstance(virtual_agent_cost, bool))
        ):
            problems = _off_type(problems, "virtual_agent_cost", virtual_agent_cost, "a number")
            virtual_agent_cost = UNSET

        visible = src_dict.get("visible", UNSET)
        if (
            visible.__class__ is not bool
            and visible is not UNSET
            and visible is not None
            and not isinstance(visible, bool)
        ):
            problems = _off_type(problems, "visible", visible, "a boolean")
            visible = UNSET

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
        if problems is not None:
            _finish(conversation, problems, src_dict, _KNOWN_KEYS)
        return conversation

    @staticmethod
    def _fast_fields() -> tuple[tuple[str, str, Any, bool], ...]:
        """(attribute, JSON key, kind, required) of each field, for the fast reader."""
        return (
            ("base_language_iso_code", "base_language_iso_code", str, False),
            ("closed", "closed", bool, False),
            ("conversation_arn", "conversation_arn", str, False),
            ("conversation_uuid", "conversation_uuid", str, False),
            ("customer_first_message_unresponded_to_dts", "customer_first_message_unresponded_to_dts", str, False),
            ("last_conversation_message_body", "last_conversation_message_body", str, False),
            ("last_conversation_participant_arn", "last_conversation_participant_arn", str, False),
            ("last_conversation_participant_name", "last_conversation_participant_name", str, False),
            ("last_interactive_message_dts", "last_interactive_message_dts", str, False),
            ("last_message_dts", "last_message_dts", str, False),
            ("medium", "medium", str, False),
            ("merchant_id", "merchant_id", str, False),
            ("message_count", "message_count", int, False),
            ("messages", "messages", [ConversationMessage], False),
            ("participants", "participants", [ConversationParticipant], False),
            ("sentiment", "sentiment", ConversationSentiment, False),
            ("start_dts", "start_dts", str, False),
            ("unread_messages", "unread_messages", bool, False),
            ("virtual_agent", "virtual_agent", bool, False),
            ("virtual_agent_cost", "virtual_agent_cost", float, False),
            ("visible", "visible", bool, False),
        )

    @classmethod
    def _from_fast(cls: type[T], decoded: Any) -> T:
        """The model from what the fast reader decoded: its slots filled directly."""
        conversation = object.__new__(cls)
        conversation.base_language_iso_code = decoded.base_language_iso_code
        conversation.closed = decoded.closed
        conversation.conversation_arn = decoded.conversation_arn
        conversation.conversation_uuid = decoded.conversation_uuid
        conversation.customer_first_message_unresponded_to_dts = decoded.customer_first_message_unresponded_to_dts
        conversation.last_conversation_message_body = decoded.last_conversation_message_body
        conversation.last_conversation_participant_arn = decoded.last_conversation_participant_arn
        conversation.last_conversation_participant_name = decoded.last_conversation_participant_name
        conversation.last_interactive_message_dts = decoded.last_interactive_message_dts
        conversation.last_message_dts = decoded.last_message_dts
        conversation.medium = decoded.medium
        conversation.merchant_id = decoded.merchant_id
        conversation.message_count = decoded.message_count
        value = decoded.messages
        conversation.messages = (
            value if value is UNSET or value is None else list(map(ConversationMessage._from_fast, value))
        )
        value = decoded.participants
        conversation.participants = (
            value if value is UNSET or value is None else list(map(ConversationParticipant._from_fast, value))
        )
        value = decoded.sentiment
        conversation.sentiment = value if value is UNSET or value is None else ConversationSentiment._from_fast(value)
        conversation.start_dts = decoded.start_dts
        conversation.unread_messages = decoded.unread_messages
        conversation.virtual_agent = decoded.virtual_agent
        conversation.virtual_agent_cost = decoded.virtual_agent_cost
        conversation.visible = decoded.visible
        conversation.additional_properties = {}
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
