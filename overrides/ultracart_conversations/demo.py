"""`make demo`: the client at work against a local FakeUltraCart, in a few seconds.

Run it with `python -m ultracart_conversations.demo`. No UltraCart account, network or
credentials needed: the fake runs on 127.0.0.1 inside this process.

The demo names operations (it shows them at work), but openapi.yaml may rename or remove
one: a step whose methods the client no longer has is skipped, and one that fails is
reported, saying so, and the demo goes on.
"""

from __future__ import annotations

import sys
import time
from collections.abc import Callable
from typing import TextIO, TypeVar

from ultracart_conversations import (
    ApiError,
    AuthenticationError,
    ConversationApi,
    InvalidRequestError,
    NotFoundError,
)
from ultracart_conversations.cli import main as cli_main
from ultracart_conversations.testing import FakeUltraCart, Fault
from ultracart_conversations_api.operations import OPERATIONS
from ultracart_conversations_api.types import Unset

T = TypeVar("T")


def listed(value: list[T] | Unset | None) -> list[T]:
    """Every model field is optional in the spec: an absent (or null) list reads as empty."""
    return value or []


class Narrator:
    def __init__(self, out: TextIO) -> None:
        self.out = out
        self.step: int = 0

    def section(self, title: str) -> None:
        self.step += 1
        self.say(f"\n== {self.step}. {title}")

    def step_with(self, title: str, needs: tuple[str, ...], run: Callable[[], object]) -> None:
        """Run one step of the demo, if the client still has the methods it `needs`."""
        missing = [name for name in needs if not hasattr(ConversationApi, name)]
        if missing:
            self.say(f"\n(skipped \"{title}\": the client has no {', '.join(missing)}; "
                     "openapi.yaml no longer has that operation)")  # fmt: skip
            return
        try:
            run()
        except (ApiError, InvalidRequestError, ImportError, TypeError, AttributeError) as e:
            self.say(f"(this step failed: {type(e).__name__}: {e}; has openapi.yaml changed?)")

    def say(self, text: str = "") -> None:
        self.out.write(text + "\n")
        self.out.flush()


def run(out: TextIO = sys.stdout) -> None:
    n = Narrator(out)
    with FakeUltraCart(conversations=45, seed=2024) as fake:
        n.say(f"A fake UltraCart is listening at {fake.base_url} (45 sample conversations).")
        with ConversationApi(simple_key=fake.simple_key, base_url=fake.base_url) as api:
            listing = ("get_conversations", "iter_conversations")
            n.step_with("pagination", listing, lambda: show_pagination(n, fake, api))
            started: list[str] = []
            starting = ("start_conversation", "get_conversations")
            n.step_with("start", starting, lambda: started.append(show_start(n, fake, api)))
            uuid = started[0] if started else fake.conversations[0]["conversation_uuid"]
            visiting = ("join_conversation", "get_conversation", "leave_conversation")
            n.step_with("join", visiting, lambda: show_join_get_leave(n, api, uuid))
            n.step_with("retry", ("get_conversations",), lambda: show_retry(n, fake, api))
            n.step_with("errors", ("get_conversation", "get_conversations"),
                        lambda: show_errors(n, fake, api))  # fmt: skip
        if any(o.cli and o.cli.command == "list" for o in OPERATIONS):
            show_cli(n, fake)
        else:
            n.say('\n(skipped "command line": openapi.yaml has no command "list" any more)')
    n.say("\nDone. Use the same fake in your own tests: see README, "
          '"Testing your code against a fake UltraCart".')  # fmt: skip


def show_pagination(n: Narrator, fake: FakeUltraCart, api: ConversationApi) -> None:
    n.section("List conversations, newest first, page by page")
    page = api.get_conversations(limit=20, offset=0)
    assert page.metadata
    rs = page.metadata.result_set
    assert rs
    n.say(f"get_conversations(limit=20): {rs.count} summaries; more={rs.more}, "
          f"next_offset={rs.next_offset}, total_records={rs.total_records}")  # fmt: skip
    before = fake.count("getConversations")
    summaries = list(api.iter_conversations(page_size=20))
    requests = fake.count("getConversations") - before
    n.say(
        f"iter_conversations(page_size=20): {len(summaries)} conversations in {requests} requests"
    )
    for s in summaries[:3]:
        n.say(f"  {s.conversation_uuid}  {s.last_message_dts}  {s.last_conversation_message_body}")
    n.say(f"  ... and {len(summaries) - 3} more")


def show_start(n: Narrator, fake: FakeUltraCart, api: ConversationApi) -> str:
    from ultracart_conversations import ConversationStartRequest

    n.section("Start a conversation")
    started = api.start_conversation(
        ConversationStartRequest(
            conversation_arn="arn:demo:sms:+15555550123",
            add_conversation_participant_arns=["arn:demo:customer:42"],
        )
    )
    assert started.conversation
    uuid = str(started.conversation.conversation_uuid)
    n.say(f"start_conversation(...).conversation.conversation_uuid = {uuid}")
    head = listed(api.get_conversations(limit=1).conversations)[0]
    n.say(f"It is now at the head of the list: {head.conversation_uuid == uuid}")
    return uuid


def show_join_get_leave(n: Narrator, api: ConversationApi, uuid: str) -> None:
    from ultracart_conversations import ConversationJoinRequest

    n.section("Join it, read it, leave it")
    api.join_conversation(
        uuid, join_request=ConversationJoinRequest(participant_language_iso_code="en")
    )
    conversation = api.get_conversation(uuid).conversation
    assert conversation
    for p in listed(conversation.participants):
        n.say(
            f"  participant {p.conversation_participant_name}: {p.status} ({p.language_iso_code})"
        )
    api.leave_conversation(uuid)
    again = api.get_conversation(uuid).conversation
    assert again
    after = listed(again.participants)[-1]
    n.say(f"leave_conversation -> {after.conversation_participant_name} is now {after.status}")


def show_retry(n: Narrator, fake: FakeUltraCart, api: ConversationApi) -> None:
    n.section("A rate-limited call is retried")
    fake.inject("getConversations", Fault.status(429, retry_after="1"))
    before = fake.count("getConversations")
    began = time.monotonic()
    page = api.get_conversations(limit=5)
    took = time.monotonic() - began
    n.say("The fake answered 429 with Retry-After: 1; the client waited and tried again:")
    requests = fake.count("getConversations") - before
    returned = len(listed(page.conversations))
    n.say(f"  {requests} requests, {returned} conversations returned, {took:.1f} s")


def show_errors(n: Narrator, fake: FakeUltraCart, api: ConversationApi) -> None:
    n.section("Errors are typed and readable (and never show credentials)")
    try:
        api.get_conversation("no-such-conversation")
    except NotFoundError as e:
        n.say(f"  {type(e).__name__} (status {e.status}): {e}")
    wrong_key = "not-" + fake.simple_key[:8]
    with ConversationApi(simple_key=wrong_key, base_url=fake.base_url) as bad:
        try:
            bad.get_conversations()
        except AuthenticationError as e:
            n.say(f"  {type(e).__name__} (status {e.status}): {e}")
            assert wrong_key not in str(e)
    fake.inject("getConversation", *[Fault.status(503)] * 3)
    before = fake.count("getConversation")
    try:
        api.get_conversation(fake.conversations[0]["conversation_uuid"])
    except ApiError as e:
        tries = fake.count("getConversation") - before
        n.say(f"  {type(e).__name__} after {tries} tries (503 each time): {e}")


def show_cli(n: Narrator, fake: FakeUltraCart) -> None:
    n.section("The same from the command line")
    n.say("$ ultracart-conversations list --limit 3   (with ULTRACART_SIMPLE_KEY set)")
    env = {"ULTRACART_SIMPLE_KEY": fake.simple_key, "ULTRACART_BASE_URL": fake.base_url}
    cli_main(["list", "--limit", "3"], environ=env, stdout=n.out, stderr=n.out)


if __name__ == "__main__":
    run()
