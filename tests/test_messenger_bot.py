"""The example Messenger bot, driven over loopback: the subscription GET,
signed and unsigned POSTs with real-shaped payloads, the state file, and the
Send API calls it prints."""

from __future__ import annotations

import datetime as dt
import http.client
import importlib.util
import io
import json
import threading
import urllib.error
import urllib.request
from collections.abc import Iterator
from pathlib import Path
from types import ModuleType
from typing import Any

import pytest

from carekit import structure
from carekit.adapters import SIGNATURE_HEADER, signature_header
from carekit.bots import PageState

EXAMPLE = Path(__file__).parents[1] / "examples" / "messenger_bot.py"
SECRET, TOKEN, PAGE = "app-secret", "verify-me", "1234567890"
T0 = dt.datetime(2024, 3, 1, 9, 0, tzinfo=dt.UTC)
MS = int(T0.timestamp() * 1000)


def _load() -> ModuleType:
    spec = importlib.util.spec_from_file_location("messenger_bot", EXAMPLE)
    assert spec is not None
    assert spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


bot_example = _load()


class Server:
    def __init__(self, tmp_path: Path) -> None:
        self.out = io.StringIO()
        self.state_file = tmp_path / "state.json"
        self.bot = bot_example.Bot(
            bot_example.bot_engine(),
            state_file=self.state_file,
            app_secret=SECRET,
            verify_token=TOKEN,
            out=self.out,
            clock=lambda: T0,
        )
        self.httpd = bot_example.make_server(self.bot, "127.0.0.1", 0)
        self.url = f"http://127.0.0.1:{self.httpd.server_address[1]}/"
        self.thread = threading.Thread(
            target=self.httpd.serve_forever, args=(0.05,), daemon=True
        )
        self.thread.start()

    def get(self, query: str) -> tuple[int, str]:
        return self._open(urllib.request.Request(self.url + "?" + query))

    def post(self, body: bytes, signature: str | None) -> tuple[int, str]:
        headers = {"Content-Type": "application/json"}
        if signature is not None:
            headers[SIGNATURE_HEADER] = signature
        request = urllib.request.Request(self.url, data=body, headers=headers)
        return self._open(request)

    def _open(self, request: urllib.request.Request) -> tuple[int, str]:
        try:
            with urllib.request.urlopen(request, timeout=10) as response:
                return response.status, response.read().decode()
        except urllib.error.HTTPError as error:
            return error.code, error.read().decode()

    def printed(self) -> list[dict[str, Any]]:
        return [json.loads(line) for line in self.out.getvalue().splitlines()]

    def close(self) -> None:
        self.httpd.shutdown()
        self.httpd.server_close()
        if self.bot.timer is not None:
            self.bot.timer.cancel()


@pytest.fixture
def server(tmp_path: Path) -> Iterator[Server]:
    running = Server(tmp_path)
    yield running
    running.close()


def payload(*events: dict[str, Any]) -> bytes:
    entry = {"id": PAGE, "time": MS, "messaging": list(events)}
    return json.dumps({"object": "page", "entry": [entry]}).encode()


def customer_message(text: str, mid: str = "m_1") -> dict[str, Any]:
    return {
        "sender": {"id": "psid-1"},
        "recipient": {"id": PAGE},
        "timestamp": MS,
        "message": {"mid": mid, "text": text},
    }


def signed(body: bytes) -> str:
    return signature_header(body, app_secret=SECRET)


def test_the_subscription_get_answers_the_challenge(server: Server) -> None:
    """ "It answers the GET verification ... through the adapters' helpers"."""
    ok = server.get(f"hub.mode=subscribe&hub.verify_token={TOKEN}&hub.challenge=42")
    assert (200, "42") == ok
    status, _ = server.get("hub.mode=subscribe&hub.verify_token=wrong&hub.challenge=4")
    assert 403 == status


def test_a_signed_message_is_answered_and_the_state_persisted(server: Server) -> None:
    """ "Parses payloads with the adapter, calls the engine, persists the
    state as JSON in a file, and prints the actions it would send"."""
    body = payload(customer_message("what are your opening hours"))
    assert (200, "EVENT_RECEIVED") == server.post(body, signed(body))
    printed = server.printed()
    calls = [p["send_api"] for p in printed if "send_api" in p]
    texts = [call["message"]["text"] for call in calls]
    assert 2 == len(texts)  # the instant reply, then the answer
    assert "We are open Monday to Friday, 9:00 to 17:00." == texts[1]
    assert {"psid-1"} == {call["recipient"]["id"] for call in calls}
    assert ["ApplyTags"] == [p["action"] for p in printed if "action" in p]
    stored = json.loads(server.state_file.read_text())
    state = structure(stored[PAGE], PageState)
    conversation = state.conversation("psid-1")
    assert conversation is not None
    assert T0 == conversation.last_customer_at


def test_the_state_carries_over_between_calls(server: Server) -> None:
    first = payload(customer_message("hello", "m_1"))
    second = payload(customer_message("hello again", "m_2"))
    server.post(first, signed(first))
    server.post(second, signed(second))
    names = [p.get("action") for p in server.printed()]
    assert 1 == names.count("CreateTicket")  # the second message joins the ticket


@pytest.mark.parametrize(
    "signature",
    [None, "sha256=" + "0" * 64, "sha1=abc", signed(b"another body")],
    ids=["missing", "zeros", "sha1", "other-body"],
)
def test_a_wrong_signature_is_refused(server: Server, signature: str | None) -> None:
    """ "Checks X-Hub-Signature-256" before reading anything."""
    body = payload(customer_message("hello"))
    status, _ = server.post(body, signature)
    assert 403 == status
    assert not server.state_file.exists()
    assert "" == server.out.getvalue()


@pytest.mark.parametrize(
    "body",
    [
        b"{not json",
        b'{"object": "user", "entry": []}',
        payload({"sender": {"id": "u"}, "recipient": {"id": PAGE}, "message": {}}),
    ],
    ids=["not-json", "wrong-object", "no-sender"],
)
def test_a_signed_bad_payload_is_refused(server: Server, body: bytes) -> None:
    status, text = server.post(body, signed(body))
    assert 400 == status
    assert text.startswith("bad payload")


def test_an_echo_gets_no_answer(server: Server) -> None:
    echo = {
        "sender": {"id": PAGE},
        "recipient": {"id": "psid-1"},
        "timestamp": MS,
        "message": {"mid": "m_e", "text": "hi", "is_echo": True, "app_id": 99},
    }
    body = payload(echo)
    assert 200 == server.post(body, signed(body))[0]
    assert [] == server.printed()


def test_the_arguments_come_from_the_environment(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setenv("META_APP_SECRET", "s")
    monkeypatch.setenv("META_VERIFY_TOKEN", "t")
    monkeypatch.setenv("CAREKIT_BOT_PORT", "9999")
    args = bot_example.arguments([])
    assert ("s", "t", 9999) == (args.app_secret, args.verify_token, args.port)
    monkeypatch.delenv("META_APP_SECRET")
    with pytest.raises(SystemExit):
        bot_example.arguments([])


@pytest.mark.parametrize("length", ["abc", "-1", "+5", "1_0", ""])
def test_a_bad_content_length_gets_a_400(server: Server, length: str) -> None:
    """A POST whose Content-Length is not a non-negative number is answered
    400, never with a traceback, a dropped connection or a blocked read."""
    port = server.httpd.server_address[1]
    connection = http.client.HTTPConnection("127.0.0.1", port, timeout=10)
    try:
        connection.putrequest("POST", "/")
        connection.putheader("Content-Length", length)
        connection.putheader(SIGNATURE_HEADER, signed(b""))
        connection.endheaders()
        response = connection.getresponse()
        status, text = response.status, response.read().decode()
    finally:
        connection.close()
    assert 400 == status
    assert "Content-Length" in text
