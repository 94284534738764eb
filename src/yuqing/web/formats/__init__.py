"""Input formats per language (settings.FORMAT_MODULE_PATH), read by Django before its own.

The first input format is what a form's widget writes into the field. The browser's date and
time pickers (<input type="date">, "datetime-local") take only ISO values (2026-11-30,
2026-11-30T08:00) and show them in the reader's locale themselves; Django's Chinese formats
would write 2026/11/30, which the browser drops, leaving the field empty. Other forms stay
accepted when typed or posted.
"""

DATE_INPUT_FORMATS = ["%Y-%m-%d", "%Y/%m/%d", "%Y年%m月%d日"]
DATETIME_INPUT_FORMATS = ["%Y-%m-%dT%H:%M", "%Y-%m-%d %H:%M:%S", "%Y-%m-%d %H:%M", "%Y/%m/%d %H:%M",
                          "%Y/%m/%d %H:%M:%S", "%Y-%m-%dT%H:%M:%S"]
