"""Write the embedded engine's summary of every evaluation text and both seeds, to prove a change moves no output.

    python scripts/output_identity.py write OUT_DIR [--eval ../shared/eval]
    python scripts/output_identity.py diff OLD_DIR NEW_DIR

``write`` saves one JSON line per text (timestamps and the version removed) in one file per input file;
``diff`` lists every text whose summary changed, with its id, and exits 1 when any did. Run ``write`` before
and after a change (from two checkouts, or before and after the edit) and ``diff`` the two folders.
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

import claimkit

_SEEDS = Path(__file__).resolve().parent.parent / "seeds"


def _stable(summary: claimkit.ArticleSummary) -> dict[str, object]:
    """The summary without what changes from run to run: the time and the version."""
    record = summary.model_dump(mode="json")
    record["provenance"].pop("created_at")
    record["provenance"].pop("claimkit_version")
    record["article"].pop("text", None)  # the text itself, which the input file holds
    return record


def _texts(eval_dir: Path) -> dict[str, list[tuple[str, str]]]:
    """(id, text) pairs by input file: every JSONL file in ``eval_dir``, and the seeds."""
    groups: dict[str, list[tuple[str, str]]] = {}
    for path in sorted(eval_dir.glob("*.jsonl")):
        lines = path.read_text(encoding="utf-8").splitlines()
        groups[path.stem] = [(r["id"], r["text"]) for r in map(json.loads, filter(None, lines))]
    groups["seeds"] = [(p.name, p.read_text(encoding="utf-8")) for p in sorted(_SEEDS.glob("*.txt"))]
    return groups


def write(out: Path, eval_dir: Path) -> None:
    out.mkdir(parents=True, exist_ok=True)
    for name, texts in _texts(eval_dir).items():
        with (out / f"{name}.jsonl").open("w", encoding="utf-8") as f:
            for text_id, text in texts:
                summary = claimkit.summarise(text, engine="embedded")
                f.write(json.dumps({"id": text_id, "summary": _stable(summary)}, ensure_ascii=False) + "\n")
        print(f"{name}: {len(texts)} summaries")


def diff(old: Path, new: Path) -> int:
    changed = 0
    for old_file in sorted(old.glob("*.jsonl")):
        new_file = new / old_file.name
        before = [json.loads(line) for line in old_file.read_text(encoding="utf-8").splitlines()]
        after = [json.loads(line) for line in new_file.read_text(encoding="utf-8").splitlines()]
        for a, b in zip(before, after, strict=True):
            if a != b:
                changed += 1
                print(f"{old_file.stem}: {a['id']} changed")
    print(f"{changed} summaries changed")
    return 1 if changed else 0


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    commands = parser.add_subparsers(dest="command", required=True)
    writer = commands.add_parser("write")
    writer.add_argument("out", type=Path)
    writer.add_argument("--eval", type=Path, default=Path("../shared/eval"))
    differ = commands.add_parser("diff")
    differ.add_argument("old", type=Path)
    differ.add_argument("new", type=Path)
    args = parser.parse_args()
    if args.command == "write":
        write(args.out, args.eval)
        return 0
    return diff(args.old, args.new)


if __name__ == "__main__":
    sys.exit(main())
