"""Working as a team: assignment and queues, notes, saved views, bulk actions, notifications.

Each module holds the rules of one of these; the pages, the API and the feeds call them.
"""
