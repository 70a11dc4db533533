"""The hall's queue (叫号): tickets, calls, the waiting figures, the ticket printout."""
