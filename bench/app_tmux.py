"""The time to the first screen in a real terminal: the app and a minimal Textual app, each launched in a tmux
window (80x24) several times, interleaved, the way a user starts them.

    python bench/app_tmux.py [--runs 9]

The app starts through its real entry point (`openness` with no arguments: `questionnaire.cli.main`); the
minimal app is a Header, a Static and a Footer. Each child writes, on the first frame of its first screen, the
seconds since the parent's clock reading taken just before it asked tmux for the window (so tmux's own start of
the process counts for both alike), and its own CPU time so far (a diagnostic, printed beside), then quits.
Runs on a tmux server of its own (socket `openness-bench`), stopped at the end. Target: the app's median at
most 1.1x the minimal app's. Exit 0 when met, 1 when not, 2 without tmux.
"""

from __future__ import annotations

import argparse
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SOCKET = "openness-bench"
SIZE = (80, 24)
TARGET = 1.1


def child(t0: float, kind: str, out: str) -> int:
    """In the tmux window: start the app, and on the first frame of its first screen write the time, then quit."""
    from textual.app import App

    first = None if kind == "minimal" else "WelcomeScreen"
    original = App._display
    written: list[bool] = []

    def display(self, screen, renderable):  # type: ignore[no-untyped-def]
        original(self, screen, renderable)
        if renderable is not None and not written and (first is None or type(screen).__name__ == first):
            written.append(True)
            elapsed = time.time() - t0
            with open(out + ".part", "w") as handle:
                handle.write(f"{elapsed:.6f} {self.size.width}x{self.size.height} {time.process_time():.6f}\n")
            os.replace(out + ".part", out)
            self.call_later(self.exit)

    App._display = display  # type: ignore[method-assign]
    if kind == "minimal":
        from textual.widgets import Footer, Header, Static

        class Minimal(App[None]):
            def compose(self):  # type: ignore[no-untyped-def]
                yield Header()
                yield Static("Hello: the smallest app with a header, some text and a footer.")
                yield Footer()

        Minimal().run()
        return 0
    from questionnaire.cli import main

    return main([])


def available() -> bool:
    return shutil.which("tmux") is not None


def _tmux(*args: str) -> None:
    subprocess.run(["tmux", "-L", SOCKET, *args], check=True, capture_output=True)


def launch(kind: str, folder: str, data_dir: str, number: int) -> tuple[float, float]:
    """Seconds from asking tmux for a window running `kind` to the first frame of its first screen, and the
    CPU seconds of its process up to that frame."""
    out = os.path.join(folder, f"{kind}-{number}.txt")
    start = time.time()
    _tmux(
        "new-window",
        "-d",
        "-t",
        "bench",
        "-e",
        f"OPENNESS_DATA_DIR={data_dir}",
        "-e",
        f"PYTHONPATH={ROOT}",
        f"cd {ROOT} && exec {sys.executable} {__file__} --child {start!r} {kind} {out}",
    )
    while not os.path.exists(out):
        if time.time() - start > 30:
            raise SystemExit(f"{kind} showed no first screen in tmux within 30 s")
        time.sleep(0.005)
    with open(out) as handle:
        elapsed, size, cpu = handle.read().split()
    if size != f"{SIZE[0]}x{SIZE[1]}":
        raise SystemExit(f"{kind} ran in a {size} window, not {SIZE[0]}x{SIZE[1]}")
    while _windows() > 1:  # the app quits: its window closes
        if time.time() - start > 30:
            raise SystemExit(f"{kind} did not quit in tmux")
        time.sleep(0.01)
    return float(elapsed), float(cpu)


def _windows() -> int:
    found = subprocess.run(["tmux", "-L", SOCKET, "list-windows", "-t", "bench"], capture_output=True, text=True)
    return len(found.stdout.splitlines())


def measure(runs: int, cpu: dict[str, list[float]] | None = None) -> dict[str, list[float]]:
    """The seconds to the first screen of each app, launched `runs` times each, interleaved; their CPU
    seconds (to the first screen) into `cpu`, when given."""
    kinds = ("minimal", "openness")
    times: dict[str, list[float]] = {kind: [] for kind in kinds}
    with tempfile.TemporaryDirectory() as folder:
        data_dir = os.path.join(folder, "data")
        os.mkdir(data_dir)
        _tmux("-f", "/dev/null", "new-session", "-d", "-s", "bench", "-x", str(SIZE[0]), "-y", str(SIZE[1]))
        try:
            _tmux("set-option", "-g", "default-size", f"{SIZE[0]}x{SIZE[1]}")
            for kind in kinds:  # warm the file cache for both
                launch(kind, folder, data_dir, -1)
            for number in range(runs):
                for kind in kinds:
                    elapsed, used = launch(kind, folder, data_dir, number)
                    times[kind].append(elapsed)
                    if cpu is not None:
                        cpu.setdefault(kind, []).append(used)
        finally:
            subprocess.run(["tmux", "-L", SOCKET, "kill-server"], capture_output=True)
    return times


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=9, help="launches per app (default 9)")
    parser.add_argument("--child", nargs=3, help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.child:
        t0, kind, out = args.child
        return child(float(t0), kind, out)
    from compiled import compile_project

    print(compile_project())
    if not available():
        print("tmux is not installed (apt-get install -y tmux)", file=sys.stderr)
        return 2
    cpu: dict[str, list[float]] = {}
    found = measure(args.runs, cpu)
    medians = {kind: statistics.median(values) for kind, values in found.items()}
    ratio = medians["openness"] / medians["minimal"]
    print(f"first screen in tmux ({SIZE[0]}x{SIZE[1]}), {args.runs} interleaved launches per app, medians:")
    for kind in ("minimal", "openness"):
        runs = " ".join(f"{value * 1000:.0f}" for value in found[kind])
        print(
            f"  {kind:<9} {medians[kind] * 1000:6.0f} ms   (each, ms: {runs}); "
            f"CPU {statistics.median(cpu[kind]) * 1000:.0f} ms"
        )
    print(f"  ratio {ratio:.2f}x (target <= {TARGET}x)  {'ok' if ratio <= TARGET else 'OVER'}")
    return 0 if ratio <= TARGET else 1


if __name__ == "__main__":
    raise SystemExit(main())
