"""crossdept.toml: the project's own facts (names, people, calendar, SMTP), all optional.

Found beside the workbooks (the folder given, or the file's folder, then their parents). A
project without one still works; what the file adds is better names in messages and checks
against the people and departments it lists.
"""

from __future__ import annotations

import datetime as dt
import tomllib
from dataclasses import dataclass, field
from pathlib import Path

from crossdept.errors import CrossdeptError

CONFIG_NAME = "crossdept.toml"


class ConfigError(CrossdeptError):
    """crossdept.toml exists but cannot be used; the message names the file, place and fix."""

    def __init__(self, path: Path, detail: str) -> None:
        self.path = path
        self.detail = detail
        super().__init__("config-invalid", path=str(path), detail=detail)


@dataclass
class Person:
    name: str
    department: str | None = None
    email: str | None = None
    mobile: str | None = None  # for @ on WeCom and DingTalk group bots
    feishu_id: str | None = None  # for @ on Feishu (open_id ou_… or user_id)


@dataclass
class Smtp:
    host: str
    port: int = 587
    sender: str | None = None
    user: str | None = None
    security: str = "starttls"  # starttls | ssl | none
    password_env: str = "CROSSDEPT_SMTP_PASSWORD"  # the password only ever from the environment


@dataclass
class Notify:
    """[notify]: group-bot webhook addresses as each app shows them; signing secrets only from the
    environment variables named here (a secret in crossdept.toml would be committed with it)."""

    wecom: str | None = None
    dingtalk: str | None = None
    feishu: str | None = None
    dingtalk_secret_env: str = "CROSSDEPT_DINGTALK_SECRET"
    feishu_secret_env: str = "CROSSDEPT_FEISHU_SECRET"


@dataclass
class Config:
    path: Path | None = None
    project: str | None = None
    lead: str | None = None
    sponsor: str | None = None
    year: int | None = None
    departments: list[str] = field(default_factory=list)
    people: list[Person] = field(default_factory=list)
    meeting_weekday: int = 5  # ISO weekday: Friday (guide: 每周五15:00)
    meeting_time: str = "15:00"
    sla_days: dict[str, int] = field(default_factory=dict)  # level -> days, overrides domain defaults
    days_off: set[dt.date] = field(default_factory=set)
    workdays: set[dt.date] = field(default_factory=set)
    recipients: list[str] = field(default_factory=list)
    smtp: Smtp | None = None
    history: Path | None = None  # [history] path, relative to crossdept.toml's folder
    notify: Notify = field(default_factory=Notify)

    def person(self, name: str) -> Person | None:
        return next((p for p in self.people if p.name == name), None)


def find_config(start: Path) -> Path | None:
    """crossdept.toml in the folder of `start` or the nearest parent folder."""
    folder = start if start.is_dir() else start.parent
    for candidate in (folder.resolve(), *folder.resolve().parents):
        path = candidate / CONFIG_NAME
        if path.is_file():
            return path
    return None


def _dates(path: Path, values: object, key: str) -> set[dt.date]:
    out = set()
    for v in values or []:  # type: ignore[union-attr]
        if isinstance(v, dt.date):
            out.add(v)
            continue
        try:
            out.add(dt.date.fromisoformat(str(v)))
        except ValueError as exc:
            raise ConfigError(path, f"[calendar] {key}: {v!r} is not a date like 2026-12-31") from exc
    return out


def _strings(path: Path, value: object, where: str) -> list[str]:
    """A list of texts; a single text where a list belongs is a mistake worth naming."""
    if value is None:
        return []
    if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
        raise ConfigError(path, f'{where} must be a list of texts, e.g. ["a", "b"]')
    return list(value)


def _int(path: Path, value: object, where: str, low: int, high: int) -> int:
    if isinstance(value, bool) or not isinstance(value, int) or not low <= value <= high:
        raise ConfigError(path, f"{where} must be a whole number from {low} to {high}, not {value!r}")
    return value


def parse_config(path: Path, text: str) -> Config:
    try:
        data = tomllib.loads(text)
    except tomllib.TOMLDecodeError as exc:
        raise ConfigError(path, str(exc)) from exc
    project = data.get("project", {})
    cfg = Config(path=path)
    cfg.project = project.get("name")
    cfg.lead = project.get("lead")
    cfg.sponsor = project.get("sponsor")
    cfg.year = _int(path, project["year"], "[project] year", 1950, 2099) if "year" in project else None
    cfg.departments = _strings(path, project.get("departments"), "[project] departments")
    cfg.recipients = _strings(path, project.get("recipients"), "[project] recipients")
    for i, person in enumerate(data.get("people", []), start=1):
        if "name" not in person:
            raise ConfigError(path, f"[[people]] entry {i} has no name")
        cfg.people.append(Person(str(person["name"]), person.get("department"), person.get("email"),
                                 _text(path, person.get("mobile"), f"[[people]] {person['name']} mobile"),
                                 _text(path, person.get("feishu_id"), f"[[people]] {person['name']} feishu_id")))
    meeting = data.get("meeting", {})
    cfg.meeting_weekday = _int(path, meeting.get("weekday", cfg.meeting_weekday), "[meeting] weekday (1 = Monday … 7 = Sunday)", 1, 7)
    cfg.meeting_time = str(meeting.get("time", cfg.meeting_time))
    cfg.sla_days = {str(k): _int(path, v, f"[sla] {k}", 1, 365) for k, v in data.get("sla", {}).items()}
    calendar = data.get("calendar", {})
    cfg.days_off = _dates(path, calendar.get("days_off"), "days_off")
    cfg.workdays = _dates(path, calendar.get("workdays"), "workdays")
    smtp = data.get("smtp")
    if smtp:
        if "host" not in smtp:
            raise ConfigError(path, "[smtp] needs host")
        cfg.smtp = Smtp(
            host=str(smtp["host"]), port=_int(path, smtp.get("port", 587), "[smtp] port", 1, 65535), sender=smtp.get("sender"),
            user=smtp.get("user"), security=str(smtp.get("security", "starttls")),
            password_env=str(smtp.get("password_env", "CROSSDEPT_SMTP_PASSWORD")),
        )
    history = data.get("history", {})
    if "path" in history:
        if not isinstance(history["path"], str) or not history["path"].strip():
            raise ConfigError(path, '[history] path must be a file name, e.g. "周报归档/history.sqlite"')
        cfg.history = path.parent / history["path"].strip()
    cfg.notify = _notify(path, data.get("notify", {}))
    return cfg


def _text(path: Path, value: object, where: str) -> str | None:
    """An optional text; a phone number typed as a TOML number (13800000000) is taken as text."""
    if value is None:
        return None
    if isinstance(value, int) and not isinstance(value, bool):
        return str(value)
    if not isinstance(value, str):
        raise ConfigError(path, f'{where} must be text in quotes, e.g. "13800000000"')
    return value.strip() or None


def _notify(path: Path, section: object) -> Notify:
    if not isinstance(section, dict):
        raise ConfigError(path, "[notify] must be a table of webhook addresses")
    out = Notify()
    for key in ("wecom", "dingtalk", "feishu"):
        url = _text(path, section.get(key), f"[notify] {key}")
        if url is not None and not url.lower().startswith(("https://", "http://")):
            raise ConfigError(path, f"[notify] {key} must be the webhook address as the app shows it, starting with https://")
        setattr(out, key, url)
    for key in ("dingtalk_secret_env", "feishu_secret_env"):
        name = _text(path, section.get(key), f"[notify] {key}")
        if name:
            setattr(out, key, name)
    return out


def load_config(start: Path | None) -> Config:
    """The project's config for files at `start`, or an empty Config when there is none."""
    if start is None:
        return Config()
    path = find_config(start)
    if path is None:
        return Config()
    try:
        text = path.read_text(encoding="utf-8-sig")
    except (OSError, UnicodeDecodeError) as exc:
        raise ConfigError(path, str(exc)) from exc
    return parse_config(path, text)
