#!/usr/bin/env bash
# Installs what the brief and PDF-chart tests need: Debian's chromium (headless rendering of
# `tradesim report`'s HTML at desktop and phone widths, and printing it to PDF) and
# poppler-utils (pdftotext, which checks that PDF charts encode every glyph).
set -euo pipefail
need=()
command -v chromium >/dev/null 2>&1 || need+=(chromium)
command -v pdftotext >/dev/null 2>&1 || need+=(poppler-utils)
if [ ${#need[@]} -eq 0 ]; then
  exit 0
fi
SUDO=""
if [ "$(id -u)" -ne 0 ]; then SUDO="sudo"; fi
export DEBIAN_FRONTEND=noninteractive
$SUDO apt-get update -qq
$SUDO apt-get install -y -qq --no-install-recommends "${need[@]}" fonts-liberation >/dev/null
chromium --version
