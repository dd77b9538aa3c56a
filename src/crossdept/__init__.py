"""crossdept: Excel as the working surface of cross-department projects.

The Python API mirrors the command line (docs/api.md, whose examples run in the test suite):
every command is a function of this package with the same name and options, returning a result
whose `to_json()` is exactly what `--json` prints and whose `exit_code` is the command's. The CLI,
the Excel ribbon and the weekly run call the same functions (crossdept/ops/).

    import crossdept
    result = crossdept.rollup("samples/智慧门店上线", output="out/汇总.xlsx", today="2026-11-20")
    result.to_json()["totals"]["tasks_overdue"]     # 9

A situation the user must fix raises `crossdept.CrossdeptError` (`exc.message("en")`).
The functions are imported on first use, so `import crossdept` costs nothing.
"""

from __future__ import annotations

import importlib

__version__ = "0.1.0"

# API name -> the operation module (crossdept/ops/<module>.py) that defines a function of that name.
_OPERATIONS = {
    "new": "new",
    "validate": "validate",
    "highlight": "highlight",
    "rollup": "rollup",
    "minutes": "minutes",
    "summary": "summary",
    "weekly": "weekly",
    "inspect": "inspect",
    "review": "review",
    "remind": "remind",
    "calendar": "calendar",
}

__all__ = ["CrossdeptError", "__version__", *_OPERATIONS]


def __getattr__(name: str) -> object:
    if name == "CrossdeptError":
        from crossdept.errors import CrossdeptError

        return CrossdeptError
    if name in _OPERATIONS:
        try:
            module = importlib.import_module(f"crossdept.ops.{_OPERATIONS[name]}")
        except ModuleNotFoundError as exc:  # a command announced in interface.md, not built yet
            if exc.name != f"crossdept.ops.{_OPERATIONS[name]}":
                raise
            raise AttributeError(f"module 'crossdept' has no attribute {name!r} yet") from None
        return getattr(module, name)
    raise AttributeError(f"module 'crossdept' has no attribute {name!r}")


def __dir__() -> list[str]:
    return sorted(__all__)
