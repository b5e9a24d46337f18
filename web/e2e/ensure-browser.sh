#!/usr/bin/env bash
# Debian's Chromium (browser downloads by test tools do not work here) and CJK fonts for readable screenshots,
# installed when missing; used by web/e2e/run.sh and by ./inetpublish screenshots. Exits non-zero when it cannot.
missing=()
[[ -x "${CHROMIUM_PATH:-/usr/bin/chromium}" ]] || missing+=(chromium)
[[ -d /usr/share/fonts/opentype/noto ]] || missing+=(fonts-noto-cjk)
if (( ${#missing[@]} )); then
  echo "installing ${missing[*]}"
  apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null \
    || { echo "cannot install ${missing[*]}" >&2; exit 1; }
fi
exit 0
