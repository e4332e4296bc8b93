#!/bin/sh
# As docker-entrypoint.sh of the official database images: prepare as root, then drop to the service user.
set -e
mkdir -p /var/run/app /data/db
chown -R db:db /data /var/run/app
chmod 700 /data/db
exec su db -s /bin/sh -c 'echo ready > /data/db/VERSION && echo $$ > /var/run/app/db.pid && exec "$0" "$@"' "$@"
