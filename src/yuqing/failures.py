"""What a stored failure means to the person reading it, in their language.

A failure (a source's last error, a collection run's, a channel's or delivery's) is stored as
`<code>: <technical detail>`, where the code is the error's class, with a parameter where the
class alone does not say enough: `HostNotFoundError: could not resolve host news.example: …`,
`HttpStatusError[404]: https://… answered 404 Not Found; check the address`. `stored()` writes
that form; `explain()` turns it, when the page is shown, into a plain reason and what to do, in
the reader's language. The detail stays for whoever has to dig further (pages show it folded).

A code this table does not know is looked up by its class's ancestors (a new subclass of
ConnectionFailedError reads as a failed connection); text stored before codes existed reads as a
general failure, with the text as its detail.
"""

from __future__ import annotations

import re
import smtplib
from dataclasses import dataclass
from functools import cache

from django.utils.translation import gettext_lazy as _

from yuqing import errors
from yuqing.collect import errors as fetch_errors

_STORED = re.compile(r"^([A-Z][A-Za-z0-9]*)(?:\[([^\]]*)\])?: ?(.*)$", re.S)


@dataclass(frozen=True)
class Failure:
    reason: str
    action: str
    detail: str = ""

    def __str__(self) -> str:
        return f"{self.reason} {self.action}".strip()


def code_of(error: BaseException) -> str:
    """The code an error is stored under (see the module's doc)."""
    cause = getattr(error, "cause", None)
    if isinstance(error, fetch_errors.RobotsDisallowedError) and cause is not None:
        return code_of(cause)  # robots.txt could not be read because the site cannot be: say that
    if isinstance(error, fetch_errors.RobotsDisallowedError) and error.unreadable:
        return "RobotsUnreadable"
    status = getattr(error, "status", None)
    name = type(error).__name__
    return f"{name}[{status}]" if isinstance(error, fetch_errors.HttpStatusError) and status else name


def stored(error: BaseException | str, detail: str = "") -> str:
    """`<code>: <detail>` for an exception (its message is the detail) or for a code and detail."""
    if isinstance(error, BaseException):
        return f"{code_of(error)}: {detail or error}"[:4000]
    return f"{error}: {detail}"[:4000]


def explain(text: str) -> Failure | None:
    """The reason and next step for stored failure text; None when there is no failure."""
    if not text:
        return None
    match = _STORED.match(text)
    if match is None:
        return Failure(_GENERAL[0], _GENERAL[1], text)
    code, param, detail = match.groups()
    if code in _DETAIL_IS_THE_REASON and detail:
        return Failure(detail, "", "")
    words = _words(code, param or "")
    if words is None:
        return Failure(_GENERAL[0], _GENERAL[1], text)
    reason, action = words
    return Failure(str(reason) % {"param": param or ""}, str(action), detail)


def _words(code: str, param: str):
    if code == "HttpStatusError" or code == "RateLimitedError":
        return _http_status(code, param)
    for name in _ancestry(code):
        if name in _TABLE:
            return _TABLE[name]
    return None


def _http_status(code: str, param: str):
    status = int(param) if param.isdigit() else 0
    if code == "RateLimitedError" or status == 429:
        return _TABLE["RateLimitedError"]
    if status in (404, 410):
        return _HTTP["gone"]
    if status in (401, 403, 451):
        return _HTTP["refused"]
    return _HTTP["server"] if status >= 500 else _HTTP["other"]


@cache
def _classes() -> dict[str, type]:
    import builtins

    import httpx

    found: dict[str, type] = {}
    for module in (builtins, smtplib, httpx, errors, fetch_errors):
        for value in vars(module).values():
            if isinstance(value, type) and issubclass(value, BaseException):
                found.setdefault(value.__name__, value)
    return found


def _ancestry(code: str) -> list[str]:
    cls = _classes().get(code)
    return [c.__name__ for c in cls.__mro__] if cls else [code]


_GENERAL = (_("It failed for a reason yuqing does not explain yet."),
            _("If it keeps failing, give an administrator the technical detail."))
_CHECK_ADDRESS = _("Check that the address is spelled correctly.")
_RETRIED = _("Nothing to do: it is tried again automatically.")

_HTTP = {
    "gone": (_("The site says the page does not exist (HTTP %(param)s)."),
             _("The address may have changed: open the site in a browser and copy the current address.")),
    "refused": (_("The site refuses access (HTTP %(param)s)."),
                _("The page may need a login or refuse collectors; choose a public page or the site's feed.")),
    "server": (_("The site has a fault of its own (HTTP %(param)s)."), _RETRIED),
    "other": (_("The site answered with an error (HTTP %(param)s)."), _CHECK_ADDRESS),
}

# Codes whose detail is already written for the reader (yuqing's own messages): shown as they are.
_DETAIL_IS_THE_REASON = {"InputError", "ImportPathRefused"}

_TABLE = {
    # fetching (sources, and robots and webhooks of channels)
    "HostNotFoundError": (_("The site's name could not be found (DNS)."),
                          _("Check that the address is spelled correctly and that the server can reach the Internet.")),
    "ConnectionFailedError": (_("The site could not be reached."),
                              _("It may be down or blocked for a while and is tried again automatically; if it keeps "
                                "failing, check the address.")),
    "FetchTimeoutError": (_("The site did not answer in time."), _RETRIED),
    "AddressNotAllowedError": (
        _("The address points into an internal network, which yuqing does not fetch from, to protect the server."),
        _("For an intranet site the office means to reach, an administrator adds its network to "
          "YUQING_FETCH_ALLOW_NETWORKS (see the deployment guide).")),
    "RobotsDisallowedError": (_("The site's robots.txt asks not to be collected at this address."),
                              _("Respect it: remove the source, or use a feed the site offers.")),
    "RobotsUnreadable": (_("The site's robots.txt cannot be read, and nothing is collected there until it can."),
                         _RETRIED),
    "ResponseTooLargeError": (_("The page or file is larger than the size limit."),
                              _("Check that the address is a feed or an article, not a large download; an "
                                "administrator can raise YUQING_FETCH_MAX_BYTES.")),
    "RedirectError": (_("The site sends the request on too many times or in a circle."),
                      _("Open the address in a browser and use the address it ends at.")),
    "UnsupportedUrlError": (_("The address is not a web address."),
                            _("Use an address that starts with http:// or https://.")),
    "RateLimitedError": (_("The site asks to be visited less often."),
                         _("It is tried again later; a longer collection interval avoids this.")),
    "ContentError": (_("The address does not deliver what this kind of source expects (for example a web page "
                       "where a feed should be)."), _("Check the address and the kind of the source.")),
    "FetchError": (_("The site could not be fetched."), _CHECK_ADDRESS),
    # collecting and importing
    "NothingToCollect": (_("This source receives its documents (an upload or the push API); there is nothing to "
                           "collect."), ""),
    "ImportFileUnreadable": (_("The import file could not be read."),
                             _("Check that it is a readable file in an import folder.")),
    "BadImportFile": (_("The file could not be read as JSONL, CSV or Excel."),
                      _("Check the file's format and that its text is UTF-8 or GBK.")),
    "ConfigError": (_("A setting the server needs for this is missing."),
                    _("An administrator sets what the technical detail names.")),
    "InternalError": (_("An error in yuqing stopped this run."),
                      _("It is in the server's log; tell an administrator, who can report it.")),
    # records put in quarantine (yuqing.collect.items.Rejected)
    "NotJson": (_("This is not valid JSON."), _("Correct it in the file and import the file again.")),
    "NotAnObject": (_("This is not a record with fields (a JSON object) but a single value."),
                    _("Correct it in the file and import the file again.")),
    "NoText": (_("The record has neither a title nor a text."),
               _("Fill one in, or choose on the import page which column holds it.")),
    "NoIdOrUrl": (_("The record has neither an id nor a link."),
                  _("Add one, or choose on the import page which column holds it.")),
    "BadTime": (_("Its time cannot be read."),
                _("Write it like 2024-05-01 08:30, 2024-05-01T08:30:00+08:00 or as Unix seconds.")),
    "NotText": (_("A field holds a list or a number where text belongs."), _("Correct the column in the file.")),
    "UnreadableWorkbook": (_("The Excel workbook could not be read."), _("Save it again as .xlsx and import it again.")),
    "DamagedFile": (_("The file is damaged from here on; the rest of it could not be read."),
                    _("Export or copy the file again and import it again.")),
    "RecordTooLarge": (_("The record is too long to store (more title and text than YUQING_MAX_RECORD_CHARS allows)."),
                       _("Check the file: a whole export in one field is the usual cause.")),
    "UnstorableRecord": (_("The record is built in a way that cannot be stored (nested too deeply)."),
                         _("Correct it in the file and import the file again.")),
    "NoArticle": (_("No article text was found on the page (a list page, a video or a login wall?)."),
                  _("Use the address of an article; for a list of articles, add the site as a news site source.")),
    "PageTooLarge": (_("The page is too large to be an article."), ""),
    "UnparsablePage": (_("The page could not be read as a web page."), ""),
    "UnreadableEntry": (_("This entry of the feed could not be read."), ""),
    # channels
    "NotHttpAddress": (_("The channel's address is not a web address."),
                       _("Paste the robot's full webhook address, starting with https://.")),
    "NoEmailAddress": (_("There is no e-mail address to send to."),
                       _("Set one on the channel, or on the user's account.")),
    "ChannelDisabled": (_("The channel was switched off before this message was sent."), ""),
    "RobotAnswerNotJson": (_("The robot's answer was not understood."),
                           _("Check that the address is the robot's webhook address.")),
    "RobotRefused": (_("The robot refused the message (its code %(param)s)."),
                     _("Check the robot's key and security settings (signing secret, keywords, IP allow-list) in "
                       "WeCom, DingTalk or Feishu.")),
    "SMTPAuthenticationError": (_("The mail server refused yuqing's login."),
                                _("An administrator checks the user and password in YUQING_SMTP_URL.")),
    "SMTPRecipientsRefused": (_("The mail server refused the address."), _("Check the e-mail address.")),
    "SMTPException": (_("The mail server refused the message."), _RETRIED),
    "ConnectionRefusedError": (_("The server refused the connection."),
                               _("It may be down; it is tried again automatically. If it keeps failing, an "
                                 "administrator checks the address and port.")),
    "TimeoutError": (_("The server did not answer in time."), _RETRIED),
    "OSError": (_("The server could not be reached."), _RETRIED),
    "HTTPError": (_("The connection failed."), _RETRIED),
}
