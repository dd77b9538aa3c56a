"""Messages of `crossdept validate`: one per rule (what is wrong and how to fix it), and its reports.

Rule messages are rendered with the finding's column, value, sheet, row and cell plus the rule's
own facts; "finding.at-cell" puts the cell in front ("D7：...").
"""

MESSAGES: dict[str, tuple[str, str]] = {
    # structure
    "no-sheets": (
        "没有可识别的 crossdept 工作表（本文件的工作表：{sheets}）。请把工作表改名为 {known} 之一，或按模板填写表头后再检查。",
        "No sheet crossdept recognises (this file has: {sheets}). Rename a sheet to one of {known}, or use the template's headers, and check again.",
    ),
    "missing-key-columns": (
        "工作表「{sheet}」的表头（第{row}行）缺少关键列：{missing}。请在表头行补上这些列（列名见模板），否则这张表无法检查。",
        "The header row (row {row}) of sheet \"{sheet}\" lacks key columns: {missing}. Add them to the header row (names as in the template); until then the sheet cannot be checked.",
    ),
    "missing-column": (
        "缺少必填列「{column}」（{alias}）。请在表头行第{row}行加上这一列并逐行填写。",
        "Required column \"{column}\" ({alias}) is missing. Add it to the header row (row {row}) and fill it in on every row.",
    ),
    "duplicate-header": (
        "表头「{column}」重复：crossdept 只读取 {first} 所在的列，这一列的内容会被忽略。请删除这一列，或把内容并入 {first} 列。",
        "Header \"{column}\" appears twice: crossdept reads only the column at {first} and ignores this one. Delete this column or merge it into {first}'s column.",
    ),
    "missing-field": (
        "没有填写{column}（{alias}）。请在「{column}」右侧的单元格填写；若没有这一栏，请在表格上方加一行「{column}」。",
        "{alias} ({column}) is not filled in. Write it in the cell right of the \"{column}\" label; if there is no such label, add a \"{column}\" line above the table.",
    ),
    # values
    "required-empty": ("{column}为必填项，不能为空，请填写。", "{column} is required; fill it in."),
    "duplicate-id": (
        "{column}「{value}」与 {other} 重复，但两行内容不同（两行都已计入）；同一部门内编号必须唯一，请给其中一行改用新编号。",
        "{column} \"{value}\" is already used at {other} for a different row (both are counted); ids must be unique within a department, give one of them a new id.",
    ),
    # row logic
    "finish-before-start": (
        "{column}「{value}」早于开始日期「{start}」（{start_cell}）；计划完成日期不能早于开始日期，请改正其中一个。",
        "{column} \"{value}\" is before the start date \"{start}\" ({start_cell}); the planned finish cannot precede the start, correct one of them.",
    ),
    "done-not-100": (
        "状态为已完成，但{column}是 {percent}%；请改为 100%，或把状态改为进行中。",
        "The status is Done but {column} is {percent} %; set it to 100 %, or set the status back to In progress.",
    ),
    "done-no-finish": (
        "状态为已完成，但没有填写{column}；请填写实际完成的日期。",
        "The status is Done but {column} is empty; enter the date the task was actually finished.",
    ),
    "finish-in-future": (
        "{column}「{value}」晚于今天（{today}）；实际完成日期不能是将来的日期，请改正。",
        "{column} \"{value}\" is after today ({today}); an actual finish cannot be in the future, correct it.",
    ),
    "resolved-no-date": (
        "状态为{status}，但没有填写{column}；请填写解决的日期。",
        "The status is {status} (resolved/closed) but {column} is empty; enter the date it was resolved.",
    ),
    "due-before-raised": (
        "{column}「{value}」早于提出日期「{raised}」（{raised_cell}）；请改正解决时限。",
        "{column} \"{value}\" is before the date raised \"{raised}\" ({raised_cell}); correct the deadline.",
    ),
    "level-missing": (
        "没有填写{column}，暂按一级（24小时内解决）处理；请选择 一级、二级 或 三级。",
        "{column} is empty, so the issue counts as level 1 (24 hours); choose 一级, 二级 or 三级.",
    ),
    "level-column-missing": (
        "没有{column}列，所有问题暂按一级（24小时内解决）处理；请在表头行第{row}行加上「{column}」列，并为每个问题选择 一级、二级 或 三级。",
        "There is no {column} (level) column, so every issue counts as level 1 (24 hours); add a \"{column}\" column to the header row (row {row}) and choose 一级, 二级 or 三级 for each issue.",
    ),
    # project
    "unknown-person": (
        "{column}「{name}」不是 crossdept.toml 中登记的人员（最接近的是「{suggestion}」）；请改为登记的姓名，或在 crossdept.toml 的 [[people]] 中加上此人。",
        "{column} \"{name}\" is not a person listed in crossdept.toml (closest: \"{suggestion}\"); use the listed name, or add the person under [[people]] in crossdept.toml.",
    ),
    "unknown-department": (
        "{column}「{name}」不是 crossdept.toml 中登记的部门（最接近的是「{suggestion}」）；请改为登记的部门名，或把它加入 crossdept.toml 的 departments。",
        "{column} \"{name}\" is not a department listed in crossdept.toml (closest: \"{suggestion}\"); use the listed name, or add it to departments in crossdept.toml.",
    ),
    # RACI
    "raci-no-a": (
        "任务「{value}」没有 A（批准）；每个任务必须恰好有一个 A，请在一个部门或人员的列中填 A。",
        "Task \"{value}\" has no A (accountable); every task needs exactly one A, put an A in one department's or person's column.",
    ),
    "raci-many-a": (
        "任务「{value}」有 {count} 个 A（批准）：{holders}；每个任务只能有一个 A，请只保留一个。",
        "Task \"{value}\" has {count} A's (accountable): {holders}; every task has exactly one A, keep only one.",
    ),
    "raci-no-r": (
        "任务「{value}」没有 R（负责）；每个任务至少要有一个 R，请指定负责执行的部门或人员。",
        "Task \"{value}\" has no R (responsible); every task needs at least one R, name who does the work.",
    ),
    # minutes
    "minutes-no-owner": (
        "这一行有决议或待办事项，但没有填写{column}；每项决议和待办都要有责任人，请填写。",
        "This row records a decision or action but {column} is empty; every decision and action needs an owner, fill it in.",
    ),
    "minutes-no-due": (
        "这一行有决议或待办事项，但没有填写{column}；每项决议和待办都要有完成时限，请填写日期。",
        "This row records a decision or action but {column} is empty; every decision and action needs a due date, fill it in.",
    ),
    # reports
    "validate.severity.error": ("错误", "error"),
    "validate.severity.warning": ("警告", "warning"),
    "validate.col.no": ("序号", "No"),
    "validate.col.sheet": ("工作表", "Sheet"),
    "validate.col.cell": ("单元格", "Cell"),
    "validate.col.column": ("列", "Column"),
    "validate.col.value": ("值", "Value"),
    "validate.col.rule": ("规则", "Rule"),
    "validate.col.severity": ("级别", "Severity"),
    "validate.col.message": ("说明", "Message"),
    "validate.file-ok": ("{path}：没有发现问题。", "{path}: no problems found."),
    "validate.file-count": ("{path}：{errors} 个错误，{warnings} 个警告。", "{path}: {errors} {errors:error|errors}, {warnings} {warnings:warning|warnings}."),
    "validate.whole-file": ("（整个文件）", "(whole file)"),
    "validate.summary": (
        "共 {files} 个文件：{errors} 个错误，{warnings} 个警告，{unreadable} 个无法读取，{skipped} 个已跳过。",
        "{files} {files:file|files}: {errors} {errors:error|errors}, {warnings} {warnings:warning|warnings}, {unreadable} unreadable, {skipped} skipped.",
    ),
    "validate.annotated": ("已写出标注副本 {path}", "Wrote the annotated copy {path}"),
    "validate.values-only": (
        "{path} 是 {suffix} 格式，标注副本另存为 .xlsx，只含单元格的值（无原格式、公式和宏）。",
        "{path} is a {suffix} file: its annotated copy is an .xlsx with cell values only (no formatting, formulas or macros).",
    ),
    "validate.results-none": ("没有发现问题。", "No problems found."),
    "validate.annotate-not-folder": ("{path} 不是文件夹；--annotate 需要一个存放标注副本的文件夹。",
                                     "{path} is not a folder; --annotate needs a folder for the annotated copies."),
    "validate.annotate-failed": ("无法为 {path} 写出标注副本：{detail}。校验结果见上文。",
                                 "Could not write the annotated copy of {path}: {detail}. The findings are listed above."),
    "validate.file-failed": ("检查 {path} 时出现意外问题（{detail}），已跳过此文件；请报告此问题。",
                             "Checking {path} hit an unexpected problem ({detail}); the file was skipped. Please report it."),
}
