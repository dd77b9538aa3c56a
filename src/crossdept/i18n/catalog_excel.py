"""Messages of the Excel front end: the ribbon's labels, the add-in build and install, and what the buttons say."""

MESSAGES: dict[str, tuple[str, str]] = {
    # the ribbon (labels are short: the ribbon shows them under 32-pixel icons)
    "excel.tab": ("协作助手", "Collaboration"),
    "excel.group.grpWorkbook": ("本工作簿", "This workbook"),
    "excel.group.grpOutputs": ("汇总与输出", "Roll-up and outputs"),
    "excel.group.grpHelp": ("帮助", "Help"),
    "excel.cdNew.label": ("新建工作簿", "New workbook"),
    "excel.cdNew.tip": ("按模板新建一个部门工作簿（说明、沟通计划表、进度看板、问题跟踪表、会议纪要），保存在当前工作簿旁并打开。",
                        "Create a department workbook from the templates, saved beside the current workbook, and open it."),
    "excel.cdValidate.label": ("校验本工作簿", "Validate"),
    "excel.cdValidate.tip": ("检查本工作簿每张表的日期、状态、必填项等，结果列在「校验结果」表中。",
                             "Check dates, statuses and required values of every sheet; the results go to a 校验结果 sheet."),
    "excel.cdHighlight.label": ("标记逾期", "Mark overdue"),
    "excel.cdHighlight.tip": ("在问题跟踪表和进度看板中标出逾期、即将到期、未及时更新的问题和逾期、阻塞的任务。",
                              "Mark overdue, due-soon and stale issues and overdue or blocked tasks in place."),
    "excel.cdRollup.label": ("部门汇总", "Roll-up"),
    "excel.cdRollup.tip": ("汇总当前工作簿所在文件夹中所有部门工作簿，生成汇总工作簿并打开。",
                           "Consolidate every workbook in this workbook's folder into a roll-up workbook and open it."),
    "excel.cdMinutes.label": ("生成会议纪要", "Minutes"),
    "excel.cdMinutes.tip": ("用本工作簿「会议纪要」表中最近一次会议生成 Word 会议纪要。",
                            "Make Word minutes of the latest meeting in this workbook's 会议纪要 sheet."),
    "excel.cdSummary.label": ("生成邮件摘要", "Summary email"),
    "excel.cdSummary.tip": ("汇总当前文件夹的进度与问题，生成邮件（.eml）并打开，核对后即可发送。",
                            "Summarise the folder's progress and issues as an email (.eml) and open it for you to check and send."),
    "excel.cdHelp.label": ("使用说明", "Help"),
    "excel.cdHelp.tip": ("各按钮的作用和颜色的含义。", "What each button does and what the colours mean."),
    # building and installing the add-in
    "addin.template-missing": ("找不到 xlwings {version} 自带的加载项模板 {path}。请重新安装：pip install xlwings=={version}。",
                               "The add-in template of xlwings {version} is missing ({path}). Reinstall: pip install xlwings=={version}."),
    "addin.template-unexpected": ("xlwings 加载项模板 {path} 的结构与预期不同（{detail}）。crossdept 需要 pyproject.toml 中固定的 xlwings 版本。",
                                  "The xlwings add-in template {path} is not as expected ({detail}). crossdept needs the xlwings version pinned in pyproject.toml."),
    "addin.version-mismatch": ("加载项模板中的 xlwings 版本 {found} 与已安装的 {version} 不一致。请重新安装 xlwings=={version}。",
                               "The add-in template holds xlwings {found}, but {version} is installed. Reinstall xlwings=={version}."),
    "addin.missing": ("找不到加载项文件 {path}。请先运行 crossdept addin build。",
                      "Add-in file not found: {path}. Run crossdept addin build first."),
    "addin.not-addin": ("{path} 不是 crossdept 加载项（其中没有宏和「协作助手」功能区）。请给出 crossdept addin build 生成的 .xlam，或去掉 --file 由 crossdept 现场生成。",
                        "{path} is not the crossdept add-in (it holds no macros and no 协作助手 ribbon). Give the .xlam that crossdept addin build made, or leave out --file to build one now."),
    "addin.unsupported-os": ("Excel 加载项只能安装在 Windows 或 macOS 上（当前系统：{os}）。如需为其他电脑准备，请加 --os windows 或 --os macos 和 --home。",
                             "The Excel add-in installs on Windows or macOS only (this is {os}). To prepare another computer, add --os windows or --os macos and --home."),
    "addin.quote-in-path": ("设置 {setting} 的值 {value} 含有英文双引号，Excel 无法读取。请换一个不含双引号的路径。",
                            "The {setting} setting {value} contains a double quote, which Excel cannot read. Use a path without one."),
    "addin.path-encoding": ("路径 {path} 含有 {encoding} 编码无法表示的字符，Excel 读不到它。请把 Python 装在只含中英文字符的路径下。",
                            "The path {path} has characters the {encoding} code page cannot hold, so Excel cannot read it. Install Python under a simpler path."),
    "addin.unwritable": ("无法写入 {path}（{detail}）。如果 Excel 正在运行，请完全退出 Excel 后再试。",
                         "Cannot write {path} ({detail}). If Excel is running, quit it completely and try again."),
    "addin.installed": ("已安装。请完全退出 Excel 再重新打开，功能区将出现「协作助手」选项卡。",
                        "Installed. Quit Excel completely and start it again: the 协作助手 tab appears on the ribbon."),
    # running a button
    "excel.title": ("crossdept 协作助手", "crossdept"),
    "excel.no-caller": ("crossdept 找不到调用它的 Excel 工作簿（{detail}）。请在 Excel 中点击「协作助手」选项卡上的按钮。",
                        "crossdept cannot find the Excel workbook that called it ({detail}). Click a button on the 协作助手 tab in Excel."),
    "excel.unknown-button": ("加载项的按钮 {id} 不是这个版本的 crossdept 认识的。请重新安装加载项：crossdept addin install。",
                             "The add-in's button {id} is unknown to this crossdept. Reinstall the add-in: crossdept addin install."),
    "excel.unsaved": ("请先保存本工作簿（「{name}」还没有保存位置），再点击「{label}」。",
                      "Save this workbook first (\"{name}\" has no folder yet), then click \"{label}\" again."),
    "excel.os-error": ("无法读写 {path}（{detail}）。请确认所在文件夹可以写入、文件没有被其他程序打开，文件名不太长，然后再试。",
                       "Cannot read or write {path} ({detail}). Check that its folder is writable, that no other program holds the file and that the name is not too long, then try again."),
    "excel.working": ("crossdept：{label}……", "crossdept: {label}..."),
    "excel.reading": ("crossdept：正在读取 {name}……", "crossdept: reading {name}..."),
    "excel.help.text": (
        "「协作助手」选项卡：\n"
        "· 新建工作簿：按模板新建部门工作簿。\n"
        "· 校验本工作簿：检查日期、状态、必填项，结果见「校验结果」表。\n"
        "· 标记逾期：红色＝逾期，黄色＝即将到期，淡紫色＝超过一个工作日未更新，橙色＝阻塞，说明写在「crossdept提醒」列。再次运行会按最新情况更新标记。\n"
        "· 部门汇总：汇总本文件夹所有工作簿。\n"
        "· 生成会议纪要：用「会议纪要」表生成 Word 文档。\n"
        "· 生成邮件摘要：生成邮件并打开，核对后发送。\n"
        "· 发送提醒：预览今天给每个人的提醒、升级通知和群消息（只写出供核对，不发送）。\n"
        "· 生成复盘报告：为最近达成的里程碑生成复盘报告（Word）。\n"
        "文件都保存在当前工作簿所在的文件夹。详见 docs/excel.md。",
        "The 协作助手 tab:\n"
        "· New workbook: a department workbook from the templates.\n"
        "· Validate: checks dates, statuses and required values; results in the 校验结果 sheet.\n"
        "· Mark overdue: red = overdue, yellow = due soon, lavender = not updated for over a working day, orange = blocked; the words are in the crossdept提醒 column. "
        "Running it again brings the marks up to date.\n"
        "· Roll-up: consolidates every workbook of this folder.\n"
        "· Minutes: a Word document from the 会议纪要 sheet.\n"
        "· Summary email: an email opened for you to check and send.\n"
        "· Reminders: today's personal reminders, escalation notices and group messages, written for review (not sent).\n"
        "· Milestone review: the review report (Word) of the latest milestone reached.\n"
        "Files are saved in the current workbook's folder. See docs/excel.md."),
    "excel.validate.ok": ("校验通过：没有发现问题。", "Validation passed: nothing wrong found."),
    "excel.validate.found": ("发现 {errors} 个错误、{warnings} 个提醒，详见「{sheet}」表。",
                             "Found {errors} {errors:error|errors} and {warnings} {warnings:warning|warnings}; see the {sheet} sheet."),
    "excel.marking": ("crossdept：正在标记 {sheet}……", "crossdept: marking {sheet}..."),
    "excel.highlight.done": ("已更新标记：{issues} 个问题、{tasks} 个任务需要关注，说明见「crossdept提醒」列。",
                             "Marks updated: {issues} {issues:issue|issues} and {tasks} {tasks:task|tasks} need attention; see the crossdept提醒 column."),
    "excel.new.project": ("新项目", "New project"),
    "excel.written": ("已生成 {path}", "Made {path}"),
}
