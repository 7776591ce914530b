# The dashboard in one container: the locked install, a non-root user, one writable folder.
# Build: docker build -t central-asia-dashboard .   Run: docker run -p 8501:8501 central-asia-dashboard
# Several replicas behind HAProxy: compose.yaml. Hugging Face Spaces (Docker): set PORT=7860 (README).
FROM python:3.11-slim

ENV PYTHONDONTWRITEBYTECODE=1 \
    PYTHONUNBUFFERED=1 \
    PIP_NO_CACHE_DIR=1 \
    PIP_DISABLE_PIP_VERSION_CHECK=1 \
    PORT=8501

WORKDIR /app
# The lock first, so that a code change does not reinstall the packages. Every file is hash-checked.
COPY requirements.txt ./
RUN pip install --require-hashes -r requirements.txt

COPY .streamlit ./.streamlit
COPY dashboard ./dashboard
COPY geodata ./geodata
COPY seeds ./seeds
COPY reference ./reference
COPY annotations.yaml LICENSE LICENSE-DATA.md ./

# The code is root's and read-only to the app. Its one writable folder: Leaflet's checked copies and
# the basemap, written at the first page (dashboard/map/assets.py, dashboard/ui/cached.py). UID 1000, as
# Hugging Face Spaces runs containers.
RUN useradd --create-home --uid 1000 app \
    && mkdir -p dashboard/static/generated \
    && chown app:app dashboard/static/generated
USER app

EXPOSE 8501
HEALTHCHECK --interval=10s --timeout=3s --start-period=60s --retries=3 \
    CMD python -c "import os, sys, urllib.request; u = 'http://127.0.0.1:%s/_stcore/health' % os.environ['PORT']; sys.exit(urllib.request.urlopen(u, timeout=2).read() != b'ok')"
# A shell, for $PORT; exec, so that streamlit gets the container's SIGTERM.
CMD ["sh", "-c", "exec streamlit run dashboard/serve.py --server.port \"$PORT\" --server.address 0.0.0.0"]
