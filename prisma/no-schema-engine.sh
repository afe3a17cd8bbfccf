#!/bin/sh
echo "schema engine unavailable on this machine: migrations are hand-written SQL (see design.md)" >&2
exit 1
