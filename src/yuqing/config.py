"""The one settings object: everything yuqing reads from the environment, read in one place.

Nothing here runs at import time beyond defining functions; `load()` reads the environment when
Django's settings module (or the CLI) asks for it.
"""

from __future__ import annotations

import os
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import urlparse

from yuqing.errors import ConfigError

DEFAULT_HOME = "yuqing-data"
NEGATIVE_MEANINGS = ("sentiment_or_risk", "sentiment", "risk")  # see yuqing.documents.negative


@dataclass(frozen=True)
class Config:
    home: Path
    database_url: str
    secret_key: str | None
    debug: bool
    time_zone: str
    allowed_hosts: list[str]
    fetch_allow_networks: list[str] = field(default_factory=list)
    fetch_user_agent: str = "yuqing/0.1 (+https://github.com/yuqing-project/yuqing)"
    fetch_max_bytes: int = 5 * 1024 * 1024
    fetch_min_interval: float = 1.0
    smtp_url: str = ""
    analyze_on_store: bool = True
    base_url: str = "http://127.0.0.1:8000"
    import_dirs: tuple[Path, ...] = ()  # the only folders a file source may read (default: $YUQING_HOME/imports)
    ingest_max_bytes: int = 16 * 1024 * 1024  # POST /api/documents: larger bodies get 413 before they are read
    ingest_max_records: int = 5000  # records per pushed batch
    ingest_max_backlog: int = 100_000  # documents waiting for analysis before pushes get 429
    upload_max_bytes: int = 100 * 1024 * 1024  # a file uploaded on the import page
    max_record_chars: int = 200_000  # title and text of one record; a longer one is quarantined, not stored
    negative_means: str = "sentiment_or_risk"  # what alerts and dashboards count as negative
    # the office's area (docs/monitoring.md): division codes or names, "" to take it from the schemes
    place: str = ""
    event_min_authors: int = 3  # an event is shown when at least this many authors tell it
    map_dir: Path | None = None  # map files the office is licensed to use (default $YUQING_HOME/maps; docs/briefings.md)
    # accounts and HTTPS (docs/deployment.md)
    https: bool = False  # served over HTTPS (by a reverse proxy): cookies are Secure, X-Forwarded-Proto trusted
    proxy_count: int = 0  # reverse proxies in front: the client address is X-Forwarded-For's entry this far from the end
    login_failures: int = 5  # failed logins (or bad API tokens) per account and per address before a lockout
    login_cooloff_minutes: int = 30  # how long a lockout lasts (an administrator can lift it sooner)
    password_min_length: int = 12
    password_history: int = 5  # a new password may not be one of the last N
    lease_seconds: float = 8.0  # a killed worker's tasks and leases are taken over after this long
    switch_interval: float = 0.0005  # seconds a busy thread of a serving process runs before pages get a turn (Python: 0.005)
    retention_days: int = 0  # documents stored longer ago are deleted (0: kept for ever); see documents.retention


def _list(value: str) -> list[str]:
    return [part.strip() for part in value.split(",") if part.strip()]


def load(environ: os._Environ | dict | None = None) -> Config:
    env = os.environ if environ is None else environ
    home = Path(env.get("YUQING_HOME", DEFAULT_HOME)).expanduser().resolve()
    _check_rule_terms(env)
    return Config(
        home=home,
        database_url=env.get("YUQING_DATABASE_URL", f"sqlite:///{home / 'yuqing.sqlite3'}"),
        secret_key=env.get("YUQING_SECRET_KEY") or None,
        debug=env.get("YUQING_DEBUG", "").lower() in {"1", "true", "yes"},
        time_zone=env.get("YUQING_TIME_ZONE", "Asia/Shanghai"),
        allowed_hosts=_list(env.get("YUQING_ALLOWED_HOSTS", "127.0.0.1,localhost")),
        fetch_allow_networks=_list(env.get("YUQING_FETCH_ALLOW_NETWORKS", "")),
        fetch_user_agent=env.get("YUQING_FETCH_USER_AGENT", Config.fetch_user_agent),
        fetch_max_bytes=int(env.get("YUQING_FETCH_MAX_BYTES", Config.fetch_max_bytes)),
        fetch_min_interval=float(env.get("YUQING_FETCH_MIN_INTERVAL", Config.fetch_min_interval)),
        smtp_url=env.get("YUQING_SMTP_URL", ""),
        base_url=env.get("YUQING_BASE_URL", "http://127.0.0.1:8000").rstrip("/"),
        analyze_on_store=env.get("YUQING_ANALYZE_ON_STORE", "1").lower() not in {"0", "false", "no"},
        import_dirs=_import_dirs(env.get("YUQING_IMPORT_DIRS", ""), home),
        ingest_max_bytes=int(env.get("YUQING_INGEST_MAX_BYTES", Config.ingest_max_bytes)),
        ingest_max_records=int(env.get("YUQING_INGEST_MAX_RECORDS", Config.ingest_max_records)),
        ingest_max_backlog=int(env.get("YUQING_INGEST_MAX_BACKLOG", Config.ingest_max_backlog)),
        upload_max_bytes=int(env.get("YUQING_UPLOAD_MAX_BYTES", Config.upload_max_bytes)),
        max_record_chars=int(env.get("YUQING_MAX_RECORD_CHARS", Config.max_record_chars)),
        lease_seconds=float(env.get("YUQING_LEASE_SECONDS", Config.lease_seconds)),
        switch_interval=float(env.get("YUQING_SWITCH_INTERVAL") or Config.switch_interval),
        retention_days=max(0, int(env.get("YUQING_RETENTION_DAYS", Config.retention_days) or 0)),
        negative_means=_negative_means(env.get("YUQING_NEGATIVE_MEANS", Config.negative_means)),
        place=env.get("YUQING_PLACE", "").strip(),
        event_min_authors=max(1, int(env.get("YUQING_EVENT_MIN_AUTHORS", Config.event_min_authors))),
        map_dir=Path(env.get("YUQING_MAP_DIR") or home / "maps").expanduser().resolve(),
        **_account_settings(env),
    )


def _check_rule_terms(env) -> None:
    """Refuse at start a YUQING_MAX_RULE_TERMS the database cannot take. The parser reads the setting
    itself (`yuqing match` runs without settings), so it is checked here, not kept."""
    from yuqing.analysis.query.parser import max_terms

    max_terms(env)


def _negative_means(value: str) -> str:
    value = value.strip().lower()
    if value not in NEGATIVE_MEANINGS:
        raise ConfigError(f"YUQING_NEGATIVE_MEANS={value!r} is not understood; use one of {', '.join(NEGATIVE_MEANINGS)}")
    return value


def _account_settings(env) -> dict:
    return {
        "https": env.get("YUQING_HTTPS", "").lower() in {"1", "true", "yes"},
        "proxy_count": int(env.get("YUQING_PROXY_COUNT", Config.proxy_count)),
        "login_failures": int(env.get("YUQING_LOGIN_FAILURES", Config.login_failures)),
        "login_cooloff_minutes": int(env.get("YUQING_LOGIN_COOLOFF_MINUTES", Config.login_cooloff_minutes)),
        "password_min_length": int(env.get("YUQING_PASSWORD_MIN_LENGTH", Config.password_min_length)),
        "password_history": int(env.get("YUQING_PASSWORD_HISTORY", Config.password_history)),
    }


def _import_dirs(value: str, home: Path) -> tuple[Path, ...]:
    """YUQING_IMPORT_DIRS: folders separated by commas (or the OS path separator)."""
    parts = _list(value.replace(os.pathsep, ","))
    return tuple(Path(part).expanduser().resolve() for part in parts) or (home / "imports",)


SQLITE_OPTIONS = {
    # WAL lets the web server read while the collector writes; IMMEDIATE avoids the deadlock-prone
    # upgrade from a read to a write lock.
    "init_command": "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL; PRAGMA foreign_keys=ON;",
    "transaction_mode": "IMMEDIATE",
    "timeout": 30,
}


def database_settings(url: str) -> dict:
    """Translate YUQING_DATABASE_URL (sqlite:///path or postgresql://...) into Django's DATABASES
    entry, parsed by dj-database-url (which, unlike our former parser, keeps query options such as
    sslmode and reads sqlite:///relative paths as relative); yuqing adds its SQLite pragmas."""
    import dj_database_url

    scheme = urlparse(url).scheme
    if scheme not in {"sqlite", "postgres", "postgresql"}:
        raise ConfigError(
            f"YUQING_DATABASE_URL={url!r} is not understood; use sqlite:///path/to/file.sqlite3 "
            "or postgresql://user:password@host:5432/dbname"
        )
    if scheme == "sqlite":
        name = dj_database_url.parse(url)["NAME"]  # sqlite:///relative.sqlite3, sqlite:////absolute/path
        # Kept open between requests (per server thread), as for PostgreSQL: opening a SQLite connection
        # (its pragmas, Django's functions) cost ~5 ms, as much as a light page (issue 11).
        return {"ENGINE": "django.db.backends.sqlite3", "NAME": name or ":memory:", "CONN_MAX_AGE": 60,
                "OPTIONS": dict(SQLITE_OPTIONS)}
    config = dj_database_url.parse(url, conn_max_age=60)  # query options such as ?sslmode=require are kept
    return {key: config[key] for key in ("ENGINE", "NAME", "USER", "PASSWORD", "HOST", "PORT", "CONN_MAX_AGE", "OPTIONS")
            if key in config}
