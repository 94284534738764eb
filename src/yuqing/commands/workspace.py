"""init, up, demo, createtoken: the workspace and the running server."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from yuqing.commands.setup import django_setup, migrate

ADMIN_USER = "admin"
PASSWORD_FILE = "admin-password.txt"


def add_arguments(name: str, parser: argparse.ArgumentParser) -> None:
    if name in {"up", "demo"}:
        parser.add_argument("--host", default="127.0.0.1")
        parser.add_argument("--port", type=int, default=8000)
        parser.add_argument("--no-background", action="store_true", help="serve pages only: no scheduled collection or analysis")
    if name == "demo":
        parser.add_argument("--seed-only", action="store_true", help="load the demo data and exit without starting the server")
    if name == "createtoken":
        parser.add_argument("username")
        parser.add_argument("--name", default="cli")
        parser.add_argument("--scope", choices=["full", "ingest"], default="full",
                            help="ingest: the token may only push documents (POST /api/documents)")


def run(args: argparse.Namespace) -> int:
    home = django_setup(args.home, create=args.command in {"init", "up", "demo"})
    if args.command == "createtoken":
        return create_token(args.username, args.name, "" if args.scope == "full" else args.scope)
    password = init_workspace(home)
    if args.command == "demo":
        from yuqing.demo import seed_all

        seed_all(progress=lambda line: print(line, file=sys.stderr))
        if args.seed_only:
            print_login(home, password)
            return 0
    if args.command == "init":
        print_login(home, password)
        return 0
    from yuqing.runtime import serve

    url = f"http://{args.host}:{args.port}/"
    print_login(home, password, url)
    return serve(args.host, args.port, background=not args.no_background, ready_message=login_text(home, password, url))


def init_workspace(home: Path) -> str:
    """Migrate and make sure an admin account exists. Returns the initial admin password."""
    migrate()
    from django.contrib.auth import get_user_model

    from yuqing.accounts.passwords import generate as generate_password

    User = get_user_model()
    password_file = home / PASSWORD_FILE
    if not User.objects.filter(username=ADMIN_USER).exists():
        password = generate_password()
        User.objects.create_superuser(ADMIN_USER, "", password)
        password_file.write_text(password + "\n")
        password_file.chmod(0o600)
        return password
    return password_file.read_text().strip() if password_file.exists() else ""


def login_text(home: Path, password: str, url: str = "http://127.0.0.1:8000/") -> str:
    shown = password or "(changed since setup; set a new one with: python -m django changepassword admin)"
    lines = [f"yuqing workspace: {home}", f"登录 / login: {url}  用户名 user: {ADMIN_USER}  密码 password: {shown}"]
    if password:
        lines.append(f"(the initial password is also kept in {home / PASSWORD_FILE})")
    return "\n".join(lines)


def print_login(home: Path, password: str, url: str = "http://127.0.0.1:8000/") -> None:
    print(login_text(home, password, url), flush=True)


def create_token(username: str, name: str, scope: str = "") -> int:
    from django.contrib.auth import get_user_model

    from yuqing.accounts.models import ApiToken
    from yuqing.errors import InputError

    user = get_user_model().objects.filter(username=username).first()
    if user is None:
        raise InputError(f"no user named {username!r}; create it in the admin site first")
    _, raw = ApiToken.issue(user, name, scope)
    print(raw)
    return 0
