"""Pagination for results whose total is already known (search counts once, pages by offset)."""

from __future__ import annotations

import math
from dataclasses import dataclass
from typing import Any

from django.http import HttpRequest


def page_number(request: HttpRequest) -> int:
    try:
        return max(1, int(request.GET.get("page", 1)))
    except ValueError:
        return 1


@dataclass
class _Paginator:
    num_pages: int


class SearchPage:
    """Quacks like django.core.paginator.Page for the templates."""

    def __init__(self, items: list[Any], number: int, size: int, total: int) -> None:
        self.object_list = items
        self.number = number
        self.paginator = _Paginator(max(1, math.ceil(total / size)))

    def __iter__(self):
        return iter(self.object_list)

    def __len__(self) -> int:
        return len(self.object_list)

    def has_previous(self) -> bool:
        return self.number > 1

    def has_next(self) -> bool:
        return self.number < self.paginator.num_pages

    def has_other_pages(self) -> bool:
        return self.has_previous() or self.has_next()

    def previous_page_number(self) -> int:
        return self.number - 1

    def next_page_number(self) -> int:
        return self.number + 1
