"""A PC's side of the hall service: enrollment, sending operations, pulling the hall's rows
and replacing this PC's optimistic results with the service's (``engine.HallSync``).
Qt-free. The PC holds a terminal credential and the hall's CA, never database credentials.
"""
