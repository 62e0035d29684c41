"""The grammar of names, one row per pattern: titles, affiliations, names inside descriptions, variants, kinds."""

from __future__ import annotations

import pytest

from claimkit.records import SpeakerKind
from claimkit.speakers.names import (
    apposition_role,
    described_name,
    name_kind,
    parse_titled_name,
    same_name,
    statement_owner,
)


@pytest.mark.parametrize(
    ("phrase", "role", "affiliation", "name"),
    [
        ("Pakistan’s Defence Minister Khawaja Asif", "Defence Minister", "Pakistan", "Khawaja Asif"),
        ("Sen. Mitch McConnell", "Sen.", None, "Mitch McConnell"),
        ("President Obama", "President", None, "Obama"),
        ("Defence Minister", "Defence Minister", None, None),
        ("The minister", "minister", None, None),
        # every name particle of the one list: 'da' as well as 'von', 'bin'
        ("Lula da Silva", None, None, "Lula da Silva"),
        ("Maria von Silva", None, None, "Maria von Silva"),
        ("Osama bin Laden", None, None, "Osama bin Laden"),
        # a place of several words is an affiliation before a title, and part of a name otherwise
        ("New Jersey Gov. Chris Christie", "Gov.", "New Jersey", "Chris Christie"),
        ("Former Pennsylvania Gov. Ed Rendell", "Former Gov.", "Pennsylvania", "Ed Rendell"),  # 'former' first
        ("The Washington Post", None, None, "Washington Post"),  # a place opens an organisation's name
        ("The United Nations Security Council", None, None, "United Nations Security Council"),
        ("The Washington Post's Ed O'Keefe", None, "Washington Post", "Ed O'Keefe"),  # an owner of two words
        ("New York Times", None, None, "New York Times"),
    ],
)
def test_parse_titled_name(phrase: str, role: str | None, affiliation: str | None, name: str | None) -> None:
    assert parse_titled_name(phrase.split()) == (role, affiliation, name)


@pytest.mark.parametrize(
    ("phrase", "expected"),
    [
        ("Apple spokesman Tom Neumayr", ("Tom Neumayr", "Apple spokesman", None)),
        ("Rosette Pambakian, a Tinder spokeswoman", ("Rosette Pambakian", "Tinder spokeswoman", None)),
        ("Sen. Mitch McConnell (R-Ky.)", ("Mitch McConnell", "Sen.", "R-Ky.")),
        (
            "The outgoing U.N. envoy to Iraq, Nikolay Mladenov",
            ("Nikolay Mladenov", "outgoing U.N. envoy to Iraq", None),
        ),
        ("Democratic strategist Simon Rosenberg", ("Simon Rosenberg", "Democratic strategist", None)),
        ("Senator John Cornyn of Texas", ("John Cornyn", "Senator", "Texas")),
        ("Oversight Chairman Jason Chaffetz", ("Jason Chaffetz", "Oversight Chairman", None)),
        ("Supporters of Lula da Silva", None),
        ("Several fact checkers, including The Washington Post", None),
        ("Analysts", None),
    ],
)
def test_described_name(phrase: str, expected: tuple[str, str | None, str | None] | None) -> None:
    assert described_name(phrase.split()) == expected


@pytest.mark.parametrize(
    ("a", "b", "same"),
    [
        ("Khwaja Asif", "Khawaja Asif", True),
        ("Khawaja Asif", "Khawaja Asif", True),
        ("John Smith", "Jane Smith", False),
        ("Hillary Clinton", "Bill Clinton", False),
        ("Asif", "Khawaja Asif", False),  # a surname alone is matched by the index, not as a variant
    ],
)
def test_same_name(a: str, b: str, same: bool) -> None:
    assert same_name(a, b) is same


@pytest.mark.parametrize(
    ("name", "kind"),
    [
        ("Khawaja Asif", "person"),
        ("Lula da Silva", "person"),
        ("Harvard University", "organisation"),
        ("New York Times", "organisation"),
        ("NATO", "organisation"),
        ("Pentagon", "organisation"),
    ],
)
def test_name_kind(name: str, kind: SpeakerKind) -> None:
    assert name_kind(name) == kind


@pytest.mark.parametrize(
    ("pieces", "role"),
    [
        (["a Tinder spokeswoman"], "Tinder spokeswoman"),
        (["27", "a Tinder user in New York"], "Tinder user in New York"),
        (["the capital"], None),
    ],
)
def test_apposition_role(pieces: list[str], role: str | None) -> None:
    assert apposition_role(pieces) == role


def test_statement_owner() -> None:
    assert statement_owner("Asif’s statement".split()) == "Asif"
    assert statement_owner("the minister said".split()) is None
