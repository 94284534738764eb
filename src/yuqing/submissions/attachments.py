"""Attachments: allowed types and size from the policy; the first bytes must match the type,
so a renamed executable does not pass as a picture. Files live under MEDIA_ROOT/submissions/."""

from __future__ import annotations

from pathlib import PurePath

from django.core.files.uploadedfile import UploadedFile
from django.utils.translation import gettext as _

from yuqing.actions import action
from yuqing.errors import InputError
from yuqing.submissions.models import Attachment, ReportingPolicy, Submission
from yuqing.submissions.workflow import EDITABLE, require_member, require_state

OLE = b"\xd0\xcf\x11\xe0"  # old Office / WPS compound files
ZIP = b"PK\x03\x04"  # docx, xlsx
SIGNATURES: dict[str, tuple[bytes, ...]] = {
    "pdf": (b"%PDF",), "png": (b"\x89PNG",), "jpg": (b"\xff\xd8\xff",), "jpeg": (b"\xff\xd8\xff",),
    "gif": (b"GIF87a", b"GIF89a"), "doc": (OLE,), "xls": (OLE,), "wps": (OLE,), "docx": (ZIP,), "xlsx": (ZIP,),
}
CONTENT_TYPES = {
    "pdf": "application/pdf", "png": "image/png", "jpg": "image/jpeg", "jpeg": "image/jpeg", "gif": "image/gif",
    "doc": "application/msword", "xls": "application/vnd.ms-excel", "wps": "application/vnd.ms-works",
    "docx": "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
    "xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    "txt": "text/plain", "mp4": "video/mp4",
}


def check_upload(name: str, head: bytes, size: int, policy: ReportingPolicy) -> str:
    """The file's type (its extension) if it may be attached; InputError saying why not otherwise."""
    kind = PurePath(name).suffix.lower().lstrip(".")
    if kind not in policy.allowed_types:
        raise InputError(_("%(name)s: files of type .%(kind)s are not accepted; allowed: %(allowed)s") % {
            "name": name, "kind": kind or "?", "allowed": ", ".join(sorted(policy.allowed_types))})
    if size > policy.attachment_max_mb * 1024 * 1024:
        raise InputError(_("%(name)s is larger than %(mb)d MB") % {"name": name, "mb": policy.attachment_max_mb})
    if size == 0:
        raise InputError(_("%(name)s is empty") % {"name": name})
    if not _content_matches(kind, head):
        raise InputError(_("%(name)s does not look like a .%(kind)s file") % {"name": name, "kind": kind})
    return kind


def _content_matches(kind: str, head: bytes) -> bool:
    if kind == "mp4":
        return head[4:8] == b"ftyp"
    if kind == "txt":
        return b"\x00" not in head
    return any(head.startswith(sig) for sig in SIGNATURES.get(kind, (b"",)))


def checked_fields(upload: UploadedFile, actor) -> dict:
    """The fields of a StoredFile for an upload that passes `check_upload` (InputError otherwise)."""
    head = upload.read(16)
    upload.seek(0)
    kind = check_upload(upload.name, head, upload.size, ReportingPolicy.current())
    return {"file": upload, "original_name": PurePath(upload.name).name[:255], "size": upload.size,
            "content_type": CONTENT_TYPES.get(kind, "application/octet-stream"), "uploaded_by": actor}


@action("submission.attach")
def add_attachment(actor, item: Submission, *, upload: UploadedFile) -> Attachment:
    require_member(actor, item)
    require_state(item, EDITABLE, _("attach files"))
    return Attachment.objects.create(submission=item, **checked_fields(upload, actor))


@action("submission.detach")
def remove_attachment(actor, attachment: Attachment) -> None:
    item = attachment.submission
    require_member(actor, item)
    require_state(item, EDITABLE, _("remove files"))
    attachment.file.delete(save=False)
    attachment.delete()
