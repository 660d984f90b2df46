"""Issue 15's speed figures: each one a RATIO of two things measured in the same run.

    .venv/bin/python benchmarks/bench_speed.py --quick          # small sizes, one repetition: to try it out
    nice -n 19 .venv/bin/python benchmarks/bench_speed.py       # the issue's sizes (tens of minutes)
    .venv/bin/python benchmarks/bench_speed.py --only startup,fix --reps 5
    .venv/bin/python benchmarks/bench_speed.py --profile        # + where clean()'s time goes (cProfile)

Sections (--only picks some; they run in this order):

  startup   `cleanup fix` on a one-line file, and `cleanup --help`: CPU seconds of the process
  inproc    cleanup.clean vs ftfy.fix_text in this process, on ~4 KB documents: the seed-like
            corpus (benchmarks/corpus.py) and clean prose (../shared/corpora/clean, cut into ~4 KB
            documents and repeated); the two alternate on chunks of 50 documents. Also (no target:
            information) on short segments, each line of the seed-like corpus its own document
  fix       `cleanup fix` vs the ftfy CLI on ONE file of ordinary lines (10 MB)
  diff      `cleanup diff --format unified` vs `typos --diff` (typos' default dictionary) on that file
  batch     `cleanup batch -j 2` vs `-j 1` on 2,500 documents (one file each)
  scaling   `cleanup fix` on files of 1, 4, 10, 16, 64 MB, and on ONE 50 MB line without a newline
            (its peak memory too); each round runs every size once, so the 64 MB / 10 MB and
            line / 10 MB ratios are taken within a round

Every whole-process figure is timed from outside (start to exit, start-up included): wall time
by a monotonic clock, CPU time (user + system) and peak resident memory from os.wait4 (the
kernel's accounting of the finished process and the children it waited for). A command and its
pair run in turn, A B A B ..., and the ratio is the MEDIAN of the per-pair ratios, so a drift of
the machine's speed during the run moves both sides. In-process figures are CPU seconds of this
process (time.process_time), wall seconds printed beside them. Nothing here judges by absolute
seconds except the start-up targets, which the issue gives in CPU seconds.
"""
from __future__ import annotations

import argparse
import cProfile
import datetime
import io
import os
import platform
import pstats
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass, field
from pathlib import Path

import ftfy
from corpus import build_corpus  # benchmarks/ is on the path when run as a script

import cleanup

ROOT = Path(__file__).resolve().parent.parent
BIN = Path(sys.executable).parent  # the virtual environment's scripts: cleanup, ftfy, typos
SECTIONS = ["startup", "inproc", "fix", "diff", "batch", "scaling"]
DOC_BYTES = 4000  # the size the clean prose is cut into
MIB64 = 64 * 2 ** 20  # `cleanup fix --max-bytes` default

VERDICTS: list[tuple[str, str, str, str]] = []  # (what, figure, target, met / not met)


# ---------------------------------------------------------------- whole-process timing

@dataclass
class Run:
    wall: float
    cpu: float
    peak_mb: float  # ru_maxrss: the largest resident set of the process and the children it waited for
    code: int
    timed_out: bool = False


@dataclass
class Timed:
    name: str
    cmd: list[str]
    runs: list[Run] = field(default_factory=list)
    ok: tuple[int, ...] = (0,)  # exit codes that are not a failure
    bound: tuple[Timed, float] | None = None  # killed at this many times the wall time of that command's
                                                 # run in the same round (which must come earlier in it)

    def median(self, what: str) -> float:
        """Median over the runs (a run killed at its time limit counts what it used until then)."""
        return statistics.median(getattr(r, what) for r in self.runs)

    def peak(self) -> float:
        return max(r.peak_mb for r in self.runs)

    def line(self, input_mb: float | None = None) -> str:
        walls = [r.wall for r in self.runs]
        text = (f"  {self.name:<44} wall {self.median('wall'):7.2f} s (min {min(walls):.2f}, max {max(walls):.2f})"
                f"  cpu {self.median('cpu'):7.2f} s  peak {self.peak():7.1f} MB"
                f"  runs {len(self.runs)}")
        if input_mb:
            text += f"  {self.median('wall') / input_mb:.2f} s/MB"
        codes = sorted({r.code for r in self.runs})
        if codes != [0]:
            text += f"  exit {','.join(map(str, codes))}"
        if any(r.timed_out for r in self.runs):
            text += f"  {sum(r.timed_out for r in self.runs)} run(s) KILLED at the time limit: lower bounds"
        return text


# The command is started by a small launcher, not by this process: a child's peak resident memory
# (ru_maxrss) counts the memory of the process it was forked from, and this one holds the pipeline
# and the corpora. The launcher is a fresh Python: its own size is the floor of every peak figure.
LAUNCHER = """
import os, signal, sys, time
fd, limit, argv = int(sys.argv[1]), float(sys.argv[2]), sys.argv[3:]
killed = []
start = time.perf_counter()
pid = os.fork()
if pid == 0:
    os.close(fd)
    os.setpgid(0, 0)
    try:
        os.execvp(argv[0], argv)
    except OSError as error:
        os.write(2, f"cannot start {argv[0]}: {error}".encode())
        os._exit(127)

def kill(*_):
    killed.append(1)
    try:
        os.killpg(pid, signal.SIGKILL)
    except ProcessLookupError:
        pass

signal.signal(signal.SIGALRM, kill)
signal.setitimer(signal.ITIMER_REAL, limit)
_, status, ru = os.wait4(pid, 0)
wall = time.perf_counter() - start
signal.setitimer(signal.ITIMER_REAL, 0)
code = os.waitstatus_to_exitcode(status)
os.write(fd, f"{wall} {ru.ru_utime + ru.ru_stime} {ru.ru_maxrss} {code} {len(killed)}".encode())
"""


def run_once(cmd: list[str], stdout: Path, timeout: float, cwd: Path | None = None, ok=(0,)) -> Run:
    """Run `cmd` (standard input empty, standard output to `stdout`, standard error kept beside it), timed
    and accounted for by os.wait4 in the launcher, which kills it (its process group) at `timeout` seconds."""
    err = stdout.with_suffix(stdout.suffix + ".stderr")
    read, write = os.pipe()
    with open(stdout, "wb") as out, open(err, "wb") as errf:
        proc = subprocess.Popen([sys.executable, "-I", "-S", "-c", LAUNCHER, str(write), str(timeout), *cmd],
                                stdin=subprocess.DEVNULL, stdout=out, stderr=errf, cwd=cwd,
                                start_new_session=True, pass_fds=(write,))
        os.close(write)
        with os.fdopen(read, "rb") as report:
            figures = report.read().decode().split()
        proc.wait()
    if len(figures) != 5:
        sys.exit(f"the launcher failed ({proc.returncode}) on {' '.join(cmd)}:\n{err.read_text(errors='replace')[-3000:]}")
    wall, cpu, peak_kb, code, killed = figures
    code = int(code)
    if code not in ok and killed == "0":
        sys.exit(f"{' '.join(cmd)} failed ({code}):\n{err.read_text(errors='replace')[-3000:]}")
    return Run(float(wall), float(cpu), int(peak_kb) / 1024, code, killed != "0")


def launcher_floor(tmp: Path) -> float:
    """The peak memory of a command that does nothing: no peak figure can read below it."""
    return run_once(["true"], tmp / "out", 60).peak_mb


def alternate(pairs: list[Timed], reps: int, tmp: Path, timeout: float, warmup: int = 0,
              before_each=None, cwd: Path | None = None) -> None:
    """Run the commands in turn, A B [C ...] A B ..., `reps` rounds after `warmup` uncounted ones."""
    given_up = set()
    for round_ in range(warmup + reps):
        for t in pairs:
            if id(t) in given_up:
                continue
            if before_each:
                before_each(t)
            limit = timeout
            if t.bound and t.bound[0].runs and round_ >= warmup:
                limit = min(timeout, max(30.0, t.bound[1] * t.bound[0].runs[-1].wall))
            r = run_once(t.cmd, tmp / "out", limit, cwd, t.ok)
            if round_ >= warmup:
                t.runs.append(r)
            if r.timed_out:  # don't spend the limit again on a command that cannot finish in it
                given_up.add(id(t))


def pair_ratio(num: Timed, den: Timed, what: str = "wall") -> float:
    """Median over rounds of num/den: how many times faster `den` is than `num`."""
    n = min(len(num.runs), len(den.runs))
    return statistics.median(getattr(num.runs[i], what) / getattr(den.runs[i], what) for i in range(n))


def verdict(what: str, figure: float, target: str, met: bool, note: str = "") -> None:
    state = "met" if met else "NOT MET"
    VERDICTS.append((what, f"{figure:.2f}x" if "x" in target else f"{figure:.2f}", target, state + note))
    print(f"  => {what}: {figure:.2f} (target {target}): {state}{note}")


# ---------------------------------------------------------------- inputs

def mb(texts) -> float:
    return sum(len(t.encode("utf-8")) for t in texts) / 1e6


def clean_prose_docs(folder: Path, megabytes: float) -> list[str]:
    """The clean corpus's files cut into documents of about DOC_BYTES at paragraph breaks, repeated
    until they come to `megabytes`."""
    docs = []
    for path in sorted(folder.glob("*.txt")):
        current = []
        for para in [p for p in path.read_text(encoding="utf-8").split("\n\n") if p.strip()]:
            current.append(para.strip("\n"))
            if len("\n\n".join(current).encode("utf-8")) >= DOC_BYTES:
                docs.append("\n\n".join(current) + "\n")
                current = []
        if current:
            tail = "\n\n".join(current) + "\n"
            if len(tail.encode("utf-8")) < DOC_BYTES // 4 and docs:
                docs[-1] = docs[-1] + "\n" + tail
            else:
                docs.append(tail)
    if not docs:
        sys.exit(f"no *.txt files in {folder}")
    out = []
    while mb(out) < megabytes:
        out.extend(docs)
    return out


def lines_file(path: Path, megabytes: float, seed: int) -> Path:
    """A file of ordinary lines: the seed-like corpus's documents, a blank line between them."""
    path.write_text("\n".join(build_corpus(megabytes, seed)), encoding="utf-8")
    return path


def one_line_file(path: Path, megabytes: float, seed: int) -> Path:
    """ONE line of ordinary prose, no newline anywhere (paragraphs joined by a space)."""
    paras = (p for doc in build_corpus(megabytes, seed) for p in doc.split("\n") if p.strip())
    path.write_text(" ".join(paras), encoding="utf-8")
    return path


def size_mb(path: Path) -> float:
    return path.stat().st_size / 1e6


def fix_cmd(path: Path, out: Path) -> list[str]:
    cmd = [str(BIN / "cleanup"), "fix", str(path), "-o", str(out)]
    if path.stat().st_size > MIB64:
        cmd += ["--max-bytes", str(path.stat().st_size)]
    return cmd


# ---------------------------------------------------------------- sections

def startup(args, tmp: Path) -> None:
    print("\n## start-up: CPU seconds (user + system) of the whole process")
    line = tmp / "one-line.txt"
    line.write_text("The delegation arrived in Geneva on Tuesday.\n", encoding="utf-8")
    fix = Timed("cleanup fix <one-line file>", fix_cmd(line, tmp / "one-line.out"))
    help_ = Timed("cleanup --help", [str(BIN / "cleanup"), "--help"])
    alternate([fix, help_], args.startup_reps, tmp, args.timeout, warmup=1)
    print(fix.line())
    print(help_.line())
    verdict("start-up: cleanup fix on a one-line file, median CPU s", fix.median("cpu"), "< 0.4 s",
            fix.median("cpu") < 0.4)
    verdict("start-up: cleanup --help, median CPU s", help_.median("cpu"), "< 0.3 s", help_.median("cpu") < 0.3)


def _inproc_pair(name: str, docs: list[str], chunk: int = 50) -> tuple[float, float]:
    """CPU and wall seconds of cleanup.clean and of ftfy.fix_text over `docs`, alternating on chunks."""
    cleanup.clean(docs[0])  # warm-up: builds the pipeline (once per process) outside the timing
    ftfy.fix_text(docs[0])
    cpu = {"clean": 0.0, "ftfy": 0.0}
    wall = {"clean": 0.0, "ftfy": 0.0}
    for i in range(0, len(docs), chunk):
        part = docs[i:i + chunk]
        for what, fn in (("clean", cleanup.clean), ("ftfy", ftfy.fix_text)):
            c, w = time.process_time(), time.perf_counter()
            for doc in part:
                fn(doc)
            cpu[what] += time.process_time() - c
            wall[what] += time.perf_counter() - w
    size = mb(docs)
    print(f"  {name}: {len(docs):,} documents, {size:.1f} MB (mean {size * 1e6 / len(docs) / 1000:.1f} KB)")
    for what in ("clean", "ftfy"):
        label = "cleanup.clean" if what == "clean" else "ftfy.fix_text"
        print(f"    {label:<14} cpu {cpu[what]:7.2f} s = {size / cpu[what]:6.2f} MB/s"
              f"   wall {wall[what]:7.2f} s = {size / wall[what]:6.2f} MB/s")
    return cpu["ftfy"] / cpu["clean"], wall["ftfy"] / wall["clean"]


def inproc(args, tmp: Path) -> None:
    print("\n## in process, ~4 KB documents: cleanup.clean (default level) vs ftfy.fix_text (default settings)")
    print("   (ratio = ftfy's CPU seconds / clean's on the same documents: above 1 means clean is faster)")
    docs = build_corpus(args.mb, args.seed)
    cpu, wall = _inproc_pair(f"seed-like corpus (benchmarks/corpus.py, seed {args.seed})", docs)
    print(f"    wall-time ratio {wall:.2f}x")
    verdict("cleanup.clean vs ftfy.fix_text, seed-like 4 KB docs", cpu, ">= 1.0x", cpu >= 1.0)
    # MT segment files and JSONL records are short texts: there a stage's cost per call is most of the time
    segments = [line for doc in docs for line in doc.split("\n") if line.strip()][:20_000]
    cpu, wall = _inproc_pair("short segments (each non-empty line of the seed-like corpus its own document)", segments)
    print(f"    wall-time ratio {wall:.2f}x")
    VERDICTS.append(("cleanup.clean vs ftfy.fix_text, short segments", f"{cpu:.2f}x", "(none)", "info"))
    if not args.clean_dir.is_dir():
        print(f"  clean prose: skipped, {args.clean_dir} is not there")
        return
    prose = clean_prose_docs(args.clean_dir, args.clean_mb)
    cpu, wall = _inproc_pair(f"clean prose ({args.clean_dir.name}, repeated)", prose)
    print(f"    wall-time ratio {wall:.2f}x")
    verdict("cleanup.clean vs ftfy.fix_text, clean prose 4 KB docs", cpu, ">= 2.0x", cpu >= 2.0)


def fix(args, tmp: Path, ten: Path) -> None:
    print(f"\n## `cleanup fix` vs the ftfy CLI on ONE file of ordinary lines ({size_mb(ten):.1f} MB), whole process")
    c = Timed(f"cleanup fix ({size_mb(ten):.1f} MB)", fix_cmd(ten, tmp / "fix.out"))
    f = Timed(f"ftfy ({size_mb(ten):.1f} MB)", [str(BIN / "ftfy"), str(ten), "-o", str(tmp / "ftfy.out")])
    alternate([c, f], args.reps, tmp, args.timeout)
    print(c.line(size_mb(ten)))
    print(f.line(size_mb(ten)))
    ratio = pair_ratio(f, c)
    print(f"    ratio of CPU seconds: {pair_ratio(f, c, 'cpu'):.2f}x")
    verdict(f"cleanup fix vs ftfy CLI, {size_mb(ten):.0f} MB file (wall)", ratio, ">= 1.0x", ratio >= 1.0)


def diff(args, tmp: Path, ten: Path) -> None:
    print(f"\n## `cleanup diff --format unified` vs `typos --diff` on the same file ({size_mb(ten):.1f} MB)")
    typos = BIN / "typos"
    if not typos.exists():
        print(f"  skipped: {typos} is not installed (pip install typos; it is in the `bench` extra)")
        return
    version = subprocess.run([str(typos), "--version"], capture_output=True, text=True, check=False).stdout.strip()
    c = Timed("cleanup diff --format unified", [str(BIN / "cleanup"), "diff", "--format", "unified", str(ten)])
    t = Timed(f"typos --diff ({version}, --isolated: no config)", [str(typos), "--diff", "--isolated", str(ten)],
              ok=(0, 2))  # 2: it found typos
    alternate([c, t], args.reps, tmp, args.timeout, cwd=tmp)
    print(c.line(size_mb(ten)))
    print(t.line(size_mb(ten)))
    ratio = pair_ratio(t, c)
    print(f"    ratio of CPU seconds: {pair_ratio(t, c, 'cpu'):.2f}x")
    verdict("cleanup diff --format unified vs typos --diff (wall)", ratio, ">= 1.0x", ratio >= 1.0)


def batch(args, tmp: Path) -> None:
    docs = []
    megabytes = args.batch_docs * 4.2e-3
    while len(docs) < args.batch_docs:
        docs = build_corpus(megabytes, args.seed)
        megabytes *= 1.2
    docs = docs[:args.batch_docs]
    folder = tmp / "batch-in"
    folder.mkdir()
    for i, doc in enumerate(docs):
        (folder / f"doc{i:05d}.txt").write_text(doc, encoding="utf-8")
    print(f"\n## `cleanup batch -j 2` vs `-j 1` on {len(docs):,} documents, one file each ({mb(docs):.1f} MB)")
    print(f"   (this machine: {len(os.sched_getaffinity(0))} processors this process may use; "
          f"load average {os.getloadavg()[0]:.2f})")
    out = tmp / "batch-out"
    j1 = Timed("cleanup batch -j 1", [str(BIN / "cleanup"), "batch", str(folder), "-o", str(out), "-j", "1", "-q"])
    j2 = Timed("cleanup batch -j 2", [str(BIN / "cleanup"), "batch", str(folder), "-o", str(out), "-j", "2", "-q"])

    def fresh(_):
        shutil.rmtree(out, ignore_errors=True)

    alternate([j1, j2], args.batch_reps, tmp, args.timeout, before_each=fresh)
    print(j1.line(mb(docs)))
    print(j2.line(mb(docs)))
    written = len(list(out.rglob("*.txt")))
    if written != len(docs):
        print(f"  !! the last run wrote {written} files for {len(docs)} documents")
    ratio = pair_ratio(j1, j2)
    print(f"    CPU seconds -j 2 / -j 1: {pair_ratio(j2, j1, 'cpu'):.2f}  (the work the second worker adds)")
    verdict(f"cleanup batch -j 2 vs -j 1, {len(docs):,} documents (wall)", ratio, ">= 1.7x", ratio >= 1.7)


def scaling(args, tmp: Path, ten: Path) -> None:
    sizes = [s for s in args.scale_mb if not (args.quick and s > 16)]
    skipped = [s for s in args.scale_mb if s not in sizes]
    print("\n## scaling: `cleanup fix` on files of ordinary lines, and on ONE line without a newline")
    if skipped:
        print(f"  --quick: the {', '.join(f'{s:g} MB' for s in skipped)} file(s) are skipped (run without --quick)")
    files = {s: lines_file(tmp / f"lines-{s:g}.txt", s, args.seed + 1) for s in sizes}
    timed = {s: Timed(f"cleanup fix, {size_mb(p):.1f} MB of lines", fix_cmd(p, tmp / "scale.out"))
             for s, p in files.items()}
    ref = Timed(f"cleanup fix, {size_mb(ten):.1f} MB of lines (the reference)", fix_cmd(ten, tmp / "scale.out"))
    for s, t in timed.items():  # a run far beyond its target is stopped: its ratio is then a lower bound
        t.bound = (ref, max(3.0, 2.0 * s / args.file_mb))
    line = None
    if not args.line_mb:
        print(f"  {'--quick: ' if args.quick else ''}the ONE 50 MB line is skipped (--line-mb 50 runs it)")
    else:
        path = one_line_file(tmp / f"one-line-{args.line_mb:g}.txt", args.line_mb, args.seed + 2)
        line = Timed(f"cleanup fix, ONE line of {size_mb(path):.1f} MB", fix_cmd(path, tmp / "scale.out"),
                     bound=(ref, args.line_kill))
        line.input_mb = size_mb(path)
        print(f"  a run of the line is stopped at {args.line_kill:g}x the reference's time in its round")
    order = [ref] + [timed[s] for s in sorted(timed)] + ([line] if line else [])
    alternate(order, args.big_reps, tmp, args.timeout)
    print(ref.line(size_mb(ten)))
    for s in sorted(timed):
        print(timed[s].line(size_mb(files[s])))
    if line:
        print(line.line(line.input_mb))
    lower = " (a run was stopped: the figure is a lower bound)"
    biggest = max(timed) if timed else None
    if biggest and biggest > size_mb(ten):
        ratio = pair_ratio(timed[biggest], ref)
        size_ratio = size_mb(files[biggest]) / size_mb(ten)
        limit = 7.0 if biggest == 64 else 7.0 / 6.4 * size_ratio  # 7x the time for 6.4x the input
        stopped = any(r.timed_out for r in timed[biggest].runs)
        print(f"    ratio of CPU seconds, {size_mb(files[biggest]):.1f} MB / {size_mb(ten):.1f} MB: "
              f"{pair_ratio(timed[biggest], ref, 'cpu'):.2f}")
        verdict(f"scaling: {size_mb(files[biggest]):.1f} MB time / {size_mb(ten):.1f} MB time ({size_ratio:.1f}x the input)", ratio,
                f"<= {limit:.1f}", ratio <= limit and not stopped,
                ("" if biggest == 64 else " (not the issue's 64 MB)") + (lower if stopped else ""))
    if line and line.runs:
        ratio = pair_ratio(line, ref)
        stopped = any(r.timed_out for r in line.runs)
        print(f"    ratio of CPU seconds, the line / {size_mb(ten):.1f} MB of lines: {pair_ratio(line, ref, 'cpu'):.2f}")
        verdict(f"scaling: ONE {line.input_mb:.1f} MB line time / {size_mb(ten):.1f} MB of lines time", ratio,
                "<= 4.0", ratio <= 4.0 and not stopped, lower if stopped else "")
        peak = line.peak() / line.input_mb
        verdict(f"scaling: ONE {line.input_mb:.1f} MB line, peak resident memory / input", peak, "< 10.0",
                peak < 10.0 and not stopped, " (peak until it was stopped: a lower bound)" if stopped else "")


def profile(args) -> None:
    docs = build_corpus(args.profile_mb, args.seed)
    print(f"\n## where cleanup.clean's time goes: cProfile on {len(docs):,} documents ({mb(docs):.1f} MB, "
          f"seed-like corpus), top 15 by cumulative time")
    cleanup.clean(docs[0])
    prof = cProfile.Profile()
    prof.enable()
    for doc in docs:
        cleanup.clean(doc)
    prof.disable()
    text = io.StringIO()
    pstats.Stats(prof, stream=text).sort_stats("cumulative").print_stats(15)
    body = text.getvalue()
    print(body[body.find("   ncalls"):].rstrip() if "   ncalls" in body else body)
    print("\n  top 15 by own time (tottime)")
    text = io.StringIO()
    pstats.Stats(prof, stream=text).sort_stats("tottime").print_stats(15)
    body = text.getvalue()
    print(body[body.find("   ncalls"):].rstrip() if "   ncalls" in body else body)


# ---------------------------------------------------------------- main

def machine() -> str:
    model = next((line.split(":", 1)[1].strip() for line in Path("/proc/cpuinfo").read_text().splitlines()
                  if line.startswith("model name")), platform.processor() or "?")
    mem = next((int(line.split()[1]) for line in Path("/proc/meminfo").read_text().splitlines()
                if line.startswith("MemTotal")), 0)
    package = Path(cleanup.__file__).parent
    commit = subprocess.run(["git", "-C", str(package), "log", "-1", "--format=%h %cI"], check=False,
                            capture_output=True, text=True).stdout.strip() or "? (not a git work tree)"
    dirty = subprocess.run(["git", "-C", str(package), "status", "--porcelain", "--", "."],
                           capture_output=True, text=True, check=False).stdout.strip()
    load = ", ".join(f"{x:.2f}" for x in os.getloadavg())
    return (f"machine: {os.cpu_count()} cores ({len(os.sched_getaffinity(0))} usable here), {model}, "
            f"{mem / 1e6:.1f} GB RAM; Python {platform.python_version()}, ftfy {ftfy.__version__}, "
            f"niceness {os.nice(0)}\n"
            f"load average (1, 5, 15 min): {load}  (other processes share these cores)\n"
            f"date: {datetime.datetime.now(datetime.UTC):%Y-%m-%d %H:%M UTC}; "
            f"cleanup from {package}, commit {commit}{' + uncommitted changes in it' if dirty else ''}")


def _sizes(text: str) -> list[float]:
    return [float(s) for s in text.split(",") if s.strip()]


def arguments(argv=None) -> argparse.Namespace:
    p = argparse.ArgumentParser(description=__doc__.split("\n\n")[0],
                                formatter_class=argparse.RawDescriptionHelpFormatter)
    p.add_argument("--quick", action="store_true",
                   help="small sizes and one repetition, to try the script out; skips the 64 MB file and the "
                        "50 MB line (its ratios are NOT the issue's figures)")
    p.add_argument("--only", default=",".join(SECTIONS), help=f"sections to run, comma-separated: {','.join(SECTIONS)}")
    p.add_argument("--mb", type=float, help="seed-like corpus for the in-process ratio, MB (default 10; quick 1)")
    p.add_argument("--clean-mb", type=float, help="clean prose for the in-process ratio, MB (default 3; quick 0.5)")
    p.add_argument("--file-mb", type=float, help="the one file for fix / diff and the scaling reference, MB "
                                                 "(default 10; quick 1)")
    p.add_argument("--scale-mb", type=_sizes, help="file sizes for scaling, MB (default 1,4,16,64; quick 0.25,0.5,2)")
    p.add_argument("--line-mb", type=float, help="the one line without a newline, MB (default 50; quick 0: skipped)")
    p.add_argument("--line-kill", type=float, default=6.0,
                   help="stop a run of the line at this many times the 10 MB file's time (default 6; target 4)")
    p.add_argument("--batch-docs", type=int, help="documents for batch -j 2 vs -j 1 (default 2500; quick 200)")
    p.add_argument("--reps", type=int, help="rounds for fix and diff (default 3; quick 1)")
    p.add_argument("--batch-reps", type=int, help="rounds for batch (default 3; quick 1)")
    p.add_argument("--big-reps", type=int, help="rounds for scaling (default 3; quick 1)")
    p.add_argument("--startup-reps", type=int, help="rounds for start-up (default 9; quick 3)")
    p.add_argument("--timeout", type=float, default=1800.0, help="kill one run after this many seconds (default 1800)")
    p.add_argument("--clean-dir", type=Path, default=ROOT.parent / "shared" / "corpora" / "clean",
                   help="the clean prose (*.txt, paragraphs split by a blank line; default ../shared/corpora/clean)")
    p.add_argument("--seed", type=int, default=7)
    p.add_argument("--profile", action="store_true", help="also profile cleanup.clean (cProfile, top 15)")
    p.add_argument("--profile-mb", type=float, default=1.0, help="corpus for --profile, MB (default 1)")
    p.add_argument("--tmp", type=Path, help="folder for the generated files (default: a new temporary folder)")
    args = p.parse_args(argv)
    defaults = dict(mb=(10, 1), clean_mb=(3, 0.5), file_mb=(10, 1), scale_mb=([1, 4, 16, 64], [0.25, 0.5, 2]),
                    line_mb=(50, 0), batch_docs=(2500, 200), reps=(3, 1), batch_reps=(3, 1), big_reps=(3, 1),
                    startup_reps=(9, 3))
    for name, (full, quick) in defaults.items():
        if getattr(args, name) is None:
            setattr(args, name, quick if args.quick else full)
    args.only = [s.strip() for s in args.only.split(",") if s.strip()]
    unknown = set(args.only) - set(SECTIONS)
    if unknown:
        p.error(f"unknown section(s): {', '.join(sorted(unknown))}")
    return args


def main(argv=None) -> None:
    args = arguments(argv)
    print(machine())
    print(f"command: {' '.join([Path(sys.executable).name, *sys.argv])}")
    if args.quick:
        print("--quick: small sizes, one repetition: the ratios below are NOT the issue's figures")
    started = time.perf_counter()
    with tempfile.TemporaryDirectory(prefix="bench_speed_", dir=args.tmp) as tmp:
        tmp = Path(tmp)
        print(f"peak memory is the largest process's resident set (ru_maxrss); it cannot read below "
              f"{launcher_floor(tmp):.1f} MB (the launcher's own)")
        ten = None
        if {"fix", "diff", "scaling"} & set(args.only):
            ten = lines_file(tmp / f"lines-{args.file_mb:g}.txt", args.file_mb, args.seed)
        for section in [s for s in SECTIONS if s in args.only]:
            step = globals()[section]
            step(args, tmp, ten) if section in ("fix", "diff", "scaling") else step(args, tmp)
            sys.stdout.flush()
    if args.profile:
        profile(args)
    print(f"\n## summary ({'--quick: NOT the issue sizes; ' if args.quick else ''}"
          f"{(time.perf_counter() - started) / 60:.1f} min; load average at the end "
          f"{', '.join(f'{x:.2f}' for x in os.getloadavg())})")
    width = max((len(v[0]) for v in VERDICTS), default=10)
    for what, figure, target, state in VERDICTS:
        print(f"  {what:<{width}}  {figure:>8}  target {target:<9} {state}")


if __name__ == "__main__":
    main()
