"""`{{ doc.site|site_name }}`: the site's name (人民网) where known, else its host."""

from django import template

from yuqing.sources.site_names import site_name as name_of

register = template.Library()


@register.filter
def site_name(host: str) -> str:
    return name_of(host or "")
