"""What the reminders say, in the reader's language: posts made of titled sections of lines.

One wording for every channel: the email templates, the WeCom / DingTalk / Feishu messages and
the preview files all render the same Post, so a person reads the same line in the group chat
as in their inbox. Lines are plain text (each channel adds its own markup), short (titles are
shortened in core/reminders.py), and each item line says where to update it.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Sequence
from itertools import islice
from dataclasses import dataclass, field

from crossdept import i18n
from crossdept.config import Person
from crossdept.core.reminders import Digest, Escalation, GroupDigest, Item

# Order of a personal digest's sections: what is late first.
PERSONAL_SECTIONS = ("overdue", "blocked", "due_soon", "stale")
CHANGE_KINDS = ("opened", "closed", "slipped", "escalated")
# A group chat is read on a phone: the longest-overdue items and the first new escalations are
# listed, the rest counted (each owner still gets all of theirs by email). Also keeps a large
# project's digest to a few messages, under the bots' 20 messages a minute.
GROUP_LIST_MAX = 30


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
        return i18n.t("remind.line.owner", lang, owner=item.owner or i18n.t("owner.none", lang), **params)
    return i18n.t("remind.line", lang, **params)


def escalation_line(esc: Escalation, lang: str) -> str:
    sep = i18n.t("remind.list-sep", lang)
    cc = i18n.t("remind.escalation.cc", lang, cc=sep.join(esc.cc)) if esc.cc else ""
    issue = esc.issue
    return i18n.t("remind.escalation", lang, level=esc.level, id=issue.id, title=issue.title,
                  days=issue.days_overdue, owner=issue.owner or i18n.t("owner.none", lang), to=sep.join(esc.to) or "-", cc=cc,
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
        shown = group.overdue[:GROUP_LIST_MAX]
        more = [i18n.t("remind.group.more", lang, count=len(group.overdue) - len(shown))] if len(group.overdue) > len(shown) else []
        post.sections.append(Section(i18n.t("remind.section.group-overdue", lang),
                                     [item_line(i, lang, with_owner=True) for i in shown] + more))
    else:
        post.intro.append(i18n.t("remind.group.nothing", lang))
    rest = iter(escalations)  # the weekly run's are read from disk: never all in memory
    named = list(islice(rest, GROUP_LIST_MAX))
    if named:
        # Only the escalations named are recorded as announced; the others come the next day.
        unnamed = sum(1 for _ in rest)
        more = [i18n.t("remind.group.more-escalations", lang, count=unnamed)] if unnamed else []
        post.sections.append(Section(i18n.t("remind.section.group-escalated", lang),
                                     [escalation_line(e, lang) for e in named] + more))
        post.keys += [e.key for e in named]
    if changes is not None:
        post.sections.append(Section(i18n.t("remind.section.changes", lang), change_lines(changes, lang)))
    post.mentions = list(group.mentions)
    return post


def change_lines(changes: dict[str, list[str]], lang: str) -> list[str]:
    """"新增问题：I-50" … one line per kind of change, or one line saying there was none."""
    sep = i18n.t("remind.list-sep", lang)
    lines = [i18n.t(f"remind.change.{k}", lang, ids=sep.join(changes[k])) for k in CHANGE_KINDS if changes.get(k)]
    return lines or [i18n.t("remind.change.none", lang)]


def mention_line(post: Post, lang: str) -> list[str]:
    """Everyone to act, by name (channels that can @ someone add the real mention themselves)."""
    if not post.mentions:
        return []
    return [i18n.t("remind.group.mentions", lang, names=i18n.t("remind.list-sep", lang).join(p.name for p in post.mentions))]


def plain_text(post: Post, lang: str) -> str:
    """The post as plain text: title, lines, the names to act (the weekly archive's 群消息)."""
    return "\n".join([post.title, "", *post.lines(), *mention_line(post, lang)]) + "\n"
