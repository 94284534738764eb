"""The text a person reads on a page, and the words in it that are not in the page's language.

What counts as the interface (checked) and what does not:

- Checked: every text node a person sees, and the attributes read out or shown on hover
  (title, placeholder, aria-label, alt, a button's value).
- Not checked: <script>, <style>, <template>, comments; <title>, which repeats the page's heading
  (a briefing's or a document's title, which is data); form fields' contents (<textarea>, an
  <input>'s value): what was typed is data; <code>, <kbd>, <samp>, <pre>: computer text
  (rule syntax, file names, commands) is never translated.
- Not checked: an element marked as content by HTML's own attribute `translate="no"` (not to be
  translated: collected posts, generated briefings).
- Checked in its own language: an element whose `lang` differs from the page's (the language
  menu names each language in itself: 简体中文 on an English page, English on a Chinese one).
- Data the test itself stored is not the interface either (`data` below: the names, titles and
  texts it typed, and the logins): a run of Chinese characters, or a word, that occurs in them.

In a Chinese page a stray word is a run of two or more Latin letters that is not data, not part
of an address (URL, path, host name, e-mail, file name), not a setting's name (YUQING_SMTP_URL)
and not in ALLOWED_WORDS (product, format and protocol names, units) or CODE_WORDS (the rule
language's AND, OR, NOT, NEAR, in capitals). In an English page a leftover is a run of Chinese
characters that is not data.
"""

from __future__ import annotations

import re
from typing import Iterable

import lxml.html

SKIPPED_TAGS = {"script", "style", "template", "textarea", "code", "kbd", "samp", "pre", "noscript", "title"}
READ_ATTRIBUTES = ("title", "placeholder", "aria-label", "alt")
BUTTON_TYPES = {"submit", "button", "reset"}

# Names that stay as they are in a Chinese interface: the product, file formats and standards,
# protocols, units. Compared case-insensitively.
ALLOWED_WORDS = {
    "yuqing", "api", "openapi", "json", "jsonl", "csv", "tsv", "xlsx", "xls", "docx", "pdf", "html", "word", "excel",
    "rss", "atom", "rdf", "rsshub", "http", "https", "url", "ip", "id", "cidr", "smtp", "webhook",
    "mediacrawler", "gzip", "utf", "gbk", "sqlite", "postgresql", "echarts", "robots", "txt", "hmac", "sha",
    "px", "kb", "mb", "gb", "ms", "cookie",
}
# Addresses, paths, file and host names, setting names (YUQING_SMTP_URL): names, not words.
# The rule language's operators, which people type as they are (yuqing/analysis/query).
CODE_WORDS = {"AND", "OR", "NOT", "NEAR"}
_ADDRESS = re.compile(r"[a-z][a-z0-9+.-]*://\S+|[\w.+-]+@[\w-]+(?:\.[\w-]+)+|(?:[\w-]+\.)+[a-z][\w-]*"
                      r"|(?<![\w/])/[\w./-]*/|\b[A-Z][A-Z0-9]*(?:_[A-Z0-9]+)+\b", re.I)
_WORD = re.compile(r"[A-Za-z][A-Za-z'’-]*[A-Za-z]")
_HAN = re.compile(r"[\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff]+")


def page_language(html: str) -> str:
    match = re.search(r'<html[^>]*\blang="([^"]+)"', html)
    return match.group(1).lower() if match else ""


def readable_texts(html: str) -> list[tuple[str, str]]:
    """Every piece of interface text on the page with the language it is in (the page's, or the
    `lang` of the element around it); see the module's doc for what is left out."""
    root = lxml.html.fromstring(html)
    found: list[tuple[str, str]] = []
    _walk(root, page_language(html), found)
    return [(language, text.strip()) for language, text in found if text.strip()]


def _skipped(element) -> bool:
    if not isinstance(element.tag, str):  # a comment or processing instruction
        return True
    return element.tag in SKIPPED_TAGS or element.get("translate") == "no"


def _walk(element, language: str, found: list[tuple[str, str]]) -> None:
    if _skipped(element):
        return
    language = (element.get("lang") or language).lower()
    found.append((language, element.text or ""))
    found.extend((language, element.get(name, "")) for name in READ_ATTRIBUTES)
    if element.tag == "input" and element.get("type", "").lower() in BUTTON_TYPES:
        found.append((language, element.get("value", "")))
    for child in element:
        _walk(child, language, found)
        found.append((language, child.tail or ""))  # the text after a child belongs to this element


def wrong_language(texts: Iterable[tuple[str, str]], data: Iterable[str]) -> list[str]:
    """What is not in the language it says it is: stray English in Chinese text, Chinese in English."""
    data = list(data)
    chinese = [text for language, text in texts if language.startswith("zh")]
    english = [text for language, text in texts if language.startswith("en")]
    return sorted(stray_english(chinese, data) | chinese_leftovers(english, data))


def stray_english(texts: Iterable[str], data: Iterable[str]) -> set[str]:
    """Latin words in a Chinese page that are neither allowed names nor data."""
    data_words = {w.lower() for text in data for w in _WORD.findall(_ADDRESS.sub(" ", text))}
    stray = set()
    for text in texts:
        for word in _WORD.findall(_ADDRESS.sub(" ", text)):
            if word.lower() not in ALLOWED_WORDS and word not in CODE_WORDS and word.lower() not in data_words:
                stray.add(word)
    return stray


def has_chinese(text: str) -> bool:
    return bool(_HAN.search(text))


def chinese_leftovers(texts: Iterable[str], data: Iterable[str]) -> set[str]:
    """Runs of Chinese characters in an English page that do not come from the data."""
    data = list(data)
    return {run for text in texts for run in _HAN.findall(text) if not any(run in value for value in data)}
