"""Monthly quotas per unit and per person (items to submit, items to have adopted) and progress.

Progress counts the items first submitted in the month and the items adopted in the month.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass

from django.db.models import QuerySet
from django.utils.translation import gettext as _

from yuqing.accounts.roles import has_role
from yuqing.actions import action
from yuqing.errors import InputError, WorkflowError
from yuqing.submissions.models import Quota, State, Submission
from yuqing.submissions.periods import parse_period
from yuqing.units.models import Unit


@dataclass
class QuotaRow:
    unit: Unit
    person_id: int | None
    name: str
    submit_target: int
    submitted: int
    adopt_target: int
    adopted: int

    @staticmethod
    def _percent(done: int, target: int) -> int:
        return min(100, round(100 * done / target)) if target else 0

    @property
    def submit_percent(self) -> int:
        return self._percent(self.submitted, self.submit_target)

    @property
    def adopt_percent(self) -> int:
        return self._percent(self.adopted, self.adopt_target)

    @property
    def met(self) -> bool:
        return self.submitted >= self.submit_target and self.adopted >= self.adopt_target


def _month_counts(year: int, month: int, units: QuerySet[Unit]) -> tuple[Counter, Counter]:
    period = parse_period(f"{year}-{month:02d}")
    items = Submission.objects.filter(unit__in=units)
    submitted = items.filter(first_submitted_at__gte=period.start, first_submitted_at__lt=period.end)
    adopted = items.filter(state=State.ADOPTED, adopted_at__gte=period.start, adopted_at__lt=period.end)
    counts = []
    for qs in (submitted, adopted):
        counter = Counter()
        for unit_id, author_id in qs.values_list("unit_id", "author_id"):
            counter[(unit_id, None)] += 1
            counter[(unit_id, author_id)] += 1
        counts.append(counter)
    return counts[0], counts[1]


def month_progress(year: int, month: int, units: QuerySet[Unit]) -> list[QuotaRow]:
    """One row per unit in `units` (its quota, or none), then one per person with a quota."""
    from yuqing.submissions.rankings import person_names

    submitted, adopted = _month_counts(year, month, units)
    quotas = {(q.unit_id, q.person_id): q for q in Quota.objects.filter(year=year, month=month, unit__in=units)}
    names = person_names({p for _u, p in quotas if p})
    rows = []
    for unit in units.filter(active=True):
        for key in [(unit.pk, None)] + sorted(k for k in quotas if k[0] == unit.pk and k[1]):
            quota = quotas.get(key)
            name = unit.name if key[1] is None else names.get(key[1], ("?", ""))[0]
            rows.append(QuotaRow(unit, key[1], name, quota.submit_target if quota else 0, submitted[key],
                                 quota.adopt_target if quota else 0, adopted[key]))
    return rows


@action("quota.set")
def set_quota(actor, *, year: int, month: int, unit: Unit, person=None, submit_target: int, adopt_target: int) -> Quota:
    if not has_role(actor, "editor", "chief_editor", "admin"):
        raise WorkflowError(_("Only editors set quotas"))
    if not 1 <= month <= 12 or submit_target < 0 or adopt_target < 0:
        raise InputError(_("A quota needs a month from 1 to 12 and targets of zero or more"))
    quota, _created = Quota.objects.update_or_create(year=year, month=month, unit=unit, person=person, defaults={
        "submit_target": submit_target, "adopt_target": adopt_target})
    return quota
