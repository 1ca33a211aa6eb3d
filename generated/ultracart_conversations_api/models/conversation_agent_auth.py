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
class ConversationAgentAuth(_ModelBase):
    """
    Attributes:
        chat_admin (bool | None | Unset):
        chat_user (bool | None | Unset):
        conversation_participant_arn (str | None | Unset):
        conversation_participant_name (str | None | Unset):
        customer_profile (bool | None | Unset):
        default_phone_number (str | None | Unset):
        group_ids (list[int] | None | Unset):
        jwt (str | None | Unset): Authorizes the websocket connection
        merchant_id (str | None | Unset):
        merchants (list[ConversationAgentAuthMerchant] | None | Unset):
        parent_merchant_id (str | None | Unset):
        pbx_admin (bool | None | Unset):
        pbx_jwt (str | None | Unset):
        pbx_supervisor (bool | None | Unset):
        pbx_user (bool | None | Unset):
        pbx_voice_identity (str | None | Unset):
        pbx_voice_token (str | None | Unset):
        pbx_worker_token (str | None | Unset):
        pbx_worker_token_v2 (str | None | Unset):
        twilio_accounts (list[ConversationTwilioAccount] | None | Unset):
        user_id (int | None | Unset):
        websocket_url (str | None | Unset):
    """

    chat_admin: bool | None | Unset = UNSET
    chat_user: bool | None | Unset = UNSET
    conversation_participant_arn: str | None | Unset = UNSET
    conversation_participant_name: str | None | Unset = UNSET
    customer_profile: bool | None | Unset = UNSET
    default_phone_number: str | None | Unset = UNSET
    group_ids: list[int] | None | Unset = UNSET
    jwt: str | None | Unset = UNSET
    merchant_id: str | None | Unset = UNSET
    merchants: list[ConversationAgentAuthMerchant] | None | Unset = UNSET
    parent_merchant_id: str | None | Unset = UNSET
    pbx_admin: bool | None | Unset = UNSET
    pbx_jwt: str | None | Unset = UNSET
    pbx_supervisor: bool | None | Unset = UNSET
    pbx_user: bool | None | Unset = UNSET
    pbx_voice_identity: str | None | Unset = UNSET
    pbx_voice_token: str | None | Unset = UNSET
    pbx_worker_token: str | None | Unset = UNSET
    pbx_worker_token_v2: str | None | Unset = UNSET
    twilio_accounts: list[ConversationTwilioAccount] | None | Unset = UNSET
    user_id: int | None | Unset = UNSET
    websocket_url: str | None | Unset = UNSET
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        chat_admin = self.chat_admin

        chat_user = self.chat_user

        conversation_participant_arn = self.conversation_participant_arn

        conversation_participant_name = self.conversation_participant_name

        customer_profile = self.customer_profile

        default_phone_number = self.default_phone_number

        group_ids: list[int] | None | Unset = UNSET
        if self.group_ids is None:
            group_ids = None
        elif not isinstance(self.group_ids, Unset):
            group_ids = self.group_ids

        jwt = self.jwt

        merchant_id = self.merchant_id

        merchants: list[dict[str, Any]] | None | Unset = UNSET
        if self.merchants is None:
            merchants = None
        elif not isinstance(self.merchants, Unset):
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

        twilio_accounts: list[dict[str, Any]] | None | Unset = UNSET
        if self.twilio_accounts is None:
            twilio_accounts = None
        elif not isinstance(self.twilio_accounts, Unset):
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
        problems: _Problems | None = None
        chat_admin = src_dict.get("chat_admin", UNSET)
        if (
            chat_admin.__class__ is not bool
            and chat_admin is not UNSET
            and chat_admin is not None
            and not isinstance(chat_admin, bool)
        ):
            problems = _off_type(problems, "chat_admin", chat_admin, "a boolean")
            chat_admin = UNSET

        chat_user = src_dict.get("chat_user", UNSET)
        if (
            chat_user.__class__ is not bool
            and chat_user is not UNSET
            and chat_user is not None
            and not isinstance(chat_user, bool)
        ):
            problems = _off_type(problems, "chat_user", chat_user, "a boolean")
            chat_user = UNSET

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

        customer_profile = src_dict.get("customer_profile", UNSET)
        if (
            customer_profile.__class__ is not bool
            and customer_profile is not UNSET
            and customer_profile is not None
            and not isinstance(customer_profile, bool)
        ):
            problems = _off_type(problems, "customer_profile", customer_profile, "a boolean")
            customer_profile = UNSET

        default_phone_number = src_dict.get("default_phone_number", UNSET)
        if (
            default_phone_number.__class__ is not str
            and default_phone_number is not UNSET
            and default_phone_number is not None
            and not isinstance(default_phone_number, str)
        ):
            problems = _off_type(problems, "default_phone_number", default_phone_number, "a string")
            default_phone_number = UNSET

        _group_ids = src_dict.get("group_ids", UNSET)
        group_ids: list[int] | None | Unset
        if _group_ids is UNSET or _group_ids is None:
            group_ids = _group_ids
        elif not isinstance(_group_ids, list):
            problems = _off_type(problems, "group_ids", _group_ids, "an array")
            group_ids = UNSET
        else:
            group_ids = []
            for group_ids_index, group_ids_item_data in enumerate(_group_ids):
                try:
                    group_ids_item = group_ids_item_data
                    if (
                        group_ids_item.__class__ is not int
                        and group_ids_item is not UNSET
                        and (not isinstance(group_ids_item, (int, Unset)) or isinstance(group_ids_item, bool))
                    ):
                        raise TypeError("group_ids_item: expected an integer, got " + type(group_ids_item).__name__)
                except TypeError as error:
                    problems = _dropped(problems, "group_ids", group_ids_index, group_ids_item_data, error)
                    continue
                group_ids.append(group_ids_item)

        jwt = src_dict.get("jwt", UNSET)
        if jwt.__class__ is not str and jwt is not UNSET and jwt is not None and not isinstance(jwt, str):
            problems = _off_type(problems, "jwt", jwt, "a string")
            jwt = UNSET

        merchant_id = src_dict.get("merchant_id", UNSET)
        if (
            merchant_id.__class__ is not str
            and merchant_id is not UNSET
            and merchant_id is not None
            and not isinstance(merchant_id, str)
        ):
            problems = _off_type(problems, "merchant_id", merchant_id, "a string")
            merchant_id = UNSET

        _merchants = src_dict.get("merchants", UNSET)
        merchants: list[ConversationAgentAuthMerchant] | None | Unset
        if _merchants is UNSET or _merchants is None:
            merchants = _merchants
        elif not isinstance(_merchants, list):
            problems = _off_type(problems, "merchants", _merchants, "an array")
            merchants = UNSET
        else:
            merchants = []
            for merchants_index, merchants_item_data in enumerate(_merchants):
                if not isinstance(merchants_item_data, dict):
                    problems = _dropped(problems, "merchants", merchants_index, merchants_item_data, "an object")
                    continue
                merchants_item = ConversationAgentAuthMerchant.from_dict(merchants_item_data)
                problems = _nested(problems, "merchants", merchants_item, merchants_index)
                merchants.append(merchants_item)

        parent_merchant_id = src_dict.get("parent_merchant_id", UNSET)
        if (
            parent_merchant_id.__class__ is not str
            and parent_merchant_id is not UNSET
            and parent_merchant_id is not None
            and not isinstance(parent_merchant_id, str)
        ):
            problems = _off_type(problems, "parent_merchant_id", parent_merchant_id, "a string")
            parent_merchant_id = UNSET

        pbx_admin = src_dict.get("pbx_admin", UNSET)
        if (
            pbx_admin.__class__ is not bool
            and pbx_admin is not UNSET
            and pbx_admin is not None
            and not isinstance(pbx_admin, bool)
        ):
            problems = _off_type(problems, "pbx_admin", pbx_admin, "a boolean")
            pbx_admin = UNSET

        pbx_jwt = src_dict.get("pbx_jwt", UNSET)
        if (
            pbx_jwt.__class__ is not str
            and pbx_jwt is not UNSET
            and pbx_jwt is not None
            and not isinstance(pbx_jwt, str)
        ):
            problems = _off_type(problems, "pbx_jwt", pbx_jwt, "a string")
            pbx_jwt = UNSET

        pbx_supervisor = src_dict.get("pbx_supervisor", UNSET)
        if (
            pbx_supervisor.__class__ is not bool
            and pbx_supervisor is not UNSET
            and pbx_supervisor is not None
            and not isinstance(pbx_supervisor, bool)
        ):
            problems = _off_type(problems, "pbx_supervisor", pbx_supervisor, "a boolean")
            pbx_supervisor = UNSET

        pbx_user = src_dict.get("pbx_user", UNSET)
        if (
            pbx_user.__class__ is not bool
            and pbx_user is not UNSET
            and pbx_user is not None
            and not isinstance(pbx_user, bool)
        ):
            problems = _off_type(problems, "pbx_user", pbx_user, "a boolean")
            pbx_user = UNSET

        pbx_voice_identity = src_dict.get("pbx_voice_identity", UNSET)
        if (
            pbx_voice_identity.__class__ is not str
            and pbx_voice_identity is not UNSET
            and pbx_voice_identity is not None
            and not isinstance(pbx_voice_identity, str)
        ):
            problems = _off_type(problems, "pbx_voice_identity", pbx_voice_identity, "a string")
            pbx_voice_identity = UNSET

        pbx_voice_token = src_dict.get("pbx_voice_token", UNSET)
        if (
            pbx_voice_token.__class__ is not str
            and pbx_voice_token is not UNSET
            and pbx_voice_token is not None
            and not isinstance(pbx_voice_token, str)
        ):
            problems = _off_type(problems, "pbx_voice_token", pbx_voice_token, "a string")
            pbx_voice_token = UNSET

        pbx_worker_token = src_dict.get("pbx_worker_token", UNSET)
        if (
            pbx_worker_token.__class__ is not str
            and pbx_worker_token is not UNSET
            and pbx_worker_token is not None
            and not isinstance(pbx_worker_token, str)
        ):
            problems = _off_type(problems, "pbx_worker_token", pbx_worker_token, "a string")
            pbx_worker_token = UNSET

        pbx_worker_token_v2 = src_dict.get("pbx_worker_token_v2", UNSET)
        if (
            pbx_worker_token_v2.__class__ is not str
            and pbx_worker_token_v2 is not UNSET
            and pbx_worker_token_v2 is not None
            and not isinstance(pbx_worker_token_v2, str)
        ):
            problems = _off_type(problems, "pbx_worker_token_v2", pbx_worker_token_v2, "a string")
            pbx_worker_token_v2 = UNSET

        _twilio_accounts = src_dict.get("twilio_accounts", UNSET)
        twilio_accounts: list[ConversationTwilioAccount] | None | Unset
        if _twilio_accounts is UNSET or _twilio_accounts is None:
            twilio_accounts = _twilio_accounts
        elif not isinstance(_twilio_accounts, list):
            problems = _off_type(problems, "twilio_accounts", _twilio_accounts, "an array")
            twilio_accounts = UNSET
        else:
            twilio_accounts = []
            for twilio_accounts_index, twilio_accounts_item_data in enumerate(_twilio_accounts):
                if not isinstance(twilio_accounts_item_data, dict):
                    problems = _dropped(
                        problems, "twilio_accounts", twilio_accounts_index, twilio_accounts_item_data, "an object"
                    )
                    continue
                twilio_accounts_item = ConversationTwilioAccount.from_dict(twilio_accounts_item_data)
                problems = _nested(problems, "twilio_accounts", twilio_accounts_item, twilio_accounts_index)
                twilio_accounts.append(twilio_accounts_item)

        user_id = src_dict.get("user_id", UNSET)
        if (
            user_id.__class__ is not int
            and user_id is not UNSET
            and user_id is not None
            and (not isinstance(user_id, int) or isinstance(user_id, bool))
        ):
            problems = _off_type(problems, "user_id", user_id, "an integer")
            user_id = UNSET

        websocket_url = src_dict.get("websocket_url", UNSET)
        if (
            websocket_url.__class__ is not str
            and websocket_url is not UNSET
            and websocket_url is not None
            and not isinstance(websocket_url, str)
        ):
            problems = _off_type(problems, "websocket_url", websocket_url, "a string")
            websocket_url = UNSET

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
        if problems is not None:
            _finish(conversation_agent_auth, problems, src_dict, _KNOWN_KEYS)
        return conversation_agent_auth

    @staticmethod
    def _fast_fields() -> tuple[tuple[str, str, Any, bool], ...]:
        """(attribute, JSON key, kind, required) of each field, for the fast reader."""
        return (
            ("chat_admin", "chat_admin", bool, False),
            ("chat_user", "chat_user", bool, False),
            ("conversation_participant_arn", "conversation_participant_arn", str, False),
            ("conversation_participant_name", "conversation_participant_name", str, False),
            ("customer_profile", "customer_profile", bool, False),
            ("default_phone_number", "default_phone_number", str, False),
            ("group_ids", "group_ids", [int], False),
            ("jwt", "jwt", str, False),
            ("merchant_id", "merchant_id", str, False),
            ("merchants", "merchants", [ConversationAgentAuthMerchant], False),
            ("parent_merchant_id", "parent_merchant_id", str, False),
            ("pbx_admin", "pbx_admin", bool, False),
            ("pbx_jwt", "pbx_jwt", str, False),
            ("pbx_supervisor", "pbx_supervisor", bool, False),
            ("pbx_user", "pbx_user", bool, False),
            ("pbx_voice_identity", "pbx_voice_identity", str, False),
            ("pbx_voice_token", "pbx_voice_token", str, False),
            ("pbx_worker_token", "pbx_worker_token", str, False),
            ("pbx_worker_token_v2", "pbx_worker_token_v2", str, False),
            ("twilio_accounts", "twilio_accounts", [ConversationTwilioAccount], False),
            ("user_id", "user_id", int, False),
            ("websocket_url", "websocket_url", str, False),
        )

    @classmethod
    def _from_fast(cls: type[T], decoded: Any) -> T:
        """The model from what the fast reader decoded: its slots filled directly."""
        conversation_agent_auth = object.__new__(cls)
        conversation_agent_auth.chat_admin = decoded.chat_admin
        conversation_agent_auth.chat_user = decoded.chat_user
        conversation_agent_auth.conversation_participant_arn = decoded.conversation_participant_arn
        conversation_agent_auth.conversation_participant_name = decoded.conversation_participant_name
        conversation_agent_auth.customer_profile = decoded.customer_profile
        conversation_agent_auth.default_phone_number = decoded.default_phone_number
        conversation_agent_auth.group_ids = decoded.group_ids
        conversation_agent_auth.jwt = decoded.jwt
        conversation_agent_auth.merchant_id = decoded.merchant_id
        value = decoded.merchants
        conversation_agent_auth.merchants = (
            value if value is UNSET or value is None else list(map(ConversationAgentAuthMerchant._from_fast, value))
        )
        conversation_agent_auth.parent_merchant_id = decoded.parent_merchant_id
        conversation_agent_auth.pbx_admin = decoded.pbx_admin
        conversation_agent_auth.pbx_jwt = decoded.pbx_jwt
        conversation_agent_auth.pbx_supervisor = decoded.pbx_supervisor
        conversation_agent_auth.pbx_user = decoded.pbx_user
        conversation_agent_auth.pbx_voice_identity = decoded.pbx_voice_identity
        conversation_agent_auth.pbx_voice_token = decoded.pbx_voice_token
        conversation_agent_auth.pbx_worker_token = decoded.pbx_worker_token
        conversation_agent_auth.pbx_worker_token_v2 = decoded.pbx_worker_token_v2
        value = decoded.twilio_accounts
        conversation_agent_auth.twilio_accounts = (
            value if value is UNSET or value is None else list(map(ConversationTwilioAccount._from_fast, value))
        )
        conversation_agent_auth.user_id = decoded.user_id
        conversation_agent_auth.websocket_url = decoded.websocket_url
        conversation_agent_auth.additional_properties = {}
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
