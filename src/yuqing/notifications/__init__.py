"""Notifications: the in-app inbox, and deliveries to e-mail, webhooks and group robots.

Other apps call one function, `yuqing.notifications.service.notify(...)`. It writes inbox items
and queues one delivery per channel; the sender sends after commit and the worker retries.
"""
