"""The speakers of one article: every attribution site resolved, the same answer whatever the order."""

from __future__ import annotations

import itertools
import re

import pytest

from claimkit.engines.candidate import SpeakerHint
from claimkit.speakers import SpeakerIndex

ARTICLES = [
    # (article, mentions at the attribution sites, the speaker each resolves to)
    (
        "The minister said the talks failed. Defence Minister Khawaja Asif said later that the army would respond.",
        ["The minister", "Defence Minister Khawaja Asif"],
        ["Khawaja Asif", "Khawaja Asif"],
    ),
    (
        "Khawaja Asif spoke in Islamabad. He said the talks failed. Asif said the army would respond.",
        ["He", "Asif"],
        ["Khawaja Asif", "Khawaja Asif"],
    ),
    (  # a pronoun agrees in gender with its antecedent, as the article tells it ("said he", "Mrs.")
        "Jason Furman said he expected slow growth. Mrs. Clinton sees similar benefits. "
        "But she insisted the plan was fair.",
        ["Jason Furman", "she"],
        ["Jason Furman", "Clinton"],
    ),
    (  # a man named last, a woman's full name before him: she is the woman
        "Carmel Martin said the plan left families out. Mr. Trump said he would fix it. "
        "She said the numbers were wrong.",
        ["Carmel Martin", "Mr. Trump", "She"],
        ["Carmel Martin", "Trump", "Carmel Martin"],
    ),
    (  # the article tells nothing: a first name nearly all of whose bearers are women or men tells it
        "Patti Davis wrote about the shooting. Donald Trump spoke in Ohio. She said his words were dangerous.",
        ["Donald Trump", "She"],
        ["Donald Trump", "Patti Davis"],
    ),
    (  # a surname alone has the first name the article gives it elsewhere ('James B. Comey')
        "Hillary Clinton spoke on Friday. FBI Director James B. Comey had testified. Comey said the emails were "
        "classified. But she insisted they were not marked.",
        ["Comey", "she"],
        ["James B. Comey", "Hillary Clinton"],
    ),
    (  # the gender untold ('Robin' is given to girls and boys): the last person named, as before
        "Alex Kim said the plan left families out. Robin Lee spoke next. She said the numbers were wrong.",
        ["Alex Kim", "Robin Lee", "She"],
        ["Alex Kim", "Robin Lee", "Robin Lee"],
    ),
    (  # nor is a name inside another speaker's description ('Carson’s longtime friend')
        "Ben Carson spoke. Armstrong Williams, Carson’s longtime friend, praised the move. “He is back,” he said.",
        ["Ben Carson", "Armstrong Williams, Carson’s longtime friend", "he"],
        ["Ben Carson", "Armstrong Williams", "Armstrong Williams"],
    ),
    (  # a name inside a quotation is what the speaker says, no antecedent for the narrator's 'he'
        "Ben Carson said the campaign goes on. Armstrong Williams praised the move. “Dr. Carson is back,” he said.",
        ["Ben Carson", "Armstrong Williams", "he"],
        ["Ben Carson", "Armstrong Williams", "Armstrong Williams"],
    ),
    (  # nor is a name a speaker says the nearest person before her pronoun ('Maybe' opens the sentence)
        "Carly Fiorina spoke in Iowa. “Maybe Donald Trump has difficulty doing the job,” she said.",
        ["she"],
        ["Carly Fiorina"],
    ),
    (  # 'the nominee' is the person the article names after 'nominee'
        "Democratic presidential nominee Hillary Clinton spoke on Monday. James Comey said the emails were "
        "classified. The nominee said that Comey was wrong.",
        ["James Comey", "The nominee"],
        ["James Comey", "Hillary Clinton"],
    ),
    (  # 'the campaign manager' is the person named after 'manager' before (a statement is no one's role)
        "Millis blamed Carson campaign manager Barry Bennett. The campaign manager said he needed time. "
        "The statement said the campaign goes on.",
        ["Millis", "The campaign manager", "The statement"],
        ["Millis", "Barry Bennett", "The statement"],
    ),
    (  # 'the second official' is someone else than the official named before
        "Campaign official Corey Lewandowski left. The Post quoted another official. The second official said no.",
        ["The second official"],
        ["The second official"],
    ),
    (  # a first name alone is the one person who bears it
        "Chris Anderson said the plan was good. Chris said it would work.",
        ["Chris Anderson", "Chris"],
        ["Chris Anderson", "Chris Anderson"],
    ),
    (  # a name after 'the shop' is a shop's: no 'she' refers to it
        "The shop Doki Doki opened in May. “We love it,” she said.",
        ["she"],
        ["she"],
    ),
    (  # 'which' is the name before its comma, never a person named before; 'who’d' is 'who'
        "Mr. Bentel disclosed them to the AP, which first reported the story. Collins, who’d endorsed Jeb Bush, left.",
        ["which", "who’d"],
        ["AP", "Collins"],
    ),
    (
        "Jason Furman spoke. Cold water came from the White House, which has long been lukewarm about the plan.",
        ["Jason Furman", "which"],
        ["Jason Furman", "White House"],
    ),
    (  # 'both of whom' is the short noun phrase before its comma
        "But, so far, only two Democrats, both of whom opposed the Iran deal, are backing the measure.",
        ["both of whom"],
        ["only two Democrats"],
    ),
    (  # 'who' after an organisation's name is the person it describes
        "John Bentel, a tech staffer at the State Department who told his subordinates to be silent, left.",
        ["who"],
        ["John Bentel"],
    ),
    (  # a woman named since the last speaker, whose gender the article does not tell: 'she' is the woman
        "Obama spoke on Monday. An email by communications director Jennifer Palmieri went to Podesta. "
        "She wrote that the answer was no.",
        ["Obama", "She"],
        ["Obama", "Jennifer Palmieri"],
    ),
    (  # 'who' after a plural noun is that noun's, not the last person named
        "Barack Obama inspired idealists who wanted a complete break from the past.",
        ["who"],
        ["idealists"],
    ),
    (  # 'they' is the capitalised plural named just before, not a surname in -s or the last organisation
        "The AP reported it first. Republicans had called the hearing because they felt the FBI was slow.",
        ["The AP", "they"],
        ["AP", "Republicans"],
    ),
    (
        "The AP reported it first. Bernie Sanders spoke. Sanders said they would win.",
        ["The AP", "Sanders", "they"],
        ["AP", "Bernie Sanders", "AP"],
    ),
    (
        "Demonstrators said they want justice, but pledged to remain civil.",
        ["Demonstrators", "they"],
        ["Demonstrators", "Demonstrators"],
    ),
]


def _mention(text: str, words: str, taken: list[tuple[int, int]] | None = None) -> tuple[int, int]:
    """The first whole-word place of ``words`` that overlaps none of ``taken``."""
    for found in re.finditer(rf"\b{re.escape(words)}\b", text):
        if not any(found.start() < end and start < found.end() for start, end in taken or []):
            return found.start(), found.end()
    raise AssertionError(f"{words!r} is not in the text")


@pytest.mark.parametrize(("article", "mentions", "names"), ARTICLES)
def test_resolve_all_does_not_depend_on_the_order_of_sites(article: str, mentions: list[str], names: list[str]) -> None:
    places: list[tuple[int, int]] = []
    for words in mentions:
        places.append(_mention(article, words, places))
    sites = [(place, None) for place in places]
    for order in itertools.permutations(range(len(sites))):
        entities = SpeakerIndex(article).resolve_all([sites[n] for n in order])
        got = {mentions[n]: e.name if e else None for n, e in zip(order, entities, strict=True)}
        assert got == dict(zip(mentions, names, strict=True)), order


def test_a_site_with_neither_mention_nor_hint_has_no_speaker() -> None:
    assert SpeakerIndex("It rained.").resolve_all([(None, None)]) == [None]


def test_a_hint_names_the_speaker_of_its_mention() -> None:
    article = "The minister said the talks failed."
    hint = SpeakerHint(name="Khawaja Asif", role="Defence Minister", kind="person")
    [entity] = SpeakerIndex(article).resolve_all([(_mention(article, "The minister"), hint)])
    assert entity is not None and (entity.name, entity.role) == ("Khawaja Asif", "Defence Minister")


def test_a_name_in_what_a_speaker_reports_is_no_antecedent_of_a_later_pronoun() -> None:
    article = (
        "Ben Carson spoke on CNN. Bennett denied the notion, explaining that he was unaware of Carson’s interview. "
        "He pointed to the new comments."
    )
    reported = _mention(article, "that he was unaware of Carson’s interview")
    sites = [
        (_mention(article, "Ben Carson"), None),
        (_mention(article, "Bennett"), None),
        (_mention(article, "He"), None),
    ]
    names = [e.name if e else None for e in SpeakerIndex(article).resolve_all(sites)]
    assert names == ["Ben Carson", "Bennett", "Ben Carson"]  # Carson named last, if no content is known
    names = [e.name if e else None for e in SpeakerIndex(article, reported=[reported]).resolve_all(sites)]
    assert names == ["Ben Carson", "Bennett", "Bennett"]
