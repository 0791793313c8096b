"""The app as a visitor uses it, through Streamlit's AppTest (no server, no browser)."""

import json
from pathlib import Path
from typing import Any

import pytest
from streamlit.testing.v1 import AppTest

from {{ cookiecutter.project_slug }} import pages
from {{ cookiecutter.project_slug }}.settings import PROJECT_NAME

PAGES = Path(pages.__file__).parent
HOME, EXPLORE = str(PAGES / "home.py"), str(PAGES / "explore.py")


@pytest.fixture
def explore(app: AppTest) -> AppTest:
    return app.switch_page(EXPLORE).run()


def chart(at: AppTest) -> dict[str, Any]:
    """Return the figure of the page's one plotly chart."""
    (element,) = at.get("plotly_chart")
    figure: dict[str, Any] = json.loads(element.proto.spec)
    return figure


def continents_charted(at: AppTest) -> list[str]:
    return [trace["name"] for trace in chart(at)["data"]]


def test_home_is_the_default_page(app: AppTest) -> None:
    assert not app.exception
    assert app.title[0].value == PROJECT_NAME
    assert "Explore" in app.markdown[0].value
    assert app.get("page_link")[0].proto.label == "Explore the data"


def test_explore_shows_every_continent_in_the_latest_year(explore: AppTest) -> None:
    assert not explore.exception
    assert explore.title[0].value == "Explore"
    assert explore.select_slider(key="year").value == 2007
    assert explore.metric[0].value == "142"
    assert continents_charted(explore) == ["Africa", "Americas", "Asia", "Europe", "Oceania"]
    assert explore.subheader[0].value == "By continent in 2007"
    assert len(explore.dataframe[0].value) == 5


def test_the_year_slider_changes_the_data(explore: AppTest) -> None:
    latest = chart(explore)["data"]

    explore.select_slider(key="year").set_value(1952).run()

    assert not explore.exception
    assert explore.subheader[0].value == "By continent in 1952"
    assert chart(explore)["data"] != latest
    assert explore.metric[2].value == "48.9 years"


def test_the_continent_choice_filters_the_chart(explore: AppTest) -> None:
    explore.multiselect(key="continents").set_value(["Europe", "Oceania"]).run()

    assert not explore.exception
    assert continents_charted(explore) == ["Europe", "Oceania"]
    assert explore.metric[0].value == "32"
    assert explore.dataframe[0].value["continent"].tolist() == ["Europe", "Oceania"]


def test_no_continent_shows_a_hint_instead_of_a_chart(explore: AppTest) -> None:
    explore.multiselect(key="continents").set_value([]).run()

    assert not explore.exception
    assert "at least one continent" in explore.info[0].value
    assert not explore.get("plotly_chart")


def test_the_choices_survive_a_visit_to_another_page(explore: AppTest) -> None:
    explore.select_slider(key="year").set_value(1977).run()
    explore.multiselect(key="continents").set_value(["Asia"]).run()

    explore.switch_page(HOME).run()
    assert explore.title[0].value == PROJECT_NAME
    explore.switch_page(EXPLORE).run()

    assert not explore.exception
    assert explore.select_slider(key="year").value == 1977
    assert continents_charted(explore) == ["Asia"]
