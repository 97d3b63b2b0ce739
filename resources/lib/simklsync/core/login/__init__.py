"""The PIN login's pictures: the QR code, the PNG writer, the PIN page's address."""
