"""Points: configurable rules per level and category, a bonus for a leader's instruction and for an
adopted answer to an information need, deductions for late or missed sudden-incident reports.
Written to the ledger once, when earned."""

from __future__ import annotations

from decimal import Decimal

from yuqing.submissions.models import (
    Adoption, Category, Instruction, Level, PointsEntry, PointsRule, ReportDeadline, ReportingPolicy, Submission,
)

# Built-in defaults, used where the office has not set a rule in the admin site.
DEFAULT_POINTS: dict[str, dict[str, Decimal]] = {
    Level.UNIT: dict.fromkeys(Category.values, Decimal("1")),
    Level.CITY: {Category.MACRO: Decimal("3"), Category.EXPERIENCE: Decimal("3"), Category.ROUTINE: Decimal("2"),
                 Category.SUDDEN: Decimal("3")},
    Level.PROVINCIAL: {Category.MACRO: Decimal("6"), Category.EXPERIENCE: Decimal("6"),
                       Category.ROUTINE: Decimal("5"), Category.SUDDEN: Decimal("6")},
    Level.CENTRAL: {Category.MACRO: Decimal("10"), Category.EXPERIENCE: Decimal("10"),
                    Category.ROUTINE: Decimal("8"), Category.SUDDEN: Decimal("10")},
}


def points_for(level: str, category: str) -> Decimal:
    rule = PointsRule.objects.filter(level=level, category=category).first()
    return rule.points if rule else DEFAULT_POINTS[level][category]


def rule_table() -> list[dict]:
    """Every level × category with the points in force (for the rules page)."""
    saved = {(r.level, r.category): r.points for r in PointsRule.objects.all()}
    return [{"level": level, "label": label,
             "points": [saved.get((level, c), DEFAULT_POINTS[level][c]) for c in Category.values]}
            for level, label in Level.choices]


def _award(key: str, **fields) -> PointsEntry:
    entry, _created = PointsEntry.objects.get_or_create(key=key, defaults=fields)
    return entry


def award_adoption(adoption: Adoption) -> PointsEntry:
    item = adoption.submission
    return _award(f"adopt:{item.pk}:{adoption.level}", kind=PointsEntry.Kind.ADOPTION, unit_id=item.unit_id,
                  person_id=item.author_id, submission=item, at=adoption.adopted_at, note=adoption.get_level_display(),
                  points=points_for(adoption.level, item.category))


def award_instruction(instruction: Instruction) -> PointsEntry:
    """Once per item, however many instructions it draws."""
    item = instruction.submission
    return _award(f"instruction:{item.pk}", kind=PointsEntry.Kind.INSTRUCTION, unit_id=item.unit_id,
                  person_id=item.author_id, submission=item, at=instruction.given_at,
                  points=ReportingPolicy.current().instruction_bonus)


def award_need_answer(item: Submission, at) -> PointsEntry | None:
    """The bonus for answering an information need: when an answer is adopted, once per need and unit."""
    bonus = ReportingPolicy.current().need_bonus
    if not item.need_id or not bonus:
        return None
    return _award(f"need:{item.need_id}:{item.unit_id}", kind=PointsEntry.Kind.NEED, unit_id=item.unit_id,
                  person_id=item.author_id, submission=item, at=at, note=item.need.title[:200], points=bonus)


def deduct_lateness(deadline: ReportDeadline, at) -> PointsEntry:
    policy = ReportingPolicy.current()
    missed = deadline.status == ReportDeadline.Status.MISSED
    penalty = policy.missed_deduction if missed else policy.late_deduction
    kind = PointsEntry.Kind.MISSED if missed else PointsEntry.Kind.LATE
    return _award(f"{kind}:{deadline.pk}", kind=kind, unit_id=deadline.unit_id, person_id=deadline.person_id,
                  submission_id=deadline.root_id, at=at, note=deadline.get_stage_display(), points=-penalty)
