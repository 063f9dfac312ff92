-- Hand-written (issue 12, item 10): who sees money.
--
-- companies.staff_see_money: whether staff see cost prices and stock values (docs/architecture.md §7); managers and
-- admins always do. Every company that exists now keeps what its staff saw before, so the column arrives true for
-- them (staff keep seeing cost prices; the dashboard's stock value, those prices times quantities they already see,
-- now follows the same setting). A company created from now on starts with costs hidden from staff: its admin opts
-- in on the settings page.
ALTER TABLE companies ADD COLUMN staff_see_money BOOLEAN NOT NULL DEFAULT true;
ALTER TABLE companies ALTER COLUMN staff_see_money SET DEFAULT false;

-- The settings page writes it as the admin (app role), like the other settings columns.
GRANT UPDATE (staff_see_money) ON companies TO stockflow_app;
