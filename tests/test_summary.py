"""`crossdept summary`: real workbooks rolled up, a real .eml read back with the email package, a
real SMTP server (aiosmtpd on 127.0.0.1) receiving what was sent."""

from __future__ import annotations

import datetime as dt
import email
import io
from email import policy
from email.message import EmailMessage
from html.parser import HTMLParser
from pathlib import Path

import pytest
from PIL import Image
from typer.testing import CliRunner

from crossdept.cli import app
from crossdept.config import Config, Person
from crossdept.core.summary import next_meeting, recipients, subject
from crossdept.read import read_workbook
from test_minutes import ISSUES_HEAD, MINUTES_HEAD, write_sheets

BOARD_HEAD = ["任务编号", "任务名称", "负责部门", "负责人", "计划完成日期", "实际完成日期", "状态", "完成百分比", "阻塞原因/备注"]
HOSTILE = "<script>alert(1)</script><img src=x onerror=alert(2)> & \"q\" \x07"
TODAY = "2026-11-20"

TOML = """
[project]
name = "智慧门店上线"
lead = "陈晨"
sponsor = "刘振华"
recipients = ["chen.chen@example.com", "liu@example.com"]

[meeting]
weekday = 5
time = "15:00"
"""


def department(path: Path, dept: str, prefix: str, description: str = "支付接口延迟") -> Path:
    """One department's workbook: four tasks (one blocked, one done), two issues, one meeting."""
    return write_sheets(path, {
        "说明": [["项目名称", "智慧门店上线"], ["部门", dept]],
        "进度看板": [
            BOARD_HEAD,
            [f"{prefix}-T1", "接口开发", dept, "张三", "2026-11-30", "", "进行中", "50%", ""],
            [f"{prefix}-T2", "需求评审", dept, "李四", "2026-11-10", "2026-11-09", "已完成", "100%", ""],
            [f"{prefix}-T3", "性能压测", dept, "王五", "2026-11-25", "", "阻塞", "10%", "等待测试数据"],
            [f"{prefix}-T4", "上线演练", dept, "赵六", "2026-11-18", "", "未开始", "", ""],
        ],
        "问题跟踪表": [
            ISSUES_HEAD,
            [f"{prefix}-001", description, "上线", dept, "2026-11-10", "张三", dept, "2026-11-16", "二级", "处理中"],
            [f"{prefix}-002", "已解决的问题", "上线", dept, "2026-11-10", "张三", dept, "2026-11-12", "一级", "已解决"],
        ],
        "会议纪要": [
            ["会议名称", f"第7次周例会（{dept}）"], ["日期", "2026-11-20"],
            MINUTES_HEAD,
            [1, "支付联调", dept, "进展", "每日同步测试问题", "完成支付联调", "刘洋", "2026-11-23", "进行中"],
        ],
    })


@pytest.fixture
def project(tmp_path: Path) -> Path:
    folder = tmp_path / "智慧门店 项目"
    folder.mkdir()
    (folder / "crossdept.toml").write_text(TOML, encoding="utf-8")
    department(folder / "研发部.xlsx", "研发部", "RD", description=HOSTILE)
    department(folder / "市场部.xlsx", "市场部", "MK")
    return folder


def run(*args: str):
    return CliRunner().invoke(app, [*args, "--today", TODAY, "--lang", "en"])


def read_eml(path: Path) -> EmailMessage:
    return email.message_from_bytes(path.read_bytes(), policy=policy.default)  # type: ignore[return-value]


class Tags(HTMLParser):
    """Every start tag with its attributes, and the text, as a browser's parser sees them."""

    def __init__(self) -> None:
        super().__init__()
        self.tags: list[tuple[str, dict[str, str | None]]] = []
        self.text: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.tags.append((tag, dict(attrs)))

    def handle_data(self, data: str) -> None:
        self.text.append(data)


def parse_html(html: str) -> Tags:
    parser = Tags()
    parser.feed(html)
    return parser


# --- pure parts -------------------------------------------------------------------------------


def test_subject_and_next_meeting() -> None:
    assert subject("智慧门店上线", dt.date(2026, 11, 20), 3) == "【智慧门店上线】周报 2026-11-20｜逾期问题 3"
    friday = dt.date(2026, 11, 20)
    assert next_meeting(friday, 5, "15:00") == dt.datetime(2026, 11, 27, 15, 0)  # strictly after today
    assert next_meeting(friday - dt.timedelta(days=1), 5, "9：30") == dt.datetime(2026, 11, 20, 9, 30)
    assert next_meeting(friday, 1, "nonsense") == dt.datetime(2026, 11, 23, 15, 0)


def test_recipients_from_the_communication_plan(tmp_path: Path) -> None:
    book = read_workbook(write_sheets(tmp_path / "p.xlsx", {"沟通计划表": [
        ["沟通事项", "参与部门/人员", "沟通方式", "频率/时间", "负责人"],
        ["周进度同步", "研发部、王芳", "线上例会", "每周五15:00", "运营"],
        ["需求评审", "财务部", "线下会议", "启动后第2天", "项目负责人"],
    ]}), 2026)
    people = [Person("张伟", "研发部", "zw@example.com"), Person("王芳", "市场部", "wf@example.com"),
              Person("何秀英", "财务部", "hx@example.com"), Person("无邮箱", "研发部")]
    assert recipients(Config(people=people), [book]) == ["张伟 <zw@example.com>", "王芳 <wf@example.com>"]
    assert recipients(Config(people=people), []) == ["张伟 <zw@example.com>", "王芳 <wf@example.com>", "何秀英 <hx@example.com>"]
    assert recipients(Config(people=people, recipients=["a@example.com"]), [book]) == ["a@example.com"]


# --- the .eml ---------------------------------------------------------------------------------


def test_eml_is_a_draft_with_text_html_chart_and_attachment(project: Path, tmp_path: Path) -> None:
    minutes = tmp_path / "智慧门店上线-2026-11-20-会议纪要.docx"
    minutes.write_bytes(b"PK\x03\x04 stand-in bytes")
    out = tmp_path / "周报.eml"
    result = run("summary", str(project), "-o", str(out), "--attach", str(minutes))
    assert result.exit_code == 1, result.output  # overdue issues and blocked tasks: worth attention
    assert "next meeting 2026-11-27 15:00" in result.output and "周五" not in result.output  # --lang en
    raw = out.read_bytes()
    head = raw.split(b"\r\n\r\n", 1)[0]
    assert head.isascii() and b"=?utf-8?" in head  # Chinese subject RFC 2047-encoded
    msg = read_eml(out)
    assert msg["Subject"] == "智慧门店上线 weekly report 2026-11-20 | 2 overdue issues"  # --lang en
    assert msg["X-Unsent"] == "1"
    assert msg["To"] == "chen.chen@example.com, liu@example.com"
    types = [p.get_content_type() for p in msg.walk()]
    assert types == ["multipart/mixed", "multipart/alternative", "text/plain", "multipart/related", "text/html",
                     "image/png", "application/vnd.openxmlformats-officedocument.wordprocessingml.document"]
    attachment = next(msg.iter_attachments())
    assert attachment.get_filename() == minutes.name and attachment.get_content() == minutes.read_bytes()

    text = msg.get_body(("plain",)).get_content()
    assert "Overall status: Red" in text and "RD-001" in text and "MK-001" in text
    assert "escalate to Level 3 (刘振华)" in text
    assert "2026-11-27 Fri 15:00" in text and "完成支付联调" in text

    html = msg.get_body(("html",)).get_content()
    assert "<style" not in html and 'style="' in html  # CSS inlined for Outlook and mobile clients
    page = parse_html(html)
    words = "".join(page.text)
    for expected in ("研发部", "市场部", "Total", "每日同步测试问题", "性能压测", "等待测试数据", "MK-001"):
        assert expected in words
    chart = next(p for p in msg.walk() if p.get_content_type() == "image/png")
    assert chart["Content-ID"] == "<chart@crossdept>"
    images = [attrs for tag, attrs in page.tags if tag == "img"]
    assert [i["src"] for i in images] == ["cid:chart@crossdept"]
    picture = Image.open(io.BytesIO(chart.get_content())).convert("RGB")
    assert picture.size == (int(images[0]["width"]), int(images[0]["height"])) == (512, 56)
    # Each department: 1 未开始, 1 进行中, 1 已完成, 1 阻塞 -> the bar starts grey and ends red.
    assert picture.getpixel((10, 14)) == (189, 189, 189)
    assert picture.getpixel((420, 14)) == (229, 57, 53)


def test_hostile_cell_text_is_never_markup(project: Path, tmp_path: Path) -> None:
    out, html_out = tmp_path / "s.eml", tmp_path / "s.html"
    assert run("summary", str(project), "-o", str(out), "--html", str(html_out)).exit_code == 1
    for html in (read_eml(out).get_body(("html",)).get_content(), html_out.read_text(encoding="utf-8")):
        page = parse_html(html)
        assert "script" not in {tag for tag, _ in page.tags}
        assert len([t for t, _ in page.tags if t == "img"]) == 1  # only the chart
        assert not any(k.startswith("on") for _, attrs in page.tags for k in attrs)
        assert "<script>alert(1)</script><img src=x onerror=alert(2)> & \"q\" " in "".join(page.text)
    assert 'src="data:image/png;base64,' in html_out.read_text(encoding="utf-8")  # the HTML file stands alone


def test_a_rollup_workbook_says_what_its_folder_says_and_is_attached(project: Path, tmp_path: Path) -> None:
    rollup = tmp_path / "ROLLUP.xlsx"
    assert run("rollup", str(project), "-o", str(rollup)).exit_code in (0, 1)
    from_folder, from_rollup = tmp_path / "a.eml", tmp_path / "b.eml"
    assert run("summary", str(project), "-o", str(from_folder)).exit_code == 1
    result = run("summary", str(rollup), "-o", str(from_rollup), "--to", "项目办 <pm@example.com>", "--to", "x@example.com")
    assert result.exit_code == 1, result.output
    folder_msg, rollup_msg = read_eml(from_folder), read_eml(from_rollup)
    assert [a.get_filename() for a in rollup_msg.iter_attachments()] == ["ROLLUP.xlsx"]
    assert rollup_msg["Subject"] == "ROLLUP weekly report 2026-11-20 | 2 overdue issues"  # no crossdept.toml beside it
    raw_to = next(line for line in from_rollup.read_bytes().split(b"\r\n") if line.startswith(b"To:"))
    assert raw_to.isascii() and b"=?utf-8?" in raw_to and b"<pm@example.com>" in raw_to
    assert rollup_msg["To"].addresses[0].display_name == "项目办"

    def departments(msg: EmailMessage) -> list[str]:
        return sorted(line for line in msg.get_body(("plain",)).get_content().splitlines() if line.startswith("- ") and "] tasks " in line)

    assert departments(rollup_msg) == departments(folder_msg)


# --- bad input --------------------------------------------------------------------------------


def test_bad_input_is_one_line_and_exit_2(project: Path, tmp_path: Path) -> None:
    empty = tmp_path / "empty"
    empty.mkdir()
    (empty / "notes.txt").write_text("x", encoding="utf-8")
    cases = [
        (["summary", str(project)], "Give the .eml"),
        (["summary", str(empty), "-o", str(tmp_path / "s.eml")], "holds no workbook"),
        (["summary", str(project), "-o", str(tmp_path / "s.eml"), "--to", "not-an-address"], "not valid"),
        (["summary", str(project), "-o", str(tmp_path / "s.eml"), "--attach", str(tmp_path / "nope.docx")], "does not exist"),
        (["summary", str(project / "研发部.xlsx"), "-o", str(project / "研发部.xlsx")], "is the input workbook"),
        (["summary", str(project), "-o", str(tmp_path / "s.eml"), "--send"], "[smtp] host"),
        # A department's workbook given as the output, from the folder summarised: never replaced.
        (["summary", str(project), "-o", str(project / "研发部.xlsx")],
         f"-o {project / '研发部.xlsx'}: write the email draft to a file ending in .eml, e.g. 周报.eml; nothing was written"),
        (["summary", str(project), "-o", str(tmp_path / "s.eml"), "--html", str(project / "研发部.xlsx")],
         "write the email as a web page to a file ending in .html / .htm"),
    ]
    book = (project / "研发部.xlsx").read_bytes()
    for args, expected in cases:
        result = run(*args)
        assert result.exit_code == 2, (args, result.output)
        assert expected in result.output and "Traceback" not in result.output
    assert (project / "研发部.xlsx").read_bytes() == book


def test_a_project_name_on_two_lines_makes_a_one_line_subject(tmp_path: Path) -> None:
    """A 项目名称 cell with Alt+Enter breaks: an email header may not hold a line break."""
    folder = tmp_path / "p"
    folder.mkdir()
    write_sheets(folder / "研发部.xlsx", {"说明": [["项目名称", "智慧门店\r\n上线"], ["部门", "研发部"]],
                                        "进度看板": [BOARD_HEAD, ["RD-T1", "接口开发", "研发部", "张三", "2026-11-30", "", "进行中", "50%", ""]]})
    out = tmp_path / "s.eml"
    result = run("summary", str(folder), "-o", str(out))
    assert result.exit_code == 0, result.output
    assert read_eml(out)["Subject"] == "智慧门店 上线 weekly report 2026-11-20 | 0 overdue issues"


def test_addresses_from_crossdept_toml_are_checked_quoted_and_encoded(project: Path, tmp_path: Path) -> None:
    """A name with a comma stays one recipient, a Chinese domain goes out as IDNA, a bad address is named."""
    toml = project / "crossdept.toml"
    people = ('[[people]]\nname = "张伟, 研发"\nemail = "zw@example.com"\n'
              '[[people]]\nname = "王芳"\nemail = "wf@例子.中国"\n')
    plain = TOML.replace('recipients = ["chen.chen@example.com", "liu@example.com"]\n', "")
    toml.write_text(plain + people, encoding="utf-8")
    out = tmp_path / "s.eml"
    assert run("summary", str(project), "-o", str(out)).exit_code == 1
    raw = out.read_bytes()
    assert b"wf@xn--fsqu00a.xn--fiqs8s" in raw
    to = read_eml(out)["To"]
    assert [(a.display_name, a.addr_spec) for a in to.addresses] == [("张伟, 研发", "zw@example.com"),
                                                                     ("王芳", "wf@xn--fsqu00a.xn--fiqs8s")]
    out.unlink()
    one_entry_two_people = TOML.replace('"chen.chen@example.com", "liu@example.com"', '"a@example.com, b@example.com"')
    for bad in (plain + '[[people]]\nname = "李四"\nemail = "ls at example"\n', plain + '[smtp]\nhost = "h"\nsender = "PMO 办公室"\n',
                one_entry_two_people):  # taken as one address, b@example.com would be silently dropped
        toml.write_text(bad, encoding="utf-8")
        result = run("summary", str(project), "-o", str(out))
        assert result.exit_code == 2 and "crossdept.toml" in result.output and "is not valid" in result.output, result.output
        # One policy with weekly and the ribbon: the draft is still written, to the good addresses only.
        message = read_eml(out)
        assert "Traceback" not in result.output and "ls at example" not in str(message["To"] or "")
        assert "PMO 办公室" not in str(message["From"] or "") and "b@example.com" not in str(message["To"] or "")
        out.unlink()


def test_a_day_past_the_holiday_calendar_is_said(project: Path, tmp_path: Path) -> None:
    result = CliRunner().invoke(app, ["summary", str(project), "-o", str(tmp_path / "s.eml"), "--today", "2031-03-03",
                                      "--lang", "en"])
    assert result.exit_code == 1 and "2031" in result.output and "[calendar]" in result.output, result.output


def test_to_takes_a_list_as_outlook_does_and_never_drops_part_of_it(project: Path, tmp_path: Path) -> None:
    out = tmp_path / "s.eml"
    result = run("summary", str(project), "-o", str(out), "--to", "a@example.com, 张伟 <zw@example.com>; c@example.com",
                 "--to", "d@example.com")
    assert result.exit_code == 1, result.output
    assert [a.addr_spec for a in read_eml(out)["To"].addresses] == ["a@example.com", "zw@example.com", "c@example.com",
                                                                    "d@example.com"]
    result = run("summary", str(project), "-o", str(out), "--to", "a@example.com d@example.com")
    assert result.exit_code == 2 and "a@example.com d@example.com is not valid" in result.output


def test_a_corrupt_workbook_is_named_and_exit_2_but_the_rest_is_summarised(project: Path, tmp_path: Path) -> None:
    (project / "坏文件.xlsx").write_bytes(b"not a workbook")
    out = tmp_path / "s.eml"
    result = run("summary", str(project), "-o", str(out))
    assert result.exit_code == 2 and "坏文件.xlsx" in result.output
    assert "研发部" in read_eml(out).get_body(("plain",)).get_content()


def test_long_lists_are_cut_and_say_how_many_more(project: Path) -> None:
    from crossdept.config import load_config
    from crossdept.core.rollup import build_rollup
    from crossdept.core.summary import build_summary, summary_context
    from crossdept.read.folder import read_folder
    from crossdept.write.summary_email import render_html, render_text

    today = dt.date.fromisoformat(TODAY)
    config = load_config(project)
    entries = list(read_folder(project, 2026))
    books = [b for _, b in entries if not isinstance(b, Exception)]
    context = summary_context(build_summary(build_rollup(entries, config, today), books, config, "x"), limit=1)
    assert (len(context["overdue"]), context["overdue_total"], context["overdue_more"]) == (1, 2, 1)
    assert context["subject"].endswith("逾期问题 2")
    assert "另有 1 个逾期问题未列出" in render_text(context)
    page = parse_html(render_html(context))
    assert "另有 1 个阻塞任务未列出" in "".join(page.text)


def test_a_folder_of_hostile_peer_workbooks_is_one_clear_answer(peers: list[Path], tmp_path: Path) -> None:
    result = run("summary", str(peers[0].parent), "-o", str(tmp_path / "s.eml"))
    assert result.exit_code == 2
    assert "unexpected problem" not in result.output and "Traceback" not in result.output


def test_the_eml_streams_its_attachments_and_writes_what_the_email_package_writes(tmp_path: Path,
                                                                                 monkeypatch: pytest.MonkeyPatch) -> None:
    """write_eml writes each attachment's base64 a few lines at a time (a 400-workbook roll-up is
    36 MB): the file must be msg.as_bytes(policy=SMTP) byte for byte, whatever the attachments'
    sizes (empty, one short line, many lines written in several pieces) and names."""
    import random

    from crossdept.write import summary_email
    from crossdept.write.summary_email import new_message, write_eml

    monkeypatch.setattr(summary_email, "_CHUNK", 200)  # several pieces of a few lines each
    data = random.Random(17).randbytes(5_000)
    attachments = []
    for name, size in (("周报汇总.xlsx", 5_000), ("空的.bin", 0), ("短.txt", 10), ("会议纪要.docx", 1_234)):
        attachments.append(tmp_path / name)
        attachments[-1].write_bytes(data[:size])
    msg = new_message("周报", ["张伟 <zw@example.com>"])
    msg.set_content("正文", charset="utf-8")
    for path in attachments:
        msg.add_attachment(path.read_bytes(), maintype="application", subtype="octet-stream", filename=path.name)
    out = write_eml(msg, tmp_path / "周报邮件.eml")
    assert out.read_bytes() == msg.as_bytes(policy=policy.SMTP)  # the message itself as it was (--send)
    parsed = email.message_from_bytes(out.read_bytes(), policy=policy.default)
    assert [p.get_payload(decode=True) for p in parsed.iter_attachments()] == [p.read_bytes() for p in attachments]


@pytest.mark.parametrize("size", [0, 10, 57, 58, 5_000])
def test_an_attachment_is_encoded_as_the_email_package_encodes_it(tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
                                                                  size: int) -> None:
    """build_message encodes each attachment from its file a piece at a time: the same payload
    and headers as add_attachment with the file's bytes."""
    import random

    from crossdept.write import summary_email
    from crossdept.write.summary_email import build_message

    monkeypatch.setattr(summary_email, "_CHUNK", 200)  # pieces of 3 lines
    monkeypatch.setattr(summary_email, "render_html", lambda context: "<p>x</p>")
    monkeypatch.setattr(summary_email, "render_text", lambda context: "x")
    monkeypatch.setattr(summary_email, "images", lambda context: {})
    path = tmp_path / "周报汇总.xlsx"
    path.write_bytes(random.Random(size).randbytes(size))
    made = build_message({"subject": "周报"}, [], attachments=[path]).get_payload()[-1]
    expected = EmailMessage(policy=policy.SMTP)
    expected.add_attachment(path.read_bytes(), maintype="application",
                            subtype="vnd.openxmlformats-officedocument.spreadsheetml.sheet", filename=path.name)
    part = expected.get_payload()[-1]
    assert made.items() == part.items() and made.get_payload() == part.get_payload()
