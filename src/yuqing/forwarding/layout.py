"""A batch laid out as the usual 报送单, with the bulletins' official-document layout (same Word
and PDF code): masthead, 编号, 报送单位 · 联系人 · 日期 over the red rule, the body it goes to,
then each item's title, text and the originating unit in brackets."""

from __future__ import annotations

from django.utils import timezone

from yuqing.bulletins.layout import EntryLayout, IssueLayout, chinese_date
from yuqing.forwarding.models import Batch
from yuqing.submissions.richtext import paragraphs

MASTHEAD = "信息报送单"


def contact_line(batch: Batch) -> str:
    line = f"联系人：{batch.contact}" if batch.contact else "联系人："
    return f"{line}　电话：{batch.phone}" if batch.phone else line


def layout(batch: Batch) -> IssueLayout:
    number = f"{batch.year}年第{batch.number}号" if batch.number else f"{batch.year}年第　号"
    return IssueLayout(
        masthead=MASTHEAD, number_line=f"编号：{number}", issuer=f"报送单位：{batch.sender}",
        signer=contact_line(batch), date=chinese_date(batch.sent_on or timezone.localdate()),
        editor_note=batch.note, note_label="说明：", contents_heading="", recipient=f"报送：{batch.body.name}",
        entries=[EntryLayout(e.title, paragraphs(e.body), e.source_label) for e in batch.entries.all()],
        draft_notice="" if batch.is_sent else "草稿 · 未报送",
    )
