"""Dating rules on small documents written for the tests."""

from __future__ import annotations

import datetime as dt

import pytest
from helpers.dating_cases import PATH, document, passage, war_day_for

from chronicle.config import Config
from chronicle.dating import DatingResult, date_documents
from chronicle.dating.expressions import date_passage_text, find_expressions
from chronicle.model import DateValue

D = dt.date
CFG = Config()


def run(*docs) -> DatingResult:  # type: ignore[no-untyped-def]
    return date_documents(list(docs), CFG)


def codes(result: DatingResult) -> list[str]:
    return [d.code for d in result.diagnostics]


def only_date(result: DatingResult) -> DateValue:
    (value,) = result.document_dates.values()
    return value


# --- document dates: printed date, weekday, war-day counter ----------------------------------


def test_printed_date_weekday_and_counter_agree() -> None:
    doc = document([passage("Troops advanced.")], printed="Wednesday, February 4", war_day=1441)
    res = run(doc)
    assert only_date(res).value == D(2026, 2, 4)
    assert res.passages[0].reported.value == D(2026, 2, 4)
    assert "C201" not in codes(res)


def test_digest_conflict_resolved_by_weekday_and_counter() -> None:
    # printed "Tuesday, February 2" but 2026-02-02 is a Monday; day 1,440 is Tuesday Feb 3
    doc = document(
        [passage("Kyiv came under attack.", line=14)],
        printed="Tuesday, February 2",
        printed_line=9,
        war_day=1440,
        path="in/digest.txt",
    )
    res = run(doc)
    assert only_date(res).value == D(2026, 2, 3)
    (warn,) = [d for d in res.diagnostics if d.code == "C201"]
    assert warn.path == "in/digest.txt" and warn.line == 9 and warn.severity == "warning"
    assert "Tuesday" in warn.message


def test_lowercase_printed_date_keeps_its_weekday_vote() -> None:
    doc = document(printed="tuesday, february 2", war_day=1440, passages=[passage("x")])
    assert only_date(run(doc)).value == D(2026, 2, 3)


def test_counter_off_by_one_never_overrides_agreeing_printed_date() -> None:
    # outlets count inconsistently: the counter says Feb 3, the printed date + weekday Feb 4
    doc = document(printed="Wednesday, February 4", war_day=1440, passages=[passage("x")])
    res = run(doc)
    assert only_date(res).value == D(2026, 2, 4)
    assert "C201" not in codes(res)


def test_counter_far_off_is_outvoted_and_reported() -> None:
    doc = document(printed="Wednesday, February 4", war_day=1300, passages=[passage("x")])
    res = run(doc)
    assert only_date(res).value == D(2026, 2, 4)
    assert "C201" in codes(res)


def test_printed_date_and_counter_outvote_a_wrong_weekday() -> None:
    doc = document(printed="Friday, February 4", war_day=1441, passages=[passage("x")])
    res = run(doc)
    assert only_date(res).value == D(2026, 2, 4)
    assert "C201" in codes(res)


def test_digest_from_another_year_takes_year_from_counter() -> None:
    day = D(2025, 3, 3)  # a Monday
    doc = document(printed="Monday, March 3", war_day=war_day_for(day), passages=[passage("x")])
    assert only_date(run(doc)).value == day


def test_leap_year_counter_and_february_29() -> None:
    day = D(2024, 2, 29)
    doc = document(
        printed="Thursday, February 29", war_day=war_day_for(day), passages=[passage("x")]
    )
    res = run(doc)
    assert only_date(res).value == day
    assert codes(res) == []


def test_configurable_war_day_one() -> None:
    doc = document(war_day=10, passages=[passage("x")])
    res = date_documents([doc], Config(war_day_one=D(2023, 1, 1)))
    assert only_date(res).value == D(2023, 1, 10)


def test_counter_alone_dates_a_digest() -> None:
    doc = document(war_day=1, passages=[passage("x")])
    assert only_date(run(doc)).value == D(2022, 2, 25)


def test_missing_year_inferred_from_weekday_without_counter() -> None:
    # no counter, no neighbours: the neighbouring documents' dates decide the year
    neighbour = document(published=dt.datetime(2025, 6, 2, 9, 0), index=0, passages=[passage("x")])
    doc = document(printed="Sunday, June 1", index=1, passages=[passage("y", line=30)])
    res = run(neighbour, doc)
    assert res.document_dates["doc1"].value == D(2025, 6, 1)


def test_missing_year_last_resort_is_the_files_other_dates() -> None:
    doc = document(
        printed="Saturday, March 1",
        passages=[passage("A ceasefire signed on 28 February 2025 held.")],
    )
    assert only_date(run(doc)).value == D(2025, 3, 1)


def test_missing_year_with_nothing_else_is_never_in_the_future(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    import chronicle.dating as dating

    monkeypatch.setattr(dating, "_today", lambda: D(2026, 11, 21))
    plain = run(document(printed="December 25", passages=[passage("x")]))
    assert only_date(plain).value == D(2025, 12, 25)
    # the weekday picks the year: Friday, December 25 was last in 2020
    friday = run(document(printed="Friday, December 25", passages=[passage("x")]))
    assert only_date(friday).value == D(2020, 12, 25)


@pytest.mark.parametrize(
    ("printed", "war_day"),
    [("February 30", None), ("Monday, February 30", 1441), ("2026-13-01", None)],
)
def test_impossible_printed_dates_give_c202(printed: str, war_day: int | None) -> None:
    doc = document(printed=printed, printed_line=5, war_day=war_day, passages=[passage("x")])
    res = run(doc)
    bad = [d for d in res.diagnostics if d.code == "C202"]
    assert bad and bad[0].path == PATH and bad[0].line == 5
    assert len(res.passages) == 1  # carries on


@pytest.mark.parametrize("war_day", [-5, 0, 10**7])
def test_impossible_counter_gives_c202(war_day: int) -> None:
    doc = document(printed="Wednesday, February 4", war_day=war_day, passages=[passage("x")])
    res = run(doc)
    (bad,) = [d for d in res.diagnostics if d.code == "C202"]
    assert bad.line == 1 and bad.path == PATH
    assert only_date(res).value.month == 2


def test_bad_date_in_passage_text_names_the_passage_line() -> None:
    doc = document(
        printed="Wednesday, February 4",
        war_day=1441,
        passages=[passage("The decree signed on February 30 was void.", line=42)],
    )
    res = run(doc)
    (bad,) = [d for d in res.diagnostics if d.code == "C202"]
    assert bad.line == 42 and "February 30" in bad.message
    assert res.passages[0].date.value == D(2026, 2, 4)


def test_markdown_front_matter_date() -> None:
    doc = document(
        [passage("The governor said yesterday that two drones were downed.", kind="paragraph")],
        kind="markdown",
        published=dt.datetime(2025, 11, 3, 18, 30),
    )
    res = run(doc)
    dp = res.passages[0]
    assert dp.reported.value == D(2025, 11, 3)
    assert dp.date.value == D(2025, 11, 2) and dp.date.evidence == "yesterday"


# --- documents without a date of their own ---------------------------------------------------


def test_undated_document_dated_from_text_between_neighbours() -> None:
    newer = document(published=dt.datetime(2026, 2, 4), index=0, passages=[passage("a")])
    undated = document(
        [passage("The ministry said on Monday it had repelled the attack.", kind="article")],
        kind="article",
        index=1,
        start_line=60,
    )
    older = document(published=dt.datetime(2026, 2, 1), index=2, passages=[passage("b")])
    res = run(newer, undated, older)
    assert res.document_dates["doc1"].value == D(2026, 2, 2)
    (info,) = [d for d in res.diagnostics if d.code == "C204"]
    assert info.severity == "info" and info.line == 60 and info.path == PATH


def test_undated_document_uses_latest_past_weekday_in_bracket() -> None:
    newer = document(published=dt.datetime(2026, 2, 3), index=0, passages=[passage("a")])
    undated = document(
        [passage("Saturday's talks were useful. Trump spoke on Thursday. Talks resume on Sunday.")],
        kind="article",
        index=1,
    )
    older = document(published=dt.datetime(2026, 1, 29), index=2, passages=[passage("b")])
    res = run(newer, undated, older)
    # Sunday is announced (future), so Saturday Jan 31 is the latest past day
    assert res.document_dates["doc1"].value == D(2026, 1, 31)


def test_oldest_first_file_order_is_detected() -> None:
    a = document(published=dt.datetime(2026, 1, 27), index=0, passages=[passage("a")])
    b = document(published=dt.datetime(2026, 1, 29), index=1, passages=[passage("b")])
    c = document(
        [passage("Saturday's talks ended without a deal, officials said.")], kind="article", index=2
    )
    res = run(a, b, c)
    # oldest first: the undated last document is newer than Jan 29, so Saturday is Jan 31
    assert res.document_dates["doc2"].value == D(2026, 1, 31)
    # the same documents newest first put Saturday before Jan 27
    res2 = run(
        document(published=dt.datetime(2026, 1, 29), index=0, passages=[passage("b")]),
        document(published=dt.datetime(2026, 1, 27), index=1, passages=[passage("a")]),
        document([passage("Saturday's talks ended.")], kind="article", index=2),
    )
    assert res2.document_dates["doc2"].value == D(2026, 1, 24)


def test_undated_without_text_evidence_takes_middle_of_bracket() -> None:
    docs = [
        document(published=dt.datetime(2026, 1, 31), index=0, passages=[passage("a")]),
        document([passage("The Kremlin agreed to a pause.")], kind="article", index=1),
        document(published=dt.datetime(2026, 1, 29), index=2, passages=[passage("b")]),
    ]
    res = run(*docs)
    assert res.document_dates["doc1"].value == D(2026, 1, 30)


def test_undated_with_one_neighbour_takes_its_date() -> None:
    docs = [
        document(published=dt.datetime(2026, 1, 31), index=0, passages=[passage("a")]),
        document([passage("The Kremlin agreed to a pause.")], kind="article", index=1),
    ]
    assert run(*docs).document_dates["doc1"].value == D(2026, 1, 31)


def test_lone_document_dated_from_its_full_date() -> None:
    doc = document([passage("KYIV, 14 March 2025 - Drones struck the port.")], kind="text")
    res = run(doc)
    assert only_date(res).value == D(2025, 3, 14)
    assert "C204" in codes(res) and "C205" not in codes(res)


def test_lone_document_with_month_day_takes_year_from_file(monkeypatch: pytest.MonkeyPatch) -> None:
    import chronicle.dating as dating

    monkeypatch.setattr(dating, "_fallback_day", lambda doc: D(2026, 5, 2))
    doc = document([passage("KYIV, March 14 - Drones struck the port.")], kind="text")
    assert only_date(run(doc)).value == D(2026, 3, 14)


def test_file_with_no_date_at_all_warns_c205() -> None:
    res = run(document([passage("Nothing dated here.")], kind="text"))
    assert "C205" in codes(res)
    assert len(res.passages) == 1


# --- relative expressions in a passage -------------------------------------------------------

WED = D(2026, 2, 4)


@pytest.mark.parametrize(
    ("text", "value", "precision"),
    [
        ("Kyiv came under attack early on Tuesday morning, the mayor said.", D(2026, 2, 3), "day"),
        ("The ministry said on Tuesday that it had downed 40 drones.", D(2026, 2, 3), "day"),
        ("Saturday's talks were constructive, the envoy said.", D(2026, 1, 31), "day"),
        ("The minister resigned yesterday.", D(2026, 2, 3), "day"),
        ("Russia struck the refinery overnight.", WED, "day"),
        ("The governor said on Wednesday that power was restored.", WED, "day"),
        ("The EU approved the ban last week.", D(2026, 1, 26), "week"),
        ("Prices rose sharply earlier this month, the bank said.", D(2026, 2, 1), "month"),
        ("In a ruling dated January 23, the court barred the claims.", D(2026, 1, 23), "day"),
        ("The court ruled on December 30 that the seizure was lawful.", D(2025, 12, 30), "day"),
        ("Kyiv said on Tuesday 3 February 2026 it struck a depot.", D(2026, 2, 3), "day"),
        ("The report, released two days ago, found heavy losses.", D(2026, 2, 2), "day"),
        (
            "On Monday, the army said it had repelled an attack. Talks on Sunday failed.",
            D(2026, 2, 2),
            "day",
        ),
        ("The deal, signed in September 2024, was extended on Monday.", D(2026, 2, 2), "day"),
        ("Imports jumped 40 percent in January 2026, analysts said.", D(2026, 1, 1), "month"),
        ("Officials met on Monday and Tuesday to discuss the plan.", D(2026, 2, 2), "day"),
        ("the mayor said on tuesday that it was calm.", D(2026, 2, 3), "day"),
        ("Schools closed due to shelling on Monday, officials said.", D(2026, 2, 2), "day"),
        ("A drone fell next to the plant on Tuesday.", D(2026, 2, 3), "day"),
    ],
)
def test_relative_expressions(text: str, value: dt.date, precision: str) -> None:
    got = date_passage_text(text, WED).value
    assert got is not None, text
    assert (got.value, got.precision) == (value, precision)


@pytest.mark.parametrize(
    "text",
    [
        "Talks resume on Sunday in Abu Dhabi.",
        "The envoy will travel to Abu Dhabi on Wednesday and Thursday, an official said.",
        "Negotiators are expected to meet on Friday.",
        "An election is due on April 12.",
        "Strikes are halted until Sunday under the deal.",
        "The ceasefire ends on February 10.",  # after the reported day
        "“We were attacked on Monday,” she said.",  # quoted
        "Russia has occupied Crimea since 2014.",  # background
        "Russia's economy grew by 1 percent in 2025, Putin said.",
        "The summit is planned for next week.",
        "Ukraine's ministry said it summoned the envoy on Thursday.",  # six days back: a slip
        "Sales fell after Black Friday, the minister told the Sunday Times.",
        "It happened 999999 days ago.",
    ],
)
def test_no_usable_date_means_none(text: str) -> None:
    assert date_passage_text(text, WED).value is None


def test_future_reference_never_sets_date_and_falls_back_to_reported() -> None:
    doc = document(
        [passage("Trilateral talks are set to resume in Abu Dhabi on Sunday, the Kremlin said.")],
        printed="Wednesday, February 4",
        war_day=1441,
    )
    dp = run(doc).passages[0]
    assert dp.date.value == WED
    assert dp.date.precision == "day" and "reported" in dp.date.evidence


def test_date_is_never_after_reported() -> None:
    text = "Officials said the talks of March 3 and the vote on 10 February were key."
    got = date_passage_text(text, WED).value
    assert got is None or got.value <= WED


def test_first_sentence_main_clause_wins_over_later_background() -> None:
    text = (
        "The governor said on Monday that two people were injured. "
        "A similar attack took place in September 2024. Officials met last week."
    )
    got = date_passage_text(text, WED).value
    assert got is not None and got.value == D(2026, 2, 2)


def test_subordinate_date_does_not_date_the_main_development() -> None:
    text = "The death toll from an attack on a train on Tuesday rose to six, prosecutors said."
    assert date_passage_text(text, WED).value is None


def test_expressions_carry_quote_and_future_flags() -> None:
    exprs = {
        e.phrase: e
        for e in find_expressions("“Come on Friday,” he said, and talks will resume on Sunday.")
    }
    assert exprs["on Friday"].in_quote
    assert exprs["on Sunday"].future


# --- live blogs ------------------------------------------------------------------------------


def _entry(time: str, line: int, stamp: dt.date | None = None, text: str = "Update.") -> object:
    return passage(text, line=line, kind="entry", time=time, stamp=stamp, title=f"Entry {line}")


def test_liveblog_times_across_midnight_newest_first() -> None:
    stamp = D(2026, 1, 28)
    entries = [
        _entry("07:14", 30),
        _entry("01:00", 40, text="Macron spoke to Zelensky on Wednesday."),
        _entry("00:00", 50),
        _entry("23:00", 60, stamp),
        _entry("22:57", 70, stamp),
        _entry("13:00", 80, stamp),
    ]
    # the readers put the newest *stamp* in the header; the document date is the newest entry
    blog = document(entries, kind="liveblog", published=dt.datetime(2026, 1, 28, 23, 0))
    res = run(blog)
    got = [(dp.time, dp.reported.value) for dp in res.passages]
    assert got == [
        ("07:14", D(2026, 1, 29)),
        ("01:00", D(2026, 1, 29)),
        ("00:00", D(2026, 1, 29)),
        ("23:00", D(2026, 1, 28)),
        ("22:57", D(2026, 1, 28)),
        ("13:00", D(2026, 1, 28)),
    ]
    assert res.passages[1].date.value == D(2026, 1, 28)
    assert only_date(res).value == D(2026, 1, 29)


def test_liveblog_oldest_first() -> None:
    stamp = D(2025, 12, 31)
    entries = [
        _entry("22:00", 10, stamp),
        _entry("23:30", 20),
        _entry("00:15", 30),
        _entry("09:40", 40),
    ]
    res = run(document(entries, kind="liveblog"))
    assert [dp.reported.value for dp in res.passages] == [
        stamp,
        stamp,
        D(2026, 1, 1),
        D(2026, 1, 1),
    ]


def test_liveblog_unstamped_entries_below_a_stamp_walk_back() -> None:
    entries = [
        _entry("02:00", 10, D(2026, 3, 2)),
        _entry("23:50", 20),
        _entry("08:00", 30),
    ]
    res = run(document(entries, kind="liveblog"))
    assert [dp.reported.value for dp in res.passages] == [
        D(2026, 3, 2),
        D(2026, 3, 1),
        D(2026, 3, 1),
    ]


def test_liveblog_without_any_full_date_uses_document_date() -> None:
    entries = [_entry("09:00", 10), _entry("02:00", 20), _entry("23:00", 30)]
    doc = document(entries, kind="liveblog", published=dt.datetime(2026, 3, 5, 9, 30))
    res = run(doc)
    assert [dp.reported.value for dp in res.passages] == [
        D(2026, 3, 5),
        D(2026, 3, 5),
        D(2026, 3, 4),
    ]
    assert [dp.time for dp in res.passages] == ["09:00", "02:00", "23:00"]


def test_liveblog_without_dates_bracketed_by_neighbour() -> None:
    entries = [_entry("09:00", 10), _entry("08:00", 20), _entry("23:00", 30)]
    blog = document(entries, kind="liveblog", index=0)
    after = document(published=dt.datetime(2026, 3, 5), index=1, passages=[passage("x", line=90)])
    res = run(blog, after)
    got = [dp.reported.value for dp in res.passages[:3]]
    assert got == [D(2026, 3, 5), D(2026, 3, 5), D(2026, 3, 4)]


def test_never_raises_on_odd_input() -> None:
    docs = [
        document([], printed="", war_day=None),
        document([passage("", kind="entry", time="99:99")], kind="liveblog", index=1),
        document([passage("on Caturday, Febtober 45")], printed="Someday, Month 99", index=2),
    ]
    res = run(*docs)
    assert isinstance(res, DatingResult)
    assert run().passages == ()


def test_internal_failure_keeps_every_passage(monkeypatch: pytest.MonkeyPatch) -> None:
    import chronicle.dating as dating

    def boom(*_args: object) -> None:
        raise RuntimeError("bug")

    monkeypatch.setattr(dating, "_date_documents", boom)
    doc = document([passage("a"), passage("b", line=11)], published=dt.datetime(2026, 1, 2))
    res = run(doc)
    assert [dp.reported.value for dp in res.passages] == [D(2026, 1, 2)] * 2
    (err,) = res.diagnostics
    assert err.code == "C205" and err.severity == "error" and err.path == PATH


def test_undated_bracket_wider_than_two_days_is_week_precision() -> None:
    docs = [
        document(published=dt.datetime(2026, 1, 31), index=0, passages=[passage("a")]),
        document([passage("The Kremlin agreed to a pause.")], kind="article", index=1),
        document(published=dt.datetime(2026, 1, 20), index=2, passages=[passage("b")]),
    ]
    res = run(*docs)
    assert res.document_dates["doc1"].precision == "week"
    undated = [dp for dp in res.passages if dp.passage.document_id == "doc1"]
    assert undated[0].date.precision == "week"
