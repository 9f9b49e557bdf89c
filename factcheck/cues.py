"""The cue stance lexicon of data/SPANS.md: which words attribute, and how much the writer vouches.

Each cue is listed once, by its base form; ``CUE_FORMS`` maps every
inflection ("said", "says", "saying", "told") back to it, so a stance is
looked up the same way whether the cue comes from the extractor or from gold.
"""

from __future__ import annotations

STANCES = ("neutral", "endorsing", "distancing", "conceding")

STANCE_LEXICON: dict[str, tuple[str, ...]] = {
    "neutral": (
        "say", "tell", "report", "state", "add", "note", "write", "explain", "describe", "announce",
        "according to", "cite", "reply", "comment", "ask", "estimate", "forecast", "predict",
        "project", "expect", "believe", "think", "argue", "suggest", "warn", "caution", "urge",
        "call", "deny", "reject", "dispute", "object", "question", "complain", "accuse", "blame",
        "testify", "hear", "indicate", "recall", "remember", "stress", "signal", "tweet", "post",
        "publish", "calculate", "put", "count", "list", "recommend", "advise", "inform", "credit",
        "link", "attribute", "reckon", "guess", "understand", "email", "answer", "point to",
        "fire back", "pencil in", "conclude", "emphasise", "anticipate", "judge", "issue", "release",
        "characterize", "emphasize", "continue", "perceive", "observe", "quote", "make",
    ),
    "endorsing": (
        "confirm", "show", "find", "reveal", "demonstrate", "establish", "prove", "point out",
        "verify", "document", "record",
    ),
    "distancing": ("claim", "allege", "insist", "maintain", "assert", "contend", "purport"),
    "conceding": ("admit", "acknowledge", "concede", "accept", "grant"),
}  # fmt: skip

# Forms no suffix rule produces.
_IRREGULAR = {
    "say": ("said",),
    "make": ("made",),
    "tell": ("told",),
    "write": ("wrote", "written"),
    "think": ("thought",),
    "find": ("found",),
    "put": ("put",),
    "forecast": ("forecast", "forecasted"),
    "hear": ("heard",),
    "understand": ("understood",),
    "show": ("shown",),
    "prove": ("proven",),
}


def _inflections(verb: str) -> set[str]:
    """Base, third person, past and -ing forms of a regular English verb."""
    forms = {verb}
    if verb.endswith("e") and not verb.endswith(("ee", "ye")):
        forms |= {verb + "s", verb + "d", verb[:-1] + "ing"}
    elif verb.endswith("y") and verb[-2] not in "aeiou":
        forms |= {verb[:-1] + "ies", verb[:-1] + "ied", verb + "ing"}
    elif verb.endswith(("s", "sh", "ch", "x", "z")):
        forms |= {verb + "es", verb + "ed", verb + "ing"}
    else:
        forms |= {verb + "s", verb + "ed", verb + "ing"}
    if verb.endswith("l") and verb[-2] in "aeiou":  # British doubling: signalled, pencilled
        forms |= {verb + "led", verb + "ling"}
    if verb in ("admit", "commit", "omit"):
        forms |= {verb + "ted", verb + "ting"}
    forms |= set(_IRREGULAR.get(verb, ()))
    return forms


def _forms() -> dict[str, str]:
    table: dict[str, str] = {}
    for cues in STANCE_LEXICON.values():
        for cue in cues:
            head, _, rest = cue.partition(" ")
            if cue == "according to":
                table[cue] = cue
                continue
            for form in _inflections(head):
                table[f"{form} {rest}".strip()] = cue
    return table


CUE_STANCE: dict[str, str] = {cue: stance for stance, cues in STANCE_LEXICON.items() for cue in cues}
CUE_FORMS: dict[str, str] = _forms()


def cue_lemma(text: str) -> str | None:
    """The lexicon entry a cue's words inflect, or None when the words are not a cue."""
    return CUE_FORMS.get(" ".join(text.lower().split()))


def cue_stance(text: str) -> str | None:
    """The stance of a cue's words ("confirms" -> endorsing), or None when they are not a cue."""
    lemma = cue_lemma(text)
    return CUE_STANCE[lemma] if lemma else None
