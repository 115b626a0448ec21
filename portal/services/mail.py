"""Outgoing e-mail through SMTP when MAIL_SERVER is set; otherwise logged (and kept in tests)."""

from __future__ import annotations

import smtplib
from email.message import EmailMessage

from flask import current_app


def send_mail(to: str, subject: str, body: str) -> None:
    """Send a plain-text message, or log it when no SMTP server is configured."""
    config = current_app.config
    message = EmailMessage()
    message["From"] = config["MAIL_DEFAULT_SENDER"]
    message["To"] = to
    message["Subject"] = subject
    message.set_content(body)

    if current_app.testing:
        current_app.extensions.setdefault("mail_outbox", []).append(message)
        return
    if not config.get("MAIL_SERVER"):
        if current_app.config.get("DEMO_MODE"):
            current_app.logger.warning("E-mail (MAIL_SERVER unset) to %s:\n%s", to, body)
        else:
            current_app.logger.error("E-mail to %s not sent: MAIL_SERVER is not set", to)
        return
    smtp_class = smtplib.SMTP_SSL if config["MAIL_USE_SSL"] else smtplib.SMTP
    with smtp_class(config["MAIL_SERVER"], config["MAIL_PORT"], timeout=30) as smtp:
        if config["MAIL_USE_TLS"] and not config["MAIL_USE_SSL"]:
            smtp.starttls()
        if config.get("MAIL_USERNAME"):
            smtp.login(config["MAIL_USERNAME"], config["MAIL_PASSWORD"] or "")
        smtp.send_message(message)
