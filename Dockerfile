# One Forandringskort instance: the built client (dist/) and the compiled server (build/main.js).
FROM node:20-bookworm-slim
WORKDIR /app
COPY package.json package-lock.json ./
RUN npm ci --no-audit --no-fund
COPY . .
RUN npx vite build --logLevel warn && node -e "import('./scripts/ensure.mjs').then((m) => m.ensureServerBuild({ force: true }))"
ENV NODE_ENV=production HOST=0.0.0.0 PORT=8080
EXPOSE 8080
CMD ["node", "build/main.js"]
