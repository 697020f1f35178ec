"""CLI commands of the core: serve, chat, check, content import."""

from __future__ import annotations

import argparse
import asyncio
import sys
import threading
from dataclasses import replace
from datetime import UTC, datetime
from pathlib import Path
from zoneinfo import ZoneInfo

from bot.channels import terminal
from bot.core.config import Secrets
from bot.core.configfile import load_settings
from bot.core.problems import Problem, StartupError, print_problems
from bot.runtime import preflight
from bot.runtime.assembly import Runtime, load_runtime
from bot.runtime.content import load_content
from bot.runtime.server import serve


def cmd_serve(args: argparse.Namespace) -> int:
    """Run every enabled channel until interrupted."""
    runtime = load_runtime(args.config)
    threading.Thread(target=warm, args=(runtime,), name="warm", daemon=True).start()
    asyncio.run(serve(runtime))
    return 0


def warm(runtime: Runtime) -> None:
    """Load (or build and cache) the article index now, not on the first "not sure" answer.

    ``serve`` runs this beside start-up, so the port opens without waiting for it.
    """
    runtime.qa.warm()


def cmd_chat(args: argparse.Namespace) -> int:
    """Chat in the terminal (scripted when stdin is not a terminal)."""
    runtime = load_runtime(args.config)
    if args.locale:
        store = runtime.app.store
        user = store.get_user(args.user)
        if user is not None:
            store.save_user(replace(user, locale=args.locale))
        else:
            runtime.dispatcher.policy = replace(
                runtime.dispatcher.policy, default_locale=args.locale
            )
    answer, folder = runtime.dispatcher.handle, Path(args.save_dir)
    if sys.stdin.isatty():
        terminal.interactive(args.user, answer, sys.stdout.write, folder)
    else:
        terminal.run_lines(sys.stdin, args.user, answer, sys.stdout.write, folder)
    return 0


def check_problems(config: str | None) -> list[Problem]:
    """Return every problem in the config and the content."""
    settings, problems = load_settings(config)
    today = datetime.now(UTC).astimezone(ZoneInfo(settings.timezone)).date()
    try:
        content, content_problems = load_content(settings, today)
    except StartupError as err:
        return sorted([*problems, Problem(settings.paths.content or "content", 1, str(err))])
    if not problems:  # the checks below need the configured settings, not the defaults
        problems += preflight.webhook_problems(settings, Secrets.from_env(), config)
        problems += preflight.database_problems(settings)
    problems += preflight.string_problems(content.strings, content.directory / "strings")
    return sorted(problems + content_problems)


def cmd_check(args: argparse.Namespace) -> int:
    """Validate config and content; print ``file:line: message`` for each problem."""
    problems = check_problems(args.config)
    print_problems(problems, sys.stdout)
    if problems:
        print(f"{len(problems)} problem(s) found.", file=sys.stderr)
        return 1
    print("OK: config and content are valid.")
    return 0


def cmd_import_law(args: argparse.Namespace) -> int:
    """Regenerate content/law/*.yml from the law corpus."""
    from bot.law.library import import_law

    written = import_law(Path(args.source), Path(args.dest))
    print(f"wrote {len(written)} files to {args.dest}")
    return 0


def register(sub: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    """Add serve, chat, check and content commands."""
    p = sub.add_parser("serve", help="run every channel enabled in config (web chat by default)")
    p.set_defaults(func=cmd_serve)
    p = sub.add_parser("chat", help="chat in the terminal; reads one message per line from a pipe")
    p.add_argument(
        "--user", default="cli:local", help="user URN, e.g. web:demo (default cli:local)"
    )
    p.add_argument("--locale", choices=["vi", "en"], help="locale for a new user")
    p.add_argument(
        "--save-dir", default=".", help="folder where files such as /xuat exports are saved"
    )
    p.set_defaults(func=cmd_chat)
    p = sub.add_parser("check", help="validate config and all content; print file:line problems")
    p.set_defaults(func=cmd_check)
    p = sub.add_parser("content", help="content maintenance")
    content = p.add_subparsers(dest="content_command", required=True)
    p = content.add_parser("import-law", help="regenerate content/law from the law corpus")
    p.add_argument("source", nargs="?", default="../shared/corpus/law", help="corpus folder")
    p.add_argument("--dest", default="content/law", help="output folder (default content/law)")
    p.set_defaults(func=cmd_import_law)
