#!/usr/bin/env python
"""Screenshots for the docs (docs/images), taken from the real server over the demo workspace.

    scripts/screenshots.py                    # writes docs/images/*.png
    scripts/screenshots.py --out /tmp/shots   # somewhere else
    scripts/screenshots.py --keep             # keep the temporary workspace and say where it is

It loads the fictional demo (`yuqing demo --seed-only`) into a fresh temporary workspace, starts
`yuqing up` on a free port, and, in Debian's headless Chromium (Playwright), logs in as each demo
role: the overview of each role, search results, an incident, a daily briefing after an editor has
rewritten it through its page, and the office's area on the dashboard's map. The PNGs are reduced
to a palette (Pillow) so that the whole set stays small. Nothing here is a test: the browser tests
check the same pages; this only pictures them.

Needs Playwright and Debian's chromium (YUQING_CHROMIUM names another), with chromium-l10n for a
Chinese browser (date fields read 年/月/日, not mm/dd/yyyy). About two minutes on two cores.
"""

from __future__ import annotations

import argparse
import os
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import time
import urllib.parse
import urllib.request
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
CHROMIUM = os.environ.get("YUQING_CHROMIUM", "/usr/bin/chromium")
VIEWPORT = {"width": 1280, "height": 900}
# The demo's duty officers have no password (they exist to stand duty); the script gives one a password.
DUTY_LOGIN, DUTY_PASSWORD = "demo_duty_zhang", "demo-duty-2026-shots"
# file name → (login, password: None for the admin's, from the workspace)
DASHBOARDS = {
    "dashboard-duty-officer": (DUTY_LOGIN, DUTY_PASSWORD),
    "dashboard-editor": ("editor1", "demo-editor-2026"),
    "dashboard-chief-editor": ("chief1", "demo-chief-2026"),
    "dashboard-leader": ("leader1", "demo-leader-2026"),
    "dashboard-officer": ("officer1", "demo-officer-2026"),
    "dashboard-admin": ("admin", None),
}
SEARCH = "化工厂 OR 火情"
OVERVIEW = ("12月5日，监测到涉我市网络信息若干条，主要为永城市一化工厂突发火情（演示）。"
            "官方通报发布后，相关讨论逐步回落。")
ANALYSIS = ("火情处置及时，应急管理部门通报发布后负面情绪明显回落；网民关注点转向化工厂选址、"
            "周边环境监测和事故原因调查。")
RECOMMENDATIONS = "一、请应急管理部门适时发布调查进展；二、请生态环境部门公开周边空气和水质监测数据。"


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--out", type=Path, default=ROOT / "docs" / "images")
    parser.add_argument("--keep", action="store_true", help="keep the temporary workspace")
    args = parser.parse_args()
    home = Path(tempfile.mkdtemp(prefix="yuqing-shots-"))
    env = {**os.environ, "YUQING_HOME": str(home), "PYTHONPATH": _pythonpath()}
    server = None
    try:
        _yuqing(env, "demo", "--seed-only")
        admin_password = (home / "admin-password.txt").read_text().strip()
        _give_duty_officer_a_password(env)
        port = _free_port()
        server = subprocess.Popen([sys.executable, "-c", RUN_CLI, "up", "--port", str(port), "--no-background"],
                                  env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, start_new_session=True)
        url = f"http://127.0.0.1:{port}"
        _wait_for(url, server)
        args.out.mkdir(parents=True, exist_ok=True)
        written = _take(url, args.out, admin_password)
    finally:
        if server is not None:
            os.killpg(server.pid, signal.SIGTERM)
            server.wait(timeout=30)
        if args.keep:
            print(f"workspace kept: {home}")
        else:
            shutil.rmtree(home, ignore_errors=True)
    total = 0
    for path in written:
        _shrink(path)
        total += path.stat().st_size
        print(f"{path.relative_to(ROOT) if path.is_relative_to(ROOT) else path}  {path.stat().st_size // 1024} KB")
    print(f"{len(written)} images, {total / 1024 / 1024:.2f} MB")
    return 0


RUN_CLI = "import sys; from yuqing.cli import main; sys.exit(main(sys.argv[1:]))"


def _pythonpath() -> str:
    """This checkout's sources first, so the pictures show this tree's code."""
    return os.pathsep.join(filter(None, [str(ROOT / "src"), os.environ.get("PYTHONPATH", "")]))


def _yuqing(env: dict, *argv: str) -> None:
    subprocess.run([sys.executable, "-c", RUN_CLI, *argv], env=env, check=True,
                   stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)


SET_PASSWORD = f"""
from yuqing.commands.setup import django_setup
django_setup(None)
from django.contrib.auth import get_user_model
user = get_user_model().objects.get(username={DUTY_LOGIN!r})
user.set_password({DUTY_PASSWORD!r})
user.save()
"""


def _give_duty_officer_a_password(env: dict) -> None:
    subprocess.run([sys.executable, "-c", SET_PASSWORD], env=env, check=True)


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def _wait_for(url: str, server: subprocess.Popen, seconds: float = 120) -> None:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if server.poll() is not None:
            raise SystemExit(f"the server stopped (exit status {server.returncode})")
        try:
            urllib.request.urlopen(f"{url}/login/", timeout=5)
            return
        except OSError:
            time.sleep(0.5)
    raise SystemExit(f"the server did not answer at {url} within {seconds:.0f} s")


def _take(url: str, out: Path, admin_password: str) -> list[Path]:
    from playwright.sync_api import expect, sync_playwright

    written: list[Path] = []
    with sync_playwright() as playwright:
        # A Chinese browser: date fields read 年/月/日 as they do on the office's machines.
        browser = playwright.chromium.launch(executable_path=CHROMIUM, headless=True,
                                             args=["--no-sandbox", "--disable-gpu", "--no-first-run", "--lang=zh-CN"],
                                             env={**os.environ, "LANG": "zh_CN.UTF-8", "LANGUAGE": "zh_CN:zh"})
        context = browser.new_context(locale="zh-CN", viewport=VIEWPORT, timezone_id="Asia/Shanghai")
        page = context.new_page()

        def save(name: str, element=None, full: bool = False) -> None:
            path = out / f"{name}.png"
            if element is not None:
                element.screenshot(path=str(path))
            else:
                page.screenshot(path=str(path), full_page=full)
            written.append(path)

        def login(user: str, password: str) -> None:
            context.clear_cookies()
            page.goto(f"{url}/login/")
            page.fill("input[name=username]", user)
            page.fill("input[name=password]", password)
            page.click("button[type=submit].primary")
            page.wait_for_url(f"{url}/")

        for name, (user, password) in DASHBOARDS.items():
            login(user, password or admin_password)
            page.wait_for_selector("#dashboard[data-ready='1']", timeout=60_000)
            page.wait_for_timeout(800)  # the charts' entry animation
            save(name)
            if user == "admin":
                page.locator("section:has(#dash-map)").scroll_into_view_if_needed()
                page.wait_for_timeout(800)
                save("dashboard-area-map", page.locator("section:has(#dash-map)"))

        login(DUTY_LOGIN, DUTY_PASSWORD)
        page.goto(f"{url}/documents/?q={urllib.parse.quote(SEARCH)}")
        page.wait_for_selector("ol.results > li")
        save("search-results")
        page.goto(f"{url}/incidents/")
        page.click("table a[href*='/incidents/']")
        page.wait_for_selector("h1")
        save("incident")

        login("editor1", "demo-editor-2026")
        page.goto(f"{url}/briefings/")
        page.click("a:has-text('舆情日报')")
        page.click("#edit")
        page.fill("#text-overview", OVERVIEW)
        page.fill("#text-analysis", ANALYSIS)
        page.fill("#text-recommendations", RECOMMENDATIONS)
        page.click("#save")
        expect(page.locator("#s-analysis")).to_contain_text("负面情绪明显回落")
        save("briefing-edited", full=True)
        context.close()
        browser.close()
    return written


def _shrink(path: Path) -> None:
    """A 256-colour palette: screenshots are flat colours and text, so this keeps them sharp and small."""
    from PIL import Image

    with Image.open(path) as image:
        reduced = image.convert("RGB").quantize(colors=256, method=Image.Quantize.MEDIANCUT, dither=Image.Dither.NONE)
    reduced.save(path, optimize=True)


if __name__ == "__main__":
    sys.exit(main())
