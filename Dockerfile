# syntax=docker/dockerfile:1
# Passbook: build the workspace once, then ship only what runs.
#   docker build -t passbook .                      → the app (target "app", the default)
#   docker build -t passbook-sandbox --target sandbox .   → the offline Flinks emulator, for demos

ARG NODE_IMAGE=node:24-bookworm-slim

FROM ${NODE_IMAGE} AS build
RUN npm install --global pnpm@12.21.0
WORKDIR /src
# Manifests first, so the dependency layer is reused until a manifest or the lockfile changes.
COPY package.json pnpm-lock.yaml pnpm-workspace.yaml ./
COPY apps/server/package.json apps/server/
COPY apps/web/package.json apps/web/
COPY packages/contracts/package.json packages/contracts/
COPY packages/flinks/package.json packages/flinks/
COPY packages/flinks-sandbox/package.json packages/flinks-sandbox/
COPY e2e/package.json e2e/
RUN pnpm install --frozen-lockfile
COPY . .
RUN pnpm run build \
 && pnpm --filter @passbook/server deploy --prod /out/server \
 && pnpm --filter @passbook/flinks-sandbox deploy --prod /out/sandbox

FROM ${NODE_IMAGE} AS sandbox
ENV NODE_ENV=production SANDBOX_HOST=0.0.0.0 SANDBOX_PORT=3001 SANDBOX_LOGIN_FILE=/data/sandbox-logins.json
WORKDIR /sandbox
COPY --from=build /out/sandbox/node_modules ./node_modules
COPY --from=build /src/packages/flinks-sandbox/dist ./dist
RUN mkdir -p /data && chown node:node /data
USER node
EXPOSE 3001
HEALTHCHECK --interval=10s --timeout=3s --start-period=5s \
  CMD node -e "fetch('http://127.0.0.1:3001/__sandbox/health').then(r=>process.exit(r.ok?0:1),()=>process.exit(1))"
CMD ["node", "dist/main.mjs"]

FROM ${NODE_IMAGE} AS app
ENV NODE_ENV=production HOST=0.0.0.0 PORT=3000 DATA_DIR=/data WEB_DIST_DIR=/app/web
WORKDIR /app
COPY --from=build /out/server/node_modules ./node_modules
COPY --from=build /src/apps/server/dist ./dist
COPY --from=build /src/apps/web/dist ./web
RUN mkdir -p /data && chown node:node /data
USER node
EXPOSE 3000
HEALTHCHECK --interval=10s --timeout=3s --start-period=10s \
  CMD node -e "fetch('http://127.0.0.1:3000/api/health').then(r=>process.exit(r.ok?0:1),()=>process.exit(1))"
CMD ["node", "dist/main.mjs"]
