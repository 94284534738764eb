"""Monitoring: schemes (监测方案) matched against every new document, alerts, and the duty roster.

New documents arrive through the event `documents.analyzed`; all active schemes are compiled
into one RuleSet and matched in one pass (matching.py); each scheme's alert rules decide what
is worth telling (rules.py); alerts go to whoever is on duty and escalate when nobody
acknowledges them (duty.py, escalation.py).
"""
