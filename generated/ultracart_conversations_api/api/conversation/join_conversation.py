from http import HTTPStatus
from typing import Any
from urllib.parse import quote

import httpx

from ... import errors
from ...client import AuthenticatedClient, Client
from ...models.conversation_join_request import ConversationJoinRequest
from ...models.error_response import ErrorResponse
from ...types import UNSET, Response, Unset


def _get_kwargs(
    conversation_uuid: str,
    *,
    body: ConversationJoinRequest | Unset = UNSET,
    x_ultra_cart_api_version: str | Unset = "2017-03-01",
) -> dict[str, Any]:
    headers: dict[str, Any] = {}
    if not isinstance(x_ultra_cart_api_version, Unset):
        headers["X-UltraCart-Api-Version"] = x_ultra_cart_api_version

    _kwargs: dict[str, Any] = {
        "method": "put",
        "url": "/conversation/conversations/{conversation_uuid}/join".format(
            conversation_uuid=quote(str(conversation_uuid), safe=""),
        ),
    }

    if body is None:
        _kwargs["json"] = None
    elif not isinstance(body, Unset):
        _kwargs["json"] = body.to_dict()

    headers["Content-Type"] = "application/json"

    _kwargs["headers"] = headers
    return _kwargs


def _parse_response(*, client: AuthenticatedClient | Client, response: httpx.Response) -> Any | ErrorResponse | None:
    if response.status_code == 200:
        response_200 = None

        return response_200

    if response.status_code == 204:
        response_204 = None

        return response_204

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

    if response.status_code == 404:
        _response_404 = response.json()
        if not isinstance(_response_404, dict):
            raise TypeError("response_404: expected an object, got " + type(_response_404).__name__)
        response_404 = ErrorResponse.from_dict(_response_404)

        return response_404

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


def _build_response(*, client: AuthenticatedClient | Client, response: httpx.Response) -> Response[Any | ErrorResponse]:
    return Response(
        status_code=HTTPStatus(response.status_code),
        content=response.content,
        headers=response.headers,
        parsed=_parse_response(client=client, response=response),
    )


def sync_detailed(
    conversation_uuid: str,
    *,
    client: AuthenticatedClient,
    body: ConversationJoinRequest | Unset = UNSET,
    x_ultra_cart_api_version: str | Unset = "2017-03-01",
) -> Response[Any | ErrorResponse]:
    """Join a conversation

     Adds the calling agent to the conversation's participants.

    Args:
        conversation_uuid (str):
        x_ultra_cart_api_version (str | Unset):  Default: '2017-03-01'.
        body (ConversationJoinRequest | Unset):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[Any | ErrorResponse]
    """

    kwargs = _get_kwargs(
        conversation_uuid=conversation_uuid,
        body=body,
        x_ultra_cart_api_version=x_ultra_cart_api_version,
    )

    response = client.get_httpx_client().request(
        **kwargs,
    )

    return _build_response(client=client, response=response)


def sync(
    conversation_uuid: str,
    *,
    client: AuthenticatedClient,
    body: ConversationJoinRequest | Unset = UNSET,
    x_ultra_cart_api_version: str | Unset = "2017-03-01",
) -> Any | ErrorResponse | None:
    """Join a conversation

     Adds the calling agent to the conversation's participants.

    Args:
        conversation_uuid (str):
        x_ultra_cart_api_version (str | Unset):  Default: '2017-03-01'.
        body (ConversationJoinRequest | Unset):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Any | ErrorResponse
    """

    return sync_detailed(
        conversation_uuid=conversation_uuid,
        client=client,
        body=body,
        x_ultra_cart_api_version=x_ultra_cart_api_version,
    ).parsed


async def asyncio_detailed(
    conversation_uuid: str,
    *,
    client: AuthenticatedClient,
    body: ConversationJoinRequest | Unset = UNSET,
    x_ultra_cart_api_version: str | Unset = "2017-03-01",
) -> Response[Any | ErrorResponse]:
    """Join a conversation

     Adds the calling agent to the conversation's participants.

    Args:
        conversation_uuid (str):
        x_ultra_cart_api_version (str | Unset):  Default: '2017-03-01'.
        body (ConversationJoinRequest | Unset):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[Any | ErrorResponse]
    """

    kwargs = _get_kwargs(
        conversation_uuid=conversation_uuid,
        body=body,
        x_ultra_cart_api_version=x_ultra_cart_api_version,
    )

    response = await client.get_async_httpx_client().request(**kwargs)

    return _build_response(client=client, response=response)


async def asyncio(
    conversation_uuid: str,
    *,
    client: AuthenticatedClient,
    body: ConversationJoinRequest | Unset = UNSET,
    x_ultra_cart_api_version: str | Unset = "2017-03-01",
) -> Any | ErrorResponse | None:
    """Join a conversation

     Adds the calling agent to the conversation's participants.

    Args:
        conversation_uuid (str):
        x_ultra_cart_api_version (str | Unset):  Default: '2017-03-01'.
        body (ConversationJoinRequest | Unset):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Any | ErrorResponse
    """

    return (
        await asyncio_detailed(
            conversation_uuid=conversation_uuid,
            client=client,
            body=body,
            x_ultra_cart_api_version=x_ultra_cart_api_version,
        )
    ).parsed
