"""Messages of `crossdept highlight`: the alert words written into workbooks and the console report."""

MESSAGES: dict[str, tuple[str, str]] = {
    # alert words, one part per state, joined by highlight.join
    "highlight.overdue-days": ("逾期{n}天", "{n} {n:day|days} overdue"),
    "highlight.then": ("{first}，{second}", "{first}, {second}"),
    "highlight.escalate-lead": ("建议升级至二级（项目负责人协调）", "propose level 2 (the project lead mediates)"),
    "highlight.escalate-lead-named": ("建议升级至二级（项目负责人{person}协调）",
                                      "propose level 2 (project lead {person} mediates)"),
    "highlight.escalate-sponsor": ("建议升级至三级（项目发起人决策）", "propose level 3 (the project sponsor decides)"),
    "highlight.escalate-sponsor-named": ("建议升级至三级（项目发起人{person}决策）",
                                         "propose level 3 (project sponsor {person} decides)"),
    "highlight.escalate-beyond": ("建议提交项目发起人决策", "refer it to the project sponsor"),
    "highlight.escalate-beyond-named": ("建议提交项目发起人{person}决策", "refer it to the project sponsor, {person}"),
    "highlight.due-today": ("今天到期", "due today"),
    "highlight.due-on": ("{date}到期", "due {date}"),
    "highlight.derived": ("（未填解决时限，按{level}推算为{date}）", " (no deadline given; {level} makes it {date})"),
    "highlight.derived-unreadable": ("（解决时限「{raw}」无法识别，按{level}推算为{date}；请改为如 2026-11-20 的日期）",
                                     " (the deadline \"{raw}\" cannot be read, so {level} makes it {date}; write it like 2026-11-20)"),
    "highlight.stale": ("自{date}起未更新，请每日更新进展", "not updated since {date}; update it daily"),
    "highlight.task-overdue": ("计划{date}完成，已逾期{n}天", "planned for {date}, {n} {n:day|days} overdue"),
    "highlight.task-blocked": ("阻塞中，请写明原因并协调解决", "blocked; give the reason and get it unblocked"),
    "highlight.join": ("；", "; "),
    # console report
    "highlight.state.overdue": ("逾期", "overdue"),
    "highlight.state.due_soon": ("即将到期", "due soon"),
    "highlight.state.stale": ("未及时更新", "stale"),
    "highlight.state.blocked": ("阻塞", "blocked"),
    "highlight.item": ("  {sheet}!{row}行 {id} {state}：{text}", "  {sheet}!row {row} {id} {state}: {text}"),
    "highlight.file-summary": ("{path}：问题 {issues} 项、任务 {tasks} 项需要关注。",
                               "{path}: {issues} {issues:issue|issues} and {tasks} {tasks:task|tasks} need attention."),
    "highlight.file-clean": ("{path}：没有逾期、即将到期、未更新或阻塞的事项。",
                             "{path}: nothing overdue, due soon, stale or blocked."),
    "highlight.no-sheets": ("{path}：没有问题跟踪表或进度看板，无需标记。",
                            "{path}: no 问题跟踪表 (issue tracker) or 进度看板 (progress board) to mark."),
    "highlight.marked": ("已标记 {path}", "Marked {path}"),
    "highlight.unchanged": ("{path} 的标记已是最新，文件未改动。", "{path} is already marked up to date; left unchanged."),
    "highlight.dry-run": ("（试运行：未写入任何文件）", "(dry run: nothing was written)"),
    # refusals: the file is read and reported, but not marked
    "highlight.refuse-format": (
        "{path}：无法在 {ext} 格式中写入标记（只能写 .xlsx/.xlsm），原文件未改动。状态已列出；如需标记，请用 --out 目录 生成带标记的 .xlsx 副本，或在 Excel 中另存为 .xlsx，或使用 Excel 加载项的功能区按钮在 Excel 内标记。",
        "{path}: marks cannot be written into a {ext} file (only .xlsx/.xlsm); the file is unchanged. The states are listed; to mark it, use --out DIR for a marked .xlsx copy, save it as .xlsx in Excel, or use the ribbon of the Excel add-in, which marks inside Excel.",
    ),
    "highlight.refuse-loss": (
        "{path}：写入标记会丢失工作簿中的内容（{lost}），已拒绝写入，原文件未改动。请用 Excel 加载项的功能区按钮在 Excel 内标记。",
        "{path}: writing the marks would lose part of the workbook ({lost}), so nothing was written and the file is unchanged. Use the ribbon of the Excel add-in, which marks inside Excel.",
    ),
    "highlight.refuse-signed": (
        "{path}：工作簿带有数字签名，写入标记会使签名失效，已拒绝写入，原文件未改动。请使用 --out 目录 生成带标记的副本。",
        "{path}: the workbook is digitally signed and writing marks would break the signature, so nothing was written. Use --out DIR for a marked copy.",
    ),
    "highlight.refuse-layout": (
        "{path}：工作表「{sheet}」的文件结构无法安全写入（{detail}），已拒绝写入，原文件未改动。请在 Excel 中打开并保存后再试，或使用 Excel 加载项的功能区按钮。",
        "{path}: sheet \"{sheet}\" is stored in a way crossdept cannot safely write ({detail}); nothing was written. Open and save it in Excel and try again, or use the ribbon of the Excel add-in.",
    ),
    "highlight.write-failed": (
        "无法写入 {path}：{detail}。原文件未改动。如果工作簿正在 Excel 中打开，请保存并关闭后再试，或用 Excel 加载项的功能区按钮在 Excel 内标记。",
        "Cannot write {path}: {detail}. The original is unchanged. If the workbook is open in Excel, save and close it and try again, or use the ribbon of the Excel add-in.",
    ),
    "highlight.refuse-package": (
        "{path}：工作簿的文件结构无法安全写入（{detail}），已拒绝写入，原文件未改动。请在 Excel 中打开并另存为 .xlsx 后再试，或使用 Excel 加载项的功能区按钮。",
        "{path}: the workbook is stored in a way crossdept cannot safely write ({detail}); nothing was written. Open it in Excel, save it as .xlsx and try again, or use the ribbon of the Excel add-in.",
    ),
    "highlight.out-not-folder": ("--out 应为文件夹，但 {path} 是文件。", "--out must be a folder, but {path} is a file."),
    "highlight.out-same-name": ("{path}：{out} 中已有本次写出的同名文件，为免覆盖未写入。请分两次运行并使用不同的 --out 目录。",
                                "{path}: a file of the same name was already written to {out} in this run; not overwritten. Run again with another --out folder."),
    "highlight.out-is-input": ("{path}：--out 不能是输入文件所在的文件夹 {out}，否则会覆盖原文件。请换一个文件夹，或去掉 --out 在原文件上标记（会先备份）。",
                               "{path}: --out must not be the input's own folder {out}; that would overwrite the original. Give another folder, or leave out --out to mark in place (after a backup)."),
}
