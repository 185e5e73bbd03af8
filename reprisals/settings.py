"""Settings, all from the environment (see README, "Configuration").

Development defaults run on a SQLite file under var/. With
REPRISALS_ENV=production the server refuses to start without its secrets.
"""

from pathlib import Path

from django.core.exceptions import ImproperlyConfigured

from reprisals.lib.env import database_from_url, env_bool, env_int, env_secret, env_str

BASE_DIR = Path(__file__).resolve().parent
VAR_DIR = Path(env_str("REPRISALS_VAR_DIR", str(BASE_DIR.parent / "var")))

PRODUCTION = env_str("REPRISALS_ENV", "development") == "production"
# Only when asked for: DEBUG's pages show the address asked for, every URL
# pattern, tracebacks and settings. (Not the generic `DEBUG` variable, which
# other tools set.)
DEBUG = env_bool("REPRISALS_DEBUG", default=False)

SECRET_KEY = env_secret("SECRET_KEY")
ENCRYPTION_KEY_FILE = env_str("REPRISALS_KEY_FILE")
if PRODUCTION:
    if len(SECRET_KEY) < 50:
        raise ImproperlyConfigured("SECRET_KEY (or SECRET_KEY_FILE) of 50+ characters is required")
    if not ENCRYPTION_KEY_FILE or not Path(ENCRYPTION_KEY_FILE).is_file():
        raise ImproperlyConfigured("REPRISALS_KEY_FILE must name an existing key file")
    if DEBUG:
        raise ImproperlyConfigured("REPRISALS_DEBUG must be off in production")
elif not SECRET_KEY:
    SECRET_KEY = "development-only-not-secret"  # noqa: S105 — never used in production

ALLOWED_HOSTS = [h for h in env_str("ALLOWED_HOSTS", "127.0.0.1,localhost").split(",") if h]

INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "django_otp",
    "reprisals.lib",
    "reprisals.vault",
    "reprisals.reference",
    "reprisals.accounts",
    "reprisals.audit",
    "reprisals.cases",
    "reprisals.communications",
    "reprisals.register",
    "reprisals.intake",
    "reprisals.api",
    "reprisals.reporting",
    "reprisals.demo",
    "reprisals.backups",
    "reprisals.diplomacy",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "reprisals.lib.headers.security_headers",
    "reprisals.lib.text.printable_pages",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django_otp.middleware.OTPMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "reprisals.register.errors.error_pages",
]

ROOT_URLCONF = "reprisals.urls"
# The project's own 400, 403, 404, 405 and 500 pages (register/errors.py); the
# 400, 403, 404 and 500 handlers are named in reprisals/urls.py.
CSRF_FAILURE_VIEW = "reprisals.register.errors.csrf_failure"
WSGI_APPLICATION = "reprisals.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
            ],
        },
    },
]

DATABASES = {
    "default": database_from_url(
        env_str("DATABASE_URL"), sqlite_path=str(VAR_DIR / "reprisals.sqlite3")
    )
}
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

PASSWORD_HASHERS = [
    "django.contrib.auth.hashers.Argon2PasswordHasher",
    "django.contrib.auth.hashers.PBKDF2PasswordHasher",
]
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {
        "NAME": "django.contrib.auth.password_validation.MinimumLengthValidator",
        "OPTIONS": {"min_length": 12},
    },
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
]
LOGIN_URL = "admin:login"
# Staff log in with a password and a code from an authenticator app (accounts.login).
OTP_TOTP_ISSUER = "Reprisals Register"

LANGUAGE_CODE = "en"
LANGUAGES = [
    ("ar", "العربية"),
    ("zh-hans", "中文"),
    ("en", "English"),
    ("fr", "Français"),
    ("ru", "Русский"),
    ("es", "Español"),
]
LOCALE_PATHS = [BASE_DIR / "locale"]
USE_I18N = True
TIME_ZONE = "UTC"
USE_TZ = True

# The publication rule (register/rule.py): a letter becomes public this long
# after it was sent. Staff may withhold longer, never publish earlier.
PUBLICATION_WINDOW_UA_HOURS = env_int("PUBLICATION_WINDOW_UA_HOURS", 48)
PUBLICATION_WINDOW_AL_DAYS = env_int("PUBLICATION_WINDOW_AL_DAYS", 60)
PUBLICATION_WINDOW_OL_DAYS = env_int("PUBLICATION_WINDOW_OL_DAYS", 60)
REPLY_DEADLINE_DAYS = env_int("REPLY_DEADLINE_DAYS", 60)
# Communication references are numbered by the year in this time zone.
OFFICE_TIME_ZONE = env_str("OFFICE_TIME_ZONE", "Europe/Zurich")

# The intake form (reprisals/intake): uploads are kept sealed here, and
# these limits bound what one submission may carry and how many arrive.
UPLOADS_DIR = Path(env_str("REPRISALS_UPLOADS_DIR", str(VAR_DIR / "uploads")))
INTAKE_MAX_FILES = env_int("INTAKE_MAX_FILES", 5)
INTAKE_MAX_FILE_BYTES = env_int("INTAKE_MAX_FILE_BYTES", 10 * 1024 * 1024)
INTAKE_MAX_TOTAL_BYTES = env_int("INTAKE_MAX_TOTAL_BYTES", 20 * 1024 * 1024)
INTAKE_MAX_PER_HOUR = env_int("INTAKE_MAX_PER_HOUR", 30)
INTAKE_PROOF_BITS = env_int("INTAKE_PROOF_BITS", 18)
INTAKE_MIN_FILL_SECONDS = env_int("INTAKE_MIN_FILL_SECONDS", 30)

# Static files are served by WhiteNoise's middleware whatever DEBUG says. In
# production from STATIC_ROOT, where `reprisals manage collectstatic` puts
# them; elsewhere (`reprisals serve`, `make demo`) straight from each app's
# static/ folder through Django's finders: nothing to collect, never stale,
# nothing written under var/.
STATIC_URL = "static/"
STATIC_ROOT = VAR_DIR / "static" if PRODUCTION else None
WHITENOISE_USE_FINDERS = not PRODUCTION

SESSION_COOKIE_AGE = env_int("SESSION_IDLE_SECONDS", 30 * 60)
SESSION_SAVE_EVERY_REQUEST = True
SESSION_COOKIE_HTTPONLY = True
SESSION_COOKIE_SECURE = PRODUCTION
CSRF_COOKIE_SECURE = PRODUCTION
SECURE_REFERRER_POLICY = "same-origin"
SECURE_CROSS_ORIGIN_OPENER_POLICY = "same-origin"
X_FRAME_OPTIONS = "DENY"
if PRODUCTION:
    # Behind a TLS-terminating proxy that sets X-Forwarded-Proto.
    SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
    SECURE_SSL_REDIRECT = env_bool("SECURE_SSL_REDIRECT", default=True)
    SECURE_HSTS_SECONDS = env_int("SECURE_HSTS_SECONDS", 365 * 24 * 3600)
    SECURE_HSTS_INCLUDE_SUBDOMAINS = True
    SECURE_HSTS_PRELOAD = True

# No request data (address, query, headers, bodies, IP addresses, user agents)
# is logged, in any mode (lib/logs.py). Django's loggers write errors only, as
# the status, the route's name and the exception's type; the development
# server's request lines go nowhere. The root logger has a handler, so no
# record falls back to Python's last-resort handler.
LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "formatters": {
        "facts": {"()": "reprisals.lib.logs.FactsFormatter"},
        "plain": {"format": "%(asctime)s %(levelname)s %(name)s: %(message)s"},
    },
    "handlers": {
        "facts": {"class": "logging.StreamHandler", "formatter": "facts"},
        "console": {"class": "logging.StreamHandler", "formatter": "plain"},
        "null": {"class": "logging.NullHandler"},
    },
    "root": {"handlers": ["console"], "level": "WARNING"},
    "loggers": {
        "django": {"handlers": ["facts"], "level": "ERROR", "propagate": False},
        "django.server": {"handlers": ["null"], "propagate": False},
    },
}
