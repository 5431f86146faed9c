"""A complete Messenger webhook bot on the standard library's http.server.

carekit does no I/O; this example does all of it: it answers Meta's
subscription GET, checks each POST's X-Hub-Signature-256, parses the payload
with carekit's adapter, asks the bot engine what to do, keeps the engine's
state as JSON in a file, and prints the Send API calls it would make (one
JSON object per line) instead of making them.

Run it (values from arguments or the environment):

    META_APP_SECRET=... META_VERIFY_TOKEN=... \\
        python examples/messenger_bot.py --port 8080 --state-file bot_state.json

Options: --host (CAREKIT_BOT_HOST, default 127.0.0.1), --port
(CAREKIT_BOT_PORT, default 8080), --state-file (CAREKIT_BOT_STATE, default
bot_state.json), --app-secret (META_APP_SECRET), --verify-token
(META_VERIFY_TOKEN).
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import os
import sys
import threading
from collections.abc import Callable, Sequence
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import IO, Any
from urllib.parse import parse_qs, urlsplit

from carekit import structure, unstructure
from carekit.adapters import (
    SIGNATURE_HEADER,
    SubscriptionAccepted,
    WebhookInput,
    parse_webhook,
    signature_is_valid,
    verify_subscription,
)
from carekit.bots import (
    BotAction,
    BotEngine,
    PageState,
    RequestSurvey,
    SendAwayMessage,
    SendInstantReply,
    TimePassed,
)
from carekit.errors import InvalidValue
from carekit.knowledge import Article, KnowledgeBase
from carekit.tickets import SendReply

Clock = Callable[[], dt.datetime]


def utc_now() -> dt.datetime:
    """The wall clock, read here in the example and never inside carekit."""
    return dt.datetime.now(dt.UTC)


ARTICLES = [
    Article(
        "hours",
        "Opening hours",
        body="When are you open? Our shop opening hours are Monday to Friday, 9 to 17.",
        tags=("hours",),
        language="en",
        answer="We are open Monday to Friday, 9:00 to 17:00.",
    ),
    Article(
        "refund",
        "Refunds",
        body="How do I get a refund for a broken, damaged or late order?",
        tags=("refund",),
        language="en",
        answer="You can ask for a refund at https://example.com/refunds.",
    ),
    Article(
        "shipping",
        "Shipping times",
        body="How long does delivery take? Shipping takes three to five days.",
        tags=("shipping",),
        language="en",
        answer="Delivery takes 3 to 5 working days.",
    ),
    Article(
        "password",
        "Reset your password",
        body="I forgot my password and cannot log in to my account.",
        tags=("account",),
        language="en",
        answer="Reset it at https://example.com/reset.",
    ),
    Article(
        "cancel",
        "Cancel a subscription",
        body="How do I cancel my subscription or membership?",
        tags=("billing",),
        language="en",
        answer="Cancel any time under Settings, Subscription.",
    ),
]
"""A small help centre; a real bot loads its own articles at start-up."""


def bot_engine() -> BotEngine:
    """The engine: the knowledge base (built once, outside the state) and
    the page's language."""
    return BotEngine(KnowledgeBase.of(ARTICLES), language="en")


def send_api_call(action: BotAction) -> dict[str, Any]:
    """What the bot would POST to the Send API (or do otherwise) for *action*."""
    match action:
        case SendReply():
            return _message(action.conversation_id, action.text)
        case SendInstantReply() | SendAwayMessage():
            return _message(action.customer_id, action.text)
        case RequestSurvey():
            return _message(action.customer_id, f"How did we do? ({action.kind.value})")
        case _:
            return {"action": type(action).__name__, **unstructure(action)}


def _message(recipient: str, text: str) -> dict[str, Any]:
    return {
        "send_api": {
            "recipient": {"id": recipient},
            "messaging_type": "RESPONSE",
            "message": {"text": text},
        }
    }


class Bot:
    """The bot's I/O around the engine: state file, clock, output, timer."""

    def __init__(
        self,
        engine: BotEngine,
        *,
        state_file: Path,
        app_secret: str,
        verify_token: str,
        out: IO[str] = sys.stdout,
        clock: Clock = utc_now,
    ) -> None:
        self.engine, self.state_file = engine, state_file
        self.app_secret, self.verify_token = app_secret, verify_token
        self.out, self.clock = out, clock
        self.lock = threading.Lock()
        self.timer: threading.Timer | None = None

    def load(self) -> dict[str, PageState]:
        if not self.state_file.exists():
            return {}
        pages = json.loads(self.state_file.read_text())
        return {page: structure(data, PageState) for page, data in pages.items()}

    def save(self, pages: dict[str, PageState]) -> None:
        data = {page: unstructure(state) for page, state in pages.items()}
        temporary = self.state_file.with_suffix(".tmp")
        temporary.write_text(json.dumps(data, indent=1, sort_keys=True))
        temporary.replace(self.state_file)

    def receive(self, inputs: Sequence[WebhookInput]) -> list[BotAction]:
        """Feed *inputs* to the engine, persist, print; the actions."""
        with self.lock:
            now = self.clock()
            pages = self.load()
            done: list[BotAction] = []
            for item in inputs:
                page = item.page_id  # webhook inputs all name one
                state = pages.get(page) or PageState(page)
                pages[page], actions = self.engine.handle(state, item, now)
                done.extend(actions)
            self.save(pages)
            self._print(done)
            self._schedule(pages, now)
            return done

    def tick(self) -> None:
        """The timer fired: send every page "time passed"."""
        with self.lock:
            now = self.clock()
            pages = self.load()
            done: list[BotAction] = []
            for page, state in pages.items():
                pages[page], actions = self.engine.handle(state, TimePassed(now), now)
                done.extend(actions)
            self.save(pages)
            self._print(done)
            self._schedule(pages, now)

    def _print(self, actions: Sequence[BotAction]) -> None:
        for action in actions:
            print(json.dumps(send_api_call(action), sort_keys=True), file=self.out)
        self.out.flush()

    def _schedule(self, pages: dict[str, PageState], now: dt.datetime) -> None:
        deadlines = [d for s in pages.values() if (d := s.next_deadline(now))]
        if self.timer is not None:
            self.timer.cancel()
        if deadlines:
            delay = (min(deadlines) - now).total_seconds()
            self.timer = threading.Timer(delay, self.tick)
            self.timer.daemon = True
            self.timer.start()


def handler_for(bot: Bot) -> type[BaseHTTPRequestHandler]:
    class Handler(BaseHTTPRequestHandler):
        def do_GET(self) -> None:
            query = parse_qs(urlsplit(self.path).query)

            def first(name: str) -> str | None:
                values = query.get(name)
                return values[0] if values else None

            answer = verify_subscription(
                first("hub.mode"),
                first("hub.verify_token"),
                first("hub.challenge"),
                expected_token=bot.verify_token,
            )
            if isinstance(answer, SubscriptionAccepted):
                self._reply(200, answer.challenge)
            else:
                self._reply(403, answer.reason)

        def do_POST(self) -> None:
            header = self.headers.get("Content-Length", "0").strip()
            # int() takes "-1", "+5", " 7" and "1_0": only plain digits are
            # a length; anything else gets a 400, never a traceback or a
            # read that blocks.
            if not (header.isascii() and header.isdigit()):
                self._reply(400, "bad Content-Length")
                return
            body = self.rfile.read(int(header))
            signature = self.headers.get(SIGNATURE_HEADER)
            if not signature_is_valid(body, signature, app_secret=bot.app_secret):
                self._reply(403, "bad or missing X-Hub-Signature-256")
                return
            try:
                inputs = parse_webhook(json.loads(body))
            except (ValueError, InvalidValue) as error:  # JSON or payload
                self._reply(400, f"bad payload: {error}")
                return
            bot.receive(inputs)
            self._reply(200, "EVENT_RECEIVED")

        def _reply(self, status: int, text: str) -> None:
            data = text.encode()
            self.send_response(status)
            self.send_header("Content-Type", "text/plain; charset=utf-8")
            self.send_header("Content-Length", str(len(data)))
            self.end_headers()
            self.wfile.write(data)

        def log_message(self, format: str, *args: Any) -> None:
            print(f"{self.address_string()} {format % args}", file=sys.stderr)

    return Handler


def make_server(bot: Bot, host: str, port: int) -> ThreadingHTTPServer:
    """The HTTP server (port 0: any free port; read ``server_address``)."""
    return ThreadingHTTPServer((host, port), handler_for(bot))


def arguments(argv: Sequence[str] | None = None) -> argparse.Namespace:
    env = os.environ.get
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--host", default=env("CAREKIT_BOT_HOST", "127.0.0.1"))
    parser.add_argument(
        "--port", type=int, default=int(env("CAREKIT_BOT_PORT", "8080"))
    )
    parser.add_argument(
        "--state-file",
        type=Path,
        default=Path(env("CAREKIT_BOT_STATE", "bot_state.json")),
    )
    parser.add_argument("--app-secret", default=env("META_APP_SECRET"))
    parser.add_argument("--verify-token", default=env("META_VERIFY_TOKEN"))
    found = parser.parse_args(argv)
    if not found.app_secret or not found.verify_token:
        parser.error(
            "give --app-secret and --verify-token"
            " (or META_APP_SECRET and META_VERIFY_TOKEN)"
        )
    return found


def main(argv: Sequence[str] | None = None) -> None:
    args = arguments(argv)
    bot = Bot(
        bot_engine(),
        state_file=args.state_file,
        app_secret=args.app_secret,
        verify_token=args.verify_token,
    )
    server = make_server(bot, args.host, args.port)
    port = server.server_address[1]
    print(
        f"listening on http://{args.host}:{port}/ (state in {args.state_file})",
        file=sys.stderr,
    )
    try:
        server.serve_forever()
    except KeyboardInterrupt:
        pass
    finally:
        server.server_close()


if __name__ == "__main__":
    main()
