"""The words of the 复盘报告 (.docx template and .md) around the sheets' own labels.

core/review.Review.context hands them to the templates as ``L`` (and a few whole sentences with
their figures) in the language asked for; the Chinese text is exactly what the template said
before it was translated. Column labels come from the sheet model (English aliases in English).
"""

MESSAGES: dict[str, tuple[str, str]] = {
    "review-line.title": ("{project} {milestone} 复盘报告", "{project} {milestone} review"),
    "review-doc.subtitle": ("里程碑复盘报告：", "Milestone review: "),
    "review-doc.colon": ("：", ": "),
    "review-doc.title-sep": ("｜", " | "),
    "review-doc.forecast": ("预测日期", "Forecast"),
    "review-doc.slip": ("偏差", "Slip"),
    "review-doc.state": ("状态", "State"),
    "review-doc.tasks-done": ("任务完成", "Tasks done"),
    "review-line.tasks-line": ("{done} / {total}（逾期 {overdue}，阻塞 {blocked}）",
                              "{done} / {total} ({overdue} overdue, {blocked} blocked)"),
    "review-line.not-reached": ("（未完成，预测 {forecast}）", "(not reached, forecast {forecast})"),
    "review-line.summary-line": ("计划日期 {planned}，实际日期 {actual}，{slip}；任务完成 {done} / {total}。",
                                "Planned {planned}, actual {actual}, {slip}; tasks done {done} / {total}."),
    "review-doc.results": ("一、成果总结", "1. Results"),
    "review-doc.late-intro": ("延期完成的任务（实际完成晚于计划完成日期）：", "Tasks finished late (actual finish after planned finish):"),
    "review-doc.days-late": ("延误天数", "Days late"),
    "review-doc.no-late": ("没有延期完成的任务。", "No task finished late."),
    "review-doc.plan-intro": ("计划与实际（每个任务）：", "Plan and actual (every task):"),
    "review-doc.no-tasks": ("进度看板中没有属于该里程碑的任务。", "No task on the progress boards belongs to this milestone."),
    "review-doc.issues": ("二、问题清单", "2. Issues"),
    "review-line.issues-line": ("关联问题 {total} 个；已解决问题从提出到解决平均 {mean} 天。",
                               "{total} related {total:issue|issues}; resolved issues took {mean} days on average from raised to resolved."),
    "review-doc.total": ("合计", "Total"),
    "review-doc.open-intro": ("仍未解决的问题：", "Issues still open:"),
    "review-doc.no-open": ("没有仍未解决的问题。", "No issue is still open."),
    "review-doc.resolved-late-intro": ("超过解决时限才解决的问题：", "Issues resolved after their deadline:"),
    "review-doc.days-over": ("超期天数", "Days over"),
    "review-doc.no-resolved-late": ("没有超期解决的问题。", "No issue was resolved after its deadline."),
    "review-doc.measures": ("三、改进措施", "3. Improvements"),
    "review-line.from-meeting": ("来自{name}（{date}）的结论与待办：", "Decisions and actions of {name} ({date}):"),
    "review-doc.no-meeting": ("没有找到该里程碑的里程碑复盘会纪要。请召开复盘会后逐项填写：",
                              "No minutes of a review meeting (里程碑复盘会) name this milestone. Hold one, then answer:"),
    "review-line.prompt.1": ("哪些做法有效，下一阶段要保持？", "What worked, to keep in the next phase?"),
    "review-line.prompt.2": ("计划与实际的偏差由哪些问题造成？根本原因是什么？",
                            "Which problems made plan and actual differ? What was the root cause?"),
    "review-line.prompt.3": ("下一阶段要改进什么？由谁负责，何时完成？", "What is to improve in the next phase? Who does it, by when?"),
}
