"""`{{ text|failure }}`: stored failure text explained (yuqing.failures), for records not yet stored."""

from django import template

from yuqing.failures import explain

register = template.Library()
register.filter("failure", explain)
