"""The use cases: one operation per command, called by the CLI, the ribbon, weekly and Python.

Each module here holds one use case and every policy of it (default year, empty week, output
names, history location, bad addresses, what is sent to whom), so a policy is written once:

    from crossdept.ops.rollup import rollup
    result = rollup("samples/智慧门店上线", output="out/汇总.xlsx", today="2026-11-20")
    result.to_json()      # exactly what `crossdept rollup --json` prints
    result.exit_code      # 0 / 1 / 2 as interface.md says

Conventions (ops/common.py):
- the function is named like the command and takes the command's options as keyword arguments
  with the same names (`output` for -o, `json` is not an option: call `to_json()`);
- paths accept str or Path, `today` a date or "YYYY-MM-DD" (default: today in Asia/Shanghai),
  `lang` "zh" or "en" (default: the locale);
- it returns a plain result object (a dataclass) with `to_json()` and `exit_code`, plus whatever a
  front end needs to render; it prints nothing;
- a situation the user must fix raises `crossdept.errors.CrossdeptError` (one base type);
- files are read by crossdept.read, figures come from crossdept.core (pure), files are written by
  crossdept.write, history lives in crossdept.store.

Front ends only parse options, call an operation and render its result.
"""
