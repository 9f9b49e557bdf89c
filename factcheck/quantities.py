"""Find the figures a sentence states: numbers, ranges, percentages, money, counts in words.

Rules written against data/SPANS.md, tuned on the span gold of dev documents
only. A regular expression finds number expressions; each is then widened to
its unit (a sign, a measure, or the noun it counts), checked against the
things that look like numbers but are not figures (dates, years, clock times,
ordinals, names such as "Route 66"), and given its hedge ("about", "up to",
"or so") and value. Everything is plain ``re`` over the text: no model, no
download, a few tens of microseconds a sentence.
"""

from __future__ import annotations

import math
import re
from dataclasses import dataclass, replace
from typing import Any

from factcheck.regex_trie import lowered_keeping_offsets, trie

_UNITS_WORDS = {
    "zero": 0, "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7,
    "eight": 8, "nine": 9, "ten": 10, "eleven": 11, "twelve": 12, "thirteen": 13, "fourteen": 14,
    "fifteen": 15, "sixteen": 16, "seventeen": 17, "eighteen": 18, "nineteen": 19,
}  # fmt: skip
_TENS_WORDS = {
    "twenty": 20, "thirty": 30, "forty": 40, "fifty": 50, "sixty": 60, "seventy": 70, "eighty": 80,
    "ninety": 90,
}  # fmt: skip
_SCALES = {
    "dozen": 12,
    "hundred": 100,
    "thousand": 1_000,
    "million": 1_000_000,
    "billion": 10**9,
    "trillion": 10**12,
    "lakh": 100_000,
    "crore": 10_000_000,
}
_SUFFIX_SCALES = {"k": 1_000, "m": 1_000_000, "mn": 1_000_000, "bn": 10**9, "b": 10**9, "tn": 10**12}
_FRACTIONS = {
    "half": 0.5, "third": 1 / 3, "quarter": 0.25, "fifth": 0.2, "tenth": 0.1,
    "hundredth": 1e-2, "thousandth": 1e-3, "millionth": 1e-6, "billionth": 1e-9,
}  # fmt: skip
_CURRENCIES = {"$": "USD", "£": "GBP", "€": "EUR", "¥": "JPY"}
# Currencies written with letters before the number ("US$40", "HK$2 million", "Rs 500", "₹500",
# "EUR 5 billion"): read as the bare number, then given back their prefix and currency.
_PREFIX_CURRENCIES = {
    "US$": "USD", "C$": "CAD", "CA$": "CAD", "A$": "AUD", "AU$": "AUD", "NZ$": "NZD", "HK$": "HKD",
    "S$": "SGD", "R$": "BRL", "NT$": "TWD", "Rs": "INR", "Rs.": "INR", "₹": "INR",
    "USD": "USD", "EUR": "EUR", "GBP": "GBP", "JPY": "JPY", "CAD": "CAD", "AUD": "AUD", "CHF": "CHF",
    "CNY": "CNY", "INR": "INR",
}  # fmt: skip


# Every use is case-insensitive; the look-ahead lets a number in digits fail at once, not at
# each of the thirty words (the words start with letters, so the matches are the same).
_WORD_NUMBER = (
    r"(?=[a-z])(?:(?:"
    + "|".join(_TENS_WORDS)
    + r")(?:-(?:"
    + "|".join(k for k in _UNITS_WORDS if _UNITS_WORDS[k] < 10)
    # "twenty-first" is an ordinal ("a thirty-second ad" is a measure, so "second" is left out)
    + r"))?(?!-(?:first|third|fourth|fifth|sixth|seventh|eighth|ninth)(?![a-z]))|"
    + "|".join(sorted(_UNITS_WORDS, key=len, reverse=True))
    + r")(?![a-z])"
)
# Thousands are grouped with commas, or in typeset and European copy with a no-break or thin space
# ("3\u00a0000"); a plain space is left alone ("in 2 000" is more often two numbers than one).
_DIGITS = (
    r"(?:\d+-|\d{1,2}[ \t](?=\d/\d))?\d/\d(?![\d/])|\d{1,3}(?:,\d{3})+(?:\.\d+)?"
    r"|\d{1,3}(?:[\u00a0\u2009\u202f]\d{3})+(?![\d,])(?:\.\d+)?|\d+(?:\.\d+)?"
)
# "a millionth" is a fraction, not a million
_SCALE_OR_DOZEN = r"(?:hundred|thousand|million|billion|trillion|lakh|crore|dozen)(?!th)"
# One number: currency, digits or words, an optional "and a half", scale words, an attached suffix.
_NUMBER = (
    r"(?:[$£€¥]\s?)?(?:" + _DIGITS + r"|" + _WORD_NUMBER + r"|(?:a|an|half\sa)(?=\s" + _SCALE_OR_DOZEN + r"))"
    r"(?:\sand\sa\shalf)?(?:\s" + _SCALE_OR_DOZEN + r")*(?:(?<=\d)[a-zA-Z]{1,3}\b)?"
)
# Measures a fraction forms one word with, or takes after "half a": "a half-cent tax", "a
# quarter-point cut", "a half-hour show", "by half a cent".
_FRACTION_MEASURES = (
    r"cent|point|percent|hour|day|week|month|year|century|decade|mile|inch|acre|pound|gallon|litre|liter"
    r"|metre|meter|minute"
)
# "two-thirds", "two thirds of", "three quarters of" ("two quarters of" counts periods), "a third",
# "one-third", "half".
_FRACTION = (
    r"(?:(?:" + _WORD_NUMBER + r")(?:-(?:thirds|quarters|fifths|tenths)|\s(?:thirds|fifths|tenths)(?=\sof\b))"
    r"|three\squarters(?=\sof\b)"
    r"|(?:a|an|another|one)\s(?:half|third|quarter|fifth|tenth|(?:hundred|thousand|million|billion)th(?=\sof\b))"
    r"|one-(?:half|third|quarter|fifth|tenth)"
    r"|half\sa(?=\s(?:" + _FRACTION_MEASURES + r")\b)|half(?!\sa\s|-year))"
)
# The units of "a quarter point" and "half a percent", as the same measures are named elsewhere.
_MEASURE_UNITS_NAMED = {"point": "percentage points", "percent": "%"}
_NOT_A_HALF = re.compile(r"[\s-](?:marathons?|term|time|brother|sister|mast|back|way|hearted)\b", re.I)
_VAGUE = (
    r"(?:(?:tens|hundreds)\sof\s(?:thousands|millions)"
    r"|(?:(?:hundreds|thousands|millions|billions|trillions)\sand\s)+(?:hundreds|thousands|millions|billions|trillions)"
    r"|hundreds|thousands|millions|billions|trillions|dozens"
    r"|(?:several|a\sfew)\s(?:dozen|hundred|thousand|million|billion))"
)
_RANGE_JOIN = r"(?:\s?[-\u2013—]\s?|-to-(?=\d)|\s(?:to|or)\s(?:(?:more|less|fewer)\sthan\s)?)"  # "227-to-203"

_CANDIDATE = re.compile(
    r"(?<![\w.,:$£€¥-])(?:"
    r"(?P<between>between\s(?P<b1>"
    + _NUMBER
    + r"|"
    + _FRACTION
    + r")(?:%|\s(?:per\s?cent|percent)|\s?°[CF])?\sand\s"
    r"(?P<b2>" + _NUMBER + r"|" + _FRACTION + r"))"
    r"|(?P<ratio>(?P<r1>"
    + _WORD_NUMBER
    + r"|\d+)(?:(?:\s(?P<rword>[a-z]+))?\sin|(?<!\b(?:19|20)\d\d)\sout\sof)\s(?P<r2>"
    + _WORD_NUMBER
    + r"|\d{1,3})(?![\w-]|[,.]\d))"
    r"|(?P<fraction>" + _FRACTION + r")(?:(?P<measure>-(?:" + _FRACTION_MEASURES + r"))(?![\w-])|(?![\w-]))"
    r"|(?P<vague>" + _VAGUE + r")(?![\w-])"
    r"|(?P<first>" + _NUMBER + r")(?:(?P<pct1>%|\sper\scent|\spercent)?(?P<join>" + _RANGE_JOIN + r")"
    r"(?P<second>" + _NUMBER + r"))?"
    r")",
    re.IGNORECASE,
)

# The first number of a candidate alone, with every group ``_read`` reads (the others never match):
# "18 goals in 24 appearances" is two counts, not the ratio the candidate took it for.
_FIRST_ALONE = re.compile(
    r"(?P<between>(?!))?(?P<b1>(?!))?(?P<b2>(?!))?(?P<ratio>(?!))?(?P<r1>(?!))?(?P<r2>(?!))?(?P<rword>(?!))?"
    r"(?P<fraction>(?!))?(?P<vague>(?!))?(?P<pct1>(?!))?(?P<join>(?!))?(?P<second>(?!))?"
    r"(?P<first>" + _NUMBER + r")",
    re.IGNORECASE,
)

_TALLY_AFTER = re.compile(  # "345 votes to 214"
    r"\sto\s(?:\d{1,3}(?:,\d{3})+|\d+)(?!\d|,\d|\.\d|%|\s(?:per|percent|votes))"
)

_TIME_UNITS = {
    "second", "seconds", "minute", "minutes", "hour", "hours", "day", "days", "night", "nights", "week",
    "weeks", "fortnight", "fortnights", "month", "months", "year", "years", "decade", "decades",
    "century", "centuries", "generation", "generations", "season", "seasons", "summers", "winters",
    "springs", "autumns", "evenings",
}  # fmt: skip
_MEASURE_UNITS = _TIME_UNITS | {
    "percent", "per cent", "percentage points", "points", "point", "times", "metres", "meters", "metre",
    "meter", "kilometres", "kilometers", "km", "miles", "mile", "nautical miles", "square miles",
    "feet", "foot", "inches", "inch", "centimetres", "centimeters", "cm", "millimetres",
    "millimeters", "mm", "kilograms", "kg", "tonnes", "tons", "metric tons", "degrees", "mph",
    "gigawatts", "megawatts", "terabytes", "petabytes", "light-years", "acres", "barrels",
    "pounds", "dollars", "euros", "kroner", "dollar", "pound", "euro", "yen", "rupee", "peso", "ton", "tonne",
    "gallon", "gallons", "litre", "litres", "liter",
    "liters", "acre", "yard", "yards", "ounce", "ounces", "hz", "khz", "mhz", "ghz", "kw", "mw", "gw", "kwh",
    "mwh", "gwh",
}  # fmt: skip
# Words that end a counted noun phrase: function words, verbs of being, adverbs of place and time.
_STOP = set(
    [
        "of",
        "in",
        "on",
        "at",
        "for",
        "from",
        "to",
        "by",
        "with",
        "per",
        "than",
        "as",
        "into",
        "across",
        "over",
        "since",
        "after",
        "before",
        "during",
        "between",
        "within",
        "about",
        "around",
        "near",
        "under",
        "above",
        "below",
        "and",
        "or",
        "but",
        "nor",
        "while",
        "whereas",
        "the",
        "a",
        "an",
        "this",
        "that",
        "these",
        "those",
        "its",
        "their",
        "his",
        "her",
        "our",
        "my",
        "your",
        "is",
        "are",
        "was",
        "were",
        "be",
        "been",
        "being",
        "has",
        "have",
        "had",
        "will",
        "would",
        "could",
        "can",
        "may",
        "might",
        "should",
        "must",
        "do",
        "does",
        "did",
        "said",
        "says",
        "who",
        "which",
        "whom",
        "whose",
        "it",
        "they",
        "he",
        "she",
        "we",
        "you",
        "them",
        "more",
        "less",
        "fewer",
        "still",
        "already",
        "now",
        "also",
        "each",
        "every",
        "ago",
        "earlier",
        "later",
        "away",
        "last",
        "next",
        "too",
        "only",
        "just",
        "so",
        "all",
        "both",
        "apart",
        "south",
        "north",
        "east",
        "west",
        "up",
        "down",
        "out",
        "off",
        "back",
        "then",
        "there",
        "here",
        "worldwide",
        "nationwide",
        "not",
        "no",
        "if",
        "when",
        "because",
        "though",
        "although",
        "where",
        "how",
        "what",
        "why",
        "alone",
        "total",
        "together",
        # prepositions after a count: "six aboard", "1,500 children throughout the state"
        "aboard",
        "throughout",
        "onto",
        "via",
        "against",
        "among",
        "amid",
        "without",
        "toward",
        "towards",
        "beyond",
        "inside",
        "outside",
        "through",
        "until",
        "including",
    ]
)
# A share of a group named by a possessive: "100 of her colleagues", "15,000 of their employees".
_PARTITIVE = re.compile(r" of (?:her|his|their|our|its|my|your)(?= [A-Za-z])")
_OLD = re.compile(r" old(?![\w-])")
_MORE = re.compile(r" (?:more|fewer)(?= )")
# Participles that describe the people counted ("thousands more hardworking Americans").
_PARTICIPLE_ADJECTIVES = frozenset(
    {"hardworking", "working", "struggling", "skilled", "trained", "qualified", "uninsured", "insured",
     "registered", "displaced", "unemployed", "retired", "wounded", "injured", "armed", "licensed",
     "talented", "underserved", "undocumented", "full-time", "part-time"}
)  # fmt: skip
_POSSESSIVE_ENDS = ("'s", "\u2019s", "'", "\u2019")
# Plural heads without an -s: a count's phrase ends at them ("300,000 people attend" -> "300,000 people").
_IRREGULAR_PLURALS = frozenset({"people", "children", "men", "women"})
# Nouns in -s that are not plurals, so not a count's head: "1,274 measles cases", "two news crews".
_SINGULAR_IN_S = frozenset(
    {"measles", "mumps", "rabies", "diabetes", "herpes", "scabies", "shingles", "news", "physics",
     "economics", "politics", "athletics", "gymnastics", "mathematics", "chaos", "bias", "lens", "atlas"}
)  # fmt: skip
_MONTHS = (
    r"(?:Jan(?:uary)?|Feb(?:ruary)?|Mar(?:ch)?|Apr(?:il)?|May|June?|July?|Aug(?:ust)?|Sept?(?:ember)?"
    r"|Oct(?:ober)?|Nov(?:ember)?|Dec(?:ember)?)\.?"
)
# Heads that count without a plural -s, which also modify a noun: "3,000 staff face redundancy" ends
# at "staff", "100,000 police officers" at the plural after it (``_PLURAL_NEXT``).
_UNMARKED_HEADS = frozenset(
    {"staff", "police", "personnel", "crew", "cattle", "livestock", "sheep", "fish", "deer", "aircraft",
     "spacecraft", "clergy", "infantry", "militia", "youth", "offspring", "poultry", "swine"}
)  # fmt: skip
# Past tenses without -ed that follow a count's noun as its verb: "One gunman shot three people" (not
# those that also stand before a noun: "paid leave", "lost jobs", "built homes").
_IRREGULAR_PASTS = frozenset(
    {"became", "began", "came", "chose", "drew", "drove", "fell", "fled", "flew", "fought", "gave", "grew",
     "knew", "led", "met", "quit", "ran", "rose", "sank", "saw", "sent", "shot", "spoke", "stole", "struck",
     "swam", "took", "told", "threw", "went", "won", "wore", "wrote"}
)  # fmt: skip
_PLURAL_NEXT = re.compile(r"\s[a-z]{2,}[a-rt-z]s\b")  # "police officers", "crew members"
_COUNT_WORD = re.compile(r"\s([A-Za-z](?:[\w'\u2019&-]|\.(?=[A-Za-z]))*(?:(?<=\.[A-Za-z])\.)?)")
_DEGREE_SCALE = re.compile(r"\s(?:Fahrenheit|Celsius|C|F)\b")
_COMPOUND = re.compile(r"-[a-z]+(?:-[a-z]+)*")
# A telephone number, "(202) 225-3121", "202-225-3121" or "1-877-229-8493", read from its first digit:
# skipped whole.
_PHONE = re.compile(r"(?:1[-.\s]\(?)?\d{3}\)?[-.\s]{1,2}\d{3}[-.\s]\d{4}(?!\d)")
# A street address after a house number: "1716 Merritt Boulevard", "22 West Square".
_STREET_AFTER = re.compile(
    r"\s(?:[A-Z][A-Za-z'-]*\.?\s){1,3}(?:Avenue|Ave|Road|Rd|Street|St|Boulevard|Blvd|Drive|Dr|Lane|Ln|Way"
    r"|Square|Place|Pl|Court|Ct|Parkway|Pkwy|Highway|Hwy|Circle|Terrace|Plaza|Pike)\b"
)
_STATES = (
    "Alabama|Alaska|Arizona|Arkansas|California|Colorado|Connecticut|Delaware|Florida|Georgia|Hawaii|Idaho"
    "|Illinois|Indiana|Iowa|Kansas|Kentucky|Louisiana|Maine|Maryland|Massachusetts|Michigan|Minnesota"
    "|Mississippi|Missouri|Montana|Nebraska|Nevada|New Hampshire|New Jersey|New Mexico|New York"
    "|North Carolina|North Dakota|Ohio|Oklahoma|Oregon|Pennsylvania|Rhode Island|South Carolina"
    "|South Dakota|Tennessee|Texas|Utah|Vermont|Virginia|Washington|West Virginia|Wisconsin|Wyoming"
)
# A ZIP code: five digits after a state's name or letters ("Baltimore, Maryland 21222", "MD 21222").
_STATE_BEFORE = re.compile(r"(?:\b(?:" + _STATES + r")|\b[A-Z]{2}),?\s$")
_ZIP = re.compile(r"\d{5}")
_NUMERIC_DATE = re.compile(r"(?=\d)(?:\b\d{4}-\d\d(?:-\d\d)?\b|\b\d{1,2}/\d{1,2}/\d{2,4}\b)")
# A month written in lower case, as some releases' datelines do ("december 17, 2007"); not "may" or "march".
_LOWER_MONTHS = r"(?:january|february|april|june|july|august|september|october|november|december)"
_DATE_BEFORE = re.compile(r"(?:" + _MONTHS + r"|\b" + _LOWER_MONTHS + r")\s$")
_DATE_AFTER = re.compile(r"^\s" + _MONTHS + r"(?![a-z])")
_TIME_AFTER = re.compile(
    r"^\s?(?:a\.m\.|p\.m\.|A\.M\.|P\.M\.|am\b|pm\b|AM\b|PM\b|o'clock|GMT|BST|EDT|EST|PT\b|ET\b)"
)
# "Route 66", "type 2", "FTSE 350", "S&P 500", "M87", "COVID-19": a number that is part of a name.
_IDENTIFIER_BEFORE = re.compile(
    r"(?:(?:\b(?:[Tt]ype|[Cc]ategory|[Ll]evel|[Pp]hase|[Ss]tage|[Rr]oute|[Aa]rticle|[Ss]ection|[Cc]hapter"
    r"|[Pp]age|[Rr]oom|[Gg]ate|[Pp]latform|[Ff]light|[Rr]ow|No\.|[Nn]umber|[Vv]ersion|[Tt]ier|[Cc]lass|Order"
    r"|Law|District|Local|Ward|Precinct|Emergency|[Jj]unction|Interstate|Highway|Proposition|Prop\.|Terminal"
    r"|Pier|Channel|Radio|Apollo|Artemis|Formula|Windows|iPhone|iPad|Pixel|Galaxy|PlayStation|Xbox|Boeing"
    r"|Model|Exit|Resolution|[Pp]asscode|Part|Opus|[Ee]xt\.?|[Ee]xtension)"
    r"|\b[A-Z][A-Za-z&]*[A-Z&]|\b(?:H\.\s?R\.?|[HS]\.\s?(?:J\.\s?|Con\.\s?)?Res\.?|A\.\s?B\.|S\.\s?B\.)"
    r"|(?<![\w.])S\.)\s|[A-Za-z]|(?<=\w)-|\b[A-Z]{1,3}\d{1,2}\+)$"
)
# "42 U.S.C.", "40 CFR 60": a title of a code (bare "USC", "CFR" only before a section: "300 USC students")
_CODE_AFTER = re.compile(r"\s(?:U\.\s?S\.\s?C\.|C\.\s?F\.\s?R\.|Stat\.|(?:USC|CFR)(?=\s*(?:\u00a7|\d)))")
# ... and the section after it: "\u00a7 1540", "29 U.S.C. 794"
_CODE_BEFORE = re.compile(r"(?:\u00a7|U\.\s?S\.\s?C\.|C\.\s?F\.\s?R\.|\bStat\.|\bUSC|\bCFR)\s*$")
_EMERGENCY_NUMBERS = frozenset({"999", "911", "112", "111", "101", "000"})
_DIALLED_BEFORE = re.compile(
    r"\b(?:call(?:s|ed|ing)?|dial(?:s|led|ed|ling|ing)?|ring(?:s|ing)?|rang)\s$", re.I
)
_HEDGE_WORDS = [
    "somewhere in the region of", "somewhere north of", "somewhere south of", "somewhere around",
    "somewhere", "something like", "a little over", "a little under", "a little more than", "just over",
    "just under", "well over", "well above", "well below", "well under", "no more than", "no less than",
    "not more than", "more than", "less than", "fewer than", "greater than", "higher than", "upwards of",
    "up to",
    "at least", "at most", "as many as", "as much as", "as long as", "as few as", "as little as", "as low as",
    "as high as",
    "closer to", "close to", "an estimated", "estimated", "approximately", "about", "around", "roughly",
    "some", "nearly", "almost", "over", "under", "above", "below", "past", "near", "barely", "perhaps",
    "probably", "maybe", "possibly", "upward of", "north of", "in excess of", "a maximum of", "more like",
]  # fmt: skip
_HEDGE_ENDINGS = tuple(_HEDGE_WORDS)
_HEDGES_BEFORE = re.compile(r"(?:^|(?<=\W))(?P<hedge>" + trie(_HEDGE_WORDS) + r")\s$", re.IGNORECASE)
_MULTIWORD_UNITS = (
    "percentage points", "percentage point", "basis points", "basis point", "nautical miles", "square miles",
    "metric tons", "per cent",
)  # fmt: skip
_SPACED_MULTIWORD_UNITS = tuple(" " + unit for unit in _MULTIWORD_UNITS)
# "for over 100 years", "in under 10 minutes", "takes under an hour": a bound on a duration.
_DURATION_BEFORE = re.compile(
    r"\b(?:for|in|take|takes|took|taken|taking|last|lasts|lasted|lasting|spent|spend|spends)\s$", re.I
)
# Hedge words that are also prepositions, and the words they follow as one: "fought over three islands".
_PREPOSITION_HEDGES = frozenset({"about", "over", "past", "under", "around"})
_GOVERNS_A_PREPOSITION = frozenset(
    {"fought", "fight", "fighting", "dispute", "disputes", "row", "rows", "clash", "clashed", "question",
     "questions", "concern", "concerns", "concerned", "worries", "worry", "worried", "fears", "talk",
     "talks", "talked", "talking", "argue", "argued", "arguing", "know", "knew", "learn", "learned",
     "learnt", "write", "wrote", "written", "speak", "spoke", "care", "cares", "story", "stories", "film",
     "book", "novel", "documentary", "control", "authority", "jurisdiction", "sovereignty"}
)  # fmt: skip
# Verbs of motion and spread take "over" and "past" as places ("ran past 20 checkpoints", "spread over
# 12 sites") but "about" as a hedge ("walked about 10 miles").
_MOVES_OVER_OR_PAST = frozenset(
    {"drove", "walked", "ran", "rolled", "flew", "jumped", "climbed", "stepped", "circled", "spread",
     "split", "stages", "covers", "drive", "walk", "run", "fly", "climb", "sailed", "marched", "passed"}
)  # fmt: skip
_LAST_WORD = re.compile(r"([A-Za-z]+)\s+$")
# Verbs that take "up" as their particle, so "up to" after them is where they arrive, not a bound:
# "edging up to 4.1%", "revised up to 2.1%" ("could cost up to $5m" is a bound).
_TAKES_UP = frozenset(
    {"edge", "edged", "edges", "edging", "tick", "ticked", "ticks", "ticking", "inch", "inched", "inching",
     "creep", "creeps", "crept", "creeping", "climb", "climbed", "climbs", "climbing", "jump", "jumped",
     "jumps", "jumping",
     "revise", "revised", "revises", "revising", "push", "pushed", "pushing", "bump", "bumped", "bumping",
     "mark", "marked", "ramp", "ramped", "ramping", "step", "stepped", "stepping", "round", "rounded",
     "drift", "drifted", "drifting", "shot", "shoot", "shoots", "shooting", "trend", "trended", "trending"}
)  # fmt: skip
# Verbs in -s that a figure follows as their object: "The 2023 report says over 300 people died".
_VERBS_BEFORE_A_FIGURE = frozenset(
    {"says", "finds", "shows", "estimates", "reports", "suggests", "predicts", "expects", "notes", "states",
     "claims", "counts", "lists", "puts", "forecasts", "projects", "tells", "adds"}
)  # fmt: skip
# "27 drones over four regions": "over" right after a count's plural noun is a place, not a bound.
_COUNTED_BEFORE = re.compile(
    r"(?<![\d,.])(?!(?:19|20)\d\d\s)\d[\d,.]*\s(?:[A-Za-z-]+\s)?(?P<noun>[a-z-]+s)\s$"
)
# "move closer to 2 percent": where a quantity is heading, not how close the figure is to the truth.
_MOVES_CLOSER = frozenset(
    {"move", "moves", "moved", "moving", "edge", "edges", "edged", "edging", "get", "gets", "got", "getting",
     "come", "comes", "came", "coming", "draw", "draws", "drew", "drawing", "inch", "inched", "inching",
     "rise", "rises", "rose", "risen", "rising", "fall", "falls", "fell", "fallen", "falling", "climb",
     "climbs", "climbed", "climbing", "drop", "drops", "dropped", "dropping", "bring", "brings", "brought",
     "bringing", "push", "pushes", "pushed", "pushing", "drift", "drifts", "drifted", "drifting", "slip",
     "slips", "slipped", "slipping", "creep", "creeps", "crept", "creeping", "head", "heads", "headed"}
)  # fmt: skip
_AGED_BEFORE = re.compile(r"\b(?:aged|ages?)\s$", re.I)
_CLAUSE_END = re.compile(r"\s*(?:[.,;:)!?]|$)")
# "aged 55 and over" as "55 or more"; not "1,000 homes and over 200 shops", a hedge of the next figure.
_HEDGE_AFTER = re.compile(
    r"^\s(?P<hedge>or so|or more|or less|or thereabouts|and older"
    r"|(?:and over|and above)(?!\s+(?:[\d$£€]|a\b|an\b)))\b"
)
_ORDINAL_BEFORE = re.compile(
    r"\b(?:the|first|second|last|its|their|western|eastern|northern|southern)\s$", re.I
)


_NUMBERISH = re.compile(
    r"^(?:[\d.,]+[a-z]*|\d/\d|"
    + _WORD_NUMBER
    + r"|"
    + _SCALE_OR_DOZEN
    + r"s?|and|a|an|half|to|or|between|of|tens|several|few|dozens|more|less|fewer|than)$",
    re.I,
)
# Where a figure can start; the full pattern is tried only there (searching with it is slow).
_ANCHOR_WORDS = [
    *_UNITS_WORDS, *_TENS_WORDS, "between", "half", "hundreds", "thousands", "millions", "billions",
    "trillions", "dozens", "tens", "several",
]  # fmt: skip
_ANCHOR = re.compile(
    # Searched in the lower-cased text (no case folding at every position); the character before is
    # checked first (inside a word most positions fail there, cheaply), then the first character.
    r"(?<![\w.,:$£€¥-])(?=[$£€¥\dabdefhmnostz])(?:[$£€¥\d]|(?:"
    + trie(_ANCHOR_WORDS)
    + r"|(?:an?|another|one)"
    r"(?=\s(?:half|third|quarter|fifth|tenth|dozen|hundred|thousand|million|billion|few)))"
    r"(?![\w]))"
)

_COMPASS = {"north", "south", "east", "west"}  # "three South Dakotans": part of a name
_COMPARATIVES = {
    "closer",
    "further",
    "higher",
    "lower",
    "longer",
    "shorter",
    "larger",
    "smaller",
    "bigger",
    "sooner",
}
# Words that end a count's phrase when they come last: a comparative ("one day sooner") or a
# predicate ("hundreds dead").
_NOT_A_HEAD = _COMPARATIVES | {"dead", "alive"}
# What may follow "a third" in a fraction ("a third of", "a third higher"); any other word makes it an
# ordinal. Built once: it is read for every such candidate.
_KEEPS_A_FRACTION = _STOP | _COMPARATIVES
_OPENING_QUOTES = {"\u201c", '"', "\u2018"}
_QUOTED_NAME_AFTER = re.compile(r"\s[A-Za-z]+[,.]?[\u201d\u2019\"]")
# Compiled once: these run for every candidate figure.
_GROUP_SPACE = re.compile(r"(?<=\d)[\u00a0\u2009\u202f](?=\d{3}(?!\d))")
_PLAIN_NUMBER = re.compile(r"[$£€¥]?\d[\d,]*(?:\.\d+)?")
_DIGITS_SUFFIX = re.compile(r"(\d+(?:\.\d+)?)([a-z]*)")
_SLASH = re.compile(r"(\d)/(\d)")
_LETTER_PREFIXES = ("Rs", "\u20b9", "USD", "EUR", "GBP", "JPY", "CAD", "AUD", "CHF", "CNY", "INR")
_CURRENCY_PREFIX = re.compile(
    r"(?<![\w$.])(?P<sign>(?:US|CA?|AU?|NZ|HK|S|R|NT)\$|Rs\.?|₹|(?:USD|EUR|GBP|JPY|CAD|AUD|CHF|CNY|INR)(?=\s))"
    r"\s?(?=\d)"
)
_CURRENCY_SIGN = re.compile(r"^(?:between\s)?([$£€¥])", re.IGNORECASE)
_SCALE_WORDS_AFTER = re.compile(r"(?:\s" + _SCALE_OR_DOZEN + r")+$", re.IGNORECASE)
_SUFFIXES = "|".join(_SUFFIX_SCALES)  # "5bn", "2.3m": the scale written onto the number
_SUFFIX_SCALE = re.compile(rf"(\d)(?:{_SUFFIXES})$", re.IGNORECASE)
_MONEY_NUMBER = re.compile(rf"[$£€¥]\d[\d,]*(?:\.\d+)?(?:{_SUFFIXES})?", re.IGNORECASE)  # "$50", "$5bn"
_HAS_SCALE = re.compile(_SCALE_OR_DOZEN + rf"|\d(?:{_SUFFIXES})\b", re.IGNORECASE)
_ROUND_THOUSANDS = re.compile(r"[$£€¥]?(?P<lead>\d{1,3})(?:,000)+")  # "3,000", "25,000,000"
_SHORT_INTEGER = re.compile(r"[$£€¥]?\d{1,3}")
_PERIOD_BEFORE = re.compile(r"\b(?:the|its|their)\s$")
_INTEGER = re.compile(r"\d+")
_YEAR = re.compile(r"1[89]\d\d|20\d\d")
# A year outside _YEAR's range is read as one only after a word of time and before no counted noun.
_FAR_YEAR = re.compile(r"1[0-7]\d\d|21\d\d")
_SINCE_BEFORE = re.compile(
    r"\b(?:[Ii]n|[Bb]y|[Ff]rom|[Ss]ince|[Uu]ntil|till|[Bb]efore|[Aa]fter|circa|c\.)\s$"
)
_NO_NOUN_AFTER = re.compile(
    r"(?:[^\w\s-]|\s(?:[A-Z]|(?:the|a|an|and|or|when|as|it|he|she|they|there|we)\b)|$)"
)
_PERCENT_NEXT = re.compile(r"\s?(?:%|per)")
_SMALL_INTEGER = re.compile(r"\d{1,2}")
_ORDINAL = re.compile(r"\d+s|\d[\d,]*(?:st|nd|rd|th)")  # "1990s", "1,425th"
_DECADE_OR_CLOCK_AFTER = re.compile(r"['\u2019]s\b|:\d\d")
# "its one millionth truck", "the 100 thousandth visitor": a number before a scale ordinal is part of
# the ordinal ("one millionth of a second" is a fraction, read apart)
_SCALE_ORDINAL_AFTER = re.compile(r"[\s-](?:hundred|thousand|million|billion|trillion)th\b(?!\s+of\b)", re.I)
_DIGITS_WORD = re.compile(r"\d+[a-z]*")
_GLUED_BEFORE = re.compile(r"[A-Za-z]\d*[-.]?$")
_LIST_MARK_BEFORE = re.compile(r"[,:;(]\s?$")
_LIST_START = re.compile(r"(?:^|\n|[.!?]\s)\s*$")
_LIST_MARK = re.compile(r"(?:^|[\s(])(\d{1,2})\)\s")
_CLOCK = re.compile(r"\d{1,2}[:.]\d\d[a-z]*")
_HOUR = re.compile(r"\d{1,2}(?:am|pm)")
_PLAN_SECTION = re.compile(r"(?:401|403|457)\s?\([a-z]\)", re.I)  # "401(k)", "403(b)"
_PRONOUN_ONE_AFTER = re.compile(
    r"\s?(?:of\b|another\b|which\b|who\b|that\b|[,.;:!?)\"\u201d\u2019]|$)"
    r"|\s(?:you|I|we|he|she|they)\b"  # "which one you gave", "a plan, one that works": pronouns
    r"|\s(?:the|his|her|their|our|its)\b"  # "a loss, but one the club will remember"
    r"|\s(?:would|will|is|was|has|had|can|could|should|may|might|must)\b"  # "the new one would": a pronoun
    # "when one considers", "One wonders": the verbs the pronoun takes in news ("one bus" stays a count).
    r"|\s(?:thinks|considers|wonders|remembers|recalls|realises|realizes|notices|finds|sees|says|knows"
    r"|hears|reads|asks|feels|wants|needs|hopes|believes|imagines|assumes|expects|suspects|goes|does"
    r"|gets|files|calls|expresses|learns|tries|looks|speaks|writes|acknowledges|understands)\b"
)
# "the number one school": a rank, like "the No. 1 school" ("No." and "number" before digits: identifiers).
_PRONOUN_ONE_BEFORE = re.compile(r"\b(?:the|no|any|every|each|this|some|which|number)\s$", re.I)
# "the number two official", "number three seed": ranks ("halved the number two years ago" counts years).
_RANKS = frozenset({"two", "three", "four", "five", "six", "seven", "eight", "nine", "ten"})
_RANK_FIGURE_NEXT = re.compile(r"\s(?:percent|per\scent|times)\b")  # "cut the number five percent"
# "a new one in 2015", "the only one doing it": an article and a word before "one", and after it a
# word no counted noun is (a preposition, a verb in -ing or -ed); "the opportunity one year earlier"
# keeps its count.
_ARTICLE_WORD_BEFORE = re.compile(r"\b(?:a|an|the)\s[a-z]+\s$", re.I)
# "as little as one per cent": a bound before "one", not "as one" meaning together.
_AS_MUCH_AS = re.compile(r"\bas\s[a-z]+\sas\s$", re.I)
# "zero-" before a word that is not a unit, a score or a number ("zero-percent interest", "zero-nil").
_ZERO_COMPOUND = re.compile(
    r"-(?!(?:per[-\s]?cent|percent|degree|point|nil|for|interest|down|one|two|three|four|five|six|seven|eight"
    r"|nine|ten)s?\b)[a-z]",
    re.I,
)
_PRONOUN_ONE_NEXT = re.compile(
    r"\s(?:more|fewer|less|other|another|such|example)\b|-(?:to-one|on-one|off|way|time|stop)\b|\sStop\b"
)
_PERCENT_SIGN = re.compile(r"[ \u00a0\u202f]?%|\s(?:per\s?cent|percent)\b")  # "58.4 %" as typeset in Europe
_POINTS_AFTER = re.compile(r" (?:percentage )?points?\b")
_FROM_BEFORE = re.compile(r"\bfrom\s$")
# "fell by 8,000 to 212,000": a change and the level it reached, when the second number is over
# ten times a first of at least 10 (a range of changes is narrower: "fell by 5 to 10%").
_CHANGE_BEFORE = re.compile(r"\bby\s$", re.I)
_RANGE_VERB_BEFORE = re.compile(
    r"\b(?:range[sd]?|ranging|var(?:y|ies|ied|ying))\s+(?:in\s+[a-z]+\s+(?:[a-z]+\s+)?)?from\s$"
)  # "ranging from", "range in size from"
_SCALE_SUFFIX_COUNT = re.compile(rf"\d[\d,]*(?:\.\d+)?(?:{_SUFFIXES})", re.IGNORECASE)  # "3m", no sign
_IN_METRES = re.compile(r"\d[\d,]*(?:\.\d+)?m")
# What follows a length in metres written "m": "4,800m above sea level", "30m deep", "the 100m final".
_METRES_AFTER = re.compile(
    r"\s(?:deep|tall|high|long|wide|above|below|away|final|race|sprint|hurdles|freestyle|relay|backstroke"
    r"|breaststroke|butterfly|from\sthe)\b"
)
_SIGNED = re.compile(r"[%$£€¥°]|\d[a-zA-Z]+$|per\s?cent$", re.I)
_FRACTION_WORDS = re.compile(_FRACTION, re.IGNORECASE)
# "a third"/"another fifth" before a word other than "of" is an ordinal ("a third term");
# "a half"/"a quarter" before a word are measures ("a quarter mile") and stay.
_ORDINAL_FRACTION = re.compile(r"(?:a|another)\s(?:third|fifth|tenth)", re.IGNORECASE)
_WORD_AFTER = re.compile(r"\s([A-Za-z]+)")
_DEGREES = re.compile(r"[ \u00a0\u202f]?°\s?([CF])\b")
_PERCENT_WORD = re.compile(r"per\s?cent", re.I)  # "per\u00a0cent" too
_POINTS_WORDS = re.compile(r"percentage[ -]points?\b", re.I)
_ATTACHED_UNIT = re.compile(r"\d([a-zA-Z]{1,4})\b")
_UNIT_SPLIT = re.compile(r"[\s\u2013—-]+")


@dataclass(frozen=True)
class Quantity:
    """A figure with offsets into the text it was found in (end exclusive)."""

    start: int
    end: int
    text: str
    value: float | None
    low: float | None
    high: float | None
    unit: str | None
    approximate: bool
    hedge: tuple[int, int, str] | None

    def to_dict(self) -> dict[str, Any]:
        record: dict[str, Any] = {"start": self.start, "end": self.end, "text": self.text}
        if self.low is not None or self.high is not None:
            record["low"], record["high"] = self.low, self.high
        else:
            record["value"] = self.value
        record["unit"] = self.unit
        record["approximate"] = self.approximate
        record["hedge"] = (
            {"start": self.hedge[0], "end": self.hedge[1], "text": self.hedge[2]} if self.hedge else None
        )
        return record


def number_value(text: str) -> float | None:
    """The value of one number expression ("£2.3m" -> 2300000, "twenty-seven" -> 27), or None."""
    if _PLAIN_NUMBER.fullmatch(text):  # most figures: digits, perhaps a currency sign and commas
        return float(text.lstrip("$£€¥").replace(",", ""))
    if _GROUP_SPACE.search(text):  # "3\u00a0000": the space groups thousands, as a comma does
        return number_value(_GROUP_SPACE.sub(",", text))
    words = text.lower().replace("-", " ").replace(",", "").split()
    if not words:
        return None
    words[0] = words[0].lstrip("$£€¥") or "1"
    value: float | None = None
    total = 0.0
    for word in words:
        match = _DIGITS_SUFFIX.fullmatch(word)
        slash = _SLASH.fullmatch(word)
        if slash:  # "1/4", the half of "6-1/2"
            if not int(slash[2]):
                return None  # "0/0": no fraction, no value
            value = (value or 0) + int(slash[1]) / int(slash[2])
        elif match:
            value = float(match[1]) * _SUFFIX_SCALES.get(match[2], 1)
        elif word in _UNITS_WORDS:
            value = (value or 0) + _UNITS_WORDS[word]
        elif word in _TENS_WORDS:
            value = (value or 0) + _TENS_WORDS[word]
        elif word in ("a", "an"):
            value = value if value is not None else 1  # "half a million" keeps its half
        elif word == "half":
            value = (value or 0) + 0.5 if value is not None and value >= 1 else 0.5
        elif word in _SCALES:
            value = (value if value is not None else 1) * _SCALES[word]
            if _SCALES[word] >= 1000:
                total, value = total + value, None
        elif word in ("and",):
            continue
        else:
            return None
    result = total + (value or 0)
    return result if result or value == 0 else None


def _fraction_value(text: str) -> float | None:
    words = text.lower().replace("-", " ").split()
    if len(words) == 1 and words[0] == "half":
        return 0.5
    count = 1 if words[0] in ("a", "an", "another", "one") else _UNITS_WORDS.get(words[0])
    denominator = _FRACTIONS.get(words[-1].rstrip("s"))
    return float(f"{count * denominator:.4g}") if count and denominator else None  # "a millionth": 1e-06


def _counted_noun(text: str, pos: int, single: bool = False) -> int:
    """Where the unit or counted noun after ``pos`` ends (``pos`` itself when there is none).

    ``single``: the count is one, so its noun is singular and a later word in -s is its verb
    ("One person remains"), not a plural head.
    """
    # "thousands more jobs", "18,000 fewer jobs" ("50 percent more medals" counts no medals)
    more = _MORE.match(text, pos)
    if more and text[pos - 1].isalnum() and not text.endswith("cent", 0, pos):
        start = more.end()
        noun_end = _counted_noun(text, start, single)
        counted = text[start:noun_end].split()
        # Its noun is a plural ("thousands more hardworking Americans"); "thousands more due" and
        # "millions more facing rising costs" count no noun: a participle there is a verb.
        if (
            counted
            and (counted[-1].endswith("s") or counted[-1].lower() in _IRREGULAR_PLURALS)
            and not counted[-1].endswith(_POSSESSIVE_ENDS)  # "30 more children's books": not the books
            and not (counted[0].endswith(("ing", "ed")) and counted[0].lower() not in _PARTICIPLE_ADJECTIVES)
        ):
            return noun_end
    if (partitive := _PARTITIVE.match(text, pos)) is not None:  # "15,000 of their employees"
        noun_end = _counted_noun(text, partitive.end())
        # Not when its noun is a possessor ("four of our nation's …"): the head comes later.
        if noun_end > partitive.end() and not text[partitive.end() : noun_end].endswith(_POSSESSIVE_ENDS):
            return noun_end
    for unit in _MULTIWORD_UNITS if text.startswith(_SPACED_MULTIWORD_UNITS, pos) else ():
        if text.startswith(" " + unit, pos) and not text[pos + len(unit) + 1 : pos + len(unit) + 2].isalnum():
            return pos + 1 + len(unit)
    end = pos
    words: list[tuple[str, int]] = []
    while (match := _COUNT_WORD.match(text, end)) is not None:
        word = match[1]
        lower = word.lower()
        if (lower in _STOP and not (word[0].isupper() and lower in _COMPASS)) or len(words) == 4:
            break
        if word[-1] == "-":  # "92,000 asylum claim- …": a broken compound ends the phrase before it
            break
        if word[-1] in "'\u2019":  # "14 days' notice": the possessive ends the phrase
            words.append((word[:-1], match.end() - 1))
            break
        if lower in _IRREGULAR_PASTS and word.islower() and (words or lower != "shot"):
            break  # "Over 9,000 ran the race", "One gunman shot three people": the verb ("one shot" a noun)
        if words and (
            word == "I"  # "one father I met"
            or lower in _UNITS_WORDS
            or lower in _TENS_WORDS
            or (single and _verb_after_a_single(text, word, match.end()))
        ):
            break  # the verb after the noun, or the next count: "One gunman shot three people"
        words.append((word, match.end()))
        end = match.end()
        if lower in _UNMARKED_HEADS and not _PLURAL_NEXT.match(text, end):
            break
        if lower in ("years", "year") and (old := _OLD.match(text, end)) is not None:
            return old.end()  # an age keeps "old": "81 years old"
        # A count's head is plural: "14 attack drones", not "14 attack drones leave"; a count of one
        # has its plural before its head ("one live arts event").
        if (
            len(word) > 3
            and word[-1] == "s"
            and word[-2] not in "su"
            and not word.isupper()
            and not (single and len(words) > 1)
            and lower not in _SINGULAR_IN_S
        ) or lower in _IRREGULAR_PLURALS:
            break
        if lower in _MEASURE_UNITS or lower.rstrip("s") == "degree":
            scale = _DEGREE_SCALE.match(text, end) if lower == "degrees" else None
            return scale.end() if scale else end
    # A trailing participle, adverb or predicate is not the head: "400 companies tracked by",
    # "31 injured", "hundreds dead" (but "60 million dead babies" keeps its noun).
    while words and (
        (words[-1][0].endswith(("ed", "ing", "ly")) and "-" not in words[-1][0])
        or words[-1][0].lower() in _NOT_A_HEAD
    ):
        words.pop()
    return words[-1][1] if words else pos


def _plural_next(text: str, end: int) -> bool:
    """Whether the word after ``end`` is a plural noun ("3m viewers", "1.4bn people")."""
    if _PLURAL_NEXT.match(text, end):
        return True
    word = _WORD_AFTER.match(text, end)
    return word is not None and word[1].lower() in _IRREGULAR_PLURALS


def _verb_after_a_single(text: str, word: str, end: int) -> bool:
    """Whether ``word`` in -s after the noun of a count of one is its verb: "One person remains in".

    A plural there is part of a compound before the head ("one live arts event"), so the word
    after it must end the phrase.
    """
    if not (word[-1] == "s" and word[-2] not in "siu" and word.islower() and word.isalpha()):
        return False
    after = _COUNT_WORD.match(text, end)
    return after is None or after[1].lower() in _STOP


def _hedge(text: str, start: int, end: int) -> tuple[int, int, str] | None:
    # "at least another 40 nurses", "more than a further 1,000 homes": the hedge bounds the figure
    # across "another" or "a further".
    if text.endswith(" another ", max(0, start - 9), start):
        start -= 8
    elif text.endswith(" a further ", max(0, start - 11), start):
        start -= 10
    before = (
        _HEDGES_BEFORE.search(text[max(0, start - 30) : start]) if _may_follow_hedge(text, start) else None
    )
    if before:
        h_start = max(0, start - 30) + before.start("hedge")
        word = before["hedge"].lower()
        preceding = text[max(0, h_start - 6) : h_start].lower()
        # "the past 12 months" and "over two years" are periods, not hedges.
        if word in ("past", "near") and _PERIOD_BEFORE.search(preceding):
            return None
        if word in _PREPOSITION_HEDGES and (
            governor := _LAST_WORD.search(text, max(0, h_start - 20), h_start)
        ):
            governs = governor[1].lower()
            if governs in _GOVERNS_A_PREPOSITION or (
                word in ("over", "past") and governs in _MOVES_OVER_OR_PAST
            ):
                return None  # "fought over three islands", "ran past 20 checkpoints": a preposition
        if (
            word == "over"
            and (counted := _COUNTED_BEFORE.search(text, max(0, h_start - 40), h_start))
            and counted["noun"] not in _VERBS_BEFORE_A_FIGURE
        ):
            return None  # "shot down 27 drones over four regions": where, not how many
        if (
            word == "up to"
            and (governor := _LAST_WORD.search(text, max(0, h_start - 20), h_start))
            and governor[1].lower() in _TAKES_UP
        ):
            return None  # "the jobless rate edging up to 4.1%": the verb's particle
        if word == "closer to" and (
            (governor := _LAST_WORD.search(text, max(0, h_start - 20), h_start))
            and governor[1].lower() in _MOVES_CLOSER
        ):
            return None  # "inflation to move closer to 2 percent": a direction, not a bound
        return h_start, h_start + len(before["hedge"]), before["hedge"]
    after = _HEDGE_AFTER.match(text[end : end + 20])
    if (
        after
        and after["hedge"].lower() in ("and over", "and above")
        and not (
            _AGED_BEFORE.search(text, max(0, start - 8), start) or _CLAUSE_END.match(text, end + after.end())
        )
    ):
        return None  # "fell 4 percent and over the week lost 9": a phrase of its own, not "aged 55 and over"
    if after:
        return end + after.start("hedge"), end + after.end("hedge"), after["hedge"]
    return None


def _may_follow_hedge(text: str, start: int) -> bool:
    """Whether a hedge word can end just before ``start`` (a cheap superset of ``_HEDGES_BEFORE``).

    The pattern wants a hedge, then one space-like character, then ``start`` (or two, the last
    a line end, for its ``$``); an ASCII text must then end with a hedge word there. Text
    with other characters is left to the pattern: case folding can match letters lower() does not make.
    """
    if not start or not text[start - 1].isspace():
        return False
    window = text[max(0, start - 30) : start]
    return window[-1] == "\n" or not window.isascii() or window[:-1].lower().endswith(_HEDGE_ENDINGS)


def _is_not_a_figure(text: str, m: re.Match[str], first: str) -> bool:
    """Dates, years, clock times, ordinals, identifiers and "one" as a pronoun."""
    start, end = m.start(), m.end()
    before, after = text[max(0, start - 30) : start], text[end : end + 12]
    if _DECADE_OR_CLOCK_AFTER.match(after):
        return True  # a decade "1990s", a clock time "08:47"
    if _SCALE_ORDINAL_AFTER.match(text, end):
        return True
    if first.endswith("px") and first[:-2].isdigit():
        return True  # "150px Airbus": a wiki image's width left in a page's text
    # Most figures have no "-second" after them: the cheap test first, on every candidate.
    ordinal_second = after[:1] == "-" and after[1:7].lower() == "second" and not after[7:8].isalpha()
    if ordinal_second and before.lower().endswith(("the ", "its ")):
        return True  # "the twenty-second anniversary": an ordinal ("a twenty-second ad" is a measure)
    # Every pattern below starts with a digit: a number in words ("two") skips them all.
    if first[:1].isdigit() and _digits_not_a_figure(text, first, m, before, after):
        return True
    word = first.lower()
    if word == "zero" and _ZERO_COMPOUND.match(after):
        return True  # "zero-tolerance", "a zero-covid policy": a name for a policy, no figure
    if (
        word == "one"
        and before.lower().endswith(" as ")
        and not _AS_MUCH_AS.search(before)
        and _no_noun_next(after)
    ):
        return True  # "work as one to serve": together, no count ("as little as one per cent" is a figure)
    if (
        word in _RANKS
        and before.lower().endswith("number ")
        and not _PLURAL_NEXT.match(after)
        and not _RANK_FIGURE_NEXT.match(after)
    ):
        return True  # "the number two official": a rank, like "the number one school"
    if word in ("one", "a", "an") and not m["second"]:
        return (
            _PRONOUN_ONE_AFTER.match(after) is not None
            or bool(_PRONOUN_ONE_BEFORE.search(before))
            or _PRONOUN_ONE_NEXT.match(after) is not None
            or (word == "one" and _ARTICLE_WORD_BEFORE.search(before) is not None and _no_noun_next(after))
        )
    return False


def _no_noun_next(after: str) -> bool:
    """Whether the word after "one" cannot be what it counts: "one in 2015", "one doing it"."""
    word = _WORD_AFTER.match(after)
    if word is None:
        return True
    lower = word[1].lower()
    return lower in _STOP or lower in ("without", "to", "for", "about") or lower.endswith(("ing", "ed"))


def _digits_not_a_figure(text: str, first: str, m: re.Match[str], before: str, after: str) -> bool:
    """Dates, years, clock times, ordinals and names among numbers written in digits."""
    # Checked on the digits as written: "2,000" is a count, never the year 2000.
    if _INTEGER.fullmatch(first) and (_DATE_BEFORE.search(before) or _DATE_AFTER.match(after)):
        return True
    if _YEAR.fullmatch(first) and not m["second"] and not _PERCENT_NEXT.match(after):
        return True  # a year
    if (
        len(first) == 4
        and _FAR_YEAR.fullmatch(first)
        and _SINCE_BEFORE.search(before[-8:])
        and _NO_NOUN_AFTER.match(after)
    ):
        return True  # "by 2100", "in 1750 the town", "since 1066,": a year outside 1800-2099
    if (
        first in _EMERGENCY_NUMBERS
        and _DIALLED_BEFORE.search(before)
        and _counted_noun(text, m.end()) == m.end()
    ):
        return True  # "a neighbour who called 999": a telephone number ("called 999 residents" counts)
    if _SMALL_INTEGER.fullmatch(first) and _TIME_AFTER.match(after):
        return True
    if after[:1] == ")" and not m["second"] and _SMALL_INTEGER.fullmatch(first) and _list_mark(text, m):
        return True  # a list's mark: "… in order. 1) Require a budget 2) Restore PAYGO", or one a line
    if _ORDINAL.fullmatch(first):
        return True
    if _DIGITS_WORD.fullmatch(first) and _GLUED_BEFORE.search(before[-3:]) and before[-1:] != " ":
        return True
    if before[-1:] == "/" or (after[:1] == "/" and after[1:2].isdigit()):
        return True  # a path ".../2016-132.pdf", "9/11", "24/7" (a fraction such as "1/4" is read whole)
    if _INTEGER.fullmatch(first) and (
        _STREET_AFTER.match(text, m.end("first"), m.end("first") + 60)
        or (_ZIP.fullmatch(first) and _STATE_BEFORE.search(before))
    ):
        return True  # a house number or a ZIP code
    # The name before a number is short ("Route ", "H.R. ", "FTSE "): the last 16 characters suffice.
    if _IDENTIFIER_BEFORE.search(before[-16:]) and not _LIST_MARK_BEFORE.search(before):
        return True
    if _CLOCK.fullmatch(first) and (
        ":" in first or _TIME_AFTER.match(after) or first.endswith(("am", "pm")) or not before.strip()
    ):
        return True
    if _HOUR.fullmatch(first.lower()) or first.lower() == "401k" or _PLAN_SECTION.match(first + after):
        return True  # an hour, or the retirement plans named for their sections of the tax code
    if _INTEGER.fullmatch(first) and (_CODE_BEFORE.search(before) or _CODE_AFTER.match(after)):
        return True  # a legal citation: "16 U.S.C. \u00a7 1540(g)", "29 U.S.C. 794", a title and a section
    # the “1200 Club”: a number that opens a quoted name
    return before[-1:] in _OPENING_QUOTES and _QUOTED_NAME_AFTER.match(after) is not None


def _list_mark(text: str, m: re.Match[str]) -> bool:
    """Whether a small number before ")" marks an item of a list rather than closing an aside.

    A mark opens a line or follows a sentence's end, or has its neighbour mark near it ("1) cut
    taxes or 2) raise wages", "(1) …, (2) …"); a number inside brackets opened before it closes
    an aside ("(up from 9)", "(total: 12)").
    """
    start = m.start()
    window = text[max(0, start - 100) : start]
    if window.rfind("(") > window.rfind(")") and not window.endswith("("):
        return False
    if _LIST_START.search(window):
        return True
    number = int(m["first"])
    near = text[max(0, start - 300) : m.end() + 300]
    marks = {int(mark[1]) for mark in _LIST_MARK.finditer(near)}
    return number - 1 in marks or number + 1 in marks


def find_quantities(text: str, offset: int = 0) -> list[Quantity]:
    """Every figure in ``text``; ``offset`` is added to each position (the text's place in a document)."""
    prefixes = _currency_prefixes(text)
    minus = _free_minus_signs(text)
    if prefixes or minus:
        # Each prefix becomes a "$" and each minus sign a space (offsets kept), so the number reads
        # as money or as a number at all; both are put back on the figures found.
        masked = text
        for m in prefixes.values():
            masked = masked[: m.start()] + " " * (m.end() - m.start() - 1) + "$" + masked[m.end() :]
        for sign in minus:
            masked = masked[:sign] + " " + masked[sign + 1 :]
        found = []
        for figure in _figures(masked):
            figure = _with_prefix(text, figure, prefixes.get(figure.start))
            if figure.start - 1 in minus:
                if text.startswith("-", figure.end):
                    continue  # "-30-", the mark that ends a press release
                figure = _negative(text, figure)
            found.append(figure)
    else:
        found = _figures(text)
    if not offset:
        return found
    return [
        replace(
            q,
            start=q.start + offset,
            end=q.end + offset,
            hedge=(q.hedge[0] + offset, q.hedge[1] + offset, q.hedge[2]) if q.hedge else None,
        )
        for q in found
    ]


def _free_minus_signs(text: str) -> set[int]:
    """Offsets of minus signs no number or word precedes: "-0.3%", "fell to -12C", "(-5%)".

    Typeset text writes the sign as U+2212 ("\u22120.3%"), which is read the same way.
    """
    signs = set()
    for mark in ("-", "\u2212"):
        dash = text.find(mark)
        while dash >= 0:
            if text[dash + 1 : dash + 2].isdigit() and (dash == 0 or text[dash - 1] in " \t\n("):
                signs.add(dash)
            dash = text.find(mark, dash + 1)
    return signs


def _currency_prefixes(text: str) -> dict[int, re.Match[str]]:
    """Letter-written currencies by the offset of their last character: "US$40", "Rs 500".

    Most texts have none, and a pattern tried at every position costs more than the figures
    themselves: "$" is found with str.find and the letters before it tried there, and the
    prefixes without a "$" are looked for only in a text that holds one.
    """
    found: dict[int, re.Match[str]] = {}
    dollar = text.find("$")
    while dollar > 0:
        for start in range(max(0, dollar - 3), dollar):
            if (m := _CURRENCY_PREFIX.match(text, start)) is not None:
                found[m.end() - 1] = m
                break
        dollar = text.find("$", dollar + 1)
    if any(mark in text for mark in _LETTER_PREFIXES):
        found.update((m.end() - 1, m) for m in _CURRENCY_PREFIX.finditer(text) if "$" not in m["sign"])
    return found


def _with_prefix(text: str, figure: Quantity, prefix: re.Match[str] | None) -> Quantity:
    """A figure read from the masked text, with its letter-written currency ("US$", "Rs") put back."""
    if prefix is None:
        return replace(figure, text=text[figure.start : figure.end])
    start = prefix.start()
    hedge = figure.hedge or _hedge(text, start, figure.end)  # "about US$40": the blanks hid it
    return replace(
        figure,
        start=start,
        text=text[start : figure.end],
        unit=_PREFIX_CURRENCIES[prefix["sign"]],
        approximate=figure.approximate or hedge is not None,
        hedge=hedge,
    )


def _figures(text: str) -> list[Quantity]:
    """Every figure of ``text`` whose currency is written with a sign ("$", "£", "€", "¥") or none."""
    found: list[Quantity] = []
    pos = 0
    lowered = lowered_keeping_offsets(text)
    while (anchor := _ANCHOR.search(lowered, pos)) is not None:
        m = _CANDIDATE.match(text, anchor.start())
        if m is None:
            pos = anchor.end()
            continue
        pos = m.end()
        # A numeric date ("2020-05-01", "4/18/2009") starts where its first number does: skip it whole.
        if text[m.start()].isdigit() and (
            (skip := _NUMERIC_DATE.match(text, m.start())) is not None
            or (skip := _PHONE.match(text, m.start())) is not None
        ):
            pos = max(pos, skip.end())  # a numeric date or a telephone number, skipped whole
            continue
        quantity = _read(text, m)
        if quantity == "from":  # "from 4.3% to 4.1%": a change, two figures; read the first alone
            pos = m.start("join")
            quantity = _read(text, m, single=True)
        if isinstance(quantity, Quantity):
            found.append(quantity)
            pos = quantity.end
    return found


def _negative(text: str, figure: Quantity) -> Quantity:
    """A figure after a minus sign that no number precedes: "-0.3%", "fell to -12C"."""
    start = figure.start - 1
    # The sign was masked as a space, which kept a hedge before it from being seen: read it now.
    hedge = figure.hedge or _hedge(text, start, figure.end)
    return replace(
        figure,
        start=start,
        hedge=hedge,
        approximate=figure.approximate or hedge is not None,
        text=text[start : figure.end],
        value=-figure.value if figure.value is not None else None,
        low=None if figure.high is None else -figure.high,
        high=None if figure.low is None else -figure.low,
    )


def _with_sign(text: str, end: int) -> int:
    """The end of a figure with the sign that measures it: "4.5%", "4.5 per cent", "-5 °C"."""
    sign = _PERCENT_SIGN.match(text, end, end + 10) or _DEGREES.match(text, end, end + 5)
    return sign.end() if sign else end


def _read(text: str, m: re.Match[str], single: bool = False) -> Quantity | str | None:
    """One candidate as a Quantity, None when it is not a figure, "from" when it is a change."""
    start = m.start()
    low = high = value = None
    plus: int | None = None
    unit: str | None = None
    approximate = False
    if m["between"]:
        if all(_YEAR.fullmatch(b) for b in (m["b1"], m["b2"])):
            return None  # "between 2011 and 2015": years
        end = _counted_noun(text, _with_sign(text, m.end()))
        high = _value(m["b2"])
        low = _shared_scale(m["b1"], _value(m["b1"]), m["b2"], high)
        approximate = True
    elif m["ratio"]:
        if m["rword"] and number_value(m["r1"]) != 1 and (alone := _FIRST_ALONE.match(text, start)):
            return _read(text, alone, single=True)  # "18 goals in 24 appearances": a count per noun
        end = _counted_noun(text, m.end())
        r1, r2 = number_value(m["r1"]), number_value(m["r2"])
        value = round(r1 / r2, 4) if r1 is not None and r2 else None
        unit = "ratio"
    elif m["fraction"]:
        if m["fraction"].lower() == "half" and _ORDINAL_BEFORE.search(text[max(0, start - 20) : start]):
            return None  # "the second half", "the western half"
        end = m.end()
        if m["fraction"].lower() == "half" and _NOT_A_HALF.match(text, end):
            return None  # "the half marathon", "half term": a name, not a fraction
        if m["fraction"].lower() == "half" and text.startswith(" a ", end):
            return None  # "half a million" is read as a number
        if (
            _ORDINAL_FRACTION.fullmatch(m["fraction"])
            and (nxt := _WORD_AFTER.match(text, end))
            and nxt[1].lower() not in _KEEPS_A_FRACTION
            and number_value(nxt[1]) is None
            and not nxt[1].endswith("ed")
        ):  # "a third party candidate": an ordinal ("a third higher", "a third reported" are fractions)
            return None
        value, unit = _fraction_value(m["fraction"]), "fraction"
        if m["fraction"].lower() == "half a":
            measure = _WORD_AFTER.match(text, end)
            assert measure is not None  # the pattern looked ahead for it
            end, value, unit = (
                measure.end(),
                0.5,
                _MEASURE_UNITS_NAMED.get(measure[1].lower(), measure[1].lower()),
            )
        if m["measure"]:
            end, unit = m.end(), m["measure"][1:].lower()  # "a half-cent tax": half a cent
            unit = _MEASURE_UNITS_NAMED.get(unit, unit)  # "a quarter-point cut", as "a quarter point"
        if (point := _POINTS_AFTER.match(text, end, end + 20)) is not None:
            end, unit = point.end(), "percentage points"  # "a half percentage point"
    elif m["vague"]:
        end = m.end()
        end = _counted_noun(text, end + 3) if text.startswith(" of ", end) else _counted_noun(text, end)
        if end == m.end() + 3:
            end = m.end()
        approximate = True
    else:
        first = m["first"]
        if _is_not_a_figure(text, m, first):
            return None
        if m["join"] == "-to-" and (first, m["second"]) == ("9", "5"):
            return None  # "9-to-5 jobs": office hours as a name, no tally
        years = m["second"] and all(_YEAR.fullmatch(n) for n in (first, m["second"]))
        if years and not _PERCENT_NEXT.match(text, m.end(), m.end() + 5):
            return None  # "2010 - 2040", "from 1975 to 2005": years
        second = None if single else m["second"]
        end = _with_sign(text, m.end("first") if second is None else m.end())
        if not second and text.startswith("+", end) and not text[end + 1 : end + 2].isalnum():
            plus, end = end, end + 1  # "20+ trains": the "+" is the hedge, like "or more"
        if second:
            if _FROM_BEFORE.search(text, max(0, start - 6), start) and not _RANGE_VERB_BEFORE.search(
                text, max(0, start - 40), start
            ):  # "rose from 4.3% to 4.1%" is a change; "range (in size) from ten to 32 pages" a range
                return "from"
            dash = m["join"].strip() in ("-", "\u2013", "—")
            if not _same_kind(first, m["pct1"], second, text[m.end() : m.end() + 9], dash):
                return _read(text, m, single=True)  # "rose 6% to £1,214.6m": two figures
            b = _value(second)
            a = _shared_scale(first, _value(first), second, b)
            if (
                m["join"].strip() == "to"
                and a is not None
                and b is not None
                and b > 10 * a >= 100
                and _CHANGE_BEFORE.search(text, max(0, start - 12), start)
            ):
                return _read(text, m, single=True)  # "fell by 8,000 to 212,000": a change, then the level
            if a is not None and b is not None and a < b:
                low, high, approximate = a, b, True
            else:
                unit = "score"  # "won 2-1", "passed 52-48", "49% to 45%"
        else:
            value = _value(first)
            if first[-1] == "m" and _IN_METRES.fullmatch(first) and _METRES_AFTER.match(text, end):
                value, unit = number_value(first[:-1]), "m"  # "4,800m above sea level", "the 100m final"
        number_part = text[start:end]
        if not second and (compound := _COMPOUND.match(text, end)) is not None:  # "3.2-meter", "24-year-old"
            end = compound.end()
            if compound[0] in ("-year", "-years") and (old := _OLD.match(text, end)) is not None:
                end = old.end()  # "a 20-year old woman": the age keeps "old", as "81 years old" does
        elif (
            number_part[:1].isdigit()
            and number_part[-1].isalpha()
            and _SCALE_SUFFIX_COUNT.fullmatch(number_part)
            and unit != "m"
            and _plural_next(text, end)
        ):
            end = _counted_noun(text, end)  # "3m viewers", "1.4bn people": a count written with a scale
        elif not _SIGNED.search(number_part) and unit != "score":
            # a score counts nothing: "the 31-17 win", "Leeds 3-2 Hull City"
            noun_end = _counted_noun(text, end, single=value == 1)
            # an age counts only its years: "adults aged 18 to 29 report" has no noun "report"
            if not (
                noun_end > end
                and _AGED_BEFORE.search(text, max(0, start - 8), start)
                and text[end:noun_end].split()[-1].lower() not in _TIME_UNITS
            ):
                end = noun_end
        elif number_part[:1] == "$" and text.startswith(" dollars", end):
            end += len(" dollars")  # "$3 billion dollars"
    if (
        not low
        and text.endswith(" votes", start, end)
        and (tally := _TALLY_AFTER.match(text, end))
        and not _FROM_BEFORE.search(text, max(0, start - 6), start)  # "from 300 votes to 400": a change
    ):
        end, value, unit = tally.end(), None, "score"  # "by 345 votes to 214": one tally, like "345-214"
    span = text[start:end]
    if unit is None:
        unit = _unit(span if plus is None else text[start:plus] + text[plus + 1 : end])
    hedge = _hedge(text, start, end) or ((plus, plus + 1, "+") if plus is not None else None)
    if (
        hedge
        and hedge[2].lower() in ("over", "under", "within")
        and unit is not None
        and unit.rsplit(" ", 1)[-1] in _TIME_UNITS
        and not (
            hedge[2].lower() != "within" and _DURATION_BEFORE.search(text, max(0, hedge[0] - 12), hedge[0])
        )
    ):
        hedge = None  # "over two years" is a period, not a bound ("for over 100 years" is one)
    approximate = approximate or hedge is not None or bool(m["vague"])
    if value is not None and math.isinf(value):
        value = None  # a number of 400 digits overflows to infinity, which JSON cannot carry
    if high is not None and math.isinf(high):
        low = high = None
    return Quantity(start, end, span, value, low, high, unit, approximate, hedge)


def _same_kind(first: str, first_percent: str | None, second: str, after: str, dash: bool) -> bool:
    """Whether two numbers joined by "to", "or" or a dash measure the same thing, so may form a range."""
    second_percent = _PERCENT_SIGN.match(after) is not None
    if bool(first_percent) and not second_percent:
        return False
    currency = [n[:1] for n in (first, second) if n[:1] in _CURRENCIES]
    # "$50-55 million", "$5 to 10bn", "$5bn-6bn": a sign on the first number only is both numbers' when
    # the first is digits (a scale suffix at most) and a dash or a scale joins them ("paid $20 to 25
    # workers", "gave $39 million to six states" give an amount to a count)
    return (len(currency) in (0, 2) and len(set(currency)) <= 1) or (
        first[:1] in _CURRENCIES
        and _MONEY_NUMBER.fullmatch(first) is not None
        and second[:1].isdigit()
        and (dash or _HAS_SCALE.search(second) is not None)
    )


def _shared_scale(first: str, a: float | None, second: str, b: float | None) -> float | None:
    """The first number of "50-55 million" or "$5 to 10bn" in the scale the second one gives both.

    News writes the thousands the same way ("20-25,000 people", "$2-3,000"): a short first number
    below the second's leading group is counted in the second's groups of three zeros.
    """
    if a is None or b is None:
        return a
    if (thousands := _ROUND_THOUSANDS.fullmatch(second)) and _SHORT_INTEGER.fullmatch(first):
        lead = float(thousands["lead"])
        return a * (b / lead) if a < lead else a
    if _HAS_SCALE.search(first) or not _HAS_SCALE.search(second):
        return a
    base = number_value(_SCALE_WORDS_AFTER.sub("", _SUFFIX_SCALE.sub(r"\1", second)))  # "55 million" -> 55
    if not base or a > base:
        return a  # "500 to 2 million" keeps its 500
    return a * (b / base)


def _value(number: str | None) -> float | None:
    if number is None:
        return None
    if not number[:1].isdigit() and _FRACTION_WORDS.fullmatch(number):
        return _fraction_value(number)
    return number_value(number)


def _unit(span: str) -> str | None:
    """The sign, measure or counted noun of a span ("$5bn" -> USD, "six people" -> people)."""
    if "point" in span and _POINTS_WORDS.search(span):
        return "percentage points"  # "0.25 percentage point", as "a half percentage point"
    if "%" in span or _PERCENT_WORD.search(span):
        return "%"
    if "°" in span and (degrees := _DEGREES.search(span)):
        return f"°{degrees[1]}"
    sign = _CURRENCY_SIGN.search(span)  # "$5bn", "between $5 and 10 million"
    if sign is not None:
        return _CURRENCIES[sign[1]]
    attached = _ATTACHED_UNIT.search(span)
    if attached and attached[1].lower() not in _SUFFIX_SCALES:
        return attached[1]
    words = [w for w in _UNIT_SPLIT.split(span) if w and not _NUMBERISH.match(w)]
    return " ".join(words) or None
