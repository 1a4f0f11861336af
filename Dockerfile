# Nærvær as a container (Azure Container Apps, App Service for containers, or any OCI host).
# docs/deploy.md: App Service runs the same files from a zip; this image is the alternative.

# --- build: compile TypeScript with the full dependency tree
FROM node:20-bookworm-slim AS build
WORKDIR /app
COPY package.json package-lock.json ./
RUN npm ci --no-audit --no-fund
COPY tsconfig.json ./
COPY src ./src
COPY bench ./bench
RUN npm run build

# --- runtime: production dependencies and what the service reads at run time, nothing else
FROM node:20-bookworm-slim AS runtime
ENV NODE_ENV=production
WORKDIR /app
COPY package.json package-lock.json ./
# botbuilder-dialogs' postinstall runs `npx rimraf` (a devDependency): let npx fetch it.
RUN npm_config_yes=true npm ci --omit=dev --no-audit --no-fund && npm cache clean --force
COPY --from=build /app/dist ./dist
# Adaptive Card templates, read at start (src/paths.ts: cardsDirectory).
COPY cards ./cards
# LADDERS_DIR (default ladders/, relative to the working directory): the municipality's own ladder files.
# Empty here; add them in an image built FROM this one, or mount a folder and set LADDERS_DIR.
RUN mkdir -p ladders
# The image's built-in unprivileged user.
USER node
EXPOSE 3978
# As package.json's "serve": a larger young generation halves the time spent collecting garbage (docs/benchmark.md).
CMD ["node", "--max-semi-space-size=64", "dist/src/main.js"]
