"""Instructions per article of the embedded engine, counted by valgrind's callgrind: a speed figure that,
unlike seconds, does not move with the machine's load (repeat runs of one tree agree within about 0.5 %;
two checkouts of the same code can differ by a few per cent, so compare large changes only).

python bench/embedded_instructions.py [--eval-dir ../shared/eval]

Runs the PolNeAR DEV texts through ``claimkit.summarise`` under callgrind, and once more without them,
and prints the difference per article. Needs valgrind (Debian: ``apt-get install valgrind``).
"""

from __future__ import annotations

import argparse
import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

DEFAULT_EVAL_DIR = Path(__file__).resolve().parent.parent.parent / "shared" / "eval"
_RUN = """
import json, sys
import claimkit
import claimkit.lang
texts = [json.loads(line)["text"] for line in open(sys.argv[1], encoding="utf-8")]
claimkit.summarise(texts[0])  # imports, compiled patterns and caches are not the engine's per-article cost
for lexicon in claimkit.lang.LEXICONS.values():
    lexicon.first_name_gender("")  # nor a table read on first need
for text in texts[1 : 1 + int(sys.argv[2])]:
    claimkit.summarise(text)
"""


def _instructions(path: Path, articles: int) -> int:
    # -P: import claimkit from this interpreter's environment, not from a source tree in the working directory
    command = ["valgrind", "--tool=callgrind", "--callgrind-out-file=/dev/null", sys.executable, "-P", "-c", _RUN]
    env = {**os.environ, "CLAIMKIT_CONFIG": os.devnull}
    done = subprocess.run([*command, str(path), str(articles)], capture_output=True, text=True, env=env, check=True)
    found = re.search(r"Collected : (\d+)", done.stderr)
    if found is None:
        raise SystemExit(f"no instruction count in valgrind's output:\n{done.stderr[-2000:]}")
    return int(found.group(1))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--eval-dir", type=Path, default=DEFAULT_EVAL_DIR)
    args = parser.parse_args()
    path = args.eval_dir / "polnear.dev.jsonl"
    if not path.exists():
        raise SystemExit(f"no evaluation data at {path}: pass --eval-dir")
    if shutil.which("valgrind") is None:
        raise SystemExit("valgrind is not installed")
    articles = sum(1 for _ in path.open(encoding="utf-8")) - 1
    per_article = (_instructions(path, articles) - _instructions(path, 0)) / articles
    from claimkit.engines.embedded import walk as embedded

    build = "pure Python" if embedded.__file__.endswith(".py") else "compiled with mypyc"
    print(f"{build}: {articles} articles, {per_article / 1e6:.2f} M instructions per article (callgrind)")


if __name__ == "__main__":
    main()
