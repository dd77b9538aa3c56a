"""`crossdept remind --send` against real servers on 127.0.0.1: aiosmtpd for email and three
HTTP servers that behave like the WeCom, DingTalk and Feishu group bots (tests/chat_bots.py).

The project: ten people, each owning one overdue issue (due Wed 11-18, so 2 days overdue on
Friday 2026-11-20; odd ones 一级, even ones 二级) and one blocked task; 张伟 also owns a 三级 issue
raised Tue 11-10 with no deadline (derived 11-13: 7 days overdue). Five people have a mobile,
three a feishu_id, so the others must be named in plain text.
"""

from __future__ import annotations

import datetime as dt
import email
import json
from collections.abc import Iterator
from email import policy
from pathlib import Path

import pytest
from typer.testing import CliRunner

from chat_bots import Bot, Running
from conftest import write_xlsx
from crossdept.cli import app
from crossdept.notify import http
from crossdept.ops.remind import remind
from rollup_folder import BOARD_HEAD, ISSUE_HEAD
from test_excel_handlers import remote_engine  # noqa: F401 - xlwings' remote engine, a fixture
from test_summary_smtp import Inbox, relay  # noqa: F401 - relay is the aiosmtpd fixture

TODAY = "2026-11-20"
D = dt.date
NAMES = ["张伟", "李娜", "王芳", "刘洋", "陈静", "杨磊", "赵敏", "黄勇", "周杰", "吴霞"]
MOBILE = {n: f"1380000000{i}" for i, n in enumerate(NAMES[:5])}
FEISHU = {n: f"ou_{i:04d}" for i, n in enumerate(NAMES[:3])}
DING_SECRET, FEISHU_SECRET = "SECdingtalk-测试-secret", "feishu-secret-1"


def people_toml() -> str:
    out = ['[[people]]\nname = "陈晨"\nemail = "chen.chen@example.com"\n',
           '[[people]]\nname = "刘总"\nemail = "liu.zong@example.com"\n']
    for i, name in enumerate(NAMES):
        extra = (f'mobile = "{MOBILE[name]}"\n' if name in MOBILE else "") + (f'feishu_id = "{FEISHU[name]}"\n' if name in FEISHU else "")
        out.append(f'[[people]]\nname = "{name}"\ndepartment = "研发部"\nemail = "p{i:02d}@example.com"\n{extra}')
    return "\n".join(out)


def build(folder: Path, smtp_port: int, bots: dict[str, Bot], extra_issues: int = 0) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    toml = (f'[project]\nname = "提醒测试"\nlead = "陈晨"\nsponsor = "刘总"\ndepartments = ["研发部"]\n'
            f'recipients = ["pmo@example.com"]\n\n{people_toml()}\n'
            f'[smtp]\nhost = "127.0.0.1"\nport = {smtp_port}\nsecurity = "none"\nsender = "PMO <pmo@example.com>"\n\n'
            f'[notify]\n' + "".join(f'{name} = "{bot.url}"\n' for name, bot in bots.items()) +
            'dingtalk_secret_env = "TEST_DING_SECRET"\nfeishu_secret_env = "TEST_FEISHU_SECRET"\n')
    (folder / "crossdept.toml").write_text(toml, encoding="utf-8")
    issues = [["I-%02d" % i, f"问题{i}", "联调", "研发部", D(2026, 11, 16), name, "研发部", D(2026, 11, 18),
               "一级" if i % 2 else "二级", "处理中", "", D(2026, 11, 20), None, ""] for i, name in enumerate(NAMES, 1)]
    issues.append(["I-99", "人力冲突", "全部", "研发部", D(2026, 11, 10), "张伟", "研发部", None, "三级", "待处理", "", D(2026, 11, 20), None, ""])
    issues += [["X-%03d" % i, f"一个很长的问题描述用来撑大群消息第{i}条", "全部", "研发部", D(2026, 11, 16), "李娜", "研发部",
                D(2026, 11, 17), "一级", "处理中", "", D(2026, 11, 20), None, ""] for i in range(extra_issues)]
    tasks = [["T-%02d" % i, f"任务{i}", "M1", "研发部", name, D(2026, 11, 1), D(2026, 11, 30), None, "阻塞", 0.2, "等待", D(2026, 11, 20)]
             for i, name in enumerate(NAMES, 1)]
    minutes = [["会议名称", "研发周会"], ["会议类型", "专题会"], ["日期", D(2026, 11, 13)], [],
               ["序号", "议题", "部门", "进展/讨论要点", "结论/决议", "待办事项", "责任人", "完成时限", "状态"],
               [1, "联调", "研发部", "", "", "补齐接口文档", "李娜", D(2026, 11, 18), "进行中"],
               [2, "压测", "研发部", "", "", "准备压测数据", "王芳", D(2026, 11, 23), "未开始"],
               [3, "上线", "研发部", "", "", "演练回滚", "刘洋", D(2026, 11, 17), "已完成"]]
    write_xlsx(folder / "研发部.xlsx", {"说明": [["部门", "研发部"]], "问题跟踪表": [ISSUE_HEAD, *issues],
                                      "进度看板": [BOARD_HEAD, *tasks], "会议纪要": minutes})
    return folder


@pytest.fixture
def bots(monkeypatch: pytest.MonkeyPatch) -> Iterator[dict[str, Bot]]:
    monkeypatch.setattr(http, "BACKOFF_S", (0.0, 0.0, 0.0, 0.0))  # retry at once: no timed test
    monkeypatch.setenv("TEST_DING_SECRET", DING_SECRET)
    monkeypatch.setenv("TEST_FEISHU_SECRET", FEISHU_SECRET)
    found = {"wecom": Bot("wecom"), "dingtalk": Bot("dingtalk", DING_SECRET), "feishu": Bot("feishu", FEISHU_SECRET)}
    running = [Running(b) for b in found.values()]
    yield found
    for r in running:
        r.stop()


def mails(inbox: Inbox) -> dict[str, email.message.EmailMessage]:
    """Every delivered message by its envelope recipient(s), parsed by the email package."""
    out = {}
    for env in inbox.envelopes:
        msg = email.message_from_bytes(env.content, policy=policy.default)
        out[",".join(env.rcpt_tos)] = msg
    return out


def text_of(msg: email.message.EmailMessage) -> str:
    return msg.get_body(("plain",)).get_content()


def html_of(msg: email.message.EmailMessage) -> str:
    return msg.get_body(("html",)).get_content()


def test_send_everything_then_a_second_run_sends_nothing(tmp_path: Path, relay, bots) -> None:
    inbox, port = relay
    folder = build(tmp_path / "p", port, bots)
    result = remind(folder, send=True, today=TODAY, lang="zh")
    assert result.problems == [] and result.exit_code == 1

    got = mails(inbox)
    # Ten owners, the lead and the sponsor (escalations), the group's list: one message each.
    assert len(inbox.envelopes) == 13
    for i, name in enumerate(NAMES):
        text = text_of(got[f"p{i:02d}@example.com"])
        assert f"I-{i + 1:02d}" in text and f"T-{i + 1:02d}" in text
        assert "研发部.xlsx › 问题跟踪表 › J" in text  # where to update it: the 状态 cell
    # 张伟's own 三级 issue, 7 days overdue, with where to update it (状态 is column J, row 12).
    assert "I-99「人力冲突」逾期 7 天，请在 研发部.xlsx › 问题跟踪表 › J12 更新" in text_of(got["p00@example.com"])
    # 一级 overdue -> the lead; 二级 -> the sponsor; 三级 -> the sponsor with the lead in copy.
    lead, sponsor = text_of(got["chen.chen@example.com"]), text_of(got["liu.zong@example.com"])
    for i in range(1, 11):
        assert (f"一级问题 I-{i:02d}「" in lead) == (i % 2 == 1), i
        assert (f"二级问题 I-{i:02d}「" in sponsor) == (i % 2 == 0), i
    assert "三级问题 I-99「人力冲突」逾期 7 天（责任人 张伟），升级给 刘总，抄送 陈晨" in lead
    assert "【已升级（抄送你）】" not in sponsor and "三级问题 I-99" in sponsor
    # HTML part, autoescaped, with the same lines.
    assert "I-99「人力冲突」" in html_of(got["liu.zong@example.com"])

    # The group chats: mentions by mobile (WeCom, DingTalk) and feishu_id (Feishu), plain names else.
    # WeCom: 11 overdue and 11 escalation lines are over its 2048 bytes: two text messages.
    wecom = bots["wecom"].accepted
    assert len(wecom) == 2 and all(w["msgtype"] == "text" for w in wecom)
    assert wecom[-1]["text"]["mentioned_mobile_list"] == [MOBILE[n] for n in ["张伟", "李娜", "王芳", "刘洋", "陈静"]]
    assert "杨磊" in wecom[-1]["text"]["content"]
    ding = bots["dingtalk"].accepted[0]
    assert ding["at"] == {"atMobiles": list(MOBILE.values()), "isAtAll": False}
    assert all(f"@{m}" in ding["markdown"]["text"] for m in MOBILE.values()) and "吴霞" in ding["markdown"]["text"]
    feishu_text = bots["feishu"].accepted[0]["content"]["text"]
    assert '<at user_id="ou_0000">张伟</at>' in feishu_text and '<at user_id="ou_0002">王芳</at>' in feishu_text
    assert "黄勇" in feishu_text and 'user_id="ou_0003"' not in feishu_text
    assert "逾期问题 11 · 即将到期 0 · 未更新 0 · 逾期任务 0 · 阻塞任务 10 · 逾期待办 1" in feishu_text
    assert result.sent == 17 and result.already_sent == 0

    # Same day again: nothing new goes anywhere.
    again = remind(folder, send=True, today=TODAY, lang="zh")
    assert again.sent == 0 and again.messages == [] and again.already_sent > 0
    assert len(inbox.envelopes) == 13 and [len(b.accepted) for b in bots.values()] == [2, 1, 1]

    # The next day: personal items again, but no escalation is announced a second time.
    inbox.envelopes.clear()
    remind(folder, send=True, today="2026-11-23", lang="zh")
    got = mails(inbox)
    assert "chen.chen@example.com" not in got and "liu.zong@example.com" not in got
    assert "I-01" in text_of(got["p00@example.com"])
    assert "新升级" not in bots["wecom"].accepted[-1]["text"]["content"]


class Sessions(Inbox):
    """Also notes which SMTP session delivered each message."""

    def __init__(self) -> None:
        super().__init__()
        self.sessions: list[int] = []

    async def handle_DATA(self, server, session, envelope) -> str:  # noqa: N802 - aiosmtpd's hook name
        self.sessions.append(id(session))
        return await super().handle_DATA(server, session, envelope)


def test_ten_people_each_get_only_their_own_items(tmp_path: Path, bots) -> None:
    from aiosmtpd.controller import Controller

    from test_summary_smtp import free_port

    inbox, port = Sessions(), free_port()
    controller = Controller(inbox, hostname="127.0.0.1", port=port, enable_SMTPUTF8=False)
    controller.start()
    try:
        folder = build(tmp_path / "p", port, bots)
        result = remind(folder, send=True, channel=["email"], today=TODAY, lang="zh")
    finally:
        controller.stop()
    assert len(inbox.envelopes) == 13 and len(set(inbox.sessions)) == 1  # one SMTP session for everyone
    got = mails(inbox)
    for i, name in enumerate(NAMES):
        text = text_of(got[f"p{i:02d}@example.com"]) + html_of(got[f"p{i:02d}@example.com"])
        mine = {f"I-{i + 1:02d}", f"T-{i + 1:02d}"} | ({"I-99"} if name == "张伟" else set())
        actions = {"李娜": "研发周会-2026-11-13#6「补齐接口文档」逾期 2 天，请在 研发部.xlsx › 会议纪要 › I6 更新",
                   "王芳": "研发周会-2026-11-13#7「准备压测数据」2026-11-23 到期"}
        for who, line in actions.items():
            assert (line in text) == (who == name), (who, name)
        assert "演练回滚" not in text  # 已完成: nobody is reminded
        others = {f"{k}-{j:02d}" for k in "IT" for j in range(1, 11)} - mine
        assert all(item in text for item in mine)
        assert not [item for item in others if f"{item}「" in text], name
        assert name in got[f"p{i:02d}@example.com"]["Subject"]
    json_people = {p["person"]: {it["id"] for it in p["items"]} for p in result.to_json()["personal"]}
    assert json_people["李娜"] == {"I-02", "T-02", "研发周会-2026-11-13#6"} and json_people["张伟"] == {"I-01", "I-99", "T-01"}


def test_long_digest_is_split_at_lines_under_each_limit(tmp_path: Path, relay, bots) -> None:
    _, port = relay
    folder = build(tmp_path / "p", port, bots, extra_issues=120)
    remind(folder, send=True, channel=["wecom", "dingtalk", "feishu"], today=TODAY, lang="zh")
    parts = bots["wecom"].accepted
    assert len(parts) >= 3
    contents = [p["text"]["content"] for p in parts]
    assert all(len(c.encode("utf-8")) <= 2048 for c in contents)
    assert contents[0].splitlines()[0] == f"提醒测试 每日提醒 {TODAY}（1/{len(parts)}）"
    lines = [line for c in contents for line in c.splitlines()[1:]]
    # The 30 longest overdue are listed (I-99 7 days, then X-000… 3 days), each on exactly one
    # whole line; the other 102 of the 132 overdue items are counted.
    for i in range(29):
        assert sum(line.startswith(f"问题 X-{i:03d}「") and line.endswith("› J%d" % (13 + i)) for line in lines) == 1
    assert not any("X-029「" in line for line in lines)
    assert "……另有 102 项逾期未列出（各责任人已收到自己的提醒）。" in lines
    # The @-mentions ride on the last part only.
    assert "mentioned_mobile_list" in parts[-1]["text"] and all("mentioned_mobile_list" not in p["text"] for p in parts[:-1])
    assert len(bots["dingtalk"].accepted) >= 1 and len(bots["feishu"].accepted) >= 1
    assert all(len(json.dumps(b, ensure_ascii=False).encode()) <= 20000 for b in bots["dingtalk"].accepted)


def test_rate_limit_replies_are_retried(tmp_path: Path, relay, bots) -> None:
    _, port = relay
    bots["wecom"].rate_limit_first = 2
    bots["dingtalk"].rate_limit_first = 1
    bots["feishu"].rate_limit_first = 3
    folder = build(tmp_path / "p", port, bots)
    result = remind(folder, send=True, channel=["wecom", "dingtalk", "feishu"], today=TODAY, lang="zh")
    assert result.problems == [] and result.sent == 4  # WeCom's digest is two messages
    assert [b.requests for b in bots.values()] == [4, 2, 4]
    assert [len(b.accepted) for b in bots.values()] == [2, 1, 1]


def test_a_bad_secret_is_refused_in_one_line_and_the_others_still_go(tmp_path: Path, relay, bots, monkeypatch) -> None:
    inbox, port = relay
    monkeypatch.setenv("TEST_DING_SECRET", "SECwrong")
    folder = build(tmp_path / "p", port, bots)
    runner = CliRunner()
    res = runner.invoke(app, ["remind", str(folder), "--send", "--today", TODAY, "--lang", "en", "--json"])
    assert res.exit_code == 2
    refused = [line for line in res.stderr.splitlines() if line.startswith("DingTalk refused")]
    assert len(refused) == 1 and "TEST_DING_SECRET" in refused[0] and "sign not match" in refused[0]
    assert len(bots["wecom"].accepted) == 2 and len(bots["feishu"].accepted) == 1 and len(inbox.envelopes) == 13
    statuses = {m["channel"]: m["status"] for m in json.loads(res.stdout)["messages"]}
    assert statuses["dingtalk"] == "refused" and statuses["wecom"] == "sent"

    # Fixed: the next run sends only what was refused.
    monkeypatch.setenv("TEST_DING_SECRET", DING_SECRET)
    again = remind(folder, send=True, today=TODAY, lang="en")
    assert [m.channel for m in again.messages] == ["dingtalk"] and again.sent == 1
    assert len(bots["dingtalk"].accepted) == 1 and len(bots["wecom"].accepted) == 2


def test_a_failed_send_is_retried_by_the_next_run(tmp_path: Path, relay, bots) -> None:
    _, port = relay
    bots["feishu"].fail_first = 1
    folder = build(tmp_path / "p", port, bots)
    first = remind(folder, send=True, channel=["feishu"], today=TODAY, lang="zh")
    assert first.exit_code == 2 and first.sent == 0 and "feishu" in first.problems[0]
    second = remind(folder, send=True, channel=["feishu"], today=TODAY, lang="zh")
    assert second.problems == [] and second.sent == 1 and len(bots["feishu"].accepted) == 1


def test_without_send_every_message_is_written_and_nothing_leaves(tmp_path: Path, relay, bots) -> None:
    inbox, port = relay
    folder = build(tmp_path / "p", port, bots)
    out = tmp_path / "review"
    res = CliRunner().invoke(app, ["remind", str(folder), "--out", str(out), "--today", TODAY, "--json"])
    assert res.exit_code == 1
    assert inbox.envelopes == [] and [b.requests for b in bots.values()] == [0, 0, 0]
    assert not (folder / ".crossdept").exists()  # a preview does not create the history
    names = sorted(p.name for p in out.iterdir())
    assert names == sorted([*(f"{n}.eml" for n in NAMES), "陈晨.eml", "刘总.eml", "group.eml", "remind.json",
                            *(f"{c}-{n}.{e}" for c, n in (("wecom", 1), ("wecom", 2), ("dingtalk", 1), ("feishu", 1))
                              for e in ("json", "md"))])
    msg = email.message_from_bytes((out / "李娜.eml").read_bytes(), policy=policy.default)
    assert msg["To"] == "p01@example.com" and "I-02" in text_of(msg)
    assert json.loads((out / "wecom-1.json").read_text(encoding="utf-8"))["msgtype"] == "text"
    data = json.loads(res.stdout)
    assert data["sent"] == 0 and {g["channel"] for g in data["group"]} == {"email", "wecom", "dingtalk", "feishu"}
    assert {e["id"]: (e["level"], e["to"], e["cc"]) for e in data["escalations"]}["I-99"] == ("三级", ["刘总"], ["陈晨"])


def test_the_group_digest_says_what_changed_since_last_week(tmp_path: Path, relay, bots) -> None:
    _, port = relay
    folder = build(tmp_path / "p", port, bots)
    first = remind(folder, send=True, channel=["wecom"], today="2026-11-13", lang="zh")
    assert "与上周相比" not in "".join(m.text for m in first.messages)  # no earlier week yet
    # During the week: I-01 closed, I-02's deadline pushed back, I-03 raised to 二级, I-50 logged.
    import openpyxl

    wb = openpyxl.load_workbook(folder / "研发部.xlsx")
    ws = wb["问题跟踪表"]
    ws["J2"] = "已解决"
    ws["H3"] = D(2026, 11, 27)
    ws["I4"] = "二级"
    ws.append(["I-50", "新问题", "全部", "研发部", D(2026, 11, 19), "赵敏", "研发部", D(2026, 11, 25), "一级", "待处理", "", D(2026, 11, 19), None, ""])
    wb.save(folder / "研发部.xlsx")
    remind(folder, send=True, channel=["wecom"], today=TODAY, lang="zh")
    text = "\n".join(b["text"]["content"] for b in bots["wecom"].accepted[-2:])
    assert "【与上周相比】\n新增问题：I-50\n已关闭：I-01\n时限推迟：I-02\n等级上升：I-03" in text


def test_the_ribbon_button_previews_beside_the_workbooks(tmp_path: Path, remote_engine) -> None:
    """发送提醒 writes the day's messages for review and sends nothing (no [smtp], no [notify])."""
    import xlwings as xw

    from crossdept.excel.dispatch import dispatch
    from test_excel_handlers import ISSUES, TASKS, alerts, department_book, payload

    (tmp_path / "crossdept.toml").write_text('[project]\nname = "智慧门店上线"\n', encoding="utf-8")
    book = xw.Book(json=payload(department_book(tmp_path, board=TASKS, issues=ISSUES)))
    dispatch("cdRemind", book=book, today=D(2026, 11, 20), lang="zh")
    out = tmp_path / "智慧门店上线-2026-11-20-每日提醒"
    data = json.loads((out / "remind.json").read_text(encoding="utf-8"))
    assert data["sent"] == 0 and data["personal"] and str(out) in alerts(book)[-1]
    assert sorted(p.name for p in out.glob("*.eml")) == sorted(f"{p['person']}.eml" for p in data["personal"])


def test_split_keeps_every_line_whole_and_refuses_a_line_too_long() -> None:
    from crossdept.notify.split import split_lines

    lines = [f"第{i}行" + "字" * (i % 7) for i in range(40)]
    cost = lambda line: len(line.encode()) + 1  # noqa: E731 - the line and its newline
    parts = split_lines(lines, cost, 60)
    assert [line for part in parts for line in part] == lines
    assert all(sum(map(cost, p)) <= 60 for p in parts) and len(parts) > 1
    # Greedy: no part could have taken the next part's first line.
    assert all(sum(map(cost, p)) + cost(q[0]) > 60 for p, q in zip(parts, parts[1:]))
    with pytest.raises(ValueError):
        split_lines(["短", "长" * 100], cost, 60)


def test_cell_text_is_data_in_every_chat_format() -> None:
    """A title typed as markup must not @ the whole Feishu group, nor turn bold on DingTalk."""
    from crossdept.config import Person
    from crossdept.core.reminders import GroupDigest, Item
    from crossdept.notify import compose, dingtalk, feishu

    item = Item("issue", "I-1", "overdue", "a.xlsx", "问题跟踪表", "J2", '<at user_id="all">所有人</at> *急*', "张伟",
                D(2026, 11, 18), 2, "一级")
    group = GroupDigest("P", D(2026, 11, 20), dict.fromkeys(("issues_overdue", "issues_due_soon", "issues_stale", "tasks_overdue",
                                                             "tasks_blocked", "actions_overdue", "actions_due_soon"), 0),
                        [item], [Person("张伟", feishu_id="ou_1")])
    post = compose.group_post(group, [], "zh")
    text = feishu.bodies(post, "zh")[0]["content"]["text"]
    assert text.count("<at ") == 1 and '<at user_id="ou_1">张伟</at>' in text and '＜at user_id="all"' in text
    markdown = dingtalk.bodies(post, "zh")[0]["markdown"]["text"]
    assert r"\*急\*" in markdown


def test_signatures_follow_each_platforms_rule() -> None:
    """Known answers, computed here independently of crossdept's code."""
    import base64
    import hashlib
    import hmac
    from urllib.parse import parse_qs, urlsplit

    from crossdept.notify import dingtalk, feishu

    url = dingtalk.signed_url("https://oapi.dingtalk.com/robot/send?access_token=abc", "SECxyz", 1700000000000)
    query = parse_qs(urlsplit(url).query)
    expected = base64.b64encode(hmac.new(b"SECxyz", b"1700000000000\nSECxyz", hashlib.sha256).digest()).decode()
    assert query == {"access_token": ["abc"], "timestamp": ["1700000000000"], "sign": [expected]}
    body = feishu.signed({"msg_type": "text"}, "s3", 1700000000)
    assert body["timestamp"] == "1700000000"
    assert body["sign"] == base64.b64encode(hmac.new(b"1700000000\ns3", b"", hashlib.sha256).digest()).decode()


def test_usage_mistakes_are_one_line_and_exit_2(tmp_path: Path, relay, bots) -> None:
    _, port = relay
    folder = build(tmp_path / "p", port, {"wecom": bots["wecom"]})
    runner = CliRunner()
    res = runner.invoke(app, ["remind", str(folder), "--channel", "feishu", "--today", TODAY, "--lang", "en"])
    assert res.exit_code == 2 and "Channel feishu is not configured" in res.stderr and "Traceback" not in res.output
    res = runner.invoke(app, ["remind", str(tmp_path / "nothing-here"), "--today", TODAY, "--lang", "en"])
    assert res.exit_code == 2 and "nothing to remind" in res.stderr
    bare = tmp_path / "bare"
    bare.mkdir()
    (bare / "crossdept.toml").write_text('[project]\nname = "X"\n', encoding="utf-8")
    res = runner.invoke(app, ["remind", str(bare), "--send", "--today", TODAY, "--lang", "en"])
    assert res.exit_code == 2 and "No channel to send on: set [smtp]" in res.stderr


@pytest.mark.parametrize("channel", ["dingtalk", "feishu"])
def test_dingtalk_and_feishu_split_under_their_body_limits(channel: str) -> None:
    """A post longer than the 20 KB body: parts within it, every line once, the mention last."""
    import importlib

    from crossdept.config import Person
    from crossdept.notify.compose import Post, Section

    module = importlib.import_module(f"crossdept.notify.{channel}")
    lines = [f"问题 X-{i:04d}「描述 *{i}* <b>」逾期 {i % 9} 天 — 研发部.xlsx › 问题跟踪表 › J{i + 2}" for i in range(700)]
    post = Post("项目 每日提醒", sections=[Section("逾期清单", lines)], mentions=[Person("张伟", mobile="13800000000", feishu_id="ou_1")])
    bodies = module.bodies(post, "zh")
    # DingTalk: 20000 bytes a message; Feishu: a 20 KB request, signature included.
    sent = bodies if channel == "dingtalk" else [module.signed(b, "secret") for b in bodies]
    limit = 20000 if channel == "dingtalk" else 20 * 1024
    assert len(bodies) > 1 and all(len(json.dumps(b, ensure_ascii=False).encode()) <= limit for b in sent)
    texts = [b["markdown"]["text"] if channel == "dingtalk" else b["content"]["text"] for b in bodies]
    joined = "\n".join(texts)
    assert all(joined.count(f"X-{i:04d}") == 1 for i in range(700))
    assert ("@13800000000" if channel == "dingtalk" else '<at user_id="ou_1">张伟</at>') in texts[-1]
    assert all(("@13800000000" not in t and "<at " not in t) for t in texts[:-1])


def test_weekly_writes_the_group_digest_and_the_email_says_what_changed(tmp_path: Path) -> None:
    import openpyxl

    from crossdept.ops.weekly import weekly

    folder = build(tmp_path / "p", 1, {})
    weekly(folder, out=tmp_path / "out", today="2026-11-13", lang="zh")
    wb = openpyxl.load_workbook(folder / "研发部.xlsx")
    wb["问题跟踪表"]["J2"] = "已关闭"
    wb.save(folder / "研发部.xlsx")
    result = weekly(folder, out=tmp_path / "out", today=TODAY, lang="zh")
    digest = (tmp_path / "out" / f"提醒测试-{TODAY}-群消息.txt").read_text(encoding="utf-8")
    assert digest.startswith(f"提醒测试 每日提醒 {TODAY}\n\n逾期问题 10 · ")
    assert "【与上周相比】\n已关闭：I-01\n" in digest and digest.rstrip().endswith("吴霞")
    message = email.message_from_bytes((tmp_path / "out" / f"提醒测试-{TODAY}-周报邮件.eml").read_bytes(), policy=policy.default)
    assert "== 与上周相比 ==\n- 已关闭：I-01\n" in text_of(message).replace("\r\n", "\n")
    assert "与上周相比" in html_of(message) and "已关闭：I-01" in html_of(message)
    assert "群消息" in [o.kind for o in result.outputs]


def test_a_network_failure_never_prints_the_webhook_key(tmp_path: Path, relay, bots) -> None:
    """The key in a WeCom address is a credential; a failed send's line goes to cron logs."""
    from test_summary_smtp import free_port

    _, port = relay
    folder = build(tmp_path / "p", port, {})
    with (folder / "crossdept.toml").open("a", encoding="utf-8") as toml:
        toml.write(f'wecom = "http://127.0.0.1:{free_port()}/cgi-bin/webhook/send?key=VERY-SECRET-KEY"\n')
    result = remind(folder, send=True, channel=["wecom"], today=TODAY, lang="en")
    assert result.exit_code == 2 and len(result.problems) == 1
    assert result.problems[0].startswith("Sending on wecom failed: ") and "VERY-SECRET-KEY" not in result.problems[0]


def test_the_environments_proxy_is_used_except_where_no_proxy_says(monkeypatch) -> None:
    import urllib3

    from crossdept.notify.http import _pool

    monkeypatch.setenv("https_proxy", "http://proxy.example.com:3128")
    monkeypatch.setenv("no_proxy", "intranet.example.com")
    assert isinstance(_pool("https://qyapi.weixin.qq.com/cgi-bin/webhook/send?key=k"), urllib3.ProxyManager)
    assert not isinstance(_pool("https://intranet.example.com/hook"), urllib3.ProxyManager)


@pytest.mark.parametrize("channel, line", [("wecom", "WeCom refused the message (HTTP 200, code 93000: invalid webhook url)"),
                                           ("feishu", "Feishu refused the message (HTTP 200, code 19021: sign match fail")])
def test_wecom_and_feishu_refusals_name_the_fix(tmp_path: Path, relay, bots, monkeypatch, channel: str, line: str) -> None:
    _, port = relay
    if channel == "wecom":
        folder = build(tmp_path / "p", port, {"wecom": bots["wecom"]})
        toml = folder / "crossdept.toml"
        toml.write_text(toml.read_text(encoding="utf-8").replace("key=test-key-0001", "key=wrong"), encoding="utf-8")
    else:
        monkeypatch.setenv("TEST_FEISHU_SECRET", "not-the-secret")
        folder = build(tmp_path / "p", port, {"feishu": bots["feishu"]})
    result = remind(folder, send=True, channel=[channel], today=TODAY, lang="en")
    assert result.exit_code == 2 and len(result.problems) == 1 and result.problems[0].startswith(line)
    assert [m.status for m in result.messages] == ["refused"] + ["pending"] * (len(result.messages) - 1)
    assert bots[channel].accepted == []


def test_a_mail_server_that_is_down_is_one_line_and_the_chats_still_go(tmp_path: Path, bots) -> None:
    from test_summary_smtp import free_port

    folder = build(tmp_path / "p", free_port(), bots)  # nothing listens there
    result = remind(folder, send=True, today=TODAY, lang="en")
    assert result.exit_code == 2 and len(result.problems) == 1
    assert result.problems[0].startswith("None of today's reminder emails went out: Sending through 127.0.0.1:")
    assert result.problems[0].endswith("The next run tries again.")
    assert {m.channel for m in result.messages if m.status == "sent"} == {"wecom", "dingtalk", "feishu"}
    assert all(m.status in ("failed", "pending") for m in result.messages if m.channel == "email")


def test_a_cell_naming_several_people_reminds_each_of_them() -> None:
    from crossdept.core.reminders import owners

    assert owners("张伟、李娜") == owners("张伟 李娜") == owners("张伟，李娜/张伟") == ["张伟", "李娜"]
    assert owners("Zhang Wei, Li  Na") == ["Zhang Wei", "Li Na"]  # a space is part of a Latin name
    assert owners(None) == owners("  ") == []


def test_a_bad_address_in_crossdept_toml_is_named_and_the_others_still_get_theirs(tmp_path: Path, relay, bots) -> None:
    inbox, port = relay
    folder = build(tmp_path / "p", port, bots)
    toml = folder / "crossdept.toml"
    toml.write_text(toml.read_text(encoding="utf-8").replace('"p01@example.com"', '"li.na at example"'), encoding="utf-8")
    result = remind(folder, send=True, channel=["email"], today=TODAY, lang="en")
    assert result.exit_code == 2
    assert [p for p in result.problems if "li.na at example" in p and "crossdept.toml" in p]
    assert len(inbox.envelopes) == 12 and "p01@example.com" not in mails(inbox)  # 李娜's waits for the fix
    assert [m.status for m in result.messages if m.recipient == "李娜"] == ["pending"]


def test_english_digests_have_no_wrong_plurals() -> None:
    from crossdept import i18n

    assert i18n.t("remind.state.overdue", "en", days=1, due="-") == "1 day overdue"
    assert i18n.t("remind.state.overdue", "en", days=2, due="-") == "2 days overdue"
    assert i18n.t("remind.personal.subject", "en", project="P", person="Li Na", count=1, day="2026-11-20") == \
        "[P] Li Na: 1 item needs you today (2026-11-20)"


def test_an_out_that_is_a_file_is_refused_before_anything_is_sent(tmp_path: Path, relay, bots) -> None:
    inbox, port = relay
    folder = build(tmp_path / "p", port, bots)
    book = next(folder.glob("*.xlsx"))
    before = book.read_bytes()
    res = CliRunner().invoke(app, ["remind", str(folder), "--send", "--out", str(book), "--today", TODAY])
    assert res.exit_code == 2 and "--out 应为存放消息副本的文件夹" in res.output and "意外" not in res.output
    assert book.read_bytes() == before
    assert inbox.envelopes == [] and [b.requests for b in bots.values()] == [0, 0, 0]


def test_an_out_under_a_file_is_one_line(tmp_path: Path, relay, bots) -> None:
    _, port = relay
    folder = build(tmp_path / "p", port, bots)
    book = next(folder.glob("*.xlsx"))
    res = CliRunner().invoke(app, ["remind", str(folder), "--out", str(book / "sub"), "--today", TODAY])
    assert res.exit_code == 2 and f"无法写入 {book / 'sub'}" in res.output and "意外" not in res.output


def test_preview_names_never_collide(tmp_path: Path) -> None:
    """A person called "group" (and "Group") does not overwrite the group digest's group.eml, and
    two names that make the same file name (张:伟, 张?伟) keep two files: -2, -3… (docs/remind.md)."""
    folder = tmp_path / "p"
    folder.mkdir()
    (folder / "crossdept.toml").write_text('[project]\nname = "同名"\nrecipients = ["pmo@example.com"]\n', encoding="utf-8")
    owners = ["group", "Group", "张:伟", "张?伟", "remind"]
    issues = [[f"I-{i}", f"问题{i}", "联调", "研发部", D(2026, 11, 16), owner, "研发部", D(2026, 11, 18), "一级", "处理中",
               "", D(2026, 11, 20), None, ""] for i, owner in enumerate(owners, 1)]
    write_xlsx(folder / "研发部.xlsx", {"说明": [["部门", "研发部"]], "问题跟踪表": [ISSUE_HEAD, *issues]})
    out = tmp_path / "review"
    result = remind(folder, out=out, channel=["email"], today=TODAY, lang="zh")
    assert sorted(p.name for p in out.iterdir()) == sorted(
        ["group.eml", "Group-2.eml", "group-3.eml", "张_伟.eml", "张_伟-2.eml", "remind.eml", "remind.json"])
    read = {p.name: email.message_from_bytes(p.read_bytes(), policy=policy.default) for p in out.glob("*.eml")}
    assert read["group.eml"]["To"] == "pmo@example.com"  # the group digest kept its name
    for name, issue in [("group-3.eml", "I-1"), ("Group-2.eml", "I-2"), ("张_伟.eml", "I-3"), ("张_伟-2.eml", "I-4"),
                        ("remind.eml", "I-5")]:
        assert f"{issue}" in text_of(read[name]) and read[name]["To"] is None, name
    files = {m["recipient"]: m["file"] for m in json.loads((out / "remind.json").read_text(encoding="utf-8"))["messages"]
             if m["recipient"] != "group" or m["file"] == "group-3"}  # sorted by name: Group before group
    assert files == {"group": "group-3", "Group": "Group-2", "张:伟": "张_伟", "张?伟": "张_伟-2", "remind": "remind"}
    assert [g["channel"] for g in result.to_json()["group"]] == ["email"]  # the person "group" is not the group
    assert len(result.to_json()["group"][0]["messages"]) == 1
