import datetime
from http import HTTPStatus
from typing import Any

import httpx

from ... import errors
from ...client import AuthenticatedClient, Client
from ...models.conversations_response import ConversationsResponse
from ...models.error_response import ErrorResponse
from ...models.get_conversations_medium import GetConversationsMedium
from ...types import UNSET, Response, Unset


def _get_kwargs(
    *,
    medium: GetConversationsMedium | Unset = UNSET,
    before: datetime.datetime | Unset = UNSET,
    field_limit: int | Unset = 100,
    field_offset: int | Unset = 0,
    x_ultra_cart_api_version: str | Unset = "2017-03-01",
) -> dict[str, Any]:
    headers: dict[str, Any] = {}
    if not isinstance(x_ultra_cart_api_version, Unset):
        headers["X-UltraCart-Api-Version"] = x_ultra_cart_api_version

    params: dict[str, Any] = {}

    json_medium: str | None | Unset = UNSET
    if not isinstance(medium, Unset):
        json_medium = medium

    params["medium"] = json_medium

    json_before: str | Unset = UNSET
    if not isinstance(before, Unset):
        json_before = before.isoformat()
    params["before"] = json_before

    params["_limit"] = field_limit

    params["_offset"] = field_offset

    params = {k: v for k, v in params.items() if v is not UNSET and v is not None}

    _kwargs: dict[str, Any] = {
        "method": "get",
        "url": "/conversation/conversations",
        "params": params,
    }

    _kwargs["headers"] = headers
    return _kwargs


def _parse_response(
    *, client: AuthenticatedClient | Client, response: httpx.Response
) -> ConversationsResponse | ErrorResponse | None:
    if response.status_code == 200:
        _response_200 = response.json()
        if not isinstance(_response_200, dict):
            raise TypeError("response_200: expected an object, got " + type(_response_200).__name__)
        response_200 = ConversationsResponse.from_dict(_response_200)

        return response_200

    if response.status_code == 400:
        _response_400 = response.json()
        if not isinstance(_response_400, dict):
            raise TypeError("response_400: expected an object, got " + type(_response_400).__name__)
        response_400 = ErrorResponse.from_dict(_response_400)

        return response_400

    if response.status_code == 401:
        _response_401 = response.json()
        if not isinstance(_response_401, dict):
            raise TypeError("response_401: expected an object, got " + type(_response_401).__name__)
        response_401 = ErrorResponse.from_dict(_response_401)

        return response_401

    if response.status_code == 410:
        _response_410 = response.json()
        if not isinstance(_response_410, dict):
            raise TypeError("response_410: expected an object, got " + type(_response_410).__name__)
        response_410 = ErrorResponse.from_dict(_response_410)

        return response_410

    if response.status_code == 429:
        _response_429 = response.json()
        if not isinstance(_response_429, dict):
            raise TypeError("response_429: expected an object, got " + type(_response_429).__name__)
        response_429 = ErrorResponse.from_dict(_response_429)

        return response_429

    if response.status_code == 500:
        _response_500 = response.json()
        if not isinstance(_response_500, dict):
            raise TypeError("response_500: expected an object, got " + type(_response_500).__name__)
        response_500 = ErrorResponse.from_dict(_response_500)

        return response_500

    if client.raise_on_unexpected_status:
        raise errors.UnexpectedStatus(response.status_code, response.content)
    else:
        return None


def _build_response(
    *, client: AuthenticatedClient | Client, response: httpx.Response
) -> Response[ConversationsResponse | ErrorResponse]:
    return Response(
        status_code=HTTPStatus(response.status_code),
        content=response.content,
        headers=response.headers,
        parsed=_parse_response(client=client, response=response),
    )


def sync_detailed(
    *,
    client: AuthenticatedClient,
    medium: GetConversationsMedium | Unset = UNSET,
    before: datetime.datetime | Unset = UNSET,
    field_limit: int | Unset = 100,
    field_offset: int | Unset = 0,
    x_ultra_cart_api_version: str | Unset = "2017-03-01",
) -> Response[ConversationsResponse | ErrorResponse]:
    """Retrieve a list of conversation summaries newest to oldest

     One page of conversation summaries, most recent first, each with its latest message and whether it
    has been read.

    Args:
        medium (GetConversationsMedium | Unset):
        before (datetime.datetime | Unset):
        field_limit (int | Unset):  Default: 100.
        field_offset (int | Unset):  Default: 0.
        x_ultra_cart_api_version (str | Unset):  Default: '2017-03-01'.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[ConversationsResponse | ErrorResponse]
    """

    kwargs = _get_kwargs(
        medium=medium,
        before=before,
        field_limit=field_limit,
        field_offset=field_offset,
        x_ultra_cart_api_version=x_ultra_cart_api_version,
    )

    response = client.get_httpx_client().request(
        **kwargs,
    )

    return _build_response(client=client, response=response)


def sync(
    *,
    client: AuthenticatedClient,
    medium: GetConversationsMedium | Unset = UNSET,
    before: datetime.datetime | Unset = UNSET,
    field_limit: int | Unset = 100,
    field_offset: int | Unset = 0,
    x_ultra_cart_api_version: str | Unset = "2017-03-01",
) -> ConversationsResponse | ErrorResponse | None:
    """Retrieve a list of conversation summaries newest to oldest

     One page of conversation summaries, most recent first, each with its latest message and whether it
    has been read.

    Args:
        medium (GetConversationsMedium | Unset):
        before (datetime.datetime | Unset):
        field_limit (int | Unset):  Default: 100.
        field_offset (int | Unset):  Default: 0.
        x_ultra_cart_api_version (str | Unset):  Default: '2017-03-01'.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        ConversationsResponse | ErrorResponse
    """

    return sync_detailed(
        client=client,
        medium=medium,
        before=before,
        field_limit=field_limit,
        field_offset=field_offset,
        x_ultra_cart_api_version=x_ultra_cart_api_version,
    ).parsed


async def asyncio_detailed(
    *,
    client: AuthenticatedClient,
    medium: GetConversationsMedium | Unset = UNSET,
    before: datetime.datetime | Unset = UNSET,
    field_limit: int | Unset = 100,
    field_offset: int | Unset = 0,
    x_ultra_cart_api_version: str | Unset = "2017-03-01",
) -> Response[ConversationsResponse | ErrorResponse]:
    """Retrieve a list of conversation summaries newest to oldest

     One page of conversation summaries, most recent first, each with its latest message and whether it
    has been read.

    Args:
        medium (GetConversationsMedium | Unset):
        before (datetime.datetime | Unset):
        field_limit (int | Unset):  Default: 100.
        field_offset (int | Unset):  Default: 0.
        x_ultra_cart_api_version (str | Unset):  Default: '2017-03-01'.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[ConversationsResponse | ErrorResponse]
    """

    kwargs = _get_kwargs(
        medium=medium,
        before=before,
        field_limit=field_limit,
        field_offset=field_offset,
        x_ultra_cart_api_version=x_ultra_cart_api_version,
    )

    response = await client.get_async_httpx_client().request(**kwargs)

    return _build_response(client=client, response=response)


async def asyncio(
    *,
    client: AuthenticatedClient,
    medium: GetConversationsMedium | Unset = UNSET,
    before: datetime.datetime | Unset = UNSET,
    field_limit: int | Unset = 100,
    field_offset: int | Unset = 0,
    x_ultra_cart_api_version: str | Unset = "2017-03-01",
) -> ConversationsResponse | ErrorResponse | None:
    """Retrieve a list of conversation summaries newest to oldest

     One page of conversation summaries, most recent first, each with its latest message and whether it
    has been read.

    Args:
        medium (GetConversationsMedium | Unset):
        before (datetime.datetime | Unset):
        field_limit (int | Unset):  Default: 100.
        field_offset (int | Unset):  Default: 0.
        x_ultra_cart_api_version (str | Unset):  Default: '2017-03-01'.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        ConversationsResponse | ErrorResponse
    """

    return (
        await asyncio_detailed(
            client=client,
            medium=medium,
            before=before,
            field_limit=field_limit,
            field_offset=field_offset,
            x_ultra_cart_api_version=x_ultra_cart_api_version,
        )
    ).parsed
