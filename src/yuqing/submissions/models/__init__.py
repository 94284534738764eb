"""Submissions (信息报送): items, their versions, review notes, attachments, links, deadlines,
adoptions, points, quotas, leader instructions, information needs and the office's reporting policy."""

from yuqing.submissions.models.adoption import Adoption, Level, PointsEntry, PointsRule, Quota
from yuqing.submissions.models.deadlines import ReportDeadline
from yuqing.submissions.models.instructions import FollowUpTask, Instruction
from yuqing.submissions.models.needs import InformationNeed, NeedAttachment, NeedUnit
from yuqing.submissions.models.policy import ReportingPolicy
from yuqing.submissions.models.submission import (
    Attachment, Category, ReviewNote, Stage, State, Submission, SubmissionLink, SubmissionVersion,
)

__all__ = [
    "Adoption", "Attachment", "Category", "FollowUpTask", "InformationNeed", "Instruction", "Level", "NeedAttachment",
    "NeedUnit", "PointsEntry", "PointsRule",
    "Quota", "ReportDeadline", "ReportingPolicy", "ReviewNote", "Stage", "State", "Submission", "SubmissionLink",
    "SubmissionVersion",
]
