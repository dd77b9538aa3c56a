"""The names a project knows (crossdept.toml's people and departments) and the closest to any other.

Built once per run from the config; a name that is not on the roster is answered with the
closest one that is ("张 伟" -> "张伟"), found by difflib on the same lenient keys the rest of the
model compares with.
"""

from __future__ import annotations

import difflib

from crossdept.config import Config
from crossdept.findings import define_rule
from crossdept.model.sheets import CHARTER
from crossdept.model.spec import Column, ColumnType
from crossdept.model.text import match_key

UNKNOWN_PERSON = define_rule("unknown-person", "error")
UNKNOWN_DEPARTMENT = define_rule("unknown-department", "error")


class Roster:
    """The names a project knows, and the closest known name to any other (memoised per run)."""

    def __init__(self, names: list[str]) -> None:
        self.names = {n for n in names if n}
        self._by_key = {match_key(n): n for n in sorted(self.names)}
        self._closest: dict[str, str] = {}

    def __bool__(self) -> bool:
        return bool(self.names)

    def knows(self, name: str) -> bool:
        return name in self.names

    def closest(self, name: str) -> str:
        if name not in self._closest:
            key = match_key(name)
            exact = self._by_key.get(key)
            if exact is None:
                best = difflib.get_close_matches(key, list(self._by_key), n=1, cutoff=0.0)
                exact = self._by_key[best[0]]
            self._closest[name] = exact
        return self._closest[name]


class Rosters:
    """The people and departments of one config, built once per validation run."""

    def __init__(self, config: Config) -> None:
        departments = [*config.departments, *(p.department for p in config.people if p.department)]
        self.departments = Roster(departments)
        people: list[str] = []
        if config.people:
            # A role or a department may own an exchange ("项目负责人", "运营"), as the guide's own
            # communication plan shows; the role words come from the charter's field labels.
            roles = [w for key in ("lead", "sponsor") for w in (CHARTER.column(key).header, *CHARTER.column(key).aliases)]
            people = [p.name for p in config.people] + [config.lead or "", config.sponsor or ""] + departments + roles
        self.people = Roster(people)

    def roster(self, column: Column) -> tuple[Roster, str] | None:
        if column.type is ColumnType.PERSON and self.people:
            return self.people, UNKNOWN_PERSON
        if column.type is ColumnType.DEPARTMENT and self.departments:
            return self.departments, UNKNOWN_DEPARTMENT
        return None
