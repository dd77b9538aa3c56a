"""crossdept: Excel as the working surface of cross-department projects.

The Python API mirrors the command line (see docs/api.md):

    from crossdept.read import read_workbook
"""

__version__ = "0.1.0"
