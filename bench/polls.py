"""Poll bench: 10,000 answers through the dispatcher, then the results by province × sex.

Run: .venv/bin/python bench/polls.py [--answers 10000] [--consent 0.7] [--memory]

Each answer is one ``Dispatcher.handle`` call with a button press (``poll:<id>:<n>``) from a new
person, as Telegram delivers it: the user and session are loaded and saved, the answer upserted,
the one-time profile offer made. Profiles (sex, age band, province) are stored beforehand for a
``--consent`` share of the people. The database is a WAL file on disk, as in production, unless
``--memory``. Then it times the published results (overall, by sex, age band and province, all
suppressed) and the province × sex breakdown, and prints how many of its cells were hidden.
"""

from __future__ import annotations

import argparse
import random
import sys
import tempfile
import time
from datetime import UTC, datetime, timedelta
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from bot.core.config import PathSettings, Settings  # noqa: E402
from bot.core.messages import Incoming  # noqa: E402
from bot.core.units import official_units  # noqa: E402
from bot.polls.records import AGE_BANDS, SEXES  # noqa: E402
from bot.polls.repository import Polls  # noqa: E402
from bot.polls.results import breakdown, results  # noqa: E402
from bot.runtime.assembly import build_runtime  # noqa: E402
from bot.runtime.content import load_content  # noqa: E402
from bot.storage.database import open_database  # noqa: E402

NOW = datetime(2026, 12, 3, 3, 0, tzinfo=UTC)  # 10:00 in Hà Nội; the poll is open, content valid
KEY = "thang-hanh-dong-2026-duong-day-nong"


def _profiles(db: object, count: int, consent: float, rng: random.Random) -> None:
    provinces = [u.code for u in official_units().provinces()]
    rows = []
    for n in range(count):
        if rng.random() < consent:
            row = {"sex": rng.choice(SEXES), "age_band": rng.choice(AGE_BANDS)}
            row |= {"province": rng.choice(provinces), "consented_at": NOW.isoformat()}
        else:
            row = {"sex": None, "age_band": None, "province": None, "consented_at": None}
        rows.append({"urn": f"telegram:{n}", "asked_at": NOW.isoformat(), **row})
    db.table("poll_profiles").insert_all(rows, batch_size=1000)  # type: ignore[attr-defined]


def main() -> None:
    """Run the bench and print the figures."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--answers", type=int, default=10_000)
    parser.add_argument("--consent", type=float, default=0.7)
    parser.add_argument("--memory", action="store_true", help="in-memory SQLite instead of a file")
    args = parser.parse_args()
    rng = random.Random(17)
    settings = Settings(
        paths=PathSettings(content=str(ROOT / "content"), cache=str(ROOT / ".cache"))
    )
    content, problems = load_content(settings, NOW.date())
    assert not [p for p in problems if not p.warning], problems
    with tempfile.TemporaryDirectory() as tmp:
        db = open_database(None if args.memory else Path(tmp) / "bench.db")
        clock = iter(NOW + timedelta(milliseconds=n) for n in range(10**9))
        runtime = build_runtime(settings, clock=lambda: next(clock), db=db, content=content)
        poll = Polls(db).by_key(KEY)
        assert poll is not None
        _profiles(db, args.answers, args.consent, rng)
        weights = [5, 2, 3, 4]
        choices = rng.choices(range(1, len(poll.options) + 1), weights, k=args.answers)
        start = time.perf_counter()
        for n, option in enumerate(choices):
            incoming = Incoming(f"telegram:{n}", text="", button=f"poll:{poll.id}:{option}")
            runtime.dispatcher.handle(incoming)
        ingest = time.perf_counter() - start
        stored = Polls(db).count(poll.id)
        start = time.perf_counter()
        published = results(db, poll)
        all_results = time.perf_counter() - start
        start = time.perf_counter()
        cross = breakdown(db, poll, ("province", "sex"))
        crossed = time.perf_counter() - start
    last_row, last_col = len(cross.table.counts) - 1, len(cross.table.counts[0]) - 1
    cells = last_row * last_col
    hidden = sum(1 for r, c in cross.table.hidden if r < last_row and c < last_col)
    rate = stored / ingest
    shape = f"{len(cross.categories)} rows × {len(poll.options)} options"
    shown = [published.overall.show(0, c) for c in range(len(poll.options) + 1)]
    print(f"answers through the dispatcher: {stored} in {ingest:.2f} s = {rate:,.0f} answers/s")
    print(f"results (overall, by sex, age band, province; suppressed): {all_results * 1000:.1f} ms")
    print(f"province × sex breakdown ({shape}, suppressed): {crossed * 1000:.1f} ms")
    print(f"province × sex cells hidden (< 5 or complementary): {hidden} of {cells}")
    print(f"overall counts shown: {shown}")


if __name__ == "__main__":
    main()
