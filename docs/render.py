"""Render the pictures of the README from real outputs: a weekly email and a minutes page.

    .venv/bin/python docs/render.py

Runs the real commands on the sample project (samples/智慧门店上线, --today 2026-11-20), then
photographs what they wrote: the email's HTML with headless Chromium, the minutes .docx through
LibreOffice (to PDF) and pdftoppm (first page to PNG). Needs Debian's `chromium`,
`libreoffice-writer-nogui`, `poppler-utils` and, for Chinese glyphs, `fonts-noto-cjk`. Not a test:
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
CROSSDEPT = [str(Path(sys.executable).with_name("crossdept"))]  # the venv's console script
CHROMIUM_FLAGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
                  "--disable-component-update", "--disable-sync", "--no-first-run", "--hide-scrollbars"]


def need(*programs: str) -> None:
    missing = [p for p in programs if shutil.which(p) is None]
    if missing:
        sys.exit(f"missing {', '.join(missing)}: apt-get install chromium libreoffice-writer-nogui poppler-utils fonts-noto-cjk")


def crossdept(*args: str) -> None:
    """Run a command; exit code 1 (written, with findings worth attention) is expected on the sample."""
    done = subprocess.run([*CROSSDEPT, *args, "--today", TODAY, "--lang", "en"], capture_output=True, text=True)
    if done.returncode not in (0, 1):
        sys.exit(f"crossdept {' '.join(args)} failed ({done.returncode}): {done.stderr.strip()}")


def email_picture(work: Path) -> Path:
    html = work / "周报.html"
    crossdept("summary", str(SAMPLE), "-o", str(work / "周报.eml"), "--html", str(html))
    out = IMG / "summary-email.png"
    subprocess.run(["chromium", *CHROMIUM_FLAGS, f"--user-data-dir={work / 'chromium'}", "--window-size=760,2260",
                    f"--screenshot={out}", html.as_uri()], check=True, capture_output=True, timeout=120)
    return out


def minutes_picture(work: Path) -> Path:
    docx = work / "会议纪要.docx"
    crossdept("minutes", str(SAMPLE / "智慧门店上线-项目总表.xlsx"), "-o", str(docx))
    subprocess.run(["soffice", f"-env:UserInstallation={(work / 'lo').as_uri()}", "--headless", "--convert-to", "pdf",
                    "--outdir", str(work), str(docx)], check=True, capture_output=True, timeout=180)
    prefix = work / "minutes-page"
    subprocess.run(["pdftoppm", "-png", "-r", "80", "-f", "1", "-l", "1", "-singlefile", str(docx.with_suffix(".pdf")),
                    str(prefix)], check=True, capture_output=True, timeout=60)
    out = IMG / "minutes-page.png"
    shutil.copyfile(prefix.with_suffix(".png"), out)
    return out


def main() -> None:
    need("chromium", "soffice", "pdftoppm")
    IMG.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory(prefix="crossdept-render-") as tmp:
        for made in (email_picture(Path(tmp)), minutes_picture(Path(tmp))):
            print(made.relative_to(ROOT))


if __name__ == "__main__":
    main()
