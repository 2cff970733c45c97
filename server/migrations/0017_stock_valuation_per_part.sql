-- Every part has its valuation row from the moment it is created (on hand 0, value 0), so the stock
-- list joins parts to valuations without an outer join and sorts by quantity or value through an
-- index (parts/stock.repository.ts). A trigger, so that every way a part is created (the catalog
-- form, the import, the demo) gets it.
CREATE FUNCTION parts_open_valuation() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  INSERT INTO stock_valuations (store_id, part_id) VALUES (NEW.store_id, NEW.id) ON CONFLICT (store_id, part_id) DO NOTHING;
  RETURN NULL;
END
$$;
--> statement-breakpoint
CREATE TRIGGER parts_open_valuation AFTER INSERT ON parts FOR EACH ROW EXECUTE FUNCTION parts_open_valuation();
--> statement-breakpoint
INSERT INTO stock_valuations (store_id, part_id) SELECT store_id, id FROM parts ON CONFLICT (store_id, part_id) DO NOTHING;
--> statement-breakpoint
-- Sorting by value uses stock_valuations_store_value_idx (store_id, value_fen), declared in stock.table.ts.
CREATE INDEX stock_valuations_store_on_hand_idx ON stock_valuations (store_id, on_hand, part_id);
