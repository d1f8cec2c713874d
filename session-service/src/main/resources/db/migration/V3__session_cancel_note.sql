-- The words a participant gave when cancelling, for the other participant only (the event carries a code).
ALTER TABLE session ADD COLUMN cancel_note TEXT;
