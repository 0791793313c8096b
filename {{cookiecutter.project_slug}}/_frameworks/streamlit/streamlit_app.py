"""The app's entry point: page set-up and navigation. Run: ``streamlit run streamlit_app.py``."""

from pathlib import Path

import streamlit as st

from {{ cookiecutter.project_slug }}.logging_config import configure_logging
from {{ cookiecutter.project_slug }}.settings import PROJECT_NAME, get_settings

PAGES = Path("{{ cookiecutter.project_slug }}/pages")


@st.cache_resource
def configure_process() -> None:
    """Configure logging once per server process, not on every rerun."""
    configure_logging(get_settings())


configure_process()
# An emoji favicon is drawn locally; a ":material/...:" one would be fetched from Google Fonts.
st.set_page_config(page_title=PROJECT_NAME, page_icon="🌍", layout="wide")

# Adding a page is one more line here.
pages = [
    st.Page(PAGES / "home.py", title="Home", icon=":material/home:", default=True),
    st.Page(PAGES / "explore.py", title="Explore", icon=":material/query_stats:"),
]
st.navigation(pages).run()
