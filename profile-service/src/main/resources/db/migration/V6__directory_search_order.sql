-- Directory searches filter by department and page in (display_name, id) order: one index serves both, so a page
-- of a large department reads only the rows it returns.
DROP INDEX profile_department;
CREATE INDEX profile_department_name_order ON profile (department, display_name, id);
