# Pathways in a container: `pathways serve` as a non-root user. Not built or run by CI (the
# documented commands in docs/deploy.md are what CI proves); see compose.yaml beside it.
FROM python:3.11-slim

ENV PYTHONDONTWRITEBYTECODE=1 PYTHONUNBUFFERED=1 \
    PATHWAYS_PROFILE=production \
    PATHWAYS_VAR_DIR=/srv/pathways/var \
    PATHWAYS_STATIC_ROOT=/srv/pathways/static \
    PATHWAYS_BIND=0.0.0.0:8000

# pg_dump and pg_restore for `pathways backup` / `pathways restore`.
RUN apt-get update \
    && apt-get install -y --no-install-recommends postgresql-client \
    && rm -rf /var/lib/apt/lists/* \
    && useradd --system --create-home --home-dir /srv/pathways pathways

# Static files are part of the image: collected once, at build time (the keys given here
# serve only that step; the real ones come with the container's environment).
COPY . /srv/pathways/src
RUN pip install --no-cache-dir /srv/pathways/src \
    && mkdir -p /srv/pathways/var \
    && PATHWAYS_SECRET_KEY=build PATHWAYS_ALLOWED_HOSTS=build \
       PATHWAYS_FIELD_KEY=cGF0aHdheXMtbG9jYWwtZGV2ZWxvcG1lbnQta2V5ISE= \
       PATHWAYS_DATABASE_URL=sqlite:////tmp/build.sqlite3 \
       pathways manage collectstatic --noinput \
    && chown -R pathways:pathways /srv/pathways/var

USER pathways
WORKDIR /srv/pathways
EXPOSE 8000
CMD ["pathways", "serve"]
