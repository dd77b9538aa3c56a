"""Writers: one module per output kind; atomic writes and backups live in atomic.py only."""
