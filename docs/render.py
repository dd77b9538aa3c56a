"""Render the README's pictures from the real outputs of the weekly run on the sample project.

    .venv/bin/python docs/render.py

Runs `crossdept weekly samples/智慧门店上线 --today 2026-11-20` into a temporary folder, then
photographs what it wrote: the email's HTML with headless Chromium; the minutes .docx, the
roll-up workbook (总览 and 里程碑), the validation report, a marked copy and the draft 复盘报告
through LibreOffice (to PDF) and
pdftoppm (a page to PNG). `crossdept calendar` is run too, and its .ics read back with
recurring-ical-events (as a calendar program expands it) into a table that Chromium photographs. Needs Debian's `chromium`, `libreoffice-writer-nogui`,
`libreoffice-calc-nogui`, `poppler-utils` and, for Chinese glyphs, `fonts-noto-cjk`. Not a test:
pictures are for people, and the tests already read the same files back.
"""

from __future__ import annotations

import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
SAMPLE = ROOT / "samples" / "智慧门店上线"
IMG = ROOT / "docs" / "img"
TODAY = "2026-11-20"
PREFIX = f"智慧门店上线-{TODAY}-"
CROSSDEPT = [str(Path(sys.executable).with_name("crossdept"))]  # the venv's console script
CHROMIUM_FLAGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
                  "--disable-component-update", "--disable-sync", "--no-first-run", "--hide-scrollbars"]


def need(*programs: str) -> None:
    missing = [p for p in programs if shutil.which(p) is None]
    if missing:
        sys.exit(f"missing {', '.join(missing)}: apt-get install chromium libreoffice-writer-nogui "
                 "libreoffice-calc-nogui poppler-utils fonts-noto-cjk")


def weekly(out: Path) -> None:
    """The real run; exit code 1 (written, with findings worth attention) is expected on the sample."""
    done = subprocess.run([*CROSSDEPT, "weekly", str(SAMPLE), "--out", str(out), "--today", TODAY, "--lang", "zh"],
                          capture_output=True, text=True)
    if done.returncode not in (0, 1):
        sys.exit(f"crossdept weekly failed ({done.returncode}): {done.stderr.strip()}")


def to_pdf(work: Path, document: Path) -> Path:
    subprocess.run(["soffice", f"-env:UserInstallation={(work / 'lo').as_uri()}", "--headless", "--convert-to", "pdf",
                    "--outdir", str(work), str(document)], check=True, capture_output=True, timeout=180)
    return work / (document.stem + ".pdf")


def page_with(pdf: Path, text: str) -> int:
    """The first page of `pdf` whose text contains `text` (sheets print one after another)."""
    pages = int(next(line.split()[-1] for line in subprocess.run(
        ["pdfinfo", str(pdf)], capture_output=True, text=True, check=True).stdout.splitlines() if line.startswith("Pages:")))
    for page in range(1, pages + 1):
        found = subprocess.run(["pdftotext", "-f", str(page), "-l", str(page), str(pdf), "-"],
                               capture_output=True, text=True, check=True).stdout
        if text in found:
            return page
    sys.exit(f"{text!r} is on no page of {pdf}")


def snapshot(pdf: Path, page: int, name: str, dpi: int = 80, crop: tuple[int, int, int, int] | None = None) -> Path:
    prefix = pdf.parent / name
    area = ["-x", str(crop[0]), "-y", str(crop[1]), "-W", str(crop[2]), "-H", str(crop[3])] if crop else []
    subprocess.run(["pdftoppm", "-png", "-r", str(dpi), "-f", str(page), "-l", str(page), *area, "-singlefile",
                    str(pdf), str(prefix)], check=True, capture_output=True, timeout=60)
    out = IMG / f"{name}.png"
    shutil.copyfile(prefix.with_suffix(".png"), out)
    return out


def words(pdf: Path, page: int) -> list[tuple[str, float, float]]:
    """(text, top, bottom) in points of every word on a page, from pdftotext's bounding boxes."""
    import re

    found = subprocess.run(["pdftotext", "-bbox", "-f", str(page), "-l", str(page), str(pdf), "-"],
                           capture_output=True, text=True, check=True).stdout
    return [(text, float(top), float(bottom)) for top, bottom, text in
            re.findall(r'<word xMin="[\d.]+" yMin="([\d.]+)" xMax="[\d.]+" yMax="([\d.]+)">([^<]*)</word>', found)]


def section_picture(pdf: Path, heading: str, next_heading: str, name: str, dpi: int = 110) -> Path:
    """The part of a document from `heading` to `next_heading`, which may run onto the next page:
    each page's part is cut out (above the footer) and the parts stacked, a grey line at the page break.
    On the next page the part starts at the table's repeated header row, below the page header."""
    from PIL import Image

    first = page_with(pdf, heading)
    scale = dpi / 72
    parts = []
    on_first = [text for text, _, _ in words(pdf, first)]
    header = on_first[next(i for i, text in enumerate(on_first) if text.startswith(heading)) + 1]
    for page in (first, first + 1):
        on_page = words(pdf, page)
        top = next((t for text, t, _ in on_page if text.startswith(heading if page == first else header)), None)
        end = next((t for text, t, _ in on_page if text.startswith(next_heading)), None)
        footer = max(t for _, t, _ in on_page)  # the footer (the document's name) is the lowest line
        bottom = end if end is not None else footer
        if top is None:
            sys.exit(f"{heading!r} is on no page of {pdf}")
        prefix = pdf.parent / f"{name}-{page}"
        subprocess.run(["pdftoppm", "-png", "-r", str(dpi), "-f", str(page), "-l", str(page),
                        "-x", str(int(45 * scale)), "-y", str(int((top - 6) * scale)), "-W", str(int(510 * scale)),
                        "-H", str(int((bottom - top) * scale)), "-singlefile", str(pdf), str(prefix)],
                       check=True, capture_output=True, timeout=60)
        parts.append(Image.open(prefix.with_suffix(".png")).convert("L"))
        if end is not None:
            break
    picture = Image.new("L", (parts[0].width, sum(p.height for p in parts) + 3 * (len(parts) - 1)), 255)
    y = 0
    for index, part in enumerate(parts):
        if index:
            picture.paste(200, (0, y + 1, picture.width, y + 2))
            y += 3
        picture.paste(part, (0, y))
        y += part.height
    out = IMG / f"{name}.png"
    picture.save(out, optimize=True)
    return out


def email_picture(work: Path, out: Path) -> Path:
    picture = IMG / "summary-email.png"
    subprocess.run(["chromium", *CHROMIUM_FLAGS, f"--user-data-dir={work / 'chromium'}", "--window-size=760,2250",
                    f"--screenshot={picture}", (out / f"{PREFIX}周报邮件.html").as_uri()],
                   check=True, capture_output=True, timeout=120)
    return picture


def chromium_picture(work: Path, page: Path, picture: Path, size: str) -> Path:
    subprocess.run(["chromium", *CHROMIUM_FLAGS, f"--user-data-dir={work / 'chromium'}", f"--window-size={size}",
                    f"--screenshot={picture}", page.as_uri()], check=True, capture_output=True, timeout=120)
    return picture


# A group-chat window around the WeCom message, for the picture only (the bot posts plain text).
CHAT_PAGE = """<!DOCTYPE html><html lang="zh-CN"><head><meta charset="utf-8"><style>
body {{ margin: 0; background: #ededed; font-family: "Noto Sans CJK SC", "Microsoft YaHei", sans-serif; }}
.bar {{ background: #f7f7f7; padding: 12px 16px; font-size: 15px; border-bottom: 1px solid #ddd; }}
.row {{ display: flex; padding: 16px; gap: 10px; }}
.avatar {{ width: 40px; height: 40px; border-radius: 6px; background: #2b7de9; color: #fff; font-size: 13px;
          display: flex; align-items: center; justify-content: center; flex: none; }}
.name {{ font-size: 12px; color: #888; margin-bottom: 4px; }}
.bubble {{ background: #fff; border-radius: 6px; padding: 10px 12px; font-size: 13px; line-height: 1.6;
          white-space: pre-wrap; max-width: 640px; }}
</style></head><body><div class="bar">{project} 项目群</div>
{bubbles}</body></html>"""
BUBBLE = """<div class="row"><div class="avatar">机器人</div><div><div class="name">crossdept 提醒</div>
<div class="bubble">{text}</div></div></div>"""


CALENDAR_PAGE = """<!DOCTYPE html><html lang="zh-CN"><head><meta charset="utf-8"><style>
body {{ margin: 12px; font-family: "Noto Sans CJK SC", "Microsoft YaHei", sans-serif; font-size: 13px; }}
h1 {{ font-size: 15px; margin: 0 0 8px; }}
table {{ border-collapse: collapse; }}
th, td {{ border: 1px solid #bbb; padding: 4px 8px; text-align: left; vertical-align: top; }}
th {{ background: #dde6f3; }} td:last-child {{ white-space: nowrap; }} .no td {{ background: #fbe3e3; }} .n {{ text-align: right; }}
</style></head><body><h1>crossdept calendar samples/智慧门店上线 -o 沟通日程.ics --today {today}</h1>
<table><tr><th>事项</th><th>频率/时间（沟通计划表）</th><th>日历里的前 4 次</th><th>共</th><th>参会</th><th>来源</th></tr>
{rows}</table></body></html>"""
WEEKDAY = "一二三四五六日"


def calendar_picture(work: Path) -> Path:
    """The sample's communication plan as a calendar program sees it: `crossdept calendar`'s .ics
    expanded by recurring-ical-events, each plan row with its first occurrences, and the rows that
    could not be scheduled with their reason."""
    import datetime as dt
    import html
    import json

    import icalendar
    import recurring_ical_events

    ics = work / "沟通日程.ics"
    done = subprocess.run([*CROSSDEPT, "calendar", str(SAMPLE), "-o", str(ics), "--today", TODAY, "--lang", "zh",
                           "--json"], capture_output=True, text=True)
    if done.returncode not in (0, 1):
        sys.exit(f"crossdept calendar failed ({done.returncode}): {done.stderr.strip()}")
    result = json.loads(done.stdout)
    calendar = icalendar.Calendar.from_ical(ics.read_bytes())
    seen: dict[str, list[dt.date | dt.datetime]] = {}
    for event in recurring_ical_events.of(calendar).between(dt.date(2000, 1, 1), dt.date(2100, 1, 1)):
        seen.setdefault(str(event["SUMMARY"]), []).append(event["DTSTART"].dt)

    def when(start: dt.date | dt.datetime) -> str:
        clock = f" {start:%H:%M}" if isinstance(start, dt.datetime) else ""
        return f"{start:%m-%d}（{WEEKDAY[start.weekday()]}）{clock}"

    def cell(row: dict) -> str:
        return f"{Path(row['path']).name} {row['sheet']}!{row['cell']}"

    rows = []
    for event in result["events"]:
        starts = sorted(seen.get(event["item"], []), key=lambda d: (d.date() if isinstance(d, dt.datetime) else d))
        rows.append("<tr>" + "".join(f"<td>{html.escape(text)}</td>" for text in (
            event["item"], event["frequency"], "、".join(when(d) for d in starts[:4]))) +
            f"<td class=n>{len(starts)} 次</td><td class=n>{len(event['attendees'])} 人</td>"
            f"<td>{html.escape(cell(event))}</td></tr>")
    for row in result["not_scheduled"]:
        rows.append('<tr class="no">' + "".join(f"<td>{html.escape(text)}</td>" for text in (
            row["item"], row["phrase"])) + f'<td colspan="3">未排入日程：{html.escape(row["reason"])}</td>'
            f"<td>{html.escape(cell(row))}</td></tr>")
    page = work / "calendar.html"
    page.write_text(CALENDAR_PAGE.format(today=TODAY, rows="\n".join(rows)), encoding="utf-8")
    return chromium_picture(work, page, IMG / "calendar-events.png", "1280,335")


def remind_pictures(work: Path) -> list[Path]:
    """A personal digest email and the WeCom group message of the sample day, as previewed by
    `crossdept remind --out` (nothing sent: the sample's copy only gains a WeCom address)."""
    import email
    import html
    from email import policy

    project = work / "智慧门店上线"
    shutil.copytree(SAMPLE, project)
    with (project / "crossdept.toml").open("a", encoding="utf-8") as toml:
        toml.write('\n[notify]\nwecom = "https://qyapi.weixin.qq.com/cgi-bin/webhook/send?key=EXAMPLE"\n')
    out = work / "remind"
    done = subprocess.run([*CROSSDEPT, "remind", str(project), "--out", str(out), "--today", TODAY, "--lang", "zh"],
                          capture_output=True, text=True)
    if done.returncode not in (0, 1):
        sys.exit(f"crossdept remind failed ({done.returncode}): {done.stderr.strip()}")
    message = email.message_from_bytes((out / "李娜.eml").read_bytes(), policy=policy.default)
    personal = work / "remind-personal.html"
    personal.write_text(message.get_body(("html",)).get_content(), encoding="utf-8")
    chat = work / "remind-group.html"
    parts = sorted(out.glob("wecom-*.md"), key=lambda p: int(p.stem.split("-")[1]))
    bubbles = "".join(BUBBLE.format(text=html.escape(p.read_text(encoding="utf-8").strip())) for p in parts)
    chat.write_text(CHAT_PAGE.format(project="智慧门店上线", bubbles=bubbles), encoding="utf-8")
    return [chromium_picture(work, personal, IMG / "remind-personal.png", "680,490"),
            chromium_picture(work, chat, IMG / "remind-group.png", "760,1360")]


def shrink(picture: Path) -> Path:
    """A 256-colour palette: text and flat table colours lose nothing, and the README's pictures
    stay under 200 KB each."""
    from PIL import Image

    with Image.open(picture) as image:
        small = image.convert("RGB").quantize(256)
    small.save(picture, optimize=True)
    return picture


def main() -> None:
    if sys.argv[1:] == ["remind"]:  # only the reminders' pictures (needs chromium alone)
        need("chromium")
        with tempfile.TemporaryDirectory(prefix="crossdept-render-") as tmp:
            for picture in remind_pictures(Path(tmp)):
                print(shrink(picture).relative_to(ROOT))
        return
    need("chromium", "soffice", "pdftoppm", "pdftotext", "pdfinfo")
    IMG.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory(prefix="crossdept-render-") as tmp:
        work = Path(tmp)
        out = work / "out"
        weekly(out)
        minutes = to_pdf(work, out / f"{PREFIX}会议纪要.docx")
        rollup = to_pdf(work, out / f"{PREFIX}周报汇总.xlsx")
        report = to_pdf(work, out / f"{PREFIX}校验报告.xlsx")
        marked = to_pdf(work, out / f"{PREFIX}标记副本" / "研发部.xlsx")
        review = to_pdf(work, out / f"{PREFIX}复盘报告-系统开发完成.docx")
        made = [
            email_picture(work, out),
            snapshot(minutes, 1, "minutes-page"),
            section_picture(minutes, "三、前次会议遗留待办", "附录", "minutes-carried-over"),
            snapshot(rollup, 1, "rollup-overview", dpi=130, crop=(80, 80, 1300, 660)),
            snapshot(report, 1, "validation-report", dpi=160, crop=(95, 110, 1700, 202)),
            snapshot(marked, page_with(marked, "Issue Tracker"), "marked-issues", dpi=220, crop=(150, 210, 2250, 250)),
            calendar_picture(work),
            *remind_pictures(work),
            snapshot(rollup, page_with(rollup, "里程碑名称"), "rollup-milestones", dpi=240, crop=(120, 150, 2200, 200)),
            snapshot(review, 1, "review-page"),
        ]
        for picture in made:
            print(shrink(picture).relative_to(ROOT))


if __name__ == "__main__":
    main()
