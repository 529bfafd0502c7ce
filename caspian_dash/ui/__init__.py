"""Streamlit views too big for app.py (the only package besides app.py importing streamlit)."""
