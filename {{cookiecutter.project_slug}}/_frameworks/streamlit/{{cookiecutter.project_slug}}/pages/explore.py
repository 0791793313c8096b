"""Explore: life expectancy against income, by year and continent (Gapminder)."""

import plotly.express as px
import streamlit as st

from {{ cookiecutter.project_slug }} import data

gapminder = data.load_gapminder()
years = data.all_years(gapminder)
continents = data.all_continents(gapminder)

st.title("Explore")
st.caption(
    f"Gapminder: life expectancy, population and GDP per capita of "
    f"{gapminder['country'].nunique()} countries from {years[0]} to {years[-1]}. "
    "The data ships with plotly: nothing is downloaded."
)

# Streamlit drops a widget's value when the visitor leaves the page: this key keeps the choices
# for their return.
remembered = st.session_state.setdefault(
    "explore_filters", {"year": years[-1], "continents": continents}
)
year_column, continent_column = st.columns([2, 3])
with year_column:
    year = st.select_slider("Year", options=years, value=remembered["year"], key="year")
with continent_column:
    chosen = st.multiselect(
        "Continents", options=continents, default=remembered["continents"], key="continents"
    )
st.session_state["explore_filters"] = {"year": year, "continents": chosen}

selection = data.select(gapminder, year=year, continents=chosen)
if selection.empty:
    st.info("Pick at least one continent to see its countries.")
    st.stop()

totals = data.totals(selection)
countries_metric, population_metric, life_metric = st.columns(3)
countries_metric.metric("Countries", totals.countries)
population_metric.metric("Population", f"{totals.population / 1e6:,.0f} M")
life_metric.metric("Life expectancy", f"{totals.life_expectancy:.1f} years")

figure = px.scatter(
    selection,
    x="gdpPercap",
    y="lifeExp",
    size="pop",
    color="continent",
    hover_name="country",
    log_x=True,
    size_max=55,
    # Fixed axes and colours, so that years and continents compare at a glance.
    range_x=[gapminder["gdpPercap"].min() * 0.8, gapminder["gdpPercap"].max() * 1.25],
    range_y=[gapminder["lifeExp"].min() - 5, gapminder["lifeExp"].max() + 5],
    category_orders={"continent": continents},
    labels={
        "gdpPercap": "GDP per capita (US$, log scale)",
        "lifeExp": "Life expectancy (years)",
        "pop": "Population",
        "continent": "Continent",
    },
)
st.plotly_chart(figure, key="chart")

st.subheader(f"By continent in {year}")
st.dataframe(
    data.by_continent(selection),
    hide_index=True,
    column_config={
        "continent": "Continent",
        "countries": "Countries",
        "population": st.column_config.NumberColumn("Population", format="localized"),
        "life_expectancy": st.column_config.NumberColumn("Life expectancy", format="%.1f"),
    },
)
