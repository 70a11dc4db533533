"""The service-item catalog (事项目录): its data, its checks and its file formats.

The parts live in small modules (spec, labels, checker, build, from_dict, to_dict, xlsx,
files); ``counter_app.services.catalog.exchange`` is the public face that the rest of the app
imports, and its docstring states the rules the checker enforces.
"""
