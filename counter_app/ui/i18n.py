"""Qt translations: source strings are English, Simplified Chinese is the default."""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication, QLibraryInfo, QLocale, QTranslator

from ..paths import resource

LANGUAGES = {"zh_CN": "简体中文", "en": "English"}
# Installed translators, kept referenced for the life of the process: a translator whose
# Python wrapper is collected silently turns the UI back to English.
_INSTALLED: list[QTranslator] = []
DEFAULT_LANGUAGE = "zh_CN"


def install_translator(app: QCoreApplication, language: str = DEFAULT_LANGUAGE) -> QTranslator | None:
    """Switch the UI to ``language``: translators of an earlier language are removed first,
    then ``resources/i18n/counter_<lang>.qm`` is loaded; English needs none (the source)."""
    while _INSTALLED:
        app.removeTranslator(_INSTALLED.pop())
    if language == "en":
        QLocale.setDefault(QLocale(QLocale.Language.English))
        return None
    QLocale.setDefault(QLocale(QLocale.Language.Chinese, QLocale.Country.China))
    # Qt's own strings (OK/Cancel, file dialogs) from the translations PySide6 ships.
    qt_own = QTranslator(app)
    if qt_own.load(f"qtbase_{language}", QLibraryInfo.path(QLibraryInfo.LibraryPath.TranslationsPath)):
        app.installTranslator(qt_own)
        _INSTALLED.append(qt_own)
    translator = QTranslator(app)
    if translator.load(str(resource("i18n", f"counter_{language}.qm"))):
        app.installTranslator(translator)
        _INSTALLED.append(translator)
        return translator
    return None
