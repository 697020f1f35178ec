"""The server under load: messages/s through the web API, latency, /healthz under load, start-up.

Run: .venv/bin/python bench/serve.py [--messages 50] [--clients 20] [--timeout 300]

Starts ``binhdang serve`` on a free 127.0.0.1 port (loopback only) with a database in a temporary
folder, twice: first with an empty model cache (cold start: the NLU model is trained), then with
that cache (warm start). Start-up is the time from launching the process until ``/healthz``
answers. Then 1 client, then ``--clients`` clients at once, each post ``--messages`` citizen
questions (the dev set's, in turn) to ``/api/message`` over keep-alive connections, while a
prober asks ``/healthz`` every 20 ms. The 20-client phase runs twice: with the dev questions the
server has just seen (as people repeat common questions; the parse memo answers them), and with
every message made new by a mark of its own (the model understands each one). Peak RSS is the
server's VmHWM. Everything is bounded by counts and by ``--timeout``; the server is stopped at the
end.
"""

from __future__ import annotations

import argparse
import asyncio
import json
import os
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass, field
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
DEV = ROOT.parent / "shared" / "eval" / "dev.jsonl"
FALLBACK_QUESTIONS = ["bạo lực gia đình là gì", "bình đẳng giới là gì", "/start", "tôi cần giúp"]
HOST = "127.0.0.1"


def free_port() -> int:
    """Return a free TCP port on the loopback interface."""
    with socket.socket() as sock:
        sock.bind((HOST, 0))
        return int(sock.getsockname()[1])


def questions() -> list[str]:
    """Return the dev set's questions (a few built-in ones if it is absent)."""
    if not DEV.exists():
        return FALLBACK_QUESTIONS
    return [json.loads(line)["question"] for line in DEV.read_text("utf-8").splitlines() if line]


class Connection:
    """One keep-alive HTTP/1.1 connection with a minimal client (little CPU on the bench side)."""

    def __init__(self, port: int) -> None:
        self.port = port
        self.reader: asyncio.StreamReader | None = None
        self.writer: asyncio.StreamWriter | None = None

    async def request(
        self, method: str, path: str, body: bytes = b"", forwarded: str = ""
    ) -> tuple[int, bytes]:
        """Send one request (``forwarded``: its X-Forwarded-For); return status and body."""
        if self.writer is None:
            self.reader, self.writer = await asyncio.open_connection(HOST, self.port)
        assert self.reader is not None
        head = (
            f"{method} {path} HTTP/1.1\r\nHost: {HOST}\r\nContent-Type: application/json\r\n"
            f"Content-Length: {len(body)}\r\n"
            + (f"X-Forwarded-For: {forwarded}\r\n" if forwarded else "")
            + "\r\n"
        )
        self.writer.write(head.encode() + body)
        status_line = await self.reader.readline()
        length = 0
        while (line := await self.reader.readline()) not in (b"\r\n", b""):
            name, _, value = line.decode("latin-1").partition(":")
            if name.lower() == "content-length":
                length = int(value)
        return int(status_line.split()[1]), await self.reader.readexactly(length)

    def close(self) -> None:
        """Close the connection."""
        if self.writer is not None:
            self.writer.close()


@dataclass
class Run:
    """Latencies (seconds) of the messages and health probes of one load phase."""

    messages: list[float] = field(default_factory=list)
    health: list[float] = field(default_factory=list)
    errors: int = 0
    seconds: float = 0.0


async def client(port: int, number: int, texts: list[str], run: Run) -> None:
    """Post ``texts`` one after another, recording each latency.

    The web chat limits each visitor and each address (a few messages a second), which a load
    test from one address would hit at once: each message comes as a new visitor (no cookie)
    from its own address (X-Forwarded-For, which uvicorn trusts from 127.0.0.1).
    """
    conn = Connection(port)
    try:
        for index, text in enumerate(texts):
            body = json.dumps({"text": text}).encode()
            address = f"10.{number}.{index // 250}.{index % 250 + 1}"
            start = time.perf_counter()
            status, _ = await conn.request("POST", "/api/message", body, address)
            run.messages.append(time.perf_counter() - start)
            run.errors += status != 200
    finally:
        conn.close()


async def prober(port: int, run: Run, stop: asyncio.Event) -> None:
    """Ask /healthz every 20 ms until ``stop``, recording each latency."""
    conn = Connection(port)
    try:
        while not stop.is_set():
            start = time.perf_counter()
            await conn.request("GET", "/healthz")
            run.health.append(time.perf_counter() - start)
            await asyncio.sleep(0.02)
    finally:
        conn.close()


async def load(
    port: int, clients: int, per_client: int, pool: list[str], offset: int, new: bool = False
) -> Run:
    """Run ``clients`` clients of ``per_client`` messages at once, with the health prober.

    ``new``: each text gets a mark of its own (" #3-17"), so the server has understood none of
    them before (its parse memo cannot answer).
    """
    run, stop = Run(), asyncio.Event()
    probe = asyncio.create_task(prober(port, run, stop))
    start = time.perf_counter()
    texts = [
        [
            pool[(c * per_client + i) % len(pool)] + (f" #{offset + c}-{i}" if new else "")
            for i in range(per_client)
        ]
        for c in range(clients)
    ]
    await asyncio.gather(*(client(port, offset + c, texts[c], run) for c in range(clients)))
    run.seconds = time.perf_counter() - start
    stop.set()
    await probe
    return run


def percentile(values: list[float], share: float) -> float:
    """Return the ``share`` quantile of ``values`` in milliseconds."""
    ordered = sorted(values)
    if not ordered:
        return float("nan")
    return 1000 * ordered[min(len(ordered) - 1, int(share * len(ordered)))]


def start_server(config: Path, port: int, deadline: float) -> tuple[subprocess.Popen[bytes], float]:
    """Launch ``binhdang serve``; return the process and the seconds until /healthz answered."""
    env = dict(os.environ, PYTHONPATH=str(ROOT))
    start = time.perf_counter()
    proc = subprocess.Popen(
        [sys.executable, "-m", "bot", "serve", "--config", str(config)],
        cwd=ROOT,
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
    )
    while time.perf_counter() < deadline:
        if proc.poll() is not None:
            raise SystemExit(f"server exited: {proc.stderr.read().decode() if proc.stderr else ''}")
        try:
            with socket.create_connection((HOST, port), timeout=0.2) as sock:
                sock.sendall(f"GET /healthz HTTP/1.1\r\nHost: {HOST}\r\n\r\n".encode())
                if sock.recv(64).startswith(b"HTTP/1.1 200"):
                    return proc, time.perf_counter() - start
        except OSError:
            time.sleep(0.02)
    stop_server(proc)
    raise SystemExit("server did not start in time")


def stop_server(proc: subprocess.Popen[bytes]) -> None:
    """Stop the server this bench started (SIGINT, then SIGKILL after 10 s)."""
    proc.send_signal(signal.SIGINT)
    try:
        proc.wait(timeout=10)
    except subprocess.TimeoutExpired:
        proc.kill()
        proc.wait()


def peak_rss_mb(pid: int) -> float:
    """Return the process's peak resident memory in MB (Linux VmHWM)."""
    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
        if line.startswith("VmHWM:"):
            return int(line.split()[1]) / 1024
    return float("nan")


def cpu_seconds(pid: int) -> float:
    """Return the CPU time (user + system) the process has used, in seconds (Linux).

    On a machine shared with other work this varies far less than wall-clock figures.
    """
    fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")


def write_config(folder: Path, port: int, cache: Path) -> Path:
    """Write a config serving the web chat on ``port`` with its own database and cache."""
    config = folder / "config.yml"
    config.write_text(
        f"storage:\n  db_path: {folder / 'bench.db'}\npaths:\n  content: {ROOT / 'content'}\n"
        f"  cache: {cache}\nweb:\n  host: {HOST}\n  port: {port}\n",
        encoding="utf-8",
    )
    return config


def report(name: str, run: Run) -> None:
    """Print the figures of one load phase."""
    rate = len(run.messages) / run.seconds if run.seconds else 0.0
    print(
        f"{name}: {len(run.messages)} messages in {run.seconds:.2f} s = {rate:.0f} messages/s; "
        f"p50 {percentile(run.messages, 0.5):.1f} ms, p99 {percentile(run.messages, 0.99):.1f} ms;"
        f" /healthz p99 {percentile(run.health, 0.99):.1f} ms ({len(run.health)} probes);"
        f" errors {run.errors}"
    )


def main() -> None:
    """Measure start-up, then throughput and latency at 1 and N clients."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--messages", type=int, default=50, help="messages per client")
    parser.add_argument("--clients", type=int, default=20, help="clients at once")
    parser.add_argument("--timeout", type=float, default=300.0, help="seconds for everything")
    parser.add_argument("--warm-only", action="store_true", help="reuse ./.cache, skip cold")
    args = parser.parse_args()
    deadline = time.perf_counter() + args.timeout
    pool = questions()
    with tempfile.TemporaryDirectory(prefix="binhdang-bench-") as tmp:
        folder = Path(tmp)
        cache = ROOT / ".cache" if args.warm_only else folder / "cache"
        if not args.warm_only:
            port = free_port()
            proc, cold = start_server(write_config(folder, port, cache), port, deadline)
            stop_server(proc)
            print(f"cold start (model trained): {cold:.2f} s")
            (folder / "bench.db").unlink()
        port = free_port()
        proc, warm = start_server(write_config(folder, port, cache), port, deadline)
        print(f"warm start (cached model): {warm:.2f} s ({cpu_seconds(proc.pid):.2f} s CPU)")
        try:
            single = asyncio.run(load(port, 1, args.messages * 2, pool, 0))
            report("1 client", single)
            before = cpu_seconds(proc.pid)
            crowd = asyncio.run(load(port, args.clients, args.messages, pool, 1))
            report(f"{args.clients} clients, questions the server has seen", crowd)
            used = 1000 * (cpu_seconds(proc.pid) - before) / max(1, len(crowd.messages))
            print(f"server CPU under load: {used:.2f} ms per message (both cores, all threads)")
            before = cpu_seconds(proc.pid)
            fresh = asyncio.run(load(port, args.clients, args.messages, pool, 100, new=True))
            report(f"{args.clients} clients, every message new", fresh)
            used = 1000 * (cpu_seconds(proc.pid) - before) / max(1, len(fresh.messages))
            print(f"server CPU, every message new: {used:.2f} ms per message")
            print(f"peak RSS of the server: {peak_rss_mb(proc.pid):.0f} MB")
        finally:
            stop_server(proc)
        shutil.rmtree(folder / "cache", ignore_errors=True)


if __name__ == "__main__":
    main()
