"""Compare several articles on one story: shared speakers, shared claims, and how each outlet frames them.

Speakers are merged across articles by name: spelling variants of a full name (the matching used within one
article); a surname alone joins a full name only when exactly one speaker of the articles has that surname.
Two claims of different articles are linked only when the same speaker makes them and they carry the same words:
the shorter one's quoted or reported words stand, in order, in the longer one's (at least ``ALTERED_AT`` of them,
and ``_LEAST_WORDS``), as ``claimkit check`` aligns a quotation with its source. Claims that merely share topic
words are not linked. Candidate pairs come from an index of word runs (three words, two for a short quotation),
so the work grows with the claims, not with their pairs; the links' connected components are the clusters.
"""

from __future__ import annotations

import itertools
from collections import defaultdict
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Final

from ._version import __version__
from .records import ArticleSummary, Claim, ClaimCluster, ClusterQuote, Comparison, SharedSpeaker, Speaker
from .speakers import same_name
from .text.matching import ALTERED_AT, align, words_of

__all__ = ["compare"]

_LEAST_WORDS: Final = 2
"""A claim of one word says nothing about which statement it is."""
_BUCKET: Final = 64
"""Claims that share one run of words and may be compared: a run printed more often says little."""


@dataclass(frozen=True)
class _Item:
    article: int
    claim: Claim
    speaker: str | None
    words: list[str]


def compare(summaries: list[ArticleSummary]) -> Comparison:
    """Merge the speakers of ``summaries`` and cluster their claims across articles.

    >>> import claimkit
    >>> a = claimkit.summarise("Mayor Anna Schmidt said the bridge would reopen in May.", source="a")
    >>> b = claimkit.summarise("The bridge would reopen in May, Mayor Anna Schmidt said on Friday.", source="b")
    >>> [len(cluster.quotes) for cluster in claimkit.compare([a, b]).clusters]
    [2]
    """
    speakers, local_to_shared = _merge_speakers(summaries)
    items = [
        _Item(n, c, local_to_shared.get((n, c.speaker_id or "")), words_of(c.quote.text)[0])
        for n, s in enumerate(summaries)
        for c in s.claims
    ]
    links = _links(items)
    clusters = [_cluster(f"k{n}", [items[i] for i in sorted(group)], summaries) for n, group in enumerate(links, 1)]
    return Comparison(
        articles=[s.article for s in summaries],
        speakers=speakers,
        clusters=clusters,
        created_at=datetime.now(UTC),
        claimkit_version=__version__,
    )


def _merge_speakers(summaries: list[ArticleSummary]) -> tuple[list[SharedSpeaker], dict[tuple[int, str], str]]:
    groups: list[list[tuple[int, Speaker]]] = []
    by_key: dict[tuple[str, str], list[list[tuple[int, Speaker]]]] = defaultdict(list)
    surnames: list[tuple[int, Speaker]] = []
    for n, summary in enumerate(summaries):
        for speaker in summary.speakers:
            if speaker.kind == "person" and len(speaker.name.split()) == 1:
                surnames.append((n, speaker))
                continue
            key = (speaker.kind if speaker.kind == "person" else "other", speaker.name.split()[-1].lower())
            group = next((g for g in by_key[key] if _same_speaker(g[0][1], speaker)), None)
            if group is None:
                group = []
                groups.append(group)
                by_key[key].append(group)
            group.append((n, speaker))
    for n, speaker in surnames:
        persons = by_key[("person", speaker.name.lower())]
        if len(persons) == 1:
            persons[0].append((n, speaker))  # the one person of that surname
        else:
            groups.append([(n, speaker)])  # a surname alone never merges two people
    shared: list[SharedSpeaker] = []
    mapping: dict[tuple[int, str], str] = {}
    for number, group in enumerate(groups, start=1):
        fullest = max((s for _, s in group), key=lambda s: (len(s.name.split()), len(s.mentions)))
        shared_id = f"p{number}"
        shared.append(
            SharedSpeaker(
                id=shared_id,
                name=fullest.name,
                role=next((s.role for _, s in group if s.role), None),
                affiliation=next((s.affiliation for _, s in group if s.affiliation), None),
                kind=fullest.kind,
                appearances={summaries[n].article.id: s.id for n, s in group},
            )
        )
        for n, s in group:
            mapping[(n, s.id)] = shared_id
    return shared, mapping


def _same_speaker(a: Speaker, b: Speaker) -> bool:
    if a.name.lower() == b.name.lower():
        return a.kind == b.kind or "unnamed" not in (a.kind, b.kind)
    return a.kind == "person" and b.kind == "person" and same_name(a.name, b.name)


def _links(items: list[_Item]) -> list[set[int]]:
    """Connected components of the links between claims of different articles (see the module's docstring); a
    claim with no link is its own cluster."""
    parent = list(range(len(items)))

    def find(i: int) -> int:
        while parent[i] != i:
            parent[i] = parent[parent[i]]
            i = parent[i]
        return i

    for i, j in _candidates(items):
        if find(i) != find(j) and _same_words(items[i].words, items[j].words):
            parent[find(i)] = find(j)
    groups: dict[int, set[int]] = {}
    for i in range(len(items)):
        groups.setdefault(find(i), set()).add(i)
    return sorted(groups.values(), key=lambda g: (-len({items[i].article for i in g}), min(g)))


def _candidates(items: list[_Item]) -> set[tuple[int, int]]:
    """Pairs of claims of different articles, by one speaker, that share a run of words."""
    buckets: dict[tuple[str, tuple[str, ...]], list[int]] = defaultdict(list)
    for n, item in enumerate(items):
        if item.speaker is None or len(item.words) < _LEAST_WORDS:
            continue
        size = min(3, len(item.words))
        for run in {tuple(item.words[k : k + size]) for k in range(len(item.words) - size + 1)}:
            buckets[(item.speaker, run)].append(n)
        if size == 3:  # a two-word claim ('dirty work') is found by the runs of two of a longer one
            for run in {tuple(item.words[k : k + 2]) for k in range(len(item.words) - 1)}:
                buckets[(item.speaker, ("", *run))].append(n)
        else:
            buckets[(item.speaker, ("", *item.words))].append(n)
    pairs: set[tuple[int, int]] = set()
    for members in buckets.values():
        if len(members) > _BUCKET:
            continue
        for i, j in itertools.combinations(members, 2):
            if items[i].article != items[j].article:
                pairs.add((i, j))
    return pairs


def _same_words(a: list[str], b: list[str]) -> bool:
    """The shorter wording's words stand in the longer one, in order: at least ``ALTERED_AT`` of them."""
    short, long = (a, b) if len(a) <= len(b) else (b, a)
    alignment = align(short, long, 0, len(long))
    return alignment.matched >= _LEAST_WORDS and alignment.similarity >= ALTERED_AT


def _cluster(cluster_id: str, members: list[_Item], summaries: list[ArticleSummary]) -> ClaimCluster:
    quotes = [
        ClusterQuote(
            article_id=summaries[m.article].article.id,
            source=summaries[m.article].article.source,
            claim_id=m.claim.id,
            speaker_id=m.speaker,
            quote=m.claim.quote,
            cue=m.claim.cue.text if m.claim.cue else None,
            attribution=m.claim.attribution,
            stance=m.claim.stance,
        )
        for m in members
    ]
    representative = max(members, key=lambda m: (m.claim.confidence, len(m.claim.quote.text)))
    return ClaimCluster(
        id=cluster_id,
        statement=representative.claim.statement,
        speakers=sorted({m.speaker for m in members if m.speaker}),
        articles=list(dict.fromkeys(q.article_id for q in quotes)),
        quotes=quotes,
        differences=_differences(members, summaries),
    )


def _differences(members: list[_Item], summaries: list[ArticleSummary]) -> list[str]:
    """How the outlets' versions differ: attribution, cue, stance, and the words one of them changed."""
    if len({m.article for m in members}) < 2:
        return []
    found = []
    for field, values in (
        ("attribution", {m.claim.attribution for m in members}),
        ("cue", {(m.claim.cue.text.lower() if m.claim.cue else "none") for m in members}),
        ("stance", {m.claim.stance for m in members}),
    ):
        if len(values) > 1:
            found.append(f"{field} differs: {', '.join(sorted(values))}")
    found += _wording(members, summaries)
    return found


def _wording(members: list[_Item], summaries: list[ArticleSummary]) -> list[str]:
    """Where two outlets quote one statement in different words: the quotations aligned word by word (the
    matcher of ``claimkit check``), each substituted, added or dropped word named."""
    found = []
    quoted = [m for m in members if m.claim.attribution in ("direct", "mixed")]
    for a, b in itertools.combinations(quoted, 2):
        if a.article == b.article:
            continue
        words_a, offsets_a = words_of(a.claim.quote.text)
        words_b, offsets_b = words_of(b.claim.quote.text)
        if not words_a or not words_b:
            continue
        alignment = align(words_a, words_b, 0, len(words_b))
        if alignment.similarity < ALTERED_AT or not alignment.changes:
            continue
        name_a, name_b = (summaries[m.article].article.source or summaries[m.article].article.id for m in (a, b))
        shown = []
        for change in alignment.changes[:4]:
            (i1, i2), (j1, j2) = change.quote_words, change.text_words
            one = a.claim.quote.text[offsets_a[i1][0] : offsets_a[i2 - 1][1]] if i2 > i1 else "—"
            other = b.claim.quote.text[offsets_b[j1][0] : offsets_b[j2 - 1][1]] if j2 > j1 else "—"
            shown.append(f"“{one}” / “{other}”")
        found.append(f"quoted in different words ({name_a} / {name_b}): {'; '.join(shown)}")
    return found
