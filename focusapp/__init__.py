"""Focusapp: focus sessions, limits and a pause before the urge to check for likes."""

__version__ = "0.1.0"

# The reverse-DNS name the desktop knows the app by: the .desktop file, AppStream metainfo, icons
# and the autostart entry are all named after it.
APP_ID = "io.github.focusapp.Focusapp"
