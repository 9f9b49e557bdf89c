"""Quantity rules on sentences the project writes; each case is a family of the guideline (data/SPANS.md)."""

from __future__ import annotations

import json

import pytest

from factcheck.quantities import find_quantities, number_value


def texts(sentence: str) -> list[str]:
    return [q.text for q in find_quantities(sentence)]


def one(sentence: str):
    (quantity,) = find_quantities(sentence)
    return quantity


def reading(sentence: str) -> tuple[str, float | None, str | None]:
    """The one figure of ``sentence`` as (span, value, unit)."""
    quantity = one(sentence)
    return quantity.text, quantity.value, quantity.unit


@pytest.mark.parametrize(
    ("sentence", "expected"),
    [
        ("Nine people died and 31 were hurt.", ["Nine people", "31"]),
        ("The fund lost $2.4bn and £310m last year.", ["$2.4bn", "£310m"]),
        ("Prices rose 4.5% in May and 3 per cent in June.", ["4.5%", "3 per cent"]),
        ("The river rose 4.1 metres in nine hours.", ["4.1 metres", "nine hours"]),
        ("She has twenty-seven grandchildren.", ["twenty-seven grandchildren"]),
        ("Half a million homes lost power.", ["Half a million homes"]),
        ("Roughly two-thirds of voters agreed.", ["two-thirds"]),
        ("Hundreds of residents queued outside.", ["Hundreds of residents"]),
        ("Seven in ten adults read a book.", ["Seven in ten adults"]),
        ("The 3.2-meter telescope saw first light.", ["3.2-meter"]),
        ("About 2,000 homes were lost in 2019.", ["2,000 homes"]),
    ],
)
def test_figures_are_found_with_their_unit(sentence: str, expected: list[str]) -> None:
    assert texts(sentence) == expected


@pytest.mark.parametrize(
    "sentence",
    [
        "The law took effect on 14 March 2019.",
        "Polls close at 10 p.m. and the count starts at 08:30.",
        "It was the 3rd time in the 1990s that Route 66 flooded.",
        "Type 2 diabetes and COVID-19 were discussed.",
        "One of them said the talks had failed.",
        "The 2024-05-01 release was delayed.",
    ],
)
def test_dates_times_ordinals_and_names_are_not_figures(sentence: str) -> None:
    assert texts(sentence) == []


@pytest.mark.parametrize(
    "sentence",
    [
        "For tickets call (555) 014-2277 or 555-014-2277 before Friday.",
        "The clinic at 4410 Orchard Lane opens on Monday.",
        "Send forms to the office in Dover, Delaware 19901 by hand.",
        "The map is at example.org/files/2019-118.pdf for anyone.",
        "The fund for 9/11 responders was renewed.",
        "The policy dates back to Executive Order 8802.",
    ],
)
def test_phone_numbers_addresses_and_web_paths_are_not_figures(sentence: str) -> None:
    assert texts(sentence) == []


@pytest.mark.parametrize(
    "sentence",
    [
        "It was a close vote, but one that the board accepted.",
        "I cannot say which one you meant.",
        "The plan is a good one that deserves support.",
    ],
)
def test_one_as_a_pronoun_is_not_a_figure(sentence: str) -> None:
    assert texts(sentence) == []


def test_a_dash_range_is_approximate_with_bounds() -> None:
    q = one("Officials estimate 150,000-190,000 casualties.")
    assert (q.text, q.low, q.high, q.approximate) == ("150,000-190,000 casualties", 150000, 190000, True)


def test_a_between_range_keeps_between_and_its_percent() -> None:
    q = one("Earnings will fall by between 35% and 45% next quarter.")
    assert (q.text, q.low, q.high, q.unit) == ("between 35% and 45%", 35, 45, "%")


def test_a_change_from_one_figure_to_another_is_two_figures() -> None:
    assert texts("Unemployment fell from 4.3% to 4.1%.") == ["4.3%", "4.1%"]


def test_a_score_is_one_figure_without_bounds() -> None:
    q = one("The council voted 5-2 to approve it.")
    assert (q.text, q.unit, q.low, q.high) == ("5-2", "score", None, None)


def test_figures_of_different_kinds_are_not_a_range() -> None:
    assert texts("Revenue rose 6% to £1,214.6m.") == ["6%", "£1,214.6m"]


@pytest.mark.parametrize(
    ("sentence", "hedge"),
    [
        ("About 40 people were hurt.", "About"),
        ("Up to 650 jobs will be created.", "Up to"),
        ("At least nine people died.", "At least"),
        ("Nearly 4,000 migrants landed.", "Nearly"),
        ("The drugs had an estimated value of £110,000.", None),
        ("Officials counted an estimated 600 clinics.", "an estimated"),
        ("Another 80 or so people watched.", "or so"),
    ],
)
def test_hedges_make_a_figure_approximate(sentence: str, hedge: str | None) -> None:
    q = find_quantities(sentence)[0]
    assert (q.hedge[2] if q.hedge else None) == hedge
    assert q.approximate is (hedge is not None)


def test_a_period_is_not_a_hedge() -> None:
    q = one("It will invest the money over two years.")
    assert q.hedge is None and not q.approximate


def test_a_count_stops_at_its_plural_head() -> None:
    assert texts("Two inmates escaped overnight.") == ["Two inmates"]
    assert texts("It tracks 400 large U.S. companies tracked by analysts.") == ["400 large U.S. companies"]


@pytest.mark.parametrize(
    ("sentence", "expected"),
    [
        ("About 40,000 people attend the fair each year.", ["40,000 people"]),
        ("Some 12 children born that spring were twins.", ["12 children"]),
        ("Thousands of women march every March.", ["Thousands of women"]),
        ("Six aboard the ferry were rescued.", ["Six"]),
        ("Dozens dead after the flood, officials fear.", ["Dozens"]),
        ("It found 700 children throughout the county without books.", ["700 children"]),
        ("It hired 3,000 police officers.", ["3,000 police officers"]),
        ("The war left 2 million dead soldiers.", ["2 million dead soldiers"]),
    ],
)
def test_a_count_ends_at_a_head_without_s_or_before_a_predicate(sentence: str, expected: list[str]) -> None:
    assert texts(sentence) == expected


@pytest.mark.parametrize(
    ("sentence", "expected"),
    [
        ("The mayor and 12 of her colleagues signed it.", ["12 of her colleagues"]),
        ("It laid off 900 of its staff last year.", ["900 of its staff"]),
        ("Two of our city's parks closed.", ["Two"]),  # a possessor is not the group's head
        ("The oak is 300 years old.", ["300 years old"]),
        ("In the final it was Leeds 3-2 Hull City.", ["3-2"]),
        ("The bill passed on a 410-2 vote.", ["410-2"]),
        ("She won a third term in May.", []),
        ("He ran as a third party candidate.", []),
        ("Costs rose by a third last year.", ["a third"]),
        ("Fares are a third higher than in 2019.", ["a third"]),
        ("Of the nurses, a third reported burnout.", ["a third"]),
        ("One such case reached the court.", []),
        ("The centre is a one-stop shop for permits.", []),
    ],
)
def test_partitives_ages_scores_ordinals_and_one_idioms(sentence: str, expected: list[str]) -> None:
    assert texts(sentence) == expected


def test_offsets_point_into_the_text_with_the_offset_added() -> None:
    text = "Intro. About 40 people were hurt."
    q = find_quantities(text[7:], offset=7)[0]
    assert text[q.start : q.end] == "40 people"
    assert text[q.hedge[0] : q.hedge[1]] == "About"


@pytest.mark.parametrize(
    ("words", "value"),
    [
        ("£2.3m", 2_300_000),
        ("twenty-seven", 27),
        ("half a million", 500_000),
        ("1,214.6", 1214.6),
        ("a dozen", 12),
    ],
)
def test_number_values(words: str, value: float) -> None:
    assert number_value(words) == pytest.approx(value)


def test_to_dict_has_value_or_bounds_and_a_hedge_object() -> None:
    record = find_quantities("About 40 people were hurt.")[0].to_dict()
    assert record == {
        "start": 6,
        "end": 15,
        "text": "40 people",
        "value": 40.0,
        "unit": "people",
        "approximate": True,
        "hedge": {"start": 0, "end": 5, "text": "About"},
    }
    ranged = find_quantities("Some 10-20 boats sank.")[0].to_dict()
    assert (ranged["low"], ranged["high"]) == (10, 20) and "value" not in ranged


@pytest.mark.parametrize(
    ("sentence", "expected"),
    [
        # "one" before a verb is the pronoun: a count of one takes a singular noun ("one bus").
        ("One wonders whether the mayor knew.", []),
        ("It shows when one considers the cost of 3 new roads.", ["3 new roads"]),
        ("The town has one bus and one class.", ["one bus", "one class"]),
        (
            "It made one diagnosis and one analysis at one gas station.",
            ["one diagnosis", "one analysis", "one gas station"],
        ),
        ("One Stop Permit Day is held in May.", []),  # a capitalised "One Stop" names a day, like "one-stop"
        ("The fair runs from 10 A.M. to 2 P.M. on Fridays.", []),  # clock times in capitals
        ("It repealed Local Law 71 and moved District 218 to Emergency 911.", []),  # names with numbers
        # A measure used as a modifier ends at its unit: "a 500,000 gallon tank".
        ("They built a 500,000 gallon storage tank.", ["500,000 gallon"]),
        ("The 90,000 deadweight ton tankers sail in May.", ["90,000 deadweight ton"]),
        ("It runs on the 900 MHz radio band.", ["900 MHz"]),
    ],
)
def test_shapes_of_the_ninth_real_draw(sentence: str, expected: list[str]) -> None:
    assert texts(sentence) == expected


@pytest.mark.parametrize(
    ("sentence", "expected"),
    [
        # A mixed fraction is one number: "1 1/4 percent" as "1-1/4 percent" is.
        ("The rate fell to 1 1/4 percent.", ["1 1/4 percent"]),
        ("It took 2 1/2 hours.", ["2 1/2 hours"]),
        # A currency sign on the first number of a range only: one range.
        ("The repair will cost $50-55 million.", ["$50-55 million"]),
        ("It gave $39 million to six states.", ["$39 million", "six states"]),  # an amount to a count
        ("He paid $20 to 25 workers each.", ["$20", "25 workers"]),  # "to" without a scale: no range
        ("In 2010 1/3 of homes were empty.", ["1/3"]),  # a year is no whole part of a fraction
        ("Scores rose 10+5 points.", ["10", "5 points"]),  # a sum, not a name like "P5+1"
        # Resolutions ("H. Res 111", "H.J. Res. 2", "H. Con. Res. 374") and "P5+1" are names.
        ("H. Res 111 and H.J. Res. 2 and H. Con. Res. 374 passed.", []),
        ("The P5+1 nations met.", []),
    ],
)
def test_shapes_of_the_eleventh_real_draw(sentence: str, expected: list[str]) -> None:
    assert texts(sentence) == expected


@pytest.mark.parametrize(
    ("sentence", "low", "high", "unit"),
    [
        # The second number's scale is the first's too: "50-55 million" runs from 50 million.
        ("About 50-55 million people.", 50e6, 55e6, "people"),
        ("The repair will cost $50-55 million.", 50e6, 55e6, "USD"),
        ("It costs between $5 and 10 million.", 5e6, 10e6, "USD"),
        ("Some 500 to 2 million people.", 500, 2e6, "people"),  # 500 is more than 2: no shared scale
        ("Between five and ten million people.", 5e6, 10e6, "people"),
        ("The target is 1/2 to 1-3/4 percent.", 0.5, 1.75, "%"),  # no scale word: none shared
        ("150,000-190,000 troops", 150_000, 190_000, "troops"),
        # The thousands written once: "20-25,000" runs from 20,000, "$2-3,000" from $2,000.
        ("About 20-25,000 people marched.", 20_000, 25_000, "people"),
        ("Tickets cost $2-3,000 each.", 2_000, 3_000, "USD"),
        ("Between 5 and 10,000 fans came.", 5_000, 10_000, "fans"),
        ("Rooms for 4-1,000 guests.", 4, 1_000, "guests"),  # 4 is more than 1: read as written
        ("Roads 1-2,500 km long.", 1, 2_500, "km"),  # "2,500" is not a round thousand
    ],
)
def test_a_range_shares_the_scale_and_sign_of_its_numbers(
    sentence: str, low: float, high: float, unit: str
) -> None:
    quantity = one(sentence)
    assert (quantity.low, quantity.high, quantity.unit) == (low, high, unit)


def test_a_mixed_fraction_has_its_value_and_unit() -> None:
    quantity = one("The target is 1 3/4 percent.")
    assert (quantity.value, quantity.unit) == (1.75, "%")


@pytest.mark.parametrize(
    ("sentence", "expected"),
    [
        ("About 3,000 staff face redundancy.", ["3,000 staff"]),
        ("Some 500 police patrol the streets.", ["500 police"]),
        ("About 500 police officers were deployed.", ["500 police officers"]),  # a plural after: a compound
        ("One person remains in a critical condition.", ["One person"]),
        ("One gunman shot three people.", ["One gunman", "three people"]),
        ("One father I met works two jobs.", ["One father", "two jobs"]),
        ("She attended one live arts event.", ["one live arts event"]),  # a plural before the head
        ("They gave one single paid sick day.", ["one single paid sick day"]),  # "paid" before a noun
        ("Four cattle farms closed.", ["Four cattle farms"]),
    ],
)
def test_a_counted_noun_ends_before_its_verb(sentence: str, expected: list[str]) -> None:
    assert texts(sentence) == expected


@pytest.mark.parametrize(
    ("sentence", "text", "value", "unit"),
    [
        ("It costs US$40.", "US$40", 40, "USD"),
        ("A C$25,000 grant was paid.", "C$25,000", 25_000, "CAD"),
        ("HK$2 million was raised.", "HK$2 million", 2e6, "HKD"),
        ("USD 40 million in loans.", "USD 40 million", 40e6, "USD"),
        ("Rs 500 crore was spent.", "Rs 500 crore", 5e9, "INR"),
        ("It fetched \u20b9500 crore.", "\u20b9500 crore", 5e9, "INR"),
        ("Some 2 lakh people came.", "2 lakh people", 200_000, "people"),
    ],
)
def test_a_currency_written_with_letters_is_the_figures_unit(
    sentence: str, text: str, value: float, unit: str
) -> None:
    assert reading(sentence) == (text, value, unit)


def test_a_hedge_before_a_letter_written_currency_is_found() -> None:
    quantity = one("They lent about US$40 million.")
    assert (quantity.text, quantity.hedge, quantity.approximate) == ("US$40 million", (10, 15, "about"), True)


def test_offsets_of_a_letter_written_currency_move_with_the_text() -> None:
    (quantity,) = find_quantities("about US$40", offset=100)
    assert (quantity.start, quantity.end, quantity.hedge) == (106, 111, (100, 105, "about"))


@pytest.mark.parametrize(
    ("sentence", "low", "high", "unit"),
    [
        ("It hopes to raise $5bn-6bn this year.", 5e9, 6e9, "USD"),
        ("A fee of \u00a35m-6m.", 5e6, 6e6, "GBP"),
        ("It will cost $10bn to 12bn.", 10e9, 12e9, "USD"),
    ],
)
def test_a_sign_and_scale_suffix_on_the_first_number_span_the_range(
    sentence: str, low: float, high: float, unit: str
) -> None:
    quantity = one(sentence)
    assert (quantity.low, quantity.high, quantity.unit) == (low, high, unit)


@pytest.mark.parametrize(
    ("sentence", "text", "value", "unit"),
    [
        ("Around one-third of homes lack broadband.", "one-third", 0.3333, "fraction"),
        ("Some two thirds of voters agreed.", "two thirds", 0.6667, "fraction"),
        ("Profits rose in three quarters this year.", "three quarters", 3, "quarters"),  # periods, no "of"
        ("Rates rose 0.25 percentage point.", "0.25 percentage point", 0.25, "percentage points"),
        ("Yields fell 0.2 percentage points.", "0.2 percentage points", 0.2, "percentage points"),
        ("Prices rose 5 percent.", "5 percent", 5, "%"),
        # "-th" after a scale word is a fraction, not the scale: "a millionth" is not "a million"
        ("A millionth of a metre is small.", "A millionth", 1e-06, "fraction"),
        ("One thousandth of a second passed.", "One thousandth", 0.001, "fraction"),
    ],
)
def test_fractions_and_points_have_their_value_and_unit(
    sentence: str, text: str, value: float, unit: str
) -> None:
    assert reading(sentence) == (text, value, unit)


@pytest.mark.parametrize(
    "sentence",
    [
        "The Boeing 737 Max was grounded.",
        "The new iPhone 15 goes on sale today.",
        "Voters backed Proposition 22.",
        "Traffic on Interstate 95 stalled.",
        "It aired on Channel 4.",
        "Leave the motorway at junction 34.",
        "Seas could rise by 2100.",
        "In 1750 the town burned.",
        "Call 512-320-0222, ext 112 for details.",
        "He wrote Opus 1 in his youth.",
    ],
)
def test_names_with_numbers_and_years_outside_1800_2099_are_not_figures(sentence: str) -> None:
    assert texts(sentence) == []


@pytest.mark.parametrize(
    ("sentence", "expected"),
    [
        ("In 1500 schools, pupils sat exams.", ["1500 schools"]),  # a count after "in"
        ("The 737 jets were grounded.", ["737 jets"]),
        ("Apollo 11 landed with 3 astronauts.", ["3 astronauts"]),
        ("The firm is building 31 homes.", ["31 homes"]),
        ("Building 300 new homes will take years.", ["300 new homes"]),  # a gerund, not a building's name
        ("The one hundredth anniversary was held.", []),  # an ordinal: a fraction only before "of"
        ("Its one millionth truck left the plant.", []),  # the number belongs to the ordinal
        ("The 100 thousandth visitor won a prize.", []),
        ("Adults aged 18 to 29 report using it.", ["18 to 29"]),  # an age counts no noun but years
        ("150px Airbus cut 10,000 jobs.", ["10,000 jobs"]),  # an image's width left in a page
        ("Women aged 40 to 49 years were screened.", ["40 to 49 years"]),
    ],
)
def test_counts_near_names_and_old_years_stay(sentence: str, expected: list[str]) -> None:
    assert texts(sentence) == expected


@pytest.mark.parametrize(
    ("sentence", "text", "value", "unit"),
    [
        ("The show drew 3m viewers.", "3m viewers", 3e6, "viewers"),
        ("Some 1.4bn people live there.", "1.4bn people", 1.4e9, "people"),
        ("The summit is 4,800m above sea level.", "4,800m", 4800, "m"),
        ("She won the 100m final.", "100m", 100, "m"),
        ("The hole is 40cm deep.", "40cm", 40, "cm"),
        ("It cost \u00a33m.", "\u00a33m", 3e6, "GBP"),
        ("Some three quarters of the land is farmed.", "three quarters", 0.75, "fraction"),
        ("It shrank for two quarters of the year.", "two quarters", 2, "quarters"),  # periods
    ],
)
def test_scale_suffixes_metres_and_quarters(sentence: str, text: str, value: float, unit: str) -> None:
    assert reading(sentence) == (text, value, unit)


def test_a_retirement_plan_named_401k_is_not_a_figure() -> None:
    assert texts("Workers put money in 401k plans.") == []


@pytest.mark.parametrize(
    ("sentence", "hedge"),
    [
        ("The club has existed for over 100 years.", "over"),
        ("Tickets sold out in under ten minutes.", "under"),
        ("The trip takes under 30 minutes.", "under"),
        ("The cost is spread over two years.", None),  # a period
        ("Turnout was over 60%.", "over"),
        ("The neighbours have fought over three islands.", None),  # a preposition
        ("There are concerns about 40 unfilled posts.", None),
        ("We drove past 20 polling stations.", None),
        ("There were about 40 people.", "about"),
    ],
)
def test_over_and_under_bound_a_duration_only_after_for_in_or_take(sentence: str, hedge: str | None) -> None:
    quantity = one(sentence)
    assert (quantity.hedge[2] if quantity.hedge else None) == hedge
    assert quantity.approximate is (hedge is not None)


def test_a_number_too_large_for_a_float_has_no_value_not_infinity() -> None:
    quantity = one("It cost " + "9" * 400 + " dollars.")
    assert quantity.value is None
    assert "Infinity" not in json.dumps(quantity.to_dict())


@pytest.mark.parametrize(
    ("sentence", "expected"),
    [
        ("It was replaced by a new one in 2015.", []),
        ("It was a hard loss, but one the club will remember.", []),
        ("It was a hard one to act on.", []),
        ("He got the opportunity one year earlier.", ["one year"]),  # a noun after "one": a count
        ("That is one reason to wait.", ["one reason"]),
    ],
)
def test_one_after_an_article_and_a_word_is_a_pronoun_unless_a_noun_follows(
    sentence: str, expected: list[str]
) -> None:
    assert texts(sentence) == expected


@pytest.mark.parametrize(
    ("sentence", "text", "hedge", "unit"),
    [
        (
            "It can hold a maximum of 3 million cubic metres.",
            "3 million cubic metres",
            "a maximum of",
            "cubic metres",
        ),
        ("The rise was more like 4%.", "4%", "more like", "%"),
        ("There were 20+ trains.", "20+ trains", "+", "trains"),
    ],
)
def test_hedges_the_guideline_names(sentence: str, text: str, hedge: str, unit: str) -> None:
    quantity = one(sentence)
    assert (quantity.text, quantity.hedge[2] if quantity.hedge else None, quantity.unit) == (
        text,
        hedge,
        unit,
    )
    assert quantity.approximate


def test_a_plus_between_digits_is_no_hedge() -> None:
    assert texts("The P5+1 nations met.") == []
    assert [q.hedge for q in find_quantities("It scored 10+5 points.")] == [None, None]


@pytest.mark.parametrize(
    ("sentence", "text", "value", "unit"),
    [
        ("Growth was -0.3% in the quarter.", "-0.3%", -0.3, "%"),
        ("Temperatures fell to -12C overnight.", "-12C", -12, "C"),
        ("A 5 million dollar settlement was reached.", "5 million dollar", 5e6, "dollar"),
    ],
)
def test_negative_figures_and_money_words_as_modifiers(
    sentence: str, text: str, value: float, unit: str
) -> None:
    assert reading(sentence) == (text, value, unit)


def test_the_press_release_end_mark_and_names_with_a_hyphen_are_no_figures() -> None:
    assert texts("Contact: Ana Ruiz. -30-") == []
    assert texts("COVID-19 spread and the F-35 flew.") == []


@pytest.mark.parametrize(
    ("sentence", "expected"),
    [
        ("The striker has scored 18 goals in 24 appearances.", ["18 goals", "24 appearances"]),
        ("There were 14 deaths in 24 hours.", ["14 deaths", "24 hours"]),
        ("Roughly 1 in 4 adults smoke.", ["1 in 4 adults"]),  # a ratio
        ("One adult in five has never voted.", ["One adult in five"]),
    ],
)
def test_counts_with_their_own_nouns_joined_by_in_are_not_a_ratio(sentence: str, expected: list[str]) -> None:
    assert texts(sentence) == expected


@pytest.mark.parametrize(
    ("sentence", "hedge"),
    [
        ("We need at least another $2 million.", "at least"),
        ("More than a further 1,000 homes were hit.", "More than"),
        ("Another 40 nurses were hired.", None),
        ("She ran past 20 checkpoints.", None),  # a place passed
        ("I walked about 10 miles a day.", "about"),  # motion takes "about" as a hedge
    ],
)
def test_hedges_across_another_and_after_verbs_of_motion(sentence: str, hedge: str | None) -> None:
    quantity = one(sentence)
    assert (quantity.hedge[2] if quantity.hedge else None) == hedge


@pytest.mark.parametrize(
    ("sentence", "expected"),
    [
        ("The bill cleared its second reading by 345 votes to 214.", ["345 votes to 214"]),
        ("It passed by 1,200 votes to 950, a wide margin.", ["1,200 votes to 950"]),
        ("Turnout rose from 300 votes to 400 votes.", ["300 votes", "400 votes"]),  # a change
    ],
)
def test_a_tally_of_votes_is_one_figure(sentence: str, expected: list[str]) -> None:
    assert texts(sentence) == expected


def test_a_tally_of_votes_has_neither_value_nor_range() -> None:
    quantity = one("The bill cleared its second reading by 345 votes to 214.")
    assert (quantity.value, quantity.low, quantity.high, quantity.unit) == (None, None, None, "score")


@pytest.mark.parametrize(
    ("sentence", "expected"),
    [
        ("Claims fell by 8,000 to 212,000 last week.", ["8,000", "212,000"]),  # a change, then the level
        ("The cap rises by $600 billion to $9.1 trillion.", ["$600 billion", "$9.1 trillion"]),
        ("Prices could fall by 5 to 10 percent.", ["5 to 10 percent"]),  # a range of changes
        ("Sales rose 2 to 3 percent.", ["2 to 3 percent"]),
    ],
)
def test_a_change_by_a_figure_to_a_level_is_two_figures(sentence: str, expected: list[str]) -> None:
    assert texts(sentence) == expected


@pytest.mark.parametrize(
    ("sentence", "expected"),
    [
        ("Mahomes threw three touchdowns in the 31-17 win.", ["three touchdowns", "31-17"]),
        ("Leeds 3-2 Hull City", ["3-2"]),
    ],
)
def test_a_score_counts_no_noun(sentence: str, expected: list[str]) -> None:
    assert texts(sentence) == expected


@pytest.mark.parametrize(
    ("sentence", "expected"),
    [
        ("Voters will weigh a half-cent sales tax.", ("a half-cent", 0.5, "cent")),
        ("The bank made a quarter-point cut.", ("a quarter-point", 0.25, "percentage points")),
        ("Officials reported 1,274 measles cases.", ("1,274 measles cases", 1274, "measles cases")),
    ],
)
def test_a_fraction_joined_to_its_measure_and_nouns_in_s_that_are_not_plurals(
    sentence: str, expected: tuple[str, float, str]
) -> None:
    assert reading(sentence) == expected


def test_a_fraction_before_other_compounds_is_no_figure() -> None:
    assert texts("He scored in the quarter-final before half-time.") == []


@pytest.mark.parametrize(
    ("sentence", "hedge"),
    [
        ("The jobless rate was edging up to 4.1%.", None),  # the verb's particle
        ("Growth was revised up to 2.1% in May.", None),
        ("The repairs could cost up to $5 million.", "up to"),
        ("The army shot down 27 drones over four regions.", None),  # where, not how many
        ("The storm hit over 40 towns.", "over"),
    ],
)
def test_up_after_a_verb_of_movement_and_over_after_a_count_are_no_hedges(
    sentence: str, hedge: str | None
) -> None:
    quantity = find_quantities(sentence)[-1]
    assert (quantity.hedge[2] if quantity.hedge else None) == hedge


@pytest.mark.parametrize(
    ("sentence", "expected"),
    [
        ("The levy rises by half a cent.", [("half a cent", 0.5, "cent")]),
        ("Rates rose by a quarter point.", [("a quarter point", 0.25, "percentage points")]),
        ("A neighbour called 999 at once.", []),  # a telephone number
        ("Over 9,000 ran the half marathon.", [("9,000", 9000, None)]),  # a race, not a fraction
        ("A few dozen fans stayed.", [("A few dozen fans", None, "fans")]),
    ],
)
def test_half_a_measure_telephone_numbers_races_and_a_few_dozen(
    sentence: str, expected: list[tuple[str, float | None, str | None]]
) -> None:
    assert [(q.text, q.value, q.unit) for q in find_quantities(sentence)] == expected


@pytest.mark.parametrize(
    ("sentence", "hedge"),
    [
        ("Lows fell as low as -5C overnight.", "as low as"),  # a hedge before a minus sign
        ("Highs reached as high as 41C.", "as high as"),
        ("She built it over two long winters.", None),  # a period
    ],
)
def test_hedges_before_a_minus_sign_and_periods_with_an_adjective(sentence: str, hedge: str | None) -> None:
    quantity = one(sentence)
    assert (quantity.hedge[2] if quantity.hedge else None) == hedge


@pytest.mark.parametrize(
    ("sentence", "expected"),
    [
        ("The council called 999 residents.", [("999 residents", 999, "residents")]),  # a count after all
        ("Half a dozen people were hurt.", [("Half a dozen people", 6, "people")]),
        ("Rates rose by half a point.", [("half a point", 0.5, "percentage points")]),
        ("Half-year results were weak.", []),
        ("The firm cut 10 to 200 jobs.", [("10 to 200 jobs", None, "jobs")]),  # a range, no "by"
        ("Rents rose by 1 to 12 percent.", [("1 to 12 percent", None, "%")]),
    ],
)
def test_the_new_quantity_rules_keep_counts_dozens_and_ranges(
    sentence: str, expected: list[tuple[str, float | None, str | None]]
) -> None:
    assert [(q.text, q.value, q.unit) for q in find_quantities(sentence)] == expected


@pytest.mark.parametrize(
    ("sentence", "hedge"),
    [
        ("Fines can go up to $10,000.", "up to"),  # a bound: going is not arriving
        ("The 2023 report says over 300 people died.", "over"),  # a year, then a verb before the figure
    ],
)
def test_up_to_after_go_and_over_after_a_verb_are_hedges(sentence: str, hedge: str) -> None:
    quantity = find_quantities(sentence)[-1]
    assert quantity.hedge is not None and quantity.hedge[2] == hedge


@pytest.mark.parametrize(
    ("sentence", "figure", "hedge"),
    [
        ("Inflation is expected to move closer to 2 percent.", "2 percent", None),  # a direction
        ("The rate is closer to 3 percent than to 2 percent.", "3 percent", "closer to"),
        ("The decline among workers aged 55 and over was larger.", "55", "and over"),
        ("The pass is free for people aged 65 and older.", "65", "and older"),
        ("Some 1,000 homes and over 200 shops lost power.", "1,000 homes", "Some"),  # "over": the next one
        ("Shares fell 4 percent and over the week lost 9 percent.", "4 percent", None),
        ("He spent 30 years and over that time built 12 schools.", "30 years", None),
        ("Prices rose 3 percent and above all food costs climbed.", "3 percent", None),
        ("Tickets cost $10 for children 12 and over.", "12", "and over"),  # at the clause's end
        ("Turnout fell closer to 40 percent.", "40 percent", None),  # a direction
    ],
)  # fmt: skip
def test_closer_to_hedges_no_move_and_and_over_only_an_age_or_a_clause_end(
    sentence: str, figure: str, hedge: str | None
) -> None:
    found = {q.text: q for q in find_quantities(sentence)}
    assert (found[figure].hedge[2] if found[figure].hedge else None) == hedge
    assert found[figure].approximate == (hedge is not None)


@pytest.mark.parametrize(
    ("sentence", "expected"),
    [
        ("Growth was \u22120.3% in the quarter.", ("\u22120.3%", -0.3, "%")),  # a typeset minus sign
        ("It fell to \u221212C overnight.", ("\u221212C", -12.0, "C")),
        ("Temperatures hit \u22125 \u00b0C overnight.", ("\u22125 \u00b0C", -5.0, "\u00b0C")),
        ("The record is 105\u00b0F, set in July.", ("105\u00b0F", 105.0, "\u00b0F")),
        ("Some 3\u00a0000 people attended.", ("3\u00a0000 people", 3000.0, "people")),  # no-break space
        ("It has 2\u2009000 members.", ("2\u2009000 members", 2000.0, "members")),  # thin space
        ("Output rose 58.4 % in a year.", ("58.4 %", 58.4, "%")),
        ("Output rose 3.2\u00a0per\u00a0cent in a year.", ("3.2\u00a0per\u00a0cent", 3.2, "%")),
    ],
)
def test_typeset_signs_and_spaces_read_as_their_plain_forms(
    sentence: str, expected: tuple[str, float, str]
) -> None:
    assert reading(sentence) == expected


def test_a_plain_space_does_not_group_thousands() -> None:
    """ "in 2 000" is more often two numbers than one; only a no-break or thin space groups."""
    assert texts("Rooms 2 and 300 were shut.") == ["2", "300"]
    assert texts("It cost 3\u00a012 units.") == ["3", "12 units"]  # not a group of three digits


def test_a_between_range_of_degrees_is_one_range_with_its_unit() -> None:
    quantity = one("Highs between 10\u00b0C and 12\u00b0C are forecast.")
    assert (quantity.text, quantity.low, quantity.high, quantity.unit) == (
        "between 10\u00b0C and 12\u00b0C",
        10.0,
        12.0,
        "\u00b0C",
    )


@pytest.mark.parametrize(
    "sentence",
    [
        "They will train a twenty-first century workforce.",  # an ordinal in words
        "december 17, 2007 WASHINGTON, DC- The House approved the bill.",  # a month in lower case
        "Notice was given under 16 U.S.C. \u00a7 1540(g) and 40 CFR 60.",  # legal citations
    ],
)
def test_word_ordinals_lower_case_dates_and_legal_citations_are_not_figures(sentence: str) -> None:
    assert texts(sentence) == []


def test_a_spoken_word_second_stays_a_measure_and_a_count_in_words_stays_a_count() -> None:
    assert texts("They aired a thirty-second ad to twenty-one people.") == [
        "thirty-second",
        "twenty-one people",
    ]


def test_a_range_verb_with_its_dimension_keeps_from_x_to_y_one_range() -> None:
    (found,) = find_quantities("The turbines range in size from 30 to 140 feet.")
    assert (found.text, found.low, found.high, found.approximate) == ("30 to 140 feet", 30, 140, True)
    assert texts("Output rose in value from $5 to $7.") == ["$5", "$7"]  # a change stays two figures


@pytest.mark.parametrize(
    ("sentence", "expected"),
    [
        ("More than 300 USC students protested.", ["300 USC students"]),  # the university, not a code
        ("Penalties under 29 U.S.C. 794 reach $10,000.", ["$10,000"]),  # a title and its section
        ("It marks the twenty-second anniversary of the attack.", []),  # an ordinal after "the"
        ("Rents varied in most cities from $900 to $1,400.", ["$900 to $1,400"]),
    ],
)
def test_citations_ordinals_and_ranges_at_the_edges_of_their_rules(
    sentence: str, expected: list[str]
) -> None:
    assert texts(sentence) == expected


@pytest.mark.parametrize(
    ("sentence", "expected"),
    [
        (
            "The bill is backed by 7 out of 10 voters.",
            ["7 out of 10 voters"],
        ),  # one ratio, like "one in five"
        ("So a net 1 million out of 300 million is little.", ["1 million", "300 million"]),  # two figures
        ("Call 1-877-229-8493 and enter passcode 117571.", []),  # a telephone number and a code
        ("Congress passed House Resolution 38 last week.", []),
        ("They spoke one-on-one. It is the number one school.", []),
        ("He was the number two official. She is number three.", []),  # ranks
        ("It halved the number two years ago.", ["two years"]),  # a plural after it: a count
        ("It ran a zero-covid policy and a zero-tolerance rule.", []),
        ("It offers zero-percent loans to zero people.", ["zero-percent", "zero people"]),
        ("We work as one to serve. She was one of many.", []),
    ],
)
def test_ratios_out_of_identifiers_and_ones_that_count_nothing(sentence: str, expected: list[str]) -> None:
    assert texts(sentence) == expected


@pytest.mark.parametrize(
    ("sentence", "expected"),
    [
        # a count reaches over "more" or "fewer" to its plural noun
        ("It would employ thousands more hardworking Americans.", ["thousands more hardworking Americans"]),
        ("It would leave 22 million more Americans and 18,000 fewer jobs.",
         ["22 million more Americans", "18,000 fewer jobs"]),
        ("Millions more are expected. Millions more facing rising costs.", ["Millions", "Millions"]),
        ("They won 30 percent more medals, owing thousands more due to delays.", ["30 percent", "thousands"]),
        # "trillions", and a vague amount said twice is one
        ("We spent trillions and trillions of dollars.", ["trillions and trillions of dollars"]),
        # an age keeps "old" after "-year"; a vote's tally joined by "-to-"
        ("A 20-year old worker lost pay.", ["20-year old"]),
        ("It passed 227-to-203.", ["227-to-203"]),
        # names and marks, no figures
        ("It is his 1,425th day in prison. It protects 401(k)s. It filed a Part 161 application.", []),
        ("Put the house in order. 1) Require a budget 2) Restore PAYGO", []),
        ("You either 1) cut taxes or 2) raise wages, in three parts: (1) this, (2) that.", ["three parts"]),
        ("They hired 12 nurses (up from 9), and the bill passed (yeas: 52; nays: 47).",
         ["12 nurses", "9", "52", "47"]),
        ("It protects 403(b) and 457 (b) plans; it cut the number five percent.", ["five percent"]),
        ("It cost thousands and thousands and thousands of dollars.",
         ["thousands and thousands and thousands of dollars"]),
        ("Thousands more facing costs will lose coverage.", ["Thousands"]),
        ("We need 30 more children's books for 9-to-5 workers.", ["30"]),  # a possessive; office hours
        ("It covers the short term (years 1-10) and the long term (years 11-20).", ["1-10", "11-20"]),
    ],
)  # fmt: skip
def test_fourteenth_draw_counts_over_more_and_marks_that_are_no_figures(
    sentence: str, expected: list[str]
) -> None:
    assert texts(sentence) == expected


def test_a_ratio_out_of_has_its_value() -> None:
    (found,) = find_quantities("Seven out of 10 voters back it.")
    assert (found.value, found.unit) == (0.7, "ratio")


@pytest.mark.parametrize(
    ("sentence", "expected"),
    [
        ("Growth slowed to as little as one per cent.", ["one per cent"]),  # a bound, not "as one"
        ("Dealers offered zero-per-cent loans.", ["zero-per-cent"]),
        ("The score was zero-nil, and he went zero-for-ten.", ["zero-nil", "zero-for-ten"]),
        ("In 2020 out of 50 states the rule held.", ["50 states"]),  # a year is no numerator
        ("Call 1 (800) 555-0199 for help.", []),
    ],
)
def test_the_thirteenth_draws_quantity_rules_keep_the_figures_they_are_not_about(
    sentence: str, expected: list[str]
) -> None:
    assert texts(sentence) == expected
