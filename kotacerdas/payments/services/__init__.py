"""Writes. Each public function is one transaction with one audit record; gateway calls
happen outside every transaction and row lock; announcements go out after commit.

Lock order (see ``locks.py``): a Charge row, then nothing else in payments. Owner apps
hear about changes after our commit, so their locks are never taken inside ours."""
