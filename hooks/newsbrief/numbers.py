"""Read every number a reader sees in a piece of text, as the reader would read it.

"up 34%", "fell by 1.5 points", "$1.2 billion", "quadrupled", "four people",
"a third", "13 abstained": each becomes a :class:`Mention` with its place in the
text, its value, what kind of quantity it is (percent, percentage points, a
multiple, money in a currency, or a plain number), the precision it was written
with, and the direction of change the sentence gives it. Years, dates, times,
ordinals and model names (SU7, G7, COVID-19) are not figures and are not read.

The words come from ``vocabulary.yaml``. A grammar of our own rather than a
library: see docs/editing.md ("How numbers in text are read") for the trial.
"""

from __future__ import annotations

import functools
import re
from dataclasses import dataclass

from .types import MONTH_NAMES
from .vocabulary import APPROXIMATE_WORDS, CURRENCY_SYMBOLS, DIRECTION_WORDS, FRACTIONS, MULTIPLES, NUMBER_WORDS, SCALES, UNIT_SPECS

PERCENT = "percent"
POINTS = "percentage-points"
MULTIPLE = "times"
PLAIN = "number"


@dataclass(frozen=True)
class Mention:
    start: int
    end: int
    written: str
    value: float
    """The magnitude as written, scale applied: '$1.2 billion' → 1.2e9 (never negative)."""
    kind: str
    """percent, percentage-points, times, money-USD…, or number."""
    step: float
    """The precision written: '12.0%' → 0.1, '39,000' → 1, '$1.2 billion' → 1e8."""
    direction: str | None = None
    """'up' or 'down' when the sentence gives the number a direction ("fell by 1.5 points")."""
    approximate: str | None = None
    """'about', 'over' or 'under' when the text says so ("nearly 40,000", "more than 39,000")."""


_MONTHS = "|".join(name for name in MONTH_NAMES if name)
_MONTHS_SHORT = "|".join(name[:3] for name in MONTH_NAMES if name)
_CURRENCY_CODES = "|".join(sorted((u for u, spec in UNIT_SPECS.items() if spec.is_money), key=len, reverse=True))
_CURRENCY_WORDS = {"dollars": "USD", "dollar": "USD", "euros": "EUR", "euro": "EUR", "yuan": "CNY", "renminbi": "CNY", "pounds": "GBP", "yen": "JPY"}
_SYMBOLS = "|".join(re.escape(s) for s in sorted(CURRENCY_SYMBOLS, key=len, reverse=True))
_SCALES = "|".join(sorted(SCALES, key=len, reverse=True))

_DIGITS = r"\d{1,3}(?:,\d{3})+(?:\.\d+)?|\d+(?:\.\d+)?"
_NUMBER = re.compile(
    rf"(?P<symbol>{_SYMBOLS})?\s?"
    rf"(?<![\w.,\-−/:×])(?P<sign>[+\-−])?(?P<digits>{_DIGITS})(?![\d,]\d)"
    rf"(?:(?P<scalesp>\s?)(?P<scale>{_SCALES})(?![a-zA-Z]))?"
    rf"(?P<after>\s?(?:%|per ?cent\b|percentage[ -]points?\b|points?\b|pp\b|pts?\b|×|x\b|times\b"
    rf"|(?:{_CURRENCY_CODES})\b|(?:{'|'.join(_CURRENCY_WORDS)})\b))?",
    re.I,
)
_TIMES_SIGN = re.compile(r"(?<![\w.])[×x]\s?(?P<digits>\d+(?:\.\d+)?)(?!\w|\.\d)")

# What is not a figure: dates ("1 February", "February 1, 2026"), times, ordinals, years, model names.
_DATE_LIKE = re.compile(
    rf"\b\d{{1,2}}(?:st|nd|rd|th)?\s+(?:of\s+)?(?:{_MONTHS}|{_MONTHS_SHORT})\b"
    rf"|\b(?:{_MONTHS}|{_MONTHS_SHORT})\.?\s+\d{{1,2}}(?:st|nd|rd|th)?\b(?!,\d)"
    rf"|\b\d{{1,2}}:\d{{2}}\b|\b\d{{4}}-\d{{2}}(?:-\d{{2}})?\b|\b\d+(?:st|nd|rd|th)\b"
    rf"|\b\d{{4}}s\b|\b(?:19|20)\d{{2}}[-–](?:19|20)?\d{{2}}\b",
)
_MODEL_NAME = re.compile(r"\b[A-Za-z]+-?\d+[A-Za-z]*\b|\b\d+[A-Za-z]+\d*[A-Za-z]*\b")
_YEAR = re.compile(r"(?:1[89]|2[01])\d{2}")

_WORD_NUMBER = re.compile(
    r"\b(?P<tens>twenty|thirty|forty|fifty|sixty|seventy|eighty|ninety)[- ](?P<ones>one|two|three|four|five|six|seven|eight|nine)\b"
    r"|\b(?P<word>" + "|".join(sorted((w for w in NUMBER_WORDS if w not in ("one", "hundred")), key=len, reverse=True)) + r")\b"
    r"(?P<wordunit>\s+(?:percent|per cent|percentage points?|points|times)\b)?",
    re.I,
)
_DIGIT = re.compile(r"\d")
_NUMBER_WORD_STEMS = tuple(sorted({*NUMBER_WORDS, *MULTIPLES, "half", "third", "quarter", "fold"}))
_ANY_NUMBER_WORD_STEM = re.compile("|".join(map(re.escape, _NUMBER_WORD_STEMS)))
"""Whether a (lower-cased) text holds any of them, in one search: 10,000 records have 45,000 texts."""
"""A text holds a number only if it has a digit or one of these: a fast test before the full reading."""


_ONE = re.compile(r"\bone\s+(?P<noun>[a-z]+(?:\s+state)?)\b", re.I)
_FRACTION = re.compile(r"\b(?:" + "|".join(re.escape(f) for f in sorted(FRACTIONS, key=len, reverse=True)) + r")\b", re.I)
_MULTIPLE = re.compile(r"\b(?:" + "|".join(sorted(MULTIPLES, key=len, reverse=True)) + r")\b", re.I)

_APPROXIMATE = APPROXIMATE_WORDS
_APPROX_BEFORE = re.compile(r"(?:" + "|".join(sorted(_APPROXIMATE, key=len, reverse=True)) + r")$", re.I)
_APPROX_REACH = max(map(len, _APPROXIMATE))
"""How far before a number (past the spaces) a qualifier can start: the longest one's length."""
_WORD = re.compile(r"[a-zA-Z]+")
_LEVEL_WORDS = {"to", "from", "at", "of", "on", "than", "since", "with", "was", "were", "is", "are"}
"""Words before a number that make it a level, not a change: 'rose to 12.0%', 'up 20% on 2024's 1,000'."""
_CLAUSE_BREAK = re.compile(r"[;:.!?()]|,\s+(?:and|but|while|when)\b")
_SINGULAR_UNITS = {spec.singular.lower(): name for name, spec in UNIT_SPECS.items()}


def read_numbers(text: str) -> list[Mention]:
    """Every number a reader sees in ``text``, in order of appearance."""
    if not _DIGIT.search(text):
        lowered = text.lower()
        if not _ANY_NUMBER_WORD_STEM.search(lowered):
            return []  # most texts of a large site: no digit and no number word
    return list(_read_cached(text))


@functools.lru_cache(maxsize=65536)
def _read_cached(text: str) -> tuple[Mention, ...]:
    """Reading is pure: under `mkdocs serve` an unchanged text is not read again."""
    return tuple(_read(text))


def _read(text: str) -> list[Mention]:
    # One byte a character: 1 where a date, a name or an earlier number already stands. Linear in the
    # text however many numbers it holds (a page of 50,000 numbers must not take minutes).
    covered = bytearray(len(text))
    for start, end in _blocked_spans(text):
        covered[start:end] = b"\x01" * (end - start)
    mentions: list[Mention] = []

    def add(mention: Mention | None) -> None:
        if mention is None or covered.find(1, mention.start, mention.end) != -1:
            return
        covered[mention.start : mention.end] = b"\x01" * (mention.end - mention.start)
        mentions.append(mention)

    for match in _NUMBER.finditer(text):
        add(_digits_mention(text, match))
    for match in _TIMES_SIGN.finditer(text):
        add(_mention(text, match.start(), match.end(), float(match.group("digits")), MULTIPLE, _step(match.group("digits"))))
    # Fractions before number words: 'two thirds' is 66.7%, not the number two.
    for match in _FRACTION.finditer(text):
        add(_mention(text, match.start(), match.end(), FRACTIONS[match.group(0).lower()], PERCENT, 2.0))
    for match in _WORD_NUMBER.finditer(text):
        add(_word_mention(text, match))
    for match in _ONE.finditer(text):
        if match.group("noun").lower() in _SINGULAR_UNITS:
            add(_mention(text, match.start(), match.start() + 3, 1.0, PLAIN, 1.0))
    for match in _MULTIPLE.finditer(text):
        add(_mention(text, match.start(), match.end(), float(MULTIPLES[match.group(0).lower()]), MULTIPLE, 1.0, direction="up"))
    return sorted(mentions, key=lambda m: m.start)


def _blocked_spans(text: str) -> list[tuple[int, int]]:
    spans = [m.span() for m in _DATE_LIKE.finditer(text)]
    spans += [m.span() for m in _MODEL_NAME.finditer(text) if not _is_number_with_unit(m.group(0))]
    return spans


def _is_number_with_unit(token: str) -> bool:
    """'400m', '1bn', '4x', '5pp' are numbers with a scale or unit, not model names."""
    return bool(re.fullmatch(rf"\d+(?:\.\d+)?(?:{_SCALES}|x|pp|pts?)", token, re.I))


def _digits_mention(text: str, match: re.Match) -> Mention | None:
    digits = match.group("digits")
    after = (match.group("after") or "").strip().lower()
    scale = match.group("scale")
    symbol = match.group("symbol")
    if scale and scale.lower() in ("m", "b", "k") and not (symbol or match.group("scalesp") == ""):
        scale = None  # "5 m" is five metres, not five million; "€400m" is money
    value = float(digits.replace(",", ""))
    if not (symbol or after or scale) and _YEAR.fullmatch(digits):
        return None  # a bare year: 2025 (four digits alone: '2,025' and '2025.5' are not)
    kind = PLAIN
    if after.startswith("percentage") or after in ("point", "points", "pp", "pt", "pts"):
        kind = POINTS
    elif after in ("%", "percent", "per cent"):
        kind = PERCENT
    elif after in ("×", "x", "times"):
        kind = MULTIPLE
    elif after.upper() in UNIT_SPECS and UNIT_SPECS[after.upper()].is_money:
        kind = f"money-{after.upper()}"
    elif after in _CURRENCY_WORDS:
        kind = f"money-{_CURRENCY_WORDS[after]}"
    if symbol:
        kind = f"money-{CURRENCY_SYMBOLS[symbol.upper()]}"  # the pattern ignores case: 'us$5' is US$5 (upper() keeps '$', '€')
    multiplier = SCALES[scale.lower()] if scale else 1
    start = match.start("symbol") if symbol else match.start("sign") if match.group("sign") else match.start("digits")
    end = match.end("after") if match.group("after") else match.end("scale") if scale else match.end("digits")
    direction = "down" if match.group("sign") in ("-", "−") else "up" if match.group("sign") == "+" else None
    return _mention(text, start, end, value * multiplier, kind, _step(digits) * multiplier, direction=direction)


def _word_mention(text: str, match: re.Match) -> Mention:
    if match.group("tens"):
        value = NUMBER_WORDS[match.group("tens").lower()] + NUMBER_WORDS[match.group("ones").lower()]
        kind = PLAIN
    else:
        value = NUMBER_WORDS[match.group("word").lower()]
        unit = (match.group("wordunit") or "").strip().lower()
        # 'percentage points' before 'per': 'five percentage points' is points, not percent
        kind = POINTS if unit.startswith(("percentage", "point")) else PERCENT if unit.startswith("per") else MULTIPLE if unit == "times" else PLAIN
    return _mention(text, match.start(), match.end(), float(value), kind, 1.0)


def _step(digits: str) -> float:
    """The precision of the digits written: '12.0' → 0.1, '39,000' → 1."""
    return 10.0 ** -len(digits.split(".")[1]) if "." in digits else 1.0


def _mention(text: str, start: int, end: int, value: float, kind: str, step: float, direction: str | None = None) -> Mention:
    return Mention(
        start,
        end,
        text[start:end].strip(),
        value,
        kind,
        step,
        direction=direction or _direction(text, start, end),
        approximate=_approximate(text, start),
    )


def _approximate(text: str, start: int) -> str | None:
    """'about 23,000': the qualifier just before a number, however many spaces stand between them."""
    before = text[:start]
    words = before.rstrip()
    if len(words) == len(before):
        return None  # no space before the number: 'about' must be a word of its own
    match = _APPROX_BEFORE.search(words[-_APPROX_REACH:])
    return _APPROXIMATE[" ".join(match.group(0).lower().split())] if match else None


def _direction(text: str, start: int, end: int) -> str | None:
    """'up 34%', 'fell by 1.5 points', 'a 20% decline': the direction the sentence gives a number.

    A number after 'to' ('rose to 12.0%') is a level, not a change, and has none.
    """
    before = _WORD.findall(_CLAUSE_BREAK.split(text[max(0, start - 40) : start])[-1].replace("'s", ""))[-4:]
    if any(word.lower() in _LEVEL_WORDS for word in before[-2:]):
        return None
    for word in reversed(before):
        if word.lower() in DIRECTION_WORDS:
            return DIRECTION_WORDS[word.lower()]
        if word.lower() in ("and", "but", "while"):
            break
    after = _WORD.findall(_CLAUSE_BREAK.split(text[end : end + 25])[0])[:2]
    for word in after:
        if word.lower() in DIRECTION_WORDS and word.lower() != "cut":
            return DIRECTION_WORDS[word.lower()]
    return None
