"""Word lists the gazetteer build takes from jieba's dictionary (MIT), used at build time only.

jieba's dict.txt gives, for ~350,000 words, a corpus frequency and a part of speech. It tells
the matcher which short place names are mostly ordinary words, which two-character words
straddle a place name's edge (孩子长 is not 子长县), and which longer words hide a place name
(侯宝山, 光明日报, 东山再起).
"""

from __future__ import annotations

from pathlib import Path

import jieba

PLACE_POS = frozenset({"ns", "nr", "nrt", "nrfg"})  # jieba tags many real places as person names
ORDINARY_MIN_FREQ = 300  # rarer words (荔波 15 n) are the place far more often than not
CROSSING_MIN_FREQ = 50
BLOCKER_MIN_FREQ = 10
BLOCKER_SKIP_ENDINGS = tuple("人话籍市县区镇乡省州")  # 余姚人 and 余姚话 still name 余姚


def jieba_words() -> dict[str, tuple[int, str]]:
    """word → (frequency, part of speech)."""
    words = {}
    with (Path(jieba.__file__).parent / "dict.txt").open(encoding="utf-8") as handle:
        for line in handle:
            word, freq, pos = line.split()
            words[word] = (int(freq), pos)
    return words


def ordinary_words(forms: set[str], words: dict[str, tuple[int, str]]) -> set[str]:
    """The forms jieba tags as something other than a place or a name (比如 v, 资源 n, 东方 s)."""
    return {f for f in forms if f in words and words[f][1] not in PLACE_POS and words[f][0] >= ORDINARY_MIN_FREQ}


def crossing_words(two_char_forms: set[str], words: dict[str, tuple[int, str]]) -> list[str]:
    """Common two-character words that can overlap a two-character place name by one character
    (平安 in 平安吉祥 against 安吉); words jieba tags as places are left out (江南)."""
    firsts = {f[0] for f in two_char_forms}
    lasts = {f[1] for f in two_char_forms}
    return sorted(
        w for w, (freq, pos) in words.items()
        if len(w) == 2 and freq >= CROSSING_MIN_FREQ and pos != "ns"
        and (w[0] in lasts or w[1] in firsts)
    )


def hiding_words(county_forms: set[str], all_forms: set[str], words: dict[str, tuple[int, str]]) -> list[str]:
    """Longer words that contain a county's two-character short name without naming it."""
    found = []
    for w, (freq, pos) in words.items():
        if 3 <= len(w) <= 6 and freq >= BLOCKER_MIN_FREQ and pos != "ns" and w not in all_forms:
            if not w.endswith(BLOCKER_SKIP_ENDINGS) and any(w[i : i + 2] in county_forms for i in range(len(w) - 1)):
                found.append(w)
    return sorted(found)
