"""CLI commands of the services directory: ``services export`` and ``services import`` (CSV)."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from bot.runtime.assembly import load_runtime
from bot.services.catalog import Catalog
from bot.services.csvfile import apply_import, changed_entries, read_csv, write_csv

IMPORT_ACTOR = "cli:services-import"


def _say(text: str, error: bool = False) -> None:
    print(text, file=sys.stderr if error else sys.stdout)


def cmd_export(args: argparse.Namespace) -> int:
    """Write the current directory (shipped entries with approved changes) to a CSV file."""
    catalog = Catalog(load_runtime(args.config).app)
    entries = catalog.directory().all()
    if args.out == "-":
        count = write_csv(entries, catalog.units, sys.stdout)
    else:
        with Path(args.out).open("w", encoding="utf-8-sig", newline="") as stream:
            count = write_csv(entries, catalog.units, stream)
        _say(f"wrote {count} entries to {args.out}")
    return 0


def cmd_import(args: argparse.Namespace) -> int:
    """Validate a CSV file and save its changed rows as audited overrides (all or nothing)."""
    runtime = load_runtime(args.config)
    catalog = Catalog(runtime.app)
    today = catalog.today()
    with Path(args.file).open(encoding="utf-8-sig", newline="") as stream:
        entries, problems = read_csv(stream, args.file, catalog.units, today)
    for problem in problems:
        _say(str(problem), error=True)
    if problems:
        _say(f"{len(problems)} problem(s): nothing imported", error=True)
        return 1
    changed = changed_entries(entries, catalog.directory(), today)
    if not args.check:
        apply_import(catalog, changed, IMPORT_ACTOR, runtime.app.now())
    verb = "would change" if args.check else "changed"
    _say(f"{len(entries)} rows: {verb} {len(changed)}, unchanged {len(entries) - len(changed)}")
    return 0


def register(sub: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    """Add ``services export`` and ``services import``."""
    services = sub.add_parser("services", help="export or import the support-services directory")
    commands = services.add_subparsers(dest="services_command", required=True, metavar="COMMAND")
    p = commands.add_parser("export", help="write the directory as CSV (UTF-8, opens in Excel)")
    p.add_argument("--out", required=True, help="CSV file to write ('-' for standard output)")
    p.set_defaults(func=cmd_export)
    p = commands.add_parser("import", help="validate a CSV file and save its changed rows")
    p.add_argument("file", help="CSV file in the export format")
    p.add_argument("--check", action="store_true", help="only validate; save nothing")
    p.set_defaults(func=cmd_import)
