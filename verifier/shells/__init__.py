"""What a user touches: the console script (`cli`) and the Streamlit app's helpers (`ui`, `ui_data`,
`ui_audit`, `ui_review`, `ui_auth`, `ui_queue`). Thin over `verifier.services`; app.py sits above them."""

from __future__ import annotations
