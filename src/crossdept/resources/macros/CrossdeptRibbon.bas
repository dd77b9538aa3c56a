Attribute VB_Name = "CrossdeptRibbon"
' crossdept: the callbacks of the ribbon tab (see docs/excel.md).
'
' Every button of the tab calls OnAction; Python decides what its id means
' (crossdept.excel.registry), so a new button never needs new VBA. RunPython is
' xlwings' own VBA (module "xlwings" of this add-in): it starts the interpreter
' named in the add-in's config, which then finds this workbook with
' xlwings.Book.caller().
'
' Keep this file ASCII: the VBA project stores source in code page 1252, so
' every Chinese text lives in Python (i18n) and in the ribbon XML (UTF-8).
Option Explicit

Public Sub OnAction(control As IRibbonControl)
    ' RunPython reads ActiveWorkbook.FullName; with no workbook open, give it one
    ' (the "new workbook" button is useful exactly then).
    If ActiveWorkbook Is Nothing Then Workbooks.Add
    RunPython "import crossdept.excel.dispatch as d; d.dispatch('" & control.Id & "')"
End Sub
