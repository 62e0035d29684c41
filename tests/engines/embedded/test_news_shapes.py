"""Sentence shapes of wire copy and features, each written for its row: who said it, and which words.

Each row is (article, quote, speaker name); a speaker of None means the claim is there with no speaker named, and a
quote of None means no claim may be made of the article at all. Rows read every claim (min_confidence 0) unless they
test the floor.
"""

from __future__ import annotations

import pytest

import claimkit


def _said(article: str, floor: float = 0.0) -> list[tuple[str, str | None]]:
    summary = claimkit.summarise(article, engine="embedded", min_confidence=floor)
    pairs = []
    for claim in summary.claims:
        speaker = summary.speaker(claim.speaker_id)
        pairs.append((claim.quote.text, speaker.name if speaker else None))
    return pairs


@pytest.mark.parametrize(
    ("article", "quote", "speaker"),
    [
        # a middle initial does not end the name after the cue
        ("“The plan is legal,” said Marcia J. Lowell, the city lawyer.", "“The plan is legal,”", "Marcia J. Lowell"),
        ("Benjamin J. Rhodes said the talks were over.", "the talks were over", "Benjamin J. Rhodes"),
        # an opening adjunct is no part of the name after it
        (
            "Like Corker, Menendez said the bill would pass. Corker said it would not.",
            "it would not",
            "Corker",
        ),
        (
            "Despite Santilli's claims, he was jailed. Santilli said he was a journalist.",
            "he was a journalist",
            "Santilli",
        ),
    ],
)
def test_names(article: str, quote: str, speaker: str | None) -> None:
    assert (quote, speaker) in _said(article)


@pytest.mark.parametrize("article", ["Many said the plan would fail.", "Besides, Many said the plan would fail."])
def test_a_sentence_opener_alone_is_no_name(article: str) -> None:
    [claim] = claimkit.summarise(article, min_confidence=0).claims
    assert claim.found_by is not None and claim.found_by.endswith("; description, no speaker noun")


@pytest.mark.parametrize(
    ("article", "quote", "speaker"),
    [
        # a participle after an object belongs to the clause's subject, not to the object
        (
            "Maria Reyes posted on Facebook accusing the council of lying. Later she said the vote had been rigged.",
            "the vote had been rigged",
            "Maria Reyes",
        ),
        ("The mayor released a note warning that the bridge would close.", "that the bridge would close", "The mayor"),
        # adverbs between the subject and the cue are no speaker
        (
            "Big Lake officials have twice denied that the water was unsafe.",
            "that the water was unsafe",
            "Big Lake officials",
        ),
        # the listener is no part of what was said; a quoted word is no quotation
        ("Ana Ruiz told reporters nothing had changed.", "nothing had changed", "Ana Ruiz"),
        (
            "Lina Park told the panel it was her “obligation” to report the error.",
            "it was her “obligation” to report the error",
            "Lina Park",
        ),
        # a decimal point ends no content
        ("The minister pledged to spend 1.6 billion on schools.", "to spend 1.6 billion on schools", "The minister"),
    ],
)
def test_subjects_and_spans(article: str, quote: str, speaker: str | None) -> None:
    assert (quote, speaker) in _said(article)


@pytest.mark.parametrize(
    "article",
    [
        "Trials have not always supported the claim.",  # negated
        "It could grow if the mayor agrees to the demands of the union.",  # a condition
        "As the chair would say, “Order, order.”",  # a supposition
        "The council will announce the budget.",  # a plan
        "Officials refused to discuss whether the plant would close.",  # a refusal to speak
        # a content whose subject stands before the cue: 'organizers said was a record' is no sentence to print
        "The meeting drew 400 delegates, which organizers said was a record.",
    ],
)
def test_what_was_not_said_is_no_claim(article: str) -> None:
    assert _said(article) == []


def test_a_clause_of_whether_inside_a_claim_is_no_claim_of_its_own() -> None:
    said = _said("Analysts said whether she thinks it will help depends on the economy.")
    assert said == [("whether she thinks it will help depends on the economy", "Analysts")]


@pytest.mark.parametrize(
    ("article", "quote", "speaker"),
    [
        # a description with a name in apposition is the named one, and 'the company' is the one named before
        (
            "The group that manages her catalogue, Northwind Records, says the songs will stay online. "
            "But the company says it cannot pay the fees.",
            "it cannot pay the fees",
            "Northwind Records",
        ),
        (
            "The firm that runs the festival, Brightline Events, denies that tickets were oversold.",
            "that tickets were oversold",
            "Brightline Events",
        ),
        (
            "“I saw the van leave at noon,” said another witness, former aide Dana Whitfield.",
            "“I saw the van leave at noon,”",
            "Dana Whitfield",
        ),
        # a cue and its speaker inside the content: what is said is on both sides of them
        (
            "This pathway, says Omar Lindqvist, a biologist at the University of Leeds, drives the response.",
            "This pathway, says Omar Lindqvist, a biologist at the University of Leeds, drives the response",
            "Omar Lindqvist",
        ),
    ],
)
def test_appositions_and_interruptions(article: str, quote: str, speaker: str | None) -> None:
    assert (quote, speaker) in _said(article)


def test_an_interrupted_content_is_its_two_parts() -> None:
    summary = claimkit.summarise("This pathway, says Omar Lindqvist, a biologist at Leeds, drives the response.")
    [claim] = summary.claims
    assert [p.text for p in claim.parts] == ["This pathway", "drives the response"]
    assert claim.statement == "Omar Lindqvist said this pathway drives the response."


def test_a_claim_inside_another_is_its_speakers_and_names_the_one_that_holds_it() -> None:
    summary = claimkit.summarise("Tom Reyes said the auditor had told him that the books were clean.", min_confidence=0)
    outer, inner = summary.claims
    assert (outer.quote.text, outer.within) == ("the auditor had told him that the books were clean", None)
    assert (inner.quote.text, inner.within) == ("that the books were clean", outer.id)
    assert [summary.speaker(c.speaker_id).name for c in (outer, inner)] == ["Tom Reyes", "the auditor"]  # type: ignore[union-attr]


@pytest.mark.parametrize(
    ("article", "quote", "speaker"),
    [
        ("About 12,500 said they would strike.", "they would strike", None),  # no number cut at its comma
        ('"We will appeal,” the lawyer said.', '"We will appeal,”', "the lawyer"),  # a straight and a curly mark
        ("''We will appeal,'' the lawyer said.", "''We will appeal,''", "the lawyer"),  # two apostrophes each
    ],
)
def test_numbers_and_quotation_marks(article: str, quote: str, speaker: str | None) -> None:
    assert (quote, speaker) in _said(article)


@pytest.mark.parametrize(
    ("article", "statement"),
    [
        # a dateline is no part of what was said
        (
            "BIDDEFORD (AP) – The filing should not result in any layoffs, a company spokeswoman said.",
            "A company spokeswoman said the filing should not result in any layoffs.",
        ),
        # a word someone else put in quotation marks is no part of the speaker's quotation
        (
            "A report said he called the president a “moron,” Trump told Forbes on Tuesday, “I think it’s fake news.”",
            "Trump told Forbes on Tuesday: “I think it’s fake news.”",
        ),
        # 'told that' is no sentence; a common word opening the content is written in lower case
        ("Bob Corker told that the plan would fail.", "Bob Corker said that the plan would fail."),
        (
            "Three people escaped the fire, according to a fire department spokesperson.",
            "According to a fire department spokesperson, three people escaped the fire.",
        ),
    ],
)
def test_statements_a_reader_can_print(article: str, statement: str) -> None:
    statements = [c.statement for c in claimkit.summarise(article, min_confidence=0).claims]
    assert statement in statements


@pytest.mark.parametrize(
    "article",
    [
        "Take-Two reported a loss that topped Wall Street forecasts but issued an outlook.",  # a verb and its object
        "Trump was just joking when he said they should compare IQ tests.",  # a time clause is not what was said
    ],
)
def test_no_speaker_or_content_from_a_verb_phrase(article: str) -> None:
    assert not [
        c
        for c in claimkit.summarise(article, min_confidence=0).claims
        if c.cue and c.cue.text in {"forecasts", "joking"}
    ]


def test_a_correction_note_is_page_furniture() -> None:
    article = (
        "Mayor Dana Whitfield said the budget was balanced.\n\n"
        "Correction: An earlier version of this story said the mayor denied the report.\n\n"
        "The council said the plan would cost more than expected."
    )
    assert [quote for quote, _ in _said(article)] == [
        "the budget was balanced",
        "the plan would cost more than expected",
    ]


def test_a_reported_question_is_no_claim() -> None:
    assert _said("The press asked Trump why he did not respond to the incident faster.") == []


def test_a_role_opening_the_sentence_is_no_part_of_the_name() -> None:
    article = "Lobbyist Jack Abramoff pleaded guilty. Abramoff said he had made mistakes."
    assert ("he had made mistakes", "Jack Abramoff") in _said(article)


def test_a_city_is_no_he() -> None:
    article = (
        "The president visited families in Orlando on Sunday. Orlando said the city would recover. "
        "Later he said the shooting was an act of terror."
    )
    assert ("the shooting was an act of terror", "Orlando") not in _said(article)


@pytest.mark.parametrize(
    ("article", "quote", "speaker"),
    [
        # a dateline of a place in capitals and its state is no part of the content
        (
            "BROOKLYN CENTER, Minn. — A family has sued the city, their lawyer said.",
            "A family has sued the city",
            "their lawyer",
        ),
        # 'the fire chief' is not the police chief named before
        (
            "Police Chief Robert Luna spoke. Fire Chief Mike Duree said the crew was safe. "
            "“You go to these scenes,” the fire chief said.",
            "“You go to these scenes,”",
            "Mike Duree",
        ),
    ],
)
def test_datelines_and_roles(article: str, quote: str, speaker: str | None) -> None:
    assert (quote, speaker) in _said(article)


def test_a_clause_whose_subject_is_before_its_cue_is_no_claim() -> None:
    assert _said("A crash that local officials say involved a limousine killed 20 people.") == []
