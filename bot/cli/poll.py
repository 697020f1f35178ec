"""``binhdang poll``: list, create, results, export, close, send (scheduling), quiz."""

from __future__ import annotations

import argparse
from pathlib import Path

from bot.cli.broadcast import audience_of, audience_options, local_at
from bot.core.yamlfile import LineDict
from bot.polls.creation import create_poll, listing, mapping
from bot.polls.delivery import schedule_quiz, sync
from bot.polls.export import xlsx_bytes
from bot.polls.feature import load
from bot.polls.quiz import current
from bot.polls.records import Poll, text_for
from bot.polls.repository import Polls
from bot.polls.summary import publish_poll
from bot.polls.view import local, results_text
from bot.runtime.assembly import Runtime, load_runtime

ACTOR = "cli"


def _out(text: str) -> None:
    print(text)


def _get(runtime: Runtime, ref: str) -> Poll:
    poll = Polls(runtime.app.db).find(ref)
    if poll is None:
        raise SystemExit(f"no poll {ref!r}")
    return poll


def cmd_list(args: argparse.Namespace) -> int:
    """List polls, newest first, with their window and number of answers."""
    runtime = load_runtime(args.config)
    polls, zone, now = Polls(runtime.app.db), runtime.settings.timezone, runtime.app.now()
    _out("   id  state   opens             closes            answers  key")
    for poll in polls.recent(args.limit):
        state = "open" if poll.is_open(now) else ("closed" if poll.has_closed(now) else "later")
        window = f"{local(poll.opens_at, zone)}  {local(poll.closes_at, zone)}"
        _out(f"{poll.id:>5}  {state:<6}  {window}  {polls.count(poll.id):>7}  {poll.key}")
    return 0


def cmd_results(args: argparse.Namespace) -> int:
    """Print a poll's live results, small cells suppressed as everywhere else."""
    runtime = load_runtime(args.config)
    poll = _get(runtime, args.poll)
    found = publish_poll(runtime.app.db, poll, runtime.app.strings, args.locale)
    strings, zone = runtime.app.strings, runtime.settings.timezone
    _out(results_text(found, strings, runtime.app.now(), zone))
    return 0


def cmd_export(args: argparse.Namespace) -> int:
    """Write a poll's suppressed results to an .xlsx file."""
    runtime = load_runtime(args.config)
    poll = _get(runtime, args.poll)
    found = publish_poll(runtime.app.db, poll, runtime.app.strings, args.locale)
    data = xlsx_bytes(found, runtime.app.strings, runtime.app.now(), runtime.settings.timezone)
    Path(args.out).write_bytes(data)
    _out(f"wrote {args.out}")
    return 0


def cmd_close(args: argparse.Namespace) -> int:
    """Close a poll now."""
    runtime = load_runtime(args.config)
    poll, now = _get(runtime, args.poll), runtime.app.now()
    Polls(runtime.app.db).close(poll.id, now)
    runtime.app.store.audit(ACTOR, "poll.close", {"poll": poll.id}, now)
    _out(f"poll {poll.id} closed")
    return 0


def cmd_send(args: argparse.Namespace) -> int:
    """Store the content polls and schedule the broadcast of every unsent open poll (as the job)."""
    runtime = load_runtime(args.config)
    polls, _ = load(runtime.app)
    for ident in sync(runtime.app, polls, runtime.app.now()):
        _out(f"broadcast {ident} scheduled")
    return 0


def _data(args: argparse.Namespace) -> LineDict:
    """Return the command line as a poll mapping, checked like a content file."""
    question = {"vi": args.question, **({"en": args.question_en} if args.question_en else {})}
    data = mapping(
        key=args.key, opens=args.opens, closes=args.closes, kind=args.kind, question=question
    )
    if args.option:
        data["options"] = listing(args.option)
    data["audience"] = mapping(provinces=args.province, roles=args.role, channels=args.channel)
    return data


def cmd_create(args: argparse.Namespace) -> int:
    """Create a poll and schedule its broadcast at its opening time."""
    runtime = load_runtime(args.config)
    created = create_poll(runtime.app, _data(args), ACTOR, "command line")
    for problem in created.problems:
        _out(problem)
    if created.poll is None:
        return 1
    poll = Polls(runtime.app.db).get(created.poll)
    assert poll is not None
    when = local(poll.opens_at, runtime.settings.timezone)
    _out(f"poll {created.poll} created; broadcast {created.broadcast} goes out at {when}")
    return 0


def cmd_quiz(args: argparse.Namespace) -> int:
    """Send a quiz invitation as a broadcast (now, or at ``--at`` local time)."""
    runtime = load_runtime(args.config)
    _, quizzes = load(runtime.app)
    quiz = current(quizzes, args.key or "")
    if quiz is None:
        raise SystemExit("no such quiz")
    now = runtime.app.now()
    at = local_at(args.at, runtime.settings.timezone) if args.at else now
    ident = schedule_quiz(runtime.app, quiz, audience_of(args), at, now, ACTOR)
    _out(f"broadcast {ident} scheduled: {text_for(quiz.title, 'vi')}")
    return 0


def register(sub: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    """Add ``binhdang poll ...``."""
    top = sub.add_parser("poll", help="polls and the quiz: list, create, results, export...")
    cmds = top.add_subparsers(dest="poll_command", required=True, metavar="ACTION")
    p = cmds.add_parser("list", help="list polls with their window and answers")
    p.add_argument("--limit", type=int, default=20, help="how many (default 20)")
    p.set_defaults(func=cmd_list)
    for name, func, text in (
        ("results", cmd_results, "print live results (cells below 5 suppressed)"),
        ("export", cmd_export, "write the results to an .xlsx file"),
        ("close", cmd_close, "close a poll now"),
    ):
        p = cmds.add_parser(name, help=text)
        p.add_argument("poll", help="poll id or key")
        if name != "close":
            p.add_argument("--locale", choices=["vi", "en"], default="vi", help="labels' language")
        if name == "export":
            p.add_argument("--out", required=True, help="the .xlsx file to write")
        p.set_defaults(func=func)
    p = cmds.add_parser("send", help="schedule the broadcasts of content polls now (as the job)")
    p.set_defaults(func=cmd_send)
    _create_parser(cmds)
    p = cmds.add_parser("quiz", help="send the quiz invitation as a broadcast")
    p.add_argument("key", nargs="?", help="quiz key (default: the latest quiz)")
    p.add_argument("--at", help='local send time, "YYYY-MM-DD HH:MM" (default: now)')
    audience_options(p)
    p.set_defaults(func=cmd_quiz)


def _create_parser(cmds: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    p = cmds.add_parser("create", help="create a poll; it is broadcast when it opens")
    p.add_argument("--key", required=True, help="unique key, lowercase words joined by '-'")
    p.add_argument("--question", required=True, help="the question in Vietnamese")
    p.add_argument("--question-en", help="the question in English (optional)")
    p.add_argument("--kind", choices=["choice", "number", "text"], default="choice")
    p.add_argument("--option", action="append", default=[], help="an option (repeat, 2 to 6)")
    p.add_argument("--opens", required=True, help='local time "YYYY-MM-DD HH:MM"')
    p.add_argument("--closes", required=True, help='local time "YYYY-MM-DD HH:MM"')
    audience_options(p)
    p.set_defaults(func=cmd_create)
