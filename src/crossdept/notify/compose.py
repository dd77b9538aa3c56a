"""What the reminders say, in the reader's language: posts made of titled sections of lines.

One wording for every channel: the email templates, the WeCom / DingTalk / Feishu messages and
the preview files all render the same Post, so a person reads the same line in the group chat
as in their inbox. Lines are plain text (each channel adds its own markup), short (titles are
shortened in core/reminders.py), and each item line says where to update it.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field

from crossdept import i18n
from crossdept.config import Person
from crossdept.core.reminders import Digest, Escalation, GroupDigest, Item

# Order of a personal digest's sections: what is late first.
PERSONAL_SECTIONS = ("overdue", "blocked", "due_soon", "stale")
CHANGE_KINDS = ("opened", "closed", "slipped", "escalated")


@dataclass
class Section:
    title: str
    lines: list[str]


@dataclass
class Post:
    """One message before a channel renders it; `keys` are the sent-log items it carries."""

    title: str
    intro: list[str] = field(default_factory=list)
    sections: list[Section] = field(default_factory=list)
    footer: list[str] = field(default_factory=list)
    mentions: list[Person] = field(default_factory=list)
    keys: list[str] = field(default_factory=list)

    def lines(self) -> list[str]:
        """The post as plain lines (title excluded): intro, each section's title and lines, footer."""
        out = list(self.intro)
        for section in self.sections:
            out += [f"【{section.title}】", *section.lines]
        return out + self.footer


def state_text(item: Item, lang: str) -> str:
    return i18n.t(f"remind.state.{item.state}", lang, days=item.days_overdue,
                  due=item.due.isoformat() if item.due else "-")


def where(item: Item, lang: str) -> str:
    return i18n.t("remind.where", lang, path=item.path, sheet=item.sheet, cell=item.cell)


def item_line(item: Item, lang: str, with_owner: bool = False) -> str:
    params = dict(kind=i18n.t(f"remind.kind.{item.kind}", lang), id=item.id, title=item.title,
                  state=state_text(item, lang), where=where(item, lang))
    if with_owner:
        return i18n.t("remind.line.owner", lang, owner=item.owner or "-", **params)
    return i18n.t("remind.line", lang, **params)


def escalation_line(esc: Escalation, lang: str) -> str:
    sep = i18n.t("remind.list-sep", lang)
    cc = i18n.t("remind.escalation.cc", lang, cc=sep.join(esc.cc)) if esc.cc else ""
    issue = esc.issue
    return i18n.t("remind.escalation", lang, level=esc.level, id=issue.id, title=issue.title,
                  days=issue.days_overdue, owner=issue.owner or "-", to=sep.join(esc.to) or "-", cc=cc,
                  where=where(issue, lang))


def personal_post(digest: Digest, escalated: Sequence[Escalation], project: str, today: dt.date,
                  lang: str) -> Post:
    """One person's message: their own items by state, then the escalations addressed to them."""
    post = Post("", [i18n.t("remind.personal.hello", lang, person=digest.person, day=today.isoformat())])
    for state in PERSONAL_SECTIONS:
        items = [i for i in digest.items if i.state == state]
        if items:
            post.sections.append(Section(i18n.t(f"remind.section.{state}", lang), [item_line(i, lang) for i in items]))
            post.keys += [i.key for i in items]
    for cc, section in ((False, "escalated"), (True, "escalated-cc")):
        mine = [e for e in escalated if (digest.person in e.cc) == cc]
        if mine:
            post.sections.append(Section(i18n.t(f"remind.section.{section}", lang), [escalation_line(e, lang) for e in mine]))
            post.keys += [e.key for e in mine]
    count = sum(len(s.lines) for s in post.sections)
    post.title = i18n.t("remind.personal.subject", lang, project=project, person=digest.person, count=count,
                        day=today.isoformat())
    post.footer = [i18n.t("remind.personal.footer", lang)]
    return post


def group_post(group: GroupDigest, escalations: Iterable[Escalation], lang: str,
               changes: dict[str, list[str]] | None = None) -> Post:
    """The project group's message: counts, overdue list, new escalations, changes, mentions."""
    post = Post(i18n.t("remind.group.title", lang, project=group.project, day=group.today.isoformat()),
                [i18n.t("remind.group.counts", lang, **group.counts)])
    if group.overdue:
        post.sections.append(Section(i18n.t("remind.section.group-overdue", lang),
                                     [item_line(i, lang, with_owner=True) for i in group.overdue]))
    else:
        post.intro.append(i18n.t("remind.group.nothing", lang))
    escalations = list(escalations)
    if escalations:
        post.sections.append(Section(i18n.t("remind.section.group-escalated", lang),
                                     [escalation_line(e, lang) for e in escalations]))
        post.keys += [e.key for e in escalations]
    if changes is not None:
        sep = i18n.t("remind.list-sep", lang)
        lines = [i18n.t(f"remind.change.{k}", lang, ids=sep.join(changes[k])) for k in CHANGE_KINDS if changes.get(k)]
        post.sections.append(Section(i18n.t("remind.section.changes", lang), lines or [i18n.t("remind.change.none", lang)]))
    post.mentions = list(group.mentions)
    return post
