"""This process's name in task claims, leases and worker beats: host, pid and a random tail."""

from __future__ import annotations

import os
import secrets
import socket

_identity: str | None = None
_pid: int | None = None


def identity() -> str:
    global _identity, _pid
    if _identity is None or _pid != os.getpid():  # a forked child is another process
        _pid = os.getpid()
        _identity = f"{socket.gethostname()[:60]}:{_pid}:{secrets.token_hex(3)}"
    return _identity
