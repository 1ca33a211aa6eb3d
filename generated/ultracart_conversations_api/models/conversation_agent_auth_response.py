from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, TypeVar

from attrs import define as _attrs_define
from attrs import field as _attrs_field

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
class ConversationAgentAuthResponse:
    """
    Attributes:
        agent_auth (ConversationAgentAuth | Unset):
        error (Error | Unset):
        metadata (ResponseMetadata | Unset):
        success (bool | Unset): Whether the call succeeded
        warning (ResponseWarning | Unset):
    """

    agent_auth: ConversationAgentAuth | Unset = UNSET
    error: Error | Unset = UNSET
    metadata: ResponseMetadata | Unset = UNSET
    success: bool | Unset = UNSET
    warning: ResponseWarning | Unset = UNSET
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        agent_auth: dict[str, Any] | Unset = UNSET
        if not isinstance(self.agent_auth, Unset):
            agent_auth = self.agent_auth.to_dict()

        error: dict[str, Any] | Unset = UNSET
        if not isinstance(self.error, Unset):
            error = self.error.to_dict()

        metadata: dict[str, Any] | Unset = UNSET
        if not isinstance(self.metadata, Unset):
            metadata = self.metadata.to_dict()

        success = self.success

        warning: dict[str, Any] | Unset = UNSET
        if not isinstance(self.warning, Unset):
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
        _agent_auth = src_dict.get("agent_auth", UNSET)
        agent_auth: ConversationAgentAuth | Unset
        if _agent_auth is UNSET:
            agent_auth = UNSET
        else:
            if not isinstance(_agent_auth, dict):
                raise TypeError("agent_auth: expected an object, got " + type(_agent_auth).__name__)
            agent_auth = ConversationAgentAuth.from_dict(_agent_auth)

        _error = src_dict.get("error", UNSET)
        error: Error | Unset
        if _error is UNSET:
            error = UNSET
        else:
            if not isinstance(_error, dict):
                raise TypeError("error: expected an object, got " + type(_error).__name__)
            error = Error.from_dict(_error)

        _metadata = src_dict.get("metadata", UNSET)
        metadata: ResponseMetadata | Unset
        if _metadata is UNSET:
            metadata = UNSET
        else:
            if not isinstance(_metadata, dict):
                raise TypeError("metadata: expected an object, got " + type(_metadata).__name__)
            metadata = ResponseMetadata.from_dict(_metadata)

        success = src_dict.get("success", UNSET)
        if success.__class__ is not bool and success is not UNSET and not isinstance(success, (bool, Unset)):
            raise TypeError("success: expected a boolean, got " + type(success).__name__)

        _warning = src_dict.get("warning", UNSET)
        warning: ResponseWarning | Unset
        if _warning is UNSET:
            warning = UNSET
        else:
            if not isinstance(_warning, dict):
                raise TypeError("warning: expected an object, got " + type(_warning).__name__)
            warning = ResponseWarning.from_dict(_warning)

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
