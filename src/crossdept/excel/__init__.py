"""Excel front end: ribbon button registry, dispatch, xlwings adapter, add-in build."""
