"""The hall service (``counter-server``): the one process that holds the hall database.

Counters and approver PCs enroll with it, send it operations (what people did) and pull
the hall's rows from it; it replays every operation through the same services, with the
staff member's rights and custody as the hall knows them. No terminal holds database
credentials. See ``docs/HALL-SERVICE.md``.
"""
