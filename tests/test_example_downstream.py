"""How an editorial tool tests its own code offline with claimkit's pytest plugin.

This file uses only what a downstream project has: ``claimkit`` and the ``claimkit_cassette`` and
``claimkit_settings`` fixtures the plugin provides once ``claimkit[testing]`` is installed.
"""

from __future__ import annotations

import claimkit

from .conftest import SEED_002


def quoted_people(text: str, settings: claimkit.Settings) -> dict[str, int]:
    """The editorial tool's own code: how many grounded claims each speaker has."""
    summary = claimkit.summarise(text, settings=settings)
    counts: dict[str, int] = {}
    for claim in summary.claims:
        speaker = summary.speaker(claim.speaker_id)
        name = speaker.name if speaker else "unknown"
        counts[name] = counts.get(name, 0) + 1
    return counts


def test_quoted_people_offline(claimkit_cassette, claimkit_settings) -> None:  # type: ignore[no-untyped-def]
    text = SEED_002.read_text()
    with claimkit_cassette():
        counts = quoted_people(text, claimkit_settings)
        again = claimkit.summarise(text, settings=claimkit_settings)  # answered by claimkit's cache, no request
    assert again.provenance.cached
    names = {s.id: s.name for s in again.speakers}
    expected: dict[str, int] = {}
    for claim in again.claims:
        name = names.get(claim.speaker_id or "", "unknown")
        expected[name] = expected.get(name, 0) + 1
    assert counts == expected
    assert all(text[c.quote.start : c.quote.end] == c.quote.text for c in again.claims)
