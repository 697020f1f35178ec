"""Broadcast bench: 20,000 recipients on the fake Telegram Bot API enforcing a rate with 429s.

Run: .venv/bin/python bench/broadcast.py [--recipients 20000] [--rate 200] [--concurrency 4]

The fake server runs in this process; the sender runs as a subprocess (``--worker``) on a SQLite
file, exactly as the bot's pump does (claim, send, record). Run 1 sends to everyone. Run 2 kills
the sender with SIGKILL once half the messages are out, restarts it, and counts duplicates
(bound: the deliveries left 'sending' at the kill, at most ``--concurrency``) and missing ones.
The rate is above Telegram's 25/s only to keep the bench short; the limiter is the same.
"""

from __future__ import annotations

import argparse
import asyncio
import json
import os
import resource
import signal
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from bot.broadcasts.engine import Engine  # noqa: E402
from bot.broadcasts.records import Audience, Status  # noqa: E402
from bot.core.app import App  # noqa: E402
from bot.core.config import BroadcastSettings, Secrets, Settings  # noqa: E402
from bot.core.i18n import load_strings  # noqa: E402
from bot.core.outbox import Outbox  # noqa: E402
from bot.storage.database import open_database  # noqa: E402
from bot.storage.store import SqliteStore  # noqa: E402

TEXT = (
    "Tháng hành động vì bình đẳng giới\n"
    'Thông điệp hôm nay: "Đầu tư cho bình đẳng giới là đầu tư cho tương lai."'
)


def utc_now() -> datetime:
    return datetime.now(UTC)


def make_app(db_path: Path, rate: float) -> App:
    """Return an App on the bench database with the shipped strings and the given rate."""
    strings, _ = load_strings(ROOT / "content" / "strings")
    settings = Settings(
        broadcasts=BroadcastSettings(telegram_rate=rate, quiet_start="00:00", quiet_end="00:00")
    )
    db = open_database(db_path)
    outbox = Outbox.from_settings(settings, utc_now)
    return App(settings, Secrets(), db, SqliteStore(db), strings, ROOT / "content", utc_now, outbox)


def prepare(db_path: Path, recipients: int) -> int:
    """Create the subscribers and one broadcast in sending state; return its id."""
    app = make_app(db_path, 25.0)
    now = utc_now().isoformat()
    rows = (
        {
            "urn": f"telegram:{n}",
            "channel": "telegram",
            "locale": "vi",
            "role": "citizen",
            "subscribed": 1,
            "stopped": 0,
            "first_seen": now,
            "last_seen": now,
        }
        for n in range(1, recipients + 1)
    )
    app.db.table("users").insert_all(rows, batch_size=1000)
    engine = Engine(app, [], Outbox.from_settings(app.settings, app.clock))
    ident = engine.broadcasts.create(
        {"vi": TEXT}, Audience(), "bench", app.now(), status=Status.SCHEDULED, send_at=app.now()
    )
    engine.activate(app.now())
    app.db.conn.close()
    assert ident is not None
    return ident


# --- the worker (a separate process, killed with SIGKILL in run 2) ------------------------------


async def work(db_path: Path, base_url: str, rate: float, concurrency: int) -> dict[str, Any]:
    """Run the telegram pump until nothing is left; return counts and timings."""
    from telegram import Bot
    from telegram.request import HTTPXRequest

    from bot.channels.telegram import api_url
    from bot.channels.telegram_sender import ChatMemory, TelegramSender
    from tests.fakes.telegram_server import TOKEN

    app = make_app(db_path, rate)
    engine = Engine(app, [], Outbox.from_settings(app.settings, app.clock), concurrency=concurrency)
    request = HTTPXRequest(connection_pool_size=concurrency + 1)
    bot = Bot(TOKEN, base_url=api_url(base_url), request=request)
    async with bot:
        sender = TelegramSender(bot, ChatMemory(), app.store.mark_stopped, utc_now)
        app.senders["telegram"] = sender
        requeued = engine.recover()
        start = time.monotonic()
        result = (await engine.run_until_idle())["telegram"]
        elapsed = time.monotonic() - start
    peak_mb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    return {
        "sent": result.sent,
        "rate_limited": result.rate_limited,
        "elapsed": elapsed,
        "requeued": requeued,
        "peak_mb": peak_mb,
    }


def worker_main(args: argparse.Namespace) -> None:
    result = asyncio.run(work(Path(args.db), args.base_url, args.rate, args.concurrency))
    print(json.dumps(result), flush=True)


# --- the driver --------------------------------------------------------------------------------


@dataclass
class Run:
    """What one scenario measured."""

    sent: int
    elapsed: float
    rate_limited: int
    peak_mb: float
    duplicates: int
    missing: int
    in_flight_at_kill: int | None = None


def _spawn(db: Path, base_url: str, args: argparse.Namespace) -> subprocess.Popen[str]:
    command = [
        sys.executable,
        __file__,
        "--worker",
        "--db",
        str(db),
        "--base-url",
        base_url,
        "--rate",
        str(args.rate * args.over),
        "--concurrency",
        str(args.concurrency),
    ]
    return subprocess.Popen(command, stdout=subprocess.PIPE, text=True, cwd=ROOT)


def _result(process: subprocess.Popen[str]) -> dict[str, Any]:
    out, _ = process.communicate()
    if process.returncode != 0:
        raise SystemExit(f"worker failed ({process.returncode})")
    return dict(json.loads(out.strip().splitlines()[-1]))


def _in_flight(db: Path) -> int:
    import sqlite3

    with sqlite3.connect(db) as conn:
        sql = "select count(*) from broadcast_deliveries where status = 'sending'"
        return int(conn.execute(sql).fetchone()[0])


def _counts(fake: Any, recipients: int) -> tuple[int, int]:
    per_chat = [len(fake.sent_to(n)) for n in range(1, recipients + 1)]
    return sum(max(c - 1, 0) for c in per_chat), sum(1 for c in per_chat if c == 0)


def scenario(args: argparse.Namespace, kill: bool) -> Run:
    """Run the sender on a fresh database against a fresh rate-limited fake."""
    from tests.fakes.telegram_server import FakeTelegramServer

    folder = Path(tempfile.mkdtemp(prefix="bench-broadcast-"))
    db = folder / "bench.db"
    prepare(db, args.recipients)
    fake = FakeTelegramServer().start()
    fake._http.handle_error = lambda *_: None  # type: ignore[method-assign]  # the kill resets
    fake.limit_rate(args.rate, burst=args.burst)
    fake.rate_limit_retry_after = args.retry_after
    try:
        process = _spawn(db, fake.base_url, args)
        in_flight = None
        if kill:
            while fake.stats()["sent"] < args.recipients // 2:
                time.sleep(0.01)
            os.kill(process.pid, signal.SIGKILL)
            process.wait()
            in_flight = _in_flight(db)
            first_sent = fake.stats()["sent"]
            process = _spawn(db, fake.base_url, args)
        result = _result(process)
        duplicates, missing = _counts(fake, args.recipients)
        sent = result["sent"] + (first_sent if kill else 0)
        return Run(
            sent,
            result["elapsed"],
            fake.throttled,
            result["peak_mb"],
            duplicates,
            missing,
            in_flight,
        )
    finally:
        fake.close()


def report(args: argparse.Namespace, clean: Run, killed: Run) -> None:
    achieved = clean.sent / clean.elapsed
    print(
        f"recipients: {args.recipients}; allowed rate (fake server, 429 beyond it): "
        f"{args.rate:g}/s, burst {args.burst or args.rate:g}, retry_after {args.retry_after}s; "
        f"pump rate {args.rate * args.over:g}/s ({args.over:g} x allowed, to provoke 429s), "
        f"{args.concurrency} sends in flight"
    )
    print(
        f"run 1 (no kill): sent {clean.sent} in {clean.elapsed:.1f} s; achieved "
        f"{achieved:.1f}/s; achieved/allowed {achieved / args.rate:.3f}; 429s received "
        f"{clean.rate_limited}; duplicates {clean.duplicates}; missing {clean.missing}; "
        f"peak memory {clean.peak_mb:.0f} MB (sender process)"
    )
    print(
        f"run 2 (kill -9 at 50 %, restart): in flight at the kill (duplicate bound) "
        f"{killed.in_flight_at_kill} (at most {args.concurrency}); duplicates "
        f"{killed.duplicates}; missing {killed.missing}; 429s received {killed.rate_limited}; "
        f"peak memory {killed.peak_mb:.0f} MB (restarted sender)"
    )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--recipients", type=int, default=20_000)
    parser.add_argument("--rate", type=float, default=200.0, help="allowed sends per second")
    parser.add_argument("--burst", type=float, help="fake server burst (default: 1 s of rate)")
    parser.add_argument(
        "--over", type=float, default=1.05, help="pump rate / allowed rate (> 1 provokes 429s)"
    )
    parser.add_argument("--retry-after", type=int, default=1, help="retry_after of the 429s")
    parser.add_argument("--concurrency", type=int, default=4, help="sends in flight")
    parser.add_argument("--worker", action="store_true", help=argparse.SUPPRESS)
    parser.add_argument("--db", help=argparse.SUPPRESS)
    parser.add_argument("--base-url", help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.worker:
        worker_main(args)
        return
    clean = scenario(args, kill=False)
    killed = scenario(args, kill=True)
    report(args, clean, killed)


if __name__ == "__main__":
    main()
