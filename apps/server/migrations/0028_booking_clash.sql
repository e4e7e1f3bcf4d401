-- The visit flow (issue 11 point 7): a new booking looks up the car's coming bookings (a second one on the
-- same day is a clash); this index serves that look-up, and only bookings still booked are in it.
CREATE INDEX IF NOT EXISTS "bookings_vehicle_booked_idx" ON "bookings" USING btree ("tenant_id","vehicle_id","starts_at") WHERE status = 'booked';
