"""Runs the features' jobs on a timer: the only module that imports APScheduler."""

from __future__ import annotations

import logging
from collections.abc import Sequence

from apscheduler.schedulers.asyncio import AsyncIOScheduler

from bot.core.dispatcher import Clock
from bot.core.router import Job

log = logging.getLogger(__name__)


class Scheduler:
    """Calls each job with ``now`` from the injected clock; a failing job is logged, not fatal."""

    def __init__(self, jobs: Sequence[Job], clock: Clock) -> None:
        self.jobs = list(jobs)
        self.clock = clock
        self._scheduler = AsyncIOScheduler(timezone="UTC")

    async def run_job(self, job: Job) -> None:
        """Run one job once, now."""
        try:
            await job.function(self.clock())
        except Exception:
            log.exception("job %s failed", job.name)

    def start(self) -> None:
        """Start running every job at its interval (needs a running event loop)."""
        for job in self.jobs:
            self._scheduler.add_job(
                self.run_job,
                "interval",
                seconds=job.seconds,
                args=[job],
                id=job.name,
                max_instances=1,
                coalesce=True,
            )
        self._scheduler.start()

    def stop(self) -> None:
        """Stop the timer; running jobs finish."""
        if self._scheduler.running:
            self._scheduler.shutdown(wait=False)
