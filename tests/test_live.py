"""Every variant's production command serves, and a person can use it in a real browser.

The server is the Dockerfile's CMD with production settings, after the release steps the
README names. Screenshots of each page land in .artifacts/screenshots/.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator

import httpx
import pytest
from playwright.sync_api import Browser

from tests.browser import Visitor, launch
from tests.harness import Server
from tests.variants import Variant

PROJECT_NAME = "My Service"  # the default answer
PASSWORD = "correct horse battery staple"
# A flower every model of the iris data set calls setosa.
SETOSA = {"sepal_length": "5.1", "sepal_width": "3.5", "petal_length": "1.4", "petal_width": "0.2"}


def served(predicate: Callable[[Variant], bool] = lambda _: True) -> pytest.MarkDecorator:
    """Run the test for the variants the harness serves (Variant.is_served_live) that the
    predicate selects."""
    return pytest.mark.variants.with_args(
        lambda variant: variant.is_served_live and predicate(variant)
    )


def serves_predict_page(variant: Variant) -> bool:
    """Streamlit always has a Predict page; the web frameworks have one when forms is on."""
    if not variant.has("ml_model"):
        return False
    return variant.framework == "streamlit" or variant.has("forms")


@pytest.fixture(scope="session")
def browser() -> Iterator[Browser]:
    yield from launch()


@pytest.fixture
def visitor(browser: Browser, server: Server, variant: Variant) -> Iterator[Visitor]:
    context = browser.new_context()
    visitor = Visitor(context.new_page(), server, variant)
    yield visitor
    context.close()


@served(lambda variant: variant.is_web)
def test_production_command_answers_healthz(server: Server) -> None:
    response = httpx.get(f"{server.base_url}/healthz", timeout=10)
    assert response.status_code == 200
    assert response.json() == {"status": "ok"}


@served()
def test_home_page(visitor: Visitor) -> None:
    visitor.open_home()
    assert PROJECT_NAME in visitor.page.title()
    visitor.sees_heading(PROJECT_NAME)
    visitor.screenshot("home")
    assert visitor.errors == []


@served(lambda variant: variant.has("auth"))
def test_sign_up_sign_out_sign_in_and_wrong_password(visitor: Visitor) -> None:
    visitor.open_home()
    visitor.sign_up("ada", PASSWORD)
    visitor.screenshot("signed-in")
    visitor.sign_out()

    visitor.sign_in("ada", PASSWORD)
    visitor.sees("Signed in as ada")
    visitor.sign_out()

    visitor.sign_in("ada", "not the password at all")
    visitor.sees(re.compile("correct username and password"))
    visitor.screenshot("sign-in-refused")
    assert visitor.errors == []


@served(lambda variant: variant.has("forms"))
def test_contact_form_error_then_success(visitor: Visitor, variant: Variant) -> None:
    visitor.open_home()
    if variant.has("auth") and variant.framework == "streamlit":
        visitor.sign_up("grace", PASSWORD)
    visitor.go_to("Contact")
    visitor.fill("Name", "Grace")
    # Valid for the browser's own check of type=email, invalid for the server: no dot.
    visitor.fill("Email", "grace@example")
    visitor.fill("Message", "Hello <script>alert(1)</script>")
    visitor.press("Send")
    visitor.sees(re.compile("valid email", re.IGNORECASE))
    visitor.screenshot("contact-error")

    visitor.fill("Email", "grace@example.com")
    visitor.press("Send")
    visitor.sees(re.compile("Thank you"))
    visitor.screenshot("contact-sent")
    assert visitor.errors == []


@served(serves_predict_page)
def test_prediction_from_the_page(visitor: Visitor, variant: Variant) -> None:
    visitor.open_home()
    if variant.has("auth"):
        visitor.sign_up("alan", PASSWORD)
    visitor.go_to("Predict")
    for feature, value in SETOSA.items():
        visitor.fill(feature, value)
    visitor.press("Predict")
    visitor.sees(re.compile("setosa"))
    if variant.framework == "streamlit":
        # The class probabilities, as a chart.
        visitor.visible(visitor.page.get_by_test_id("stVegaLiteChart")).wait_for()
    visitor.screenshot("predict")
    assert visitor.errors == []
