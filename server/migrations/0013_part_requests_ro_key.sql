-- A part request names a real repair order (issue 4 adds the key the parts module left open, see
-- parts/requests.table.ts). ROs are never deleted (they are cancelled), so nothing cascades.
ALTER TABLE "part_requests" ADD CONSTRAINT "part_requests_ro_id_repair_orders_id_fk" FOREIGN KEY ("ro_id") REFERENCES "repair_orders"("id");
