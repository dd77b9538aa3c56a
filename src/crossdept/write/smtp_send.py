"""Send a message through the project's SMTP server (crossdept.toml [smtp]).

STARTTLS (port 587, the default) or implicit TLS (ssl, port 465) with certificate checking; "none"
only for a relay on the local network or a test server. The password never comes from a file or
the command line: only from the environment variable the config names, so it is neither
committed with crossdept.toml nor visible in the process list.
"""

from __future__ import annotations

import base64
import contextlib
import copy
import os
import smtplib
import ssl
from email.message import EmailMessage
from email.utils import getaddresses, parseaddr

from crossdept.config import Smtp
from crossdept.errors import CrossdeptError

SECURITY = ("starttls", "ssl", "none")
TIMEOUT_S = 30


class SendError(CrossdeptError):
    """Sending failed or cannot start; `rule` is a message id, `params` its facts."""


def password_for(smtp: Smtp, environ: dict[str, str] | None = None) -> str | None:
    """The password from the configured environment variable; required when a user is set."""
    if not smtp.user:
        return None
    value = (environ if environ is not None else os.environ).get(smtp.password_env)
    if not value:
        raise SendError("summary.smtp-no-password", var=smtp.password_env, user=smtp.user)
    return value


def _login(client: smtplib.SMTP, user: str, password: str) -> None:
    """smtplib's login, except that credentials beyond ASCII (a Chinese password) go as UTF-8 in
    AUTH PLAIN (RFC 4954), where smtplib itself would fail encoding them as ASCII."""
    if user.isascii() and password.isascii():
        client.login(user, password)
        return
    client.ehlo_or_helo_if_needed()
    token = base64.b64encode(b"\0" + user.encode("utf-8") + b"\0" + password.encode("utf-8")).decode("ascii")
    code, reply = client.docmd("AUTH", f"PLAIN {token}")
    if code != 235:
        raise smtplib.SMTPAuthenticationError(code, reply)


def _failed(smtp: Smtp, exc: Exception) -> SendError:
    detail = str(exc).splitlines()[0][:200] if str(exc) else type(exc).__name__
    return SendError("summary.smtp-failed", host=smtp.host, port=smtp.port, detail=detail)


def _prepare(msg: EmailMessage, smtp: Smtp) -> tuple[EmailMessage, str, list[str]]:
    """The message as it goes out (no X-Unsent, a From), the envelope sender and recipients."""
    outgoing = copy.deepcopy(msg)
    del outgoing["X-Unsent"]
    sender = smtp.sender or smtp.user
    if not sender:
        raise SendError("summary.smtp-no-sender")
    if "From" not in outgoing:
        outgoing["From"] = sender
    # The envelope takes the bare address: "项目管理办公室 <pmo@example.com>" there would ask the
    # server for SMTPUTF8, which most refuse.
    envelope_from = parseaddr(sender)[1] or sender
    to = [addr for _, addr in getaddresses(outgoing.get_all("To", []) + outgoing.get_all("Cc", [])) if addr]
    if not to:
        raise SendError("summary.no-recipients")
    return outgoing, envelope_from, to


class Connection:
    """One SMTP session for several messages: the daily reminders log in once for everyone
    rather than once a person (slow with TLS, and servers throttle repeated logins).

        with Connection(smtp, password) as server:
            server.deliver(message)
    """

    def __init__(self, smtp: Smtp, password: str | None, context: ssl.SSLContext | None = None) -> None:
        if smtp.security not in SECURITY:
            raise SendError("summary.smtp-bad-security", value=smtp.security, allowed="/".join(SECURITY))
        if not (smtp.sender or smtp.user):
            raise SendError("summary.smtp-no-sender")
        self.smtp, self.password, self.tls = smtp, password, context or ssl.create_default_context()
        self.client: smtplib.SMTP | None = None

    def __enter__(self) -> "Connection":
        smtp = self.smtp
        try:
            if smtp.security == "ssl":
                client: smtplib.SMTP = smtplib.SMTP_SSL(smtp.host, smtp.port, timeout=TIMEOUT_S, context=self.tls)
            else:
                client = smtplib.SMTP(smtp.host, smtp.port, timeout=TIMEOUT_S)
        except (smtplib.SMTPException, OSError) as exc:
            raise _failed(smtp, exc) from None
        try:
            if smtp.security == "starttls":
                client.starttls(context=self.tls)
            if smtp.user:
                _login(client, smtp.user, self.password or "")
        except (smtplib.SMTPException, OSError) as exc:
            # close, not quit: after a failed TLS handshake a QUIT would wait out the timeout.
            client.close()
            raise _failed(smtp, exc) from None
        self.client = client
        return self

    def deliver(self, msg: EmailMessage) -> list[str]:
        """Send `msg` to its To/Cc recipients; returns them. X-Unsent (the draft flag) is not sent."""
        outgoing, envelope_from, to = _prepare(msg, self.smtp)
        if self.client is None:
            raise _failed(self.smtp, OSError("the connection to the mail server was lost"))
        try:
            refused = self.client.send_message(outgoing, from_addr=envelope_from, to_addrs=to)
        except smtplib.SMTPRecipientsRefused as exc:  # every address refused: the session goes on
            refused = exc.recipients
        except (smtplib.SMTPException, OSError) as exc:
            self.client.close()
            self.client = None
            raise _failed(self.smtp, exc) from None
        if refused:
            raise SendError("summary.smtp-refused", sent="、".join(a for a in to if a not in refused) or "-",
                            refused="、".join(refused))
        return to

    def __exit__(self, *exc: object) -> None:
        if self.client is None:
            return
        # The server has taken the messages: one that hangs up instead of answering QUIT changes
        # nothing, and reporting "nothing was sent" then would invite a second, duplicate send.
        with contextlib.suppress(smtplib.SMTPException, OSError):
            self.client.quit()
        self.client.close()
        self.client = None


def send(msg: EmailMessage, smtp: Smtp, password: str | None, context: ssl.SSLContext | None = None) -> list[str]:
    """Send `msg` to its To/Cc recipients; returns them. X-Unsent (the draft flag) is not sent."""
    connection = Connection(smtp, password, context)
    _prepare(msg, smtp)  # a message without recipients fails before any connection is made
    with connection as server:
        return server.deliver(msg)
