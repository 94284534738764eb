"""Saving schemes (versioned, audited), the live preview, and the baseline of a saved scheme."""

from __future__ import annotations

from dataclasses import asdict, dataclass, field
from datetime import timedelta

from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from yuqing.accounts.roles import has_role
from yuqing.actions import action
from yuqing.analysis.query import format, parse
from yuqing.documents.models import Document
from yuqing.errors import InputError, WorkflowError
from yuqing.monitoring.models import AlertRule, Scheme, SchemeGroup, SchemeMatch, SchemeVersion
from yuqing.monitoring.simple import compile_simple
from yuqing.notifications.models import Severity

BACKFILL_WINDOW = timedelta(hours=24)
BACKFILL_LIMIT = 5000
RULE_FIELDS = ("severity", "digest", "escalate_minutes", "sensitivity", "min_count", "bucket_minutes",
               "cooldown_minutes", "warmup_buckets", "min_sites", "places", "min_posts")


@dataclass
class RuleSpec:
    kind: str
    severity: str = Severity.MEDIUM
    digest: str = ""
    escalate_minutes: int = 15
    sensitivity: float = 3.0
    min_count: int = 5
    bucket_minutes: int = 10
    cooldown_minutes: int = 60
    warmup_buckets: int = 6
    min_sites: int = 3
    places: str = ""
    min_posts: int = 3


@dataclass
class SchemeSpec:
    name: str
    mode: str = Scheme.Mode.SIMPLE
    place_words: str = ""
    subject_words: str = ""
    exclude_words: str = ""
    expression: str = ""
    group: str = ""
    active: bool = True
    rules: list[RuleSpec] = field(default_factory=list)

    def compiled(self) -> str:
        """The rule that will run; raises QueryError/InputError with the reason when it cannot."""
        if self.mode == Scheme.Mode.SIMPLE:
            return compile_simple(self.place_words, self.subject_words, self.exclude_words)
        if not self.expression.strip():
            raise InputError(_("Write a rule, or switch to simple mode"))
        return format(parse(self.expression))


WRITERS = ("admin", "analyst")
REFUSAL = gettext_lazy("Monitoring schemes are written by analysts and administrators (and changed by the scheme's owner); "
                "ask an analyst to add or change one.")


def can_edit(user, scheme: Scheme | None) -> bool:
    """Analysts and administrators write schemes; a scheme's owner may keep changing it."""
    if has_role(user, *WRITERS):
        return True
    return scheme is not None and scheme.owner_id is not None and scheme.owner_id == getattr(user, "pk", None)


def _validate_rules(rules: list[RuleSpec]) -> None:
    kinds = [r.kind for r in rules]
    if len(kinds) != len(set(kinds)):
        raise InputError(_("Each kind of alert may appear once per scheme"))
    for rule in rules:
        if rule.kind not in AlertRule.Kind.values or rule.severity not in Severity.values:
            raise InputError(_("Unknown alert kind or severity: %(kind)s / %(severity)s") % {"kind": rule.kind, "severity": rule.severity})
        if rule.digest not in AlertRule.Digest.values:
            raise InputError(_("Unknown digest mode %(digest)s") % {"digest": rule.digest})
        if rule.bucket_minutes < 1 or rule.min_sites < 2 or rule.sensitivity <= 0:
            raise InputError(_("Spike buckets need at least a minute, spread at least two sites, sensitivity above zero"))


def _apply(scheme: Scheme, spec: SchemeSpec, expression: str, now) -> bool:
    """Copy the spec onto the scheme; True when what is matched changed (the baseline restarts)."""
    changed = scheme.pk is None or scheme.expression != expression
    scheme.name = spec.name.strip() or expression[:60]
    scheme.mode, scheme.expression, scheme.active = spec.mode, expression, spec.active
    scheme.place_words, scheme.subject_words, scheme.exclude_words = spec.place_words, spec.subject_words, spec.exclude_words
    scheme.group = SchemeGroup.objects.get_or_create(name=spec.group.strip())[0] if spec.group.strip() else None
    scheme.updated_at = now
    if changed:
        scheme.baseline_since = scheme.updated_at
    return changed


def _save_rules(scheme: Scheme, rules: list[RuleSpec]) -> None:
    """Replace the scheme's rules, keeping rows (and their alerts) of kinds that stay."""
    wanted = {r.kind: r for r in rules}
    scheme.rules.exclude(kind__in=list(wanted)).delete()
    for kind, spec in wanted.items():
        values = {name: getattr(spec, name) for name in RULE_FIELDS}
        AlertRule.objects.update_or_create(scheme=scheme, kind=kind, defaults=values)


@action("scheme.save")
def save_scheme(actor, scheme: Scheme | None, spec: SchemeSpec, *, now=None) -> Scheme:
    """Create or edit a scheme: validated, a new version recorded, the last day's matches backfilled."""
    now = now or timezone.now()
    if not can_edit(actor, scheme):
        raise WorkflowError(REFUSAL)
    if spec.mode not in Scheme.Mode.values:
        raise InputError(_("Unknown mode %(mode)s") % {"mode": spec.mode})
    expression = spec.compiled()
    _validate_rules(spec.rules)
    scheme = scheme or Scheme(owner=actor if getattr(actor, "pk", None) else None, version=0, created_at=now)
    changed = _apply(scheme, spec, expression, now)
    scheme.version += 1
    scheme.save()
    _save_rules(scheme, spec.rules)
    SchemeVersion.objects.create(scheme=scheme, number=scheme.version, snapshot=_snapshot(spec, expression),
                                 author=actor if getattr(actor, "pk", None) else None, created_at=now)
    if changed:
        backfill(scheme, now)
    return scheme


@action("scheme.activate")
def set_active(actor, scheme: Scheme, *, active: bool) -> Scheme:
    if not can_edit(actor, scheme):
        raise WorkflowError(REFUSAL)
    scheme.active, scheme.updated_at = active, timezone.now()
    scheme.save(update_fields=["active", "updated_at"])
    return scheme


def _snapshot(spec: SchemeSpec, expression: str) -> dict:
    data = asdict(spec)
    data["compiled"] = expression
    return data


def backfill(scheme: Scheme, now=None) -> int:
    """Record the last day's stored matches (never alerted), so the spike baseline starts from data."""
    from yuqing.documents.search import SearchFilters, search

    now = now or timezone.now()
    scheme.matches.filter(backfilled=True).delete()
    found = search(scheme.expression, SearchFilters(since=now - BACKFILL_WINDOW, until=now), limit=BACKFILL_LIMIT)
    known = set(scheme.matches.values_list("document_id", flat=True))
    SchemeMatch.objects.bulk_create([
        SchemeMatch(scheme=scheme, document=doc, published_at=doc.published_at, matched_at=now, backfilled=True)
        for doc in found.documents if doc.pk not in known],
        ignore_conflicts=True)  # the matcher may have stored one of them since we looked: it stands
    return found.total


@dataclass
class Preview:
    expression: str = ""
    total: int = 0
    sample: list[Document] = field(default_factory=list)
    error: str = ""
    error_zh: str = ""
    position: int | None = None


def preview(spec: SchemeSpec, limit: int = 10) -> Preview:
    """How many stored documents the scheme would match, and the newest few: before saving."""
    from yuqing.documents.search import search
    from yuqing.errors import QueryError

    try:
        expression = spec.compiled()
        result = search(expression, None, limit=limit)  # place:火星 is refused here, by the place lookup
    except QueryError as error:
        return Preview(error=str(error), error_zh=error.message_zh, position=error.position)
    except InputError as error:
        return Preview(error=str(error), error_zh=str(error))
    return Preview(expression=expression, total=result.total, sample=result.documents)
