"""What a briefing says once staff have edited it: the generated content with their texts laid over.

Each generated section's paragraphs can be rewritten (`Briefing.texts[key]`, paragraphs split
on blank lines); two sections exist only as staff write them: 研判分析 (analysis and judgement)
and 对策建议 (recommendations). Citations leave the sentences: a section lists the documents
its figures and sentences rest on once, at its end ("sources: 1 3 4"), numbered like the list
of sources at the end of the briefing, so editing a sentence never breaks a reference.
"""

from __future__ import annotations

from typing import Any

from django.utils.translation import gettext as _

STAFF_SECTIONS = ("analysis", "recommendations")
# Sections that read as appendices: staff sections go before the first of them.
APPENDIX = ("sources", "places", "key_posts", "incidents", "timeline", "spread", "statements", "response")


def staff_heading(key: str) -> str:
    return {"analysis": _("Analysis and judgement"), "recommendations": _("Recommendations")}[key]


def section_text(section: dict[str, Any]) -> str:
    return "\n\n".join(p["text"] for p in section.get("paragraphs", []))


def _paragraphs(text: str) -> list[dict[str, Any]]:
    chunks = [chunk.strip() for chunk in text.replace("\r\n", "\n").split("\n\n")]
    return [{"text": chunk, "refs": [], "link": ""} for chunk in chunks if chunk]


def _refs(section: dict[str, Any]) -> list[str]:
    found: dict[str, None] = {}
    for para in section.get("paragraphs", []):
        found.update(dict.fromkeys(para.get("refs", [])))
    return list(found)


def _sources(section: dict[str, Any], generated: dict[str, Any] | None) -> dict[str, Any]:
    """The section with its paragraphs' references gathered in `refs` and their search link in `link`."""
    basis = generated or section
    link = next((p["link"] for p in basis.get("paragraphs", []) if p.get("link")), "")
    return {**section, "refs": _refs(basis), "link": link}


def sections(content: dict[str, Any], texts: dict[str, str], drafts: bool = False) -> list[dict[str, Any]]:
    """The sections to show, in order; with `drafts`, staff sections not yet written appear empty."""
    out = []
    for section in content.get("sections", []):
        if section["key"] in APPENDIX and not any(s["key"] in STAFF_SECTIONS for s in out):
            out += _staff(texts, drafts)
        text = texts.get(section["key"])
        edited = {**section, "paragraphs": _paragraphs(text), "edited": True} if text is not None else section
        out.append(_sources(edited, section))
    if not any(s["key"] in STAFF_SECTIONS for s in out):
        out += _staff(texts, drafts)
    return out


def _staff(texts: dict[str, str], drafts: bool) -> list[dict[str, Any]]:
    return [{"key": key, "heading": staff_heading(key), "paragraphs": _paragraphs(texts.get(key, "")), "table": None,
             "chart": None, "refs": [], "link": "", "staff": True}
            for key in STAFF_SECTIONS if drafts or texts.get(key, "").strip()]


def composed(content: dict[str, Any], texts: dict[str, str], signature: dict[str, str] | None = None,
             drafts: bool = False) -> dict[str, Any]:
    """The content the renderers draw: staff texts laid over, sources per section, the sign-off if any."""
    return {**content, "sections": sections(content, texts or {}, drafts), "signature": signature or {}}


def editable(content: dict[str, Any], texts: dict[str, str]) -> list[dict[str, Any]]:
    """(key, heading, text, generated) for each section's edit box, in the briefing's order."""
    generated = {s["key"]: section_text(s) for s in content.get("sections", [])}
    return [{"key": s["key"], "heading": s["heading"], "text": (texts or {}).get(s["key"], generated.get(s["key"], "")),
             "staff": bool(s.get("staff"))} for s in sections(content, texts or {}, drafts=True)]
