"""Wording about people shared by every output that lists work items (email, roll-up, reminders)."""

MESSAGES = {
    # An overdue item whose 责任人 cell is empty: said plainly, so the reader sees nobody owns it
    # (a blank cell reads like a missing column). Validation reports the empty cell itself.
    "owner.none": ("未指定责任人", "no owner named"),
}
