-- Rollups that stay exact (issue 11, item 9; lib/dashboard/rollup-rebuild.ts).
-- companies.rollup_time_zone: the time zone the rollups are bucketed in. A change of time_zone leaves it behind until
-- the background rebuild has re-bucketed the history and swapped it in; a company whose two columns differ is a
-- rebuild still to do (the job's resumable marker).
-- AlterTable
ALTER TABLE "companies" ADD COLUMN     "rollup_time_zone" VARCHAR(64) NOT NULL DEFAULT 'UTC';
UPDATE companies SET rollup_time_zone = time_zone;

-- Generations: a rebuild writes the company's next generation of rollup rows beside the live one and makes it live by
-- flipping companies.rollup_generation, so its swap writes only what moved during the rebuild (not every row).
-- AlterTable
ALTER TABLE "companies" ADD COLUMN     "rollup_generation" INTEGER NOT NULL DEFAULT 0;

-- AlterTable
ALTER TABLE "stock_movement_day_totals" DROP CONSTRAINT "stock_movement_day_totals_pkey",
ADD COLUMN     "generation" INTEGER NOT NULL DEFAULT 0,
ADD CONSTRAINT "stock_movement_day_totals_pkey" PRIMARY KEY ("company_id", "generation", "day", "shard");

-- AlterTable
ALTER TABLE "stock_movement_days" DROP CONSTRAINT "stock_movement_days_pkey",
ADD COLUMN     "generation" INTEGER NOT NULL DEFAULT 0,
ADD CONSTRAINT "stock_movement_days_pkey" PRIMARY KEY ("company_id", "generation", "day", "product_id");

-- stock_movements.rollup_seq: drawn (by its default) while the movement's transaction holds the company's rollup
-- lock in shared mode; a rebuild draws its watermark holding that lock exclusively, so every movement at or below the
-- watermark has committed and every later one is above it. CACHE 1 (the default): values are handed out in call
-- order across sessions. Existing rows stay NULL (before every watermark): no table rewrite.
CREATE SEQUENCE stock_movements_rollup_seq_seq AS bigint;
ALTER TABLE "stock_movements" ADD COLUMN     "rollup_seq" BIGINT DEFAULT nextval('stock_movements_rollup_seq_seq'::regclass);
ALTER SEQUENCE stock_movements_rollup_seq_seq OWNED BY stock_movements.rollup_seq;
GRANT USAGE ON SEQUENCE stock_movements_rollup_seq_seq TO stockflow_app, stockflow_system;

-- CreateIndex
CREATE INDEX "stock_movements_company_id_rollup_seq_idx" ON "stock_movements"("company_id", "rollup_seq");

-- Stock rows that approved orders reserve beyond what is on hand (a stocktake counted fewer: lib/stock/shortage.ts).
-- Normally none: the dashboard counts them, and the product list filters by them, without reading the other rows.
-- Hand-written (Prisma's schema cannot express a partial index); its predicate is the one shortCondition() writes.
CREATE INDEX stock_levels_short_idx ON stock_levels (company_id, product_id) WHERE reserved > on_hand;
