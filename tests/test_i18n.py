"""The public register in the six UN languages: language from the browser or
the switcher, right-to-left Arabic, and catalogues that are complete and
compiled."""

import ast
import gettext
import re
from pathlib import Path

import pytest
from django.test import Client
from django.utils import translation

import reprisals

LOCALE = Path(reprisals.__file__).parent / "locale"
CATALOGUES = {"fr": "fr", "es": "es", "ru": "ru", "zh-hans": "zh_Hans", "ar": "ar"}
COMPLETE = {"fr", "es"}  # the others: at least the public register's own strings
CSRF_INPUT = re.compile(r'name="csrfmiddlewaretoken" value="([^"]+)"')


@pytest.fixture(autouse=True)
def back_to_the_default_language():
    """LocaleMiddleware leaves the last request's language active in this
    thread; later tests expect English messages."""
    yield
    translation.deactivate()


def get(client, path, language):
    response = client.get(path, headers={"accept-language": language})
    assert response.status_code == 200
    return response.content.decode()


def test_it_lays_out_arabic_right_to_left(client, demo):
    html = get(client, "/cases/2016-CHN-001/", "ar")
    assert '<html lang="ar" dir="rtl">' in html
    assert "سجل الأعمال الانتقامية" in html  # "Reprisals Register"
    assert "الأعمال الانتقامية</h2>" in html  # "Acts of reprisal"
    assert "<td>الاحتجاز التعسفي</td>" in html  # the act type, from the vocabulary
    assert "<dd>معلّقة</dd>" in html  # the status, "Outstanding"


@pytest.mark.parametrize(
    "accept, lang, search_cases, act",
    [
        ("fr-CH,fr;q=0.9,en;q=0.5", "fr", "Rechercher des cas", "Détention arbitraire"),
        ("es-419,es;q=0.9", "es", "Buscar casos", "Detención arbitraria"),
        ("zh-CN,zh;q=0.9", "zh-hans", "搜索案件", "任意拘留"),
        ("ru-RU,ru;q=0.9", "ru", "Поиск дел", "Произвольное задержание"),
        ("en-GB,en;q=0.9", "en", "Search cases", "Arbitrary detention"),
    ],
)
def test_it_speaks_the_browsers_language(client, demo, accept, lang, search_cases, act):
    html = get(client, "/cases/2016-CHN-001/", accept)
    assert f'<html lang="{lang}" dir="ltr">' in html
    assert f">{search_cases}</a>" in html
    assert f"<td>{act}</td>" in html


@pytest.mark.parametrize(
    "language, query, expected",
    [
        ("fr", "q=Jiang", "1 cas trouvé"),
        ("fr", "", "5 cas trouvés"),
        ("ru", "", "Найдено 5 дел"),
        ("ru", "act_type=intimidation", "Найдено 2 дела"),
        ("ar", "act_type=intimidation", "عُثر على حالتين (2)"),
        ("zh-hans", "", "找到 5 个案件"),
    ],
)
def test_it_counts_results_with_the_languages_plural_forms(client, demo, language, query,
                                                           expected):  # fmt: skip
    assert expected in get(client, f"/search/?{query}", language)


def test_it_switches_language_with_the_form_without_javascript(demo):
    client = Client(enforce_csrf_checks=True)
    html = get(client, "/cases/2016-CHN-001/", "en")
    form = html.split('class="language"')[1].split("</form>")[0]
    assert 'name="next" value="/cases/2016-CHN-001/"' in form
    assert '<option value="ar" lang="ar">' in form
    token = CSRF_INPUT.search(form).group(1)
    response = client.post(
        "/i18n/setlang/",
        {"csrfmiddlewaretoken": token, "language": "ar", "next": "/cases/2016-CHN-001/"},
    )
    assert response.status_code == 302
    assert response["Location"] == "/cases/2016-CHN-001/"
    html = get(client, "/cases/2016-CHN-001/", "en")  # the choice beats the browser's
    assert '<html lang="ar" dir="rtl">' in html
    assert '<option value="ar" lang="ar" selected>' in html


def test_it_translates_the_feed_and_keeps_exports_in_english(client, demo):
    feed = client.get("/feed.atom", headers={"accept-language": "fr"}).content.decode()
    assert 'xml:lang="fr"' in feed
    assert "Registre des représailles" in feed
    english = client.get("/exports/cases.csv", headers={"accept-language": "en"}).content
    for language in ["fr", "ar"]:
        other = client.get("/exports/cases.csv", headers={"accept-language": language})
        assert other.content == english


def read_po(path):
    """{msgid: (msgstr forms, source references)} of a .po file."""
    entries = {}
    for block in path.read_text(encoding="utf-8").split("\n\n"):
        fields, current, references = {}, None, []
        for line in block.splitlines():
            if line.startswith("#:"):
                references += line[2:].split()
            elif match := re.match(r"(msgid|msgid_plural|msgstr(?:\[\d\])?) (\".*\")$", line):
                current = match.group(1)
                fields[current] = ast.literal_eval(match.group(2))
            elif line.startswith('"') and current:
                fields[current] += ast.literal_eval(line)
        if fields.get("msgid"):
            forms = [v for k, v in sorted(fields.items()) if k.startswith("msgstr")]
            entries[fields["msgid"]] = (forms, references)
    return entries


@pytest.mark.parametrize("language", CATALOGUES)
def test_it_has_complete_compiled_catalogues(language):
    directory = LOCALE / CATALOGUES[language] / "LC_MESSAGES"
    entries = read_po(directory / "django.po")
    assert len(entries) > 200
    with open(directory / "django.mo", "rb") as compiled:
        catalogue = gettext.GNUTranslations(compiled)._catalog
    for msgid, (forms, references) in entries.items():
        ours = any(ref.startswith("reprisals/register/") for ref in references)
        if language in COMPLETE or ours:
            assert all(forms), f"{language}: untranslated {msgid!r}"
        if all(forms):  # the .mo was compiled from this .po
            compiled_forms = [v for k, v in catalogue.items()
                              if (k[0] if isinstance(k, tuple) else k) == msgid]  # fmt: skip
            assert sorted(compiled_forms) == sorted(forms), f"{language}: recompile {msgid!r}"


def test_it_names_states_in_the_facets_in_the_visitors_language(client, demo):
    facets = get(client, "/search/", "fr").split('class="facets"')[1]
    assert "<bdi>Chine</bdi></a>" in facets
