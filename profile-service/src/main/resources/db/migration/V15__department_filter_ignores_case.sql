-- A directory search by department ignores case, as every other text filter does ("engineering" finds the people of
-- "Engineering"): the index that serves it, and pages the department in name order, is on the department in lower
-- case.
DROP INDEX profile_department_name_order;
CREATE INDEX profile_department_name_order ON profile (lower(department), display_name, id);
