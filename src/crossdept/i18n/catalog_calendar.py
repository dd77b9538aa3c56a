"""Messages about the working-day calendar."""

MESSAGES: dict[str, tuple[str, str]] = {
    "calendar-unknown-year": (
        "注意：节假日数据尚未包含 {years} 年，这些年份按周一至周五计算工作日；可在 crossdept.toml 的 [calendar] 中补充放假和调休日期。",
        "Note: the holiday calendar does not know {years} yet; Monday-Friday is used for those years. Add days off and make-up workdays under [calendar] in crossdept.toml.",
    ),
}
