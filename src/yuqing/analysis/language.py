"""A cheap language guess (zh / en / ja / ko) for posts whose source did not say.

Counts scripts, not words: enough to route `lang:` rules and to tell Chinese posts from the
English and Japanese ones that feeds mix in. A post keeps the language its source declared.
"""

from __future__ import annotations

import re

from yuqing.analysis.pipeline import Post

_KANA = re.compile(r"[\u3040-\u30ff]")
_HANGUL = re.compile(r"[\uac00-\ud7af]")
_HAN = re.compile(r"[\u3400-\u4dbf\u4e00-\u9fff]")
_LATIN = re.compile(r"[a-z]")


def guess_language(text: str) -> str:
    if not text:
        return ""
    han, latin = len(_HAN.findall(text)), len(_LATIN.findall(text))
    kana, hangul = len(_KANA.findall(text)), len(_HANGUL.findall(text))
    if kana and kana * 5 >= han:
        return "ja"
    if hangul > han:
        return "ko"
    if han and han * 3 >= latin:  # a Chinese post with a few Latin words is still Chinese
        return "zh"
    return "en" if latin >= 3 else ""


class LanguageStage:
    name = "language"
    version = "1"
    reads = ("text_norm", "title_norm")
    writes = ("lang",)

    def __call__(self, batch: list[Post]) -> None:
        for post in batch:
            if not post.get("lang"):
                post["lang"] = guess_language((post.get("title_norm") or "") + (post.get("text_norm") or ""))
