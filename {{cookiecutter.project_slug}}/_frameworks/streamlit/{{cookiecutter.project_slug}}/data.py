"""The Explore page's data: Gapminder, bundled with plotly (no download), and pure helpers."""

import logging
from collections.abc import Collection
from dataclasses import dataclass

import pandas as pd
import plotly.express as px
import streamlit as st

logger = logging.getLogger(__name__)


@dataclass(frozen=True)
class Totals:
    """Key figures of a selection of countries."""

    countries: int
    population: int
    life_expectancy: float


@st.cache_data(show_spinner=False)
def load_gapminder() -> pd.DataFrame:
    """Return Gapminder: life expectancy, population and GDP per capita by country and year."""
    frame: pd.DataFrame = px.data.gapminder()
    logger.info("Loaded Gapminder: %d rows", len(frame))
    return frame


def all_years(frame: pd.DataFrame) -> list[int]:
    """Return the years present in ``frame``, in order."""
    return sorted(int(year) for year in frame["year"].unique())


def all_continents(frame: pd.DataFrame) -> list[str]:
    """Return the continents present in ``frame``, in alphabetical order."""
    return sorted(str(name) for name in frame["continent"].unique())


def select(frame: pd.DataFrame, *, year: int, continents: Collection[str]) -> pd.DataFrame:
    """Return the rows of ``year`` whose continent is one of ``continents``."""
    rows = (frame["year"] == year) & frame["continent"].isin(list(continents))
    return frame.loc[rows].reset_index(drop=True)


def totals(frame: pd.DataFrame) -> Totals:
    """Return the number of countries, their population and their mean life expectancy.

    The mean is weighted by population: it is the life expectancy of the average person.
    """
    population = int(frame["pop"].sum())
    weighted = float((frame["lifeExp"] * frame["pop"]).sum())
    return Totals(
        countries=frame["country"].nunique(),
        population=population,
        life_expectancy=weighted / population if population else 0.0,
    )


def by_continent(frame: pd.DataFrame) -> pd.DataFrame:
    """Return one row per continent, most populous first: countries, population, life expectancy.

    Life expectancy is weighted by population, as in :func:`totals`.
    """
    grouped = (
        frame.assign(person_years=frame["lifeExp"] * frame["pop"])
        .groupby("continent", as_index=False)
        .agg(
            countries=("country", "nunique"),
            population=("pop", "sum"),
            person_years=("person_years", "sum"),
        )
    )
    grouped["life_expectancy"] = grouped["person_years"] / grouped["population"]
    return grouped.drop(columns="person_years").sort_values(
        "population", ascending=False, ignore_index=True
    )
