from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar

from attrs import define as _attrs_define
from attrs import field as _attrs_field
from ultracart_conversations._reading import ModelBase as _ModelBase
from ultracart_conversations._reading import Problems as _Problems
from ultracart_conversations._reading import finish as _finish
from ultracart_conversations._reading import off_type as _off_type

from ..types import UNSET, Unset

T = TypeVar("T", bound="ConversationParticipant")

# The JSON keys that are fields; any other key of a document is an additional property.
_KNOWN_KEYS = frozenset(
    {
        "conversation_participant_arn",
        "conversation_participant_name",
        "conversation_participant_uuid",
        "email",
        "joined_dts",
        "language_iso_code",
        "last_message_dts",
        "left_dts",
        "profile_image_url",
        "sms_phone_number",
        "status",
        "timezone",
        "unread_messages",
    }
)


@_attrs_define
class ConversationParticipant(_ModelBase):
    """
    Attributes:
        conversation_participant_arn (str | None | Unset):
        conversation_participant_name (str | None | Unset):
        conversation_participant_uuid (str | None | Unset):
        email (str | None | Unset):
        joined_dts (str | None | Unset): When they joined (date/time)
        language_iso_code (str | None | Unset):
        last_message_dts (str | None | Unset): Their last message (date/time)
        left_dts (str | None | Unset): When they left (date/time)
        profile_image_url (str | None | Unset):
        sms_phone_number (str | None | Unset):
        status (str | None | Unset):
        timezone (str | None | Unset):
        unread_messages (int | None | Unset):
    """

    conversation_participant_arn: str | None | Unset = UNSET
    conversation_participant_name: str | None | Unset = UNSET
    conversation_participant_uuid: str | None | Unset = UNSET
    email: str | None | Unset = UNSET
    joined_dts: str | None | Unset = UNSET
    language_iso_code: str | None | Unset = UNSET
    last_message_dts: str | None | Unset = UNSET
    left_dts: str | None | Unset = UNSET
    profile_image_url: str | None | Unset = UNSET
    sms_phone_number: str | None | Unset = UNSET
    status: str | None | Unset = UNSET
    timezone: str | None | Unset = UNSET
    unread_messages: int | None | Unset = UNSET
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        conversation_participant_arn = self.conversation_participant_arn

        conversation_participant_name = self.conversation_participant_name

        conversation_participant_uuid = self.conversation_participant_uuid

        email = self.email

        joined_dts = self.joined_dts

        language_iso_code = self.language_iso_code

        last_message_dts = self.last_message_dts

        left_dts = self.left_dts

        profile_image_url = self.profile_image_url

        sms_phone_number = self.sms_phone_number

        status = self.status

        timezone = self.timezone

        unread_messages = self.unread_messages

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update({})
        if conversation_participant_arn is not UNSET:
            field_dict["conversation_participant_arn"] = conversation_participant_arn
        if conversation_participant_name is not UNSET:
            field_dict["conversation_participant_name"] = conversation_participant_name
        if conversation_participant_uuid is not UNSET:
            field_dict["conversation_participant_uuid"] = conversation_participant_uuid
        if email is not UNSET:
            field_dict["email"] = email
        if joined_dts is not UNSET:
            field_dict["joined_dts"] = joined_dts
        if language_iso_code is not UNSET:
            field_dict["language_iso_code"] = language_iso_code
        if last_message_dts is not UNSET:
            field_dict["last_message_dts"] = last_message_dts
        if left_dts is not UNSET:
            field_dict["left_dts"] = left_dts
        if profile_image_url is not UNSET:
            field_dict["profile_image_url"] = profile_image_url
        if sms_phone_number is not UNSET:
            field_dict["sms_phone_number"] = sms_phone_number
        if status is not UNSET:
            field_dict["status"] = status
        if timezone is not UNSET:
            field_dict["timezone"] = timezone
        if unread_messages is not UNSET:
            field_dict["unread_messages"] = unread_messages

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        problems: _Problems | None = None
        conversation_participant_arn = src_dict.get("conversation_participant_arn", UNSET)
        if (
            conversation_participant_arn.__class__ is not str
            and conversation_participant_arn is not UNSET
            and conversation_participant_arn is not None
            and not isinstance(conversation_participant_arn, str)
        ):
            problems = _off_type(problems, "conversation_participant_arn", conversation_participant_arn, "a string")
            conversation_participant_arn = UNSET

        conversation_participant_name = src_dict.get("conversation_participant_name", UNSET)
        if (
            conversation_participant_name.__class__ is not str
            and conversation_participant_name is not UNSET
            and conversation_participant_name is not None
            and not isinstance(conversation_participant_name, str)
        ):
            problems = _off_type(problems, "conversation_participant_name", conversation_participant_name, "a string")
            conversation_participant_name = UNSET

        conversation_participant_uuid = src_dict.get("conversation_participant_uuid", UNSET)
        if (
            conversation_participant_uuid.__class__ is not str
            and conversation_participant_uuid is not UNSET
            and conversation_participant_uuid is not None
            and not isinstance(conversation_participant_uuid, str)
        ):
            problems = _off_type(problems, "conversation_participant_uuid", conversation_participant_uuid, "a string")
            conversation_participant_uuid = UNSET

        email = src_dict.get("email", UNSET)
        if email.__class__ is not str and email is not UNSET and email is not None and not isinstance(email, str):
            problems = _off_type(problems, "email", email, "a string")
            email = UNSET

        joined_dts = src_dict.get("joined_dts", UNSET)
        if (
            joined_dts.__class__ is not str
            and joined_dts is not UNSET
            and joined_dts is not None
            and not isinstance(joined_dts, str)
        ):
            problems = _off_type(problems, "joined_dts", joined_dts, "a string")
            joined_dts = UNSET

        language_iso_code = src_dict.get("language_iso_code", UNSET)
        if (
            language_iso_code.__class__ is not str
            and language_iso_code is not UNSET
            and language_iso_code is not None
            and not isinstance(language_iso_code, str)
        ):
            problems = _off_type(problems, "language_iso_code", language_iso_code, "a string")
            language_iso_code = UNSET

        last_message_dts = src_dict.get("last_message_dts", UNSET)
        if (
            last_message_dts.__class__ is not str
            and last_message_dts is not UNSET
            and last_message_dts is not None
            and not isinstance(last_message_dts, str)
        ):
            problems = _off_type(problems, "last_message_dts", last_message_dts, "a string")
            last_message_dts = UNSET

        left_dts = src_dict.get("left_dts", UNSET)
        if (
            left_dts.__class__ is not str
            and left_dts is not UNSET
            and left_dts is not None
            and not isinstance(left_dts, str)
        ):
            problems = _off_type(problems, "left_dts", left_dts, "a string")
            left_dts = UNSET

        profile_image_url = src_dict.get("profile_image_url", UNSET)
        if (
            profile_image_url.__class__ is not str
            and profile_image_url is not UNSET
            and profile_image_url is not None
            and not isinstance(profile_image_url, str)
        ):
            problems = _off_type(problems, "profile_image_url", profile_image_url, "a string")
            profile_image_url = UNSET

        sms_phone_number = src_dict.get("sms_phone_number", UNSET)
        if (
            sms_phone_number.__class__ is not str
            and sms_phone_number is not UNSET
            and sms_phone_number is not None
            and not isinstance(sms_phone_number, str)
        ):
            problems = _off_type(problems, "sms_phone_number", sms_phone_number, "a string")
            sms_phone_number = UNSET

        status = src_dict.get("status", UNSET)
        if status.__class__ is not str and status is not UNSET and status is not None and not isinstance(status, str):
            problems = _off_type(problems, "status", status, "a string")
            status = UNSET

        timezone = src_dict.get("timezone", UNSET)
        if (
            timezone.__class__ is not str
            and timezone is not UNSET
            and timezone is not None
            and not isinstance(timezone, str)
        ):
            problems = _off_type(problems, "timezone", timezone, "a string")
            timezone = UNSET

        unread_messages = src_dict.get("unread_messages", UNSET)
        if (
            unread_messages.__class__ is not int
            and unread_messages is not UNSET
            and unread_messages is not None
            and (not isinstance(unread_messages, int) or isinstance(unread_messages, bool))
        ):
            problems = _off_type(problems, "unread_messages", unread_messages, "an integer")
            unread_messages = UNSET

        conversation_participant = cls(
            conversation_participant_arn,
            conversation_participant_name,
            conversation_participant_uuid,
            email,
            joined_dts,
            language_iso_code,
            last_message_dts,
            left_dts,
            profile_image_url,
            sms_phone_number,
            status,
            timezone,
            unread_messages,
        )
        if not _KNOWN_KEYS.issuperset(src_dict):
            conversation_participant.additional_properties = {
                key: value for key, value in src_dict.items() if key not in _KNOWN_KEYS
            }
        if problems is not None:
            _finish(conversation_participant, problems, src_dict, _KNOWN_KEYS)
        return conversation_participant

    @staticmethod
    def _fast_fields() -> tuple[tuple[str, str, Any, bool], ...]:
        """(attribute, JSON key, kind, required) of each field, for the fast reader."""
        return (
            ("conversation_participant_arn", "conversation_participant_arn", str, False),
            ("conversation_participant_name", "conversation_participant_name", str, False),
            ("conversation_participant_uuid", "conversation_participant_uuid", str, False),
            ("email", "email", str, False),
            ("joined_dts", "joined_dts", str, False),
            ("language_iso_code", "language_iso_code", str, False),
            ("last_message_dts", "last_message_dts", str, False),
            ("left_dts", "left_dts", str, False),
            ("profile_image_url", "profile_image_url", str, False),
            ("sms_phone_number", "sms_phone_number", str, False),
            ("status", "status", str, False),
            ("timezone", "timezone", str, False),
            ("unread_messages", "unread_messages", int, False),
        )

    @classmethod
    def _from_fast(cls: type[T], decoded: Any) -> T:
        """The model from what the fast reader decoded: its slots filled directly."""
        conversation_participant = object.__new__(cls)
        conversation_participant.conversation_participant_arn = decoded.conversation_participant_arn
        conversation_participant.conversation_participant_name = decoded.conversation_participant_name
        conversation_participant.conversation_participant_uuid = decoded.conversation_participant_uuid
        conversation_participant.email = decoded.email
        conversation_participant.joined_dts = decoded.joined_dts
        conversation_participant.language_iso_code = decoded.language_iso_code
        conversation_participant.last_message_dts = decoded.last_message_dts
        conversation_participant.left_dts = decoded.left_dts
        conversation_participant.profile_image_url = decoded.profile_image_url
        conversation_participant.sms_phone_number = decoded.sms_phone_number
        conversation_participant.status = decoded.status
        conversation_participant.timezone = decoded.timezone
        conversation_participant.unread_messages = decoded.unread_messages
        conversation_participant.additional_properties = {}
        return conversation_participant

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
