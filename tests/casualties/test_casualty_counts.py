"""Casualty counts: shapes of a toll, numbers, and what is not an event's toll ."""

from __future__ import annotations

import pytest

from chronicle.casualties import extract_casualties, parse_count
from chronicle.text import sentences


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # the examples
        (
            "At least two teenagers were killed, and nine other people were injured following a "
            "Russian strike targeting the city of Zaporizhzhia, the governor wrote.",
            (2, 9),
        ),
        (
            "A father and a son have been killed, and two children and their mother were wounded "
            "after Russia struck an area in the Donetsk region.",
            (2, 3),
        ),
        (
            "Officials said four people, including two children, sought medical attention after "
            "the attack.",
            (None, 4),
        ),
        (
            "Russian forces attacked several locations, killing a 46-year-old man and injuring at "
            "least two other people, the head of the administration said.",
            (1, 2),
        ),
        (
            "The death toll from a Russian attack on a passenger train on Tuesday rose to six, "
            "the prosecutor's office said.",
            (6, None),
        ),
    ],
)
def test_casualty_examples(text, expected):
    assert extract_casualties(text) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Three people were hurt in the attack, the governor said.", (None, 3)),
        ("The attack on Kharkiv also injured at least five people.", (None, 5)),
        ("A Ukrainian drone attack killed one person in the city of Enerhodar.", (1, None)),
        ("In Russia, one person was killed following a drone attack.", (1, None)),
        ("Two killed in Russian attack near Kyiv", (2, None)),
        ("Russian attacks kill 5, injure 20 over past day", (5, 20)),
        ("Twenty-three people were killed and dozens injured in Dnipro.", (23, None)),
        ("A man and a woman died after a drone hit their car.", (2, None)),
        ("Russia struck overnight, killing a couple near the capital.", (2, None)),
        ("A glide bomb killed three people, including a child, and injured 12.", (3, 12)),
        (
            "The toll rose to 31, including five children, officials said. More than 150 people "
            "were injured.",
            (31, 150),
        ),
        (
            "20 attackers, including a French national, killed and four army soldiers wounded.",
            (20, 4),
        ),
        ("A woman was killed and her husband wounded when a drone struck their car.", (1, 1)),
        ("Ukrainian drones struck the port, injuring three crew members.", (None, 3)),
        ("Eleven civilians were hospitalised after the shelling.", (None, 11)),
    ],
)
def test_toll_shapes(text, expected):
    assert extract_casualties(text) == expected


@pytest.mark.parametrize(
    "text",
    [
        # war totals, cumulative and estimated figures
        "As many as 325,000 Russians have been killed since the war began, the think tank said.",
        "The sports minister noted that Russia's invasion had killed more than 650 Ukrainian "
        "athletes and coaches.",
        "Russia and Ukraine exchanged the bodies of soldiers killed in the war on Thursday.",
        "At least 232 civilians were killed and 1,343 injured in Ukraine in June, the UN said.",
        "More than 13,500 civilians have been killed since February 2022.",
        "A report said Russia suffered 1.2 million casualties, including up to 325,000 deaths.",
        "The number of soldiers killed, injured or missing could hit two million. Officials "
        "said two people were killed near Kyiv.",
        # numbers that are not people hurt
        "German authorities detained at least five people suspected of sanctions evasion.",
        "At least 1,142 apartment blocks have been left without heating.",
        "Russia deployed 450 attack drones and more than 60 missiles.",
        "Air defences intercepted and destroyed 40 drones overnight.",
        "There were no immediate reports of casualties.",
        "The woman had a four-year-old daughter who survived the strike.",
        "",
        "   ",
    ],
)
def test_not_an_event_toll(text):
    assert extract_casualties(text) == (None, None)


@pytest.mark.parametrize(
    "text",
    [
        "Ten years ago, 298 people were killed when MH17 was shot down.",
        "Ukraine marked the anniversary of the Kramatorsk station strike that killed 61 people.",
        "Russia's strike killed 12 people last week in Kryvyi Rih.",
    ],
)
def test_past_events_are_not_todays_toll(text):
    assert extract_casualties(text) == (None, None)


def test_earlier_event_recalled_in_passing_is_skipped():
    text = (
        "Russia pounded cities overnight, killing a couple near Kyiv a day after five people "
        "died in an attack on a passenger train."
    )
    assert extract_casualties(text) == (2, None)


def test_only_the_lead_counts():
    lead = "A drone hit a house. Nobody was home. The fire was put out. Roads were closed. "
    assert extract_casualties(lead + "Three people were killed in Sumy.") == (
        None,
        None,
    )


def test_parse_count_coordination_and_qualifiers():
    assert parse_count("at least two teenagers".split(), 0) == (2, 4)
    assert parse_count("a father and a son".split(), 0)[0] == 2
    assert parse_count("two children and their mother".split(), 0)[0] == 3
    assert parse_count("more than 1,000 people".split(), 0)[0] == 1000
    assert parse_count("dozens of people".split(), 0)[0] is None
    assert parse_count("the building".split(), 0)[0] is None


def test_sentences_keep_abbreviations():
    assert sentences("Mr. Smith said so. Then U.S. officials left.") == [
        "Mr. Smith said so.",
        "Then U.S. officials left.",
    ]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            "Russian attacks over the past day killed at least seven people and injured 25 others, "
            "regional authorities reported on Nov. 3.",
            (7, 25),
        ),
        ("Russian strikes kill 3, injure 12 in Kherson Oblast", (3, 12)),
        ("The attack killed a 12-year-old boy and injured his mother.", (1, 1)),
        ("Two people, including a child, were killed in the strike.", (2, None)),
        ("Casualties: 4 dead, 17 injured.", (4, 17)),
        ("Russian missiles hit Dnipro, killing at least 14 and wounding dozens.", (14, None)),
        (
            "Five civilians were killed and 19 others wounded in a Russian glide bomb attack.",
            (5, 19),
        ),
        ("A Russian drone strike on a bus in Kherson killed one person and injured nine.", (1, 9)),
        ("Russian shelling injured two women aged 65 and 70.", (None, 2)),
        ("At least 12 people were injured, including three children.", (None, 12)),
        ("The death toll has risen to 14, including three children.", (14, None)),
        (
            "Ukraine's General Staff said Russia had lost 1,000 troops over the past day.",
            (None, None),
        ),
        ("2 killed, 5 injured in Russian attack on Kharkiv", (2, 5)),
        ("One person was killed and another injured in the attack on Nikopol.", (1, 1)),
        ("A 72-year-old woman was killed.", (1, None)),
        ("Three people, among them a child, were wounded.", (None, 3)),
        ("The strike left 3 dead and 10 injured.", (3, 10)),
        ("Russian troops killed 3 civilians and wounded 8 more in Kherson.", (3, 8)),
        ("At least 17 killed as Russian missile hits apartment block in Dnipro", (17, None)),
        (
            "Russian forces shelled 30 settlements in Zaporizhzhia Oblast, injuring five people.",
            (None, 5),
        ),
        (
            "A Russian strike on Sumy killed 11 people, bringing the total killed in the city this "
            "month to 40.",
            (11, None),
        ),
        ("No casualties were reported.", (None, None)),
        ("The attack injured no one, the governor said.", (None, None)),
        ("Two Ukrainian police officers were injured while evacuating residents.", (None, 2)),
        ("Seven people were rescued from the rubble.", (None, None)),
        ("Putin said 600,000 Russian soldiers are fighting in Ukraine.", (None, None)),
        ("The drone attack on Moscow injured a woman, Mayor Sergei Sobyanin said.", (None, 1)),
    ],
)
def test_more_wire_phrasings(text, expected):
    assert extract_casualties(text) == expected
