"""Messages of the reader: files that cannot be read, values that cannot be normalised."""

MESSAGES: dict[str, tuple[str, str]] = {
    # files
    "file-missing": ("找不到文件：{path}。请检查路径是否正确。",
                     "File not found: {path}. Check the path."),
    "file-is-folder": ("{path} 是文件夹，不是工作簿；请给出其中的工作簿，如 {path}/*.xlsx。",
                       "{path} is a folder, not a workbook; give the workbooks in it, e.g. {path}/*.xlsx."),
    "file-lock": ("{path} 是 Excel 打开文件时留下的锁文件（~$ 开头），已跳过。",
                  "{path} is an Excel lock file (~$...), skipped."),
    "file-no-access": ("无法读取 {path}：没有读取权限。请检查文件权限（或请文件所有者共享给你），或关闭占用它的程序后再试。",
                       "Cannot read {path}: no permission to read it. Check its permissions (or ask its owner to share it), or close the program holding it, and try again."),
    "file-encrypted": ("{path} 设有打开密码，无法读取。请另存一份不加密的副本再试。",
                       "{path} is password-protected. Save an unencrypted copy and try again."),
    "file-unsupported": ("{path} 不是支持的工作簿格式（支持 .xlsx .xlsm .xlsb .xls .ods）。若是表格，请在 Excel 或 WPS 中另存为 .xlsx 再试。",
                         "{path} is not a supported workbook (.xlsx .xlsm .xlsb .xls .ods). If it is a spreadsheet, open it in Excel or WPS, save it as .xlsx and try again."),
    "file-corrupt": ("{path} 已损坏或不是真正的工作簿，无法读取（{reason}）。请用 Excel 打开后另存为 .xlsx 再试。",
                     "{path} is damaged or not really a workbook ({reason}). Open it in Excel, save as .xlsx and try again."),
    # values
    "invalid-date": ("{column}「{value}」不是可识别的日期，请填写如 2026-11-20 的日期。",
                     "{column} \"{value}\" is not a date crossdept can read; write it like 2026-11-20."),
    "invalid-percent": ("{column}「{value}」不是百分比，请填写 0-100 之间的数字，如 80 或 80%。",
                        "{column} \"{value}\" is not a percent; write a number from 0 to 100, e.g. 80 or 80%."),
    "percent-range": ("{column}「{value}」超出 0-100% 范围，请填写 0 到 100 之间的百分比，如 80%。",
                      "{column} \"{value}\" is outside 0-100 %; write a percent from 0 to 100, e.g. 80%."),
    "invalid-choice": ("{column}「{value}」不在可选值中（{allowed}），请从下拉列表中选择。",
                       "{column} \"{value}\" is not one of the allowed values ({allowed}); pick one from the dropdown."),
    "invalid-raci": ("{column}「{value}」不是 RACI 角色，请只填 R、A、C、I 或其组合（如 R/A）。",
                     "{column} \"{value}\" is not a RACI role; use R, A, C, I or a combination such as R/A."),
    # finding layout
    "finding.at-cell": ("{cell}：{message}", "{cell}: {message}"),
}
