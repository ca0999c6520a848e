"""The review's memory: resident size after the first load and after N reloads (press `r`).

    python benchmarks/review_memory.py [--places 400] [--reloads 60]

Runs `planck review` headless (Textual's test driver) in this process on synthetic reports
(PLACES jurisdictions x 5 years, from tui_bench.py) and prints the resident set size (VmRSS,
Linux) of this process and of its check process and workers together (the workers keep the
check's results) after the first load and after the reloads, and the threads and child
processes alive then. Reloads that accumulate anything show as a growing figure. It asserts
nothing.
"""

from __future__ import annotations

import argparse
import asyncio
import multiprocessing
import os
import sys
import tempfile
import threading
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE.parent))
sys.path.insert(0, str(HERE))

from tui_bench import write_inputs  # noqa: E402


def rss_mib(pid: int | str = "self") -> float:
    with open(f"/proc/{pid}/status", encoding="ascii") as status:
        for line in status:
            if line.startswith("VmRSS:"):
                return int(line.split()[1]) / 1024
    return float("nan")


def sizes(pids: list[int]) -> tuple[float, float]:
    """This process's resident size, and that of the processes ``pids`` together."""
    return rss_mib(), sum(rss_mib(pid) for pid in pids)


async def measure(folder: Path, reloads: int) -> None:
    from planck.engine.job import Job, default_jobs
    from planck.sources.decode import DEFAULT_MAX_BYTES
    from planck.tui.app import ReviewApp
    from planck.tui.remote import RemoteCheck

    os.chdir(folder)
    job = Job(["reports"], ["rules.yaml"], DEFAULT_MAX_BYTES, default_jobs())
    checker = RemoteCheck(job)
    app = ReviewApp(checker, "zh", watch_interval=None)
    async with app.run_test(size=(120, 40)) as pilot:

        async def loaded(count: int) -> None:
            while app.loads < count:
                await pilot.pause(0.05)

        await loaded(1)
        pids = checker.pids()
        first, first_workers = sizes(pids)
        for n in range(reloads):
            await pilot.press("r")
            await loaded(n + 2)
        after, after_workers = sizes(pids)
        alive = threading.active_count(), len(multiprocessing.active_children())
    # Printed once the app has ended: while it runs, Textual captures print().
    print(f"after the first load: {first:.1f} MiB, check process and workers {first_workers:.1f} MiB")
    print(
        f"after {reloads} reloads: {after:.1f} MiB ({after - first:+.1f}), "
        f"workers {after_workers:.1f} MiB ({after_workers - first_workers:+.1f})"
    )
    print(f"threads {alive[0]}, child processes {alive[1]} (after the reloads)")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--places", type=int, default=400)
    parser.add_argument("--reloads", type=int, default=60)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory(prefix="planck-mem-") as tmp:
        write_inputs(Path(tmp), args.places)
        asyncio.run(measure(Path(tmp), args.reloads))


if __name__ == "__main__":
    main()
