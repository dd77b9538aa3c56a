"""SafeConsole.print_plain writes straight to a stream that is not a terminal; what it writes must
be byte for byte what rich's own print writes, in a terminal of any width, for every kind of line a
highlight run prints (Chinese, long lines, trailing spaces, control codes, tabs, emoji codes)."""

from __future__ import annotations

import io

import pytest
from rich.console import Console

from crossdept.terminal import SafeConsole

LINES = [
    "问题跟踪表!12行 RD-00012 逾期、未更新：逾期3天，建议升级至二级（项目负责人王强协调）",
    "x" * 300 + " 尾部空格   ",
    "   leading and trailing   ",
    "ID \x1b]0;pwned\x07 \x1b[2J\r\u202e reversed \ud800 :fire: [bold]markup[/bold]",
    "a\ttab\tin\tthe\tline",
    "",
    "末行",
]


def rich_bytes(text: str, width: int) -> str:
    out = io.StringIO()
    console = SafeConsole(file=out, soft_wrap=True, force_terminal=True, color_system=None, width=width)
    console.print_plain(text)  # a terminal: rich's own print
    return out.getvalue()


@pytest.mark.parametrize("width", [20, 80, 400])
@pytest.mark.parametrize("text", [*LINES, "\n".join(LINES), "\n".join(line for line in LINES if "\t" not in line)])
def test_a_stream_gets_the_bytes_rich_prints_in_a_terminal(text: str, width: int, monkeypatch: pytest.MonkeyPatch) -> None:
    out = io.StringIO()
    console = SafeConsole(file=out, soft_wrap=True, width=width)
    assert not console.is_terminal
    with monkeypatch.context() as patch:
        if "\t" not in text:  # the direct path: rich is not asked
            patch.setattr(Console, "print", lambda *a, **k: pytest.fail("rich laid out a plain line"))
        console.print_plain(text)
    assert out.getvalue() == rich_bytes(text, width)
    reference = io.StringIO()
    SafeConsole(file=reference, soft_wrap=True, width=width).print(text, markup=False, highlight=False)
    assert out.getvalue() == reference.getvalue()
