"""The Explore page's data helpers, on a small table and on the bundled data set."""

import pandas as pd
import pytest

from {{ cookiecutter.project_slug }} import data


@pytest.fixture
def frame() -> pd.DataFrame:
    return pd.DataFrame(
        {
            "country": ["Aland", "Aland", "Borduria", "Borduria", "Carpania", "Carpania"],
            "continent": ["Europe", "Europe", "Europe", "Europe", "Asia", "Asia"],
            "year": [1952, 2007, 1952, 2007, 1952, 2007],
            "lifeExp": [50.0, 80.0, 40.0, 60.0, 30.0, 70.0],
            "pop": [1_000, 1_000, 3_000, 1_000, 2_000, 2_000],
            "gdpPercap": [1_000.0, 30_000.0, 500.0, 5_000.0, 300.0, 9_000.0],
        }
    )


def test_load_gapminder_reads_the_bundled_data_set() -> None:
    gapminder = data.load_gapminder()

    assert gapminder.shape[0] == 1704
    assert {"country", "continent", "year", "lifeExp", "pop", "gdpPercap"} <= set(gapminder)
    assert data.all_years(gapminder) == list(range(1952, 2008, 5))
    assert data.all_continents(gapminder) == ["Africa", "Americas", "Asia", "Europe", "Oceania"]


def test_all_years_and_continents_are_sorted(frame: pd.DataFrame) -> None:
    assert data.all_years(frame) == [1952, 2007]
    assert data.all_continents(frame) == ["Asia", "Europe"]


def test_select_keeps_one_year_of_the_chosen_continents(frame: pd.DataFrame) -> None:
    selection = data.select(frame, year=2007, continents={"Europe"})

    assert selection["country"].tolist() == ["Aland", "Borduria"]
    assert set(selection["year"]) == {2007}


def test_select_without_continents_is_empty(frame: pd.DataFrame) -> None:
    assert data.select(frame, year=2007, continents=[]).empty


def test_totals_weight_life_expectancy_by_population(frame: pd.DataFrame) -> None:
    totals = data.totals(data.select(frame, year=1952, continents=["Europe", "Asia"]))

    assert totals.countries == 3
    assert totals.population == 6_000
    assert totals.life_expectancy == pytest.approx((50 * 1_000 + 40 * 3_000 + 30 * 2_000) / 6_000)


def test_totals_of_nothing_are_zero(frame: pd.DataFrame) -> None:
    assert data.totals(frame.iloc[0:0]) == data.Totals(0, 0, 0.0)


def test_by_continent_puts_the_most_populous_first(frame: pd.DataFrame) -> None:
    summary = data.by_continent(data.select(frame, year=1952, continents=["Europe", "Asia"]))

    assert summary.columns.tolist() == [
        "continent",
        "countries",
        "population",
        "life_expectancy",
    ]
    assert summary["continent"].tolist() == ["Europe", "Asia"]
    assert summary["countries"].tolist() == [2, 1]
    assert summary["population"].tolist() == [4_000, 2_000]
    assert summary["life_expectancy"].tolist() == pytest.approx([42.5, 30.0])
