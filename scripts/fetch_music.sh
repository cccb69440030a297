#!/usr/bin/env bash
# Fetch free game soundtracks (ogg/opus) from Debian's archive into an ignored folder (default: real_music/), one folder per package:
# `apt-get download` + `dpkg -x`, nothing installed system-wide. Music files (ogg/opus/mp3/flac/wav) are kept, the rest removed.
#   scripts/fetch_music.sh [OUT] [PACKAGE ...]
# Never add fretsonfire-songs-*, nexuiz-music, blobwars-data or drascula-music: they are kept for an independent evaluation.
set -euo pipefail
out="${1:-real_music}"; shift || true
pkgs=("$@")
[ ${#pkgs[@]} -gt 0 ] || pkgs=(wesnoth-1.16-music warzone2100-music hyperrogue-music planetblupi-music-ogg asc-music supertux-data hedgewars-data)
for p in "${pkgs[@]}"; do
  case "$p" in fretsonfire-songs-*|nexuiz-music|blobwars-data|drascula-music)
    echo "error: $p is kept for an independent evaluation; not fetching it" >&2; exit 2;; esac
done
command -v apt-get >/dev/null || { echo "error: apt-get not found (this script needs Debian or Ubuntu)" >&2; exit 1; }
mkdir -p "$out"
tmp=$(mktemp -d); trap 'rm -rf "$tmp"' EXIT
for p in "${pkgs[@]}"; do
  if [ -f "$out/$p/.complete" ]; then echo "$p: already fetched"; continue; fi
  echo "$p: downloading"
  (cd "$tmp" && apt-get download -q "$p" >/dev/null) || { echo "error: apt-get download $p failed (run apt-get update first?)" >&2; exit 1; }
  deb=$(ls "$tmp"/${p}_*.deb | head -1)
  rm -rf "$out/$p.part"; mkdir -p "$out/$p.part/x"
  dpkg -x "$deb" "$out/$p.part/x"
  # music files of at least 200 kB; where the package has a music folder, only the files inside it (not sound effects or speech)
  find "$out/$p.part/x" -type f \( -iname '*.ogg' -o -iname '*.opus' -o -iname '*.mp3' -o -iname '*.flac' -o -iname '*.wav' \) -size +200k > "$tmp/files"
  grep -i '/music/' "$tmp/files" > "$tmp/music" && mv "$tmp/music" "$tmp/files" || true
  while read -r f; do
    rel=${f#"$out/$p.part/x/"}; mv "$f" "$out/$p.part/$(echo "$rel" | tr '/ ' '__')"; done < "$tmp/files"
  rm -rf "$out/$p.part/x" "$deb"
  n=$(ls "$out/$p.part" | wc -l)
  rm -rf "$out/$p"; mv "$out/$p.part" "$out/$p"; touch "$out/$p/.complete"
  echo "$p: $n music files in $out/$p"
done
