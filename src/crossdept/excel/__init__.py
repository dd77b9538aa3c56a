"""Excel front end: ribbon button registry, dispatch, xlwings adapter, add-in build."""

# xlwings' PROJECT_NAME in the add-in's VBA: it names the add-in and its settings file.
PROJECT_NAME = "crossdept"
ADDIN_NAME = f"{PROJECT_NAME}.xlam"
