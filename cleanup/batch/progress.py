"""Progress for long runs (`batch`, `learn`): a bar on a terminal, a line now and then in a log.

Both count documents and bytes from the moment the run started (the engine
passes it), so the rate they show agrees with the summary printed at the end.
"""
from __future__ import annotations

import sys
import time

from typing import TYPE_CHECKING

if TYPE_CHECKING:  # the engines import this module in every worker: rich only where a bar is drawn
    from rich.console import Console

PLAIN_EVERY = 10.0  # seconds between progress lines when standard error is not a terminal


class Silent:
    """No progress (--quiet); the engines call these hooks."""

    def start(self, total_bytes: int, started: float | None = None) -> None: ...

    def advance(self, nbytes: int) -> None:
        """One more document done, of `nbytes`."""

    def finish(self) -> None: ...


def shown_on(console: Console, quiet: bool, label: str, log_name: str) -> Silent:
    """The progress to show: `label` names the work on the bar, `log_name` starts each log line."""
    if quiet:
        return Silent()
    return Bar(console, label) if console.is_terminal else LogLines(log_name)


class _Counting(Silent):
    def start(self, total_bytes, started=None):
        self.total, self.docs, self.bytes = total_bytes, 0, 0
        self.started = started if started is not None else time.perf_counter()

    def advance(self, nbytes):
        self.docs += 1
        self.bytes += nbytes

    def rate(self, now: float) -> float:
        """Documents per second since the run started."""
        return self.docs / max(now - self.started, 1e-9)


class Bar(_Counting):
    def __init__(self, console: Console, label: str):
        from rich.progress import BarColumn, DownloadColumn, Progress, TextColumn, TimeRemainingColumn

        self.bar = Progress(TextColumn(label), BarColumn(), TextColumn("{task.fields[docs]:,} docs"),
                            DownloadColumn(), TextColumn("{task.fields[rate]:,.0f} docs/s"), TimeRemainingColumn(),
                            console=console, transient=True)

    def start(self, total_bytes, started=None):
        super().start(total_bytes, started)
        self.task = self.bar.add_task("run", total=total_bytes, docs=0, rate=0.0)
        self.bar.start()

    def advance(self, nbytes):
        super().advance(nbytes)
        self.bar.update(self.task, advance=nbytes, docs=self.docs, rate=self.rate(time.perf_counter()))

    def finish(self):
        self.bar.stop()


class LogLines(_Counting):
    """A line now and then, for logs: a bar would fill them with control characters."""

    def __init__(self, name: str):
        self.name = name

    def start(self, total_bytes, started=None):
        super().start(total_bytes, started)
        self.last = time.perf_counter()

    def advance(self, nbytes):
        super().advance(nbytes)
        now = time.perf_counter()
        if now - self.last >= PLAIN_EVERY:
            self.last = now
            self._line(now)

    def finish(self):
        self._line(time.perf_counter())

    def _line(self, now):
        rate = self.bytes / max(now - self.started, 1e-9)
        eta = (self.total - self.bytes) / rate if rate and self.total > self.bytes else 0
        share = f" ({100 * self.bytes / self.total:.0f}%)" if self.total else ""
        print(f"{self.name}: {self.docs:,} documents, {self.bytes / 1e6:,.2f}/{self.total / 1e6:,.2f} MB{share}, "
              f"{self.rate(now):,.0f} docs/s, ETA {time.strftime('%H:%M:%S', time.gmtime(eta))}",
              file=sys.stderr, flush=True)
