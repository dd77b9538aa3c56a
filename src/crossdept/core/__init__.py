"""The pure core: validation, overdue states, calendar, roll-up. No files, no Excel."""
