package org.mentoring.profile.hris;

import java.util.Map;

/**
 * How an HRIS names the fields of an employee, chosen per integration. Each mapping names, for every field of
 * {@link EmployeeRecord}, the key (JSON member or CSV column) the HRIS sends it under.
 */
public enum FieldMapping {

    /** This platform's own names, for HRIS middleware that can reshape its output. */
    standard(Map.ofEntries(
            Map.entry("externalId", "externalId"), Map.entry("email", "email"),
            Map.entry("displayName", "displayName"), Map.entry("jobTitle", "jobTitle"),
            Map.entry("department", "department"), Map.entry("location", "location"),
            Map.entry("timeZone", "timeZone"), Map.entry("languages", "languages"), Map.entry("level", "level"),
            Map.entry("gradeLabel", "gradeLabel"), Map.entry("managerExternalId", "managerExternalId"),
            Map.entry("hireDate", "hireDate"), Map.entry("status", "status"))),

    /** BambooHR's employee field names. */
    bamboohr(Map.ofEntries(
            Map.entry("externalId", "employeeNumber"), Map.entry("email", "workEmail"),
            Map.entry("displayName", "displayName"), Map.entry("jobTitle", "jobTitle"),
            Map.entry("department", "department"), Map.entry("location", "location"),
            Map.entry("timeZone", "timezone"), Map.entry("languages", "languages"), Map.entry("level", "payGradeLevel"),
            Map.entry("gradeLabel", "payGrade"), Map.entry("managerExternalId", "supervisorEId"),
            Map.entry("hireDate", "hireDate"), Map.entry("status", "employmentStatus"))),

    /** Workday's report field names, as a custom report of workers usually exports them. */
    workday(Map.ofEntries(
            Map.entry("externalId", "Employee_ID"), Map.entry("email", "Email_Address"),
            Map.entry("displayName", "Preferred_Name"), Map.entry("jobTitle", "Business_Title"),
            Map.entry("department", "Supervisory_Organization"), Map.entry("location", "Location"),
            Map.entry("timeZone", "Time_Zone"), Map.entry("languages", "Languages"),
            Map.entry("level", "Job_Level"), Map.entry("gradeLabel", "Compensation_Grade"),
            Map.entry("managerExternalId", "Manager_ID"), Map.entry("hireDate", "Hire_Date"),
            Map.entry("status", "Worker_Status")));

    private final Map<String, String> sourceKeys;

    FieldMapping(Map<String, String> sourceKeys) {
        this.sourceKeys = sourceKeys;
    }

    /** The key under which this HRIS sends the given field of {@link EmployeeRecord}. */
    public String sourceKey(String field) {
        return sourceKeys.get(field);
    }
}
