"""Batch cleaning: many documents, in worker processes or on Dask, in bounded memory.

The main process plans the work (which inputs, which outputs), reads the
inputs as a stream and writes the outputs; workers only turn bytes into
bytes (`clean_chunk` is a pure, picklable function, so the same call runs in
this process, in a process pool or on a Dask cluster, and gives the same
bytes). Documents travel in small chunks, at most a few chunks are in flight,
and results are taken back in input order: memory stays bounded by the
largest document, not the corpus, and a JSONL output is written line by line
in input order.

A bad document (undecodable, an invalid JSON line, too large, empty) becomes
a failure with a one-line reason; the batch goes on. Every output file is
written atomically (a temporary file, then a rename), so an output that
exists is whole: that is what --resume relies on. See docs/batch.md.
"""
from __future__ import annotations

import codecs
import fnmatch
import json
import os
import sys
import time
from collections import deque
from concurrent.futures import BrokenExecutor, Future
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import Iterable, Iterator, NamedTuple

from ..api.runner import Options, clean_document
from ..core.document import Document, too_large
from ..core.errors import CleanupError
from ..core.files import AtomicFile, read_bounded, remove_stale_temps, write_atomic
from ..core.result import EditCounts
from ..render.records import records
from . import jsonl
from .progress import Silent

# A task's size: large enough that a round trip to a worker (~0.1 ms; a few ms on Dask) costs
# little against its cleaning (~40 ms), small enough that at the end of a batch one worker does
# not clean a last big chunk while the others wait (64 documents idled a core ~4% of a 10 MB run).
CHUNK_DOCUMENTS = 16
CHUNK_BYTES = 128 << 10       # (a larger document travels alone)
MAX_LISTED_FAILURES = 10_000  # failures kept for the report; more are counted, not listed
MANIFEST = ".cleanup-batch.json"


@dataclass(frozen=True)
class BatchSettings:
    output: Path
    glob: str | None = None       # files to take from folders (default *.txt, or *.jsonl with jsonl)
    jsonl: bool = False
    field: str = "text"
    edit_records: bool = False    # JSONL: the edit records instead of a count
    jobs: int = 1
    dask: str | None = None       # a scheduler address, or "local"
    resume: bool = False


class Source(NamedTuple):
    path: Path       # the input file
    output: Path     # where its cleaned form goes


class Item(NamedTuple):
    """A document on its way to a worker (or the end of a JSONL file)."""

    source: int               # index into the plan's sources
    line: int                 # line number in a JSONL file; 0 for a whole text file
    size: int                 # input bytes
    data: bytes | None        # None when `error` already says why it cannot be cleaned
    error: str | None = None
    end: bool = False         # the last item of a JSONL file: its output can be closed


class Outcome(NamedTuple):
    item: Item
    output: bytes | None = None
    changed: bool = False
    counts: tuple = ()        # (rule, EditCounts) per rule
    error: str | None = None


# -- the plan ----------------------------------------------------------------

JSONL_SUFFIXES = (".jsonl", ".ndjson")


def jsonl_by_default(inputs: Iterable[str]) -> bool:
    """JSON Lines when the files given are .jsonl/.ndjson: read as text, records would run together."""
    files = [Path(given) for given in inputs if not Path(given).is_dir()]
    records = [path for path in files if path.suffix.lower() in JSONL_SUFFIXES]
    if records and len(records) < len(files):
        text = next(path for path in files if path.suffix.lower() not in JSONL_SUFFIXES)
        raise CleanupError(f"{records[0]} is JSON Lines but {text} is not; clean them in separate runs, "
                           "or say how to read them all with --jsonl or --text")
    return bool(records)


def plan(inputs: Iterable[str], settings: BatchSettings, unreadable: list | None = None) -> list[Source]:
    """Every input file and its output: files keep their name, folders their tree.

    Folders that cannot be listed are added to `unreadable` as (folder, reason)."""
    out_dir = settings.output.resolve()
    pattern = settings.glob or ("*.jsonl" if settings.jsonl else "*.txt")
    sources: list[Source] = []
    for given in inputs:
        path = Path(given)
        if path.is_dir():
            if path.resolve() == out_dir:
                raise CleanupError(f"{given}: the output folder cannot be an input folder")
            for found in _files_under(path, pattern, unreadable if unreadable is not None else []):
                if out_dir not in found.resolve().parents:
                    sources.append(Source(found, settings.output / found.relative_to(path)))
        elif path.is_file():
            sources.append(Source(path, settings.output / path.name))
        else:
            raise CleanupError(f"{given}: no such file or folder")
    seen: dict[Path, Path] = {}
    for s in sources:
        target = s.output.resolve()
        if target == s.path.resolve():
            raise CleanupError(f"{s.path}: its output would overwrite it; choose another -o folder")
        if target in seen:
            raise CleanupError(f"{s.path} and {seen[target]} would both be written to {s.output}")
        seen[target] = s.path
    return sources


def _files_under(folder: Path, pattern: str, unreadable: list) -> list[Path]:
    """Files matching `pattern` in `folder`'s tree, sorted; a folder that cannot be listed is
    noted in `unreadable` (Path.rglob would skip it without a word)."""
    found = []

    def note(err: OSError) -> None:
        unreadable.append((err.filename, err.strerror or str(err)))

    for root, folders, files in os.walk(folder, onerror=note):
        folders.sort()
        found.extend(Path(root, name) for name in files if fnmatch.fnmatch(name, pattern))
    return sorted(p for p in found if p.is_file())


def is_complete(source: Source) -> bool:
    """Outputs are written atomically, so one that exists is whole; it must not be older than its input."""
    try:
        return source.output.stat().st_mtime_ns >= source.path.stat().st_mtime_ns
    except OSError:
        return False


def _check_manifest(options: Options, settings: BatchSettings) -> None:
    """Refuse to resume into a folder cleaned with other settings; record this run's."""
    manifest = settings.output / MANIFEST
    mine = json.loads(json.dumps({"options": asdict(options), "jsonl": settings.jsonl, "field": settings.field,
                                  "edit_records": settings.edit_records}, default=str))
    if settings.resume and manifest.exists():
        try:
            theirs = json.loads(manifest.read_text(encoding="utf-8"))
        except (OSError, ValueError):
            theirs = None
        if theirs != mine:
            raise CleanupError(f"{settings.output}: was cleaned with other settings ({MANIFEST}); "
                               "drop --resume or choose another -o folder")
    try:
        settings.output.mkdir(parents=True, exist_ok=True)
    except FileExistsError:
        raise CleanupError(f"{settings.output}: is a file; -o names the folder for the cleaned files") from None
    except OSError as err:
        raise CleanupError(f"{settings.output}: cannot make the output folder: {err.strerror}") from None
    write_atomic(manifest, (json.dumps(mine, indent=1, sort_keys=True) + "\n").encode("utf-8"))
    remove_stale_temps(settings.output, recursive=True)  # left by a run that was killed


# -- reading -------------------------------------------------------------------

def read_items(sources: list[Source], settings: BatchSettings, max_bytes: int) -> Iterator[Item]:
    for i, source in enumerate(sources):
        if settings.jsonl:
            yield from _jsonl_items(i, source, max_bytes)
            continue
        try:
            data = read_bounded(source.path, max_bytes)[0]
        except CleanupError as err:
            yield Item(i, 0, _size(source.path), None, str(err).removeprefix(f"{source.path}: "))
            continue
        yield Item(i, 0, len(data), data)


def _jsonl_items(i: int, source: Source, max_bytes: int) -> Iterator[Item]:
    line_no = 0
    try:
        with open(source.path, "rb") as fh:
            while True:
                raw = fh.readline(max_bytes + 2)  # room for the record, "\r\n" is cut below
                if not raw:
                    break
                line_no += 1
                if not raw.endswith(b"\n") and len(raw) == max_bytes + 2:
                    size = len(raw) + _skip_line(fh)
                    yield Item(i, line_no, size, None, too_large(size, max_bytes))
                    continue
                record = raw.rstrip(b"\r\n")
                if line_no == 1:
                    record = record.removeprefix(codecs.BOM_UTF8)  # some editors start UTF-8 files with one
                if len(record) > max_bytes:
                    yield Item(i, line_no, len(raw), None, too_large(len(record), max_bytes))
                elif record.strip():  # blank lines hold no document
                    yield Item(i, line_no, len(raw), record)
    except OSError as err:
        yield Item(i, line_no + 1, 0, None, f"cannot read: {err.strerror}")
    yield Item(i, line_no, 0, None, end=True)


def _skip_line(fh) -> int:
    """Read past the rest of an over-long line without holding it; its length (line end excluded)."""
    skipped = 0
    while True:
        part = fh.readline(1 << 20)
        skipped += len(part.rstrip(b"\r\n"))
        if not part or part.endswith(b"\n"):
            return skipped


def chunks(items: Iterable[Item]) -> Iterator[list[Item]]:
    chunk, size = [], 0
    for item in items:
        chunk.append(item)
        size += len(item.data or b"")
        if len(chunk) >= CHUNK_DOCUMENTS or size >= CHUNK_BYTES or item.end:
            yield chunk
            chunk, size = [], 0
    if chunk:
        yield chunk


# -- the work (runs in a worker) --------------------------------------------------

def clean_chunk(options: Options, settings: BatchSettings, chunk: list[Item]) -> list[Outcome]:
    """Clean a chunk of documents: pure, picklable, the same wherever it runs.

    A failure's reason does not name the document: the main process knows where it came from.
    """
    out = []
    clean = _clean_jsonl_line if settings.jsonl else _clean_file_bytes
    for item in chunk:
        if item.end or item.error:
            out.append(Outcome(item, error=item.error))
            continue
        try:
            out.append(clean(item, options, settings))
        except CleanupError as err:
            out.append(Outcome(item, error=str(err).removeprefix(f"{_NAME}: ")))
        except Exception as err:  # a bug in a stage must not end a corpus run
            out.append(Outcome(item, error=f"internal error: {type(err).__name__}: {err}"))
    return out


_NAME = "<document>"  # what Document calls the text in its messages (cut off again above)


def _clean_file_bytes(item: Item, options: Options, settings: BatchSettings) -> Outcome:
    doc = Document.from_bytes(item.data, _NAME, options.encoding, options.max_bytes)
    result = _complete(clean_document(doc, options))
    return Outcome(item, doc.to_bytes(result.text), result.changed, tuple(result.counts_by_rule().items()))


def _clean_jsonl_line(item: Item, options: Options, settings: BatchSettings) -> Outcome:
    try:
        record = jsonl.loads(item.data.decode("utf-8"))
    except UnicodeDecodeError as err:
        raise CleanupError(f"not UTF-8 (byte {err.start + 1} of the line)") from None
    except json.JSONDecodeError as err:
        raise CleanupError(f"invalid JSON at column {err.colno}: {err.msg}") from None
    except RecursionError:
        raise CleanupError("nested too deeply to be a record") from None
    if not isinstance(record, dict):
        raise CleanupError("not a JSON object")
    text = record.get(settings.field)
    if not isinstance(text, str):
        raise CleanupError(f"{'has no' if settings.field not in record else 'has a non-string'} "
                           f"{settings.field!r} field")
    if not text:
        raise CleanupError(f"the {settings.field!r} field is empty; there is nothing to clean")
    try:
        text.encode("utf-8")
    except UnicodeEncodeError as err:
        raise CleanupError(f"the {settings.field!r} field is not valid Unicode text (a lone surrogate "
                           f"U+{ord(text[err.start]):04X} at character {err.start + 1})") from None
    doc = Document.from_text(text, _NAME)
    result = _complete(clean_document(doc, options))
    record[settings.field] = doc.render(result.text)
    record["edits"] = records(result) if settings.edit_records else len(result.applied)
    try:
        data = jsonl.dumps(record).encode("utf-8")
    except UnicodeEncodeError:  # another field holds a lone surrogate: JSON escapes keep it as it was
        data = jsonl.dumps(record, ensure_ascii=True).encode("ascii")
    return Outcome(item, data + b"\n", result.changed, tuple(result.counts_by_rule().items()))


def _complete(result):
    """The result, or a failure when a rule ran away on the document: its cleaning is incomplete,
    and an output that exists must be whole (--resume takes it as done)."""
    if result.incomplete:
        raise CleanupError(result.incomplete[0].message)
    return result


# -- where the work runs ------------------------------------------------------------

# a text that makes every stage load what it loads lazily (word lists of other languages, ...)
WARM_UP = ("Vladimir Poutine a dit «très bien» à Zürich; señor Müller und danke.\n"
           "The café’s crème brûlée. Russiaâ€™s talks lasted fourhours. Please read on...\n")


def _warm(options: Options) -> None:
    """Build the pipeline and load what it loads lazily, once per process."""
    options.pipeline().run(WARM_UP, options.policy(), language=options.language)


class _Here:
    """Runs each task when it is submitted: -j 1, no pool, no copies."""

    slots = 1

    def submit(self, fn, *args):
        future = Future()
        future.set_result(fn(*args))
        return future

    def close(self):
        pass


def _start_worker(options: Options | None = None) -> None:
    """Tie a worker's life to its parent's (then warm it up): when the batch's main process is
    killed, even with kill -9, its workers end with it instead of cleaning for nobody."""
    parent = os.getppid()
    if sys.platform == "linux":
        import ctypes
        import signal

        ctypes.CDLL(None, use_errno=True).prctl(1, signal.SIGKILL)  # 1: PR_SET_PDEATHSIG
    else:  # elsewhere: look now and then whether the parent is still there
        import threading

        def watch():
            while os.getppid() == parent:
                time.sleep(1.0)
            os._exit(1)

        threading.Thread(target=watch, daemon=True).start()
    if os.getppid() != parent:  # it died before the line above
        os._exit(1)
    if options is not None:
        _warm(options)


class WorkerPool:
    """Worker processes for cleaning documents (batch, and fix/diff/check with -j)."""

    def __init__(self, jobs: int, options: Options):
        import gc
        import multiprocessing
        from concurrent.futures import ProcessPoolExecutor

        if sys.platform == "linux" and options.grammar is None:
            # Workers forked from a process that has built the pipeline share its tables
            # (word lists, lexicon) page by page: the memory of one pipeline, not N.
            # They are forked now, before a progress bar starts a thread.
            _warm(options)
            gc.freeze()  # the workers' garbage collector leaves the shared objects (and pages) alone
            self.executor = ProcessPoolExecutor(jobs, mp_context=multiprocessing.get_context("fork"),
                                                initializer=_start_worker)
            self.executor.submit(int).result()  # with fork, the first task starts every worker
        else:  # a fresh process each (a LanguageTool connection must not be shared)
            context = multiprocessing.get_context("forkserver")
            context.set_forkserver_preload(["cleanup.batch.run"])
            self.executor = ProcessPoolExecutor(jobs, mp_context=context, initializer=_start_worker,
                                                initargs=(options,))
        self.slots = jobs

    def submit(self, fn, *args):
        return self.executor.submit(fn, *args)

    def close(self):
        self.executor.shutdown(cancel_futures=True)


class _Dask:
    def __init__(self, address: str, jobs: int):
        import logging

        from distributed import Client, LocalCluster

        self.cluster = self.client = None
        if address == "local":
            self.cluster = LocalCluster(n_workers=jobs, threads_per_worker=1, dashboard_address=":0",
                                        silence_logs=logging.ERROR)
        try:
            self.client = Client(self.cluster or address, timeout=30)
        except (OSError, ValueError, TypeError) as err:  # unreachable, or not an address ('notaurl!!')
            self.close()
            raise CleanupError(f"--dask {address}: cannot reach the scheduler: {err}") from None
        self.slots = sum(self.client.nthreads().values()) or jobs

    def submit(self, fn, *args):
        return self.client.submit(fn, *args, pure=False)

    def close(self):
        if self.client is not None:
            self.client.close()
        if self.cluster is not None:
            self.cluster.close()


def _executor(settings: BatchSettings, options: Options):
    if settings.dask:
        return _Dask(settings.dask, settings.jobs)
    if settings.jobs > 1:
        return WorkerPool(settings.jobs, options)
    return _Here()


def in_order(executor, tasks: Iterable[tuple], window: int) -> Iterator:
    """Submit tasks, at most `window` in flight, and yield their results in submission order."""
    pending: deque = deque()
    for fn, *args in tasks:
        pending.append(executor.submit(fn, *args))
        if len(pending) >= window:
            yield pending.popleft().result()
    while pending:
        yield pending.popleft().result()


# -- writing and counting -----------------------------------------------------------

@dataclass
class FailedDocument:
    """A document that could not be cleaned (or read, by `learn`), or a folder that could not be listed, and why."""

    input: str           # the file (or folder) as found
    line: int | None     # the line of a JSONL file; None for a whole file
    reason: str

    @property
    def place(self) -> str:
        """Where it is, as a user finds it: "corpus/a.txt" or "corpus.jsonl:12"."""
        return f"{self.input}:{self.line}" if self.line else self.input

    def __str__(self) -> str:
        return f"{self.place}: {self.reason}"


@dataclass
class Summary:
    files: int = 0                 # input files in the plan
    skipped: int = 0               # of them, already complete (--resume)
    read: int = 0                  # documents read, failed ones included
    changed: int = 0
    failed: int = 0
    unreadable_folders: int = 0    # of the failures, folders that could not be listed
    bytes: int = 0
    seconds: float = 0.0
    rules: dict = field(default_factory=dict)   # rule -> EditCounts
    failures: list = field(default_factory=list)

    def add(self, outcome: Outcome, source: Source) -> None:
        self.read += 1
        self.bytes += outcome.item.size
        if outcome.error:
            self.failed += 1
            if len(self.failures) < MAX_LISTED_FAILURES:
                self.failures.append(FailedDocument(str(source.path), outcome.item.line or None, outcome.error))
            return
        self.changed += outcome.changed
        for rule, counts in outcome.counts:
            self.rules[rule] = EditCounts(*map(sum, zip(self.rules.get(rule, EditCounts()), counts)))

    def add_unreadable(self, folder: str, reason: str) -> None:
        """A folder whose files could not even be listed: one failure, so it is not silently left out."""
        self.failed += 1
        self.unreadable_folders += 1
        if len(self.failures) < MAX_LISTED_FAILURES:
            self.failures.append(FailedDocument(str(folder), None, f"cannot read this folder: {reason}; its files "
                                                "were not cleaned"))

    def top_rules(self, n: int = 10) -> list[tuple[str, int]]:
        applied = [(rule, t.applied) for rule, t in self.rules.items() if t.applied]
        return sorted(applied, key=lambda rn: (-rn[1], rn[0]))[:n]

    def report(self) -> dict:
        return {
            "documents": {"read": self.read, "changed": self.changed, "failed": self.failed},
            "files": {"planned": self.files, "skipped_complete": self.skipped,
                      "unreadable_folders": self.unreadable_folders},
            "bytes": self.bytes,
            "seconds": round(self.seconds, 3),
            "rules": {rule: t._asdict() for rule, t in sorted(self.rules.items())},
            "top_rules": [{"rule": r, "applied": n} for r, n in self.top_rules()],
            "failures": [asdict(f) for f in self.failures],
            "failures_listed": len(self.failures),
        }


class _Sink:
    def __init__(self, sources: list[Source], summary: Summary):
        self.sources, self.summary = sources, summary
        self.writers: dict[int, AtomicFile] = {}  # the JSONL outputs being written
        self.folders: set[Path] = set()  # output folders made so far

    def take(self, outcome: Outcome) -> None:
        item, source = outcome.item, self.sources[outcome.item.source]
        if item.end:
            self._writer(item.source).commit()
            del self.writers[item.source]
            return
        if outcome.output is not None:
            try:
                if item.line:
                    self._writer(item.source).fh.write(outcome.output)
                else:
                    self._folder_for(source.output)
                    write_atomic(source.output, outcome.output)
            except (OSError, CleanupError) as err:
                reason = str(err) if isinstance(err, CleanupError) else f"{source.output}: cannot write: {err}"
                outcome = outcome._replace(output=None, error=reason)
        self.summary.add(outcome, source)

    def _folder_for(self, output: Path) -> None:
        if output.parent not in self.folders:  # one mkdir per output folder, not per document
            output.parent.mkdir(parents=True, exist_ok=True)
            self.folders.add(output.parent)

    def _writer(self, i: int) -> AtomicFile:
        if i not in self.writers:
            self._folder_for(self.sources[i].output)
            self.writers[i] = AtomicFile(self.sources[i].output)
        return self.writers[i]

    def abort(self) -> None:
        for writer in self.writers.values():
            writer.abort()


# -- the batch -----------------------------------------------------------------------

def run_batch(inputs: Iterable[str], options: Options, settings: BatchSettings,
              progress: Silent | None = None) -> Summary:
    """Clean every input into settings.output; raises CleanupError before starting if the plan is wrong."""
    progress = progress or Silent()  # what the engine reports as it goes; the CLI draws it (or not)
    unreadable: list = []
    sources = plan(inputs, settings, unreadable)
    _check_manifest(options, settings)
    summary = Summary(files=len(sources))
    for folder, reason in unreadable:
        summary.add_unreadable(folder, reason)
    todo = [s for s in sources if not (settings.resume and is_complete(s))]
    summary.skipped = len(sources) - len(todo)
    started = time.perf_counter()
    executor = _executor(settings, options)  # before the progress bar's thread: workers may be forked
    progress.start(sum(_size(s.path) for s in todo), started)  # rates from the summary's start
    sink = _Sink(todo, summary)
    try:
        documents = read_items(todo, settings, options.max_bytes)
        tasks = ((clean_chunk, options, settings, chunk) for chunk in chunks(documents))
        for outcomes in in_order(executor, tasks, window=2 * executor.slots + 1):
            for outcome in outcomes:
                sink.take(outcome)
                if not outcome.item.end:
                    progress.advance(outcome.item.size)
    except BrokenExecutor:
        sink.abort()
        raise CleanupError("a worker process died (out of memory?); outputs written so far are whole, "
                           "--resume goes on from there") from None
    except BaseException:
        sink.abort()
        raise
    finally:
        executor.close()
        progress.finish()
    summary.seconds = time.perf_counter() - started
    return summary


def _size(path: Path) -> int:
    try:
        return path.stat().st_size
    except OSError:
        return 0


def default_jobs() -> int:
    try:
        return len(os.sched_getaffinity(0))
    except AttributeError:
        return os.cpu_count() or 1
