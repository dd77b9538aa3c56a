"""Messages of the operations themselves (crossdept.ops), where no command's catalog holds them."""

MESSAGES = {
    "new.kind": ("工作簿类型只能是 department（部门工作簿）或 project（项目工作簿），不是「{kind}」。",
                 "The kind of workbook is department or project, not '{kind}'."),
}
