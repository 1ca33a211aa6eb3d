from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, TypeVar

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

if TYPE_CHECKING:
    from ..models.conversation_agent_auth_merchant import ConversationAgentAuthMerchant
    from ..models.conversation_twilio_account import ConversationTwilioAccount


T = TypeVar("T", bound="ConversationAgentAuth")

# The JSON keys that are fields; any other key of a document is an additional property.
_KNOWN_KEYS = frozenset(
    {
        "chat_admin",
        "chat_user",
        "conversation_participant_arn",
        "conversation_participant_name",
        "customer_profile",
        "default_phone_number",
        "group_ids",
        "jwt",
        "merchant_id",
        "merchants",
        "parent_merchant_id",
        "pbx_admin",
        "pbx_jwt",
        "pbx_supervisor",
        "pbx_user",
        "pbx_voice_identity",
        "pbx_voice_token",
        "pbx_worker_token",
        "pbx_worker_token_v2",
        "twilio_accounts",
        "user_id",
        "websocket_url",
    }
)


@_attrs_define
class ConversationAgentAuth:
    """
    Attributes:
        chat_admin (bool | Unset):
        chat_user (bool | Unset):
        conversation_participant_arn (str | Unset):
        conversation_participant_name (str | Unset):
        customer_profile (bool | Unset):
        default_phone_number (str | Unset):
        group_ids (list[int] | Unset):
        jwt (str | Unset): Authorizes the websocket connection
        merchant_id (str | Unset):
        merchants (list[ConversationAgentAuthMerchant] | Unset):
        parent_merchant_id (str | Unset):
        pbx_admin (bool | Unset):
        pbx_jwt (str | Unset):
        pbx_supervisor (bool | Unset):
        pbx_user (bool | Unset):
        pbx_voice_identity (str | Unset):
        pbx_voice_token (str | Unset):
        pbx_worker_token (str | Unset):
        pbx_worker_token_v2 (str | Unset):
        twilio_accounts (list[ConversationTwilioAccount] | Unset):
        user_id (int | Unset):
        websocket_url (str | Unset):
    """

    chat_admin: bool | Unset = UNSET
    chat_user: bool | Unset = UNSET
    conversation_participant_arn: str | Unset = UNSET
    conversation_participant_name: str | Unset = UNSET
    customer_profile: bool | Unset = UNSET
    default_phone_number: str | Unset = UNSET
    group_ids: list[int] | Unset = UNSET
    jwt: str | Unset = UNSET
    merchant_id: str | Unset = UNSET
    merchants: list[ConversationAgentAuthMerchant] | Unset = UNSET
    parent_merchant_id: str | Unset = UNSET
    pbx_admin: bool | Unset = UNSET
    pbx_jwt: str | Unset = UNSET
    pbx_supervisor: bool | Unset = UNSET
    pbx_user: bool | Unset = UNSET
    pbx_voice_identity: str | Unset = UNSET
    pbx_voice_token: str | Unset = UNSET
    pbx_worker_token: str | Unset = UNSET
    pbx_worker_token_v2: str | Unset = UNSET
    twilio_accounts: list[ConversationTwilioAccount] | Unset = UNSET
    user_id: int | Unset = UNSET
    websocket_url: str | Unset = UNSET
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        chat_admin = self.chat_admin

        chat_user = self.chat_user

        conversation_participant_arn = self.conversation_participant_arn

        conversation_participant_name = self.conversation_participant_name

        customer_profile = self.customer_profile

        default_phone_number = self.default_phone_number

        group_ids: list[int] | Unset = UNSET
        if not isinstance(self.group_ids, Unset):
            group_ids = self.group_ids

        jwt = self.jwt

        merchant_id = self.merchant_id

        merchants: list[dict[str, Any]] | Unset = UNSET
        if not isinstance(self.merchants, Unset):
            merchants = []
            for merchants_item_data in self.merchants:
                merchants_item = merchants_item_data.to_dict()
                merchants.append(merchants_item)

        parent_merchant_id = self.parent_merchant_id

        pbx_admin = self.pbx_admin

        pbx_jwt = self.pbx_jwt

        pbx_supervisor = self.pbx_supervisor

        pbx_user = self.pbx_user

        pbx_voice_identity = self.pbx_voice_identity

        pbx_voice_token = self.pbx_voice_token

        pbx_worker_token = self.pbx_worker_token

        pbx_worker_token_v2 = self.pbx_worker_token_v2

        twilio_accounts: list[dict[str, Any]] | Unset = UNSET
        if not isinstance(self.twilio_accounts, Unset):
            twilio_accounts = []
            for twilio_accounts_item_data in self.twilio_accounts:
                twilio_accounts_item = twilio_accounts_item_data.to_dict()
                twilio_accounts.append(twilio_accounts_item)

        user_id = self.user_id

        websocket_url = self.websocket_url

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update({})
        if chat_admin is not UNSET:
            field_dict["chat_admin"] = chat_admin
        if chat_user is not UNSET:
            field_dict["chat_user"] = chat_user
        if conversation_participant_arn is not UNSET:
            field_dict["conversation_participant_arn"] = conversation_participant_arn
        if conversation_participant_name is not UNSET:
            field_dict["conversation_participant_name"] = conversation_participant_name
        if customer_profile is not UNSET:
            field_dict["customer_profile"] = customer_profile
        if default_phone_number is not UNSET:
            field_dict["default_phone_number"] = default_phone_number
        if group_ids is not UNSET:
            field_dict["group_ids"] = group_ids
        if jwt is not UNSET:
            field_dict["jwt"] = jwt
        if merchant_id is not UNSET:
            field_dict["merchant_id"] = merchant_id
        if merchants is not UNSET:
            field_dict["merchants"] = merchants
        if parent_merchant_id is not UNSET:
            field_dict["parent_merchant_id"] = parent_merchant_id
        if pbx_admin is not UNSET:
            field_dict["pbx_admin"] = pbx_admin
        if pbx_jwt is not UNSET:
            field_dict["pbx_jwt"] = pbx_jwt
        if pbx_supervisor is not UNSET:
            field_dict["pbx_supervisor"] = pbx_supervisor
        if pbx_user is not UNSET:
            field_dict["pbx_user"] = pbx_user
        if pbx_voice_identity is not UNSET:
            field_dict["pbx_voice_identity"] = pbx_voice_identity
        if pbx_voice_token is not UNSET:
            field_dict["pbx_voice_token"] = pbx_voice_token
        if pbx_worker_token is not UNSET:
            field_dict["pbx_worker_token"] = pbx_worker_token
        if pbx_worker_token_v2 is not UNSET:
            field_dict["pbx_worker_token_v2"] = pbx_worker_token_v2
        if twilio_accounts is not UNSET:
            field_dict["twilio_accounts"] = twilio_accounts
        if user_id is not UNSET:
            field_dict["user_id"] = user_id
        if websocket_url is not UNSET:
            field_dict["websocket_url"] = websocket_url

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        chat_admin = src_dict.get("chat_admin", UNSET)
        if chat_admin.__class__ is not bool and chat_admin is not UNSET and not isinstance(chat_admin, (bool, Unset)):
            raise TypeError("chat_admin: expected a boolean, got " + type(chat_admin).__name__)

        chat_user = src_dict.get("chat_user", UNSET)
        if chat_user.__class__ is not bool and chat_user is not UNSET and not isinstance(chat_user, (bool, Unset)):
            raise TypeError("chat_user: expected a boolean, got " + type(chat_user).__name__)

        conversation_participant_arn = src_dict.get("conversation_participant_arn", UNSET)
        if (
            conversation_participant_arn.__class__ is not str
            and conversation_participant_arn is not UNSET
            and not isinstance(conversation_participant_arn, (str, Unset))
        ):
            raise TypeError(
                "conversation_participant_arn: expected a string, got " + type(conversation_participant_arn).__name__
            )

        conversation_participant_name = src_dict.get("conversation_participant_name", UNSET)
        if (
            conversation_participant_name.__class__ is not str
            and conversation_participant_name is not UNSET
            and not isinstance(conversation_participant_name, (str, Unset))
        ):
            raise TypeError(
                "conversation_participant_name: expected a string, got " + type(conversation_participant_name).__name__
            )

        customer_profile = src_dict.get("customer_profile", UNSET)
        if (
            customer_profile.__class__ is not bool
            and customer_profile is not UNSET
            and not isinstance(customer_profile, (bool, Unset))
        ):
            raise TypeError("customer_profile: expected a boolean, got " + type(customer_profile).__name__)

        default_phone_number = src_dict.get("default_phone_number", UNSET)
        if (
            default_phone_number.__class__ is not str
            and default_phone_number is not UNSET
            and not isinstance(default_phone_number, (str, Unset))
        ):
            raise TypeError("default_phone_number: expected a string, got " + type(default_phone_number).__name__)

        _group_ids = src_dict.get("group_ids", UNSET)
        group_ids: list[int] | Unset
        if _group_ids is UNSET:
            group_ids = UNSET
        else:
            if not isinstance(_group_ids, list):
                raise TypeError("group_ids: expected an array, got " + type(_group_ids).__name__)
            group_ids = []
            for group_ids_item_data in _group_ids:
                group_ids_item = group_ids_item_data
                if (
                    group_ids_item.__class__ is not int
                    and group_ids_item is not UNSET
                    and (not isinstance(group_ids_item, (int, Unset)) or isinstance(group_ids_item, bool))
                ):
                    raise TypeError("group_ids_item: expected an integer, got " + type(group_ids_item).__name__)
                group_ids.append(group_ids_item)

        jwt = src_dict.get("jwt", UNSET)
        if jwt.__class__ is not str and jwt is not UNSET and not isinstance(jwt, (str, Unset)):
            raise TypeError("jwt: expected a string, got " + type(jwt).__name__)

        merchant_id = src_dict.get("merchant_id", UNSET)
        if merchant_id.__class__ is not str and merchant_id is not UNSET and not isinstance(merchant_id, (str, Unset)):
            raise TypeError("merchant_id: expected a string, got " + type(merchant_id).__name__)

        _merchants = src_dict.get("merchants", UNSET)
        merchants: list[ConversationAgentAuthMerchant] | Unset
        if _merchants is UNSET:
            merchants = UNSET
        else:
            if not isinstance(_merchants, list):
                raise TypeError("merchants: expected an array, got " + type(_merchants).__name__)
            merchants = []
            for merchants_item_data in _merchants:
                _merchants_item = merchants_item_data
                if not isinstance(_merchants_item, dict):
                    raise TypeError("merchants_item: expected an object, got " + type(_merchants_item).__name__)
                merchants_item = ConversationAgentAuthMerchant.from_dict(_merchants_item)
                merchants.append(merchants_item)

        parent_merchant_id = src_dict.get("parent_merchant_id", UNSET)
        if (
            parent_merchant_id.__class__ is not str
            and parent_merchant_id is not UNSET
            and not isinstance(parent_merchant_id, (str, Unset))
        ):
            raise TypeError("parent_merchant_id: expected a string, got " + type(parent_merchant_id).__name__)

        pbx_admin = src_dict.get("pbx_admin", UNSET)
        if pbx_admin.__class__ is not bool and pbx_admin is not UNSET and not isinstance(pbx_admin, (bool, Unset)):
            raise TypeError("pbx_admin: expected a boolean, got " + type(pbx_admin).__name__)

        pbx_jwt = src_dict.get("pbx_jwt", UNSET)
        if pbx_jwt.__class__ is not str and pbx_jwt is not UNSET and not isinstance(pbx_jwt, (str, Unset)):
            raise TypeError("pbx_jwt: expected a string, got " + type(pbx_jwt).__name__)

        pbx_supervisor = src_dict.get("pbx_supervisor", UNSET)
        if (
            pbx_supervisor.__class__ is not bool
            and pbx_supervisor is not UNSET
            and not isinstance(pbx_supervisor, (bool, Unset))
        ):
            raise TypeError("pbx_supervisor: expected a boolean, got " + type(pbx_supervisor).__name__)

        pbx_user = src_dict.get("pbx_user", UNSET)
        if pbx_user.__class__ is not bool and pbx_user is not UNSET and not isinstance(pbx_user, (bool, Unset)):
            raise TypeError("pbx_user: expected a boolean, got " + type(pbx_user).__name__)

        pbx_voice_identity = src_dict.get("pbx_voice_identity", UNSET)
        if (
            pbx_voice_identity.__class__ is not str
            and pbx_voice_identity is not UNSET
            and not isinstance(pbx_voice_identity, (str, Unset))
        ):
            raise TypeError("pbx_voice_identity: expected a string, got " + type(pbx_voice_identity).__name__)

        pbx_voice_token = src_dict.get("pbx_voice_token", UNSET)
        if (
            pbx_voice_token.__class__ is not str
            and pbx_voice_token is not UNSET
            and not isinstance(pbx_voice_token, (str, Unset))
        ):
            raise TypeError("pbx_voice_token: expected a string, got " + type(pbx_voice_token).__name__)

        pbx_worker_token = src_dict.get("pbx_worker_token", UNSET)
        if (
            pbx_worker_token.__class__ is not str
            and pbx_worker_token is not UNSET
            and not isinstance(pbx_worker_token, (str, Unset))
        ):
            raise TypeError("pbx_worker_token: expected a string, got " + type(pbx_worker_token).__name__)

        pbx_worker_token_v2 = src_dict.get("pbx_worker_token_v2", UNSET)
        if (
            pbx_worker_token_v2.__class__ is not str
            and pbx_worker_token_v2 is not UNSET
            and not isinstance(pbx_worker_token_v2, (str, Unset))
        ):
            raise TypeError("pbx_worker_token_v2: expected a string, got " + type(pbx_worker_token_v2).__name__)

        _twilio_accounts = src_dict.get("twilio_accounts", UNSET)
        twilio_accounts: list[ConversationTwilioAccount] | Unset
        if _twilio_accounts is UNSET:
            twilio_accounts = UNSET
        else:
            if not isinstance(_twilio_accounts, list):
                raise TypeError("twilio_accounts: expected an array, got " + type(_twilio_accounts).__name__)
            twilio_accounts = []
            for twilio_accounts_item_data in _twilio_accounts:
                _twilio_accounts_item = twilio_accounts_item_data
                if not isinstance(_twilio_accounts_item, dict):
                    raise TypeError(
                        "twilio_accounts_item: expected an object, got " + type(_twilio_accounts_item).__name__
                    )
                twilio_accounts_item = ConversationTwilioAccount.from_dict(_twilio_accounts_item)
                twilio_accounts.append(twilio_accounts_item)

        user_id = src_dict.get("user_id", UNSET)
        if (
            user_id.__class__ is not int
            and user_id is not UNSET
            and (not isinstance(user_id, (int, Unset)) or isinstance(user_id, bool))
        ):
            raise TypeError("user_id: expected an integer, got " + type(user_id).__name__)

        websocket_url = src_dict.get("websocket_url", UNSET)
        if (
            websocket_url.__class__ is not str
            and websocket_url is not UNSET
            and not isinstance(websocket_url, (str, Unset))
        ):
            raise TypeError("websocket_url: expected a string, got " + type(websocket_url).__name__)

        conversation_agent_auth = cls(
            chat_admin,
            chat_user,
            conversation_participant_arn,
            conversation_participant_name,
            customer_profile,
            default_phone_number,
            group_ids,
            jwt,
            merchant_id,
            merchants,
            parent_merchant_id,
            pbx_admin,
            pbx_jwt,
            pbx_supervisor,
            pbx_user,
            pbx_voice_identity,
            pbx_voice_token,
            pbx_worker_token,
            pbx_worker_token_v2,
            twilio_accounts,
            user_id,
            websocket_url,
        )
        if not _KNOWN_KEYS.issuperset(src_dict):
            conversation_agent_auth.additional_properties = {
                key: value for key, value in src_dict.items() if key not in _KNOWN_KEYS
            }
        return conversation_agent_auth

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
from ..models.conversation_agent_auth_merchant import ConversationAgentAuthMerchant  # noqa: E402
from ..models.conversation_twilio_account import ConversationTwilioAccount  # noqa: E402
