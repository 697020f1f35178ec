"""Dashboard bench: 3,321 communes × 30 days of Action Month reports, page times and DB size.

Run: .venv/bin/python bench/dashboard.py [--requests 40] [--keep PATH]

Fills an SQLite file with every commune's Action Month 2026 report (first sent on one of the
month's first 30 days, a third amended later), last year's reports for the period comparison,
4,000 staff and 30 days of anonymous question statistics. Then it serves the app on 127.0.0.1
(uvicorn in a thread, as ``binhdang serve``) and times the overview and indicators pages, for
the nation (administrator) and one province (supervisor). Target: p95 ≤ 300 ms on 2 cores.
"""

from __future__ import annotations

import argparse
import json
import random
import statistics
import sys
import tempfile
import time
from dataclasses import replace
from datetime import UTC, datetime, timedelta
from pathlib import Path

import httpx

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from starlette.applications import Starlette  # noqa: E402

from bot.core.app import App  # noqa: E402
from bot.core.config import Secrets, Settings  # noqa: E402
from bot.core.i18n import load_strings  # noqa: E402
from bot.core.outbox import Outbox  # noqa: E402
from bot.core.records import Role, User  # noqa: E402
from bot.core.units import official_units  # noqa: E402
from bot.dashboard.signin import SignIns  # noqa: E402
from bot.dashboard.web import Dashboard  # noqa: E402
from bot.reports.formfiles import load_forms  # noqa: E402
from bot.storage.database import open_database  # noqa: E402
from bot.storage.store import SqliteStore  # noqa: E402
from tests.servers import running  # noqa: E402

NOW = datetime(2026, 12, 14, 3, 0, tzinfo=UTC)
"""10:00 in Hà Nội on the 30th day of the Action Month."""
START = datetime(2026, 11, 15, 1, 0, tzinfo=UTC)


def app_on(path: Path) -> App:
    """Return the app on the bench file (strings and forms only: no NLU model is trained)."""
    strings, _ = load_strings(ROOT / "content" / "strings")
    settings, db = Settings(), open_database(path)
    outbox = Outbox.from_settings(settings, lambda: NOW)
    return App(
        settings, Secrets(), db, SqliteStore(db), strings, ROOT / "content", lambda: NOW, outbox
    )


def values(rng: random.Random, codes: list[str]) -> str:
    """Return a plausible report's figures as stored JSON."""
    data = {code: rng.randint(0, 40) for code in codes if rng.random() < 0.7}
    return json.dumps(dict(sorted(data.items())), sort_keys=True)


def fill_reports(app: App, rng: random.Random) -> int:
    """Store every commune's report for thd-2025 and thd-2026; return how many rows."""
    forms, _ = load_forms(ROOT / "content")
    codes = [slot.code for slot in next(f for f in forms.items if f.id == "thd").slots]
    communes = [u.code for u in official_units().by_code.values() if u.level == "commune"]
    rows, versions, ident = [], [], 0
    for year, shift in ((2025, timedelta(days=-365)), (2026, timedelta())):
        for unit in communes:
            ident += 1
            sent = START + shift + timedelta(days=rng.randrange(30), minutes=rng.randrange(600))
            amended = rng.random() < 0.33
            updated = sent + timedelta(days=1) if amended else sent
            data = values(rng, codes)
            rows.append({"id": ident, "ref": f"{100000 + ident}", "form": "thd",
                         "period": f"thd-{year}", "unit": unit, "version": 1 + amended,
                         "data": data, "submitted_by": f"telegram:{unit}",
                         "submitted_at": sent.isoformat(), "updated_by": f"telegram:{unit}",
                         "updated_at": updated.isoformat()})  # fmt: skip
            for version in range(1, 2 + amended):
                versions.append({"report_id": ident, "version": version, "data": data,
                                 "action": "submit" if version == 1 else "amend",
                                 "actor": f"telegram:{unit}", "at": sent.isoformat()})  # fmt: skip
    app.db.table("reports").insert_all(rows, batch_size=1000)
    app.db.table("report_versions").insert_all(versions, batch_size=1000)
    return len(rows)


def fill_people(app: App, rng: random.Random) -> None:
    """Store one officer per commune, supervisors, an admin and 30 days of question stats."""
    units = official_units()
    communes = [c for c in units.by_code.values() if c.level == "commune"]
    staff = [User(f"telegram:{c.code}", role=Role.OFFICER, unit=c.code) for c in communes]
    staff += [
        User(f"zalo:sup{p.code}", role=Role.SUPERVISOR, unit=p.code) for p in units.provinces()
    ]
    staff = [replace(u, first_seen=NOW, last_seen=NOW) for u in staff]
    staff.append(User("telegram:admin", role=Role.ADMIN, unit="VN", first_seen=NOW))
    with app.db.atomic():
        for user in staff:
            app.store.save_user(user)
    topics = ["marriage_family", "dv_reporting", "gender_equality_work", None]
    stats = [{"day": (NOW - timedelta(days=d)).date().isoformat(), "channel": "zalo",
              "intent": rng.choice(["faq", "faq", "faq", "fallback", "emergency"]),
              "topic": rng.choice(topics), "confidence": 0.8}
             for d in range(30) for _ in range(2000)]  # fmt: skip
    app.db.table("qa_stats").insert_all(stats, batch_size=2000)


def session(app: App, urn: str) -> str:
    """Return a signed-in session id for ``urn`` (as opening a link does)."""
    user = app.store.get_user(urn)
    assert user is not None
    signins = SignIns(app.db)
    ident = signins.redeem(signins.issue(user, NOW), user, NOW)
    assert ident is not None
    return ident


def timed(client: httpx.Client, path: str, count: int) -> tuple[float, list[float]]:
    """Return the first GET's time (ms) and the times of ``count`` GETs after two more."""
    began = time.perf_counter()
    assert client.get(path).status_code == 200, path
    first = (time.perf_counter() - began) * 1000
    for _ in range(2):
        assert client.get(path).status_code == 200, path
    times = []
    for _ in range(count):
        began = time.perf_counter()
        answer = client.get(path)
        times.append((time.perf_counter() - began) * 1000)
        assert answer.status_code == 200, path
    return first, times


def p95(times: list[float]) -> float:
    """Return the 95th percentile."""
    return statistics.quantiles(times, n=20)[-1]


def main() -> None:
    """Fill, serve, time and print."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--requests", type=int, default=40)
    parser.add_argument("--keep", help="write the database here instead of a temporary folder")
    args = parser.parse_args()
    folder = tempfile.TemporaryDirectory()
    path = Path(args.keep) if args.keep else Path(folder.name) / "bench.db"
    app = app_on(path)
    rng = random.Random(16)
    began = time.perf_counter()
    reports = fill_reports(app, rng)
    fill_people(app, rng)
    app.db.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    took = time.perf_counter() - began
    print(f"filled {reports} reports, 3,356 staff, 60,000 stats in {took:.1f} s")
    print(f"database size: {path.stat().st_size / 1e6:.1f} MB ({path.name})")
    cases = [
        ("nation (admin)", "telegram:admin", ""),
        ("province 01 (supervisor)", "zalo:sup01", ""),
    ]
    with running(Starlette(routes=Dashboard(app).routes())) as url:
        for label, urn, query in cases:
            cookies = {"binhdang_dashboard": session(app, urn)}
            with httpx.Client(base_url=url, cookies=cookies, timeout=30) as client:
                for page in ("/dashboard/", "/dashboard/indicators", "/dashboard/api/overview"):
                    first, times = timed(client, page + query, args.requests)
                    middle = statistics.median(times)
                    print(f"{label:<26} {page:<24} first {first:6.1f} ms  "
                          f"p50 {middle:6.1f} ms  p95 {p95(times):6.1f} ms")  # fmt: skip
    print(
        f"n={args.requests} per page; 'first' is the view that builds the roll-ups after a change"
    )
    print("target: p95 ≤ 300 ms (2 cores)")
    folder.cleanup()


if __name__ == "__main__":
    main()
