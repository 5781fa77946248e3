"""Issue 20, "Get started": a Spanish-speaking adult on a 360 px phone reads what a career
pathway is, opens a pathway, asks to talk to a navigator and sees what happens next; the demo
navigator then finds the request in the queue. axe-core checks every page on the way."""

from __future__ import annotations

import pytest

from tests.browser.pages import check_page, log_in

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_a_request_from_a_phone_in_spanish_reaches_the_navigator(world, live_server, browser):
    base = live_server.url
    context = browser.new_context(viewport={"width": 360, "height": 780},
                                  device_scale_factor=2, is_mobile=True, has_touch=True,
                                  locale="es-US", extra_http_headers={"Accept-Language": "es"})
    phone = context.new_page()
    phone.goto(base + "/")
    phone.get_by_role("link", name="¿Qué es una ruta profesional?").first.click()
    phone.wait_for_load_state()
    main = phone.locator("main").inner_text()
    assert "Un ejemplo de aquí: Enfermería y cuidado de pacientes" in main
    assert "Qué hace un orientador" in main
    check_page(phone)

    phone.goto(base + "/pathways/nursing-and-patient-care/")
    check_page(phone)
    phone.get_by_role("link", name="Habla con un orientador").click()
    phone.wait_for_load_state()
    assert phone.get_by_label("La ruta de la que quieres hablar").input_value()
    check_page(phone)
    phone.get_by_label("Tu nombre").fill("Lucía Ramírez")
    phone.get_by_role("button", name="Enviar").click()  # no way to reach her yet
    phone.wait_for_load_state()
    assert "Danos un teléfono o un correo" in phone.locator("main").inner_text()
    check_page(phone)  # the page with problems too
    phone.get_by_label("Teléfono").fill("859 555 0177")
    phone.get_by_label("Español").check()
    phone.get_by_label("En la noche").check()
    phone.get_by_label("Sí, un orientador me puede llamar", exact=False).check()
    phone.wait_for_timeout(3200)  # a person takes a few seconds; a robot does not
    phone.get_by_role("button", name="Enviar").click()
    phone.wait_for_load_state()
    assert phone.url == base + "/talk-to-a-navigator/sent/"
    sent = phone.locator("main").inner_text()
    assert "Recibimos tu solicitud" in sent and "en 2 días hábiles" in sent
    check_page(phone)
    context.close()

    office = browser.new_context(viewport={"width": 1280, "height": 900})
    nav = office.new_page()
    for path in ("/what-is-a-career-pathway/", "/talk-to-a-navigator/?pathway=nursing-and-"
                 "patient-care", "/talk-to-a-navigator/sent/"):
        nav.goto(base + path)  # the public pages on a wide screen too
        check_page(nav)
    log_in(nav, base, "navigator", "pathways-demo")
    nav.goto(base + "/cases/")
    nav.get_by_role("link", name="New requests (1)").click()
    nav.wait_for_load_state()
    assert "Lucía Ramírez" in nav.locator("main").inner_text()
    check_page(nav)
    nav.get_by_role("link", name="Lucía Ramírez").click()
    nav.wait_for_load_state()
    assert "859 555 0177" in nav.locator("main").inner_text()
    check_page(nav)
    office.close()
