"""``binhdang report export``: a form's period as an xlsx or csv table for a unit."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from bot.core.units import NATIONAL
from bot.reports.context import Reporting
from bot.reports.export import csv_bytes, xlsx_bytes
from bot.reports.rollup import Rollup, build_rollup
from bot.runtime.assembly import load_runtime


def _fail(message: str) -> int:
    print(f"error: {message}", file=sys.stderr)
    return 2


def _rollup(rep: Reporting, args: argparse.Namespace) -> Rollup | str:
    form = rep.forms.get(args.form)
    if form is None:
        return f"no form {args.form!r}; forms: {', '.join(f.id for f in rep.forms.items)}"
    period = form.period_by_id(args.period)
    if period is None:
        return f"form {form.id!r} has no period {args.period!r} (e.g. thd-2026, 6t-2026, nam-2026)"
    if rep.units.get(args.unit) is None:
        return f"no unit {args.unit!r}"
    return build_rollup(rep, form, period, args.unit)


def cmd_export(args: argparse.Namespace) -> int:
    """Write the roll-up of ``--form`` and ``--period`` over ``--unit`` to ``--out``."""
    out = Path(args.out)
    if out.suffix not in (".xlsx", ".csv"):
        return _fail("--out must end in .xlsx or .csv")
    runtime = load_runtime(args.config)
    rep = Reporting.build(runtime.app)
    rollup = _rollup(rep, args)
    if isinstance(rollup, str):
        return _fail(rollup)
    strings = runtime.app.strings

    def text(key: str, **values: object) -> str:
        return strings.get(key, args.locale, **values)

    if out.suffix == ".xlsx":
        at = runtime.app.now().astimezone(rep.zone)
        out.write_bytes(xlsx_bytes(rollup, rep.units, text, args.locale, at))
    else:
        out.write_bytes(csv_bytes(rollup, rep.units, text, args.locale))
    print(f"{out}: {rollup.reported}/{len(rollup.communes)} communes reported")
    return 0


def register(sub: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    """Add the ``report`` command group."""
    p = sub.add_parser("report", help="officer reports: export roll-ups")
    report = p.add_subparsers(dest="report_command", required=True)
    p = report.add_parser(
        "export", help="write a form's period as xlsx or csv, one sheet per level"
    )
    p.add_argument("--form", required=True, help="form id, e.g. thd (Action Month), bdg")
    p.add_argument("--period", required=True, help="period id, e.g. thd-2026, 6t-2026, nam-2026")
    p.add_argument("--unit", default=NATIONAL, help="province or commune code (default VN: all)")
    p.add_argument("--out", required=True, help="output file, .xlsx or .csv")
    p.add_argument("--locale", choices=["vi", "en"], default="vi", help="column language")
    p.set_defaults(func=cmd_export)
