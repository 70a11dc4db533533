"""The queue's screens: the guide's ticket desk, the window's keys, the hall display."""
