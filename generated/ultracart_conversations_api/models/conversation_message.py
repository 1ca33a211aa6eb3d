from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, TypeVar

from attrs import define as _attrs_define
from attrs import field as _attrs_field

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
class ConversationMessage:
    """
    Attributes:
        author_conversation_participant_arn (str | Unset):
        author_conversation_participant_name (str | Unset):
        body (str | Unset):
        client_message_id (str | Unset):
        conversation_message_uuid (str | Unset):
        delay_until_dts (str | Unset): Held back until then (date/time)
        language_iso_code (str | Unset):
        media_urls (list[str] | Unset):
        merchant_id (str | Unset):
        message_dts (str | Unset): When it was sent (date/time)
        message_epoch (int | Unset):
        message_type (str | Unset):
        translations (list[ConversationMessageTranslation] | Unset):
        transport_statuses (list[ConversationMessageTransportStatus] | Unset):
        type_ (ConversationMessageType | Unset):
        upload_keys (list[str] | Unset):
    """

    author_conversation_participant_arn: str | Unset = UNSET
    author_conversation_participant_name: str | Unset = UNSET
    body: str | Unset = UNSET
    client_message_id: str | Unset = UNSET
    conversation_message_uuid: str | Unset = UNSET
    delay_until_dts: str | Unset = UNSET
    language_iso_code: str | Unset = UNSET
    media_urls: list[str] | Unset = UNSET
    merchant_id: str | Unset = UNSET
    message_dts: str | Unset = UNSET
    message_epoch: int | Unset = UNSET
    message_type: str | Unset = UNSET
    translations: list[ConversationMessageTranslation] | Unset = UNSET
    transport_statuses: list[ConversationMessageTransportStatus] | Unset = UNSET
    type_: ConversationMessageType | Unset = UNSET
    upload_keys: list[str] | Unset = UNSET
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        author_conversation_participant_arn = self.author_conversation_participant_arn

        author_conversation_participant_name = self.author_conversation_participant_name

        body = self.body

        client_message_id = self.client_message_id

        conversation_message_uuid = self.conversation_message_uuid

        delay_until_dts = self.delay_until_dts

        language_iso_code = self.language_iso_code

        media_urls: list[str] | Unset = UNSET
        if not isinstance(self.media_urls, Unset):
            media_urls = self.media_urls

        merchant_id = self.merchant_id

        message_dts = self.message_dts

        message_epoch = self.message_epoch

        message_type = self.message_type

        translations: list[dict[str, Any]] | Unset = UNSET
        if not isinstance(self.translations, Unset):
            translations = []
            for translations_item_data in self.translations:
                translations_item = translations_item_data.to_dict()
                translations.append(translations_item)

        transport_statuses: list[dict[str, Any]] | Unset = UNSET
        if not isinstance(self.transport_statuses, Unset):
            transport_statuses = []
            for transport_statuses_item_data in self.transport_statuses:
                transport_statuses_item = transport_statuses_item_data.to_dict()
                transport_statuses.append(transport_statuses_item)

        type_: str | Unset = UNSET
        if not isinstance(self.type_, Unset):
            type_ = self.type_

        upload_keys: list[str] | Unset = UNSET
        if not isinstance(self.upload_keys, Unset):
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
        author_conversation_participant_arn = src_dict.get("author_conversation_participant_arn", UNSET)
        if (
            author_conversation_participant_arn.__class__ is not str
            and author_conversation_participant_arn is not UNSET
            and not isinstance(author_conversation_participant_arn, (str, Unset))
        ):
            raise TypeError(
                "author_conversation_participant_arn: expected a string, got "
                + type(author_conversation_participant_arn).__name__
            )

        author_conversation_participant_name = src_dict.get("author_conversation_participant_name", UNSET)
        if (
            author_conversation_participant_name.__class__ is not str
            and author_conversation_participant_name is not UNSET
            and not isinstance(author_conversation_participant_name, (str, Unset))
        ):
            raise TypeError(
                "author_conversation_participant_name: expected a string, got "
                + type(author_conversation_participant_name).__name__
            )

        body = src_dict.get("body", UNSET)
        if body.__class__ is not str and body is not UNSET and not isinstance(body, (str, Unset)):
            raise TypeError("body: expected a string, got " + type(body).__name__)

        client_message_id = src_dict.get("client_message_id", UNSET)
        if (
            client_message_id.__class__ is not str
            and client_message_id is not UNSET
            and not isinstance(client_message_id, (str, Unset))
        ):
            raise TypeError("client_message_id: expected a string, got " + type(client_message_id).__name__)

        conversation_message_uuid = src_dict.get("conversation_message_uuid", UNSET)
        if (
            conversation_message_uuid.__class__ is not str
            and conversation_message_uuid is not UNSET
            and not isinstance(conversation_message_uuid, (str, Unset))
        ):
            raise TypeError(
                "conversation_message_uuid: expected a string, got " + type(conversation_message_uuid).__name__
            )

        delay_until_dts = src_dict.get("delay_until_dts", UNSET)
        if (
            delay_until_dts.__class__ is not str
            and delay_until_dts is not UNSET
            and not isinstance(delay_until_dts, (str, Unset))
        ):
            raise TypeError("delay_until_dts: expected a string, got " + type(delay_until_dts).__name__)

        language_iso_code = src_dict.get("language_iso_code", UNSET)
        if (
            language_iso_code.__class__ is not str
            and language_iso_code is not UNSET
            and not isinstance(language_iso_code, (str, Unset))
        ):
            raise TypeError("language_iso_code: expected a string, got " + type(language_iso_code).__name__)

        _media_urls = src_dict.get("media_urls", UNSET)
        media_urls: list[str] | Unset
        if _media_urls is UNSET:
            media_urls = UNSET
        else:
            if not isinstance(_media_urls, list):
                raise TypeError("media_urls: expected an array, got " + type(_media_urls).__name__)
            media_urls = []
            for media_urls_item_data in _media_urls:
                media_urls_item = media_urls_item_data
                if (
                    media_urls_item.__class__ is not str
                    and media_urls_item is not UNSET
                    and not isinstance(media_urls_item, (str, Unset))
                ):
                    raise TypeError("media_urls_item: expected a string, got " + type(media_urls_item).__name__)
                media_urls.append(media_urls_item)

        merchant_id = src_dict.get("merchant_id", UNSET)
        if merchant_id.__class__ is not str and merchant_id is not UNSET and not isinstance(merchant_id, (str, Unset)):
            raise TypeError("merchant_id: expected a string, got " + type(merchant_id).__name__)

        message_dts = src_dict.get("message_dts", UNSET)
        if message_dts.__class__ is not str and message_dts is not UNSET and not isinstance(message_dts, (str, Unset)):
            raise TypeError("message_dts: expected a string, got " + type(message_dts).__name__)

        message_epoch = src_dict.get("message_epoch", UNSET)
        if (
            message_epoch.__class__ is not int
            and message_epoch is not UNSET
            and (not isinstance(message_epoch, (int, Unset)) or isinstance(message_epoch, bool))
        ):
            raise TypeError("message_epoch: expected an integer, got " + type(message_epoch).__name__)

        message_type = src_dict.get("message_type", UNSET)
        if (
            message_type.__class__ is not str
            and message_type is not UNSET
            and not isinstance(message_type, (str, Unset))
        ):
            raise TypeError("message_type: expected a string, got " + type(message_type).__name__)

        _translations = src_dict.get("translations", UNSET)
        translations: list[ConversationMessageTranslation] | Unset
        if _translations is UNSET:
            translations = UNSET
        else:
            if not isinstance(_translations, list):
                raise TypeError("translations: expected an array, got " + type(_translations).__name__)
            translations = []
            for translations_item_data in _translations:
                _translations_item = translations_item_data
                if not isinstance(_translations_item, dict):
                    raise TypeError("translations_item: expected an object, got " + type(_translations_item).__name__)
                translations_item = ConversationMessageTranslation.from_dict(_translations_item)
                translations.append(translations_item)

        _transport_statuses = src_dict.get("transport_statuses", UNSET)
        transport_statuses: list[ConversationMessageTransportStatus] | Unset
        if _transport_statuses is UNSET:
            transport_statuses = UNSET
        else:
            if not isinstance(_transport_statuses, list):
                raise TypeError("transport_statuses: expected an array, got " + type(_transport_statuses).__name__)
            transport_statuses = []
            for transport_statuses_item_data in _transport_statuses:
                _transport_statuses_item = transport_statuses_item_data
                if not isinstance(_transport_statuses_item, dict):
                    raise TypeError(
                        "transport_statuses_item: expected an object, got " + type(_transport_statuses_item).__name__
                    )
                transport_statuses_item = ConversationMessageTransportStatus.from_dict(_transport_statuses_item)
                transport_statuses.append(transport_statuses_item)

        type_ = src_dict.get("type", UNSET)
        if type_.__class__ is not str and type_ is not UNSET and not isinstance(type_, (str, Unset)):
            raise TypeError("type: expected a string, got " + type(type_).__name__)

        _upload_keys = src_dict.get("upload_keys", UNSET)
        upload_keys: list[str] | Unset
        if _upload_keys is UNSET:
            upload_keys = UNSET
        else:
            if not isinstance(_upload_keys, list):
                raise TypeError("upload_keys: expected an array, got " + type(_upload_keys).__name__)
            upload_keys = []
            for upload_keys_item_data in _upload_keys:
                upload_keys_item = upload_keys_item_data
                if (
                    upload_keys_item.__class__ is not str
                    and upload_keys_item is not UNSET
                    and not isinstance(upload_keys_item, (str, Unset))
                ):
                    raise TypeError("upload_keys_item: expected a string, got " + type(upload_keys_item).__name__)
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
