"""A real SMTP server for tests: aiosmtpd on 127.0.0.1, on a free port, in a thread.

    sink = SmtpSink().start()
    with override_settings(**sink.django_settings()):
        ...  # send
    sink.wait_for(3)
    assert sink.recipients() == {"ada@example.org": 1, ...}
    sink.stop()

`rcpt_reply(address)` and `data_reply(message)` let a test answer like a real server
would: "451 4.7.1 Try again later", "550 5.1.1 No such user"; returning None accepts.
`data_reply` may also return `SmtpSink.DROP`: the message is kept (the server has it) but
the connection is cut before the reply, as when a server dies right after the final dot.
`stop()` and `start()` again reopen on the same port, as a restarted server would.
"""

import asyncio
import email
import email.policy
import re
import threading
import time
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass, field

from aiosmtpd.controller import Controller

_MESSAGE_ID = re.compile(rb"^Message-ID: *(\S+)", re.IGNORECASE | re.MULTILINE)


@dataclass
class ReceivedMessage:
    mail_from: str
    rcpt_tos: list[str]
    message_id: str
    data: bytes = field(repr=False)  # empty when the sink keeps no content

    def parsed(self) -> email.message.EmailMessage:
        return email.message_from_bytes(self.data, policy=email.policy.default)


class _Handler:
    def __init__(self, sink: "SmtpSink"):
        self.sink = sink

    async def handle_RCPT(self, server, session, envelope, address, rcpt_options):
        if self.sink.rcpt_reply and (reply := self.sink.rcpt_reply(address)):
            return reply
        envelope.rcpt_tos.append(address)
        return "250 OK"

    async def handle_DATA(self, server, session, envelope):
        data = envelope.original_content or b""
        header_end = data.find(b"\r\n\r\n")
        found = _MESSAGE_ID.search(data, 0, header_end if header_end >= 0 else len(data))
        message = ReceivedMessage(
            mail_from=envelope.mail_from,
            rcpt_tos=list(envelope.rcpt_tos),
            message_id=found[1].decode() if found else "",
            data=data if self.sink.keep_content else b"",
        )
        reply = self.sink.data_reply(message) if self.sink.data_reply else None
        if reply is SmtpSink.DROP:
            self.sink._received(message)
            server.transport.abort()
            return "250 OK"
        if reply:
            return reply
        self.sink._received(message)
        if self.sink.delay:
            await asyncio.sleep(self.sink.delay)
        return "250 2.0.0 OK"


class _Controller(Controller):
    def _trigger_server(self):
        # Bound to port 0: learn the port the system chose before the first connection.
        self.port = self.server.sockets[0].getsockname()[1]
        super()._trigger_server()


class SmtpSink:
    DROP = object()

    def __init__(self, *, keep_content: bool = True):
        self.keep_content = keep_content
        self.host = "127.0.0.1"
        self.port = 0
        self.messages: list[ReceivedMessage] = []
        self.rcpt_reply: Callable[[str], str | None] | None = None
        self.data_reply: Callable[[ReceivedMessage], object] | None = None
        self.on_message: Callable[[ReceivedMessage], None] | None = None
        self.delay = 0.0
        self._controller: _Controller | None = None
        self._lock = threading.Condition()

    def start(self) -> "SmtpSink":
        self._controller = _Controller(
            _Handler(self), hostname=self.host, port=self.port, ready_timeout=10
        )
        self._controller.start()
        self.port = self._controller.port
        return self

    def stop(self) -> None:
        if self._controller is not None:
            self._controller.stop()
            self._controller = None

    @property
    def running(self) -> bool:
        return self._controller is not None

    def _received(self, message: ReceivedMessage) -> None:
        with self._lock:
            self.messages.append(message)
            self._lock.notify_all()
        if self.on_message:
            self.on_message(message)

    def wait_for(self, count: int, *, timeout: float = 10) -> list[ReceivedMessage]:
        deadline = time.monotonic() + timeout
        with self._lock:
            while len(self.messages) < count and time.monotonic() < deadline:
                self._lock.wait(deadline - time.monotonic())
            return list(self.messages)

    def recipients(self) -> Counter:
        """How many messages each address received."""
        return Counter(address for message in self.messages for address in message.rcpt_tos)

    @property
    def url(self) -> str:
        return f"smtp://{self.host}:{self.port}"

    def django_settings(self) -> dict:
        return {
            "EMAIL_BACKEND": "django.core.mail.backends.smtp.EmailBackend",
            "EMAIL_HOST": self.host,
            "EMAIL_PORT": self.port,
            "EMAIL_HOST_USER": "",
            "EMAIL_HOST_PASSWORD": "",
            "EMAIL_USE_TLS": False,
            "EMAIL_USE_SSL": False,
            "EMAIL_TIMEOUT": 5,
        }
