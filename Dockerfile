# Production-like image for web, worker and beat (docker-compose.yml runs all three from it).

# The web app is built in its own stage; the image carries only frontend/dist (no Node).
FROM node:20-bookworm-slim AS frontend
WORKDIR /app/frontend
COPY frontend/package.json frontend/package-lock.json ./
RUN npm ci --no-audit --no-fund --loglevel=error
COPY frontend ./
RUN npm run build

FROM python:3.11-slim-bookworm

ENV PYTHONDONTWRITEBYTECODE=1 \
    PYTHONUNBUFFERED=1 \
    PYTHONPATH=/app/backend:/app \
    UV_PROJECT_ENVIRONMENT=/opt/venv \
    PATH=/opt/venv/bin:$PATH \
    COPRODUCE_VAR_DIR=/app/var

# pango and fonts for WeasyPrint (letters), libpq for PostgreSQL.
RUN apt-get update \
    && apt-get install -y --no-install-recommends libpango-1.0-0 libpangoft2-1.0-0 \
       libharfbuzz0b fonts-dejavu-core libpq5 \
    && rm -rf /var/lib/apt/lists/*

WORKDIR /app
RUN pip install --no-cache-dir "uv>=0.5,<1"
COPY pyproject.toml uv.lock ./
RUN uv sync --frozen --no-dev --no-install-project

COPY backend ./backend
COPY workers ./workers
COPY --from=frontend /app/frontend/dist ./frontend/dist
RUN useradd --create-home --uid 10001 coproduce \
    && mkdir -p /app/var && chown coproduce /app/var
USER coproduce
RUN DJANGO_SECRET_KEY=build-only python backend/manage.py collectstatic --noinput --verbosity 0

EXPOSE 8000
CMD ["gunicorn", "coproduce.wsgi", "--chdir", "backend", "--bind", "0.0.0.0:8000", "--workers", "3"]
