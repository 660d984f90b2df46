"""Run a command and sample its peak memory, for the benchmarks.

Memory is PSS: workers forked from the main process share its tables, and
adding up their resident sizes would count those pages once per process.
"""
from __future__ import annotations

import subprocess
import threading
import time

import psutil


def run_sampling_memory(cmd: list[str], cwd=None) -> tuple[float, float, float, bytes]:
    """(seconds, peak PSS of the process tree, peak PSS of the main process, standard output), in MB;
    exits with the command's standard error if it fails."""
    start = time.perf_counter()
    proc = psutil.Popen(cmd, cwd=cwd, stdout=subprocess.PIPE, stderr=subprocess.PIPE)
    peaks = [0.0, 0.0]

    def sample():
        while proc.poll() is None:
            try:
                main = proc.memory_full_info().pss
                tree = main + sum(c.memory_full_info().pss for c in proc.children(recursive=True))
            except psutil.Error:
                continue
            peaks[0], peaks[1] = max(peaks[0], tree / 1e6), max(peaks[1], main / 1e6)
            time.sleep(0.2)

    sampler = threading.Thread(target=sample, daemon=True)
    sampler.start()
    stdout, stderr = proc.communicate()
    sampler.join()
    if proc.returncode != 0:
        raise SystemExit(f"{' '.join(cmd[2:4])} failed ({proc.returncode}): {stderr.decode(errors='replace')}")
    return time.perf_counter() - start, peaks[0], peaks[1], stdout
