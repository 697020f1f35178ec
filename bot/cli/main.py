"""The ``binhdang`` command line."""

from __future__ import annotations

import argparse
import importlib
import logging
import sys
from collections.abc import Sequence
from types import ModuleType

from bot.core.problems import ContentError, StartupError

COMMAND_MODULES = ("run", "nlu", "admin", "report", "broadcast", "services", "poll")
"""Modules under bot/cli, each with ``register(subparsers)``, in help order."""


def _modules() -> list[ModuleType]:
    modules: list[ModuleType] = []
    for name in COMMAND_MODULES:
        try:
            modules.append(importlib.import_module(f"bot.cli.{name}"))
        except ModuleNotFoundError as err:
            if err.name != f"bot.cli.{name}":
                raise
    return modules


def _add_config_option(parser: argparse.ArgumentParser) -> None:
    """Accept ``--config`` after any subcommand too (``binhdang serve --config x.yml``)."""
    for action in parser._actions:
        if isinstance(action, argparse._SubParsersAction):
            for child in action.choices.values():
                if "--config" not in child._option_string_actions:
                    child.add_argument("--config", default=argparse.SUPPRESS, help="config file")
                _add_config_option(child)


def parser() -> argparse.ArgumentParser:
    """Build the argument parser with every subcommand."""
    top = argparse.ArgumentParser(
        prog="binhdang", description="Vietnamese chatbot for gender-equality work."
    )
    top.add_argument("--config", help="config file (default: $BINHDANG_CONFIG or ./config.yml)")
    top.add_argument("-v", "--verbose", action="store_true", help="log debug messages")
    sub = top.add_subparsers(dest="command", required=True, metavar="COMMAND")
    for module in _modules():
        module.register(sub)
    _add_config_option(top)
    return top


def main(argv: Sequence[str] | None = None) -> int:
    """Run the ``binhdang`` command; return the exit code."""
    for stream in (sys.stdout, sys.stderr):
        if hasattr(stream, "reconfigure"):
            stream.reconfigure(encoding="utf-8", errors="replace")
    args = parser().parse_args(argv)
    level = logging.DEBUG if args.verbose else logging.INFO
    logging.basicConfig(level=level, format="%(asctime)s %(levelname)s %(name)s: %(message)s")
    logging.getLogger("httpx").setLevel(logging.WARNING)  # its request lines carry bot tokens
    logging.getLogger("apscheduler").setLevel(logging.WARNING)
    try:
        return int(args.func(args))
    except ContentError as err:
        for problem in err.problems:
            print(problem, file=sys.stderr)
        return 2
    except StartupError as err:
        print(f"binhdang: {err}", file=sys.stderr)
        return 2


if __name__ == "__main__":
    sys.exit(main())
