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

from ..types import UNSET, Unset

if TYPE_CHECKING:
    from ..models.conversation_summary import ConversationSummary
    from ..models.error import Error
    from ..models.response_metadata import ResponseMetadata
    from ..models.response_warning import ResponseWarning


T = TypeVar("T", bound="ConversationsResponse")

# The JSON keys that are fields; any other key of a document is an additional property.
_KNOWN_KEYS = frozenset(
    {
        "conversations",
        "error",
        "metadata",
        "success",
        "warning",
    }
)


@_attrs_define
class ConversationsResponse(_ModelBase):
    """
    Attributes:
        conversations (list[ConversationSummary] | None | Unset):
        error (Error | None | Unset):
        metadata (ResponseMetadata | None | Unset):
        success (bool | None | Unset): Whether the call succeeded
        warning (ResponseWarning | None | Unset):
    """

    conversations: list[ConversationSummary] | None | Unset = UNSET
    error: Error | None | Unset = UNSET
    metadata: ResponseMetadata | None | Unset = UNSET
    success: bool | None | Unset = UNSET
    warning: ResponseWarning | None | Unset = UNSET
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        conversations: list[dict[str, Any]] | None | Unset = UNSET
        if self.conversations is None:
            conversations = None
        elif not isinstance(self.conversations, Unset):
            conversations = []
            for conversations_item_data in self.conversations:
                conversations_item = conversations_item_data.to_dict()
                conversations.append(conversations_item)

        error: dict[str, Any] | None | Unset = UNSET
        if self.error is None:
            error = None
        elif not isinstance(self.error, Unset):
            error = self.error.to_dict()

        metadata: dict[str, Any] | None | Unset = UNSET
        if self.metadata is None:
            metadata = None
        elif not isinstance(self.metadata, Unset):
            metadata = self.metadata.to_dict()

        success = self.success

        warning: dict[str, Any] | None | Unset = UNSET
        if self.warning is None:
            warning = None
        elif not isinstance(self.warning, Unset):
            warning = self.warning.to_dict()

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update({})
        if conversations is not UNSET:
            field_dict["conversations"] = conversations
        if error is not UNSET:
            field_dict["error"] = error
        if metadata is not UNSET:
            field_dict["metadata"] = metadata
        if success is not UNSET:
            field_dict["success"] = success
        if warning is not UNSET:
            field_dict["warning"] = warning

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        problems: _Problems | None = None
        _conversations = src_dict.get("conversations", UNSET)
        conversations: list[ConversationSummary] | None | Unset
        if _conversations is UNSET or _conversations is None:
            conversations = _conversations
        elif not isinstance(_conversations, list):
            problems = _off_type(problems, "conversations", _conversations, "an array")
            conversations = UNSET
        else:
            conversations = []
            for conversations_index, conversations_item_data in enumerate(_conversations):
                if not isinstance(conversations_item_data, dict):
                    problems = _dropped(
                        problems, "conversations", conversations_index, conversations_item_data, "an object"
                    )
                    continue
                conversations_item = ConversationSummary.from_dict(conversations_item_data)
                problems = _nested(problems, "conversations", conversations_item, conversations_index)
                conversations.append(conversations_item)

        _error = src_dict.get("error", UNSET)
        error: Error | None | Unset
        if _error is UNSET or _error is None:
            error = _error
        elif isinstance(_error, dict):
            error = Error.from_dict(_error)
            problems = _nested(problems, "error", error)
        else:
            problems = _off_type(problems, "error", _error, "an object")
            error = UNSET

        _metadata = src_dict.get("metadata", UNSET)
        metadata: ResponseMetadata | None | Unset
        if _metadata is UNSET or _metadata is None:
            metadata = _metadata
        elif isinstance(_metadata, dict):
            metadata = ResponseMetadata.from_dict(_metadata)
            problems = _nested(problems, "metadata", metadata)
        else:
            problems = _off_type(problems, "metadata", _metadata, "an object")
            metadata = UNSET

        success = src_dict.get("success", UNSET)
        if (
            success.__class__ is not bool
            and success is not UNSET
            and success is not None
            and not isinstance(success, bool)
        ):
            problems = _off_type(problems, "success", success, "a boolean")
            success = UNSET

        _warning = src_dict.get("warning", UNSET)
        warning: ResponseWarning | None | Unset
        if _warning is UNSET or _warning is None:
            warning = _warning
        elif isinstance(_warning, dict):
            warning = ResponseWarning.from_dict(_warning)
            problems = _nested(problems, "warning", warning)
        else:
            problems = _off_type(problems, "warning", _warning, "an object")
            warning = UNSET

        conversations_response = cls(
            conversations,
            error,
            metadata,
            success,
            warning,
        )
        if not _KNOWN_KEYS.issuperset(src_dict):
            conversations_response.additional_properties = {
                key: value for key, value in src_dict.items() if key not in _KNOWN_KEYS
            }
        if problems is not None:
            _finish(conversations_response, problems, src_dict, _KNOWN_KEYS)
        return conversations_response

    @staticmethod
    def _fast_fields() -> tuple[tuple[str, str, Any, bool], ...]:
        """(attribute, JSON key, kind, required) of each field, for the fast reader."""
        return (
            ("conversations", "conversations", [ConversationSummary], False),
            ("error", "error", Error, False),
            ("metadata", "metadata", ResponseMetadata, False),
            ("success", "success", bool, False),
            ("warning", "warning", ResponseWarning, False),
        )

    @classmethod
    def _from_fast(cls: type[T], decoded: Any) -> T:
        """The model from what the fast reader decoded: its slots filled directly."""
        conversations_response = object.__new__(cls)
        value = decoded.conversations
        conversations_response.conversations = (
            value if value is UNSET or value is None else list(map(ConversationSummary._from_fast, value))
        )
        value = decoded.error
        conversations_response.error = value if value is UNSET or value is None else Error._from_fast(value)
        value = decoded.metadata
        conversations_response.metadata = (
            value if value is UNSET or value is None else ResponseMetadata._from_fast(value)
        )
        conversations_response.success = decoded.success
        value = decoded.warning
        conversations_response.warning = value if value is UNSET or value is None else ResponseWarning._from_fast(value)
        conversations_response.additional_properties = {}
        return conversations_response

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
from ..models.conversation_summary import ConversationSummary  # noqa: E402
from ..models.error import Error  # noqa: E402
from ..models.response_metadata import ResponseMetadata  # noqa: E402
from ..models.response_warning import ResponseWarning  # noqa: E402
