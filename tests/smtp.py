"""A real SMTP server on loopback (aiosmtpd) for the tests that read the e-mails sent: the
outbox's sender delivers to it as it would to the programme's mail server (issue 12, item 6)."""

from __future__ import annotations

import socket
import threading
from email import message_from_bytes, policy
from email.message import EmailMessage

from aiosmtpd.controller import Controller


class Inbox:
    """What the server received, as parsed messages."""

    def __init__(self) -> None:
        self.messages: list[EmailMessage] = []
        self.lock = threading.Lock()

    async def handle_DATA(self, server, session, envelope):
        with self.lock:
            self.messages.append(message_from_bytes(envelope.content, policy=policy.default))
        return "250 Message accepted"

    def take(self) -> list[EmailMessage]:
        """The messages received since the last call."""
        with self.lock:
            taken, self.messages = self.messages, []
        return taken


class SmtpServer:
    """aiosmtpd on 127.0.0.1 at a port of its own, which a test can stop and start again."""

    def __init__(self) -> None:
        with socket.socket() as probe:
            probe.bind(("127.0.0.1", 0))
            self.port = probe.getsockname()[1]
        self.inbox = Inbox()
        self.controller: Controller | None = None

    def start(self) -> SmtpServer:
        self.controller = Controller(self.inbox, hostname="127.0.0.1", port=self.port)
        self.controller.start()
        return self

    def stop(self) -> None:
        if self.controller is not None:
            self.controller.stop()
            self.controller = None

    def settings(self) -> dict:
        """The app's mail settings that send to this server."""
        return {
            "MAIL_SERVER": "127.0.0.1",
            "MAIL_PORT": self.port,
            "MAIL_USE_TLS": False,
            "MAIL_USE_SSL": False,
            "MAIL_USERNAME": None,
        }


_shared: SmtpServer | None = None


def shared_server() -> SmtpServer:
    """The process's server for ``sent_mail``, started at its first use."""
    global _shared
    if _shared is None:
        _shared = SmtpServer().start()
    return _shared
