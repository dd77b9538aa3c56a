"""The one message for an output file named with the wrong extension (ops/common.check_suffix)."""

MESSAGES: dict[str, tuple[str, str]] = {
    "output-wrong-suffix": (
        "{option} {path}：{what}的文件名须以 {suffix} 结尾，例如 {example}；未写出任何文件（以免覆盖工作簿等其他文件）。",
        "{option} {path}: write {what} to a file ending in {suffix}, e.g. {example}; nothing was written "
        "(so that no workbook or other file is replaced by mistake)."),
    "output-what.eml": ("邮件草稿", "the email draft"),
    "output-what.html": ("邮件网页", "the email as a web page"),
    "output-what.docx": ("会议纪要 Word 文档", "the Word minutes"),
    "output-what.md": ("会议纪要 Markdown 文件", "the Markdown minutes"),
}
