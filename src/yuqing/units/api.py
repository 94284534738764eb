from __future__ import annotations

from datetime import date

from django.shortcuts import get_object_or_404
from ninja import Router, Schema

from yuqing.units.access import visible_units
from yuqing.units.models import Officer

router = Router(tags=["units"])


class UnitOut(Schema):
    id: int
    code: str
    name: str
    kind: str
    parent_id: int | None
    head: str
    active: bool


class OfficerOut(Schema):
    id: int
    name: str
    unit_id: int
    post: str
    phone: str
    appointed_on: date | None
    status: str
    full_time: bool


@router.get("", response=list[UnitOut])
def list_units(request):
    return visible_units(request.user)


@router.get("/officers", response=list[OfficerOut])
def list_officers(request):
    return Officer.objects.filter(unit__in=visible_units(request.user))


@router.get("/{unit_id}", response=UnitOut)
def get_unit(request, unit_id: int):
    return get_object_or_404(visible_units(request.user), pk=unit_id)
