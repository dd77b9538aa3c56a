"""The summary's chart as a PNG, drawn with the standard library (zlib), no imaging dependency.

Decision (docs/summary.md): matplotlib and Pillow are not dependencies, and a chart in an email
must be an image (Outlook drops SVG and CSS bars degrade on mobile). The picture needed is simple:
one stacked bar per department showing its tasks by status, with the completion percentage at the
end. Rectangles and a 5x7 digit font are all it takes; department names and the legend are HTML
text beside the image, where Chinese renders in the reader's own fonts.
"""

from __future__ import annotations

import struct
import zlib
from collections.abc import Sequence

Color = tuple[int, int, int]

WHITE: Color = (255, 255, 255)
GRID: Color = (230, 230, 230)
INK: Color = (51, 51, 51)
# Task status colours, in TASK_STATUS order: 未开始, 进行中, 已完成, 阻塞 (the HTML legend uses the same).
STATUS_COLORS: tuple[Color, ...] = ((189, 189, 189), (30, 136, 229), (46, 125, 50), (229, 57, 53))

ROW_HEIGHT, BAR_HEIGHT, BAR_WIDTH, LEFT, TEXT_WIDTH, SCALE = 28, 16, 420, 4, 88, 2

_GLYPHS = {  # 5 columns x 7 rows, one string per row
    "0": ("01110", "10001", "10011", "10101", "11001", "10001", "01110"),
    "1": ("00100", "01100", "00100", "00100", "00100", "00100", "01110"),
    "2": ("01110", "10001", "00001", "00010", "00100", "01000", "11111"),
    "3": ("11110", "00001", "00001", "01110", "00001", "00001", "11110"),
    "4": ("00010", "00110", "01010", "10010", "11111", "00010", "00010"),
    "5": ("11111", "10000", "11110", "00001", "00001", "10001", "01110"),
    "6": ("00110", "01000", "10000", "11110", "10001", "10001", "01110"),
    "7": ("11111", "00001", "00010", "00100", "01000", "01000", "01000"),
    "8": ("01110", "10001", "10001", "01110", "10001", "10001", "01110"),
    "9": ("01110", "10001", "10001", "01111", "00001", "00010", "01100"),
    ".": ("00000", "00000", "00000", "00000", "00000", "01100", "01100"),
    "%": ("11000", "11001", "00010", "00100", "01000", "10011", "00011"),
    "-": ("00000", "00000", "00000", "11111", "00000", "00000", "00000"),
}


class Canvas:
    """An RGB pixel grid with just the drawing a bar chart needs."""

    def __init__(self, width: int, height: int, background: Color = WHITE) -> None:
        self.width, self.height = width, height
        self.pixels = bytearray(bytes(background) * (width * height))

    def rect(self, x: int, y: int, w: int, h: int, color: Color) -> None:
        x0, y0, x1, y1 = max(x, 0), max(y, 0), min(x + w, self.width), min(y + h, self.height)
        if x1 <= x0 or y1 <= y0:
            return
        line = bytes(color) * (x1 - x0)
        for row in range(y0, y1):
            start = (row * self.width + x0) * 3
            self.pixels[start:start + len(line)] = line

    def text(self, x: int, y: int, text: str, color: Color = INK, scale: int = SCALE) -> None:
        for ch in text:
            for r, bits in enumerate(_GLYPHS.get(ch, _GLYPHS["-"])):
                for c, bit in enumerate(bits):
                    if bit == "1":
                        self.rect(x + c * scale, y + r * scale, scale, scale, color)
            x += 6 * scale

    def png(self) -> bytes:
        """The grid as a PNG file (8-bit RGB, no filtering)."""
        stride = self.width * 3
        raw = b"".join(b"\x00" + bytes(self.pixels[i:i + stride]) for i in range(0, len(self.pixels), stride))

        def chunk(kind: bytes, data: bytes) -> bytes:
            return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data) & 0xFFFFFFFF)

        header = struct.pack(">IIBBBBB", self.width, self.height, 8, 2, 0, 0, 0)
        return b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", header) + chunk(b"IDAT", zlib.compress(raw, 9)) + chunk(b"IEND", b"")


def status_bars(rows: Sequence[tuple[Sequence[int], float]]) -> bytes:
    """One row per department: task counts by status (TASK_STATUS order) and completion percent.

    Each bar spans the full width split by status share, so departments of different sizes
    compare by proportion; a department without tasks gets an empty grey outline.
    """
    width = LEFT + BAR_WIDTH + TEXT_WIDTH
    canvas = Canvas(width, max(len(rows), 1) * ROW_HEIGHT)
    for quarter in (1, 2, 3):
        canvas.rect(LEFT + BAR_WIDTH * quarter // 4, 0, 1, canvas.height, GRID)
    for i, (counts, completion) in enumerate(rows):
        top = i * ROW_HEIGHT + (ROW_HEIGHT - BAR_HEIGHT) // 2
        total = sum(counts)
        if total == 0:
            canvas.rect(LEFT, top, BAR_WIDTH, BAR_HEIGHT, GRID)
        else:
            x, done = LEFT, 0
            for count, color in zip(counts, STATUS_COLORS):
                done += count
                end = LEFT + round(BAR_WIDTH * done / total)  # cumulative, so bars always end flush
                canvas.rect(x, top, end - x, BAR_HEIGHT, color)
                x = end
        canvas.text(LEFT + BAR_WIDTH + 8, i * ROW_HEIGHT + (ROW_HEIGHT - 7 * SCALE) // 2, f"{completion:.1f}%")
    return canvas.png()
