#!/usr/bin/env bash
# Installs the Debian packages extract needs when they are missing (run as root on a fresh machine).
# Tesseract 5 with Simplified Chinese, English, orientation and Latin-script data (which reads
# the accents of names); the libraries OpenCV loads
# (RapidOCR pulls in the GUI build of opencv-python); CJK and Latin fonts for the fixtures;
# Chromium, which prints the sampled fixtures' HTML to PDF (one of their three producers).
set -euo pipefail
PKGS=(tesseract-ocr tesseract-ocr-chi-sim tesseract-ocr-eng tesseract-ocr-osd
      tesseract-ocr-script-latn libgl1 libglib2.0-0
      fonts-arphic-uming fonts-arphic-ukai fonts-wqy-zenhei fonts-wqy-microhei
      fonts-dejavu-core fonts-liberation2
      chromium fonts-noto-cjk fonts-freefont-ttf fonts-crosextra-carlito)
missing=()
for p in "${PKGS[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
done
if [ ${#missing[@]} -gt 0 ]; then
  echo "installing system packages: ${missing[*]}"
  SUDO=""; [ "$(id -u)" -eq 0 ] || SUDO="sudo"
  $SUDO apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq "${missing[@]}" >/dev/null
fi
