"""What crossdept keeps between runs, in the project's one history file: the weekly snapshots
(history.py), each week's issue rows (weekrows.py) and what the reminders sent (sent.py); and
the temporary files of a large roll-up (spill.py). The only file I/O outside read/ and write/."""
