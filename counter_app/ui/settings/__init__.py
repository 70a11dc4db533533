"""The settings screen of this counter PC: the page with its server and this-PC boxes, and for
supervisors the sync-conflicts and reconciliation tabs. ``counter_app.ui.settings_page``
re-exports the page for the page registry."""
