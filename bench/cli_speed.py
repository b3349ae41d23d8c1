"""Speed of the command line, as ratios against a baseline measured in the same run.

Prints, each as a median of several runs (the three commands run in turn, so that load on the machine
weighs on each alike):
- `openness classify` on one MOT file vs `python -c "from pydantic import BaseModel"` (target <= 1.6x);
- `openness classify` on all 273 MOT files in one call vs one file (target <= 2x, since issue 11; 3x before);
- loading and linting the shipped question bank, in milliseconds (target < 50 ms).

Beside each wall-clock median, the median CPU time of the same processes (user + system, from the
kernel's accounting of the child): the work each command did, which another process on the same cores
inflates far less than it inflates the wall clock. The targets are read on the wall clock, as written.

Run: python bench/cli_speed.py [--runs N]
"""

from __future__ import annotations

import argparse
import os
import statistics
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
MOT = ROOT.parent / "shared" / "data" / "mot" / "models"


CPU: dict[str, float] = {}  # " ".join(command) -> the median CPU seconds of its last interleaved runs


def timed(command: list[str]) -> tuple[float, float]:
    """(wall seconds, CPU seconds: user + system) of one run of the command."""
    start = time.perf_counter()
    process = subprocess.Popen(command, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, cwd=ROOT)
    _, status, usage = os.wait4(process.pid, 0)
    wall = time.perf_counter() - start
    if os.waitstatus_to_exitcode(status) != 0:
        raise subprocess.CalledProcessError(os.waitstatus_to_exitcode(status), command)
    return wall, usage.ru_utime + usage.ru_stime


def interleaved(commands: list[list[str]], runs: int) -> list[float]:
    """The median time of each command, run in turn (a, b, c, a, b, c, ...): a machine whose load changes
    during the bench slows them all alike, so their ratios hold. The CPU medians go to `CPU`."""
    samples: list[list[tuple[float, float]]] = [[] for _ in commands]
    for _ in range(runs):
        for command, times in zip(commands, samples, strict=True):
            times.append(timed(command))
    for command, times in zip(commands, samples, strict=True):
        CPU[" ".join(command)] = statistics.median(cpu for _, cpu in times)
    return [statistics.median(wall for wall, _ in times) for times in samples]


def mot_commands() -> tuple[list[str], list[str]]:
    """`openness classify --json` of one MOT record, and of all of them in one call."""
    files = sorted(str(p) for p in MOT.glob("*.yml"))
    command = [sys.executable, "-m", "questionnaire", "classify"]
    return [*command, str(MOT / "OLMo-7B.yml"), "--json"], [*command, *files, "--json"]


def mot_batch(runs: int) -> tuple[float, float, float, float, int] | None:
    """(wall seconds of one record, of all in one call, and the CPU seconds of each, the number of records),
    medians of `runs` interleaved runs after one to warm the file cache; None without the MOT records."""
    if not (MOT / "OLMo-7B.yml").is_file():
        return None
    one, all_files = mot_commands()
    interleaved([one, all_files], 1)
    single, many = interleaved([one, all_files], runs)
    return single, many, CPU[" ".join(one)], CPU[" ".join(all_files)], len(list(MOT.glob("*.yml")))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=11)
    runs = parser.parse_args().runs
    from compiled import compile_project

    print(compile_project())
    python = sys.executable
    files = sorted(MOT.glob("*.yml"))
    one, all_files = mot_commands()
    baseline = [python, "-c", "from pydantic import BaseModel"]

    interleaved([baseline, one, all_files], 1)  # warm the file cache
    base, single, many = interleaved([baseline, one, all_files], runs)
    bank = subprocess.run(
        [
            python,
            "-c",
            "import time, statistics\n"
            "t = time.perf_counter()\n"
            "from questionnaire.bank import load_bank\nfrom questionnaire.lint import lint_bank\n"
            "load_bank(); findings = lint_bank(None)\n"
            "print((time.perf_counter() - t) * 1000, len(findings))",
        ],
        capture_output=True,
        text=True,
        check=True,
        cwd=ROOT,
    )
    bank_ms = [
        float(
            subprocess.run(
                [
                    python,
                    "-c",
                    "import time\nt = time.perf_counter()\n"
                    "from questionnaire.bank import load_bank\nfrom questionnaire.lint import lint_bank\n"
                    "load_bank(); lint_bank(None)\nprint((time.perf_counter() - t) * 1000)",
                ],
                capture_output=True,
                text=True,
                check=True,
                cwd=ROOT,
            ).stdout
        )
        for _ in range(runs)
    ]

    verdict = "ok" if many / single <= 2 else "OVER"
    cpu_base, cpu_one, cpu_many = (CPU[" ".join(command)] for command in (baseline, one, all_files))
    print(f"runs per figure: {runs} (medians)")
    print(f"baseline  python -c 'from pydantic import BaseModel': {base * 1000:7.1f} ms  (CPU {cpu_base * 1000:.1f})")
    print(
        f"classify one MOT file:                              {single * 1000:7.1f} ms  "
        f"ratio {single / base:.2f}x (target <= 1.6x)  (CPU {cpu_one * 1000:.1f} ms, {cpu_one / cpu_base:.2f}x)"
    )
    print(
        f"classify all {len(files)} MOT files in one call:             {many * 1000:7.1f} ms  "
        f"ratio {many / single:.2f}x one file (target <= 2x: {verdict})  "
        f"(CPU {cpu_many * 1000:.1f} ms, {cpu_many / cpu_one:.2f}x)"
    )
    print(
        f"load + lint the shipped bank (cold process, in-process time): {statistics.median(bank_ms):.1f} ms "
        f"(target < 50 ms; findings: {bank.stdout.split()[1]})"
    )


if __name__ == "__main__":
    main()
