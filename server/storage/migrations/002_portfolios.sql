-- Portfolios (server/extensions/portfolio.ts): a title and the plans it follows, in the order they were added.
-- Only plan ids are stored: a plan's links are signed on demand and never kept with a portfolio.
CREATE TABLE portfolios (
  id text PRIMARY KEY,
  title text NOT NULL,
  created_at timestamptz NOT NULL DEFAULT now()
);

CREATE TABLE portfolio_plans (
  position bigserial PRIMARY KEY,
  portfolio_id text NOT NULL REFERENCES portfolios (id) ON DELETE CASCADE,
  plan_id text NOT NULL REFERENCES plans (id) ON DELETE CASCADE,
  added_at timestamptz NOT NULL DEFAULT now(),
  UNIQUE (portfolio_id, plan_id)
);
