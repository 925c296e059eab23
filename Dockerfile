# One image for the API (default), the worker and the migrations:
#   API:        node --expose-gc --no-memory-reducer dist/main.js
#   worker:     node --expose-gc --no-memory-reducer dist/worker.js
#   migrations: node node_modules/typeorm/cli.js migration:run -d dist/core/database/data-source.js
# The V8 flags are those of scripts/stack/node-flags.ts (one memory-reducing collection after boot).
FROM node:24-bookworm-slim AS build
WORKDIR /app
COPY package.json package-lock.json ./
RUN npm install --no-audit --no-fund
COPY tsconfig.json tsconfig.build.json nest-cli.json ./
COPY src ./src
RUN npm run build && npm prune --omit=dev --no-audit --no-fund

FROM node:24-bookworm-slim
ENV NODE_ENV=production
WORKDIR /app
COPY --from=build --chown=node:node /app/package.json ./
COPY --from=build --chown=node:node /app/node_modules ./node_modules
COPY --from=build --chown=node:node /app/dist ./dist
USER node
EXPOSE 3000 3001
# SIGTERM goes straight to node (exec form, no shell), which drains and exits 0.
CMD ["node", "--expose-gc", "--no-memory-reducer", "dist/main.js"]
