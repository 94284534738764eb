"""The office's user accounts, kept in yuqing's own pages: create one with its name, roles, unit and
officer file in one step, change them, reset a password, deactivate someone who left.

Each is an action (one transaction, one audit row; the audit never holds a password). Only an
administrator manages accounts (matrix permission "user.manage"); a superuser's account is changed
only by a superuser, and nobody deactivates their own.
"""

from __future__ import annotations

from django.contrib.auth import get_user_model, password_validation
from django.contrib.auth.models import Group
from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _

from yuqing.accounts.models import ApiToken
from yuqing.accounts.roles import ROLES
from yuqing.actions import action
from yuqing.errors import InputError, WorkflowError
from yuqing.units.actions import create_officer, update_officer
from yuqing.units.models import Membership, Officer, Unit


def check_password(password: str, user) -> None:
    """The office's password policy (settings.AUTH_PASSWORD_VALIDATORS) for this user, as an InputError."""
    try:
        password_validation.validate_password(password, user)
    except ValidationError as error:
        raise InputError(" ".join(error.messages)) from error


def _check_roles(roles) -> list[str]:
    unknown = sorted(set(roles) - set(ROLES))
    if unknown:
        raise InputError(_("Unknown roles: %(roles)s") % {"roles": ", ".join(unknown)})
    return sorted(set(roles))


def _check_may_change(actor, user) -> None:
    if user.is_superuser and not getattr(actor, "is_superuser", False):
        raise WorkflowError(_("Only a superuser may change a superuser's account"))


@action("account.create")
def create_account(actor, *, username: str, name: str, password: str, email: str = "", roles=(),
                   unit: Unit | None = None, officer_file: bool = False, post: str = "", phone: str = ""):
    """A new login with its display name, roles and unit; with `officer_file`, the officer's file too."""
    User = get_user_model()
    username, name = username.strip(), name.strip()
    if not username or not name:
        raise InputError(_("An account needs a login name and the person's name"))
    try:
        User.username_validator(username)
    except ValidationError as error:
        raise InputError(" ".join(error.messages)) from error
    if User.objects.filter(username__iexact=username).exists():
        raise InputError(_("The login name %(name)s is taken") % {"name": username})
    if officer_file and unit is None:
        raise InputError(_("An officer's file needs a unit"))
    roles = _check_roles(roles)
    check_password(password, User(username=username, first_name=name, email=email))
    user = User.objects.create_user(username, email, password, first_name=name)
    user.groups.set(Group.objects.filter(name__in=roles))
    if officer_file:
        create_officer(actor, name=name, unit=unit, user=user, post=post, phone=phone, email=email)
    elif unit is not None:
        Membership.objects.create(user=user, unit=unit)
    return user


@action("account.update")
def update_account(actor, user, *, name: str, email: str = "", roles=(), unit: Unit | None = None):
    """Change the person's name, e-mail, roles and unit (an officer's file follows the name and unit)."""
    _check_may_change(actor, user)
    name = name.strip()
    if not name:
        raise InputError(_("An account needs the person's name"))
    user.first_name, user.last_name, user.email = name, "", email
    user.save(update_fields=["first_name", "last_name", "email"])
    user.groups.set(Group.objects.filter(name__in=_check_roles(roles)))
    officer = Officer.objects.filter(user=user).first()
    if officer is not None:
        if unit is None:
            raise InputError(_("An officer's file needs a unit"))
        update_officer(actor, officer, name=name, unit=unit)
    elif unit is None:
        Membership.objects.filter(user=user).delete()
    else:
        Membership.objects.update_or_create(user=user, defaults={"unit": unit})
    return user


@action("account.password_reset")
def reset_password(actor, user, *, password: str):
    """Set a new password for someone who forgot theirs (the policy applies, their history included)."""
    _check_may_change(actor, user)
    check_password(password, user)
    user.set_password(password)
    user.save(update_fields=["password"])
    return user


@action("account.deactivate")
def deactivate_account(actor, user, *, reason: str = ""):
    """Someone left: they can no longer log in or use an API token; their file says they left.
    Their work, names and history stay."""
    _check_may_change(actor, user)
    if user.pk == getattr(actor, "pk", None):
        raise WorkflowError(_("You cannot deactivate your own account; ask another administrator"))
    user.is_active = False
    user.save(update_fields=["is_active"])
    ApiToken.objects.filter(user=user).delete()
    officer = Officer.objects.filter(user=user).first()
    if officer is not None and officer.status != Officer.Status.LEFT:
        update_officer(actor, officer, status=Officer.Status.LEFT)
    return user


@action("account.activate")
def activate_account(actor, user):
    """Take back an account deactivated by mistake or for someone who returns (the file says active again)."""
    _check_may_change(actor, user)
    user.is_active = True
    user.save(update_fields=["is_active"])
    officer = Officer.objects.filter(user=user).first()
    if officer is not None and officer.status == Officer.Status.LEFT:
        update_officer(actor, officer, status=Officer.Status.ACTIVE)
    return user
