"""`crossdept remind FOLDER`: the day's personal digests, escalation notices and group digests.

    from crossdept.ops.remind import remind
    result = remind("samples/智慧门店上线", out="review", today="2026-11-20")   # nothing is sent
    result = remind("samples/智慧门店上线", send=True, channel=["wecom"])       # the group chat

Policies held here (domain.md "Reminders"):
- what is due comes from core/reminders.py; who already got what from store/sent.py: an item
  goes to a person once a day, an escalation once ever per level and channel, a group digest
  (or each of its parts) once a day per channel; a second run the same day sends nothing new;
- a message is recorded only once its server accepted it, so whatever failed is sent next run;
- channels: the ones asked for, else email (when [smtp] is set, or for review) and every chat
  bot [notify] configures. A refused message (bad key or secret) or a failed one is reported
  (exit 2), that channel stops, and the other channels still go out;
- without `send` nothing leaves the machine: with `out`, every message is written there for
  review (an .eml per person, a .json request body and a .md text per chat message);
- the history store is the project's one store (store/history.history_path: `history`, else
  crossdept.toml [history] path, else FOLDER/.crossdept/history.sqlite).
"""

from __future__ import annotations

import datetime as dt
import json
import os
import re
from collections.abc import Iterable
from dataclasses import dataclass, field
from email.message import EmailMessage
from pathlib import Path
from typing import Literal

from crossdept import i18n
from crossdept.config import Config, load_config
from crossdept.core.overdue import Rules
from crossdept.core.reminders import (Digest, Escalation, Item, Reminders, book_items, build_reminders, count_items,
                                      escalations_of, group_digest, overdue_order, rules_for)
from crossdept.core.weekchanges import WeekRow, issue_rows, week_changes
from crossdept.errors import CrossdeptError
from crossdept.notify import CHANNELS, CHAT_CHANNELS, SendFailed, SendRefused
from crossdept.notify import compose
from crossdept.ops.common import (EXIT_ATTENTION, EXIT_OK, EXIT_UNREADABLE, DateLike, PathArg, as_lang, as_path, as_today,
                                  default_year, project_name)
from crossdept.read import Workbook, WorkbookError
from crossdept.read.folder import read_folder
from crossdept.store.history import history_path
from crossdept.store.sent import SentLog
from crossdept.store.spill import SpillList
from crossdept.store.weekrows import WeekRows
from crossdept.write.atomic import write_bytes_atomic, write_text_atomic

GROUP = "group"  # the recipient of group digests in the sent-log
Status = Literal["pending", "sent", "failed", "refused", "preview"]


@dataclass
class Outgoing:
    """One message of the day: who gets it on which channel, and the sent-log items it carries."""

    channel: str
    recipient: str
    keys: list[str]
    file_stem: str
    email: EmailMessage | None = None
    body: dict | None = None
    text: str = ""
    status: Status = "pending"
    personal: bool = False  # a person's digest (a person may be called "group" too)

    def to_json(self) -> dict[str, object]:
        return {"channel": self.channel, "recipient": self.recipient, "items": len(self.keys), "status": self.status,
                "file": self.file_stem}


@dataclass
class RemindResult:
    folder: Path
    day: dt.date
    lang: str
    reminders: Reminders
    messages: list[Outgoing] = field(default_factory=list)
    already_sent: int = 0
    problems: list[str] = field(default_factory=list)  # exit 2: unreadable input, refused or failed sends
    notes: list[str] = field(default_factory=list)  # worth saying, not failures
    written: list[Path] = field(default_factory=list)
    sent_now: bool = False
    out: Path | None = None  # where the messages were written for review

    @property
    def sent(self) -> int:
        return sum(m.status == "sent" for m in self.messages)

    @property
    def exit_code(self) -> int:
        if self.problems:
            return EXIT_UNREADABLE
        r = self.reminders
        return EXIT_ATTENTION if r.group.overdue or any(d.items for d in r.personal) else EXIT_OK

    def to_json(self) -> dict:
        """interface.md's remind JSON, plus each message's status."""
        r = self.reminders
        return {
            "personal": [d.to_json() for d in r.personal],
            "escalations": [e.to_json() for e in r.escalations],
            "group": [{"channel": ch, "messages": [m.body if m.body is not None else m.text
                                                   for m in self.messages if m.channel == ch and not m.personal]}
                      for ch in dict.fromkeys(m.channel for m in self.messages if not m.personal)],
            "sent": self.sent,
            "already_sent": self.already_sent,
            "messages": [m.to_json() for m in self.messages],
        }


def _channels(asked: list[str] | None, config: Config, send: bool) -> list[str]:
    if asked:
        for value in asked:
            if value not in CHANNELS:
                raise CrossdeptError("remind.bad-channel", value=value, allowed="/".join(CHANNELS))
        for value in asked:
            if value in CHAT_CHANNELS and not getattr(config.notify, value):
                raise CrossdeptError("remind.not-configured", channel=value, setting=value)
        if send and "email" in asked and config.smtp is None:
            raise CrossdeptError("remind.no-smtp")
        return list(dict.fromkeys(asked))
    chats = [c for c in CHAT_CHANNELS if getattr(config.notify, c)]
    chosen = (["email"] if config.smtp is not None or not send else []) + chats
    if not chosen:  # --send with neither [smtp] nor [notify]: say how to set one up
        raise CrossdeptError("remind.no-channels", path=config.path or "crossdept.toml")
    return chosen


def _file_name(text: str) -> str:
    """A name safe on Windows and POSIX for a person's preview file."""
    return re.sub(r'[\\/:*?"<>|\s]+', "_", text).strip("._") or "_"


def _shown(path: Path, folder: Path) -> str:
    """A workbook as messages name it: relative to the project folder (what people see)."""
    try:
        return str(path.relative_to(folder))
    except ValueError:
        return str(path)


def _read(folder: Path, config: Config, today: dt.date, lang: str) -> tuple[list[tuple[str, Workbook]], list[str]]:
    """(path shown relative to the folder, workbook) pairs, and what could not be read."""
    own = [config.path] if config.path else []
    books, problems = [], []
    for path, item in read_folder(folder, default_year(config, today), exclude=own):
        if isinstance(item, WorkbookError):
            if item.status == "unreadable":
                problems.append(item.message(lang))
            continue
        books.append((_shown(path, folder), item))
    return books, problems


class _Planner:
    """Builds the day's messages per channel, leaving out what the sent-log already holds."""

    def __init__(self, result: RemindResult, config: Config, log: SentLog, project: str) -> None:
        self.result, self.config, self.log, self.project = result, config, log, project
        self.day, self.lang = result.day, result.lang

    def _new(self, channel: str, recipient: str, keys: list[str], once: set[str]) -> set[str]:
        done = self.log.sent(self.day, channel, recipient, [k for k in keys if k not in once])
        done |= self.log.sent(self.day, channel, recipient, [k for k in keys if k in once], once=True)
        self.result.already_sent += len(done)
        return done

    def _good(self, addresses: list[str]) -> list[str]:
        """The addresses that are addresses; each other one is a problem naming it and
        crossdept.toml (exit 2), and its message waits for the fix (ops/summary's policy)."""
        from crossdept.core.summary import is_address

        good = [a for a in addresses if is_address(a)]
        for wrong in (a for a in addresses if not is_address(a)):
            self.result.problems.append(i18n.t("summary.config-bad-address", self.lang, address=wrong, path=self.config.path))
        return good

    def emails(self, changes: dict[str, list[str]] | None) -> None:
        r = self.result.reminders
        digests = {d.person: d for d in r.personal}
        for esc in r.escalations:
            for name in (*esc.to, *esc.cc):
                if name not in digests:
                    person = self.config.person(name)
                    digests[name] = Digest(name, person.email if person else None)
        addressed: dict[str, list[Escalation]] = {}
        for esc in r.escalations:
            for name in dict.fromkeys((*esc.to, *esc.cc)):
                addressed.setdefault(name, []).append(esc)
        sender = next(iter(self._good([self.config.smtp.sender] if self.config.smtp and self.config.smtp.sender else [])), None)
        from crossdept.notify import email

        for name in sorted(digests):
            digest = digests[name]
            mine = addressed.get(name, [])
            once = {e.key for e in mine}
            done = self._new("email", name, [i.key for i in digest.items] + list(once), once)
            fresh = Digest(name, digest.email, [i for i in digest.items if i.key not in done])
            escalated = [e for e in mine if e.key not in done]
            if not fresh.items and not escalated:
                continue
            post = compose.personal_post(fresh, escalated, self.project, self.day, self.lang)
            address = self._good([digest.email] if digest.email else [])
            if not digest.email:
                self.result.notes.append(i18n.t("remind.no-email", self.lang, person=name))
            msg = email.build(post, address, self.lang, sender)
            self.result.messages.append(Outgoing("email", name, post.keys, _file_name(name), email=msg,
                                                 text=email.render_text(post, self.lang), personal=True))
        if self.config.recipients:
            key = f"{GROUP}|{self.day.isoformat()}"
            if self._new("email", GROUP, [key], set()):
                return
            post = compose.group_post(r.group, [], self.lang, changes)
            msg = email.build(post, self._good(self.config.recipients), self.lang, sender)
            self.result.messages.append(Outgoing("email", GROUP, [key], GROUP, email=msg,
                                                 text=email.render_text(post, self.lang)))

    def chat(self, channel: str, changes: dict[str, list[str]] | None) -> None:
        import importlib

        module = importlib.import_module(f"crossdept.notify.{channel}")
        r = self.result.reminders
        once = {e.key for e in r.escalations}
        announced = self.log.sent(self.day, channel, GROUP, once, once=True)
        post = compose.group_post(r.group, [e for e in r.escalations if e.key not in announced], self.lang, changes)
        bodies = module.bodies(post, self.lang)
        for n, body in enumerate(bodies, start=1):
            part = f"{GROUP}|{self.day.isoformat()}|{n}"  # the day's n-th part, whatever the total
            if self._new(channel, GROUP, [part], set()):
                continue
            keys = [part] + (post.keys if n == len(bodies) else [])
            self.result.messages.append(Outgoing(channel, GROUP, keys, f"{channel}-{n}", body=body, text=module.text(body)))


PREVIEW_INDEX = "remind"  # remind.json, the run's --json result beside the previews


def _unique_files(messages: list[Outgoing]) -> None:
    """Make every preview file name distinct (case and all, as Windows and macOS compare them).

    The group digest's and the chat messages' names (group.eml, wecom-1.json…) and remind.json
    are fixed (group.eml even on a day without a group email, so it always means the digest); a
    person's name that would take one of them (a person called "group"), or another person's
    (张/伟 and 张:伟 are both 张_伟), gets -2, -3…: no preview overwrites another."""
    def files(stem: str, m: Outgoing) -> set[str]:
        return {f"{stem}.eml".casefold()} if m.email is not None else {f"{stem}.{ext}".casefold() for ext in ("json", "md")}

    taken = {f"{PREVIEW_INDEX}.json".casefold(), f"{GROUP}.eml".casefold()}
    for m in messages:
        if not m.personal:
            taken |= files(m.file_stem, m)
    for m in (m for m in messages if m.personal):
        stem, n = m.file_stem, 1
        while files(stem, m) & taken:
            n += 1
            stem = f"{m.file_stem}-{n}"
        m.file_stem = stem
        taken |= files(stem, m)


def _write_previews(result: RemindResult, out: Path) -> None:
    from crossdept.notify.email import as_bytes

    for m in result.messages:
        if m.email is not None:
            result.written.append(write_bytes_atomic(out / f"{m.file_stem}.eml", as_bytes(m.email)))
        else:
            result.written.append(write_text_atomic(out / f"{m.file_stem}.json",
                                                    json.dumps(m.body, ensure_ascii=False, indent=2) + "\n"))
            result.written.append(write_text_atomic(out / f"{m.file_stem}.md", m.text + "\n"))
    result.written.append(write_text_atomic(out / f"{PREVIEW_INDEX}.json",
                                            json.dumps(result.to_json(), ensure_ascii=False, indent=2, default=str) + "\n"))


def _deliver(result: RemindResult, config: Config, log: SentLog) -> None:
    """Send every pending message; a channel stops at its first refusal or failure (the server
    is down, the key is wrong: the next messages would fail the same way), except that a mail
    server refusing one address does not stop the others' emails. What was not attempted stays
    "pending" and is sent by the next run. Emails share one SMTP session."""
    import importlib
    from contextlib import ExitStack

    stopped: set[str] = set()
    server = None
    with ExitStack() as stack:
        for m in result.messages:
            if m.channel in stopped or (m.email is not None and not m.email.get_all("To")):
                continue  # a person without an address is in the notes, kept for the next run
            try:
                if m.email is not None:
                    from crossdept.notify import email

                    assert config.smtp is not None
                    server = server or email.connect(config.smtp, stack)
                    email.send(m.email, server)
                else:
                    module = importlib.import_module(f"crossdept.notify.{m.channel}")
                    var = getattr(config.notify, f"{m.channel}_secret_env", "")
                    secret = os.environ.get(var) if var else None
                    module.send(getattr(config.notify, m.channel), m.body, secret, var)
            except (SendRefused, SendFailed) as exc:
                m.status = "refused" if isinstance(exc, SendRefused) else "failed"
                if exc.rule != "summary.smtp-refused":  # one address refused: the others still go
                    stopped.add(m.channel)
                said = exc.message(result.lang)
                if m.email is not None:  # whose email (none when the server itself was not reached)
                    key = "remind.smtp-failed" if server is not None else "remind.smtp-unreachable"
                    said = i18n.t(key, result.lang, person=m.recipient, detail=said.rstrip("。."))
                result.problems.append(said)
                continue
            m.status = "sent"
            log.record(result.day, m.channel, m.recipient, m.keys)


def _changes(store: Path, books: list[tuple[str, Workbook]], config: Config, day: dt.date,
             record: bool) -> dict[str, list[str]] | None:
    """Issues opened, closed, slipped or escalated since the last week the store holds (None
    without one); this week's rows are recorded when sending (a preview writes nothing)."""
    if not record and not store.exists():
        return None
    return _changes_of(store, issue_rows(books, rules_for((b for _, b in books), config, day)), day, record)


def _changes_of(store: Path, rows: Iterable[WeekRow], day: dt.date, record: bool) -> dict[str, list[str]] | None:
    with WeekRows(store) as weeks:
        previous = weeks.before(day)
        if record:
            weeks.record(day, rows)
    return week_changes(previous, rows) if previous is not None else None


@dataclass
class DigestPart:
    """What the weekly group digest needs of one workbook, made where the workbook was read (a
    worker process: ops/weekly.py): the group hears counts and overdue items only, so the other
    items are counted there and never cross."""

    counts: dict[str, int]
    overdue: list[Item]
    rows: list[WeekRow]


def digest_part(path: Path, book: Workbook, folder: Path, config: Config, day: dt.date) -> DigestPart:
    """One workbook's reminder counts, overdue items and week rows. None depends on the 项目章程's
    lead and sponsor (only the escalations do: WeekDigest), so the workbook's own rules serve."""
    shown, rules = _shown(path, folder), Rules.from_config(config, day)
    items = book_items(shown, book, rules)
    return DigestPart(count_items(items), [i for i in items if i.state == "overdue"], issue_rows([(shown, book)], rules))


class WeekDigest:
    """The weekly run's group digest, added up one workbook's DigestPart at a time in file order.

    At 400 department workbooks the overdue items and week rows were ~130 MB kept to the end of
    the run; they are kept mostly on disk here (store/spill.py: nothing written below ~20,000
    items), read back in the order the lists gave, so the digest is byte for byte the same
    (tests/test_weekly_pool.py)."""

    def __init__(self) -> None:
        self.counts = count_items(())
        self.overdue = SpillList(Item, overdue_order)
        self.issues = SpillList(Item)  # the overdue issues in file order: the escalations
        self.rows = SpillList(WeekRow)

    def add(self, part: DigestPart) -> None:
        for key, n in part.counts.items():
            self.counts[key] += n
        self.overdue.extend(part.overdue)
        self.issues.extend(i for i in part.overdue if i.kind == "issue")
        self.rows.extend(part.rows)

    def text(self, folder: Path, books: list[Workbook], config: Config, day: dt.date, lang: str,
             project: str, history: Path | None = None) -> tuple[str, list[str] | None]:
        """The group digest as plain text, and the lines saying what changed since last week
        (None without an earlier week). Records this week's rows in the history. `books` are the
        workbooks (their 项目章程 names the lead and sponsor an escalation goes to)."""
        group = group_digest(self.counts, self.overdue, config, day, project)
        store, _ = history_path(folder, config, history)
        changes = _changes_of(store, self.rows, day, record=True)
        post = compose.group_post(group, escalations_of(self.issues, rules_for(books, config, day)), lang, changes)
        return compose.plain_text(post, lang), compose.change_lines(changes, lang) if changes is not None else None


def remind(folder: PathArg, *, send: bool = False, out: PathArg | None = None, channel: list[str] | None = None,
           history: PathArg | None = None, today: DateLike = None, lang: str | None = None) -> RemindResult:
    """The day's reminders of FOLDER; sent with `send`, written to `out` for review."""
    day, language, root = as_today(today), as_lang(lang), as_path(folder)
    out_dir = as_path(out) if out is not None else None
    if out_dir is not None and out_dir.exists() and not out_dir.is_dir():  # checked before anything is sent
        raise CrossdeptError("remind.out-not-folder", path=out_dir)
    config = load_config(root)
    channels = _channels(channel, config, send)
    books, problems = _read(root, config, day, language)
    if not books:
        raise CrossdeptError("remind.no-workbooks", path=root)
    project = project_name(config, (b for _, b in books), root.resolve().name)
    reminders = build_reminders(books, config, day, project)
    result = RemindResult(root, day, language, reminders, problems=problems, sent_now=send)
    store, _ = history_path(root, config, as_path(history) if history is not None else None)
    # The history store keeps what was sent: without it a rerun would send twice, so a store
    # that cannot be used stops the run (HistoryError, a CrossdeptError naming the file).
    changes = _changes(store, books, config, day, record=send)
    with SentLog(store, create=send) as log:
        planner = _Planner(result, config, log, project)
        for name in channels:
            if name == "email":
                planner.emails(changes)
            else:
                planner.chat(name, changes)
        _unique_files(result.messages)
        if send:
            _deliver(result, config, log)
        else:
            for m in result.messages:
                m.status = "preview"
        if out_dir is not None:
            result.out = out_dir
            try:
                _write_previews(result, out_dir)
            except OSError as exc:  # e.g. --out under a file: one line naming it, not an unexpected error
                raise CrossdeptError("output-unwritable", path=exc.filename or out_dir,
                                     detail=exc.strerror or exc) from None
    return result
