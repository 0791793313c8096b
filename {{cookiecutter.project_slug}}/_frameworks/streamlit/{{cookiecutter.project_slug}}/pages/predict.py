"""Predict: the model's class for one instance, or for every row of a CSV file."""

from pathlib import Path

import pandas as pd
import streamlit as st

from {{ cookiecutter.project_slug }}.ml import batch
from {{ cookiecutter.project_slug }}.ml.inputs import (
    INSTANCES_KEY,
    MAX_ABS_VALUE,
    MAX_INSTANCES,
    InvalidInput,
    parse_instances,
)
from {{ cookiecutter.project_slug }}.ml.model import Model, ensure_model
from {{ cookiecutter.project_slug }}.settings import get_settings

COLUMNS = 4
PREDICTION_KEY = "prediction"


@st.cache_resource(show_spinner="Loading the model...")
def load_model(directory: Path) -> Model:
    """Return the model, loaded once per process (trained first if its files are missing)."""
    return ensure_model(directory)


model = load_model(get_settings().model_dir)
features = model.feature_names

st.title("Predict")
accuracy = model.metadata.get("metrics", {}).get("accuracy")
st.caption(
    f"Model {model.metadata.get('name')} {model.metadata.get('version')}"
    + (f", {accuracy:.0%} accurate on held-out data." if accuracy is not None else ".")
)

st.subheader("One instance")
with st.form("predict"):
    columns = st.columns(COLUMNS)
    values = {
        name: columns[index % COLUMNS].number_input(
            name,
            min_value=-MAX_ABS_VALUE,
            max_value=MAX_ABS_VALUE,
            value=None,
            step=0.1,
            format="%.2f",
            key=f"feature_{name}",
        )
        for index, name in enumerate(features)
    }
    predicting = st.form_submit_button("Predict", type="primary")

if predicting:
    st.session_state.pop(PREDICTION_KEY, None)
    missing = [name for name, value in values.items() if value is None]
    if missing:
        st.error(f"Enter a number for {', '.join(missing)}.")
    else:
        # The inputs' bounds are the core's: the instance is valid, and checked all the same.
        rows = parse_instances({INSTANCES_KEY: [values]}, features)
        st.session_state[PREDICTION_KEY] = model.predict(rows)[0]

if prediction := st.session_state.get(PREDICTION_KEY):
    st.metric("Predicted class", prediction["label"])
    st.bar_chart(
        pd.DataFrame(
            {
                "class": list(prediction["probabilities"]),
                "probability": list(prediction["probabilities"].values()),
            }
        ),
        x="class",
        y="probability",
        horizontal=True,
    )

st.subheader("A CSV file")
st.write(f"A header row naming the columns, then one row per instance (at most {MAX_INSTANCES}):")
st.code(",".join(features), language=None)
uploaded = st.file_uploader("CSV file to predict", type="csv", max_upload_size=1, key="batch_file")
if uploaded is not None:
    try:
        batch_rows = batch.read_instances(uploaded.getvalue(), features)
    except InvalidInput as error:
        st.error(f"This file cannot be used: {error}.")
    else:
        results = batch.results_table(
            batch_rows, features, model.class_names, model.predict(batch_rows)
        )
        st.dataframe(results, hide_index=True)
        st.download_button(
            "Download the predictions",
            data=batch.to_csv(results),
            file_name="predictions.csv",
            mime="text/csv",
            on_click="ignore",
        )
