"""What crossdept keeps between runs (the history of weekly snapshots): the only file I/O outside read/ and write/."""
