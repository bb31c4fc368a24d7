"""How a message leaves: straight over SMTP, or through any other Django email backend.

Both transports have `open(wanted)` (how many messages can go at once; raises
`TransientError(server_down=True)` when the server can't be reached) and
`send_group(messages, handover=...)`, which returns, for each message, None (the server
took it) or the error that says whether it may be sent again:

- `TransientError`: the server did not take it (4xx, or the connection lost before the
  message's end; `ConnectionLost` then). Safe to retry. `server_down`: nothing was tried
  because the server could not be reached at all.
- `PermanentError`: refused for good (5xx); `hard_bounce` when the mailbox does not exist.
- `UncertainError`: the connection died after the message's final dot was written and
  before the server answered. The server most probably has it: never sent again.
- `NotHandedOver`: the engine's `handover` left it out; nothing was delivered.

`SMTPTransport` sends a message in two steps so that the commit of "handed over" falls
between them: MAIL, RCPT, DATA and the whole dot-stuffed body, then `handover(indexes)`
(the engine commits the HANDOVER state), then the final ".\r\n" that makes the server
accept it. A process killed before the dot leaves a message the server discards; one
killed after the commit leaves a message that is (almost surely) delivered, and recorded
so. Errors of the connection itself (refused, reset, timed out) are classified by where
they happen: before the dot is safe to retry, after it is uncertain.
"""

import contextlib
import smtplib
import socket
import ssl
from collections.abc import Callable
from email.utils import parseaddr

from django.conf import settings
from django.core.mail import get_connection
from django.core.mail.utils import DNS_NAME

from amicc.mailings.mime import OutgoingMessage, message_bytes, message_email

SMTP_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
# RCPT replies that mean the mailbox does not exist (unless the enhanced code says policy).
MAILBOX_UNKNOWN = frozenset({550, 551, 553})


class TransientError(Exception):
    def __init__(self, reason: str, *, server_down: bool = False):
        super().__init__(reason)
        self.reason = reason
        self.server_down = server_down


class ConnectionLost(TransientError):
    """The connection broke before the message's end: the server discarded it."""


class PermanentError(Exception):
    def __init__(self, reason: str, *, hard_bounce: bool = False):
        super().__init__(reason)
        self.reason = reason
        self.hard_bounce = hard_bounce


class UncertainError(Exception):
    def __init__(self, reason: str):
        super().__init__(reason)
        self.reason = reason


def _reply_text(code: int, response: bytes | str) -> str:
    if isinstance(response, bytes):
        response = response.decode("utf-8", "replace")
    return f"{code} {' '.join(response.split())}".strip()


def _refusal(code: int, response: bytes | str, *, stage: str) -> Exception:
    reason = f"{stage}: {_reply_text(code, response)}"
    if 400 <= code < 500 or code < 200:
        return TransientError(reason)
    text = response.decode("utf-8", "replace") if isinstance(response, bytes) else response
    hard = stage == "RCPT" and code in MAILBOX_UNKNOWN and not text.lstrip().startswith("5.7.")
    return PermanentError(reason, hard_bounce=hard)


class NotHandedOver(Exception):
    """The engine refused the hand-over (the row was taken over): nothing was delivered."""


class SMTPTransport:
    """Up to `connections` reused SMTP connections, built on smtplib's public commands.

    `send_group` moves several messages at once, one per connection, through each step
    (MAIL on every connection, then every reply, and so on), so the engine commits one
    hand-over for the whole group: one durable commit per group instead of per message.
    """

    def __init__(
        self,
        *,
        host: str,
        port: int,
        username: str = "",
        password: str = "",
        use_tls: bool = False,
        use_ssl: bool = False,
        timeout: float | None = None,
        connections: int = 1,
    ):
        self.host, self.port = host, port
        self.username, self.password = username, password
        self.use_tls, self.use_ssl = use_tls, use_ssl
        self.timeout = timeout or 30
        self.envelope_from = parseaddr(settings.DEFAULT_FROM_EMAIL)[1]
        self.slots: list[smtplib.SMTP | None] = [None] * max(1, connections)

    @classmethod
    def from_settings(cls, *, connections: int = 1) -> "SMTPTransport":
        return cls(
            host=settings.EMAIL_HOST,
            port=settings.EMAIL_PORT,
            username=settings.EMAIL_HOST_USER,
            password=settings.EMAIL_HOST_PASSWORD,
            use_tls=settings.EMAIL_USE_TLS,
            use_ssl=settings.EMAIL_USE_SSL,
            timeout=settings.EMAIL_TIMEOUT,
            connections=connections,
        )

    def _connection(self) -> smtplib.SMTP:
        """A new connection, greeted and logged in; raises TransientError(server_down)."""
        try:
            if self.use_ssl:
                connection = smtplib.SMTP_SSL(
                    self.host,
                    self.port,
                    local_hostname=DNS_NAME.get_fqdn(),
                    timeout=self.timeout,
                    context=ssl.create_default_context(),
                )
            else:
                connection = smtplib.SMTP(
                    self.host, self.port, local_hostname=DNS_NAME.get_fqdn(), timeout=self.timeout
                )
            connection.ehlo_or_helo_if_needed()
            if self.use_tls:
                connection.starttls(context=ssl.create_default_context())
                connection.ehlo()
            if self.username:
                connection.login(self.username, self.password)
        except (OSError, smtplib.SMTPException) as error:
            raise TransientError(
                f"Could not reach the mail server {self.host}:{self.port}: {error}",
                server_down=True,
            ) from error
        # The final dot is a write of its own: without this, Nagle's algorithm holds it back
        # until the server acknowledges the body, which a delayed ACK makes take 40 ms.
        connection.sock.setsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY, 1)
        return connection

    def open(self, wanted: int = 1) -> int:
        """Open up to `wanted` connections; how many are open. None at all: TransientError."""
        for index in range(min(wanted, len(self.slots))):
            if self.slots[index] is None:
                try:
                    self.slots[index] = self._connection()
                except TransientError:
                    if index == 0:
                        raise
                    del self.slots[index:]  # the server takes fewer connections: use those
                    return index
        return min(wanted, len(self.slots))

    def connect(self) -> None:
        self.open(1)

    def _drop(self, index: int) -> None:
        """Cut a connection without a word: a message in DATA is discarded by the server."""
        if (connection := self.slots[index]) is not None:
            connection.close()
            self.slots[index] = None

    def close(self) -> None:
        for index, connection in enumerate(self.slots):
            if connection is not None:
                with contextlib.suppress(OSError, smtplib.SMTPException):
                    connection.quit()
                self._drop(index)

    def _lost(self, index: int, stage: str, error: Exception) -> ConnectionLost:
        self._drop(index)
        return ConnectionLost(f"{stage}: the connection was lost ({error})")

    def _refused(self, index: int, code: int, response: bytes, stage: str) -> Exception:
        if code == 421:  # the server is closing this connection
            self._drop(index)
        else:  # RSET, so the connection can carry the next message
            try:
                self.slots[index].rset()
            except (OSError, smtplib.SMTPException):
                self._drop(index)
        return _refusal(code, response, stage=stage)

    def _step(self, results, live, stage, command, argument, accept) -> list[int]:
        """Send `command` on every live connection, then read every reply."""
        asked = []
        for index in live:
            try:
                self.slots[index].putcmd(command, argument(index))
                asked.append(index)
            except (OSError, smtplib.SMTPException) as error:
                results[index] = self._lost(index, stage, error)
        passed = []
        for index in asked:
            try:
                code, response = self.slots[index].getreply()
            except (OSError, smtplib.SMTPException) as error:
                results[index] = self._lost(index, stage, error)
                continue
            if code in accept:
                passed.append(index)
            else:
                results[index] = self._refused(index, code, response, stage)
        return passed

    def _mail_from(self, results: list, indexes: list[int]) -> list[int]:
        """MAIL on each connection; one that went stale while idle is opened again once."""
        sender = f"FROM:{smtplib.quoteaddr(self.envelope_from)}"
        live = self._step(results, indexes, "MAIL FROM", "mail", lambda i: sender, {250})
        for index in indexes:
            if not isinstance(results[index], ConnectionLost):
                continue
            try:
                self.slots[index] = self._connection()
                code, response = self.slots[index].docmd("mail", sender)
            except TransientError as error:
                results[index] = error
                continue
            except (OSError, smtplib.SMTPException) as error:
                results[index] = self._lost(index, "MAIL FROM", error)
                continue
            if code == 250:
                results[index] = None
                live.append(index)
            else:
                results[index] = self._refused(index, code, response, "MAIL FROM")
        return sorted(live)

    def send_group(
        self, messages: list[OutgoingMessage], *, handover: Callable[[list[int]], set[int]]
    ) -> list[Exception | None]:
        """Send `messages` (at most one per open connection); each one's error or None.

        `handover(indexes)` is called once, when those messages are written but for their
        final dot, and returns the indexes it committed; only those get their dot.
        """
        results: list[Exception | None] = [None] * len(messages)
        data: dict[int, bytes] = {}
        for index, message in enumerate(messages):
            try:
                body = message_bytes(message)
            except ValueError as error:  # an address no message can be written for
                results[index] = PermanentError(str(error))
                continue
            # Transparency (RFC 5321 4.5.2): a line starting with a dot gets another.
            data[index] = body.replace(b"\n.", b"\n..") if b"\n." in body else body
        live = self._mail_from(results, sorted(data))
        live = self._step(
            results,
            live,
            "RCPT",
            "rcpt",
            lambda i: f"TO:{smtplib.quoteaddr(messages[i].to_email)}",
            {250, 251},
        )
        live = self._step(results, live, "DATA", "data", lambda i: "", {354})
        written = []
        for index in live:
            try:
                self.slots[index].send(data[index])
                written.append(index)
            except (OSError, smtplib.SMTPException) as error:
                results[index] = self._lost(index, "DATA", error)
        self._finish(results, written, handover)
        return results

    def _finish(self, results: list, written: list[int], handover) -> None:
        """The hand-over commit, then the final dots, then the answers."""
        try:
            confirmed = handover(written) if written else set()
        except BaseException:
            for index in written:  # without the final dot the server throws them away
                self._drop(index)
            raise
        dotted = []
        for index in written:
            if index not in confirmed:
                self._drop(index)
                results[index] = NotHandedOver()
                continue
            try:
                self.slots[index].send(b".\r\n")
                dotted.append(index)
            except (OSError, smtplib.SMTPException) as error:
                results[index] = self._lost(index, "The end of the message", error)
        for index in dotted:
            try:
                code, response = self.slots[index].getreply()
            except (OSError, smtplib.SMTPException) as error:
                self._drop(index)
                results[index] = UncertainError(
                    "The mail server went away after receiving the whole message and before "
                    f"confirming it ({error}); it most likely has it."
                )
                continue
            if code != 250:
                results[index] = self._refused(index, code, response, "DATA")


class BackendTransport:
    """Any other Django email backend: locmem, .eml files, a provider through anymail.

    One message at a time: a provider's API call takes long enough that a group committed
    as handed over and then interrupted would lose more than one message.
    """

    def __init__(self):
        self.connection = get_connection(fail_silently=False)

    def open(self, wanted: int = 1) -> int:
        try:
            self.connection.open()
        except Exception as error:
            raise TransientError(
                f"The email backend is not available: {error}", server_down=True
            ) from error
        return 1

    def connect(self) -> None:
        self.open(1)

    def send_group(
        self, messages: list[OutgoingMessage], *, handover: Callable[[list[int]], set[int]]
    ) -> list[Exception | None]:
        results: list[Exception | None] = []
        for index, message in enumerate(messages):
            email = message_email(message, connection=self.connection)
            if index not in handover([index]):
                results.append(NotHandedOver())
                continue
            try:
                sent = self.connection.send_messages([email])
            except Exception as error:
                results.append(_backend_error(error))
                continue
            results.append(None if sent else TransientError("The backend did not send it."))
        return results

    def close(self) -> None:
        with contextlib.suppress(Exception):  # closing a backend that failed: best effort
            self.connection.close()


def _backend_error(error: Exception) -> Exception:
    """A backend's exception as one of ours: a timed-out request may have gone through."""
    from anymail.exceptions import AnymailRecipientsRefused

    if isinstance(error, AnymailRecipientsRefused):
        return PermanentError(f"The provider refused the recipient: {error}")
    cause: BaseException | None = error
    while cause is not None:
        if isinstance(cause, TimeoutError) or type(cause).__name__ == "ReadTimeout":
            return UncertainError(f"The provider did not answer in time: {error}")
        cause = cause.__cause__ or cause.__context__
    return TransientError(f"The email backend failed: {type(error).__name__}: {error}")


def transport_for_settings(*, connections: int = 1) -> SMTPTransport | BackendTransport:
    if settings.EMAIL_BACKEND == SMTP_BACKEND:
        return SMTPTransport.from_settings(connections=connections)
    return BackendTransport()
