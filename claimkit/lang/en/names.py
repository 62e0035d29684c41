"""English words about speakers: pronouns, titles, places, organisation and group nouns, role nouns, and the
words that open or close a name or a description."""

from __future__ import annotations

from pathlib import Path
from typing import Final

__all__ = [
    "BUSINESS_NOUNS",
    "CALENDAR_WORDS",
    "FIRST_NAMES",
    "FUNCTION_WORDS",
    "GENDERS",
    "GROUP_NOUNS",
    "HOLDER_ENDINGS",
    "HONORIFICS",
    "LEADING_FUNCTION_WORDS",
    "NAME_ABBREVIATIONS",
    "NAME_PARTICLES",
    "NAME_PARTICLE_WORDS",
    "NEWS_WORDS",
    "NON_PERSON_NOUNS",
    "NOT_NAME_OPENERS",
    "NOT_ROLES",
    "OPENING_DETERMINERS",
    "ORDINALS",
    "ORGANISATION_WORDS",
    "PERSON_DESCRIPTIONS",
    "PLACES",
    "PLACES_CAPITALISED",
    "PRONOUNS",
    "ROLE_ENDINGS",
    "ROLE_NOISE",
    "ROLE_NOUNS",
    "SENTENCE_STARTERS",
    "STATEMENT_NOUNS",
    "SUBJECT_FORMS",
    "SUBJECT_LEADS",
    "TITLE_WORDS",
    "TITLE_WORDS_WITHOUT_DOTS",
    "WORK_TITLE_SMALL_WORDS",
    "holds_a_role",
    "is_city",
]

PRONOUNS: Final = {
    "he": "person",
    "she": "person",
    "him": "person",
    "her": "person",
    "his": "person",
    "their": "plural",
    "its": "thing",
    "i": "person",
    "they": "plural",
    "them": "plural",
    "we": "plural",
    "it": "thing",
    "who": "relative",
    "which": "relative",
    "you": "person",
}


GENDERS: Final = {
    **dict.fromkeys("he him his himself mr".split(), "m"),
    **dict.fromkeys("she her hers herself mrs ms miss".split(), "f"),
    **dict.fromkeys(
        """spokesman chairman congressman businessman councilman assemblyman anchorman father husband son brother
        king prince grandfather uncle nephew boyfriend widower""".split(),
        "m",
    ),
    **dict.fromkeys(
        """spokeswoman chairwoman congresswoman businesswoman councilwoman assemblywoman anchorwoman mother wife
        daughter sister queen princess grandmother aunt niece girlfriend widow actress""".split(),
        "f",
    ),
}
"""Words that tell a person's gender (for pronouns that must agree with their antecedent)."""

FIRST_NAMES: Final = Path(__file__).with_name("first_names.tsv")
"""US first names given almost only to one sex, with it ('Hillary\tf'): ``scripts/first-names.py`` writes it from
the Social Security Administration's baby-name counts."""


NON_PERSON_NOUNS: Final = frozenset(
    """shop store restaurant cafe café bar pub hotel bakery boutique brand app band label firm company startup
    business chain venue club gallery museum theatre theater cinema newspaper magazine show series film movie
    album song book ship""".split()
)
"""Nouns that, before a name, make it a thing's ('the shop Doki Doki'): no pronoun refers to it as a person."""


GROUP_NOUNS: Final = frozenset(
    """critics analysts experts officials sources observers activists supporters opponents residents voters
    lawmakers legislators diplomats leaders scholars scientists researchers economists investors people
    protesters demonstrators witnesses republicans democrats conservatives liberals advocates members
    militants rebels authorities police prosecutors investigators commentators pundits historians
    strategists aides advisers advisors insiders staffers allies rivals skeptics sceptics groups
    organizers organisers victims families doctors teachers students workers citizens americans""".split()
)


ORGANISATION_WORDS: Final = frozenset(
    """news times post journal herald tribune guardian telegraph university college institute ministry
    department government party council committee commission agency bureau office court congress senate
    parliament assembly house army navy police corporation corp inc company group association union bank
    network campaign foundation center centre organization organisation administration embassy newspaper
    report poll survey study statement magazine channel station agency website firm records events holdings
    partners media studios industries systems labs airlines motors energy pharmaceuticals capital ventures brands
    foods entertainment productions publishing press label fire""".split()
)


# Places, which are not people. US states and countries that are also first or last names ('Virginia
# Foxx', 'Georgia', 'Jim Jordan', 'Indiana') are left out: a place word opening a name is read as its affiliation.
PLACES: Final = frozenset(
    """washington islamabad beijing moscow kremlin tehran delhi kabul london paris berlin brussels tokyo
    pentagon whitehall america india pakistan china russia iran israel ukraine afghanistan britain
    europe us u.s. uk u.k. un u.n. nato eu
    alabama alaska arizona arkansas california colorado connecticut delaware florida hawaii idaho illinois
    iowa kansas kentucky louisiana maine maryland massachusetts michigan minnesota mississippi missouri
    montana nebraska nevada ohio oklahoma oregon pennsylvania tennessee texas utah vermont wisconsin wyoming
    canada mexico brazil argentina germany france italy spain poland turkey egypt syria iraq yemen libya
    japan australia nigeria kenya ethiopia somalia lebanon qatar vienna rome madrid baghdad damascus cairo
    ankara kyiv kiev""".split()
) | {
    "new jersey",
    "new hampshire",
    "new mexico",
    "north carolina",
    "north dakota",
    "south carolina",
    "south dakota",
    "west virginia",
    "rhode island",
    "united states",
    "united kingdom",
    "united nations",
    "european union",
    "new york",
    "new delhi",
    "los angeles",
    "san francisco",
    "hong kong",
    "saudi arabia",
    "south africa",
    "south korea",
    "north korea",
    "new zealand",
    "islamic state",
    "white house",
    "supreme court",
    "capitol hill",
    "wall street",
}


TITLE_WORDS: Final = frozenset(
    """minister president senator sen sen. rep rep. reps reps. representative congressman congresswoman gov
    gov. governor secretary chief director spokesman spokeswoman spokesperson chairman chairwoman chair
    leader prime defence defense foreign finance interior home attorney general ambassador ceo mayor
    judge justice professor prof prof. dr dr. commissioner speaker deputy vice chancellor king queen
    prince pope former acting state federal national army military security foreign-policy white house
    press mr mr. mrs mrs. ms ms. candidate nominee businessman businesswoman adviser advisor aide
    official lt. gen. col. gen general colonel lieutenant admiral captain sheriff""".split()
)
TITLE_WORDS_WITHOUT_DOTS: Final = TITLE_WORDS | {w.rstrip(".") for w in TITLE_WORDS}


NAME_PARTICLE_WORDS: Final = ("de", "van", "von", "bin", "al", "da")  # 'Lula da Silva', 'Osama bin Laden'


NAME_PARTICLES: Final = frozenset(NAME_PARTICLE_WORDS)


STATEMENT_NOUNS: Final = frozenset(
    """statement statements remarks remark comments comment words tweet tweets letter admission post op-ed
    speech""".split()
)


FUNCTION_WORDS: Final = frozenset(
    """the a an this that these those some many most several other others one two three his her their its""".split()
)


SENTENCE_STARTERS: Final = frozenset(
    """The A An In On At For But And However After Before When While Since As If This That These Those It
    He She They We I His Her Their Its Our Despite Although Though Whether Meanwhile Still Yet Now Then
    So Also Many Some Most Both Even Only According Asked Earlier Later Last Next Mr Mrs Ms Maybe Perhaps
    Sometimes Besides Nevertheless Regardless Like Unlike With Without Under Over Among Amid Until Unless Because
    Instead""".split()
)


PERSON_DESCRIPTIONS: Final = frozenset(
    """minister president senator governor candidate businessman billionaire mogul spokesman spokeswoman
    leader""".split()
)


ORDINALS: Final = frozenset("second third fourth fifth other another latter".split())
"""Words by which a description is someone else than the one named before ('the second official')."""

OPENING_DETERMINERS: Final = frozenset(
    "the a an this that these those his her their its our one another several many some most few both all".split()
)
"""Words that open a description ('The teacher', 'a Tinder spokeswoman') and are no part of a name or a role."""


SUBJECT_FORMS: Final = {"him": "he", "her": "she", "his": "he", "them": "they", "their": "they", "its": "it"}


ROLE_NOUNS: Final = frozenset(
    """expert official aide attorney candidate nominee envoy chief head deputy executive counsel staffer
    mum mom mother father wife husband son daughter friend neighbour neighbor activist""".split()
)


ROLE_ENDINGS: Final = ("ist", "yst", "er", "or", "man", "woman", "person", "ee", "ent", "ant", "ian")

HOLDER_ENDINGS: Final = ("ist", "yst", "er", "or", "man", "woman", "person", "ian")
"""The endings of ``ROLE_ENDINGS`` by which 'the manager' can stand for 'campaign manager Barry Bennett' named
before ('the statement', 'the giant' are no one's role)."""


def holds_a_role(word: str) -> bool:
    """A lower-case noun a person holds: 'spokesman', 'manager', 'aide', 'senator' (not 'statement', 'giant')."""
    return word in ROLE_NOUNS or word in TITLE_WORDS or word.endswith(HOLDER_ENDINGS)


NOT_ROLES: Final = frozenset("and or but of to by with in at on for from as than after over under other".split())


LEADING_FUNCTION_WORDS: Final = frozenset("which who whom by with to on like from for of at in".split())


CALENDAR_WORDS: Final = frozenset(
    """monday tuesday wednesday thursday friday saturday sunday january february march april may june july
    august september october november december""".split()
)


HONORIFICS: Final = frozenset("mr mrs ms dr prof".split())


PLACES_CAPITALISED: Final = frozenset(p.capitalize() for p in PLACES) | {"US", "U.S.", "UK", "U.K.", "UN", "EU"}


WORK_TITLE_SMALL_WORDS: Final = frozenset("a an the of and in on for to".split())
"""Lower-case words inside the title of a work ('“The Lord of the Rings” director …')."""


NAME_ABBREVIATIONS: Final = frozenset("no st jr sr mr mrs ms dr".split())
"""Abbreviations whose full stop stands inside a name ('St. Louis', 'Martin Luther King Jr.')."""


ROLE_NOISE: Final = frozenset({"the", "former"})
"""Words of a role that tell nothing of which role it is."""


NOT_NAME_OPENERS: Final = SENTENCE_STARTERS - frozenset(
    "The A An This That These Those It He She They We I His Her Their Its Our Many Some Most Both Mr Mrs Ms".split()
)
"""Capitalised words that open a sentence before a name and are no part of it ('Like Corker, Menendez …',
'Despite Santilli's claims', 'Now Sembler is …'); not an article, a pronoun or a quantifier, which open a phrase of
their own ('Many Democrats', 'Both Mr. King and …')."""


SUBJECT_LEADS: Final = frozenset("the former acting then but and meanwhile".split())
"""Lower-case words that may stand before a name that is its sentence's subject ('But former Gov. Ed Rendell')."""


BUSINESS_NOUNS: Final = frozenset("company firm business corporation label retailer maker".split())
"""Nouns for a business ('the company'): a description that is no news outlet, whatever was named last."""


NEWS_WORDS: Final = frozenset(
    "news times post journal herald tribune guardian telegraph newspaper magazine press reuters ap cnn bbc".split()
)
"""Words of a news outlet's name ('The New York Times', 'Associated Press')."""


CITIES: Final = Path(__file__).with_name("cities.txt")
"""One-word names of the world's cities of 100,000 people or more (``scripts/cities.py``, from GeoNames)."""
_CITIES: Final[dict[str, frozenset[str]]] = {}


def is_city(name: str) -> bool:
    """Whether ``name`` names a city ('Orlando'); the list is read on first need."""
    if "en" not in _CITIES:
        lines = CITIES.read_text(encoding="utf-8").splitlines()
        _CITIES["en"] = frozenset(line for line in lines if line and not line.startswith("#"))
    return name in _CITIES["en"]
