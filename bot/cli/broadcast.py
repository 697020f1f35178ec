"""``binhdang broadcast``: list, show, preview, create, schedule, pause, resume, cancel, stats."""

from __future__ import annotations

import argparse
from collections.abc import Callable
from datetime import datetime
from pathlib import Path
from zoneinfo import ZoneInfo

from bot.broadcasts.audience import recipients
from bot.broadcasts.campaigns import TEXT_MAX
from bot.broadcasts.chat import local_time
from bot.broadcasts.engine import Engine, render
from bot.broadcasts.feature import build_engine
from bot.broadcasts.lockscreen import first_line, preview_problems
from bot.broadcasts.records import Audience, Broadcast, LifecycleError, Status
from bot.core.records import Role
from bot.runtime.assembly import Runtime, load_runtime

ACTOR = "cli"


def _out(text: str) -> None:
    print(text)


def _load(args: argparse.Namespace) -> tuple[Runtime, Engine]:
    runtime = load_runtime(args.config)
    return runtime, build_engine(runtime.app)


def _get(engine: Engine, ident: int) -> Broadcast:
    broadcast = engine.broadcasts.get(ident)
    if broadcast is None:
        raise SystemExit(f"no broadcast {ident}")
    return broadcast


def _line(runtime: Runtime, engine: Engine, b: Broadcast) -> str:
    p = engine.broadcasts.progress(b.id)
    zone = runtime.settings.timezone
    when = local_time(b.send_at, zone) if b.send_at else "-"
    title = first_line(b.text_for("vi"))[:50]
    return f"{b.id:>5}  {b.status:<9}  {when:<11}  {p.sent:>6}/{p.total:<6}  {title}"


def cmd_list(args: argparse.Namespace) -> int:
    """List the newest broadcasts."""
    runtime, engine = _load(args)
    _out("   id  status     send at      sent/total     first line")
    for broadcast in engine.broadcasts.recent(args.limit):
        _out(_line(runtime, engine, broadcast))
    return 0


def cmd_show(args: argparse.Namespace) -> int:
    """Show one broadcast: status, audience, texts, counts."""
    runtime, engine = _load(args)
    b = _get(engine, args.id)
    _out(_line(runtime, engine, b))
    _out(f"audience: {b.audience.to_json()}  created by {b.created_by}  key: {b.key or '-'}")
    if b.note:
        _out(f"note: {b.note}")
    for locale, text in sorted(b.texts.items()):
        _out(f"--- {locale}\n{text}")
    return 0


def cmd_preview(args: argparse.Namespace) -> int:
    """Print the message as a recipient sees it, the audience size and lock-screen problems."""
    runtime, engine = _load(args)
    b = _get(engine, args.id)
    _out(render(runtime.app, b, args.locale).text)
    users = runtime.app.store.users(subscribed=True)
    _out(f"--- recipients now: {len(recipients(b.audience, users))}")
    for problem in preview_problems(b.text_for(args.locale)):
        _out(f"lock screen: {problem}")
    return 0


def _texts(args: argparse.Namespace) -> dict[str, str]:
    vi = Path(args.text_file).read_text(encoding="utf-8") if args.text_file else args.text
    texts = {"vi": (vi or "").strip()}
    if args.text_en:
        texts["en"] = args.text_en.strip()
    return texts


def cmd_create(args: argparse.Namespace) -> int:
    """Create a draft; refuse texts whose first line is unsafe on a lock screen."""
    texts = _texts(args)
    problems = [f"{loc}: {p}" for loc, text in texts.items() for p in preview_problems(text)]
    problems += [f"{loc}: longer than {TEXT_MAX}" for loc, t in texts.items() if len(t) > TEXT_MAX]
    if problems:
        for problem in problems:
            _out(problem)
        return 1
    runtime, engine = _load(args)
    ident = engine.broadcasts.create(
        texts, audience_of(args), ACTOR, runtime.app.now(), image=args.image
    )
    runtime.app.store.audit(ACTOR, "broadcast.create", {"broadcast": ident}, runtime.app.now())
    _out(f"draft {ident} created; preview with: binhdang broadcast preview {ident}")
    return 0


def _send_at(args: argparse.Namespace, runtime: Runtime) -> datetime | None:
    """Return ``--at`` (local time) for schedule, now if absent; None for other actions."""
    if getattr(args, "broadcast_command", "") != "schedule":
        return None
    if not args.at:
        return runtime.app.now()
    return local_at(args.at, runtime.settings.timezone)


def local_at(text: str, timezone: str) -> datetime:
    """Return a ``--at``-style local time ("YYYY-MM-DD HH:MM") in ``timezone``."""
    return datetime.strptime(text, "%Y-%m-%d %H:%M").replace(tzinfo=ZoneInfo(timezone))


def audience_options(p: argparse.ArgumentParser) -> None:
    """Add the audience options shared by broadcasts, polls and the quiz."""
    p.add_argument("--province", action="append", default=[], help="province code (repeat)")
    p.add_argument("--role", action="append", default=[], choices=[str(r) for r in Role])
    p.add_argument("--channel", action="append", default=[], choices=["telegram", "zalo"])


def audience_of(args: argparse.Namespace) -> Audience:
    """Return the audience named by a command's ``audience_options``."""
    roles = tuple(Role(r) for r in args.role)
    return Audience(tuple(args.province), roles, tuple(args.channel))


def _move(args: argparse.Namespace, wanted: Status) -> int:
    runtime, engine = _load(args)
    b = _get(engine, args.id)
    now = runtime.app.now()
    try:
        engine.broadcasts.set_status(b.id, wanted, now, send_at=_send_at(args, runtime))
    except LifecycleError as err:
        _out(str(err))
        return 1
    runtime.app.store.audit(ACTOR, f"broadcast.{wanted}", {"broadcast": b.id}, now)
    _out(f"broadcast {b.id}: {b.status} -> {wanted}")
    return 0


def cmd_schedule(args: argparse.Namespace) -> int:
    """Schedule a draft for ``--at`` (local time) or now."""
    return _move(args, Status.SCHEDULED)


def cmd_stats(args: argparse.Namespace) -> int:
    """Print delivery counts, possible duplicates after restarts and the estimated finish."""
    runtime, engine = _load(args)
    b = _get(engine, args.id)
    p = engine.broadcasts.progress(b.id)
    _out(_line(runtime, engine, b))
    _out(f"sent {p.sent}  failed {p.failed}  stopped {p.stopped}  remaining {p.remaining}")
    _out(f"by status: {dict(sorted(p.counts.items()))}")
    _out(f"resent after a restart (possible duplicates): {b.recovered}")
    finish = engine.estimated_finish(b, runtime.app.now())
    if b.status == Status.SENDING and finish is not None:
        _out(f"estimated finish: {local_time(finish, runtime.settings.timezone)}")
    return 0


def _mover(wanted: Status) -> Callable[[argparse.Namespace], int]:
    return lambda args: _move(args, wanted)


def register(sub: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    """Add ``binhdang broadcast ...``."""
    top = sub.add_parser("broadcast", help="campaign broadcasts: list, create, schedule, stats...")
    cmds = top.add_subparsers(dest="broadcast_command", required=True, metavar="ACTION")
    p = cmds.add_parser("list", help="list the newest broadcasts")
    p.add_argument("--limit", type=int, default=20, help="how many (default 20)")
    p.set_defaults(func=cmd_list)
    for name, func, text in (
        ("show", cmd_show, "show a broadcast's texts, audience and status"),
        ("stats", cmd_stats, "sent, failed, stopped, remaining, estimated finish"),
        ("pause", _mover(Status.PAUSED), "pause a sending broadcast"),
        ("resume", _mover(Status.SENDING), "resume a paused broadcast"),
        ("cancel", _mover(Status.CANCELLED), "cancel a broadcast (queued messages are dropped)"),
    ):
        p = cmds.add_parser(name, help=text)
        p.add_argument("id", type=int, help="broadcast id")
        p.set_defaults(func=func)
    p = cmds.add_parser("preview", help="print the message as recipients see it")
    p.add_argument("id", type=int, help="broadcast id")
    p.add_argument("--locale", choices=["vi", "en"], default="vi", help="recipient locale")
    p.set_defaults(func=cmd_preview)
    p = cmds.add_parser("schedule", help="schedule a draft (now, or --at local time)")
    p.add_argument("id", type=int, help="broadcast id")
    p.add_argument("--at", help='local send time, "YYYY-MM-DD HH:MM" (default: now)')
    p.set_defaults(func=cmd_schedule)
    _create_parser(cmds)


def _create_parser(cmds: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    p = cmds.add_parser("create", help="create a draft (first line must be lock-screen safe)")
    text = p.add_mutually_exclusive_group(required=True)
    text.add_argument("--text", help="Vietnamese text")
    text.add_argument("--text-file", help="file with the Vietnamese text")
    p.add_argument("--text-en", help="English text (optional)")
    p.add_argument("--image", help="https:// image URL (optional)")
    audience_options(p)
    p.set_defaults(func=cmd_create)
