"""The app's pages, one script each, listed in ``streamlit_app.py``."""
