"""Language detection behind a ``LanguageDetector`` Protocol: by default the
caller supplies the label; with the ``language`` extra, py3langid restricted
to the page's languages."""

import builtins
from typing import Any

import pytest

from carekit.errors import InvalidValue
from carekit.routing import CallerSupplied, LangidDetector, detect_language

PAGE = LangidDetector(("en-US", "es-MX", "de"))


def test_by_default_the_caller_supplies_the_label() -> None:
    assert None is CallerSupplied().detect("Hola, mi tarjeta no funciona")
    assert "es-MX" == detect_language("whatever", "es-MX")
    assert None is detect_language("Hola, mi tarjeta no funciona", None)


def test_the_extra_answers_one_of_the_pages_languages() -> None:
    assert "es-MX" == PAGE.detect("Hola, mi tarjeta no funciona, ¿me ayudan?")
    assert "de" == PAGE.detect("Hallo, meine Karte funktioniert nicht mehr")
    assert "en-US" == PAGE.detect("Hello, my card does not work anymore")
    assert "es-MX" == detect_language("Hola, necesito ayuda con mi pedido", None, PAGE)


def test_unsure_answers_none() -> None:
    assert None is LangidDetector(("en", "es"), min_confidence=0.99).detect("ok")


def test_without_the_extra_detection_fails_with_an_import_error(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """The import is lazy: carekit loads without py3langid, and only asking
    the detector needs it."""
    from carekit.routing import detection

    detection._identifier.cache_clear()
    real_import = builtins.__import__

    def no_langid(name: str, *args: Any, **kwargs: Any) -> Any:
        if name.startswith("py3langid"):
            raise ImportError(name)
        return real_import(name, *args, **kwargs)

    monkeypatch.setattr(builtins, "__import__", no_langid)
    with pytest.raises(ImportError):
        LangidDetector(("fr", "it")).detect("Bonjour")
    assert None is CallerSupplied().detect("Bonjour")


def test_bad_settings_name_the_field() -> None:
    with pytest.raises(InvalidValue) as info:
        LangidDetector(())
    assert "languages" == info.value.field
    with pytest.raises(InvalidValue) as info:
        LangidDetector(("en",), min_confidence=2.0)
    assert "min_confidence" == info.value.field
