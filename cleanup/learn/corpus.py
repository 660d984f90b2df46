"""The corpus as `cleanup batch` reads it, mapped over worker processes.

Folders, files and JSONL are planned and read by batch/run.py (the same
globs, the same streaming reader, the same chunks and the same bounded
window of chunks in flight); this module only turns an item's bytes into
text and runs a pure function over each document of a chunk, in this
process (-j 1) or in a pool. Results come back in input order, so a run
gives the same proposals whatever -j is.
"""
from __future__ import annotations

import json
import multiprocessing
import sys
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass
from pathlib import Path
from typing import Callable, Iterator

from ..batch import run as batch
from ..batch.progress import Silent
from ..core.document import Document
from ..core.errors import CleanupError
from .settings import LearnSettings


@dataclass(frozen=True)
class Reading:
    jsonl: bool
    field: str
    encoding: str | None
    max_bytes: int


def sources_of(inputs: list[str], settings: LearnSettings) -> list[batch.Source]:
    """Every input file. Planned one input at a time: learn writes no per-input outputs to collide."""
    sources = []
    for i, given in enumerate(inputs):
        plan_settings = batch.BatchSettings(output=settings.output / f".input-{i}", glob=settings.glob,
                                            jsonl=settings.jsonl)
        sources.extend(batch.plan([given], plan_settings))
    return sources


def text_of(item: batch.Item, reading: Reading) -> str:
    if not reading.jsonl:
        return Document.from_bytes(item.data, "<document>", reading.encoding, reading.max_bytes).text
    try:
        record = json.loads(item.data.decode("utf-8"))
    except (UnicodeDecodeError, json.JSONDecodeError) as err:
        raise CleanupError(f"not a JSON line: {err}") from None
    text = record.get(reading.field) if isinstance(record, dict) else None
    if not isinstance(text, str):
        raise CleanupError(f"no string {reading.field!r} field")
    return Document.from_text(text).text


def _work(fn: Callable, arg, reading: Reading, chunk: list) -> list:
    """fn(text, arg) for each document of a chunk: (item without its bytes, result, error)."""
    out = []
    for item in chunk:
        if item.end:
            continue
        if item.error:
            out.append((item, None, item.error))
            continue
        try:
            out.append((item._replace(data=None), fn(text_of(item, reading), arg), None))
        except CleanupError as err:
            out.append((item._replace(data=None), None, str(err).removeprefix("<document>: ")))
    return out


def total_bytes(sources: list[batch.Source]) -> int:
    return sum(s.path.stat().st_size for s in sources if s.path.exists())


def map_documents(fn: Callable, arg, sources: list[batch.Source], settings: LearnSettings,
                  progress: Silent) -> Iterator[tuple]:
    """(item, fn(text, arg), error) for every document, in input order."""
    reading = Reading(settings.jsonl, settings.field, settings.encoding, settings.max_bytes)
    items = batch.read_items(sources, batch.BatchSettings(output=Path("."), jsonl=settings.jsonl),
                             settings.max_bytes)
    tasks = ((_work, fn, arg, reading, chunk) for chunk in batch.chunks(items))
    progress.start(total_bytes(sources))
    pool = None
    try:
        if settings.jobs > 1:
            context = multiprocessing.get_context("fork" if sys.platform == "linux" else "spawn")
            pool = ProcessPoolExecutor(settings.jobs, mp_context=context)
            results = batch.in_order(pool, tasks, window=2 * settings.jobs + 1)
        else:
            results = (task(*args) for task, *args in tasks)
        for chunk in results:
            for item, value, error in chunk:
                progress.advance(item.size)
                yield item, value, error
    finally:
        if pool is not None:
            pool.shutdown(cancel_futures=True)
        progress.finish()
