"""Messages of `crossdept inspect`."""

MESSAGES: dict[str, tuple[str, str]] = {
    "inspect.sheet": ("工作表", "Sheet"),
    "inspect.kind": ("识别为", "Read as"),
    "inspect.header-row": ("表头行", "Header row"),
    "inspect.records": ("记录数", "Records"),
    "inspect.unrecognised": ("  未识别的工作表（已忽略）：{sheets}", "  Sheets not recognised (ignored): {sheets}"),
    "inspect.own": ("  crossdept 自己写入的工作表（无需读取）：{sheets}", "  Sheets crossdept wrote itself (nothing to read): {sheets}"),
}
