from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

T = TypeVar("T", bound="ConversationAgentAuthResponse")

# The JSON keys that are fields; any other key of a document is an additional property.
_KNOWN_KEYS = frozenset(
    {
        "conversation_participant_arn",
        "jwt",
        "merchant_id",
        "twilio_phone_numbers",
        "websocket_url",
    }
)


@_attrs_define
class ConversationAgentAuthResponse:
    """
    Attributes:
        conversation_participant_arn (str | Unset):
        jwt (str | Unset):
        merchant_id (str | Unset):
        twilio_phone_numbers (list[str] | Unset):
        websocket_url (str | Unset):
    """

    conversation_participant_arn: str | Unset = UNSET
    jwt: str | Unset = UNSET
    merchant_id: str | Unset = UNSET
    twilio_phone_numbers: list[str] | Unset = UNSET
    websocket_url: str | Unset = UNSET
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        conversation_participant_arn = self.conversation_participant_arn

        jwt = self.jwt

        merchant_id = self.merchant_id

        twilio_phone_numbers: list[str] | Unset = UNSET
        if not isinstance(self.twilio_phone_numbers, Unset):
            twilio_phone_numbers = self.twilio_phone_numbers

        websocket_url = self.websocket_url

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update({})
        if conversation_participant_arn is not UNSET:
            field_dict["conversation_participant_arn"] = conversation_participant_arn
        if jwt is not UNSET:
            field_dict["jwt"] = jwt
        if merchant_id is not UNSET:
            field_dict["merchant_id"] = merchant_id
        if twilio_phone_numbers is not UNSET:
            field_dict["twilio_phone_numbers"] = twilio_phone_numbers
        if websocket_url is not UNSET:
            field_dict["websocket_url"] = websocket_url

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        conversation_participant_arn = src_dict.get("conversation_participant_arn", UNSET)
        if conversation_participant_arn.__class__ is not str and not isinstance(
            conversation_participant_arn, (str, Unset)
        ):
            raise TypeError(
                "conversation_participant_arn: expected a string, got " + type(conversation_participant_arn).__name__
            )

        jwt = src_dict.get("jwt", UNSET)
        if jwt.__class__ is not str and not isinstance(jwt, (str, Unset)):
            raise TypeError("jwt: expected a string, got " + type(jwt).__name__)

        merchant_id = src_dict.get("merchant_id", UNSET)
        if merchant_id.__class__ is not str and not isinstance(merchant_id, (str, Unset)):
            raise TypeError("merchant_id: expected a string, got " + type(merchant_id).__name__)

        _twilio_phone_numbers = src_dict.get("twilio_phone_numbers", UNSET)
        twilio_phone_numbers: list[str] | Unset
        if isinstance(_twilio_phone_numbers, Unset):
            twilio_phone_numbers = UNSET
        else:
            if not isinstance(_twilio_phone_numbers, list):
                raise TypeError("twilio_phone_numbers: expected an array, got " + type(_twilio_phone_numbers).__name__)
            twilio_phone_numbers = []
            for twilio_phone_numbers_item_data in _twilio_phone_numbers:
                twilio_phone_numbers_item = twilio_phone_numbers_item_data
                if twilio_phone_numbers_item.__class__ is not str and not isinstance(
                    twilio_phone_numbers_item, (str, Unset)
                ):
                    raise TypeError(
                        "twilio_phone_numbers_item: expected a string, got " + type(twilio_phone_numbers_item).__name__
                    )
                twilio_phone_numbers.append(twilio_phone_numbers_item)

        websocket_url = src_dict.get("websocket_url", UNSET)
        if websocket_url.__class__ is not str and not isinstance(websocket_url, (str, Unset)):
            raise TypeError("websocket_url: expected a string, got " + type(websocket_url).__name__)

        conversation_agent_auth_response = cls(
            conversation_participant_arn,
            jwt,
            merchant_id,
            twilio_phone_numbers,
            websocket_url,
        )
        if not src_dict.keys() <= _KNOWN_KEYS:
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
