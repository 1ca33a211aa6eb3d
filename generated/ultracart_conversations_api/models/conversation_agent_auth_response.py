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
    from ..models.conversation_agent_auth import ConversationAgentAuth
    from ..models.error import Error
    from ..models.response_metadata import ResponseMetadata
    from ..models.response_warning import ResponseWarning


T = TypeVar("T", bound="ConversationAgentAuthResponse")

# The JSON keys that are fields; any other key of a document is an additional property.
_KNOWN_KEYS = frozenset(
    {
        "agent_auth",
        "error",
        "metadata",
        "success",
        "warning",
    }
)


@_attrs_define
class ConversationAgentAuthResponse(_ModelBase):
    """
    Attributes:
        agent_auth (ConversationAgentAuth | None | Unset):
        error (Error | None | Unset):
        metadata (ResponseMetadata | None | Unset):
        success (bool | None | Unset): Whether the call succeeded
        warning (ResponseWarning | None | Unset):
    """

    agent_auth: ConversationAgentAuth | None | Unset = UNSET
    error: Error | None | Unset = UNSET
    metadata: ResponseMetadata | None | Unset = UNSET
    success: bool | None | Unset = UNSET
    warning: ResponseWarning | None | Unset = UNSET
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        agent_auth: dict[str, Any] | None | Unset = UNSET
        if self.agent_auth is None:
            agent_auth = None
        elif not isinstance(self.agent_auth, Unset):
            agent_auth = self.agent_auth.to_dict()

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
        if agent_auth is not UNSET:
            field_dict["agent_auth"] = agent_auth
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
        _agent_auth = src_dict.get("agent_auth", UNSET)
        agent_auth: ConversationAgentAuth | None | Unset
        if _agent_auth is UNSET or _agent_auth is None:
            agent_auth = _agent_auth
        elif isinstance(_agent_auth, dict):
            agent_auth = ConversationAgentAuth.from_dict(_agent_auth)
            problems = _nested(problems, "agent_auth", agent_auth)
        else:
            problems = _off_type(problems, "agent_auth", _agent_auth, "an object")
            agent_auth = UNSET

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

        conversation_agent_auth_response = cls(
            agent_auth,
            error,
            metadata,
            success,
            warning,
        )
        if not _KNOWN_KEYS.issuperset(src_dict):
            conversation_agent_auth_response.additional_properties = {
                key: value for key, value in src_dict.items() if key not in _KNOWN_KEYS
            }
        if problems is not None:
            _finish(conversation_agent_auth_response, problems, src_dict, _KNOWN_KEYS)
        return conversation_agent_auth_response

    @staticmethod
    def _fast_fields() -> tuple[tuple[str, str, Any, bool], ...]:
        """(attribute, JSON key, kind, required) of each field, for the fast reader."""
        return (
            ("agent_auth", "agent_auth", ConversationAgentAuth, False),
            ("error", "error", Error, False),
            ("metadata", "metadata", ResponseMetadata, False),
            ("success", "success", bool, False),
            ("warning", "warning", ResponseWarning, False),
        )

    @classmethod
    def _from_fast(cls: type[T], decoded: Any) -> T:
        """The model from what the fast reader decoded: its slots filled directly."""
        conversation_agent_auth_response = object.__new__(cls)
        value = decoded.agent_auth
        conversation_agent_auth_response.agent_auth = (
            value if value is UNSET or value is None else ConversationAgentAuth._from_fast(value)
        )
        value = decoded.error
        conversation_agent_auth_response.error = value if value is UNSET or value is None else Error._from_fast(value)
        value = decoded.metadata
        conversation_agent_auth_response.metadata = (
            value if value is UNSET or value is None else ResponseMetadata._from_fast(value)
        )
        conversation_agent_auth_response.success = decoded.success
        value = decoded.warning
        conversation_agent_auth_response.warning = (
            value if value is UNSET or value is None else ResponseWarning._from_fast(value)
        )
        conversation_agent_auth_response.additional_properties = {}
        return conversation_agent_auth_response

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
from ..models.conversation_agent_auth import ConversationAgentAuth  # noqa: E402
from ..models.error import Error  # noqa: E402
from ..models.response_metadata import ResponseMetadata  # noqa: E402
from ..models.response_warning import ResponseWarning  # noqa: E402
