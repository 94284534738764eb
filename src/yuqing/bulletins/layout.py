"""What an issue prints, in order, shared by the Word and the PDF export (and by other official
documents laid out the same way, such as the forwarding batch)."""

from __future__ import annotations

from dataclasses import dataclass, field

from django.utils import timezone

from yuqing.accounts.people import person_name
from yuqing.bulletins.models import Issue
from yuqing.submissions.richtext import paragraphs


@dataclass
class EntryLayout:
    title: str
    paragraphs: list[str]
    source: str


@dataclass
class IssueLayout:
    """One official document (简报, 报送单 …): the Word and PDF renderers print exactly this."""

    masthead: str
    number_line: str
    issuer: str
    signer: str
    date: str
    editor_note: str
    entries: list[EntryLayout] = field(default_factory=list)
    distribution: list[str] = field(default_factory=list)
    draft_notice: str = ""
    note_label: str = "编者按："
    contents_heading: str = "本期要目"  # empty: no contents list
    recipient: str = ""  # a line under the red rule, e.g. 报送：省委宣传部信息处


def chinese_date(day) -> str:
    return f"{day.year}年{day.month}月{day.day}日"


def layout(issue: Issue) -> IssueLayout:
    number = f"第{issue.number}期" if issue.number else "第　期"
    signer = person_name(issue.signed_off_by)
    return IssueLayout(
        masthead=issue.periodical.name,
        number_line=f"{issue.year}年{number}" + ("（更正）" if issue.corrects_id else ""),
        issuer=f"{issue.periodical.issuing_unit}编",
        signer=f"签发：{signer}" if signer else "签发：",
        date=chinese_date(issue.issued_on or timezone.localdate()),
        editor_note=issue.editor_note,
        entries=[EntryLayout(e.title, paragraphs(e.body), e.source_label) for e in issue.entries.all()],
        distribution=[line.strip() for line in issue.distribution.splitlines() if line.strip()],
        draft_notice="" if issue.is_published else "草稿 · 未签发",
    )
