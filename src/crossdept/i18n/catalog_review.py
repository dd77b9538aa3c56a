"""Messages of `crossdept review` (the 复盘报告) and of the milestone rules."""

MESSAGES: dict[str, tuple[str, str]] = {
    "review.not-folder": ("{path} 不是文件夹。请给出存放项目工作簿（含“项目章程”）的文件夹。",
                          "{path} is not a folder. Give the folder holding the project's workbooks (with the 项目章程)."),
    "review.no-milestones": ("{path} 中没有找到里程碑：需要一个含“项目章程”工作表的工作簿，并在其里程碑表中填写“里程碑”和“计划日期”。",
                             "No milestone found in {path}: a workbook with a 项目章程 (Charter) sheet must list them under 里程碑 and 计划日期."),
    "review.milestone-not-found": ("项目章程中没有里程碑“{name}”。已有的里程碑：{names}。",
                                   "The charter has no milestone \"{name}\". Milestones: {names}."),
    "review.none-done": ("截至 {today} 还没有已完成（填了实际日期）的里程碑。请用 --milestone 指定一个：{names}。",
                         "No milestone is done (has an 实际日期) by {today}. Name one with --milestone: {names}."),
    "review.chosen": ("里程碑“{name}”：{state}，计划 {planned}，实际 {actual}，偏差 {slip} 个工作日；任务完成 {done}/{total}，延期完成 {late} 个；关联问题 {issues} 个，仍未解决 {open} 个；改进措施 {measures} 条。",
                      "Milestone \"{name}\": {state}, planned {planned}, actual {actual}, slip {slip} working day(s); tasks done {done}/{total}, finished late {late}; issues {issues}, still open {open}; measures {measures}."),
    "review.no-meeting": ("没有找到名称或议题提到“{name}”的里程碑复盘会纪要：报告的“改进措施”留出了复盘问题待填写。",
                          "No 里程碑复盘会 minutes name \"{name}\" in their title or a topic: the report's 改进措施 leaves the review questions to fill in."),
    "review.meeting": ("改进措施取自 {meeting}（{date}）。", "Measures taken from {meeting} ({date})."),
    "review.file-unreadable": ("未能读取：{message}", "Not read: {message}"),
}
