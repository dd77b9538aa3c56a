"""Messages shared by every command: configuration, dates, outputs, unexpected failures."""

MESSAGES: dict[str, tuple[str, str]] = {
    "config-invalid": ("配置文件 {path} 有误：{detail}。请按 docs/config.md 修改。",
                       "The config file {path} is wrong: {detail}. See docs/config.md."),
    "bad-lang": ("--lang 只能是 zh（中文）或 en（英文），不是「{value}」。",
                 "--lang must be zh (Chinese) or en (English), not '{value}'."),
    "bad-today": ("--today 应为 YYYY-MM-DD 格式的日期，如 2026-11-20。",
                  "--today must be a date like 2026-11-20 (YYYY-MM-DD)."),
    "internal-error": ("crossdept 遇到意外问题：{detail}。设置环境变量 CROSSDEPT_DEBUG=1 可查看详情，并请报告此问题。",
                       "crossdept hit an unexpected problem: {detail}. Set CROSSDEPT_DEBUG=1 for details, and please report it."),
    "interrupted": ("已中断，没有写出不完整的文件。", "Interrupted; no half-written file was left."),
    "output-exists-folder": ("{path} 是文件夹，请给出文件名。", "{path} is a folder; give a file name."),
    "output-unwritable": ("无法写入 {path}：{detail}。", "Cannot write {path}: {detail}."),
    "wrote": ("已写出 {path}", "Wrote {path}"),
    "backup-made": ("已备份原文件到 {path}", "Backed up the original to {path}"),
}
