import re
from collections import Counter

import pytest

from portal.offers.wording import (
    CATEGORIES,
    WordingIssue,
    category_name,
    find_wording_issues,
    load_rules,
    rule_by_id,
)

MUST_MATCH = [
    # age
    ("Vi söker dig som är under 30.", "age.limit", "under 30"),
    ("Du får vara max 35 år.", "age.limit", "max 35 år"),
    ("Max. 35 år", "age.limit", "Max. 35 år"),
    ("Du är inte äldre än 40 år.", "age.limit", "inte äldre än 40 år"),
    ("Du ska vara ÄLDRE ÄN 25 ÅR.", "age.limit", "ÄLDRE ÄN 25 ÅR"),
    ("You must be under 30 years old.", "age.limit", "under 30 years old"),
    ("No older than 45, please.", "age.limit", "No older than 45"),
    ("Vi söker en ung och pigg medarbetare.", "age.young", "ung och pigg"),
    ("Passar en yngre person.", "age.young", "yngre"),
    ("Vi är ett ungt gäng.", "age.young", "ungt"),
    ("UNGA OCH ENERGISKA MEDARBETARE", "age.young", "UNGA"),
    ("Young and energetic team.", "age.young", "Young"),
    ("Ålder: 18-25 år.", "age.range", "18-25 år"),
    ("Du är 20\u201330 år gammal.", "age.range", "20\u201330 år gammal"),
    ("Perfekt för 20-30-åringar.", "age.range", "20-30-åringar"),
    ("Helst i åldern 25 till 35.", "age.range", "i åldern 25 till 35"),
    ("Staff aged 20-30 wanted.", "age.range", "aged 20-30"),
    ("Between the ages of 18 and 25.", "age.range", "Between the ages of 18 and 25"),
    ("Nyexaminerad kock sökes.", "age.recent_graduate", "Nyexaminerad"),
    # sex
    ("Vi söker en tjej till kassan.", "sex.gendered_words", "tjej"),
    ("Tjejerna i köket visar dig.", "sex.gendered_words", "Tjejerna"),
    ("TJEJEN SOM BÖRJAR", "sex.gendered_words", "TJEJEN"),
    ("Vi behöver två killar till lagret.", "sex.gendered_words", "killar"),
    ("Killen vi söker är stark.", "sex.gendered_words", "Killen"),
    ("Vi vill ha en kvinnlig medarbetare.", "sex.gendered_words", "kvinnlig"),
    ("Female staff only.", "sex.gendered_words", "Female"),
    ("Male applicants preferred.", "sex.gendered_words", "Male"),
    ("Han ska kunna lyfta tungt.", "sex.pronoun", "Han ska"),
    ("Hon ska vara noggrann.", "sex.pronoun", "Hon ska"),
    ("He must be strong.", "sex.pronoun", "He must"),
    ("Vi söker en städerska.", "sex.gendered_title", "städerska"),
    ("Servitris sökes till lunchen.", "sex.gendered_title", "Servitris"),
    # gender identity
    ("Du ska vara född som kvinna.", "gender_identity.assigned_sex", "född som kvinna"),
    ("Endast biologisk man.", "gender_identity.assigned_sex", "biologisk man"),
    ("No transgender applicants.", "gender_identity.assigned_sex", "No transgender applicants"),
    # ethnicity
    ("Vi söker en etnisk svensk.", "ethnicity.origin", "etnisk svensk"),
    ("ETNISKT SVENSK PERSONAL", "ethnicity.origin", "ETNISKT SVENSK"),
    ("Du har svensk bakgrund.", "ethnicity.origin", "svensk bakgrund"),
    ("Du är född i Sverige.", "ethnicity.origin", "född i Sverige"),
    ("Swedish background required.", "ethnicity.origin", "Swedish background"),
    ("Ethnically Swedish staff.", "ethnicity.origin", "Ethnically Swedish"),
    ("Svenska som modersmål.", "ethnicity.native_language", "Svenska som modersmål"),
    ("SVENSKA SOM MODERSMÅL", "ethnicity.native_language", "SVENSKA SOM MODERSMÅL"),
    ("Native Swedish speaker.", "ethnicity.native_language", "Native Swedish speaker"),
    # religion
    ("Du är kristen.", "religion.belief", "kristen"),
    ("Ingen slöja på arbetstid.", "religion.belief", "Ingen slöja"),
    ("No headscarves at work.", "religion.belief", "No headscarves"),
    # disability
    ("Du måste vara frisk.", "disability.health", "frisk"),
    ("Du är fullt frisk.", "disability.health", "fullt frisk"),
    ("Inga funktionsnedsättningar.", "disability.health", "Inga funktionsnedsättningar"),
    ("God hälsa är ett krav.", "disability.health", "God hälsa"),
    ("No disabilities, please.", "disability.health", "No disabilities"),
    ("Able-bodied workers.", "disability.health", "Able-bodied"),
    # sexual orientation
    ("Du är heterosexuell.", "sexual_orientation.requirement", "heterosexuell"),
    ("Inga homosexuella.", "sexual_orientation.requirement", "Inga homosexuella"),
    ("Straight applicants only.", "sexual_orientation.requirement", "Straight applicants"),
    # does not fit a low-threshold job
    ("Perfekt svenska är ett krav.", "low.swedish_level", "Perfekt svenska"),
    ("Du talar flytande svenska.", "low.swedish_level", "flytande svenska"),
    ("Du behärskar svenska i tal och skrift.", "low.swedish_level", "svenska i tal och skrift"),
    ("Perfect Swedish.", "low.swedish_level", "Perfect Swedish"),
    ("Fluent in Swedish.", "low.swedish_level", "Fluent in Swedish"),
    ("Högskoleexamen krävs.", "low.education", "Högskoleexamen"),
    ("A university degree is required.", "low.education", "university degree"),
    ("Flerårig erfarenhet av restaurang.", "low.experience", "Flerårig erfarenhet"),
    ("Du har minst 3 års erfarenhet.", "low.experience", "minst 3 års erfarenhet"),
    ("5+ years of experience.", "low.experience", "5+ years of experience"),
    ("B-körkort är ett krav.", "low.driving_licence", "B-körkort"),
    ("Körkort krävs.", "low.driving_licence", "Körkort"),
    ("A driving licence is essential.", "low.driving_licence", "driving licence"),
]

MUST_NOT_MATCH = [
    "Du får hantera kassan.",
    "Handledaren visar dig runt.",
    "Hantverkare och handläggare finns på plats.",
    "Vi jobbar ungefär 20 timmar i veckan.",
    "Tidningsutdelning på morgonen.",
    "Ungdomsgården behöver hjälp med caféet.",
    "Vi har anpassat arbetsplatsen för rullstol.",
    "Arbetsplatsen passar personer med funktionsnedsättning.",
    "Svenska på vardagsnivå räcker.",
    "Vi pratar svenska, arabiska och engelska på jobbet.",
    "Kunden ska alltid känna sig välkommen.",
    "Det gör ingen skillnad var du kommer ifrån.",
    "Skillnaden märks direkt.",
    "Du behöver inte kunna flytande svenska.",
    "Svenska som modersmål är inget krav.",
    "Ingen tidigare erfarenhet krävs.",
    "Körkort krävs inte.",
    "Du behöver inte ha körkort.",
    "Under 30 år har vi drivit restaurangen.",
    "Vi har funnits i över 40 år.",
    "Kocken har arbetat här i 25 år.",
    "Du lyfter lådor under 20 kg.",
    "Arbetstid 07\u201316 på vardagar.",
    "Vi arbetar 20-30 timmar i veckan.",
    "Vi har 15\u201320 anställda.",
    "Vi arbetar i frisk luft hela dagen.",
    "Friskvårdsbidrag ingår.",
    "Vi arbetar med yngre barn på förskolan.",
    "Många unga kunder handlar här.",
    "Alla är välkomna oavsett kön, ålder och bakgrund.",
    "Du får handledning av en erfaren kollega.",
    "Hen ska visa dig runt.",
    "Han/hon ska visa dig runt.",
    "Kassörerna börjar klockan sju.",
    "Manuell hantering av gods.",
    "En heterogen grupp med olika bakgrund.",
    "Vi tar hänsyn till muslimska och kristna högtider.",
    "Vi hanterar allergier i köket varje dag.",
    "Mångkulturell arbetsplats.",
    "We serve healthy food.",
    "Fluent Swedish is not required.",
    "You do not need a driving licence.",
    "We work with young children.",
    "Start straight away.",
    "Christmas opening hours apply.",
    "No experience needed, we show you how.",
    "Male and female applicants welcome.",
    "Kvinnliga och manliga sökande välkomnas.",
]


def test_tables_are_big_enough():
    assert len(MUST_MATCH) >= 30
    assert len(MUST_NOT_MATCH) >= 30


@pytest.mark.parametrize(("text", "rule_id", "matched"), MUST_MATCH)
def test_flagged_phrases(text, rule_id, matched):
    issues = find_wording_issues(text)
    assert [(issue.rule_id, issue.text) for issue in issues] == [(rule_id, matched)]
    issue = issues[0]
    assert text[issue.start : issue.end] == issue.text
    assert issue.category == rule_by_id(rule_id).category


@pytest.mark.parametrize("text", MUST_NOT_MATCH)
def test_phrases_that_are_fine(text):
    assert find_wording_issues(text) == []


def test_every_rule_is_exercised_by_the_table():
    assert {rule.id for rule in load_rules()} == {rule_id for _, rule_id, _ in MUST_MATCH}


def test_several_issues_come_in_reading_order_with_offsets():
    text = "Vi söker en ung tjej, max 35 år, med svenska som modersmål och B-körkort."
    issues = find_wording_issues(text)
    assert [issue.rule_id for issue in issues] == [
        "age.young",
        "sex.gendered_words",
        "age.limit",
        "ethnicity.native_language",
        "low.driving_licence",
    ]
    assert [issue.start for issue in issues] == sorted(issue.start for issue in issues)
    for issue in issues:
        assert text[issue.start : issue.end] == issue.text


def test_a_longer_phrase_hides_shorter_hits_inside_it():
    issues = find_wording_issues("Du har ett kvinnligt utseende.")
    assert [(issue.rule_id, issue.text) for issue in issues] == [
        ("gender_identity.assigned_sex", "kvinnligt utseende")
    ]


@pytest.mark.parametrize(
    "text",
    ["tjej", "tjejen", "tjejer", "tjejerna", "kille", "killen", "killar", "killarna"],
)
def test_swedish_inflections_of_gendered_words(text):
    assert [issue.rule_id for issue in find_wording_issues(f"Vi söker {text}.")] == [
        "sex.gendered_words"
    ]


@pytest.mark.parametrize("text", ["ung", "unga", "ungt", "yngre", "UNG", "Yngre"])
def test_swedish_forms_of_young(text):
    assert [issue.rule_id for issue in find_wording_issues(f"Du är {text} och glad.")] == [
        "age.young"
    ]


@pytest.mark.parametrize("dash", ["-", "\u2013", "\u2014", " - ", " \u2013 "])
def test_age_ranges_with_any_dash(dash):
    issues = find_wording_issues(f"Du är 18{dash}25 år.")
    assert [issue.rule_id for issue in issues] == ["age.range"]


def test_empty_text_has_no_issues():
    assert find_wording_issues("") == []


def test_issue_texts_by_locale():
    issue = find_wording_issues("Perfekt svenska.")[0]
    assert isinstance(issue, WordingIssue)
    assert "lågtröskeljobb" in issue.explanation("sv")
    assert "low-threshold" in issue.explanation("en_GB")
    assert issue.suggestion("sv_SE") == rule_by_id("low.swedish_level").suggestion_sv
    assert issue.suggestion("en") == rule_by_id("low.swedish_level").suggestion_en
    assert issue.category_name("sv") == "Passar inte ett lågtröskeljobb"
    assert issue.category_name("en") == "Does not fit a low-threshold job"


def test_rule_ids_are_unique():
    ids = Counter(rule.id for rule in load_rules())
    assert [rule_id for rule_id, count in ids.items() if count > 1] == []


def test_every_rule_is_complete_in_both_languages():
    for rule in load_rules():
        assert rule.category in CATEGORIES, rule.id
        assert rule.id.split(".")[0] in {rule.category, "low"}, rule.id
        assert rule.patterns_sv and rule.patterns_en, rule.id
        for text in (
            rule.explanation_sv,
            rule.explanation_en,
            rule.suggestion_sv,
            rule.suggestion_en,
        ):
            assert text.strip(), rule.id
        assert rule.explanation("sv") != rule.explanation("en"), rule.id
        assert len(rule.compiled) == len(rule.patterns_sv) + len(rule.patterns_en)
        assert all(isinstance(pattern, re.Pattern) for pattern in rule.compiled)


def test_low_threshold_rules_use_their_own_category():
    for rule in load_rules():
        if rule.id.startswith("low."):
            assert rule.category == "contradicts_low_threshold"


def test_every_category_has_a_rule_and_both_names():
    assert {rule.category for rule in load_rules()} == set(CATEGORIES)
    for code in CATEGORIES:
        assert category_name(code, "sv") and category_name(code, "en")
        assert category_name(code, "sv") != category_name(code, "en")


def test_patterns_are_compiled_once():
    assert load_rules() is load_rules()
    assert load_rules()[0].compiled[0] is load_rules()[0].compiled[0]


def test_unknown_rule_or_category_raises_key_error():
    with pytest.raises(KeyError):
        rule_by_id("no.such.rule")
    with pytest.raises(KeyError):
        category_name("colour", "sv")
