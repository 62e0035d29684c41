"""How long claimkit takes to start, in CPU time of a fresh interpreter: the import, the CLI's help, one summary.

python bench/startup.py [--repeats 7]

Each command runs in a new process ``--repeats`` times; the figures are the child's user + system CPU seconds
(``resource.getrusage``), min / median / max, and the modules it loaded (is the openai SDK among them?).
"""

from __future__ import annotations

import argparse
import resource
import statistics
import subprocess
import sys
from pathlib import Path

SEED = Path(__file__).resolve().parent.parent / "seeds" / "002_4cc666bf275705eb.txt"
_REPORT = "import sys; print(len(sys.modules), 'openai' in sys.modules, file=sys.stderr)"
_HELP = """
import sys
sys.argv = ["claimkit", "--help"]
try:
    from claimkit.cli import main
    main()
except SystemExit:
    pass
"""
COMMANDS = {
    "python -c 'import claimkit'": ["-c", f"import claimkit; {_REPORT}"],
    "claimkit --help": ["-c", _HELP + _REPORT],
    "claimkit.summarise(seed)": [
        "-c",
        f"import claimkit; claimkit.summarise(open({str(SEED)!r}).read(), engine='embedded'); {_REPORT}",
    ],
}


def _cpu_of_child(arguments: list[str]) -> tuple[float, str]:
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    done = subprocess.run([sys.executable, *arguments], capture_output=True, text=True, check=True)
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    cpu = (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)
    return cpu, done.stderr.strip().splitlines()[-1]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeats", type=int, default=7)
    args = parser.parse_args()
    print(f"{'command':<28} {'CPU s min':>9} {'median':>7} {'max':>7} {'modules':>8} {'openai':>7}")
    for name, arguments in COMMANDS.items():
        _cpu_of_child(arguments)  # warm the file system cache
        runs = [_cpu_of_child(arguments) for _ in range(args.repeats)]
        times = [cpu for cpu, _ in runs]
        modules, openai = runs[-1][1].split()
        print(
            f"{name:<28} {min(times):>9.3f} {statistics.median(times):>7.3f} {max(times):>7.3f} "
            f"{modules:>8} {openai:>7}"
        )


if __name__ == "__main__":
    main()
