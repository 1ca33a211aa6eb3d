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
class ConversationStartRequest(_ModelBase):
    """
    Attributes:
        add_conversation_participant_arns (list[str] | None | Unset):
        conversation_arn (str | None | Unset):
        conversation_webchat_queue_uuid (str | None | Unset): The webchat queue to route it to
        resolve_only (bool | None | Unset): Find an existing conversation instead of starting one
    """

    add_conversation_participant_arns: list[str] | None | Unset = UNSET
    conversation_arn: str | None | Unset = UNSET
    conversation_webchat_queue_uuid: str | None | Unset = UNSET
    resolve_only: bool | None | Unset = UNSET
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        add_conversation_participant_arns: list[str] | None | Unset = UNSET
        if self.add_conversation_participant_arns is None:
            add_conversation_participant_arns = None
        elif not isinstance(self.add_conversation_participant_arns, Unset):
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
        problems: _Problems | None = None
        _add_conversation_participant_arns = src_dict.get("add_conversation_participant_arns", UNSET)
        add_conversation_participant_arns: list[str] | None | Unset
        if _add_conversation_participant_arns is UNSET or _add_conversation_participant_arns is None:
            add_conversation_participant_arns = _add_conversation_participant_arns
        elif not isinstance(_add_conversation_participant_arns, list):
            problems = _off_type(
                problems, "add_conversation_participant_arns", _add_conversation_participant_arns, "an array"
            )
            add_conversation_participant_arns = UNSET
        else:
            add_conversation_participant_arns = []
            for add_conversation_participant_arns_index, add_conversation_participant_arns_item_data in enumerate(
                _add_conversation_participant_arns
            ):
                try:
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
                except TypeError as error:
                    problems = _dropped(
                        problems,
                        "add_conversation_participant_arns",
                        add_conversation_participant_arns_index,
                        add_conversation_participant_arns_item_data,
                        error,
                    )
                    continue
                add_conversation_participant_arns.append(add_conversation_participant_arns_item)

        conversation_arn = src_dict.get("conversation_arn", UNSET)
        if (
            conversation_arn.__class__ is not str
            and conversation_arn is not UNSET
            and conversation_arn is not None
            and not isinstance(conversation_arn, str)
        ):
            problems = _off_type(problems, "conversation_arn", conversation_arn, "a string")
            conversation_arn = UNSET

        conversation_webchat_queue_uuid = src_dict.get("conversation_webchat_queue_uuid", UNSET)
        if (
            conversation_webchat_queue_uuid.__class__ is not str
            and conversation_webchat_queue_uuid is not UNSET
            and conversation_webchat_queue_uuid is not None
            and not isinstance(conversation_webchat_queue_uuid, str)
        ):
            problems = _off_type(
                problems, "conversation_webchat_queue_uuid", conversation_webchat_queue_uuid, "a string"
            )
            conversation_webchat_queue_uuid = UNSET

        resolve_only = src_dict.get("resolve_only", UNSET)
        if (
            resolve_only.__class__ is not bool
            and resolve_only is not UNSET
            and resolve_only is not None
            and not isinstance(resolve_only, bool)
        ):
            problems = _off_type(problems, "resolve_only", resolve_only, "a boolean")
            resolve_only = UNSET

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
        if problems is not None:
            _finish(conversation_start_request, problems, src_dict, _KNOWN_KEYS)
        return conversation_start_request

    @staticmethod
    def _fast_fields() -> tuple[tuple[str, str, Any, bool], ...]:
        """(attribute, JSON key, kind, required) of each field, for the fast reader."""
        return (
            ("add_conversation_participant_arns", "add_conversation_participant_arns", [str], False),
            ("conversation_arn", "conversation_arn", str, False),
            ("conversation_webchat_queue_uuid", "conversation_webchat_queue_uuid", str, False),
            ("resolve_only", "resolve_only", bool, False),
        )

    @classmethod
    def _from_fast(cls: type[T], decoded: Any) -> T:
        """The model from what the fast reader decoded: its slots filled directly."""
        conversation_start_request = object.__new__(cls)
        conversation_start_request.add_conversation_participant_arns = decoded.add_conversation_participant_arns
        conversation_start_request.conversation_arn = decoded.conversation_arn
        conversation_start_request.conversation_webchat_queue_uuid = decoded.conversation_webchat_queue_uuid
        conversation_start_request.resolve_only = decoded.resolve_only
        conversation_start_request.additional_properties = {}
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
