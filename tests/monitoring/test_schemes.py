"""Schemes: simple mode, versions, audit, preview, backfill, recompilation; the duty roster's shape."""

from __future__ import annotations

from datetime import date, timedelta

import pytest

from tests.monitoring.helpers import BASE, at, posts, scheme
from yuqing.accounts.models import AuditEntry
from yuqing.errors import InputError, QueryError, WorkflowError
from yuqing.monitoring import duty
from yuqing.monitoring.models import SchemeMatch
from yuqing.monitoring.percolate import process
from yuqing.monitoring.schemes import SchemeSpec, preview, save_scheme
from yuqing.monitoring.simple import compile_simple, words


def test_simple_mode_or_within_and_across():
    assert compile_simple("永城 商丘", "火灾，爆炸、起火", "演习\n广告") == \
        '(永城 OR 商丘) AND (火灾 OR 爆炸 OR 起火) AND NOT (演习 OR 广告)'


def test_simple_mode_words_are_literal():
    # an operator typed in a box is a word, not an operator
    assert compile_simple("", 'OR "c++"', "") == 'or OR "c++"'
    assert words(' 永城, 永城 ; “商丘” ') == ["永城", "商丘"]


def test_simple_mode_needs_a_word():
    with pytest.raises(InputError):
        compile_simple("", "", "广告")


pytestmark_db = pytest.mark.django_db


@pytestmark_db
def test_versions_and_audit(admin_user):
    s = scheme(admin_user, "", place_words="永城", subject_words="起火")
    assert (s.mode, s.expression, s.version) == ("simple", "永城 AND 起火", 1)
    again = save_scheme(admin_user, s, SchemeSpec(name="永城火情", place_words="永城", subject_words="起火 爆炸"), now=at(60))
    assert again.version == 2 and again.expression == "永城 AND (起火 OR 爆炸)" and again.baseline_since == at(60)
    assert [v.snapshot["compiled"] for v in again.versions.all()] == ["永城 AND (起火 OR 爆炸)", "永城 AND 起火"]
    assert AuditEntry.objects.filter(action="scheme.save", target_id=str(s.pk)).count() == 2
    renamed = save_scheme(admin_user, s, SchemeSpec(name="改名", place_words="永城", subject_words="起火 爆炸"), now=at(90))
    assert renamed.baseline_since == at(60)  # same rule: the baseline continues


@pytestmark_db
def test_bad_rule_is_refused_with_its_position(admin_user):
    with pytest.raises(QueryError) as caught:
        save_scheme(admin_user, None, SchemeSpec(name="坏", mode="advanced", expression="永城 AND (起火"))
    assert caught.value.position >= 0 and caught.value.message_zh


@pytestmark_db
def test_only_owner_or_analyst_may_edit(admin_user, django_user_model):
    s = scheme(admin_user, "永城")
    stranger = django_user_model.objects.create_user("stranger")
    with pytest.raises(WorkflowError):
        save_scheme(stranger, s, SchemeSpec(name="x", mode="advanced", expression="商丘"))


@pytestmark_db
def test_preview_counts_stored_documents_before_saving():
    posts({"text": "永城化工厂起火"}, {"text": "永城城际公交开通"}, {"text": "商丘暴雨"})
    result = preview(SchemeSpec(name="", place_words="永城 商丘", subject_words="起火 暴雨"))
    assert result.total == 2 and {d.text for d in result.sample} == {"永城化工厂起火", "商丘暴雨"}
    broken = preview(SchemeSpec(name="", mode="advanced", expression="(永城"))
    assert broken.error and broken.position is not None and broken.total == 0


@pytestmark_db
def test_saving_backfills_the_last_day_without_alerting(admin_user):
    docs = posts({"text": "永城起火", "minutes": -60}, {"text": "永城起火旧闻", "minutes": -3 * 24 * 60})
    s = scheme(admin_user, "永城 AND 起火", now=BASE)
    assert list(SchemeMatch.objects.filter(scheme=s).values_list("document_id", "backfilled")) == [(docs[0].pk, True)]
    assert process(docs[:1], now=at(1)) == []  # already recorded: no alert for history


@pytestmark_db
def test_edit_takes_effect_on_the_next_batch(admin_user, people, roster):
    s = scheme(admin_user, "永城 AND 起火")
    assert len(process(posts({"text": "永城起火"}), now=at(1))) == 1
    save_scheme(admin_user, s, SchemeSpec(name="x", mode="advanced", expression="商丘 AND 暴雨", rules=[]), now=at(2))
    assert process(posts({"text": "永城又起火"}), now=at(3)) == []


@pytestmark_db
def test_roster_gaps_and_rotation(admin_user, people):
    day = date(2026, 11, 2)
    start, end = duty.day_bounds(day)
    assert [(g.starts_at, g.ends_at) for g in duty.gaps(start, end)] == [(start, end)]
    shifts = duty.plan_rotation(admin_user, officers=[people["officer"], people["next"]], first_day=day, days=3,
                                start_hour=0, hours=12, leader=people["leader"])
    assert len(shifts) == 6 and [s.officer.username for s in shifts[:3]] == ["officer", "next", "officer"]
    assert duty.gaps(start, start + timedelta(days=3)) == []
    assert duty.shift_at(start + timedelta(hours=13)).officer == people["next"]
    with pytest.raises(WorkflowError):
        duty.create_shift(people["outsider"], starts_at=end, ends_at=end + timedelta(hours=8), officer=people["outsider"])
    with pytest.raises(InputError):
        duty.create_shift(admin_user, starts_at=end, ends_at=end, officer=people["officer"])


@pytestmark_db
def test_handover_notes(admin_user, people, roster):
    note = duty.add_handover_note(people["officer"], roster, text="永城火情已处置，关注后续。")
    assert note.shift == roster and AuditEntry.objects.filter(action="duty.handover").exists()
    with pytest.raises(WorkflowError):
        duty.add_handover_note(people["outsider"], roster, text="x")
