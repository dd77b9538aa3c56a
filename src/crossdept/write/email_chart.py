"""The summary email's pictures, drawn with Pillow: tasks by status per department, and the trend.

Why Pillow (measured on the 2-core CI machine, docs/summary.md): importing it and loading its
font takes about 0.06 s and the wheel is 7 MB; matplotlib takes about 0.8 s to import, brings
numpy (80 MB together) and would still need a Chinese font, which this machine (like many
servers) does not have. An email needs an image (Outlook drops SVG and CSS bars degrade on
mobile), and these pictures are only bars, lines and numbers: Pillow's own FreeType font draws
the numbers, while department names, week labels and legends are HTML text beside the image, where
Chinese renders in the reader's fonts. Imported lazily: only the email writer needs it.
"""

from __future__ import annotations

import io
from collections.abc import Sequence

# Task status colours in TASK_STATUS order (未开始, 进行中, 已完成, 阻塞), then the tasks whose status
# could not be read: shown as their own segment, so every bar stands for all of a department's
# tasks and its length agrees with the completion printed at its end.
STATUS_COLORS = ("#BDBDBD", "#1E88E5", "#2E7D32", "#E53935", "#8D6E63")
GRID, INK, LINE, OVERDUE = "#E6E6E6", "#333333", "#2E7D32", "#E53935"

ROW_HEIGHT, BAR_HEIGHT, BAR_WIDTH, LEFT, TEXT_WIDTH = 28, 16, 420, 4, 88
TREND_HEIGHT, TREND_COLUMN = 120, 64
FONT_SIZE = 13


def chart_width() -> int:
    return LEFT + BAR_WIDTH + TEXT_WIDTH


def chart_height(departments: int) -> int:
    return max(departments, 1) * ROW_HEIGHT


def _png(image: object) -> bytes:
    out = io.BytesIO()
    # Not optimize=True: it triples the time (0.12 s against 0.04 s for 40 departments) to save 5 %.
    image.save(out, format="PNG")  # type: ignore[attr-defined]
    return out.getvalue()


def status_bars(rows: Sequence[tuple[Sequence[int], float | None]]) -> bytes:
    """One row per department: task counts (STATUS_COLORS order) and completion percent.

    Each bar spans the full width split by the counts' shares, so departments of different sizes
    compare by proportion; a department without tasks gets an empty grey bar and "-".
    """
    from PIL import Image, ImageDraw, ImageFont

    image = Image.new("RGB", (chart_width(), chart_height(len(rows))), "white")
    draw = ImageDraw.Draw(image)
    font = ImageFont.load_default(FONT_SIZE)
    for quarter in (1, 2, 3):
        x = LEFT + BAR_WIDTH * quarter // 4
        draw.line([(x, 0), (x, image.height)], fill=GRID)
    for i, (counts, completion) in enumerate(rows):
        top = i * ROW_HEIGHT + (ROW_HEIGHT - BAR_HEIGHT) // 2
        total = sum(counts)
        if total == 0:
            draw.rectangle([LEFT, top, LEFT + BAR_WIDTH - 1, top + BAR_HEIGHT - 1], fill=GRID)
        else:
            x, done = LEFT, 0
            for count, color in zip(counts, STATUS_COLORS):
                done += count
                end = LEFT + round(BAR_WIDTH * done / total)  # cumulative, so bars always end flush
                if end > x:
                    draw.rectangle([x, top, end - 1, top + BAR_HEIGHT - 1], fill=color)
                x = end
        label = "-" if completion is None else f"{completion:.1f}%"
        draw.text((LEFT + BAR_WIDTH + 8, i * ROW_HEIGHT + ROW_HEIGHT // 2), label, fill=INK, font=font, anchor="lm")
    return _png(image)


def trend_width(weeks: int) -> int:
    return max(weeks, 1) * TREND_COLUMN


def trend_chart(weeks: Sequence[tuple[float | None, int]]) -> bytes:
    """Week over week, oldest first: completion (a green line, 0-100 %, labelled) over the number
    of overdue issues (red columns, labelled). Week names are HTML under the image."""
    from PIL import Image, ImageDraw, ImageFont

    image = Image.new("RGB", (trend_width(len(weeks)), TREND_HEIGHT), "white")
    draw = ImageDraw.Draw(image)
    font = ImageFont.load_default(FONT_SIZE - 2)
    # Two bands, so labels never overlap: the completion line above (0 % at its foot, 100 % at its
    # head, room for the labels over the points), the overdue columns below (labels under them).
    line_top, line_bottom, bottom = 18, TREND_HEIGHT * 3 // 5, TREND_HEIGHT - 16
    draw.line([(0, bottom), (image.width, bottom)], fill=GRID)
    most = max((n for _, n in weeks), default=0) or 1
    points = []
    for i, (completion, overdue) in enumerate(weeks):
        mid = i * TREND_COLUMN + TREND_COLUMN // 2
        if overdue:
            height = max(round((bottom - line_bottom - 4) * overdue / most), 1)
            draw.rectangle([mid - 8, bottom - height, mid + 8, bottom - 1], fill=OVERDUE)
        draw.text((mid, bottom + 2), str(overdue), fill=OVERDUE, font=font, anchor="mt")
        if completion is not None:
            y = line_bottom - round((line_bottom - line_top) * completion / 100)
            points.append((mid, y))
            draw.text((mid, y - 4), f"{completion:.1f}%", fill=LINE, font=font, anchor="mb")
    if len(points) > 1:
        draw.line(points, fill=LINE, width=2)
    for x, y in points:
        draw.ellipse([x - 3, y - 3, x + 3, y + 3], fill=LINE)
    return _png(image)
