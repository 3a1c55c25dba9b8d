"""When an event's sources disagree: denials answered across sides, mutual accusations,
denials of reports, and writers who could not verify; never a party against itself."""

from __future__ import annotations

from chronicle.claims.contest import judge
from chronicle.model import Analysis, Claim


def claim(stance: str, side: str | None, speaker: str | None = None, text: str = "x") -> Claim:
    return Claim(speaker, speaker or side, side, "say", stance, text)


def one(*claims: Claim, unverified: str | None = None) -> Analysis:
    return Analysis(passage_id="p", claims=claims, unverified=unverified)


def test_claim_and_denial_from_opposing_sides() -> None:
    kyiv = one(claim("asserts", "ukraine", "ukrainian-air-force", "missiles hit a school"))
    moscow = one(claim("denies", "russia", "kremlin", "it struck civilian sites"))
    found = judge([kyiv, moscow])
    assert found.contested
    assert "denies" in found.reasons[0]


def test_one_side_alone_is_not_contested() -> None:
    found = judge(
        [
            one(claim("asserts", "russia", "kremlin")),
            one(claim("denies", "russia", "russian-ministry-of-defence", "it lost a ship")),
        ]
    )
    assert not found.contested


def test_denial_of_reports_is_contested_on_its_own() -> None:
    assert judge(
        [one(claim("denies", "russia", "kremlin", "the reports of mobilisation"))]
    ).contested
    assert not judge([one(claim("denies", "russia", "kremlin", "it would mobilise"))]).contested


def test_mutual_accusations() -> None:
    found = judge(
        [
            one(claim("accuses", "ukraine", "ukraine", "Russia of shelling the plant")),
            one(claim("accuses", "russia", "russia", "Ukraine of shelling the plant")),
        ]
    )
    assert found.contested and "accuse each other" in found.reasons[0]
    assert judge([one(claim("accuses", None, None, "each other of breaking the truce"))]).contested


def test_writer_could_not_verify() -> None:
    found = judge([one(claim("asserts", "russia", "russia"), unverified="could not verify")])
    assert found.contested and "could not verify" in found.reasons[0]


def test_plain_reports_are_not_contested() -> None:
    assert not judge([one(claim("asserts", "ukraine", "ukraine")), one()]).contested
    assert not judge([]).contested


def test_unattributed_hedged_statement_answered_by_a_denial() -> None:
    hedged = Claim(
        None, None, None, "reportedly", "asserts", "troops entered", True, "reportedly", "hedged"
    )
    assert judge([one(hedged, claim("denies", "russia", "kremlin", "troops entered"))]).contested


def test_damaged_cached_claims_read_as_none() -> None:
    from chronicle.claims import ClaimSet

    assert ClaimSet.from_json(["not claims"]) == ClaimSet()
    assert ClaimSet.from_json(None) == ClaimSet()
    good = ClaimSet.from_json(
        [[["X", 0, 1, [[0, 1]], "say", "asserts", "y", None, "report", None, 2]], None]
    )
    assert good.claims[0].heads == ((0, 1),) and ClaimSet.from_json(good.to_json()) == good
