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
    from ..models.conversation import Conversation


T = TypeVar("T", bound="ConversationStartResponse")

# The JSON keys that are fields; any other key of a document is an additional property.
_KNOWN_KEYS = frozenset(
    {
        "conversation",
    }
)


@_attrs_define
class ConversationStartResponse(_ModelBase):
    """
    Attributes:
        conversation (Conversation | None | Unset):
    """

    conversation: Conversation | None | Unset = UNSET
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        conversation: dict[str, Any] | None | Unset = UNSET
        if self.conversation is None:
            conversation = None
        elif not isinstance(self.conversation, Unset):
            conversation = self.conversation.to_dict()

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update({})
        if conversation is not UNSET:
            field_dict["conversation"] = conversation

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        problems: _Problems | None = None
        _conversation = src_dict.get("conversation", UNSET)
        conversation: Conversation | None | Unset
        if _conversation is UNSET or _conversation is None:
            conversation = _conversation
        elif isinstance(_conversation, dict):
            conversation = Conversation.from_dict(_conversation)
            problems = _nested(problems, "conversation", conversation)
        else:
            problems = _off_type(problems, "conversation", _conversation, "an object")
            conversation = UNSET

        conversation_start_response = cls(
            conversation,
        )
        if not _KNOWN_KEYS.issuperset(src_dict):
            conversation_start_response.additional_properties = {
                key: value for key, value in src_dict.items() if key not in _KNOWN_KEYS
            }
        if problems is not None:
            _finish(conversation_start_response, problems, src_dict, _KNOWN_KEYS)
        return conversation_start_response

    @staticmethod
    def _fast_fields() -> tuple[tuple[str, str, Any, bool], ...]:
        """(attribute, JSON key, kind, required) of each field, for the fast reader."""
        return (("conversation", "conversation", Conversation, False),)

    @classmethod
    def _from_fast(cls: type[T], decoded: Any) -> T:
        """The model from what the fast reader decoded: its slots filled directly."""
        conversation_start_response = object.__new__(cls)
        value = decoded.conversation
        conversation_start_response.conversation = (
            value if value is UNSET or value is None else Conversation._from_fast(value)
        )
        conversation_start_response.additional_properties = {}
        return conversation_start_response

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
from ..models.conversation import Conversation  # noqa: E402
