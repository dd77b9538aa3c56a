"""Messages about outputs that must say what they are: converted marked copies, charts, timestamps."""

MESSAGES: dict[str, tuple[str, str]] = {
    "outputs.marked-as-xlsx": (
        "{path}：{ext} 格式无法写入标记，带标记的副本另存为 .xlsx：{out}（含各工作表的值和标记；原文件的公式、格式、图表和宏不在副本中）。原文件未改动。",
        "{path}: marks cannot be written into a {ext} file, so the marked copy is an .xlsx: {out} (every sheet's values and the marks; "
        "the original's formulas, formatting, charts and macros are not in it). The original is unchanged.",
    ),
    "highlight.refuse-copy": (
        "{path}：无法把 {ext} 工作簿复制为 .xlsx 来写入标记（{detail}），未写入。请在 Excel 中另存为 .xlsx 后再试。",
        "{path}: the {ext} workbook could not be copied into an .xlsx to carry the marks ({detail}); nothing was written. Save it as .xlsx in Excel and try again.",
    ),
}
