"""Receiving an application at the counter: the checklist, the rules on who may accept,
validation, numbering, drafts, the ledger import."""
