"""What the tests' shared CSS parsing (tests/conftest.py, `_share_parsed_css`) saves an app test.

    python bench/css_sharing.py [--apps 10] [--runs 3]

Each run is two fresh processes, one with the sharing and one without, interleaved. In each, `--apps` apps
are made one after another as the app tests make them (tests/app_pilot.make_app, 100x30), and each goes from
the welcome screen to the first question (n); two apps first, untimed, as a test process has run some. Printed
per app: the CPU time of the whole (welcome to first question) and the CPU time spent parsing CSS
(Stylesheet._parse_rules), medians of the runs, and the ratio of the shared to the plain. A diagnostic of the
test suite, not a target of the app.
"""

from __future__ import annotations

import argparse
import asyncio
import json
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


async def one_app(data: Path) -> None:
    from app_pilot import current_id, make_app, until

    app = make_app(data)
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.press("n")
        assert await until(pilot, lambda: current_id(pilot) == "identity.name")


def child(apps: int, shared: bool) -> dict[str, float]:
    sys.path[:0] = [str(ROOT / "tests"), str(ROOT)]
    if shared:
        import conftest

        conftest._share_parsed_css()
    from textual.css.stylesheet import Stylesheet

    parse = Stylesheet._parse_rules
    parsing = [0.0]

    def timed(self, *args, **kwargs):  # type: ignore[no-untyped-def]
        start = time.process_time()
        try:
            return parse(self, *args, **kwargs)
        finally:
            parsing[0] += time.process_time() - start

    Stylesheet._parse_rules = timed  # type: ignore[method-assign]

    async def run(count: int) -> None:
        for _ in range(count):
            with tempfile.TemporaryDirectory() as data:
                await one_app(Path(data))

    asyncio.run(run(2))
    parsing[0] = 0.0
    start = time.process_time()
    asyncio.run(run(apps))
    return {"app": (time.process_time() - start) / apps * 1000, "parse": parsing[0] / apps * 1000}


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--apps", type=int, default=10, help="apps timed per process (default 10)")
    parser.add_argument("--runs", type=int, default=3, help="pairs of processes (default 3)")
    parser.add_argument("--child", choices=["shared", "plain"], help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.child:
        print(json.dumps(child(args.apps, args.child == "shared")))
        return 0
    figures: dict[str, list[dict[str, float]]] = {"plain": [], "shared": []}
    for _ in range(args.runs):
        for kind in ("plain", "shared"):
            command = [sys.executable, __file__, "--child", kind, "--apps", str(args.apps)]
            done = subprocess.run(command, capture_output=True, text=True, check=True, cwd=ROOT)
            figures[kind].append(json.loads(done.stdout.strip().splitlines()[-1]))
    med = {kind: {k: statistics.median(r[k] for r in runs) for k in ("app", "parse")} for kind, runs in figures.items()}
    print(
        "an app test's start (welcome -> first question), CPU per app,",
        f"medians of {args.runs} runs of {args.apps} apps:",
    )
    for kind in ("plain", "shared"):
        print(f"  {kind:<7} {med[kind]['app']:6.1f} ms in all, {med[kind]['parse']:5.1f} ms parsing CSS")
    print(
        f"  shared / plain: {med['shared']['app'] / med['plain']['app']:.2f}x in all, "
        f"{med['shared']['parse'] / med['plain']['parse']:.2f}x parsing"
    )
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
