"""The app's entry point: page set-up and navigation. Run: ``streamlit run streamlit_app.py``."""

from pathlib import Path

import streamlit as st

{% if cookiecutter.auth %}from {{ cookiecutter.project_slug }} import auth, db
{% elif cookiecutter.forms %}from {{ cookiecutter.project_slug }} import db
{% endif -%}
from {{ cookiecutter.project_slug }}.logging_config import (
    REQUEST_ID,
    configure_logging,
    logged_run,
    request_id_from,
)
from {{ cookiecutter.project_slug }}.settings import PROJECT_NAME, get_settings

PAGES = Path("{{ cookiecutter.project_slug }}/pages")
REQUEST_ID_KEY = "request_id"


@st.cache_resource
def configure_process() -> None:
    """Configure logging once per server process, not on every rerun."""
    configure_logging(get_settings())
{%- if cookiecutter.auth or cookiecutter.forms %}
    db.get_engine(get_settings().database_url)  # creates the missing tables
{%- endif %}


configure_process()
if REQUEST_ID_KEY not in st.session_state:
    # One id per browser tab's connection: the proxy's X-Request-ID of its websocket, or a new one.
    st.session_state[REQUEST_ID_KEY] = request_id_from(st.context.headers.get("X-Request-ID"))
REQUEST_ID.set(st.session_state[REQUEST_ID_KEY])
# An emoji favicon is drawn locally; a ":material/...:" one would be fetched from Google Fonts.
st.set_page_config(page_title=PROJECT_NAME, page_icon="🌍", layout="wide")

# Adding a page is one more line here.
pages = [
    st.Page(PAGES / "home.py", title="Home", icon=":material/home:", default=True),
    st.Page(PAGES / "explore.py", title="Explore", icon=":material/query_stats:"),
{%- if cookiecutter.forms %}
    st.Page(PAGES / "contact.py", title="Contact", icon=":material/mail:"),
{%- endif %}
{%- if cookiecutter.ml_model %}
    st.Page(PAGES / "predict.py", title="Predict", icon=":material/model_training:"),
{%- endif %}
]
{%- if cookiecutter.auth %}

# The gate: a signed-out visitor gets the sign-in page alone, in the home page's place (same
# URL), so that signing in or out lands on the page at / without a "page not found".
account = auth.current_account()
if account is None:
    pages = [
        st.Page(PAGES / "sign_in.py", title="Sign in", icon=":material/login:", url_path="home")
    ]
page = st.navigation(pages)
if account is not None:
    auth.show_account(account, home=pages[0])
    auth.go_next(pages)
{%- else %}
page = st.navigation(pages)
{%- endif %}
with logged_run(page.url_path):
    page.run()
