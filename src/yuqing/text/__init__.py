"""Small helpers over text that collecting and analysis both need: one spelling per URL
(`urls`), timestamps to UTC (`dates`), normalised platform names, account kinds and IP 属地
(`fields`). Pure Python: no Django, and nothing from `collect` or `analysis`, which both import it.
"""
