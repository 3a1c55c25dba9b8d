"""Write a realistic multi-year war-news corpus for benchmarks, deterministic from a seed.

    python bench/generate_corpus.py --out DIR --words 1200000 --seed 1

Every input format the readers accept, in the layouts of the scraped seeds:

* ``digests-YYYY-MM-DD.txt``: a week of daily "List of key events, day N" digests
  (topic headings, "  • " bullets, photo captions, "Source link"), newest first, with
  standalone articles in between, like a scraped news-section page;
* ``liveblog-YYYY-MM-DD.txt``: a live blog with a standfirst, "Key Points", entries
  headed by "HH:MM , Name" and, for the previous day, "Wednesday 28 January 2026 23:00 ,
  Name", captions and site boilerplate;
* ``report-YYYY-MM-DD-<slug>.md``: long daily reports in Markdown with YAML front
  matter (title, date, url, publisher).

Text is recombined from sentence templates with slots (officials of the day, places,
weapons, numbers, weekdays), so it has the vocabulary and entity density of real
reporting without copying any sentence of the seeds. War-day counters and weekdays are
consistent with the dates (day 1 = 2022-02-25); office holders change over time.
The corpus ends on END and reaches back as far as the word budget needs (the whole war
for ≥ 1.2M words). ``random.Random(seed)`` is the only source of variation.
"""

from __future__ import annotations

import argparse
import datetime as dt
import hashlib
import json
import random
import sys
from dataclasses import dataclass, field
from pathlib import Path

GENERATOR_VERSION = "1"
WAR_DAY_ONE = dt.date(2022, 2, 25)
START = dt.date(2022, 2, 24)
END = dt.date(2026, 2, 20)
#: Average words per day the corpus aims for before stretching back in time.
WORDS_PER_DAY = 800

# --------------------------------------------------------------------------- vocabulary

UA_PLACES = [
    ("Kharkiv", "Kharkiv"),
    ("Zaporizhzhia", "Zaporizhia"),
    ("Kherson", "Kherson"),
    ("Odesa", "Odesa"),
    ("Dnipro", "Dnipropetrovsk"),
    ("Kryvyi Rih", "Dnipropetrovsk"),
    ("Sumy", "Sumy"),
    ("Chernihiv", "Chernihiv"),
    ("Mykolaiv", "Mykolaiv"),
    ("Pokrovsk", "Donetsk"),
    ("Kramatorsk", "Donetsk"),
    ("Sloviansk", "Donetsk"),
    ("Kostiantynivka", "Donetsk"),
    ("Druzhkivka", "Donetsk"),
    ("Lyman", "Donetsk"),
    ("Kupiansk", "Kharkiv"),
    ("Izium", "Kharkiv"),
    ("Vovchansk", "Kharkiv"),
    ("Nikopol", "Dnipropetrovsk"),
    ("Pavlohrad", "Dnipropetrovsk"),
    ("Poltava", "Poltava"),
    ("Kremenchuk", "Poltava"),
    ("Lviv", "Lviv"),
    ("Lutsk", "Volyn"),
    ("Rivne", "Rivne"),
    ("Ternopil", "Ternopil"),
    ("Vinnytsia", "Vinnytsia"),
    ("Zhytomyr", "Zhytomyr"),
    ("Bila Tserkva", "Kyiv"),
    ("Brovary", "Kyiv"),
    ("Irpin", "Kyiv"),
    ("Bucha", "Kyiv"),
    ("Cherkasy", "Cherkasy"),
    ("Kropyvnytskyi", "Kirovohrad"),
    ("Uzhhorod", "Zakarpattia"),
    ("Khmelnytskyi", "Khmelnytskyi"),
    ("Ivano-Frankivsk", "Ivano-Frankivsk"),
    ("Chernivtsi", "Chernivtsi"),
    ("Huliaipole", "Zaporizhia"),
    ("Orikhiv", "Zaporizhia"),
    ("Izmail", "Odesa"),
    ("Shostka", "Sumy"),
    ("Okhtyrka", "Sumy"),
    ("Konotop", "Sumy"),
    ("Kamianske", "Dnipropetrovsk"),
    ("Marhanets", "Dnipropetrovsk"),
    ("Siversk", "Donetsk"),
    ("Toretsk", "Donetsk"),
    ("Chasiv Yar", "Donetsk"),
    ("Myrnohrad", "Donetsk"),
    ("Beryslav", "Kherson"),
    ("Ochakiv", "Mykolaiv"),
    ("Bilhorod-Dnistrovskyi", "Odesa"),
]
OCCUPIED = [
    ("Nova Kakhovka", "Kherson"),
    ("Melitopol", "Zaporizhia"),
    ("Enerhodar", "Zaporizhia"),
    ("Berdiansk", "Zaporizhia"),
    ("Mariupol", "Donetsk"),
    ("Horlivka", "Donetsk"),
    ("Luhansk", "Luhansk"),
    ("Sievierodonetsk", "Luhansk"),
    ("Lysychansk", "Luhansk"),
    ("Sevastopol", "Crimea"),
    ("Simferopol", "Crimea"),
    ("Dzhankoi", "Crimea"),
]
RU_PLACES = [
    ("Belgorod", "Belgorod"),
    ("Kursk", "Kursk"),
    ("Bryansk", "Bryansk"),
    ("Voronezh", "Voronezh"),
    ("Rostov-on-Don", "Rostov"),
    ("Taganrog", "Rostov"),
    ("Novorossiysk", "Krasnodar"),
    ("Tuapse", "Krasnodar"),
    ("Saratov", "Saratov"),
    ("Engels", "Saratov"),
    ("Ryazan", "Ryazan"),
    ("Tula", "Tula"),
    ("Kaluga", "Kaluga"),
    ("Oryol", "Oryol"),
    ("Lipetsk", "Lipetsk"),
    ("Tambov", "Tambov"),
    ("Volgograd", "Volgograd"),
    ("Samara", "Samara"),
    ("Yelabuga", "Tatarstan"),
    ("Smolensk", "Smolensk"),
    ("Pskov", "Pskov"),
    ("Shebekino", "Belgorod"),
    ("Rylsk", "Kursk"),
    ("Novaya Tavolzhanka", "Belgorod"),
    ("Klintsy", "Bryansk"),
]
UA_FIRST = (
    "Oleh Ivan Serhiy Vadym Vitaliy Oleksandr Yuriy Andriy Mykola Ihor Tetiana Olena Iryna "
    "Natalia Kateryna Dmytro Roman Artem Bohdan Taras Yulia Svitlana Maksym Pavlo Ruslan "
    "Viktor Mykhailo Yevhen Anatoliy Liudmyla"
).split()
UA_LAST = (
    "Kovalenko Bondarenko Tkachenko Kravchenko Shevchuk Melnyk Boyko Oliynyk Lysenko "
    "Marchenko Savchenko Rudenko Moroz Petrenko Klymenko Pavlenko Levchenko Kharchenko "
    "Hnatiuk Fedorenko Lysak Prokudin Filashkin Sadovyi Kozytskyi Chaus Artiukh Ivashchenko "
    "Hryhorenko Zhuravel Honcharuk Yarmolenko Dovhan Sytnyk Romanenko"
).split()
RU_FIRST = (
    "Vyacheslav Alexander Sergei Andrei Vasily Alexei Igor Dmitry Roman Yevgeny Mikhail "
    "Anatoly Pavel Nikolai Yuri Maria Olga Anna Gleb Konstantin"
).split()
RU_LAST = (
    "Gladkov Bogomaz Gusev Golubev Slyusar Kondratyev Busargin Nikitin Morozov Sobolev "
    "Volkov Orlov Smirnov Kuznetsov Popov Sokolov Lebedev Novikov Mikhailov Yegorov "
    "Ostrovsky Zhukov Belov"
).split()
REPORTERS = (
    "Arpan Rai|Alex Croft|Harriette Boucher|Tom Watling|Maryam Zakir-Hussain|Chris Stevenson|"
    "Jane Dalton|Mike Bedigan|Kate Plummer|Bel Trew|Sam Hancock|Lydia Patrick|Tara Cobham"
).split("|")
PHOTOGRAPHERS = (
    "Thomas Peter|Gleb Garanich|Valentyn Ogirenko|Sergei Gapon|Genya Savilov|Oleksandr Gimanov|"
    "Alina Smutko|Vladyslav Musiienko|Anatolii Stepanov|Stringer|Evgeniy Maloletka"
).split("|")
AGENCIES = ("Reuters", "AFP", "AP", "Getty Images", "EPA", "Handout")

# Offices whose holders change over the war: (role phrase, [(from date, name)]).
OFFICES: dict[str, tuple[str, list[tuple[dt.date, str]]]] = {
    "ua_president": ("Ukrainian President", [(START, "Volodymyr Zelenskyy")]),
    "ru_president": ("Russian President", [(START, "Vladimir Putin")]),
    "kremlin_spox": ("Kremlin spokesman", [(START, "Dmitry Peskov")]),
    "ru_fm": ("Russian Foreign Minister", [(START, "Sergey Lavrov")]),
    "ru_dm": (
        "Russian Defence Minister",
        [(START, "Sergei Shoigu"), (dt.date(2024, 5, 12), "Andrei Belousov")],
    ),
    "ua_fm": (
        "Ukrainian Foreign Minister",
        [(START, "Dmytro Kuleba"), (dt.date(2024, 9, 5), "Andrii Sybiha")],
    ),
    "ua_dm": (
        "Ukrainian Defence Minister",
        [
            (START, "Oleksii Reznikov"),
            (dt.date(2023, 9, 6), "Rustem Umerov"),
            (dt.date(2025, 7, 17), "Denys Shmyhal"),
        ],
    ),
    "ua_pm": (
        "Ukrainian Prime Minister",
        [(START, "Denys Shmyhal"), (dt.date(2025, 7, 17), "Yulia Svyrydenko")],
    ),
    "ua_cinc": (
        "Ukraine's commander-in-chief",
        [(START, "Valerii Zaluzhnyi"), (dt.date(2024, 2, 8), "Oleksandr Syrskyi")],
    ),
    "nato_sg": (
        "NATO Secretary-General",
        [(START, "Jens Stoltenberg"), (dt.date(2024, 10, 1), "Mark Rutte")],
    ),
    "us_president": (
        "US President",
        [(START, "Joe Biden"), (dt.date(2025, 1, 20), "Donald Trump")],
    ),
    "us_sos": (
        "US Secretary of State",
        [(START, "Antony Blinken"), (dt.date(2025, 1, 21), "Marco Rubio")],
    ),
    "uk_pm": (
        "UK Prime Minister",
        [
            (START, "Boris Johnson"),
            (dt.date(2022, 9, 6), "Liz Truss"),
            (dt.date(2022, 10, 25), "Rishi Sunak"),
            (dt.date(2024, 7, 5), "Keir Starmer"),
        ],
    ),
    "de_chancellor": (
        "German Chancellor",
        [(START, "Olaf Scholz"), (dt.date(2025, 5, 6), "Friedrich Merz")],
    ),
    "fr_president": ("French President", [(START, "Emmanuel Macron")]),
    "eu_fp": (
        "EU foreign policy chief",
        [(START, "Josep Borrell"), (dt.date(2024, 12, 1), "Kaja Kallas")],
    ),
    "ec_president": ("European Commission President", [(START, "Ursula von der Leyen")]),
    "pl_pm": (
        "Polish Prime Minister",
        [(START, "Mateusz Morawiecki"), (dt.date(2023, 12, 13), "Donald Tusk")],
    ),
    "hu_pm": ("Hungarian Prime Minister", [(START, "Viktor Orban")]),
    "tr_president": ("Turkish President", [(START, "Recep Tayyip Erdogan")]),
    "iaea": ("IAEA chief", [(START, "Rafael Grossi")]),
    "un_sg": ("UN Secretary-General", [(START, "Antonio Guterres")]),
    "by_president": ("Belarusian President", [(START, "Alexander Lukashenko")]),
    "ru_security": ("deputy chairman of Russia's Security Council", [(START, "Dmitry Medvedev")]),
    "kyiv_mayor": ("Kyiv Mayor", [(START, "Vitali Klitschko")]),
    "ua_intel": ("Ukraine's military intelligence chief", [(START, "Kyrylo Budanov")]),
    "us_envoy": (
        "US special envoy",
        [(START, "Amos Hochstein"), (dt.date(2025, 1, 20), "Steve Witkoff")],
    ),
}
ALLIES = [
    ("Germany", "German", "Berlin"),
    ("France", "French", "Paris"),
    ("the United Kingdom", "British", "London"),
    ("Poland", "Polish", "Warsaw"),
    ("Sweden", "Swedish", "Stockholm"),
    ("Denmark", "Danish", "Copenhagen"),
    ("the Netherlands", "Dutch", "The Hague"),
    ("Norway", "Norwegian", "Oslo"),
    ("Finland", "Finnish", "Helsinki"),
    ("Canada", "Canadian", "Ottawa"),
    ("Italy", "Italian", "Rome"),
    ("Spain", "Spanish", "Madrid"),
    ("Lithuania", "Lithuanian", "Vilnius"),
    ("Estonia", "Estonian", "Tallinn"),
    ("Latvia", "Latvian", "Riga"),
    ("Japan", "Japanese", "Tokyo"),
    ("Australia", "Australian", "Canberra"),
    ("Belgium", "Belgian", "Brussels"),
    ("the Czech Republic", "Czech", "Prague"),
    ("Romania", "Romanian", "Bucharest"),
]
ALLY_FIRST = "Pal Troels Hanna Mette Karin Jan Petr Gabrielius Margus Lars Anne Maria Ruben".split()
ALLY_LAST = (
    "Jonson Poulsen Larsen Berg Andersen Novak Landsbergis Tsahkna Brekelmans Crosetto".split()
)
WEAPONS = [
    "drones",
    "Shahed-type drones",
    "ballistic missiles",
    "cruise missiles",
    "glide bombs",
    "Iskander-M missiles",
    "Kh-101 cruise missiles",
    "Kalibr missiles",
    "artillery",
    "multiple rocket launchers",
    "guided aerial bombs",
    "attack drones and missiles",
]
AID_SYSTEMS = [
    "Patriot air defence systems",
    "IRIS-T systems",
    "F-16 fighter jets",
    "artillery shells",
    "HIMARS rocket systems",
    "Leopard 2 tanks",
    "Bradley fighting vehicles",
    "NASAMS systems",
    "long-range drones",
    "155mm ammunition",
    "Storm Shadow missiles",
    "Gripen fighter jets",
    "armoured personnel carriers",
    "counter-drone systems",
    "air defence interceptors",
]
ENERGY_SITES = [
    "a thermal power plant",
    "an electrical substation",
    "a gas production facility",
    "a hydroelectric plant",
    "energy infrastructure",
    "a heating plant",
    "power lines",
    "an oil depot",
    "a fuel storage facility",
]
RU_TARGETS = [
    "an oil refinery",
    "a fuel depot",
    "an airbase",
    "an ammunition depot",
    "a military airfield",
    "an oil terminal",
    "a drone factory",
    "a railway junction",
    "a power substation",
]
CIVIL_TARGETS = [
    "a residential building",
    "a high-rise apartment block",
    "a hospital",
    "a school",
    "a supermarket",
    "a railway station",
    "a bus",
    "a passenger train",
    "private houses",
    "a kindergarten",
    "an industrial enterprise",
    "a warehouse",
    "a port facility",
]
VILLAGES = (
    "Novoselivka Ivanivka Petrivka Andriivka Bohdanivka Zelene Stepove Nadiia Kalynove "
    "Maliivka Dachne Tarasivka Pishchane Zarichne Novopavlivka Uspenivka"
).split()
NUM_WORDS = "no one two three four five six seven eight nine ten eleven twelve".split()
WEEKDAYS = "Monday Tuesday Wednesday Thursday Friday Saturday Sunday".split()
MONTHS = (
    "January February March April May June July August September October November December"
).split()


# --------------------------------------------------------------------------- slot context


@dataclass
class Ctx:
    """Slot values shared by the sentences of one story, so they agree with each other."""

    rng: random.Random
    date: dt.date
    governors: dict[str, list[tuple[dt.date, str]]]
    slots: dict[str, str] = field(default_factory=dict)

    def office(self, key: str) -> str:
        holders = OFFICES[key][1]
        name = holders[0][1]
        for since, who in holders:
            if self.date >= since:
                name = who
        return name

    def governor(self, region: str) -> str:
        name = self.governors[region][0][1]
        for since, who in self.governors[region]:
            if self.date >= since:
                name = who
        return name


def _num(rng: random.Random, lo: int, hi: int) -> str:
    n = rng.randint(lo, hi)
    return NUM_WORDS[n] if n <= 12 and rng.random() < 0.7 else f"{n:,}"


def _people(n_text: str) -> str:
    return "person" if n_text in ("one", "1") else "people"


def new_story(ctx: Ctx) -> dict[str, str]:
    """Fill every slot a template may use; one call per bullet, entry or paragraph group."""
    rng, d = ctx.rng, ctx.date
    city, region = rng.choice(UA_PLACES)
    city2, region2 = rng.choice(UA_PLACES)
    occ, occ_region = rng.choice(OCCUPIED)
    ru_city, ru_region = rng.choice(RU_PLACES)
    ally, ally_adj, ally_capital = rng.choice(ALLIES)
    killed, injured = _num(rng, 1, 14), _num(rng, 1, 40)
    yesterday = d - dt.timedelta(days=1)
    when = rng.choice(
        [
            f"on {WEEKDAYS[yesterday.weekday()]}",
            "overnight",
            f"late on {WEEKDAYS[yesterday.weekday()]}",
            f"early on {WEEKDAYS[d.weekday()]}",
            "on Telegram",
            "in a statement",
        ]
    )
    minister = rng.choice(ALLY_FIRST) + " " + rng.choice(ALLY_LAST)
    return {
        "city": city,
        "region": region,
        "city2": city2,
        "region2": region2,
        "occ": occ,
        "occ_region": occ_region,
        "ru_city": ru_city,
        "ru_region": ru_region,
        "gov": ctx.governor(region),
        "gov2": ctx.governor(region2),
        "ru_gov": ctx.governor("ru:" + ru_region),
        "occ_gov": ctx.governor("occ:" + occ_region),
        "ally": ally,
        "Ally": ally[0].upper() + ally[1:],
        "ally_adj": ally_adj,
        "ally_capital": ally_capital,
        "ally_minister": minister,
        "killed": killed,
        "injured": injured,
        "killed_people": _people(killed),
        "injured_people": _people(injured),
        "n_drones": str(rng.randint(12, 480)),
        "n_missiles": str(rng.randint(2, 70)),
        "n_down": str(rng.randint(10, 400)),
        "n_small": _num(rng, 2, 9),
        "n_buildings": str(rng.randint(3, 1200)),
        "n_homes": f"{rng.randint(2, 900) * 1000:,}",
        "n_pct": str(rng.randint(2, 45)),
        "n_pow": str(rng.randint(30, 650)),
        "n_bodies": str(rng.choice([500, 757, 909, 1000, 1212, 48, 77, 94, 563])),
        "n_km": str(rng.randint(3, 40)),
        "n_sq": str(rng.randint(4, 90)),
        "amount": f"${rng.randint(1, 60) * 50}m"
        if rng.random() < 0.6
        else f"{rng.randint(1, 9)}.{rng.randint(1, 9)} billion euros",
        "age": str(rng.randint(18, 88)),
        "donation": f"${rng.randint(1, 20)}m",
        "village": rng.choice(VILLAGES),
        "nth": rng.choice(["second", "third", "fourth", "fifth", "sixth", "seventh"]),
        "when_past": f"{WEEKDAYS[yesterday.weekday()]}'s",
        "n_shell": str(rng.randint(4, 160)),
        "was_were": "was" if killed in ("one", "1") else "were",
        "victim": rng.choice(["man", "woman", "volunteer", "rescuer"]),
        "adj": rng.choice(
            [
                "\u201cvery productive\u201d",
                "\u201cgood\u201d",
                "long",
                "\u201cfrank\u201d",
                "\u201cconstructive\u201d",
            ]
        ),
        "attr_ua": _attr(rng, ctx, city, region, yesterday),
        "attr_ua2": _attr(rng, ctx, city2, region2, yesterday),
        "weapon": rng.choice(WEAPONS),
        "system": rng.choice(AID_SYSTEMS),
        "energy_site": rng.choice(ENERGY_SITES),
        "ru_target": rng.choice(RU_TARGETS),
        "civil": rng.choice(CIVIL_TARGETS),
        "civil2": rng.choice(CIVIL_TARGETS),
        "when": when,
        "weekday": WEEKDAYS[d.weekday()],
        "yday": WEEKDAYS[yesterday.weekday()],
        "tomorrow": WEEKDAYS[(d.weekday() + 1) % 7],
        "month": MONTHS[d.month - 1],
        "year": str(d.year),
        "prev_year": str(d.year - 1),
        "ua_president": ctx.office("ua_president"),
        "ru_president": ctx.office("ru_president"),
        "peskov": ctx.office("kremlin_spox"),
        "ru_fm": ctx.office("ru_fm"),
        "ru_dm": ctx.office("ru_dm"),
        "ua_fm": ctx.office("ua_fm"),
        "ua_dm": ctx.office("ua_dm"),
        "ua_pm": ctx.office("ua_pm"),
        "ua_cinc": ctx.office("ua_cinc"),
        "nato_sg": ctx.office("nato_sg"),
        "us_president": ctx.office("us_president"),
        "us_sos": ctx.office("us_sos"),
        "uk_pm": ctx.office("uk_pm"),
        "de_chancellor": ctx.office("de_chancellor"),
        "fr_president": ctx.office("fr_president"),
        "eu_fp": ctx.office("eu_fp"),
        "ec_president": ctx.office("ec_president"),
        "pl_pm": ctx.office("pl_pm"),
        "hu_pm": ctx.office("hu_pm"),
        "tr_president": ctx.office("tr_president"),
        "iaea": ctx.office("iaea"),
        "un_sg": ctx.office("un_sg"),
        "by_president": ctx.office("by_president"),
        "medvedev": ctx.office("ru_security"),
        "kyiv_mayor": ctx.office("kyiv_mayor"),
        "ua_intel": ctx.office("ua_intel"),
        "us_envoy": ctx.office("us_envoy"),
        "venue": rng.choice(
            [
                "Abu Dhabi",
                "Istanbul",
                "Riyadh",
                "Geneva",
                "Jeddah",
                "Minsk",
                "Doha",
                "the Vatican",
                "Brussels",
            ]
        ),
    }


def _attr(rng: random.Random, ctx: Ctx, city: str, region: str, yday: dt.date) -> str:
    """Who said it: the clause that ends most front-line reports."""
    when = rng.choice([f"on {WEEKDAYS[yday.weekday()]}", "overnight", "on Telegram", ""])
    choice = rng.randrange(7)
    if choice == 0:
        return f"regional Governor {ctx.governor(region)} said {when}".rstrip()
    if choice == 1:
        return f"the {region} regional military administration said {when}".rstrip()
    if choice == 2:
        return f"the head of {city}'s military administration said on Telegram"
    if choice == 3:
        return f"Ukraine's State Emergency Service said {when}".rstrip()
    if choice == 4:
        return f"the prosecutor's office of the {region} region said"
    if choice == 5:
        return f"{ctx.office('ua_president')} said in his evening address"
    return f"local officials told {rng.choice(['Reuters', 'AFP', 'The Associated Press'])}"


def _surname(name: str) -> str:
    return name.split()[-1]


# --------------------------------------------------------------------------- templates

T = dict[str, list[str]]

BULLETS: T = {
    "fighting": [
        "At least {killed} {killed_people} were killed and {injured} others were injured in a "
        "Russian strike on {city}, {attr_ua}.",
        "Russian forces launched {n_drones} drones and {n_missiles} missiles at Ukraine {when}, "
        "the Ukrainian Air Force said, adding that air defences shot down {n_down} of them over "
        "{n_small} regions including {region} and {region2}.",
        "A Russian attack on {civil} in the {region} region killed {killed} {killed_people} "
        "and wounded {injured}, {attr_ua}.",
        "{killed} {killed_people} died in Ukrainian shelling of the Russian-occupied town of {occ} "
        "in the {occ_region} region, Moscow-installed official {occ_gov} said {when}.",
        "Ukraine's military said it struck {ru_target} near {ru_city} in Russia's {ru_region} "
        "region {when}, causing a fire that burned for {n_small} hours, according to Governor "
        "{ru_gov}.",
        "Russia's Ministry of Defence said air defence systems intercepted and destroyed "
        "{n_down} Ukrainian drones {when}, including {n_small} over the {ru_region} region.",
        "A {age}-year-old {victim} was killed when Russian {weapon} hit {civil} in {city}, "
        "{attr_ua}.",
        "Russian troops have captured the village of {village} in the {region2} region, the "
        "Russian Defence Ministry claimed on {yday}, a statement that could not be "
        "independently verified.",
        "Ukrainian forces pushed back Russian assault groups near {city} and advanced about "
        "{n_km} kilometres over {n_small} days, {ua_cinc} said on {yday}.",
        "In Russia, {killed} {killed_people} {was_were} killed after a Ukrainian drone attack on "
        "{ru_city} in the {ru_region} region, Governor {ru_gov} said on Telegram.",
        "Debris from a downed drone damaged {civil} and injured {injured} {injured_people} in "
        "{city2}, {attr_ua2}.",
        "Russian {weapon} struck {energy_site} in the {region} region, leaving about "
        "{n_homes} households without power, {attr_ua}.",
        "The death toll from {when_past} Russian attack on {civil} in {city} rose to {killed}, "
        "with {injured} injured, {attr_ua}.",
        "Russian forces shelled {city} {n_shell} times over the past day, damaging {civil} and "
        "{civil2}, {attr_ua}.",
        "Ukraine's General Staff said Russian troops carried out {n_pow} assaults along the "
        "front line in the past day, most of them near {city} and {city2}.",
        "A Ukrainian drone struck {ru_target} in the {ru_region} region {when}, and {injured} "
        "{injured_people} were hurt by falling debris in {ru_city}, local authorities said.",
    ],
    "aid": [
        "{Ally} will send Ukraine a new package of military aid worth {amount}, including "
        "{system}, {ally_adj} Defence Minister {ally_minister} said in {ally_capital}.",
        "{ua_dm} said Ukraine had received the first batch of {system} promised by {ally}, "
        "the {nth} delivery since {month} {prev_year}.",
        "{nato_sg} urged allies to speed up deliveries of {system}, warning at a meeting in "
        "{ally_capital} that Ukraine needed at least {n_small} more batteries.",
        "{ally_adj} and Ukrainian companies signed an agreement to jointly produce {system} in "
        "the {region} region, {ua_president} said after talks in {ally_capital}.",
        "The United States approved the sale of spare parts for {system} to Ukraine worth "
        "{amount}, the State Department said on {yday}.",
        "A coalition of {n_small} European countries led by {ally} pledged {amount} to finance "
        "{system} for Ukraine at a meeting of the Ukraine Defense Contact Group.",
        "{ally_adj} Defence Minister {ally_minister} said {ally} would train {n_pow} more "
        "Ukrainian soldiers to operate {system} by the end of {year}.",
    ],
    "diplomacy": [
        "{ua_president} said in his nightly video address on {yday} that Kyiv was ready for "
        "the next round of talks in {venue} but would not give up {region}.",
        "{peskov} told reporters in Moscow that the Kremlin remained open to talks in {venue} "
        "but that the \u201croot causes\u201d of the conflict in {region} had to be addressed.",
        "{ru_fm} accused {ally} and other Western countries of prolonging the war by sending "
        "{system} to Kyiv, Russia's state TASS news agency reported.",
        "{us_president} said he had held a {adj} phone call with {ru_president} lasting "
        "{n_small} hours and that a meeting between the two leaders in {venue} was being "
        "discussed.",
        "{fr_president} and {uk_pm} said a coalition of {n_small} European countries was ready "
        "to provide security guarantees for Ukraine after any ceasefire, following talks in "
        "{ally_capital}.",
        "{hu_pm} said Budapest would block the {nth} package of EU sanctions against Russia "
        "unless Hungary received guarantees on energy supplies, {ally_adj} diplomats said.",
        "{medvedev} warned that the deployment of troops from {ally} or other European "
        "countries to {region} would be treated as a direct threat to Russia.",
        "{ua_fm} met his {ally_adj} counterpart {ally_minister} in {ally_capital} on {yday} to "
        "discuss Ukraine's accession talks with the European Union.",
        "{eu_fp} said the bloc was preparing its {nth} package of sanctions, targeting "
        "{n_pow} vessels of Russia's shadow fleet of oil tankers.",
        "{tr_president} offered to host direct talks between Russian and Ukrainian "
        "delegations in Istanbul, saying {venue} had also offered to mediate.",
        "{us_envoy} will travel to {venue} on {tomorrow} for {n_small} days of talks with "
        "Russian and Ukrainian negotiators, a White House official said.",
        "{us_sos} said negotiators had narrowed the remaining issues to {n_small} points, "
        "including the future of the {region} region and the Zaporizhzhia nuclear plant.",
    ],
    "economy": [
        "Russia's central bank kept its key interest rate at {n_pct} percent on {yday}, "
        "citing inflation of about {n_small} percent driven by military spending.",
        "Ukraine's economy grew by {n_small} percent in {prev_year}, the economy ministry "
        "said, despite Russian attacks on industry in the {region} region.",
        "The European Union agreed to use windfall profits from frozen Russian assets to "
        "fund a loan of {amount} for Ukraine, {ec_president} said.",
        "Russian oil export revenues fell by {n_pct} percent in {month}, the International "
        "Energy Agency said, as {ally} tightened enforcement of the price cap.",
        "The IMF approved a disbursement of {amount} to Ukraine after completing the {nth} "
        "review of its lending programme.",
        "Ukrainian grain exports through ports in the {region} region reached {n_pow} "
        "thousand tonnes in the first {n_small} weeks of {month}, the agriculture ministry "
        "said.",
    ],
    "energy": [
        "Ukraine's grid operator Ukrenergo announced power cuts of up to {n_small} hours in "
        "the {region} and {region2} regions after strikes on {energy_site}.",
        "{kyiv_mayor} said {n_buildings} apartment buildings in Kyiv remained without "
        "heating on {weekday} after Russian {weapon} hit {energy_site}.",
        "{iaea} said the Zaporizhzhia nuclear power plant lost its last external power line "
        "for {n_small} hours, the {nth} such incident since {month} {prev_year}.",
        "Ukraine's electricity imports rose by {n_pct} percent in {month} compared with the "
        "previous month, reaching a record {n_pow} gigawatt hours.",
        "The private energy company DTEK said {energy_site} in the {region} region was "
        "damaged by Russian {weapon} for the {nth} time this year.",
    ],
    "humanitarian": [
        "Russia and Ukraine exchanged {n_bodies} prisoners of war each in a deal mediated by "
        "the United Arab Emirates, {ua_president} said on {yday}.",
        "Ukraine received the bodies of {n_bodies} soldiers killed in the war, including "
        "{n_small} from the {region} front, the coordination headquarters said.",
        "The UN human rights monitoring mission said at least {n_pow} civilians were killed "
        "in Ukraine in {month}, including {killed} in the {region} region.",
        "Authorities ordered the evacuation of families with {n_pow} children from {n_small} "
        "villages near {city}, {attr_ua}.",
        "Volunteers in {ally_capital} collected {donation} in {n_small} days to buy generators "
        "and heaters for hospitals in the {region} region.",
    ],
    "security": [
        "{pl_pm} said Poland scrambled fighter jets after {n_small} Russian drones entered its "
        "airspace during an attack on {city} and other cities in western Ukraine.",
        "{by_president} said Belarus would host {n_small} more Russian missile systems before "
        "the end of {year}, in remarks carried by state media in Minsk.",
        "{ally_adj} authorities arrested {n_small} people suspected of sabotage on behalf of "
        "Russian intelligence, prosecutors in {ally_capital} said on {yday}.",
        "{nato_sg} said allies must raise defence spending to {n_small} percent of GDP, "
        "speaking at a meeting in {ally_capital}.",
        "A damaged undersea cable in the Baltic Sea prompted {ally} to send {n_small} more "
        "ships on patrol, {ally_adj} Defence Minister {ally_minister} said.",
    ],
    "sport": [
        "Ukraine's sports ministry said its athletes would boycott {n_small} competitions in "
        "{year} where Russian athletes compete under their own flag.",
        "The International Olympic Committee said {n_small} Russian athletes could take part "
        "as neutrals in {ally_capital}, a decision Ukrainian officials called "
        "\u201cshameful\u201d.",
        "More than {n_pow} Ukrainian athletes have been killed since the start of the "
        "full-scale invasion, including {n_small} from the {region} region, Ukraine's sports "
        "minister said.",
    ],
}
HEADINGS = {
    "fighting": ["Fighting"],
    "aid": ["Military aid", "Weapons"],
    "diplomacy": [
        "Politics and diplomacy",
        "Diplomacy and politics",
        "Peace talks",
        "Ceasefire talks",
        "Politics",
    ],
    "economy": ["Economy", "Sanctions"],
    "energy": ["Energy"],
    "humanitarian": ["Humanitarian aid", "Prisoner exchanges"],
    "security": ["Regional security"],
    "sport": ["Sport"],
}
FOLLOW_UPS = {
    "fighting": [
        "The attack also damaged {civil2} and several cars, officials said.",
        "Officials said {n_small} children were among the injured.",
        "\u201cThe enemy continues to target civilians,\u201d {gov} wrote on Telegram.",
        "Moscow has not commented on the report.",
        "The claim could not be independently verified.",
        "It was the {nth} attack on {city} this week.",
        "Kyiv has repeatedly called on its allies to provide more air defence systems.",
        "Rescue workers were searching the rubble in {city} for survivors.",
    ],
    "other": [
        "The Kremlin did not immediately comment.",
        "Kyiv has repeatedly said it will not recognise any occupied territory as Russian.",
        "The announcement came {n_small} days after talks in {venue}.",
        "Officials in {ally_capital} said details would be published later.",
        "Moscow has dismissed similar proposals in the past.",
    ],
}
HEADLINES = {
    "fighting": [
        "Russian strike on {city} kills {killed} {killed_people}",
        "{ua_president} says Russia launched {n_drones} drones overnight",
        "Ukraine hits {ru_target} in Russia's {ru_region} region",
        "Drone debris injures {injured} in {city2}",
        "Death toll in {city} rises to {killed}",
    ],
    "aid": [
        "{Ally} pledges {amount} in new military aid for Ukraine",
        "Ukraine receives first {system} from {ally}",
    ],
    "diplomacy": [
        "{peskov} says Moscow open to talks in {venue}",
        "{us_president} says call with {ru_president} was 'productive'",
        "{hu_pm} threatens to block EU sanctions",
        "{ua_president} rules out territorial concessions",
    ],
    "economy": ["EU agrees {amount} loan for Ukraine", "Russian oil revenues fall {n_pct}%"],
    "energy": [
        "Power cuts in {n_small} regions after strikes on {energy_site}",
        "{kyiv_mayor}: {n_buildings} buildings without heating",
    ],
    "humanitarian": [
        "Russia and Ukraine swap {n_bodies} prisoners",
        "Evacuation ordered near {city}",
    ],
    "security": [
        "Poland scrambles jets as drones enter airspace",
        "{Ally} arrests suspected Russian saboteurs",
    ],
    "sport": ["Ukraine to boycott events with Russian athletes"],
}
QUOTES = [
    "\u201cEvery such strike shows that Russia does not want peace,\u201d {ua_president} said.",
    "\u201cWe are ready for a dialogue, but not for an ultimatum,\u201d {peskov} told reporters.",
    "\u201cThe situation remains difficult but under control,\u201d {gov} added.",
    "\u201cWe will not recognise any occupied territory as Russian,\u201d {ua_fm} said.",
    "\u201cEurope must do more, and faster,\u201d {nato_sg} said.",
]
TOPIC_WEIGHTS = [
    ("fighting", 9),
    ("diplomacy", 6),
    ("aid", 3),
    ("energy", 3),
    ("economy", 2),
    ("humanitarian", 2),
    ("security", 2),
    ("sport", 1),
]
CAPTIONS = [
    (
        "Rescuers work at the site of a building hit by a Russian drone strike in {city}, Ukraine "
        "{month} {day}, {year}. REUTERS/{photographer}",
        "Rescuers work at the site of a Russian strike in {city} [{photographer}/Reuters]",
    ),
    (
        "A local resident stands next to a damaged house after a missile attack, amid Russia's "
        "attack on Ukraine, in {city2} region, Ukraine {month} {day}, {year}. "
        "REUTERS/{photographer}",
        "A resident stands next to a damaged house in the {region2} region "
        "[{photographer}/Reuters]",
    ),
    (
        "Ukrainian servicemen fire a howitzer towards Russian troops near {city}, in {month} "
        "{year}. (Photo by {photographer} / AFP)",
        "Ukrainian servicemen fire towards Russian positions near {city} [{photographer}/AFP]",
    ),
]
BOILER_TOP = [
    "Get all your news in one place.",
    "100\u2019s of premium titles.",
    "One app.",
    "Start reading",
]
BOILER_BOTTOM = [
    "Sign up to read this article",
    "Read news from 100\u2019s of titles, curated specifically for you.",
    "Already a member? Sign in here",
    "Related Stories",
    "Top stories on inkl right now",
    "One subscription that gives you access to news from hundreds of sites",
    "Already a member? Sign in here",
    "Our Picks",
    "Fourteen days free",
    "Download the app",
    "One app. One membership.",
]
PUBLISHERS = [
    ("Institute for Conflict Studies", "https://conflict-studies.example.org/reports"),
    ("Eastern Front Monitor", "https://eastern-front-monitor.example.net/daily"),
    ("Kyiv Analytical Desk", "https://kyiv-desk.example.com/briefings"),
]
REPORT_SECTIONS = [
    ("Key takeaways", None),
    ("Front line", "fighting"),
    ("Strikes and air defence", "fighting"),
    ("Energy", "energy"),
    ("Diplomacy", "diplomacy"),
    ("Military aid", "aid"),
    ("Economy and sanctions", "economy"),
    ("Humanitarian situation", "humanitarian"),
    ("Regional security", "security"),
]


# --------------------------------------------------------------------------- writers


class Gen:
    """Sentence and document writer over one RNG; counts the words it emits."""

    def __init__(self, seed: int) -> None:
        self.rng = random.Random(seed)
        self.governors = self._governors()
        self.words = 0

    def _governors(self) -> dict[str, list[tuple[dt.date, str]]]:
        rng = self.rng
        regions = sorted({r for _, r in UA_PLACES} | {"Kyiv"})
        table: dict[str, list[tuple[dt.date, str]]] = {}
        for keyset, first, last in (
            (regions, UA_FIRST, UA_LAST),
            ([f"ru:{r}" for _, r in sorted(set(RU_PLACES))], RU_FIRST, RU_LAST),
            ([f"occ:{r}" for _, r in sorted(set(OCCUPIED))], RU_FIRST, RU_LAST),
        ):
            for key in keyset:
                changes = [(START, f"{rng.choice(first)} {rng.choice(last)}")]
                for _ in range(rng.randint(0, 2)):
                    since = START + dt.timedelta(days=rng.randint(120, 1400))
                    changes.append((since, f"{rng.choice(first)} {rng.choice(last)}"))
                table[key] = sorted(changes)
        return table

    def ctx(self, date: dt.date) -> Ctx:
        return Ctx(self.rng, date, self.governors)

    def topic(self) -> str:
        names = [t for t, _ in TOPIC_WEIGHTS]
        weights = [w for _, w in TOPIC_WEIGHTS]
        return self.rng.choices(names, weights)[0]

    def fill(self, template: str, slots: dict[str, str]) -> str:
        text = template.format(**slots)
        return text[:1].upper() + text[1:]

    def sentence(self, ctx: Ctx, topic: str, slots: dict[str, str]) -> str:
        return self.fill(self.rng.choice(BULLETS[topic]), slots)

    def sentences(self, topic: str, slots: dict[str, str], n: int) -> list[str]:
        """``n`` different sentences of one story (no template twice)."""
        pool = BULLETS[topic]
        return [self.fill(t, slots) for t in self.rng.sample(pool, min(n, len(pool)))]

    def follow_up(self, topic: str, slots: dict[str, str]) -> str:
        pool = FOLLOW_UPS["fighting" if topic == "fighting" else "other"]
        return self.fill(self.rng.choice(pool), slots)

    def bullet(self, ctx: Ctx, topic: str) -> str:
        slots = new_story(ctx)
        text = self.sentence(ctx, topic, slots)
        if self.rng.random() < 0.35:
            text += " " + self.follow_up(topic, slots)
        return text

    def caption(self, ctx: Ctx) -> list[str]:
        slots = new_story(ctx)
        d = ctx.date - dt.timedelta(days=1)
        slots.update(
            day=str(d.day),
            month=MONTHS[d.month - 1],
            year=str(d.year),
            photographer=self.rng.choice(PHOTOGRAPHERS),
        )
        long, short = self.rng.choice(CAPTIONS)
        return [self.fill(long, slots), self.fill(short, slots)]

    # -- digests ---------------------------------------------------------------------

    def digest(self, date: dt.date, budget: int) -> list[str]:
        rng, ctx = self.rng, self.ctx(date)
        day = (date - WAR_DAY_ONE).days + 1
        out = [
            f"Russia-Ukraine war: List of key events, day {day:,} | Russia-Ukraine war News",
            "",
            f"These are the key developments from day {day:,} of Russia\u2019s war on Ukraine"
            + ("." if rng.random() < 0.8 else ""),
            "",
            f"Here is where things stand on {WEEKDAYS[date.weekday()]}, "
            f"{MONTHS[date.month - 1]} {date.day}:",
            "",
        ]
        topics = ["fighting"] + rng.sample(
            [t for t, _ in TOPIC_WEIGHTS if t != "fighting"], rng.randint(2, 5)
        )
        words = 0
        per_topic = max(1, budget // (len(topics) * 40))
        for i, topic in enumerate(topics):
            out += [rng.choice(HEADINGS[topic]), ""]
            n = max(1, per_topic + rng.randint(-1, 2) + (3 if i == 0 else 0))
            for _ in range(n):
                b = self.bullet(ctx, topic)
                words += len(b.split())
                out.append(f"  \u2022 {b}")
                if rng.random() < 0.2:
                    out.append("")
            if rng.random() < 0.25:
                out += self.caption(ctx)
            out.append("")
            if words >= budget:
                break
        out += ["Source link", ""]
        return out

    def article(self, date: dt.date, budget: int) -> list[str]:
        rng, ctx = self.rng, self.ctx(date)
        topic = self.topic()
        slots = new_story(ctx)
        section = rng.choice(["Russia-Ukraine war News", "Conflict News", "Politics News"])
        out = [f"{self.fill(rng.choice(HEADLINES[topic]), slots)} | {section}", ""]
        out += [self.sentence(ctx, topic, slots), ""]
        words, paras = 0, 0
        while words < budget:
            para = self.sentence(ctx, rng.choice([topic, topic, self.topic()]), slots)
            if rng.random() < 0.5:
                slots = new_story(ctx)
            if rng.random() < 0.4:
                para += " " + self.fill(rng.choice(QUOTES), slots)
            out += [para, ""]
            words += len(para.split())
            paras += 1
            if paras == 2:
                out += [
                    "Recommended Stories",
                    "",
                    f"list of {rng.randint(3, 4)} itemsend of list",
                    "",
                ]
        out += ["Source link", ""]
        return out

    def digest_file(self, days: list[tuple[dt.date, int]]) -> str:
        """A scraped section page: digests newest first, articles in between."""
        rng = self.rng
        lines: list[str] = []
        if rng.random() < 0.5:
            lines += [
                rng.choice(["Vladimir Putin", "Volodymyr Zelenskyy", "Russia-Ukraine war"]),
                "",
            ]
        for date, budget in sorted(days, reverse=True):
            lines += self.digest(date, int(budget * 0.8))
            if rng.random() < 0.5:
                lines += self.article(date, int(budget * 0.2))
        return "\n".join(lines).rstrip() + "\n"

    # -- live blogs ------------------------------------------------------------------

    def entry(self, ctx: Ctx, stamp: str, author: str) -> list[str]:
        rng = self.rng
        topic = self.topic()
        slots = new_story(ctx)
        out = [self.fill(rng.choice(HEADLINES[topic]), slots), "", f"{stamp} , {author}", ""]
        for para in self.sentences(topic, slots, rng.randint(2, 4)):
            if rng.random() < 0.3:
                para += " " + self.follow_up(topic, slots)
            out += [para, ""]
        if rng.random() < 0.3:
            out += [self.fill(rng.choice(QUOTES), slots), ""]
        if rng.random() < 0.25:
            out += [f"{self.caption(ctx)[1].split(' [')[0]} ({rng.choice(AGENCIES)})", ""]
        return out

    def liveblog(self, date: dt.date, budget: int) -> str:
        rng, ctx = self.rng, self.ctx(date)
        authors = rng.sample(REPORTERS, 2)
        slots = new_story(ctx)
        head = self.fill(rng.choice(HEADLINES["fighting"] + HEADLINES["diplomacy"]), slots)
        out = [
            *BOILER_TOP,
            "The Independent UK",
            "The Independent UK",
            "World",
            f"{authors[0]} and {authors[1]}",
            "",
            f"Ukraine-Russia war latest: {head}",
            "",
        ]
        for para in self.sentences("fighting", slots, 2):
            out += [para, ""]
        entries: list[list[str]] = []
        # entries of this morning (HH:MM), then of the previous day (full stamps)
        minutes = 8 * 60 + rng.randint(0, 90)
        prev = date - dt.timedelta(days=1)
        words = 0
        step = max(6, 14 * 60 * 110 // max(budget, 1))  # spread entries back to the evening
        while words < budget:
            minutes -= rng.randint(step // 2, step * 3 // 2)
            if minutes >= 0:
                stamp, ectx = f"{minutes // 60:02d}:{minutes % 60:02d}", ctx
            else:
                m = minutes + 24 * 60
                if m < 6 * 60:
                    break
                stamp = (
                    f"{WEEKDAYS[prev.weekday()]} {prev.day} {MONTHS[prev.month - 1]} "
                    f"{prev.year} {m // 60:02d}:{m % 60:02d}"
                )
                ectx = self.ctx(prev)
            e = self.entry(ectx, stamp, rng.choice(authors))
            words += sum(len(x.split()) for x in e)
            entries.append(e)
        headlines = [e[0] for e in entries[: rng.randint(3, 5)]]
        out += ["Key Points", ""] + [f"  \u2022 {h}" for h in headlines] + [""]
        for e in entries:
            out += e
        out += BOILER_BOTTOM
        return "\n".join(out).rstrip() + "\n"

    # -- markdown reports ------------------------------------------------------------

    def report(self, date: dt.date, budget: int) -> tuple[str, str]:
        rng, ctx = self.rng, self.ctx(date)
        publisher, base = rng.choice(PUBLISHERS)
        day = (date - WAR_DAY_ONE).days + 1
        kind = rng.choice(["Daily report", "Situation update", "Campaign assessment"])
        title = f"{kind}, {MONTHS[date.month - 1]} {date.day}, {date.year}"
        slug = f"{kind.lower().replace(' ', '-')}-{date.isoformat()}"
        url = f"{base}/{date:%Y/%m/%d}/{slug}"
        out = [
            "---",
            f'title: "{title}"',
            f"date: {date.isoformat()}",
            f"url: {url}",
            f"publisher: {publisher}",
            "---",
            "",
            f"# {title}",
            "",
            f"Day {day:,} of the full-scale invasion. This report covers events of "
            f"{WEEKDAYS[date.weekday()]}, {MONTHS[date.month - 1]} {date.day}, and the "
            "night before.",
            "",
        ]
        sections = [REPORT_SECTIONS[0]] + rng.sample(REPORT_SECTIONS[1:], rng.randint(4, 7))
        per = max(60, budget // len(sections))
        for name, topic in sections:
            out += [f"## {name}", ""]
            words = 0
            if topic is None:
                for _ in range(rng.randint(3, 5)):
                    b = self.bullet(ctx, self.topic())
                    out.append(f"- {b}")
                    words += len(b.split())
                out.append("")
                continue
            while words < per:
                slots = new_story(ctx)
                slots["when_past"] = "the previous day's"
                para = " ".join(self.sentences(topic, slots, rng.randint(2, 4)))
                if rng.random() < 0.3:
                    para += " " + self.fill(rng.choice(QUOTES), slots)
                out += [para, ""]
                words += len(para.split())
        return slug, "\n".join(out).rstrip() + "\n"


# --------------------------------------------------------------------------- corpus


def plan_days(words: int) -> list[dt.date]:
    """The dates covered: the last ``words / WORDS_PER_DAY`` days up to END (≥ 7)."""
    total = (END - START).days + 1
    n = max(7, min(total, -(-words // WORDS_PER_DAY)))
    return [END - dt.timedelta(days=i) for i in range(n)][::-1]


def generate(out: Path, words: int, seed: int) -> dict[str, object]:
    """Write the corpus into ``out`` (created; existing corpus files replaced)."""
    out.mkdir(parents=True, exist_ok=True)
    for old in (
        list(out.glob("digests-*.txt"))
        + list(out.glob("liveblog-*.txt"))
        + list(out.glob("report-*.md"))
    ):
        old.unlink()
    gen = Gen(seed)
    days = plan_days(words)
    per_day = words / len(days)
    files: dict[str, int] = {}
    written = 0

    def emit(name: str, text: str) -> None:
        nonlocal written
        (out / name).write_text(text, encoding="utf-8")
        n = len(text.split())
        files[name] = n
        written += n

    week: list[tuple[dt.date, int]] = []
    for i, date in enumerate(days):
        target = per_day * (i + 1)
        if date >= WAR_DAY_ONE:
            week.append((date, int(per_day * 0.45)))
        if len(week) == 7 or (i == len(days) - 1 and week):
            emit(f"digests-{week[-1][0].isoformat()}.txt", gen.digest_file(week))
            week = []
        deficit = target - written - sum(b for _, b in week)
        if gen.rng.random() < 0.3 and deficit > 0.3 * per_day:
            budget = int(max(1.2 * per_day, deficit * 0.7))
            emit(f"liveblog-{date.isoformat()}.txt", gen.liveblog(date, budget))
            deficit = target - written - sum(b for _, b in week)
        if deficit > 0.25 * per_day:
            slug, text = gen.report(date, int(deficit))
            emit(f"report-{slug}.md", text)
    while written < words:  # top up with reports on the last day
        slug, text = gen.report(days[-1], min(words - written + 50, 6000))
        name = f"report-{slug}-{len(files)}.md"
        emit(name, text)
    manifest = {
        "generator": GENERATOR_VERSION,
        "seed": seed,
        "words_requested": words,
        "words": written,
        "files": len(files),
        "first_day": days[0].isoformat(),
        "last_day": days[-1].isoformat(),
        "digest": hashlib.sha256(json.dumps(sorted(files.items())).encode()).hexdigest()[:16],
    }
    (out / "corpus.json").write_text(json.dumps(manifest, indent=2) + "\n", encoding="utf-8")
    return manifest


def extra_document(seed: int, date: dt.date | None = None) -> tuple[str, str]:
    """One new Markdown report (file name, text) for "add one document" rebuilds."""
    gen = Gen(seed + 1_000_003)
    date = date or END + dt.timedelta(days=1)
    slug, text = gen.report(date, 900)
    return f"report-{slug}-extra.md", text


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--out", type=Path, required=True, help="folder to write the corpus into")
    ap.add_argument("--words", type=int, default=1_200_000, help="minimum number of words")
    ap.add_argument("--seed", type=int, default=1)
    args = ap.parse_args(argv)
    manifest = generate(args.out, args.words, args.seed)
    print(json.dumps(manifest))
    return 0


if __name__ == "__main__":
    sys.exit(main())
