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

from ..models.conversation_message_type import ConversationMessageType
from ..types import UNSET, Unset

if TYPE_CHECKING:
    from ..models.conversation_message_translation import ConversationMessageTranslation
    from ..models.conversation_message_transport_status import ConversationMessageTransportStatus


T = TypeVar("T", bound="ConversationMessage")

# The JSON keys that are fields; any other key of a document is an additional property.
_KNOWN_KEYS = frozenset(
    {
        "author_conversation_participant_arn",
        "author_conversation_participant_name",
        "body",
        "client_message_id",
        "conversation_message_uuid",
        "delay_until_dts",
        "language_iso_code",
        "media_urls",
        "merchant_id",
        "message_dts",
        "message_epoch",
        "message_type",
        "translations",
        "transport_statuses",
        "type",
        "upload_keys",
    }
)


@_attrs_define
class ConversationMessage(_ModelBase):
    """
    Attributes:
        author_conversation_participant_arn (str | None | Unset):
        author_conversation_participant_name (str | None | Unset):
        body (str | None | Unset):
        client_message_id (str | None | Unset):
        conversation_message_uuid (str | None | Unset):
        delay_until_dts (str | None | Unset): Held back until then (date/time)
        language_iso_code (str | None | Unset):
        media_urls (list[str] | None | Unset):
        merchant_id (str | None | Unset):
        message_dts (str | None | Unset): When it was sent (date/time)
        message_epoch (int | None | Unset):
        message_type (str | None | Unset):
        translations (list[ConversationMessageTranslation] | None | Unset):
        transport_statuses (list[ConversationMessageTransportStatus] | None | Unset):
        type_ (ConversationMessageType | None | Unset):
        upload_keys (list[str] | None | Unset):
    """

    author_conversation_participant_arn: str | None | Unset = UNSET
    author_conversation_participant_name: str | None | Unset = UNSET
    body: str | None | Unset = UNSET
    client_message_id: str | None | Unset = UNSET
    conversation_message_uuid: str | None | Unset = UNSET
    delay_until_dts: str | None | Unset = UNSET
    language_iso_code: str | None | Unset = UNSET
    media_urls: list[str] | None | Unset = UNSET
    merchant_id: str | None | Unset = UNSET
    message_dts: str | None | Unset = UNSET
    message_epoch: int | None | Unset = UNSET
    message_type: str | None | Unset = UNSET
    translations: list[ConversationMessageTranslation] | None | Unset = UNSET
    transport_statuses: list[ConversationMessageTransportStatus] | None | Unset = UNSET
    type_: ConversationMessageType | None | Unset = UNSET
    upload_keys: list[str] | None | Unset = UNSET
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        author_conversation_participant_arn = self.author_conversation_participant_arn

        author_conversation_participant_name = self.author_conversation_participant_name

        body = self.body

        client_message_id = self.client_message_id

        conversation_message_uuid = self.conversation_message_uuid

        delay_until_dts = self.delay_until_dts

        language_iso_code = self.language_iso_code

        media_urls: list[str] | None | Unset = UNSET
        if self.media_urls is None:
            media_urls = None
        elif not isinstance(self.media_urls, Unset):
            media_urls = self.media_urls

        merchant_id = self.merchant_id

        message_dts = self.message_dts

        message_epoch = self.message_epoch

        message_type = self.message_type

        translations: list[dict[str, Any]] | None | Unset = UNSET
        if self.translations is None:
            translations = None
        elif not isinstance(self.translations, Unset):
            translations = []
            for translations_item_data in self.translations:
                translations_item = translations_item_data.to_dict()
                translations.append(translations_item)

        transport_statuses: list[dict[str, Any]] | None | Unset = UNSET
        if self.transport_statuses is None:
            transport_statuses = None
        elif not isinstance(self.transport_statuses, Unset):
            transport_statuses = []
            for transport_statuses_item_data in self.transport_statuses:
                transport_statuses_item = transport_statuses_item_data.to_dict()
                transport_statuses.append(transport_statuses_item)

        type_: str | None | Unset = UNSET
        if not isinstance(self.type_, Unset):
            type_ = self.type_

        upload_keys: list[str] | None | Unset = UNSET
        if self.upload_keys is None:
            upload_keys = None
        elif not isinstance(self.upload_keys, Unset):
            upload_keys = self.upload_keys

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update({})
        if author_conversation_participant_arn is not UNSET:
            field_dict["author_conversation_participant_arn"] = author_conversation_participant_arn
        if author_conversation_participant_name is not UNSET:
            field_dict["author_conversation_participant_name"] = author_conversation_participant_name
        if body is not UNSET:
            field_dict["body"] = body
        if client_message_id is not UNSET:
            field_dict["client_message_id"] = client_message_id
        if conversation_message_uuid is not UNSET:
            field_dict["conversation_message_uuid"] = conversation_message_uuid
        if delay_until_dts is not UNSET:
            field_dict["delay_until_dts"] = delay_until_dts
        if language_iso_code is not UNSET:
            field_dict["language_iso_code"] = language_iso_code
        if media_urls is not UNSET:
            field_dict["media_urls"] = media_urls
        if merchant_id is not UNSET:
            field_dict["merchant_id"] = merchant_id
        if message_dts is not UNSET:
            field_dict["message_dts"] = message_dts
        if message_epoch is not UNSET:
            field_dict["message_epoch"] = message_epoch
        if message_type is not UNSET:
            field_dict["message_type"] = message_type
        if translations is not UNSET:
            field_dict["translations"] = translations
        if transport_statuses is not UNSET:
            field_dict["transport_statuses"] = transport_statuses
        if type_ is not UNSET:
            field_dict["type"] = type_
        if upload_keys is not UNSET:
            field_dict["upload_keys"] = upload_keys

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        problems: _Problems | None = None
        author_conversation_participant_arn = src_dict.get("author_conversation_participant_arn", UNSET)
        if (
            author_conversation_participant_arn.__class__ is not str
            and author_conversation_participant_arn is not UNSET
            and author_conversation_participant_arn is not None
            and not isinstance(author_conversation_participant_arn, str)
        ):
            problems = _off_type(
                problems, "author_conversation_participant_arn", author_conversation_participant_arn, "a string"
            )
            author_conversation_participant_arn = UNSET

        author_conversation_participant_name = src_dict.get("author_conversation_participant_name", UNSET)
        if (
            author_conversation_participant_name.__class__ is not str
            and author_conversation_participant_name is not UNSET
            and author_conversation_participant_name is not None
            and not isinstance(author_conversation_participant_name, str)
        ):
            problems = _off_type(
                problems, "author_conversation_participant_name", author_conversation_participant_name, "a string"
            )
            author_conversation_participant_name = UNSET

        body = src_dict.get("body", UNSET)
        if body.__class__ is not str and body is not UNSET and body is not None and not isinstance(body, str):
            problems = _off_type(problems, "body", body, "a string")
            body = UNSET

        client_message_id = src_dict.get("client_message_id", UNSET)
        if (
            client_message_id.__class__ is not str
            and client_message_id is not UNSET
            and client_message_id is not None
            and not isinstance(client_message_id, str)
        ):
            problems = _off_type(problems, "client_message_id", client_message_id, "a string")
            client_message_id = UNSET

        conversation_message_uuid = src_dict.get("conversation_message_uuid", UNSET)
        if (
            conversation_message_uuid.__class__ is not str
            and conversation_message_uuid is not UNSET
            and conversation_message_uuid is not None
            and not isinstance(conversation_message_uuid, str)
        ):
            problems = _off_type(problems, "conversation_message_uuid", conversation_message_uuid, "a string")
            conversation_message_uuid = UNSET

        delay_until_dts = src_dict.get("delay_until_dts", UNSET)
        if (
            delay_until_dts.__class__ is not str
            and delay_until_dts is not UNSET
            and delay_until_dts is not None
            and not isinstance(delay_until_dts, str)
        ):
            problems = _off_type(problems, "delay_until_dts", delay_until_dts, "a string")
            delay_until_dts = UNSET

        language_iso_code = src_dict.get("language_iso_code", UNSET)
        if (
            language_iso_code.__class__ is not str
            and language_iso_code is not UNSET
            and language_iso_code is not None
            and not isinstance(language_iso_code, str)
        ):
            problems = _off_type(problems, "language_iso_code", language_iso_code, "a string")
            language_iso_code = UNSET

        _media_urls = src_dict.get("media_urls", UNSET)
        media_urls: list[str] | None | Unset
        if _media_urls is UNSET or _media_urls is None:
            media_urls = _media_urls
        elif not isinstance(_media_urls, list):
            problems = _off_type(problems, "media_urls", _media_urls, "an array")
            media_urls = UNSET
        else:
            media_urls = []
            for media_urls_index, media_urls_item_data in enumerate(_media_urls):
                try:
                    media_urls_item = media_urls_item_data
                    if (
                        media_urls_item.__class__ is not str
                        and media_urls_item is not UNSET
                        and not isinstance(media_urls_item, (str, Unset))
                    ):
                        raise TypeError("media_urls_item: expected a string, got " + type(media_urls_item).__name__)
                except TypeError as error:
                    problems = _dropped(problems, "media_urls", media_urls_index, media_urls_item_data, error)
                    continue
                media_urls.append(media_urls_item)

        merchant_id = src_dict.get("merchant_id", UNSET)
        if (
            merchant_id.__class__ is not str
            and merchant_id is not UNSET
            and merchant_id is not None
            and not isinstance(merchant_id, str)
        ):
            problems = _off_type(problems, "merchant_id", merchant_id, "a string")
            merchant_id = UNSET

        message_dts = src_dict.get("message_dts", UNSET)
        if (
            message_dts.__class__ is not str
            and message_dts is not UNSET
            and message_dts is not None
            and not isinstance(message_dts, str)
        ):
            problems = _off_type(problems, "message_dts", message_dts, "a string")
            message_dts = UNSET

        message_epoch = src_dict.get("message_epoch", UNSET)
        if (
            message_epoch.__class__ is not int
            and message_epoch is not UNSET
            and message_epoch is not None
            and (not isinstance(message_epoch, int) or isinstance(message_epoch, bool))
        ):
            problems = _off_type(problems, "message_epoch", message_epoch, "an integer")
            message_epoch = UNSET

        message_type = src_dict.get("message_type", UNSET)
        if (
            message_type.__class__ is not str
            and message_type is not UNSET
            and message_type is not None
            and not isinstance(message_type, str)
        ):
            problems = _off_type(problems, "message_type", message_type, "a string")
            message_type = UNSET

        _translations = src_dict.get("translations", UNSET)
        translations: list[ConversationMessageTranslation] | None | Unset
        if _translations is UNSET or _translations is None:
            translations = _translations
        elif not isinstance(_translations, list):
            problems = _off_type(problems, "translations", _translations, "an array")
            translations = UNSET
        else:
            translations = []
            for translations_index, translations_item_data in enumerate(_translations):
                if not isinstance(translations_item_data, dict):
                    problems = _dropped(
                        problems, "translations", translations_index, translations_item_data, "an object"
                    )
                    continue
                translations_item = ConversationMessageTranslation.from_dict(translations_item_data)
                problems = _nested(problems, "translations", translations_item, translations_index)
                translations.append(translations_item)

        _transport_statuses = src_dict.get("transport_statuses", UNSET)
        transport_statuses: list[ConversationMessageTransportStatus] | None | Unset
        if _transport_statuses is UNSET or _transport_statuses is None:
            transport_statuses = _transport_statuses
        elif not isinstance(_transport_statuses, list):
            problems = _off_type(problems, "transport_statuses", _transport_statuses, "an array")
            transport_statuses = UNSET
        else:
            transport_statuses = []
            for transport_statuses_index, transport_statuses_item_data in enumerate(_transport_statuses):
                if not isinstance(transport_statuses_item_data, dict):
                    problems = _dropped(
                        problems,
                        "transport_statuses",
                        transport_statuses_index,
                        transport_statuses_item_data,
                        "an object",
                    )
                    continue
                transport_statuses_item = ConversationMessageTransportStatus.from_dict(transport_statuses_item_data)
                problems = _nested(problems, "transport_statuses", transport_statuses_item, transport_statuses_index)
                transport_statuses.append(transport_statuses_item)

        type_ = src_dict.get("type", UNSET)
        if type_.__class__ is not str and type_ is not UNSET and type_ is not None and not isinstance(type_, str):
            problems = _off_type(problems, "type", type_, "a string")
            type_ = UNSET

        _upload_keys = src_dict.get("upload_keys", UNSET)
        upload_keys: list[str] | None | Unset
        if _upload_keys is UNSET or _upload_keys is None:
            upload_keys = _upload_keys
        elif not isinstance(_upload_keys, list):
            problems = _off_type(problems, "upload_keys", _upload_keys, "an array")
            upload_keys = UNSET
        else:
            upload_keys = []
            for upload_keys_index, upload_keys_item_data in enumerate(_upload_keys):
                try:
                    upload_keys_item = upload_keys_item_data
                    if (
                        upload_keys_item.__class__ is not str
                        and upload_keys_item is not UNSET
                        and not isinstance(upload_keys_item, (str, Unset))
                    ):
                        raise TypeError("upload_keys_item: expected a string, got " + type(upload_keys_item).__name__)
                except TypeError as error:
                    problems = _dropped(problems, "upload_keys", upload_keys_index, upload_keys_item_data, error)
                    continue
                upload_keys.append(upload_keys_item)

        conversation_message = cls(
            author_conversation_participant_arn,
            author_conversation_participant_name,
            body,
            client_message_id,
            conversation_message_uuid,
            delay_until_dts,
            language_iso_code,
            media_urls,
            merchant_id,
            message_dts,
            message_epoch,
            message_type,
            translations,
            transport_statuses,
            type_,
            upload_keys,
        )
        if not _KNOWN_KEYS.issuperset(src_dict):
            conversation_message.additional_properties = {
                key: value for key, value in src_dict.items() if key not in _KNOWN_KEYS
            }
        if problems is not None:
            _finish(conversation_message, problems, src_dict, _KNOWN_KEYS)
        return conversation_message

    @staticmethod
    def _fast_fields() -> tuple[tuple[str, str, Any, bool], ...]:
        """(attribute, JSON key, kind, required) of each field, for the fast reader."""
        return (
            ("author_conversation_participant_arn", "author_conversation_participant_arn", str, False),
            ("author_conversation_participant_name", "author_conversation_participant_name", str, False),
            ("body", "body", str, False),
            ("client_message_id", "client_message_id", str, False),
            ("conversation_message_uuid", "conversation_message_uuid", str, False),
            ("delay_until_dts", "delay_until_dts", str, False),
            ("language_iso_code", "language_iso_code", str, False),
            ("media_urls", "media_urls", [str], False),
            ("merchant_id", "merchant_id", str, False),
            ("message_dts", "message_dts", str, False),
            ("message_epoch", "message_epoch", int, False),
            ("message_type", "message_type", str, False),
            ("translations", "translations", [ConversationMessageTranslation], False),
            ("transport_statuses", "transport_statuses", [ConversationMessageTransportStatus], False),
            ("type_", "type", str, False),
            ("upload_keys", "upload_keys", [str], False),
        )

    @classmethod
    def _from_fast(cls: type[T], decoded: Any) -> T:
        """The model from what the fast reader decoded: its slots filled directly."""
        conversation_message = object.__new__(cls)
        conversation_message.author_conversation_participant_arn = decoded.author_conversation_participant_arn
        conversation_message.author_conversation_participant_name = decoded.author_conversation_participant_name
        conversation_message.body = decoded.body
        conversation_message.client_message_id = decoded.client_message_id
        conversation_message.conversation_message_uuid = decoded.conversation_message_uuid
        conversation_message.delay_until_dts = decoded.delay_until_dts
        conversation_message.language_iso_code = decoded.language_iso_code
        conversation_message.media_urls = decoded.media_urls
        conversation_message.merchant_id = decoded.merchant_id
        conversation_message.message_dts = decoded.message_dts
        conversation_message.message_epoch = decoded.message_epoch
        conversation_message.message_type = decoded.message_type
        value = decoded.translations
        conversation_message.translations = (
            value if value is UNSET or value is None else list(map(ConversationMessageTranslation._from_fast, value))
        )
        value = decoded.transport_statuses
        conversation_message.transport_statuses = (
            value
            if value is UNSET or value is None
            else list(map(ConversationMessageTransportStatus._from_fast, value))
        )
        conversation_message.type_ = decoded.type_
        conversation_message.upload_keys = decoded.upload_keys
        conversation_message.additional_properties = {}
        return conversation_message

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
from ..models.conversation_message_translation import ConversationMessageTranslation  # noqa: E402
from ..models.conversation_message_transport_status import ConversationMessageTransportStatus  # noqa: E402
