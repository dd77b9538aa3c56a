"""crossdept.cellref.range_bounds answers as openpyxl's range_boundaries does for the ranges a package holds."""

import pytest
from openpyxl.utils.cell import range_boundaries

from crossdept.cellref import range_bounds


@pytest.mark.parametrize("ref", ["A1", "B2:D9", "$A$1:$C$3", "XFD1048576", "D9:B2", "AA10:AB11", "a1:c3"])
def test_same_as_openpyxl(ref: str) -> None:
    assert range_bounds(ref) == range_boundaries(ref.upper())


@pytest.mark.parametrize("ref", ["", "A:C", "1:3", "A1:B2:C3", "XFE1", "1A"])
def test_not_a_cell_range(ref: str) -> None:
    with pytest.raises(ValueError):
        range_bounds(ref)
