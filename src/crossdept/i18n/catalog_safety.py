"""Messages about hostile files and workbooks in use: too large to read, open elsewhere, changed
while crossdept worked on them, protected, read-only (issue 13)."""

MESSAGES: dict[str, tuple[str, str]] = {
    "file-too-large": ("{path} 的工作表「{sheet}」中有内容的单元格超过 {cells} 个，crossdept 不读取这么大的表。请删除远处无用的内容（按 Ctrl+End 查看最后一个单元格）后再试。",
                       "{path}: sheet '{sheet}' holds more than {cells} cells in use, more than crossdept reads. Delete stray content far from the table (Ctrl+End shows the last cell) and try again."),
    "file-too-large-xls": (
        "{path}：这个 .xls 的单元格区域超过 {cells} 个（常因远处的空白格式单元格），按 .xls 读取会占用过多内存，未读取。请在 Excel 中另存为 .xlsx（crossdept 可以只读有内容的单元格）后再试。",
        "{path}: this .xls spans more than {cells} cells (often formatted empty cells far away), too many to read as .xls, so it was not read. Save it as .xlsx in Excel (crossdept reads only the used cells of an .xlsx) and try again."),
    "file-parse-failed": (
        "{path}：读取了文件，但 crossdept 无法理解其中的表格（{reason}）。其他文件照常处理；请把该文件发给 crossdept 维护者。",
        "{path}: the file was read but crossdept could not make sense of its sheets ({reason}). Other files go on as usual; please send this file to crossdept's maintainers."),
    "inplace.open-elsewhere": (
        "{path}：工作簿正被打开（旁边有 {lock}，Excel、WPS 或 LibreOffice 打开文件时留下），为免对方保存时丢失标记，未在原文件上写入。请关闭该工作簿后重试，或使用 --out 目录 生成带标记的副本。（若确认无人打开，可删除 {lock}。）",
        "{path}: the workbook is open ({lock} beside it, left by Excel, WPS or LibreOffice), so marks were not written into it (the next save there would lose them). Close it and run again, or use --out DIR for a marked copy. (If nobody has it open, delete {lock}.)"),
    "inplace.read-only": (
        "{path}：文件是只读的，未在原文件上写入。若要标记，请先取消只读属性，或使用 --out 目录 生成带标记的副本。",
        "{path}: the file is read-only, so nothing was written into it. Clear its read-only attribute to mark it, or use --out DIR for a marked copy."),
    "inplace.modify-password": (
        "{path}：工作簿设有“修改权限密码”，未在原文件上写入。请由知道密码的人标记，或使用 --out 目录 生成带标记的副本。",
        "{path}: the workbook has a password to modify, so nothing was written into it. Have someone who knows the password mark it, or use --out DIR for a marked copy."),
    "inplace.sheet-protected": (
        "{path}：工作表「{sheet}」受保护，未在原文件上写入。请在 Excel 中“审阅 > 撤消工作表保护”后重试，或使用 --out 目录 生成带标记的副本。",
        "{path}: sheet '{sheet}' is protected, so nothing was written into the workbook. Unprotect it in Excel (Review > Unprotect Sheet) and run again, or use --out DIR for a marked copy."),
    "inplace.changed": (
        "{path}：crossdept 读取之后文件又被修改过（有人保存了它，或另一次运行刚标记了它），按旧内容做的标记未写入。请重新运行。",
        "{path}: the file changed after crossdept read it (someone saved it, or another run just marked it), so marks planned from the old content were not written. Run again."),
    "lock-wait": (
        "另一个 crossdept 正在写 {path}，等待它完成……",
        "Another crossdept run is writing {path}; waiting for it to finish..."),
    "lock-timeout": (
        "另一个 crossdept 写 {path} 已超过 {seconds} 秒仍未完成，本次未写入。请稍后重试。",
        "Another crossdept run has been writing {path} for over {seconds} s; nothing was written this time. Try again later."),
}
