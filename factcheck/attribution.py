"""Find who a sentence rests on: source spans, their cues and the cues' stance.

Rules written against data/SPANS.md and tuned on the span gold of dev
documents only. The text is cut into tokens; every token outside quotation
marks whose words inflect a cue of the stance lexicon (factcheck/cues.py) is a
candidate, kept only where it is used as a verb of saying. The source is then
read from where English puts it: the subject before the cue ("The ministry
said"), a name after it when a quote comes first ("…," said Milan Herak), the
noun phrase after "according to" or "citing", or after "by" in a passive ("it
was confirmed by the ministry"). A pronoun source is resolved to the nearest
named source before it in the same document. Plain ``re`` and lists: no model,
no download.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass
from itertools import pairwise
from typing import Any, NamedTuple

from factcheck.cues import CUE_FORMS, CUE_STANCE
from factcheck.paragraphs import BLANK_LINE, paragraph_bounds
from factcheck.regex_trie import lowered_keeping_offsets, trie

# Words (with inner apostrophes, hyphens and dots: "people\u2019s", "U.S"), numbers, paragraph
# breaks, single marks. A word's final dot is decided in ``_tokens``: kept for abbreviations only.
# A dot after three lower-case letters and before a capital ends a sentence whose space was lost
# ("… Rep. Vale stated.A new report"): it is no inner dot ("U.S", "www.site.gov" keep theirs).
_TOKEN = re.compile(
    r"[A-Za-z][A-Za-z0-9&'-]*(?:(?:\u2019|\.(?!(?<=[a-z]{3}\.)[A-Z]))[A-Za-z][A-Za-z0-9&'-]*)*"
    r"|[$£€¥]?\d(?:[\d,.:]*\d)?(?:[A-Za-z%]+)?|\n\n|[^\sA-Za-z0-9]"
)
# The same tokens with the whitespace before each: ``_tokens`` reads offsets from the lengths.
_SPACED_TOKEN = re.compile(r"(\s*)(" + _TOKEN.pattern + ")")
_ABBREVIATIONS = frozenset(
    {"Dr", "Mr", "Ms", "Mrs", "St", "Co", "Jr", "Mt", "Inc", "Ltd", "Corp", "Gov", "Sen", "Rep", "Lt", "Sgt",
     "Capt", "Col", "Gen", "Maj", "Det", "Insp", "Supt", "Cpl", "Cmdr", "Adm", "Prof", "Rev", "Hon"}
)  # fmt: skip
_INITIALS = re.compile(r"[A-Za-z](?:\.[A-Za-z])+|[A-Z]")
_ABBREVIATION_ENDS = tuple(_ABBREVIATIONS)
_ASCII_LETTERS = frozenset("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz")
# "make" is a cue only in "made the following statement: “…”" (``_makes_a_statement``); anywhere
# else it is an everyday verb, which the rules' tests for a cue verb ("a finite verb follows")
# must not take for one, and too common a word to let every sentence holding it through the pre-filter.
_MAKE_FORMS = frozenset(form for form, lemma in CUE_FORMS.items() if lemma == "make")
# ``cues.cue_lemma`` for a token's lower-cased text (one word, no spaces to normalise): a dict look-up.
_lemma = {form: lemma for form, lemma in CUE_FORMS.items() if form not in _MAKE_FORMS}.get
_CUE_FIRST_WORDS = frozenset(form.split()[0] for form in CUE_FORMS)
_WORD = re.compile(r"[A-Za-z]+")
# What is made, and the words that may stand between "made" and it ("made the following brief remarks").
_MADE_STATEMENTS = frozenset({"statement", "statements", "remarks", "comment", "comments"})
_MADE_STATEMENT_WORDS = frozenset(
    {"the", "following", "this", "these", "a", "an", "his", "her", "their", "its", "brief", "short",
     "written", "joint", "prepared", "opening", "closing", "further"}
)  # fmt: skip
_MADE_STATEMENT_GAP = 3
# The pre-filter: any word that can begin a cue, in the lower-cased text (one search in C). A digit,
# "&", "'" or "-" after it would carry the token on ("state-of-the-art"): no cue word there. A form
# of "make" passes only in the words ``_makes_a_statement`` accepts.
_CUE_WORD = re.compile(
    r"(?<![a-z])(?:"
    + trie(_CUE_FIRST_WORDS - _MAKE_FORMS)
    + r"(?![a-z0-9&'-])|"
    + trie(_MAKE_FORMS)
    + rf"\s+(?:{trie(_MADE_STATEMENT_WORDS)}\s+){{0,{_MADE_STATEMENT_GAP}}}{trie(_MADE_STATEMENTS)}(?![a-z]))"
)
# Quotation marks, and the paragraph breaks a quote left open ends at.
_QUOTE_MARK = re.compile('[“”"\u2018\u2019]|' + BLANK_LINE.pattern)
# "'We don't know,' he said.": opened before a word, closed after the quote's punctuation, apostrophes
# between letters inside.
_STRAIGHT_SINGLE_QUOTE = re.compile(r"'(?=[A-Za-z0-9])(?:[^'\n]|(?<=\w)'(?=\w))*?[,.!?]'(?![\w'])")
_OPEN_QUOTES = "“\u2018"
_CLOSE_QUOTES = "”\u2019"
_ENDS = (".", "!", "?")
_QUOTES = set('"“”\u2018\u2019')
_BE = {"is", "are", "was", "were", "be", "been", "being"}
_AUX = _BE | {
    "has", "have", "had", "will", "would", "can", "could", "may", "might", "should", "must", "do", "does",
    "did", "shall",
}  # fmt: skip
_SKIP_BEFORE_CUE = _AUX | {
    "also", "now", "already", "still", "later", "previously", "repeatedly", "long", "not", "never", "again",
    "often", "even", "just", "since", "once", "then", "always", "n't", "ever", "first", "both", "all",
    "today", "yesterday", "tonight", "far", "so", "separately", "however", "too", "further",
} | {  # "They don't think": a negated auxiliary is one token (either apostrophe), no part of the subject
    f"{aux}n{mark}t"
    for aux in ("do", "does", "did", "has", "have", "had", "would", "could", "should", "is", "was", "are")
    for mark in ("'", "\u2019")
} | {"weren't", "weren\u2019t", "can't", "can\u2019t", "cannot", "won't", "won\u2019t"}  # fmt: skip
_SKIPPED_WORDS = _SKIP_BEFORE_CUE - _AUX  # the adverbs, negations and quantifiers among them
# Before a noun that a defining clause follows ("toward levels the board judges consistent"); not "to",
# which opens phrases a subject follows ("Due to delays the airline said").
_TOWARD = frozenset({"toward", "towards"})
# Lone lower-case letters left in a page's text by its share buttons ("share: f t"); not "a" or "i".
_STRAY_LETTERS = frozenset("bcdefghjklmnopqrstuvwxyz")
# Irregular past forms that end a clause's subject ("what began as …").
_PAST_FORMS = {
    "began", "became", "came", "went", "grew", "rose", "fell", "made", "took", "gave", "kept", "held",
    "knew", "meant", "seemed", "won", "lost", "left", "ran", "saw", "got", "spoke", "met", "sent",
}  # fmt: skip
_INTRODUCTIONS = {
    "however", "meanwhile", "additionally", "moreover", "furthermore", "instead", "still", "also", "today",
    "yesterday", "separately", "nevertheless", "now", "then", "finally", "overall", "indeed", "thus",
    "nonetheless", "conversely", "similarly", "likewise", "therefore", "consequently", "accordingly",
}  # fmt: skip
_THINGS = frozenset({"something", "nothing", "everything"})
_ING_NOUNS = {
    "spring", "morning", "evening", "thing", "king", "ring", "wing", "meeting", "hearing", "briefing",
    "ruling",
} | _THINGS  # fmt: skip
# A possessive inside a subject found by walking back means the walk crossed a verb ("… withdrew
# their forecasts"), except after "and" in a name's company ("Mr. Clay and his colleagues").
_INNER_POSSESSIVES = frozenset({"their", "its", "his", "her", "my", "your"})
_NAME_JOINERS = {"of", "for", "the", "and", "on", "in", "at", "de", "to", "&", "del", "la", "von", "van"}
# What "citing" gives as a reason rather than a source.
_REASONS = {
    "concern", "concerns", "reason", "reasons", "rules", "weaknesses", "privacy", "fears", "safety",
    "security", "costs", "problems", "difficulties", "lack", "health", "need", "risks", "grounds",
    "flaws", "failures", "errors", "shortcomings",
}  # fmt: skip
_QUANTIFIERS = {
    "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten", "several", "many", "few", "some",
    "all", "both", "most", "more", "other",
}  # fmt: skip
_WEEKDAYS = {"Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday"}
_MONTHS = {
    "January", "February", "March", "April", "May", "June", "July", "August", "September", "October",
    "November", "December",
}  # fmt: skip
_WHEN_NAMES = frozenset(_MONTHS | _WEEKDAYS)
# Words that make a weekday part of a name ("Super Tuesday showed", "Black Friday sales"), not a time.
_BEFORE_A_DAY_NAME = frozenset(
    {"Super", "Black", "Cyber", "Good", "Easter", "Ash", "Fat", "Holy", "Palm", "Shrove", "Maundy", "Giving"}
)
# Verbs a press release's title-case headline opens with ("Lee Announces …", "Report Shows …").
_HEADLINE_VERBS = frozenset(
    {"announce", "urge", "question", "warn", "say", "show", "find", "claim", "reveal"}
)
_RECORD_HEADS = frozenset(
    {"report", "study", "survey", "data", "analysis", "poll", "audit", "review", "research"}
)
_NO_CLAIM_AFTER = frozenset({"goodbye", "farewell", "thanks", "hello", "off"})
_TITLE_SMALL = frozenset(
    {"for", "to", "of", "in", "on", "and", "the", "a", "an", "with", "at", "by", "than", "from", "as"}
)
_NAME_SUFFIXES = {"Jr.", "Sr.", "Jr", "Sr", "II", "III", "IV"}
_DEGREES = {"M.D.", "Ph.D.", "MD", "PhD", "D.O."}  # "Tom Vale, M.D.": an aside after the name
_LY_NOUNS = {
    "family",
    "tally",
    "ally",
    "assembly",
    "rally",
    "supply",
    "monopoly",
    "anomaly",
    "daily",
    "weekly",
}
# "not" and "never" too: "is not predicted to last" is a passive like "is predicted to last".
_ADVERBS = {
    "also", "twice", "still", "yet", "now", "already", "even", "just", "again", "further", "not", "never",
}  # fmt: skip
_OBJECTS = {"us", "me", "him", "them", "reporters", "journalists"}
_PREPOSITIONS = {"of", "for", "without", "by", "after", "before", "on", "in", "at", "about", "from", "with"}
_ARTICLES = frozenset({"a", "an", "the"})
_DETERMINERS = {
    "the", "a", "an", "its", "their", "his", "her", "our", "my", "your", "this", "these", "those",
    "such", "latest", "new", "annual", "own", "early", "earlier", "official", "initial", "preliminary",
    "previous", "final", "independent", "quarterly", "monthly", "weekly", "public", "further", "central",
    "no", "any", "every", "each", "same", "recent", "last", "next", "widely",
}  # fmt: skip
_BOUNDARY_WORDS = {
    "that", "which", "when", "because", "while", "whereas", "as", "if", "after", "before", "though",
    "although", "but", "so", "where", "whether", "then", "than", "unless", "until", "once", "what",
    "how", "why", "yet", "and", "or",
}  # fmt: skip
_RELATIVE = {"who", "that", "which", "whom", "whose"}
#: Pronouns a source may be: reported as written, and resolved to a name when the antecedent is clear.
PRONOUNS = frozenset({"he", "she", "they", "it", "we", "i", "you"})
_SUBJECT_PRONOUNS = {"he", "she", "they", "we", "i", "you"}
_JOINED = {"and", "or", "&", ",", "of"}  # "Rebecca and I said", "any of you believe": part of the subject
# Verbs whose object a following base-form cue makes a clause: "a campaign to make you believe".
# Words before "to say" that make it no attribution: "That is to say", "what they have to say".
_NO_SAYING = {
    "is",
    "have",
    "has",
    "had",
    "needless",
    "it",
    "so",
    "safe",
    "fair",
    "hard",
    "true",
    "nothing",
    "much",
}
_NUMBER_WORDS = {
    "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten", "eleven", "twelve", "thirteen",
    "fourteen", "fifteen", "sixteen", "seventeen", "eighteen", "nineteen", "twenty", "thirty", "forty",
    "fifty", "dozen", "dozens", "hundred", "hundreds",
}  # fmt: skip
_OPENING_PREPOSITIONS = {"In", "On", "At", "After", "During", "Before", "Since", "Following", "Over"}
_THERE_IS = {"there's", "there\u2019s", "here's", "here\u2019s", "that's", "that\u2019s"}
_CONTRACTED_PRONOUN = re.compile(r"(?:i|you|we|they|he|she)['\u2019](?:d|ll|ve|re)")
_POSSESSIVES = {"his", "her", "its", "their", "our", "my", "your"}
_CAUSATIVES = {"make", "makes", "made", "making", "let", "lets", "help", "helps", "helped"}
_REFLEXIVES = {"themselves", "himself", "herself", "itself", "ourselves", "myself", "yourself", "yourselves"}
_DO_FORMS = {"do", "does", "did", "don't", "doesn't", "didn't", "don\u2019t", "doesn\u2019t", "didn\u2019t"}
_NOT_SUBJECTS = {"that", "this", "which", "there", "what", "who", "these", "those", "here"}
_DEMONSTRATIVES = {"this", "these"}
_GLUED = re.compile(r"[a-z]{2}\.(?=[A-Z][a-z]+ [A-Z])")
# Control characters and spaces before a source: what is left of a garbled quote mark ("\x9d Sherman").
_CONTROL_LEAD = re.compile(r"(?:\u00e2\u20ac|[\x00-\x1f\x7f-\x9f\s])+")
# A focus adverb before a subject: "Even a federal court says", "Even Trump says".
_FOCUS = re.compile(r"(?:[Ee]ven|[Nn]ot even) +(?=\S+ |[A-Z])")
# Cues that are also common nouns, and the words after which they are verbs with a claim.
_NOUN_CUES = {
    "credit", "record", "post", "list", "count", "report", "state", "issue", "answer", "call", "question",
    "project", "forecast", "estimate", "release", "comment", "note", "grant", "document", "signal", "judge",
}  # fmt: skip
# Cues whose plural at the end of a phrase is a noun: "the road projects.", "two small grants,".
_PLURAL_NOUN_CUES = {
    "project", "grant", "credit", "record", "list", "post", "issue", "release", "document", "count", "state",
    "judge",
}  # fmt: skip
_WH = frozenset({"that", "who", "what", "where", "when", "how", "why", "which", "whether"})
_CLAUSE_STARTS = {"that", ":", "the", "a", "an", "to", "it", "they", "he", "she", "we", "this"}
_NOUN_MODIFIERS = {"other", "several", "few", "various", "different", "certain", "member", "neighbouring"}
_PERIODS = {"week", "month", "year", "weekend", "night", "spring", "summer", "autumn", "fall", "winter"}
_CLAUSE_VERBS = {"continues", "remains", "seeks", "sees", "views", "intends", "plans", "will", "decided"}
_PREDICATIVE = {"missing", "dead", "killed", "injured", "wounded", "lost", "stolen", "hurt", "safe", "alive"}
_MODIFIER_WORD = re.compile(r"[a-z]+-[a-z-]+|[a-z]+ing")
_HYPHENATED_NAME = re.compile(r"[A-Z][a-z]+(?:-[A-Z][a-z]+)+")
_YEAR = re.compile(r"(?:19|20)\d\d")
_ACRONYM = re.compile(r"[A-Z][A-Z&.]+")
_PLURAL = re.compile(r"[^su']s$")
_IMAGE_WIDTH = re.compile(r"\d+px")  # "150px Airbus": a wiki image's width left in the page's text
_TIME_TOKEN = re.compile(r"\d{1,2}[:.]\d\d|\d{1,2}(?:am|pm)|[ap]\.m\.|AM|PM|PT|ET|GMT|BST|EDT|EST")
# Cues that are also everyday verbs or nouns: each needs the context that makes it a cue.
_NEEDS_CLAUSE = {
    "note", "state", "add", "hear", "remember", "reply", "comment", "signal", "accept", "grant", "document",
    "publish", "email", "tweet", "post", "recall", "indicate", "stress", "emphasise", "answer", "admit",
    "explain", "conclude", "establish", "prove", "verify", "demonstrate", "guess", "reveal", "write",
    "testify", "maintain", "observe", "concede", "emphasize", "complain",
}  # fmt: skip
# Prepositions that end a phrase before a record speaking through an -ing cue ("based on a study
# showing"); not "of", which joins the record to its head ("the results of a survey showing").
_BEFORE_A_RECORD = frozenset(_PREPOSITIONS - {"of"})
_STRESSING = frozenset({"stress", "emphasise", "emphasize"})
# Endorsing cues that present "how" something is as established, as "show how" does.
_SHOWING = frozenset({"demonstrate", "reveal", "prove"})
_STRESSED_NOUNS = frozenset({"importance", "need", "urgency", "necessity"})
# Titles before a speaker's name, and the lower-case words that may stand before a title.
_TITLES = frozenset(
    {"Senator", "Sen.", "Congressman", "Congresswoman", "Rep.", "Representative", "Governor", "Gov.", "Mayor",
     "Secretary", "Chairman", "Chairwoman", "Councilman", "Councilwoman", "Commissioner", "Minister"}
)  # fmt: skip
# (Prepositions and words in -ed or -ing are tested apart: "for retired Senator", "embattled Governor".)
_BEFORE_A_TITLE = frozenset(
    {"the", "a", "former", "then", "late", "freshman", "veteran", "fellow", "senior", "junior", "outgoing",
     "incoming", "deputy", "assistant", "vice", "and", "or", "to", "as", "said", "says", "state",
     "first-term", "newly", "longtime", "incumbent", "interim", "against", "like", "then-governor"}
)  # fmt: skip
# What may follow a person questioned: "questioned the Director about", "… on the plan".
_ASKED_ABOUT = frozenset(
    {"on", "about", "at", "over", "in", "during", "regarding", "before", "and", "for", "to", "after", "why",
     "whether", "how", "what", "as", "today", "yesterday", "this", "last"}
)  # fmt: skip
# A capitalised word after "called it" that is a verdict, not a name: "Orwellian", "Kafkaesque".
_ADJECTIVE_ENDINGS = ("ian", "esque", "ic", "ish", "ist")
_POSITIONS = frozenset(
    {"opposition", "support", "position", "view", "views", "belief", "concern", "concerns"}
)
_PAST_AS_BASE = frozenset({"put", "forecast"})
# What a body forecasts, right after the verb: "The ministry forecast growth of 2.8%".
_FORECAST_OBJECTS = frozenset(
    {"growth", "inflation", "unemployment", "deficit", "deficits", "prices", "sales", "profit", "profits",
     "losses", "output", "demand", "rainfall", "temperatures", "rates", "revenue", "revenues"}
)  # fmt: skip
# A gerund clause: "admitted falsifying", "described seeing", "remember going".
_ING_CLAUSE = re.compile(r"(?:[a-z]{3,}|go|do|be)ing")
_ING_PRONOUNS = frozenset({"nothing", "something", "anything", "everything"})  # "I remember nothing"
# Participles that make a letter written a request: "wrote to the agency, urging it to act".
_REQUESTS = frozenset({"urging", "encouraging", "asking", "requesting"})
# Cues whose addressee may stand between them and a quote: "admitted to his committee, “…”".
_TO_SOMEONE_CUES = frozenset({"admit", "explain", "say", "concede", "insist", "state", "complain", "write"})
# Words that open a subordinate clause before the main one: "When the Air Force chose …, Boeing …".
_SUBORDINATORS = frozenset(
    {"when", "after", "before", "while", "although", "though", "if", "because", "since", "once", "until",
     "whereas"}
)  # fmt: skip
# Capitalised words that open a sentence as a time or a connective, not a name ("Last November, …")
_OPENING_WORDS = _SUBORDINATORS | frozenset(
    {"last", "this", "next", "earlier", "later", "meanwhile", "however", "today", "yesterday", "also", "in",
     "on", "at", "as", "but", "and", "for", "from", "by", "with", "across", "throughout", "beyond", "inside",
     "outside", "unlike", "like", "despite", "amid", "among", "under", "during", "without"}
)  # fmt: skip
# Words a title opens with, after its article: "Buzz Hargrove, the president of the union said"
_TITLE_WORDS = frozenset(
    {"president", "vice", "chairman", "chairwoman", "chair", "chief", "ceo", "director", "head", "executive",
     "spokesman", "spokeswoman", "spokesperson", "secretary", "minister", "founder", "co-founder", "analyst",
     "economist", "professor", "manager", "officer", "leader", "governor", "mayor", "commissioner", "editor",
     "partner", "strategist", "airport", "general", "senior", "deputy", "managing"}
)  # fmt: skip
# Cues a name ending in -ing can be the subject of ("Boeing says they …"; "Flooding shows" needs a record).
_SAYING_OR_BELIEVING = frozenset(
    {"say", "claim", "believe", "argue", "insist", "predict", "expect", "estimate", "add", "note", "warn",
     "deny", "announce", "report", "state", "think", "maintain", "contend", "forecast", "project"}
)  # fmt: skip
# A belief reported in the past after a verb of saying: the speaker's own ("stated that he expected").
_BACKSHIFTED_BELIEFS = frozenset({"believed", "expected", "thought", "anticipated", "predicted"})
# Cues whose "as …ed by X" names X as a source ("as estimated by the CBO"; not "as quoted by" or
# "as informed by").
_AS_BY_CUES = frozenset(
    {"estimate", "project", "forecast", "predict", "report", "note", "show", "find", "reveal", "document",
     "indicate", "state", "explain", "describe", "calculate", "confirm", "announce", "suggest", "point out"}
)  # fmt: skip
# Prepositions that may open the walk's subject: "(and) on Monday the governor said", "in an Op-Ed published"
_SUBJECTLESS_PREPOSITIONS = frozenset({"in", "on", "at", "for", "from", "into", "by"})
# Laws whose provisions "call for" what they would do (data/SPANS.md: a bill's provision is no claim);
# a resolution states a view and speaks.
_LAWS = frozenset({"act", "bill", "legislation", "law", "amendment", "measure", "statute", "ordinance"})
# Works one writes, with no claim in the writing: "wrote two novels" ("told the story of" narrates one).
_WORKS = frozenset(
    {"book", "books", "novel", "novels", "poem", "poems", "song", "songs", "play", "plays", "collection",
     "collections", "memoir", "memoirs", "script", "scripts"}
)  # fmt: skip
# Tellings with no one claim in them: "told their personal stories", "tells jokes".
_TOLD_WORKS = frozenset({"stories", "tales", "jokes"})
# What one learns "about" a topic from a thing that tells it: "will tell us much about".
_AMOUNTS_TOLD = frozenset({"much", "little", "more", "something", "nothing"})
# Press-release verbs that attribute only when they put out a statement whose words follow a colon.
_STATEMENT_VERBS = {"issue", "release", "make"}
# What follows "question(s)" used as a verb: "questions whether", "questions the figures".
_QUESTION_OBJECTS = {"whether", "if", "why", "how", "what", "the", "his", "her", "its", "their", "that", ":"}
_STATEMENTS = {"statement", "statements", "remarks", "report", "letter", "comments", "op-ed"}
# Things turned down, not disputed, when "was rejected by" follows: "Her novel was rejected by".
_UNSAID_THINGS = frozenset(
    {"novel", "novels", "book", "books", "manuscript", "manuscripts", "bid", "bids", "application",
     "applications", "offer", "offers", "loan", "loans", "visa", "visas", "request", "requests", "entry",
     "entries", "submission", "submissions", "candidate", "candidates", "applicant", "applicants",
     "amendment", "amendments", "motion", "motions"}
)  # fmt: skip
# Words after a participle inside a subject ("Data received since the meeting indicate"): not a verb.
_AFTER_A_PARTICIPLE = frozenset({"by", "in", "on", "at", "last", "of", "since", "during", "from", "through"})
# Nouns without a plural -s that take a plural verb ("Data show", "Police say").
_PLURAL_HEADS = frozenset({"people", "police", "staff", "data", "media", "public", "some", "many", "most"})
# People or remains come upon: "officers found a man with stab wounds", "found two bodies".
_PEOPLE_FOUND = frozenset(
    {"man", "men", "woman", "women", "boy", "boys", "girl", "girls", "child", "children", "body", "bodies",
     "person", "people", "victim", "victims", "teenager", "baby", "remains", "survivors", "survivor"}
)  # fmt: skip
# Things one finds by luck or search, with no claim in the finding: "the novel found a home".
_FOUND_THINGS = frozenset(
    {"home", "homes", "buyer", "buyers", "job", "jobs", "place", "partner", "partners", "seat", "spot",
     "house", "room", "work", "shelter", "refuge", "niche", "audience", "publisher", "sponsor", "sponsors",
     "owner"}
)  # fmt: skip
# Cues of an expectation that a comparison can name: "less than many analysts expected".
_EXPECTING = {"expect", "forecast", "predict", "estimate", "anticipate", "project", "think", "believe"}
# What "according to" is followed by when it means "in proportion to": "according to the number of rooms".
_MEASURES = {
    "number", "amount", "size", "level", "degree", "extent", "plan", "schedule", "need", "needs", "type",
    "kind", "age", "length", "weight", "rank", "income", "ability",
}  # fmt: skip
# Where a noun phrase after "according to" ends, for finding its head.
_PHRASE_ENDS = frozenset({"and", "or", "of", "for", "in", "on", "at", "by", "from", "with", "to", "that"})
# What "according to" is followed by when it means "in keeping with": "according to safety standards".
_NORMS = {
    "standards", "specifications", "guidelines", "rules", "regulations", "requirements", "criteria",
    "procedures", "instructions", "protocol", "protocols",
}  # fmt: skip
# Titles after "confirm" that make it an appointment, not a claim: "the Senate confirmed Judge Ana Ruiz".
_APPOINTED = {
    "Judge", "Justice", "Secretary", "Ambassador", "General", "Admiral", "Commissioner", "Director",
    "nominee", "nominees", "nomination",
}  # fmt: skip
# Verbs that a "by …ing" cue follows with the same subject: "began by saying", "start by stating".
_BY_OPENERS = {"start", "starts", "began", "begin", "begins", "opens", "ends", "responds", "closes"}
# Clauses that make a cue a condition, not a claim: "whether you believe it or not". Not "if": the
# gold has "if any of you believe there is no problem, call us" as a source.
_CONDITIONS = {"whether", "unless"}
# Opening phrases written without a comma that are no part of the subject: "As a result some tenants".
_LEADING_PHRASES = (("as", "a", "result"), ("in", "fact"), ("of", "course"), ("for", "example"))
_LEADING_STARTS = {phrase[n] for phrase in _LEADING_PHRASES for n in (0, 1)}  # a cheap test first
_OPENING_DAYS = frozenset({"today", "yesterday", "tonight"})
# People whose finding is a thing come upon unless a clause follows ("Divers found that …"); not police
# or inspectors, whose finding is as often a conclusion ("found no evidence of foul play").
_SEARCHERS = frozenset(
    {"rescuers", "divers", "firefighters", "searchers", "neighbours", "neighbors", "walker", "passer-by",
     "passers-by", "crews", "volunteers", "hikers", "fishermen", "paramedics"}
)  # fmt: skip
# Police find things and conclusions: "Officers found a gun" is a search, "found no evidence of …" a
# finding.
_POLICE = frozenset({"police", "officers", "troops", "soldiers"})  # not investigators: they conclude
_CONCLUSIONS = frozenset({"no", "evidence", "little", "nothing", "signs", "traces", "it"})
_GET_FORMS = {"get", "gets", "got", "getting", "gotten"}
# The verbs that name the speaker of a quote whose closing mark was lost (both patterns below).
_LOST_QUOTE_VERBS = "said|says|added|adds|explained|explains|stated|states|continued|continues|noted|notes"
# '…, said Congresswoman Lee.' inside a quote left open: its closing mark was lost before the tail,
# a speech verb and a speaker ending the sentence (a capitalised name, or "the" and a noun or two).
_ATTRIBUTION_TAIL = re.compile(
    rf",[ \t]+(?:{_LOST_QUOTE_VERBS})[ \t]+"
    r"(?:the[ \t]+[a-z]+(?:[ \t]+[a-z]+)?|[A-Z][\w.'\u2019-]*(?:[ \t]+(?:of[ \t]+)?[A-Z][\w.'\u2019-]*){0,5})"
    r"(?=[.,!?])"
)
# A sentence opened by a name and its speech verb ('… this year. Rogers said …'): a quote left open
# has ended before it when the writer named that speaker before the quote (``_named_before``).
_NAMED_SPEAKER = re.compile(
    r"(?<=[.!?])[ \t]+"
    r"(?P<name>(?:[A-Z][a-z]{1,3}\.[ \t]+)?[A-Z][\w'\u2019-]+(?:[ \t]+[A-Z][\w.'\u2019-]*){0,3})"
    rf"[ \t]+(?:{_LOST_QUOTE_VERBS})\b"
)
# Lower-case words inside a capitalised title after its verb: "…, said City of Lund Police Chief …".
_TITLE_JOINERS = frozenset({"of", "for", "and", "the", "de", "del", "van", "von", "da"})
# Verbs of speech that put a described source after them at a sentence's end ("…, says the banker").
_SPEECH = {"say", "add", "write", "explain", "argue", "warn", "note", "insist", "claim", "conclude"}
# Speech acts whose subject is a source even inside what another source said ("Records note that
# the firm claimed …"), unlike a belief reported there ("told a hearing that his deputies expected").
_SPEECH_ACTS = {"claim", "allege", "complain", "report"}
# Heads of a study or record, a source even inside what another source said.
_STUDIES = {"analysis", "study", "findings", "results", "survey", "poll", "audit", "review", "research"}
# Heads of a study or statement that speaks through an "-ing" cue right after it ("a report indicating").
_DOCUMENT_HEADS = _STUDIES | _STATEMENTS | {"resolution"}
# What a relative "which" may stand for as a source ("the CBO score, which estimates that"), and what
# may open that noun phrase.
_WHICH_RECORDS = frozenset(
    {*_RECORD_HEADS, *_STUDIES, "score", "estimate", "forecast", "projection", "assessment", "letter",
     "memo", "filing", "statement", "evaluation", "finding", "result"}
)  # fmt: skip
# Words that carry a record's noun phrase on ("the score of the bill", "the forecast by the bank").
_RECORD_JOINS = frozenset({"of", "from", "on", "by"})
# Days a record's phrase may be dated by after "on" or "by" ("the report on Tuesday, which shows").
_RECORD_DAYS = frozenset(_WHEN_NAMES | {"Today", "today", "Yesterday", "yesterday"})
_TIMES_OF_DAY = frozenset(_PERIODS | {"morning", "afternoon", "evening"})
# Participles without -ed that a time may follow inside a subject ("A report written last year says").
_IRREGULAR_PARTICIPLES = frozenset(
    {"written", "made", "given", "taken", "shown", "drawn", "done", "sent", "put"}
)
_RECORD_DETERMINERS = frozenset(
    {"the", "a", "an", "its", "their", "his", "her", "our", "this", "that", "these", "those", "latest", "new"}
)
# Words before a record that make a relative "which" stand for the whole clause ("fell below the forecast,
# which suggests"): a comparison, not the record speaking.
_COMPARED_WITH = frozenset(
    {"below", "above", "than", "despite", "beyond", "beat", "beats", "exceeded", "exceeds", "missed",
     "topped", "surpassed", "outpaced"}
)  # fmt: skip


# Unions the rules test against, built once: a set built inside a rule is rebuilt on every call.
_AUX_NOT_BE = frozenset(_AUX - _BE)
# Cues whose plural before "for" is a noun ("claims for flood insurance"), not "calls for", a demand,
# when a participle or one of these nouns modifies it ("cost estimates for", not "the bank estimates for").
_COUNTED_NOUN_CUES = frozenset({"claim", "estimate", "forecast", "project", "grant", "credit", "record"})
_COMPOUND_MODIFIERS = frozenset(
    {"tax", "cost", "damage", "budget", "revenue", "growth", "price", "insurance", "health", "loan"}
)
_MODALS = frozenset({"will", "would", "can", "could", "may", "might", "should", "must", "shall"})
_BEFORE_A_NOUN = frozenset(_PREPOSITIONS | {"below", "above", "than", "under", "per"})  # "below forecast"
_NO_VERB_LEMMA = frozenset({None, *_NOUN_CUES})  # a word that is no cue, or a cue that is also a noun
_OPENING_BOUNDARIES = frozenset(_BOUNDARY_WORDS | {"in", "on", "at", "after"})
_TIMES = frozenset(_PERIODS | {"time"})
_AUX_OR_PRONOUN = frozenset(_AUX | PRONOUNS)
_DETERMINER_OR_TO = frozenset(_DETERMINERS | {"to"})
_PLACE_OPENERS = frozenset(_PREPOSITIONS | {"to", "during"})
_NO_CLAUSE_START = frozenset(_PREPOSITIONS | _AUX | _PAST_FORMS | {"to"})
_BEFORE_A_NOUN_PHRASE = frozenset(_DETERMINERS | _PREPOSITIONS | {"to", "and", "or"})
_PRONOUN_OR_DETERMINER = frozenset(PRONOUNS | _DETERMINERS)
# Nouns a source disputes or stands by, set beside a clause as its object, without "that": "…, a
# figure the council disputes", "…, a claim officials deny". The clause's subject is the source.
_DISPUTED_NOUNS = frozenset(
    {
        "figure", "claim", "allegation", "accusation", "charge", "assertion", "account", "version",
        "characterisation", "characterization", "description", "estimate", "number", "sum", "amount",
        "suggestion", "assessment", "interpretation", "label",
    }
)  # fmt: skip
_NOT_A_NOUN = frozenset(PRONOUNS | _AUX | _SKIP_BEFORE_CUE | _BOUNDARY_WORDS | _RELATIVE)
_BEFORE_A_BASE_FORM = frozenset(_AUX | {"not", "n't", "to"})
_VERB_OR_DAY = frozenset(_AUX | _PAST_FORMS | {"today", "yesterday"})
_PHRASE_OPENERS = frozenset(
    _PREPOSITIONS | {"last", "this", "next", "earlier", "later", "during", "since", "following"}
)


class Token(NamedTuple):
    """A word or mark with offsets; a tuple because tokens are made by the thousand per document."""

    start: int
    end: int
    text: str
    quoted: bool
    lower: str
    is_word: bool


@dataclass(frozen=True)
class Source:
    """A source span, its cue and stance; ``resolved`` is the named source a pronoun stands for."""

    start: int
    end: int
    text: str
    cue_start: int
    cue_end: int
    cue_text: str
    stance: str
    resolved: tuple[int, int, str] | None = None

    def to_dict(self) -> dict[str, Any]:
        record: dict[str, Any] = {
            "start": self.start,
            "end": self.end,
            "text": self.text,
            "cue": {
                "start": self.cue_start,
                "end": self.cue_end,
                "text": self.cue_text,
                "stance": self.stance,
            },
        }
        if self.resolved is not None:
            record["resolved"] = {
                "start": self.resolved[0],
                "end": self.resolved[1],
                "text": self.resolved[2],
            }
        return record


def quoted_spans(text: str) -> list[tuple[int, int]]:
    """Character ranges inside quotation marks (the marks included), in order.

    Curly quotes nest (double outside single); a straight double quote
    toggles; a right single quote between letters, or with no single quote
    open ("the farmers\u2019 union" inside a double quote), is an apostrophe. A curly
    quote left open runs to the end of its paragraph, or to the comma before
    '…, said X.' when its closing mark was lost there, and a closing double quote
    with no opening one (a sentence read on its own from the middle of a
    quote) closes a quote that began at the start of the paragraph. Straight single
    quotes count only as a pair that opens before a word and closes after the
    quote's own punctuation ("'We will fight on,' the minister said."), since
    the same mark is an apostrophe everywhere else.
    """
    spans: list[tuple[int, int]] = []
    depth = singles = 0
    opened = straight = -1
    paragraph = 0
    carried = False  # a straight quote was open at the last paragraph break and none is seen since
    for m in _QUOTE_MARK.finditer(text):
        mark, at = m[0], m.start()
        if mark[0] == "\n":  # a paragraph break
            if depth:
                spans.append((opened, _open_quote_end(text, opened, at)))
            if straight >= 0:
                spans.append((straight, at))
            carried = straight >= 0
            depth, singles, straight, paragraph = 0, 0, -1, m.end()
        elif mark in _OPEN_QUOTES and (mark == "“" or at == 0 or not text[at - 1].isalnum()):
            if mark == "“" and depth and not singles and text[max(at - 3, 0) : at].rstrip()[-1:] in _ENDS:
                # '“… the plant. “The new jobs …': a new quoted paragraph after one left open.
                spans.append((opened, _open_quote_end(text, opened, at)))
                depth = 0
            if depth == 0:
                opened = at
            depth += 1
            singles += mark == "\u2018"
        elif mark in _CLOSE_QUOTES and (mark == "”" or at + 1 >= len(text) or not text[at + 1].isalpha()):
            if depth == 0:
                if mark == "”" and straight >= 0:  # '"…,” said X': a straight quote closed by a curly one
                    spans.append((straight, at + 1))
                    straight = -1
                elif mark == "”" and (
                    (
                        text[at + 1 : at + 2].isalpha()
                        and (at == 0 or text[at - 1].isspace() or (spans and spans[-1][1] > paragraph))
                    )
                    or (text[at - 1 : at] in _ENDS and spans and spans[-1][1] > paragraph)
                ):
                    # '… said the mayor. ”Our fair is …': a closing mark typed to open; so after a space
                    # lost ('…committee.”Our fair'), once a quote has closed in this paragraph (the mark
                    # cannot close one that began at the paragraph's start, before that quote), and so
                    # after a sentence's end ('…,” said the mayor.” Our fair …': the quote goes on).
                    opened, depth = at, 1
                elif mark == "”":
                    spans.append((paragraph, at + 1))
                continue
            if mark != "”" and not singles:
                continue  # "the farmers\u2019 union" inside a double quote: an apostrophe
            if mark == "”" and depth - singles > 1:
                depth, singles = depth - singles - 1, 0  # '“… the “Ring the Bell” drive …”': nested doubles
                continue
            singles = 0 if mark == "”" else singles - 1
            depth = 0 if mark == "”" else depth - 1  # a double closes any single left open
            if depth == 0:
                spans.append((opened, at + 1))
        elif mark == '"':
            was_carried, carried = carried, False
            if (
                straight < 0
                and depth
                and at
                and not text[at - 1].isspace()
                and (not text[at + 1 : at + 2].isalnum() or text[at - 1] in _ENDS)
            ):
                # '“… a record."': a curly quote closed by a straight one, also when the space after it
                # was lost ('“… a record."The plant').
                spans.append((opened, at + 1))
                depth = singles = 0
            elif (
                was_carried
                and straight < 0
                and not text[at - 1].isspace()
                and not text[at + 1 : at + 2].strip()
            ):
                # 'He said, "It felt good.¶We could have won." After the match': the close of a quote
                # left open at the paragraph break before, the first straight mark of its paragraph.
                spans.append((paragraph, at + 1))
            elif straight < 0:
                straight = at
            elif (at == 0 or text[at - 1].isspace()) and text[at + 1 : at + 2].isalnum():
                # '… was pleased. "The new plant …': a new quoted paragraph whose previous one was
                # left open (the news convention), in a text whose paragraph breaks were lost.
                spans.append((straight, at))
                straight = at
            else:
                spans.append((straight, at + 1))
                straight = -1
    if depth:
        spans.append((opened, _open_quote_end(text, opened, len(text))))
    if straight >= 0:
        spans.append((straight, len(text)))
    return sorted(spans + _straight_single_quotes(text, spans))


def _straight_single_quotes(text: str, spans: list[tuple[int, int]]) -> list[tuple[int, int]]:
    """Pairs of straight single quotes around a quote, outside the quotes found already.

    Most "'" are apostrophes after a letter, so each is looked at with str.find and the
    pattern is tried only where one stands after a space or an opening bracket.
    """
    found: list[tuple[int, int]] = []
    at = text.find("'")
    while at >= 0:
        if (
            (at == 0 or text[at - 1] in " \t\n([")
            and not any(a <= at < b for a, b in spans)
            and (m := _STRAIGHT_SINGLE_QUOTE.match(text, at)) is not None
        ):
            found.append((m.start(), m.end()))
            at = text.find("'", m.end())
            continue
        at = text.find("'", at + 1)
    return found


def _open_quote_end(text: str, opened: int, end: int) -> int:
    """Where a quote never closed before ``end`` stops: at '…, said Congresswoman Lee.' if it has one.

    The closing mark was lost before the attribution, so the quote ends at the comma (kept inside,
    as a quoted comma before "said" is) rather than hiding every cue after it; or it was lost at
    the end of the sentence before one that names the speaker, named before the quote too
    ('Rep. Mike Rogers: “… this year. Rogers said').
    """
    tail = _ATTRIBUTION_TAIL.search(text, opened, end)
    named = next(
        (m for m in _NAMED_SPEAKER.finditer(text, opened, end) if _named_before(text, m, opened)), None
    )
    return min(tail.start() + 1 if tail else end, named.start() if named else end)


def _named_before(text: str, speaker: re.Match[str], opened: int) -> bool:
    """Whether the speaker's last name stands in the text before the quote opened ("Rep. Mike Rogers").

    "Officials said", "Everyone said" or a place may be the quoted speaker's own words; a name
    the writer gave before the quote is the writer's speaker.
    """
    last = speaker["name"].split()[-1]
    return last.lower() not in PRONOUNS and re.search(rf"\b{re.escape(last)}\b", text[:opened]) is not None


def _tokens(text: str, quotes: list[tuple[int, int]], start: int = 0, end: int | None = None) -> list[Token]:
    """Tokens of ``text[start:end]`` with offsets, each marked when it sits inside a quote."""
    end = len(text) if end is None else end
    new = tuple.__new__  # a loop of tuples: tokens are made by the thousand per document
    # One findall gives (whitespace before, token) string pairs, no match objects; offsets are
    # their running lengths. Whitespace between tokens holds every paragraph break but a trailing
    # one, which comes back as a token and is dropped like the others.
    inside = [(a, b) for a, b in quotes if a < end and b > start]  # usually none
    table = None
    if inside:  # the quoted flag read from a per-character table, not from a second pass over the tokens
        table = [False] * (end - start)
        for a, b in inside:
            table[max(a, start) - start : min(b, end) - start] = [True] * (min(b, end) - max(a, start))
    tokens: list[Token] = []
    append = tokens.append
    at = start
    for space, word in _SPACED_TOKEN.findall(text, start, end):
        at += len(space)
        after = at + len(word)
        if word != "\n\n":
            quoted = table[at - start] if table else False
            append(new(Token, (at, after, word, quoted, word.lower(), word[:1].isalpha())))
        at = after
    # A word keeps the dot right after it when it is an abbreviation, initials or a middle initial;
    # most sentences hold no such word, and the pass over their tokens is skipped.
    if not _may_keep_a_dot(text, start, end):
        return tokens
    dots = [k for k, t in enumerate(tokens) if t.text == "." and k and tokens[k - 1].end == t.start]
    for k in reversed(dots):
        word = tokens[k - 1]
        if _keeps_dot(text, word.text, word.end):
            merged = new(
                Token, (word.start, word.end + 1, word.text + ".", word.quoted, word.lower + ".", True)
            )
            tokens[k - 1 : k + 1] = [merged]
    return tokens


def _may_keep_a_dot(text: str, start: int, end: int) -> bool:
    """Whether a dot in ``text[start:end]`` may be one ``_keeps_dot`` keeps (a cheap superset).

    Such a dot follows a letter, and the word before it is an abbreviation, initials ("U.S":
    a dot two back) or a single letter (no letter two back).
    """
    dot = text.find(".", start, end)
    while dot >= 0:
        if (
            dot > start
            and text[dot - 1] in _ASCII_LETTERS
            and (
                dot - 2 < start
                or text[dot - 2] not in _ASCII_LETTERS
                or text.endswith(_ABBREVIATION_ENDS, start, dot)
            )
        ):
            return True
        dot = text.find(".", dot + 1, end)
    return False


def _keeps_dot(text: str, word: str, dot: int) -> bool:
    """Whether the dot after ``word`` belongs to it: "Dr.", "Co.", "U.S.", "George W. Bush"."""
    if word in _ABBREVIATIONS:
        return True
    if not _INITIALS.fullmatch(word):
        return False
    if "." in word:
        return True
    after = text[dot + 1 : dot + 3]
    return len(after) == 2 and after[0] == " " and after[1].isupper()


def tokenize(text: str) -> list[Token]:
    """Tokens with offsets, each marked when it sits inside quotation marks (see ``quoted_spans``)."""
    return _tokens(text, quoted_spans(text))


def find_sources(
    text: str, offset: int = 0, sentences: Sequence[tuple[int, int]] | None = None
) -> list[Source]:
    """Every source in ``text`` with its cue and stance; offsets are shifted by ``offset``.

    ``sentences`` (start, end) keeps each subject search inside one sentence;
    without them the text is cut at sentence punctuation. Only sentences with
    a word that can begin a cue are tokenized at all.
    """
    quotes = quoted_spans(text)
    # The pre-filter: a sentence with no word that can begin a cue is never tokenized.
    lowered = lowered_keeping_offsets(text)
    if sentences is None:  # rough sentences, never across a paragraph break (a headline, a dateline)
        groups = [
            g for start, end in paragraph_bounds(text) for g in _sentences(_tokens(text, quotes, start, end))
        ]
    else:
        groups = [
            _tokens(text, quotes, start, end)
            for start, end in sentences
            if _CUE_WORD.search(lowered, start, end)
        ]
    sources: list[Source] = []
    for sentence in groups:
        found: list[Source] = []
        i = 0
        # Only tokens that can begin a cue are looked at; a cue's width skips the words it covers.
        for k in [k for k, t in enumerate(sentence) if t.lower in _CUE_FIRST_WORDS and not t.quoted]:
            if k < i:
                continue
            i = k
            cue = _cue_at(sentence, i)
            if cue is not None:
                width, lemma = cue
                after_quote = i == 0 and _quote_closes_before(text, sentence[0].start)
                span = _source_for(sentence, i, width, lemma, found, after_quote)
                if span is not None and (glued := _GLUED.search(text, span[0], span[1])) is not None:
                    span = (glued.end(), span[1])  # "… the grant.Senator Vale said": a lost space
                if span is not None and (control := _CONTROL_LEAD.match(text, span[0], span[1])) is not None:
                    span = (control.end(), span[1])  # '… a lemon,\x9d Sherman said': a quote mark garbled
                    span = span if span[0] < span[1] else None
                if span is not None and _names_no_one(text[span[0] : span[1]]):
                    span = None  # "Nobody expects a deal", "No one at the ministry said": no one to ask
                if span is not None and (focus := _FOCUS.match(text, span[0], span[1])) is not None:
                    span = (focus.end(), span[1])  # "Even a federal court says": the court is the source
                if span is not None and not any(s.start < span[1] and span[0] < s.end for s in found):
                    cue_tok, cue_last = sentence[i], sentence[i + width - 1]
                    found_cue = (
                        cue_tok.start,
                        cue_last.end,
                        text[cue_tok.start : cue_last.end],
                        CUE_STANCE[lemma],
                    )
                    # "Rep. Ann Lee (D-Iowa), Rep. Bo Park (R-Utah) and Sen. Cy Ortiz issued": one per name.
                    listed = _listed_names_before(sentence, span[0])
                    for a, b in listed or _tagged_names_before(sentence, span[0], i):
                        if not any(s.start < b and a < s.end for s in found):
                            found.append(Source(a, b, text[a:b], *found_cue))
                    found.append(Source(span[0], span[1], text[span[0] : span[1]], *found_cue))
                i += width
        sources += found
    resolved = _resolve(sources)
    return [_shift(s, offset) for s in resolved] if offset else resolved


def _tagged_names_before(sentence: list[Token], start: int, cue: int) -> list[tuple[int, int]]:
    """Names listed before the subject starting at ``start``, each with a bracketed tag.

    "Rep. Ann Lee (D-Iowa), Rep. Bo Park (R-Utah) and Sen. Cy Ortiz issued": the
    tags cannot sit inside one span, so each name is a source of the shared cue
    (data/SPANS.md). Without tags ("Rep. Lee and Rep. Park said") the names are one span.
    """
    k = next((n for n in range(cue) if sentence[n].start == start), None)
    names: list[tuple[int, int]] = []
    while k is not None and k >= 4:
        j = k - 1
        if sentence[j].lower == "and":
            j -= 1
        if sentence[j].text == "," and j > k - 3:
            j -= 1
        if j == k - 1 or sentence[j].text != ")":
            break
        opening = j - 1
        while opening >= 0 and sentence[opening].text != "(" and j - opening <= 6:
            opening -= 1
        if opening < 1 or sentence[opening].text != "(":
            break
        first = _name_suffix(sentence, _walk_back(sentence, opening - 1, limit=opening), opening - 1)
        if first > opening - 1 or not sentence[first].text[:1].isupper():
            break
        names.append((sentence[first].start, sentence[opening - 1].end))
        k = first
    return names[::-1]


def _listed_names_before(sentence: list[Token], start: int) -> list[tuple[int, int]]:
    """Names listed before the subject starting at ``start`` when the sentence opens with the list.

    "Ohio, Utah, Iowa, and Texas report": subjects coordinated across commas give one
    source per conjunct (data/SPANS.md). Only a list of at least three short capitalised
    names ("Dairy Farmers of America" is one), the last joined by ", and", that opens the
    sentence, or follows an opening word such as "Today,": "In May, Utah, and Iowa" is not one.
    """
    k = next((n for n in range(2, min(len(sentence), 30)) if sentence[n].start == start), None)
    if k is None or sentence[k - 1].lower != "and" or sentence[k - 2].text != ",":
        return []
    opening = (
        2 if len(sentence) > 2 and sentence[0].lower in _INTRODUCTIONS and sentence[1].text == "," else 0
    )
    names: list[tuple[int, int]] = []
    first = last = k - 3
    while last >= opening:
        first = last
        while (
            first > opening
            and last - first < 3
            and (
                _capitalised_word(sentence[first - 1])
                or (  # "Dairy Farmers of America": "of" inside a name of several capitalised words
                    sentence[first - 1].lower == "of"
                    and first - 2 > opening
                    and _capitalised_word(sentence[first - 2])
                    and _capitalised_word(sentence[first - 3])  # not "Residents of Ohio, Utah, and Iowa"
                )
            )
        ):
            first -= 1
        if not _capitalised_word(sentence[first]):
            return []
        names.append((sentence[first].start, sentence[last].end))
        if first == opening:
            break
        if sentence[first - 1].text != ",":
            return []
        last = first - 2
    if len(names) < 2 or first != opening or sentence[opening].text in _OPENING_PREPOSITIONS:
        return []
    return names[::-1]


def _capitalised_word(token: Token) -> bool:
    return token.is_word and token.text[:1].isupper()


def _shift(s: Source, offset: int) -> Source:
    resolved = (s.resolved[0] + offset, s.resolved[1] + offset, s.resolved[2]) if s.resolved else None
    cue = (s.cue_start + offset, s.cue_end + offset, s.cue_text)
    return Source(s.start + offset, s.end + offset, s.text, *cue, s.stance, resolved)


def _resolve(sources: list[Source]) -> list[Source]:
    """Pronoun sources point to the nearest named source before them."""
    out = []
    last_named: Source | None = None
    for s in sources:
        if s.text.lower() in PRONOUNS:
            if last_named is not None:
                s = Source(
                    s.start, s.end, s.text, s.cue_start, s.cue_end, s.cue_text, s.stance,
                    (last_named.start, last_named.end, last_named.text),
                )  # fmt: skip
        else:
            last_named = s
        out.append(s)
    return out


def _quote_closes_before(text: str, start: int) -> bool:
    """Whether the text before ``start``, spaces aside, ends with a closing quotation mark."""
    k = start - 1
    while k >= 0 and text[k].isspace():
        k -= 1
    return k >= 0 and text[k] in '\u201d"'


def _sentences(tokens: list[Token]) -> list[list[Token]]:
    """Rough sentence groups: enough to keep a subject search from running into the sentence before."""
    groups: list[list[Token]] = [[]]
    for k, tok in enumerate(tokens):
        groups[-1].append(tok)
        if tok.text in ".?!" and not tok.quoted:
            nxt = tokens[k + 1] if k + 1 < len(tokens) else None
            if nxt is None or nxt.text[:1].isupper() or nxt.text[:1].isdigit() or nxt.text in _QUOTES:
                groups.append([])
    return [g for g in groups if g]


def _cue_at(sentence: list[Token], i: int) -> tuple[int, str] | None:
    """(number of tokens, lexicon entry) when a cue starts at token ``i``."""
    tok = sentence[i]
    if tok.quoted or tok.lower not in _CUE_FIRST_WORDS:
        return None
    if i + 1 < len(sentence) and sentence[i + 1].is_word:
        pair = CUE_FORMS.get(f"{tok.lower} {sentence[i + 1].lower}")
        if pair is not None:
            return 2, pair
    lemma = CUE_FORMS.get(tok.lower)
    return (1, lemma) if lemma is not None and " " not in lemma else None


def _is_figure_word(word: str) -> bool:
    """Whether a word opens a figure: "about 200", "about half", "about two-thirds"."""
    return word[:1].isdigit() or word[:1] in "$£€" or word.split("-")[0] in _NUMBER_WORDS or word == "half"


def _names_no_one(span: str) -> bool:
    """Whether a subject names no one: "Nobody", "No one at the ministry", "Almost nobody", "None of them"."""
    words = span.lower().split()
    if words and words[0] in ("almost", "virtually", "practically", "hardly"):
        words = words[1:]
    return bool(words) and (
        words[0] in ("nobody", "no-one", "none") or (words[0] == "no" and words[1:2] == ["one"])
    )


def _headline_verb(sentence: list[Token], i: int, lemma: str) -> bool:
    """Whether a capitalised cue is a title-case headline's verb: "Rep. Lee Announces $2 Million for …".

    Only verbs a release's headline opens with, in the present tense: "-s" after one name, the bare
    form after names joined by a comma or "and" ("Soltis, Kerr Announce …"); and the headline goes on
    in title case or with a figure, as a headline does and a name ("Consumer Reports found") does not.
    """
    form = sentence[i].lower
    if lemma not in _HEADLINE_VERBS or i + 1 >= len(sentence) or not sentence[i].text[:1].isupper():
        return False
    if lemma in ("show", "find") and sentence[i - 1].lower not in _RECORD_HEADS:
        return False  # "Local Bakery Shows Off New Ovens": only a record or a study shows or finds
    if sentence[i + 1].lower in _NO_CLAIM_AFTER:
        return False  # "Former Minister Says Goodbye To Parliament"
    if form != lemma + "s" and not (
        form == lemma and any(t.text in (",", "&") or t.lower == "and" for t in sentence[max(0, i - 4) : i])
    ):
        return False
    after = [t.text for t in sentence[i + 1 : i + 4] if t.is_word or t.text[:1] in "$0123456789"]
    return (
        len(after) >= 2
        and after[0] not in _TITLE_SMALL
        and all(w[:1].isupper() or w[:1] in "$0123456789" or w in _TITLE_SMALL for w in after)
    )


def _words(sentence: list[Token], i: int) -> str:
    return sentence[i].lower if 0 <= i < len(sentence) else ""


def _source_for(
    sentence: list[Token], i: int, width: int, lemma: str, found: list[Source], after_quote: bool = False
) -> tuple[int, int] | None:
    """The source span of the cue at ``i``, or None when the cue word is not used as a cue here.

    ``after_quote``: the sentence opens with the cue right after a quote closed ('”  Said Ortiz.').
    """
    if lemma in ("according to", "cite", "quote") and (
        lemma == "according to" or sentence[i].lower in ("citing", "quoting")
    ):
        if sentence[i].lower == "citing" and (
            _REASONS & {t.lower for t in sentence[i + 1 : i + 3]}
            or any(
                _words(sentence, n) == "as" and _words(sentence, n + 2) in _REASONS
                for n in range(i + 1, i + 8)
            )
        ):
            # "citing privacy rules", "citing major flaws", "citing the ban as his reason": a reason
            return None
        head = i + width + (_words(sentence, i + width) in _DETERMINERS)
        if lemma == "according to" and _words(sentence, head) in _MEASURES:
            return None  # "according to the number of rooms": in proportion to, no source
        if lemma == "according to" and i and sentence[i - 1].is_word and _norm_head(sentence, head):
            # "resurfaced according to safety standards": in keeping with, no source ("According to
            # federal guidelines, children should …" opens a claim the guidelines make)
            return None
        return _phrase_after(sentence, i + width)
    prev, nxt = _words(sentence, i - 1), _words(sentence, i + width)
    form = sentence[i].lower
    headline = _headline_verb(sentence, i, lemma)
    if (
        i
        and sentence[i].text[:1].isupper()
        and (sentence[i - 1].text[:1].isupper() or sentence[i - 1].text == "&" or nxt[:1] == "(")
        and not headline
    ):
        return None  # "Harbour Bridge Project", "Small Business Grant (SBG)": part of a name
    if sentence[i].text == "Judge" and i + 1 < len(sentence) and sentence[i + 1].text[:1].isupper():
        return None  # '…," Judge Helen Ward said': the title before a name
    official_noun = (
        prev == "official"
        and i >= 2
        and sentence[i - 2].is_word
        and _words(sentence, i - 2) not in _DETERMINERS
    )
    # "The Independent reported": a capitalised word inside a name, not a determiner.
    if i >= 2 and sentence[i - 1].text in _WHEN_NAMES and _words(sentence, i - 2) in _DETERMINERS:
        return None  # "the January forecast", "its Monday statement": a noun dated by its modifier
    in_name = i >= 2 and sentence[i - 1].text[:1].isupper() and _words(sentence, i - 2) == "the"
    # "Projections further indicate", "The report further notes": an adverb after a subject; "The
    # further claims that she made": an adjective after its determiner, the cue a noun
    further_verb = (
        prev == "further"
        and i >= 2
        and sentence[i - 2].is_word
        and _words(sentence, i - 2) not in _DETERMINERS
    )
    if (
        # "A government official denied": a noun
        (prev in _DETERMINERS and not official_noun and not in_name and not further_verb)
        or (prev in _NOUN_MODIFIERS and _words(sentence, i - 2) != "the")
        or (
            prev.endswith(("'", "\u2019", "'s", "\u2019s"))
            and prev not in ("it's", "it\u2019s")
            and not (prev in ("'", "\u2019") and _words(sentence, i - 2) in (",", ".", "!", "?"))
        )  # not a single quote closed after its comma: '…,' said the son
    ):
        return None  # "the reports", "its estimates", "Analysts' forecasts", "other counties": nouns
    if (
        form.endswith("ed")
        and i >= 2
        and _adverb(sentence[i - 1])
        and _words(sentence, _skip_adverbs(sentence, i - 1)) in _DETERMINERS
    ):
        return None  # "the previously announced maximum": a participle before its noun
    if (
        prev == ")"
        and i >= 4
        and sentence[i - 3].text == "("
        and _words(sentence, i - 4).endswith(("'s", "\u2019s"))
    ):
        return None  # "Rep. Ed Lane's (MA-7) call for cuts": a noun after a possessive and its tag
    past = form.endswith("ed") or form in ("said", "told", "found", "wrote", "written", "thought", "heard")
    if lemma in _EXPECTING and (compared := _than_subject(sentence, i)) is not None:
        return compared  # "less than many analysts expected and …": the comparison names the source
    if (
        nxt in _PREDICATIVE
        or (nxt in ("of", "from") and not past and not (lemma == "warn" and nxt == "of"))
        or (nxt in ("and", "or") and not (past and prev in _AUX_NOT_BE))
    ):
        return None  # "the reports and studies": nouns; "has acknowledged and discussed": a verb
    if (
        form == lemma + "s"
        and nxt == "for"
        and lemma in _COUNTED_NOUN_CUES
        and (prev.endswith("ed") or prev in _COMPOUND_MODIFIERS)
    ):
        return None  # "anticipated claims for", "cost estimates for": nouns ("The IMF forecasts for": a verb)
    if form == lemma and nxt in ("is", "was") and prev not in PRONOUNS:
        return None  # "this labour dispute is one more sign": a noun
    if (
        form == lemma
        and lemma in _NOUN_CUES
        and nxt in _MODALS
        and prev not in PRONOUNS
        and not (i and sentence[i - 1].text.islower() and prev.endswith("s") and len(prev) > 3)
        # "that economists forecast will": a plural subject before the verb
    ):
        return None  # "the FRIB project will pursue": a noun ("that forecasters say may be revised": a verb)
    if nxt in _BE and form.endswith("s") and prev not in PRONOUNS:
        return None  # "the reports are": a noun; "which it says is happening" is a verb
    if (
        _MODIFIER_WORD.fullmatch(prev)
        and prev not in _ING_NOUNS
        and not form.endswith("ing")
        and not past
        # "Douglas Holtz-Eakin shows that": a name before a verb; "Franco-German estimates vary": a noun
        and not (_HYPHENATED_NAME.fullmatch(sentence[i - 1].text) and _opens_content(sentence, i + width))
        # "Boeing says they have …", "Boeing claims that": a name ending in -ing, not a modifier
        and not (
            sentence[i - 1].text[:1].isupper()
            and (nxt == "that" or nxt in PRONOUNS)
            and lemma in _SAYING_OR_BELIEVING  # "Flooding shows they …" needs a record to show
        )
    ):
        return None  # "full-year forecasts", "comparing notes": a noun after its modifier
    if prev in _BEFORE_A_NOUN and not form.endswith("ing"):
        return None  # "below forecast", "officers from state"
    if prev == "/" or (i and sentence[i - 1].end == sentence[i].start and prev in (".", "@")):
        return None  # "https://example.org/grants": part of an address
    if lemma == "question" and form in ("question", "questions") and nxt not in _QUESTION_OBJECTS:
        return None  # "ask questions", "General questions", "test questions given to": a noun
    if lemma == "question" and (nxt in _OBJECTS or _person_questioned(sentence, i + width + (nxt == "the"))):
        return None  # "questioned the Director", "questioned Secretary Tom Vale on": a person asked
    # "… waste disposal projects." is a noun; "…, the plan projects." a verb after its subject.
    plural_noun = (
        form == lemma + "s"
        and lemma in _PLURAL_NOUN_CUES
        and (
            nxt in (".", ",", ";", "")
            # "projects in the House" (a noun); "projects in its latest forecast that" (a verb)
            or (lemma == "project" and nxt == "in" and _words(sentence, i + width + 1) not in _POSSESSIVES)
            or (lemma == "project" and nxt == "to" and _words(sentence, i + width + 1).isalpha())
        )
        and _words(sentence, i - 2) not in _DETERMINERS
    )  # "road projects in the county", "repair projects to keep bridges open"
    if (
        form == lemma + "s"
        and nxt == ","
        and _words(sentence, i + width + 1) in ("whose", "which", "where")
        and _noun_before(sentence, i)
    ):
        return None  # "the late-night talk shows, whose hosts …": a noun and its relative clause
    if (
        (form == lemma or plural_noun)
        and lemma in _NOUN_CUES
        and _noun_before(sentence, i)
        and (nxt not in _CLAUSE_STARTS or plural_noun)
        # "The finance ministry forecast growth of 2.8%", "put the cost at": a past tense with its object
        and not (
            form in _PAST_AS_BASE and (nxt in _DETERMINERS or nxt in _FORECAST_OBJECTS or nxt[:1].isdigit())
        )
    ):
        return None  # "a new fuel tax credit": a noun after the noun that modifies it
    if past and form.endswith("ed") and nxt in ("next", "later", "soon", "shortly"):
        return None  # "laws … expected next month": a participle, no source
    if lemma == "point to" and (prev in ("basis", "percentage") or prev[:1].isdigit()):
        return None  # "by 25 basis points to 3 percent": a unit
    if (
        form.endswith("ed")
        and _words(sentence, i - 2) == "to"
        and prev not in _AUX
        and sentence[i - 1].text[:1].islower()
    ):
        return None  # "to help denied applicants": a participle before its noun
    if (
        form == lemma + "s"
        and _words(sentence, i - 2) == "to"
        and prev not in _AUX
        and prev.isalpha()
        and sentence[i - 1].text[:1].islower()
    ):
        return None  # "to settle claims that", "moved to deny reports": the object of an infinitive
    if prev in ("news", "media", "press") and form == lemma + "s" and lemma in _NOUN_CUES:
        return None  # "After news reports that a mayor had quit": the noun, its clause a content
    if form == lemma + "s" and ((prev[:1].isdigit() and not _YEAR.fullmatch(prev)) or prev in _NUMBER_WORDS):
        return None  # "in 38 states", "one of two states": a counted noun
    if past and nxt == "to" and _words(sentence, _skip_adverbs(sentence, i - 1)) == ",":
        return None  # "The sinkhole, now estimated to be 300 feet deep": a participle
    if (
        lemma in ("estimate", "project", "forecast")
        and form.endswith("ed")
        and (
            nxt == "to"
            or (
                lemma == "estimate"
                and nxt == "at"
                and _words(sentence, i + width + 1) not in ("least", "most")
            )
        )
        and i
        and sentence[i - 1].text[:1].islower()
        and sentence[i - 1].lower not in PRONOUNS
        and (_lemma(prev) is None or _words(sentence, i - 2) in _DETERMINERS)  # "a project estimated to cost"
        and prev not in _AUX
        # "projected to lawmakers that", "estimated to the Senate: …": an addressee, then what was said
        and not any(
            t.lower in ("that", ":") or t.text in _QUOTES for t in sentence[i + width + 1 : i + width + 7]
        )
    ):
        return None  # "a tax package projected to increase the deficit": a participle after its noun
    if form == "found" and nxt in ("on", "near", "inside", "under", "guilty"):
        return None  # "document found on rainy streets": a thing found, no claim
    if (
        form == "found"
        and (nxt in _DETERMINERS or nxt[:1].isdigit() or nxt in _NUMBER_WORDS)
        and _words(sentence, i + width + 1) in _PEOPLE_FOUND
        and not _bare_clause(sentence, i + width)  # "found the man had been dead": a finding
    ):
        return None  # "they found a man with stab wounds": a person come upon, no claim
    if (
        form == "found"
        and nxt in ("a", "an", "new", "its", "their", "his", "her")
        and (
            _words(sentence, i + width + 1) in _FOUND_THINGS
            or _words(sentence, i + width + 2) in _FOUND_THINGS
        )
        and not _bare_clause(sentence, i + width)  # "found their homes were at risk": a finding
    ):
        return None  # "before it found a home", "found a buyer": something gained, no claim
    if lemma == "think" and nxt in ("about", "of") and not _is_figure_word(_words(sentence, i + width + 1)):
        return None  # "Kevin was thinking about our nation": a topic ("think about 200 died": a hedge)
    if lemma == "find" and nxt == "it" and _words(sentence, i + width + 2) == "to":
        return None  # "are finding it hard to hire": an experience, no claim
    if lemma == "find" and (
        (nxt in ("ways", "time") and _words(sentence, i + width + 1) == "to")
        or (
            nxt in ("a", "the")
            and _words(sentence, i + width + 1) == "way"
            and _words(sentence, i + width + 2) == "to"
        )
    ):
        return None  # "shall find ways to do more", "found a way to": managing something, no claim
    if lemma == "confirm" and (
        (i + width < len(sentence) and sentence[i + width].text in _APPOINTED)
        or _words(sentence, i + width + 1) in _APPOINTED
    ):
        return None  # "the Senate confirmed Judge Ana Ruiz", "confirmed his nomination": an appointment
    if past and prev in _GET_FORMS:
        return None  # "who gets accepted": a passive, no source
    if lemma in ("think", "see") and nxt == "fit":
        return None  # "as it may think fit": an idiom of choosing
    if lemma == "tell" and nxt in (",", ".", "") and not _after_quote(sentence, i):
        return None  # "As far as I can tell, …": no one is told anything
    if nxt == "," and _words(sentence, i + width + 1) in _SUBJECT_PRONOUNS and not _after_quote(sentence, i):
        return None  # "In the letter Granger wrote, she cited …": a relative clause, the pronoun speaks
    if form == "states" and not (nxt in ("that", ":") or nxt in _QUOTES or _after_quote(sentence, i)):
        return None  # "enables states, communities and …", "other rural states that": the noun
    if (
        form == "state"
        and i
        and sentence[i - 1].text[:1].isupper()
        and prev not in PRONOUNS
        and not _PLURAL.search(prev)
    ):
        return None  # "outside of Ohio state:": a singular name cannot be the subject of "state"
    if (
        form == lemma
        and lemma in _NOUN_CUES
        and _words(sentence, i - 2) in ("a", "an")
        and sentence[i - 1].text[:1].islower()
    ):
        return None  # "to submit a detailed report that …": a singular noun after its article
    if (
        form == "called"
        and nxt[:1].isalpha()
        and sentence[i + width].text[:1].isupper()
        and _noun_before(sentence, i)
    ):
        return None  # "a comet called Wild 2": a name given
    if lemma == "show" and (nxt in ("signs", "sign") or nxt in _POSSESSIVES):
        return None  # "weakness in demand shows signs of abating", "is showing his desperation": no claim
    if (
        lemma == "show"
        and nxt in ("him", "her", "them", "us", "me")
        and _words(sentence, i + width + 1) not in _WH  # "will show us who needs help" is a claim
    ):
        return None  # "The referee showed him a red card": a thing shown to someone, no claim
    if lemma == "link" and nxt == "up":
        return None  # "linked up with a partner": a joining, no claim
    if lemma == "reject" and (
        nxt in _UNSAID_THINGS or (nxt in _DETERMINERS and _words(sentence, i + width + 1) in _UNSAID_THINGS)
    ):
        return None  # "the panel rejected an amendment": a submission turned down, no claim
    if (
        form == lemma
        and lemma in _NOUN_CUES
        and (
            prev[:1] in ("$", "\u00a3", "\u20ac")
            or (prev[:1].isdigit() and not _YEAR.fullmatch(prev))
            or prev in ("million", "billion", "trillion")
        )
        and nxt not in ("that", ":")  # "Executives at 3M note that", "30% report that": a verb
    ):
        return None  # "a $42,500 grant", "a $5 million grant": a noun after its figure
    if (
        form == lemma
        and lemma in _NOUN_CUES
        and nxt in ("on", "about")
        and i >= 2
        and sentence[i - 1].text[:1].isupper()
        and _words(sentence, i - 2) in _DETERMINERS
    ):
        return None  # "see the CBO report on the bill": a noun (a singular name takes "reports")
    if lemma == "report" and nxt == "to" and _words(sentence, i + width + 1) in ("work", "duty"):
        return None  # "clerks would report to work unpaid": turning up, no claim
    ahead = [_words(sentence, i + width + n) for n in range(4)] if lemma in ("tell", "write") else []
    if lemma == "tell" and (
        nxt in _TOLD_WORKS
        or (nxt != "the" and nxt.isalpha() and ahead[1] in _TOLD_WORKS)  # "telling unfunny jokes"
        or (nxt in _POSSESSIVES and ahead[1].isalpha() and ahead[2] in _TOLD_WORKS)
    ):
        return None  # "told their own stories", "When I tell stories": a telling, no claim
    if (
        lemma == "write"
        and (nxt in ("a", "an") or nxt in _POSSESSIVES or nxt in _NUMBER_WORDS or nxt[:1].isdigit())
        and any(w in _WORKS for w in ahead[1:4])
        and not any(t.lower.endswith("ing") and _lemma(t.lower) for t in sentence[i + width : i + width + 6])
    ):
        return None  # "She wrote three novels": a work written ("three books arguing that …" speak)
    if lemma == "tell" and nxt in _OBJECTS and ahead[1] in _AMOUNTS_TOLD and ahead[2] == "about":
        return None  # "will tell us much about the mood": what can be learnt, no claim
    if (
        lemma == "call"
        and nxt == "it"
        and (
            _words(sentence, i + width + 1) in (",", ".", ";", "")
            or (
                i + width + 1 < len(sentence)
                and sentence[i + width + 1].text[:1].isupper()
                and not sentence[i + width + 1].lower.endswith(("'s", "\u2019s"))  # "Trump's biggest mistake"
                and not sentence[i + width + 1].lower.endswith(_ADJECTIVE_ENDINGS)  # "Orwellian": a verdict
            )
        )
    ):
        return None  # "I called it Harbour Songs", "Night Lines I called it": a name given, no claim
    if lemma == "link" and form == "linked" and nxt == "to":
        return None  # "genes linked to cancer": a participle
    if past and nxt in _STATEMENTS:
        return None  # "Smith's full posted statement": a participle before its noun
    if form == "thought" and prev in ("first", "second", "last") and _words(sentence, i - 2) in _DETERMINERS:
        return None  # "The first thought will be": a noun
    if nxt == "that" and _words(sentence, i + width + 1) in (".", "?", "!", ""):
        return None  # "Nobody can answer that.", "Conservatives reject that.": a pronoun, no clause
    if form == lemma + "s" and nxt == "that" and _words(sentence, i + width + 1) in ("are", "were", "have"):
        return None  # "rough figures and claims that are still being checked": a noun and its relative clause
    if lemma == "accuse" and nxt == "of":
        return None  # "a defendant accused of theft"
    if form == lemma + "s" and lemma in _NOUN_CUES and (nxt in _AUX or _lemma(nxt) not in _NO_VERB_LEMMA):
        return None  # "some reports indicate": the subject of the verb after it
    if prev == "and" and not found and form == lemma:
        infinitive = any(
            _words(sentence, n) == "to" and all(t.is_word for t in sentence[n:i]) for n in range(i - 5, i - 2)
        )
        compound = lemma in _NOUN_CUES and nxt[:1].islower() and _PLURAL.search(nxt) is not None
        if infinitive or compound or not _context_fits(sentence, i, width, lemma, form, after_quote):
            return None  # "are encouraged to take part and show their support": an infinitive
        clause = _clause_subject(sentence, i, found)  # "Our teams have inspected 2,300 homes and believe"
        head_word = next((t.lower for t in sentence if clause and t.end == clause[1]), "")
        plural = _PLURAL.search(head_word) and head_word not in _DEMONSTRATIVES
        return clause if plural or head_word in ("we", "they", "i") else None
    if (
        prev == "and"
        and not found
        and _words(sentence, i - 2) == ","
        and form.endswith("s")
        and nxt in ("that", ":")
    ):
        return _clause_subject(sentence, i, found)  # "Ana Ruiz remains defiant, and says that …"
    if (
        prev == "and"
        and not found
        and (
            (
                form in ("said", "says", "found")
                and (nxt in ("that", ":") or _bare_clause(sentence, i + width))
            )
            or (form.endswith("ed") and nxt == "that")  # "Ana was a fan of the band and insisted that"
            or (form.endswith("s") and nxt == "that")  # "The board will slow its purchases and expects that"
        )
        and (clause := _clause_subject(sentence, i, found)) is not None
        and sentence[0].lower not in _OPENING_BOUNDARIES
    ):
        return clause  # "Mark Lee tweeted to the boy and said he was welcome": no cue before gave a source
    if prev in ("and", "or", "but"):
        return None  # "denied … and blamed": a second cue of the same source
    negated = prev in ("not", "never") or prev.endswith(("n't", "n\u2019t"))
    if lemma in ("say", "comment", "remember", "recall") and negated:
        return None  # "would not say whether", "so many talks I can\u2019t remember": no claim
    if prev == "as" and nxt == "by" and lemma in _AS_BY_CUES and (past or form in _PAST_AS_BASE):
        # "as estimated by the CBO", "as noted by economists"; "as quoted by the Gazette" names where it
        # was said, "as informed by incoming data" what shaped it: no claim of theirs
        return _phrase_after(sentence, i + width + 1, stop_at_clause=True)
    if not _context_fits(sentence, i, width, lemma, form, after_quote):
        return None
    # The auxiliary before the cue, adverbs skipped: "is also expected", "were twice denied".
    aux_at = _skip_adverbs(sentence, i - 1)
    aux = _words(sentence, aux_at)
    if form == "quoted" and prev in _BE and nxt == "as":  # "Smith is quoted as saying": Smith
        subject = _subject_before(sentence, i)
        return (sentence[subject[0]].start, sentence[subject[1]].end) if subject else None
    # Passive with an agent: "it was confirmed by the ministry", "was personally recommended by Jobs".
    if aux in _BE and nxt == "by":
        if lemma == "reject" and _words(sentence, aux_at - 1) in _UNSAID_THINGS:
            return None  # "Her novel was rejected by 14 publishers": turned down, no claim disputed
        return _phrase_after(sentence, i + width + 1, stop_at_clause=True)
    if prev == "to" and _words(sentence, i - 2) in ("continue", "continues", "continued"):
        return _clause_subject(sentence, i - 2, found)  # "continues to anticipate"
    if prev == "to" and lemma == "say" and _words(sentence, i - 2) in _NO_SAYING:
        return None  # "That is to say", "what residents have to say", "needless to say"
    if (
        prev == "to"
        and _words(sentence, i - 2) == "used"
        and lemma == "say"
        and _words(sentence, i - 3) not in _BE
    ):
        subject = _subject_before(sentence, i - 2)  # "My grandmother used to say that"
        return (sentence[subject[0]].start, sentence[subject[1]].end) if subject else None
    if prev == "to" and _words(sentence, i - 2) == "on" and _words(sentence, i - 3) in ("went", "goes", "go"):
        subject = _subject_before(sentence, i - 3)  # "Rep. Ana Lee went on to say"
        return (sentence[subject[0]].start, sentence[subject[1]].end) if subject else None
    if _words(sentence, _skip_adverbs(sentence, i - 1)) == "and" and not found and form[-1:] in "sd":
        return _clause_subject(sentence, i, found)  # "voted to hold rates … and currently expects"
    if (aux in _BE and not form.endswith("ing")) or prev == "to":
        return None  # "is expected to", "are believed to", "to report": no source here
    if prev in ("it's", "it\u2019s", "that's", "that\u2019s") and past:
        return None  # "It's estimated that": a passive
    if (
        nxt == "by"
        and not _words(sentence, i + width + 1)[:1].isdigit()
        and not _by_medium(sentence, i + width)
    ):
        return None  # "by 2050" is a date, not an agent
    if form.endswith("ing"):
        if prev == "be" and _words(sentence, i - 2) in ("would", "could", "might"):
            return None  # "if so, the data would be showing …": a hypothetical attributes nothing
        # "released a report indicating": the report, an object; a subject ("A study documenting
        # iodine levels has revealed") is read with the cue after it.
        head = _addressed_record(sentence, i)  # "sent a letter to Chairman Bo Park asking"
        if head < i - 1 and _words(sentence, head) in _DOCUMENT_HEADS and sentence[head].text[:1].islower():
            start_at = head  # "a bipartisan letter", not who sent it
            while start_at > 0 and head - start_at < 3 and sentence[start_at - 1].text.islower():
                word = sentence[start_at - 1].lower
                if word in _PAST_FORMS or word.endswith("ed"):
                    break
                start_at -= 1
                if word in _DETERMINERS:
                    break
            return sentence[start_at].start, sentence[head].end
        if _words(sentence, head) in _DOCUMENT_HEADS and sentence[head].text[:1].islower():
            start_at = _walk_back(sentence, head, limit=head + 1)
            # "is based on a study showing": the record is what follows the preposition
            start_at = next(
                (n + 1 for n in range(head - 1, start_at - 1, -1) if sentence[n].lower in _BEFORE_A_RECORD),
                start_at,
            )
            # "passed a resolution calling for": the walk went past the verb; the record starts at its article
            article = next(
                (n for n in range(head - 1, max(start_at, head - 4), -1) if sentence[n].lower in _ARTICLES),
                None,
            )
            if (
                article is not None
                and sentence[article - 1].text[:1].islower()
                and sentence[article - 1].lower not in _PREPOSITIONS  # "the results of a survey showing"
            ):
                return sentence[article].start, sentence[head].end
            # one word is a record too, after a preposition ("based on research demonstrating")
            after_preposition = start_at > 0 and sentence[start_at - 1].lower in _BEFORE_A_RECORD
            if (
                start_at > 0
                and (start_at < head or after_preposition)
                and sentence[start_at - 1].text[:1].islower()
            ):
                return sentence[start_at].start, sentence[head].end
        if prev == "by" and (
            _words(sentence, i - 2).endswith("ed") or _words(sentence, i - 2) in _BY_OPENERS
        ):  # "concluded by saying", "began by saying"
            subject = _subject_before(sentence, i - 2)
            return (sentence[subject[0]].start, sentence[subject[1]].end) if subject else None
        if (
            prev == "by" and lemma in _STATEMENT_VERBS
        ):  # "X marked the day by issuing the following statement:"
            return _ing_subject(sentence, i, found)
        if prev in (",", "with") or aux in _AUX or _after_with_phrase(sentence, i):
            return _ing_subject(sentence, i, found)
        return _absolute_subject(sentence, i)
    inverted = _inverted(sentence, i, width, after_quote)
    if inverted is not None:
        return inverted
    # "put" and "forecast" are their own past tense: "as the auditor put it", "the bank forecast".
    base = form == lemma.split()[0] and form not in _PAST_AS_BASE
    subject = _subject_before(sentence, i)
    if subject is None:
        return None
    cut = next(
        (
            n
            for n in range(subject[0] + 1, subject[1])
            if sentence[n].lower in ("in", "on", "at", "during")
            and _words(sentence, n + 1) in ("his", "her", "its", "their")
        ),
        None,
    )
    if cut is not None:
        subject = (subject[0], cut - 1)  # "Markey in his media advisory also claims": Markey
    if any(_defining_clause(sentence, n) for n in range(subject[0], subject[1])):
        return None
    subject = _before_company(sentence, subject)
    while subject[0] < subject[1] and (
        sentence[subject[0]].text in _STRAY_LETTERS or _IMAGE_WIDTH.fullmatch(sentence[subject[0]].text)
    ):
        subject = (subject[0] + 1, subject[1])  # "share: f t U.S. Congressman Ana Lee": a page's buttons
    subject = (_after_leading_phrase(sentence, subject), subject[1])
    subject = (_after_found_cue(sentence, subject, found), subject[1])
    if subject[1] > subject[0] and sentence[subject[1]].lower in _REFLEXIVES:
        subject = (subject[0], subject[1] - 1)  # "Ana Ruiz herself has acknowledged": Ana Ruiz
    subject = (_nickname_start(sentence, subject[0]), subject[1])
    subject = (_title_after_headline(sentence, subject), subject[1])
    if (
        nxt in _AUX
        and subject[0] < subject[1]
        and sentence[subject[0]].text[:1].islower()
        and sentence[subject[0]].lower not in _DETERMINERS
        and all(t.text[:1].isupper() for t in sentence[subject[0] + 1 : subject[1] + 1])
    ):
        subject = (subject[0] + 1, subject[1])  # "a grant, money Lee said would help": Lee
    if (
        headline
        and subject[0] >= 2
        and sentence[subject[0] - 1].text == ","
        and all(t.text[:1].isupper() or t.text in (",", ".") for t in sentence[: subject[0]])
    ):
        subject = (0, subject[1])  # "Soltis, Kerr Announce …": the names the headline opens with
    while headline and subject[0] < subject[1] and not sentence[subject[0]].text[:1].isalpha():
        subject = (subject[0] + 1, subject[1])  # "10.05.05 Burr Announces …": a date or a number before it
    if sentence[subject[0]].text in _SUBJECTLESS_PREPOSITIONS and subject[0] + 2 <= subject[1]:
        # "and on Monday the governor said": the subject starts at its own article; "in an Op-Ed
        # published on": the phrase is all there is, no subject
        article = next((n for n in range(subject[0] + 2, subject[1]) if sentence[n].lower in _ARTICLES), None)
        if article is not None:
            subject = (article, subject[1])
        elif (
            form.endswith("ed")
            and subject[1] - subject[0] <= 3
            and (
                sentence[subject[0] + 1].lower in _ARTICLES
                or _words(sentence, subject[0] + 1) in _POSSESSIVES
            )
        ):
            return None
    dated = next(
        (
            n
            for n in range(subject[0] + 1, subject[1])
            if sentence[n].lower == "on"
            and sentence[n + 1].text in _MONTHS
            # "A report released on May 2 showed": the date is its participle's ("The Fed on May 2": a name)
            and not (sentence[n - 1].text.islower() and sentence[n - 1].lower.endswith("ed"))
            and all(
                t.text.isdigit() or t.text in _WHEN_NAMES or t.text == ","
                for t in sentence[n + 1 : subject[1] + 1]
            )
        ),
        None,
    )
    if dated is not None:
        subject = (subject[0], dated - 1)  # "The Government Accountability Office on June 18 called": a date
    if (named := _name_before_title(sentence, subject)) is not None:
        subject = named  # "Buzz Hargrove, the president of the union said": the closing comma lost
    first = sentence[subject[0]]
    if base and not (
        _plural_or_pronoun(sentence, subject, i) or headline or _company_plural(sentence, subject, i, nxt)
    ):
        return None
    alone = subject[0] == subject[1]
    # "stated that he expected", "said she believed": the speaker's own belief, backshifted, is a second
    # source ("denied that he expected" and "told us they will report" are reported content)
    own_belief = (
        alone
        and form in _BACKSHIFTED_BELIEFS
        and first.lower in ("he", "she", "it")
        and _speech_before(sentence, subject[0])
    )
    if (
        (
            first.lower in _NOT_SUBJECTS
            and (alone or first.lower not in _DEMONSTRATIVES)
            and first.text != "WHO"
        )
        or (
            alone
            and first.lower.endswith(("ing", "ed"))
            and not _name_ending_like_a_verb(sentence, subject[0], i)
        )
        or first.lower in ("with", "without")  # "With underlying inflation expected to …"
    ):
        return None
    if first.lower in _CAUSATIVES:
        return None  # "volunteers have helped families find a plan": the one helped is no source
    if alone and first.text.islower() and _words(sentence, subject[0] - 1) in _MODALS:
        return None  # "what it could mean, asked when …": a verb after its modal is no subject
    if (
        sentence[subject[1]].lower in _LAWS
        # "Bloomberg Law reported": a name; "The Clean Air Act states", "the bill establishes": a law
        and (sentence[subject[1]].text[:1].islower() or sentence[subject[0]].lower in _DETERMINERS)
        # "the Fed's preferred inflation measure showed": a statistic, not a ballot measure
        and not (
            sentence[subject[1]].lower == "measure" and _words(sentence, subject[1] - 1) not in _DETERMINERS
        )
        and not any(
            t.lower in _PREPOSITIONS or t.lower == "behind" for t in sentence[subject[0] : subject[1]]
        )
    ):  # "Supporters of the bill called for": the supporters speak
        return None  # "the Act calls for a new effort", "The bill establishes that": what the law does
    if first.lower in ("this", "that", "each", "every") and sentence[subject[1]].lower in _TIMES:
        return None  # "who this week called": a time, not a subject
    words = [t.lower for t in sentence[subject[0] + 1 : subject[1] + 1]]
    if any(w in _INNER_POSSESSIVES for w in words) and not _name_and_company(sentence, subject):
        return None  # "… withdrew their full-year forecasts": the walk crossed a verb
    before = _words(sentence, subject[0] - 1)
    if (
        subject[0] == subject[1]
        and first.lower in PRONOUNS
        and (before in _OBJECTS or before in ("that", "what", "if") or _lemma(before) is not None)
        and not (before == "that" and nxt in _AUX)  # "legislation that she says will cut costs"
        and not own_belief
    ):
        return None  # "told us they will report": the pronoun speaks inside reported content
    # "noted the findings show", "announced that a new analysis shows": a study inside what was said
    # is a source of its own (data/SPANS.md: a record or study as subject); anything else is not.
    study = sentence[subject[1]].lower in _STUDIES
    # "The agency published its report, which warns": the record a "which" stands for speaks itself.
    # ("a statement on Friday, which says": a time may stand between them).
    relative = _skip_adverbs(sentence, i - 1)
    which = _words(sentence, relative) == "which" and _words(sentence, relative - 1) == ","
    if (
        _lemma(before) is not None
        and not sentence[subject[0] - 1].quoted
        and before != "according"
        and not study
        and not which
    ):
        return None  # "said the first images showed": a cue inside what was said
    if before in _BE and not sentence[subject[0] - 1].quoted and sentence[subject[1] + 1].text != ",":
        return None  # "The project is part of a plan announced earlier": a complement, not a subject
    if first.lower == "you" and alone and sentence[-1].text == "?":
        return None  # "Is there a book which you think stands out?": the interviewer asks
    if before == "what" and not sentence[subject[0] - 1].quoted:
        return None  # "what the average person would think", "what Colbert said to her": reported content
    if first.lower in _THERE_IS or _CONTRACTED_PRONOUN.fullmatch(sentence[subject[1]].lower):
        return None  # "There's a cycle on all the talk shows", "the things you'd find here"
    if before in _CONDITIONS and not sentence[subject[0] - 1].quoted:
        return None  # "whether you believe it or not", "unless voters think …": a condition, no claim
    if before in _DO_FORMS or before in _CAUSATIVES:
        return None  # "What do you attribute that success to?", "Don't you think": a question
    if (
        lemma in ("show", "demonstrate", "prove")
        and first.lower in PRONOUNS
        and alone
        and nxt not in ("that", ":")
    ):
        return None  # "he showed ethical lapses": a person showing something, no claim
    if (
        alone
        and first.lower in PRONOUNS
        and nxt in _AUX
        and sentence[subject[0] - 1].text[:1].islower()
        and _PLURAL.search(before)
    ):
        return None  # "principles he believes should be": a relative clause without "that"
    if lemma == "find" and nxt in _REFLEXIVES:
        return None  # "they can find themselves without cover": no claim
    if (
        lemma == "find"
        and (
            sentence[subject[1]].lower in _SEARCHERS
            or (sentence[subject[1]].lower in _POLICE and nxt not in _CONCLUSIONS)
        )
        and nxt != "that"
        and not _bare_clause(sentence, i + width)
    ):
        return None  # "Rescuers found two bodies", "Officers found a loaded gun": a search's object
    if (
        lemma == "find"
        and nxt in _POSSESSIVES
        and any(t.lower.endswith("ing") for t in sentence[i + width + 1 : i + width + 5])
        and not _bare_clause(sentence, i + width)
    ):
        return None  # "some nurses found their shifts growing longer": an experience, no claim
    if before == "that" and found and not study and lemma not in _SPEECH_ACTS and not own_belief:
        return None  # "told a hearing that his deputies expected": reported content
    if (
        first.lower in PRONOUNS
        and any(s.text.lower() == first.lower for s in found)
        and before not in ("but", "so", "yet")  # "I think it helped, but I think it hurt": two claims
    ):
        return None  # "We estimate …, some of which we expect": the same source again
    return sentence[subject[0]].start, sentence[subject[1]].end


def _person_questioned(sentence: list[Token], k: int) -> bool:
    """Whether the name from ``k`` is a person questioned, not a thing of theirs disputed.

    "questioned Secretary Tom Vale on the plan", "questioned the Director." ask; "questioned
    Gov. Tom Vale's decision", "questioned Pentagon plans", "questioned White House claims that"
    dispute: a possessive in the name or a lower-case noun after it.
    """
    j = k
    while (
        j < len(sentence)
        and j - k < 20
        and (sentence[j].text[:1].isupper() or (j > k and sentence[j].lower in ("of", "and", "the")))
    ):
        if sentence[j].lower.endswith(("'s", "\u2019s")):
            return False
        j += 1
    if j == k:
        return False
    after = _words(sentence, j)
    return not (sentence[j].text[:1].islower() and sentence[j].is_word and after not in _ASKED_ABOUT)


def _title_after_headline(sentence: list[Token], subject: tuple[int, int]) -> int:
    """Where a subject starts that a headline without its full stop runs into: at the speaker's title.

    "Grants will help rural fire crews Senator Ana Lee today announced":
    a title after a lower-case word that cannot modify it begins the name ("former Senator",
    "and Congressman" can). A subject that opens with a determiner is a noun phrase of its own
    ("A spokesman for retired Senator Lee", "A lawsuit against Mayor Park"), and so is one whose
    title follows a preposition or a participle ("embattled Governor").
    """
    first, last = subject
    if sentence[first].lower in _DETERMINERS:
        return first
    for n in range(last, first + 2, -1):  # at least three words before the title: not "both Chairman Lee"
        title = n + 1 if sentence[n].text in ("U.S.", "US", "State") else n
        before = sentence[n - 1].lower
        if (
            title <= last
            and sentence[title].text in _TITLES
            and sentence[n - 1].is_word
            and sentence[n - 1].text[:1].islower()
            and before not in _BEFORE_A_TITLE
            and before not in _PREPOSITIONS
            and not before.endswith(("ed", "ing"))
        ):
            return n
    return first


def _addressed_record(sentence: list[Token], i: int) -> int:
    """The record before the -ing cue at ``i``, past whom it was addressed to; else the word before the cue.

    "sent a letter to Chairman Bo Park asking", "a letter to Secretary Tom Vale and Chair Ana Ruiz
    (ITC) urging": the letter asks, as in "a letter asking" (data/SPANS.md); after a comma
    ("a letter to Secretary Ross, urging her") the participle is the sender's.
    """
    k = i - 1
    while (
        k > 1
        and i - k <= 25
        and (sentence[k].text[:1].isupper() or sentence[k].text in ("and", "of", "the", "&", "(", ")"))
    ):
        k -= 1
    if k < i - 1 and sentence[k].lower == "to" and sentence[k + 1].text[:1].isupper():
        return k - 1
    return i - 1


def _than_subject(sentence: list[Token], i: int) -> tuple[int, int] | None:
    """The noun phrase between "than" and an expecting cue: "less than many analysts (had) expected".

    Auxiliaries before the cue are skipped; a passive ("than had been expected") or a phrase
    holding anything but words has no source.
    """
    k = i - 1
    while k >= 0 and (sentence[k].lower in _AUX or _between_subject_and_verb(sentence[k])):
        if sentence[k].lower in _BE:
            return None
        k -= 1  # "than the Committee now expects"; "than currently anticipated" has no subject
    last = k
    while k >= 0 and i - k <= 6 and sentence[k].is_word and not sentence[k].quoted:
        if sentence[k].lower == "than":
            return (sentence[k + 1].start, sentence[last].end) if k < last else None
        if (
            sentence[k].lower in ("that", "which")
            and k < last
            and any(t.lower == "than" for t in sentence[max(0, k - 4) : k])
        ):
            # "fewer than the 240,000 that economists expected": the relative clause's subject
            return sentence[k + 1].start, sentence[last].end
        if sentence[k].lower in _BOUNDARY_WORDS or _lemma(sentence[k].lower) is not None:
            return None
        k -= 1
    return None


def _absolute_subject(sentence: list[Token], i: int) -> tuple[int, int] | None:
    """'…, the government recommending …': a short noun phrase between a comma and the "-ing" cue."""
    comma = next((k for k in range(i - 1, max(-1, i - 6), -1) if not sentence[k].is_word), None)
    if comma is None or sentence[comma].text != "," or sentence[comma].quoted or comma >= i - 1:
        return None
    phrase = sentence[comma + 1 : i]
    if phrase[0].lower not in _DETERMINERS - {"no", "any", "every", "each"} or any(
        t.lower in _AUX or t.lower in _BOUNDARY_WORDS or _lemma(t.lower) is not None or t.lower.endswith("ed")
        for t in phrase[1:]
    ):
        return None
    return phrase[0].start, phrase[-1].end


def _after_leading_phrase(sentence: list[Token], subject: tuple[int, int]) -> int:
    """Where a subject starts after an opening phrase written without a comma ("As a result some …")."""
    first, last = subject
    if first == 0 and sentence[first].lower in _OPENING_DAYS and first < last:
        return first + 1  # "Yesterday the health department confirmed"
    if sentence[first].lower not in _LEADING_STARTS:
        return first
    for phrase in _LEADING_PHRASES:
        for start in (first - 1, first):  # the walk back may have stopped inside the phrase or before it
            words = tuple(_words(sentence, n) for n in range(start, start + len(phrase)))
            end = start + len(phrase)
            if start >= 0 and words == phrase and first <= end <= last:
                return end
    return first


def _after_found_cue(sentence: list[Token], subject: tuple[int, int], found: list[Source]) -> int:
    """Where a subject starts when the walk back ran over an earlier cue ("The authors say the results")."""
    first, last = subject
    for s in found:
        after = next((n for n in range(first, last) if sentence[n].end == s.cue_end), None)
        if after is not None:
            first = after + 1
    return first


def _nickname_start(sentence: list[Token], first: int) -> int:
    """A name's start before a quoted nickname: 'Robert "Bobby" Lane' is one name, its quotes inside."""
    if (
        first >= 3
        and sentence[first].text[:1].isupper()
        and sentence[first - 1].text in _QUOTES
        and sentence[first - 2].is_word
        and sentence[first - 2].text[:1].isupper()
        and sentence[first - 3].text in _QUOTES
        and sentence[first - 1].start == sentence[first - 2].end
    ):
        start = first - 3
        while (
            start > 0
            and first - start < 6
            and sentence[start - 1].is_word
            and sentence[start - 1].text[:1].isupper()
            and sentence[start - 1].lower not in _INTRODUCTIONS
        ):
            start -= 1
        return start
    return first


def _context_fits(
    sentence: list[Token], i: int, width: int, lemma: str, form: str, after_quote: bool = False
) -> bool:
    """Everyday words ("put", "call", "count", "add") count as cues only in the frames that make them one."""
    after = [t.lower for t in sentence[i + width : i + width + 14]]
    nxt = after[0] if after else ""
    bare = nxt in ("she", "he", "they", "we", "i") or (
        nxt == "it" and _words(sentence, i + width + 1) in _AUX
    )
    clause = nxt in ("that", ":", ",", ".", "", ";") or nxt in _QUOTES or _after_quote(sentence, i) or bare
    if lemma == "continue":  # '…," the mayor continued.', '…," continued Lee.', 'Lee continued, "…'
        return (
            (nxt in (",", ".", "") and _after_quote(sentence, i))
            or (nxt in (",", ":") and _words(sentence, i + width + 1) in _QUOTES)
            or (  # the quote ends with its comma: "…,” continued Lee", not "…” continued talks"
                _after_quote(sentence, i)
                and _words(sentence, i - 2) in (",", "?", "!")
                and (speaker := _inverted(sentence, i, width, after_quote)) is not None
                and not any(t.lower in _AUX for t in sentence[i + width :] if t.start < speaker[1])
            )
        )
    if lemma == "make":
        return _makes_a_statement(sentence, i + width)
    if lemma == "grant":  # "I grant that it failed"; "the USGS grant funding", "granted the permit"
        return (
            nxt == "that"
            or after[:2] in (["the", "point"], ["that", "point"])  # "grants the point": a point conceded
            or _after_quote(sentence, i)
            # "critics granted the plan had worked"
            or (form == "granted" and _bare_clause(sentence, i + width))
        )
    if lemma in _STATEMENT_VERBS:  # "released the following statement: “…”"
        colon = _colon_from(sentence, i + width)
        noun = next((n for n, t in enumerate(after[:5]) if t in _STATEMENTS), None)
        # "released a report indicating …: “…”": the report speaks through its own cue, not the colon.
        then = after[noun + 1] if noun is not None and noun + 1 < len(after) else ""
        return colon is not None and noun is not None and not (then.endswith("ing") and _lemma(then))
    if (
        lemma == "comment"
        and nxt == "on"
        and any(t.text == ":" or t.text in _QUOTES for t in sentence[i + width :])
    ):
        return True  # "commented on the plan, “…”", "comments on …: “…”"
    if lemma == "publish" and ":" in after and any(t in _STATEMENTS for t in after[:5]):
        return True  # "published the following op-ed today in the Gazette: …", like "released"
    if lemma == "note" and form != lemma and nxt in _ARTICLES:
        return True  # "The memo notes the higher rent burden": a verb before its object, a claim
    if (
        lemma in _NEEDS_CLAUSE
        and nxt in _DETERMINERS
        and len(after) > 2
        and after[1] in _DOCUMENT_HEADS
        and after[2].endswith("ing")
        and _lemma(after[2]) is not None
    ):
        return False  # "published an op-ed arguing for …": the op-ed speaks through its own cue
    if lemma in _NEEDS_CLAUSE:
        return (
            clause
            or _bare_clause(sentence, i + width)
            or (len(after) <= 8 and after[-1:] == [":"])  # "tweeted using his account:" ends the sentence
            or (_that_after_place(sentence[i + width : i + width + 14]) and not _counted(sentence, i))
            or (lemma == "add" and nxt == "that")
            # "admitted to his committee, “Nobody …", "explained to reporters: “…" ("added to the pile" adds)
            or (
                nxt == "to"
                and lemma in _TO_SOMEONE_CUES
                and any(a in (",", ":") and b in _QUOTES for a, b in pairwise(after[1:9]))
            )
            or _named_at_end(sentence, i, width)  # "We need staff, stated Lee.": quote marks lost
            or _placed_at_end(sentence, i, width)  # "…, researchers wrote in the study."
            or (after_quote and _inverted(sentence, i, width, after_quote) is not None)  # '” Added Smith, …'
            # "wrote to the agency encouraging it to …", "wrote a letter …, urging": a request (data/SPANS.md)
            or (form in ("wrote", "written") and nxt in ("to", "a") and not _REQUESTS.isdisjoint(after))
            or (lemma == "explain" and nxt in ("that", "why", "how"))
            # "The footage demonstrated how the fund works"; "demonstrated how to use it" is a lesson
            or (lemma in _SHOWING and nxt == "how" and _words(sentence, i + width + 1) != "to")
            or (
                lemma in ("admit", "concede", "remember")
                and _ING_CLAUSE.fullmatch(nxt) is not None
                and nxt not in _ING_PRONOUNS
            )  # "admitted falsifying", "I remember going into the shop"
            # "research demonstrating a rise", "a study indicating higher costs": a record's finding
            or (form.endswith("ing") and _words(sentence, i - 1) in _DOCUMENT_HEADS)
            # "stated her opposition to the cuts": a position taken is a claim
            or (lemma == "state" and nxt in _POSSESSIVES and len(after) > 1 and after[1] in _POSITIONS)
            # "stressed the importance of sun safety": the view stressed is the claim
            or (
                lemma in _STRESSING
                and nxt == "the"
                and len(after) > 2
                and after[1] in _STRESSED_NOUNS
                and after[2] in ("of", "for")
            )
        )
    if lemma == "put":
        if nxt == "it":  # "as she put it," but not "we put it together"
            return _words(sentence, i + width + 1) in (",", ".", ";", "", "\u2014", "-")
        return "at" in after[: after.index(",") if "," in after else len(after)]
    if lemma == "call" and form == "called" and _words(sentence, i - 1)[:1].isalpha():
        before = sentence[i - 1]
        if before.text[:1].islower() and before.lower not in _AUX_OR_PRONOUN and nxt in _QUOTES:
            return False  # 'a painting called "Low Tide"': a name
    if lemma == "call":
        return nxt in ("it", "for", "on", "them", "him", "her", "this", "that") or bool(
            _QUOTES & set(after[:8])
        )
    if lemma in ("count", "record"):
        figure = any(t[:1].isdigit() and not _YEAR.fullmatch(t) for t in after[:3])
        return figure or (form.endswith("s") and nxt in ("more", "at", "about"))
    if lemma == "ask":  # "asked for", "asks that", "asked the council to": a request
        return (
            nxt in ("for", "that")
            or (nxt in _DETERMINER_OR_TO and "to" in after[1:8])
            # "asking the Secretary of the Army, Tom Vale, to review": a name set off by commas
            or (nxt in _DETERMINERS and "," in after[1:8] and "to" in after[1:14])
            or _after_quote(sentence, i)  # '"Who will pay?" asks the chair': the question quoted
        )
    if lemma == "calculate":
        # "calculated that", "calculates the cost at $4 million"; not "calculate interest earned"
        return (
            clause
            or _bare_clause(sentence, i + width)
            or "that" in after[:8]
            or "at" in after[:10]
            or any(t[:1].isdigit() or t[:1] in "$£€" for t in after)
        )
    if lemma in ("describe", "list"):
        # "described the plan as …"; "Witnesses described seeing a man run": what they saw
        return "as" in after or (lemma == "describe" and _ING_CLAUSE.fullmatch(nxt) is not None)
    if lemma == "understand":  # "we understand"; "I understand(ood) X has …" only with its clause
        clause = nxt == "that" or _bare_clause(sentence, i + width)
        mine = _words(sentence, i - 1) == "i" and clause
        # "The BBC understands that …", "Sky News understands …": a newsroom's own unnamed sources
        outlet = form == "understands" and i > 0 and sentence[i - 1].text[:1].isupper() and clause
        return _words(sentence, i - 1) == "we" or mine or outlet
    if lemma == "show":  # "as shown in the table" is no cue; "studies have shown that" is
        return form != "shown" or (_words(sentence, i - 1) in ("have", "has", "had") and nxt == "that")
    return True


def _named_at_end(sentence: list[Token], i: int, width: int) -> bool:
    """Whether a comma stands before the cue at ``i`` and a short capitalised name ends the sentence.

    "We need more staff, stated Mayor Lee.": the words before are a quote whose marks were
    lost, and the name after the verb is its speaker (data/SPANS.md).
    """
    tail = sentence[i + width : i + width + 7]
    return (
        _words(sentence, i - 1) == ","
        and 1 < len(tail) < 7
        and tail[-1] is sentence[-1]
        and tail[-1].text in _ENDS
        and all(t.is_word and t.text[:1].isupper() and t.text not in _WEEKDAYS for t in tail[:-1])
    )  # "…, published Wednesday." names a day, not a speaker


def _placed_at_end(sentence: list[Token], i: int, width: int) -> bool:
    """Whether a short subject after a comma and the cue with a place phrase close the sentence.

    "Infections caused 1.27 million deaths, researchers wrote in the study.": what was
    written comes first, so the cue has no clause after it, only where it was written.
    """
    tail = sentence[i + width :]
    if not (
        2 < len(tail) <= 8
        and tail[0].lower in ("in", "on")
        and tail[-1].text in _ENDS
        and all(t.is_word for t in tail[:-1])
    ):
        return False
    k = i - 1
    while k >= 0 and sentence[k].is_word and i - k <= 5:
        k -= 1
    return (
        0 < k < i - 1
        and sentence[k].text == ","
        and not sentence[k].quoted
        and sentence[k + 1].lower not in ("and", "but", "or", "so", "then")
        and not _introductory(sentence[:k])  # "After the match, the coach noted in passing."
    )


def _counted(sentence: list[Token], i: int) -> bool:
    """Whether the word at ``i`` follows a number or quantifier ("six states in …"): a noun."""
    prev = _words(sentence, i - 1)
    return prev[:1].isdigit() or prev in _QUANTIFIERS


def _that_after_place(tokens: list[Token]) -> bool:
    """Whether the cue's words start with a short phrase of place or time and then "that".

    "wrote on Telegram that"; "wrote in a letter to the mayor that": a record's addressee (a name, a
    pronoun or a phrase with its article) is read past ("in a memo to ensure that" is an infinitive's).
    """
    after = [t.lower for t in tokens]
    if not after or after[0] not in _PLACE_OPENERS:
        return False
    previous, reach = after[0], 7
    for n, word in enumerate(after[1:], start=1):
        if n >= reach:
            return False
        if word == "that":
            return True
        following = tokens[n + 1] if n + 1 < len(tokens) else None
        if (
            word == "to"
            and previous in _WHICH_RECORDS
            and following is not None
            and (following.text[:1].isupper() or following.lower in _PRONOUN_OR_DETERMINER)
        ):
            previous, reach = word, reach + 1
            continue
        previous = word
        if not word[:1].isalnum() or word in _AUX or word in ("by", "to") or _lemma(word) is not None:
            # "published on Monday by the charity found that": the "that" is another verb's, as in
            # "grants to charities to help ensure that" (an infinitive's).
            return False
    return False


def _makes_a_statement(sentence: list[Token], k: int) -> bool:
    """Whether "made" before token ``k`` puts out a statement whose words follow: "made the following
    remarks on the floor: “…”".

    Stricter than "released": "made" is an everyday verb, so the statement must be its object
    (only ``_MADE_STATEMENT_WORDS`` before the noun: "made changes to the report: …" and "made
    no comments: she left" are no statements), and a quotation must open right after the colon.
    """
    n = k
    while n < len(sentence) and n - k < _MADE_STATEMENT_GAP and sentence[n].lower in _MADE_STATEMENT_WORDS:
        n += 1
    if n >= len(sentence) or sentence[n].lower not in _MADE_STATEMENTS:
        return False
    colon = _colon_from(sentence, n + 1)
    return colon is not None and sentence[colon + 1].text in _QUOTES


def _colon_from(sentence: list[Token], k: int) -> int | None:
    """The first colon at or after token ``k`` with a token after it: where a statement's words begin."""
    return next((c for c in range(k, len(sentence) - 1) if sentence[c].text == ":"), None)


def _bare_clause(sentence: list[Token], k: int) -> bool:
    """Whether a clause without "that" starts at ``k``: a noun phrase, then a finite verb.

    "noted the findings show …", "explained Warhol's obsession with celebrities began …",
    "revealed many are …". A verb right after a determiner, preposition, number or
    possessive is a noun or modifier ("noted the increased costs", "found two bodies"), and the verb must
    be followed by a word ("noted the city's housing needs." has no clause).
    """
    window = sentence[k : k + 10]
    if len(window) < 3 or not window[0].is_word or window[0].lower in _NO_CLAUSE_START:
        return False
    day = _time_phrase(sentence, k)
    if day and len(window) > day:
        # "noted Tuesday the plan would fail": the clause follows the day; "A study published
        # Monday found that": the verb after the day is the sentence's own, the participle has no clause.
        following = window[day]
        after = window[day + 1] if len(window) > day + 1 else None
        verb_after = (
            after is not None and after.text.islower() and (after.lower in _AUX or after.lower in _PAST_FORMS)
        )
        if (
            not verb_after
            and following.text.islower()
            and (following.lower in _AUX or _lemma(following.lower) is not None)
        ):
            return False  # a verb after the day ("Monday found that"), not a noun ("Monday forecasts were")
        return _bare_clause(sentence, k + day)
    for j in range(1, len(window) - 1):
        tok, before = window[j], window[j - 1]
        if not tok.is_word or tok.quoted or tok.lower in ("who", "which"):
            return False  # "establish a system for those who have …": a relative clause, no claim
        if tok.lower == "that" and window[j + 1].lower in _AUX:
            return False  # "wrote a bill that would …": a relative clause on the object, no claim
        if (
            before.lower in _BEFORE_A_NOUN_PHRASE
            or before.text[:1].isdigit()
            or before.lower in _NUMBER_WORDS
            or before.lower.endswith(("'s", "\u2019s"))
        ):
            continue
        low = tok.lower
        verb = (
            low in _AUX
            or low in _PAST_FORMS
            or (
                tok.text[:1].islower()
                and (_lemma(low) not in _NO_VERB_LEMMA or (len(low) > 4 and low.endswith("ies")))
            )
        )
        if verb and window[j + 1].lower != "of":  # "maintaining its policies of reinvesting": a noun
            return window[j + 1].is_word
    return False


def _is_quote_mark(token: Token) -> bool:
    """A quotation mark, a straight single one only where ``quoted_spans`` paired it ("'…,' said X")."""
    return token.text in _QUOTES or (token.text == "'" and token.quoted)


def _after_quote(sentence: list[Token], i: int) -> bool:
    """Whether the cue follows a quote: '…,” said X' or '…,” the minister said'."""
    k = i - 1
    while k >= 0 and sentence[k].is_word and not sentence[k].quoted and i - k <= 8:
        k -= 1
    return k >= 0 and (
        _is_quote_mark(sentence[k])
        or (sentence[k].quoted and sentence[k].text in ",.")
        or (sentence[k].text == "," and k > 0 and sentence[k - 1].text in _QUOTES)  # '"…", it added'
    )


def _capitalised_name(names: list[Token]) -> bool:
    """Every word capitalised but the joining words a title or place has ("City of Boerne Police Chief")."""
    return (
        bool(names)
        and names[0].text[:1].isupper()
        and names[-1].text[:1].isupper()
        and all(t.text[:1].isupper() or t.lower in _TITLE_JOINERS for t in names)
    )


def _named_phrase(sentence: list[Token], k: int) -> tuple[tuple[int, int], list[Token], Token | None] | None:
    """The phrase that names a source after its cue at ``k``, its tokens, and the token after it."""
    span = _phrase_after(sentence, k, stop_at_clause=True)
    if span is None:
        return None
    names = [t for t in sentence[k:] if t.start < span[1]]
    return span, names, sentence[k + len(names)] if k + len(names) < len(sentence) else None


def _inverted(sentence: list[Token], i: int, width: int, after_quote: bool = False) -> tuple[int, int] | None:
    """'…," said Milan Herak, 54, …': the source follows the cue right after a quote or a comma."""
    prev = sentence[i - 1] if i else None
    if prev is None:
        # '“…” Said Grothman.', '“…” Added Smith, …': a sentence opened by the verb after a quote ended
        # (not a headline's "Noted Scientist Dies" or a man named Said); 'Says Stimmel: “…”': opened by
        # the verb, the name and a colon before the quote.
        form = sentence[i].lower
        if not sentence[i].text[:1].isupper() or _lemma(form) not in _SPEECH:
            return None
        named = _named_phrase(sentence, i + width)
        if named is None:
            return None
        speaker, names, after = named
        if len(names) > 5 or not _capitalised_name(names):
            return None
        if after_quote and (form.endswith("ed") or form in ("said", "wrote")):
            return speaker if after is None or after.text in ",.:" else None
        if _lemma(form) not in ("say", "add", "ask", "write", "explain", "note"):
            return None  # 'Claims Adjuster: “…”' is a title, not a verb of speech and its speaker
        colon = i + width + len(names)
        quote_follows = (
            after is not None
            and after.text == ":"
            and colon + 1 < len(sentence)
            and _is_quote_mark(sentence[colon + 1])
        )
        return speaker if quote_follows else None
    if _is_quote_mark(prev) or (
        prev.text == "," and (prev.quoted or (i > 1 and _is_quote_mark(sentence[i - 2])))
    ):
        if sentence[i].text[:1].isupper() and sentence[i].lower == _lemma(sentence[i].lower):
            return None  # '…,” Grant said': a name like a cue's base form, not "Said Ortiz", "Reports the …"
        span = _phrase_after(sentence, i + width, stop_at_clause=True)
        tail = sentence[i + width :]
        if span is not None and len(tail) == 1 and tail[0].text.endswith(".") and tail[0].text != ".":
            return None  # '…," said U.S.' and the name in the next sentence: cut by the splitter
        return span
    if prev.text == ",":  # "Most tenants, said Ortega, will stay": a name set off by commas
        named = _named_phrase(sentence, i + width)
        if named is not None:
            span, names, after = named
            # "…, said Smith." ends the sentence; "…, told Fortune." names whom the source told.
            ends = _lemma(sentence[i].lower) != "tell" and (
                after is None or (after.text in ".!" and after is sentence[-1])
            )
            # "Cities should pay, says the banker and writer": a described source ends the sentence (a
            # short noun phrase, not "…, said the first images showed …", a clause after the verb).
            described = (
                ends
                and names[0].lower == "the"
                and len(names) <= 6
                and _lemma(sentence[i].lower) in _SPEECH
                and not any(t.lower in _AUX or _lemma(t.lower) is not None for t in names)
                # "…, said the rent rose.": a clause, its verb past ("rose", "increased")
                and not any(t.lower in _PAST_FORMS for t in names)
                and not names[-1].lower.endswith("ed")
            )
            if (ends or (after is not None and after.text == ",")) and (
                described or _capitalised_name(names)
            ):
                return span
    return None


def _phrase_after(sentence: list[Token], k: int, stop_at_clause: bool = False) -> tuple[int, int] | None:
    """A noun phrase from token ``k`` to the next comma, clause mark or the end of the sentence.

    After "according to" the phrase keeps its relative clauses; after a passive "by" or an
    inverted cue ('said Milan Herak on Monday') it stops at "that", a time or a place.
    """
    end = k
    while end < len(sentence):
        tok = sentence[end]
        if tok.text in ",;:.?!()—\u2013":
            break
        if tok.text in _QUOTES or tok.quoted:
            break
        if (
            stop_at_clause
            and tok.lower == "at"
            and sentence[k].lower in _ARTICLES
            and end + 1 < len(sentence)
            and sentence[end + 1].text[:1].isupper()
        ):
            end += 1  # "…," said an analyst at Jefferies: where the described speaker works
            continue
        if stop_at_clause and tok.lower in (
            "on",
            "in",
            "at",
            "outside",
            "during",
            "after",
            "when",
            "before",
            "that",
            "to",
            "as",
        ):
            break
        if (
            stop_at_clause
            and end > k
            and tok.lower in ("over", "amid")
            and _words(sentence, end + 1) in _REASONS
        ):
            break  # "rejected by the Prime Minister over fears it would …": the reason, not the name
        if stop_at_clause and end > k and _adverb(tok):
            break  # '…," said the minister recently': the name ends before the adverb
        if (
            stop_at_clause
            and end > k
            and tok.text.endswith("ing")
            and tok.text.islower()
            and _lemma(tok.lower)
            and sentence[end - 1].text[:1].isupper()
        ):
            break  # '…," said analyst Chris Weafer commenting on it': the name ends before the participle
        if (tok.lower in ("who", "whose", "which") and (stop_at_clause or tok.lower == "which")) or (
            tok.lower == "and" and end > k and _clause_follows(sentence, end, len(sentence))
        ):
            break
        end += 1
    if not stop_at_clause:
        end = _before_clause(sentence, k, end)
    if end == k:
        return None
    acronym = sentence[end : end + 3]  # "… the Pacific Fisheries Board (PFB)" keeps its acronym
    if (
        len(acronym) == 3
        and acronym[0].text == "("
        and acronym[2].text == ")"
        and _ACRONYM.fullmatch(acronym[1].text)
        and _abbreviates(acronym[1].text, sentence[k:end])
    ):
        end += 3
    return sentence[k].start, sentence[end - 1].end


def _abbreviates(acronym: str, name: list[Token]) -> bool:
    """Whether a bracketed acronym is made of the name's initials ("(ISW)"), not a tag ("Ann Lee (SC)").

    A state's or party's letters after a member's name are an aside (data/SPANS.md); an acronym
    of the name itself stays in the span. Letters are matched as a set, so a foreign word order
    ("North Atlantic Treaty Organization (OTAN)") still counts.
    """
    return set(acronym) - set(".&") <= {t.text[0].upper() for t in name}


def _before_clause(sentence: list[Token], k: int, end: int) -> int:
    """Where a name after "according to" ends when the claim follows it without a comma.

    "According to the Saudi Interior Ministry over 345 pilgrims have been killed":
    when the phrase holds a finite verb, the name ends at the first lower-case word
    (not "of", "for", …) or number after a capitalised word.
    """
    if not any(t.lower in _AUX or t.lower in _PAST_FORMS for t in sentence[k:end]):
        return _before_plain_clause(sentence, k, end)
    for n in range(k + 1, end):
        tok, before = sentence[n], sentence[n - 1]
        if before.text[:1].isupper() and (
            tok.text[:1].isdigit() or (tok.text[:1].islower() and tok.lower not in _NAME_JOINERS)
        ):
            return n
    return _before_plain_clause(sentence, k, end)


def _before_plain_clause(sentence: list[Token], k: int, end: int) -> int:
    """Where a lower-case name after "according to" ends before a clause ("According to police the man …").

    The clause opens with a determiner or a number right after a noun (not after "of" or "at") and
    has its verb within a few words, more words after it ("the rate rose by 2%"; "federal figures
    the association cited." is a relative clause).
    """
    for n in range(k + 1, end - 1):
        tok, before = sentence[n], sentence[n - 1]
        if (
            (tok.lower in _ARTICLES or tok.lower in _NUMBER_WORDS or tok.text[:1].isdigit())
            and before.is_word
            and before.text[:1].islower()
            and before.lower not in _BEFORE_A_NOUN_PHRASE
            and before.lower not in _NAME_JOINERS
            and before.lower != "than"  # "a study based on more than 2,000 flyovers conducted in 2020"
            and _verb_soon(sentence, n + 1)
        ):
            return n
    return end


def _verb_soon(sentence: list[Token], k: int) -> bool:
    """Whether a finite verb ends the short noun phrase that starts before ``k`` ("the man was")."""
    for j in range(k, min(k + 4, len(sentence))):
        tok = sentence[j]
        if not tok.is_word:
            return False
        if tok.lower in _AUX or tok.lower in _PAST_FORMS or (j > k and tok.lower.endswith("ed")):
            # and more after it: "the rate rose by 2%", not "figures the association cited."
            nxt = sentence[j + 1] if j + 1 < len(sentence) else None
            return nxt is not None and (nxt.is_word or nxt.text[:1].isdigit())
    return False


def _name_and_company(sentence: list[Token], subject: tuple[int, int]) -> bool:
    """'Mr. Clay and his colleagues said': a name joined by "and" to a group named with its possessive.

    Only a capitalised name of up to four words before "and", and the subject's only possessive
    right after it, so a walk that crossed a verb ("Profits rose and its forecasts show") is no subject.
    """
    first, last = subject
    joined = [k for k in range(first + 1, last) if sentence[k].lower == "and"]
    if len(joined) != 1:
        return False
    k = joined[0]
    name = sentence[first:k]
    after = [t.lower for t in sentence[k + 1 : last + 1]]
    return (
        0 < len(name) <= 4
        and all(t.text[:1].isupper() for t in name)
        and bool(after)
        and after[0] in _INNER_POSSESSIVES
        and not any(w in _INNER_POSSESSIVES for w in after[1:])
    )


def _clause_follows(sentence: list[Token], k: int, limit: int) -> bool:
    """Whether 'and' at ``k`` starts a new clause (a subject then a verb) rather than joining nouns.

    Only tokens before ``limit`` (the cue being read and its auxiliaries) are looked at.
    """
    window = [t.lower for t in sentence[k + 1 : min(k + 6, limit)]]
    return any(w in _AUX or _lemma(w) is not None for w in window)


def _subject_before(sentence: list[Token], i: int) -> tuple[int, int] | None:
    """Token indices (first, last) of the subject of the cue at ``i``."""
    k = i - 1
    while (
        k >= 0
        and (sentence[k].lower in _SKIP_BEFORE_CUE or _adverb(sentence[k]))
        and sentence[k].is_word
        and sentence[k].text != "May"  # "met in May suggests": the month
    ):
        if sentence[k].lower in ("that", "which"):
            break
        k -= 1
    if k >= 3 and sentence[k].lower in _PERIODS and sentence[k - 1].lower in ("this", "last", "next"):
        k -= 2  # "Independent forecasters surveyed by the Treasury this spring expect"
    elif k >= 3 and sentence[k].text in _WEEKDAYS and sentence[k - 1].lower == "on":
        k -= 2  # "The Federal Reserve Board on Tuesday announced"
    elif k >= 2 and sentence[k].text in _WEEKDAYS and _participle(sentence[k - 1]):
        k -= 1  # "A report released Tuesday showed": the day joins the subject below
    elif k >= 1 and sentence[k].text in _WEEKDAYS and sentence[k - 1].text not in _BEFORE_A_DAY_NAME:
        k -= 1  # "Senator Jo Reed Tuesday announced", "U.S. officials Tuesday said": the day is the cue's
    if k < 0:
        return None
    if sentence[k].lower == "who" and k >= 2 and sentence[k - 1].text == ",":
        # "Ana R. Soto, who believed that"; "criticised by unions, who said"
        return _name_before(sentence, k - 2) or _people_before(sentence, k - 2)
    if sentence[k].lower == "which" and k >= 2 and sentence[k - 1].text == ",":
        return _record_before(sentence, k - 2)  # "the latest CBO score of the bill, which estimates that"
    if sentence[k].text in ("\u2013", "—") and not sentence[k].quoted:
        # "Rep. Jo Hale (R-Texas) -- chairman of the committee -- issued" (dashes): the subject is before
        # the aside, and ends with a name or its tag.
        opening = next((j for j in range(k - 1, 0, -1) if sentence[j].text == sentence[k].text), None)
        if (
            opening is None
            or k - opening > 40
            or not (sentence[opening - 1].text == ")" or sentence[opening - 1].text[:1].isupper())
        ):
            return None
        k = opening - 1
    elif sentence[k].text == "," and not sentence[k].quoted:
        # "Pruett's attorney, Michael Oyelaran, said": the subject is before the aside.
        comma = k
        j = k - 1
        while j >= 0 and not (
            sentence[j].text in ",;:—\u2013("
            or (sentence[j].text in _QUOTES and not _plural_apostrophe(sentence, j))
        ):
            if sentence[j].text == ")":  # "…, including Rep. Mike Rogers (R-AL), urged": a tag in the aside
                opening = next((n for n in range(j - 1, max(-1, j - 6), -1) if sentence[n].text == "("), None)
                if opening is not None:
                    j = opening
            j -= 1
        if j < 0:
            # "Lydia Buchtmann for Food Standards Australia, says": a lone comma after the subject,
            # which is then all the sentence holds before it.
            if comma < 2 or _introductory(sentence[:comma]) or not sentence[0].text[:1].isupper():
                return None
            if _walk_back(sentence, comma - 1, limit=comma) != 0:
                return None
            k = comma - 1
        elif sentence[j].text != ",":
            return None
        elif _introductory(sentence[_after_dateline(sentence, j) : j]) and comma - j > 2:
            k = comma - 1  # "Additionally, data from the office, projects": the subject is between
        else:
            name = _opening_name(sentence, j)
            if name is not None:
                return name
            k = j - 1
    if sentence[k].text == ")":  # "The Institute for the Study of War (ISW) reports"
        j = k - 1
        while j >= 0 and sentence[j].text != "(":
            j -= 1
        acronym = j == k - 2 and _ACRONYM.fullmatch(sentence[k - 1].text) is not None
        first = _name_suffix(sentence, _walk_back(sentence, j - 1, limit=j), j - 1)
        if first > j - 1:
            return None
        acronym = acronym and _abbreviates(sentence[k - 1].text, sentence[first:j])
        if first == j - 1 and sentence[first].text in _DEGREES:
            return _degree(sentence, first)
        # "The Institute for the Study of War (ISW)" keeps its acronym; "Rep. X (R-Ohio)" drops the aside.
        return (first, k) if acronym else (first, j - 1)
    last = k
    k = _name_suffix(sentence, _walk_back(sentence, last, limit=last + 1), last)
    if k > last:
        return None
    if k < last and _participle(sentence[last]):
        last = _time_after_participle(sentence, last, i)  # "A study released last week estimates"
    if k == last and sentence[k].text in _DEGREES:
        return _degree(sentence, k)
    if k < last and sentence[last].lower in _SUBJECT_PRONOUNS and sentence[last - 1].lower not in _JOINED:
        return last, last  # "In those days I believed", "Well I think": a pronoun takes no modifier
    if k == 0 and sentence[0].text in _OPENING_PREPOSITIONS:
        return _after_opening_phrase(sentence, last), last  # "In the 62nd minute Kim Lee conceded"
    return k, last


def _defining_clause(sentence: list[Token], first: int) -> bool:
    """Whether a clause that defines the noun before it opens at ``first``.

    "toward levels the board judges consistent with its goals": the clause tells which levels,
    it reports no claim (data/SPANS.md).
    """
    return (
        first >= 2
        and sentence[first].lower == "the"
        and sentence[first - 1].text.islower()
        and _PLURAL.search(sentence[first - 1].lower) is not None
        and _words(sentence, first - 2) in _TOWARD
    )


def _norm_head(sentence: list[Token], k: int) -> bool:
    """Whether the noun phrase from ``k`` ends in a norm: "MSHA standards and specifications".

    Its head is its last word before a preposition, "and" or the phrase's end; a norm word that
    only modifies ("the rules committee chairman") is no head.
    """
    end = k
    while end < len(sentence) and sentence[end].is_word and sentence[end].lower not in _PHRASE_ENDS:
        end += 1
    return end > k and sentence[end - 1].lower in _NORMS and sentence[end - 1].text.islower()


def _before_company(sentence: list[Token], subject: tuple[int, int]) -> tuple[int, int]:
    """The subject before an aside that names its company, which the walk back took instead.

    "U.S. Senators Ana Ruiz and Bo Park, together with Rep. Cy Ortiz (all D-Md.) today
    announced": the senators announced, as with "along with".
    """
    first = subject[0]
    if (
        first >= 2
        and sentence[first].lower in ("together", "along")
        and _words(sentence, first + 1) == "with"
        and sentence[first - 1].text == ","
    ):
        last = first - 2
        if sentence[last].text == ")":  # "Senator Ana Ruiz (D-Md.), together with …": the name before its tag
            tag = range(last - 1, max(-1, last - 8), -1)
            opening = next((n for n in tag if sentence[n].text == "("), None)
            if opening is None:
                return subject
            last = opening - 1
        start = _walk_back(sentence, last, limit=last + 1)
        if 0 <= start <= last:
            return start, last
    return subject


def _participle(token: Token) -> bool:
    """Whether a lower-case word reads as a past participle ("released", "sent", "made")."""
    return token.text.islower() and (token.lower.endswith("ed") or token.lower in _IRREGULAR_PARTICIPLES)


def _time_after_participle(sentence: list[Token], k: int, i: int) -> int:
    """Where a subject ending in a participle ends: after the time it names, before the cue at ``i``.

    "An AP story published yesterday noted", "A study released last week estimates": the time
    belongs to the participle, not to the cue, and so to the source's phrase.
    """
    width = _time_phrase(sentence, k + 1)
    return k + width if k + width < i else k


def _time_phrase(sentence: list[Token], k: int) -> int:
    """How many tokens from ``k`` name when it happened: "today", "last week", "(on) Tuesday"; 0 if none."""
    words = [t.lower for t in sentence[k : k + 2]]
    if not words:
        return 0
    if words[0] in ("today", "yesterday", "tonight") or sentence[k].text in _WEEKDAYS:
        return 1
    if len(words) == 2 and (
        (words[0] in ("this", "last") and words[1] in _TIMES_OF_DAY)
        or (words[0] == "on" and sentence[k + 1].text in _WEEKDAYS)
    ):
        return 2  # "released last week", "sent this morning", "released on Tuesday"
    return 0


def _name_suffix(sentence: list[Token], first: int, last: int) -> int:
    """Where a subject that is only a name's suffix after a comma ("Frank Pallone, Jr.") starts: the name."""
    if (
        first == last
        and first >= 2
        and sentence[first].text in _NAME_SUFFIXES
        and sentence[first - 1].text == ","
    ):
        name = _walk_back(sentence, first - 2, limit=first - 1)
        if name <= first - 2:
            return name
    return first


def _after_opening_phrase(sentence: list[Token], last: int) -> int:
    """Where the subject starts after an opening phrase of time or place written without a comma.

    "In the 62nd minute Kim Lee", "On Monday the ministry", "At the Town Hall the mayor": the
    last capitalised word after a lower-case word or number, or "the"/"a" after a capitalised
    word; the whole phrase (from the preposition) when there is no such point.
    """
    start = 0
    for n in range(2, last + 1):
        tok, before = sentence[n], sentence[n - 1]
        capital_after_lower = tok.text[:1].isupper() and (
            before.text[:1].islower() or before.text[:1].isdigit()
        )
        article_after_capital = tok.lower in _ARTICLES and before.text[:1].isupper()
        if before.is_word and (capital_after_lower or article_after_capital):
            start = n
    return start


def _degree(sentence: list[Token], k: int) -> tuple[int, int] | None:
    """The name before a degree set off by a comma ("Tom Vale, M.D. (R-Ohio) said": Tom Vale)."""
    if k < 2 or sentence[k - 1].text != ",":
        return None
    first = _walk_back(sentence, k - 2, limit=k - 1)
    return (first, k - 2) if first <= k - 2 else None


def _introductory(phrase: list[Token]) -> bool:
    """Whether a sentence's first words, set off by a comma, introduce it ("Additionally", "Last week")."""
    if not phrase or len(phrase) > 6 or not all(t.is_word or t.text[:1].isdigit() for t in phrase):
        return False
    first = phrase[0].lower
    if len(phrase) == 1:
        return first in _INTRODUCTIONS or (first.endswith("ly") and first not in _LY_NOUNS)
    return first in _PHRASE_OPENERS


def _relative_before(sentence: list[Token], k: int) -> int | None:
    """The index of a relative pronoun a few tokens before ``k`` ("who has negotiated"), if any."""
    for j in range(k - 1, max(-1, k - 7), -1):
        tok = sentence[j]
        if tok.lower in ("who", "that", "which") and j > 0 and sentence[j - 1].is_word:
            return j
        if not tok.is_word or tok.lower in _BOUNDARY_WORDS:
            return None
    return None


def _walk_back(sentence: list[Token], last: int, limit: int) -> int:
    """The first token of the noun phrase that ends at ``last`` (the subject of a cue at ``limit``)."""
    k = last
    while k >= 0:
        tok = sentence[k]
        low = tok.lower
        if (
            tok.text == ")"
            and k < last
            and k >= 3
            and sentence[k - 2].text == "("
            and _ACRONYM.fullmatch(sentence[k - 1].text)
            and sentence[k - 3].is_word
            # "… tax credit (WASHINGTON) Congressman Neal": capitals before a name, not made of the
            # initials before them, are a dateline; "(EUROPOL) report" and "(ISW) Director" are acronyms
            and not (
                k + 1 <= last
                and sentence[k + 1].text[:1].isupper()
                and not _abbreviates(sentence[k - 1].text, sentence[max(0, k - 12) : k - 2])
            )
        ):
            k -= 3  # "a Government Accountability Office (GAO) report found": the acronym is inside
            continue
        if (
            tok.text == "-"
            and 0 < k < last
            and sentence[k - 1].end == tok.start
            and tok.end == sentence[k + 1].start
            and sentence[k - 1].text[:1].isdigit()
            and sentence[k + 1].text[:1].isalpha()
        ):
            k -= 2  # "The 34-year-old said": a number joined to its measure
            continue
        if (
            low == "than"
            and 1 <= k < last
            and _words(sentence, k - 1) in ("more", "fewer", "less")
            and sentence[k + 1].text[:1].isdigit()
        ):
            k -= 2  # "more than 40 Conservative MPs urged": the hedge is part of who
            continue
        if tok.text == "-" and _spaced_hyphen_in_name(sentence, k, last):
            k -= 1  # "the Council on American - Islamic Relations": a hyphen written with spaces
            continue
        if k < last and _plural_apostrophe(sentence, k):
            k -= 1  # "The Indiana Airports\u2019 Economic Impact Study"
            continue
        if tok.quoted or tok.text in ",;:—\u2013()-" or tok.text in _QUOTES or tok.text in ".?!":
            break
        if k < last and len(tok.text) > 1 and tok.text.endswith("-"):
            break  # "Washington, DC- Congressman Ana Lee": a dateline's dash glued to its place
        if _TIME_TOKEN.fullmatch(tok.text) or (low in _OBJECTS and tok.text != "US"):  # "the US embassy"
            break
        if (
            tok.text.isupper()
            and len(tok.text) > 3
            and k == 0
            and _words(sentence, 1) in (",", "—", "\u2013")
        ):
            break  # a dateline: "DENVER, March 5 —"
        verb = (
            (low in _AUX and tok.text != "May")
            or (
                k < last
                and tok.text[:1].islower()
                and _lemma(low) not in (None, low)
                and not (low.endswith("ing") and k > 0 and sentence[k - 1].is_word)  # "A study documenting"
                and _words(sentence, k - 1) not in _DETERMINERS
                and not (low.endswith("ed") and _words(sentence, k + 1) in _AFTER_A_PARTICIPLE)
                # "A study published Monday in Nature found": a day, then a phrase of the participle's
                and not (
                    low.endswith("ed")
                    and k + 1 < last
                    and sentence[k + 1].text in _WEEKDAYS
                    and _words(sentence, k + 2) in _AFTER_A_PARTICIPLE
                )
                # "In addition, reports from the office show": a noun right after an opening phrase
                and not (k >= 2 and sentence[k - 1].text == "," and _introductory(sentence[: k - 1]))
            )
        )
        if low in _RELATIVE and tok.text == "WHO":
            low = "who-acronym"  # the World Health Organization, not a relative pronoun
        if low in _RELATIVE and (
            _words(sentence, k + 1) in _PRONOUN_OR_DETERMINER
            or k == last
            or (
                k + 1 == last
                and sentence[last].text[:1].islower()
                and _PLURAL.search(sentence[last].lower)
                and _words(sentence, last + 1) not in _AUX
            )
        ):
            # "which it says": the relative pronoun is the object, the subject follows it; so with a
            # bare plural right before the cue ("that critics blame").
            break
        if verb or low in _RELATIVE:
            # A verb inside a relative clause belongs to the subject: "A coordinator who has negotiated".
            relative = k if low in _RELATIVE else _relative_before(sentence, k)
            if relative is None or relative == last or not (low not in _RELATIVE or k < last):
                break
            k = relative - 1
            continue
        if low in _BOUNDARY_WORDS and not (low in ("and", "or") and k > 0 and sentence[k - 1].text != ","):
            break
        if (
            k < last
            and low in _PERIODS
            and _words(sentence, k - 1) in ("this", "last", "next")
            and (_words(sentence, k + 1) in _PRONOUN_OR_DETERMINER or sentence[k + 1].text[:1].isupper())
        ):
            break  # "… and this year the city expects": the subject follows the time
        if low in ("and", "or") and (
            _clause_follows(sentence, k, limit) or _words(sentence, k - 1)[:1].isdigit()
        ):
            break
        if (
            k < last
            and low in _DISPUTED_NOUNS
            and _words(sentence, k - 1) in ("a", "an")
            and _words(sentence, k - 2) in (",", "\u2014", "\u2013", "-", "(")
            and sentence[k + 1].is_word
            and (
                sentence[k + 1].lower in _PRONOUN_OR_DETERMINER
                or (sentence[k + 1].text[:1].islower() and _PLURAL.search(sentence[k + 1].lower))
            )
        ):
            break  # "a figure the council disputes": the subject of the clause begins after its object
        k -= 1
    first = k + 1
    # Drop a sentence-initial timestamp or dateline word, leading conjunctions and "(just) last week".
    while (
        first <= last
        and (
            sentence[first].lower in ("and", "but", "so", "then", "or")
            or (  # "Today Congressman Ana Lee announced"
                sentence[first].lower in ("today", "yesterday", "tonight")
                and first < last
                and sentence[first + 1].text[:1].isupper()
            )
            or _TIME_TOKEN.fullmatch(sentence[first].text)
            or _YEAR.fullmatch(sentence[first].text)  # "…, 2019 State Senator …": a dateline's year
        )
    ):
        first += 1
    period = first + (_words(sentence, first) == "just")
    if (
        period + 2 <= last
        and _words(sentence, period) in ("last", "this", "next")
        and (_words(sentence, period + 1) in _PERIODS)
    ):
        first = period + 2
    return first


def _by_medium(sentence: list[Token], k: int) -> bool:
    """Whether "by" at ``k`` names how something was said ("said by email"), not a passive agent."""
    return _words(sentence, k + 1) in ("email", "e-mail", "phone", "telephone", "text", "letter", "video")


def _plural_apostrophe(sentence: list[Token], k: int) -> bool:
    """Whether the mark at ``k`` is a plural's apostrophe before a name ("Johns Hopkins\u2019 Department")."""
    return (
        sentence[k].text in ("\u2019", "'")
        and 0 < k < len(sentence) - 1
        and sentence[k - 1].end == sentence[k].start
        and sentence[k - 1].text.endswith("s")
        and sentence[k + 1].text[:1].isupper()
    )


def _spaced_hyphen_in_name(sentence: list[Token], k: int, last: int) -> bool:
    """Whether the hyphen at ``k``, with spaces around it, joins two words of a name.

    Not a dateline's dash ("Houston, TX - Rep. Ana Lee"): the word before is not in
    capitals and does not follow a comma.
    """
    if not 2 <= k < last:
        return False
    before, after = sentence[k - 1], sentence[k + 1]
    return (
        before.end < sentence[k].start
        and sentence[k].end < after.start
        and before.is_word
        and after.is_word
        and before.text[:1].isupper()
        and not before.text.isupper()
        and after.text[:1].isupper()
        and sentence[k - 2].text != ","
    )


def _opening_name(sentence: list[Token], comma: int) -> tuple[int, int] | None:
    """The name a sentence opens with when only asides set off by commas lie between it and ``comma``.

    "Rosa Delgado, chair and founder of the tenants' union at Millbrook,
    Kent, said": the source is the first segment, a name.
    """
    start = 0
    commas = [k for k, t in enumerate(sentence[: comma + 1]) if t.text == ","]
    if len(commas) > 1 and _introductory(sentence[: commas[0]]):
        start = commas[0] + 1  # "Today, Senator Ana Lee (WI-4), along with …, announced": after the opening
    first_comma = next((k for k in commas if k > start), None)
    if first_comma is None or first_comma == start or first_comma - start > 4 + 3 * bool(start):
        return None
    end = first_comma
    if start and sentence[end - 1].text == ")":  # the name's tag: "(WI-4)"
        end = next((n for n in range(end - 2, start, -1) if sentence[n].text == "("), start)
    name = sentence[start:end]
    between = sentence[first_comma:comma]
    if not name or not all(t.is_word and t.text[:1].isupper() for t in name):
        return None
    if any(t.text in _QUOTES or t.quoted or t.lower in _AUX or t.text in ";:\u2013\u2014" for t in between):
        return None  # a dash: "WASHINGTON, DC -- Rep. Ana Lee (D-NY), chair of …, issued": a dateline
    return start, end - 1


def _noun_before(sentence: list[Token], i: int) -> bool:
    """Whether the word before a base-form cue is a singular noun modifying it ("tax credit")."""
    if not i or not sentence[i - 1].is_word:
        return False
    prev = sentence[i - 1].lower
    return (
        sentence[i - 1].text[:1].islower()
        and not (_PLURAL.search(prev) or prev.endswith("ly"))  # "class projects": "class" is singular
        and prev not in _NOT_A_NOUN
        and prev not in ("to", "not", "people", "police", "staff", "media", "public", "data", "who", "i")
        and _lemma(prev) is None
    )


def _adverb(tok: Token) -> bool:
    """A lower-case -ly word that is not a noun ("formally", not "family", "tally" or "Kelly")."""
    return tok.lower.endswith("ly") and tok.text[:1].islower() and tok.lower not in _LY_NOUNS


def _between_subject_and_verb(tok: Token) -> bool:
    """A word that stands between a subject and its verb, no part of either ("the Committee now expects")."""
    return tok.is_word and not tok.quoted and (_adverb(tok) or tok.lower in _SKIPPED_WORDS)


def _skip_adverbs(sentence: list[Token], k: int) -> int:
    """The index of the first token at or before ``k`` that is not an adverb ("currently", "twice")."""
    while k >= 0 and sentence[k].is_word and (_adverb(sentence[k]) or sentence[k].lower in _ADVERBS):
        k -= 1
    return k


def _people_before(sentence: list[Token], last: int) -> tuple[int, int] | None:
    """A plural noun ending at ``last``, with "the" before it: who "who" stands for ("teachers, who said")."""
    word = sentence[last]
    if not (word.is_word and word.text.islower() and len(word.text) > 3 and _PLURAL.search(word.text)):
        return None  # "status", "business": not a plural
    return (last - 1 if last and sentence[last - 1].lower == "the" else last), last


def _opens_content(sentence: list[Token], k: int) -> bool:
    """Whether the token at ``k`` can open what a cue reports: "that", a quote, a colon, a subject."""
    if k >= len(sentence):
        return True
    token = sentence[k]
    return not (token.is_word and token.text[:1].islower()) or token.lower in _CLAUSE_STARTS


def _record_before(sentence: list[Token], last: int) -> tuple[int, int] | None:
    """The record a relative "which" after a comma stands for ("the latest CBO score of the bill").

    A noun phrase opened by a determiner, carried on by "of", "from", "on" or "by" after a record's
    noun, that names a report, study, score or other record: "a law, which says" is no source, nor
    "the day, which shows"; after a verb the phrase starts past the joining word ("relied on the
    report, which" → "the report").
    """
    if last >= 2 and sentence[last].text in _RECORD_DAYS and sentence[last - 1].lower in ("on", "by"):
        last -= 2  # "the report on Tuesday, which shows": the report
    j = last
    phrase = None
    while j >= 0 and last - j < 12 and sentence[j].is_word and not sentence[j].quoted:
        low = sentence[j].lower
        adjective = j > 0 and sentence[j - 1].lower in _RECORD_DETERMINERS  # "the revised estimate"
        if low in _AUX or (low.endswith("ed") and not adjective):
            break  # "after the study was released, which suggests": the clause, not the study
        if low in _RECORD_DETERMINERS:
            while j and sentence[j - 1].lower in _RECORD_DETERMINERS:
                j -= 1  # "the latest"
            if j and sentence[j - 1].lower in _COMPARED_WITH:
                return None  # "Turnout fell below the forecast, which suggests": the whole clause
            phrase = (j, last)
            if j >= 2 and sentence[j - 1].lower in _RECORD_JOINS and _is_record(sentence[j - 2].lower):
                j -= 2  # "the latest score of the bill", "the report from the agency": the phrase goes on
                continue
            break  # "rely on the report, which shows": a verb, not a record, before "on"
        j -= 1
    if phrase is None:
        return None
    # The head: the last word, or the word before the phrase's first joining word.
    head = next(
        (sentence[n].lower for n in range(phrase[0], last) if sentence[n + 1].lower in _RECORD_JOINS),
        sentence[last].lower,
    )
    return phrase if _is_record(head) else None


def _is_record(word: str) -> bool:
    """Whether a lower-cased word names a record a "which" can stand for ("score", "reports")."""
    return word in _WHICH_RECORDS or word.removesuffix("s") in _WHICH_RECORDS


def _name_before(sentence: list[Token], last: int) -> tuple[int, int] | None:
    """The capitalised name ending at ``last`` ("Ana R. Soto"), or None when there is none."""
    k = last
    while k >= 0 and sentence[k].is_word and sentence[k].text[:1].isupper() and not sentence[k].quoted:
        k -= 1
    return (k + 1, last) if k < last else None


def _clause_subject(sentence: list[Token], i: int, found: list[Source]) -> tuple[int, int] | None:
    """The subject of a verb coordinated with an earlier one: "The board will hold … and continues".

    The subject is the noun phrase that opens the clause (after an introductory
    phrase set off by a comma), up to its first verb; none when the clause
    already gave a source.
    """
    if found:
        return None
    first = 0
    for k in range(i):
        if sentence[k].text in (";", ":") or (sentence[k].text == "," and _opens_clause(sentence, k)):
            first = k + 1
    last = first
    while last < i and sentence[last].is_word and not sentence[last].quoted:
        low = sentence[last].lower
        if low in _AUX or low.endswith("ed") or _lemma(low) is not None or low in _CLAUSE_VERBS:
            break
        last += 1
    while last - 1 > first and _between_subject_and_verb(sentence[last - 1]):
        last -= 1  # "the Committee also decided … and currently anticipates": "also" is no part of it
    if last == first or last > i or sentence[last - 1].lower in ("and", "or", "but"):
        return None  # "The firm cut jobs and expects": no verb told where the subject ends
    return sentence[first].start, sentence[last - 1].end


def _opens_clause(sentence: list[Token], k: int) -> bool:
    """Whether the comma at ``k`` ends an introductory phrase ("In short, the board …")."""
    nxt = _words(sentence, k + 1)
    return nxt in ("the", "a", "an", "it", "we", "they", "he", "she") or sentence[k + 1].text[:1].isupper()


def _plural_or_pronoun(sentence: list[Token], subject: tuple[int, int], i: int) -> bool:
    """A base-form cue ("say", "expect") needs a plural or pronoun subject, or an auxiliary before it."""
    if _words(sentence, i - 1) in _BEFORE_A_BASE_FORM or sentence[i - 1].lower.endswith(("n't", "n\u2019t")):
        return True
    words = [t.lower for t in sentence[subject[0] : subject[1] + 1]]
    plural = any(_PLURAL.search(w) for w in words if len(w) > 3)
    # The head noun stands before the subject's first preposition: "Data from the Weather Service show".
    head = next((words[n - 1] for n in range(1, len(words)) if words[n] in _PREPOSITIONS), words[-1])
    return (
        plural
        or _ACRONYM.fullmatch(sentence[subject[1]].text) is not None  # "WHO say": an organisation
        or words[-1] in ("i", "we", "they", "you")
        or "and" in words
        or _words(sentence, subject[0] - 1) == "and"  # "Ohio, Utah, and Maine report": one of a list
        or head in _PLURAL_HEADS
        or words[0] == "data"  # "Data received since the meeting indicate": a participle follows it
    )


def _after_with_phrase(sentence: list[Token], i: int) -> bool:
    """Whether a short phrase opened by ", with" ends at the cue: "…, with the board warning"."""
    k = i - 1
    while (
        k >= 0
        and (sentence[k].is_word or sentence[k].text[:1].isdigit())  # "with 60% of growers saying"
        and not sentence[k].quoted
        and sentence[k].lower != "with"
        and i - k <= 5
    ):
        k -= 1
    if not (0 < k < i - 1 and sentence[k].lower == "with" and sentence[k - 1].text == ","):
        return False
    # A noun phrase only: "with laws banning tenants from claiming" holds a verb and a preposition.
    # Its "of" complement ("with 70% of growers saying") and the phrase after a participle that
    # restricts it ("with 60% polled in June saying") are part of the noun phrase.
    phrase = sentence[k + 1 : i]
    participle = next((n for n, t in enumerate(phrase) if t.lower.endswith("ed")), len(phrase))
    return not any(
        t.lower.endswith("ing") or (t.lower != "of" and t.lower in _PREPOSITIONS and n < participle)
        for n, t in enumerate(phrase)
    )


def _name_before_title(sentence: list[Token], subject: tuple[int, int]) -> tuple[int, int] | None:
    """The name that opens the sentence when the walk found only its title, the closing comma lost.

    "Scott Carson, president and CEO of Boeing Commercial Airplanes said": the title is an aside
    (data/SPANS.md); "Last November, the company said" opens with a time, "Rep. Lee, Rep. Park and
    Sen. Ruiz said" lists names, and neither is changed.
    """
    comma = subject[0] - 1
    names = sentence[:comma]
    title = [t.lower for t in sentence[subject[0] : subject[1] + 1]]
    head = title[1:4] if title[0] in _ARTICLES else title[:3]
    if (
        comma < 2
        or sentence[comma].text != ","
        or len(names) > 4
        or not all(t.is_word and t.text[:1].isupper() and not t.text.isupper() for t in names)
        or any(t.text in _WHEN_NAMES or t.lower in _OPENING_WORDS for t in names)
        or not _TITLE_WORDS.intersection(head)
        # "Jo Vale, the city's finance chief and two aides said": a list, not a title
        or any(
            w in ("and", "or") and not sentence[subject[0] + n + 1].text[:1].isupper()
            for n, w in enumerate(title[:-1])
        )
    ):
        return None
    return 0, comma - 1


def _company_plural(sentence: list[Token], subject: tuple[int, int], i: int, nxt: str) -> bool:
    """Whether a capitalised subject right before a base-form cue and "that" is a company with a plural
    verb, as British copy writes it ("Aeroflot say that …"; not "Should Airbus confirm that")."""
    return (
        nxt == "that"
        and subject[1] == i - 1
        and (subject[0] == 0 or _words(sentence, subject[0] - 1) == ",")
        and sentence[subject[1]].lower not in PRONOUNS
        and not sentence[subject[1]].lower.endswith(("'s", "\u2019s"))
        and all(t.text[:1].isupper() for t in sentence[subject[0] : subject[1] + 1])
    )


def _speech_before(sentence: list[Token], k: int) -> bool:
    """Whether a plain verb of saying ends just before ``k``, with or without "that" ("stated that he")."""
    verb = k - 1 - (_words(sentence, k - 1) == "that")
    return _words(sentence, verb) in ("said", "stated", "added", "explained", "noted", "wrote", "told")


def _name_ending_like_a_verb(sentence: list[Token], k: int, i: int) -> bool:
    """Whether a lone capitalised subject ending in -ing or -ed is a name ("As King points out", "Ted said").

    A participle alone is no subject ("…, expected to"), but a capitalised word inside the
    sentence, or one right before its cue, is a name: a participle would need its phrase.
    "Something tells me" is an idiom, not a source.
    """
    word = sentence[k]
    dated = _words(sentence, k + 1) == "on" and k + 2 < len(sentence) and sentence[k + 2].text in _MONTHS
    return word.text[:1].isupper() and word.lower not in _THINGS and (k > 0 or k + 1 == i or dated)


def _ing_subject(sentence: list[Token], i: int, found: list[Source]) -> tuple[int, int] | None:
    """The subject of '…, saying …': the noun phrase the sentence starts with ('with X saying': X)."""
    if _words(sentence, _skip_adverbs(sentence, i - 1)) in _AUX:  # "have been expecting", "is also urging"
        subject = _subject_before(sentence, i)
        return (sentence[subject[0]].start, sentence[subject[1]].end) if subject else None
    k = i - 1
    while k >= 0 and sentence[k].text != "," and sentence[k].lower != "with":
        k -= 1
    if k >= 0 and sentence[k].lower == "with" and k + 1 < i:  # "…, with the paper reporting": a second source
        return sentence[k + 1].start, sentence[i - 1].end
    if found:
        return None
    first = _after_dateline(sentence, i)
    while first < len(sentence) and (
        _TIME_TOKEN.fullmatch(sentence[first].text) or not sentence[first].is_word
    ):
        first += 1
    if first + 1 < i and sentence[first].lower in ("but", "and", "yet"):
        first += 1  # "But the union rejected the offer, saying": the conjunction is no part of the name
    nickname: int | None = None
    if 0 < first < len(sentence) and sentence[first - 1].text in _QUOTES:
        # '"Bobby" Scott marked …': a quoted nickname opens the name; any other quote is not read here.
        if first + 2 >= i or _nickname_start(sentence, first + 2) != first - 1:
            return None
        nickname, first = first - 1, first + 2
    comma = next((n for n in range(first, min(i, first + 7)) if sentence[n].text == ","), None)
    clause_end = None
    if first < i and sentence[first].lower in _SUBORDINATORS:
        # "When the Air Force chose X on May 2, Boeing challenged it, claiming": Boeing, after the clause's
        # last comma ("Because the deal, worth $2 billion, collapsed, shareholders sued, claiming")
        clause_end = next((n for n in range(i - 2, first, -1) if sentence[n].text == ","), None)
        comma = clause_end if clause_end is not None else comma
    if comma is not None and (comma == clause_end or _introductory(sentence[first:comma])):
        first = comma + 1  # "Last week, Rep. Aguilar spoke …, urging": the subject follows the phrase
        while first < i and (_YEAR.fullmatch(sentence[first].text) or sentence[first].text == ","):
            first += 1  # "On May 13, 2012, Rep. Lee joined …": the date's year
    last = first
    while last + 1 < i and sentence[last + 1].is_word:
        low = sentence[last + 1].lower
        # "Parade organisers had stayed calm, saying": a plural noun before its auxiliary is the head.
        head_noun = low.endswith("s") and low not in _AUX and _words(sentence, last + 2) in _AUX
        # "Warehouse workers at the site walked out, claiming": the plural before its phrase is the head.
        head_noun = head_noun or (
            low.endswith("s")
            and _words(sentence, last + 2) in ("at", "from", "of", "in", "for", "with")
            and any(t.lower.endswith("ed") or t.lower in _AUX for t in sentence[last + 3 : min(i, last + 8)])
        )
        if sentence[last + 1].text[:1].islower() and (
            (low.endswith(("ed", "s")) and not head_noun)
            or low in _VERB_OR_DAY
            or _lemma(low) is not None  # "Members of the delegation wrote to …, urging"
            or _adverb(sentence[last + 1])  # "The paper rather improbably stood up for …, complaining"
            or low in _ADVERBS  # "Ana Lee also visits …, explaining": the adverb is no part of the name
        ):
            break
        last += 1
    if first >= i or first > last:
        return None
    return sentence[first if nickname is None else nickname].start, sentence[last].end


def _after_dateline(sentence: list[Token], i: int) -> int:
    """Where a sentence starts after its dateline ("WASHINGTON, D.C., April 28 — Today, …"), else 0.

    A dateline is a place (its first word in capitals), commas, a date and a dash, all before
    the cue at ``i``.
    """
    if not sentence or not sentence[0].text[:1].isupper() or len(sentence[0].text) < 3:
        return 0
    for k in range(1, min(i, 12)):
        tok = sentence[k]
        if tok.text in ("—", "\u2013", "-") or (tok.text.endswith("-") and tok.text[:1].isupper()):
            return k + 1  # "WASHINGTON, D.C. -- Today, …", "Washington, DC- Congressman …"
        if (tok.is_word and not (tok.text[:1].isupper() or tok.text[:1].isdigit())) or tok.quoted:
            return 0
    return 0
