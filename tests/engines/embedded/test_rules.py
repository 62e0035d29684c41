"""The embedded engine on real sentence patterns of news prose, one row each."""

from __future__ import annotations

import re

import pytest

import claimkit
from claimkit.engines.embedded import extract
from claimkit.lang import LEXICONS


@pytest.fixture(autouse=True)
def _every_claim(monkeypatch: pytest.MonkeyPatch) -> None:
    """The rows read what the rules find, every claim whatever its measured confidence (min_confidence 0)."""
    monkeypatch.setenv("CLAIMKIT_MIN_CONFIDENCE", "0")


# (sentence, speaker mention, quote, attribution)
CASES = [
    (  # a poll, a record or a study shows or finds
        "The most recent poll shows Cruz has fallen to 27 percent.",
        "The most recent poll",
        "Cruz has fallen to 27 percent",
        "indirect",
    ),
    ("FEC records show he backed John McCain.", "FEC records", "he backed John McCain", "indirect"),
    ("“We will win,” Trump continued.", "Trump", "“We will win,”", "direct"),  # 'continue' beside a quotation
    (  # a name and what is its own; a plural's possessive apostrophe is no quotation mark
        "It is the primary where Sanders and his aides believe they can surprise Clinton.",
        "Sanders and his aides",
        "they can surprise Clinton",
        "indirect",
    ),
    ("Sanders’ aides believe that he will win.", "Sanders’ aides", "that he will win", "indirect"),
    (  # an 'and' right before the cue joins two verbs; a dateline is no subject
        "Giles attempted to re-engage the campaign in October and said he had prepared policy papers.",
        "Giles",
        "he had prepared policy papers",
        "indirect",
    ),
    (
        "ORLANDO, Fla. (Reuters) - President Barack Obama met survivors on Thursday and said the country must act.",
        "President Barack Obama",
        "the country must act",
        "indirect",
    ),
    (  # a verb joined to an attribution shares its speaker, and a quotation before it stays that one's content
        "Speaking on ABC’s “This Week,” Carson admitted that the name was wrong, but said his campaign had found it.",
        "Carson",
        "his campaign had found it",
        "indirect",
    ),
    (  # 'like X' before the verb is an adjunct; a present-tense verb after a name ends the subject
        "Hunter represents a district in San Diego, and like Trump has spoken about the need for a wall.",
        "Hunter",
        "the need for a wall",
        "indirect",
    ),
    (  # an irregular past ends the subject, and its time is no part of it
        "The Washington Post on Thursday became the latest newspaper to support her, saying it was swayed by her.",
        "The Washington Post",
        "it was swayed by her",
        "indirect",
    ),
    ("He went on to say the plan would fail.", "He", "the plan would fail", "indirect"),  # 'went on to'
    (  # a role 'for' a name is the role's holder, not the name
        "A spokesman for Senator Smith said the plan failed.",
        "A spokesman for Senator Smith",
        "the plan failed",
        "indirect",
    ),
    (  # a participle after an attribution shares its speaker
        "Members of the Trump family soured on Lewandowski, the Post reported, citing another anonymous source.",
        "the Post",
        "another anonymous source",
        "indirect",
    ),
    (  # a participle after ', but' belongs to the clause after 'but'
        "It’s a big if, but Sanders was in San Diego on Tuesday night, emphasizing the state's importance.",
        "Sanders",
        "the state's importance",
        "indirect",
    ),
    (  # 'according to' inside a sentence: the words on both sides, not a description of the source after it
        "Only one person was killed by a gun last year, according to the police, and there were eight incidents.",
        "the police",
        "Only one person was killed by a gun last year, according to the police, and there were eight incidents",
        "indirect",
    ),
    (
        "Trump has posted 5,000 times since June, according to CrowdTangle, a social analytics tool.",
        "CrowdTangle",
        "Trump has posted 5,000 times since June",
        "indirect",
    ),
    ("“We did the dirty work,” Asif said during the interview.", "Asif", "“We did the dirty work,”", "direct"),
    (
        "“It’s an indictment,” said a senior Indian security expert.",
        "a senior Indian security expert",
        "“It’s an indictment,”",
        "direct",
    ),
    ("The minister said: “We were used and abandoned.”", "The minister", "“We were used and abandoned.”", "direct"),
    (
        "He said Pakistan’s participation created the conditions for militancy.",
        "He",
        "Pakistan’s participation created the conditions for militancy",
        "indirect",
    ),
    (
        "Hunter told Politico on Wednesday that he is in favor of Trump.",
        "Hunter",
        "that he is in favor of Trump",
        "indirect",
    ),
    (
        "According to him, the terrorism is a form of “blowback” from those decisions.",
        "him",
        "the terrorism is a form of “blowback” from those decisions",
        "mixed",
    ),
    (
        "The plan will fail within a year, according to the report.",
        "the report",
        "The plan will fail within a year",
        "indirect",
    ),
    (
        "Asif further claimed that Pakistan was “used and abandoned” by Washington.",
        "Asif",
        "that Pakistan was “used and abandoned” by Washington",
        "mixed",
    ),
    (
        "However, critics say Islamabad cannot deflect responsibility entirely.",
        "critics",
        "Islamabad cannot deflect responsibility entirely",
        "indirect",
    ),
    (
        "Analysts have long argued that militant infrastructure turned inward.",
        "Analysts",
        "that militant infrastructure turned inward",
        "indirect",
    ),
    (
        "The admission of error, they argue, must be followed by reforms.",
        "they",
        "The admission of error, they argue, must be followed by reforms",
        "indirect",
    ),
    (
        "Senator John Cornyn of Texas, the No. 2 Republican in the Senate, said the chamber will vote on Monday.",
        "Senator John Cornyn of Texas, the No. 2 Republican in the Senate",
        "the chamber will vote on Monday",
        "indirect",
    ),
    (
        "''He will crush you into the dirt,'' Ms. Warren said.",
        "Ms. Warren",
        "''He will crush you into the dirt,''",
        "direct",
    ),
    (
        "“Nobody has ever hit my hands. Look at those hands, are they small hands?” Trump said.",
        "Trump",
        "“Nobody has ever hit my hands. Look at those hands, are they small hands?”",
        "direct",
    ),
    ("“We are not blind to those,” the daily wrote.", "the daily", "“We are not blind to those,”", "direct"),
    (
        "“The kids do not like him,” this source told the Post.",
        "this source",
        "“The kids do not like him,”",
        "direct",
    ),
    (
        "The talks broke down and the meeting deteriorated from there, said one GOP source in the room.",
        "one GOP source",
        "The talks broke down and the meeting deteriorated from there",
        "indirect",
    ),
    (
        'Mills "got an immunity agreement," Jordan said.',
        "Jordan",
        'Mills "got an immunity agreement,"',
        "mixed",
    ),
    (
        "Only two Democrats currently back Sen. Bob Corker's legislation.",
        "Only two Democrats",
        "Sen. Bob Corker's legislation",
        "indirect",
    ),
    (
        "Ms. Warren endorsed Mrs. Clinton this month, and has been a powerful surrogate.",
        "Ms. Warren",
        "Mrs. Clinton",
        "indirect",
    ),
    (
        "Donald Trump joked about Jewish stereotypes and told his audience they wouldn’t back him.",
        "Donald Trump",
        "they wouldn’t back him",
        "indirect",
    ),
    (
        "The retired neurosurgeon has provided no details, saying in his statement only that he was refining.",
        "The retired neurosurgeon",
        "that he was refining",
        "indirect",
    ),
    (
        "Sanders dismissed the charges by pointing out that she had not always looked so fondly on the president.",
        "Sanders",
        "that she had not always looked so fondly on the president",
        "indirect",
    ),
    (
        "Tinder's ban of Ms. Gedrich was first reported by BuzzFeed.",
        "BuzzFeed",
        "Tinder's ban of Ms. Gedrich",
        "indirect",
    ),
    (
        "The emails led DNC chairwoman Debbie Wasserman Schultz to announce her resignation from her post.",
        "DNC chairwoman Debbie Wasserman Schultz",
        "her resignation from her post",
        "indirect",
    ),
    (
        "Such a move could alienate his backers, Clinton allies believe — backers she will need come November.",
        "Clinton allies",
        "Such a move could alienate his backers",
        "indirect",
    ),
    # A pronoun at the end of the phrase before the cue is the speaker, not the words before it
    (
        "Just an hour earlier she wrote “Don’t be afraid to be different.”",
        "she",
        "“Don’t be afraid to be different.”",
        "direct",
    ),
    ("In the same year she claimed she forced a man to apologise.", "she", "she forced a man to apologise", "indirect"),
    ("Collins and he said the deal was dead.", "Collins and he", "the deal was dead", "indirect"),
    # PolNeAR: the speaker is the noun a relative clause describes
    (
        "Some Sanders supporters who traveled to Philadelphia to protest this week's convention say they will go.",
        "Some Sanders supporters",
        "they will go",
        "indirect",
    ),
    (
        "Republicans said the timing was not intentional; they only learned of it on Friday, which the AP reported.",
        "Republicans",
        "the timing was not intentional",
        "indirect",
    ),
    # a quoted title before the speaker is part of the description, not the content
    (
        "“Parasite” director Bong Joon Ho said the film was a comedy.",
        "director Bong Joon Ho",
        "the film was a comedy",
        "indirect",
    ),
    # the listener is not in the content; after 'which', the clause's own subject speaks
    ("Humphrey, who told POLITICO he’ll work full-time, agreed.", "who", "he’ll work full-time", "indirect"),
    # a cue in capitals; two names joined by 'and'; a dateline before the speaker
    ("“We won,” SAID Smith.", "Smith", "“We won,”", "direct"),
    ("“Never,” replied Burton and Nick.", "Burton and Nick", "“Never,”", "direct"),
    (
        "2025 - Mayor James Wilson said the budget was balanced.",
        "Mayor James Wilson",
        "the budget was balanced",
        "indirect",
    ),
    # a title's dot ends no 'according to' speaker
    ("According to Dr. Jane Smith, the plan will fail.", "Dr. Jane Smith", "the plan will fail", "indirect"),
    ("The plan will fail, according to Mr. Smith.", "Mr. Smith", "The plan will fail", "indirect"),
    # wire copy: the speaker after the clause, with an apposition
    (
        "The plan will fail, said Jason Kersten, a spokesman for the Department of Correction.",
        "Jason Kersten",
        "The plan will fail",
        "indirect",
    ),
    # 'said' + a time or place adjunct + a clause with no 'that'
    ("Smith said on Thursday the company would cut 500 jobs.", "Smith", "the company would cut 500 jobs", "indirect"),
    ("Smith said Tuesday the company would cut 500 jobs.", "Smith", "the company would cut 500 jobs", "indirect"),
    ("Smith said last week the company would cut 500 jobs.", "Smith", "the company would cut 500 jobs", "indirect"),
    ("Smith said in a statement the plan was dead.", "Smith", "the plan was dead", "indirect"),
    ("Carson said in New Hampshire he did not feel well.", "Carson", "he did not feel well", "indirect"),
    (
        "The plan will fail, said Department of Correction spokesman Jason Kersten.",
        "Department of Correction spokesman Jason Kersten",
        "The plan will fail",
        "indirect",
    ),
]


@pytest.mark.parametrize(("sentence", "speaker", "quote", "attribution"), CASES)
def test_attribution_patterns(sentence: str, speaker: str, quote: str, attribution: str) -> None:
    """The engine's own output (``extract``): a claim's quote, speaker mention and kind are its candidate's."""
    candidate = next(c for c in extract(sentence) if sentence[c.content[0] : c.content[1]] == quote)
    assert candidate.speaker is not None and sentence[candidate.speaker[0] : candidate.speaker[1]] == speaker
    assert candidate.kind == attribution


@pytest.mark.parametrize(
    ("sentence", "quote", "statement"),
    [
        (
            "Sanders is uncomfortable on foreign policy, but was less shy about Wall Street.",
            "Wall Street",
            "Sanders was shy about Wall Street.",
        ),
        (
            "Pressed again about all the chatter, Perez just starts talking about baseball.",
            "baseball",
            "Perez talked about baseball.",
        ),
        (
            "Trump denounced former President George W. Bush on Sunday.",
            "former President George W. Bush",
            "Trump denounced former President George W. Bush.",
        ),
    ],
)
def test_stance_toward_an_object(sentence: str, quote: str, statement: str) -> None:
    claim = next(c for c in claimkit.summarise(sentence).claims if c.quote.text == quote)
    assert claim.statement == statement


@pytest.mark.parametrize(
    ("sentence", "speaker", "quote", "statement"),
    [
        (
            "The comments came as an answer about her claim that she never sent classified information.",
            "her",
            "that she never sent classified information",
            "She claimed that she never sent classified information.",
        ),
        (
            "Ms. Warren's criticism of the real estate developer was echoed by Mrs. Clinton.",
            "Ms. Warren",
            "the real estate developer",
            "Warren criticized the real estate developer.",
        ),
        (
            "His refusal to tackle the housing problem made the recession longer.",
            "His",
            "to tackle the housing problem",
            "He refused to tackle the housing problem.",
        ),
    ],
)
def test_speech_nouns_attribute_to_their_possessor(sentence: str, speaker: str, quote: str, statement: str) -> None:
    claim = next(c for c in claimkit.summarise(sentence).claims if c.quote.text == quote)
    assert claim.speaker_mention is not None and claim.speaker_mention.text == speaker
    assert claim.statement == statement


@pytest.mark.parametrize(
    "sentence",
    [
        "Pakistan carried out the dirty work of funding and supporting terrorist groups for decades.",
        "The bill was written by lobbyists.",
        "She is a confident speaker and an angry one.",
        "No formal deal between the parties was announced, and the schedule is unclear.",
        "He would meet with the National Rifle Association to talk about barring people on watch lists.",
        "The Washington Post on Thursday became the latest newspaper to publish the letter.",
    ],
)
def test_no_attribution_where_there_is_none(sentence: str) -> None:
    assert claimkit.summarise(sentence).claims == []


def test_interrupted_quote_is_one_claim_with_two_parts() -> None:
    text = "“We funded those groups,” Asif said, “but we were not alone.”"
    [claim] = claimkit.summarise(text).claims
    assert [p.text for p in claim.parts] == ["“We funded those groups,”", "“but we were not alone.”"]
    assert claim.quote.text == text


def test_participle_takes_the_subject_of_the_sentence() -> None:
    text = "Asif blamed the generals, adding that the policy had backfired at home."
    summary = claimkit.summarise(text)
    adding = next(c for c in summary.claims if c.cue and c.cue.text == "adding")
    assert adding.quote.text == "that the policy had backfired at home"
    assert summary.speaker(adding.speaker_id).name == "Asif"  # type: ignore[union-attr]


def test_quote_with_no_cue_continues_the_speaker_of_the_previous_paragraph() -> None:
    text = "“We are ready,” said Maria Lopez, the mayor.\n\n“The city will recover quickly and fully.”"
    summary = claimkit.summarise(text)
    assert len(summary.claims) == 2
    assert {c.speaker_id for c in summary.claims} == {summary.claims[0].speaker_id}
    assert summary.claims[1].speaker_mention is None


def test_pronoun_surname_and_title_resolve_to_the_full_name() -> None:
    text = (
        "Pakistan’s Defence Minister Khawaja Asif has acknowledged that the alliance was a mistake. "
        "He said the policy fuelled militancy at home. The defence minister added that reforms were needed. "
        "Asif also claimed that Washington abandoned Pakistan."
    )
    summary = claimkit.summarise(text)
    [speaker] = summary.speakers
    assert (speaker.name, speaker.role, speaker.affiliation, speaker.kind) == (
        "Khawaja Asif",
        "Defence Minister",
        "Pakistan",
        "person",
    )
    assert len(summary.claims) == 4
    assert {c.speaker_mention.text for c in summary.claims if c.speaker_mention} == {
        "Pakistan’s Defence Minister Khawaja Asif",
        "He",
        "The defence minister",
        "Asif",
    }


def test_spelling_variants_are_one_speaker() -> None:
    text = "Khawaja Asif said the war was a mistake. Later, Khwaja Asif said the alliance had failed."
    summary = claimkit.summarise(text)
    assert [s.name for s in summary.speakers] == ["Khawaja Asif"]


def test_group_and_unnamed_speakers() -> None:
    text = "Critics say the plan cannot work. A senior security official said the talks had stalled."
    kinds = {s.name: s.kind for s in claimkit.summarise(text).speakers}
    assert kinds == {"Critics": "group", "A senior security official": "unnamed"}


def test_boilerplate_lines_give_no_claims() -> None:
    text = (
        "Image Credit: Reuters said the photo was old\n"
        "Follow John Nolte on Twitter @NolteNC.\n"
        "The mayor said the city would recover."
    )
    claims = claimkit.summarise(text).claims
    assert [c.quote.text for c in claims] == ["the city would recover"]


def test_contrast_gives_an_opposing_stance_toward_the_earlier_claim() -> None:
    text = (
        "The minister claimed that Washington was to blame for the violence. "
        "However, critics say Islamabad cannot deflect responsibility."
    )
    summary = claimkit.summarise(text)
    [stance] = summary.stances
    assert stance.label == "opposes"
    assert stance.target == summary.claims[0].id
    assert summary.speaker(stance.speaker_id).kind == "group"  # type: ignore[union-attr]


# German articles (the language is told by the article's commonest words); sentences after Wikinews.
GERMAN_CASES = [
    # »…« (the German guillemets) are quotation marks; a pronoun after the verb is the speaker alone
    ("Die Lage ist ernst. »Wir sind bereit«, sagte Emanuel Scobel.", "Emanuel Scobel", "»Wir sind bereit«"),
    ("Die Lage ist ernst. »Es ist vorbei«, sagt er nervös.", "er", "»Es ist vorbei«"),
    # verb second: a phrase before the verb that is no subject puts the speaker after it
    ("Auf weitere Nachfrage sagte er, der Plan sei tot.", "er", "der Plan sei tot"),
    ("Im März 2020 sagte der Minister, der Plan sei tot.", "der Minister", "der Plan sei tot"),
    (
        "Seit Jahren fordert der mexikanische Staat die Rückgabe des Kunstwerks.",
        "der mexikanische Staat",
        "die Rückgabe des Kunstwerks",
    ),
    (
        "Die Stadt hat die Gebühren erhöht. „Noch klappt die Zusammenarbeit zu rund 75 Prozent“, sagte Rappe.",
        "Rappe",
        "„Noch klappt die Zusammenarbeit zu rund 75 Prozent“",
    ),
    (
        "Die Post teilte am vorherigen Wochenende mit, dass jeder Haushalt ein Paket verschicken könne.",
        "Die Post",
        "dass jeder Haushalt ein Paket verschicken könne",
    ),
    (
        "Der Umsatz wird 278 Millionen Euro betragen, teilte das Unternehmen heute mit. Die Zahl ist nicht neu.",
        "das Unternehmen",
        "Der Umsatz wird 278 Millionen Euro betragen",
    ),
    (
        "Laut Polizei wurden die Demonstranten in Gewahrsam genommen, und die Stadt ist ruhig.",
        "Polizei",
        "wurden die Demonstranten in Gewahrsam genommen, und die Stadt ist ruhig",
    ),
    (
        "Insgesamt wurden dabei 1.430 Personen in Gewahrsam genommen, so der „Ermittlungsausschuss Frankfurt“.",
        "der „Ermittlungsausschuss Frankfurt“",
        "Insgesamt wurden dabei 1.430 Personen in Gewahrsam genommen",
    ),
    (
        "Wie der Weltverband FIFA bekanntgegeben hat, wird die Weltmeisterschaft nicht in Deutschland stattfinden.",
        "der Weltverband FIFA",
        "wird die Weltmeisterschaft nicht in Deutschland stattfinden",
    ),
    (
        "Das deutsche Organisationskomitee hat bereits eingeräumt, dass bei der Umrechnung Fehler passiert seien.",
        "Das deutsche Organisationskomitee",
        "dass bei der Umrechnung Fehler passiert seien",
    ),
    (
        "Die EU-Kommission schlug vor, zu prüfen, ob ein anderes Abkommen geschlossen werden kann.",
        "Die EU-Kommission",
        "zu prüfen, ob ein anderes Abkommen geschlossen werden kann",
    ),
]


@pytest.mark.parametrize(("sentence", "speaker", "quote"), GERMAN_CASES)
def test_german_attribution_patterns(sentence: str, speaker: str, quote: str) -> None:
    candidate = next(c for c in extract(sentence) if sentence[c.content[0] : c.content[1]] == quote)
    assert candidate.speaker is not None and sentence[candidate.speaker[0] : candidate.speaker[1]] == speaker


def test_german_cues_do_not_fire_in_english() -> None:
    assert claimkit.summarise("The team was so tired, so the coach sent them home early on Monday.").claims == []


# An English sentence is read with English words only: German 'war' (was), 'da' (there), 'die', 'von' are
# ordinary words here. (sentence, speaker name, speaker kind, quote)
ENGLISH_ONLY_CASES = [
    (
        "Veterans of the war said the memorial should stay where it is.",
        "Veterans of the war",
        None,  # the kind of a description headed 'X of Y' is not settled here
        "the memorial should stay where it is",
    ),
    (
        "Supporters of Lula da Silva said the vote was fair.",
        "Supporters of Lula da Silva",
        "group",
        "the vote was fair",
    ),
    ("Lula da Silva said the vote was fair.", "Lula da Silva", "person", "the vote was fair"),
    ("Maria von Silva said the vote was fair.", "Maria von Silva", "person", "the vote was fair"),
]


@pytest.mark.parametrize(("sentence", "name", "kind", "quote"), ENGLISH_ONLY_CASES)
def test_english_rules_read_no_german_words(sentence: str, name: str, kind: str | None, quote: str) -> None:
    summary = claimkit.summarise(sentence)
    assert [c.quote.text for c in summary.claims] == [quote]
    speaker = summary.speaker(summary.claims[0].speaker_id)
    assert speaker is not None and speaker.name == name
    assert kind is None or speaker.kind == kind


def test_a_pronoun_with_no_earlier_speaker_takes_the_nearest_person_named_before_it() -> None:
    summary = claimkit.summarise(
        "Defence Minister John Smith visited the town on Monday. He said the situation is serious."
    )
    speaker = summary.speaker(summary.claims[0].speaker_id)
    assert speaker is not None and (speaker.name, speaker.role) == ("John Smith", "Defence Minister")
    places = claimkit.summarise("The United States and Pakistan met on Monday. He said the talks failed.")
    assert [s.name for s in places.speakers] == ["He"]


@pytest.mark.parametrize(
    ("sentence", "quote"),
    [
        (
            "After a marathon of speeches, a Democratic senator said Republicans had agreed to hold votes.",
            "Republicans had agreed to hold votes",
        ),
        (
            "Corker declined to endorse a backup plan if he is not able to build support.",
            "to endorse a backup plan if he is not able to build support",
        ),
        (
            "He also largely ignored a very well-documented dark side to the Obama years.",
            "a very well-documented dark side to the Obama years",
        ),
    ],
)
def test_content_runs_to_the_end_of_its_phrase(sentence: str, quote: str) -> None:
    assert quote in [c.quote.text for c in claimkit.summarise(sentence).claims]


@pytest.mark.parametrize(
    ("article", "speaker", "quote"),
    [
        # PolNeAR titles
        (
            "Carly Fiorina: 'Bill Clinton's fair game.'\n\nShe spoke on Monday.",
            "Carly Fiorina",
            "'Bill Clinton's fair game.'",
        ),
        (
            "Report: Walker to speak at Republican National Convention.\n\nThe governor agreed.",
            "Report",
            "Walker to speak at Republican National Convention",
        ),
    ],
)
def test_a_title_names_its_source_before_a_colon(article: str, speaker: str, quote: str) -> None:
    claim = next(c for c in claimkit.summarise(article).claims if c.quote.text == quote)
    assert claim.speaker_mention is not None and claim.speaker_mention.text == speaker
    assert claim.cue is not None and claim.cue.text == ":"


@pytest.mark.parametrize(
    "article",
    [
        "UPDATE: The vote was moved to Friday.\n\nIt passed.",
        "Washington: The vote was moved to Friday.\n\nIt passed.",
        "Contributing: Grant Miller.\n\nIt passed.",
        "Brexit: May says deal is dead\n\nThe prime minister spoke on Monday.",  # a rubric, not a source
        "The vote passed.\n\nMORE: Woman pays $20,000 for a third breast, a hoax.",
        "The vote passed.\n\nSource: Joe Raedle/Getty Images.",
    ],
)
def test_rubrics_datelines_and_credits_are_not_sources(article: str) -> None:
    assert not [c for c in claimkit.summarise(article).claims if c.cue is not None and c.cue.text == ":"]


@pytest.mark.parametrize(
    ("sentence", "name", "role", "affiliation"),
    [
        # PolNeAR and FNC-1 speaker phrases: a name inside a description
        ("“We are reviewing it,” said Apple spokesman Tom Neumayr.", "Tom Neumayr", "Apple spokesman", None),
        (
            "Rosette Pambakian, a Tinder spokeswoman, said the policy had not changed.",
            "Rosette Pambakian",
            "Tinder spokeswoman",
            None,
        ),
        ("Sen. Mitch McConnell (R-Ky.) said the vote would wait.", "Mitch McConnell", "Sen.", "R-Ky."),
        ("“We checked,” said John Kirby, a Pentagon spokesman, on Monday.", "John Kirby", "Pentagon spokesman", None),
        (
            "The outgoing U.N. envoy to Iraq, Nikolay Mladenov, said the fight was far from over.",
            "Nikolay Mladenov",
            "outgoing U.N. envoy to Iraq",
            None,
        ),
        (
            "The Post's senior politics editor Steven Ginsberg said the campaign was coming apart.",
            "Steven Ginsberg",
            "senior politics editor",
            "Post",
        ),
        (
            "Jillian Chase, 27, a Tinder user in New York, said the ban was silly.",
            "Jillian Chase",
            "Tinder user in New York",
            None,
        ),
        (
            "Oversight Chairman Jason Chaffetz (R-Utah) said the deal was a mistake.",
            "Jason Chaffetz",
            "Oversight Chairman",
            "R-Utah",
        ),
    ],
)
def test_a_name_inside_a_description_is_a_person_with_that_role(
    sentence: str, name: str, role: str, affiliation: str | None
) -> None:
    speakers = claimkit.summarise(sentence).speakers
    assert [(s.name, s.kind, s.role, s.affiliation) for s in speakers] == [(name, "person", role, affiliation)]


@pytest.mark.parametrize(
    ("sentence", "name", "kind"),
    [
        # PolNeAR and FNC-1 speaker phrases with no name in them
        ("Many prominent Republicans said the deal was a mistake.", "Many prominent Republicans", "group"),
        (
            "Several fact checkers, including The Washington Post, said the claim was false.",
            "Several fact checkers",
            "group",
        ),
        ("The man, who sustained cuts, said the attack was brutal.", "The man", "unnamed"),
        ("The architecture student said the design was flawed.", "The architecture student", "unnamed"),
        ("The Iraqi government said the city was retaken.", "The Iraqi government", "organisation"),
    ],
)
def test_descriptions_without_a_name_stay_descriptions(sentence: str, name: str, kind: str) -> None:
    speakers = claimkit.summarise(sentence).speakers
    assert [(s.name, s.kind) for s in speakers] == [(name, kind)]


def test_a_comma_after_a_name_opens_no_role_unless_an_apposition_follows() -> None:
    speakers = claimkit.summarise("Alan Berger said, a few minutes later, that it works.").speakers
    assert [(s.name, s.role) for s in speakers] == [("Alan Berger", None)]


def test_who_after_a_place_is_the_person_the_place_describes() -> None:
    summary = claimkit.summarise(
        "“That may be of concern,” said Alan Berger, a gynecologist from Englewood, New Jersey, "
        "who said he is friendly with them."
    )
    assert [(s.name, s.kind) for s in summary.speakers] == [("Alan Berger", "person")]
    assert {c.speaker_id for c in summary.claims} == {summary.speakers[0].id}


@pytest.mark.parametrize(
    ("sentence", "speaker"),
    [
        # FNC-1 and PolNeAR: phrases the speaker search took that name no one
        ("In a YouTube clip Tridevil said the extra breast felt real.", "Tridevil"),
        ("Donald Trump is on solid ground attacking Bill Clinton.", "Donald Trump"),  # the clause's subject attacks
        ("He kept her out of pocket and said his parents did have details to tell her.", "He"),  # the subject
    ],
)
def test_a_prepositional_phrase_or_a_clause_cut_at_and_is_no_speaker(sentence: str, speaker: str | None) -> None:
    mentions = [c.speaker_mention.text if c.speaker_mention else None for c in claimkit.summarise(sentence).claims]
    assert mentions == [speaker]


@pytest.mark.parametrize(
    "sentence",
    [
        "Critics don't say the plan will work.",  # a denied cue attributes nothing
        "The minister has not announced whether the plant will close.",
        "Today we received reports that the bridge had collapsed.",  # 'reports' is the object, a noun
        "The group, known as XDA Developers, sold phones.",  # a name, not a claim
        "Most states have passed the deadline to change the names.",  # 'states' has a verb of its own
        "Sanders won two of the three states that voted Tuesday.",  # a relative clause after it: a noun
        "Democrats could pick off diverse states that have been reliably Republican.",
        "She continued to travel across the state.",  # no quotation beside 'continued'
        "He showed up late and found his seat.",  # only a poll, a record or a study shows or finds
        "The records were found near the river.",
    ],
)
def test_denials_nouns_and_names_are_not_claims(sentence: str) -> None:
    assert claimkit.summarise(sentence).claims == []


@pytest.mark.parametrize("code", sorted(LEXICONS))
def test_every_cue_word_is_a_run_of_letters(code: str) -> None:
    # The walk reads a sentence further when one of its runs of letters is a cue word, first by stripping marks
    # off its space-separated pieces: exact only while no cue word holds anything but letters.
    assert all(re.fullmatch("[a-zäöüß]+", word) for word in LEXICONS[code].cue_words)


@pytest.mark.parametrize(
    ("sentence", "claims"),
    [
        ("“No,” he said.", 1),  # a cue word among marks
        ("“It will end,”said the mayor.", 1),  # one piece: '”said'
        ("Trump’s said-so is not a claim, the 2said were.", 0),  # runs of letters inside pieces
    ],
)
def test_a_cue_word_is_found_among_marks(sentence: str, claims: int) -> None:
    assert len(claimkit.summarise(sentence).claims) == claims
