#!/bin/sh
# As nginx does at start: cache directories owned by the worker user, a pid file, port 80 bound as root.
set -e
mkdir -p /var/cache/nginx/client_temp
chown -R nginx:nginx /var/cache/nginx
echo $$ > /var/run/nginx.pid
exec httpd -f -p 80 -u nginx:nginx -h /usr/share/nginx/html
