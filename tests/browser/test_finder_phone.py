"""Issue 20, "Find a pathway that fits": a Spanish-speaking adult without a diploma, on a
360 px phone, goes from the home page to the finder, answers in plain words, reads the
results, opens a pathway and asks to talk to a navigator; the demo navigator then finds the
request in the queue. Every page is in Spanish; axe-core and the CSP are checked on each,
at 360 px and again at 1280 px."""

from __future__ import annotations

import pytest

from tests.browser.pages import check_page, log_in

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def in_spanish(page) -> str:
    assert page.locator("html").get_attribute("lang") == "es", page.url
    return page.locator("main").inner_text()


def test_a_spanish_speaker_without_a_diploma_finds_a_pathway_on_a_phone(world, live_server,
                                                                        browser):
    base = live_server.url
    context = browser.new_context(viewport={"width": 360, "height": 780},
                                  device_scale_factor=2, is_mobile=True, has_touch=True,
                                  locale="es-US", extra_http_headers={"Accept-Language": "es"})
    phone = context.new_page()
    phone.goto(base + "/")
    phone.get_by_role("link", name="Encuentra una ruta que te sirva").first.click()
    phone.wait_for_load_state()
    text = in_spanish(phone)
    assert "¿Cuánta escuela terminaste?" in text and "No guardamos tus respuestas." in text
    check_page(phone)

    # Sent without answers: the problems are listed, in Spanish, and the page still passes.
    phone.get_by_role("button", name="Ver las rutas que me sirven").click()
    phone.wait_for_load_state()
    text = in_spanish(phone)
    assert "Revisa tus respuestas." in text and "Elige una de las respuestas." in text
    check_page(phone)

    phone.get_by_label("Fui a la secundaria, pero no tengo diploma").check()
    phone.get_by_label("Puedo decir y leer cosas simples").check()
    phone.get_by_label("Sí", exact=True).check()
    phone.get_by_label("Unas 20 horas").check()
    phone.get_by_label("1 año").check()
    phone.get_by_label("¿Cuánto necesitas ganar?").fill("15")
    phone.get_by_label("Ayudar y cuidar a las personas").check()
    phone.get_by_role("button", name="Ver las rutas que me sirven").click()
    phone.wait_for_load_state()
    assert "education=some_hs" in phone.url
    results = in_spanish(phone)
    assert "Rutas que te sirven" in results
    assert "Empieza con: Inglés para carreras de salud" in results
    assert "hasta tu primer trabajo" in results and "al año" in results
    assert "Las clases son en la noche, así que puedes seguir trabajando." in results
    check_page(phone)
    results_url = phone.url

    phone.locator(".finder-result h3 a").first.click()
    phone.wait_for_load_state()
    assert phone.url == base + "/pathways/nursing-and-patient-care/"
    assert "Enfermería y cuidado de pacientes" in in_spanish(phone)
    check_page(phone)
    phone.get_by_role("link", name="Habla con un orientador").first.click()
    phone.wait_for_load_state()
    in_spanish(phone)
    assert phone.get_by_label("La ruta de la que quieres hablar").input_value()
    check_page(phone)
    phone.get_by_label("Tu nombre").fill("Rosa Delgado")
    phone.get_by_label("Teléfono").fill("859 555 0199")
    phone.get_by_label("Español").check()
    phone.get_by_label("En la noche").check()
    phone.get_by_label("Sí, un orientador me puede llamar", exact=False).check()
    phone.wait_for_timeout(3200)  # a person takes a few seconds; a robot does not
    phone.get_by_role("button", name="Enviar").click()
    phone.wait_for_load_state()
    assert phone.url == base + "/talk-to-a-navigator/sent/"
    assert "Recibimos tu solicitud" in in_spanish(phone)
    check_page(phone)

    # The talk link on a result carries the pathway too.
    phone.goto(results_url)
    phone.locator(".finder-result").first.get_by_role("link",
                                                      name="Habla con un orientador").click()
    phone.wait_for_load_state()
    assert "pathway=nursing-and-patient-care" in phone.url
    context.close()

    wide = browser.new_context(viewport={"width": 1280, "height": 900}, locale="es-US",
                               extra_http_headers={"Accept-Language": "es"})
    desk = wide.new_page()
    for path in ("/find/", results_url.removeprefix(base),
                 "/find/?education=hs&english=starting&pay=200000&per=year"):
        desk.goto(base + path)
        in_spanish(desk)
        check_page(desk)
    wide.close()

    office = browser.new_context(viewport={"width": 1280, "height": 900})
    nav = office.new_page()
    log_in(nav, base, "navigator", "pathways-demo")
    nav.goto(base + "/cases/")
    nav.get_by_role("link", name="New requests (1)").click()
    nav.wait_for_load_state()
    assert "Rosa Delgado" in nav.locator("main").inner_text()
    check_page(nav)
    office.close()
