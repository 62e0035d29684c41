"""Compare several articles on one story: shared speakers, shared claims, and how each outlet frames them.

Speakers are merged across articles by name (spelling variants and surnames included, the same
matching as within one article). Claims are linked across articles when their words are close (TF-IDF
cosine over stemmed content words) — more readily when the same speaker makes them and when their cues
are the same kind of speech act ("admitted" and "acknowledged") — and the links' connected components
are the clusters.
"""

from __future__ import annotations

import itertools
import math
from collections import Counter
from dataclasses import dataclass
from datetime import UTC, datetime

from ._version import __version__
from .lang.en.stance import SPEECH_ACTS
from .records import ArticleSummary, Claim, ClaimCluster, ClusterQuote, Comparison, SharedSpeaker, Speaker
from .speakers import same_name
from .text.matching import ALTERED_AT, align, words_of
from .text.words import content_words, stem, words

__all__ = ["compare"]

LINK_AT = 0.25
"""Least similarity for two claims of different articles to be linked."""


@dataclass(frozen=True)
class _Item:
    article: int
    claim: Claim
    speaker: str | None
    words: Counter[str]
    act: str | None


def compare(summaries: list[ArticleSummary]) -> Comparison:
    """Merge the speakers of ``summaries`` and cluster their claims across articles.

    >>> import claimkit
    >>> a = claimkit.summarise("The mayor said the bridge would reopen in May.", source="a")
    >>> b = claimkit.summarise("Mayor Anna Schmidt said that the bridge would reopen in May.", source="b")
    >>> [len(cluster.quotes) for cluster in claimkit.compare([a, b]).clusters]
    [2]
    """
    speakers, local_to_shared = _merge_speakers(summaries)
    items = [
        _Item(n, c, local_to_shared.get((n, c.speaker_id or "")), _words(c), _act(c))
        for n, s in enumerate(summaries)
        for c in s.claims
    ]
    idf = _idf(items)
    links = _links(items, idf)
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
    for n, summary in enumerate(summaries):
        for speaker in summary.speakers:
            group = next((g for g in groups if _same_speaker(g[0][1], speaker)), None)
            if group is None:
                groups.append([(n, speaker)])
            else:
                group.append((n, speaker))
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
    if a.kind != b.kind and "person" in (a.kind, b.kind) and "unnamed" not in (a.kind, b.kind):
        return False
    if a.name.lower() == b.name.lower():
        return True
    if a.kind == "person" and b.kind == "person":
        return same_name(a.name, b.name) or a.name.split()[-1] == b.name.split()[-1]
    return False


def _stem(word: str) -> str:
    return stem(word, shortest=4)


def _words(claim: Claim) -> Counter[str]:
    text = f"{claim.quote.text} {claim.statement}"
    return Counter(_stem(w) for w in content_words(text))


def _surface(claim: Claim) -> dict[str, str]:
    """Each stem's first spelling in the claim's quote, to show words rather than stems."""
    found: dict[str, str] = {}
    for word in words(f"{claim.quote.text} {claim.statement}"):
        found.setdefault(_stem(word), word)
    return found


def _act(claim: Claim) -> str | None:
    cue = claim.cue.text.lower() if claim.cue else ""
    return next((act for act, cues in SPEECH_ACTS.items() if cue in cues), None)


def _idf(items: list[_Item]) -> dict[str, float]:
    documents = Counter(word for item in items for word in item.words)
    return {word: math.log((1 + len(items)) / (1 + count)) + 1 for word, count in documents.items()}


def _cosine(a: Counter[str], b: Counter[str], idf: dict[str, float]) -> float:
    dot = sum(a[w] * b[w] * idf[w] ** 2 for w in a.keys() & b.keys())
    norm = math.sqrt(sum((a[w] * idf[w]) ** 2 for w in a)) * math.sqrt(sum((b[w] * idf[w]) ** 2 for w in b))
    return dot / norm if norm else 0.0


def similarity(a: _Item, b: _Item, idf: dict[str, float]) -> float:
    """Word similarity, raised when the same speaker says both and when both are the same speech act."""
    score = _cosine(a.words, b.words, idf)
    if a.speaker is not None and a.speaker == b.speaker:
        score += 0.1
        if a.act is not None and a.act == b.act:
            score += 0.15
    return score


def _links(items: list[_Item], idf: dict[str, float]) -> list[set[int]]:
    """Connected components of the best cross-article links; a claim with no link is its own cluster."""
    parent = list(range(len(items)))

    def find(i: int) -> int:
        while parent[i] != i:
            parent[i] = parent[parent[i]]
            i = parent[i]
        return i

    for i, a in enumerate(items):
        for article in {b.article for b in items} - {a.article}:
            scored = [(similarity(a, b, idf), j) for j, b in enumerate(items) if b.article == article]
            best, j = max(scored, default=(0.0, -1))
            if best >= LINK_AT:
                parent[find(i)] = find(j)
    groups: dict[int, set[int]] = {}
    for i in range(len(items)):
        groups.setdefault(find(i), set()).add(i)
    return sorted(groups.values(), key=lambda g: (-len({items[i].article for i in g}), min(g)))


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
    """How the outlets' versions differ: attribution, cue, stance, and words only one of them uses."""
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
    for m in members:
        others = set().union(*(o.words.keys() for o in members if o.article != m.article))
        surface = _surface(m.claim)
        own = [surface.get(w, w) for w, _ in m.words.most_common() if w not in others][:6]
        if own:
            source = summaries[m.article].article.source or summaries[m.article].article.id
            found.append(f"only {source}: {', '.join(own)}")
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
