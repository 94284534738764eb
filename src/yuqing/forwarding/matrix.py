"""Role rules of forwarding to higher levels (format: yuqing.accounts.matrix).

A batch carries items of many units: office-wide roles read batches, editors compose and send them.
"""

from yuqing.accounts.matrix import Page, Permission, obj

PERMISSIONS = {
    "forward.read": Permission(("editor", "chief_editor", "leader", "admin"), "read forwarding batches, export them"),
    "forward.send": Permission(("editor", "chief_editor", "admin"), "compose and send batches, record the higher level's outcome"),
}
BATCH = {"pk": obj("batch")}
VERBS = {"update": "change the covering note", "add": "add an adopted item", "edit": "edit an entry",
         "remove": "remove an entry", "up": "move an entry up", "down": "move an entry down", "send": "mark the batch sent",
         "outcome": "record what the higher level did with an entry"}
RULES = [
    Page("forwarding:list", "GET", "forward.read", "the batches"),
    Page("forwarding:list", "POST", "forward.send", "start a batch", ok=404, note="names a higher body (404 without)"),
    Page("forwarding:detail", "GET", "forward.read", "one batch", args=BATCH),
    *[Page("forwarding:act", "POST", "forward.send", what, args={**BATCH, "verb": verb}) for verb, what in VERBS.items()],
    *[Page("forwarding:export", "GET", "forward.read", f"the batch as {kind}", args={**BATCH, "kind": kind})
      for kind in ("docx", "pdf")],
    Page("forwarding:evidence", "GET", "forward.read", "an entry's scanned evidence", ok=404,
         args={**BATCH, "entry_id": obj("batch_entry")}, note="the sample entry has no scan: 404 to every reader"),
]
