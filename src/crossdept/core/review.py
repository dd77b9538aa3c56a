"""The 复盘报告 of one milestone: 成果总结 - 问题清单 - 改进措施, as plain data.

Implements the review report of ../shared/guide/domain.md "Milestones". Pure: a MilestonePlan in
(core/milestones.py), a `Review` out whose `to_json()` is interface.md's review JSON and whose
`context()` holds every value a template shows, already text, so the Word and Markdown writers
only lay it out and always say the same thing (as core/minutes.py does for minutes).
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from crossdept.core.milestones import LEVELS, IssueItem, MilestonePlan, MilestoneView, slip_text
from crossdept import i18n
from crossdept.core.minutes import Meeting, level_text, review_name
from crossdept.core.rollup import cell_value
from crossdept.findings import display_value as _text
from crossdept.model.sheets import BOARD, CHARTER, ISSUE_STATUS, ISSUES, MINUTES

# Template variable names of the issue statuses 待处理 / 处理中 / 已解决 / 已关闭, in that order.
STATUS_KEYS = ("open", "in_progress", "resolved", "closed")

# The guide's questions of a review meeting (catalog_review_doc.py review-line.prompt.N), left for
# people to answer when no 里程碑复盘会 minutes name the milestone.
PROMPTS = ("review-line.prompt.1", "review-line.prompt.2", "review-line.prompt.3")


@dataclass
class Review:
    """What the review report of `view` states, already decided."""

    project: str
    view: MilestoneView
    meeting: Meeting | None
    today: dt.date

    @property
    def measures(self) -> list[dict[str, str]]:
        """The decisions and action items of the milestone's 里程碑复盘会 (rows with either)."""
        if self.meeting is None:
            return []
        rows = []
        for record in self.meeting.items:
            decision, action = _text(cell_value(record, "decision")), _text(cell_value(record, "action"))
            if decision or action:
                rows.append({"topic": _text(cell_value(record, "topic")), "decision": decision, "action": action,
                             "owner": _text(cell_value(record, "owner")), "due": _text(cell_value(record, "due")),
                             "status": _text(cell_value(record, "status"))})
        return rows

    @property
    def mean_days_to_resolve(self) -> float | None:
        days = [d for i in self.view.issues if (d := i.days_to_resolve) is not None]
        return round(sum(days) / len(days), 1) if days else None

    def by_level(self) -> dict[str, dict[str, int]]:
        """Issues per level and status (an issue without a level counts as 一级, like everywhere)."""
        table = {level: dict.fromkeys(ISSUE_STATUS.values, 0) for level in LEVELS}
        for issue in self.view.issues:
            if issue.status in table[issue.level]:
                table[issue.level][issue.status] += 1
        return table

    def to_json(self) -> dict[str, object]:
        """interface.md's review JSON."""
        v = self.view
        head = v.to_json()
        return {
            **{k: head[k] for k in ("milestone", "planned", "actual", "forecast", "slip_working_days", "state")},
            "tasks": {"total": len(v.tasks), "done": v.done_tasks,
                      "late": [{"id": t.id, "days_late": t.days_late} for t in v.late_tasks]},
            "issues": {"total": len(v.issues), "open": [i.id for i in v.issues if i.open],
                       "by_level": {level: sum(1 for i in v.issues if i.level == level) for level in LEVELS},
                       "resolved_late": [i.id for i in v.issues if i.resolved_late],
                       "mean_days_to_resolve": self.mean_days_to_resolve},
            "measures": [{k: m[k] or None for k in ("decision", "action", "owner", "due")} for m in self.measures],
        }

    @property
    def archive_name(self) -> str:
        return review_name(self.project, self.today, self.view.name)

    def context(self, lang: str = "zh") -> dict[str, object]:
        """The variables of a review template, every value text (docs/review.md lists them);
        crossdept's words in `lang` (``L`` and the *_line sentences), the sheets' text as written."""
        v, m = self.view, self.view.milestone
        words = labels(lang)
        slip = v.slip
        tasks = [{"id": t.id, "task": t.task, "department": t.department, "owner": t.owner,
                  "planned": _text(t.planned_finish), "actual": _text(t.actual_finish), "status": t.status or "",
                  "days_late": _text(t.days_late), "notes": t.notes} for t in v.tasks]
        issues = {i.id: i for i in v.issues}
        meeting = self.meeting
        return {
            "project": self.project,
            "milestone": m.name,
            "title": i18n.t("review-line.title", lang, project=self.project, milestone=m.name).strip(),
            "state": i18n.t(f"milestone.state.{v.state}", lang),
            "planned": _text(m.planned), "actual": _text(m.actual), "forecast": _text(v.forecast),
            "slip": "" if slip is None else str(slip),
            "slip_text": slip_text(slip, lang),
            "tasks_total": str(len(v.tasks)), "tasks_done": str(v.done_tasks),
            "tasks_overdue": str(v.overdue_tasks), "tasks_blocked": str(v.blocked_tasks),
            "tasks": tasks,
            "late": [t for t in tasks if t["days_late"]],
            "issues_total": str(len(v.issues)),
            "levels": [{"level": level_text(level, lang), "total": str(sum(counts.values())),
                        **{key: str(counts[status]) for key, status in zip(STATUS_KEYS, ISSUE_STATUS.values)}}
                       for level, counts in self.by_level().items()],
            "open": [_issue_row(issues[i], lang) for i in issues if issues[i].open],
            "resolved_late": [_issue_row(issues[i], lang) for i in issues if issues[i].resolved_late],
            "mean_days": _text(self.mean_days_to_resolve),
            "meeting": {"name": meeting.field("meeting_name"), "date": meeting.date.isoformat(),
                        "sheet": meeting.sheet} if meeting else None,
            "measures": self.measures,
            "prompts": [i18n.t(key, lang) for key in PROMPTS],
            "today": self.today.isoformat(),
            "archive_name": self.archive_name,
            "L": words,
            **self._lines(lang),
        }

    def _lines(self, lang: str) -> dict[str, str]:
        """The sentences with figures in them, whole, so each language orders its words itself."""
        v, m = self.view, self.view.milestone
        actual = _text(m.actual) or i18n.t("review-line.not-reached", lang, forecast=_text(v.forecast))
        done, total = str(v.done_tasks), str(len(v.tasks))
        meeting = self.meeting
        return {
            "tasks_line": i18n.t("review-line.tasks-line", lang, done=done, total=total, overdue=v.overdue_tasks,
                                 blocked=v.blocked_tasks),
            "actual_line": actual,
            "summary_line": i18n.t("review-line.summary-line", lang, planned=_text(m.planned), actual=actual,
                                   slip=slip_text(v.slip, lang), done=done, total=total),
            "issues_line": i18n.t("review-line.issues-line", lang, total=len(v.issues),
                                  mean=_text(self.mean_days_to_resolve) or "-"),
            "meeting_line": (i18n.t("review-line.from-meeting", lang, name=meeting.field("meeting_name"),
                                    date=meeting.date.isoformat()) if meeting else ""),
        }


def labels(lang: str = "zh") -> dict[str, object]:
    """The report's words in `lang` (the templates' ``L``): the sheets' column labels (``L.task``,
    ``L.issue``, ``L.minutes``, ``L.charter``), the issue statuses, and catalog_review_doc.py by short id."""
    words: dict[str, object] = {key.removeprefix("review-doc.").replace("-", "_"): i18n.t(key, lang)
                                for key in i18n.keys("review-doc.")}
    for name, spec in (("task", BOARD), ("issue", ISSUES), ("minutes", MINUTES), ("charter", CHARTER)):
        words[name] = {c.key: c.label(lang) for c in spec.columns}
    words["statuses"] = [ISSUE_STATUS.english(s) if lang == "en" else s for s in ISSUE_STATUS.values]
    return words


def _issue_row(issue: IssueItem, lang: str = "zh") -> dict[str, str]:
    late = (issue.resolved_on - issue.due).days if issue.resolved_late else None
    return {"id": issue.id, "description": issue.description, "level": level_text(issue.level, lang), "status": issue.status or "",
            "raised_on": _text(issue.raised_on), "due": _text(issue.due), "resolved_on": _text(issue.resolved_on),
            "days_late": _text(late)}


def build_review(plan: MilestonePlan, view: MilestoneView, project: str) -> Review:
    return Review(project, view, plan.review_of(view), plan.today)
