"""What makes two copies of a thing the same thing, on any PC: below services and sync.

``stable.py``: ids derived from a natural key, so reference rows made alike on two PCs meet
as one row. ``canon.py``: one canonical form of a value, used by the audit seal (services)
and by sync and the hall service to compare rows. Neither imports anything of the app but
``models``, so services and sync can both use them without importing each other.
"""
