"""Flesch-Kincaid grade level of English text (used by the patient-voice readability test).

grade = 0.39 * (words / sentences) + 11.8 * (syllables / words) - 15.59
(Kincaid JP, Fishburne RP, Rogers RL, Chissom BS. Derivation of new readability formulas for Navy
enlisted personnel. Research Branch Report 8-75, Naval Technical Training Command, 1975).

Words are whitespace-separated tokens with letters or digits; sentences end at ``.``, ``!``,
``?``, ``:`` or ``;`` (a text without one is one sentence). Syllables are counted by a rule set
(vowel groups, with the usual English corrections); a token with digits is read aloud: each
letter of an abbreviation as one syllable, each digit as one (``S1`` = 2, ``L5-S1`` = 4).
"""

from __future__ import annotations

import re
import statistics

_VOWELS = "aeiouy"


#: words the rules get wrong, with their syllables
_EXCEPTIONS = {"sciatica": 4, "sciatic": 3, "physiotherapist": 6, "physiotherapy": 6}


def _alpha_syllables(word: str) -> int:
    w = word.lower()
    if w in _EXCEPTIONS:
        return _EXCEPTIONS[w]
    if len(w) <= 3:
        return 1 if any(c in _VOWELS for c in w) else len(w)
    n = len(re.findall(r"[aeiouy]+", w))
    # vowel pairs read as two syllables: vi-o-lent, pe-ri-od (not spe-cial, na-tion, cush-ion),
    # di-et, qui-et, ac-tu-al (not e-qual), cre-ate, ar-e-a
    n += len(re.findall(r"(?<![cgstx])(?<!sh)i[ao]", w))
    n += len(re.findall(r"(?<![qg])ua|iet|uo", w)) + bool(re.search(r"eate$|ea$", w))
    # silent e before a suffix (move-ment, safe-ly, guide-line, care-ful)
    n -= len(re.findall(r"[aeiouy][^aeiouy]e(?=(?:ment|ly|ful|less|ness|line)s?$)", w))
    # silent final e (make, bone), but not -le after a consonant (ta-ble) or -ee (knee)
    if w.endswith("e") and not w.endswith(("le", "ee", "ye", "ate")) and n > 1:
        n -= 1
    elif w.endswith("le") and w[-3] in _VOWELS and n > 1:
        n -= 1  # whole, mile
    elif w.endswith("ate") and n > 1:
        n -= 1
    # -ed and -es are silent except after t/d (want-ed) and s/x/z/ch/sh/c/g (box-es, plac-es)
    if w.endswith("ed") and not w.endswith(("ted", "ded")) and n > 1:
        n -= 1
    elif w.endswith("es") and not re.search(r"(?:[sxzcg]|ch|sh)es$|[^aeiouy]les$", w) and n > 1:
        n -= 1
    return max(1, n)


def syllables(token: str) -> int:
    """Syllables in one token (a word, a hyphenated compound, or an abbreviation with digits)."""
    parts = [p for p in re.split(r"[-\u2013/]", token) if p]
    total = 0
    for part in parts:
        if re.search(r"\d", part):
            total += len(re.findall(r"[A-Za-z]", part)) + len(re.findall(r"\d", part))
        elif re.search(r"[A-Za-z]", part):
            total += _alpha_syllables(re.sub(r"[^A-Za-z]", "", part))
    return max(1, total)


def words(text: str) -> list[str]:
    """The words of ``text``: whitespace tokens holding a letter or a digit, punctuation off."""
    out = []
    for token in text.split():
        token = token.strip("\"'()[]{}.,;:!?\u2018\u2019\u201c\u201d")
        if re.search(r"[A-Za-z0-9]", token):
            out.append(token)
    return out


def sentences(text: str) -> int:
    """The number of sentences: runs of text ended by . ! ? : or ; (at least one)."""
    pieces = [p for p in re.split(r"(?<!\d)[.!?;:]+(?:\s|$)|[.!?;:]+$", text) if words(p)]
    return max(1, len(pieces))


def grade(text: str) -> float:
    """The Flesch-Kincaid grade level of ``text``."""
    w = words(text)
    if not w:
        raise ValueError("no words to grade")
    syl = sum(syllables(t) for t in w)
    return 0.39 * len(w) / sentences(text) + 11.8 * syl / len(w) - 15.59


def summary(texts: list[str]) -> tuple[float, float, int]:
    """(highest grade, median grade, number of texts)."""
    grades = [grade(t) for t in texts]
    return max(grades), statistics.median(grades), len(grades)
