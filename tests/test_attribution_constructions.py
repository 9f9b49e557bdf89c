"""Common shapes of news attribution, one sentence each, written by the project.

A checklist rather than tuning material: each is a construction a wire story or
press release uses every day, with the source data/SPANS.md gives it (an
apposition and a time phrase stay outside the span; a verb of ruling or a
refusal to comment is no cue). The rules were not changed to pass these; they
guard the common cases while rules are added for rarer ones.
"""

from __future__ import annotations

import pytest

from factcheck.spans import extract_spans


@pytest.mark.parametrize(
    ("sentence", "sources"),
    [
        ("The council said on Tuesday that the road would close.", ["The council"]),
        ('"We will appeal," said Maria Olsen, a lawyer for the tenants.', ["Maria Olsen"]),
        ("A spokeswoman for the airline said the flight was delayed.", ["A spokeswoman for the airline"]),
        ("The mayor was quoted as saying the budget was balanced.", ["The mayor"]),
        ("The minister reportedly told aides that the plan was dead.", ["The minister"]),
        ("In a statement, the company said it had fixed the flaw.", ["the company"]),
        ("Speaking to reporters in Lagos, the governor said the curfew would end.", ["the governor"]),
        ("The bank's chief economist, Tom Reyes, said growth would slow.", ["The bank's chief economist"]),
        ("Data from the statistics office show that prices rose.", ["Data from the statistics office"]),
        (
            "A survey by the chamber of commerce found that most firms were hiring.",
            ["A survey by the chamber of commerce"],
        ),
        (
            "Figures released by the ministry on Friday show exports fell.",
            ["Figures released by the ministry"],
        ),
        ("Police, who arrived within minutes, said two men were arrested.", ["Police"]),
        ("The coach insisted his team had played well.", ["The coach"]),
        ("The senator, speaking on condition of anonymity, said the vote was close.", ["The senator"]),
        ("Witnesses told the BBC that the blast shook the building.", ["Witnesses"]),
        ("The agency confirmed to Reuters that the plant had shut.", ["The agency"]),
        ("Officials familiar with the talks said a deal was near.", ["Officials familiar with the talks"]),
        ('"It was chaos," one resident told reporters.', ["one resident"]),
        (
            "The report, published by the institute on Monday, concluded that rents had doubled.",
            ["The report"],
        ),
        ("Analysts at the bank expect rates to fall next year.", ["Analysts at the bank"]),
        ("According to court documents, the firm paid no tax.", ["court documents"]),
        ("The prosecutor alleged that the funds were diverted.", ["The prosecutor"]),
        ("Residents say the river has flooded three times this year.", ["Residents"]),
        ("The union has warned that strikes could follow.", ["The union"]),
        ("She added that the school would reopen in May.", ["She"]),
        ("Health officials in the province reported 40 new cases.", ["Health officials in the province"]),
        ('"We are not leaving," the protesters chanted, according to a witness.', ["a witness"]),
        ("The study's authors note that the sample was small.", ["The study's authors"]),
        ("Mr Diaz denied any wrongdoing.", ["Mr Diaz"]),
        ("The ministry acknowledged that delays had occurred.", ["The ministry"]),
        ("The White House said in a statement that the president would attend.", ["The White House"]),
        ("Environmental groups have long argued that the dam harms fish.", ["Environmental groups"]),
        ("A government report estimates that 3,000 homes are at risk.", ["A government report"]),
        ("The firm told investors it expected profits to rise.", ["The firm"]),
        ("The CEO, in an interview with the newspaper, said the merger was off.", ["The CEO"]),
        ("It was confirmed by the club that the player had left.", ["the club"]),
        ("The data, compiled by the university, show a steady decline.", ["The data"]),
        ("The judge ruled that the evidence was inadmissible.", []),
        ("Experts caution that the figures are provisional.", ["Experts"]),
        ("Her lawyer, Ana Brandt, declined to comment.", []),
        ("The regulator said Thursday it would fine the bank.", ["The regulator"]),
        ("Critics, including several economists, say the tax is regressive.", ["Critics"]),
        ("Officials at the port told local media that the ship had sunk.", ["Officials at the port"]),
        ("The documents, seen by the newspaper, suggest the deal was signed in March.", ["The documents"]),
        ('"This is a tragedy," she wrote on Twitter.', ["she"]),
        ("The central bank signalled that further rises were likely.", ["The central bank"]),
        ("Investigators believe the fire was started deliberately.", ["Investigators"]),
        # "put" and "forecast" are their own past tense, so a singular subject is no mismatch.
        ("As the auditor put it, the books did not balance.", ["the auditor"]),
        ("The agency forecast that exports would fall.", ["The agency"]),
        ("The prime minister's office said the trip had been postponed.", ["The prime minister's office"]),
    ],
)
def test_common_attribution_shapes(sentence: str, sources: list[str]) -> None:
    assert [s.text for s in extract_spans(sentence).sources] == sources
