"""What the user sees and answers inside Kodi: dialogs, windows, notifications, the context menu."""
