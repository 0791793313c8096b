"""Home: what the app is and where to go next."""

from pathlib import Path

import streamlit as st

from {{ cookiecutter.project_slug }}.settings import PROJECT_NAME

HERE = Path(__file__).parent

st.title(PROJECT_NAME)
st.markdown((HERE / "home.md").read_text(encoding="utf-8"))
st.page_link(HERE / "explore.py", label="Explore the data", icon=":material/query_stats:")
