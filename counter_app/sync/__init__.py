"""What the hall service and the PCs share of synchronisation. Qt-free.

Change capture by triggers (capture.py), which tables sync and their canonical rows
(tables.py), the journal a PC pulls (pull.py, bulk.py), reaching and creating the shared
database (connection.py, server.py), what a round reports (report.py) and its errors. Who
decides what: RULES.md. The old row-sync engine, for halls not yet moved to the hall
service, is ``counter_app/legacy_sync``.
"""
