"""Streamlit app: a thin shell over the verifier package (placeholder until the UI issue lands)."""

from __future__ import annotations

import streamlit as st

from verifier.settings import Settings

st.set_page_config(page_title="verifier", layout="wide")
st.title("verifier")
settings = Settings.from_env()
st.write(f"Workspace: `{settings.workspace}`")
