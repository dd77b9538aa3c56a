"""The robustness sweep (bench/sweep_hostile.py) as tests: every command over hostile peer files.

The fast subset runs with the suite: the files that made python-calamine panic or ask for
gigabytes, through every command. The full sweep over all of ../shared/peer-workbooks (about 940
files, several minutes) is marked slow: `pytest -m slow` runs it; the figures are in the sweep's
own output (`.venv/bin/python bench/sweep_hostile.py`).
"""

from __future__ import annotations

import sys
from pathlib import Path

import pytest

from conftest import ROOT, SHARED

sys.path.insert(0, str(ROOT / "bench"))
import sweep_hostile  # noqa: E402

PEERS = SHARED / "peer-workbooks"
FAST = ("poi/test-data_spreadsheet_clusterfuzz-testcase-minimized-POIHSSFFuzzer-5816431116615680.xls",
        "poi/test-data_spreadsheet_Simple.xlsb", "calamine/OOM_alloc.xls")


def check(totals: sweep_hostile.Totals) -> None:
    assert totals.tracebacks == []
    assert totals.bad_exits == []
    assert totals.changed == []
    peak = totals.peak
    assert peak is not None and peak.peak_mb < 500, (peak.file, peak.command, peak.peak_mb)


def test_fast_subset_of_the_sweep() -> None:
    files = [PEERS / name for name in FAST]
    if not all(p.is_file() for p in files):
        pytest.skip("../shared/peer-workbooks is not beside this clone (CI has it; a user's clone does not)")
    totals = sweep_hostile.sweep(files, group=len(FAST))  # one batch: validate a.xls b.xlsb c.xls, ...
    check(totals)
    assert len(totals.outcomes) == len(sweep_hostile.COMMANDS) - 1 + len(FAST)  # minutes: one per file
    # the panicking files are unreadable (2), not crashes; every run ends 2 (some input unreadable)
    assert {o.code for o in totals.outcomes} == {2}


@pytest.mark.slow
def test_full_sweep_over_every_peer_workbook() -> None:
    if not PEERS.is_dir():
        pytest.skip("../shared/peer-workbooks is not beside this clone")
    check(sweep_hostile.sweep(sweep_hostile.peer_files(), group=20))
