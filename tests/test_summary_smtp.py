"""Sending the summary to a real SMTP server (aiosmtpd) on 127.0.0.1: plain relay through the CLI,
STARTTLS and implicit TLS with login against a self-signed certificate made by openssl."""

from __future__ import annotations

import email
import shutil
import socket
import ssl
import subprocess
from collections.abc import Iterator
from email import policy
from pathlib import Path

import pytest
from aiosmtpd.controller import Controller
from aiosmtpd.smtp import SMTP, AuthResult, LoginPassword, syntax

from crossdept.config import Smtp
from crossdept.write.smtp_send import SendError, password_for, send
from test_summary import TOML, department, run

USER, PASSWORD = "pmo@example.com", "s3cret-密码"


class Inbox:
    """An aiosmtpd handler that keeps every envelope it accepts."""

    def __init__(self) -> None:
        self.envelopes: list = []

    async def handle_DATA(self, server, session, envelope) -> str:  # noqa: N802 - aiosmtpd's hook name
        self.envelopes.append(envelope)
        return "250 OK"


def authenticator(server, session, envelope, mechanism, auth_data) -> AuthResult:
    ok = isinstance(auth_data, LoginPassword) and auth_data.login == USER.encode() and auth_data.password == PASSWORD.encode()
    return AuthResult(success=ok, handled=False)  # handled=False: aiosmtpd itself answers 535


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@pytest.fixture
def relay() -> Iterator[tuple[Inbox, int]]:
    inbox, port = Inbox(), free_port()
    # Without SMTPUTF8, like many company relays: anything beyond ASCII must be encoded by the sender.
    controller = Controller(inbox, hostname="127.0.0.1", port=port, enable_SMTPUTF8=False)
    controller.start()
    yield inbox, port
    controller.stop()


@pytest.fixture
def cert(tmp_path: Path) -> tuple[Path, Path]:
    if shutil.which("openssl") is None:
        pytest.skip("openssl is not installed, so no certificate for the TLS server can be made")
    crt, key = tmp_path / "server.crt", tmp_path / "server.key"
    subprocess.run(["openssl", "req", "-x509", "-newkey", "rsa:2048", "-nodes", "-days", "2", "-subj", "/CN=localhost",
                    "-addext", "subjectAltName=IP:127.0.0.1,DNS:localhost", "-keyout", str(key), "-out", str(crt)],
                   check=True, capture_output=True)
    return crt, key


def project(tmp_path: Path, smtp: str) -> Path:
    folder = tmp_path / "proj"
    folder.mkdir()
    (folder / "crossdept.toml").write_text(TOML + smtp, encoding="utf-8")
    department(folder / "研发部.xlsx", "研发部", "RD")
    return folder


def test_send_delivers_the_message_with_its_attachments(relay: tuple[Inbox, int], tmp_path: Path) -> None:
    inbox, port = relay
    folder = project(tmp_path, f'[smtp]\nhost = "127.0.0.1"\nport = {port}\nsecurity = "none"\nsender = "项目管理办公室 <{USER}>"\n')
    minutes = tmp_path / "纪要.docx"
    minutes.write_bytes(b"minutes bytes")
    result = run("summary", str(folder), "-o", str(tmp_path / "s.eml"), "--send", "--attach", str(minutes))
    assert result.exit_code == 1, result.output
    assert "Sent to 2 recipients: chen.chen@example.com, liu@example.com" in result.output  # an English list
    [envelope] = inbox.envelopes
    assert envelope.mail_from == USER
    assert envelope.rcpt_tos == ["chen.chen@example.com", "liu@example.com"]
    msg = email.message_from_bytes(envelope.content, policy=policy.default)
    assert msg["Subject"] == "智慧门店上线 weekly report 2026-11-20 | 1 overdue issue"  # --lang en, one issue
    assert msg["X-Unsent"] is None  # the draft flag stays in the .eml, not in what is sent
    assert msg["From"] == f"项目管理办公室 <{USER}>"  # the name in the header, the bare address in the envelope
    assert [(a.get_filename(), a.get_content()) for a in msg.iter_attachments()] == [("纪要.docx", b"minutes bytes")]
    assert any(p.get_content_type() == "image/png" and p["Content-ID"] == "<chart@crossdept>" for p in msg.walk())
    assert "RD-001" in msg.get_body(("plain",)).get_content()


class Picky(Inbox):
    """Refuses one recipient, as a server does for an unknown mailbox."""

    async def handle_RCPT(self, server, session, envelope, address, rcpt_options) -> str:  # noqa: N802 - aiosmtpd's hook
        if address.startswith("nobody@"):
            return "550 5.1.1 no such mailbox"
        envelope.rcpt_tos.append(address)
        return "250 OK"


class HangsUpOnQuit(SMTP):
    @syntax("QUIT")
    async def smtp_QUIT(self, arg: str) -> None:  # noqa: N802 - aiosmtpd's command method
        self.transport.close()  # the message is already accepted; no "221 Bye"


def test_a_hang_up_after_acceptance_is_success_and_a_refused_address_is_named(tmp_path: Path) -> None:
    """Neither may say "nothing was sent" when the message went out: a rerun would send it twice."""
    inbox, port = Picky(), free_port()
    controller = Controller(inbox, hostname="127.0.0.1", port=port, enable_SMTPUTF8=False)
    controller.factory = lambda: HangsUpOnQuit(controller.handler, **controller.SMTP_kwargs)  # type: ignore[method-assign]
    controller.start()
    try:
        folder = project(tmp_path, f'[smtp]\nhost = "127.0.0.1"\nport = {port}\nsecurity = "none"\nsender = "{USER}"\n')
        out = tmp_path / "s.eml"
        result = run("summary", str(folder), "-o", str(out), "--send", "--to", "boss@example.com")
        assert result.exit_code == 1 and "Sent to 1 recipient: boss@example.com" in result.output, result.output
        result = run("summary", str(folder), "-o", str(out), "--send", "--to", "boss@example.com", "--to", "nobody@example.com")
        assert result.exit_code == 2 and "Nothing was sent" not in result.output
        assert "went to boss@example.com, but the server refused nobody@example.com" in result.output
        assert [e.rcpt_tos for e in inbox.envelopes] == [["boss@example.com"], ["boss@example.com"]]
    finally:
        controller.stop()


def test_send_failures_are_one_line_and_exit_2(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    closed = free_port()
    folder = project(tmp_path, f'[smtp]\nhost = "127.0.0.1"\nport = {closed}\nsecurity = "none"\nsender = "{USER}"\n'
                               f'user = "{USER}"\npassword_env = "CROSSDEPT_TEST_SMTP_PW"\n')
    monkeypatch.delenv("CROSSDEPT_TEST_SMTP_PW", raising=False)
    out = tmp_path / "s.eml"
    result = run("summary", str(folder), "-o", str(out), "--send")
    assert result.exit_code == 2 and "CROSSDEPT_TEST_SMTP_PW" in result.output
    assert out.exists()  # the draft is written before sending is tried
    monkeypatch.setenv("CROSSDEPT_TEST_SMTP_PW", PASSWORD)
    result = run("summary", str(folder), "-o", str(out), "--send")
    assert result.exit_code == 2 and f"127.0.0.1:{closed} failed" in result.output and "Traceback" not in result.output


@pytest.mark.filterwarnings("ignore:Requiring AUTH while not requiring TLS")
@pytest.mark.parametrize("security", ["starttls", "ssl"])
def test_tls_with_login(security: str, cert: tuple[Path, Path], tmp_path: Path) -> None:
    crt, key = cert
    server_tls = ssl.create_default_context(ssl.Purpose.CLIENT_AUTH)
    server_tls.load_cert_chain(crt, key)
    client_tls = ssl.create_default_context(cafile=str(crt))
    inbox, port = Inbox(), free_port()
    # aiosmtpd cannot tell that an implicit-TLS connection is encrypted, so it is told not to insist.
    tls = ({"tls_context": server_tls, "require_starttls": True} if security == "starttls"
           else {"ssl_context": server_tls, "auth_require_tls": False})
    controller = Controller(inbox, hostname="127.0.0.1", port=port, authenticator=authenticator, auth_required=True, **tls)
    controller.start()
    try:
        folder = project(tmp_path, "")
        out = tmp_path / "s.eml"
        assert run("summary", str(folder), "-o", str(out), "--to", "boss@example.com").exit_code == 1
        draft = email.message_from_bytes(out.read_bytes(), policy=policy.default)
        smtp = Smtp("127.0.0.1", port, USER, USER, security, "CROSSDEPT_TEST_SMTP_PW")
        password = password_for(smtp, {"CROSSDEPT_TEST_SMTP_PW": PASSWORD})
        assert send(draft, smtp, password, client_tls) == ["boss@example.com"]
        [envelope] = inbox.envelopes
        received = email.message_from_bytes(envelope.content, policy=policy.default)
        assert received["Subject"] == draft["Subject"] and envelope.rcpt_tos == ["boss@example.com"]
        with pytest.raises(SendError) as err:
            send(draft, smtp, "错误的密码", client_tls)
        assert err.value.rule == "summary.smtp-failed"
        with pytest.raises(SendError) as err:  # the server's certificate is checked by default
            send(draft, smtp, password)
        assert err.value.rule == "summary.smtp-failed"
    finally:
        controller.stop()


def test_weekly_send_says_in_english_whom_it_sent_to(relay: tuple[Inbox, int], tmp_path: Path) -> None:
    """weekly --send goes through the same sending as summary, and lists the recipients in the
    message's language (not 、 inside an English sentence)."""
    inbox, port = relay
    folder = project(tmp_path, f'[smtp]\nhost = "127.0.0.1"\nport = {port}\nsecurity = "none"\nsender = "{USER}"\n')
    result = run("weekly", str(folder), "--out", str(tmp_path / "out"), "--send")
    assert result.exit_code == 1, result.output
    assert "Sent to 2 recipients: chen.chen@example.com, liu@example.com" in result.output
    [envelope] = inbox.envelopes
    assert envelope.rcpt_tos == ["chen.chen@example.com", "liu@example.com"]
