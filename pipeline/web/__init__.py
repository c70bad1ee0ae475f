"""The reviewers' web page (FastAPI + Jinja2); see pipeline.web.app."""
