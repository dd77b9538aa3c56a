"""How fast `crossdept remind` prepares a large project's day: every message, nothing sent.

Prints figures; asserts nothing. Run:
    .venv/bin/python bench/bench_remind.py [ISSUES] [PEOPLE]
A 问题跟踪表 of ISSUES issues (default 10,000) owned round-robin by PEOPLE people (default 200,
each with an email and a mobile) is generated with XlsxWriter into bench/data/ (git-ignored),
with a crossdept.toml configuring all three group bots (addresses on 127.0.0.1 that are never
called: the run is a preview). About two thirds of the issues are overdue or due soon on
2026-11-20, so every person gets an email and the lead and sponsor get thousands of escalations.
Phases: the whole preview (read, states, digests, rendering every email and chat message), then
the same with every message written to a folder.
"""

from __future__ import annotations

import datetime as dt
import shutil
import sys
import tempfile
import time
from pathlib import Path

import xlsxwriter

from crossdept.model.sheets import ISSUES
from crossdept.ops.remind import remind

DATA = Path(__file__).parent / "data" / "remind"
TODAY = "2026-11-20"


def build(issues: int, people: int) -> Path:
    shutil.rmtree(DATA, ignore_errors=True)
    DATA.mkdir(parents=True)
    names = [f"员工{i:03d}" for i in range(people)]
    toml = ['[project]\nname = "大项目"\nlead = "项目负责人"\nsponsor = "发起人"\n',
            '[notify]\nwecom = "http://127.0.0.1:9/cgi-bin/webhook/send?key=k"\n'
            'dingtalk = "http://127.0.0.1:9/robot/send?access_token=t"\nfeishu = "http://127.0.0.1:9/open-apis/bot/v2/hook/h"\n']
    toml += [f'[[people]]\nname = "{n}"\nemail = "p{i}@example.com"\nmobile = "138{i:08d}"\n' for i, n in enumerate(names)]
    (DATA / "crossdept.toml").write_text("\n".join(toml), encoding="utf-8")
    book = xlsxwriter.Workbook(str(DATA / "研发部.xlsx"))
    date = book.add_format({"num_format": "yyyy-mm-dd"})
    ws = book.add_worksheet(ISSUES.name)
    keys = ["id", "description", "raised_on", "owner", "due", "level", "status", "updated_on"]
    headers = {c.key: c.header for c in ISSUES.columns}
    for col, key in enumerate(keys):
        ws.write(0, col, headers[key])
    for i in range(1, issues + 1):
        row = [f"I-{i}", f"问题{i}：接口联调超时", dt.datetime(2026, 11, 10), names[i % people],
               dt.datetime(2026, 11, 10 + i % 20), ("一级", "二级", "三级")[i % 3], "处理中", dt.datetime(2026, 11, 10 + i % 11)]
        for col, value in enumerate(row):
            if isinstance(value, dt.datetime):
                ws.write_datetime(i, col, value, date)
            else:
                ws.write(i, col, value)
    book.close()
    return DATA


def main() -> None:
    issues = int(sys.argv[1]) if len(sys.argv) > 1 else 10_000
    people = int(sys.argv[2]) if len(sys.argv) > 2 else 200
    folder = build(issues, people)
    start = time.perf_counter()
    result = remind(folder, today=TODAY, history=folder / "h.sqlite")
    preview = time.perf_counter() - start
    emails = sum(m.channel == "email" for m in result.messages)
    chats = len(result.messages) - emails
    print(f"{issues:,} issues, {people} people: {emails} emails, {chats} chat messages, "
          f"{len(result.reminders.escalations):,} escalations")
    print(f"preview (read, states, every message rendered): {preview:.2f} s")
    with tempfile.TemporaryDirectory() as out:
        start = time.perf_counter()
        remind(folder, today=TODAY, out=Path(out) / "review", history=folder / "h.sqlite")
        print(f"the same, every message written to a folder: {time.perf_counter() - start:.2f} s")


if __name__ == "__main__":
    main()
